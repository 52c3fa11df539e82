//! Rectification tasks (整改): a weak point (短板) found in a quarter becomes a task with an owner,
//! a due date and a measure, tracked open → in progress → done (with evidence) → verified. It is
//! verified in a later quarter, because only the next rating can show the weak point is gone.

use serde::{Deserialize, Serialize};

use crate::domain::values::category::Dimension;
use crate::domain::values::date::{days_in_month, Date};
use crate::domain::values::period::Quarter;

/// Where a rectification task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RectificationStatus {
    /// Created, not started.
    Open,
    /// Being worked on.
    InProgress,
    /// Finished by the branch, with evidence; waiting for verification.
    Done,
    /// Checked by the committee in a later quarter; closed.
    Verified,
}

impl RectificationStatus {
    /// Every status in workflow order.
    pub const ALL: [RectificationStatus; 4] = [
        RectificationStatus::Open,
        RectificationStatus::InProgress,
        RectificationStatus::Done,
        RectificationStatus::Verified,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            RectificationStatus::Open => "open",
            RectificationStatus::InProgress => "in_progress",
            RectificationStatus::Done => "done",
            RectificationStatus::Verified => "verified",
        }
    }

    /// Whether the task still needs work (counts as open on the dashboard).
    pub fn is_open(self) -> bool {
        matches!(self, RectificationStatus::Open | RectificationStatus::InProgress)
    }
}

/// A rectification task for one branch's weak point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rectification {
    /// Stable id.
    pub id: String,
    /// The branch that rectifies.
    pub branch: String,
    /// The quarter whose rating showed the weak point.
    pub quarter: Quarter,
    /// The weak dimension.
    pub dimension: Dimension,
    /// The weak indicator, when the weak point was found at indicator level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Who is responsible.
    pub owner: String,
    /// When it must be done.
    pub due: Date,
    /// What will be done (整改措施).
    pub measure: String,
    /// Where it stands.
    pub status: RectificationStatus,
    /// What shows it was done (required from `Done` on).
    #[serde(default)]
    pub evidence: String,
    /// When it was created (ISO-8601 UTC).
    pub created_at: String,
}

/// A field of a rectification task, for placing a problem next to its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RectificationField {
    /// The owner.
    Owner,
    /// The due date.
    Due,
    /// The measure.
    Measure,
    /// The evidence.
    Evidence,
    /// The status change itself.
    Status,
}

/// Why a rectification task or a change of it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RectificationProblem {
    /// A required text is empty.
    Required,
    /// The due date lies before the quarter whose weak point it fixes began.
    DueBeforeQuarter,
    /// Done needs evidence.
    EvidenceRequired,
    /// Verification is only possible once a later quarter has begun.
    VerifyTooEarly,
    /// The change skips or reverses the workflow.
    NotAllowed,
}

/// Checks a new or edited task, returning every problem at once.
pub fn validate(task: &Rectification) -> Vec<(RectificationField, RectificationProblem)> {
    let mut problems = Vec::new();
    if task.owner.trim().is_empty() {
        problems.push((RectificationField::Owner, RectificationProblem::Required));
    }
    if task.measure.trim().is_empty() {
        problems.push((RectificationField::Measure, RectificationProblem::Required));
    }
    if task.due < first_day(task.quarter) {
        problems.push((RectificationField::Due, RectificationProblem::DueBeforeQuarter));
    }
    if matches!(task.status, RectificationStatus::Done | RectificationStatus::Verified)
        && task.evidence.trim().is_empty()
    {
        problems.push((RectificationField::Evidence, RectificationProblem::EvidenceRequired));
    }
    problems
}

/// The next status a task may move to from `current`, if any.
pub fn next(current: RectificationStatus) -> Option<RectificationStatus> {
    match current {
        RectificationStatus::Open => Some(RectificationStatus::InProgress),
        RectificationStatus::InProgress => Some(RectificationStatus::Done),
        RectificationStatus::Done => Some(RectificationStatus::Verified),
        RectificationStatus::Verified => None,
    }
}

/// Moves `task` one step on, with `evidence` when marking it done, on `today`. A done task may
/// also go back to in progress (verification failed) by passing `back = true`.
pub fn advance(
    task: &Rectification,
    to: RectificationStatus,
    evidence: &str,
    today: Date,
) -> Result<Rectification, (RectificationField, RectificationProblem)> {
    let back = task.status == RectificationStatus::Done && to == RectificationStatus::InProgress;
    if next(task.status) != Some(to) && !back {
        return Err((RectificationField::Status, RectificationProblem::NotAllowed));
    }
    let mut moved = task.clone();
    moved.status = to;
    if to == RectificationStatus::Done {
        if evidence.trim().is_empty() {
            return Err((RectificationField::Evidence, RectificationProblem::EvidenceRequired));
        }
        moved.evidence = evidence.trim().to_string();
    }
    if to == RectificationStatus::Verified && Quarter::of(today) <= task.quarter {
        return Err((RectificationField::Status, RectificationProblem::VerifyTooEarly));
    }
    Ok(moved)
}

/// Whether the task is past its due date and still open.
pub fn is_overdue(task: &Rectification, today: Date) -> bool {
    task.status.is_open() && task.due < today
}

fn first_day(quarter: Quarter) -> Date {
    let month = quarter.months()[0];
    Date::new(month.year().number(), month.number(), 1).expect("the first of a month exists")
}

/// The due date a rectification task from a weak point of `quarter` is offered with: the last
/// day of the next quarter, so the fix can show in the next rating.
pub fn default_due(quarter: Quarter) -> Date {
    let next = quarter.months()[2].next().map_or(quarter, |m| m.quarter());
    let last = next.months()[2];
    let (year, month) = (last.year().number(), last.number());
    Date::new(year, month, days_in_month(year, month)).expect("the last day of a month exists")
}
