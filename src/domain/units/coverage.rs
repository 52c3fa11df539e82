//! Coverage figures (覆盖率): of the units that exist on a day, how many a Party organisation
//! covers (组织覆盖率) and how many Party work reaches at all, counting units that only have an
//! instructor (工作覆盖率); overall, by area, industry and kind, for units above designated size,
//! month by month; and the gaps behind the figures.
//!
//! Honest limit: a unit keeps only its current formation and the day it took effect
//! (`Unit::formed_on`), so a figure for a past day counts a unit as uncovered before that day
//! even when an earlier formation (later changed) covered it then, and as covered by its current
//! formation from that day on. The figures of past months are therefore exact only for units
//! whose formation never changed. Likewise only the current business status and its date are
//! kept: a unit that closed and reopened counts as open throughout.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::org::{name_key, Org};
use crate::domain::units::calendar;
use crate::domain::units::formation::{Formation, FormationKind, MIN_STANDALONE_FULL_MEMBERS};
use crate::domain::units::unit::{Unit, UnitKind};
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;

pub use crate::domain::values::ratio::Ratio;

/// 组织覆盖率: units with a standalone, joint or attached organisation among active units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct OrgCoverage(pub Ratio);

/// 工作覆盖率: units with an organisation or an instructor among active units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct WorkCoverage(pub Ratio);

impl OrgCoverage {
    /// See [`Ratio::percent`].
    pub fn percent(self) -> Option<Points> {
        self.0.percent()
    }
}

impl WorkCoverage {
    /// See [`Ratio::percent`].
    pub fn percent(self) -> Option<Points> {
        self.0.percent()
    }
}

/// Both figures over the same active units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Coverage {
    /// Organisation coverage.
    pub org: OrgCoverage,
    /// Work coverage.
    pub work: WorkCoverage,
}

impl Coverage {
    /// The active units both figures count among.
    pub fn active(self) -> u32 {
        self.org.0.denominator
    }
}

/// Whether the unit exists on `date`: registered by then, and not bankrupt or deregistered with
/// effect on or before it. A ceased status without its date (older data; `validate_unit`
/// requires one) counts as in effect, since the unit is known to be gone.
pub fn is_active(unit: &Unit, date: Date) -> bool {
    let ceased = unit.status.has_ceased() && unit.status_date.is_none_or(|d| d <= date);
    unit.registered <= date && !ceased
}

/// The formation in effect on `date`: the current one from its `formed_on` day. An undated one
/// (older data; `validate_unit` requires the date) counts as in effect, rather than the unit
/// silently dropping out of the covered.
pub fn formation_at(unit: &Unit, date: Date) -> Option<&Formation> {
    unit.formation.as_ref().filter(|_| unit.formed_on.is_none_or(|d| d <= date))
}

/// The units as coverage must count them: a formation naming an organisation that no longer
/// exists or is archived (dissolved after a 空壳 screening, say) covers nothing, so the unit is
/// counted as uncovered — and shows in the gap list — until its formation is changed. An
/// instructor needs no organisation and stays.
pub fn with_live_formations(units: &[Unit], orgs: &[Org]) -> Vec<Unit> {
    let live = |id: &str| orgs.iter().any(|o| o.id == id && !o.archived);
    units
        .iter()
        .map(|unit| match unit.formation.as_ref().and_then(Formation::org) {
            Some(org) if !live(org) => Unit { formation: None, formed_on: None, ..unit.clone() },
            _ => unit.clone(),
        })
        .collect()
}

/// Coverage on `date` among `units`.
pub fn coverage<'a>(units: impl IntoIterator<Item = &'a Unit>, date: Date) -> Coverage {
    let (mut active, mut org, mut work) = (0, 0, 0);
    for unit in units.into_iter().filter(|u| is_active(u, date)) {
        active += 1;
        if let Some(formation) = formation_at(unit, date) {
            work += 1;
            if formation.kind().is_organisation() {
                org += 1;
            }
        }
    }
    Coverage {
        org: OrgCoverage(Ratio { numerator: org, denominator: active }),
        work: WorkCoverage(Ratio { numerator: work, denominator: active }),
    }
}

/// Coverage on `date` among the units above designated size (规模以上), which reports name
/// apart because every one of them is expected to be covered.
pub fn above_scale_coverage(units: &[Unit], date: Date) -> Coverage {
    coverage(units.iter().filter(|u| u.above_scale), date)
}

/// What to group coverage by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupBy {
    /// The unit's street or township.
    Area,
    /// The unit's industry.
    Industry,
    /// The unit's kind.
    Kind,
}

/// One group's name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupKey {
    /// An area as written on its first unit (in the order given); empty for units without one.
    Area(String),
    /// An industry, likewise.
    Industry(String),
    /// A kind.
    Kind(UnitKind),
}

/// Coverage of one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageGroup {
    /// Which group.
    pub key: GroupKey,
    /// Its figures.
    pub coverage: Coverage,
}

/// Coverage on `date` per group. Only groups with an active unit appear: a group whose units
/// have all closed or are not yet registered has no rate to show. Areas and industries written
/// with different spacing or case are one group (as names are, `org::name_key`), in the order
/// of that key with the units without one last; kinds in [`UnitKind::ALL`] order.
pub fn coverage_by(units: &[Unit], date: Date, by: GroupBy) -> Vec<CoverageGroup> {
    let active: Vec<&Unit> = units.iter().filter(|u| is_active(u, date)).collect();
    match by {
        GroupBy::Kind => UnitKind::ALL
            .into_iter()
            .filter(|kind| active.iter().any(|u| u.kind() == *kind))
            .map(|kind| CoverageGroup {
                key: GroupKey::Kind(kind),
                coverage: coverage(active.iter().copied().filter(|u| u.kind() == kind), date),
            })
            .collect(),
        GroupBy::Area | GroupBy::Industry => {
            let text = |u: &Unit| if by == GroupBy::Area { u.area.clone() } else { u.industry.clone() };
            // Key → (label, members); the empty key sorts last through the leading `bool`.
            let mut groups: BTreeMap<(bool, String), (String, Vec<&Unit>)> = BTreeMap::new();
            for unit in &active {
                let key = name_key(&text(unit));
                let entry =
                    groups.entry((key.is_empty(), key)).or_insert_with(|| (text(unit).trim().to_string(), vec![]));
                entry.1.push(unit);
            }
            groups
                .into_values()
                .map(|(label, members)| CoverageGroup {
                    key: if by == GroupBy::Area { GroupKey::Area(label) } else { GroupKey::Industry(label) },
                    coverage: coverage(members, date),
                })
                .collect()
        }
    }
}

/// One month's figures in a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCoverage {
    /// The month.
    pub month: Month,
    /// Coverage on its last day.
    pub coverage: Coverage,
}

/// Coverage on the last day of each month from `from` to `to`, both included (see the module's
/// limit on past figures). Empty when `from` is after `to`.
pub fn coverage_trend(units: &[Unit], from: Month, to: Month) -> Vec<MonthCoverage> {
    calendar::months_through(from, to)
        .into_iter()
        .filter_map(|month| {
            let last = calendar::last_day(month)?;
            Some(MonthCoverage { month, coverage: coverage(units, last) })
        })
        .collect()
}

/// The units behind the figures that need action, as ids in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gaps {
    /// Active units with Party members but no organisation (none, or only an instructor): where
    /// an organisation could be formed (无组织抓组建).
    pub members_without_organisation: Vec<String>,
    /// Active units above designated size that neither an organisation nor an instructor
    /// reaches.
    pub above_scale_uncovered: Vec<String>,
    /// Active units with at least three full members still in a joint branch or with only an
    /// instructor: candidates for a branch of their own.
    pub standalone_candidates: Vec<String>,
}

/// The gap list on `date`, from the formations in effect then.
pub fn gaps(units: &[Unit], date: Date) -> Gaps {
    let mut gaps = Gaps::default();
    for unit in units.iter().filter(|u| is_active(u, date)) {
        let kind = formation_at(unit, date).map(Formation::kind);
        let has_org = kind.is_some_and(FormationKind::is_organisation);
        if unit.party_members > 0 && !has_org {
            gaps.members_without_organisation.push(unit.id.clone());
        }
        if unit.above_scale && kind.is_none() {
            gaps.above_scale_uncovered.push(unit.id.clone());
        }
        let weak = matches!(kind, Some(FormationKind::Joint | FormationKind::Instructor));
        if weak && unit.full_members >= MIN_STANDALONE_FULL_MEMBERS {
            gaps.standalone_candidates.push(unit.id.clone());
        }
    }
    gaps
}
