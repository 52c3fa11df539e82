//! The only door to IndexedDB. One async function per user action, one transaction inside it:
//! read what the rule needs, apply the pure domain rule, write, `commit().await`. Because
//! indexed_db_futures 0.6 rolls a transaction back unless it is committed, every `?` before the
//! commit leaves the database exactly as it was.
//!
//! Nothing but IndexedDB requests is awaited while a transaction is open (awaiting anything else
//! would let the browser auto-commit it half-way).
//!
//! The floor — `records` (stored types), `schema` (stores, indexes, migrations), `tx` (shared
//! readers inside a transaction), `error`, `clock` — imports nothing above it; every area file
//! (`orgs`, `ratings`, `review`, `ledger`, …) imports only the floor, never another area.

mod clock;
mod error;
pub mod records;
pub mod schema;
pub mod tx;

pub mod backup;
pub mod dues;
pub mod instructors;
pub mod key_tasks;
pub mod ledger;
pub mod member_ratings;
pub mod members_overview;
pub mod meta;
pub mod mobile;
pub mod orgs;
pub mod packages;
pub mod pipeline;
pub mod ratings;
pub mod requests;
pub mod review;
pub mod roles;
pub mod units;

pub use clock::{new_id, now_iso, offset_minutes_at, this_month, today};
pub use error::{SaveError, StoreError, WriteError};
pub use indexed_db_futures::database::Database;
pub use schema::{open_db, DB_NAME, DB_VERSION};
