//! The development pipeline (发展党员): `/members/pipeline[?branch=]` — who is at which stage,
//! what comes next from when and by when, the overdue steps first; `/members/pipeline/new` an
//! application; `/members/pipeline/:id` one person's steps with the form of the next.

mod new;
mod person;

pub use new::PipelineNew;
pub use person::PipelinePerson;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::domain::device::roles::Action;
use crate::domain::members::pipeline::{next_steps, stage_counts, Candidate, Stage};
use crate::domain::members::settings::MemberSettings;
use crate::domain::org::{Member, Org};
use crate::i18n::K;
use crate::store::{self, orgs as org_store, pipeline as pipeline_store, StoreError};
use crate::ui::components::{col, AsyncView, BranchSelect, EmptyState, MembersTabs, Table};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::pipeline as text;

/// Everything the pipeline pages show.
#[derive(Clone, Debug, PartialEq, Default)]
pub(super) struct PipelineView {
    pub(super) candidates: Vec<Candidate>,
    pub(super) members: Vec<Member>,
    pub(super) orgs: Vec<Org>,
    pub(super) settings: MemberSettings,
}

impl PipelineView {
    pub(super) fn branch_name(&self, id: &str) -> String {
        self.orgs.iter().find(|o| o.id == id).map_or_else(|| id.to_string(), |o| o.name.clone())
    }
}

pub(super) fn use_pipeline() -> LocalResource<Result<PipelineView, StoreError>> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        async move {
            let db = db();
            let data = pipeline_store::load_pipeline(&db).await?;
            Ok(PipelineView {
                candidates: data.candidates,
                members: data.members,
                orgs: org_store::list_orgs(&db).await?,
                settings: data.settings,
            })
        }
    })
}

/// The list.
#[component]
pub fn PipelinePage() -> impl IntoView {
    let ctx = AppContext::get();
    let data = use_pipeline();
    let query = use_query_map();
    view! {
        <section class="page members-page">
            <MembersTabs />
            <div class="page-head">
                <h1>{tr(K::PlTitle)}</h1>
            </div>
            <p class="hint">{tr(K::PlHint)}</p>
            <AsyncView resource=data let:data>
                {move || {
                    let session_branch = ctx.session.with(|s| s.branch.clone());
                    let branch = query.read().get("branch").filter(|b| !b.is_empty()).or(session_branch);
                    view! { <PipelineList data=data.clone() branch /> }
                }}
            </AsyncView>
        </section>
    }
}

#[component]
fn PipelineList(data: PipelineView, branch: Option<String>) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let show_closed = RwSignal::new(false);
    let today = store::today();
    let locked = ctx.session.with_untracked(|s| s.branch.is_some());
    let may_add = branch.as_deref().map_or(ctx.may(Action::EditOrgs), |b| ctx.may(Action::EditMembers(b)));
    let in_scope: Vec<Candidate> =
        data.candidates.iter().filter(|c| branch.as_ref().is_none_or(|b| &c.branch == b)).cloned().collect();
    let counts = stage_counts(&in_scope, today);
    let new_href = match &branch {
        Some(b) => format!("/members/pipeline/new?branch={b}"),
        None => "/members/pipeline/new".to_string(),
    };
    let pick = Callback::new(move |picked: Option<String>| {
        let path = picked.map_or_else(|| "/members/pipeline".to_string(), |b| format!("/members/pipeline?branch={b}"));
        navigate(&path, Default::default());
    });
    let settings = data.settings.clone();
    let rows = move || {
        let mut rows: Vec<(Candidate, Vec<_>)> = in_scope
            .iter()
            .filter(|c| show_closed.get() || c.is_open())
            .map(|c| (c.clone(), next_steps(c, &settings)))
            .collect();
        // Overdue first, then by the first deadline or waiting day, then by name.
        rows.sort_by_key(|(c, steps)| {
            let overdue = steps.iter().any(|d| d.is_overdue(today));
            let first = steps.iter().filter_map(|d| d.by.or(d.from)).min();
            (!overdue, first, c.name.clone())
        });
        rows
    };
    let names = data.clone();
    view! {
        <div class="toolbar">
            {(!locked).then(|| view! {
                <BranchSelect orgs=data.orgs.clone() current=branch.clone() label=K::PlColBranch testid="pl-branch" on_pick=pick />
            })}
            <label class="check">
                <input type="checkbox" bind:checked=show_closed data-testid="pl-show-closed" />
                {tr(K::PlShowClosed)}
            </label>
            {may_add.then(|| view! { <A href=new_href attr:class="btn btn-primary" attr:data-testid="pl-new">"+ "{tr(K::PlNew)}</A> })}
        </div>
        <ul class="pl-counts" aria-label=tr(K::PlCounts) data-testid="pl-counts">
            {Stage::ALL.into_iter().map(|s| view! {
                <li class="card stat" data-figure=s.code()>
                    <span class="stat-value">{counts.get(s)}</span>
                    <span class="stat-label">{tr(text::stage(s))}</span>
                </li>
            }).collect_view()}
        </ul>
        {move || {
            let rows = rows();
            if rows.is_empty() {
                return view! { <EmptyState message=K::PlEmpty /> }.into_any();
            }
            let names = names.clone();
            view! {
                <div class="table-wrap" tabindex="0">
                    <Table testid="pl-list" cols=vec![col(K::PlColName), col(K::PlColBranch), col(K::PlColStage), col(K::PlColNext), col(K::PlColFrom), col(K::PlColBy)]>
                        {rows.into_iter().map(|(c, steps)| {
                            let overdue = steps.iter().any(|d| d.is_overdue(today));
                            let stage = c.stage();
                            let cancelled = c.cancelled.is_some();
                            let first = steps.first().copied();
                            view! {
                                <tr data-candidate=c.id.clone() class:row-attention=overdue>
                                    <th scope="row"><A href=format!("/members/pipeline/{}", c.id)>{c.name.clone()}</A></th>
                                    <td>{names.branch_name(&c.branch)}</td>
                                    <td>
                                        {if cancelled {
                                            view! { <span class="badge badge-muted">{tr(K::PlCancelledBadge)}</span> }.into_any()
                                        } else {
                                            view! { <span class="chip">{tr(text::stage(stage))}</span> }.into_any()
                                        }}
                                    </td>
                                    <td>
                                        {steps.iter().map(|d| view! { <span class="pl-step">{tr(text::next(d.step))}</span> }).collect_view()}
                                        {overdue.then(|| view! { <span class="badge badge-danger">{tr(K::PlOverdue)}</span> })}
                                    </td>
                                    <td>{first.and_then(|d| d.from).map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</td>
                                    <td class:overdue=overdue>{steps.iter().filter_map(|d| d.by).min().map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                </div>
            }.into_any()
        }}
    }
}
