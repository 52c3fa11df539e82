//! One task on the committee's board: its branches' states, edit and delete.

use leptos::prelude::*;

use super::{branch_name, indicator_name, Status};
use crate::domain::device::roles::Action;
use crate::domain::key_task::{self, Completion, KeyTask};
use crate::domain::values::date::Date;
use crate::i18n::{fill, K};
use crate::store::key_tasks::TaskBoard;
use crate::ui::context::{tr, AppContext};
use crate::ui::text;

#[component]
pub(super) fn TaskCard(
    task: KeyTask,
    board: TaskBoard,
    today: Date,
    editing: RwSignal<Option<KeyTask>>,
    deleting: RwSignal<Option<KeyTask>>,
    confirm_open: RwSignal<bool>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let rows: Vec<(String, Status, Option<Completion>)> = task
        .branches
        .iter()
        .map(|branch| {
            let completion = key_task::completion_of(&board.data.completions, &task.id, branch).cloned();
            (branch.clone(), key_task::task_state(&task, completion.as_ref(), today), completion)
        })
        .collect();
    let count = |wanted: &[Status]| rows.iter().filter(|(_, s, _)| wanted.contains(s)).count();
    let counts = [
        (Status::OnTime, count(&[Status::OnTime])),
        (Status::Late, count(&[Status::Late, Status::TooLate])),
        (Status::Overdue, count(&[Status::Overdue])),
        (Status::Pending, count(&[Status::Pending])),
    ];
    let heading_id = format!("task-{}", task.id);
    let rubric = board.rubric.clone();
    let indicator = task.indicator.clone();
    let (edit, delete) = (task.clone(), task.clone());
    let title = task.title.clone();
    let title_for_labels = title.clone();
    let title_for_delete = title.clone();
    let overdue = rows.iter().any(|(_, s, _)| *s == Status::Overdue);
    view! {
        <li class="card kt-task" class:kt-task-overdue=overdue data-testid="task-card">
            <div class="page-head">
                <h2 id=heading_id>{title}</h2>
                {ctx.session.with_untracked(|s| s.may(Action::AssignTasks)).then(|| view! {
                <div class="row-actions">
                    <button
                        class="btn btn-small"
                        aria-label=move || fill(ctx.t(K::KtEditOf), &[&title_for_labels])
                        on:click=move |_| editing.set(Some(edit.clone()))
                    >
                        {tr(K::Edit)}
                    </button>
                    <button
                        class="btn btn-small btn-danger-outline"
                        aria-label=move || fill(ctx.t(K::KtDeleteOf), &[&title_for_delete])
                        on:click=move |_| {
                            deleting.set(Some(delete.clone()));
                            confirm_open.set(true);
                        }
                    >
                        {tr(K::KtDelete)}
                    </button>
                </div>
                })}
            </div>
            <dl class="kt-meta">
                <div>
                    <dt>{tr(K::DueDate)}</dt>
                    <dd>{task.due.to_string()}</dd>
                </div>
                <div>
                    <dt>{tr(K::Points)}</dt>
                    <dd>{task.points.to_string()}</dd>
                </div>
                <div>
                    <dt>{tr(K::Indicator)}</dt>
                    <dd>{move || indicator_name(&rubric, &indicator, ctx.locale.get())}</dd>
                </div>
            </dl>
            {(!task.description.is_empty()).then(|| view! { <p class="kt-description">{task.description.clone()}</p> })}
            <ul class="kt-counts" aria-label=tr(K::KtSummary)>
                {counts
                    .into_iter()
                    .map(|(status, n)| view! { <li class=format!("kt-count kt-count-{status:?}")>{tr(text::task_state(status))}" "<strong>{n}</strong></li> })
                    .collect_view()}
            </ul>
            <ul class="kt-branches">
                {rows
                    .into_iter()
                    .map(|(branch, status, completion)| {
                        let name = branch_name(&board.orgs, &branch);
                        view! {
                            <li class="kt-branch" class:kt-branch-overdue=status == Status::Overdue>
                                <span class="kt-branch-name">{name}</span>
                                {status.badge()}
                                {completion
                                    .map(|c| {
                                        view! {
                                            <span class="kt-done-line">
                                                {move || fill(ctx.t(K::KtDoneLine), &[&c.done_on.to_string(), &c.evidence])}
                                            </span>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
}
