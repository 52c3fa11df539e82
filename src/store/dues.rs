//! Party dues (党费): one record per member and month in `dues` (key `member|YYYY-MM`, index
//! `by_branch`). A month's grid is saved in one transaction: every row is checked against the
//! branch's roll read inside it ([`validate_month`]), and one bad row refuses the whole entry.
//! Each changed record leaves a history entry (`dues.save`, target the key).

use super::error::{commit, StoreError, WriteError};
pub use super::records::DuesRecord;
use super::schema::{BY_BRANCH, DUES, HISTORY, MEMBERS, MEMBERS_BY_BRANCH};
use super::tx::{all_in_index, record_change, write_tx};
use crate::domain::members::dues::{validate_month, Dues, RowProblem};
use crate::domain::org::Member;
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;

/// Why a month's entry was not written: its rows' problems, or storage.
pub type DuesError = WriteError<Vec<RowProblem>>;

/// Every dues record of every branch.
pub async fn list_dues(db: &Database) -> Result<Vec<Dues>, StoreError> {
    let tx = db.transaction(DUES).build()?;
    let records = tx.object_store(DUES)?.get_all::<DuesRecord>().serde()?.await?;
    Ok(records.map(|r| r.map(|r| r.dues)).collect::<Result<_, _>>()?)
}

/// One branch's dues records (all months), through the `by_branch` index.
pub async fn branch_dues(db: &Database, branch: &str) -> Result<Vec<Dues>, StoreError> {
    let tx = db.transaction(DUES).build()?;
    let records: Vec<DuesRecord> = all_in_index(&tx, DUES, BY_BRANCH, branch).await?;
    Ok(records.into_iter().map(|r| r.dues).collect())
}

/// Saves `branch`'s entry for `month` in one transaction — all rows or none. Returns how many
/// records changed (unchanged rows are not rewritten).
pub async fn save_month(
    db: &Database,
    branch: &str,
    month: Month,
    rows: Vec<Dues>,
    today: Date,
) -> Result<usize, DuesError> {
    let tx = write_tx(db, [MEMBERS, DUES, HISTORY])?;
    let roll: Vec<Member> = all_in_index(&tx, MEMBERS, MEMBERS_BY_BRANCH, branch).await?;
    let rows = validate_month(rows, branch, month, &roll, today).map_err(WriteError::Invalid)?;
    let store = tx.object_store(DUES)?;
    let mut written = 0;
    for dues in rows {
        let key = dues.key();
        let before: Option<DuesRecord> = store.get(key.clone()).serde()?.await?;
        let before = before.map(|r| r.dues);
        if before.as_ref() == Some(&dues) {
            continue;
        }
        store.put(DuesRecord { key: key.clone(), dues: dues.clone() }).serde()?.await?;
        record_change(&tx, "dues.save", &key, before.as_ref(), Some(&dues)).await?;
        written += 1;
    }
    commit(tx).await?;
    Ok(written)
}
