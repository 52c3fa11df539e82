//! The dashboard's backup reminder: shown only to whoever may back up, with a way to act on it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::device::roles::Action;
use crate::i18n::K;
use crate::ui::context::{tr, AppContext};
use crate::ui::data::use_backup_status;
use crate::ui::text;

#[component]
pub fn BackupNudge() -> impl IntoView {
    let ctx = AppContext::get();
    let status = use_backup_status();
    move || {
        let reminder = status.get()?.reminder().filter(|_| ctx.may(Action::ManageData))?;
        Some(view! {
            <p class="notice notice-update" role="note" data-testid="dashboard-backup-reminder">
                <span>{move || text::backup_reminder(reminder, ctx.locale.get())}</span>
                <A href="/settings#backup-title" attr:class="btn">{tr(K::BkGoBackup)}</A>
            </p>
        })
    }
}
