//! The committee's quarter: star adjustments, approval (publishing locks the quarter's months),
//! reopening, and rectification tasks — one transaction per decision, each with its history.

use indexed_db_futures::prelude::*;

use super::clock::{now_iso, today};
use super::error::{StoreError, WriteError};
use super::records::{history_entry, EvaluationRecord, Setting};
use super::schema::{EVALUATIONS, FIVE_HAVES, HISTORY, META, ORGS, RECTIFICATIONS, REVIEWS, RUBRICS};
use super::tx::{append_history, read_ratings, record_change, write_tx};
use crate::domain::device::settings::{COMMEND_RULE, REVIEWER};
use crate::domain::rating::dataset::RatingsData;
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::rating::scoring::Stars;
use crate::domain::review::quarter::{self, CommendRule, QuarterReview, ReviewError};
use crate::domain::review::rectification::{
    self, Rectification, RectificationField, RectificationProblem, RectificationStatus,
};
use crate::domain::values::date::Date;
use crate::domain::values::period::{Month, Period, Quarter};
use indexed_db_futures::database::Database;

/// Why a review decision was not written: the domain refused it, or storage failed.
pub type DecisionError = WriteError<ReviewError>;

/// Why a rectification change was not written: it breaks a rule, or storage failed.
pub type RectificationError = WriteError<Vec<(RectificationField, RectificationProblem)>>;

/// Every store a quarter decision reads or writes: the rating inputs (which include the
/// reviews) and the history.
const DECISION_STORES: [&str; 8] = [META, ORGS, RUBRICS, EVALUATIONS, FIVE_HAVES, REVIEWS, RECTIFICATIONS, HISTORY];

/// Sets one branch's stars for `quarter` with a reason, recomputing the rating from the stored
/// data inside the transaction so the adjustment is made against what is really there.
pub async fn adjust_stars(
    db: &Database,
    quarter: Quarter,
    branch: &str,
    stars: Stars,
    reason: &str,
    by: &str,
) -> Result<QuarterReview, DecisionError> {
    let tx = write_tx(db, DECISION_STORES)?;
    let data = read_ratings(&tx).await?;
    let before = data.reviews.get(&quarter).cloned();
    let mut review = before.clone().unwrap_or_else(|| QuarterReview::new(quarter));
    let rows = data.rate(Period::Quarter(quarter));
    let row = rows.iter().find(|r| r.branch == branch).ok_or(DecisionError::Invalid(ReviewError::Incomplete))?;
    review.adjust(row, stars, reason, by, &now_iso()).map_err(DecisionError::Invalid)?;
    write_review(&tx, "review.adjust", &before, &review, Some(reason)).await?;
    remember_reviewer(&tx, by).await?;
    super::error::commit(tx).await?;
    Ok(review)
}

/// Approves `quarter`: publishes the reviewed rating with the rubric versions its months were
/// scored with and locks every counted month of it (confirmed → published), in one transaction.
pub async fn publish(db: &Database, quarter: Quarter, by: &str) -> Result<QuarterReview, DecisionError> {
    let tx = write_tx(db, DECISION_STORES)?;
    let data = read_ratings(&tx).await?;
    let before = data.reviews.get(&quarter).cloned();
    let mut review = before.clone().unwrap_or_else(|| QuarterReview::new(quarter));
    let rows = data.reviewed(Period::Quarter(quarter));
    let statuses = quarter_statuses(&data, quarter);
    let mut rubrics: Vec<String> = in_quarter(&data, quarter).map(|r| r.rubric.clone()).collect();
    rubrics.sort();
    rubrics.dedup();
    review.publish(&rows, &statuses, rubrics, by, &now_iso()).map_err(DecisionError::Invalid)?;
    let published = set_month_statuses(&tx, &data, quarter, true).await?;
    crate::domain::trust::verify::seal_publication(&mut review, &published.iter().collect::<Vec<_>>(), &data.rubrics);
    write_review(&tx, "review.publish", &before, &review, None).await?;
    remember_reviewer(&tx, by).await?;
    super::error::commit(tx).await?;
    Ok(review)
}

/// Reopens a published `quarter` with a reason: its months become confirmed again (so a month
/// can then be reopened for correction), the publication stays on record.
pub async fn reopen(db: &Database, quarter: Quarter, reason: &str, by: &str) -> Result<QuarterReview, DecisionError> {
    let tx = write_tx(db, DECISION_STORES)?;
    let data = read_ratings(&tx).await?;
    let before = data.reviews.get(&quarter).cloned();
    let mut review = before.clone().ok_or(DecisionError::Invalid(ReviewError::NotPublished))?;
    review.reopen(reason, by, &now_iso()).map_err(DecisionError::Invalid)?;
    set_month_statuses(&tx, &data, quarter, false).await?;
    write_review(&tx, "review.reopen", &before, &review, Some(reason)).await?;
    remember_reviewer(&tx, by).await?;
    super::error::commit(tx).await?;
    Ok(review)
}

fn in_quarter(data: &RatingsData, quarter: Quarter) -> impl Iterator<Item = &EvaluationRecord> {
    data.evaluations.iter().filter(move |r| r.evaluation.month.quarter() == quarter)
}

fn quarter_statuses(data: &RatingsData, quarter: Quarter) -> Vec<(String, Month, ReviewStatus)> {
    in_quarter(data, quarter).map(|r| (r.evaluation.branch.clone(), r.evaluation.month, r.evaluation.status)).collect()
}

/// Sets the status of every sheet of `quarter` for its publication or reopening; returns the
/// quarter's sheets as they are now stored.
async fn set_month_statuses(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    data: &RatingsData,
    quarter: Quarter,
    published: bool,
) -> indexed_db_futures::Result<Vec<EvaluationRecord>> {
    let store = tx.object_store(EVALUATIONS)?;
    let mut stored = Vec::new();
    for record in in_quarter(data, quarter) {
        let status = quarter::month_status_after(published, record.evaluation.status);
        let mut record = record.clone();
        if status != record.evaluation.status {
            record.evaluation.status = status;
            store.put(&record).serde()?.await?;
        }
        stored.push(record);
    }
    Ok(stored)
}

async fn write_review(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    action: &str,
    before: &Option<QuarterReview>,
    after: &QuarterReview,
    reason: Option<&str>,
) -> indexed_db_futures::Result<()> {
    tx.object_store(REVIEWS)?.put(after).serde()?.await?;
    let mut entry = history_entry(action, &after.quarter.to_string(), before.as_ref(), Some(after));
    entry.reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    append_history(tx, &entry).await?;
    Ok(())
}

async fn remember_reviewer(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    by: &str,
) -> indexed_db_futures::Result<()> {
    tx.object_store(META)?.put(Setting { key: REVIEWER.into(), value: by.trim().into() }).serde()?.await?;
    Ok(())
}

/// Stores the commendation rule after checking it.
pub async fn set_commend_rule(db: &Database, rule: CommendRule) -> Result<(), StoreError> {
    if !rule.is_valid() {
        return Err(StoreError::Other("invalid commendation rule".into()));
    }
    let value = serde_json::to_string(&rule).map_err(|e| StoreError::Other(e.to_string()))?;
    super::tx::set_setting(db, COMMEND_RULE, &value).await
}

/// Creates a rectification task, after validating it, with its history entry.
pub async fn create_rectification(db: &Database, task: Rectification) -> Result<Rectification, RectificationError> {
    let problems = rectification::validate(&task);
    if !problems.is_empty() {
        return Err(RectificationError::Invalid(problems));
    }
    let tx = write_tx(db, [RECTIFICATIONS, HISTORY])?;
    tx.object_store(RECTIFICATIONS)?.put(&task).serde()?.await?;
    record_change(&tx, "rectification.create", &task.id, None, Some(&task)).await?;
    super::error::commit(tx).await?;
    Ok(task)
}

/// Moves a rectification task to `to` (with `evidence` when done), reading the stored task in
/// the same transaction.
pub async fn advance_rectification(
    db: &Database,
    id: &str,
    to: RectificationStatus,
    evidence: &str,
) -> Result<Rectification, RectificationError> {
    advance_rectification_on(db, id, to, evidence, today()).await
}

/// [`advance_rectification`] on a given day (tests pass one to reach a later quarter).
pub async fn advance_rectification_on(
    db: &Database,
    id: &str,
    to: RectificationStatus,
    evidence: &str,
    today: Date,
) -> Result<Rectification, RectificationError> {
    let tx = write_tx(db, [RECTIFICATIONS, HISTORY])?;
    let store = tx.object_store(RECTIFICATIONS)?;
    let before: Rectification = store
        .get(id.to_string())
        .serde()?
        .await?
        .ok_or_else(|| RectificationError::Store(StoreError::NotFound(id.to_string())))?;
    let after =
        rectification::advance(&before, to, evidence, today).map_err(|p| RectificationError::Invalid(vec![p]))?;
    store.put(&after).serde()?.await?;
    record_change(&tx, &format!("rectification.{}", to.code()), id, Some(&before), Some(&after)).await?;
    super::error::commit(tx).await?;
    Ok(after)
}
