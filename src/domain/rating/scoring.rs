//! The monthly score (月评价), rules 1–3, and the star and tier scales, rules 5 and 7.
//!
//! The UI recomputes a month on every keystroke, so [`score_month`] makes one pass over the
//! rubric's indicators, allocates nothing and works for drafts as well (an unscored indicator
//! simply earns 0).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::rating::evaluation::MonthlyEvaluation;
use crate::domain::rating::rubric::Rubric;
use crate::domain::values::category::{Category, Dimension};
use crate::domain::values::points::{div_round_half_up, Points};
use crate::domain::values::validation::Problem;

/// A star level (星级), 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Stars(u8);

/// Why a number is not a star level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{0} is not a star level (1–5)")]
pub struct StarsError(pub u8);

impl Stars {
    /// 1 star — also the cap of a vetoed period.
    pub const ONE: Stars = Stars(1);
    /// 4 stars — the cap of a year without all five "五有".
    pub const FOUR: Stars = Stars(4);
    /// 5 stars.
    pub const FIVE: Stars = Stars(5);

    /// The level, or `None` outside 1–5.
    pub fn new(level: u8) -> Option<Stars> {
        (1..=5).contains(&level).then_some(Stars(level))
    }

    /// The level 1–5.
    pub fn get(self) -> u8 {
        self.0
    }

    /// Rule 5: ≥ 90 → 5, ≥ 80 → 4, ≥ 70 → 3, ≥ 60 → 2, else 1.
    pub fn from_score(score: Points) -> Stars {
        let level = match score.hundredths() {
            h if h >= 9_000 => 5,
            h if h >= 8_000 => 4,
            h if h >= 7_000 => 3,
            h if h >= 6_000 => 2,
            _ => 1,
        };
        Stars(level)
    }

    /// Rule 7: the tier (阶梯) of a star level.
    pub fn tier(self) -> Tier {
        match self.0 {
            5 => Tier::Model,
            3 | 4 => Tier::Advance,
            _ => Tier::Rectify,
        }
    }
}

impl TryFrom<u8> for Stars {
    type Error = StarsError;
    fn try_from(level: u8) -> Result<Stars, StarsError> {
        Stars::new(level).ok_or(StarsError(level))
    }
}

impl From<Stars> for u8 {
    fn from(stars: Stars) -> u8 {
        stars.0
    }
}

/// The tier (阶梯) a star level puts a branch in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Tier 1, 示范提升: 5 stars.
    Model,
    /// Tier 2, 深化创新: 3–4 stars.
    Advance,
    /// Tier 3, 整改提升: 1–2 stars.
    Rectify,
}

impl Tier {
    /// The tier's number as printed: 1, 2 or 3.
    pub fn number(self) -> u8 {
        match self {
            Tier::Model => 1,
            Tier::Advance => 2,
            Tier::Rectify => 3,
        }
    }
}

/// The outcome of one month for one branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthlyResult {
    /// Fortress index per dimension in [`Dimension::ALL`] order (rule 1); `None` where no
    /// indicator of that dimension applies to the branch's category.
    pub dimensions: [Option<Points>; 5],
    /// Weighted base score (rule 2).
    pub base: Points,
    /// Bonus actually added: the month's bonus total, limited by the rubric's cap.
    pub bonus_applied: Points,
    /// Total of the deduction items.
    pub deductions: Points,
    /// Monthly score, clamped to 0..=100 (rule 3).
    pub score: Points,
    /// Stars of the month's score, 1 when vetoed (rule 5).
    pub stars: Stars,
    /// Whether a veto item was recorded.
    pub veto: bool,
}

impl MonthlyResult {
    /// Index of one dimension.
    pub fn index(&self, dimension: Dimension) -> Option<Points> {
        self.dimensions[dimension.index()]
    }
}

/// Scores one month of a branch of `category` (rules 1–3 and 5). Works on a draft too: an
/// unscored indicator earns 0, and a value outside 0..=max is held to that range (validation
/// reports it), so a half-typed form never shows an index above 100.
pub fn score_month(rubric: &Rubric, category: Category, eval: &MonthlyEvaluation) -> MonthlyResult {
    let bonus = eval.bonus.iter().map(|b| b.points).sum();
    let deductions = eval.deductions.iter().map(|d| d.points).sum();
    score_parts(rubric, category, &eval.scores, bonus, deductions, !eval.vetoes.is_empty())
}

/// [`score_month`] over the parts of an evaluation, for callers that hold them in another
/// record shape (the exchange format). `bonus` and `deductions` are the totals of the items.
pub fn score_parts(
    rubric: &Rubric,
    category: Category,
    scores: &BTreeMap<String, Points>,
    bonus: Points,
    deductions: Points,
    veto: bool,
) -> MonthlyResult {
    let mut earned = [0_i64; 5];
    let mut max = [0_i64; 5];
    for indicator in rubric.applicable(category) {
        let d = indicator.dimension.index();
        max[d] += indicator.max.hundredths();
        if let Some(points) = scores.get(&indicator.id) {
            earned[d] += points.clamp_to(Points::ZERO, indicator.max).hundredths();
        }
    }
    let dimensions: [Option<Points>; 5] = std::array::from_fn(|d| {
        Points::percent_of(Points::from_hundredths(earned[d]), Points::from_hundredths(max[d]))
    });
    let base = weighted_base(rubric.weights_for(category), &dimensions);
    let bonus_applied = bonus.min(rubric.bonus_cap);
    let score = (base + bonus_applied - deductions).clamp_to(Points::ZERO, Points::HUNDRED);
    let stars = if veto { Stars::ONE } else { Stars::from_score(score) };
    MonthlyResult { dimensions, base, bonus_applied, deductions, score, stars, veto }
}

/// Rule 2: `round(Σ weight_d × index_d / 100)`; a dimension without an index adds nothing.
pub fn weighted_base(weights: [u8; 5], dimensions: &[Option<Points>; 5]) -> Points {
    let sum: i128 = Dimension::ALL
        .iter()
        .filter_map(|d| {
            let index = dimensions[d.index()]?;
            Some(i128::from(weights[d.index()]) * i128::from(index.hundredths()))
        })
        .sum();
    // The weights are percentages, so the hundredths stay hundredths after dividing by 100.
    Points::from_hundredths(div_round_half_up(sum, 100).unwrap_or(0))
}

/// Checks what was typed into an indicator's field on the monthly sheet: empty is "not
/// entered" (`Ok(None)`); otherwise points with at most two decimals, within 0..=`max`.
pub fn entered_score(text: &str, max: Points) -> Result<Option<Points>, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match Points::parse(text) {
        Err(e) => Err(Problem::BadPoints(e)),
        Ok(p) if p.is_negative() => Err(Problem::BelowZero(p)),
        Ok(p) if p > max => Err(Problem::AboveMax { points: p, max }),
        Ok(p) => Ok(Some(p)),
    }
}

/// The points of a bonus or deduction item as typed: non-negative, at most two decimals.
pub fn entered_item_points(text: &str) -> Option<Points> {
    Points::parse(text.trim()).ok().filter(|p| !p.is_negative())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_scale_boundaries() {
        for (hundredths, stars) in [
            (10_000, 5),
            (9_000, 5),
            (8_999, 4),
            (8_000, 4),
            (7_999, 3),
            (7_000, 3),
            (6_999, 2),
            (6_000, 2),
            (5_999, 1),
            (0, 1),
        ] {
            assert_eq!(Stars::from_score(Points::from_hundredths(hundredths)).get(), stars);
        }
        let tiers = [1, 2, 3, 4, 5].map(|s| Stars::new(s).unwrap().tier().number());
        assert_eq!(tiers, [3, 3, 2, 2, 1]);
        assert_eq!(serde_json::to_string(&Stars::FIVE).unwrap(), "5");
        assert!(serde_json::from_str::<Stars>("6").is_err());
    }
}
