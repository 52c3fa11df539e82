//! Database name, version, object stores and the migrations between versions.
//!
//! Each step only adds or transforms, guarded by `old < n`, so a database at any earlier
//! version walks every step up to [`DB_VERSION`] in one `upgradeneeded` event.
//!
//! Reaching existing stores during an upgrade: indexed_db_futures 0.6 hands the handler a
//! `Database` but not the version-change transaction, which is needed to add an index to a
//! store that already exists or to rewrite its records. Every step that needs it therefore
//! creates its new store first and takes the version-change transaction from that store
//! (`ObjectStore::transaction()`); a step that has no store to add must add a small marker
//! store for the same purpose. This keeps all migration code on the crate's typed API instead
//! of mixing in raw web-sys calls.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

use super::error::StoreError;
use super::records::{RubricRecord, Setting};
use crate::domain::device::settings::ACTIVE_RUBRIC;
use crate::domain::files::import::rubric_key;
use crate::domain::rating::rubric::Rubric;

/// The production database's name.
pub const DB_NAME: &str = "starbranch";
/// Schema version this build writes. History: 1 = orgs, members, meta;
/// 2 = + history store, orgs index `by_parent`, org `status` text → `archived` flag;
/// 3 = + rubrics, evaluations (index `by_month`), five_haves; the default rubric stored and
/// made active; 4 = + reviews, rectifications (index `by_branch`), ledger (index `by_branch`),
/// attachments (index `by_record`), key_tasks, task_completions, history index `by_target`;
/// 5 = + units (index `by_area`), shell_decisions; 6 = + instructors, assignments (index
/// `by_instructor`), instructor_reports (index `by_assignment`), year_end_reviews, requests
/// (index `by_unit`); 7 = + the member stores: candidates (发展党员), mobile_periods (index
/// `by_member`), dues, appraisals, mutual_scores, member_points — each with index `by_branch`.
pub const DB_VERSION: u32 = 7;

/// Key–value settings (`{key, value}`).
pub const META: &str = "meta";
/// Org tree nodes, keyed by `id`.
pub const ORGS: &str = "orgs";
/// Members, keyed by `id`.
pub const MEMBERS: &str = "members";
/// Append-only change history (auto-increment key).
pub const HISTORY: &str = "history";

/// Rubric versions, keyed by `key` (`default@1`).
pub const RUBRICS: &str = "rubrics";
/// Monthly evaluations, keyed by `key` (`branch|YYYY-MM`).
pub const EVALUATIONS: &str = "evaluations";
/// Five-haves flags, keyed by `key` (`branch|YYYY`).
pub const FIVE_HAVES: &str = "five_haves";

/// The committee's quarter reviews, keyed by `quarter` (`2026-Q3`) (v4).
pub const REVIEWS: &str = "reviews";
/// Rectification tasks, keyed by `id` (v4).
pub const RECTIFICATIONS: &str = "rectifications";
/// E-ledger records (三会一课 and other activities), keyed by `id` (v4).
pub const LEDGER: &str = "ledger";
/// Ledger attachments (`{id, record, name, mime, size, blob}`), keyed by `id` (v4). Kept apart
/// from the records so that listing a ledger never reads the blobs.
pub const ATTACHMENTS: &str = "attachments";
/// Key tasks assigned by the committee, keyed by `id` (v4).
pub const KEY_TASKS: &str = "key_tasks";
/// Completions of key tasks by branches, keyed by `key` (`task|branch`) (v4).
pub const TASK_COMPLETIONS: &str = "task_completions";

/// Non-public units (两新组织), keyed by `id` (v5).
pub const UNITS: &str = "units";
/// Decisions on flagged shell organisations, keyed by `key` (`org|YYYY-MM-DD`) (v5).
pub const SHELL_DECISIONS: &str = "shell_decisions";

/// The instructor pool (党建指导员), keyed by `id` (v6).
pub const INSTRUCTORS: &str = "instructors";
/// Assignments of instructors to units, keyed by `id` (v6).
pub const ASSIGNMENTS: &str = "assignments";
/// Instructors' monthly reports, keyed by `key` (`assignment|unit|YYYY-MM`) (v6).
pub const INSTRUCTOR_REPORTS: &str = "instructor_reports";
/// Year-end reviews of instructors, keyed by `key` (`instructor|YYYY`) (v6).
pub const YEAR_END_REVIEWS: &str = "year_end_reviews";
/// Enterprise requests (企业有话说), keyed by `id` (v6).
pub const REQUESTS: &str = "requests";

/// People in the development pipeline (发展党员), keyed by `id` (v7).
pub const CANDIDATES: &str = "candidates";
/// Mobile periods of members (流动党员) with their two-monthly reports, keyed by `id` (v7).
pub const MOBILE_PERIODS: &str = "mobile_periods";
/// Party dues (党费) per member and month, keyed by `key` (`member|YYYY-MM`) (v7).
pub const DUES: &str = "dues";
/// The yearly democratic appraisal (民主评议党员) per member, keyed by `key` (`member|YYYY`) (v7).
pub const APPRAISALS: &str = "appraisals";
/// Half-yearly mutual scores (党员互评) per member, keyed by `key` (`member|YYYY-H1`) (v7).
pub const MUTUAL_SCORES: &str = "mutual_scores";
/// Manual items of the members' points ledger (党员量化积分), keyed by `id` (v7).
pub const MEMBER_POINTS: &str = "member_points";

/// Index of members by their branch id.
pub const MEMBERS_BY_BRANCH: &str = "by_branch";
/// Index of orgs by their parent id (v2).
pub const ORGS_BY_PARENT: &str = "by_parent";
/// Index of evaluations by month (v3).
pub const EVALUATIONS_BY_MONTH: &str = "by_month";
/// Index by branch id of rectifications and ledger records (v4).
pub const BY_BRANCH: &str = "by_branch";
/// Index of attachments by their ledger record (v4).
pub const ATTACHMENTS_BY_RECORD: &str = "by_record";
/// Index of history entries by the changed record (v4).
pub const HISTORY_BY_TARGET: &str = "by_target";
/// Index of units by their area (属地) (v5).
pub const UNITS_BY_AREA: &str = "by_area";
/// Index of assignments by their instructor (v6).
pub const BY_INSTRUCTOR: &str = "by_instructor";
/// Index of instructor reports by their assignment (v6).
pub const BY_ASSIGNMENT: &str = "by_assignment";
/// Index of requests by their unit (v6).
pub const BY_UNIT: &str = "by_unit";
/// Index of mobile periods by their member (v7).
pub const BY_MEMBER: &str = "by_member";

/// Opens (creating or upgrading as needed) the database at the current schema version.
pub async fn open_db(name: &str) -> Result<Database, StoreError> {
    open_db_at(name, DB_VERSION).await
}

/// Opens the database at a given schema version. Tests use it to build fixtures of earlier
/// versions; the app always calls [`open_db`].
pub async fn open_db_at(name: &str, version: u32) -> Result<Database, StoreError> {
    let db = Database::open(name)
        .with_version(version)
        .with_on_upgrade_needed_fut(move |event, db| async move {
            // Versions arrive as f64 from the browser; integers make the steps matchable.
            let old = event.old_version() as u64;
            let new = event.new_version().map_or(0, |v| v as u64);
            if old < 1 && new >= 1 {
                create_v1(&db)?;
            }
            if old < 2 && new >= 2 {
                migrate_to_v2(&db).await?;
            }
            if old < 3 && new >= 3 {
                migrate_to_v3(&db).await?;
            }
            if old < 4 && new >= 4 {
                migrate_to_v4(&db)?;
            }
            if old < 5 && new >= 5 {
                migrate_to_v5(&db)?;
            }
            if old < 6 && new >= 6 {
                migrate_to_v6(&db)?;
            }
            if old < 7 && new >= 7 {
                migrate_to_v7(&db)?;
            }
            Ok(())
        })
        .await?;
    Ok(db)
}

fn create_v1(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(META).with_key_path(KeyPath::One("key")).build()?;
    db.create_object_store(ORGS).with_key_path(KeyPath::One("id")).build()?;
    let members = db.create_object_store(MEMBERS).with_key_path(KeyPath::One("id")).build()?;
    members.create_index(MEMBERS_BY_BRANCH, KeyPath::One("branch")).build()?;
    Ok(())
}

/// v1 → v2: adds the history store and the orgs-by-parent index, and rewrites every v1 org
/// record's `status: "active" | "archived"` into the `archived: bool` the domain uses.
async fn migrate_to_v2(db: &Database) -> indexed_db_futures::Result<()> {
    let history = db.create_object_store(HISTORY).with_auto_increment(true).build()?;
    let upgrade_tx = history.transaction();
    let orgs = upgrade_tx.object_store(ORGS)?;
    orgs.create_index(ORGS_BY_PARENT, KeyPath::One("parent")).build()?;

    let records =
        orgs.get_all::<serde_json::Value>().serde()?.await?.collect::<indexed_db_futures::Result<Vec<_>>>()?;
    for mut record in records {
        if let Some(fields) = record.as_object_mut() {
            if let Some(status) = fields.remove("status") {
                let archived = status.as_str() == Some("archived");
                fields.insert("archived".into(), serde_json::Value::Bool(archived));
                orgs.put(&record).serde()?.await?;
            }
        }
    }
    Ok(())
}

/// v2 → v3: adds the stores of the rating engine and stores the default rubric as the active
/// one, so every database from v3 on can be rated.
async fn migrate_to_v3(db: &Database) -> indexed_db_futures::Result<()> {
    let rubrics = db.create_object_store(RUBRICS).with_key_path(KeyPath::One("key")).build()?;
    let evaluations = db.create_object_store(EVALUATIONS).with_key_path(KeyPath::One("key")).build()?;
    evaluations.create_index(EVALUATIONS_BY_MONTH, KeyPath::One("month")).build()?;
    db.create_object_store(FIVE_HAVES).with_key_path(KeyPath::One("key")).build()?;

    let rubric = Rubric::default_rubric();
    let key = rubric_key(&rubric);
    rubrics.put(RubricRecord { key: key.clone(), rubric }).serde()?.await?;
    rubrics.transaction().object_store(META)?.put(Setting { key: ACTIVE_RUBRIC.into(), value: key }).serde()?.await?;
    Ok(())
}

/// v3 → v4: adds the stores of the quarter review, rectification, e-ledger and key tasks, and
/// indexes the history by target so one record's history is read without a full scan.
fn migrate_to_v4(db: &Database) -> indexed_db_futures::Result<()> {
    let reviews = db.create_object_store(REVIEWS).with_key_path(KeyPath::One("quarter")).build()?;
    for name in [RECTIFICATIONS, LEDGER] {
        db.create_object_store(name)
            .with_key_path(KeyPath::One("id"))
            .build()?
            .create_index(BY_BRANCH, KeyPath::One("branch"))
            .build()?;
    }
    db.create_object_store(ATTACHMENTS)
        .with_key_path(KeyPath::One("id"))
        .build()?
        .create_index(ATTACHMENTS_BY_RECORD, KeyPath::One("record"))
        .build()?;
    db.create_object_store(KEY_TASKS).with_key_path(KeyPath::One("id")).build()?;
    db.create_object_store(TASK_COMPLETIONS).with_key_path(KeyPath::One("key")).build()?;
    reviews.transaction().object_store(HISTORY)?.create_index(HISTORY_BY_TARGET, KeyPath::One("target")).build()?;
    Ok(())
}

/// v4 → v5: adds the stores of the non-public units registry and its shell decisions. Only new
/// stores: nothing existing is touched.
fn migrate_to_v5(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(UNITS)
        .with_key_path(KeyPath::One("id"))
        .build()?
        .create_index(UNITS_BY_AREA, KeyPath::One("area"))
        .build()?;
    db.create_object_store(SHELL_DECISIONS).with_key_path(KeyPath::One("key")).build()?;
    Ok(())
}

/// v5 → v6: adds the stores of instructors and enterprise requests. Only new stores.
fn migrate_to_v6(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(INSTRUCTORS).with_key_path(KeyPath::One("id")).build()?;
    db.create_object_store(ASSIGNMENTS)
        .with_key_path(KeyPath::One("id"))
        .build()?
        .create_index(BY_INSTRUCTOR, KeyPath::One("instructor"))
        .build()?;
    db.create_object_store(INSTRUCTOR_REPORTS)
        .with_key_path(KeyPath::One("key"))
        .build()?
        .create_index(BY_ASSIGNMENT, KeyPath::One("assignment"))
        .build()?;
    db.create_object_store(YEAR_END_REVIEWS).with_key_path(KeyPath::One("key")).build()?;
    db.create_object_store(REQUESTS)
        .with_key_path(KeyPath::One("id"))
        .build()?
        .create_index(BY_UNIT, KeyPath::One("unit"))
        .build()?;
    Ok(())
}

/// v6 → v7: adds the stores of the members' work (pipeline, mobile members, dues, appraisals,
/// mutual scores, points). Only new stores; the member roll itself is untouched.
fn migrate_to_v7(db: &Database) -> indexed_db_futures::Result<()> {
    for (name, key) in [
        (CANDIDATES, "id"),
        (MOBILE_PERIODS, "id"),
        (DUES, "key"),
        (APPRAISALS, "key"),
        (MUTUAL_SCORES, "key"),
        (MEMBER_POINTS, "id"),
    ] {
        let store = db.create_object_store(name).with_key_path(KeyPath::One(key)).build()?;
        store.create_index(BY_BRANCH, KeyPath::One("branch")).build()?;
        if name == MOBILE_PERIODS {
            store.create_index(BY_MEMBER, KeyPath::One("member")).build()?;
        }
    }
    Ok(())
}
