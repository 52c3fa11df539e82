//! `/tasks/:branch`: one branch's tasks by due date; report one done, undo a report.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::completion::CompletionForm;
use super::{indicator_name, store_failure, use_board, Status, ViewSwitch};
use crate::domain::device::roles::Action;
use crate::domain::key_task::{self, Completion, KeyTask};
use crate::domain::org::{Org, OrgKind};
use crate::domain::rating::rubric::Rubric;
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;
use crate::i18n::{fill, K};
use crate::store::key_tasks::{self as task_store, TaskBoard};
use crate::store::today;
use crate::ui::components::{AsyncView, ConfirmDialog, Done, EmptyState, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};

// ── /tasks/:branch: one branch ───────────────────────────────────────────────────────────────

/// The page at `/tasks/:branch`: the branch's tasks by due date, with "mark done" and "undo".
#[component]
pub fn BranchTasksPage() -> impl IntoView {
    let ctx = AppContext::get();
    let params = use_params_map();
    let board = use_board();
    let completing = RwSignal::new(None::<String>);
    view! {
        <section class="page" data-testid="branch-tasks">
            <h1>{tr(K::NavKeyTasks)}</h1>
            <AsyncView resource=board let:board>
                {ctx.session.track();
                let branch = params.read().get("branch").unwrap_or_default();
                view! { <BranchTasks board branch completing /> }}
            </AsyncView>
        </section>
    }
}

#[component]
pub(super) fn BranchTasks(board: TaskBoard, branch: String, completing: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = AppContext::get();
    let today = today();
    let org = board.orgs.iter().find(|o| o.id == branch && o.kind == OrgKind::Branch).cloned();
    let switch = view! { <ViewSwitch orgs=board.orgs.clone() current=Some(branch.clone()) /> };
    let Some(org) = org else {
        return view! {
            <div class="kt-toolbar">{switch}</div>
            <EmptyState message=K::KtBranchNotFound />
        }
        .into_any();
    };

    // Open work first (by due date), then what is done (latest due first).
    let mut tasks: Vec<(KeyTask, Status, Option<Completion>)> = board
        .data
        .tasks
        .iter()
        .filter(|t| t.branches.contains(&branch))
        .map(|t| {
            let completion = key_task::completion_of(&board.data.completions, &t.id, &branch).cloned();
            (t.clone(), key_task::task_state(t, completion.as_ref(), today), completion)
        })
        .collect();
    tasks.sort_by(|(a, _, ca), (b, _, cb)| match (ca.is_some(), cb.is_some()) {
        (false, false) => (a.due, &a.id).cmp(&(b.due, &b.id)),
        (true, true) => (b.due, &b.id).cmp(&(a.due, &a.id)),
        (done_a, done_b) => done_a.cmp(&done_b),
    });
    let is_empty = tasks.is_empty();

    let undoing = RwSignal::new(None::<(KeyTask, String)>);
    let confirm_open = RwSignal::new(false);
    let org_name = org.name.clone();
    let undo_body = {
        let name = org_name.clone();
        Signal::derive(move || {
            let title = undoing.get().map(|(t, _)| t.title).unwrap_or_default();
            fill(ctx.t(K::KtUndoBody), &[&name, &title])
        })
    };
    let reverting = Write::new(move |(task, branch): (KeyTask, String), locale| async move {
        match task_store::undo_completion(&db(), &task.id, &branch).await {
            Ok(_) => Done::Saved(fill(K::KtUndone.text(locale), &[&task.title])),
            Err(e) => Done::Failed(store_failure(&e, &[], locale)),
        }
    });
    let on_undo = Callback::new(move |()| {
        let Some(pair) = undoing.get_untracked() else { return };
        reverting.run(pair);
    });

    let rubric = board.rubric.clone();
    let orgs = StoredValue::new(board.orgs.clone());
    view! {
        <p class="hint">{tr(K::KtBranchIntro)}</p>
        <div class="kt-toolbar">{switch}</div>
        <h2 class="kt-branch-title">{org_name}</h2>
        {if is_empty {
            view! { <EmptyState message=K::KtNoBranchTasks /> }.into_any()
        } else {
            view! {
                <ul class="kt-list" data-testid="branch-task-list">
                    {tasks
                        .into_iter()
                        .map(|(task, status, completion)| {
                            view! {
                                <BranchTask
                                    task
                                    status
                                    completion
                                    branch=branch.clone()
                                    rubric=rubric.clone()
                                    today
                                    completing
                                    undoing
                                    confirm_open
                                    orgs
                                />
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <ConfirmDialog open=confirm_open title=K::KtUndoTitle body=undo_body confirm_label=K::KtUndo on_confirm=on_undo />
    }
    .into_any()
}

#[component]
pub(super) fn BranchTask(
    task: KeyTask,
    status: Status,
    completion: Option<Completion>,
    branch: String,
    rubric: Rubric,
    today: Date,
    completing: RwSignal<Option<String>>,
    undoing: RwSignal<Option<(KeyTask, String)>>,
    confirm_open: RwSignal<bool>,
    orgs: StoredValue<Vec<Org>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let may_complete = ctx.session.with_untracked(|s| s.may(Action::CompleteTask(&branch)));
    let heading_id = format!("task-{}", task.id);
    let indicator = task.indicator.clone();
    // What finishing today would still earn, by the domain's own rule.
    let worth_now = (status == Status::Overdue).then(|| {
        let today_done =
            Completion { task: task.id.clone(), branch: branch.clone(), done_on: today, evidence: String::new() };
        key_task::task_points(&task, Some(&today_done), Month::of(task.due))
    });
    let full = task.points.to_string();
    // Keyed by task and branch, so switching branches never carries an open form over.
    let task_id = crate::store::records::completion_key(&task.id, &branch);
    let is_open = {
        let id = task_id.clone();
        move || completing.get().as_deref() == Some(id.as_str())
    };
    let open_form = {
        let id = task_id.clone();
        move |_| completing.set(Some(id.clone()))
    };
    let undo = {
        let task = task.clone();
        let branch = branch.clone();
        move |_| {
            undoing.set(Some((task.clone(), branch.clone())));
            confirm_open.set(true);
        }
    };
    let title_label = task.title.clone();
    let title_for_undo = task.title.clone();
    let done = completion.is_some();
    view! {
        <li
            class="card kt-task"
            class:kt-task-overdue=status == Status::Overdue
            class:kt-task-done=done
            data-testid="branch-task"
        >
            <div class="page-head">
                <h3 id=heading_id>{task.title.clone()}</h3>
                {status.badge()}
            </div>
            <dl class="kt-meta">
                <div class:kt-due-overdue=status == Status::Overdue>
                    <dt>{tr(K::DueDate)}</dt>
                    <dd>
                        {(status == Status::Overdue).then(|| view! { <span class="kt-icon kt-icon-overdue" aria-hidden="true">"!"</span> })}
                        {task.due.to_string()}
                    </dd>
                </div>
                <div>
                    <dt>{tr(K::Points)}</dt>
                    <dd>{full.clone()}</dd>
                </div>
                <div>
                    <dt>{tr(K::Indicator)}</dt>
                    <dd>{move || indicator_name(&rubric, &indicator, ctx.locale.get())}</dd>
                </div>
            </dl>
            {(!task.description.is_empty()).then(|| view! { <p class="kt-description">{task.description.clone()}</p> })}
            {worth_now
                .map(|worth| {
                    let full = full.clone();
                    view! {
                        <p class="kt-overdue-note" data-testid="overdue-note">
                            <span class="kt-icon kt-icon-overdue" aria-hidden="true">"!"</span>
                            {move || {
                                if worth > Points::ZERO {
                                    fill(ctx.t(K::KtNowWorth), &[&worth.to_string(), &full])
                                } else {
                                    ctx.t(K::KtNoLongerScored).to_string()
                                }
                            }}
                        </p>
                    }
                })}
            {match completion {
                Some(c) => {
                    view! {
                        <p class="kt-done-line">{move || fill(ctx.t(K::KtDoneLine), &[&c.done_on.to_string(), &c.evidence])}</p>
                        {may_complete.then(|| view! {
                            <div class="actions">
                                <button class="btn" aria-label=move || fill(ctx.t(K::KtUndoOf), &[&title_for_undo]) on:click=undo>
                                    {tr(K::KtUndo)}
                                </button>
                            </div>
                        })}
                    }
                        .into_any()
                }
                None if !may_complete => view! { <NotPermitted message=K::RoleNeedOwnBranch /> }.into_any(),
                None => {
                    let task = task.clone();
                    let branch = branch.clone();
                    view! {
                        <Show
                            when=is_open
                            fallback=move || {
                                let title = title_label.clone();
                                view! {
                                    <div class="actions">
                                        <button
                                            class="btn btn-primary"
                                            aria-label=move || fill(ctx.t(K::KtMarkDoneOf), &[&title])
                                            on:click=open_form.clone()
                                        >
                                            {tr(K::MarkDone)}
                                        </button>
                                    </div>
                                }
                            }
                        >
                            <CompletionForm task=task.clone() branch=branch.clone() today completing orgs />
                        </Show>
                    }
                        .into_any()
                }
            }}
        </li>
    }
}
