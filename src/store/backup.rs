//! Backup and restore of the whole database (docs/FORMAT.md §9).
//!
//! Export reads every store in one read transaction as JS values, then — outside the
//! transaction, since reading a `Blob` is not an IndexedDB request — turns them into JSON and
//! each attachment's bytes into base64. Restore does every conversion first (base64 back to a
//! `Blob` is synchronous) and then, in **one** read-write transaction over all stores, clears
//! each store and puts every record (history with its own keys) before the single commit; any
//! error before the commit rolls everything back, so a restore either replaces all data or
//! changes nothing.

use std::collections::BTreeMap;

use indexed_db_futures::prelude::*;
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::error::StoreError;
use super::records::{history_entry, HistoryEntry, Setting};
use super::schema::DB_VERSION;
use super::schema::{HISTORY, ORGS};
use super::tx::{append_history, get_setting, set_setting, write_tx};
use crate::domain::device::settings::{BACKUP_MARK, BACKUP_REMINDER, DEVICE_ONLY as DEVICE_SETTINGS, LAST_BACKUP};
use crate::domain::files::backup::{self, Backup, KeyKind, ATTACHMENTS, META, STORES};
use indexed_db_futures::database::Database;

/// A record ready to put: its out-of-line key (history only) and its JS value.
type Prepared = (Option<JsValue>, JsValue);

fn store_names() -> Vec<&'static str> {
    STORES.iter().map(|s| s.name).collect()
}

fn js_error(what: &str) -> impl Fn(JsValue) -> StoreError + '_ {
    move |_| StoreError::Other(what.to_string())
}

/// The whole database as a [`Backup`] made at `created_at`. The device's own settings
/// ([`DEVICE_SETTINGS`]: last backup, role in use, lock-out, device id, kiosk lock) are left out: they
/// describe this browser, not the data.
pub async fn export(db: &Database, created_at: &str) -> Result<Backup, StoreError> {
    let mut raw: Vec<(&'static str, Vec<JsValue>, Vec<JsValue>)> = Vec::new();
    {
        let tx = db.transaction(store_names()).build()?;
        for spec in STORES {
            let store = tx.object_store(spec.name)?;
            let values = store.get_all::<JsValue>().await?.collect::<indexed_db_futures::Result<Vec<_>>>()?;
            let keys = match spec.key {
                KeyKind::AutoIncrement => {
                    store.get_all_keys::<JsValue>().await?.collect::<indexed_db_futures::Result<Vec<_>>>()?
                }
                KeyKind::Field(_) => Vec::new(),
            };
            raw.push((spec.name, values, keys));
        }
        // A read-only transaction has nothing to commit; it ends when dropped here.
    }

    let mut stores = BTreeMap::new();
    for (name, values, keys) in raw {
        let mut records = Vec::with_capacity(values.len());
        for (index, value) in values.iter().enumerate() {
            let record = if name == ATTACHMENTS { attachment_to_json(value).await? } else { to_json(value)? };
            if name == META && record.get("key").and_then(Value::as_str).is_some_and(|k| DEVICE_SETTINGS.contains(&k)) {
                continue;
            }
            match keys.get(index) {
                Some(key) => {
                    let key = key
                        .as_f64()
                        .filter(|k| k.fract() == 0.0 && *k >= 1.0)
                        .ok_or_else(|| StoreError::Other(format!("{name}: key {key:?} is not a whole number")))?;
                    records.push(Value::Array(vec![Value::from(key as u64), record]));
                }
                None => records.push(record),
            }
        }
        stores.insert(name.to_string(), records);
    }
    Ok(Backup::new(env!("CARGO_PKG_VERSION"), DB_VERSION, created_at, stores))
}

/// Replaces the whole database by `backup` (already checked by [`backup::parse`]), migrated to
/// this schema first. One transaction: every store cleared and refilled, then committed; on any
/// error nothing has changed. This browser's own settings ([`DEVICE_SETTINGS`]) are kept.
pub async fn restore(db: &Database, backup: Backup) -> Result<(), StoreError> {
    let backup = backup.migrated(DB_VERSION);
    let mut prepared: Vec<(&'static str, Vec<Prepared>)> = Vec::new();
    for spec in STORES {
        let mut records = Vec::new();
        for record in backup.stores.get(spec.name).into_iter().flatten() {
            records.push(match spec.key {
                KeyKind::AutoIncrement => match record.as_array().map(Vec::as_slice) {
                    Some([key, value]) => {
                        let key = key.as_f64().ok_or_else(|| StoreError::Other(format!("{}: bad key", spec.name)))?;
                        (Some(JsValue::from_f64(key)), from_json(value)?)
                    }
                    _ => return Err(StoreError::Other(format!("{}: expected [key, record]", spec.name))),
                },
                KeyKind::Field(_) if spec.name == ATTACHMENTS => (None, attachment_from_json(record)?),
                KeyKind::Field(_) => (None, from_json(record)?),
            });
        }
        prepared.push((spec.name, records));
    }

    let tx = write_tx(db, store_names())?;
    let mut kept: Vec<JsValue> = Vec::new();
    for key in DEVICE_SETTINGS {
        if let Some(value) = tx.object_store(META)?.get::<JsValue, String, _>(key.to_string()).await? {
            kept.push(value);
        }
    }
    for (name, records) in prepared {
        let store = tx.object_store(name)?;
        store.clear()?.await?;
        for (key, value) in records {
            match key {
                Some(key) => {
                    store.put(value).with_key(key).await?;
                }
                None => store.put(value).await?,
            }
        }
    }
    for value in kept {
        // A backup from before a setting became device-only may carry it: this device's wins.
        tx.object_store(META)?.put(value).await?;
    }
    // The restored data is as backed up: changes since the backup count from its history.
    let restored = tx.object_store(HISTORY)?.count().await?;
    tx.object_store(META)?.put(Setting { key: BACKUP_MARK.into(), value: restored.to_string() }).serde()?.await?;
    super::error::commit(tx).await?;
    Ok(())
}

/// Reads what a merge is planned against: every store's keys (history: each entry's identity).
/// Runs inside the caller's transaction.
async fn existing_keys(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
) -> Result<BTreeMap<String, std::collections::HashSet<String>>, StoreError> {
    let mut existing = BTreeMap::new();
    for spec in STORES.iter().filter(|s| s.name != META) {
        let store = tx.object_store(spec.name)?;
        let keys: std::collections::HashSet<String> = match spec.key {
            KeyKind::Field(_) => store
                .get_all_keys::<JsValue>()
                .await?
                .filter_map(|k| k.ok())
                .filter_map(|k| k.as_string().or_else(|| k.as_f64().map(|n| n.to_string())))
                .collect(),
            KeyKind::AutoIncrement => {
                let values = store.get_all::<JsValue>().await?.collect::<indexed_db_futures::Result<Vec<_>>>()?;
                values.iter().map(|v| to_json(v).map(|j| backup::history_identity(&j))).collect::<Result<_, _>>()?
            }
        };
        existing.insert(spec.name.to_string(), keys);
    }
    Ok(existing)
}

/// What merging `backup` would add and keep, against the data as it is now (nothing written).
pub async fn merge_preview(db: &Database, backup: &Backup) -> Result<backup::MergePlan, StoreError> {
    let backup = backup.clone().migrated(DB_VERSION);
    let tx = db.transaction(store_names()).build()?;
    let existing = existing_keys(&tx).await?;
    Ok(backup::merge_plan(&backup, &existing))
}

/// Merges `backup` (already checked) into the data: adds every record this database does not
/// have (history entries by content, under new keys), keeps every record it has, never touches
/// settings. One transaction: the plan is made from the keys read inside it, so it matches what
/// is written; a history entry `backup.merge` records the counts. Returns the plan applied.
pub async fn merge(db: &Database, backup: Backup) -> Result<backup::MergePlan, StoreError> {
    let backup = backup.migrated(DB_VERSION);
    // Everything that could be added, converted before the transaction (Blobs included), so
    // nothing but IndexedDB requests is awaited inside it.
    let mut prepared: BTreeMap<&'static str, Vec<JsValue>> = BTreeMap::new();
    for spec in STORES.iter().filter(|s| s.name != META) {
        let mut values = Vec::new();
        for record in backup.stores.get(spec.name).into_iter().flatten() {
            values.push(match spec.key {
                KeyKind::AutoIncrement => match record.as_array().map(Vec::as_slice) {
                    Some([_, entry]) => from_json(entry)?,
                    _ => return Err(StoreError::Other(format!("{}: expected [key, record]", spec.name))),
                },
                KeyKind::Field(_) if spec.name == ATTACHMENTS => attachment_from_json(record)?,
                KeyKind::Field(_) => from_json(record)?,
            });
        }
        prepared.insert(spec.name, values);
    }

    let tx = write_tx(db, store_names())?;
    let existing = existing_keys(&tx).await?;
    let plan = backup::merge_plan(&backup, &existing);
    for (name, indices) in &plan.adds {
        if name == HISTORY {
            // Each entry joins this history as its next link (the other device's seal says
            // where it stood there), marked as merged.
            let entries = backup.stores.get(HISTORY).map(Vec::as_slice).unwrap_or_default();
            for &index in indices {
                let Some([_, entry]) = entries.get(index).and_then(|e| e.as_array()).map(Vec::as_slice) else {
                    continue;
                };
                let mut entry: HistoryEntry = serde_json::from_value(entry.clone())
                    .map_err(|e| StoreError::Other(format!("history entry {index}: {e}")))?;
                entry.merged = Some(backup.created_at.clone());
                append_history(&tx, &entry).await?;
            }
            continue;
        }
        let Some(values) = prepared.get(name.as_str()) else { continue };
        let store = tx.object_store(name)?;
        for &index in indices {
            // `add`, not `put`: a key that appeared meanwhile fails the whole merge.
            store.add(values[index].clone()).await?;
        }
    }
    if plan.added() > 0 {
        let counts: BTreeMap<&String, usize> = plan.adds.iter().map(|(k, v)| (k, v.len())).collect();
        let mut entry = history_entry::<Value>("backup.merge", "backup", None, None);
        entry.after = serde_json::to_string(&counts).ok();
        entry.reason = Some(backup.created_at.clone());
        append_history(&tx, &entry).await?;
    }
    super::error::commit(tx).await?;
    Ok(plan)
}

/// Verifies the data as it is now ([`crate::domain::trust::verify`]): a backup made in memory,
/// checked by the same code as `starbranch verify` runs on a file.
pub async fn verify_now(db: &Database) -> Result<crate::domain::trust::verify::Verification, StoreError> {
    let made = export(db, &super::clock::now_iso()).await?;
    Ok(crate::domain::trust::verify::verify(&made))
}

/// Parses and checks a backup file against this app's schema (nothing is written).
pub fn check(text: &str) -> Result<Backup, backup::BackupError> {
    backup::parse(text, DB_VERSION)
}

/// When the last backup was downloaded in this browser (ISO-8601), if ever.
pub async fn last_backup(db: &Database) -> Result<Option<String>, StoreError> {
    get_setting(db, LAST_BACKUP).await
}

/// Records that a backup was downloaded at `at` (ISO-8601), and how many changes (history
/// entries) there were then, in one transaction.
pub async fn mark_backed_up(db: &Database, at: &str) -> Result<(), StoreError> {
    let tx = write_tx(db, [META, HISTORY])?;
    let changes = tx.object_store(HISTORY)?.count().await?;
    let meta = tx.object_store(META)?;
    meta.put(Setting { key: LAST_BACKUP.into(), value: at.into() }).serde()?.await?;
    meta.put(Setting { key: BACKUP_MARK.into(), value: changes.to_string() }).serde()?.await?;
    super::error::commit(tx).await?;
    Ok(())
}

/// Changes (history entries) made since the last backup in this browser; all of them if none.
pub async fn changes_since_backup(db: &Database) -> Result<u32, StoreError> {
    let mark = get_setting(db, BACKUP_MARK).await?.and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    let tx = db.transaction(HISTORY).build()?;
    let count = tx.object_store(HISTORY)?.count().await?;
    Ok(count.saturating_sub(mark))
}

/// The backup reminder's limits (defaults until changed).
pub async fn reminder_rule(db: &Database) -> Result<backup::ReminderRule, StoreError> {
    Ok(get_setting(db, BACKUP_REMINDER).await?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

/// Saves the backup reminder's limits (checked with [`backup::ReminderRule::is_valid`]).
pub async fn set_reminder_rule(db: &Database, rule: backup::ReminderRule) -> Result<(), StoreError> {
    let text = serde_json::to_string(&rule).map_err(|e| StoreError::Other(e.to_string()))?;
    set_setting(db, BACKUP_REMINDER, &text).await
}

/// Whether there is anything worth backing up (at least one organisation).
pub async fn has_data(db: &Database) -> Result<bool, StoreError> {
    let tx = db.transaction(ORGS).build()?;
    Ok(tx.object_store(ORGS)?.count().await? > 0)
}

fn to_json(value: &JsValue) -> Result<Value, StoreError> {
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| StoreError::Other(format!("record to JSON: {e}")))
}

fn from_json(value: &Value) -> Result<JsValue, StoreError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
        .map_err(|e| StoreError::Other(format!("record from JSON: {e}")))
}

/// An attachment's fields as JSON, its `Blob` as `blob_base64` with the blob's own type.
async fn attachment_to_json(value: &JsValue) -> Result<Value, StoreError> {
    let blob: web_sys::Blob = Reflect::get(value, &"blob".into())
        .ok()
        .and_then(|b| b.dyn_into().ok())
        .ok_or_else(|| StoreError::Other("attachment without a file".into()))?;
    let fields = Object::assign(&Object::new(), value.unchecked_ref());
    Reflect::delete_property(&fields, &"blob".into()).map_err(js_error("attachment fields"))?;
    let mut record = to_json(&fields)?;
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(js_error("attachment bytes"))?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    if let Some(fields) = record.as_object_mut() {
        fields.insert("blob_base64".into(), crate::domain::files::envelope::base64_encode(&bytes).into());
        fields.insert("blob_type".into(), blob.type_().into());
    }
    Ok(record)
}

/// The stored form of an attachment: its fields and a `Blob` made from `blob_base64`.
fn attachment_from_json(record: &Value) -> Result<JsValue, StoreError> {
    let mut fields = record.clone();
    let object = fields.as_object_mut().ok_or_else(|| StoreError::Other("attachment is not an object".into()))?;
    let data = object.remove("blob_base64").and_then(|d| d.as_str().map(String::from)).unwrap_or_default();
    let kind = object.remove("blob_type").and_then(|t| t.as_str().map(String::from));
    let mime = kind.or_else(|| object.get("mime").and_then(Value::as_str).map(String::from)).unwrap_or_default();
    let bytes = crate::domain::files::envelope::base64_decode(&data)
        .ok_or_else(|| StoreError::Other("attachment bytes are not base64".into()))?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&mime);
    let parts = Array::of1(&Uint8Array::from(bytes.as_slice()));
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_error("attachment file"))?;
    let value = from_json(&fields)?;
    Reflect::set(&value, &"blob".into(), &blob).map_err(js_error("attachment file"))?;
    Ok(value)
}
