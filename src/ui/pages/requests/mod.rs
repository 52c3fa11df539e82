//! The enterprise requests (企业有话说): the list with its filters, the year's counts and the
//! committee's time limit (`/requests`), the 点单 form (`/requests/new[?unit=ID]`), and a request
//! with its progress and the form of its next step (`/requests/:id`). Every rule they apply —
//! the next step, the forms' reading, the filters, overdue, the counts — is
//! `domain::requests`; writes are the committee administrator's.

mod counts;
mod detail;
mod form;
mod list;
mod step_form;

pub use detail::RequestPage;
pub use form::RequestNew;
pub use list::RequestsPage;

use leptos::prelude::*;

use crate::domain::requests::Status;
use crate::i18n::K;
use crate::ui::context::tr;
use crate::ui::text::requests as text;

/// A status as a chip; its colour comes from `data-status`.
fn status_chip(status: Status) -> impl IntoView {
    view! { <span class="chip rq-status" data-status=status.code()>{tr(text::status(status))}</span> }
}

/// Days open, with the overdue badge when past due.
fn days_cell(days: u32, overdue: Option<u32>) -> impl IntoView {
    let ctx = crate::ui::context::AppContext::get();
    view! {
        <span class="nowrap">{move || text::days(days, ctx.locale.get())}</span>
        {overdue.map(|late| view! {
            " "<span class="badge rq-overdue" data-testid="overdue-badge">
                {move || crate::i18n::fill(ctx.t(K::RqOverdueDays), &[&late.to_string()])}
            </span>
        })}
    }
}
