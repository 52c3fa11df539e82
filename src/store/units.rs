//! The registry of non-public units (两新组织) and the committee's decisions on shell
//! organisations (空壳党组织). One transaction per action; the domain's rules
//! ([`unit::validate_unit`], [`formation::validate_formations`], [`shell::validate_decision`],
//! [`org::archive_plan`]) run on what is read inside that transaction, and every change leaves an
//! append-only history entry (targets: the unit id; `org|YYYY-MM-DD` for decisions; the org id
//! for an org a dissolution archives).
//!
//! Units are stored as the domain's [`Unit`]; decisions as the domain's [`ShellDecision`] plus
//! its key `org|date`, so an org has at most one decision a day and deciding again on the same
//! day replaces it (with history).

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;

use super::error::{commit, StoreError, WriteError};
pub use super::records::decision_key;
use super::records::{history_entry, DecisionRecord, HistoryEntry};
use super::schema::{HISTORY, LEDGER, MEMBERS, ORGS, SHELL_DECISIONS, UNITS, UNITS_BY_AREA};
use super::tx::{all_in_index, all_orgs, append_history, get_setting, record_change, set_setting, write_tx};
use crate::domain::device::settings::SHELL_LIFE_MONTHS;
use crate::domain::files::sheet_import::{self, Action, ImportKind, Mapping, Plan, RowError, Sheet, Stored};
use crate::domain::ledger::LedgerRecord;
use crate::domain::org::{self, Member, Org};
use crate::domain::units::formation::{self, FormationProblem};
use crate::domain::units::shell::{self, DecisionProblem, ShellAction, ShellDecision, ShellFlag};
use crate::domain::units::unit::{self, Unit, UnitProblems};
use crate::domain::values::date::Date;

/// Why a unit was not saved.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitRefusal {
    /// The record breaks a rule of its own (every problem, shown next to its fields).
    Problems(UnitProblems),
    /// The record is well-formed, but its formation does not fit the other units or the org
    /// tree: the problems of [`formation::validate_formations`] this unit takes part in, over the
    /// registry as it would be after the save. A joint branch that only this unit names yet
    /// ([`FormationProblem::JointTooFewUnits`]) is not among them: its units are entered one at
    /// a time, so that is a finding for the registry's list, not a refusal.
    Formation(Vec<FormationProblem>),
}

/// Why a unit change was not written.
pub type UnitError = WriteError<UnitRefusal>;

/// Why a shell decision was not recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum ShellRefusal {
    /// The decision breaks a rule (every problem, shown next to its fields).
    Problems(Vec<DecisionProblem>),
    /// A dissolution archives the org, and [`org::archive_plan`] refuses (it still has active
    /// branches or general branches under it).
    Archive(org::Problems),
}

/// Why a shell decision was not written.
pub type ShellError = WriteError<ShellRefusal>;

/// What the shell screening page shows, read in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Screening {
    /// Every organisation [`shell::screen`] flags on the day, with its causes.
    pub flags: Vec<ShellFlag>,
    /// Of those, the ones without a decision inside the screening window ([`shell::open_flags`]).
    pub open: Vec<ShellFlag>,
    /// Every decision recorded, in key order: each org's together, oldest first.
    pub decisions: Vec<ShellDecision>,
}

/// Every unit, by id.
pub async fn list_units(db: &Database) -> Result<Vec<Unit>, StoreError> {
    let tx = db.transaction(UNITS).build()?;
    Ok(all_units(&tx).await?)
}

/// The units of one area (属地, as stored: trimmed), by id — through the `by_area` index.
pub async fn list_units_in_area(db: &Database, area: &str) -> Result<Vec<Unit>, StoreError> {
    let tx = db.transaction(UNITS).build()?;
    Ok(all_in_index(&tx, UNITS, UNITS_BY_AREA, area).await?)
}

/// Creates or updates a unit in one transaction: validated with [`unit::validate_unit`] against
/// every stored unit, then its formation with [`formation::validate_formations`] over the units
/// as they will be and the orgs, all read inside the same transaction; refused
/// ([`UnitRefusal`]) with nothing written, else stored with its history entry (`unit.create` /
/// `unit.update`). Returns the unit as saved (texts trimmed, credit code in normal form).
pub async fn save_unit(db: &Database, unit: Unit, today: Date) -> Result<Unit, UnitError> {
    let tx = write_tx(db, [ORGS, UNITS, HISTORY])?;
    let mut units = all_units(&tx).await?;
    let orgs = all_orgs(&tx).await?;
    let unit = unit::validate_unit(unit, &units, today).map_err(|p| UnitError::Invalid(UnitRefusal::Problems(p)))?;
    let before = match units.iter_mut().find(|u| u.id == unit.id) {
        Some(stored) => Some(std::mem::replace(stored, unit.clone())),
        None => {
            units.push(unit.clone());
            None
        }
    };
    let refused: Vec<FormationProblem> = formation::validate_formations(&units, &orgs)
        .into_iter()
        .filter(|p| p.involves(&unit.id) && !matches!(p, FormationProblem::JointTooFewUnits { .. }))
        .collect();
    if !refused.is_empty() {
        return Err(UnitError::Invalid(UnitRefusal::Formation(refused)));
    }
    tx.object_store(UNITS)?.put(&unit).serde()?.await?;
    let action = if before.is_some() { "unit.update" } else { "unit.create" };
    record_change(&tx, action, &unit.id, before.as_ref(), Some(&unit)).await?;
    commit(tx).await?;
    Ok(unit)
}

/// Deletes a unit (a record entered by mistake; a unit that closed keeps its record with its
/// status), with a history entry keeping it as it was. Returns the deleted unit.
pub async fn delete_unit(db: &Database, id: &str) -> Result<Unit, StoreError> {
    let tx = write_tx(db, [UNITS, HISTORY])?;
    let store = tx.object_store(UNITS)?;
    let before: Unit = store.get(id.to_string()).serde()?.await?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    store.delete(id.to_string()).await?;
    record_change(&tx, "unit.delete", id, Some(&before), None).await?;
    commit(tx).await?;
    Ok(before)
}

/// Why a units sheet wrote nothing: rows of the file are wrong (every problem, by spreadsheet
/// row), or storage failed. The same shape as the branch and member import's error.
pub type UnitImportError = WriteError<Vec<RowError>>;

/// The plan of a units sheet against the stored registry, without writing (the preview); ids of
/// new units are placeholders, [`import_units`] plans again inside its transaction.
pub async fn preview_unit_import(
    db: &Database,
    sheet: &Sheet,
    mapping: &Mapping,
    today: Date,
) -> Result<Plan, UnitImportError> {
    let tx = db.transaction([ORGS, UNITS]).build()?;
    let units = all_units(&tx).await?;
    let orgs = all_orgs(&tx).await?;
    let mut n = 0;
    let mut placeholder = || {
        n += 1;
        format!("new-{n}")
    };
    let stored = Stored { orgs: &orgs, units: &units, ..Stored::default() };
    sheet_import::plan(ImportKind::Units, sheet, mapping, stored, today, &mut placeholder)
        .map_err(UnitImportError::Invalid)
}

/// Imports a units sheet (docs/FORMAT.md §13) in **one** transaction over orgs, units and
/// history: the registry is read, the file planned against it — refused as a whole while any
/// row is wrong, the unit's own rules and the formations over the registry as it will be
/// included —, every new unit added and every changed one put, each with its history entry as
/// [`save_unit`] writes it (`unit.create` / `unit.update`, the file named in `reason`), then
/// committed. Returns the plan as written; a file that changes nothing writes nothing.
pub async fn import_units(
    db: &Database,
    sheet: &Sheet,
    mapping: &Mapping,
    file_name: &str,
    today: Date,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Plan, UnitImportError> {
    let tx = write_tx(db, [ORGS, UNITS, HISTORY])?;
    let units = all_units(&tx).await?;
    let orgs = all_orgs(&tx).await?;
    let stored = Stored { orgs: &orgs, units: &units, ..Stored::default() };
    let plan = sheet_import::plan(ImportKind::Units, sheet, mapping, stored, today, new_id)
        .map_err(UnitImportError::Invalid)?;
    if plan.is_noop() {
        return Ok(plan);
    }
    let reason = Some(format!("spreadsheet import: {file_name}"));
    let store = tx.object_store(UNITS)?;
    for change in plan.units.iter().filter(|c| c.action != Action::Unchanged) {
        // Added, not put: a new unit whose id is taken aborts everything rather than overwrite.
        let action = if change.action == Action::Create {
            store.add(&change.after).serde()?.await?;
            "unit.create"
        } else {
            store.put(&change.after).serde()?.await?;
            "unit.update"
        };
        let entry = HistoryEntry {
            reason: reason.clone(),
            ..history_entry(action, &change.after.id, change.before.as_ref(), Some(&change.after))
        };
        append_history(&tx, &entry).await?;
    }
    commit(tx).await?;
    Ok(plan)
}

/// Every shell decision, in key order: each org's together, oldest first.
pub async fn list_shell_decisions(db: &Database) -> Result<Vec<ShellDecision>, StoreError> {
    let tx = db.transaction(SHELL_DECISIONS).build()?;
    Ok(all_decisions(&tx).await?)
}

/// Records a decision on a flagged organisation in one transaction, validated with
/// [`shell::validate_decision`] against the orgs read inside it (history `shell.decide`; a
/// decision on the same org and day replaces the earlier one). A [`ShellAction::Dissolve`] also
/// archives the org and its party groups by [`org::archive_plan`] — the rule of archiving an org
/// by hand — in the same transaction, each org with its history entry (`org.archive`, the
/// decision's reason as its reason); orgs already archived are left as they are. Returns the
/// decision as saved (reason trimmed).
pub async fn record_shell_decision(
    db: &Database,
    decision: ShellDecision,
    today: Date,
) -> Result<ShellDecision, ShellError> {
    let tx = write_tx(db, [ORGS, SHELL_DECISIONS, HISTORY])?;
    let orgs = all_orgs(&tx).await?;
    let decision =
        shell::validate_decision(decision, &orgs, today).map_err(|p| ShellError::Invalid(ShellRefusal::Problems(p)))?;
    let archived: Vec<&Org> = if decision.decision == ShellAction::Dissolve {
        let ids = org::archive_plan(&decision.org, &orgs).map_err(|p| ShellError::Invalid(ShellRefusal::Archive(p)))?;
        orgs.iter().filter(|o| ids.contains(&o.id) && !o.archived).collect()
    } else {
        Vec::new()
    };

    let key = decision_key(&decision.org, decision.date);
    let store = tx.object_store(SHELL_DECISIONS)?;
    let before: Option<DecisionRecord> = store.get(key.clone()).serde()?.await?;
    store.put(DecisionRecord { key: key.clone(), decision: decision.clone() }).serde()?.await?;
    record_change(&tx, "shell.decide", &key, before.map(|r| r.decision).as_ref(), Some(&decision)).await?;

    let org_store = tx.object_store(ORGS)?;
    for before in archived {
        let after = Org { archived: true, ..before.clone() };
        org_store.put(&after).serde()?.await?;
        let entry = HistoryEntry {
            reason: Some(decision.reason.clone()),
            ..history_entry("org.archive", &after.id, Some(before), Some(&after))
        };
        append_history(&tx, &entry).await?;
    }
    commit(tx).await?;
    Ok(decision)
}

/// Screens on `date` over `months` months ([`shell::screen`]), reading the units, orgs, members,
/// ledger records and decisions in one read transaction, and tells which flags are still open
/// ([`shell::open_flags`]).
pub async fn screening(db: &Database, date: Date, months: u32) -> Result<Screening, StoreError> {
    let tx = db.transaction([UNITS, ORGS, MEMBERS, LEDGER, SHELL_DECISIONS]).build()?;
    let units = all_units(&tx).await?;
    let orgs = all_orgs(&tx).await?;
    let members: Vec<Member> =
        tx.object_store(MEMBERS)?.get_all::<Member>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    let ledger: Vec<LedgerRecord> = tx
        .object_store(LEDGER)?
        .get_all::<LedgerRecord>()
        .serde()?
        .await?
        .collect::<indexed_db_futures::Result<_>>()?;
    let decisions = all_decisions(&tx).await?;
    let flags = shell::screen(&units, &orgs, &members, &ledger, date, months);
    let open = shell::open_flags(&flags, &decisions, date, months).into_iter().cloned().collect();
    Ok(Screening { flags, open, decisions })
}

/// The screening window in months ([`shell::life_months_or_default`]).
pub async fn shell_life_months(db: &Database) -> Result<u32, StoreError> {
    Ok(shell::life_months_or_default(get_setting(db, SHELL_LIFE_MONTHS).await?.as_deref()))
}

/// Sets the screening window from what was typed; `Ok(None)` (nothing written) when it is not
/// a whole number 1..=[`shell::MAX_LIFE_MONTHS`].
pub async fn set_shell_life_months(db: &Database, text: &str) -> Result<Option<u32>, StoreError> {
    let Some(months) = shell::parse_life_months(text) else { return Ok(None) };
    set_setting(db, SHELL_LIFE_MONTHS, &months.to_string()).await?;
    Ok(Some(months))
}

/// Every unit, by id, inside a transaction that includes UNITS.
async fn all_units(tx: &Transaction<'_>) -> indexed_db_futures::Result<Vec<Unit>> {
    tx.object_store(UNITS)?.get_all::<Unit>().serde()?.await?.collect()
}

/// Every decision, in key order (`org|date`), inside a transaction that includes SHELL_DECISIONS.
async fn all_decisions(tx: &Transaction<'_>) -> indexed_db_futures::Result<Vec<ShellDecision>> {
    tx.object_store(SHELL_DECISIONS)?
        .get_all::<DecisionRecord>()
        .serde()?
        .await?
        .map(|r| r.map(|r| r.decision))
        .collect()
}
