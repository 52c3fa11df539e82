//! The only door to IndexedDB. One async function per user action, one transaction inside it:
//! read what the rule needs, apply the pure domain rule, write, `commit().await`. Because
//! indexed_db_futures 0.6 rolls a transaction back unless it is committed, every `?` before the
//! commit leaves the database exactly as it was.
//!
//! Nothing but IndexedDB requests is awaited while a transaction is open (awaiting anything else
//! would let the browser auto-commit it half-way).

pub mod backup;
mod error;
pub mod key_tasks;
pub mod ledger;
pub mod meta;
pub mod orgs;
pub mod packages;
pub mod ratings;
pub mod review;
pub mod roles;
pub mod schema;

pub use error::{SaveError, StoreError};
pub use indexed_db_futures::database::Database;
pub use schema::{open_db, DB_NAME, DB_VERSION};

/// Current time as an ISO-8601 UTC string, for history entries.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today's local calendar date, for "not in the future" rules.
pub fn today() -> crate::domain::values::date::Date {
    let now = js_sys::Date::new_0();
    crate::domain::values::date::Date::new(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or_else(|| crate::domain::values::date::Date::new(2026, 1, 1).expect("constant date"))
}

/// The month today falls in.
pub fn this_month() -> crate::domain::values::period::Month {
    crate::domain::values::period::Month::of(today())
}

/// A fresh unique id (UUID v4 from the browser's CSPRNG).
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("id-{}", js_sys::Date::now() as u64))
}
