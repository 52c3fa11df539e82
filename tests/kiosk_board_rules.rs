//! The kiosk board from the rated data set: which period it shows, who leads, and whose
//! commendation list goes on the wall before and after a publication.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;

use starbranch::domain::device::kiosk::{Board, KioskSettings};
use starbranch::domain::files::import::rubric_key;
use starbranch::domain::fixtures::demo;
use starbranch::domain::rating::dataset::{EvaluationRecord, RatingsData};
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::review::quarter::QuarterReview;
use starbranch::domain::values::period::{Month, Period, Quarter};

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

fn month() -> Month {
    "2026-11".parse().unwrap()
}

#[test]
fn the_board_shows_the_period_pages_open_on_and_compares_leaders_with_the_quarter_before() {
    let data = data();
    let board = Board::build(&data, KioskSettings::default(), month(), &[]);
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
    let before = Board::build(&data, KioskSettings::default(), month(), &[]);
    assert_eq!((before.commend_period, before.commend_published), (before.period, false));

    let q2: Quarter = "2026-Q2".parse().unwrap();
    let rows = data.reviewed(Period::Quarter(q2));
    let statuses: Vec<_> = vec![];
    let mut review = QuarterReview::new(q2);
    review.publish(&rows, &statuses, vec![], "孙立", "2026-07-05T08:00:00Z").expect("every month confirmed");
    data.reviews.insert(q2, review);
    let after = Board::build(&data, KioskSettings::default(), month(), &[]);
    assert_eq!((after.commend_period, after.commend_published), (Some(Period::Quarter(q2)), true));
    assert!(!after.commended.is_empty());
}
