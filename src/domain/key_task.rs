//! Key tasks (重点工作任务): work the committee assigns to branches with a deadline and points,
//! scored automatically on the rubric indicator the task names. Seed 003: "工作内容设立考核时限
//! … 形成自动考核系统" — the deadline, not a reviewer's judgement, decides the points, so a branch
//! can see in advance exactly what finishing late will cost.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::domain::rating::rubric::{Rubric, ScoringSource};
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;

/// Longest task title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;
/// Longest description or evidence, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// A task assigned to one or more branches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyTask {
    /// Stable id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What is expected, and what counts as evidence.
    #[serde(default)]
    pub description: String,
    /// Ids of the branches it is assigned to; each one completes it separately.
    pub branches: Vec<String>,
    /// Last day for full points.
    pub due: Date,
    /// Points for completing it on time.
    pub points: Points,
    /// Id of the rubric indicator (source [`ScoringSource::KeyTasks`]) it scores on.
    pub indicator: String,
}

/// A branch's report that it completed a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    /// Task id.
    pub task: String,
    /// Branch id.
    pub branch: String,
    /// The day it was completed.
    pub done_on: Date,
    /// What shows it was done (a document number, a ledger record, a note for the reviewer).
    #[serde(default)]
    pub evidence: String,
}

/// The form field a key-task problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskField {
    /// Task title.
    Title,
    /// Task description.
    Description,
    /// The assigned branches (of a task), or the reporting branch (of a completion).
    Branches,
    /// Task points.
    Points,
    /// The indicator the task scores on.
    Indicator,
    /// The completion date.
    DoneOn,
    /// The completion's evidence.
    Evidence,
}

/// What is wrong with a key-task field. Values, not sentences: the UI localises them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskProblem {
    /// The field is empty.
    Required,
    /// Longer than the limit (characters).
    TooLong(usize),
    /// This id is not an open branch.
    NotABranch(String),
    /// This branch is listed twice.
    ListedTwice(String),
    /// Points must be greater than 0: a task worth nothing would never show in a score.
    NotPositive,
    /// More points than the indicator's maximum (given), which no month could award.
    AboveIndicatorMax(Points),
    /// The rubric has no indicator with this id.
    UnknownIndicator(String),
    /// The indicator exists but is scored another way, so the task's points would go nowhere.
    NotKeyTaskIndicator(String),
    /// The completion date lies after today.
    InFuture,
    /// The reporting branch is not among the task's branches (or the task id does not match).
    NotAssigned,
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFieldProblem {
    /// Where.
    pub field: TaskField,
    /// What.
    pub problem: TaskProblem,
}

/// All problems found; never empty when returned as an error.
pub type TaskProblems = Vec<TaskFieldProblem>;

fn push(problems: &mut TaskProblems, field: TaskField, problem: TaskProblem) {
    problems.push(TaskFieldProblem { field, problem });
}

fn check_text(text: &str, max: usize, required: bool, field: TaskField, out: &mut TaskProblems) {
    if required && text.is_empty() {
        push(out, field, TaskProblem::Required);
    } else if text.chars().count() > max {
        push(out, field, TaskProblem::TooLong(max));
    }
}

/// Validates a task about to be saved against the open branches and the rubric it will be
/// scored under; returns it with its texts trimmed, or every problem at once. A due date in the
/// past is allowed: tasks are entered after the fact, and old ones are corrected.
pub fn validate_task<S: AsRef<str>>(
    mut task: KeyTask,
    open_branches: &[S],
    rubric: &Rubric,
) -> Result<KeyTask, TaskProblems> {
    use TaskField as F;
    use TaskProblem as P;
    let mut problems = TaskProblems::new();
    task.title = task.title.trim().to_string();
    task.description = task.description.trim().to_string();
    task.indicator = task.indicator.trim().to_string();
    check_text(&task.title, MAX_TITLE_CHARS, true, F::Title, &mut problems);
    check_text(&task.description, MAX_TEXT_CHARS, false, F::Description, &mut problems);

    if task.branches.is_empty() {
        push(&mut problems, F::Branches, P::Required);
    }
    let open: HashSet<&str> = open_branches.iter().map(AsRef::as_ref).collect();
    let mut seen = HashSet::new();
    for branch in &task.branches {
        if !open.contains(branch.as_str()) {
            push(&mut problems, F::Branches, P::NotABranch(branch.clone()));
        }
        if !seen.insert(branch.as_str()) {
            push(&mut problems, F::Branches, P::ListedTwice(branch.clone()));
        }
    }

    if task.points <= Points::ZERO {
        push(&mut problems, F::Points, P::NotPositive);
    }
    match rubric.indicator(&task.indicator) {
        _ if task.indicator.is_empty() => push(&mut problems, F::Indicator, P::Required),
        None => {
            let id = task.indicator.clone();
            push(&mut problems, F::Indicator, P::UnknownIndicator(id));
        }
        Some(indicator) if indicator.source != ScoringSource::KeyTasks => {
            let id = task.indicator.clone();
            push(&mut problems, F::Indicator, P::NotKeyTaskIndicator(id));
        }
        Some(indicator) if task.points > indicator.max => {
            push(&mut problems, F::Points, P::AboveIndicatorMax(indicator.max));
        }
        Some(_) => {}
    }

    if problems.is_empty() {
        Ok(task)
    } else {
        Err(problems)
    }
}

/// Validates a branch's completion report for `task`; returns it with its evidence trimmed.
/// Evidence is required: the points are awarded automatically, so the reviewer's only check is
/// what the branch points to.
pub fn validate_completion(
    mut completion: Completion,
    task: &KeyTask,
    today: Date,
) -> Result<Completion, TaskProblems> {
    let mut problems = TaskProblems::new();
    completion.evidence = completion.evidence.trim().to_string();
    if completion.task != task.id || !task.branches.contains(&completion.branch) {
        push(&mut problems, TaskField::Branches, TaskProblem::NotAssigned);
    }
    if completion.done_on > today {
        push(&mut problems, TaskField::DoneOn, TaskProblem::InFuture);
    }
    let evidence = &completion.evidence;
    check_text(evidence, MAX_TEXT_CHARS, true, TaskField::Evidence, &mut problems);
    if problems.is_empty() {
        Ok(completion)
    } else {
        Err(problems)
    }
}

/// How a task ended for one branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskOutcome {
    /// Done on or before the due date: full points.
    OnTime,
    /// Done after the due date but within its month: half the points.
    Late,
    /// Not done by the end of the month it was due in: nothing.
    Missed,
}

/// The month a date falls in, as `(year, month)`.
fn month_key(date: Date) -> (i32, u8) {
    (date.year(), date.month())
}

fn is_month(date: Date, month: Month) -> bool {
    month_key(date) == (month.year().number(), month.number())
}

/// How `task` ended for the branch whose completion (if any) is given.
///
/// Lateness is forgiven only up to the end of the due month because that month's evaluation is
/// where the task is scored: a task done later would change a month already submitted.
pub fn task_outcome(task: &KeyTask, completion: Option<&Completion>) -> TaskOutcome {
    match completion.map(|c| c.done_on) {
        Some(done) if done <= task.due => TaskOutcome::OnTime,
        Some(done) if month_key(done) == month_key(task.due) => TaskOutcome::Late,
        _ => TaskOutcome::Missed,
    }
}

/// The points `task` earns in the evaluation of `month` for the branch whose completion (if
/// any) is given. A task is scored once, in the month it falls due, and nothing elsewhere: full
/// points on time, half (to the hundredth, half up) late within the month, nothing otherwise.
pub fn task_points(task: &KeyTask, completion: Option<&Completion>, month: Month) -> Points {
    if !is_month(task.due, month) {
        return Points::ZERO;
    }
    match task_outcome(task, completion) {
        TaskOutcome::OnTime => task.points,
        TaskOutcome::Late => task.points.mul_div(1, 2).unwrap_or(Points::ZERO),
        TaskOutcome::Missed => Points::ZERO,
    }
}

/// One task's part in a month's key-task score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskScore {
    /// Task id.
    pub task: String,
    /// How it ended.
    pub outcome: TaskOutcome,
    /// What it earned (before the indicator's cap).
    pub points: Points,
}

/// A branch's key-task indicator for one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyTaskScore {
    /// Points, 0 to the indicator's maximum.
    pub points: Points,
    /// Every task due that month for the branch on the indicator, by due date then id.
    pub tasks: Vec<TaskScore>,
}

/// The branch's earliest completion of a task.
/// The completion a branch reported for a task, if any.
pub fn completion_of<'a>(completions: &'a [Completion], task: &str, branch: &str) -> Option<&'a Completion> {
    completions.iter().filter(|c| c.task == task && c.branch == branch).min_by_key(|c| c.done_on)
}

/// Scores indicator `indicator` of `branch` for `month`: the sum of [`task_points`] over the
/// tasks assigned to the branch on that indicator and due in that month, capped at `max`.
///
/// A month in which no task falls due earns `max`: nothing was asked, so nothing was missed,
/// and a branch is not marked down for the committee's calendar. The committee is expected to
/// give each month's tasks points adding up to the indicator's maximum.
pub fn key_task_score(
    tasks: &[KeyTask],
    completions: &[Completion],
    branch: &str,
    month: Month,
    indicator: &str,
    max: Points,
) -> KeyTaskScore {
    let mut due: Vec<&KeyTask> = tasks
        .iter()
        .filter(|t| t.indicator == indicator && is_month(t.due, month))
        .filter(|t| t.branches.iter().any(|b| b == branch))
        .collect();
    due.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    let scored: Vec<TaskScore> = due
        .into_iter()
        .map(|task| {
            let completion = completion_of(completions, &task.id, branch);
            TaskScore {
                task: task.id.clone(),
                outcome: task_outcome(task, completion),
                points: task_points(task, completion, month),
            }
        })
        .collect();
    let points = if scored.is_empty() { max } else { scored.iter().map(|s| s.points).sum::<Points>().min(max) };
    KeyTaskScore { points, tasks: scored }
}

/// Where a branch stands with a task on `today`: how a reported task ended, or whether an
/// unreported one is overdue yet (a task due today is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    /// Reported done on or before the due date.
    OnTime,
    /// Reported done after the due date, within its month (half points).
    Late,
    /// Reported done after the due month (no points).
    TooLate,
    /// Due date passed, not reported.
    Overdue,
    /// Not reported, not due yet (or due today).
    Pending,
}

/// The [`TaskState`] of `task` for the branch whose completion (if any) is given.
pub fn task_state(task: &KeyTask, completion: Option<&Completion>, today: Date) -> TaskState {
    match (completion, task_outcome(task, completion)) {
        (Some(_), TaskOutcome::OnTime) => TaskState::OnTime,
        (Some(_), TaskOutcome::Late) => TaskState::Late,
        (Some(_), TaskOutcome::Missed) => TaskState::TooLate,
        (None, _) if task.due < today => TaskState::Overdue,
        (None, _) => TaskState::Pending,
    }
}

/// Every (task id, branch id) whose due date has passed without a completion, oldest due date
/// first — the dashboard's list of what to chase. A task due today is not overdue yet; one
/// completed late is no longer listed (its outcome shows in the score instead).
pub fn overdue(tasks: &[KeyTask], completions: &[Completion], today: Date) -> Vec<(String, String)> {
    let mut late: Vec<&KeyTask> = tasks.iter().filter(|t| t.due < today).collect();
    late.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    late.into_iter()
        .flat_map(|task| {
            task.branches
                .iter()
                .filter(|branch| {
                    task_state(task, completion_of(completions, &task.id, branch), today) == TaskState::Overdue
                })
                .map(|branch| (task.id.clone(), branch.clone()))
        })
        .collect()
}
