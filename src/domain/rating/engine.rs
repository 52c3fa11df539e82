//! The rating engine end to end: every branch's months scored with the rubric each was made
//! under, aggregated over the period, capped and ranked — the rows the audit CLI prints and
//! every page shows. Its input is the exchange record form, which is also how sheets are stored.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::domain::files::exchange::{ExchangeBranch, ExchangeDocument, ExchangeEvaluation};
use crate::domain::rating::aggregate::{rate_period, Rating};
use crate::domain::rating::ranking::{rank, Standing};
use crate::domain::rating::rubric::{FiveHaves, Rubric};
use crate::domain::rating::scoring::{score_parts, MonthlyResult, Stars};
use crate::domain::values::category::Category;
use crate::domain::values::period::{Month, Period, Year};
use crate::domain::values::points::Points;

/// One object of the CLI's output: the rating of one branch for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingRow {
    /// Branch id.
    pub branch: String,
    /// The period rated.
    pub period: Period,
    /// Whether every month of the period is confirmed.
    pub complete: bool,
    /// The period's score; null while incomplete.
    pub score: Option<Points>,
    /// Stars after every cap; null while incomplete.
    pub stars: Option<Stars>,
    /// Tier 1–3; null while incomplete.
    pub tier: Option<u8>,
    /// Whether a confirmed month carries a veto; null while incomplete.
    pub veto: Option<bool>,
    /// Rank among all complete branches; null while incomplete.
    pub rank_overall: Option<u32>,
    /// Rank among the complete branches of its category; null while incomplete.
    pub rank_category: Option<u32>,
    /// Index per dimension; null while incomplete.
    pub dimensions: Option<DimensionIndices>,
    /// The branch's category (not printed).
    #[serde(skip)]
    pub category: Category,
    /// Months without a confirmed evaluation (not printed; the UI names them).
    #[serde(skip)]
    pub missing: Vec<Month>,
    /// A year held at 4 stars for lack of all five "五有" (not printed).
    #[serde(skip)]
    pub five_haves_capped: bool,
}

/// The five fortress indices, named; null where no indicator of the dimension applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionIndices {
    /// 星级队伍
    pub team: Option<Points>,
    /// 星级管理
    pub management: Option<Points>,
    /// 星级业绩
    pub performance: Option<Points>,
    /// 星级服务
    pub service: Option<Points>,
    /// 星级品牌
    pub brand: Option<Points>,
}

impl DimensionIndices {
    /// The indices in [`Dimension::ALL`] order.
    pub fn to_array(&self) -> [Option<Points>; 5] {
        [self.team, self.management, self.performance, self.service, self.brand]
    }
}

impl From<[Option<Points>; 5]> for DimensionIndices {
    fn from([team, management, performance, service, brand]: [Option<Points>; 5]) -> Self {
        DimensionIndices { team, management, performance, service, brand }
    }
}

/// Rates every branch of a validated document for `period`, exactly as the CLI prints it:
/// one row per branch, sorted by branch id (plain string order). Only confirmed (or published)
/// evaluations count. Should a document that skipped [`ExchangeDocument::parse`] hold two
/// counted evaluations of one branch and month, the later one wins.
pub fn rate(doc: &ExchangeDocument, period: Period) -> Vec<RatingRow> {
    let rubric = doc.rubric.to_rubric();
    rate_evaluations(&doc.branches, doc.evaluations.iter().map(|e| (e, &rubric)), &doc.five_haves, period)
}

/// [`rate`] for evaluations that may have been made under different rubric versions: each
/// month is scored with the rubric it was made under, then months are aggregated and ranked
/// exactly as [`rate`] does. The app rates its stored data with this.
pub fn rate_evaluations<'a>(
    branches: &[ExchangeBranch],
    evaluations: impl IntoIterator<Item = (&'a ExchangeEvaluation, &'a Rubric)>,
    five_haves: &BTreeMap<String, BTreeMap<Year, FiveHaves>>,
    period: Period,
) -> Vec<RatingRow> {
    let months = period.months();
    let per_branch = months.len();
    let position: HashMap<&str, usize> = branches.iter().enumerate().map(|(i, b)| (b.id.as_str(), i)).collect();

    // One slot per branch and month of the period, filled by the counted evaluations.
    let mut results: Vec<Option<MonthlyResult>> = vec![None; branches.len() * per_branch];
    for (eval, rubric) in evaluations {
        if !eval.status.counts() || !period.contains(eval.month) {
            continue;
        }
        let Some(&b) = position.get(eval.branch.as_str()) else {
            continue;
        };
        let slot = match period {
            Period::Month(_) => 0,
            Period::Quarter(_) => usize::from(eval.month.number() - 1) % 3,
            Period::Year(_) => usize::from(eval.month.number() - 1),
        };
        results[b * per_branch + slot] = Some(eval.score(rubric, branches[b].category));
    }

    let ratings: Vec<Rating> = branches
        .iter()
        .enumerate()
        .map(|(b, branch)| {
            let five_haves = five_haves.get(&branch.id).and_then(|years| years.get(&period.year()));
            rate_period(period, &results[b * per_branch..(b + 1) * per_branch], five_haves)
        })
        .collect();
    let standings: Vec<Standing> = branches
        .iter()
        .zip(&ratings)
        .map(|(branch, rating)| Standing { category: branch.category, key: rating.rank_key() })
        .collect();
    let ranks = rank(&standings);

    let mut rows: Vec<RatingRow> = branches
        .iter()
        .zip(ratings)
        .zip(ranks)
        .map(|((branch, rating), ranks)| {
            let complete = rating.complete();
            RatingRow {
                branch: branch.id.clone(),
                period,
                complete,
                score: rating.score,
                stars: rating.stars,
                tier: rating.tier().map(|t| t.number()),
                veto: complete.then_some(rating.veto),
                rank_overall: ranks.overall,
                rank_category: ranks.category,
                dimensions: complete.then(|| rating.dimensions.into()),
                category: branch.category,
                missing: rating.missing,
                five_haves_capped: rating.five_haves_capped,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.branch.cmp(&b.branch));
    rows
}

impl ExchangeEvaluation {
    /// Scores the month for a branch of `category` without converting it first — `rate` does
    /// this for every counted month of every branch, the monthly sheet on every keystroke.
    pub fn score(&self, rubric: &Rubric, category: Category) -> MonthlyResult {
        let bonus = self.bonus.iter().map(|b| b.points).sum();
        let deductions = self.deductions.iter().map(|d| d.points).sum();
        score_parts(rubric, category, &self.scores, bonus, deductions, !self.vetoes.is_empty())
    }
}
