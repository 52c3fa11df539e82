//! The domain's values and problems in words that need no browser: branch categories,
//! dimensions, points that cannot be read and the rating engine's located validation errors.
//! They live beside the string table rather than in `ui::text` (which re-exports them) so that
//! native `cargo test` renders every error path in every language (tests/localisation.rs).

use crate::domain::files::package::ItemKind;
use crate::domain::files::package_members::MemberStore;
use crate::domain::values::validation::{
    DecodeError, DecodeFault, Expected, FieldName, FieldPath, JsonError, JsonFault, JsonType, PeriodKind, Problem,
    RecordKind, RecordRef, ValidationError,
};
use crate::domain::{Category, Dimension};
use crate::i18n::{fill, Locale, K};

/// Key of a branch category's name.
pub fn category(category: Category) -> K {
    match category {
        Category::Production => K::CatProduction,
        Category::Auxiliary => K::CatAuxiliary,
        Category::Administration => K::CatAdministration,
        Category::Market => K::CatMarket,
        Category::NonPublic => K::CatNonPublic,
    }
}

/// The sentence for a rating-engine validation problem (import of an exchange document).
pub fn rating_problem(problem: &Problem, locale: Locale) -> String {
    use Problem as P;
    let with = |key: K, args: &[&str]| fill(key.text(locale), args);
    match problem {
        P::Json(error) => json_error(error, locale),
        P::Malformed { expected, found } => {
            with(K::RpMalformed, &[expected_type(*expected).text(locale), json_type(*found).text(locale)])
        }
        P::Decode(error) => decode_error(error, locale),
        P::Missing => with(K::RpMissing, &[]),
        P::Empty => with(K::RpEmpty, &[]),
        P::WrongFormat(found) => with(K::RpWrongFormat, &[found]),
        P::UnsupportedVersion(found) => with(K::RpUnsupportedVersion, &[found]),
        P::BadPoints(detail) => points_error(detail, locale),
        P::UnknownCategory(found) => with(K::RpUnknownCategory, &[found]),
        P::UnknownDimension(found) => with(K::RpUnknownDimension, &[found]),
        P::UnknownStatus(found) => with(K::RpUnknownStatus, &[found]),
        P::BadPeriod(found, kind) => bad_period(found, *kind, locale),
        P::WeightsSum(sum) => with(K::RpWeightsSum, &[&sum.to_string()]),
        P::BadWeight => with(K::RpBadWeight, &[]),
        P::NoIndicatorForDimension { weight } => with(K::RpNoIndicator, &[&weight.to_string()]),
        P::MaxNotPositive(found) => with(K::RpMaxNotPositive, &[&found.to_string()]),
        P::Negative(found) => with(K::RpNegative, &[&found.to_string()]),
        P::DuplicateId(id) => with(K::RpDuplicateId, &[id]),
        P::DuplicateEvaluation(first) => with(K::RpDuplicateEvaluation, &[&first.to_string()]),
        P::UnknownBranch(id) => with(K::RpUnknownBranch, &[id]),
        P::UnknownIndicator(id) => with(K::RpUnknownIndicator, &[id]),
        P::AboveMax { points, max } => with(K::RpAboveMax, &[&points.to_string(), &max.to_string()]),
        P::BelowZero(points) => with(K::RpBelowZero, &[&points.to_string()]),
        P::NotScored => with(K::RpNotScored, &[]),
        P::BeforeFounded { month, founded } => with(K::RpBeforeFounded, &[month, founded]),
        P::BadFiveHaves => with(K::RpBadFiveHaves, &[]),
        P::BadSubmitDay => with(K::RpBadSubmitDay, &[]),
    }
}

/// A whole validation error, "place: problem", place and problem in the language.
pub fn validation_error(error: &ValidationError, locale: Locale) -> String {
    located(&error_location(error, locale), &rating_problem(&error.problem, locale), locale)
}

/// Where a validation error is: the record, and the field in it when there is one.
pub fn error_location(error: &ValidationError, locale: Locale) -> String {
    let record = record_ref(&error.record, locale);
    match field_path(error.field_path(), locale) {
        Some(field) => fill(K::RrAt.text(locale), &[&record, &field]),
        None => record,
    }
}

/// A record in words: "第 3 个党支部（b07）", "考评体系 example".
pub fn record_ref(record: &RecordRef, locale: Locale) -> String {
    let with = |key: K, args: &[&str]| fill(key.text(locale), args);
    match record {
        RecordRef::Document => with(K::RrDocument, &[]),
        RecordRef::Rubric(Some(id)) if !id.trim().is_empty() => with(K::RrRubric, &[id]),
        RecordRef::Rubric(_) => with(K::RrRubricUnnamed, &[]),
        RecordRef::Listed { kind, number, key } => {
            let listed = with(record_kind(*kind), &[&number.to_string()]);
            match key.as_deref().filter(|k| !k.trim().is_empty()) {
                Some(key) => with(K::RrKeyed, &[&listed, key]),
                None => listed,
            }
        }
        RecordRef::Evaluation { branch, month } => with(K::RrEvaluationOf, &[branch, month]),
        RecordRef::FiveHaves(None) => with(K::RrFiveHaves, &[]),
        RecordRef::FiveHaves(Some(branch)) => with(K::RrFiveHavesOf, &[branch]),
        RecordRef::FiveHavesYear { branch, year } => with(K::RrFiveHavesYear, &[branch, year]),
    }
}

fn record_kind(kind: RecordKind) -> K {
    match kind {
        RecordKind::Indicator => K::RrIndicator,
        RecordKind::Branch => K::RrBranch,
        RecordKind::Evaluation => K::RrEvaluation,
        RecordKind::Unit => K::RrUnit,
        RecordKind::ShellDecision => K::RrShellDecision,
        RecordKind::Instructor => K::RrInstructor,
        RecordKind::Assignment => K::RrAssignment,
        RecordKind::InstructorReport => K::RrReport,
        RecordKind::YearEndReview => K::RrReview,
        RecordKind::Request => K::RrRequest,
    }
}

/// A field in words, `None` for the whole record: "支部类别", "“perf.safety”的得分",
/// "生产类中星级品牌的权重". Categories and dimensions read by their names; ids stay as written.
pub fn field_path(path: FieldPath<'_>, locale: Locale) -> Option<String> {
    let with = |key: K, args: &[&str]| fill(key.text(locale), args);
    // A code that is none of the five is quoted as written.
    let category_name = |code: &str| {
        Category::from_code(code).map_or_else(|| with(K::RfCode, &[code]), |c| category(c).text(locale).to_string())
    };
    let dimension_name = |code: &str| {
        Dimension::from_code(code).map_or_else(|| with(K::RfCode, &[code]), |d| dimension(d).text(locale).to_string())
    };
    Some(match path {
        FieldPath::Whole => return None,
        FieldPath::Named(name) => field_name(name).text(locale).to_string(),
        FieldPath::Score(id) => with(K::RfScore, &[id]),
        FieldPath::Weights(category) => with(K::RfWeights, &[&category_name(category)]),
        FieldPath::Weight { category, dimension } => {
            with(K::RfWeight, &[&category_name(category), &dimension_name(dimension)])
        }
        FieldPath::Item { list, number, field: None } => {
            with(K::RfItem, &[&number.to_string(), field_name(list).text(locale)])
        }
        FieldPath::Item { list, number, field: Some(field) } => {
            with(K::RfItemField, &[&number.to_string(), field_name(list).text(locale), field_name(field).text(locale)])
        }
        FieldPath::Code(code) => with(K::RfCode, &[code]),
    })
}

/// Key of a field's name.
pub fn field_name(name: FieldName) -> K {
    use FieldName as F;
    match name {
        F::Id => K::FwId,
        F::Name => K::FwName,
        F::Category => K::FwCategory,
        F::Founded => K::FwFounded,
        F::Month => K::FwMonth,
        F::Branch => K::FwBranch,
        F::Status => K::FwStatus,
        F::Max => K::FwMax,
        F::BonusCap => K::FwBonusCap,
        F::Dimension => K::FwDimension,
        F::Categories => K::FwCategories,
        F::Format => K::FwFormat,
        F::Version => K::FwVersion,
        F::Rubric => K::FwRubric,
        F::Branches => K::FwBranches,
        F::Evaluations => K::FwEvaluations,
        F::Indicators => K::FwIndicators,
        F::Weights => K::FwWeights,
        F::Scores => K::FwScores,
        F::FiveHaves => K::FwFiveHaves,
        F::Units => K::FwUnits,
        F::ShellDecisions => K::FwShellDecisions,
        F::Instructors => K::FwInstructors,
        F::Assignments => K::FwAssignments,
        F::InstructorReports => K::FwReports,
        F::YearEndReviews => K::FwReviews,
        F::Requests => K::FwRequests,
        F::Bonus => K::FwBonus,
        F::Deductions => K::FwDeductions,
        F::Vetoes => K::FwVetoes,
        F::Points => K::FwPoints,
        F::Reason => K::FwReason,
        F::AttendanceThreshold => K::FwThreshold,
        F::SubmitDay => K::FwSubmitDay,
    }
}

/// A field of a package's record in words, as the conflict table names it: "审核状态",
/// "班子建设的得分", "活动主题". `indicator` names an indicator id where the rubric knows it; a key
/// that no record of the format has stays quoted as written.
pub fn package_field(field: &str, indicator: impl Fn(&str) -> Option<String>, locale: Locale) -> String {
    let quoted = |code: &str| fill(K::RfCode.text(locale), &[code]);
    let named = |id: &str| indicator(id).unwrap_or_else(|| quoted(id));
    if let Some(id) = field.strip_prefix("scores.") {
        return fill(K::PfScore.text(locale), &[&named(id)]);
    }
    if let Some(id) = field.strip_prefix("overrides.") {
        return fill(K::PfOverride.text(locale), &[&named(id)]);
    }
    let key = match field {
        "status" => K::PfStatus,
        "reason" => K::PfReason,
        "branch" => K::PfBranch,
        "month" => K::PfMonth,
        "rubric" => K::PfRubric,
        "bonus" => K::PfBonus,
        "deductions" => K::PfDeductions,
        "vetoes" => K::PfVetoes,
        "date" => K::PfDate,
        "kind" => K::PfKind,
        "topic" => K::PfTopic,
        "place" => K::PfPlace,
        "host" => K::PfHost,
        "attendees" => K::PfAttendees,
        "absentees" => K::PfAbsentees,
        "minutes" => K::PfMinutes,
        "attachments" => K::PfAttachments,
        "task" => K::PfTask,
        "done_on" => K::PfDoneOn,
        "evidence" => K::PfEvidence,
        "name" => K::PfName,
        "gender" => K::PfGender,
        "birth" => K::PfBirth,
        "joined" => K::PfJoined,
        "position" => K::PfPosition,
        "member" => K::PfMember,
        "id" => K::PfId,
        "submitted_on" => K::PfSubmittedOn,
        "scores" => K::PfScores,
        "mean" => K::PfMean,
        "entry" => K::PfEntry,
        "year" => K::PfYear,
        "half" => K::PfHalf,
        "grade" => K::PfGrade,
        "meeting" => K::PfMeeting,
        "record" => K::PfRecord,
        "handling" => K::PfHandling,
        "note" => K::PfNote,
        "due" => K::PfDue,
        "paid" => K::PfPaid,
        "paid_on" => K::PfPaidOn,
        "points" => K::PfPoints,
        "certificate" => K::PfCertificate,
        "destination" => K::PfDestination,
        "address" => K::PfAddress,
        "left_on" => K::PfLeftOn,
        "expected_return" => K::PfExpectedReturn,
        "contact" => K::PfContact,
        "host_org" => K::PfHostOrg,
        "status_before" => K::PfStatusBefore,
        "returned_on" => K::PfReturnedOn,
        "reports" => K::PfReports,
        "applied_on" => K::PfAppliedOn,
        "activist" => K::PfActivist,
        "candidate" => K::PfCandidate,
        "probation" => K::PfProbation,
        "full_on" => K::PfFullOn,
        "cancelled" => K::PfCancelled,
        "blob_base64" => K::PfFileContent,
        "size" => K::PfFileSize,
        _ => return quoted(field),
    };
    key.text(locale).to_string()
}

/// Key of the name of a package's kind of item ("台账记录", "党费").
pub fn package_item(kind: ItemKind) -> K {
    match kind {
        ItemKind::Sheet => K::PkgItemSheet,
        ItemKind::Ledger => K::PkgItemLedger,
        ItemKind::Completion => K::PkgItemCompletion,
        ItemKind::Status => K::PkgItemStatus,
        ItemKind::Member(store) => match store {
            MemberStore::Roll => K::PkgItemRoll,
            MemberStore::Candidates => K::PkgItemCandidate,
            MemberStore::MobilePeriods => K::PkgItemMobile,
            MemberStore::Dues => K::PkgItemDues,
            MemberStore::Appraisals => K::PkgItemAppraisal,
            MemberStore::MutualScores => K::PkgItemMutual,
            MemberStore::Points => K::PkgItemPoints,
        },
    }
}

/// Where in a package a problem is, in words: "月度评价表中班子建设的得分", "第 2 条台账记录的
/// 日期", "第 1 条党费". Paths are those `domain::files::package::validate` reports
/// (`sheet.scores.ID`, `ledger[1].date`, `members.dues[0]`); one it does not know is quoted.
pub fn package_location(at: &str, indicator: impl Fn(&str) -> Option<String>, locale: Locale) -> String {
    let with = |key: K, args: &[&str]| fill(key.text(locale), args);
    if let Some(rest) = at.strip_prefix("sheet.") {
        let field = match FieldPath::parse(rest) {
            item @ FieldPath::Item { .. } => field_path(item, locale).unwrap_or_default(),
            _ => package_field(rest, indicator, locale),
        };
        return with(K::PlSheet, &[&field]);
    }
    let item = at.split_once('[').and_then(|(list, rest)| {
        let (index, rest) = rest.split_once(']')?;
        let number = index.parse::<usize>().ok()?.checked_add(1)?;
        let field = match rest {
            "" => None,
            rest => Some(rest.strip_prefix('.')?),
        };
        let kind = match list {
            "ledger" => K::PkgItemLedger,
            "attachments" => K::PlAttachment,
            "completions" => K::PkgItemCompletion,
            "statuses" => K::PkgItemStatus,
            list => {
                let store = MemberStore::ALL.into_iter().find(|s| list.strip_prefix("members.") == Some(s.field()))?;
                package_item(ItemKind::Member(store))
            }
        };
        Some((number, kind, field))
    });
    match item {
        Some((number, kind, None)) => with(K::PlItem, &[&number.to_string(), kind.text(locale)]),
        Some((number, kind, Some(field))) => {
            with(K::PlItemField, &[&number.to_string(), kind.text(locale), &package_field(field, indicator, locale)])
        }
        None if at == "members" => K::PlMembers.text(locale).to_string(),
        None => package_field(at, indicator, locale),
    }
}

/// "“2026-13”不是有效的月份（如 2026-03）".
pub fn bad_period(found: &str, kind: PeriodKind, locale: Locale) -> String {
    let kind = match kind {
        PeriodKind::Month => K::PkMonth,
        PeriodKind::Date => K::PkDate,
        PeriodKind::Year => K::PkYear,
        PeriodKind::Period => K::PkPeriod,
    };
    fill(K::RpBadPeriod.text(locale), &[found, kind.text(locale)])
}

/// "不是有效的 JSON，第 1436 行第 10 列：文件意外结束…".
pub fn json_error(error: &JsonError, locale: Locale) -> String {
    let fault = match error.fault {
        JsonFault::UnexpectedEnd => K::JfEnd,
        JsonFault::MissingComma => K::JfComma,
        JsonFault::MissingColon => K::JfColon,
        JsonFault::ExpectedValue => K::JfValue,
        JsonFault::ExpectedQuote => K::JfQuote,
        JsonFault::TrailingComma => K::JfTrailingComma,
        JsonFault::TrailingCharacters => K::JfTrailing,
        JsonFault::KeyNotText => K::JfKey,
        JsonFault::BadEscape => K::JfEscape,
        JsonFault::BadNumber => K::JfNumber,
        JsonFault::ControlCharacter => K::JfControl,
        JsonFault::TooDeep => K::JfDepth,
        JsonFault::Syntax => K::JfSyntax,
        JsonFault::WrongType => K::JfType,
        JsonFault::Unreadable => K::JfIo,
    };
    fill(K::RpJson.text(locale), &[&error.line.to_string(), &error.column.to_string(), fault.text(locale)])
}

/// Key of a JSON type's name.
pub fn json_type(found: JsonType) -> K {
    match found {
        JsonType::Null => K::JtNull,
        JsonType::Bool => K::JtBool,
        JsonType::Number => K::JtNumber,
        JsonType::Text => K::JtText,
        JsonType::List => K::JtList,
        JsonType::Object => K::JtObject,
    }
}

/// Key of what a field should hold.
pub fn expected_type(expected: Expected) -> K {
    match expected {
        Expected::Text => K::JtText,
        Expected::Number => K::JtNumber,
        Expected::Bool => K::JtBool,
        Expected::List => K::JtList,
        Expected::Object => K::JtObject,
        Expected::Categories => K::JtCategories,
    }
}

/// Why a record of the app's own type does not read, in words: names and values serde quoted
/// stay as data, its English does not reach the sentence.
pub fn decode_error(error: &DecodeError, locale: Locale) -> String {
    let with = |key: K, args: &[&str]| fill(key.text(locale), args);
    match &error.fault {
        DecodeFault::MissingField(field) => with(K::DcMissingField, &[field]),
        DecodeFault::UnknownField(field) => with(K::DcUnknownField, &[field]),
        DecodeFault::DuplicateField(field) => with(K::DcDuplicateField, &[field]),
        DecodeFault::UnknownValue { found, allowed } if allowed.is_empty() => with(K::DcNoValues, &[found]),
        DecodeFault::UnknownValue { found, allowed } => with(K::DcUnknownValue, &[found, &join_list(allowed, locale)]),
        DecodeFault::WrongType { expected, found, value } => {
            let found_words = match value {
                Some(value) => with(K::JtValued, &[json_type(*found).text(locale), value]),
                None => json_type(*found).text(locale).to_string(),
            };
            match expected {
                Some(expected) => with(K::RpMalformed, &[expected_type(*expected).text(locale), &found_words]),
                None => with(K::DcWrongType, &[&found_words]),
            }
        }
        DecodeFault::InvalidValue(Some(value)) => with(K::DcInvalidValue, &[value]),
        DecodeFault::InvalidValue(None) => with(K::DcInvalid, &[]),
        DecodeFault::WrongLength(length) => with(K::DcLength, &[&length.to_string()]),
        DecodeFault::BadPeriod(found, kind) => bad_period(found, *kind, locale),
        DecodeFault::Other => with(K::DcOther, &[]),
    }
}

/// The sentence for a number of points that cannot be read.
pub fn points_error(error: &crate::domain::values::points::PointsError, locale: Locale) -> String {
    use crate::domain::values::points::PointsError as E;
    match error {
        E::NotANumber(text) | E::Text(text) => fill(K::PeNotANumber.text(locale), &[text]),
        E::TooManyDecimals(text) => fill(K::PeTooManyDecimals.text(locale), &[text]),
        E::OutOfRange(text) => fill(K::PeOutOfRange.text(locale), &[text]),
        E::NotFinite => K::PeNotFinite.text(locale).to_string(),
    }
}

/// Key of a dimension's name.
pub fn dimension(dimension: Dimension) -> K {
    match dimension {
        Dimension::Team => K::DimTeam,
        Dimension::Management => K::DimManagement,
        Dimension::Performance => K::DimPerformance,
        Dimension::Service => K::DimService,
        Dimension::Brand => K::DimBrand,
    }
}

/// "place: message" with the language's own colon (full-width in Chinese).
pub fn located(place: &str, message: &str, locale: Locale) -> String {
    format!("{place}{}{message}", K::ColonSep.text(locale))
}

/// Items of a list in running text, with the language's own separator (、 in Chinese).
pub fn join_list<S: AsRef<str>>(items: &[S], locale: Locale) -> String {
    items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(K::ListSep.text(locale))
}
