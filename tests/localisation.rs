//! Every error path of the rating engine and the exchange format, rendered in each language the
//! way the UI shows it (`i18n::words::validation_error`: the record, the field, the problem):
//! each `Problem`, a bad period of each kind, broken JSON read by the real parser, records of
//! the app's own types that serde refuses, and every kind of record and field.
//!
//! Chinese text may hold no Latin word but the codes and ids the test put in (and the two
//! names below), no half-width `,:;?()` beside a Chinese character; English no Chinese
//! punctuation.

use serde_json::{json, Value};
use starbranch::domain::files::exchange::ExchangeDocument;
use starbranch::domain::rating::evaluation::MonthlyEvaluation;
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::values::period::Month;
use starbranch::domain::values::points::{Points, PointsError};
use starbranch::domain::values::validation::{
    DecodeError, Expected, FieldName, JsonError, JsonType, PeriodKind, Problem, RecordKind, RecordRef, ValidationError,
};
use starbranch::i18n::words::{rating_problem, validation_error};
use starbranch::i18n::Locale;

const WORKED: &str = include_str!("fixtures/worked-example.json");

/// The codes and ids the inputs below carry, and the codes of the app's enums serde lists as
/// allowed values: data, shown as written in every language.
const CODES: &[&str] = &[
    // The worked example's ids and codes.
    "example",
    "team.leadership",
    "team.members",
    "mgmt.org_life",
    "mgmt.operation",
    "perf.output",
    "perf.safety",
    "service.masses",
    "brand.identity",
    "b1",
    "b2",
    // Put in by this test.
    "acme.exchange",
    "cat-x",
    "dim-x",
    "st-x",
    "perf.bogus",
    "b9",
    "kpi-x",
    "demo-b01",
    "b07",
    "u-x",
    "u-y",
    "u-z",
    "u-v",
    "u-w",
    "o-x",
    "i-x",
    "a-x",
    "a-y",
    "r-x",
    "t-x",
    "xyz",
    "many",
    "yes",
    "field_x",
    "extra_x",
    "weird.path",
    // Codes of the app's enums, listed by serde as the allowed values.
    "male",
    "female",
    // Field names serde quotes from the app's records.
    "name",
    "unit",
];

/// Names that are no word of any language: the product and the file format.
const NAMES: &[&str] = &["StarBranch", "JSON"];

fn is_chinese(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
        || "“”「」".contains(c)
}

/// What is wrong with `text` as a message in `locale`.
fn faults(text: &str, locale: Locale) -> Vec<String> {
    let mut found = Vec::new();
    if locale == Locale::En {
        if let Some(c) = text.chars().find(|c| "，。：；？（）、「」“”".contains(*c)) {
            found.push(format!("Chinese punctuation {c}"));
        }
        return found;
    }
    if !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        found.push("no Chinese at all".into());
    }
    // The default rubric's ids are input too, where a test checks it.
    let rubric = Rubric::default_rubric();
    let mut data: Vec<&str> = CODES.iter().chain(NAMES).copied().collect();
    data.push(&rubric.id);
    data.extend(rubric.indicators.iter().map(|i| i.id.as_str()));
    data.sort_by_key(|c| std::cmp::Reverse(c.len()));
    let mut words = text.to_string();
    for code in data {
        words = words.replace(code, " ");
    }
    let letters: Vec<char> = words.chars().collect();
    if let Some(at) = letters.windows(2).position(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic()) {
        let word: String = letters[at..].iter().take_while(|c| c.is_ascii_alphabetic()).collect();
        found.push(format!("Latin word {word:?}"));
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate().filter(|(_, c)| ",:;?()".contains(**c)) {
        let before = chars[..i].iter().rev().find(|c| **c != ' ');
        let after = chars[i + 1..].iter().find(|c| **c != ' ');
        if before.is_some_and(|c| is_chinese(*c)) || after.is_some_and(|c| is_chinese(*c)) {
            found.push(format!("half-width {c} beside Chinese"));
        }
    }
    found
}

/// Renders every error in every language; panics with every fault found.
fn check_all(errors: &[ValidationError]) {
    assert!(!errors.is_empty());
    let mut found = Vec::new();
    for error in errors {
        let mut texts = Vec::new();
        for locale in Locale::ALL {
            let text = validation_error(error, locale);
            for fault in faults(&text, locale) {
                found.push(format!("{locale:?}, {fault}: {text}    [{error}]"));
            }
            // The record's own key is the reader's way back to it.
            if let RecordRef::Listed { key: Some(key), .. } = &error.record {
                if !key.trim().is_empty() && !text.contains(key.as_str()) {
                    found.push(format!("{locale:?}, the key {key} is lost: {text}"));
                }
            }
            texts.push(text);
        }
        if texts[0] == texts[2] {
            found.push(format!("the same in Chinese and English: {}", texts[0]));
        }
    }
    assert!(found.is_empty(), "{} faults:\n{}", found.len(), found.join("\n"));
}

fn parsed(text: &str) -> Vec<ValidationError> {
    ExchangeDocument::parse(text).expect_err("the document should be refused")
}

/// The worked example (as version 3, so that every list is read) after `edit`, refused.
fn edited(edit: impl FnOnce(&mut Value)) -> Vec<ValidationError> {
    let mut doc: Value = serde_json::from_str(WORKED).unwrap();
    doc["version"] = json!(3);
    edit(&mut doc);
    parsed(&doc.to_string())
}

fn json_error(text: &str) -> Problem {
    Problem::Json(JsonError::of(&serde_json::from_str::<Value>(text).unwrap_err()))
}

fn decode_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: Value) -> Problem {
    Problem::Decode(DecodeError::of(&serde_json::from_value::<T>(value).unwrap_err()))
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Strict {
    field_x: Option<[u8; 2]>,
    count: Option<u8>,
    code: Option<starbranch::domain::units::credit_code::CreditCode>,
}

#[test]
fn every_problem_reads_in_every_language() {
    let p = Points::from_whole(12);
    let ten = Points::from_whole(10);
    let mut problems = vec![
        json_error("{\"a\": \"bc"),
        json_error("[1 2]"),
        json_error("{\"a\" 1}"),
        json_error("{\"a\": }"),
        json_error("{1: 2}"),
        json_error("[1,]"),
        json_error("{} x"),
        json_error("\"\\q\""),
        json_error("[-]"),
        json_error("\"a\u{1}\""),
        json_error(&"[".repeat(200)),
        Problem::Json(JsonError::of(&serde_json::from_str::<Vec<u8>>("{}").unwrap_err())),
        decode_error::<Strict>(json!({"extra_x": 1})),
        decode_error::<Strict>(json!({"field_x": [1]})),
        decode_error::<Strict>(json!({"count": 300})),
        decode_error::<Strict>(json!({"count": true})),
        // Refused by a type of the app in its own words: nothing of them is shown.
        decode_error::<Strict>(json!({"code": "u-v"})),
        Problem::Missing,
        Problem::Empty,
        Problem::WrongFormat("acme.exchange".into()),
        Problem::UnsupportedVersion("9".into()),
        Problem::BadPoints(PointsError::TooManyDecimals("1.234".into())),
        Problem::BadPoints(PointsError::Text("many".into())),
        Problem::BadPoints(PointsError::OutOfRange("1e99".into())),
        Problem::BadPoints(PointsError::NotFinite),
        Problem::UnknownCategory("cat-x".into()),
        Problem::UnknownDimension("dim-x".into()),
        Problem::UnknownStatus("st-x".into()),
        Problem::WeightsSum(101),
        Problem::BadWeight,
        Problem::NoIndicatorForDimension { weight: 10 },
        Problem::MaxNotPositive(Points::ZERO),
        Problem::Negative(Points::from_whole(-1)),
        Problem::DuplicateId("b1".into()),
        Problem::DuplicateEvaluation(2),
        Problem::UnknownBranch("b9".into()),
        Problem::UnknownIndicator("perf.bogus".into()),
        Problem::AboveMax { points: p, max: ten },
        Problem::BelowZero(Points::from_whole(-1)),
        Problem::NotScored,
        Problem::BeforeFounded { month: "2026-01".into(), founded: "2026-02-01".into() },
        Problem::BadFiveHaves,
        Problem::BadSubmitDay,
    ];
    for kind in [PeriodKind::Month, PeriodKind::Date, PeriodKind::Year, PeriodKind::Period] {
        problems.push(Problem::BadPeriod("2026-13".into(), kind));
    }
    let types = [JsonType::Null, JsonType::Bool, JsonType::Number, JsonType::Text, JsonType::List, JsonType::Object];
    let expected =
        [Expected::Text, Expected::Number, Expected::Bool, Expected::List, Expected::Object, Expected::Categories];
    for (expected, found) in expected.into_iter().zip(types.into_iter().rev()) {
        problems.push(Problem::Malformed { expected, found });
    }
    let debug = format!("{problems:?}");
    for expected in ["UnknownField", "WrongLength", "InvalidValue", "WrongType", "Other", "TooDeep", "BadEscape"] {
        assert!(debug.contains(expected), "no {expected} in {debug}");
    }
    // Each bare, as a form shows it beside its field, and located in the document.
    for problem in &problems {
        for locale in [Locale::ZhCn, Locale::ZhTw, Locale::En] {
            let text = rating_problem(problem, locale);
            assert!(faults(&text, locale).is_empty(), "{locale:?}: {text} {:?}", faults(&text, locale));
        }
    }
    let errors: Vec<ValidationError> =
        problems.into_iter().map(|p| ValidationError::new(RecordRef::Document, "", p)).collect();
    check_all(&errors);
}

#[test]
fn a_bad_period_of_each_kind_reads_in_every_language() {
    let mut errors = edited(|d| d["evaluations"][0]["month"] = json!("2026-13"));
    errors.extend(edited(|d| d["branches"][0]["founded"] = json!("2026-02-30")));
    errors.extend(edited(|d| d["five_haves"] = json!({"b1": {"26": [true, true, true, true, true]}})));
    // The app's own records say it through serde: a date, and a month or year.
    errors.extend(edited(|d| d["units"] = json!([{"id": "u-z", "status_date": "2026-02-30"}])));
    errors.extend(edited(|d| d["instructor_reports"] = json!([{"assignment": "a-x", "month": "2026-13"}])));
    errors.extend(edited(|d| d["year_end_reviews"] = json!([{"instructor": "t-x", "year": "26"}])));
    let kinds: Vec<String> = errors.iter().map(|e| format!("{:?}", e.problem)).collect();
    for kind in ["Month", "Date", "Year", "Period"] {
        assert!(kinds.iter().any(|k| k.contains(&format!("{kind})"))), "no bad {kind} in {kinds:?}");
    }
    check_all(&errors);
}

#[test]
fn broken_json_reads_in_every_language() {
    // Cut off inside a text and inside an object, and other syntax errors, through the parser.
    let inside_text = WORKED.find("一车间").unwrap() + 3;
    let mut errors = parsed(&WORKED[..inside_text]);
    errors.extend(parsed(&WORKED[..WORKED.len() / 2]));
    errors.extend(parsed("{\"format\": \"starbranch.exchange\",}"));
    errors.extend(parsed("{\"format\" \"starbranch.exchange\"}"));
    errors.extend(parsed("{\"branches\": [1 2]}"));
    errors.extend(parsed("not json"));
    errors.extend(parsed("{} {}"));
    // Valid JSON of the wrong shapes.
    errors.extend(parsed("[1, 2]"));
    errors.extend(edited(|d| d["branches"] = json!({})));
    errors.extend(edited(|d| d["branches"][0]["category"] = json!(5)));
    errors.extend(edited(|d| d["branches"][1]["name"] = json!(["x"])));
    errors.extend(edited(|d| d["evaluations"][0]["scores"] = json!("x")));
    errors.extend(edited(|d| d["evaluations"][0]["bonus"] = json!([1])));
    errors.extend(edited(|d| d["evaluations"][0]["vetoes"] = json!([{"reason": 5}])));
    errors.extend(edited(|d| d["rubric"]["indicators"][4]["categories"] = json!(5)));
    errors.extend(edited(|d| d["rubric"]["weights"]["market"] = json!(null)));
    errors.extend(edited(|d| d["five_haves"] = json!({"b1": 5})));
    errors.extend(edited(|d| d["format"] = json!("acme.exchange")));
    // Records of the app's own types that serde refuses.
    errors.extend(edited(|d| {
        d["units"] = json!([
            {"id": "u-x"},
            {"id": "u-y", "employees": "many"},
            {"id": "u-w", "above_scale": "yes"},
        ])
    }));
    errors.extend(edited(|d| d["shell_decisions"] = json!([{"org": "o-x", "decision": 5}])));
    errors.extend(edited(|d| d["instructors"] = json!([{"id": "i-x", "gender": "xyz"}])));
    errors.extend(edited(|d| d["assignments"] = json!([{"id": "a-y", "units": "u-x"}])));
    errors.extend(edited(|d| d["year_end_reviews"] = json!([5])));
    errors.extend(edited(|d| d["requests"] = json!([{"id": "r-x"}])));
    let debug = format!("{errors:?}");
    for expected in ["UnexpectedEnd", "TrailingComma", "MissingColon", "MissingComma", "ExpectedValue"] {
        assert!(debug.contains(expected), "no {expected} in {debug}");
    }
    for expected in ["MissingField", "UnknownValue", "WrongType"] {
        assert!(debug.contains(expected), "no {expected} in {debug}");
    }
    check_all(&errors);
}

#[test]
fn every_record_and_field_reads_in_every_language() {
    let kinds = [
        RecordKind::Indicator,
        RecordKind::Branch,
        RecordKind::Evaluation,
        RecordKind::Unit,
        RecordKind::ShellDecision,
        RecordKind::Instructor,
        RecordKind::Assignment,
        RecordKind::InstructorReport,
        RecordKind::YearEndReview,
        RecordKind::Request,
    ];
    let mut records = vec![
        RecordRef::Document,
        RecordRef::Rubric(Some("example".into())),
        RecordRef::Rubric(None),
        RecordRef::Evaluation { branch: "b07".into(), month: "2026-03".into() },
        RecordRef::FiveHaves(Some("b07".into())),
        RecordRef::FiveHavesYear { branch: "b07".into(), year: "2026".into() },
    ];
    for (i, kind) in kinds.into_iter().enumerate() {
        records.push(RecordRef::listed(kind, i, Some("demo-b01")));
        records.push(RecordRef::listed(kind, i + 11, None));
    }
    let mut fields: Vec<String> = FieldName::ALL.iter().map(|f| f.code().to_string()).collect();
    fields.extend(
        [
            "",
            "scores.perf.safety",
            "weights.market",
            "weights.cat-x",
            "weights.non_public.brand",
            "weights.market.dim-x",
            "bonus[0]",
            "deductions[2].points",
            "vetoes[1].reason",
            "weird.path",
        ]
        .map(String::from),
    );
    // The document's `five_haves` map names its field by the branch id alone.
    let mut errors = vec![ValidationError::new(RecordRef::FiveHaves(None), "b07", Problem::Missing)];
    for record in &records {
        for field in &fields {
            errors.push(ValidationError::new(record, field.as_str(), Problem::Missing));
        }
    }
    check_all(&errors);

    // And as the engine reports them: a rubric, a sheet, the document's records.
    let mut rubric = Rubric::default_rubric();
    rubric.indicators[0].max = Points::ZERO;
    rubric.indicators[1].id = rubric.indicators[2].id.clone();
    rubric.bonus_cap = Points::from_whole(-1);
    rubric.ledger.attendance_threshold_percent = 120;
    rubric.ledger.submit_day = 0;
    let mut found = rubric.validate().unwrap_err();
    let mut sheet = MonthlyEvaluation::new("b07", Month::new(2026, 3).unwrap());
    sheet.scores.insert("kpi-x".into(), Points::from_whole(1));
    found.extend(
        sheet.validate_as_confirmed(&Rubric::default_rubric(), starbranch::domain::Category::Market).unwrap_err(),
    );
    found.extend(edited(|d| {
        d["rubric"]["weights"]["market"]["brand"] = json!(11);
        d["rubric"]["indicators"][7]["max"] = json!(0);
        d["branches"][1]["id"] = json!("b1");
        d["evaluations"][0]["scores"]["perf.safety"] = json!(12);
        d["evaluations"][0]["scores"]["perf.bogus"] = json!(1);
        d["evaluations"][1]["branch"] = json!("b9");
        d["five_haves"] = json!({"b9": {"2026": [true, true, true, true, true]}, "b1": {"2026": [true]}});
    }));
    check_all(&found);
}

/// The top-level keys of a record's JSON form: the fields a package's conflict table can show.
fn keys_of<T: serde::Serialize>(record: &T) -> Vec<String> {
    match serde_json::to_value(record).unwrap() {
        Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not a record: {other}"),
    }
}

#[test]
fn package_fields_and_locations_read_in_every_language() {
    use starbranch::domain::files::package::Sheet;
    use starbranch::domain::fixtures::{
        demo, district, members_dues, members_mobile, members_pipeline, members_ratings,
    };
    use starbranch::domain::key_task::Completion;
    use starbranch::i18n::words::{package_field, package_location};
    let rubric = Rubric::default_rubric();
    let named = |locale: Locale| {
        let rubric = &rubric;
        move |id: &str| {
            rubric.indicator(id).map(|i| match locale {
                Locale::ZhCn => i.name.zh_cn.clone(),
                Locale::ZhTw => i.name.zh_tw.clone(),
                Locale::En => i.name.en.clone(),
            })
        }
    };
    // Every field a conflict shows: each kind of record's keys, as the diff reads them.
    let (evaluations, _) = demo::evaluations(&rubric);
    let sheet = Sheet { rubric: "default@1".into(), evaluation: evaluations[0].clone() };
    let d = district::district();
    let ratings = members_ratings::members_ratings();
    let completion = Completion {
        task: "t-x".into(),
        branch: "demo-b01".into(),
        done_on: starbranch::domain::values::date::Date::new(2026, 3, 1).unwrap(),
        evidence: String::new(),
    };
    let mut fields: Vec<String> = Vec::new();
    fields.extend(keys_of(&sheet).into_iter().filter(|k| k != "scores" && k != "overrides"));
    fields.extend(rubric.indicators.iter().map(|i| format!("scores.{}", i.id)));
    fields.push("overrides.mgmt.org_life".into());
    fields.push("submitted_on".into());
    fields.extend(keys_of(&d.ledger[0]));
    fields.extend(keys_of(&completion));
    fields.extend(keys_of(&d.members[0]));
    fields.extend(keys_of(&members_pipeline::candidates(&d.members)[0]));
    fields.extend(keys_of(&members_mobile::mobile_periods()[0]));
    fields.extend(keys_of(&members_dues::dues()[0]));
    fields.extend(keys_of(&ratings.appraisals[0]));
    fields.extend(keys_of(&ratings.mutual[0]));
    fields.extend(keys_of(&ratings.items[0]));
    fields.sort();
    fields.dedup();
    // Where the validator reports problems.
    let locations = [
        "branch",
        "members",
        "sheet.branch",
        "sheet.month",
        "sheet.rubric",
        "sheet.scores.team.leadership",
        "sheet.scores.perf.bogus",
        "sheet.bonus[0].points",
        "sheet.deductions[1]",
        "ledger[0]",
        "ledger[1].date",
        "ledger[2].attendees",
        "ledger[0].attachments",
        "attachments[0]",
        "attachments[1].blob_base64",
        "attachments[1].size",
        "completions[0]",
        "completions[0].task",
        "completions[1].branch",
        "statuses[0]",
        "statuses[2].status",
        "statuses[0].branch",
        "members.roll[0].branch",
        "members.dues[3]",
        "members.points[0].member",
        "members.mobile_periods[1].month",
        "members.candidates[0]",
        "members.appraisals[0].member",
        "members.mutual_scores[0]",
    ];
    let mut found = Vec::new();
    for locale in Locale::ALL {
        let name = named(locale);
        for field in &fields {
            let text = package_field(field, name, locale);
            // A field without words is quoted as written: every field of the format has words.
            if text.contains('“') || text.contains('「') || text == *field {
                found.push(format!("{locale:?}: no words for {field}: {text}"));
            }
            found.extend(faults(&text, locale).into_iter().map(|f| format!("{locale:?}, {f}: {text}")));
        }
        for at in locations {
            let text = package_location(at, name, locale);
            found.extend(faults(&text, locale).into_iter().map(|f| format!("{locale:?}, {f}: {text} [{at}]")));
            if at.contains('[') && !text.chars().any(|c| c.is_ascii_digit()) {
                found.push(format!("{locale:?}: {at} lost its number: {text}"));
            }
        }
    }
    let name = named(Locale::ZhCn);
    assert_eq!(package_location("ledger[1].date", name, Locale::ZhCn), "第 2 条台账记录的日期");
    assert_eq!(package_location("sheet.scores.team.leadership", name, Locale::ZhCn), "月度评价表中班子建设的得分");
    assert_eq!(package_location("members.dues[0]", named(Locale::ZhTw), Locale::ZhTw), "第 1 筆黨費");
    assert!(found.is_empty(), "{}", found.join("\n"));
}
