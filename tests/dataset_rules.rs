//! The rated data set's rules as tables: which rubric scores a sheet, which periods exist and
//! which one a page opens on, the rubric versions in use, and what an export under one holds.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use starbranch::domain::files::import::rubric_key;
use starbranch::domain::fixtures::demo;
use starbranch::domain::rating::dataset::{EvaluationRecord, RatingsData};
use starbranch::domain::rating::engine::rate_evaluations;
use starbranch::domain::rating::evaluation::ReviewStatus;
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::values::period::Period;

fn period(text: &str) -> Period {
    text.parse().unwrap()
}

/// The demo organisation under two rubric versions: months 1–6 under v1, 7–11 under v2 (a
/// rubric with a different maximum, so the version used shows in the scores).
fn data() -> RatingsData {
    let (orgs, _) = demo::organisation();
    let v1 = Rubric::default_rubric();
    let mut v2 = v1.new_version();
    v2.indicators[0].max = v2.indicators[0].max + v2.indicators[0].max;
    let (k1, k2) = (rubric_key(&v1), rubric_key(&v2));
    let (evaluations, five_haves) = demo::evaluations(&v1);
    let records = evaluations
        .into_iter()
        .map(|e| EvaluationRecord::new(if e.month.number() <= 6 { &k1 } else { &k2 }, e))
        .collect();
    RatingsData {
        orgs,
        rubrics: HashMap::from([(k1, v1), (k2.clone(), v2)]),
        active: k2,
        evaluations: records,
        five_haves,
        ..RatingsData::default()
    }
}

#[test]
fn each_sheet_is_scored_with_its_own_rubric_and_an_unknown_one_with_the_active() {
    let mut data = data();
    let scored = data.scored_with();
    assert_eq!(scored.len(), data.evaluations.len());
    for ((evaluation, rubric), record) in scored.iter().zip(&data.evaluations) {
        assert_eq!(rubric_key(rubric), record.rubric, "{} {}", evaluation.branch, evaluation.month);
    }
    // A record whose rubric version is missing is not dropped: the active rubric scores it.
    data.evaluations[0].rubric = "lost@9".into();
    let active = data.active_rubric();
    let (_, rubric) = data.scored_with()[0];
    assert_eq!(rubric, &active);
    // And with no rubric at all (not even the active one stored) the sheet is left out.
    data.rubrics.clear();
    assert!(data.scored_with().is_empty());
    assert_eq!(data.active_rubric(), Rubric::default_rubric());
}

#[test]
fn rating_the_data_set_is_the_engine_over_its_sheets() {
    let data = data();
    let branches = starbranch::domain::files::import::exchange_branches(&data.orgs);
    for p in ["2026-Q1", "2026-Q3", "2026"] {
        let expected = rate_evaluations(&branches, data.scored_with(), &data.five_haves, period(p));
        assert_eq!(data.rate(period(p)), expected, "{p}");
    }
}

#[test]
fn periods_newest_first_and_the_one_a_page_opens_on() {
    let mut data = data();
    let periods: Vec<String> = data.periods().iter().map(|p| p.to_string()).collect();
    assert_eq!(periods, ["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2026"]);
    // Q4 has only October and November: nobody is complete, so Q3 opens.
    assert_eq!(data.default_period(), Some(period("2026-Q3")));
    // With only unconfirmed sheets no quarter is complete: the newest period opens.
    for record in &mut data.evaluations {
        record.evaluation.status = ReviewStatus::Submitted;
    }
    assert_eq!(data.default_period(), Some(period("2026-Q4")));
    data.evaluations.clear();
    assert_eq!(data.default_period(), None);
}

#[test]
fn rubric_versions_count_their_sheets_newest_first() {
    let data = data();
    let versions: Vec<(String, usize)> = data.rubric_versions().into_iter().map(|(k, _, n)| (k, n)).collect();
    let per_month = data.evaluations.len() / 11;
    assert_eq!(versions, [("default@2".to_string(), per_month * 5), ("default@1".to_string(), per_month * 6)]);
}

#[test]
fn an_export_under_a_version_holds_its_sheets_and_counts_the_rest() {
    let data = data();
    let per_month = data.evaluations.len() / 11;
    let (doc, left_out) = data.export_under("default@1");
    assert_eq!((doc.evaluations.len(), left_out), (per_month * 6, per_month * 5));
    assert_eq!(doc.rubric.to_rubric().version, 1);
    let (doc, left_out) = data.export();
    assert_eq!((doc.evaluations.len(), left_out), (per_month * 5, per_month * 6));
    // An unknown version exports under the active rubric, with every sheet left out.
    let (doc, left_out) = data.export_under("nope@1");
    assert_eq!((doc.evaluations.len(), left_out), (0, data.evaluations.len()));
    assert_eq!(doc.rubric.to_rubric().version, 2);
}

#[test]
fn names_of_orgs_fall_back_to_the_id() {
    let data = data();
    assert_eq!(data.org_name("demo-c"), "星城集团公司党委");
    assert_eq!(data.org_name("gone"), "gone");
}
