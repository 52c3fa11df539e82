//! The org tree (`/orgs`), an org's form with its members (`/orgs/new`, `/orgs/:id`) and the
//! spreadsheet import (`/orgs/import`).

mod edit;
mod import;
mod members;

pub use edit::OrgEdit;
pub use import::OrgImport;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::device::roles::Action;
use crate::domain::org::{self, OrgKind};
use crate::i18n::K;
use crate::ui::components::{col, AsyncView, EmptyState, Table};
use crate::ui::context::{tr, AppContext};
use crate::ui::data::{use_registry, Registry};
use crate::ui::text;

/// The org tree with search and the way to add orgs.
#[component]
pub fn Orgs() -> impl IntoView {
    let ctx = AppContext::get();
    let registry = use_registry();
    let query = RwSignal::new(String::new());
    let show_archived = RwSignal::new(false);
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{tr(K::NavOrgs)}</h1>
                <Show when=move || ctx.may(Action::EditOrgs)>
                    <div class="head-actions">
                        <A href="/orgs/import" attr:class="btn" attr:data-testid="org-import-link">{tr(K::ImpTitle)}</A>
                        <A href="/orgs/new" attr:class="btn btn-primary">"+ "{tr(K::NewOrg)}</A>
                    </div>
                </Show>
            </div>
            <div class="toolbar">
                <label class="search">
                    <span class="visually-hidden">{tr(K::SearchByName)}</span>
                    <input
                        type="search"
                        bind:value=query
                        placeholder=tr(K::SearchByName)
                        data-testid="org-search"
                    />
                </label>
                <label class="check">
                    <input type="checkbox" bind:checked=show_archived />
                    {tr(K::ShowArchived)}
                </label>
            </div>
            <AsyncView resource=registry let:registry>
                <OrgTree registry query show_archived />
            </AsyncView>
        </section>
    }
}

#[component]
fn OrgTree(registry: Registry, query: RwSignal<String>, show_archived: RwSignal<bool>) -> impl IntoView {
    let rows = move || {
        let query = query.get();
        let show_archived = show_archived.get();
        let hits: Vec<String> = org::search(&registry.orgs, &query).into_iter().map(|o| o.id.clone()).collect();
        org::tree_order(&registry.orgs)
            .into_iter()
            .filter(|(o, _)| (show_archived || !o.archived) && hits.contains(&o.id))
            .map(|(o, depth)| {
                let members = registry.members.iter().filter(|m| m.branch == o.id && m.status.is_active()).count();
                (o.clone(), depth, members)
            })
            .collect::<Vec<_>>()
    };
    view! {
        {move || {
            let rows = rows();
            if rows.is_empty() {
                return view! { <EmptyState message=K::NoOrgsFound /> }.into_any();
            }
            view! {
                <div class="table-wrap" tabindex="0">
                    <Table testid="org-tree" cols=vec![col(K::Name), col(K::Kind), col(K::Category), col(K::Secretary), col(K::StatMembers).class("num")]>
                            {rows
                                .into_iter()
                                .map(|(o, depth, members)| {
                                    let indent = format!("{}rem", 0.75 + depth as f32 * 1.5);
                                    let href = format!("/orgs/{}", o.id);
                                    let is_branch = o.kind == OrgKind::Branch;
                                    view! {
                                        <tr class:archived=o.archived>
                                            <td style:padding-inline-start=indent>
                                                <A href=href>{o.name.clone()}</A>
                                                {o.archived.then(|| view! { <span class="badge badge-muted">{tr(K::Archived)}</span> })}
                                            </td>
                                            <td>{tr(text::org_kind(o.kind))}</td>
                                            <td>{o.category.map(|c| view! { <span class="chip">{tr(text::category(c))}</span> })}</td>
                                            <td>{o.secretary.clone()}</td>
                                            <td class="num">{is_branch.then_some(members)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                    </Table>
                </div>
            }
                .into_any()
        }}
    }
}
