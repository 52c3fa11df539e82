//! Validation errors of the rating engine. Each names the record and the field it is about, so an
//! auditor reading the CLI's stderr, or a user looking at an import report, can find the spot
//! without guessing. The record, the field and the problem are values: the UI words all three
//! through i18n (`i18n::words::validation_error`), and `Display` is the English text the CLI
//! prints.

use std::fmt;

use serde_json::Value;

pub use crate::domain::values::json_error::{DecodeError, DecodeFault, JsonError, JsonFault};
use crate::domain::values::points::{Points, PointsError};

/// One problem found in one field of one record.
///
/// Displayed as `record, field: problem` — e.g. `evaluation #12 (b07/2026-03), scores.perf.safety:
/// 12 exceeds its maximum 10` — or `record: problem` when it concerns the whole record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {problem}", self.location())]
pub struct ValidationError {
    /// The record: `rubric hidden-7`, `indicator #1 (team.i0)`, `branch #3 (b07)`,
    /// `evaluation b07/2026-03`, `five_haves b07/2026`, `document`.
    pub record: RecordRef,
    /// The field inside the record, as a path in the document: `max`, `scores.perf.safety`,
    /// `bonus[1].points`, `weights.market`. [`ValidationError::field_path`] reads it.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

impl ValidationError {
    /// A problem in `field` of `record`.
    pub fn new(record: impl Into<RecordRef>, field: impl Into<String>, problem: Problem) -> Self {
        ValidationError { record: record.into(), field: field.into(), problem }
    }

    /// `record, field`, or just `record` when the field is empty.
    pub fn location(&self) -> String {
        if self.field.is_empty() {
            self.record.to_string()
        } else {
            format!("{}, {}", self.record, self.field)
        }
    }

    /// The field's path read into its parts.
    pub fn field_path(&self) -> FieldPath<'_> {
        // There the field is the key of the document's `five_haves` map: a branch id.
        if self.record == RecordRef::FiveHaves(None) && !self.field.is_empty() {
            return FieldPath::Code(&self.field);
        }
        FieldPath::parse(&self.field)
    }
}

/// Which record of a document (or of the app's data) a problem is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRef {
    /// The document as a whole.
    Document,
    /// The rubric, by its id when it has one that reads as text.
    Rubric(Option<String>),
    /// An element of one of the document's lists: its kind, its place counted from 1, and its
    /// key (id, or `branch/month` of an evaluation) when the element has one.
    Listed {
        /// Which list.
        kind: RecordKind,
        /// Place in the list, from 1.
        number: usize,
        /// The element's own key, as written in the document.
        key: Option<String>,
    },
    /// An evaluation named by its branch and month (the app's own sheets).
    Evaluation {
        /// Branch id.
        branch: String,
        /// Month, as written.
        month: String,
    },
    /// The document's "五有" flags, or those of one branch when known.
    FiveHaves(Option<String>),
    /// The "五有" flags of one branch for one year (as written).
    FiveHavesYear {
        /// Branch id.
        branch: String,
        /// Year, as written.
        year: String,
    },
}

impl RecordRef {
    /// An element of a list, keyed when `key` is not blank.
    pub fn listed(kind: RecordKind, position: usize, key: Option<&str>) -> RecordRef {
        let key = key.filter(|k| !k.trim().is_empty()).map(str::to_string);
        RecordRef::Listed { kind, number: position + 1, key }
    }
}

/// So that one record names all the problems found in it.
impl From<&RecordRef> for RecordRef {
    fn from(record: &RecordRef) -> RecordRef {
        record.clone()
    }
}

impl fmt::Display for RecordRef {
    /// The CLI's English: `document`, `rubric example`, `branch #3 (b07)`, `five_haves b1/2026`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordRef::Document => f.write_str("document"),
            RecordRef::Rubric(None) => f.write_str("rubric"),
            RecordRef::Rubric(Some(id)) => write!(f, "rubric {id}"),
            RecordRef::Listed { kind, number, key: None } => write!(f, "{} #{number}", kind.code()),
            RecordRef::Listed { kind, number, key: Some(key) } => write!(f, "{} #{number} ({key})", kind.code()),
            RecordRef::Evaluation { branch, month } => write!(f, "evaluation {branch}/{month}"),
            RecordRef::FiveHaves(None) => f.write_str("five_haves"),
            RecordRef::FiveHaves(Some(branch)) => write!(f, "five_haves {branch}"),
            RecordRef::FiveHavesYear { branch, year } => write!(f, "five_haves {branch}/{year}"),
        }
    }
}

/// The lists of a document whose elements are named by their place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Indicator,
    Branch,
    Evaluation,
    Unit,
    ShellDecision,
    Instructor,
    Assignment,
    InstructorReport,
    YearEndReview,
    Request,
}

impl RecordKind {
    /// The kind's name in the CLI's messages.
    pub fn code(self) -> &'static str {
        match self {
            RecordKind::Indicator => "indicator",
            RecordKind::Branch => "branch",
            RecordKind::Evaluation => "evaluation",
            RecordKind::Unit => "unit",
            RecordKind::ShellDecision => "shell_decision",
            RecordKind::Instructor => "instructor",
            RecordKind::Assignment => "assignment",
            RecordKind::InstructorReport => "instructor_report",
            RecordKind::YearEndReview => "year_end_review",
            RecordKind::Request => "request",
        }
    }
}

/// A field path of a [`ValidationError`], read into the parts a reader names in words; ids
/// and unknown keys stay as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldPath<'a> {
    /// No field: the problem is the whole record's.
    Whole,
    /// A field of a fixed name.
    Named(FieldName),
    /// `scores.ID`: the score of an indicator.
    Score(&'a str),
    /// `weights.CATEGORY`: a category's row of weights (the category as written).
    Weights(&'a str),
    /// `weights.CATEGORY.DIMENSION`: one weight.
    Weight {
        /// The category, as written.
        category: &'a str,
        /// The dimension, as written.
        dimension: &'a str,
    },
    /// `bonus[0]`, `deductions[2].points`, `vetoes[1].reason`: an item of an evaluation's list.
    Item {
        /// Which list.
        list: FieldName,
        /// Place in the list, from 1.
        number: usize,
        /// The item's field, if the problem is in one.
        field: Option<FieldName>,
    },
    /// Anything else, as written.
    Code(&'a str),
}

impl<'a> FieldPath<'a> {
    /// Reads a path as [`ValidationError::field`] holds it.
    pub fn parse(path: &'a str) -> FieldPath<'a> {
        if path.is_empty() {
            return FieldPath::Whole;
        }
        if let Some(name) = FieldName::from_code(path) {
            return FieldPath::Named(name);
        }
        if let Some(id) = path.strip_prefix("scores.") {
            return FieldPath::Score(id);
        }
        if let Some(rest) = path.strip_prefix("weights.") {
            return match rest.split_once('.') {
                None => FieldPath::Weights(rest),
                Some((category, dimension)) => FieldPath::Weight { category, dimension },
            };
        }
        FieldPath::item(path).unwrap_or(FieldPath::Code(path))
    }

    fn item(path: &'a str) -> Option<FieldPath<'a>> {
        let (list, rest) = path.split_once('[')?;
        let (index, rest) = rest.split_once(']')?;
        let list = FieldName::from_code(list)
            .filter(|l| matches!(l, FieldName::Bonus | FieldName::Deductions | FieldName::Vetoes))?;
        let number = index.parse::<usize>().ok()?.checked_add(1)?;
        let field = match rest {
            "" => None,
            _ => Some(FieldName::from_code(rest.strip_prefix('.')?)?),
        };
        Some(FieldPath::Item { list, number, field })
    }
}

/// The fields of fixed name that problems are reported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldName {
    Id,
    Name,
    Category,
    Founded,
    Month,
    Branch,
    Status,
    Max,
    BonusCap,
    Dimension,
    Categories,
    Format,
    Version,
    Rubric,
    Branches,
    Evaluations,
    Indicators,
    Weights,
    Scores,
    FiveHaves,
    Units,
    ShellDecisions,
    Instructors,
    Assignments,
    InstructorReports,
    YearEndReviews,
    Requests,
    Bonus,
    Deductions,
    Vetoes,
    Points,
    Reason,
    AttendanceThreshold,
    SubmitDay,
}

impl FieldName {
    const CODES: [(&'static str, FieldName); 34] = [
        ("id", FieldName::Id),
        ("name", FieldName::Name),
        ("category", FieldName::Category),
        ("founded", FieldName::Founded),
        ("month", FieldName::Month),
        ("branch", FieldName::Branch),
        ("status", FieldName::Status),
        ("max", FieldName::Max),
        ("bonus_cap", FieldName::BonusCap),
        ("dimension", FieldName::Dimension),
        ("categories", FieldName::Categories),
        ("format", FieldName::Format),
        ("version", FieldName::Version),
        ("rubric", FieldName::Rubric),
        ("branches", FieldName::Branches),
        ("evaluations", FieldName::Evaluations),
        ("indicators", FieldName::Indicators),
        ("weights", FieldName::Weights),
        ("scores", FieldName::Scores),
        ("five_haves", FieldName::FiveHaves),
        ("units", FieldName::Units),
        ("shell_decisions", FieldName::ShellDecisions),
        ("instructors", FieldName::Instructors),
        ("assignments", FieldName::Assignments),
        ("instructor_reports", FieldName::InstructorReports),
        ("year_end_reviews", FieldName::YearEndReviews),
        ("requests", FieldName::Requests),
        ("bonus", FieldName::Bonus),
        ("deductions", FieldName::Deductions),
        ("vetoes", FieldName::Vetoes),
        ("points", FieldName::Points),
        ("reason", FieldName::Reason),
        ("ledger.attendance_threshold_percent", FieldName::AttendanceThreshold),
        ("ledger.submit_day", FieldName::SubmitDay),
    ];

    /// Every field name, for tests that word each one.
    pub const ALL: [FieldName; 34] = {
        let mut all = [FieldName::Id; 34];
        let mut i = 0;
        while i < 34 {
            all[i] = FieldName::CODES[i].1;
            i += 1;
        }
        all
    };

    /// The name as the document spells it.
    pub fn code(self) -> &'static str {
        FieldName::CODES.iter().find(|(_, n)| *n == self).map_or("", |(code, _)| code)
    }

    /// Reads [`FieldName::code`].
    pub fn from_code(code: &str) -> Option<FieldName> {
        FieldName::CODES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
    }
}

/// Which kind of period a text failed to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// `YYYY-MM`.
    Month,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY`.
    Year,
    /// Any of `YYYY-MM`, `YYYY-Qn`, `YYYY`.
    Period,
}

impl fmt::Display for PeriodKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PeriodKind::Month => "month (YYYY-MM)",
            PeriodKind::Date => "date (YYYY-MM-DD)",
            PeriodKind::Year => "year (YYYY)",
            PeriodKind::Period => "period (YYYY-MM, YYYY-Qn or YYYY)",
        })
    }
}

/// The type of a JSON value, as a reader names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Bool,
    Number,
    Text,
    List,
    Object,
}

impl JsonType {
    /// The type of `value`.
    pub fn of(value: &Value) -> JsonType {
        match value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Bool,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::Text,
            Value::Array(_) => JsonType::List,
            Value::Object(_) => JsonType::Object,
        }
    }
}

impl fmt::Display for JsonType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JsonType::Null => "null",
            JsonType::Bool => "true/false",
            JsonType::Number => "a number",
            JsonType::Text => "a text",
            JsonType::List => "a list",
            JsonType::Object => "an object",
        })
    }
}

/// What a field should have held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Number,
    Bool,
    List,
    Object,
    /// A list of category codes.
    Categories,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Text => "a text",
            Expected::Number => "a number",
            Expected::Bool => "true/false",
            Expected::List => "a list",
            Expected::Object => "an object",
            Expected::Categories => "a list of categories",
        })
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The document is not JSON at all.
    #[error("not valid JSON: {0}")]
    Json(JsonError),
    /// A value of the wrong JSON type.
    #[error("expected {expected}, found {found}")]
    Malformed {
        /// What the field should hold.
        expected: Expected,
        /// What it holds.
        found: JsonType,
    },
    /// A record of the app's own type (a unit, an instructor …) that does not read as one.
    #[error("{0}")]
    Decode(DecodeError),
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
    BadPeriod(String, PeriodKind),
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
    /// The ledger's submit day is not one every month has (1 to 28).
    #[error("the submit day must be a day from 1 to 28")]
    BadSubmitDay,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keep_the_cli_s_words() {
        let listed = |kind, position, key| RecordRef::listed(kind, position, key).to_string();
        assert_eq!(listed(RecordKind::Branch, 0, Some("demo-b01")), "branch #1 (demo-b01)");
        assert_eq!(listed(RecordKind::Evaluation, 11, Some("b07/2026-03")), "evaluation #12 (b07/2026-03)");
        assert_eq!(listed(RecordKind::Indicator, 2, Some(" ")), "indicator #3");
        assert_eq!(listed(RecordKind::YearEndReview, 0, None), "year_end_review #1");
        assert_eq!(RecordRef::Rubric(Some("x".into())).to_string(), "rubric x");
        assert_eq!(
            RecordRef::FiveHavesYear { branch: "b1".into(), year: "2026".into() }.to_string(),
            "five_haves b1/2026"
        );
        let e = ValidationError::new(RecordRef::Document, "", Problem::Missing);
        assert_eq!(e.to_string(), "document: missing");
    }

    #[test]
    fn field_paths_name_their_parts() {
        assert_eq!(FieldPath::parse(""), FieldPath::Whole);
        assert_eq!(FieldPath::parse("category"), FieldPath::Named(FieldName::Category));
        assert_eq!(FieldPath::parse("ledger.submit_day"), FieldPath::Named(FieldName::SubmitDay));
        assert_eq!(FieldPath::parse("scores.perf.safety"), FieldPath::Score("perf.safety"));
        assert_eq!(FieldPath::parse("weights.market"), FieldPath::Weights("market"));
        assert_eq!(
            FieldPath::parse("weights.market.brand"),
            FieldPath::Weight { category: "market", dimension: "brand" }
        );
        let item = |list, number, field| FieldPath::Item { list, number, field };
        assert_eq!(FieldPath::parse("bonus[0]"), item(FieldName::Bonus, 1, None));
        assert_eq!(FieldPath::parse("deductions[2].points"), item(FieldName::Deductions, 3, Some(FieldName::Points)));
        assert_eq!(FieldPath::parse("vetoes[1].reason"), item(FieldName::Vetoes, 2, Some(FieldName::Reason)));
        assert_eq!(FieldPath::parse("bonus[x].points"), FieldPath::Code("bonus[x].points"));
        assert_eq!(FieldPath::parse("name[0]"), FieldPath::Code("name[0]"));
        for name in FieldName::ALL {
            assert_eq!(FieldName::from_code(name.code()), Some(name));
        }
        // The key of the `five_haves` map is a branch id, whatever it spells.
        let e = ValidationError::new(RecordRef::FiveHaves(None), "name", Problem::Missing);
        assert_eq!(e.field_path(), FieldPath::Code("name"));
    }
}
