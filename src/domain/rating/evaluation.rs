//! The monthly evaluation (月度评价) of one branch: indicator scores, bonus and deduction items,
//! veto items, and where it stands in review. Only confirmed evaluations count toward ratings.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::domain::rating::rubric::{Indicator, Rubric};
use crate::domain::values::category::Category;
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;
use crate::domain::values::validation::{Problem, RecordRef, ValidationError};

/// Review status of a monthly evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// 草稿 — being filled in.
    #[default]
    Draft,
    /// 已提交 — waiting for the committee.
    Submitted,
    /// 已退回 — sent back with a reason.
    Returned,
    /// 已确认 — counts toward ratings.
    Confirmed,
    /// 已发布 — the rating is public and locked; still counts.
    Published,
}

impl ReviewStatus {
    /// All statuses in workflow order.
    pub const ALL: [ReviewStatus; 5] = [
        ReviewStatus::Draft,
        ReviewStatus::Submitted,
        ReviewStatus::Returned,
        ReviewStatus::Confirmed,
        ReviewStatus::Published,
    ];

    /// The exchange-format name (`draft`, `confirmed`, …).
    pub fn code(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "draft",
            ReviewStatus::Submitted => "submitted",
            ReviewStatus::Returned => "returned",
            ReviewStatus::Confirmed => "confirmed",
            ReviewStatus::Published => "published",
        }
    }

    /// Parses an exchange-format name.
    pub fn from_code(code: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether an evaluation in this status counts toward ratings — for scores and vetoes
    /// alike. Publishing comes after confirming, so a published month still counts.
    pub fn counts(self) -> bool {
        matches!(self, ReviewStatus::Confirmed | ReviewStatus::Published)
    }
}

/// A bonus item (加分项目). The month's total is capped by the rubric's bonus cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bonus {
    /// Points added, 0 or more.
    pub points: Points,
    /// Why, e.g. 市级表彰.
    #[serde(default)]
    pub reason: String,
}

/// A deduction item (扣分项目). Deductions have no cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deduction {
    /// Points taken off, 0 or more.
    pub points: Points,
    /// Why, e.g. 台账缺失.
    #[serde(default)]
    pub reason: String,
}

/// A veto item (否决专项, 一票否决): caps every period containing the month at 1 star.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Veto {
    /// Why, e.g. 安全事故.
    #[serde(default)]
    pub reason: String,
}

/// The evaluation of one branch for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyEvaluation {
    /// The branch's id.
    pub branch: String,
    /// The month evaluated.
    pub month: Month,
    /// Where it stands in review.
    pub status: ReviewStatus,
    /// Points per indicator id. Unscored indicators count 0 in a draft's preview.
    #[serde(default)]
    pub scores: BTreeMap<String, Points>,
    /// Bonus items.
    #[serde(default)]
    pub bonus: Vec<Bonus>,
    /// Deduction items.
    #[serde(default)]
    pub deductions: Vec<Deduction>,
    /// Veto items.
    #[serde(default)]
    pub vetoes: Vec<Veto>,
}

impl MonthlyEvaluation {
    /// An empty draft.
    pub fn new(branch: impl Into<String>, month: Month) -> MonthlyEvaluation {
        MonthlyEvaluation {
            branch: branch.into(),
            month,
            status: ReviewStatus::Draft,
            scores: BTreeMap::new(),
            bonus: Vec::new(),
            deductions: Vec::new(),
            vetoes: Vec::new(),
        }
    }

    /// Whether it counts toward ratings (confirmed or published).
    pub fn counts(&self) -> bool {
        self.status.counts()
    }

    /// The record named in its problems: `evaluation b07/2026-03`.
    pub fn record_name(&self) -> RecordRef {
        RecordRef::Evaluation { branch: self.branch.clone(), month: self.month.to_string() }
    }

    /// Checks rule 10 for the status it is in: scores must name indicators of the rubric, and
    /// once it counts (confirmed or published) every indicator applying to `category` must be
    /// scored within 0..=max and bonus and deduction points must not be negative. Scores of
    /// indicators that do not apply to the category are ignored.
    pub fn validate(&self, rubric: &Rubric, category: Category) -> Result<(), Vec<ValidationError>> {
        self.check(rubric, category, self.counts())
    }

    /// The same checks as if it were confirmed — what a form runs before it submits or confirms,
    /// so a reviewer sees every problem while the month is still a draft.
    pub fn validate_as_confirmed(&self, rubric: &Rubric, category: Category) -> Result<(), Vec<ValidationError>> {
        self.check(rubric, category, true)
    }

    fn check(&self, rubric: &Rubric, category: Category, strict: bool) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        let parts = EvaluationParts {
            record: &self.record_name(),
            scores: &self.scores,
            bonus: self.bonus.iter().map(|b| b.points),
            deductions: self.deductions.iter().map(|d| d.points),
        };
        parts.check(rubric, &rubric.by_id(), category, strict, &mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The pieces of an evaluation that rule 10 looks at, borrowed, so the exchange format (whose
/// records also carry extra fields) is checked by exactly the same code.
pub(crate) struct EvaluationParts<'a, B, D> {
    pub record: &'a RecordRef,
    pub scores: &'a BTreeMap<String, Points>,
    pub bonus: B,
    pub deductions: D,
}

impl<B, D> EvaluationParts<'_, B, D>
where
    B: Iterator<Item = Points>,
    D: Iterator<Item = Points>,
{
    /// Appends every problem to `errors`; `strict` adds the checks of a counted evaluation.
    /// `by_id` is [`Rubric::by_id`], built once by callers that check many evaluations.
    pub fn check(
        self,
        rubric: &Rubric,
        by_id: &HashMap<&str, &Indicator>,
        category: Category,
        strict: bool,
        errors: &mut Vec<ValidationError>,
    ) {
        let record = self.record;
        for (id, &points) in self.scores {
            let field = || format!("scores.{id}");
            let Some(indicator) = by_id.get(id.as_str()) else {
                let problem = Problem::UnknownIndicator(id.clone());
                errors.push(ValidationError::new(record, field(), problem));
                continue;
            };
            if !strict || !indicator.applies_to(category) {
                continue;
            }
            if points.is_negative() {
                errors.push(ValidationError::new(record, field(), Problem::BelowZero(points)));
            } else if points > indicator.max {
                let problem = Problem::AboveMax { points, max: indicator.max };
                errors.push(ValidationError::new(record, field(), problem));
            }
        }
        if !strict {
            return;
        }
        for indicator in rubric.applicable(category) {
            if !self.scores.contains_key(&indicator.id) {
                let field = format!("scores.{}", indicator.id);
                errors.push(ValidationError::new(record, field, Problem::NotScored));
            }
        }
        for (list, items) in [("bonus", self.bonus.collect::<Vec<_>>()), ("deductions", self.deductions.collect())] {
            for (position, points) in items.into_iter().enumerate() {
                if points.is_negative() {
                    let field = format!("{list}[{position}].points");
                    errors.push(ValidationError::new(record, field, Problem::BelowZero(points)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(result: Result<(), Vec<ValidationError>>) -> Vec<String> {
        result.err().unwrap_or_default().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn confirmed_evaluation_must_be_complete_and_within_bounds() {
        let rubric = Rubric::default_rubric();
        let mut eval = MonthlyEvaluation::new("b07", Month::new(2026, 3).unwrap());
        for indicator in &rubric.indicators {
            eval.scores.insert(indicator.id.clone(), Points::from_whole(5));
        }
        eval.scores.insert("perf.safety".into(), Points::from_whole(12));
        eval.scores.remove("brand.influence");
        eval.scores.insert("perf.bogus".into(), Points::from_whole(1));
        eval.deductions.push(Deduction { points: Points::from_whole(-1), reason: String::new() });
        // A draft only has to name real indicators.
        assert_eq!(
            messages(eval.validate(&rubric, Category::Production)),
            ["evaluation b07/2026-03, scores.perf.bogus: unknown indicator \"perf.bogus\""]
        );
        eval.status = ReviewStatus::Confirmed;
        assert_eq!(
            messages(eval.validate(&rubric, Category::Production)),
            [
                "evaluation b07/2026-03, scores.perf.bogus: unknown indicator \"perf.bogus\"",
                "evaluation b07/2026-03, scores.perf.safety: 12 exceeds its maximum 10",
                "evaluation b07/2026-03, scores.brand.influence: not scored, but the evaluation is confirmed",
                "evaluation b07/2026-03, deductions[0].points: -1 is below 0",
            ]
        );
    }

    #[test]
    fn scores_of_other_categories_are_ignored() {
        let rubric = Rubric::default_rubric();
        let mut eval = MonthlyEvaluation::new("b1", Month::new(2026, 1).unwrap());
        eval.status = ReviewStatus::Confirmed;
        for indicator in rubric.applicable(Category::Administration) {
            eval.scores.insert(indicator.id.clone(), indicator.max);
        }
        // 产量 does not apply to administration: even an absurd value is ignored, not an error.
        eval.scores.insert("perf.output".into(), Points::from_whole(99));
        assert_eq!(eval.validate(&rubric, Category::Administration), Ok(()));
        assert!(eval.validate(&rubric, Category::Production).is_err());
    }
}
