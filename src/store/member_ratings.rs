//! Member ratings: a branch's 民主评议 of a year, its 互评 of a half-year, the manual items of the
//! points ledger and the committee's members setting. One transaction per action; the domain's
//! rules ([`validate_review`], [`validate_mutual`], [`validate_item`],
//! [`MemberSettings::validate`]) run on what is read inside it — the branch's roll and ledger,
//! the stored entries — and every change leaves a history entry: `appraisal.create` /
//! `appraisal.update` / `appraisal.delete` (target `member|YYYY`), `mutual.create` /
//! `mutual.update` / `mutual.delete` (target `member|YYYY-Hn`), `points.create` /
//! `points.update` / `points.delete` (target the item id), `settings.members`.
//!
//! A sheet is the whole truth for its branch and period: saving it writes every graded (scored)
//! row and deletes the stored entries of that branch and period it leaves empty — all in the
//! same transaction, so one bad row writes nothing.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;

use super::error::{commit, StoreError, WriteError};
use super::records::{AppraisalRecord, MutualRecord, Setting};
use super::schema::{
    APPRAISALS, BY_BRANCH, HISTORY, LEDGER, MEMBERS, MEMBERS_BY_BRANCH, MEMBER_POINTS, META, MUTUAL_SCORES,
};
use super::tx::{all_in_index, record_change, setting_in, write_tx};
use crate::domain::device::settings::MEMBERS as SETTINGS_KEY;
use crate::domain::ledger::LedgerRecord;
use crate::domain::members::appraisal::{appraisal_key, validate_review, DemocraticReview, MemberAppraisal};
use crate::domain::members::mutual::{validate_mutual, MutualScore, MutualSheet};
use crate::domain::members::points::{validate_item, PointsItem};
use crate::domain::members::rating_problem::Problems;
use crate::domain::members::settings::{MemberSettings, SettingsProblem};
use crate::domain::org::Member;
use crate::domain::values::date::Date;

/// Why a sheet or an item was not written.
pub type RatingsError = WriteError<Problems>;

/// Everything the ratings pages show of one branch, read in one transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BranchRatings {
    /// The branch's roll (members whose branch it is, transferred-out ones included).
    pub roll: Vec<Member>,
    /// The branch's ledger records.
    pub ledger: Vec<LedgerRecord>,
    /// The branch's appraisals, every year.
    pub appraisals: Vec<MemberAppraisal>,
    /// The branch's mutual scores, every half-year.
    pub mutual: Vec<MutualScore>,
    /// The branch's points items, every year.
    pub items: Vec<PointsItem>,
    /// The committee's members setting.
    pub settings: MemberSettings,
}

/// Reads one branch's roll, ledger, appraisals, mutual scores, points items and the setting.
pub async fn load(db: &Database, branch: &str) -> Result<BranchRatings, StoreError> {
    let tx = db.transaction([MEMBERS, LEDGER, APPRAISALS, MUTUAL_SCORES, MEMBER_POINTS, META]).build()?;
    Ok(BranchRatings {
        roll: all_in_index(&tx, MEMBERS, MEMBERS_BY_BRANCH, branch).await?,
        ledger: all_in_index(&tx, LEDGER, BY_BRANCH, branch).await?,
        appraisals: appraisals_in(&tx, branch).await?,
        mutual: mutual_in(&tx, branch).await?,
        items: all_in_index(&tx, MEMBER_POINTS, BY_BRANCH, branch).await?,
        settings: MemberSettings::read(setting_in(&tx, SETTINGS_KEY).await?.as_deref()),
    })
}

/// The committee's members setting.
pub async fn settings(db: &Database) -> Result<MemberSettings, StoreError> {
    let tx = db.transaction(META).build()?;
    Ok(MemberSettings::read(setting_in(&tx, SETTINGS_KEY).await?.as_deref()))
}

/// Saves the members setting after [`MemberSettings::validate`]; refused with every problem,
/// nothing written (history `settings.members`).
pub async fn save_settings(
    db: &Database,
    settings: MemberSettings,
) -> Result<MemberSettings, WriteError<Vec<SettingsProblem>>> {
    let settings = settings.validate().map_err(WriteError::Invalid)?;
    let tx = write_tx(db, [META, HISTORY])?;
    let before = setting_in(&tx, SETTINGS_KEY).await?;
    let after = settings.to_json();
    tx.object_store(META)?.put(Setting { key: SETTINGS_KEY.into(), value: after.clone() }).serde()?.await?;
    record_change(&tx, "settings.members", SETTINGS_KEY, before.as_ref(), Some(&after)).await?;
    commit(tx).await?;
    Ok(settings)
}

/// Saves a branch's appraisal sheet of a year in one transaction, checked against the branch's
/// roll and ledger and every stored appraisal of its members for the year (another branch's
/// included). Returns the appraisals as stored; the cleared rows' appraisals are deleted.
pub async fn save_review(
    db: &Database,
    review: &DemocraticReview,
    today: Date,
) -> Result<Vec<MemberAppraisal>, RatingsError> {
    let tx = write_tx(db, [MEMBERS, LEDGER, APPRAISALS, HISTORY])?;
    let roll: Vec<Member> = all_in_index(&tx, MEMBERS, MEMBERS_BY_BRANCH, &review.branch).await?;
    let ledger: Vec<LedgerRecord> = all_in_index(&tx, LEDGER, BY_BRANCH, &review.branch).await?;
    let store = tx.object_store(APPRAISALS)?;
    let mut stored: Vec<MemberAppraisal> =
        appraisals_in(&tx, &review.branch).await?.into_iter().filter(|a| a.year == review.year).collect();
    for row in review.rows.iter().filter(|r| r.grade.is_some()) {
        let found: Option<AppraisalRecord> = store.get(appraisal_key(&row.member, review.year)).serde()?.await?;
        if let Some(found) = found.filter(|f| f.appraisal.branch != review.branch) {
            stored.push(found.appraisal);
        }
    }
    let appraisals = validate_review(review, &roll, &ledger, &stored, today).map_err(WriteError::Invalid)?;
    for key in review.cleared(&stored) {
        let before = stored.iter().find(|a| a.key() == key);
        store.delete(key.clone()).await?;
        record_change(&tx, "appraisal.delete", &key, before, None).await?;
    }
    for appraisal in &appraisals {
        let key = appraisal.key();
        let before = stored.iter().find(|a| a.key() == key);
        if before == Some(appraisal) {
            continue;
        }
        store.put(AppraisalRecord { key: key.clone(), appraisal: appraisal.clone() }).serde()?.await?;
        let action = if before.is_some() { "appraisal.update" } else { "appraisal.create" };
        record_change(&tx, action, &key, before, Some(appraisal)).await?;
    }
    commit(tx).await?;
    Ok(appraisals)
}

/// Saves a branch's mutual-score sheet of a half-year in one transaction, checked against the
/// branch's roll. Returns the entries as stored; the emptied rows' entries are deleted.
pub async fn save_mutual(db: &Database, sheet: &MutualSheet, today: Date) -> Result<Vec<MutualScore>, RatingsError> {
    let tx = write_tx(db, [MEMBERS, MUTUAL_SCORES, HISTORY])?;
    let roll: Vec<Member> = all_in_index(&tx, MEMBERS, MEMBERS_BY_BRANCH, &sheet.branch).await?;
    let stored: Vec<MutualScore> =
        mutual_in(&tx, &sheet.branch).await?.into_iter().filter(|s| s.half == sheet.half).collect();
    let scores = validate_mutual(sheet, &roll, today).map_err(WriteError::Invalid)?;
    let store = tx.object_store(MUTUAL_SCORES)?;
    for key in sheet.cleared(&stored) {
        let before = stored.iter().find(|s| s.key() == key);
        store.delete(key.clone()).await?;
        record_change(&tx, "mutual.delete", &key, before, None).await?;
    }
    for score in &scores {
        let key = score.key();
        let before = stored.iter().find(|s| s.key() == key);
        if before == Some(score) {
            continue;
        }
        store.put(MutualRecord { key: key.clone(), score: score.clone() }).serde()?.await?;
        let action = if before.is_some() { "mutual.update" } else { "mutual.create" };
        record_change(&tx, action, &key, before, Some(score)).await?;
    }
    commit(tx).await?;
    Ok(scores)
}

/// Creates or updates a points item, checked against its branch's roll (history
/// `points.create` / `points.update`).
pub async fn save_item(db: &Database, item: PointsItem, today: Date) -> Result<PointsItem, RatingsError> {
    let tx = write_tx(db, [MEMBERS, MEMBER_POINTS, HISTORY])?;
    let roll: Vec<Member> = all_in_index(&tx, MEMBERS, MEMBERS_BY_BRANCH, &item.branch).await?;
    let item = validate_item(item, &roll, today).map_err(WriteError::Invalid)?;
    let store = tx.object_store(MEMBER_POINTS)?;
    let before: Option<PointsItem> = store.get(item.id.clone()).serde()?.await?;
    store.put(&item).serde()?.await?;
    let action = if before.is_some() { "points.update" } else { "points.create" };
    record_change(&tx, action, &item.id, before.as_ref(), Some(&item)).await?;
    commit(tx).await?;
    Ok(item)
}

/// Deletes a points item entered by mistake (history `points.delete`, the item kept in it).
pub async fn delete_item(db: &Database, id: &str) -> Result<PointsItem, StoreError> {
    let tx = write_tx(db, [MEMBER_POINTS, HISTORY])?;
    let store = tx.object_store(MEMBER_POINTS)?;
    let before: PointsItem =
        store.get(id.to_string()).serde()?.await?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    store.delete(id.to_string()).await?;
    record_change(&tx, "points.delete", id, Some(&before), None).await?;
    commit(tx).await?;
    Ok(before)
}

async fn appraisals_in(tx: &Transaction<'_>, branch: &str) -> indexed_db_futures::Result<Vec<MemberAppraisal>> {
    let records: Vec<AppraisalRecord> = all_in_index(tx, APPRAISALS, BY_BRANCH, branch).await?;
    Ok(records.into_iter().map(|r| r.appraisal).collect())
}

async fn mutual_in(tx: &Transaction<'_>, branch: &str) -> indexed_db_futures::Result<Vec<MutualScore>> {
    let records: Vec<MutualRecord> = all_in_index(tx, MUTUAL_SCORES, BY_BRANCH, branch).await?;
    Ok(records.into_iter().map(|r| r.score).collect())
}
