//! The e-ledger (电子台账): a branch's records of 三会一课 and other activities, with their
//! photos and scans.
//!
//! Records are stored through serde as the domain's [`LedgerRecord`] (attachment metadata
//! included). The files themselves cannot go through serde — a `Blob` is not data serde knows —
//! so each is stored as a plain JS object `{id, record, name, mime, size, blob}` in the
//! attachments store, put and read with indexed_db_futures' primitive (non-serde) requests.
//! IndexedDB keeps the `Blob` as it is; listing records never touches the bytes.
//!
//! Saving a record and its new files is one transaction: both land, or neither.

use std::collections::HashSet;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::error::{StoreError, WriteError};
use super::schema::{
    ATTACHMENTS, ATTACHMENTS_BY_RECORD, BY_BRANCH, HISTORY, LEDGER, MEMBERS, MEMBERS_BY_BRANCH, META, ORGS, RUBRICS,
};
use super::tx::{active_rubric_in, all_in_index, record_change, write_tx};
use crate::domain::ledger::{
    self, AttachmentMeta, LedgerField, LedgerFieldProblem, LedgerProblem, LedgerProblems, LedgerRecord, LedgerRules,
};
use crate::domain::org::{Member, Org, OrgKind};
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;
use indexed_db_futures::database::Database;

/// Why a ledger record was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum LedgerRefusal {
    /// The record breaks a rule (shown inline next to its fields).
    Problems(LedgerProblems),
    /// The branch does not exist, is not a branch, or is archived.
    BranchUnavailable,
}

/// Why a ledger record was not saved.
pub type LedgerError = WriteError<LedgerRefusal>;

/// A file chosen for a record and not stored yet.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    /// Id the stored file will have (a fresh [`super::clock::new_id`]).
    pub id: String,
    /// File name as chosen.
    pub name: String,
    /// MIME type as the browser reported it.
    pub mime: String,
    /// The bytes (a `File` is a `Blob`).
    pub blob: web_sys::Blob,
}

impl NewAttachment {
    /// The metadata the record will carry; the size is the blob's own.
    pub fn meta(&self) -> AttachmentMeta {
        AttachmentMeta {
            id: self.id.clone(),
            name: self.name.clone(),
            mime: self.mime.clone(),
            size: self.blob.size() as u64,
        }
    }
}

/// A stored attachment: its metadata, its record and the bytes.
#[derive(Debug, Clone)]
pub struct StoredAttachment {
    /// Id, name, type and size.
    pub meta: AttachmentMeta,
    /// Id of the ledger record it belongs to.
    pub record: String,
    /// The bytes, as the browser stored them.
    pub blob: web_sys::Blob,
}

/// One branch's ledger with everything its page needs, read in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct BranchLedger {
    /// The branch.
    pub branch: Org,
    /// Members on its roll (every status).
    pub members: Vec<Member>,
    /// Its records, newest first.
    pub records: Vec<LedgerRecord>,
    /// The active rubric's ledger rules.
    pub rules: LedgerRules,
}

/// Every branch's ledger at once, for the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerOverview {
    /// The org tree.
    pub orgs: Vec<Org>,
    /// Every record of every branch (metadata only), newest first.
    pub records: Vec<LedgerRecord>,
    /// The active rubric's ledger rules.
    pub rules: LedgerRules,
}

/// Reads one branch's ledger, its roll and the active ledger rules. `None` when there is no
/// org with this id.
pub async fn load_branch(db: &Database, branch: &str) -> Result<Option<BranchLedger>, StoreError> {
    let tx = db.transaction([META, RUBRICS, ORGS, MEMBERS, LEDGER]).build()?;
    let org: Option<Org> = tx.object_store(ORGS)?.get(branch.to_string()).serde()?.await?;
    let Some(org) = org else { return Ok(None) };
    let members = members_of(&tx, branch).await?;
    let records = records_of(&tx, branch).await?;
    let rules = active_rubric_in(&tx).await?.1.ledger;
    Ok(Some(BranchLedger { branch: org, members, records, rules }))
}

/// Reads every branch's records and the active ledger rules, for the overview of all branches.
pub async fn load_overview(db: &Database) -> Result<LedgerOverview, StoreError> {
    let tx = db.transaction([META, RUBRICS, ORGS, LEDGER]).build()?;
    let orgs = super::tx::all_orgs(&tx).await?;
    let mut records = all_records(&tx).await?;
    newest_first(&mut records);
    let rules = active_rubric_in(&tx).await?.1.ledger;
    Ok(LedgerOverview { orgs, records, rules })
}

/// One branch's records, newest first (through the `by_branch` index).
pub async fn list_branch(db: &Database, branch: &str) -> Result<Vec<LedgerRecord>, StoreError> {
    let tx = db.transaction(LEDGER).build()?;
    Ok(records_of(&tx, branch).await?)
}

/// The records of every branch held in `month`, by date — the monthly sheet's and the
/// calendar's view. A ledger is small (metadata only), so this reads the store and filters.
pub async fn list_month(db: &Database, month: Month) -> Result<Vec<LedgerRecord>, StoreError> {
    let tx = db.transaction(LEDGER).build()?;
    let mut records: Vec<LedgerRecord> = all_records(&tx)
        .await?
        .into_iter()
        .filter(|r| Month::new(r.date.year(), r.date.month()) == Some(month))
        .collect();
    records.sort_by(|a, b| (a.date, &a.branch, &a.id).cmp(&(b.date, &b.branch, &b.id)));
    Ok(records)
}

/// One record (its attachment metadata included), if it exists.
pub async fn get_record(db: &Database, id: &str) -> Result<Option<LedgerRecord>, StoreError> {
    let tx = db.transaction(LEDGER).build()?;
    let record: Option<LedgerRecord> = tx.object_store(LEDGER)?.get(id.to_string()).serde()?.await?;
    Ok(record)
}

/// The stored files of one record, in the order of its metadata list.
pub async fn record_attachments(db: &Database, record: &str) -> Result<Vec<StoredAttachment>, StoreError> {
    let tx = db.transaction([LEDGER, ATTACHMENTS]).build()?;
    let stored: Option<LedgerRecord> = tx.object_store(LEDGER)?.get(record.to_string()).serde()?.await?;
    let mut files: Vec<StoredAttachment> = tx
        .object_store(ATTACHMENTS)?
        .index(ATTACHMENTS_BY_RECORD)?
        .get_all::<JsValue>()
        .with_query::<String, _>(record.to_string())
        .await?
        .map(|value| value.map_err(StoreError::from).and_then(|v| from_js(&v)))
        .collect::<Result<_, _>>()?;
    let order: Vec<String> = stored.map(|r| r.attachments.into_iter().map(|a| a.id).collect()).unwrap_or_default();
    files.sort_by_key(|f| order.iter().position(|id| *id == f.meta.id).unwrap_or(usize::MAX));
    Ok(files)
}

/// One stored file with its bytes, for display or download.
pub async fn attachment(db: &Database, id: &str) -> Result<StoredAttachment, StoreError> {
    let tx = db.transaction(ATTACHMENTS).build()?;
    let value: Option<JsValue> = tx.object_store(ATTACHMENTS)?.get::<JsValue, String, _>(id.to_string()).await?;
    match value {
        Some(value) => from_js(&value),
        None => Err(StoreError::NotFound(id.to_string())),
    }
}

/// Creates or updates a ledger record together with its files, in one transaction.
///
/// The record's attachment list is not taken from `record`: it is the stored list without
/// `removed`, followed by `added` — so metadata and stored files always agree. Every new file is
/// checked ([`ledger::check_attachment`]) before anything is opened; the record is then
/// validated against the branch's roll (read in the same transaction; members the stored version
/// already lists stay valid, so a record of a member since transferred can still be corrected).
/// The record, its new files, the removal of the dropped ones and one history entry are written
/// and committed together. A full disk is reported as [`StoreError::QuotaExceeded`], with
/// nothing written. Returns the record as saved.
pub async fn save_record(
    db: &Database,
    record: LedgerRecord,
    added: Vec<NewAttachment>,
    removed: &[String],
    today: Date,
) -> Result<LedgerRecord, LedgerError> {
    let file_problems: LedgerProblems = added
        .iter()
        .filter_map(|file| {
            let meta = file.meta();
            let problem = ledger::check_attachment(meta.size, &meta.mime).err()?;
            Some(LedgerFieldProblem {
                field: LedgerField::Attachments,
                problem: LedgerProblem::Attachment { id: meta.id, problem },
            })
        })
        .collect();
    if !file_problems.is_empty() {
        return Err(LedgerError::Invalid(LedgerRefusal::Problems(file_problems)));
    }
    let bytes: f64 = added.iter().map(|f| f.blob.size()).sum();
    if bytes > 0.0 && free_space().await.is_some_and(|free| free < bytes) {
        return Err(StoreError::QuotaExceeded.into());
    }

    let result = write_record(db, record, &added, removed, today).await;
    match result {
        Err(LedgerError::Store(StoreError::Other(_)))
            if bytes > 0.0 && free_space().await.is_some_and(|free| free < bytes) =>
        {
            // A browser that aborts the commit without a QuotaExceededError on the transaction
            // (`error::commit` maps that one): the estimate tells what happened.
            Err(StoreError::QuotaExceeded.into())
        }
        other => other,
    }
}

async fn write_record(
    db: &Database,
    mut record: LedgerRecord,
    added: &[NewAttachment],
    removed: &[String],
    today: Date,
) -> Result<LedgerRecord, LedgerError> {
    let tx = write_tx(db, [ORGS, MEMBERS, LEDGER, ATTACHMENTS, HISTORY])?;
    let store = tx.object_store(LEDGER)?;
    let before: Option<LedgerRecord> = store.get(record.id.clone()).serde()?.await?;
    if let Some(before) = &before {
        // A record stays in the ledger it was written in.
        record.branch = before.branch.clone();
    }
    let org: Option<Org> = tx.object_store(ORGS)?.get(record.branch.clone()).serde()?.await?;
    if !org.is_some_and(|o| o.kind == OrgKind::Branch && !o.archived) {
        return Err(LedgerError::Invalid(LedgerRefusal::BranchUnavailable));
    }
    let mut roll: Vec<String> = members_of(&tx, &record.branch).await?.into_iter().map(|m| m.id).collect();
    if let Some(before) = &before {
        roll.extend(before.attendees.iter().cloned());
        roll.extend(before.absentees.iter().map(|a| a.member.clone()));
    }

    let removed: HashSet<&str> = removed.iter().map(String::as_str).collect();
    let kept = before.as_ref().map(|b| b.attachments.as_slice()).unwrap_or_default();
    let dropped: Vec<String> = kept.iter().filter(|a| removed.contains(a.id.as_str())).map(|a| a.id.clone()).collect();
    record.attachments = kept
        .iter()
        .filter(|a| !removed.contains(a.id.as_str()))
        .cloned()
        .chain(added.iter().map(NewAttachment::meta))
        .collect();
    let saved =
        ledger::validate_record(record, &roll, today).map_err(|p| LedgerError::Invalid(LedgerRefusal::Problems(p)))?;

    store.put(&saved).serde()?.await?;
    let files = tx.object_store(ATTACHMENTS)?;
    for file in added {
        files.put(to_js(&saved.id, file)?).await?;
    }
    for id in &dropped {
        files.delete(id.clone()).await?;
    }
    let action = if before.is_some() { "ledger.update" } else { "ledger.create" };
    record_change(&tx, action, &saved.id, before.as_ref(), Some(&saved)).await?;
    super::error::commit(tx).await?;
    Ok(saved)
}

/// Deletes a record and every stored file of it, with a history entry keeping the record as it
/// was (the files themselves are gone). Returns the deleted record.
pub async fn delete_record(db: &Database, id: &str) -> Result<LedgerRecord, StoreError> {
    let tx = write_tx(db, [LEDGER, ATTACHMENTS, HISTORY])?;
    let store = tx.object_store(LEDGER)?;
    let before: LedgerRecord =
        store.get(id.to_string()).serde()?.await?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    let files = tx.object_store(ATTACHMENTS)?;
    let keys = files
        .index(ATTACHMENTS_BY_RECORD)?
        .get_all_keys::<String>()
        .with_query::<String, _>(id.to_string())
        .await?
        .collect::<indexed_db_futures::Result<Vec<_>>>()?;
    for key in keys {
        files.delete(key).await?;
    }
    store.delete(id.to_string()).await?;
    record_change(&tx, "ledger.delete", id, Some(&before), None).await?;
    super::error::commit(tx).await?;
    Ok(before)
}

async fn members_of(tx: &Transaction<'_>, branch: &str) -> indexed_db_futures::Result<Vec<Member>> {
    all_in_index(tx, MEMBERS, MEMBERS_BY_BRANCH, branch).await
}

async fn records_of(tx: &Transaction<'_>, branch: &str) -> indexed_db_futures::Result<Vec<LedgerRecord>> {
    let mut records: Vec<LedgerRecord> = all_in_index(tx, LEDGER, BY_BRANCH, branch).await?;
    newest_first(&mut records);
    Ok(records)
}

async fn all_records(tx: &Transaction<'_>) -> indexed_db_futures::Result<Vec<LedgerRecord>> {
    tx.object_store(LEDGER)?.get_all::<LedgerRecord>().serde()?.await?.collect()
}

fn newest_first(records: &mut [LedgerRecord]) {
    records.sort_by(|a, b| (b.date, &b.id).cmp(&(a.date, &a.id)));
}

/// The stored form of a file: a plain object, so IndexedDB's structured clone keeps the Blob.
fn to_js(record: &str, file: &NewAttachment) -> Result<JsValue, StoreError> {
    let object = Object::new();
    let set = |key: &str, value: &JsValue| {
        Reflect::set(&object, &JsValue::from_str(key), value)
            .map_err(|_| StoreError::Other(format!("attachment field {key}")))
    };
    set("id", &JsValue::from_str(&file.id))?;
    set("record", &JsValue::from_str(record))?;
    set("name", &JsValue::from_str(&file.name))?;
    set("mime", &JsValue::from_str(&file.mime))?;
    set("size", &JsValue::from_f64(file.blob.size()))?;
    set("blob", file.blob.as_ref())?;
    Ok(object.into())
}

fn from_js(value: &JsValue) -> Result<StoredAttachment, StoreError> {
    let text =
        |key: &str| Reflect::get(value, &JsValue::from_str(key)).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let blob = Reflect::get(value, &JsValue::from_str("blob"))
        .ok()
        .and_then(|v| v.dyn_into::<web_sys::Blob>().ok())
        .ok_or_else(|| StoreError::Other(format!("attachment {} has no file", text("id"))))?;
    let size =
        Reflect::get(value, &JsValue::from_str("size")).ok().and_then(|v| v.as_f64()).unwrap_or_else(|| blob.size());
    Ok(StoredAttachment {
        meta: AttachmentMeta { id: text("id"), name: text("name"), mime: text("mime"), size: size as u64 },
        record: text("record"),
        blob,
    })
}

/// Bytes this site may still store, from the browser's estimate; `None` when it gives none.
/// Awaited only outside transactions.
async fn free_space() -> Option<f64> {
    let manager = web_sys::window()?.navigator().storage();
    let estimate = wasm_bindgen_futures::JsFuture::from(manager.estimate().ok()?).await.ok()?;
    let number = |key: &str| Reflect::get(&estimate, &JsValue::from_str(key)).ok()?.as_f64();
    Some(number("quota")? - number("usage").unwrap_or(0.0))
}
