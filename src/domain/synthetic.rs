//! Deterministic synthetic exchange documents of any size: the workload of the rating benchmark
//! (2,000 branches × 12 months × 20 indicators), natively and in wasm, and of load tests. The
//! same `(branches, seed)` gives the same document on every platform — no `rand` crate, no clock.

use std::collections::BTreeMap;

use serde_json::Map;

use super::category::{Category, Dimension};
use super::evaluation::ReviewStatus;
use super::exchange::{
    ExchangeBranch, ExchangeDocument, ExchangeEvaluation, ExchangeIndicator, ExchangeItem,
    ExchangeVeto,
};
use super::period::Year;
use super::points::Points;
use super::rubric::{FiveHaves, Rubric};

/// The year every synthetic evaluation falls in.
pub const SYNTHETIC_YEAR: i32 = 2026;

/// Indicators per dimension in a synthetic rubric: 4 × 5 = 20.
const PER_DIMENSION: usize = 4;

/// A document with `branches` branches, each evaluated in all twelve months of
/// [`SYNTHETIC_YEAR`] on a 20-indicator rubric (one of them — `performance.i3` — only for
/// production, market and non-public branches). About 96 % of months are confirmed; some carry
/// bonus, deduction or veto items; most branches meet all five "五有".
pub fn synthetic_document(branches: usize, seed: u64) -> ExchangeDocument {
    let mut rng = SplitMix64(seed);
    let mut doc = ExchangeDocument::new(&Rubric::default_rubric());
    doc.rubric.id = format!("synthetic-{seed}");
    doc.rubric.indicators = synthetic_indicators();
    let rubric = doc.rubric.to_rubric();

    for b in 0..branches {
        let category = Category::ALL[rng.below(5) as usize];
        doc.branches.push(ExchangeBranch {
            id: format!("b{b:05}"),
            name: format!("第{b}党支部"),
            category,
            founded: None,
            extra: Map::new(),
        });
    }
    let Some(year) = Year::new(SYNTHETIC_YEAR) else {
        return doc;
    };
    for branch in &doc.branches {
        // Each branch has its own level, so the ranking has a spread to order.
        let level = 5_000 + rng.below(4_500) as i64;
        for month in year.months() {
            let status = match rng.below(100) {
                0 => ReviewStatus::Draft,
                1 => ReviewStatus::Submitted,
                2 | 3 => ReviewStatus::Returned,
                _ => ReviewStatus::Confirmed,
            };
            let scores: BTreeMap<String, Points> = rubric
                .applicable(branch.category)
                .map(|indicator| {
                    let share = (level + rng.below(1_500) as i64).min(10_000);
                    let max = indicator.max.hundredths();
                    (
                        indicator.id.clone(),
                        Points::from_hundredths(max * share / 10_000),
                    )
                })
                .collect();
            let item = |points: i64, reason: &str| ExchangeItem {
                points: Points::from_hundredths(points),
                reason: reason.to_string(),
                extra: Map::new(),
            };
            let bonus = (0..[0, 0, 0, 0, 1, 2][rng.below(6) as usize])
                .map(|_| item(50 + 25 * rng.below(15) as i64, "表彰"))
                .collect();
            let deductions = (0..[0, 0, 0, 0, 0, 1][rng.below(6) as usize])
                .map(|_| item(50 + 50 * rng.below(6) as i64, "扣分"))
                .collect();
            let vetoes = if rng.below(400) == 0 {
                vec![ExchangeVeto {
                    reason: "安全事故".to_string(),
                    extra: Map::new(),
                }]
            } else {
                Vec::new()
            };
            doc.evaluations.push(ExchangeEvaluation {
                branch: branch.id.clone(),
                month,
                status,
                scores,
                bonus,
                deductions,
                vetoes,
                extra: Map::new(),
            });
        }
        let flags = if rng.below(10) < 7 {
            [true; 5]
        } else {
            std::array::from_fn(|_| rng.below(4) != 0)
        };
        doc.five_haves
            .entry(branch.id.clone())
            .or_default()
            .insert(year, FiveHaves(flags));
    }
    doc
}

/// Four indicators per dimension, maxima 5–20 points.
fn synthetic_indicators() -> Vec<ExchangeIndicator> {
    let maxima = [10, 15, 5, 20];
    Dimension::ALL
        .iter()
        .flat_map(|&dimension| {
            (0..PER_DIMENSION).map(move |i| ExchangeIndicator {
                id: format!("{}.i{i}", dimension.code()),
                dimension,
                max: Points::from_whole(maxima[i]),
                categories: (dimension == Dimension::Performance && i == 3)
                    .then(|| vec![Category::Production, Category::Market, Category::NonPublic]),
                extra: Map::new(),
            })
        })
        .collect()
}

/// A monthly sheet with `indicators` indicators spread over the five dimensions (maxima 5–20,
/// all applying), fully scored, with one bonus and one deduction item — what the sheet page
/// rescores on every keystroke. Issue 5 names 30 indicators as its size.
pub fn synthetic_sheet(indicators: usize) -> (Rubric, ExchangeEvaluation) {
    let maxima = [10, 15, 5, 20];
    let mut doc = synthetic_document(1, 1);
    doc.rubric.indicators = (0..indicators)
        .map(|i| ExchangeIndicator {
            id: format!("i{i:02}"),
            dimension: Dimension::ALL[i % 5],
            max: Points::from_whole(maxima[i % 4]),
            categories: None,
            extra: Map::new(),
        })
        .collect();
    let mut sheet = doc.evaluations[0].clone();
    sheet.scores = doc
        .rubric
        .indicators
        .iter()
        .enumerate()
        .map(|(i, indicator)| (indicator.id.clone(), indicator.max.mul_div(60 + (i as i64 * 7) % 40, 100).unwrap_or(indicator.max)))
        .collect();
    (doc.rubric.to_rubric(), sheet)
}

/// SplitMix64: tiny, fast, and the same on every platform.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (slightly biased for huge `n`, which is irrelevant here).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_documents_are_valid_and_deterministic() {
        let doc = synthetic_document(40, 7);
        assert_eq!(doc.evaluations.len(), 40 * 12);
        assert_eq!(doc.rubric.indicators.len(), 20);
        let again = ExchangeDocument::parse(&doc.to_json()).expect("valid");
        assert_eq!(again, doc);
        assert_eq!(synthetic_document(40, 7), doc);
        assert_ne!(synthetic_document(40, 8), doc);
    }

    #[test]
    fn the_synthetic_sheet_is_complete_and_valid() {
        let (rubric, sheet) = synthetic_sheet(30);
        assert_eq!((rubric.indicators.len(), sheet.scores.len()), (30, 30));
        assert_eq!(rubric.validate(), Ok(()));
        let mut confirmed = sheet.to_evaluation();
        confirmed.status = ReviewStatus::Confirmed;
        assert!(confirmed.validate_as_confirmed(&rubric, Category::Production).is_ok());
    }
}
