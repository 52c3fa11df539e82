//! The exchange format, version 3 (docs/FORMAT.md): one JSON document holding a rubric, the
//! branches, their monthly evaluations and their "五有" flags, — since version 2 — the 两新
//! units with their formations and the committee's shell decisions, and — since version 3 — the
//! party-building instructors with their assignments, monthly reports and year-end reviews, and
//! the units' requests. The app imports and exports it and the auditors' CLI recomputes ratings
//! and coverage from it with this very code. Version 1 and 2 documents are read as they always
//! were.
//!
//! Every record keeps the fields this version does not know in `extra` and writes them back, so
//! later, richer backups (names, ledger, audit trail …) are supersets of this format and pass
//! through old code unharmed.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::domain::instructors::assignment::Assignment;
use crate::domain::instructors::instructor::Instructor;
use crate::domain::instructors::report::InstructorReport;
use crate::domain::instructors::review::YearEndReview;
use crate::domain::ledger::LedgerRules;
use crate::domain::rating::evaluation::{Bonus, Deduction, EvaluationParts, MonthlyEvaluation, ReviewStatus, Veto};
use crate::domain::rating::rubric::{
    category_index, FiveHaves, Indicator, IndicatorKind, LocalizedText, Rubric, ScoringSource, DEFAULT_BONUS_CAP,
};
use crate::domain::requests::Request;
use crate::domain::units::shell::ShellDecision;
use crate::domain::units::unit::Unit;
use crate::domain::values::category::{Category, Dimension};
use crate::domain::values::date::Date;
use crate::domain::values::period::{Month, Year};
use crate::domain::values::points::{Points, PointsError};
use crate::domain::values::validation::{
    DecodeError, Expected, JsonError, JsonType, PeriodKind, Problem, RecordKind, RecordRef, ValidationError,
};

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "starbranch.exchange";
/// The format version this code writes.
pub const FORMAT_VERSION: u32 = 3;
/// The oldest version this code reads.
pub const OLDEST_VERSION: u32 = 1;
/// The first version that carries units and shell decisions. In an older document the two
/// fields were nobody's, so they stay among its unknown fields, untouched.
pub const UNITS_SINCE: u32 = 2;
/// The first version that carries instructors, their assignments, reports and reviews, and the
/// units' requests. In an older document those fields stay among its unknown fields.
pub const INSTRUCTORS_SINCE: u32 = 3;

/// A whole exchange document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeDocument {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// [`OLDEST_VERSION`] to [`FORMAT_VERSION`].
    pub version: u32,
    /// The rubric every evaluation of the document was made under.
    pub rubric: ExchangeRubric,
    /// The branches rated.
    pub branches: Vec<ExchangeBranch>,
    /// Monthly evaluations, in any order.
    #[serde(default)]
    pub evaluations: Vec<ExchangeEvaluation>,
    /// "五有" flags per branch id and year (`"2026"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub five_haves: BTreeMap<String, BTreeMap<Year, FiveHaves>>,
    /// The 两新 units with their formation data (version 2), as the app stores them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Unit>,
    /// The committee's decisions on flagged shell organisations (version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shell_decisions: Vec<ShellDecision>,
    /// The instructor pool (version 3), as the app stores it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instructors: Vec<Instructor>,
    /// The instructors' assignments to units (version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assignments: Vec<Assignment>,
    /// Their monthly reports (version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instructor_reports: Vec<InstructorReport>,
    /// Their year-end reviews (version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub year_end_reviews: Vec<YearEndReview>,
    /// The units' requests, 企业有话说 (version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<Request>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The rubric as exchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeRubric {
    /// The rubric's id.
    pub id: String,
    /// Monthly bonus cap; absent means 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus_cap: Option<Points>,
    /// Weights per category and dimension; a dimension left out weighs 0.
    pub weights: BTreeMap<Category, BTreeMap<Dimension, u8>>,
    /// The indicators.
    pub indicators: Vec<ExchangeIndicator>,
    /// Fields this version does not know (the app writes `version` here).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An indicator as exchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeIndicator {
    /// Unique id.
    pub id: String,
    /// The dimension it feeds.
    pub dimension: Dimension,
    /// Maximum points.
    pub max: Points,
    /// The categories it applies to; absent means all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<Category>>,
    /// Fields this version does not know (the app writes `name`, `kind`, `source` here).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A branch as exchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeBranch {
    /// Unique id; evaluations refer to it.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Its category.
    pub category: Category,
    /// Founding date; evaluations of earlier months are errors. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<Date>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A monthly evaluation as exchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeEvaluation {
    /// The branch's id.
    pub branch: String,
    /// The month evaluated.
    pub month: Month,
    /// Review status; only `confirmed` (and `published`) count.
    pub status: ReviewStatus,
    /// Points per indicator id.
    #[serde(default)]
    pub scores: BTreeMap<String, Points>,
    /// Bonus items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bonus: Vec<ExchangeItem>,
    /// Deduction items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deductions: Vec<ExchangeItem>,
    /// Veto items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<ExchangeVeto>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A bonus or deduction item as exchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeItem {
    /// Points, 0 or more.
    pub points: Points,
    /// Why.
    #[serde(default)]
    pub reason: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A veto item as exchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeVeto {
    /// Why.
    #[serde(default)]
    pub reason: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ExchangeDocument {
    /// An empty document under `rubric`, ready to be filled for export.
    pub fn new(rubric: &Rubric) -> ExchangeDocument {
        ExchangeDocument {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            rubric: ExchangeRubric::from_rubric(rubric),
            branches: Vec::new(),
            evaluations: Vec::new(),
            five_haves: BTreeMap::new(),
            units: Vec::new(),
            shell_decisions: Vec::new(),
            instructors: Vec::new(),
            assignments: Vec::new(),
            instructor_reports: Vec::new(),
            year_end_reviews: Vec::new(),
            requests: Vec::new(),
            extra: Map::new(),
        }
    }

    /// Reads and validates a document: JSON syntax, the format name and version, every field's
    /// type, the rubric (rule 10), branch ids (unique, known), indicator ids, points (at most two
    /// decimals, within 0..=max once confirmed), duplicate (branch, month) pairs, months before
    /// a branch's founding, and the "五有" flags. Returns every problem found, each naming its
    /// record and field.
    pub fn parse(text: &str) -> Result<ExchangeDocument, Vec<ValidationError>> {
        // Fast path: a well-formed document decodes in one serde pass (about four times faster
        // than building a JSON tree first) and only needs the semantic checks.
        let fast = serde_json::from_str::<ExchangeDocument>(text)
            .ok()
            .filter(|d| d.version >= INSTRUCTORS_SINCE || !d.has_instructor_records());
        if let Some(document) = fast {
            let decoded = Decoded::from_document(document);
            let mut errors = Vec::new();
            decoded.check(&mut errors);
            return match decoded.into_document() {
                Some(document) if errors.is_empty() => Ok(document),
                _ => Err(errors),
            };
        }
        // Otherwise decode field by field, to name every broken record and field.
        let value: Value = serde_json::from_str(text)
            .map_err(|e| vec![ValidationError::new(RecordRef::Document, "", Problem::Json(JsonError::of(&e)))])?;
        let mut errors = Vec::new();
        let decoded = decode_document(value, &mut errors);
        if let Some(decoded) = &decoded {
            decoded.check(&mut errors);
        }
        match decoded.and_then(Decoded::into_document) {
            Some(document) if errors.is_empty() => Ok(document),
            _ => Err(errors),
        }
    }

    /// Whether it holds any record of version 3 (instructors, assignments, reports, reviews,
    /// requests).
    pub fn has_instructor_records(&self) -> bool {
        !(self.instructors.is_empty()
            && self.assignments.is_empty()
            && self.instructor_reports.is_empty()
            && self.year_end_reviews.is_empty()
            && self.requests.is_empty())
    }

    /// The document as pretty JSON, unknown fields included.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The rubric as a domain value.
    pub fn domain_rubric(&self) -> Rubric {
        self.rubric.to_rubric()
    }

    /// The "五有" flags of a branch for a year, when recorded.
    pub fn five_haves_of(&self, branch: &str, year: Year) -> Option<&FiveHaves> {
        self.five_haves.get(branch)?.get(&year)
    }
}

/// Reads `key` of an extra-fields map as `T`, if present and well-formed.
fn extra_as<T: serde::de::DeserializeOwned>(extra: &Map<String, Value>, key: &str) -> Option<T> {
    extra.get(key).and_then(|v| T::deserialize(v).ok())
}

impl ExchangeRubric {
    /// The domain rubric. The fields version 1 does not define — `version`, and each
    /// indicator's `name`, `kind`, `source` — are taken from the extra fields when the app wrote
    /// them, with plain defaults otherwise (version 1, the id as name, basic, manual); they do
    /// not affect any score.
    pub fn to_rubric(&self) -> Rubric {
        let mut weights = [[0_u8; 5]; 5];
        for (category, row) in &self.weights {
            for (dimension, weight) in row {
                weights[category_index(*category)][dimension.index()] = *weight;
            }
        }
        let indicators = self
            .indicators
            .iter()
            .map(|i| Indicator {
                id: i.id.clone(),
                name: extra_as::<LocalizedText>(&i.extra, "name")
                    .or_else(|| extra_as::<String>(&i.extra, "name").map(|n| LocalizedText::same(&n)))
                    .unwrap_or_else(|| LocalizedText::same(&i.id)),
                dimension: i.dimension,
                kind: extra_as(&i.extra, "kind").unwrap_or(IndicatorKind::Basic),
                max: i.max,
                categories: i.categories.clone(),
                source: extra_as(&i.extra, "source").unwrap_or(ScoringSource::Manual),
            })
            .collect();
        Rubric {
            id: self.id.clone(),
            version: extra_as(&self.extra, "version").unwrap_or(1),
            bonus_cap: self.bonus_cap.unwrap_or(DEFAULT_BONUS_CAP),
            weights,
            indicators,
            // Version 1 has no place for the ledger rules and they change no score the format
            // carries (ledger points arrive already in each evaluation's scores).
            ledger: LedgerRules::default(),
        }
    }

    /// The exchanged form of a domain rubric, names, kinds, sources and version included as
    /// extra fields so that an export re-imports to the same rubric.
    pub fn from_rubric(rubric: &Rubric) -> ExchangeRubric {
        let weights = Category::ALL
            .iter()
            .map(|&c| {
                let row = Dimension::ALL.iter().map(|&d| (d, rubric.weight(c, d))).collect();
                (c, row)
            })
            .collect();
        let indicators = rubric
            .indicators
            .iter()
            .map(|i| {
                let mut extra = Map::new();
                extra.insert("name".into(), serde_json::to_value(&i.name).unwrap_or(Value::Null));
                extra.insert("kind".into(), serde_json::to_value(i.kind).unwrap_or(Value::Null));
                extra.insert("source".into(), serde_json::to_value(i.source).unwrap_or(Value::Null));
                ExchangeIndicator {
                    id: i.id.clone(),
                    dimension: i.dimension,
                    max: i.max,
                    categories: i.categories.clone(),
                    extra,
                }
            })
            .collect();
        let mut extra = Map::new();
        extra.insert("version".into(), Value::from(rubric.version));
        ExchangeRubric { id: rubric.id.clone(), bonus_cap: Some(rubric.bonus_cap), weights, indicators, extra }
    }
}

impl ExchangeEvaluation {
    /// The domain evaluation (extra fields are dropped; they stay in the exchange record).
    pub fn to_evaluation(&self) -> MonthlyEvaluation {
        MonthlyEvaluation {
            branch: self.branch.clone(),
            month: self.month,
            status: self.status,
            scores: self.scores.clone(),
            bonus: self.bonus.iter().map(|b| Bonus { points: b.points, reason: b.reason.clone() }).collect(),
            deductions: self
                .deductions
                .iter()
                .map(|d| Deduction { points: d.points, reason: d.reason.clone() })
                .collect(),
            vetoes: self.vetoes.iter().map(|v| Veto { reason: v.reason.clone() }).collect(),
        }
    }

    /// The exchanged form of a domain evaluation, with no extra fields.
    pub fn from_evaluation(eval: &MonthlyEvaluation) -> ExchangeEvaluation {
        let item =
            |points: Points, reason: &str| ExchangeItem { points, reason: reason.to_string(), extra: Map::new() };
        ExchangeEvaluation {
            branch: eval.branch.clone(),
            month: eval.month,
            status: eval.status,
            scores: eval.scores.clone(),
            bonus: eval.bonus.iter().map(|b| item(b.points, &b.reason)).collect(),
            deductions: eval.deductions.iter().map(|d| item(d.points, &d.reason)).collect(),
            vetoes: eval.vetoes.iter().map(|v| ExchangeVeto { reason: v.reason.clone(), extra: Map::new() }).collect(),
            extra: Map::new(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding. Serde's derive would stop at the first error and name no record, so the document is
// first read as a JSON tree and then decoded field by field: every problem is collected with the
// record and field it belongs to, and every key not decoded is kept as an extra field.

/// The fields of one JSON object being decoded into one record.
struct Fields<'e> {
    record: RecordRef,
    /// Path of this object inside the record (`bonus[1]`), empty for the record itself.
    path: String,
    map: Map<String, Value>,
    errors: &'e mut Vec<ValidationError>,
}

impl<'e> Fields<'e> {
    /// Starts decoding `value` as the object of `record`; `None` (and an error) if it is not
    /// an object.
    fn new(record: RecordRef, value: Value, errors: &'e mut Vec<ValidationError>) -> Option<Fields<'e>> {
        Fields::nested(record, String::new(), value, errors)
    }

    /// Starts decoding `value` as the object at `path` inside `record`.
    fn nested(
        record: RecordRef,
        path: String,
        value: Value,
        errors: &'e mut Vec<ValidationError>,
    ) -> Option<Fields<'e>> {
        match value {
            Value::Object(map) => Some(Fields { record, path, map, errors }),
            other => {
                errors.push(ValidationError::new(record, path, malformed(Expected::Object, &other)));
                None
            }
        }
    }

    fn error(&mut self, field: impl Into<String>, problem: Problem) {
        let field = field.into();
        let field = if self.path.is_empty() { field } else { format!("{}.{field}", self.path) };
        self.errors.push(ValidationError::new(&self.record, field, problem));
    }

    /// A required field: absent or null is an error.
    fn required<T>(&mut self, name: &str, decode: impl FnOnce(Value) -> Result<T, Problem>) -> Option<T> {
        match self.map.remove(name) {
            None | Some(Value::Null) => {
                self.error(name, Problem::Missing);
                None
            }
            Some(value) => self.decoded(name, value, decode),
        }
    }

    /// An optional field: absent or null is `None`.
    fn optional<T>(&mut self, name: &str, decode: impl FnOnce(Value) -> Result<T, Problem>) -> Option<T> {
        match self.map.remove(name) {
            None | Some(Value::Null) => None,
            Some(value) => self.decoded(name, value, decode),
        }
    }

    fn decoded<T>(&mut self, field: &str, value: Value, decode: impl FnOnce(Value) -> Result<T, Problem>) -> Option<T> {
        decode(value).map_err(|problem| self.error(field, problem)).ok()
    }

    /// A list field, each element decoded by `decode` with its position. `None` when the list
    /// itself is missing (and required) or not a list; elements that fail are left out.
    fn list<T>(
        &mut self,
        name: &str,
        required: bool,
        mut decode: impl FnMut(usize, Value, &mut Vec<ValidationError>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let items = match self.map.remove(name) {
            None | Some(Value::Null) if required => {
                self.error(name, Problem::Missing);
                return None;
            }
            None | Some(Value::Null) => return Some(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(other) => {
                let problem = malformed(Expected::List, &other);
                self.error(name, problem);
                return None;
            }
        };
        // A broken element is reported and left out; the others are still decoded, so that one
        // run reports every problem of the document.
        let decoded: Vec<T> =
            items.into_iter().enumerate().filter_map(|(i, item)| decode(i, item, self.errors)).collect();
        Some(decoded)
    }

    /// What is left: the extra fields.
    fn rest(self) -> Map<String, Value> {
        self.map
    }
}

fn malformed(expected: Expected, found: &Value) -> Problem {
    Problem::Malformed { expected, found: JsonType::of(found) }
}

fn text(value: Value) -> Result<String, Problem> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(malformed(Expected::Text, &other)),
    }
}

fn id(value: Value) -> Result<String, Problem> {
    let id = text(value)?;
    if id.trim().is_empty() {
        return Err(Problem::Empty);
    }
    Ok(id)
}

fn points(value: Value) -> Result<Points, Problem> {
    match value {
        Value::Number(n) => {
            let result = if let Some(i) = n.as_i64() {
                Points::from_integer(i.into())
            } else if let Some(u) = n.as_u64() {
                Points::from_integer(u.into())
            } else {
                n.as_f64().map_or(Err(PointsError::NotFinite), Points::from_f64)
            };
            result.map_err(Problem::BadPoints)
        }
        Value::String(s) => Err(Problem::BadPoints(PointsError::Text(s))),
        other => Err(malformed(Expected::Number, &other)),
    }
}

fn category(value: Value) -> Result<Category, Problem> {
    let code = text(value)?;
    Category::from_code(&code).ok_or(Problem::UnknownCategory(code))
}

fn dimension(value: Value) -> Result<Dimension, Problem> {
    let code = text(value)?;
    Dimension::from_code(&code).ok_or(Problem::UnknownDimension(code))
}

fn status(value: Value) -> Result<ReviewStatus, Problem> {
    let code = text(value)?;
    ReviewStatus::from_code(&code).ok_or(Problem::UnknownStatus(code))
}

fn month(value: Value) -> Result<Month, Problem> {
    let s = text(value)?;
    s.parse().map_err(|_| Problem::BadPeriod(s, PeriodKind::Month))
}

fn date(value: Value) -> Result<Date, Problem> {
    let s = text(value)?;
    s.parse().map_err(|_| Problem::BadPeriod(s, PeriodKind::Date))
}

/// Any whole number that fits the record's `u8`; above 100 is reported by the semantic check,
/// so that both decoding paths give the same messages.
fn weight(value: Value) -> Result<u8, Problem> {
    value.as_u64().and_then(|w| u8::try_from(w).ok()).ok_or(Problem::BadWeight)
}

fn object(value: Value) -> Result<Map<String, Value>, Problem> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(malformed(Expected::Object, &other)),
    }
}

/// A document decoded as far as its records allow: what failed is reported and left out, so the
/// semantic checks still run over the rest.
struct Decoded {
    format: Option<String>,
    version: Option<u32>,
    rubric: Option<DecodedRubric>,
    /// Decoded branches with their list positions.
    branches: Vec<(usize, ExchangeBranch)>,
    /// Ids of branches that failed to decode: evaluations of them are not "unknown".
    broken_branches: HashSet<String>,
    /// Decoded evaluations with their list positions.
    evaluations: Vec<(usize, ExchangeEvaluation)>,
    five_haves: BTreeMap<String, BTreeMap<Year, FiveHaves>>,
    /// Decoded units with their list positions.
    units: Vec<(usize, Unit)>,
    shell_decisions: Vec<ShellDecision>,
    /// The version-3 records, with their list positions.
    instructors: InstructorLists,
    extra: Map<String, Value>,
}

/// The version-3 lists of a decoded document, each record with its list position.
#[derive(Default)]
struct InstructorLists {
    instructors: Vec<(usize, Instructor)>,
    assignments: Vec<(usize, Assignment)>,
    reports: Vec<(usize, InstructorReport)>,
    reviews: Vec<(usize, YearEndReview)>,
    requests: Vec<(usize, Request)>,
}

impl InstructorLists {
    fn of(document: &mut ExchangeDocument) -> InstructorLists {
        fn numbered<T>(items: Vec<T>) -> Vec<(usize, T)> {
            items.into_iter().enumerate().collect()
        }
        InstructorLists {
            instructors: numbered(std::mem::take(&mut document.instructors)),
            assignments: numbered(std::mem::take(&mut document.assignments)),
            reports: numbered(std::mem::take(&mut document.instructor_reports)),
            reviews: numbered(std::mem::take(&mut document.year_end_reviews)),
            requests: numbered(std::mem::take(&mut document.requests)),
        }
    }

    fn into_document(self, document: &mut ExchangeDocument) {
        fn plain<T>(items: Vec<(usize, T)>) -> Vec<T> {
            items.into_iter().map(|(_, t)| t).collect()
        }
        document.instructors = plain(self.instructors);
        document.assignments = plain(self.assignments);
        document.instructor_reports = plain(self.reports);
        document.year_end_reviews = plain(self.reviews);
        document.requests = plain(self.requests);
    }

    /// Each record at most once in the document: ids, report keys, review keys.
    fn check(&self, errors: &mut Vec<ValidationError>) {
        fn unique<'a, T>(
            items: &'a [(usize, T)],
            kind: RecordKind,
            key: impl Fn(&'a T) -> String,
            errors: &mut Vec<ValidationError>,
        ) {
            let mut seen: HashSet<String> = HashSet::new();
            for (position, item) in items {
                let key = key(item);
                let record = RecordRef::listed(kind, *position, Some(&key));
                if key.trim().is_empty() {
                    errors.push(ValidationError::new(record, "id", Problem::Empty));
                } else if !seen.insert(key.clone()) {
                    errors.push(ValidationError::new(record, "id", Problem::DuplicateId(key)));
                }
            }
        }
        unique(&self.instructors, RecordKind::Instructor, |i| i.id.clone(), errors);
        unique(&self.assignments, RecordKind::Assignment, |a| a.id.clone(), errors);
        unique(&self.reports, RecordKind::InstructorReport, InstructorReport::key, errors);
        unique(&self.reviews, RecordKind::YearEndReview, YearEndReview::key, errors);
        unique(&self.requests, RecordKind::Request, |r| r.id.clone(), errors);
    }
}

impl Decoded {
    /// A document that decoded whole.
    fn from_document(mut document: ExchangeDocument) -> Decoded {
        if document.version < UNITS_SINCE {
            // Serde took them for ours; in this version they are the writer's own fields.
            let units = std::mem::take(&mut document.units);
            let decisions = std::mem::take(&mut document.shell_decisions);
            if !units.is_empty() {
                document.extra.insert("units".into(), serde_json::to_value(units).unwrap_or_default());
            }
            if !decisions.is_empty() {
                document.extra.insert("shell_decisions".into(), serde_json::to_value(decisions).unwrap_or_default());
            }
        }
        // `parse` takes an older document holding such fields the slow way, which keeps them
        // as they were written; here they can only be empty.
        let instructors = InstructorLists::of(&mut document);
        Decoded {
            format: Some(document.format),
            version: Some(document.version),
            rubric: Some(DecodedRubric { rubric: document.rubric, whole: true, broken_indicators: HashSet::new() }),
            branches: document.branches.into_iter().enumerate().collect(),
            broken_branches: HashSet::new(),
            evaluations: document.evaluations.into_iter().enumerate().collect(),
            five_haves: document.five_haves,
            units: document.units.into_iter().enumerate().collect(),
            shell_decisions: document.shell_decisions,
            instructors,
            extra: document.extra,
        }
    }

    /// The document, when nothing is missing (callers also require that no error was found).
    fn into_document(self) -> Option<ExchangeDocument> {
        let mut document = ExchangeDocument {
            format: self.format?,
            version: self.version?,
            rubric: self.rubric?.rubric,
            branches: self.branches.into_iter().map(|(_, b)| b).collect(),
            evaluations: self.evaluations.into_iter().map(|(_, e)| e).collect(),
            five_haves: self.five_haves,
            units: self.units.into_iter().map(|(_, u)| u).collect(),
            shell_decisions: self.shell_decisions,
            instructors: Vec::new(),
            assignments: Vec::new(),
            instructor_reports: Vec::new(),
            year_end_reviews: Vec::new(),
            requests: Vec::new(),
            extra: self.extra,
        };
        self.instructors.into_document(&mut document);
        Some(document)
    }

    /// The semantic checks of rule 10 over whatever decoded.
    fn check(&self, errors: &mut Vec<ValidationError>) {
        if let Some(format) = self.format.as_deref().filter(|f| *f != FORMAT_NAME) {
            let problem = Problem::WrongFormat(format.to_string());
            errors.push(ValidationError::new(RecordRef::Document, "format", problem));
        }
        if let Some(version) = self.version.filter(|v| !(OLDEST_VERSION..=FORMAT_VERSION).contains(v)) {
            let problem = Problem::UnsupportedVersion(version.to_string());
            errors.push(ValidationError::new(RecordRef::Document, "version", problem));
        }
        let rubric = self.rubric.as_ref().map(|r| r.rubric.to_rubric());
        let whole = self.rubric.as_ref().is_some_and(|r| r.whole);
        // Scores are held to the bounds of a whole, valid rubric only: against a broken one
        // every evaluation would repeat the rubric's own error.
        let mut rubric_valid = false;
        if let (Some(decoded), Some(rubric)) = (&self.rubric, &rubric) {
            let record = RecordRef::Rubric(Some(rubric.id.clone()));
            let missing: Vec<String> = Category::ALL
                .iter()
                .filter(|c| !decoded.rubric.weights.contains_key(c))
                .map(|c| format!("weights.{}", c.code()))
                .collect();
            for field in &missing {
                errors.push(ValidationError::new(&record, field, Problem::Missing));
            }
            for (category, row) in &decoded.rubric.weights {
                for (dimension, _) in row.iter().filter(|(_, w)| **w > 100) {
                    let field = format!("weights.{}.{}", category.code(), dimension.code());
                    errors.push(ValidationError::new(&record, field, Problem::BadWeight));
                }
            }
            match rubric.validate() {
                Ok(()) => rubric_valid = whole && missing.is_empty(),
                Err(rubric_errors) => errors.extend(rubric_errors.into_iter().filter(|e| {
                    // A missing category is reported once, not again as "weights sum to 0";
                    // with indicators left out, "no indicator applies" may be their absence.
                    let sum_of_missing = e.record == record && missing.contains(&e.field);
                    let maybe_absent = !whole && matches!(e.problem, Problem::NoIndicatorForDimension { .. });
                    !sum_of_missing && !maybe_absent
                })),
            }
        }
        let broken_indicator = |id: &str| self.rubric.as_ref().is_some_and(|r| r.broken_indicators.contains(id));

        let mut branches: HashMap<&str, &ExchangeBranch> = HashMap::new();
        for (position, branch) in &self.branches {
            if branch.id.trim().is_empty() {
                let record = RecordRef::listed(RecordKind::Branch, *position, None);
                errors.push(ValidationError::new(&record, "id", Problem::Empty));
                continue;
            }
            // The first of duplicated ids stays the reference for its evaluations.
            if branches.contains_key(branch.id.as_str()) {
                let record = RecordRef::listed(RecordKind::Branch, *position, Some(&branch.id));
                let problem = Problem::DuplicateId(branch.id.clone());
                errors.push(ValidationError::new(&record, "id", problem));
            } else {
                branches.insert(&branch.id, branch);
            }
        }
        let known = |id: &str| branches.contains_key(id) || self.broken_branches.contains(id);

        let by_id = rubric.as_ref().map(Rubric::by_id).unwrap_or_default();
        let mut seen: HashMap<(&str, Month), usize> = HashMap::new();
        for (position, eval) in &self.evaluations {
            let key = format!("{}/{}", eval.branch, eval.month);
            let record = RecordRef::listed(RecordKind::Evaluation, *position, Some(&key));
            let first = *seen.entry((&eval.branch, eval.month)).or_insert(position + 1);
            if first != position + 1 {
                let problem = Problem::DuplicateEvaluation(first);
                errors.push(ValidationError::new(&record, "month", problem));
            }
            let branch = branches.get(eval.branch.as_str());
            if !known(&eval.branch) {
                let problem = Problem::UnknownBranch(eval.branch.clone());
                errors.push(ValidationError::new(&record, "branch", problem));
            }
            if let Some(founded) = branch.and_then(|b| b.founded) {
                let founded_month = Month::new(founded.year(), founded.month());
                if founded_month.is_some_and(|f| eval.month < f) {
                    let problem =
                        Problem::BeforeFounded { month: eval.month.to_string(), founded: founded.to_string() };
                    errors.push(ValidationError::new(&record, "month", problem));
                }
            }
            let Some(rubric) = &rubric else {
                continue;
            };
            match branch {
                Some(branch) => {
                    // Scores of indicators that failed to decode were reported with them.
                    let scores: Cow<BTreeMap<String, Points>> = match &self.rubric {
                        Some(r) if !r.broken_indicators.is_empty() => Cow::Owned(
                            eval.scores
                                .iter()
                                .filter(|(id, _)| !broken_indicator(id))
                                .map(|(id, p)| (id.clone(), *p))
                                .collect(),
                        ),
                        _ => Cow::Borrowed(&eval.scores),
                    };
                    let parts = EvaluationParts {
                        record: &record,
                        scores: &scores,
                        bonus: eval.bonus.iter().map(|b| b.points),
                        deductions: eval.deductions.iter().map(|d| d.points),
                    };
                    parts.check(rubric, &by_id, branch.category, rubric_valid && eval.status.counts(), errors);
                }
                // Without the branch's category only the indicator ids can be checked.
                None => {
                    let unknown = |id: &&String| !by_id.contains_key(id.as_str()) && !broken_indicator(id);
                    for id in eval.scores.keys().filter(unknown) {
                        let problem = Problem::UnknownIndicator(id.clone());
                        errors.push(ValidationError::new(&record, format!("scores.{id}"), problem));
                    }
                }
            }
        }

        for branch in self.five_haves.keys().filter(|b| !known(b)) {
            let problem = Problem::UnknownBranch(branch.clone());
            errors.push(ValidationError::new(RecordRef::FiveHaves(Some(branch.clone())), "", problem));
        }

        // A unit's own rules and its formation's need the registry it is imported into
        // (`import::plan_import`); the document itself can only hold each id once.
        let mut unit_ids: HashMap<&str, usize> = HashMap::new();
        for (position, unit) in &self.units {
            // Keyed even when blank, as the CLI has always named it.
            let record = RecordRef::Listed { kind: RecordKind::Unit, number: position + 1, key: Some(unit.id.clone()) };
            if unit.id.trim().is_empty() {
                errors.push(ValidationError::new(&record, "id", Problem::Empty));
            } else if unit_ids.insert(&unit.id, *position).is_some() {
                errors.push(ValidationError::new(&record, "id", Problem::DuplicateId(unit.id.clone())));
            }
        }
        // Likewise the version-3 records: their rules need the data they are imported into.
        self.instructors.check(errors);
    }
}

fn decode_document(value: Value, errors: &mut Vec<ValidationError>) -> Option<Decoded> {
    let mut f = Fields::new(RecordRef::Document, value, errors)?;
    let format = f.required("format", text);
    let version = f.required("version", |v| {
        v.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| Problem::UnsupportedVersion(v.to_string()))
    });
    let rubric = match f.map.remove("rubric") {
        None | Some(Value::Null) => {
            f.error("rubric", Problem::Missing);
            None
        }
        Some(value) => decode_rubric(value, f.errors),
    };
    let mut broken_branches = HashSet::new();
    let branches = f
        .list("branches", true, |i, value, errors| {
            let raw_id = value.get("id").and_then(Value::as_str).map(str::to_string);
            let branch = decode_branch(i, value, errors);
            if let (None, Some(raw_id)) = (&branch, raw_id) {
                broken_branches.insert(raw_id);
            }
            branch.map(|b| (i, b))
        })
        .unwrap_or_default();
    let evaluations = f
        .list("evaluations", false, |i, value, errors| decode_evaluation(i, value, errors).map(|e| (i, e)))
        .unwrap_or_default();
    let five_haves = f.optional("five_haves", object).map(|map| decode_five_haves(map, f.errors)).unwrap_or_default();
    // In an older version (or one that did not read) the fields stay unknown ones.
    let (units, shell_decisions) = if version.is_some_and(|v| v >= UNITS_SINCE) {
        let units = f.list("units", false, |i, value, errors| {
            decode_record(RecordKind::Unit, "id", i, value, errors).map(|u| (i, u))
        });
        let decisions = f.list("shell_decisions", false, |i, value, errors| {
            decode_record(RecordKind::ShellDecision, "org", i, value, errors)
        });
        (units.unwrap_or_default(), decisions.unwrap_or_default())
    } else {
        (Vec::new(), Vec::new())
    };
    let instructors = if version.is_some_and(|v| v >= INSTRUCTORS_SINCE) {
        InstructorLists {
            instructors: f
                .list("instructors", false, |i, v, e| {
                    decode_record(RecordKind::Instructor, "id", i, v, e).map(|t| (i, t))
                })
                .unwrap_or_default(),
            assignments: f
                .list("assignments", false, |i, v, e| {
                    decode_record(RecordKind::Assignment, "id", i, v, e).map(|t| (i, t))
                })
                .unwrap_or_default(),
            reports: f
                .list("instructor_reports", false, |i, v, e| {
                    decode_record(RecordKind::InstructorReport, "assignment", i, v, e).map(|t| (i, t))
                })
                .unwrap_or_default(),
            reviews: f
                .list("year_end_reviews", false, |i, v, e| {
                    decode_record(RecordKind::YearEndReview, "instructor", i, v, e).map(|t| (i, t))
                })
                .unwrap_or_default(),
            requests: f
                .list("requests", false, |i, v, e| decode_record(RecordKind::Request, "id", i, v, e).map(|t| (i, t)))
                .unwrap_or_default(),
        }
    } else {
        InstructorLists::default()
    };
    let extra = f.rest();
    Some(Decoded {
        format,
        version,
        rubric,
        branches,
        broken_branches,
        evaluations,
        five_haves,
        units,
        shell_decisions,
        instructors,
        extra,
    })
}

/// A rubric decoded as far as it goes.
struct DecodedRubric {
    rubric: ExchangeRubric,
    /// Whether every part decoded; scores are held only to the bounds of a whole rubric.
    whole: bool,
    /// Ids of indicators that failed to decode: scores for them are not "unknown".
    broken_indicators: HashSet<String>,
}

/// The rubric, leaving out indicators that fail; `None` when its id or weights fail.
fn decode_rubric(value: Value, errors: &mut Vec<ValidationError>) -> Option<DecodedRubric> {
    let before = errors.len();
    let record = match value.get("id").and_then(Value::as_str) {
        Some(id) => RecordRef::Rubric(Some(id.to_string())),
        None => RecordRef::Rubric(None),
    };
    let mut f = Fields::new(record, value, errors)?;
    let id = f.required("id", id);
    let bonus_cap = f.optional("bonus_cap", points);
    let weights = f.required("weights", object).and_then(|map| decode_weights(map, &mut f));
    let mut broken_indicators = HashSet::new();
    let indicators = f.list("indicators", true, |i, value, errors| {
        let raw_id = value.get("id").and_then(Value::as_str).map(str::to_string);
        let indicator = decode_indicator(i, value, errors);
        if let (None, Some(raw_id)) = (&indicator, raw_id) {
            broken_indicators.insert(raw_id);
        }
        indicator
    });
    let extra = f.rest();
    let rubric = ExchangeRubric { id: id?, bonus_cap, weights: weights?, indicators: indicators?, extra };
    Some(DecodedRubric { rubric, whole: errors.len() == before, broken_indicators })
}

fn decode_weights(map: Map<String, Value>, f: &mut Fields) -> Option<BTreeMap<Category, BTreeMap<Dimension, u8>>> {
    let before = f.errors.len();
    let mut weights = BTreeMap::new();
    for (key, row) in map {
        let field = format!("weights.{key}");
        let Some(category) = Category::from_code(&key) else {
            f.error(field, Problem::UnknownCategory(key));
            continue;
        };
        let row = match object(row) {
            Ok(row) => row,
            Err(problem) => {
                f.error(field, problem);
                continue;
            }
        };
        let mut decoded = BTreeMap::new();
        for (key, w) in row {
            let field = format!("{field}.{key}");
            match (Dimension::from_code(&key), weight(w)) {
                (None, _) => f.error(field, Problem::UnknownDimension(key)),
                (_, Err(problem)) => f.error(field, problem),
                (Some(d), Ok(w)) => {
                    decoded.insert(d, w);
                }
            }
        }
        weights.insert(category, decoded);
    }
    (f.errors.len() == before).then_some(weights)
}

/// `"#3 (team.i0)"`-style record name from a list position and the raw record's id field.
fn numbered(kind: RecordKind, position: usize, value: &Value, key_field: &str) -> RecordRef {
    RecordRef::listed(kind, position, value.get(key_field).and_then(Value::as_str))
}

fn decode_indicator(position: usize, value: Value, errors: &mut Vec<ValidationError>) -> Option<ExchangeIndicator> {
    let record = numbered(RecordKind::Indicator, position, &value, "id");
    let mut f = Fields::new(record, value, errors)?;
    let id = f.required("id", id);
    let dimension = f.required("dimension", dimension);
    let max = f.required("max", points);
    let categories = f.optional("categories", |v| match v {
        Value::Array(items) => items.into_iter().map(category).collect::<Result<Vec<_>, _>>(),
        other => Err(malformed(Expected::Categories, &other)),
    });
    let extra = f.rest();
    Some(ExchangeIndicator { id: id?, dimension: dimension?, max: max?, categories, extra })
}

fn decode_branch(position: usize, value: Value, errors: &mut Vec<ValidationError>) -> Option<ExchangeBranch> {
    let record = numbered(RecordKind::Branch, position, &value, "id");
    let mut f = Fields::new(record, value, errors)?;
    let id = f.required("id", id);
    let name = f.optional("name", text).unwrap_or_default();
    let category = f.required("category", category);
    let founded = f.optional("founded", date);
    let extra = f.rest();
    Some(ExchangeBranch { id: id?, name, category: category?, founded, extra })
}

/// An evaluation, or `None` when any of its fields failed.
fn decode_evaluation(position: usize, value: Value, errors: &mut Vec<ValidationError>) -> Option<ExchangeEvaluation> {
    let before = errors.len();
    let record = match (value.get("branch").and_then(Value::as_str), value.get("month").and_then(Value::as_str)) {
        (Some(branch), Some(month)) => {
            RecordRef::listed(RecordKind::Evaluation, position, Some(&format!("{branch}/{month}")))
        }
        _ => RecordRef::listed(RecordKind::Evaluation, position, None),
    };
    let mut f = Fields::new(record, value, errors)?;
    let branch = f.required("branch", id);
    let month = f.required("month", month);
    let status = f.required("status", status);
    let scores = f.optional("scores", object).and_then(|map| {
        let before = f.errors.len();
        let mut scores = BTreeMap::new();
        for (id, value) in map {
            match points(value) {
                Ok(p) => {
                    scores.insert(id, p);
                }
                Err(problem) => f.error(format!("scores.{id}"), problem),
            }
        }
        (f.errors.len() == before).then_some(scores)
    });
    let record = f.record.clone();
    let bonus = f.list("bonus", false, |i, v, e| decode_item(&record, &format!("bonus[{i}]"), v, e));
    let deductions = f.list("deductions", false, |i, v, e| decode_item(&record, &format!("deductions[{i}]"), v, e));
    let vetoes = f.list("vetoes", false, |i, v, e| {
        let mut f = Fields::nested(record.clone(), format!("vetoes[{i}]"), v, e)?;
        let reason = f.optional("reason", text).unwrap_or_default();
        let extra = f.rest();
        Some(ExchangeVeto { reason, extra })
    });
    let extra = f.rest();
    let eval = ExchangeEvaluation {
        branch: branch?,
        month: month?,
        status: status?,
        scores: scores.unwrap_or_default(),
        bonus: bonus?,
        deductions: deductions?,
        vetoes: vetoes?,
        extra,
    };
    (errors.len() == before).then_some(eval)
}

fn decode_item(
    record: &RecordRef,
    path: &str,
    value: Value,
    errors: &mut Vec<ValidationError>,
) -> Option<ExchangeItem> {
    let mut f = Fields::nested(record.clone(), path.to_string(), value, errors)?;
    let points = f.required("points", points);
    let reason = f.optional("reason", text).unwrap_or_default();
    let extra = f.rest();
    Some(ExchangeItem { points: points?, reason, extra })
}

/// A record of the app's own type (a unit, a shell decision), read by serde whole: it is one
/// value of the app, and its message names the field that does not fit.
fn decode_record<T: serde::de::DeserializeOwned>(
    kind: RecordKind,
    key_field: &str,
    position: usize,
    value: Value,
    errors: &mut Vec<ValidationError>,
) -> Option<T> {
    let record = numbered(kind, position, &value, key_field);
    T::deserialize(value)
        .map_err(|e| errors.push(ValidationError::new(record, "", Problem::Decode(DecodeError::of(&e)))))
        .ok()
}

fn decode_five_haves(
    map: Map<String, Value>,
    errors: &mut Vec<ValidationError>,
) -> BTreeMap<String, BTreeMap<Year, FiveHaves>> {
    let mut out = BTreeMap::new();
    for (branch, years) in map {
        let years = match object(years) {
            Ok(years) => years,
            Err(problem) => {
                errors.push(ValidationError::new(RecordRef::FiveHaves(None), branch.as_str(), problem));
                continue;
            }
        };
        let mut decoded = BTreeMap::new();
        for (year, flags) in years {
            let record = RecordRef::FiveHavesYear { branch: branch.clone(), year: year.clone() };
            let Ok(parsed) = year.parse::<Year>() else {
                errors.push(ValidationError::new(&record, "", Problem::BadPeriod(year, PeriodKind::Year)));
                continue;
            };
            match serde_json::from_value::<[bool; 5]>(flags) {
                Ok(flags) => {
                    decoded.insert(parsed, FiveHaves(flags));
                }
                Err(_) => errors.push(ValidationError::new(&record, "", Problem::BadFiveHaves)),
            }
        }
        out.insert(branch, decoded);
    }
    out
}
