//! Quarterly stars (季评星) and the annual grade (年定级), rules 4–7: averages of rounded
//! monthly results, completeness, stars, the veto cap and the "五有" cap.
//!
//! Rounding happens at every stage: a quarter averages its three rounded months, a year its four
//! rounded quarters (not the twelve months).

use crate::domain::rating::rubric::FiveHaves;
use crate::domain::rating::scoring::{MonthlyResult, Stars, Tier};
use crate::domain::values::category::Dimension;
use crate::domain::values::period::{Month, Period, Quarter, Year};
use crate::domain::values::points::{div_round_half_up, Points};

/// The rating of one branch for one period — a month, a quarter or a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// The period rated.
    pub period: Period,
    /// Months of the period without a confirmed evaluation, in order. The period is complete
    /// exactly when this is empty; otherwise it has no score and no stars (rules 4 and 6).
    pub missing: Vec<Month>,
    /// The period's score; `None` while incomplete.
    pub score: Option<Points>,
    /// Fortress index per dimension in [`Dimension::ALL`] order; `None` while incomplete or
    /// where no indicator of the dimension applies to the branch's category.
    pub dimensions: [Option<Points>; 5],
    /// Stars after every cap; `None` while incomplete.
    pub stars: Option<Stars>,
    /// Whether a confirmed month of the period carries a veto (the score stays visible, the
    /// stars are capped at 1). Known even for an incomplete period.
    pub veto: bool,
    /// A year whose score earned 5 stars but lacked one of the five "五有" and so got 4.
    pub five_haves_capped: bool,
}

/// A quarter's rating (季度评星).
pub type QuarterlyRating = Rating;
/// A year's rating (年度定级).
pub type AnnualGrade = Rating;

impl Rating {
    /// Whether every month of the period is confirmed.
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// The tier (rule 7), when rated.
    pub fn tier(&self) -> Option<Tier> {
        self.stars.map(Stars::tier)
    }

    /// Index of one dimension.
    pub fn index(&self, dimension: Dimension) -> Option<Points> {
        self.dimensions[dimension.index()]
    }

    /// The ranking key of rule 8, `(stars, score)`; `None` while incomplete.
    pub fn rank_key(&self) -> Option<(Stars, Points)> {
        Some((self.stars?, self.score?))
    }

    fn incomplete(period: Period, missing: Vec<Month>, veto: bool) -> Rating {
        Rating { period, missing, score: None, dimensions: [None; 5], stars: None, veto, five_haves_capped: false }
    }
}

/// Rates a month: complete when its evaluation is confirmed. Pass `None` when there is no
/// evaluation or it does not count (not confirmed).
pub fn rate_month(month: Month, result: Option<&MonthlyResult>) -> Rating {
    let period = Period::Month(month);
    match result {
        None => Rating::incomplete(period, vec![month], false),
        Some(result) => Rating {
            period,
            missing: Vec::new(),
            score: Some(result.score),
            dimensions: result.dimensions,
            stars: Some(result.stars),
            veto: result.veto,
            five_haves_capped: false,
        },
    }
}

/// Rule 4 and 5: rates a quarter from the results of its three months, in order, `None` for a
/// month without a confirmed evaluation.
pub fn rate_quarter(quarter: Quarter, months: [Option<&MonthlyResult>; 3]) -> QuarterlyRating {
    let period = Period::Quarter(quarter);
    let veto = months.iter().flatten().any(|m| m.veto);
    let missing: Vec<Month> = quarter
        .months()
        .into_iter()
        .zip(months)
        .filter_map(|(month, result)| result.is_none().then_some(month))
        .collect();
    let [Some(a), Some(b), Some(c)] = months else {
        return Rating::incomplete(period, missing, veto);
    };
    let score = mean_of([a.score, b.score, c.score]);
    let dimensions = std::array::from_fn(|d| mean_of_known([a.dimensions[d], b.dimensions[d], c.dimensions[d]]));
    let stars = if veto { Stars::ONE } else { Stars::from_score(score) };
    Rating { period, missing, score: Some(score), dimensions, stars: Some(stars), veto, five_haves_capped: false }
}

/// Rules 5 and 6: grades a year from its four quarterly ratings, in order. Stars come from the
/// score, then 5 becomes 4 unless all five "五有" are met (`None` counts as not met), then a
/// veto anywhere in the year caps them at 1.
pub fn rate_year(year: Year, quarters: &[QuarterlyRating; 4], five_haves: Option<&FiveHaves>) -> AnnualGrade {
    let period = Period::Year(year);
    let veto = quarters.iter().any(|q| q.veto);
    let missing: Vec<Month> = quarters.iter().flat_map(|q| q.missing.iter().copied()).collect();
    // A quarter has a score exactly when it is complete.
    let [Some(s1), Some(s2), Some(s3), Some(s4)] = quarters.each_ref().map(|q| q.score) else {
        return Rating::incomplete(period, missing, veto);
    };
    let score = mean_of([s1, s2, s3, s4]);
    let dimensions = std::array::from_fn(|d| mean_of_known(quarters.each_ref().map(|q| q.dimensions[d])));
    let by_score = Stars::from_score(score);
    let five_haves_capped = by_score == Stars::FIVE && !five_haves.is_some_and(FiveHaves::all_met);
    let stars = if veto {
        Stars::ONE
    } else if five_haves_capped {
        Stars::FOUR
    } else {
        by_score
    };
    Rating { period, missing, score: Some(score), dimensions, stars: Some(stars), veto, five_haves_capped }
}

/// Rates any period from the results of its months, given in [`Period::months`] order with
/// `None` for a month without a confirmed evaluation. `five_haves` is used for a year only.
/// A slice shorter than the period's months counts the rest as missing.
pub fn rate_period(period: Period, months: &[Option<MonthlyResult>], five_haves: Option<&FiveHaves>) -> Rating {
    let month_result = |i: usize| months.get(i).and_then(Option::as_ref);
    let quarter = |q: Quarter, first: usize| {
        rate_quarter(q, [month_result(first), month_result(first + 1), month_result(first + 2)])
    };
    match period {
        Period::Month(m) => rate_month(m, month_result(0)),
        Period::Quarter(q) => quarter(q, 0),
        Period::Year(y) => {
            let [q1, q2, q3, q4] = y.quarters();
            let quarters = [quarter(q1, 0), quarter(q2, 3), quarter(q3, 6), quarter(q4, 9)];
            rate_year(y, &quarters, five_haves)
        }
    }
}

fn mean_of<const N: usize>(values: [Points; N]) -> Points {
    mean_of_known(values.map(Some)).unwrap_or(Points::ZERO)
}

/// The rounded mean, or `None` if any value is unknown — within one rubric and category a
/// dimension has an index in every month or in none. Sums without allocating: this runs for
/// every branch, period and dimension.
fn mean_of_known<const N: usize>(values: [Option<Points>; N]) -> Option<Points> {
    let mut sum = 0_i128;
    for value in values {
        sum += i128::from(value?.hundredths());
    }
    div_round_half_up(sum, N as i128).map(Points::from_hundredths)
}
