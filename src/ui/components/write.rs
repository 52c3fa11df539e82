//! One way to write: a user's write runs as a local [`Action`], so its button can follow
//! `pending`, a second click while it runs is ignored, and the outcome is reported the same way
//! everywhere (every page refetches after a save; the notice says how it went).

use std::future::Future;

use leptos::prelude::*;

use crate::i18n::Locale;
use crate::ui::context::AppContext;

/// How a write ended, already in the user's words.
pub enum Done {
    /// The data changed: every page refetches and the text is shown as a success.
    Saved(String),
    /// The data changed; the page shows the result itself.
    SavedQuietly,
    /// Nothing the pages show changed (an export, a question to the browser): the text is shown
    /// as a success and nothing refetches.
    Reported(String),
    /// The write failed; the text is shown as an error.
    Failed(String),
    /// Nothing to report (the page shows the reason inline).
    Quiet,
}

/// A user's write, dispatched with [`Write::run`].
pub struct Write<I: 'static> {
    action: Action<I, ()>,
    pending: Memo<bool>,
}

impl<I: 'static> Clone for Write<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for Write<I> {}

impl<I: Clone + 'static> Write<I> {
    /// `write` gets the input and the language at the time of the click.
    pub fn new<F, Fu>(write: F) -> Self
    where
        F: Fn(I, Locale) -> Fu + 'static,
        Fu: Future<Output = Done> + 'static,
    {
        let ctx = AppContext::get();
        let action = Action::new_local(move |input: &I| {
            let done = write(input.clone(), ctx.locale.get_untracked());
            async move {
                match done.await {
                    Done::Saved(text) => {
                        ctx.success(text);
                        ctx.changed();
                    }
                    Done::SavedQuietly => ctx.changed(),
                    Done::Reported(text) => ctx.success(text),
                    Done::Failed(text) => ctx.failure(text),
                    Done::Quiet => {}
                }
            }
        });
        Write { action, pending: action.pending() }
    }
}

impl<I: 'static> Write<I> {
    /// Starts the write, unless this one is still running: a double submit writes once.
    pub fn run(&self, input: I) {
        if !self.pending_untracked() {
            self.action.dispatch_local(input);
        }
    }

    /// Whether the write is running (tracks), to disable its button.
    pub fn pending(&self) -> bool {
        self.pending.get()
    }

    /// Whether the write is running, without tracking: for a handler that checks before it
    /// validates, so a submit during a save changes nothing on the form.
    pub fn pending_untracked(&self) -> bool {
        self.pending.get_untracked()
    }
}
