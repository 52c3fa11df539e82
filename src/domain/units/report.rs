//! The coverage report of a day, as the auditors' tool prints it (`starbranch coverage`,
//! docs/FORMAT.md §5.1): the coverage figures overall, above designated size and by area, and the
//! shell screening with whether each flag is decided — built from plain records, with the typed
//! reading of those records out of a backup's stores next to it. The stores come in as plain JSON
//! values (`files::backup::Backup::stores`), so this module does not depend on the backup format;
//! an exchange document (version 2 or 3) gives the coverage part from its units and branches.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::domain::files::exchange::ExchangeDocument;
use crate::domain::ledger::LedgerRecord;
use crate::domain::org::{Member, Org, OrgKind};
use crate::domain::units::coverage::{self, Coverage, GroupBy, GroupKey, Ratio};
use crate::domain::units::shell::{self, ShellCause, ShellDecision};
use crate::domain::units::unit::Unit;
use crate::domain::values::date::Date;
use crate::domain::values::points::Points;

/// Everything the report is computed from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Registry {
    /// The units (store `units`).
    pub units: Vec<Unit>,
    /// The org tree, archived orgs included (store `orgs`).
    pub orgs: Vec<Org>,
    /// The rolls (store `members`).
    pub members: Vec<Member>,
    /// The ledgers (store `ledger`).
    pub ledger: Vec<LedgerRecord>,
    /// The committee's decisions on shells (store `shell_decisions`).
    pub decisions: Vec<ShellDecision>,
}

/// A backup record that is not a record of its store's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    /// `store[index]`, 0-based, as the backup's own problems are located.
    pub at: String,
    /// What serde found wrong.
    pub message: String,
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

impl Registry {
    /// Reads the five stores among a backup's `stores` (the file already checked by
    /// `backup::parse` and migrated to this schema) as the app's record types. A store that is
    /// not there is empty. A shell decision is stored as the decision plus its key `org|date`;
    /// the key is ignored, the decision carries both. Every record that does not read is
    /// reported, not only the first.
    pub fn from_stores(stores: &BTreeMap<String, Vec<Value>>) -> Result<Registry, Vec<RecordProblem>> {
        let mut problems = Vec::new();
        let registry = Registry {
            units: records(stores, "units", &mut problems),
            orgs: records(stores, "orgs", &mut problems),
            members: records(stores, "members", &mut problems),
            ledger: records(stores, "ledger", &mut problems),
            decisions: records(stores, "shell_decisions", &mut problems),
        };
        if problems.is_empty() {
            Ok(registry)
        } else {
            Err(problems)
        }
    }
}

/// The records of `store` among a backup's `stores` read as `T`; each that does not read is
/// added to `problems`, located `store[index]`. A store that is not there reads as empty.
pub(crate) fn records<T: DeserializeOwned>(
    stores: &BTreeMap<String, Vec<Value>>,
    store: &str,
    problems: &mut Vec<RecordProblem>,
) -> Vec<T> {
    let mut out = Vec::new();
    for (index, record) in stores.get(store).into_iter().flatten().enumerate() {
        match T::deserialize(record) {
            Ok(value) => out.push(value),
            Err(e) => problems.push(RecordProblem { at: format!("{store}[{index}]"), message: e.to_string() }),
        }
    }
    out
}

/// The value of the setting `key` among a backup's `stores` (store `meta`), if there is one.
pub(crate) fn setting<'a>(stores: &'a BTreeMap<String, Vec<Value>>, key: &str) -> Option<&'a str> {
    stores
        .get("meta")
        .into_iter()
        .flatten()
        .find(|s| s.get("key").and_then(Value::as_str) == Some(key))
        .and_then(|s| s.get("value").and_then(Value::as_str))
}

/// One figure: the exact fraction and its percentage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    /// Units counted.
    pub numerator: u32,
    /// Units they are counted among.
    pub denominator: u32,
    /// [`Ratio::percent`] with exactly two decimals (`"77.50"`); `None` without a denominator.
    pub percent: Option<String>,
}

impl From<Ratio> for Share {
    fn from(ratio: Ratio) -> Share {
        Share { numerator: ratio.numerator, denominator: ratio.denominator, percent: ratio.percent().map(two_decimals) }
    }
}

/// Both figures over the same active units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// The active units.
    pub active: u32,
    /// 组织覆盖率.
    pub org: Share,
    /// 工作覆盖率.
    pub work: Share,
}

impl From<Coverage> for Figures {
    fn from(coverage: Coverage) -> Figures {
        Figures { active: coverage.active(), org: coverage.org.0.into(), work: coverage.work.0.into() }
    }
}

/// The figures of one area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaFigures {
    /// The area as written on its first unit, trimmed; empty for the units without one.
    pub area: String,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// A flagged organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShellEntry {
    /// Its id.
    pub org: String,
    /// Its name.
    pub name: String,
    /// Every cause found, as [`shell::screen`] lists them.
    pub causes: Vec<ShellCause>,
    /// Whether a decision on it is dated inside the screening window ([`shell::open_flags`]).
    pub decided: bool,
}

/// The report of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoverageReport {
    /// The day.
    pub date: Date,
    /// Among all units.
    pub coverage: Figures,
    /// Among the units above designated size.
    pub above_scale: Figures,
    /// Per area with an active unit, in [`coverage::coverage_by`] order.
    pub by_area: Vec<AreaFigures>,
    /// The organisations screening flags, in [`shell::screen`] order.
    pub shells: Vec<ShellEntry>,
    /// Written only as `false`: the file holds no rolls or ledger (an exchange document), so no
    /// screening was done and `shells` is empty rather than every organisation flagged.
    #[serde(skip_serializing_if = "is_true")]
    pub screened: bool,
}

fn is_true(value: &bool) -> bool {
    *value
}

/// The report on `date`, screening organisational life over `months` months.
pub fn coverage_report(registry: &Registry, date: Date, months: u32) -> CoverageReport {
    // Coverage counts only formations whose organisation still stands; screening reads the
    // units as stored (it skips dead organisations itself).
    let live = coverage::with_live_formations(&registry.units, &registry.orgs);
    let units = &live;
    let by_area = coverage::coverage_by(units, date, GroupBy::Area)
        .into_iter()
        .filter_map(|group| match group.key {
            GroupKey::Area(area) => Some(AreaFigures { area, figures: group.coverage.into() }),
            // Grouping by area gives only area keys.
            GroupKey::Industry(_) | GroupKey::Kind(_) => None,
        })
        .collect();
    let flags = shell::screen(&registry.units, &registry.orgs, &registry.members, &registry.ledger, date, months);
    let open = shell::open_flags(&flags, &registry.decisions, date, months);
    let shells = flags
        .iter()
        .map(|flag| ShellEntry {
            org: flag.org.clone(),
            name: registry.orgs.iter().find(|o| o.id == flag.org).map(|o| o.name.clone()).unwrap_or_default(),
            causes: flag.causes.clone(),
            decided: !open.iter().any(|o| o.org == flag.org),
        })
        .collect();
    CoverageReport {
        date,
        coverage: coverage::coverage(units, date).into(),
        above_scale: coverage::above_scale_coverage(units, date).into(),
        by_area,
        shells,
        screened: true,
    }
}

/// The report of an exchange document (version 2 or 3): its units and the branches they name. The
/// document carries neither rolls nor ledgers, so it gives coverage only (see
/// [`CoverageReport::screened`]).
pub fn exchange_report(doc: &ExchangeDocument, date: Date) -> CoverageReport {
    let orgs: Vec<Org> = doc
        .branches
        .iter()
        .map(|b| Org {
            id: b.id.clone(),
            parent: None,
            kind: OrgKind::Branch,
            name: b.name.clone(),
            category: Some(b.category),
            secretary: String::new(),
            contact: String::new(),
            founded: b.founded,
            archived: b.extra.get("archived").and_then(Value::as_bool).unwrap_or(false),
        })
        .collect();
    let registry = Registry { units: doc.units.clone(), orgs, ..Registry::default() };
    let report = coverage_report(&registry, date, shell::DEFAULT_LIFE_MONTHS);
    CoverageReport { shells: Vec::new(), screened: false, ..report }
}

/// Exact decimal text with two decimals: `77.50`, `100.00`, `-1.05`.
pub fn two_decimals(points: Points) -> String {
    let hundredths = points.hundredths();
    let sign = if hundredths < 0 { "-" } else { "" };
    let magnitude = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_decimals_is_exact() {
        for (hundredths, text) in [(7750, "77.50"), (10_000, "100.00"), (0, "0.00"), (3333, "33.33"), (-105, "-1.05")] {
            assert_eq!(two_decimals(Points::from_hundredths(hundredths)), text);
        }
    }
}
