//! The e-ledger (电子台账): every branch's month at a glance (`/ledger`), one branch's month,
//! calendar, records and attendance (`/ledger/:branch`), and the record form with attendance,
//! minutes and attachments (`/ledger/:branch/new`, `/ledger/:branch/:record`).
//!
//! What is due, done or overdue comes from [`ledger::obligations`] under the active rubric's
//! ledger rules; attendance from [`ledger::attendance_by_member`]. Files are shown through object
//! URLs, each revoked when the form goes away.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::domain::ledger::ObligationState;
use crate::domain::org::Org;
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;
use crate::i18n::K;
use crate::ui::components::BranchSelect;
use crate::ui::context::tr;

fn state_key(state: ObligationState) -> K {
    match state {
        ObligationState::Done => K::LgStateDone,
        ObligationState::Due => K::LgStateDue,
        ObligationState::Overdue => K::LgStateOverdue,
        ObligationState::NotYetDue => K::LgStateNotYetDue,
    }
}

/// The state as a word with an icon, so it never rests on colour alone.
fn state_badge(state: ObligationState) -> impl IntoView {
    let (class, icon) = match state {
        ObligationState::Done => ("ob-badge ob-done", "✓"),
        ObligationState::Due => ("ob-badge ob-due", "○"),
        ObligationState::Overdue => ("ob-badge ob-overdue", "!"),
        ObligationState::NotYetDue => ("ob-badge ob-later", "…"),
    };
    view! {
        <span class=class>
            <span class="ob-icon" aria-hidden="true">{icon}</span>
            {tr(state_key(state))}
        </span>
    }
}

/// A file size as people read it: `340 KB`, `1.3 MB`, `5 MB`. Rounded up, so a file just over
/// a limit never reads as the limit itself.
pub fn file_size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    if b >= MB {
        let text = format!("{:.1}", (b / MB * 10.0).ceil() / 10.0);
        format!("{} MB", text.strip_suffix(".0").unwrap_or(&text))
    } else {
        format!("{} KB", ((b / 1024.0).ceil() as u64).max(1))
    }
}

fn percent(rate: Option<Points>) -> String {
    rate.map_or_else(|| "—".to_string(), |p| format!("{p}%"))
}

fn month_from_query() -> Memo<Month> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("month").and_then(|m| m.parse().ok()).unwrap_or_else(crate::store::this_month))
}

/// Month picker: previous and next as links, any month through the input.
#[component]
fn MonthPicker(month: Month, base: String) -> impl IntoView {
    let navigate = use_navigate();
    let href = {
        let base = base.clone();
        move |m: Option<Month>| m.map(|m| format!("{base}?month={m}"))
    };
    let previous = href(month.previous());
    let next = href(month.next());
    let on_change = move |ev: leptos::ev::Event| {
        if let Ok(m) = event_target_value(&ev).parse::<Month>() {
            navigate(&format!("{base}?month={m}"), Default::default());
        }
    };
    view! {
        <div class="month-picker">
            {previous.map(|href| view! { <A href=href attr:class="btn" attr:aria-label=tr(K::LgPrevMonth)>"‹"</A> })}
            <label class="inline-field">
                <span>{tr(K::Month)}</span>
                <input type="month" value=month.to_string() on:change=on_change data-testid="ledger-month" />
            </label>
            {next.map(|href| view! { <A href=href attr:class="btn" attr:aria-label=tr(K::LgNextMonth)>"›"</A> })}
        </div>
    }
}

/// Branch picker: opens the chosen branch's ledger in the same month.
#[component]
fn BranchPicker(orgs: Vec<Org>, current: Option<String>, month: Month) -> impl IntoView {
    let navigate = use_navigate();
    let on_pick = Callback::new(move |id: Option<String>| {
        let path = match id {
            None => format!("/ledger?month={month}"),
            Some(id) => format!("/ledger/{id}?month={month}"),
        };
        navigate(&path, Default::default());
    });
    view! { <BranchSelect orgs current label=K::Branch testid="ledger-branch-picker" on_pick /> }
}

mod branch;
mod overview;
mod record;
mod record_form;
mod record_parts;
mod record_state;

pub use branch::BranchLedgerPage;
pub use overview::LedgerOverviewPage;
pub use record::RecordPage;
