//! The monthly sheet's automatic indicators: 组织生活 from the ledger, key tasks from their
//! completions, and overrides that always carry a reason.

use std::collections::BTreeMap;

use starbranch::domain::key_task::{Completion, KeyTask};
use starbranch::domain::ledger::{LedgerReason, LedgerRecord, MeetingKind};
use starbranch::domain::rating::auto_score::{
    auto_scores, overrides_of, read_overrides, write_overrides, AutoBasis, MemberShares, Override,
};
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::Month;
use starbranch::domain::values::points::Points;
use starbranch::domain::Category;

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn meeting(branch: &str, day: &str, kind: MeetingKind) -> LedgerRecord {
    LedgerRecord {
        id: format!("{branch}-{day}-{}", kind.code()),
        branch: branch.into(),
        date: date(day),
        kind,
        topic: "学习".into(),
        place: String::new(),
        host: String::new(),
        attendees: vec!["m1".into(), "m2".into()],
        absentees: vec![],
        minutes: String::new(),
        attachments: vec![],
    }
}

fn november() -> Month {
    Month::new(2026, 11).unwrap()
}

#[test]
fn every_automatic_indicator_is_computed_and_manual_ones_are_not() {
    let rubric = Rubric::default_rubric();
    let autos = auto_scores(&rubric, Category::Production, "b1", november(), &[], &[], &[], MemberShares::default());
    let ids: Vec<&str> = autos.iter().map(|a| a.indicator.as_str()).collect();
    assert_eq!(ids, ["mgmt.org_life", "perf.key_tasks"]);
    // No meetings at all: 组织生活 below its maximum, each missing kind named.
    let org_life = &autos[0];
    let AutoBasis::Ledger(score) = &org_life.basis else { panic!("ledger basis") };
    assert!(org_life.points < Points::from_whole(10));
    assert!(score.reasons.contains(&LedgerReason::Missing(MeetingKind::CommitteeMeeting)));
}

#[test]
fn the_months_required_meetings_give_full_points_and_other_branches_do_not_count() {
    let rubric = Rubric::default_rubric();
    let month = november();
    // Every kind the default rules require by November, held by b1; b2 holds them too but
    // must not help b3.
    let mut records = Vec::new();
    for branch in ["b1", "b2"] {
        for kind in MeetingKind::ALL {
            records.push(meeting(branch, "2026-11-10", kind));
        }
    }
    let full = auto_scores(&rubric, Category::Production, "b1", month, &records, &[], &[], MemberShares::default());
    assert_eq!(full[0].points, Points::from_whole(10));
    let none = auto_scores(&rubric, Category::Production, "b3", month, &records, &[], &[], MemberShares::default());
    assert!(none[0].points < Points::from_whole(10));
}

#[test]
fn key_tasks_score_on_their_indicator() {
    let rubric = Rubric::default_rubric();
    let task = KeyTask {
        id: "t1".into(),
        title: "安全生产专项检查".into(),
        description: String::new(),
        branches: vec!["b1".into()],
        due: date("2026-11-20"),
        points: Points::from_whole(10),
        indicator: "perf.key_tasks".into(),
    };
    let late =
        Completion {
            task: "t1".into(), branch: "b1".into(), done_on: date("2026-11-25"), evidence: "检查记录".into()
        };
    let autos =
        auto_scores(&rubric, Category::Production, "b1", november(), &[], &[task], &[late], MemberShares::default());
    let key = autos.iter().find(|a| a.indicator == "perf.key_tasks").unwrap();
    assert_eq!(key.points, Points::from_whole(5), "late: half the points");
}

#[test]
fn an_override_needs_a_reason_and_is_kept_with_the_computed_points() {
    let rubric = Rubric::default_rubric();
    let autos = auto_scores(&rubric, Category::Production, "b1", november(), &[], &[], &[], MemberShares::default());
    let computed = autos[0].points;
    let mut scores = BTreeMap::new();
    scores.insert("mgmt.org_life".to_string(), Points::from_whole(10));
    let mut reasons = BTreeMap::new();
    assert_eq!(overrides_of(&scores, &autos, &reasons), Err(vec!["mgmt.org_life".to_string()]));
    reasons.insert("mgmt.org_life".to_string(), "  ".to_string());
    assert!(overrides_of(&scores, &autos, &reasons).is_err());
    reasons.insert("mgmt.org_life".to_string(), " 纸质台账已补录 ".to_string());
    let overrides = overrides_of(&scores, &autos, &reasons).unwrap();
    assert_eq!(overrides["mgmt.org_life"], Override { computed, reason: "纸质台账已补录".into() });

    // Entering the computed value, or leaving it empty, is no override.
    scores.insert("mgmt.org_life".to_string(), computed);
    assert!(overrides_of(&scores, &autos, &BTreeMap::new()).unwrap().is_empty());
    scores.clear();
    assert!(overrides_of(&scores, &autos, &BTreeMap::new()).unwrap().is_empty());

    // They travel in the evaluation's extra fields and come back unchanged.
    let mut extra = serde_json::Map::new();
    write_overrides(&mut extra, &overrides);
    assert_eq!(read_overrides(&extra), overrides);
    write_overrides(&mut extra, &BTreeMap::new());
    assert!(extra.is_empty());
}

#[test]
fn member_based_indicators_score_the_maximum_times_their_share_and_nothing_without_one() {
    use starbranch::domain::rating::rubric::ScoringSource;
    use starbranch::domain::values::ratio::Ratio;
    let mut rubric = Rubric::default_rubric();
    for (id, source) in [("team.members", ScoringSource::Appraisals), ("mgmt.support", ScoringSource::Dues)] {
        rubric.indicators.iter_mut().find(|i| i.id == id).unwrap().source = source;
    }
    let score = |shares: MemberShares| {
        let autos = auto_scores(&rubric, Category::Production, "b1", november(), &[], &[], &[], shares);
        let of = |id: &str| autos.iter().find(|a| a.indicator == id).map(|a| (a.points, a.basis.clone()));
        (of("team.members").unwrap(), of("mgmt.support").unwrap())
    };
    // team.members has 10 points, mgmt.support 5.
    let shares = MemberShares {
        dues: Some(Ratio { numerator: 19_050, denominator: 20_000 }),
        appraised: Some(Ratio { numerator: 11, denominator: 12 }),
    };
    let ((appraised, basis), (dues, _)) = score(shares);
    assert_eq!(appraised, Points::from_hundredths(917), "10 × 11/12 = 9.1666… → 9.17");
    assert_eq!(dues, Points::from_hundredths(476), "5 × 0.9525 = 4.7625 → 4.76");
    assert_eq!(basis, AutoBasis::Share(ScoringSource::Appraisals, shares.appraised));
    let ((appraised, _), (dues, basis)) = score(MemberShares::default());
    assert_eq!((appraised, dues), (Points::ZERO, Points::ZERO));
    assert_eq!(basis, AutoBasis::Share(ScoringSource::Dues, None));
    // Overpaid dues earn the maximum, not more; a share of nothing earns nothing.
    let over = MemberShares {
        dues: Some(Ratio { numerator: 30_000, denominator: 20_000 }),
        appraised: Some(Ratio::default()),
    };
    let ((appraised, _), (dues, _)) = score(over);
    assert_eq!((appraised, dues), (Points::ZERO, Points::from_whole(5)));
}
