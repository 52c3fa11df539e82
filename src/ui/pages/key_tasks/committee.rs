//! `/tasks`: the committee assigns tasks and follows each branch's status.

use leptos::prelude::*;

use super::task_card::TaskCard;
use super::task_form::TaskForm;
use super::{store_failure, task_indicators, use_board, Status, ViewSwitch};
use crate::domain::device::roles::Action;
use crate::domain::key_task::{self, KeyTask};
use crate::domain::values::points::Points;
use crate::i18n::{fill, K};
use crate::store::key_tasks::{self as task_store, TaskBoard};
use crate::store::{new_id, today};
use crate::ui::components::{AsyncView, ConfirmDialog, Done, EmptyState, Write};
use crate::ui::context::{db, tr, AppContext};

// ── /tasks: the committee ────────────────────────────────────────────────────────────────────

/// The page at `/tasks`: every task with each branch's status; create, edit, delete.
#[component]
pub fn KeyTasksPage() -> impl IntoView {
    let ctx = AppContext::get();
    let board = use_board();
    let editing = RwSignal::new(None::<KeyTask>);
    view! {
        <section class="page" data-testid="key-tasks">
            <h1>{tr(K::NavKeyTasks)}</h1>
            <p class="hint">{tr(K::KtIntro)}</p>
            // Tracking the session re-renders the board with the new role's actions.
            <AsyncView resource=board let:board>
                {ctx.session.track();
                view! { <Committee board editing /> }}
            </AsyncView>
        </section>
    }
}

#[component]
pub(super) fn Committee(board: TaskBoard, editing: RwSignal<Option<KeyTask>>) -> impl IntoView {
    let ctx = AppContext::get();
    let may_assign = ctx.session.with_untracked(|s| s.may(Action::AssignTasks));
    let today = today();
    let indicators = task_indicators(&board.rubric);
    let default_indicator = match indicators.as_slice() {
        [only] => only.id.clone(),
        _ => String::new(),
    };
    let new_task = move || KeyTask {
        id: new_id(),
        title: String::new(),
        description: String::new(),
        branches: Vec::new(),
        due: today,
        points: Points::ZERO,
        indicator: default_indicator.clone(),
    };
    let known: Vec<String> = board.data.tasks.iter().map(|t| t.id.clone()).collect();
    let orgs = StoredValue::new(board.orgs.clone());

    // Counts over every (task, branch) pair.
    let mut counts = [0usize; 4];
    for task in &board.data.tasks {
        for branch in &task.branches {
            let index = match key_task::task_state(
                task,
                key_task::completion_of(&board.data.completions, &task.id, branch),
                today,
            ) {
                Status::OnTime => 0,
                Status::Late | Status::TooLate => 1,
                Status::Overdue => 2,
                Status::Pending => 3,
            };
            counts[index] += 1;
        }
    }
    let stats = [
        (K::KtStatTasks, board.data.tasks.len(), "stat"),
        (K::KtStateOnTime, counts[0], "stat"),
        (K::KtStateLate, counts[1], "stat"),
        (K::KtStateOverdue, counts[2], if counts[2] > 0 { "stat stat-warn kt-stat-overdue" } else { "stat" }),
        (K::KtStatePending, counts[3], "stat"),
    ];

    // Newest due date first: the committee follows what is current.
    let mut tasks = board.data.tasks.clone();
    tasks.sort_by(|a, b| (b.due, &b.id).cmp(&(a.due, &a.id)));
    let is_empty = tasks.is_empty();

    let deleting = RwSignal::new(None::<KeyTask>);
    let confirm_open = RwSignal::new(false);
    let delete_body = Signal::derive(move || {
        let title = deleting.get().map(|t| t.title).unwrap_or_default();
        fill(ctx.t(K::KtDeleteBody), &[&title])
    });
    let removing = Write::new(move |task: KeyTask, locale| async move {
        match task_store::delete_task(&db(), &task.id).await {
            Ok(deleted) => {
                if editing.get_untracked().is_some_and(|t| t.id == deleted.id) {
                    editing.set(None);
                }
                Done::Saved(fill(K::KtDeleted.text(locale), &[&deleted.title]))
            }
            Err(e) => Done::Failed(orgs.with_value(|orgs| store_failure(&e, orgs, locale))),
        }
    });
    let on_delete = Callback::new(move |()| {
        let Some(task) = deleting.get_untracked() else { return };
        removing.run(task);
    });

    let open_new = {
        let new_task = new_task.clone();
        move |_| editing.set(Some(new_task()))
    };
    let board = StoredValue::new(board);
    view! {
        <div class="kt-toolbar">
            <ViewSwitch orgs=board.with_value(|b| b.orgs.clone()) current=None />
            {may_assign.then(|| view! {
                <button class="btn btn-primary push-end" on:click=open_new.clone() data-testid="new-task">
                    "+ "{tr(K::KtNewTask)}
                </button>
            })}
        </div>
        {move || {
            editing
                .get()
                .map(|task| {
                    let is_new = !known.contains(&task.id);
                    view! { <TaskForm task is_new board=board.get_value() editing /> }
                })
        }}
        {if is_empty {
            view! {
                <EmptyState message=K::KtNoTasks>
                    {may_assign.then(|| view! { <button class="btn btn-primary" on:click=open_new>"+ "{tr(K::KtNewTask)}</button> })}
                </EmptyState>
            }
                .into_any()
        } else {
            view! {
                <ul class="cards kt-stats" aria-label=tr(K::KtSummary) data-testid="task-stats">
                    {stats
                        .into_iter()
                        .map(|(key, count, class)| {
                            view! {
                                <li class=format!("card {class}")>
                                    <span class="stat-value">{count}</span>
                                    <span class="stat-label">{tr(key)}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <ul class="kt-list" data-testid="task-list">
                    {tasks
                        .into_iter()
                        .map(|task| {
                            let board = board.get_value();
                            view! { <TaskCard task board today editing deleting confirm_open /> }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <ConfirmDialog open=confirm_open title=K::KtDeleteTitle body=delete_body confirm_label=K::KtDelete on_confirm=on_delete />
    }
}
