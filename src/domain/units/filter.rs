//! What the registry list shows: the units a search and the filters leave, and the choices the
//! filters offer (the areas and industries actually written, as `coverage_by` groups them).

use std::collections::BTreeMap;

use crate::domain::org::name_key;
use crate::domain::units::credit_code;
use crate::domain::units::formation::FormationKind;
use crate::domain::units::unit::{BusinessStatus, Unit, UnitKind};

/// The filters of the registry list; `None` (or an empty query) lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitFilter {
    /// Part of the name (spacing and case ignored) or of the credit code (normal form).
    pub query: String,
    /// The area, as any spelling of its key.
    pub area: Option<String>,
    /// The industry, likewise.
    pub industry: Option<String>,
    /// The kind.
    pub kind: Option<UnitKind>,
    /// The business status.
    pub status: Option<BusinessStatus>,
    /// The formation; `Some(None)` asks for uncovered units.
    pub formation: Option<Option<FormationKind>>,
}

impl UnitFilter {
    /// Whether the unit passes every filter.
    pub fn matches(&self, unit: &Unit) -> bool {
        let query = name_key(&self.query);
        let code = credit_code::normalise(&self.query);
        let text_ok = query.is_empty()
            || name_key(&unit.name).contains(&query)
            || (!code.is_empty() && credit_code::normalise(&unit.credit_code).contains(&code));
        let same = |wanted: &Option<String>, text: &str| wanted.as_ref().is_none_or(|w| name_key(w) == name_key(text));
        text_ok
            && same(&self.area, &unit.area)
            && same(&self.industry, &unit.industry)
            && self.kind.is_none_or(|k| unit.kind() == k)
            && self.status.is_none_or(|s| unit.status == s)
            && self.formation.is_none_or(|f| unit.formation.as_ref().map(|x| x.kind()) == f)
    }
}

/// The units that pass, sorted by area, then name (the order a district's list is read in).
pub fn filter_units<'a>(units: &'a [Unit], filter: &UnitFilter) -> Vec<&'a Unit> {
    let mut hits: Vec<&Unit> = units.iter().filter(|u| filter.matches(u)).collect();
    hits.sort_by(|a, b| {
        let key = |u: &Unit| (name_key(&u.area).is_empty(), name_key(&u.area), name_key(&u.name), u.id.clone());
        key(a).cmp(&key(b))
    });
    hits
}

/// The distinct non-empty areas written on the units, one spelling each (the first given), in
/// key order.
pub fn areas(units: &[Unit]) -> Vec<String> {
    distinct(units.iter().map(|u| u.area.as_str()))
}

/// The distinct non-empty industries, likewise.
pub fn industries(units: &[Unit]) -> Vec<String> {
    distinct(units.iter().map(|u| u.industry.as_str()))
}

fn distinct<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for text in texts {
        let key = name_key(text);
        if !key.is_empty() {
            seen.entry(key).or_insert_with(|| text.trim().to_string());
        }
    }
    seen.into_values().collect()
}

/// The other units a formation's organisation covers: who shares a joint branch or host
/// organisation with the unit being edited, shown next to its picker.
pub fn sharing<'a>(units: &'a [Unit], org: &str, except: &str) -> Vec<&'a Unit> {
    units.iter().filter(|u| u.id != except && u.formation.as_ref().and_then(|f| f.org()) == Some(org)).collect()
}
