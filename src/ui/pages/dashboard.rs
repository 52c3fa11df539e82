use leptos::prelude::*;
use leptos_router::components::A;

use super::{use_registry, Registry};
use crate::domain::org::OrgKind;
use crate::domain::Category;
use crate::i18n::K;
use crate::ui::components::Loading;
use crate::ui::context::{tr, AppContext};
use crate::ui::text;

/// Landing page: the organisation at a glance.
#[component]
pub fn Dashboard() -> impl IntoView {
    let registry = use_registry();
    view! {
        <section class="page">
            <h1>{tr(K::NavDashboard)}</h1>
            {move || match registry.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => {
                    view! { <p class="notice notice-error">{move || text::store_error(&error, AppContext::get().locale.get())}</p> }
                        .into_any()
                }
                Some(Ok(registry)) => view! { <Overview registry /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Overview(registry: Registry) -> impl IntoView {
    let active = |kind: OrgKind| registry.orgs.iter().filter(|o| o.kind == kind && !o.archived).count();
    let branches = active(OrgKind::Branch);
    let committees = active(OrgKind::Committee) + active(OrgKind::GeneralBranch);
    let members = registry.members.iter().filter(|m| m.status.is_active()).count();
    let without_secretary = registry
        .orgs
        .iter()
        .filter(|o| o.kind == OrgKind::Branch && !o.archived && o.secretary.is_empty())
        .count();
    let per_category: Vec<(Category, usize)> = Category::ALL
        .into_iter()
        .map(|c| (c, registry.orgs.iter().filter(|o| o.category == Some(c) && !o.archived).count()))
        .collect();
    let widest = per_category.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    view! {
        <div class="cards" data-testid="dashboard-cards">
            <div class="card stat">
                <span class="stat-value">{branches}</span>
                <span class="stat-label">{tr(K::StatBranches)}</span>
            </div>
            <div class="card stat">
                <span class="stat-value">{members}</span>
                <span class="stat-label">{tr(K::StatMembers)}</span>
            </div>
            <div class="card stat">
                <span class="stat-value">{committees}</span>
                <span class="stat-label">{tr(K::StatUpperOrgs)}</span>
            </div>
            <div class="card stat" class:stat-warn={without_secretary > 0}>
                <span class="stat-value">{without_secretary}</span>
                <span class="stat-label">{tr(K::StatNoSecretary)}</span>
            </div>
        </div>
        <div class="grid-2">
            <section class="card" aria-labelledby="by-category">
                <h2 id="by-category">{tr(K::BranchesByCategory)}</h2>
                <ul class="bars">
                    {per_category
                        .into_iter()
                        .map(|(category, count)| {
                            let width = format!("width: {}%", count * 100 / widest);
                            view! {
                                <li>
                                    <span class="bar-label">{tr(text::category(category))}</span>
                                    <span class="bar-track"><span class="bar-fill" style=width></span></span>
                                    <span class="bar-value">{count}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="next-steps">
                <h2 id="next-steps">{tr(K::NextSteps)}</h2>
                <p>{tr(K::RatingsAppearHere)}</p>
                <div class="actions">
                    <A href="/orgs" attr:class="btn btn-primary">{tr(K::ManageOrgs)}</A>
                    <A href="/orgs/new" attr:class="btn">{tr(K::NewOrg)}</A>
                </div>
            </section>
        </div>
    }
}
