//! Indicators scored automatically on the monthly sheet: 组织生活 from the e-ledger, the
//! key-task indicator from task completions, and indicators the committee bases on member data
//! (the dues collection rate, the share appraised 合格 or better) — and the evaluator's
//! overrides of them.
//!
//! Member data arrives as shares ([`MemberShares`]) the caller computed with
//! `domain::members`, so rating depends on no member record type.
//!
//! An override is allowed (the ledger may be incomplete, a task may have been waived) but never
//! silent: a score that differs from the computed one needs a written reason, and the pair
//! (computed points, reason) is kept in the evaluation's `overrides` field, which the exchange
//! format carries through as an extra field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::domain::key_task::{key_task_score, Completion, KeyTask, KeyTaskScore};
use crate::domain::ledger::{ledger_score, LedgerRecord, LedgerScore};
use crate::domain::rating::rubric::{Rubric, ScoringSource};
use crate::domain::values::category::Category;
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;
use crate::domain::values::ratio::Ratio;

/// The name of the evaluation's extra field holding overrides.
pub const OVERRIDES_FIELD: &str = "overrides";

/// Where an automatic score came from, with what held it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AutoBasis {
    /// From the month's ledger records.
    Ledger(LedgerScore),
    /// From the key tasks due that month.
    KeyTasks(KeyTaskScore),
    /// From member data: the share it was computed from; `None` when there was nothing to
    /// compute it from (no dues recorded for the month, no appraisal yet), which earns nothing.
    Share(ScoringSource, Option<Ratio>),
}

/// The branch's member figures the member-based indicators are scored on, computed by the
/// caller for the sheet's branch and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MemberShares {
    /// Dues paid ÷ dues due of the month (fen), `domain::members::dues::collection_rate`.
    pub dues: Option<Ratio>,
    /// Members appraised 合格 or better ÷ members appraised, in the branch's latest appraisal year
    /// not after the month's.
    pub appraised: Option<Ratio>,
}

/// `max × share`, to the hundredth, half up; nothing for no share.
fn share_points(max: Points, share: Option<Ratio>) -> Points {
    share
        .filter(|r| r.denominator > 0)
        .and_then(|r| max.mul_div(r.numerator.min(r.denominator).into(), r.denominator.into()))
        .unwrap_or(Points::ZERO)
}

/// The computed points of one automatic indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoScore {
    /// The indicator id.
    pub indicator: String,
    /// The computed points.
    pub points: Points,
    /// Why.
    pub basis: AutoBasis,
}

/// The automatic scores of `branch` for `month`: one per applicable indicator whose source is
/// not manual. `ledger` may hold records of other branches; only the branch's count. `shares`
/// are the branch's own.
#[allow(clippy::too_many_arguments)] // each is one independent source of the sheet
pub fn auto_scores(
    rubric: &Rubric,
    category: Category,
    branch: &str,
    month: Month,
    ledger: &[LedgerRecord],
    tasks: &[KeyTask],
    completions: &[Completion],
    shares: MemberShares,
) -> Vec<AutoScore> {
    let own: Vec<LedgerRecord> = ledger.iter().filter(|r| r.branch == branch).cloned().collect();
    rubric
        .applicable(category)
        .filter_map(|indicator| {
            let basis = match indicator.source {
                ScoringSource::Manual => return None,
                ScoringSource::Ledger => AutoBasis::Ledger(ledger_score(&rubric.ledger, month, &own, indicator.max)),
                ScoringSource::KeyTasks => {
                    AutoBasis::KeyTasks(key_task_score(tasks, completions, branch, month, &indicator.id, indicator.max))
                }
                ScoringSource::Dues => AutoBasis::Share(ScoringSource::Dues, shares.dues),
                ScoringSource::Appraisals => AutoBasis::Share(ScoringSource::Appraisals, shares.appraised),
            };
            let points = match &basis {
                AutoBasis::Ledger(s) => s.points,
                AutoBasis::KeyTasks(s) => s.points,
                AutoBasis::Share(_, share) => share_points(indicator.max, *share),
            };
            Some(AutoScore { indicator: indicator.id.clone(), points, basis })
        })
        .collect()
}

/// An evaluator's override of a computed score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// What the ledger or the key tasks gave.
    pub computed: Points,
    /// Why the entered score differs.
    pub reason: String,
}

/// The overrides kept in an evaluation's extra fields (none when absent or unreadable).
pub fn read_overrides(extra: &Map<String, Value>) -> BTreeMap<String, Override> {
    extra.get(OVERRIDES_FIELD).and_then(|v| serde_json::from_value(v.clone()).ok()).unwrap_or_default()
}

/// Writes `overrides` into the extra fields, removing the field when there are none.
pub fn write_overrides(extra: &mut Map<String, Value>, overrides: &BTreeMap<String, Override>) {
    if overrides.is_empty() {
        extra.remove(OVERRIDES_FIELD);
    } else if let Ok(value) = serde_json::to_value(overrides) {
        extra.insert(OVERRIDES_FIELD.to_string(), value);
    }
}

/// The overrides implied by the entered `scores`: every automatic indicator whose entered score
/// differs from the computed one, with its reason from `reasons`. Fails with the ids of those
/// that have no reason. An indicator left empty is not an override (the sheet is incomplete).
pub fn overrides_of(
    scores: &BTreeMap<String, Points>,
    autos: &[AutoScore],
    reasons: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, Override>, Vec<String>> {
    let mut overrides = BTreeMap::new();
    let mut missing = Vec::new();
    for auto in autos {
        let Some(&entered) = scores.get(&auto.indicator) else { continue };
        if entered == auto.points {
            continue;
        }
        match reasons.get(&auto.indicator).map(|r| r.trim()).filter(|r| !r.is_empty()) {
            Some(reason) => {
                overrides
                    .insert(auto.indicator.clone(), Override { computed: auto.points, reason: reason.to_string() });
            }
            None => missing.push(auto.indicator.clone()),
        }
    }
    if missing.is_empty() {
        Ok(overrides)
    } else {
        Err(missing)
    }
}
