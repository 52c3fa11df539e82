//! Comparing a branch with itself and with its category (纵向、横向对比): the numbers behind the
//! star-index radar chart and the weak points (短板) that become rectification tasks.

use crate::domain::rating::engine::RatingRow;
use crate::domain::rating::ranking::{category_medians, weak_points, WeakPoint};
use crate::domain::values::category::Category;
use crate::domain::values::points::Points;

/// Five fortress indices in dimension order; `None` where there is no value.
pub type Indices = [Option<Points>; 5];

/// One branch's period set against its previous period and its category.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The branch's own indices.
    pub own: Indices,
    /// Its indices in the previous period, when that was complete.
    pub previous: Option<Indices>,
    /// Mean index of the complete branches of its category (rounded half up).
    pub category_mean: Indices,
    /// Indices of the best-ranked branch of its category (the first by id on a tie).
    pub category_best: Indices,
    /// Weak points: below 60 or below the category median, lowest first.
    pub weak: Vec<WeakPoint>,
}

fn indices(row: &RatingRow) -> Option<Indices> {
    row.dimensions.as_ref().map(|d| d.to_array())
}

/// The comparison of `branch` in `rows` (one period, as [`crate::domain::rating::engine::rate`] returns),
/// with `previous` the rows of the period before. `None` when the branch is not complete.
pub fn compare(rows: &[RatingRow], previous: &[RatingRow], branch: &str) -> Option<Comparison> {
    let row = rows.iter().find(|r| r.branch == branch)?;
    let own = indices(row)?;
    let peers: Vec<&RatingRow> = rows.iter().filter(|r| r.category == row.category && r.complete).collect();
    let mut category_mean = [None; 5];
    for (d, slot) in category_mean.iter_mut().enumerate() {
        let values: Vec<Points> = peers.iter().filter_map(|r| indices(r)?[d]).collect();
        *slot = Points::mean(&values);
    }
    let best = peers
        .iter()
        .min_by_key(|r| (r.rank_category.unwrap_or(u32::MAX), r.branch.clone()))
        .and_then(|r| indices(r))
        .unwrap_or([None; 5]);
    let with_indices: Vec<(Category, Indices)> = peers.iter().filter_map(|r| Some((r.category, indices(r)?))).collect();
    let medians = category_medians(with_indices.iter().map(|(c, i)| (*c, i)));
    let weak = weak_points(&own, &medians[row.category as usize]);
    Some(Comparison {
        own,
        previous: previous.iter().find(|r| r.branch == branch).and_then(indices),
        category_mean,
        category_best: best,
        weak,
    })
}

/// An indicator where a branch falls short in a period (短板 at indicator level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeakIndicator {
    /// The indicator id.
    pub indicator: String,
    /// Its dimension.
    pub dimension: crate::domain::values::category::Dimension,
    /// The branch's mean share of the indicator's maximum over the counted months, in percent.
    pub percent: Points,
    /// The category's median of the same share, when known.
    pub median: Option<Points>,
    /// Whether the share is below 60 %.
    pub below_floor: bool,
    /// Whether the share is below the category median.
    pub below_median: bool,
}

/// Mean share of each indicator's maximum (percent) per branch over the counted months of
/// `period`, each month measured against the rubric it was scored with. Indicators are compared
/// as shares because a rubric version may change a maximum within the period.
pub fn indicator_shares<'a>(
    evaluations: impl IntoIterator<
        Item = (&'a crate::domain::files::exchange::ExchangeEvaluation, &'a crate::domain::rating::rubric::Rubric),
    >,
    period: crate::domain::values::period::Period,
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, Points>> {
    use std::collections::BTreeMap;
    let mut shares: BTreeMap<String, BTreeMap<String, Vec<Points>>> = BTreeMap::new();
    for (eval, rubric) in evaluations {
        if !eval.status.counts() || !period.contains(eval.month) {
            continue;
        }
        for (id, points) in &eval.scores {
            let Some(indicator) = rubric.indicator(id) else { continue };
            if let Some(share) = Points::percent_of(*points, indicator.max) {
                shares.entry(eval.branch.clone()).or_default().entry(id.clone()).or_default().push(share);
            }
        }
    }
    shares
        .into_iter()
        .map(|(branch, per)| (branch, per.into_iter().filter_map(|(id, v)| Some((id, Points::mean(&v)?))).collect()))
        .collect()
}

/// The indicators of `branch` below 60 % of their maximum or below the median share of the
/// complete branches of its category (`rows` gives categories and completeness), lowest first.
pub fn weak_indicators(
    shares: &std::collections::BTreeMap<String, std::collections::BTreeMap<String, Points>>,
    rows: &[RatingRow],
    rubric: &crate::domain::rating::rubric::Rubric,
    branch: &str,
) -> Vec<WeakIndicator> {
    let Some(row) = rows.iter().find(|r| r.branch == branch && r.complete) else { return Vec::new() };
    let Some(own) = shares.get(branch) else { return Vec::new() };
    let floor = Points::from_whole(60);
    let mut weak: Vec<WeakIndicator> = own
        .iter()
        .filter_map(|(id, &percent)| {
            let mut peers: Vec<Points> = rows
                .iter()
                .filter(|r| r.category == row.category && r.complete)
                .filter_map(|r| shares.get(&r.branch)?.get(id).copied())
                .collect();
            let median = crate::domain::rating::ranking::median(&mut peers);
            let below_floor = percent < floor;
            let below_median = median.is_some_and(|m| percent < m);
            (below_floor || below_median).then(|| WeakIndicator {
                indicator: id.clone(),
                dimension: rubric
                    .indicator(id)
                    .map_or(crate::domain::values::category::Dimension::Team, |i| i.dimension),
                percent,
                median,
                below_floor,
                below_median,
            })
        })
        .collect();
    weak.sort_by(|a, b| a.percent.cmp(&b.percent).then_with(|| a.indicator.cmp(&b.indicator)));
    weak
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::files::exchange::ExchangeDocument;
    use crate::domain::rating::engine::rate;

    fn sample() -> ExchangeDocument {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rating-sample.json")).unwrap();
        ExchangeDocument::parse(&text).unwrap()
    }

    #[test]
    fn compares_with_previous_quarter_and_category() {
        let doc = sample();
        let q2 = rate(&doc, "2026-Q2".parse().unwrap());
        let q1 = rate(&doc, "2026-Q1".parse().unwrap());
        let b000 = q2.iter().find(|r| r.branch == "b000").unwrap();
        let c = compare(&q2, &q1, "b000").unwrap();
        assert_eq!(c.own, b000.dimensions.as_ref().unwrap().to_array());
        // The category's best is its rank-1 branch.
        let best = q2.iter().find(|r| r.category == b000.category && r.rank_category == Some(1)).unwrap();
        assert_eq!(c.category_best, best.dimensions.as_ref().unwrap().to_array());
        // The mean lies between the category's lowest and highest index in every dimension.
        for d in 0..5 {
            let values: Vec<Points> = q2
                .iter()
                .filter(|r| r.category == b000.category && r.complete)
                .filter_map(|r| r.dimensions.as_ref()?.to_array()[d])
                .collect();
            let mean = c.category_mean[d].unwrap();
            assert!(values.iter().min().unwrap() <= &mean && &mean <= values.iter().max().unwrap());
        }
        // Weak points are below 60 or below the median, lowest first.
        assert!(c.weak.iter().all(|w| w.below_floor || w.below_median));
        assert!(c.weak.windows(2).all(|w| w[0].index <= w[1].index));
    }

    #[test]
    fn weak_indicators_are_below_sixty_percent_or_the_category_median() {
        let doc = sample();
        let rubric = doc.rubric.to_rubric();
        let period = "2026-Q2".parse().unwrap();
        let rows = rate(&doc, period);
        let shares = indicator_shares(doc.evaluations.iter().map(|e| (e, &rubric)), period);
        let complete: Vec<&RatingRow> = rows.iter().filter(|r| r.complete).collect();
        let mut found = 0;
        for row in &complete {
            let weak = weak_indicators(&shares, &rows, &rubric, &row.branch);
            found += weak.len();
            for w in &weak {
                assert!(w.below_floor || w.below_median, "{w:?}");
                assert_eq!(w.below_floor, w.percent < Points::from_whole(60));
                assert_eq!(shares[&row.branch][&w.indicator], w.percent);
            }
            assert!(weak.windows(2).all(|w| w[0].percent <= w[1].percent));
        }
        // Somebody is below the median somewhere, unless every branch is identical.
        assert!(found > 0);
        let incomplete = rows.iter().find(|r| !r.complete).unwrap();
        assert!(weak_indicators(&shares, &rows, &rubric, &incomplete.branch).is_empty());
    }

    #[test]
    fn an_incomplete_branch_has_no_comparison() {
        let doc = sample();
        let q2 = rate(&doc, "2026-Q2".parse().unwrap());
        let incomplete = q2.iter().find(|r| !r.complete).unwrap();
        assert_eq!(compare(&q2, &[], &incomplete.branch), None);
    }
}
