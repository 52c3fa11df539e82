//! The rating rules of issue 4, one small table-style test per rule and boundary.
#![cfg(not(target_arch = "wasm32"))]

use starbranch::domain::files::exchange::ExchangeDocument;
use starbranch::domain::rating::aggregate::{rate_month, rate_period, rate_quarter, rate_year};
use starbranch::domain::rating::engine::rate;
use starbranch::domain::rating::evaluation::{Bonus, Deduction, MonthlyEvaluation, ReviewStatus, Veto};
use starbranch::domain::rating::ranking::{category_medians, rank, recommend, weak_points, Standing};
use starbranch::domain::rating::rubric::{FiveHaves, Indicator, IndicatorKind, LocalizedText, Rubric, ScoringSource};
use starbranch::domain::rating::scoring::{score_month, MonthlyResult, Stars, Tier};
use starbranch::domain::values::category::{Category, Dimension};
use starbranch::domain::values::period::{Month, Period, Quarter, Year};
use starbranch::domain::values::points::Points;

// ---------------------------------------------------------------------------------------------
// Helpers

fn p(text: &str) -> Points {
    text.parse().unwrap()
}

fn month(text: &str) -> Month {
    text.parse().unwrap()
}

fn indicator(id: &str, dimension: Dimension, max: &str, categories: Option<&[Category]>) -> Indicator {
    Indicator {
        id: id.to_string(),
        name: LocalizedText::same(id),
        dimension,
        kind: IndicatorKind::Basic,
        max: p(max),
        categories: categories.map(<[Category]>::to_vec),
        source: ScoringSource::Manual,
    }
}

/// The worked example's rubric: team 10+10, management 10+5, performance 产量 10 (production,
/// market, non-public only) + 安全 10, service 10, brand 10, with the default weights.
fn example_rubric() -> Rubric {
    use Dimension::*;
    let output: &[Category] = &[Category::Production, Category::Market, Category::NonPublic];
    Rubric {
        indicators: vec![
            indicator("team.leadership", Team, "10", None),
            indicator("team.members", Team, "10", None),
            indicator("mgmt.org_life", Management, "10", None),
            indicator("mgmt.operation", Management, "5", None),
            indicator("perf.output", Performance, "10", Some(output)),
            indicator("perf.safety", Performance, "10", None),
            indicator("service.masses", Service, "10", None),
            indicator("brand.identity", Brand, "10", None),
        ],
        ..Rubric::default_rubric()
    }
}

/// One indicator of max 100 per dimension and equal weights: every index, and the base, equal
/// the points given, which makes boundaries easy to hit exactly.
fn flat_rubric() -> Rubric {
    Rubric {
        id: "flat".into(),
        version: 1,
        bonus_cap: p("5"),
        weights: [[20; 5]; 5],
        indicators: Dimension::ALL.iter().map(|&d| indicator(d.code(), d, "100", None)).collect(),
        ledger: Default::default(),
    }
}

fn evaluation(scores: &[(&str, &str)], bonus: &[&str], deductions: &[&str], veto: bool) -> MonthlyEvaluation {
    let mut eval = MonthlyEvaluation::new("b1", month("2026-01"));
    eval.status = ReviewStatus::Confirmed;
    eval.scores = scores.iter().map(|(id, v)| (id.to_string(), p(v))).collect();
    eval.bonus = bonus.iter().map(|b| Bonus { points: p(b), reason: "表彰".into() }).collect();
    eval.deductions = deductions.iter().map(|d| Deduction { points: p(d), reason: "扣分".into() }).collect();
    if veto {
        eval.vetoes.push(Veto { reason: "安全事故".into() });
    }
    eval
}

/// A month of the flat rubric where every dimension scores `points`.
fn flat_month(points: &str, bonus: &[&str], deductions: &[&str], veto: bool) -> MonthlyResult {
    let scores: Vec<(&str, &str)> = Dimension::ALL.iter().map(|d| (d.code(), points)).collect();
    score_month(&flat_rubric(), Category::Production, &evaluation(&scores, bonus, deductions, veto))
}

fn text(points: Option<Points>) -> String {
    points.map_or("-".into(), |p| p.to_string())
}

/// Checks a month: `expected` is "indices | base | score | stars".
fn check_month(rubric: &Rubric, category: Category, eval: &MonthlyEvaluation, expected: &str) {
    let r = score_month(rubric, category, eval);
    let indices: Vec<String> = r.dimensions.iter().map(|&d| text(d)).collect();
    let actual = format!("{} | {} | {} | {}", indices.join(" "), r.base, r.score, r.stars.get());
    assert_eq!(actual, expected);
}

/// Checks a score against its stars and tier.
fn check_stars(score: &str, stars: u8, tier: Tier) {
    let s = Stars::from_score(p(score));
    assert_eq!((s.get(), s.tier()), (stars, tier), "score {score}");
}

const WORKED: &[(&str, &str)] = &[
    ("team.leadership", "9.5"),
    ("team.members", "8"),
    ("mgmt.org_life", "10"),
    ("mgmt.operation", "4.5"),
    ("perf.output", "9"),
    ("perf.safety", "10"),
    ("service.masses", "8.5"),
    ("brand.identity", "7"),
];

// ---------------------------------------------------------------------------------------------
// Rules 1–3: the month

#[test]
fn worked_example() {
    let eval = evaluation(WORKED, &["2"], &["1.5"], false);
    check_month(&example_rubric(), Category::Production, &eval, "87.5 96.67 95 85 70 | 89.92 | 90.42 | 5");
    let r = score_month(&example_rubric(), Category::Production, &eval);
    assert_eq!((r.bonus_applied, r.deductions), (p("2"), p("1.5")));
}

#[test]
fn index_rounds_half_up() {
    // 14.5 / 15 = 96.666… → 96.67; 0.005 of a point never appears, but 1/3 and 2/3 do.
    let eval = evaluation(&[("mgmt.org_life", "9.5"), ("mgmt.operation", "5")], &[], &[], false);
    let r = score_month(&example_rubric(), Category::Production, &eval);
    assert_eq!(r.index(Dimension::Management), Some(p("96.67")));
    let eval = evaluation(&[("mgmt.org_life", "10"), ("mgmt.operation", "0.01")], &[], &[], false);
    let r = score_month(&example_rubric(), Category::Production, &eval);
    // 10.01 / 15 = 66.7333… → 66.73
    assert_eq!(r.index(Dimension::Management), Some(p("66.73")));
}

#[test]
fn draft_counts_unscored_indicators_as_zero() {
    let eval = evaluation(&[("team.leadership", "10")], &[], &[], false);
    check_month(&example_rubric(), Category::Production, &eval, "50 0 0 0 0 | 10 | 10 | 1");
}

#[test]
fn category_only_indicators() {
    // 产量 does not apply to administration: its score is ignored and performance is 安全 alone.
    // Base in hundredths: 20×8750 + 30×9667 + 20×10000 + 20×8500 + 10×7000 = 905 010 → 90.50.
    let eval = evaluation(WORKED, &[], &[], false);
    check_month(&example_rubric(), Category::Administration, &eval, "87.5 96.67 100 85 70 | 90.5 | 90.5 | 5");
}

#[test]
fn dimension_without_indicators_is_null_and_adds_nothing() {
    let mut rubric = example_rubric();
    rubric.indicators.retain(|i| i.dimension != Dimension::Brand);
    rubric.weights[0] = [30, 25, 30, 15, 0];
    let eval = evaluation(WORKED, &[], &[], false);
    // 30×8750 + 25×9667 + 30×9500 + 15×8500 = 916 675 → 9166.75 hundredths → 91.67
    check_month(&rubric, Category::Production, &eval, "87.5 96.67 95 85 - | 91.67 | 91.67 | 5");
}

#[test]
fn bonus_is_capped_per_month() {
    let cases: &[(&[&str], &str)] =
        &[(&[], "80"), (&["2"], "82"), (&["2", "3"], "85"), (&["2", "3", "0.01"], "85"), (&["4.25", "3"], "85")];
    for (bonus, score) in cases {
        assert_eq!(flat_month("80", bonus, &[], false).score, p(score), "bonus {bonus:?}");
    }
    let mut rubric = flat_rubric();
    rubric.bonus_cap = p("3");
    let scores: Vec<(&str, &str)> = Dimension::ALL.iter().map(|d| (d.code(), "80")).collect();
    let r = score_month(&rubric, Category::Production, &evaluation(&scores, &["2", "2"], &["1"], false));
    assert_eq!((r.bonus_applied, r.score), (p("3"), p("82")));
}

#[test]
fn score_is_clamped_to_0_and_100() {
    assert_eq!(flat_month("98", &["5"], &[], false).score, p("100"));
    assert_eq!(flat_month("100", &["5"], &["4"], false).score, p("100"));
    assert_eq!(flat_month("10", &[], &["120"], false).score, p("0"));
    assert_eq!(flat_month("10", &["5"], &["15"], false).score, p("0"));
    assert_eq!(flat_month("10", &["5"], &["14.99"], false).score, p("0.01"));
    // Deductions are not capped; the clamp comes after bonus and deductions together.
    assert_eq!(flat_month("96", &["5"], &["2"], false).score, p("99"));
}

// ---------------------------------------------------------------------------------------------
// Rules 5 and 7: stars and tiers

#[test]
fn star_boundaries() {
    check_stars("100", 5, Tier::Model);
    check_stars("90.00", 5, Tier::Model);
    check_stars("89.99", 4, Tier::Advance);
    check_stars("80", 4, Tier::Advance);
    check_stars("79.99", 3, Tier::Advance);
    check_stars("70", 3, Tier::Advance);
    check_stars("69.99", 2, Tier::Rectify);
    check_stars("60", 2, Tier::Rectify);
    check_stars("59.99", 1, Tier::Rectify);
    check_stars("0", 1, Tier::Rectify);
}

#[test]
fn monthly_score_boundary_89_99_and_90_00() {
    assert_eq!(flat_month("89.99", &[], &[], false).stars.get(), 4);
    assert_eq!(flat_month("90", &[], &[], false).stars.get(), 5);
    assert_eq!(flat_month("89.98", &["0.01"], &[], false).stars.get(), 4);
    assert_eq!(flat_month("89.99", &["0.01"], &[], false).stars.get(), 5);
}

#[test]
fn veto_caps_the_month_at_one_star_and_keeps_the_score() {
    let r = flat_month("95", &[], &[], true);
    assert_eq!((r.score, r.stars.get(), r.veto), (p("95"), 1, true));
}

// ---------------------------------------------------------------------------------------------
// Rules 4 and 6: quarters and years

fn quarter(text: &str) -> Quarter {
    text.parse().unwrap()
}

#[test]
fn quarter_is_the_rounded_mean_of_rounded_months() {
    let (a, b, c) =
        (flat_month("90.42", &[], &[], false), flat_month("80", &[], &[], false), flat_month("80.01", &[], &[], false));
    let q = rate_quarter(quarter("2026-Q1"), [Some(&a), Some(&b), Some(&c)]);
    // (90.42 + 80 + 80.01) / 3 = 83.4766… → 83.48
    assert_eq!((q.complete(), text(q.score), q.stars.map(Stars::get)), (true, "83.48".into(), Some(4)));
    assert_eq!(q.index(Dimension::Team), Some(p("83.48")));
    assert_eq!(q.tier(), Some(Tier::Advance));
}

#[test]
fn incomplete_quarter_names_the_missing_month() {
    let a = flat_month("95", &[], &[], false);
    let q = rate_quarter(quarter("2026-Q1"), [Some(&a), None, Some(&a)]);
    assert!(!q.complete());
    assert_eq!(q.missing, vec![month("2026-02")]);
    assert_eq!((q.score, q.stars, q.tier(), q.dimensions), (None, None, None, [None; 5]));
    let q = rate_quarter(quarter("2026-Q3"), [None, None, None]);
    let missing: Vec<String> = q.missing.iter().map(ToString::to_string).collect();
    assert_eq!(missing, ["2026-07", "2026-08", "2026-09"]);
}

#[test]
fn veto_in_any_month_caps_the_quarter() {
    let (good, vetoed) = (flat_month("95", &[], &[], false), flat_month("95", &[], &[], true));
    let q = rate_quarter(quarter("2026-Q2"), [Some(&good), Some(&vetoed), Some(&good)]);
    assert_eq!((text(q.score), q.stars.map(Stars::get), q.veto), ("95".into(), Some(1), true));
}

#[test]
fn month_period_is_complete_when_confirmed() {
    let r = flat_month("72", &[], &[], false);
    let rated = rate_month(month("2026-05"), Some(&r));
    assert_eq!((rated.complete(), text(rated.score), rated.stars.map(Stars::get)), (true, "72".into(), Some(3)));
    let rated = rate_month(month("2026-05"), None);
    assert_eq!((rated.complete(), rated.missing.clone()), (false, vec![month("2026-05")]));
}

/// Rates a year from four quarterly levels given as month scores (three equal months each).
fn year_of(levels: [&str; 4], veto_quarter: Option<usize>, five: Option<[bool; 5]>) -> (String, Option<u8>, bool) {
    let months: Vec<Option<MonthlyResult>> =
        (0..12).map(|m| Some(flat_month(levels[m / 3], &[], &[], veto_quarter == Some(m / 3) && m % 3 == 1))).collect();
    let five = five.map(FiveHaves);
    let y = rate_period(Period::Year(Year::new(2026).unwrap()), &months, five.as_ref());
    (text(y.score), y.stars.map(Stars::get), y.five_haves_capped)
}

#[test]
fn annual_grade_and_five_haves_cap() {
    let all = Some([true; 5]);
    let four = Some([true, true, false, true, true]);
    // (95 + 90 + 90 + 85.01) / 4 = 90.0025 → 90 — the year averages quarters, not months.
    assert_eq!(year_of(["95", "90", "90", "85.01"], None, all), ("90".into(), Some(5), false));
    assert_eq!(year_of(["95", "90", "90", "85.01"], None, four), ("90".into(), Some(4), true));
    assert_eq!(year_of(["95", "90", "90", "85.01"], None, None), ("90".into(), Some(4), true));
    // Below 90 the five haves change nothing.
    assert_eq!(year_of(["95", "90", "90", "84.97"], None, None), ("89.99".into(), Some(4), false));
    // A veto anywhere in the year caps it at 1, after the five-haves step.
    assert_eq!(year_of(["95", "95", "95", "95"], Some(2), all).1, Some(1));
    assert_eq!(year_of(["95", "95", "95", "95"], Some(2), None).1, Some(1));
}

#[test]
fn year_averages_rounded_quarters() {
    // Q1–Q3: (90 + 90 + 90.02) / 3 = 90.0067 → 90.01 each; Q4: 89.99.
    // Year: (3 × 90.01 + 89.99) / 4 = 90.005 → 90.01. Averaging the twelve months instead would
    // give 1080.03 / 12 = 90.0025 → 90.00.
    let m = |s: &str| Some(flat_month(s, &[], &[], false));
    let mut months = vec![m("90"); 12];
    for q in 0..3 {
        months[q * 3 + 2] = m("90.02");
    }
    for month in &mut months[9..] {
        *month = m("89.99");
    }
    let y = rate_period(Period::Year(Year::new(2026).unwrap()), &months, Some(&FiveHaves([true; 5])));
    assert_eq!(text(y.score), "90.01");
}

#[test]
fn incomplete_year_names_every_missing_month() {
    let r = flat_month("95", &[], &[], false);
    let mut quarters = Year::new(2026).unwrap().quarters().map(|q| rate_quarter(q, [Some(&r); 3]));
    quarters[3] = rate_quarter(quarter("2026-Q4"), [Some(&r), None, Some(&r)]);
    let y = rate_year(Year::new(2026).unwrap(), &quarters, Some(&FiveHaves([true; 5])));
    assert_eq!((y.complete(), y.score, y.missing.clone()), (false, None, vec![month("2026-11")]));
}

// ---------------------------------------------------------------------------------------------
// Rule 8: ranking

fn standing(category: Category, stars: u8, score: &str) -> Standing {
    Standing { category, key: Some((Stars::new(stars).unwrap(), p(score))) }
}

#[test]
fn ranks_are_competition_ranks_1_2_2_4() {
    use Category::*;
    let standings = [
        standing(Production, 4, "85"),
        standing(Market, 5, "95"),
        standing(Production, 4, "85"),
        Standing { category: Market, key: None },
        standing(Production, 4, "80"),
        standing(Market, 4, "85"),
    ];
    let ranks = rank(&standings);
    let overall: Vec<Option<u32>> = ranks.iter().map(|r| r.overall).collect();
    let within: Vec<Option<u32>> = ranks.iter().map(|r| r.category).collect();
    assert_eq!(overall, [Some(2), Some(1), Some(2), None, Some(5), Some(2)]);
    assert_eq!(within, [Some(1), Some(1), Some(1), None, Some(3), Some(2)]);
}

#[test]
fn stars_rank_before_score() {
    // A vetoed 95 (1 star) ranks below an honest 61 (2 stars).
    let ranks = rank(&[standing(Category::Production, 1, "95"), standing(Category::Production, 2, "61")]);
    assert_eq!((ranks[0].overall, ranks[1].overall), (Some(2), Some(1)));
}

#[test]
fn recommend_keeps_ties_at_the_boundary() {
    use Category::*;
    let standings = [
        standing(Production, 5, "95"),
        standing(Production, 4, "85"),
        standing(Production, 4, "85"),
        standing(Production, 3, "75"),
        standing(Market, 3, "70"),
    ];
    let lists = recommend(&standings, 2);
    assert_eq!(lists[0], (Production, vec![0, 1, 2]));
    assert_eq!(lists[3], (Market, vec![4]));
    assert_eq!(lists[1], (Auxiliary, vec![]));
}

// ---------------------------------------------------------------------------------------------
// Rule 9: weak points

#[test]
fn weak_points_are_below_60_or_below_the_category_median_lowest_first() {
    let idx = |v: [&str; 5]| v.map(|s| if s == "-" { None } else { Some(p(s)) });
    let a = idx(["90", "55", "70", "80", "-"]);
    let b = idx(["80", "65", "75", "70", "-"]);
    let c = idx(["70", "75", "60", "90", "-"]);
    let d = idx(["60", "85", "65", "60", "-"]);
    let medians = category_medians([a, b, c, d].iter().map(|x| (Category::Production, x)));
    // Even counts: team (70+80)/2 = 75; management (65+75)/2 = 70; performance (65+70)/2 = 67.5;
    // service (70+80)/2 = 75.
    assert_eq!(medians[0], idx(["75", "70", "67.5", "75", "-"]));
    assert_eq!(medians[1], [None; 5]);
    let weak: Vec<(Dimension, String, bool, bool)> = weak_points(&b, &medians[0])
        .into_iter()
        .map(|w| (w.dimension, w.index.to_string(), w.below_floor, w.below_median))
        .collect();
    assert_eq!(
        weak,
        [(Dimension::Management, "65".into(), false, true), (Dimension::Service, "70".into(), false, true)]
    );
    let weak: Vec<Dimension> = weak_points(&a, &medians[0]).into_iter().map(|w| w.dimension).collect();
    assert_eq!(weak, [Dimension::Management]);
    let weak: Vec<Dimension> = weak_points(&d, &medians[0]).into_iter().map(|w| w.dimension).collect();
    assert_eq!(weak, [Dimension::Team, Dimension::Service, Dimension::Performance]);
}

// ---------------------------------------------------------------------------------------------
// Rule 10: validation, through the exchange format

const WORKED_DOC: &str = include_str!("fixtures/worked-example.json");

fn messages(doc: &serde_json::Value) -> Vec<String> {
    let errors = ExchangeDocument::parse(&doc.to_string()).expect_err("should be invalid");
    errors.iter().map(ToString::to_string).collect()
}

/// Parses the worked example after `edit`, expecting exactly `expected` messages — and the same
/// messages (plus its own) once a malformed record is added, which sends the document down the
/// field-by-field decoding path instead of the fast one.
fn check_invalid(edit: impl FnOnce(&mut serde_json::Value), expected: &[&str]) {
    let mut doc: serde_json::Value = serde_json::from_str(WORKED_DOC).unwrap();
    edit(&mut doc);
    assert_eq!(messages(&doc), expected);

    let evaluations = doc["evaluations"].as_array_mut().unwrap();
    evaluations.push(serde_json::json!({"branch": "b1", "month": "bad", "status": "draft"}));
    let broken = format!("evaluation #{} (b1/bad), month: \"bad\" is not a valid month (YYYY-MM)", evaluations.len());
    let mut actual = messages(&doc);
    let mut expected: Vec<String> = expected.iter().map(ToString::to_string).collect();
    expected.push(broken);
    actual.sort();
    expected.sort();
    assert_eq!(actual, expected, "on the field-by-field path");
}

#[test]
fn validation_messages_name_record_and_field() {
    use serde_json::json;
    check_invalid(
        |d| d["evaluations"][0]["scores"]["perf.safety"] = json!(12),
        &["evaluation #1 (b1/2026-01), scores.perf.safety: 12 exceeds its maximum 10"],
    );
    check_invalid(
        |d| d["evaluations"][0]["scores"]["perf.safety"] = json!(-0.5),
        &["evaluation #1 (b1/2026-01), scores.perf.safety: -0.5 is below 0"],
    );
    check_invalid(
        |d| d["evaluations"][0]["scores"]["perf.safety"] = json!(9.125),
        &["evaluation #1 (b1/2026-01), scores.perf.safety: 9.125 has more than two decimals"],
    );
    check_invalid(
        |d| d["evaluations"][0]["scores"]["perf.safety"] = json!("9"),
        &["evaluation #1 (b1/2026-01), scores.perf.safety: expected a number, found the text \"9\""],
    );
    check_invalid(
        |d| d["evaluations"][0]["scores"]["perf.bogus"] = json!(1),
        &["evaluation #1 (b1/2026-01), scores.perf.bogus: unknown indicator \"perf.bogus\""],
    );
    check_invalid(
        |d| {
            d["evaluations"][0]["scores"].as_object_mut().unwrap().remove("brand.identity");
        },
        &["evaluation #1 (b1/2026-01), scores.brand.identity: not scored, but the evaluation is confirmed"],
    );
    check_invalid(
        |d| d["evaluations"][2]["branch"] = json!("b9"),
        &["evaluation #3 (b9/2026-02), branch: unknown branch \"b9\""],
    );
    check_invalid(|d| d["evaluations"][2]["month"] = json!("2026-01"), &[
        "evaluation #3 (b2/2026-01), month: a second evaluation of the same branch and month (the first is evaluation #2)",
    ]);
    check_invalid(
        |d| d["evaluations"][2]["month"] = json!("2026-1"),
        &["evaluation #3 (b2/2026-1), month: \"2026-1\" is not a valid month (YYYY-MM)"],
    );
    check_invalid(
        |d| d["branches"][0]["founded"] = json!("2026-02-15"),
        &["evaluation #1 (b1/2026-01), month: 2026-01 is before the branch was founded (2026-02-15)"],
    );
    check_invalid(
        |d| d["branches"][1]["id"] = json!("b1"),
        &[
            "branch #2 (b1), id: duplicate id \"b1\"",
            "evaluation #2 (b2/2026-01), branch: unknown branch \"b2\"",
            "evaluation #3 (b2/2026-02), branch: unknown branch \"b2\"",
        ],
    );
    check_invalid(
        |d| d["rubric"]["weights"]["market"]["brand"] = json!(11),
        &["rubric example, weights.market: weights sum to 101, not 100"],
    );
    check_invalid(
        |d| d["rubric"]["indicators"][7]["max"] = json!(0),
        &["indicator #8 (brand.identity), max: maximum must be greater than 0, found 0"],
    );
    check_invalid(|d| d["rubric"]["indicators"][7]["categories"] = json!(["market"]), &[
        "rubric example, weights.production.brand: weight 10 but no indicator of this dimension applies to the category",
        "rubric example, weights.auxiliary.brand: weight 10 but no indicator of this dimension applies to the category",
        "rubric example, weights.administration.brand: weight 10 but no indicator of this dimension applies to the category",
        "rubric example, weights.non_public.brand: weight 10 but no indicator of this dimension applies to the category",
    ]);
    check_invalid(
        |d| {
            d["rubric"]["weights"].as_object_mut().unwrap().remove("market");
        },
        &["rubric example, weights.market: missing"],
    );
    check_invalid(
        |d| d["rubric"]["weights"]["market"]["brand"] = json!(150),
        &[
            "rubric example, weights.market.brand: weight must be a whole number from 0 to 100",
            "rubric example, weights.market: weights sum to 240, not 100",
        ],
    );
    check_invalid(
        |d| d["rubric"]["weights"]["market"]["brand"] = json!(1.5),
        &["rubric example, weights.market.brand: weight must be a whole number from 0 to 100"],
    );
    check_invalid(
        |d| d["branches"][1]["id"] = json!(""),
        &[
            "branch #2, id: must not be empty",
            "evaluation #2 (b2/2026-01), branch: unknown branch \"b2\"",
            "evaluation #3 (b2/2026-02), branch: unknown branch \"b2\"",
        ],
    );
    check_invalid(
        |d| d["rubric"]["indicators"][1]["id"] = json!(" "),
        &[
            "indicator #2, id: must not be empty",
            "evaluation #1 (b1/2026-01), scores.team.members: unknown indicator \"team.members\"",
            "evaluation #2 (b2/2026-01), scores.team.members: unknown indicator \"team.members\"",
            "evaluation #3 (b2/2026-02), scores.team.members: unknown indicator \"team.members\"",
        ],
    );
    check_invalid(
        |d| d["version"] = json!(4),
        &["document, version: version 4 is not supported (this build reads versions 1 to 3)"],
    );
    check_invalid(
        |d| d["format"] = json!("other"),
        &["document, format: expected \"starbranch.exchange\", found \"other\""],
    );
    check_invalid(
        |d| d["branches"][1]["category"] = json!("admin"),
        &["branch #2 (b2), category: unknown category \"admin\""],
    );
    check_invalid(
        |d| d["five_haves"] = json!({"b3": {"2026": [true, true, true, true, true]}}),
        &["five_haves b3: unknown branch \"b3\""],
    );
    check_invalid(
        |d| d["five_haves"] = json!({"b1": {"2026": [true, true]}}),
        &["five_haves b1/2026: expected a list of five true/false values"],
    );
}

#[test]
fn unconfirmed_evaluations_only_need_known_indicators() {
    use serde_json::json;
    let mut doc: serde_json::Value = serde_json::from_str(WORKED_DOC).unwrap();
    // Evaluation #3 is only submitted: incomplete and out-of-range values are not (yet) errors.
    doc["evaluations"][2]["scores"] = json!({"team.leadership": 12});
    assert!(ExchangeDocument::parse(&doc.to_string()).is_ok());
}

#[test]
fn only_confirmed_months_count_for_scores_and_vetoes() {
    use serde_json::json;
    let mut doc: serde_json::Value = serde_json::from_str(WORKED_DOC).unwrap();
    doc["evaluations"][2]["vetoes"] = json!([{"reason": "安全事故"}]);
    doc["evaluations"][2]["status"] = json!("returned");
    let doc = ExchangeDocument::parse(&doc.to_string()).unwrap();
    let rows = rate(&doc, "2026-02".parse().unwrap());
    assert_eq!((rows[1].branch.as_str(), rows[1].complete, rows[1].veto), ("b2", false, None));
    assert_eq!(rows[1].missing, vec![month("2026-02")]);
}

#[test]
fn extra_fields_are_kept_at_every_level() {
    use serde_json::json;
    let mut doc: serde_json::Value = serde_json::from_str(WORKED_DOC).unwrap();
    doc["ledger"] = json!([{"kind": "meeting"}]);
    doc["rubric"]["version"] = json!(3);
    doc["rubric"]["indicators"][0]["name"] = json!({"zh_cn": "班子建设", "zh_tw": "班子建設", "en": "Leadership"});
    doc["branches"][0]["secretary"] = json!("张三");
    doc["evaluations"][0]["audit"] = json!({"by": "committee"});
    doc["evaluations"][0]["bonus"][0]["evidence"] = json!("证书.pdf");
    let parsed = ExchangeDocument::parse(&doc.to_string()).unwrap();
    let again: serde_json::Value = serde_json::from_str(&parsed.to_json()).unwrap();
    assert_eq!(again["ledger"], doc["ledger"]);
    assert_eq!(again["rubric"]["indicators"][0]["name"], doc["rubric"]["indicators"][0]["name"]);
    assert_eq!(again["branches"][0]["secretary"], json!("张三"));
    assert_eq!(again["evaluations"][0]["audit"], json!({"by": "committee"}));
    assert_eq!(again["evaluations"][0]["bonus"][0]["evidence"], json!("证书.pdf"));
    let rubric = parsed.domain_rubric();
    assert_eq!((rubric.version, rubric.indicators[0].name.zh_tw.as_str()), (3, "班子建設"));
}

#[test]
fn default_rubric_round_trips_through_the_exchange_format() {
    let rubric = Rubric::default_rubric();
    let doc = ExchangeDocument::new(&rubric);
    let parsed = ExchangeDocument::parse(&doc.to_json()).unwrap();
    assert_eq!(parsed.domain_rubric(), rubric);
}

/// What a field of the monthly sheet accepts: the page shows the problem, the live score leaves
/// the value out.
#[test]
fn typed_scores_on_the_sheet() {
    use starbranch::domain::rating::scoring::{entered_item_points, entered_score};
    use starbranch::domain::values::points::Points;
    use starbranch::domain::values::validation::Problem;
    let max = Points::parse("10").unwrap();
    let pts = |t: &str| Points::parse(t).unwrap();
    assert_eq!(entered_score("", max), Ok(None));
    assert_eq!(entered_score("  ", max), Ok(None));
    assert_eq!(entered_score("7.5", max), Ok(Some(pts("7.5"))));
    assert_eq!(entered_score(" 10 ", max), Ok(Some(pts("10"))));
    assert_eq!(entered_score("0", max), Ok(Some(Points::ZERO)));
    assert_eq!(entered_score("10.01", max), Err(Problem::AboveMax { points: pts("10.01"), max }));
    assert_eq!(entered_score("-1", max), Err(Problem::BelowZero(pts("-1"))));
    assert!(matches!(entered_score("7.555", max), Err(Problem::BadPoints(_))));
    assert!(matches!(entered_score("七", max), Err(Problem::BadPoints(_))));
    assert_eq!(entered_item_points("2.5"), Some(pts("2.5")));
    assert_eq!(entered_item_points("-2"), None);
    assert_eq!(entered_item_points("x"), None);
}

#[test]
fn the_month_of_a_date() {
    use starbranch::domain::values::date::Date;
    use starbranch::domain::values::period::Month;
    for (day, month) in
        [("2026-01-01", "2026-01"), ("2026-12-31", "2026-12"), ("1900-02-28", "1900-02"), ("2999-12-31", "2999-12")]
    {
        assert_eq!(Month::of(day.parse::<Date>().unwrap()), month.parse::<Month>().unwrap());
    }
}
