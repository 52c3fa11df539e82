//! The rated data set: every branch, rubric version, sheet, five-haves flag, review and
//! rectification the pages rate from, and the rules over it as a whole — which rubric scores a
//! sheet, which periods exist, which one a page opens on, what an export under a version holds.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::domain::files::exchange::{ExchangeDocument, ExchangeEvaluation};
use crate::domain::files::import::{self, evaluation_key, FiveHavesTable};
use crate::domain::org::Org;
use crate::domain::rating::engine::{rate_evaluations, RatingRow};
use crate::domain::rating::rubric::Rubric;
use crate::domain::review::quarter::{self, CommendRule, QuarterReview, ReviewedRow};
use crate::domain::review::rectification::Rectification;
use crate::domain::values::period::{Period, Quarter};
use crate::domain::values::points::Points;

/// A stored monthly evaluation, with the rubric version it was made under.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvaluationRecord {
    /// `branch|YYYY-MM`.
    pub key: String,
    /// Key of the rubric version it was made (and is always recomputed) under.
    pub rubric: String,
    /// The evaluation in its exchange form, unknown fields included.
    #[serde(flatten)]
    pub evaluation: ExchangeEvaluation,
}

impl EvaluationRecord {
    /// The record of `evaluation` made under the rubric with key `rubric`.
    pub fn new(rubric: &str, evaluation: ExchangeEvaluation) -> EvaluationRecord {
        EvaluationRecord {
            key: evaluation_key(&evaluation.branch, evaluation.month),
            rubric: rubric.to_string(),
            evaluation,
        }
    }
}

/// Everything ratings are computed from, as the store reads it in one transaction.
#[derive(Debug, Clone, Default)]
pub struct RatingsData {
    /// The org tree (branches give ids, names and categories).
    pub orgs: Vec<Org>,
    /// Every rubric version by key.
    pub rubrics: HashMap<String, Rubric>,
    /// Key of the active rubric.
    pub active: String,
    /// Every evaluation with its rubric key.
    pub evaluations: Vec<EvaluationRecord>,
    /// Five-haves flags.
    pub five_haves: FiveHavesTable,
    /// The committee's quarter reviews.
    pub reviews: BTreeMap<Quarter, QuarterReview>,
    /// How many branches per category are recommended for commendation.
    pub commend_rule: CommendRule,
    /// The name the reviewer last signed with (offered again).
    pub reviewer: String,
    /// Every rectification task.
    pub rectifications: Vec<Rectification>,
}

impl RatingsData {
    /// The active rubric (the default one should the setting be missing).
    pub fn active_rubric(&self) -> Rubric {
        self.rubrics.get(&self.active).cloned().unwrap_or_else(Rubric::default_rubric)
    }

    /// Evaluations paired with the rubric each was made under; records whose rubric is
    /// missing are scored with the active one rather than dropped.
    pub fn scored_with(&self) -> Vec<(&ExchangeEvaluation, &Rubric)> {
        let active = self.rubrics.get(&self.active);
        self.evaluations.iter().filter_map(|r| Some((&r.evaluation, self.rubrics.get(&r.rubric).or(active)?))).collect()
    }

    /// Ratings of every branch for `period`, each month scored under its own rubric version —
    /// the same rules, in the same code, as the audit CLI.
    pub fn rate(&self, period: Period) -> Vec<RatingRow> {
        rate_evaluations(&import::exchange_branches(&self.orgs), self.scored_with(), &self.five_haves, period)
    }

    /// [`RatingsData::rate`] with the committee's adjustments of a quarter applied and ranks
    /// recomputed on the final stars; months and years are ranked as computed.
    pub fn reviewed(&self, period: Period) -> Vec<ReviewedRow> {
        let review = match period {
            Period::Quarter(q) => self.reviews.get(&q),
            _ => None,
        };
        quarter::apply(self.rate(period), review)
    }

    /// Each branch's mean share of each indicator's maximum over `period` (weak indicators).
    pub fn indicator_shares(&self, period: Period) -> BTreeMap<String, BTreeMap<String, Points>> {
        crate::domain::rating::compare::indicator_shares(self.scored_with(), period)
    }

    /// The review of the quarter, when one has been started.
    pub fn review_of(&self, quarter: Quarter) -> Option<&QuarterReview> {
        self.reviews.get(&quarter)
    }

    /// Stored rubric versions with the number of evaluations made under each, newest first.
    pub fn rubric_versions(&self) -> Vec<(String, Rubric, usize)> {
        let mut versions: Vec<(String, Rubric, usize)> = self
            .rubrics
            .iter()
            .map(|(key, rubric)| {
                let count = self.evaluations.iter().filter(|r| &r.rubric == key).count();
                (key.clone(), rubric.clone(), count)
            })
            .collect();
        versions.sort_by(|a, b| (&b.1.id, b.1.version).cmp(&(&a.1.id, a.1.version)));
        versions
    }

    /// The periods that have evaluations: every quarter and year of every evaluated month,
    /// newest first.
    pub fn periods(&self) -> Vec<Period> {
        let mut periods: Vec<Period> = Vec::new();
        for record in &self.evaluations {
            let month = record.evaluation.month;
            for period in [Period::Quarter(month.quarter()), Period::Year(month.year())] {
                if !periods.contains(&period) {
                    periods.push(period);
                }
            }
        }
        periods
            .sort_by_key(|p| std::cmp::Reverse((p.year(), !matches!(p, Period::Year(_)), p.months().last().copied())));
        periods
    }

    /// The export document under the active rubric and how many evaluations it leaves out
    /// because they were made under another rubric version.
    pub fn export(&self) -> (ExchangeDocument, usize) {
        self.export_under(&self.active)
    }

    /// The export document under the rubric version `key` (a version-1 document carries one
    /// rubric), and how many evaluations it leaves out because they were made under another.
    pub fn export_under(&self, key: &str) -> (ExchangeDocument, usize) {
        let (same, other): (Vec<_>, Vec<_>) = self.evaluations.iter().partition(|r| r.rubric == key);
        let rubric = self.rubrics.get(key).cloned().unwrap_or_else(|| self.active_rubric());
        let doc = import::export_document(
            &rubric,
            &self.orgs,
            same.into_iter().map(|r| r.evaluation.clone()).collect(),
            self.five_haves.clone(),
        );
        (doc, other.len())
    }

    /// The period a page opens on: the latest quarter in which at least one branch is
    /// complete, else the newest period with any evaluation.
    pub fn default_period(&self) -> Option<Period> {
        let periods = self.periods();
        periods
            .iter()
            .copied()
            .filter(|p| matches!(p, Period::Quarter(_)))
            .find(|p| self.rate(*p).iter().any(|r| r.complete))
            .or_else(|| periods.first().copied())
    }

    /// The name of an org by id, or the id itself for an unknown one.
    pub fn org_name(&self, id: &str) -> String {
        self.orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_else(|| id.to_string())
    }
}
