//! Key tasks (重点工作任务): the committee's view at `/tasks` (assign tasks with a due date,
//! points and the indicator they score on; follow each branch's status; edit; delete while no
//! branch has reported) and a branch's view at `/tasks/:branch` (its tasks by due date; report
//! one done with evidence and a date; undo a report).
//!
//! Statuses come from the domain ([`key_task::task_outcome`], [`key_task::task_points`]) with
//! today's date; forms run [`key_task::validate_task`] before writing so every problem shows at
//! once, and the store checks again inside its transaction.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::domain::key_task::{self, TaskField, TaskFieldProblem, TaskProblem};
use crate::domain::org::Org;
use crate::domain::rating::rubric::{Indicator, Rubric, ScoringSource};
use crate::domain::values::date::Date;
use crate::i18n::{fill, Locale, K};
use crate::store::key_tasks::{self as task_store, TaskBoard, TaskError, TaskRefusal};
use crate::ui::components::BranchSelect;
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
        let names =
            |ids: &[String]| text::join_list(&ids.iter().map(|id| branch_name(orgs, id)).collect::<Vec<_>>(), locale);
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
        TaskError::Invalid(TaskRefusal::Problems(_)) => K::ErrFixFields.text(locale).to_string(),
        TaskError::Invalid(TaskRefusal::Completed(ids)) => {
            let names = text::join_list(&ids.iter().map(|id| branch_name(orgs, id)).collect::<Vec<_>>(), locale);
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

mod branch;
mod committee;
mod completion;
mod task_card;
mod task_form;

pub use branch::BranchTasksPage;
pub use committee::KeyTasksPage;
