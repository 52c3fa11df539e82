//! A unit's enterprise requests on its page: each with its category, day and status, linking to
//! the request, and for the committee a link that raises a new one for this unit.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::device::roles::Action;
use crate::domain::requests::Request;
use crate::i18n::{fill, K};
use crate::store::{self, instructors as settings_store, requests as request_store, StoreError};
use crate::ui::components::AsyncView;
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::requests as text;

/// The requests `unit` raised, the latest first.
#[component]
pub(super) fn UnitRequests(unit: String) -> impl IntoView {
    let ctx = AppContext::get();
    let id = unit.clone();
    let requests = LocalResource::new(move || {
        ctx.revision.track();
        let id = id.clone();
        async move {
            let db = db();
            let due_days = settings_store::settings(&db).await?.request_due_days;
            let mut requests = request_store::requests_of(&db, &id).await?;
            requests.sort_by(|a, b| b.raised_on.cmp(&a.raised_on).then_with(|| a.id.cmp(&b.id)));
            Ok::<_, StoreError>((requests, due_days))
        }
    });
    let new_href = format!("/requests/new?unit={unit}");
    view! {
        <section class="card unit-requests" aria-labelledby="unit-requests-title" data-testid="unit-requests">
            <div class="page-head">
                <h2 id="unit-requests-title">{tr(K::RqNav)}</h2>
                <Show when=move || ctx.may(Action::EditUnits)>
                    <A href=new_href.clone() attr:class="btn" attr:data-testid="unit-request-new">"+ "{tr(K::RqNewRequest)}</A>
                </Show>
            </div>
            <AsyncView resource=requests let:loaded>
                {listed(loaded.0, loaded.1)}
            </AsyncView>
        </section>
    }
}

/// The list, or a line saying there is none.
fn listed(requests: Vec<Request>, due_days: u32) -> AnyView {
    let ctx = AppContext::get();
    let today = store::today();
    if requests.is_empty() {
        return view! { <p class="hint">{tr(K::RqUnitNone)}</p> }.into_any();
    }
    view! {
        <ul class="plain-list">
            {requests.into_iter().map(|r| {
                let status = r.status();
                let late = r.overdue(due_days, today);
                view! {
                    <li data-request=r.id.clone()>
                        <A href=format!("/requests/{}", r.id)>{tr(text::category(r.category))}" · "{r.raised_on.to_string()}</A>
                        " "<span class="chip rq-status" data-status=status.code()>{tr(text::status(status))}</span>
                        {late.map(|days| view! {
                            " "<span class="badge rq-overdue">{move || fill(ctx.t(K::RqOverdueDays), &[&days.to_string()])}</span>
                        })}
                        <p class="hint rq-unit-text">{r.text.clone()}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
