//! The kiosk board from the rated data set: which period it shows, who leads, and whose
//! commendation list goes on the wall before and after a publication.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use starbranch::domain::device::kiosk::{Board, KioskSettings, PublicCoverage, Screen};
use starbranch::domain::files::import::rubric_key;
use starbranch::domain::fixtures::demo;
use starbranch::domain::rating::dataset::{EvaluationRecord, RatingsData};
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::review::quarter::QuarterReview;
use starbranch::domain::units::coverage::Coverage;
use starbranch::domain::units::formation::Formation;
use starbranch::domain::units::unit::{BusinessStatus, Unit};
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::{Period, Quarter};

fn data() -> RatingsData {
    let (orgs, _) = demo::organisation();
    let rubric = Rubric::default_rubric();
    let key = rubric_key(&rubric);
    let (evaluations, five_haves) = demo::evaluations(&rubric);
    RatingsData {
        orgs,
        evaluations: evaluations.into_iter().map(|e| EvaluationRecord::new(&key, e)).collect(),
        rubrics: HashMap::from([(key.clone(), rubric)]),
        active: key,
        five_haves,
        ..RatingsData::default()
    }
}

fn today() -> Date {
    "2026-11-27".parse().unwrap()
}

#[test]
fn the_board_shows_the_period_pages_open_on_and_compares_leaders_with_the_quarter_before() {
    let data = data();
    let board = Board::build(&data, KioskSettings::default(), today(), &[], &[]);
    assert_eq!(board.period, Some("2026-Q3".parse().unwrap()));
    assert_eq!(board.period, data.default_period());
    assert!(!board.leaders.is_empty());
    for (leader, comparison) in &board.leaders {
        let comparison = comparison.as_ref().expect("every leader is rated in Q3");
        let q2 = data.rate("2026-Q2".parse().unwrap());
        let before = q2.iter().find(|r| r.branch == leader.branch.id).expect("rated in Q2");
        assert_eq!(comparison.previous, before.dimensions.map(|d| d.to_array()), "{}", leader.branch.id);
    }
    let counted: u32 = board.stars.iter().flatten().sum();
    assert_eq!(counted as usize, data.rate(board.period.unwrap()).iter().filter(|r| r.complete).count());
}

#[test]
fn the_commendation_list_is_the_latest_publication_once_there_is_one() {
    let mut data = data();
    let before = Board::build(&data, KioskSettings::default(), today(), &[], &[]);
    assert_eq!((before.commend_period, before.commend_published), (before.period, false));

    let q2: Quarter = "2026-Q2".parse().unwrap();
    let rows = data.reviewed(Period::Quarter(q2));
    let statuses: Vec<_> = vec![];
    let mut review = QuarterReview::new(q2);
    review.publish(&rows, &statuses, vec![], "孙立", "2026-07-05T08:00:00Z").expect("every month confirmed");
    data.reviews.insert(q2, review);
    let after = Board::build(&data, KioskSettings::default(), today(), &[], &[]);
    assert_eq!((after.commend_period, after.commend_published), (Some(Period::Quarter(q2)), true));
    assert!(!after.commended.is_empty());
}

/// A unit of the demo organisation's district, operating since 2020, with `formation` from 2021.
fn unit(id: &str, area: &str, formation: Option<Formation>) -> Unit {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": format!("{id} 有限公司"), "credit_code": "91350100M000100Y43", "sub_type": "private",
        "area": area, "employees": 50, "status": "operating", "party_members": 3, "full_members": 3,
        "membership_here": 3, "registered": "2020-01-01",
    }))
    .map(|u: Unit| Unit { formed_on: formation.as_ref().map(|_| "2021-01-01".parse().unwrap()), formation, ..u })
    .unwrap()
}

fn units() -> Vec<Unit> {
    vec![
        unit("u1", "新华街道", Some(Formation::Standalone { org: "demo-b01".into() })),
        unit("u2", "新华街道", Some(Formation::Instructor { name: "张指导员".into() })),
        unit("u3", "城南镇", None),
        // Its organisation is not in the tree: it covers nothing, as on the coverage page.
        unit("u4", "城南镇", Some(Formation::Joint { org: "gone".into() })),
    ]
}

#[test]
fn the_coverage_screen_shows_figures_and_areas_and_is_left_out_without_units() {
    let data = data();
    let board = Board::build(&data, KioskSettings::default(), today(), &[], &units());
    let coverage = board.coverage.as_ref().expect("there are units");
    let shares = |c: Coverage| (c.org.0.numerator, c.work.0.numerator, c.active());
    assert_eq!(shares(coverage.overall), (1, 2, 4));
    let areas: Vec<(&str, (u32, u32, u32))> = coverage.by_area.iter().map(|(a, c)| (a.as_str(), shares(*c))).collect();
    assert_eq!(areas, [("城南镇", (0, 0, 2)), ("新华街道", (1, 2, 2))]);
    assert_eq!(board.rotation(), Screen::ALL.to_vec(), "default on when there are units");
    assert_eq!(board.today, today());

    let none = Board::build(&data, KioskSettings::default(), today(), &[], &[]);
    assert_eq!(none.coverage, None);
    assert!(!none.rotation().contains(&Screen::Coverage));
    assert_eq!(none.rotation().len(), Screen::ALL.len() - 1);
    // Chosen alone it stays, to say there is nothing to show, rather than rotating unchosen screens.
    let alone = KioskSettings { screens: vec![Screen::Coverage], ..KioskSettings::default() };
    assert_eq!(Board::build(&data, alone, today(), &[], &[]).rotation(), [Screen::Coverage]);
    // Switched off, it is not shown even with units.
    let off = KioskSettings { screens: vec![Screen::Stars], ..KioskSettings::default() };
    assert_eq!(Board::build(&data, off, today(), &[], &units()).rotation(), [Screen::Stars]);
}

#[test]
fn the_coverage_screen_carries_area_names_and_counts_only() {
    let (orgs, members) = demo::organisation();
    let shown = format!("{:?}", PublicCoverage::of(&units(), &orgs, today()));
    for text in ["u1", "有限公司", "张指导员", "demo-b01"] {
        assert!(!shown.contains(text), "{text} reaches the wall: {shown}");
    }
    for member in &members {
        assert!(!shown.contains(&member.name), "{} leaked", member.name);
    }
    // Status changes count as on the coverage page: a unit deregistered leaves from its date.
    let mut closed = units();
    closed[2].status = BusinessStatus::Deregistered;
    closed[2].status_date = Some("2026-06-30".parse().unwrap());
    let before = PublicCoverage::of(&closed, &orgs, "2026-06-29".parse().unwrap()).unwrap();
    let after = PublicCoverage::of(&closed, &orgs, today()).unwrap();
    assert_eq!((before.overall.active(), after.overall.active()), (4, 3));
}

#[test]
fn a_kiosk_set_up_before_the_coverage_screen_gets_it_switched_on_and_keeps_its_choice() {
    // Stored before the screen existed: no record of what the choice was made among.
    let old = KioskSettings::from_json(Some(r#"{"interval_secs":30,"screens":["stars","ledger"]}"#));
    assert_eq!(old.screens, [Screen::Stars, Screen::Ledger, Screen::Coverage]);
    assert_eq!(old.interval_secs, 30);
    // Switched off since, it stays off.
    let saved = KioskSettings::from_form("30", &[Screen::Stars]).unwrap();
    assert_eq!(KioskSettings::from_json(Some(&saved.to_json())).screens, [Screen::Stars]);
    assert_eq!(KioskSettings::from_json(Some(&saved.to_json())), saved);
    assert_eq!(Screen::Coverage.name(), "coverage");
}
