//! Properties of the rating rules over random inputs: scores stay within 0..=100, the score is
//! monotonic in every indicator's points, and ranking is a permutation consistent with the
//! order of (stars, score).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use starbranch::domain::rating::aggregate::rate_quarter;
use starbranch::domain::rating::evaluation::{Bonus, Deduction, MonthlyEvaluation, ReviewStatus, Veto};
use starbranch::domain::rating::ranking::{rank, Standing};
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::rating::scoring::{score_month, Stars};
use starbranch::domain::values::category::Category;
use starbranch::domain::values::period::{Month, Quarter};
use starbranch::domain::values::points::Points;

fn category() -> impl Strategy<Value = Category> {
    prop::sample::select(Category::ALL.to_vec())
}

/// Hundredths from 0 to each default indicator's maximum (some left unscored), plus bonus,
/// deduction and veto items.
fn evaluation() -> impl Strategy<Value = MonthlyEvaluation> {
    let rubric = Rubric::default_rubric();
    let maxima: Vec<i64> = rubric.indicators.iter().map(|i| i.max.hundredths()).collect();
    let scores = maxima.iter().map(|&max| prop::option::weighted(0.9, 0..=max)).collect::<Vec<_>>();
    (scores, prop::collection::vec(0..800_i64, 0..4), prop::collection::vec(0..3_000_i64, 0..3), any::<bool>())
        .prop_map(move |(scores, bonus, deductions, veto)| {
            let mut eval = MonthlyEvaluation::new("b", Month::new(2026, 1).unwrap());
            eval.status = ReviewStatus::Confirmed;
            for (indicator, points) in rubric.indicators.iter().zip(scores) {
                if let Some(points) = points {
                    eval.scores.insert(indicator.id.clone(), Points::from_hundredths(points));
                }
            }
            eval.bonus = bonus
                .into_iter()
                .map(|p| Bonus { points: Points::from_hundredths(p), reason: String::new() })
                .collect();
            eval.deductions = deductions
                .into_iter()
                .map(|p| Deduction { points: Points::from_hundredths(p), reason: String::new() })
                .collect();
            if veto {
                eval.vetoes.push(Veto { reason: String::new() });
            }
            eval
        })
}

fn in_range(p: Points) -> bool {
    (Points::ZERO..=Points::HUNDRED).contains(&p)
}

proptest! {
    #[test]
    fn scores_and_indices_stay_within_0_and_100(eval in evaluation(), category in category()) {
        let r = score_month(&Rubric::default_rubric(), category, &eval);
        prop_assert!(in_range(r.score));
        prop_assert!(in_range(r.base));
        for index in r.dimensions.into_iter().flatten() {
            prop_assert!(in_range(index));
        }
        prop_assert_eq!(r.veto, !eval.vetoes.is_empty());
        if r.veto {
            prop_assert_eq!(r.stars, Stars::ONE);
        } else {
            prop_assert_eq!(r.stars, Stars::from_score(r.score));
        }
    }

    #[test]
    fn score_is_monotonic_in_every_indicator(
        eval in evaluation(),
        category in category(),
        which in 0..15_usize,
        raise in 1..2_000_i64,
    ) {
        let rubric = Rubric::default_rubric();
        let indicator = &rubric.indicators[which];
        let before = score_month(&rubric, category, &eval);
        let mut raised = eval.clone();
        let old = eval.scores.get(&indicator.id).copied().unwrap_or(Points::ZERO);
        let new = (old + Points::from_hundredths(raise)).min(indicator.max);
        raised.scores.insert(indicator.id.clone(), new);
        let after = score_month(&rubric, category, &raised);
        prop_assert!(after.score >= before.score);
        prop_assert!(after.base >= before.base);
        prop_assert!(after.stars >= before.stars);
        for (a, b) in after.dimensions.iter().zip(before.dimensions) {
            prop_assert!(*a >= b);
        }
    }

    #[test]
    fn quarter_lies_between_its_months(
        months in prop::collection::vec((evaluation(), category()), 3),
    ) {
        let rubric = Rubric::default_rubric();
        let results: Vec<_> = months.iter().map(|(e, _)| score_month(&rubric, months[0].1, e)).collect();
        let q = rate_quarter(Quarter::new(2026, 1).unwrap(), [Some(&results[0]), Some(&results[1]), Some(&results[2])]);
        let score = q.score.unwrap();
        let low = results.iter().map(|r| r.score).min().unwrap();
        let high = results.iter().map(|r| r.score).max().unwrap();
        prop_assert!(low <= score && score <= high);
    }

    #[test]
    fn ranking_is_a_permutation_consistent_with_the_order(
        entries in prop::collection::vec(
            (category(), prop::option::weighted(0.85, (1..=5_u8, 0..=10_000_i64))),
            0..60,
        ),
    ) {
        let standings: Vec<Standing> = entries
            .iter()
            .map(|&(category, key)| Standing {
                category,
                key: key.map(|(s, p)| (Stars::new(s).unwrap(), Points::from_hundredths(p))),
            })
            .collect();
        let ranks = rank(&standings);
        prop_assert_eq!(ranks.len(), standings.len());
        let ranked: Vec<usize> = (0..standings.len()).filter(|&i| standings[i].key.is_some()).collect();
        // Exactly the complete entries are ranked.
        for (i, r) in ranks.iter().enumerate() {
            prop_assert_eq!(r.overall.is_some(), standings[i].key.is_some());
            prop_assert_eq!(r.category.is_some(), standings[i].key.is_some());
        }
        // Competition ranks: 1 + the number of strictly better entries (overall / in category).
        for &i in &ranked {
            let better = ranked.iter().filter(|&&j| standings[j].key > standings[i].key).count();
            let better_in_category = ranked
                .iter()
                .filter(|&&j| standings[j].category == standings[i].category && standings[j].key > standings[i].key)
                .count();
            prop_assert_eq!(ranks[i].overall, Some(better as u32 + 1));
            prop_assert_eq!(ranks[i].category, Some(better_in_category as u32 + 1));
        }
        // Sorting by rank orders the keys descending; ranks 1..=n are a permutation up to ties.
        let mut by_rank = ranked.clone();
        by_rank.sort_by_key(|&i| ranks[i].overall);
        for pair in by_rank.windows(2) {
            prop_assert!(standings[pair[0]].key >= standings[pair[1]].key);
            prop_assert_eq!(
                ranks[pair[0]].overall == ranks[pair[1]].overall,
                standings[pair[0]].key == standings[pair[1]].key
            );
        }
        for (position, &i) in by_rank.iter().enumerate() {
            prop_assert!(ranks[i].overall.unwrap() as usize <= position + 1);
        }
    }

    #[test]
    fn points_text_round_trips(hundredths in -10_000_000_i64..10_000_000) {
        let p = Points::from_hundredths(hundredths);
        prop_assert_eq!(p.to_string().parse::<Points>().unwrap(), p);
        let json = serde_json::to_string(&p).unwrap();
        prop_assert_eq!(serde_json::from_str::<Points>(&json).unwrap(), p);
    }
}
