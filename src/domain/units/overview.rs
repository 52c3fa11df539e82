//! Everything the coverage page shows for one day, computed in one place so the page only
//! renders: both figures overall and above designated size, the groups, a year's trend ending
//! on the day, and the gap list with what each entry needs to be understood without opening it.

use serde::Serialize;

use crate::domain::org::{name_key, Org};
use crate::domain::units::calendar;
use crate::domain::units::coverage::{self, Coverage, CoverageGroup, GroupBy, MonthCoverage};
use crate::domain::units::formation::{Formation, FormationKind};
use crate::domain::units::unit::Unit;
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;

/// How many months the trend shows, the day's month included: a year, the span reports compare.
pub const TREND_MONTHS: u32 = 12;

/// One unit of the gap list, with why it is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapUnit {
    /// Its id, for the link to its record.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its area, trimmed; empty when it has none.
    pub area: String,
    /// The formation in effect on the day; `None` when uncovered.
    pub formation: Option<FormationKind>,
    /// Party members working there.
    pub party_members: u32,
    /// Of those, full members.
    pub full_members: u32,
}

/// The gap list ([`coverage::gaps`]) as units, each list by area then name so a printed list
/// reads street by street.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GapList {
    /// Active units with Party members but no organisation.
    pub members_without_organisation: Vec<GapUnit>,
    /// Active units above designated size that nothing reaches.
    pub above_scale_uncovered: Vec<GapUnit>,
    /// Units with three or more full members still joint or with only an instructor.
    pub standalone_candidates: Vec<GapUnit>,
}

impl GapList {
    /// Whether all three lists are empty.
    pub fn is_empty(&self) -> bool {
        self.members_without_organisation.is_empty()
            && self.above_scale_uncovered.is_empty()
            && self.standalone_candidates.is_empty()
    }
}

/// The coverage of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    /// The day.
    pub date: Date,
    /// Whether the registry holds any unit at all (whether active on the day or not): without
    /// one the page invites registering units instead of showing empty figures.
    pub has_units: bool,
    /// Among all units active on the day.
    pub overall: Coverage,
    /// Among those above designated size.
    pub above_scale: Coverage,
    /// Per area, in [`coverage::coverage_by`] order.
    pub by_area: Vec<CoverageGroup>,
    /// Per industry, likewise.
    pub by_industry: Vec<CoverageGroup>,
    /// Per kind.
    pub by_kind: Vec<CoverageGroup>,
    /// The [`TREND_MONTHS`] months up to the day's, oldest first. Each month is counted on its
    /// last day except the day's own month, counted on the day itself: its end may lie ahead, and
    /// the line must end on the figures printed above it.
    pub trend: Vec<MonthCoverage>,
    /// The gap list of the day.
    pub gaps: GapList,
}

/// The overview on `date`. Counted over [`coverage::with_live_formations`]: a formation whose
/// organisation was dissolved covers nothing.
pub fn overview(units: &[Unit], orgs: &[Org], date: Date) -> Overview {
    let live = coverage::with_live_formations(units, orgs);
    let month = Month::of(date);
    let mut trend = coverage::coverage_trend(&live, calendar::months_before(month, TREND_MONTHS - 1), month);
    if let Some(last) = trend.last_mut() {
        last.coverage = coverage::coverage(&live, date);
    }
    let found = coverage::gaps(&live, date);
    let list = |ids: &[String]| gap_units(&live, ids, date);
    Overview {
        date,
        has_units: !units.is_empty(),
        overall: coverage::coverage(&live, date),
        above_scale: coverage::above_scale_coverage(&live, date),
        by_area: coverage::coverage_by(&live, date, GroupBy::Area),
        by_industry: coverage::coverage_by(&live, date, GroupBy::Industry),
        by_kind: coverage::coverage_by(&live, date, GroupBy::Kind),
        trend,
        gaps: GapList {
            members_without_organisation: list(&found.members_without_organisation),
            above_scale_uncovered: list(&found.above_scale_uncovered),
            standalone_candidates: list(&found.standalone_candidates),
        },
    }
}

fn gap_units(units: &[Unit], ids: &[String], date: Date) -> Vec<GapUnit> {
    let mut list: Vec<GapUnit> = ids
        .iter()
        .filter_map(|id| units.iter().find(|u| &u.id == id))
        .map(|u| GapUnit {
            id: u.id.clone(),
            name: u.name.trim().to_string(),
            area: u.area.trim().to_string(),
            formation: coverage::formation_at(u, date).map(Formation::kind),
            party_members: u.party_members,
            full_members: u.full_members,
        })
        .collect();
    // Units without an area last, as the groups have them.
    list.sort_by(|a, b| {
        let key = |g: &GapUnit| (g.area.is_empty(), name_key(&g.area), name_key(&g.name), g.id.clone());
        key(a).cmp(&key(b))
    });
    list
}
