//! Key tasks (重点工作任务): the committee's view at `/tasks` (assign tasks with a due date,
//! points and the indicator they score on; follow each branch's status; edit; delete while no
//! branch has reported) and a branch's view at `/tasks/:branch` (its tasks by due date; report
//! one done with evidence and a date; undo a report).
//!
//! Statuses come from the domain ([`key_task::task_outcome`], [`key_task::task_points`]) with
//! today's date; forms run [`key_task::validate_task`] before writing so every problem shows at
//! once, and the store checks again inside its transaction.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::domain::values::date::Date;
use crate::domain::device::roles::Action;
use crate::domain::key_task::{self, Completion, KeyTask, TaskField, TaskFieldProblem, TaskProblem};
use crate::domain::org::{self, Org, OrgKind};
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;
use crate::domain::rating::rubric::{Indicator, Rubric, ScoringSource};
use crate::i18n::{fill, Locale, K};
use crate::store::key_tasks::{self as task_store, TaskBoard, TaskError};
use crate::store::{new_id, today};
use crate::ui::components::{BranchSelect, ConfirmDialog, EmptyState, FormField, Loading, NotPermitted, StoreErrorNotice};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

// ── Status of a task for one branch ──────────────────────────────────────────────────────────

use key_task::TaskState as Status;

impl Status {
    /// The status as a word with an icon, so it never rests on colour alone.
    fn badge(self) -> impl IntoView {
        let (class, icon) = match self {
            Status::OnTime => ("kt-badge kt-on-time", "✓"),
            Status::Late | Status::TooLate => ("kt-badge kt-late", "✓"),
            Status::Overdue => ("kt-badge kt-overdue", "!"),
            Status::Pending => ("kt-badge kt-pending", "○"),
        };
        view! {
            <span class=class data-status=format!("{self:?}")>
                <span class="kt-icon" aria-hidden="true">{icon}</span>
                {tr(text::task_state(self))}
            </span>
        }
    }
}

// ── Shared look-ups ──────────────────────────────────────────────────────────────────────────

/// Open branches in tree order.
fn branch_name(orgs: &[Org], id: &str) -> String {
    orgs.iter().find(|o| o.id == id).map_or_else(|| id.to_string(), |o| o.name.clone())
}

/// The rubric's indicators scored from key tasks, in rubric order.
fn task_indicators(rubric: &Rubric) -> Vec<Indicator> {
    rubric.indicators.iter().filter(|i| i.source == ScoringSource::KeyTasks).cloned().collect()
}

fn indicator_name(rubric: &Rubric, id: &str, locale: Locale) -> String {
    rubric.indicator(id).map_or_else(|| id.to_string(), |i| text::localized(&i.name, locale).to_string())
}

fn use_board() -> LocalResource<Result<TaskBoard, crate::store::StoreError>> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        async move { task_store::load_board(&db()).await }
    })
}

// ── Problems shown next to fields ────────────────────────────────────────────────────────────

/// Which control a problem is shown next to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Title,
    Description,
    Branches,
    Due,
    Points,
    Indicator,
    DoneOn,
    Evidence,
}

/// A problem of a form: the domain's, or one found before the domain could be asked (a date or
/// a number that does not parse), or branches that have already reported.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    Task(TaskFieldProblem),
    DateRequired(Slot),
    DateInvalid(Slot),
    PointsInvalid,
    Completed(Vec<String>),
}

impl Problem {
    fn slot(&self) -> Slot {
        match self {
            Problem::Task(p) => match p.field {
                TaskField::Title => Slot::Title,
                TaskField::Description => Slot::Description,
                TaskField::Branches => Slot::Branches,
                TaskField::Points => Slot::Points,
                TaskField::Indicator => Slot::Indicator,
                TaskField::DoneOn => Slot::DoneOn,
                TaskField::Evidence => Slot::Evidence,
            },
            Problem::DateRequired(slot) | Problem::DateInvalid(slot) => *slot,
            Problem::PointsInvalid => Slot::Points,
            Problem::Completed(_) => Slot::Branches,
        }
    }

    fn message(&self, orgs: &[Org], locale: Locale) -> String {
        let with = |key: K, args: &[&str]| fill(key.text(locale), args);
        let names = |ids: &[String]| ids.iter().map(|id| branch_name(orgs, id)).collect::<Vec<_>>().join("、");
        match self {
            Problem::Task(p) => match &p.problem {
                TaskProblem::Required => with(K::ErrRequired, &[]),
                TaskProblem::TooLong(max) => with(K::ErrTooLong, &[&max.to_string()]),
                TaskProblem::NotABranch(id) => with(K::KtErrNotABranch, &[&branch_name(orgs, id)]),
                TaskProblem::ListedTwice(id) => with(K::KtErrListedTwice, &[&branch_name(orgs, id)]),
                TaskProblem::NotPositive => with(K::KtErrNotPositive, &[]),
                TaskProblem::AboveIndicatorMax(max) => with(K::KtErrAboveMax, &[&max.to_string()]),
                TaskProblem::UnknownIndicator(id) => with(K::KtErrUnknownIndicator, &[id]),
                TaskProblem::NotKeyTaskIndicator(id) => with(K::KtErrNotKeyTaskIndicator, &[id]),
                TaskProblem::InFuture => with(K::ErrInFuture, &[]),
                TaskProblem::NotAssigned => with(K::KtErrNotAssigned, &[]),
            },
            Problem::DateRequired(_) => with(K::ErrRequired, &[]),
            Problem::DateInvalid(_) => with(K::ErrInvalidDate, &[]),
            Problem::PointsInvalid => with(K::KtErrPoints, &[]),
            Problem::Completed(ids) => with(K::KtErrKeepCompleted, &[&names(ids)]),
        }
    }
}

fn task_problems(problems: Vec<TaskFieldProblem>) -> Vec<Problem> {
    problems.into_iter().map(Problem::Task).collect()
}

/// A date field's value, or the problem with it.
fn parse_date(value: &str, slot: Slot) -> Result<Date, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Problem::DateRequired(slot));
    }
    value.parse().map_err(|_| Problem::DateInvalid(slot))
}

/// The inline message of one slot, reactive to the language.
fn slot_error(problems: RwSignal<Vec<Problem>>, orgs: StoredValue<Vec<Org>>, slot: Slot) -> Signal<Option<String>> {
    let ctx = AppContext::get();
    Signal::derive(move || {
        let locale = ctx.locale.get();
        let texts: Vec<String> = problems
            .get()
            .iter()
            .filter(|p| p.slot() == slot)
            .map(|p| orgs.with_value(|orgs| p.message(orgs, locale)))
            .collect();
        (!texts.is_empty()).then(|| texts.join(" "))
    })
}

fn store_failure(error: &TaskError, orgs: &[Org], locale: Locale) -> String {
    match error {
        TaskError::Store(e) => text::store_error(e, locale),
        TaskError::Invalid(_) => K::ErrFixFields.text(locale).to_string(),
        TaskError::Completed(ids) => {
            let names = ids.iter().map(|id| branch_name(orgs, id)).collect::<Vec<_>>().join("、");
            fill(K::KtErrDeleteCompleted.text(locale), &[&names])
        }
    }
}

// ── Switching between the committee's and a branch's view ───────────────────────────────────

#[component]
fn ViewSwitch(orgs: Vec<Org>, current: Option<String>) -> impl IntoView {
    let navigate = use_navigate();
    let on_pick = Callback::new(move |id: Option<String>| {
        let path = id.map_or_else(|| "/tasks".to_string(), |id| format!("/tasks/{id}"));
        navigate(&path, Default::default());
    });
    let is_committee = current.is_none();
    view! {
        <nav class="kt-switch" aria-label=tr(K::KtViews)>
            <A href="/tasks" exact=true attr:class=if is_committee { "btn btn-primary" } else { "btn" }>
                {tr(K::KtCommitteeView)}
            </A>
            <BranchSelect orgs current label=K::KtBranchView testid="task-branch" on_pick />
        </nav>
    }
}

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
            {move || match board.get().filter(|_| { ctx.session.track(); true }) {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <StoreErrorNotice error /> }.into_any(),
                Some(Ok(board)) => view! { <Committee board editing /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Committee(board: TaskBoard, editing: RwSignal<Option<KeyTask>>) -> impl IntoView {
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
            let index = match key_task::task_state(task, key_task::completion_of(&board.data.completions, &task.id, branch), today) {
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
    let on_delete = Callback::new(move |()| {
        let Some(task) = deleting.get_untracked() else { return };
        spawn_local(async move {
            let locale = ctx.locale.get_untracked();
            match task_store::delete_task(&db(), &task.id).await {
                Ok(deleted) => {
                    if editing.get_untracked().is_some_and(|t| t.id == deleted.id) {
                        editing.set(None);
                    }
                    ctx.success(fill(K::KtDeleted.text(locale), &[&deleted.title]));
                    ctx.changed();
                }
                Err(e) => orgs.with_value(|orgs| ctx.failure(store_failure(&e, orgs, locale))),
            }
        });
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

#[component]
fn TaskCard(
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

#[component]
fn TaskForm(task: KeyTask, is_new: bool, board: TaskBoard, editing: RwSignal<Option<KeyTask>>) -> impl IntoView {
    let ctx = AppContext::get();
    let title = RwSignal::new(task.title.clone());
    let description = RwSignal::new(task.description.clone());
    let due = RwSignal::new(if is_new { String::new() } else { task.due.to_string() });
    let points = RwSignal::new(if is_new { String::new() } else { task.points.to_string() });
    let indicator = RwSignal::new(task.indicator.clone());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let saving = RwSignal::new(false);
    // The form opens above the list: take the focus there, which also scrolls it into view.
    let first_field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = first_field.get() {
            let _ = input.focus();
        }
    });

    // Open branches, then any the task still lists that have been archived since.
    let mut choices: Vec<(String, String, bool)> =
        org::open_branches(&board.orgs).into_iter().map(|o| (o.id, o.name, false)).collect();
    for id in &task.branches {
        if !choices.iter().any(|(c, _, _)| c == id) {
            choices.push((id.clone(), branch_name(&board.orgs, id), true));
        }
    }
    let choice_ids: Vec<String> = choices.iter().map(|(id, _, _)| id.clone()).collect();
    let selected = RwSignal::new(task.branches.clone());
    let all_selected = {
        let ids = choice_ids.clone();
        move || !ids.is_empty() && ids.iter().all(|id| selected.with(|s| s.contains(id)))
    };
    let toggle = {
        let ids = choice_ids.clone();
        move |id: String, on: bool| {
            selected.update(|s| {
                s.retain(|x| *x != id);
                if on {
                    s.push(id);
                }
                // Keep the tree order, whatever the order of clicks.
                s.sort_by_key(|x| ids.iter().position(|i| i == x).unwrap_or(usize::MAX));
            });
        }
    };
    let set_all = {
        let ids = choice_ids.clone();
        move |on: bool| selected.set(if on { ids.clone() } else { Vec::new() })
    };

    let indicators = task_indicators(&board.rubric);
    let no_indicator = indicators.is_empty();
    let rubric = board.rubric.clone();
    let orgs = StoredValue::new(board.orgs.clone());
    let error = move |slot: Slot| slot_error(problems, orgs, slot);
    let mut open_ids: Vec<String> = org::open_branches(&board.orgs).into_iter().map(|o| o.id).collect();
    open_ids.extend(task.branches.iter().cloned());

    let on_submit = {
        let task = task.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if saving.get_untracked() {
                return;
            }
            let mut found = Vec::new();
            let due_date = parse_date(&due.get_untracked(), Slot::Due).map_err(|p| found.push(p)).ok();
            let points_value = Points::parse(&points.get_untracked()).map_err(|_| found.push(Problem::PointsInvalid)).ok();
            let candidate = KeyTask {
                title: title.get_untracked(),
                description: description.get_untracked(),
                branches: selected.get_untracked(),
                due: due_date.unwrap_or(task.due),
                points: points_value.unwrap_or(Points::from_hundredths(1)),
                indicator: indicator.get_untracked(),
                ..task.clone()
            };
            if let Err(domain) = key_task::validate_task(candidate.clone(), &open_ids, &rubric) {
                // A points value that did not parse has its own message already.
                let keep = |p: &TaskFieldProblem| points_value.is_some() || p.field != TaskField::Points;
                found.extend(task_problems(domain.into_iter().filter(keep).collect()));
            }
            let locale = ctx.locale.get_untracked();
            if !found.is_empty() {
                problems.set(found);
                ctx.failure(K::ErrFixFields.text(locale).to_string());
                return;
            }
            saving.set(true);
            spawn_local(async move {
                let result = task_store::save_task(&db(), candidate).await;
                saving.set(false);
                match result {
                    Ok(saved) => {
                        problems.set(Vec::new());
                        editing.set(None);
                        let key = if is_new { K::KtCreated } else { K::KtSaved };
                        ctx.success(fill(key.text(locale), &[&saved.title]));
                        ctx.changed();
                    }
                    Err(e) => {
                        match &e {
                            TaskError::Invalid(p) => problems.set(task_problems(p.clone())),
                            TaskError::Completed(ids) => problems.set(vec![Problem::Completed(ids.clone())]),
                            TaskError::Store(_) => {}
                        }
                        orgs.with_value(|orgs| {
                            let text = match &e {
                                TaskError::Completed(_) => K::ErrFixFields.text(locale).to_string(),
                                other => store_failure(other, orgs, locale),
                            };
                            ctx.failure(text);
                        });
                    }
                }
            });
        }
    };

    let branches_error = error(Slot::Branches);
    let heading = if is_new { K::KtNewTask } else { K::KtEditTask };
    view! {
        <form class="subform kt-form" on:submit=on_submit novalidate=true data-testid="task-form" aria-labelledby="task-form-title">
            <h2 id="task-form-title">{tr(heading)}</h2>
            <div class="form-grid">
                <FormField label=K::KtTitle id="task-title" error=error(Slot::Title) required=true>
                    <input id="task-title" type="text" node_ref=first_field bind:value=title aria-describedby="task-title-error" autocomplete="off" maxlength="200" />
                </FormField>
                <FormField label=K::Indicator id="task-indicator" error=error(Slot::Indicator) required=true>
                    <select id="task-indicator" aria-describedby="task-indicator-error task-indicator-hint" on:change=move |ev| indicator.set(event_target_value(&ev))>
                        <option value="" selected=move || indicator.get().is_empty()>{tr(K::KtChooseIndicator)}</option>
                        {indicators
                            .into_iter()
                            .map(|i| {
                                let id = i.id.clone();
                                let is = id.clone();
                                let max = i.max.to_string();
                                view! {
                                    <option value=id selected=move || indicator.get() == is>
                                        {move || fill(ctx.t(K::KtOptionMax), &[text::localized(&i.name, ctx.locale.get()), &max])}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <span class="hint kt-field-hint" id="task-indicator-hint">
                        {if no_indicator {
                            view! {
                                {tr(K::KtNoIndicator)}" "
                                <A href="/settings/rubric">{tr(K::EditRubric)}</A>
                            }
                                .into_any()
                        } else {
                            view! { {tr(K::KtIndicatorHint)} }.into_any()
                        }}
                    </span>
                </FormField>
                <FormField label=K::DueDate id="task-due" error=error(Slot::Due) required=true>
                    <input id="task-due" type="date" bind:value=due aria-describedby="task-due-error" />
                </FormField>
                <FormField label=K::Points id="task-points" error=error(Slot::Points) required=true>
                    <input id="task-points" type="text" inputmode="decimal" bind:value=points aria-describedby="task-points-error" autocomplete="off" />
                </FormField>
            </div>
            <FormField label=K::KtDescription id="task-description" error=error(Slot::Description)>
                <textarea id="task-description" rows="3" bind:value=description aria-describedby="task-description-error"></textarea>
            </FormField>
            <fieldset class="field kt-branch-pick" class:field-invalid=move || branches_error.get().is_some() aria-describedby="task-branches-error">
                <legend>{tr(K::KtBranches)}<span class="required" aria-hidden="true">" *"</span></legend>
                <label class="check kt-all">
                    <input type="checkbox" prop:checked=all_selected.clone() on:change=move |ev| set_all(event_target_checked(&ev)) data-testid="task-all-branches" />
                    {tr(K::KtAllBranches)}
                </label>
                <div class="kt-checks">
                    {choices
                        .into_iter()
                        .map(|(id, name, archived)| {
                            let toggle = toggle.clone();
                            let checked_id = id.clone();
                            let label = move || if archived { fill(ctx.t(K::KtArchivedBranch), &[&name]) } else { name.clone() };
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        value=id.clone()
                                        prop:checked=move || selected.with(|s| s.contains(&checked_id))
                                        on:change=move |ev| toggle(id.clone(), event_target_checked(&ev))
                                    />
                                    {label}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <p class="field-error" id="task-branches-error" role="alert" aria-live="polite">{move || branches_error.get()}</p>
            </fieldset>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || saving.get()>{tr(K::Save)}</button>
                <button type="button" class="btn" on:click=move |_| editing.set(None)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}

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
            {move || {
                ctx.session.track();
                let branch = params.read().get("branch").unwrap_or_default();
                match board.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => view! { <StoreErrorNotice error /> }.into_any(),
                    Some(Ok(board)) => view! { <BranchTasks board branch completing /> }.into_any(),
                }
            }}
        </section>
    }
}

#[component]
fn BranchTasks(board: TaskBoard, branch: String, completing: RwSignal<Option<String>>) -> impl IntoView {
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
    let on_undo = Callback::new(move |()| {
        let Some((task, branch)) = undoing.get_untracked() else { return };
        spawn_local(async move {
            let locale = ctx.locale.get_untracked();
            match task_store::undo_completion(&db(), &task.id, &branch).await {
                Ok(_) => {
                    ctx.success(fill(K::KtUndone.text(locale), &[&task.title]));
                    ctx.changed();
                }
                Err(e) => ctx.failure(store_failure(&e, &[], locale)),
            }
        });
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
fn BranchTask(
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
        let today_done = Completion { task: task.id.clone(), branch: branch.clone(), done_on: today, evidence: String::new() };
        key_task::task_points(&task, Some(&today_done), Month::of(task.due))
    });
    let full = task.points.to_string();
    // Keyed by task and branch, so switching branches never carries an open form over.
    let task_id = task_store::completion_key(&task.id, &branch);
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

#[component]
fn CompletionForm(
    task: KeyTask,
    branch: String,
    today: Date,
    completing: RwSignal<Option<String>>,
    orgs: StoredValue<Vec<Org>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let evidence = RwSignal::new(String::new());
    let done_on = RwSignal::new(today.to_string());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let saving = RwSignal::new(false);
    let error = move |slot: Slot| slot_error(problems, orgs, slot);
    let form_error = error(Slot::Branches);
    let evidence_ref = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(textarea) = evidence_ref.get() {
            let _ = textarea.focus();
        }
    });
    let max_date = today.to_string();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let mut found = Vec::new();
        let date = parse_date(&done_on.get_untracked(), Slot::DoneOn).map_err(|p| found.push(p)).ok();
        let candidate = Completion {
            task: task.id.clone(),
            branch: branch.clone(),
            done_on: date.unwrap_or(today),
            evidence: evidence.get_untracked(),
        };
        if let Err(domain) = key_task::validate_completion(candidate.clone(), &task, today) {
            let keep = |p: &TaskFieldProblem| date.is_some() || p.field != TaskField::DoneOn;
            found.extend(task_problems(domain.into_iter().filter(keep).collect()));
        }
        let locale = ctx.locale.get_untracked();
        if !found.is_empty() {
            problems.set(found);
            ctx.failure(K::ErrFixFields.text(locale).to_string());
            return;
        }
        saving.set(true);
        let title = task.title.clone();
        spawn_local(async move {
            let result = task_store::complete(&db(), candidate, today).await;
            saving.set(false);
            match result {
                Ok(_) => {
                    completing.set(None);
                    ctx.success(fill(K::KtCompleted.text(locale), &[&title]));
                    ctx.changed();
                }
                Err(e) => {
                    if let TaskError::Invalid(p) = &e {
                        problems.set(task_problems(p.clone()));
                    }
                    orgs.with_value(|orgs| ctx.failure(store_failure(&e, orgs, locale)));
                }
            }
        });
    };
    view! {
        <form class="subform kt-complete" on:submit=on_submit novalidate=true data-testid="completion-form">
            <p class="field-error" role="alert" aria-live="polite">{move || form_error.get()}</p>
            <div class="form-grid">
                <FormField label=K::KtDoneOn id="done-on" error=error(Slot::DoneOn) required=true>
                    <input id="done-on" type="date" bind:value=done_on max=max_date aria-describedby="done-on-error" />
                </FormField>
            </div>
            <FormField label=K::KtEvidence id="done-evidence" error=error(Slot::Evidence) required=true>
                <textarea id="done-evidence" rows="3" node_ref=evidence_ref bind:value=evidence aria-describedby="done-evidence-error done-evidence-hint"></textarea>
                <span class="hint kt-field-hint" id="done-evidence-hint">{tr(K::KtEvidenceHint)}</span>
            </FormField>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || saving.get()>{tr(K::KtSaveCompletion)}</button>
                <button type="button" class="btn" on:click=move |_| completing.set(None)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}
