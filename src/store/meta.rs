//! Settings and bookkeeping as key–value records, plus the first-start demo data.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};

use super::schema::{HISTORY, MEMBERS, META, ORGS};
use super::{Database, StoreError};
use crate::domain::demo;
use crate::domain::org::{Member, Org};

#[derive(Serialize, Deserialize)]
struct Setting {
    key: String,
    value: String,
}

/// Key under which the UI language is kept.
pub const LOCALE: &str = "locale";
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
    tx.commit().await?;
    Ok(())
}

/// On the very first start (no orgs, never seeded) writes the demo organisation in one
/// transaction. Returns whether it did.
pub async fn seed_demo_if_empty(db: &Database) -> Result<bool, StoreError> {
    let tx = db
        .transaction([META, ORGS, MEMBERS, HISTORY])
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
    meta.put(Setting { key: DEMO_SEEDED.into(), value: super::now_iso() })
        .serde()?
        .await?;
    tx.commit().await?;
    Ok(true)
}
