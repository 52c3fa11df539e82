//! Use cases of the organisation registry. Each is one transaction over the stores it needs,
//! validation included, so a rule like "no duplicate sibling names" is checked against the
//! same snapshot that is written.

use indexed_db_futures::prelude::*;

use super::error::{SaveError, StoreError, WriteError};
use super::records::{history_entry, HistoryEntry};
use super::schema::{HISTORY, MEMBERS, MEMBERS_BY_BRANCH, ORGS};

use super::tx::{all_in_index, all_orgs, append_history, record_change, write_tx};
use crate::domain::files::sheet_import::{self, Action, ImportKind, Mapping, Plan, Sheet, Stored};
use crate::domain::org::{self, Member, Org};
use crate::domain::values::date::Date;
use indexed_db_futures::database::Database;

/// Why a spreadsheet import wrote nothing: rows of the file are wrong (every problem, by
/// spreadsheet row), or storage failed.
pub type SheetImportError = WriteError<Vec<sheet_import::RowError>>;

/// All orgs, archived ones included.
pub async fn list_orgs(db: &Database) -> Result<Vec<Org>, StoreError> {
    let tx = db.transaction(ORGS).build()?;
    let orgs = all_orgs(&tx).await?;
    Ok(orgs)
}

/// All members of all branches.
pub async fn list_members(db: &Database) -> Result<Vec<Member>, StoreError> {
    let tx = db.transaction(MEMBERS).build()?;
    let store = tx.object_store(MEMBERS)?;
    let members = store.get_all::<Member>().serde()?.await?.collect::<indexed_db_futures::Result<Vec<_>>>()?;
    Ok(members)
}

/// Members on one branch's roll (through the `by_branch` index).
pub async fn list_branch_members(db: &Database, branch: &str) -> Result<Vec<Member>, StoreError> {
    let tx = db.transaction(MEMBERS).build()?;
    Ok(all_in_index(&tx, MEMBERS, MEMBERS_BY_BRANCH, branch).await?)
}

/// Creates or updates an org (a move is an update of `parent`), after validating it against
/// the orgs in the same transaction. Returns the record as saved.
pub async fn save_org(db: &Database, org: Org, today: Date) -> Result<Org, SaveError> {
    let tx = write_tx(db, [ORGS, HISTORY])?;
    let store = tx.object_store(ORGS)?;
    let all = all_orgs(&tx).await?;
    let before = all.iter().find(|o| o.id == org.id).cloned();
    let org = org::validate_org(org, &all, today).map_err(SaveError::Invalid)?;
    store.put(&org).serde()?.await?;
    let action = if before.is_some() { "org.update" } else { "org.create" };
    record_change(&tx, action, &org.id, before.as_ref(), Some(&org)).await?;
    super::error::commit(tx).await?;
    Ok(org)
}

/// Archives (or restores, with `archived = false`) an org together with its party groups,
/// following [`org::archive_plan`] and [`org::restore_plan`]. Returns the org as saved.
pub async fn set_archived(db: &Database, id: &str, archived: bool, today: Date) -> Result<Org, SaveError> {
    let tx = write_tx(db, [ORGS, HISTORY])?;
    let store = tx.object_store(ORGS)?;
    let all = all_orgs(&tx).await?;
    if !all.iter().any(|o| o.id == id) {
        return Err(StoreError::NotFound(id.to_string()).into());
    }
    let ids = if archived { org::archive_plan(id, &all) } else { org::restore_plan(id, &all, today) }
        .map_err(SaveError::Invalid)?;
    let action = if archived { "org.archive" } else { "org.restore" };
    for before in all.iter().filter(|o| ids.contains(&o.id)) {
        let after = Org { archived, ..before.clone() };
        store.put(&after).serde()?.await?;
        record_change(&tx, action, &after.id, Some(before), Some(&after)).await?;
    }
    super::error::commit(tx).await?;
    let saved = all.into_iter().find(|o| o.id == id).map(|o| Org { archived, ..o });
    saved.ok_or_else(|| StoreError::NotFound(id.to_string()).into())
}

/// Creates or updates a member after validating it against the orgs.
pub async fn save_member(db: &Database, member: Member, today: Date) -> Result<Member, SaveError> {
    let tx = write_tx(db, [ORGS, MEMBERS, HISTORY])?;
    let orgs = all_orgs(&tx).await?;
    let store = tx.object_store(MEMBERS)?;
    let before: Option<Member> = store.get(member.id.clone()).serde()?.await?;
    let member = org::validate_member(member, &orgs, today).map_err(SaveError::Invalid)?;
    store.put(&member).serde()?.await?;
    let action = if before.is_some() { "member.update" } else { "member.create" };
    record_change(&tx, action, &member.id, before.as_ref(), Some(&member)).await?;
    super::error::commit(tx).await?;
    Ok(member)
}

/// Moves a member to another branch's roll.
pub async fn transfer_member(db: &Database, member_id: &str, to_branch: &str) -> Result<Member, SaveError> {
    let tx = write_tx(db, [ORGS, MEMBERS, HISTORY])?;
    let orgs = all_orgs(&tx).await?;
    let store = tx.object_store(MEMBERS)?;
    let before: Member =
        store.get(member_id.to_string()).serde()?.await?.ok_or_else(|| StoreError::NotFound(member_id.to_string()))?;
    let after = org::transfer_member(&before, to_branch, &orgs).map_err(SaveError::Invalid)?;
    store.put(&after).serde()?.await?;
    record_change(&tx, "member.transfer", member_id, Some(&before), Some(&after)).await?;
    super::error::commit(tx).await?;
    Ok(after)
}

/// The change history, oldest first.
pub async fn list_history(db: &Database) -> Result<Vec<HistoryEntry>, StoreError> {
    let tx = db.transaction(HISTORY).build()?;
    let entries = tx
        .object_store(HISTORY)?
        .get_all::<HistoryEntry>()
        .serde()?
        .await?
        .collect::<indexed_db_futures::Result<Vec<_>>>()?;
    Ok(entries)
}

/// The plan of a spreadsheet import against the stored registry, without writing anything
/// (the preview). Ids of new records here are placeholders; [`import_orgs_and_members`] plans
/// again inside its transaction.
pub async fn preview_sheet_import(
    db: &Database,
    kind: ImportKind,
    sheet: &Sheet,
    mapping: &Mapping,
    today: Date,
) -> Result<Plan, SheetImportError> {
    let orgs = list_orgs(db).await?;
    let members = list_members(db).await?;
    let mut n = 0;
    let mut placeholder = || {
        n += 1;
        format!("new-{n}")
    };
    let stored = Stored { orgs: &orgs, members: &members, ..Stored::default() };
    sheet_import::plan(kind, sheet, mapping, stored, today, &mut placeholder).map_err(SheetImportError::Invalid)
}

/// Imports a spreadsheet of organisations or members (docs/FORMAT.md §12) in **one**
/// transaction: the registry is read, the import planned against it (refused as a whole while
/// any row is wrong), every new record added and every changed one put, each with its history
/// entry (`org.import` / `member.import`, the file named in `reason`), then committed. A record
/// created is *added*, so a clash with an existing key aborts everything. Returns the plan as
/// written; importing the same file again writes nothing.
pub async fn import_orgs_and_members(
    db: &Database,
    kind: ImportKind,
    sheet: &Sheet,
    mapping: &Mapping,
    file_name: &str,
    today: Date,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Plan, SheetImportError> {
    let tx = write_tx(db, [ORGS, MEMBERS, HISTORY])?;
    let orgs = all_orgs(&tx).await?;
    let members = tx
        .object_store(MEMBERS)?
        .get_all::<Member>()
        .serde()?
        .await?
        .collect::<indexed_db_futures::Result<Vec<_>>>()?;
    let stored = Stored { orgs: &orgs, members: &members, ..Stored::default() };
    let plan = sheet_import::plan(kind, sheet, mapping, stored, today, new_id).map_err(SheetImportError::Invalid)?;
    if plan.is_noop() {
        return Ok(plan);
    }
    let reason = Some(format!("spreadsheet import: {file_name}"));
    let org_store = tx.object_store(ORGS)?;
    let member_store = tx.object_store(MEMBERS)?;
    // In the file's order: IndexedDB checks keys, not references, so a new parent may follow
    // its child within the transaction.
    for change in plan.orgs.iter().filter(|c| c.action != Action::Unchanged) {
        if change.action == Action::Create {
            org_store.add(&change.after).serde()?.await?;
        } else {
            org_store.put(&change.after).serde()?.await?;
        }
        let entry = HistoryEntry {
            reason: reason.clone(),
            ..history_entry("org.import", &change.after.id, change.before.as_ref(), Some(&change.after))
        };
        append_history(&tx, &entry).await?;
    }
    for change in plan.members.iter().filter(|c| c.action != Action::Unchanged) {
        if change.action == Action::Create {
            member_store.add(&change.after).serde()?.await?;
        } else {
            member_store.put(&change.after).serde()?.await?;
        }
        let entry = HistoryEntry {
            reason: reason.clone(),
            ..history_entry("member.import", &change.after.id, change.before.as_ref(), Some(&change.after))
        };
        append_history(&tx, &entry).await?;
    }
    super::error::commit(tx).await?;
    Ok(plan)
}
