//! Branch submission packages (docs/FORMAT.md §11): gathering a branch's month (and the
//! committee's statuses of a month) from the stores, reading what a received package is
//! checked and compared against, and applying the committee's merge plan of any number of
//! packages in **one** transaction with a history entry per package.
//!
//! Blobs are read and written outside the transaction's awaited requests: export reads the
//! files' bytes after the read transaction has ended; apply turns every base64 file into a
//! `Blob` (synchronous) before opening its transaction. Apply re-reads everything and re-checks
//! and re-compares every package inside its transaction, so a stale preview cannot write.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::error::{StoreError, WriteError};
use super::records::{history_entry, CompletionRecord, EvaluationRecord, RubricRecord};
use super::schema::{
    APPRAISALS, ATTACHMENTS, ATTACHMENTS_BY_RECORD, BY_BRANCH, CANDIDATES, DUES, EVALUATIONS, EVALUATIONS_BY_MONTH,
    HISTORY, KEY_TASKS, LEDGER, MEMBERS, MEMBERS_BY_BRANCH, MEMBER_POINTS, MOBILE_PERIODS, MUTUAL_SCORES, ORGS,
    REVIEWS, RUBRICS, TASK_COMPLETIONS,
};
use super::tx::{all_in_index, append_history, history_of_in, record_change, write_tx};
use crate::domain::files::envelope::base64_encode;
use crate::domain::files::package::{
    self, completion_key, sheet_key, Choices, Context, Current, Diff, MergePlan, Origin, Package, PackageAttachment,
    PackageError, PackageKind, Problem, Received, Refusal, Sheet, StatusEntry, HASH_PREFIX,
};
use crate::domain::files::package_members::{self, PackageMembers};
use crate::domain::key_task::{Completion, KeyTask};
use crate::domain::ledger::LedgerRecord;
use crate::domain::org::{Member, Org};
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::review::quarter::QuarterReview;
use crate::domain::values::period::Month;
use indexed_db_futures::database::Database;

/// Why a file could not be checked: it is refused, or storage failed.
pub type CheckError = WriteError<PackageError>;

/// Why an apply was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ApplyRefusal {
    /// Package `i` no longer passes its checks (data changed since the preview).
    Invalid(usize, Vec<Problem>),
    /// Package `i` is refused (published quarter, confirmed month).
    Refused(usize, Refusal),
}

/// Why an apply wrote nothing.
pub type ApplyError = WriteError<ApplyRefusal>;

/// The stores of the members' records a branch package carries.
const MEMBER_STORES: [&str; 7] = [MEMBERS, CANDIDATES, MOBILE_PERIODS, DUES, APPRAISALS, MUTUAL_SCORES, MEMBER_POINTS];

/// The stores an apply writes or reads.
const APPLY_STORES: [&str; 17] = [
    ORGS,
    MEMBERS,
    RUBRICS,
    EVALUATIONS,
    REVIEWS,
    LEDGER,
    ATTACHMENTS,
    KEY_TASKS,
    TASK_COMPLETIONS,
    HISTORY,
    super::schema::META,
    CANDIDATES,
    MOBILE_PERIODS,
    DUES,
    APPRAISALS,
    MUTUAL_SCORES,
    MEMBER_POINTS,
];

pub use super::tx::device_id;

async fn origin(db: &Database) -> Result<Origin, StoreError> {
    Ok(Origin {
        app_version: env!("CARGO_PKG_VERSION").into(),
        device: device_id(db).await?,
        created_at: super::clock::now_iso(),
    })
}

fn in_month(date: crate::domain::values::date::Date, month: Month) -> bool {
    Month::new(date.year(), date.month()) == Some(month)
}

/// The branch's members' records a package carries: its roll, pipeline, mobile periods,
/// appraisals, mutual scores and points items, and its dues of `month`.
async fn branch_members(db: &Database, branch: &str, month: Month) -> Result<PackageMembers, StoreError> {
    let tx = db.transaction(MEMBER_STORES).build()?;
    let dues: Vec<crate::domain::members::dues::Dues> = all_in_index(&tx, DUES, BY_BRANCH, branch).await?;
    Ok(PackageMembers {
        roll: all_in_index(&tx, MEMBERS, MEMBERS_BY_BRANCH, branch).await?,
        candidates: all_in_index(&tx, CANDIDATES, BY_BRANCH, branch).await?,
        mobile_periods: all_in_index(&tx, MOBILE_PERIODS, BY_BRANCH, branch).await?,
        dues: dues.into_iter().filter(|d| d.month == month).collect(),
        appraisals: all_in_index(&tx, APPRAISALS, BY_BRANCH, branch).await?,
        mutual_scores: all_in_index(&tx, MUTUAL_SCORES, BY_BRANCH, branch).await?,
        points: all_in_index(&tx, MEMBER_POINTS, BY_BRANCH, branch).await?,
    })
}

/// The package of `branch`'s `month`: its sheet (if any), its ledger records held in the month
/// with their files, its completions done in the month or of tasks due in it, and its members'
/// records ([`branch_members`]).
pub async fn export_branch_month(db: &Database, branch: &str, month: Month) -> Result<Package, StoreError> {
    let origin = origin(db).await?;
    let members = branch_members(db, branch, month).await?;
    let (sheet, ledger, files, completions) = {
        let tx = db.transaction([ORGS, EVALUATIONS, LEDGER, ATTACHMENTS, KEY_TASKS, TASK_COMPLETIONS]).build()?;
        let org: Option<Org> = tx.object_store(ORGS)?.get(branch.to_string()).serde()?.await?;
        if org.is_none() {
            return Err(StoreError::NotFound(branch.to_string()));
        }
        let record: Option<EvaluationRecord> =
            tx.object_store(EVALUATIONS)?.get(sheet_key(branch, month)).serde()?.await?;
        let sheet = record.map(|r| Sheet { rubric: r.rubric, evaluation: r.evaluation });
        let ledger: Vec<LedgerRecord> = all_in_index::<LedgerRecord>(&tx, LEDGER, BY_BRANCH, branch)
            .await?
            .into_iter()
            .filter(|r| in_month(r.date, month))
            .collect();
        let mut files = Vec::new();
        for record in &ledger {
            let values = tx
                .object_store(ATTACHMENTS)?
                .index(ATTACHMENTS_BY_RECORD)?
                .get_all::<JsValue>()
                .with_query::<String, _>(record.id.clone())
                .await?
                .collect::<indexed_db_futures::Result<Vec<_>>>()?;
            files.extend(values);
        }
        let tasks: Vec<KeyTask> = tx
            .object_store(KEY_TASKS)?
            .get_all::<KeyTask>()
            .serde()?
            .await?
            .collect::<indexed_db_futures::Result<_>>()?;
        let due: BTreeSet<&str> = tasks.iter().filter(|t| in_month(t.due, month)).map(|t| t.id.as_str()).collect();
        let completions: Vec<Completion> = tx
            .object_store(TASK_COMPLETIONS)?
            .get_all::<CompletionRecord>()
            .serde()?
            .await?
            .collect::<indexed_db_futures::Result<Vec<_>>>()?
            .into_iter()
            .map(|r| r.completion)
            .filter(|c| c.branch == branch && (in_month(c.done_on, month) || due.contains(c.task.as_str())))
            .collect();
        (sheet, ledger, files, completions)
    };
    let mut attachments = Vec::with_capacity(files.len());
    for value in &files {
        attachments.push(attachment_to_package(value).await?);
    }
    Ok(Package::branch_month(origin, branch, month, sheet, ledger, attachments, completions).with_members(members))
}

/// The committee's statuses of `month`: every sheet returned, confirmed or published, with the
/// reason of its latest return or reopening (from the history).
pub async fn export_statuses(db: &Database, month: Month) -> Result<Package, StoreError> {
    let origin = origin(db).await?;
    let tx = db.transaction([EVALUATIONS, HISTORY]).build()?;
    let sheets = sheets_of_month(&tx, month).await?;
    let mut statuses = Vec::new();
    for record in sheets {
        let status = record.evaluation.status;
        if !matches!(status, ReviewStatus::Returned | ReviewStatus::Confirmed | ReviewStatus::Published) {
            continue;
        }
        let reason = if status == ReviewStatus::Returned {
            let entries = history_of_in(&tx, &record.key).await?;
            // Only a return carries the return's reason (imports of this sheet name their package
            // in the same field).
            entries
                .into_iter()
                .rev()
                .find(|e| e.action == format!("evaluation.{}", crate::domain::rating::workflow::Action::Return.code()))
                .and_then(|e| e.reason)
                .unwrap_or_default()
        } else {
            String::new()
        };
        statuses.push(StatusEntry { branch: record.evaluation.branch.clone(), status, reason });
    }
    Ok(Package::statuses(origin, month, statuses))
}

async fn sheets_of_month(tx: &Transaction<'_>, month: Month) -> indexed_db_futures::Result<Vec<EvaluationRecord>> {
    all_in_index(tx, EVALUATIONS, EVALUATIONS_BY_MONTH, &month.to_string()).await
}

/// What a package is checked against, read inside a transaction over orgs, members, rubrics
/// and key tasks.
async fn read_context(tx: &Transaction<'_>) -> indexed_db_futures::Result<Context> {
    let orgs: Vec<Org> = super::tx::all_orgs(tx).await?;
    let members: Vec<Member> =
        tx.object_store(MEMBERS)?.get_all::<Member>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    let rubrics: BTreeMap<String, crate::domain::rating::rubric::Rubric> = tx
        .object_store(RUBRICS)?
        .get_all::<RubricRecord>()
        .serde()?
        .await?
        .map(|r| r.map(|r| (r.key, r.rubric)))
        .collect::<indexed_db_futures::Result<_>>()?;
    let tasks: Vec<KeyTask> =
        tx.object_store(KEY_TASKS)?.get_all::<KeyTask>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    Ok(Context { orgs, members, rubrics, tasks, today: super::clock::today() })
}

/// What the database holds where `packages` would write, inside a transaction over
/// evaluations, reviews, ledger and task completions.
async fn read_current(tx: &Transaction<'_>, packages: &[&Package]) -> indexed_db_futures::Result<Current> {
    let mut current = Current::default();
    let months: BTreeSet<Month> = packages.iter().map(|p| p.month).collect();
    for month in months {
        for record in sheets_of_month(tx, month).await? {
            current.sheets.insert(record.key.clone(), Sheet { rubric: record.rubric, evaluation: record.evaluation });
        }
    }
    let reviews: Vec<QuarterReview> = tx
        .object_store(REVIEWS)?
        .get_all::<QuarterReview>()
        .serde()?
        .await?
        .collect::<indexed_db_futures::Result<_>>()?;
    current.published = reviews.into_iter().filter(|r| r.is_published()).map(|r| r.quarter).collect();
    let ledger = tx.object_store(LEDGER)?;
    let completions = tx.object_store(TASK_COMPLETIONS)?;
    for p in packages {
        for record in &p.ledger {
            let ours: Option<LedgerRecord> = ledger.get(record.id.clone()).serde()?.await?;
            if let Some(ours) = ours {
                current.ledger.insert(ours.id.clone(), ours);
            }
        }
        for c in &p.completions {
            let key = completion_key(&c.task, &c.branch);
            let ours: Option<CompletionRecord> = completions.get(key.clone()).serde()?.await?;
            if let Some(ours) = ours {
                current.completions.insert(key, ours.completion);
            }
        }
        for record in p.members.records() {
            let ours: Option<serde_json::Value> =
                tx.object_store(record.store.store())?.get(record.key.clone()).serde()?.await?;
            // Unreadable as its type: kept as stored, so it shows as a conflict rather than vanish.
            if let Some(ours) = ours {
                let ours = package_members::normalized(record.store, &ours).unwrap_or(ours);
                current.members.insert((record.store, record.key), ours);
            }
        }
    }
    Ok(current)
}

/// Reads a package file and checks it completely against this database (nothing is written).
pub async fn check(db: &Database, text: &str) -> Result<Received, CheckError> {
    let received = package::parse(text).map_err(CheckError::Invalid)?;
    let tx = db.transaction([ORGS, MEMBERS, RUBRICS, KEY_TASKS]).build().map_err(|e| CheckError::Store(e.into()))?;
    let context = read_context(&tx).await.map_err(|e| CheckError::Store(e.into()))?;
    package::validate(&received, &context).map_err(|p| CheckError::Invalid(PackageError::Invalid(p)))?;
    Ok(received)
}

/// Each package compared with the database (read-only), for the preview; `only` limits the
/// import to one branch (a secretary's), as [`package::diff_for`] says.
pub async fn preview(db: &Database, packages: &[Received], only: Option<&str>) -> Result<Vec<Diff>, StoreError> {
    let tx = db
        .transaction([
            EVALUATIONS,
            REVIEWS,
            LEDGER,
            TASK_COMPLETIONS,
            MEMBERS,
            CANDIDATES,
            MOBILE_PERIODS,
            DUES,
            APPRAISALS,
            MUTUAL_SCORES,
            MEMBER_POINTS,
        ])
        .build()?;
    let refs: Vec<&Package> = packages.iter().map(|r| &r.package).collect();
    let current = read_current(&tx, &refs).await?;
    let mut diffs: Vec<Diff> = packages.iter().map(|r| package::diff_for(&r.package, &current, only)).collect();
    package::refuse_overlaps(&refs, &mut diffs);
    Ok(diffs)
}

/// Applies packages with the committee's choices, in **one** transaction: every package is
/// checked and compared again against the data as it is now, the merge plan is made, every
/// chosen record (sheets, ledger records with their files, completions) is written with its
/// history entry, and one history entry per package names where the data came from (kind,
/// branch, month, device, SHA-256 prefix). A refused or invalid package aborts the whole apply.
/// When every item is identical nothing is written and the empty plan is returned. `only` limits
/// the import to one branch, as in [`preview`]: the limit is applied here again, not trusted to
/// the preview.
pub async fn apply(
    db: &Database,
    packages: &[(Received, Choices)],
    only: Option<&str>,
) -> Result<MergePlan, ApplyError> {
    // Files become Blobs before the transaction opens (nothing but requests inside it).
    let mut blobs: HashMap<String, JsValue> = HashMap::new();
    for (received, _) in packages {
        for file in &received.package.attachments {
            blobs.insert(file.id.clone(), attachment_to_js(file)?);
        }
    }

    let tx = write_tx(db, APPLY_STORES)?;
    let context = read_context(&tx).await?;
    for (index, (received, _)) in packages.iter().enumerate() {
        package::validate(received, &context).map_err(|p| ApplyError::Invalid(ApplyRefusal::Invalid(index, p)))?;
    }
    let refs: Vec<&Package> = packages.iter().map(|(r, _)| &r.package).collect();
    let current = read_current(&tx, &refs).await?;
    let mut diffs: Vec<Diff> = packages.iter().map(|(r, _)| package::diff_for(&r.package, &current, only)).collect();
    package::refuse_overlaps(&refs, &mut diffs);
    for (index, diff) in diffs.iter().enumerate() {
        if let Some(refusal) = &diff.refusal {
            return Err(ApplyError::Invalid(ApplyRefusal::Refused(index, refusal.clone())));
        }
    }
    let inputs: Vec<(&Received, &Diff, &Choices)> =
        packages.iter().zip(&diffs).map(|((received, choices), diff)| (received, diff, choices)).collect();
    let plan = package::merge_plan(&inputs, &current);
    if plan.is_empty() {
        return Ok(plan);
    }
    let evaluations = tx.object_store(EVALUATIONS)?;
    for write in &plan.sheets {
        let key = sheet_key(&write.sheet.evaluation.branch, write.sheet.evaluation.month);
        let record = EvaluationRecord {
            key: key.clone(),
            rubric: write.sheet.rubric.clone(),
            evaluation: write.sheet.evaluation.clone(),
        };
        evaluations.put(&record).serde()?.await?;
        let mut entry = history_entry(
            "evaluation.package",
            &key,
            write.before.as_ref().map(|b| &b.evaluation),
            Some(&write.sheet.evaluation),
        );
        entry.reason = write.reason.clone();
        append_history(&tx, &entry).await?;
    }
    let ledger = tx.object_store(LEDGER)?;
    let files = tx.object_store(ATTACHMENTS)?;
    for write in &plan.ledger {
        ledger.put(&write.record).serde()?.await?;
        for file in &write.add_files {
            let blob = blobs.get(&file.id).cloned().ok_or_else(|| StoreError::Other(format!("file {}", file.id)))?;
            files.put(blob).await?;
        }
        for id in &write.drop_files {
            files.delete(id.clone()).await?;
        }
        record_change(&tx, "ledger.package", &write.record.id, write.before.as_ref(), Some(&write.record)).await?;
    }
    let completions = tx.object_store(TASK_COMPLETIONS)?;
    for (completion, before) in &plan.completions {
        let key = completion_key(&completion.task, &completion.branch);
        completions.put(CompletionRecord { key: key.clone(), completion: completion.clone() }).serde()?.await?;
        record_change(&tx, "key_task.package", &key, before.as_ref(), Some(completion)).await?;
    }
    for write in &plan.members {
        tx.object_store(write.store.store())?.put(&write.value).serde()?.await?;
        let action = format!("{}.package", write.store.field());
        record_change(&tx, &action, &write.key, write.before.as_ref(), Some(&write.value)).await?;
    }
    for source in &plan.sources {
        let target = match (&source.kind, &source.branch) {
            (PackageKind::BranchMonth, Some(branch)) => sheet_key(branch, source.month),
            _ => format!("statuses|{}", source.month),
        };
        let summary = serde_json::json!({
            "kind": source.kind.code(),
            "branch": source.branch,
            "month": source.month.to_string(),
            "device": source.device,
            "sha256": source.sha256,
            "created_at": source.created_at,
            "written": source.written,
        });
        let mut entry = history_entry("package.import", &target, None, Some(&summary));
        entry.reason = Some(format!(
            "{} {} · {} · sha256 {}",
            source.kind.code(),
            source.branch.as_deref().map_or_else(|| source.month.to_string(), |b| format!("{b} {}", source.month)),
            source.device,
            source.sha256.get(..HASH_PREFIX).unwrap_or(&source.sha256),
        ));
        append_history(&tx, &entry).await?;
    }
    super::error::commit(tx).await?;
    Ok(plan)
}

fn js_error(what: &str) -> impl Fn(JsValue) -> StoreError + '_ {
    move |_| StoreError::Other(what.to_string())
}

/// A stored attachment `{id, record, name, mime, size, blob}` with its bytes as base64.
async fn attachment_to_package(value: &JsValue) -> Result<PackageAttachment, StoreError> {
    let text =
        |key: &str| Reflect::get(value, &JsValue::from_str(key)).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let blob: web_sys::Blob = Reflect::get(value, &"blob".into())
        .ok()
        .and_then(|b| b.dyn_into().ok())
        .ok_or_else(|| StoreError::Other(format!("attachment {} has no file", text("id"))))?;
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(js_error("attachment bytes"))?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    Ok(PackageAttachment {
        id: text("id"),
        record: text("record"),
        name: text("name"),
        mime: text("mime"),
        size: bytes.len() as u64,
        blob_base64: base64_encode(&bytes),
        blob_type: blob.type_(),
    })
}

/// The stored form of a package's file: a plain object holding a `Blob` (as `store::ledger`).
fn attachment_to_js(file: &PackageAttachment) -> Result<JsValue, StoreError> {
    let bytes = crate::domain::files::envelope::base64_decode(&file.blob_base64)
        .ok_or_else(|| StoreError::Other(format!("file {} is not base64", file.id)))?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(if file.blob_type.is_empty() { &file.mime } else { &file.blob_type });
    let parts = Array::of1(&Uint8Array::from(bytes.as_slice()));
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_error("attachment file"))?;
    let object = Object::new();
    let set = |key: &str, value: &JsValue| {
        Reflect::set(&object, &JsValue::from_str(key), value).map_err(js_error("attachment field"))
    };
    set("id", &JsValue::from_str(&file.id))?;
    set("record", &JsValue::from_str(&file.record))?;
    set("name", &JsValue::from_str(&file.name))?;
    set("mime", &JsValue::from_str(&file.mime))?;
    set("size", &JsValue::from_f64(file.size as f64))?;
    set("blob", blob.as_ref())?;
    Ok(object.into())
}
