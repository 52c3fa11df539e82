//! Mobile members (流动党员): a member's times away, each one record of `mobile_periods` with its
//! two-monthly reports inside it. Starting a period sets the member's roll status to
//! [`MemberStatus::Mobile`] and the return restores the status kept in the period — each in the
//! same transaction as the period's write, with a history entry for both (targets: the period id
//! and the member id).

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;

use super::error::{commit, StoreError, WriteError};
use super::schema::{BY_BRANCH, BY_MEMBER, HISTORY, MEMBERS, MOBILE_PERIODS};
use super::tx::{all_in_index, record_change, write_tx};
use crate::domain::members::mobile::{
    add_report as add_report_rule, end_period, validate_period, MobilePeriod, MobileProblems, MobileReport,
};
use crate::domain::org::{Member, MemberStatus};
use crate::domain::values::date::Date;

/// Why a period, a report or a return was not written.
pub type MobileError = WriteError<MobileProblems>;

/// Every mobile period, returned ones included (the dashboard lists the overdue ones).
pub async fn list_periods(db: &Database) -> Result<Vec<MobilePeriod>, StoreError> {
    let tx = db.transaction(MOBILE_PERIODS).build()?;
    Ok(tx.object_store(MOBILE_PERIODS)?.get_all::<MobilePeriod>().serde()?.await?.collect::<Result<_, _>>()?)
}

/// One branch's periods, through the `by_branch` index.
pub async fn branch_periods(db: &Database, branch: &str) -> Result<Vec<MobilePeriod>, StoreError> {
    let tx = db.transaction(MOBILE_PERIODS).build()?;
    Ok(all_in_index(&tx, MOBILE_PERIODS, BY_BRANCH, branch).await?)
}

/// Starts a period (history `mobile.start`, and `member.mobile` on the member, whose status
/// becomes Mobile) or edits an open one's details (`mobile.update`), validated against the
/// member as on the roll and their other periods read in the same transaction.
pub async fn save_period(db: &Database, period: MobilePeriod, today: Date) -> Result<MobilePeriod, MobileError> {
    let tx = write_tx(db, [MEMBERS, MOBILE_PERIODS, HISTORY])?;
    let member: Option<Member> = tx.object_store(MEMBERS)?.get(period.member.clone()).serde()?.await?;
    let others: Vec<MobilePeriod> = all_in_index(&tx, MOBILE_PERIODS, BY_MEMBER, &period.member).await?;
    let before = others.iter().find(|p| p.id == period.id).cloned();
    let period = validate_period(period, member.as_ref(), &others, today).map_err(WriteError::Invalid)?;
    tx.object_store(MOBILE_PERIODS)?.put(&period).serde()?.await?;
    let action = if before.is_some() { "mobile.update" } else { "mobile.start" };
    record_change(&tx, action, &period.id, before.as_ref(), Some(&period)).await?;
    if before.is_none() {
        if let Some(member) = member {
            set_status(&tx, member, MemberStatus::Mobile, "member.mobile").await?;
        }
    }
    commit(tx).await?;
    Ok(period)
}

/// Adds a report to an open period (history `mobile.report`).
pub async fn add_report(
    db: &Database,
    period: &str,
    report: MobileReport,
    today: Date,
) -> Result<MobilePeriod, MobileError> {
    let tx = write_tx(db, [MOBILE_PERIODS, HISTORY])?;
    let before = stored(&tx, period).await?;
    let after = add_report_rule(before.clone(), report, today).map_err(WriteError::Invalid)?;
    tx.object_store(MOBILE_PERIODS)?.put(&after).serde()?.await?;
    record_change(&tx, "mobile.report", period, Some(&before), Some(&after)).await?;
    commit(tx).await?;
    Ok(after)
}

/// Ends an open period on `returned_on` (history `mobile.return`) and gives the member back the
/// status they had before (`member.return`); the period stays as history.
pub async fn return_member(
    db: &Database,
    period: &str,
    returned_on: Date,
    today: Date,
) -> Result<MobilePeriod, MobileError> {
    let tx = write_tx(db, [MEMBERS, MOBILE_PERIODS, HISTORY])?;
    let before = stored(&tx, period).await?;
    let after = end_period(before.clone(), returned_on, today).map_err(WriteError::Invalid)?;
    tx.object_store(MOBILE_PERIODS)?.put(&after).serde()?.await?;
    record_change(&tx, "mobile.return", period, Some(&before), Some(&after)).await?;
    let member: Option<Member> = tx.object_store(MEMBERS)?.get(after.member.clone()).serde()?.await?;
    // Only a member still marked mobile is changed: a transfer since then is not undone.
    if let Some(member) = member.filter(|m| m.status == MemberStatus::Mobile) {
        set_status(&tx, member, after.status_before, "member.return").await?;
    }
    commit(tx).await?;
    Ok(after)
}

async fn stored(tx: &Transaction<'_>, id: &str) -> Result<MobilePeriod, StoreError> {
    let period: Option<MobilePeriod> = tx.object_store(MOBILE_PERIODS)?.get(id.to_string()).serde()?.await?;
    period.ok_or_else(|| StoreError::NotFound(id.to_string()))
}

async fn set_status(
    tx: &Transaction<'_>,
    before: Member,
    status: MemberStatus,
    action: &str,
) -> indexed_db_futures::Result<()> {
    let after = Member { status, ..before.clone() };
    tx.object_store(MEMBERS)?.put(&after).serde()?.await?;
    record_change(tx, action, &after.id, Some(&before), Some(&after)).await
}
