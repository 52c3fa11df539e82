//! Settings and bookkeeping as key–value records, plus the first-start demo data.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};

use super::ratings::{EvaluationRecord, FiveHavesRecord};
use super::schema::{EVALUATIONS, FIVE_HAVES, HISTORY, MEMBERS, META, ORGS, RUBRICS};
use super::{Database, StoreError};
use crate::domain::fixtures::demo;
use crate::domain::org::{Member, Org};

/// A stored setting.
#[derive(Serialize, Deserialize)]
pub(crate) struct Setting {
    pub(crate) key: String,
    pub(crate) value: String,
}

/// Key under which the UI language is kept.
pub const LOCALE: &str = "locale";
/// Key of the active rubric's storage key (`default@1`).
pub const ACTIVE_RUBRIC: &str = "active_rubric";
/// Key set once the demo organisation has been offered, so deleting it never brings it back.
pub const DEMO_SEEDED: &str = "demo_seeded";

/// Reads a setting.
pub async fn get_setting(db: &Database, key: &str) -> Result<Option<String>, StoreError> {
    let tx = db.transaction(META).build()?;
    let setting: Option<Setting> = tx.object_store(META)?.get(key.to_string()).serde()?.await?;
    Ok(setting.map(|s| s.value))
}

/// Writes a setting.
pub async fn set_setting(db: &Database, key: &str, value: &str) -> Result<(), StoreError> {
    let tx = db
        .transaction(META)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    tx.object_store(META)?
        .put(Setting { key: key.into(), value: value.into() })
        .serde()?
        .await?;
    super::error::commit(tx).await?;
    Ok(())
}

/// On the very first start (no orgs, never seeded) writes the demo organisation and a year of
/// its evaluations under the active rubric, in one transaction. Returns whether it did.
pub async fn seed_demo_if_empty(db: &Database) -> Result<bool, StoreError> {
    let tx = db
        .transaction([META, ORGS, MEMBERS, HISTORY, RUBRICS, EVALUATIONS, FIVE_HAVES])
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let meta = tx.object_store(META)?;
    let seeded: Option<Setting> = meta.get(DEMO_SEEDED.to_string()).serde()?.await?;
    let orgs = tx.object_store(ORGS)?;
    let org_count = orgs.count().await?;
    if seeded.is_some() || org_count > 0 {
        return Ok(false);
    }
    let (demo_orgs, demo_members): (Vec<Org>, Vec<Member>) = demo::organisation();
    for org in &demo_orgs {
        orgs.put(org).serde()?.await?;
    }
    let members = tx.object_store(MEMBERS)?;
    for member in &demo_members {
        members.put(member).serde()?.await?;
    }
    let active: Option<Setting> = meta.get(ACTIVE_RUBRIC.to_string()).serde()?.await?;
    let active_key = active.map(|s| s.value).unwrap_or_default();
    let rubric: Option<super::ratings::RubricRecord> =
        tx.object_store(RUBRICS)?.get(active_key.clone()).serde()?.await?;
    if let Some(rubric) = rubric {
        let (evaluations, five_haves) = demo::evaluations(&rubric.rubric);
        let store = tx.object_store(EVALUATIONS)?;
        for evaluation in evaluations {
            store.put(EvaluationRecord::new(&active_key, evaluation)).serde()?.await?;
        }
        let store = tx.object_store(FIVE_HAVES)?;
        for (branch, years) in five_haves {
            for (year, flags) in years {
                store.put(FiveHavesRecord::new(&branch, year, flags)).serde()?.await?;
            }
        }
    }
    meta.put(Setting { key: DEMO_SEEDED.into(), value: super::now_iso() })
        .serde()?
        .await?;
    super::error::commit(tx).await?;
    Ok(true)
}
