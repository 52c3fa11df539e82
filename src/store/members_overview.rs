//! The committee's overview of the members' work: the records
//! `domain::members::summary::branch_summaries` is computed from, read in one transaction so the
//! pipeline, dues and mobile figures are of the same moment. Read-only; each section's own area
//! file writes its records.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use serde::de::DeserializeOwned;

use super::error::StoreError;
use super::schema::{APPRAISALS, BY_BRANCH, CANDIDATES, DUES, MEMBERS, META, MOBILE_PERIODS, ORGS};
use super::tx::{all_in_index, all_orgs, setting_in};
use crate::domain::device::settings::MEMBERS as SETTINGS_KEY;
use crate::domain::members::appraisal::MemberAppraisal;
use crate::domain::members::dues::Dues;
use crate::domain::members::settings::MemberSettings;
use crate::domain::members::summary::member_shares;
use crate::domain::members::summary::MemberRecords;
use crate::domain::rating::auto_score::MemberShares;
use crate::domain::values::period::Month;

/// Reads the org tree, the roll, the pipeline, the mobile periods, the dues and the settings.
pub async fn load(db: &Database) -> Result<MemberRecords, StoreError> {
    let tx = db.transaction([ORGS, MEMBERS, CANDIDATES, MOBILE_PERIODS, DUES, META]).build()?;
    async fn all<T: DeserializeOwned>(
        tx: &indexed_db_futures::transaction::Transaction<'_>,
        store: &str,
    ) -> indexed_db_futures::Result<Vec<T>> {
        tx.object_store(store)?.get_all::<T>().serde()?.await?.collect()
    }
    Ok(MemberRecords {
        orgs: all_orgs(&tx).await?,
        members: all(&tx, MEMBERS).await?,
        candidates: all(&tx, CANDIDATES).await?,
        periods: all(&tx, MOBILE_PERIODS).await?,
        dues: all(&tx, DUES).await?,
        settings: MemberSettings::read(setting_in(&tx, SETTINGS_KEY).await?.as_deref()),
    })
}

/// The member figures `branch`'s sheet of `month` is scored on ([`member_shares`]), from its dues
/// and appraisals read by branch.
pub async fn shares_of(db: &Database, branch: &str, month: Month) -> Result<MemberShares, StoreError> {
    let tx = db.transaction([DUES, APPRAISALS]).build()?;
    let dues: Vec<Dues> = all_in_index(&tx, DUES, BY_BRANCH, branch).await?;
    let appraisals: Vec<MemberAppraisal> = all_in_index(&tx, APPRAISALS, BY_BRANCH, branch).await?;
    Ok(member_shares(&dues, &appraisals, branch, month))
}
