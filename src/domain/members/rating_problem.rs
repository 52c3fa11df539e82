//! What can be wrong with a branch's appraisal sheet, its mutual scores or a points item:
//! values, not sentences — the UI words them through i18n (keys `Mr…`), the CLI through `Debug`.
//! A problem of one member's row names the member's id, so a whole-branch sheet can show it on
//! that row.

/// The part of a form a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The appraisal meeting (its 民主评议 ledger record and date).
    Meeting,
    /// A member's grade.
    Grade,
    /// The handling decided for 不合格.
    Handling,
    /// The note beside the handling.
    Note,
    /// The half-year of mutual scores.
    Half,
    /// A member's mutual scores (per rater or the summary mean).
    Scores,
    /// The member a points item is for.
    Member,
    /// The day of a points item.
    Date,
    /// What a points item is for.
    Kind,
    /// The points of an item.
    Points,
    /// The reason of an item.
    Reason,
}

/// What is wrong. Never a sentence: see the module comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The field is empty.
    Required(Field),
    /// Not a date (or not a whole number, for points).
    Invalid(Field),
    /// The day lies after today.
    InFuture(Field),
    /// Longer than the limit (characters).
    TooLong(Field, usize),
    /// The linked ledger record (by id) is not a 民主评议 record of this branch held in the year
    /// appraised or the year after.
    NotAReviewRecord(String),
    /// The year appraised (or the half scored) has not begun.
    NotBegun,
    /// Nothing entered: no member graded or scored.
    NothingEntered,
    /// A points item's points outside 1 … the limit ([`super::points::MAX_ITEM_POINTS`]).
    PointsOutOfRange(u32),
    /// The member (by id) is not on this branch's roll.
    NotOnRoll(String),
    /// The member (by id) has two rows on one sheet.
    Twice(String),
    /// The member (by id) already has an appraisal for this year from another branch (before a
    /// transfer): one appraisal per member and year.
    AppraisedElsewhere {
        /// The member.
        member: String,
        /// The branch that appraised them.
        branch: String,
    },
    /// A member (by id) graded 不合格 without the handling decided.
    HandlingRequired(String),
    /// A member's (by id) handling note is longer than the limit.
    NoteTooLong(String, usize),
    /// A member's (by id) scores are not whole numbers 0–100 (per rater) or a number 0–100 with
    /// at most two decimals (summary).
    NotAScore(String),
    /// A member (by id) has more rater scores than the limit.
    TooManyRaters(String, usize),
}

impl Problem {
    /// The member whose row the problem is on; `None` for the sheet or the item as a whole.
    pub fn member(&self) -> Option<&str> {
        match self {
            Problem::NotOnRoll(m)
            | Problem::Twice(m)
            | Problem::HandlingRequired(m)
            | Problem::NoteTooLong(m, _)
            | Problem::NotAScore(m)
            | Problem::TooManyRaters(m, _) => Some(m),
            Problem::AppraisedElsewhere { member, .. } => Some(member),
            _ => None,
        }
    }

    /// The field to show the problem next to; `None` for the record as a whole.
    pub fn field(&self) -> Option<Field> {
        Some(match self {
            Problem::Required(f) | Problem::Invalid(f) | Problem::InFuture(f) | Problem::TooLong(f, _) => *f,
            Problem::NotAReviewRecord(_) => Field::Meeting,
            Problem::PointsOutOfRange(_) => Field::Points,
            Problem::HandlingRequired(_) => Field::Handling,
            Problem::NoteTooLong(..) => Field::Note,
            Problem::NotAScore(_) | Problem::TooManyRaters(..) => Field::Scores,
            Problem::NotOnRoll(_) | Problem::Twice(_) | Problem::AppraisedElsewhere { .. } => Field::Member,
            Problem::NotBegun | Problem::NothingEntered => return None,
        })
    }
}

/// All problems found; never empty when returned as an error.
pub type Problems = Vec<Problem>;

/// `Ok(value)` when nothing was found.
pub(crate) fn done<T>(value: T, problems: Problems) -> Result<T, Problems> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}
