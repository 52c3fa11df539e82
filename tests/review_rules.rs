//! The committee's quarter: star adjustments, approval and reopening, commendation (推先), star
//! distribution and rectification tasks (整改).

use starbranch::domain::rating::engine::RatingRow;
use starbranch::domain::rating::evaluation::ReviewStatus;
use starbranch::domain::rating::scoring::Stars;
use starbranch::domain::review::quarter::{
    apply, commendations, month_status_after, star_distribution, CommendRule, QuarterReview, ReviewError, ReviewState,
};
use starbranch::domain::review::rectification::{
    self, Rectification, RectificationField, RectificationProblem, RectificationStatus,
};
use starbranch::domain::values::category::Dimension;
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::{Month, Period, Quarter};
use starbranch::domain::values::points::Points;
use starbranch::domain::Category;

fn q3() -> Quarter {
    Quarter::new(2026, 3).unwrap()
}

fn row(branch: &str, category: Category, stars: Option<u8>, score: Option<f64>) -> RatingRow {
    let complete = stars.is_some();
    RatingRow {
        branch: branch.into(),
        period: Period::Quarter(q3()),
        complete,
        score: score.map(|s| Points::from_hundredths((s * 100.0).round() as i64)),
        stars: stars.and_then(Stars::new),
        tier: stars.and_then(Stars::new).map(|s| s.tier().number()),
        veto: complete.then_some(false),
        rank_overall: None,
        rank_category: None,
        dimensions: None,
        category,
        missing: if complete { vec![] } else { vec![Month::new(2026, 9).unwrap()] },
        five_haves_capped: false,
    }
}

fn rows() -> Vec<RatingRow> {
    vec![
        row("a", Category::Production, Some(4), Some(88.0)),
        row("b", Category::Production, Some(3), Some(78.0)),
        row("c", Category::Production, Some(3), Some(78.0)),
        row("d", Category::Market, Some(5), Some(95.0)),
        row("e", Category::Market, None, None),
    ]
}

fn stars(n: u8) -> Stars {
    Stars::new(n).unwrap()
}

#[test]
fn an_adjustment_needs_a_reason_a_name_and_a_complete_branch() {
    let mut review = QuarterReview::new(q3());
    let rows = rows();
    assert_eq!(review.adjust(&rows[1], stars(4), "  ", "王书记", "t"), Err(ReviewError::ReasonRequired));
    assert_eq!(review.adjust(&rows[1], stars(4), "线下验收优秀", " ", "t"), Err(ReviewError::NameRequired));
    assert_eq!(review.adjust(&rows[4], stars(4), "线下验收优秀", "王书记", "t"), Err(ReviewError::Incomplete));
    assert!(review.adjustments.is_empty());
    review.adjust(&rows[1], stars(4), " 线下验收优秀 ", "王书记", "t").unwrap();
    let adjustment = &review.adjustments["b"];
    assert_eq!((adjustment.computed, adjustment.stars), (stars(3), stars(4)));
    assert_eq!(adjustment.reason, "线下验收优秀");
}

#[test]
fn setting_the_computed_stars_again_removes_the_adjustment() {
    let mut review = QuarterReview::new(q3());
    let rows = rows();
    review.adjust(&rows[1], stars(2), "台账缺失", "王", "t").unwrap();
    review.adjust(&rows[1], stars(3), "复核后恢复", "王", "t").unwrap();
    assert!(review.adjustments.is_empty());
}

#[test]
fn adjusted_stars_rerank_and_retier_the_quarter() {
    let mut review = QuarterReview::new(q3());
    let base = rows();
    review.adjust(&base[2], stars(5), "示范点验收", "王", "t").unwrap();
    let reviewed = apply(base, Some(&review));
    let by = |id: &str| reviewed.iter().find(|r| r.row.branch == id).unwrap();
    // c now has 5 stars: first in production; d (5 stars, 95 points) stays first overall on
    // its higher score.
    assert_eq!(by("d").row.rank_overall, Some(1));
    assert_eq!(by("c").row.rank_overall, Some(2));
    assert_eq!(by("c").row.rank_category, Some(1));
    assert_eq!(by("c").row.tier, Some(1));
    assert_eq!(by("c").computed, Some(stars(3)));
    assert_eq!(by("a").row.rank_category, Some(2));
    assert_eq!(by("b").row.rank_category, Some(3));
    assert_eq!(by("e").row.rank_overall, None);
    assert!(by("a").adjustment.is_none());
}

#[test]
fn without_a_review_ties_share_a_rank() {
    let reviewed = apply(rows(), None);
    let ranks: Vec<_> = reviewed.iter().map(|r| r.row.rank_category).collect();
    assert_eq!(ranks, vec![Some(1), Some(2), Some(2), Some(1), None]);
}

#[test]
fn publishing_waits_for_every_month_to_be_confirmed() {
    let mut review = QuarterReview::new(q3());
    let reviewed = apply(rows(), None);
    let september = Month::new(2026, 9).unwrap();
    let october = Month::new(2026, 10).unwrap();
    let statuses = vec![
        ("a".to_string(), september, ReviewStatus::Confirmed),
        ("e".to_string(), september, ReviewStatus::Submitted),
        // Another quarter's pending month does not block this one.
        ("a".to_string(), october, ReviewStatus::Draft),
    ];
    let refused = review.publish(&reviewed, &statuses, vec![], "王", "t");
    assert_eq!(refused, Err(ReviewError::PendingMonths(vec![("e".into(), september, ReviewStatus::Submitted)])));
    assert_eq!(review.state, ReviewState::Open);
    assert!(review.publications.is_empty());
}

#[test]
fn publish_locks_and_reopen_keeps_the_earlier_result() {
    let mut review = QuarterReview::new(q3());
    let base = rows();
    review.adjust(&base[1], stars(4), "线下验收优秀", "王", "t1").unwrap();
    let reviewed = apply(base.clone(), Some(&review));
    assert_eq!(review.publish(&reviewed, &[], vec!["default@1".into()], "", "t2"), Err(ReviewError::NameRequired));
    review.publish(&reviewed, &[], vec!["default@1".into()], "李主任", "t2").unwrap();
    assert!(review.is_published());
    let published = review.current_publication().unwrap();
    let b = published.rows.iter().find(|r| r.branch == "b").unwrap();
    assert_eq!((b.computed, b.stars), (Some(stars(3)), Some(stars(4))));
    assert_eq!(published.rubrics, vec!["default@1".to_string()]);

    // Locked: no adjustment, no second approval.
    assert_eq!(review.adjust(&base[0], stars(5), "x", "王", "t"), Err(ReviewError::Published));
    assert_eq!(review.publish(&reviewed, &[], vec![], "李", "t"), Err(ReviewError::Published));

    assert_eq!(review.reopen("", "李", "t3"), Err(ReviewError::ReasonRequired));
    review.reopen("安全分更正", "李主任", "t3").unwrap();
    assert_eq!(review.state, ReviewState::Open);
    assert!(review.current_publication().is_none());
    assert_eq!(review.publications.len(), 1);
    assert_eq!(review.publications[0].reopened.as_ref().unwrap().reason, "安全分更正");
    assert_eq!(review.reopen("again", "李", "t4"), Err(ReviewError::NotPublished));
}

#[test]
fn a_review_survives_a_json_round_trip() {
    let mut review = QuarterReview::new(q3());
    let base = rows();
    review.adjust(&base[1], stars(4), "线下验收优秀", "王", "t1").unwrap();
    review.publish(&apply(base, Some(&review)), &[], vec![], "李", "t2").unwrap();
    let json = serde_json::to_string(&review).unwrap();
    assert_eq!(serde_json::from_str::<QuarterReview>(&json).unwrap(), review);
}

#[test]
fn publishing_moves_confirmed_months_to_published_and_back() {
    assert_eq!(month_status_after(true, ReviewStatus::Confirmed), ReviewStatus::Published);
    assert_eq!(month_status_after(false, ReviewStatus::Published), ReviewStatus::Confirmed);
    assert_eq!(month_status_after(true, ReviewStatus::Draft), ReviewStatus::Draft);
}

#[test]
fn commendation_places_by_count_and_share() {
    assert_eq!(CommendRule::Count(2).places(5), 2);
    assert_eq!(CommendRule::Count(9).places(3), 3);
    assert_eq!(CommendRule::Share(20).places(5), 1);
    assert_eq!(CommendRule::Share(20).places(6), 2, "a share rounds up");
    assert_eq!(CommendRule::Share(50).places(0), 0);
    assert!(
        !CommendRule::Count(0).is_valid() && !CommendRule::Share(0).is_valid() && !CommendRule::Share(101).is_valid()
    );
}

#[test]
fn commendation_keeps_a_tie_at_the_boundary_whole() {
    let reviewed = apply(rows(), None);
    let lists = commendations(&reviewed, CommendRule::Count(2));
    let names = |category: Category| -> Vec<&str> {
        lists.iter().find(|(c, _)| *c == category).unwrap().1.iter().map(|&i| reviewed[i].row.branch.as_str()).collect()
    };
    assert_eq!(names(Category::Production), vec!["a", "b", "c"]);
    assert_eq!(names(Category::Market), vec!["d"]);
    assert!(names(Category::Auxiliary).is_empty());
}

#[test]
fn a_branch_in_the_rectification_tier_is_never_commended() {
    let reviewed = apply(
        vec![row("x", Category::NonPublic, Some(2), Some(65.0)), row("y", Category::NonPublic, Some(1), Some(50.0))],
        None,
    );
    let lists = commendations(&reviewed, CommendRule::Share(100));
    assert!(lists.iter().all(|(_, list)| list.is_empty()));
}

#[test]
fn star_distribution_counts_rated_branches_per_category() {
    let counts = star_distribution(rows().iter());
    assert_eq!(counts[0], [0, 0, 2, 1, 0]);
    assert_eq!(counts[3], [0, 0, 0, 0, 1]);
    assert_eq!(counts.iter().flatten().sum::<u32>(), 4, "the incomplete branch is not counted");
}

fn task() -> Rectification {
    Rectification {
        id: "r1".into(),
        branch: "a".into(),
        quarter: q3(),
        dimension: Dimension::Service,
        indicator: None,
        owner: "张三".into(),
        due: Date::new(2026, 11, 30).unwrap(),
        measure: "每月走访群众".into(),
        status: RectificationStatus::Open,
        evidence: String::new(),
        created_at: "t".into(),
    }
}

#[test]
fn a_rectification_needs_owner_measure_and_a_sensible_due_date() {
    assert!(rectification::validate(&task()).is_empty());
    let mut bad = task();
    bad.owner = " ".into();
    bad.measure.clear();
    bad.due = Date::new(2026, 6, 30).unwrap();
    assert_eq!(
        rectification::validate(&bad),
        vec![
            (RectificationField::Owner, RectificationProblem::Required),
            (RectificationField::Measure, RectificationProblem::Required),
            (RectificationField::Due, RectificationProblem::DueBeforeQuarter),
        ]
    );
}

#[test]
fn a_rectification_moves_step_by_step_and_is_verified_in_a_later_quarter() {
    use RectificationStatus::*;
    let in_q3 = Date::new(2026, 9, 15).unwrap();
    let in_q4 = Date::new(2026, 10, 1).unwrap();
    let t = task();
    assert_eq!(
        rectification::advance(&t, Done, "x", in_q3),
        Err((RectificationField::Status, RectificationProblem::NotAllowed))
    );
    let t = rectification::advance(&t, InProgress, "", in_q3).unwrap();
    assert_eq!(
        rectification::advance(&t, Done, " ", in_q3),
        Err((RectificationField::Evidence, RectificationProblem::EvidenceRequired))
    );
    let t = rectification::advance(&t, Done, "走访记录12份", in_q3).unwrap();
    assert_eq!(t.evidence, "走访记录12份");
    assert_eq!(
        rectification::advance(&t, Verified, "", in_q3),
        Err((RectificationField::Status, RectificationProblem::VerifyTooEarly))
    );
    let back = rectification::advance(&t, InProgress, "", in_q4).unwrap();
    assert_eq!(back.status, InProgress);
    let t = rectification::advance(&t, Verified, "", in_q4).unwrap();
    assert_eq!(t.status, Verified);
    assert_eq!(rectification::next(Verified), None);
}

#[test]
fn only_open_rectifications_past_due_are_overdue() {
    let t = task();
    assert!(!rectification::is_overdue(&t, Date::new(2026, 11, 30).unwrap()), "due today is not overdue");
    assert!(rectification::is_overdue(&t, Date::new(2026, 12, 1).unwrap()));
    let mut done = t.clone();
    done.status = RectificationStatus::Done;
    assert!(!rectification::is_overdue(&done, Date::new(2026, 12, 1).unwrap()));
}

#[test]
fn a_quarter_of_a_date() {
    assert_eq!(Quarter::of(Date::new(2026, 3, 31).unwrap()), Quarter::new(2026, 1).unwrap());
    assert_eq!(Quarter::of(Date::new(2026, 4, 1).unwrap()), Quarter::new(2026, 2).unwrap());
    assert_eq!(Quarter::of(Date::new(2026, 12, 31).unwrap()), Quarter::new(2026, 4).unwrap());
}

#[test]
fn a_rectification_is_due_at_the_end_of_the_next_quarter() {
    for (quarter, due) in [
        ("2026-Q1", "2026-06-30"),
        ("2026-Q2", "2026-09-30"),
        ("2026-Q3", "2026-12-31"),
        ("2026-Q4", "2027-03-31"),
        ("2027-Q4", "2028-03-31"),
    ] {
        let quarter: Quarter = quarter.parse().unwrap();
        assert_eq!(rectification::default_due(quarter), due.parse::<Date>().unwrap(), "{quarter}");
    }
}

#[test]
fn the_period_before_is_of_the_same_kind() {
    for (period, before) in [
        ("2026-03", Some("2026-02")),
        ("2026-01", Some("2025-12")),
        ("2026-Q1", Some("2025-Q4")),
        ("2026-Q3", Some("2026-Q2")),
        ("2026", Some("2025")),
        ("1000", None),
        ("1000-Q1", None),
        ("1000-01", None),
    ] {
        let period: Period = period.parse().unwrap();
        assert_eq!(period.previous(), before.map(|b| b.parse::<Period>().unwrap()), "{period}");
    }
}
