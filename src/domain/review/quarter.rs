//! The committee's review of a quarter (季度评星审核): star adjustments with a written reason,
//! approval that publishes the rating (已发布) and locks its months, reopening with a reason,
//! and the commendation list (推先).
//!
//! The computed rating stays the engine's; a review only records decisions on top of it, so the
//! computed stars remain visible next to every adjusted one and each decision says who, when
//! and why. Publishing snapshots the result, and reopening keeps that snapshot, so an earlier
//! published result never disappears.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::rating::engine::RatingRow;
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::rating::ranking::{rank, Standing};
use crate::domain::rating::rubric::category_index;
use crate::domain::rating::scoring::{Stars, Tier};
use crate::domain::values::category::Category;
use crate::domain::values::period::{Month, Quarter};
use crate::domain::values::points::Points;

/// A star level set by the committee instead of the computed one (线下质量验收).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarAdjustment {
    /// The stars the engine computed when the adjustment was made.
    pub computed: Stars,
    /// The stars the committee set.
    pub stars: Stars,
    /// Why (required): the finding of the offline quality audit.
    pub reason: String,
    /// Who decided.
    pub by: String,
    /// When (ISO-8601 UTC).
    pub at: String,
}

/// Whether a quarter's rating is still under review or published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Under review: stars may be adjusted.
    #[default]
    Open,
    /// 已发布: public and locked.
    Published,
}

/// One branch's line of a published rating, as it was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedRow {
    /// Branch id.
    pub branch: String,
    /// The quarter's score, when complete.
    pub score: Option<Points>,
    /// The engine's stars.
    pub computed: Option<Stars>,
    /// The published stars (adjusted or computed).
    pub stars: Option<Stars>,
    /// Rank among all branches.
    pub rank_overall: Option<u32>,
    /// Rank within its category.
    pub rank_category: Option<u32>,
    /// The category it was rated in (so verify can rate it again as it was, whatever its
    /// category is now); absent in publications made before verify existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
}

/// Reopening of a publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reopening {
    /// Why it was reopened.
    pub reason: String,
    /// Who reopened it.
    pub by: String,
    /// When.
    pub at: String,
}

/// One approval of a quarter, kept for good even after a reopening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// Who approved.
    pub by: String,
    /// When.
    pub at: String,
    /// The rubric versions (`id@version`) the months were scored with.
    pub rubrics: Vec<String>,
    /// The result as published.
    pub rows: Vec<PublishedRow>,
    /// Set when the publication was later reopened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopened: Option<Reopening>,
    /// [`crate::domain::trust::verify::publication_inputs`] at the moment of publishing;
    /// absent in publications made before verify existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<String>,
}

/// The committee's decisions on one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterReview {
    /// The quarter.
    pub quarter: Quarter,
    /// Open or published.
    #[serde(default)]
    pub state: ReviewState,
    /// Adjusted stars by branch id.
    #[serde(default)]
    pub adjustments: BTreeMap<String, StarAdjustment>,
    /// Every approval, oldest first; the last is current when the state is published.
    #[serde(default)]
    pub publications: Vec<Publication>,
}

/// Why a review decision is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewError {
    /// The quarter is published: reopen it first.
    Published,
    /// The quarter is not published, so there is nothing to reopen.
    NotPublished,
    /// Only a branch with a complete quarter has stars to adjust.
    Incomplete,
    /// An adjustment or a reopening needs a written reason.
    ReasonRequired,
    /// The decision must name who made it.
    NameRequired,
    /// Months of the quarter are still waiting for review: they must be confirmed first.
    PendingMonths(Vec<(String, Month, ReviewStatus)>),
}

/// A rating row after the committee's adjustments, ranks recomputed on the final stars.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewedRow {
    /// The row; its `stars`, `tier` and ranks are the final ones.
    pub row: RatingRow,
    /// The engine's stars before any adjustment.
    pub computed: Option<Stars>,
    /// The adjustment applied, if any.
    pub adjustment: Option<StarAdjustment>,
}

impl QuarterReview {
    /// A quarter nobody has reviewed yet.
    pub fn new(quarter: Quarter) -> QuarterReview {
        QuarterReview { quarter, state: ReviewState::Open, adjustments: BTreeMap::new(), publications: Vec::new() }
    }

    /// Whether the quarter is published (and so locked).
    pub fn is_published(&self) -> bool {
        self.state == ReviewState::Published
    }

    /// The publication in force, if published.
    pub fn current_publication(&self) -> Option<&Publication> {
        self.is_published().then(|| self.publications.last()).flatten()
    }

    /// Sets a branch's stars to `stars` instead of the computed ones in `row`. Setting them back
    /// to the computed level removes the adjustment.
    pub fn adjust(
        &mut self,
        row: &RatingRow,
        stars: Stars,
        reason: &str,
        by: &str,
        at: &str,
    ) -> Result<(), ReviewError> {
        if self.is_published() {
            return Err(ReviewError::Published);
        }
        let computed = row.stars.filter(|_| row.complete).ok_or(ReviewError::Incomplete)?;
        if reason.trim().is_empty() {
            return Err(ReviewError::ReasonRequired);
        }
        if by.trim().is_empty() {
            return Err(ReviewError::NameRequired);
        }
        if stars == computed {
            self.adjustments.remove(&row.branch);
        } else {
            self.adjustments.insert(
                row.branch.clone(),
                StarAdjustment {
                    computed,
                    stars,
                    reason: reason.trim().to_string(),
                    by: by.trim().to_string(),
                    at: at.to_string(),
                },
            );
        }
        Ok(())
    }

    /// Approves the quarter: checks that no month of it waits for review (`statuses` lists every
    /// stored evaluation of the quarter as `(branch, month, status)`), then publishes `rows` (see
    /// [`apply`]) as a new publication.
    pub fn publish(
        &mut self,
        rows: &[ReviewedRow],
        statuses: &[(String, Month, ReviewStatus)],
        rubrics: Vec<String>,
        by: &str,
        at: &str,
    ) -> Result<(), ReviewError> {
        if self.is_published() {
            return Err(ReviewError::Published);
        }
        if by.trim().is_empty() {
            return Err(ReviewError::NameRequired);
        }
        let pending: Vec<_> = statuses
            .iter()
            .filter(|(_, month, status)| month.quarter() == self.quarter && !status.counts())
            .cloned()
            .collect();
        if !pending.is_empty() {
            return Err(ReviewError::PendingMonths(pending));
        }
        self.publications.push(Publication {
            by: by.trim().to_string(),
            at: at.to_string(),
            rubrics,
            rows: rows
                .iter()
                .map(|r| PublishedRow {
                    branch: r.row.branch.clone(),
                    score: r.row.score,
                    computed: r.computed,
                    stars: r.row.stars,
                    rank_overall: r.row.rank_overall,
                    rank_category: r.row.rank_category,
                    category: Some(r.row.category),
                })
                .collect(),
            reopened: None,
            inputs: None,
        });
        self.state = ReviewState::Published;
        Ok(())
    }

    /// Reopens a published quarter for correction; the publication stays in the record.
    pub fn reopen(&mut self, reason: &str, by: &str, at: &str) -> Result<(), ReviewError> {
        if !self.is_published() {
            return Err(ReviewError::NotPublished);
        }
        if reason.trim().is_empty() {
            return Err(ReviewError::ReasonRequired);
        }
        if by.trim().is_empty() {
            return Err(ReviewError::NameRequired);
        }
        if let Some(last) = self.publications.last_mut() {
            last.reopened =
                Some(Reopening { reason: reason.trim().to_string(), by: by.trim().to_string(), at: at.to_string() });
        }
        self.state = ReviewState::Open;
        Ok(())
    }
}

/// The status a counted month takes when its quarter is published (locked) or reopened.
pub fn month_status_after(published: bool, status: ReviewStatus) -> ReviewStatus {
    match (published, status) {
        (true, ReviewStatus::Confirmed) => ReviewStatus::Published,
        (false, ReviewStatus::Published) => ReviewStatus::Confirmed,
        (_, other) => other,
    }
}

/// Applies the review's adjustments to the engine's rows and ranks again on the final stars
/// (rule 8 on `(stars, score)`), so an upgraded branch also moves up. An adjustment whose branch
/// is no longer complete is ignored: there are no computed stars to replace.
pub fn apply(rows: Vec<RatingRow>, review: Option<&QuarterReview>) -> Vec<ReviewedRow> {
    let mut reviewed: Vec<ReviewedRow> = rows
        .into_iter()
        .map(|mut row| {
            let computed = row.stars;
            let adjustment = review
                .and_then(|r| r.adjustments.get(&row.branch))
                .filter(|_| row.complete && computed.is_some())
                .cloned();
            if let Some(adjustment) = &adjustment {
                row.stars = Some(adjustment.stars);
                row.tier = Some(adjustment.stars.tier().number());
            }
            ReviewedRow { row, computed, adjustment }
        })
        .collect();
    let standings: Vec<Standing> = reviewed
        .iter()
        .map(|r| Standing { category: r.row.category, key: r.row.stars.zip(r.row.score).filter(|_| r.row.complete) })
        .collect();
    for (r, ranks) in reviewed.iter_mut().zip(rank(&standings)) {
        r.row.rank_overall = ranks.overall;
        r.row.rank_category = ranks.category;
    }
    reviewed
}

/// How many branches of a category are recommended for commendation (推先).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum CommendRule {
    /// The top `n` of each category.
    Count(u32),
    /// The top share (percent, 1–100) of each category's ranked branches, rounded up, at
    /// least one when any branch is ranked.
    Share(u8),
}

impl Default for CommendRule {
    fn default() -> CommendRule {
        CommendRule::Count(1)
    }
}

impl CommendRule {
    /// The number of places for a category with `ranked` ranked branches.
    pub fn places(self, ranked: usize) -> usize {
        match self {
            CommendRule::Count(n) => (n as usize).min(ranked),
            CommendRule::Share(percent) => {
                let percent = usize::from(percent.min(100));
                (ranked * percent).div_ceil(100).min(ranked)
            }
        }
    }

    /// Whether the rule is usable (a count ≥ 1, a share of 1–100 %).
    pub fn is_valid(self) -> bool {
        match self {
            CommendRule::Count(n) => n >= 1,
            CommendRule::Share(p) => (1..=100).contains(&p),
        }
    }
}

/// 推先: per category in [`Category::ALL`] order, the rows (positions in `rows`) within the
/// rule's places by category rank, best first. Ties at the boundary are kept whole, so list
/// order never decides who is commended. A branch in the rectification tier (1–2 stars) is
/// never recommended, even when it leads a small category: commendation is for examples to
/// follow, and such a branch has a rectification to finish first.
pub fn commendations(rows: &[ReviewedRow], rule: CommendRule) -> Vec<(Category, Vec<usize>)> {
    let mut ranked_per_category = [0_usize; 5];
    for r in rows.iter().filter(|r| r.row.rank_category.is_some()) {
        ranked_per_category[category_index(r.row.category)] += 1;
    }
    Category::ALL
        .iter()
        .map(|&category| {
            let places = rule.places(ranked_per_category[category_index(category)]);
            let mut chosen: Vec<usize> = (0..rows.len())
                .filter(|&i| rows[i].row.category == category)
                .filter(|&i| rows[i].row.rank_category.is_some_and(|rank| rank as usize <= places))
                .filter(|&i| rows[i].row.stars.is_some_and(|s| s.tier() != Tier::Rectify))
                .collect();
            chosen.sort_by_key(|&i| (rows[i].row.rank_category, rows[i].row.branch.clone()));
            (category, chosen)
        })
        .collect()
}

/// Per category in [`Category::ALL`] order, how many rated branches have 1…5 stars
/// (`counts[category][stars - 1]`) — the star distribution bar chart.
pub fn star_distribution<'a>(rows: impl IntoIterator<Item = &'a RatingRow>) -> [[u32; 5]; 5] {
    let mut counts = [[0_u32; 5]; 5];
    for row in rows {
        if let (true, Some(stars)) = (row.complete, row.stars) {
            counts[category_index(row.category)][usize::from(stars.get() - 1)] += 1;
        }
    }
    counts
}
