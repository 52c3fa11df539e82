//! What every page needs: the open database, the language, and a revision counter that pages
//! read to refetch after any write.

use std::cell::OnceCell;

use leptos::prelude::*;

use crate::domain::device::roles::{Action, Session};
use crate::i18n::{Locale, K};
use crate::store::Database;

thread_local! {
    // The app has exactly one database for its whole life; a thread-local keeps the non-Send
    // JS handle out of the reactive system, which wants Send values.
    static DB: OnceCell<Database> = const { OnceCell::new() };
}

/// Installs the opened database; called once at start-up.
pub fn set_db(db: Database) {
    DB.with(|cell| {
        let _ = cell.set(db);
    });
}

/// The open database. Pages only render after start-up has installed it.
pub fn db() -> Database {
    DB.with(|cell| cell.get().cloned()).expect("database opened before pages render")
}

/// Shared UI state, provided at the root.
#[derive(Clone, Copy)]
pub struct AppContext {
    /// Current UI language.
    pub locale: RwSignal<Locale>,
    /// Bumped after every successful write; resources that read it refetch.
    pub revision: RwSignal<u64>,
    /// A short message shown in the status area (success or failure of the last action).
    pub notice: RwSignal<Option<Notice>>,
    /// Who is using the device: the local role, and a secretary's branch.
    pub session: RwSignal<Session>,
    /// Whether this browser is held on the kiosk display (the device-only `kiosk_lock`).
    pub kiosk_locked: RwSignal<bool>,
}

/// A transient status message.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Error or success.
    pub is_error: bool,
    /// Already translated text.
    pub text: String,
}

impl AppContext {
    /// The context provided by [`crate::ui::App`].
    pub fn get() -> AppContext {
        expect_context::<AppContext>()
    }

    /// Translates a key in the current language (tracks the language signal).
    pub fn t(&self, key: K) -> &'static str {
        key.text(self.locale.get())
    }

    /// Whether the current role may do `action` (tracks the session, so views follow a switch).
    pub fn may(&self, action: Action<'_>) -> bool {
        self.session.with(|s| s.may(action))
    }

    /// Marks the data as changed so every page refetches.
    pub fn changed(&self) {
        self.revision.update(|r| *r += 1);
    }

    /// Shows a success message.
    pub fn success(&self, text: String) {
        self.notice.set(Some(Notice { is_error: false, text }));
    }

    /// Shows a failure message.
    pub fn failure(&self, text: String) {
        self.notice.set(Some(Notice { is_error: true, text }));
    }
}

/// Shorthand for a reactive translated text in a view: `{tr(K::NavDashboard)}`.
pub fn tr(key: K) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let ctx = AppContext::get();
    move || ctx.t(key)
}
