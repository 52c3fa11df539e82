//! Ranking (排名评先), rule 8, and weak points (短板弱项), rule 9.
//!
//! Functions take plain slices and return vectors parallel to them, so the UI and the CLI rank
//! whatever list of branches they hold without building a special structure first.

use std::cmp::Reverse;

use crate::domain::rating::rubric::category_index;
use crate::domain::rating::scoring::Stars;
use crate::domain::values::category::{Category, Dimension};
use crate::domain::values::points::{div_round_half_up, Points};

/// Below this index a dimension is always a weak point: 60.00.
pub const WEAK_FLOOR: Points = Points::from_whole(60);

/// One branch as the ranking sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Its category, for the rank within the category.
    pub category: Category,
    /// `(stars, score)` for the period, `None` when the period is incomplete (not ranked).
    pub key: Option<(Stars, Points)>,
}

/// The ranks of one branch; `None` when it is not ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ranks {
    /// Rank among all ranked branches.
    pub overall: Option<u32>,
    /// Rank among the ranked branches of its category.
    pub category: Option<u32>,
}

/// Rule 8: competition ranks ("1, 2, 2, 4") overall and within each category, ordering by stars
/// and then score, both descending. Branches without a key are not ranked. The result is
/// parallel to `standings`.
pub fn rank(standings: &[Standing]) -> Vec<Ranks> {
    let order = sorted_by_key(standings);
    let mut ranks = vec![Ranks::default(); standings.len()];
    // (ranked so far, previous key, previous rank): overall, then per category.
    let mut overall = (0_u32, None, 0_u32);
    let mut per_category = [(0_u32, None, 0_u32); 5];
    for i in order {
        let standing = standings[i];
        ranks[i].overall = Some(next_rank(&mut overall, standing.key));
        let group = &mut per_category[category_index(standing.category)];
        ranks[i].category = Some(next_rank(group, standing.key));
    }
    ranks
}

/// Competition ranks of bare keys (`None` = not ranked), parallel to `keys`.
pub fn competition_ranks(keys: &[Option<(Stars, Points)>]) -> Vec<Option<u32>> {
    let standings: Vec<Standing> = keys.iter().map(|&key| Standing { category: Category::Production, key }).collect();
    rank(&standings).into_iter().map(|r| r.overall).collect()
}

/// 评先: for each category in [`Category::ALL`] order, the positions in `standings` of its
/// branches ranked within the top `per_category`, best first. A tie at the boundary is kept
/// whole — rank 3 shared by two branches means both are in a top 3 — so nobody is left out by
/// list order.
pub fn recommend(standings: &[Standing], per_category: usize) -> Vec<(Category, Vec<usize>)> {
    let ranks = rank(standings);
    let mut lists: Vec<(Category, Vec<usize>)> = Category::ALL.iter().map(|&c| (c, Vec::new())).collect();
    for i in sorted_by_key(standings) {
        let within = ranks[i].category.is_some_and(|r| r as usize <= per_category);
        if within {
            lists[category_index(standings[i].category)].1.push(i);
        }
    }
    lists
}

/// Positions of the ranked standings, best first; ties keep their list order.
fn sorted_by_key(standings: &[Standing]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..standings.len()).filter(|&i| standings[i].key.is_some()).collect();
    order.sort_by_key(|&i| Reverse(standings[i].key));
    order
}

/// Advances a rank counter by one entry visited in descending key order.
fn next_rank(state: &mut (u32, Option<(Stars, Points)>, u32), key: Option<(Stars, Points)>) -> u32 {
    let (count, previous, rank) = state;
    *count += 1;
    if *previous != key || *rank == 0 {
        *rank = *count;
        *previous = key;
    }
    *rank
}

/// A dimension where a branch falls short (短板).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeakPoint {
    /// The dimension.
    pub dimension: Dimension,
    /// The branch's index there.
    pub index: Points,
    /// The median of its category there, when known.
    pub median: Option<Points>,
    /// Whether the index is below [`WEAK_FLOOR`].
    pub below_floor: bool,
    /// Whether the index is below the category median.
    pub below_median: bool,
}

/// The median of `values`: the middle value, or for an even count the mean of the two middle
/// values rounded half up. `None` for no values. Sorts `values` in place.
pub fn median(values: &mut [Points]) -> Option<Points> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => {
            let sum = i128::from(values[n / 2 - 1].hundredths()) + i128::from(values[n / 2].hundredths());
            div_round_half_up(sum, 2).map(Points::from_hundredths)
        }
    }
}

/// Medians of each dimension's index within each category, as `[category][dimension]` in
/// [`Category::ALL`] and [`Dimension::ALL`] order, over the branches given (pass the rated,
/// i.e. complete, ones: a missing index is skipped).
pub fn category_medians<'a, I>(branches: I) -> [[Option<Points>; 5]; 5]
where
    I: IntoIterator<Item = (Category, &'a [Option<Points>; 5])>,
{
    let mut values: [[Vec<Points>; 5]; 5] = Default::default();
    for (category, dimensions) in branches {
        for (d, index) in dimensions.iter().enumerate() {
            if let Some(index) = index {
                values[category_index(category)][d].push(*index);
            }
        }
    }
    values.map(|per_dimension| per_dimension.map(|mut list| median(&mut list)))
}

/// Rule 9: the dimensions whose index is below 60 or below the median of the branch's category
/// (`medians` in [`Dimension::ALL`] order), lowest index first; ties keep dimension order.
pub fn weak_points(dimensions: &[Option<Points>; 5], medians: &[Option<Points>; 5]) -> Vec<WeakPoint> {
    let mut weak: Vec<WeakPoint> = Dimension::ALL
        .iter()
        .filter_map(|&dimension| {
            let index = dimensions[dimension.index()]?;
            let median = medians[dimension.index()];
            let below_floor = index < WEAK_FLOOR;
            let below_median = median.is_some_and(|m| index < m);
            (below_floor || below_median).then_some(WeakPoint { dimension, index, median, below_floor, below_median })
        })
        .collect();
    weak.sort_by_key(|w| w.index);
    weak
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(hundredths: i64) -> Points {
        Points::from_hundredths(hundredths)
    }

    #[test]
    fn median_of_even_count_rounds_half_up() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [p(7000)]), Some(p(7000)));
        assert_eq!(median(&mut [p(8001), p(7000), p(9000)]), Some(p(8001)));
        assert_eq!(median(&mut [p(7001), p(7000)]), Some(p(7001)));
        assert_eq!(median(&mut [p(9000), p(1), p(6000), p(6003)]), Some(p(6002)));
    }
}
