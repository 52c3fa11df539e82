//! The mobile members whose two-monthly report is overdue — on the dashboard (every branch) and
//! on a branch's page (`/orgs/:id`, that branch only). Nothing is shown while nobody of the scope
//! is away.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::members::mobile::overdue_reports;
use crate::i18n::{fill, K};
use crate::store::{mobile as mobile_store, orgs as org_store};
use crate::ui::context::{db, tr, AppContext};

/// The card; `branch` limits it to one branch.
#[component]
pub fn MobileOverdueCard(#[prop(optional)] branch: Option<String>) -> impl IntoView {
    let ctx = AppContext::get();
    let data = LocalResource::new(move || {
        ctx.revision.track();
        async move {
            let db = db();
            Ok::<_, crate::store::StoreError>((
                mobile_store::list_periods(&db).await?,
                org_store::list_members(&db).await?,
                org_store::list_orgs(&db).await?,
            ))
        }
    });
    move || {
        let (periods, members, orgs) = data.get()?.ok()?;
        let periods: Vec<_> = periods.into_iter().filter(|p| branch.as_ref().is_none_or(|b| p.branch == *b)).collect();
        if !periods.iter().any(|p| p.is_open()) {
            return None;
        }
        let overdue = overdue_reports(&periods, crate::store::today());
        let name = |id: &str| members.iter().find(|m| m.id == id).map_or_else(|| id.to_string(), |m| m.name.clone());
        let org = |id: &str| orgs.iter().find(|o| o.id == id).map_or_else(|| id.to_string(), |o| o.name.clone());
        let lines: Vec<(String, String, i64)> = overdue
            .iter()
            .take(8)
            .map(|o| {
                let label = if branch.is_some() {
                    name(&o.member)
                } else {
                    format!("{} · {}", org(&o.branch), name(&o.member))
                };
                (label, format!("/members/mobile/{}", o.period), o.days)
            })
            .collect();
        let count = overdue.len();
        let page = format!("/members/mobile?branch={}", branch.clone().unwrap_or_default());
        Some(view! {
            <section class="card" aria-labelledby="mobile-overdue-title" data-testid="mobile-overdue">
                <h2 id="mobile-overdue-title">{tr(K::MmOverdueTitle)}" "<span class="badge badge-open">{count}</span></h2>
                {if lines.is_empty() {
                    view! { <p class="hint">{tr(K::MmOverdueNone)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="queue-list">
                            {lines.into_iter().map(|(label, href, days)| view! {
                                <li data-testid="mobile-overdue-item"><A href=href>{label}</A>" "<span class="overdue">"⚠ "{move || fill(ctx.t(K::MmOverdueLine), &[&days.to_string()])}</span></li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
                <div class="actions"><A href=page attr:class="btn">{tr(K::MmOpenPage)}</A></div>
            </section>
        })
    }
}
