//! Enterprise requests (企业有话说). One transaction per action; [`validate_request`] runs
//! against the unit registry read inside it; every change leaves a history entry (target: the
//! request id; `request.create`, `request.update`, `request.delete`).

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;

use super::error::{commit, StoreError, WriteError};
use super::schema::{BY_UNIT, HISTORY, REQUESTS, UNITS};
use super::tx::{all_in_index, record_change, write_tx};
use crate::domain::requests::{validate_request, Problem, Request};
use crate::domain::units::unit::Unit;
use crate::domain::values::date::Date;

/// Why a request was not written.
pub type RequestError = WriteError<Vec<Problem>>;

/// Every request, by id.
pub async fn list_requests(db: &Database) -> Result<Vec<Request>, StoreError> {
    let tx = db.transaction(REQUESTS).build()?;
    Ok(tx.object_store(REQUESTS)?.get_all::<Request>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?)
}

/// The requests of one unit, through the `by_unit` index.
pub async fn requests_of(db: &Database, unit: &str) -> Result<Vec<Request>, StoreError> {
    let tx = db.transaction(REQUESTS).build()?;
    Ok(all_in_index(&tx, REQUESTS, BY_UNIT, unit).await?)
}

/// Creates or updates a request — a step taken or corrected — validated against the registry
/// read in the same transaction. Returns it as saved (texts trimmed).
pub async fn save_request(db: &Database, request: Request, today: Date) -> Result<Request, RequestError> {
    let tx = write_tx(db, [UNITS, REQUESTS, HISTORY])?;
    let units: Vec<Unit> =
        tx.object_store(UNITS)?.get_all::<Unit>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    let request = validate_request(request, &units, today).map_err(WriteError::Invalid)?;
    let store = tx.object_store(REQUESTS)?;
    let before: Option<Request> = store.get(request.id.clone()).serde()?.await?;
    store.put(&request).serde()?.await?;
    let action = if before.is_some() { "request.update" } else { "request.create" };
    record_change(&tx, action, &request.id, before.as_ref(), Some(&request)).await?;
    commit(tx).await?;
    Ok(request)
}

/// Deletes a request entered by mistake, keeping it in the history.
pub async fn delete_request(db: &Database, id: &str) -> Result<Request, StoreError> {
    let tx = write_tx(db, [REQUESTS, HISTORY])?;
    let store = tx.object_store(REQUESTS)?;
    let before: Request =
        store.get(id.to_string()).serde()?.await?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    store.delete(id.to_string()).await?;
    record_change(&tx, "request.delete", id, Some(&before), None).await?;
    commit(tx).await?;
    Ok(before)
}
