//! Validation errors of the rating engine. Each names the record and the field it is about, so an
//! auditor reading the CLI's stderr, or a user looking at an import report, can find the spot
//! without guessing. The UI shows each problem through i18n (`ui::text::rating_problem`); `Display` is the
//! English text the CLI prints.

use crate::domain::values::points::{Points, PointsError};

/// One problem found in one field of one record.
///
/// Displayed as `record, field: problem` — e.g. `evaluation #12 (b07/2026-03), scores.perf.safety:
/// 12 exceeds its maximum 10` — or `record: problem` when it concerns the whole record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {problem}", self.location())]
pub struct ValidationError {
    /// The record, as a reader would name it: `rubric hidden-7`, `indicator team.i0`,
    /// `branch b07`, `evaluation b07/2026-03`, `five_haves b07/2026`, `document`.
    pub record: String,
    /// The field inside the record, as a path: `max`, `scores.perf.safety`, `bonus[1].points`,
    /// `weights.market`.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

impl ValidationError {
    /// A problem in `field` of `record`.
    pub fn new(record: impl Into<String>, field: impl Into<String>, problem: Problem) -> Self {
        ValidationError { record: record.into(), field: field.into(), problem }
    }

    /// `record, field`, or just `record` when the field is empty.
    pub fn location(&self) -> String {
        if self.field.is_empty() {
            self.record.clone()
        } else {
            format!("{}, {}", self.record, self.field)
        }
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The document is not JSON at all.
    #[error("not valid JSON: {0}")]
    Json(String),
    /// A value of the wrong JSON type or shape.
    #[error("{0}")]
    Malformed(String),
    /// A required field is absent.
    #[error("missing")]
    Missing,
    /// A required text is empty.
    #[error("must not be empty")]
    Empty,
    /// `format` is not `starbranch.exchange`.
    #[error("expected \"starbranch.exchange\", found {0:?}")]
    WrongFormat(String),
    /// A format version this build cannot read.
    #[error("version {0} is not supported (this build reads versions 1 to 3)")]
    UnsupportedVersion(String),
    /// Not a number of points.
    #[error("{0}")]
    BadPoints(PointsError),
    /// A category name that is not one of the five.
    #[error("unknown category {0:?}")]
    UnknownCategory(String),
    /// A dimension name that is not one of the five.
    #[error("unknown dimension {0:?}")]
    UnknownDimension(String),
    /// A review status that is not known.
    #[error("unknown status {0:?}")]
    UnknownStatus(String),
    /// Not a `YYYY-MM` month, `YYYY` year or `YYYY-MM-DD` date.
    #[error("{0:?} is not a valid {1}")]
    BadPeriod(String, &'static str),
    /// A category's weights do not add up to 100.
    #[error("weights sum to {0}, not 100")]
    WeightsSum(u32),
    /// A weight outside 0–100 or not an integer.
    #[error("weight must be a whole number from 0 to 100")]
    BadWeight,
    /// A dimension carries weight for a category but no indicator of it applies there.
    #[error("weight {weight} but no indicator of this dimension applies to the category")]
    NoIndicatorForDimension {
        /// The weight that cannot be earned.
        weight: u8,
    },
    /// An indicator maximum that is zero or negative.
    #[error("maximum must be greater than 0, found {0}")]
    MaxNotPositive(Points),
    /// A negative bonus cap.
    #[error("must not be negative, found {0}")]
    Negative(Points),
    /// A second record with an id that must be unique.
    #[error("duplicate id {0:?}")]
    DuplicateId(String),
    /// A second evaluation for the same branch and month.
    #[error("a second evaluation of the same branch and month (the first is evaluation #{0})")]
    DuplicateEvaluation(usize),
    /// A reference to a branch that is not in the document.
    #[error("unknown branch {0:?}")]
    UnknownBranch(String),
    /// A score for an indicator the rubric does not have.
    #[error("unknown indicator {0:?}")]
    UnknownIndicator(String),
    /// Points above an indicator's maximum.
    #[error("{points} exceeds its maximum {max}")]
    AboveMax {
        /// Points given.
        points: Points,
        /// The indicator's maximum.
        max: Points,
    },
    /// Points below zero where only 0 or more make sense.
    #[error("{0} is below 0")]
    BelowZero(Points),
    /// A confirmed evaluation lacks the score of an applicable indicator.
    #[error("not scored, but the evaluation is confirmed")]
    NotScored,
    /// An evaluation dated before the branch existed.
    #[error("{month} is before the branch was founded ({founded})")]
    BeforeFounded {
        /// The evaluation's month.
        month: String,
        /// The branch's founding month.
        founded: String,
    },
    /// The five "五有" flags must be exactly five booleans.
    #[error("expected a list of five true/false values")]
    BadFiveHaves,
}
