//! Shared readers and small writes over an open transaction — the active rubric, settings, the
//! org tree, everything ratings are computed from — so every use case that needs them inside
//! its own transaction reads them the same way.

use indexed_db_futures::cursor::CursorDirection;
use indexed_db_futures::database::{Database, ObjectStoreName};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};

use super::error::{commit, StoreError};
use serde::Serialize;

use super::records::{history_entry, EvaluationRecord, FiveHavesRecord, HistoryEntry, RubricRecord, Setting};
use super::schema::{
    EVALUATIONS, FIVE_HAVES, HISTORY, HISTORY_BY_TARGET, META, ORGS, RECTIFICATIONS, REVIEWS, RUBRICS,
};
use crate::domain::device::settings::{ACTIVE_RUBRIC, COMMEND_RULE, REVIEWER};
use crate::domain::files::import::FiveHavesTable;
use crate::domain::org::Org;
use crate::domain::rating::dataset::RatingsData;
use crate::domain::rating::rubric::Rubric;
use crate::domain::review::quarter::{CommendRule, QuarterReview};
use crate::domain::review::rectification::Rectification;
use crate::domain::trust::chain;
use crate::domain::values::period::Quarter;

/// Reads a setting.
pub async fn get_setting(db: &Database, key: &str) -> Result<Option<String>, StoreError> {
    let tx = db.transaction(META).build()?;
    let setting: Option<Setting> = tx.object_store(META)?.get(key.to_string()).serde()?.await?;
    Ok(setting.map(|s| s.value))
}

/// Writes a setting.
pub async fn set_setting(db: &Database, key: &str, value: &str) -> Result<(), StoreError> {
    let tx = db.transaction(META).with_mode(TransactionMode::Readwrite).build()?;
    tx.object_store(META)?.put(Setting { key: key.into(), value: value.into() }).serde()?.await?;
    commit(tx).await?;
    Ok(())
}

/// This browser's device id, named in the packages it makes: made once (a random UUID) and
/// kept in the settings.
pub async fn device_id(db: &Database) -> Result<String, StoreError> {
    use crate::domain::device::settings::DEVICE_ID;
    if let Some(id) = get_setting(db, DEVICE_ID).await?.filter(|id| !id.is_empty()) {
        return Ok(id);
    }
    let id = super::clock::new_id();
    set_setting(db, DEVICE_ID, &id).await?;
    Ok(id)
}

/// A read-write transaction over `stores`: every write use case starts with one.
pub fn write_tx<S: ObjectStoreName>(db: &Database, stores: S) -> indexed_db_futures::Result<Transaction<'_>> {
    db.transaction(stores).with_mode(TransactionMode::Readwrite).build()
}

/// Every org, archived ones included, inside a transaction that includes ORGS.
pub async fn all_orgs(tx: &Transaction<'_>) -> indexed_db_futures::Result<Vec<Org>> {
    list_orgs_in(tx)?.await?.collect()
}

/// Appends the history entry of a change of `target` (`before` → `after`, as JSON) inside a
/// transaction that includes HISTORY — the record of every write.
pub async fn record_change<T: Serialize>(
    tx: &Transaction<'_>,
    action: &str,
    target: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> indexed_db_futures::Result<()> {
    append_history(tx, &history_entry(action, target, before, after)).await
}

/// A setting read inside an open transaction that includes META.
pub async fn setting_in(tx: &Transaction<'_>, key: &str) -> indexed_db_futures::Result<Option<String>> {
    let setting: Option<Setting> = tx.object_store(META)?.get(key.to_string()).serde()?.await?;
    Ok(setting.map(|s| s.value))
}

/// The key of the active rubric, and the rubric (the default one should the setting or the
/// record be missing), inside a transaction that includes META and RUBRICS.
pub async fn active_rubric_in(tx: &Transaction<'_>) -> indexed_db_futures::Result<(String, Rubric)> {
    let key = setting_in(tx, ACTIVE_RUBRIC).await?.unwrap_or_default();
    Ok((key.clone(), rubric_in(tx, &key).await?))
}

/// The rubric version stored under `key`, or the default rubric should it be missing.
pub async fn rubric_in(tx: &Transaction<'_>, key: &str) -> indexed_db_futures::Result<Rubric> {
    let record: Option<RubricRecord> = tx.object_store(RUBRICS)?.get(key.to_string()).serde()?.await?;
    Ok(record.map_or_else(Rubric::default_rubric, |r| r.rubric))
}

/// Every record of `store` whose `index` key is `key`, inside a transaction over `store`: the
/// one way the areas read by an index (a branch's members or ledger, a month's sheets, …).
pub async fn all_in_index<T: serde::de::DeserializeOwned>(
    tx: &Transaction<'_>,
    store: &str,
    index: &str,
    key: &str,
) -> indexed_db_futures::Result<Vec<T>> {
    tx.object_store(store)?
        .index(index)?
        .get_all::<T>()
        .with_query::<String, _>(key.to_string())
        .serde()?
        .await?
        .collect()
}

/// One record's history, oldest first, inside a transaction that includes HISTORY (through the
/// `by_target` index: no scan of the whole history).
pub async fn history_of_in(tx: &Transaction<'_>, target: &str) -> indexed_db_futures::Result<Vec<HistoryEntry>> {
    all_in_index(tx, HISTORY, HISTORY_BY_TARGET, target).await
}

/// Appends `entry` to the change history inside a transaction that includes HISTORY, sealed
/// as the next link of the hash chain (its own `seq` and `hash` are replaced).
pub async fn append_history(tx: &Transaction<'_>, entry: &HistoryEntry) -> indexed_db_futures::Result<()> {
    let store = tx.object_store(HISTORY)?;
    let prev = chain_head(&store).await?;
    let mut sealed = entry.clone();
    sealed.seq = None;
    sealed.hash = None;
    let link = chain::next(prev.as_ref(), &serde_json::to_value(&sealed).unwrap_or_default());
    sealed.seq = Some(link.seq);
    sealed.hash = Some(link.hash);
    store.add(&sealed).serde()?.await?;
    Ok(())
}

/// The last link of the history: the last entry's seal, read through a reverse cursor (one
/// record). A history from before the chain is read whole once, by the first append after it.
async fn chain_head(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> indexed_db_futures::Result<Option<chain::Link>> {
    let Some(mut cursor) = store.open_cursor().with_direction(CursorDirection::Prev).serde()?.await? else {
        return Ok(None);
    };
    let last: Option<serde_json::Value> = cursor.next_record_ser().await?;
    if let Some(link) = last.as_ref().and_then(chain::stored_link) {
        return Ok(Some(link));
    }
    let all: Vec<serde_json::Value> = store.get_all().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    Ok(chain::head(&all))
}

/// The request for all orgs inside an open transaction that includes the orgs store.
pub fn list_orgs_in(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
) -> indexed_db_futures::Result<indexed_db_futures::future::GetAllSerdeRequest<Org>> {
    tx.object_store(ORGS)?.get_all::<Org>().serde()
}

/// The stores [`read_ratings`] reads; a transaction calling it must include them all.
pub const RATINGS_STORES: [&str; 7] = [META, ORGS, RUBRICS, EVALUATIONS, FIVE_HAVES, REVIEWS, RECTIFICATIONS];

/// Everything ratings need, read inside an open transaction over [`RATINGS_STORES`] — shared by
/// [`load`] and by the write use cases that must plan against the very data they write.
pub async fn read_ratings(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
) -> indexed_db_futures::Result<RatingsData> {
    let orgs = list_orgs_in(tx)?.await?.collect::<indexed_db_futures::Result<Vec<_>>>()?;
    let rubrics = read_rubrics(&tx.object_store(RUBRICS)?).await?.into_iter().map(|r| (r.key, r.rubric)).collect();
    let active: Option<Setting> = tx.object_store(META)?.get(ACTIVE_RUBRIC.to_string()).serde()?.await?;
    let evaluations = tx
        .object_store(EVALUATIONS)?
        .get_all::<EvaluationRecord>()
        .serde()?
        .await?
        .collect::<indexed_db_futures::Result<Vec<_>>>()?;
    let five_haves = read_five_haves(&tx.object_store(FIVE_HAVES)?).await?;
    let (reviews, commend_rule, reviewer) = read_reviews(tx).await?;
    let rectifications = read_rectifications(tx).await?;
    Ok(RatingsData {
        orgs,
        rubrics,
        active: active.map(|s| s.value).unwrap_or_default(),
        evaluations,
        five_haves,
        reviews,
        commend_rule,
        reviewer,
        rectifications,
    })
}

pub async fn read_rubrics(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> indexed_db_futures::Result<Vec<RubricRecord>> {
    store.get_all::<RubricRecord>().serde()?.await?.collect()
}

async fn read_five_haves(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> indexed_db_futures::Result<FiveHavesTable> {
    let mut table = FiveHavesTable::new();
    for record in store.get_all::<FiveHavesRecord>().serde()?.await? {
        let record = record?;
        table.entry(record.branch).or_default().insert(record.year, record.flags);
    }
    Ok(table)
}

/// Reads the quarter reviews and the commendation rule inside a transaction that includes META
/// and REVIEWS.
pub async fn read_reviews(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
) -> indexed_db_futures::Result<(std::collections::BTreeMap<Quarter, QuarterReview>, CommendRule, String)> {
    let reviews = tx
        .object_store(REVIEWS)?
        .get_all::<QuarterReview>()
        .serde()?
        .await?
        .map(|r| r.map(|r| (r.quarter, r)))
        .collect::<indexed_db_futures::Result<_>>()?;
    let meta = tx.object_store(META)?;
    let rule: Option<Setting> = meta.get(COMMEND_RULE.to_string()).serde()?.await?;
    let rule = rule
        .and_then(|s| serde_json::from_str::<CommendRule>(&s.value).ok())
        .filter(|r| r.is_valid())
        .unwrap_or_default();
    let reviewer: Option<Setting> = meta.get(REVIEWER.to_string()).serde()?.await?;
    Ok((reviews, rule, reviewer.map(|s| s.value).unwrap_or_default()))
}

/// Every rectification task (dashboard and branch pages filter them).
pub async fn read_rectifications(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
) -> indexed_db_futures::Result<Vec<Rectification>> {
    tx.object_store(RECTIFICATIONS)?.get_all::<Rectification>().serde()?.await?.collect()
}
