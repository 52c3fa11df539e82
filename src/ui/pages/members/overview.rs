//! `/members`: per branch, where its members' work stands today — people per pipeline stage and
//! overdue steps, this month's dues collection rate and the members flagged for unpaid dues, and
//! mobile members whose report is overdue. The same figures as `starbranch members` (one domain
//! function, `members::summary::branch_summaries`). A branch secretary sees their own branch.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::members::dues::DuesFlag;
use crate::domain::members::pipeline::Stage;
use crate::domain::members::summary::{branch_summaries, BranchMembers};
use crate::domain::values::period::Month;
use crate::i18n::{fill, K};
use crate::store::{self, members_overview, StoreError};
use crate::ui::components::{col, AsyncView, EmptyState, MembersTabs, Table};
use crate::ui::context::{db, tr, AppContext};

fn use_overview() -> LocalResource<Result<Vec<BranchMembers>, StoreError>> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        async move {
            let records = members_overview::load(&db()).await?;
            Ok(branch_summaries(&records, store::today()))
        }
    })
}

/// The overview page.
#[component]
pub fn MembersHome() -> impl IntoView {
    let ctx = AppContext::get();
    let overview = use_overview();
    let month = Month::of(store::today());
    view! {
        <section class="page members-page">
            <MembersTabs />
            <div class="page-head">
                <h1>{tr(K::MbOverviewTitle)}</h1>
            </div>
            <p class="hint">{move || fill(ctx.t(K::MbOverviewHint), &[&month.to_string()])}</p>
            <AsyncView resource=overview let:rows>
                <OverviewTable rows />
            </AsyncView>
        </section>
    }
}

#[component]
fn OverviewTable(rows: Vec<BranchMembers>) -> impl IntoView {
    let ctx = AppContext::get();
    let own = ctx.session.get_untracked().branch;
    let rows: Vec<BranchMembers> = rows.into_iter().filter(|r| own.as_ref().is_none_or(|b| b == &r.branch)).collect();
    if rows.is_empty() {
        return view! { <EmptyState message=K::MbOverviewEmpty /> }.into_any();
    }
    let attention = rows.iter().filter(|r| r.needs_attention()).count();
    let warn = attention > 0;
    let stages = [Stage::Applicant, Stage::Activist, Stage::Candidate, Stage::Probationary];
    let mut cols = vec![col(K::Name), col(K::StatMembers).class("num")];
    cols.extend(stages.iter().map(|s| col(stage_label(*s)).class("num")));
    cols.extend([
        col(K::MbColOverdueSteps).class("num"),
        col(K::MbColDuesRate).class("num"),
        col(K::MbColUnpaid).class("num"),
        col(K::MbColMobileOverdue).class("num"),
    ]);
    view! {
        <p class="notice" class:notice-warn=warn data-testid="members-attention">
            {move || if attention == 0 { ctx.t(K::MbNothingOverdue).to_string() } else { fill(ctx.t(K::MbAttention), &[&attention.to_string()]) }}
        </p>
        <div class="table-wrap" tabindex="0">
            <Table testid="members-overview" cols>
                {rows
                    .into_iter()
                    .map(|r| {
                        let unpaid_class = if r.unpaid.iter().any(|u| u.flag == DuesFlag::Prominent) {
                            "badge badge-danger"
                        } else {
                            "badge badge-warn"
                        };
                        let rate = r
                            .dues_rate
                            .and_then(|d| d.percent())
                            .map(|p| format!("{} %", p.fixed()));
                        let overdue = r.overdue_steps.len();
                        let unpaid = r.unpaid.len();
                        let mobile = r.mobile_overdue.len();
                        let needs_attention = r.needs_attention();
                        let href = format!("/orgs/{}", r.branch);
                        view! {
                            <tr data-branch=r.branch.clone() class:row-attention=needs_attention>
                                <th scope="row"><A href=href>{r.name.clone()}</A></th>
                                <td class="num" data-figure="members">{r.members}</td>
                                {stages.iter().map(|s| view! { <td class="num" data-figure=s.code()>{r.pipeline.get(*s)}</td> }).collect_view()}
                                <td class="num" data-figure="overdue_steps">
                                    {if overdue == 0 { view! { <span class="muted">"0"</span> }.into_any() } else {
                                        view! { <A href="/members/pipeline" attr:class="badge badge-danger">{overdue}</A> }.into_any()
                                    }}
                                </td>
                                <td class="num" data-figure="dues_rate">{rate.unwrap_or_else(|| "—".to_string())}</td>
                                <td class="num" data-figure="unpaid">
                                    {if unpaid == 0 { view! { <span class="muted">"0"</span> }.into_any() } else {
                                        view! {
                                            <A href="/members/dues" attr:class=unpaid_class>
                                                {unpaid}
                                            </A>
                                        }.into_any()
                                    }}
                                </td>
                                <td class="num" data-figure="mobile_overdue">
                                    {if mobile == 0 { view! { <span class="muted">"0"</span> }.into_any() } else {
                                        view! { <A href="/members/mobile" attr:class="badge badge-danger">{mobile}</A> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </Table>
        </div>
    }
    .into_any()
}

fn stage_label(stage: Stage) -> K {
    match stage {
        Stage::Applicant => K::MbStageApplicant,
        Stage::Activist => K::MbStageActivist,
        Stage::Candidate => K::MbStageCandidate,
        Stage::Probationary | Stage::Full => K::MbStageProbationary,
    }
}
