//! Member data as the source of a rubric indicator's automatic points (issue #15: "the rubric may
//! take an indicator's automatic points from member data … shown with reasons like the ledger's
//! indicators"). The rubric is not wired to it yet: the lead adds a `ScoringSource` variant that
//! carries a [`MemberSource`] and calls [`member_score`] where `rating::auto_score` scores the
//! ledger. The source is an enum so that the dues collection rate can join it.

use serde::{Deserialize, Serialize};

use super::appraisal::{appraisal_counts, MemberAppraisal};
use crate::domain::values::period::Year;
use crate::domain::values::points::Points;
use crate::domain::values::ratio::Ratio;

/// Which member figure scores the indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberSource {
    /// The share of the branch's members appraised 合格 or better in the year's 民主评议.
    QualifiedShare,
}

/// The computed points of a member-data indicator and the figure behind them (the reason shown
/// beside the score, e.g. "合格及以上 9 / 10").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberScore {
    /// The source.
    pub source: MemberSource,
    /// The figure: members counted among members appraised.
    pub basis: Ratio,
    /// `max × basis`, to the hundredth, rounded half up; 0 while nobody was appraised.
    pub points: Points,
}

/// The points `source` gives an indicator worth `max` for `branch` in `year`.
pub fn member_score(
    source: MemberSource,
    appraisals: &[MemberAppraisal],
    branch: &str,
    year: Year,
    max: Points,
) -> MemberScore {
    let basis = match source {
        MemberSource::QualifiedShare => appraisal_counts(appraisals, branch, year).qualified_or_better(),
    };
    let points = if basis.denominator == 0 {
        Points::ZERO
    } else {
        max.mul_div(i64::from(basis.numerator), i64::from(basis.denominator)).unwrap_or(Points::ZERO)
    };
    MemberScore { source, basis, points }
}
