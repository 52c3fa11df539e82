//! The floor of the store: every record type as it is kept in IndexedDB, and the history entry
//! each change appends. Area files build on this; it builds on nothing in the store but the clock.

use serde::{Deserialize, Serialize};

use super::clock::now_iso;
use crate::domain::key_task::Completion;
pub use crate::domain::rating::dataset::EvaluationRecord;
use crate::domain::rating::rubric::{FiveHaves, Rubric};
use crate::domain::values::period::Year;

/// A stored setting; its keys are [`crate::domain::device::settings`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Setting {
    /// The key.
    pub key: String,
    /// The value, as text (JSON for structured settings).
    pub value: String,
}

/// One entry of the append-only change history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// ISO-8601 UTC time of the change.
    pub at: String,
    /// What happened, e.g. `org.create`, `member.transfer`.
    pub action: String,
    /// Id of the changed record.
    pub target: String,
    /// The record before (JSON), absent for creations.
    pub before: Option<String>,
    /// The record after (JSON).
    pub after: Option<String>,
    /// Why, where the action asks for a reason (returning, reopening).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For an entry brought in by merging a backup: when that backup was made. Its record
    /// changes describe the other device's records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged: Option<String>,
    /// Position in the history (1-based), set by [`super::tx::append_history`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// The chain hash ([`crate::domain::trust::chain`]), set by [`super::tx::append_history`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

/// A history entry for a change of `target` (records serialised as JSON).
pub fn history_entry<T: Serialize>(action: &str, target: &str, before: Option<&T>, after: Option<&T>) -> HistoryEntry {
    let json = |v: &T| serde_json::to_string(v).unwrap_or_default();
    HistoryEntry {
        at: now_iso(),
        action: action.into(),
        target: target.into(),
        before: before.map(json),
        after: after.map(json),
        reason: None,
        merged: None,
        seq: None,
        hash: None,
    }
}

/// A stored rubric version.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RubricRecord {
    /// `id@version`.
    pub key: String,
    /// The rubric.
    #[serde(flatten)]
    pub rubric: Rubric,
}

/// Stored five-haves flags of a branch for a year.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FiveHavesRecord {
    /// `branch|YYYY`.
    pub key: String,
    /// Branch id.
    pub branch: String,
    /// The year.
    pub year: Year,
    /// The flags.
    pub flags: FiveHaves,
}

impl FiveHavesRecord {
    /// The record for a branch and year.
    pub fn new(branch: &str, year: Year, flags: FiveHaves) -> FiveHavesRecord {
        FiveHavesRecord { key: format!("{branch}|{year}"), branch: branch.to_string(), year, flags }
    }
}

/// A stored completion: the domain record and its key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletionRecord {
    /// `task|branch`.
    pub key: String,
    /// The completion.
    #[serde(flatten)]
    pub completion: Completion,
}

/// The storage key of a branch's completion of a task.
pub fn completion_key(task: &str, branch: &str) -> String {
    format!("{task}|{branch}")
}

/// A stored shell decision: the domain value and its key `org|YYYY-MM-DD`, so an org has at most
/// one decision a day. In the floor because the exchange import writes decisions too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// `org|YYYY-MM-DD`.
    pub key: String,
    /// The decision.
    #[serde(flatten)]
    pub decision: crate::domain::units::shell::ShellDecision,
}

impl DecisionRecord {
    /// The record of a decision, keyed by its org and day.
    pub fn new(decision: crate::domain::units::shell::ShellDecision) -> DecisionRecord {
        DecisionRecord { key: decision_key(&decision.org, decision.date), decision }
    }
}

/// The storage key of a decision on `org` made on `date`.
pub fn decision_key(org: &str, date: crate::domain::values::date::Date) -> String {
    format!("{org}|{date}")
}

/// A stored instructor report: the domain record and its key `assignment|unit|YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRecord {
    /// [`crate::domain::instructors::report::report_key`].
    pub key: String,
    /// The report.
    #[serde(flatten)]
    pub report: crate::domain::instructors::report::InstructorReport,
}

/// A stored year-end review: the domain record and its key `instructor|YYYY`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// [`crate::domain::instructors::review::review_key`].
    pub key: String,
    /// The review.
    #[serde(flatten)]
    pub review: crate::domain::instructors::review::YearEndReview,
}

/// A stored dues record: the domain record and its key `member|YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuesRecord {
    /// [`crate::domain::members::dues::dues_key`].
    pub key: String,
    /// The record.
    #[serde(flatten)]
    pub dues: crate::domain::members::dues::Dues,
}

/// A stored appraisal: the domain record and its key `member|YYYY`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppraisalRecord {
    /// [`crate::domain::members::appraisal::MemberAppraisal::key`], `member|YYYY`.
    pub key: String,
    /// The appraisal.
    #[serde(flatten)]
    pub appraisal: crate::domain::members::appraisal::MemberAppraisal,
}

/// Stored mutual scores: the domain record and its key `member|YYYY-Hn`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MutualRecord {
    /// [`crate::domain::members::mutual::MutualScore::key`].
    pub key: String,
    /// The scores.
    #[serde(flatten)]
    pub score: crate::domain::members::mutual::MutualScore,
}
