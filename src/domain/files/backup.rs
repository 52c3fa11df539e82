//! Backup files (docs/FORMAT.md §9): the whole database as one JSON document with a SHA-256
//! checksum, the checks a file must pass before it may replace the data, the migration of a
//! backup made under an older schema, and the backup reminder.
//!
//! Pure: `src/store/backup.rs` reads and writes the records; here they are plain
//! `serde_json::Value`s, so a backup depends on no record type and every rule is tested natively.
//! The checksum is computed over a canonical text this module writes itself (object members
//! sorted by key), so it does not depend on serde_json's map ordering features.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::domain::device::settings::ACTIVE_RUBRIC;
use crate::domain::files::envelope::{base64_decode, canonical, open_envelope, seal, Envelope, Located};
use crate::domain::files::import::rubric_key;
use crate::domain::rating::rubric::Rubric;
use crate::domain::values::date::Date;

/// The `format` of every backup file.
pub const FORMAT: &str = "starbranch.backup";
/// The backup format version this build reads and writes.
pub const VERSION: u64 = 1;
/// The history store: auto-increment keys, kept as `[key, record]` pairs.
pub const HISTORY: &str = "history";
/// The attachments store: each record's `blob` travels as `blob_base64`.
pub const ATTACHMENTS: &str = "attachments";
/// The orgs store: every branch reference points into it.
pub const ORGS: &str = "orgs";
/// The meta store (`{key, value}` settings).
pub const META: &str = "meta";
/// Days after which the settings page reminds the user to make a backup.
pub const REMINDER_DAYS: i64 = 30;
/// Changes after which the settings page reminds the user to make a backup, by default.
pub const REMINDER_CHANGES: u32 = 50;

/// How a store's records are keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// The key is this field of the record (in-line key path).
    Field(&'static str),
    /// Auto-increment keys outside the record; the backup keeps them as `[key, record]`.
    AutoIncrement,
}

/// One object store of the database, as a backup sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreSpec {
    /// The store's name (as in `store::schema`).
    pub name: &'static str,
    /// The schema version that added it.
    pub since: u32,
    /// How its records are keyed.
    pub key: KeyKind,
}

const fn spec(name: &'static str, since: u32, key: KeyKind) -> StoreSpec {
    StoreSpec { name, since, key }
}

/// Every object store of the current schema, in the order previews list them.
pub const STORES: [StoreSpec; 26] = [
    spec("meta", 1, KeyKind::Field("key")),
    spec("orgs", 1, KeyKind::Field("id")),
    spec("members", 1, KeyKind::Field("id")),
    spec("history", 2, KeyKind::AutoIncrement),
    spec("rubrics", 3, KeyKind::Field("key")),
    spec("evaluations", 3, KeyKind::Field("key")),
    spec("five_haves", 3, KeyKind::Field("key")),
    spec("reviews", 4, KeyKind::Field("quarter")),
    spec("rectifications", 4, KeyKind::Field("id")),
    spec("ledger", 4, KeyKind::Field("id")),
    spec("attachments", 4, KeyKind::Field("id")),
    spec("key_tasks", 4, KeyKind::Field("id")),
    spec("task_completions", 4, KeyKind::Field("key")),
    spec("units", 5, KeyKind::Field("id")),
    spec("shell_decisions", 5, KeyKind::Field("key")),
    spec("instructors", 6, KeyKind::Field("id")),
    spec("assignments", 6, KeyKind::Field("id")),
    spec("instructor_reports", 6, KeyKind::Field("key")),
    spec("year_end_reviews", 6, KeyKind::Field("key")),
    spec("requests", 6, KeyKind::Field("id")),
    spec("candidates", 7, KeyKind::Field("id")),
    spec("mobile_periods", 7, KeyKind::Field("id")),
    spec("dues", 7, KeyKind::Field("key")),
    spec("appraisals", 7, KeyKind::Field("key")),
    spec("mutual_scores", 7, KeyKind::Field("key")),
    spec("member_points", 7, KeyKind::Field("id")),
];

/// Records that name a branch (a shell decision: the org it is about): (store, field). Each must
/// name an org of the backup.
pub const BRANCH_REFERENCES: [(&str, &str); 12] = [
    ("members", "branch"),
    ("evaluations", "branch"),
    ("ledger", "branch"),
    ("rectifications", "branch"),
    ("task_completions", "branch"),
    ("shell_decisions", "org"),
    ("candidates", "branch"),
    ("mobile_periods", "branch"),
    ("dues", "branch"),
    ("appraisals", "branch"),
    ("mutual_scores", "branch"),
    ("member_points", "branch"),
];

/// The specification of a store, by name.
pub fn store_spec(name: &str) -> Option<&'static StoreSpec> {
    STORES.iter().find(|s| s.name == name)
}

/// A whole database: every store's records, read as JSON values.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    /// Version of the app that wrote it (`CARGO_PKG_VERSION`).
    pub app_version: String,
    /// Schema version (`store::DB_VERSION`) of the database it was made from.
    pub schema: u32,
    /// When it was made (ISO-8601 UTC).
    pub created_at: String,
    /// Store name → records in key order. History records are `[key, record]` pairs;
    /// attachment records carry their bytes as `blob_base64` (and `blob_type`).
    pub stores: BTreeMap<String, Vec<Value>>,
}

/// What a valid backup holds, shown before it replaces the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// Schema version of the backup.
    pub schema: u32,
    /// When it was made.
    pub created_at: String,
    /// The app version that made it.
    pub app_version: String,
    /// Records per store, in [`STORES`] order (0 for a store the backup does not have).
    pub counts: Vec<(&'static str, usize)>,
}

/// Why a file is not restored. Nothing is written in any of these cases.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BackupError {
    /// The file's envelope is refused (not JSON, cut off, another format or version, no or a
    /// wrong checksum).
    #[error(transparent)]
    Envelope(#[from] Envelope),
    /// Made by a newer app whose database this one does not know.
    #[error("schema {found} is newer than this app's schema {supported}; update the app first")]
    SchemaTooNew {
        /// Schema of the backup.
        found: u64,
        /// Schema of this app.
        supported: u32,
    },
    /// Located problems in the content (every one found).
    #[error("{}", display_problems(.0))]
    Invalid(Vec<Problem>),
}

fn display_problems(problems: &[Problem]) -> String {
    problems.iter().map(Problem::to_string).collect::<Vec<_>>().join("; ")
}

/// One located problem of a backup: where (`evaluations[12]`, `stores.orgs`, `schema`) and what.
pub type Problem = Located<ProblemKind>;

/// What is wrong at a place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    /// A required field is absent or of the wrong type.
    #[error("{field} is missing or not {expected}")]
    Missing {
        /// The field.
        field: String,
        /// What it should be ("a text", "a list" …).
        expected: &'static str,
    },
    /// `schema` is not a whole number from 1.
    #[error("schema must be a whole number from 1")]
    BadSchema,
    /// A store this app does not have.
    #[error("unknown store")]
    UnknownStore,
    /// A store the backup's schema did not have yet.
    #[error("this store was added in schema {since}, but the backup is schema {schema}")]
    StoreTooNew {
        /// Schema that added the store.
        since: u32,
        /// The backup's schema.
        schema: u32,
    },
    /// Two records with the same key.
    #[error("key {0} appears twice")]
    DuplicateKey(String),
    /// A history entry that is not `[whole number ≥ 1, object]`.
    #[error("expected [key, record] with a whole-number key")]
    BadHistoryEntry,
    /// An attachment whose bytes are not valid base64.
    #[error("blob_base64 is not valid base64")]
    BadFile,
    /// A record naming a branch the backup does not have.
    #[error("branch {0} not found")]
    DanglingBranch(String),
}

impl Backup {
    /// A backup of `stores` (history as `[key, record]` pairs) made now by this app.
    pub fn new(app_version: &str, schema: u32, created_at: &str, stores: BTreeMap<String, Vec<Value>>) -> Backup {
        Backup { app_version: app_version.into(), schema, created_at: created_at.into(), stores }
    }

    /// The document without its checksum.
    pub fn document(&self) -> Value {
        let mut fields = Map::new();
        fields.insert("format".into(), FORMAT.into());
        fields.insert("version".into(), VERSION.into());
        fields.insert("app_version".into(), self.app_version.clone().into());
        fields.insert("schema".into(), self.schema.into());
        fields.insert("created_at".into(), self.created_at.clone().into());
        let stores: Map<String, Value> =
            self.stores.iter().map(|(name, records)| (name.clone(), Value::Array(records.clone()))).collect();
        fields.insert("stores".into(), Value::Object(stores));
        Value::Object(fields)
    }

    /// The file's text: the canonical document with its `sha256`.
    pub fn to_json(&self) -> String {
        seal(self.document())
    }

    /// Records per store.
    pub fn preview(&self) -> Preview {
        Preview {
            schema: self.schema,
            created_at: self.created_at.clone(),
            app_version: self.app_version.clone(),
            counts: STORES.iter().map(|s| (s.name, self.stores.get(s.name).map_or(0, Vec::len))).collect(),
        }
    }

    /// The backup rewritten into schema `to` (≥ its own): stores added since are empty, v1 org
    /// `status` becomes the `archived` flag (as the v2 migration does), and a pre-v3 backup gets
    /// the default rubric, made active (as the v3 migration does). v4 and v5 added only stores.
    pub fn migrated(mut self, to: u32) -> Backup {
        if self.schema < 2 {
            for org in self.stores.entry(ORGS.into()).or_default() {
                if let Some(fields) = org.as_object_mut() {
                    if let Some(status) = fields.remove("status") {
                        fields.insert("archived".into(), Value::Bool(status.as_str() == Some("archived")));
                    }
                }
            }
        }
        if self.schema < 3 && to >= 3 {
            let rubric = Rubric::default_rubric();
            let key = rubric_key(&rubric);
            if let Ok(Value::Object(mut record)) = serde_json::to_value(&rubric) {
                record.insert("key".into(), key.clone().into());
                self.stores.entry("rubrics".into()).or_default().push(Value::Object(record));
            }
            let meta = self.stores.entry(META.into()).or_default();
            if !meta.iter().any(|m| m.get("key").and_then(Value::as_str) == Some(ACTIVE_RUBRIC)) {
                let mut setting = Map::new();
                setting.insert("key".into(), ACTIVE_RUBRIC.into());
                setting.insert("value".into(), key.into());
                meta.push(Value::Object(setting));
            }
        }
        for store in STORES.iter().filter(|s| s.since <= to) {
            self.stores.entry(store.name.into()).or_default();
        }
        self.schema = self.schema.max(to);
        self
    }
}

/// Parses and checks a backup file completely, against this app's schema `supported`:
/// JSON, format, version, checksum, schema (a newer one is refused, an older one accepted —
/// restore migrates it), every store and record, and every branch reference.
pub fn parse(text: &str, supported: u32) -> Result<Backup, BackupError> {
    let (fields, _) = open_envelope(text, FORMAT, VERSION)?;

    let mut problems = Vec::new();
    let schema = match fields.get("schema").map(Value::as_u64) {
        Some(Some(found)) if found > u64::from(supported) => {
            return Err(BackupError::SchemaTooNew { found, supported });
        }
        Some(Some(found)) if found >= 1 => found as u32,
        _ => {
            problems.push(Problem { at: "schema".into(), kind: ProblemKind::BadSchema });
            supported
        }
    };
    let mut text_field = |name: &str| match fields.get(name) {
        Some(Value::String(s)) => s.clone(),
        _ => {
            problems.push(missing("document", name, "a text"));
            String::new()
        }
    };
    let app_version = text_field("app_version");
    let created_at = text_field("created_at");
    let Some(Value::Object(store_fields)) = fields.get("stores") else {
        problems.push(missing("document", "stores", "an object"));
        return Err(BackupError::Invalid(problems));
    };

    let mut stores = BTreeMap::new();
    for (name, records) in store_fields {
        let at = format!("stores.{name}");
        let Some(spec) = store_spec(name) else {
            problems.push(Problem { at, kind: ProblemKind::UnknownStore });
            continue;
        };
        if spec.since > schema {
            problems.push(Problem { at, kind: ProblemKind::StoreTooNew { since: spec.since, schema } });
            continue;
        }
        let Value::Array(records) = records else {
            problems.push(missing("stores", name, "a list"));
            continue;
        };
        check_records(spec, records, &mut problems);
        stores.insert(name.clone(), records.clone());
    }
    for spec in STORES.iter().filter(|s| s.since <= schema && !store_fields.contains_key(s.name)) {
        problems.push(missing("stores", spec.name, "a list"));
    }
    check_references(&stores, &mut problems);
    if !problems.is_empty() {
        return Err(BackupError::Invalid(problems));
    }
    Ok(Backup { app_version, schema, created_at, stores })
}

fn missing(at: &str, field: &str, expected: &'static str) -> Problem {
    Problem { at: at.into(), kind: ProblemKind::Missing { field: field.into(), expected } }
}

fn check_records(spec: &StoreSpec, records: &[Value], problems: &mut Vec<Problem>) {
    let mut keys = HashSet::new();
    for (index, record) in records.iter().enumerate() {
        let at = format!("{}[{index}]", spec.name);
        let key = match spec.key {
            KeyKind::AutoIncrement => match record.as_array().map(Vec::as_slice) {
                Some([key, Value::Object(_)]) if key.as_u64().is_some_and(|k| k >= 1) => canonical(key),
                _ => {
                    problems.push(Problem { at, kind: ProblemKind::BadHistoryEntry });
                    continue;
                }
            },
            KeyKind::Field(field) => match record.get(field) {
                Some(Value::String(key)) if record.is_object() => key.clone(),
                _ => {
                    problems
                        .push(Problem { at, kind: ProblemKind::Missing { field: field.into(), expected: "a text" } });
                    continue;
                }
            },
        };
        if spec.name == ATTACHMENTS {
            match record.get("blob_base64") {
                Some(Value::String(data)) if base64_decode(data).is_some() => {}
                Some(Value::String(_)) => {
                    problems.push(Problem { at: at.clone(), kind: ProblemKind::BadFile });
                }
                _ => problems.push(Problem {
                    at: at.clone(),
                    kind: ProblemKind::Missing { field: "blob_base64".into(), expected: "a text" },
                }),
            }
        }
        if !keys.insert(key.clone()) {
            problems.push(Problem { at, kind: ProblemKind::DuplicateKey(key) });
        }
    }
}

fn check_references(stores: &BTreeMap<String, Vec<Value>>, problems: &mut Vec<Problem>) {
    let orgs: HashSet<&str> = stores
        .get(ORGS)
        .map(|orgs| orgs.iter().filter_map(|o| o.get("id").and_then(Value::as_str)).collect())
        .unwrap_or_default();
    for (store, field) in BRANCH_REFERENCES {
        for (index, record) in stores.get(store).into_iter().flatten().enumerate() {
            let at = format!("{store}[{index}]");
            match record.get(field) {
                Some(Value::String(id)) if orgs.contains(id.as_str()) => {}
                Some(Value::String(id)) => problems.push(Problem { at, kind: ProblemKind::DanglingBranch(id.clone()) }),
                _ if record.is_object() => problems
                    .push(Problem { at, kind: ProblemKind::Missing { field: field.into(), expected: "a text" } }),
                _ => {} // not an object: already reported by the key check
            }
        }
    }
}

/// The file name of a backup made on `day`: `starbranch-backup-YYYY-MM-DD.json`.
pub fn file_name(day: Date) -> String {
    format!("starbranch-backup-{day}.json")
}

/// The calendar day of an ISO-8601 time (its first ten characters).
pub fn day_of(iso: &str) -> Option<Date> {
    iso.get(..10)?.parse().ok()
}

/// When to remind the user to back up; both limits apply, whichever comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderRule {
    /// Days since the last backup.
    pub days: u32,
    /// Changes (history entries) since the last backup.
    pub changes: u32,
}

impl Default for ReminderRule {
    fn default() -> Self {
        ReminderRule { days: REMINDER_DAYS as u32, changes: REMINDER_CHANGES }
    }
}

/// Limits a user may set for [`ReminderRule`] (days, changes).
pub const REMINDER_LIMITS: (std::ops::RangeInclusive<u32>, std::ops::RangeInclusive<u32>) = (1..=365, 1..=10_000);

impl ReminderRule {
    /// Whether the user's figures are within [`REMINDER_LIMITS`].
    pub fn is_valid(self) -> bool {
        REMINDER_LIMITS.0.contains(&self.days) && REMINDER_LIMITS.1.contains(&self.changes)
    }
}

/// What merging a backup into the data would add: per store, the backup's records that are not
/// here yet (by key; history entries by their content), and how many are here already. Merging
/// only ever adds: on any key both have, this device's record is kept, and settings (`meta`)
/// are never merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergePlan {
    /// Store → indices into the backup's records of that store to add.
    pub adds: BTreeMap<String, Vec<usize>>,
    /// Store → records of the backup already here (kept as they are here).
    pub kept: BTreeMap<String, usize>,
}

impl MergePlan {
    /// Records to add, all stores.
    pub fn added(&self) -> usize {
        self.adds.values().map(Vec::len).sum()
    }
}

/// The key of a record of a store keyed by `field`, as text.
pub fn record_key(record: &Value, field: &str) -> Option<String> {
    match record.get(field)? {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The identity of a history entry (the record without its key): its canonical form.
pub fn history_identity(record: &Value) -> String {
    // The seal and the merge mark say where an entry stands in one device's chain, not what
    // changed: the same change has the same identity on every device.
    canonical(&crate::domain::trust::normal::without(record, &["seq", "hash", "merged"]))
}

/// Plans a merge of `backup` (already migrated) into data whose keys are `existing` (store →
/// keys; history → [`history_identity`] of each entry).
pub fn merge_plan(backup: &Backup, existing: &BTreeMap<String, HashSet<String>>) -> MergePlan {
    let mut plan = MergePlan::default();
    let empty = HashSet::new();
    for spec in STORES.iter().filter(|s| s.name != META) {
        let here = existing.get(spec.name).unwrap_or(&empty);
        let mut seen = HashSet::new();
        for (index, record) in backup.stores.get(spec.name).into_iter().flatten().enumerate() {
            let identity = match spec.key {
                KeyKind::Field(field) => record_key(record, field),
                KeyKind::AutoIncrement => match record.as_array().map(Vec::as_slice) {
                    Some([_, entry]) => Some(history_identity(entry)),
                    _ => None,
                },
            };
            let Some(identity) = identity else { continue };
            // A file belongs to its ledger record: when that record is kept as it is here, the
            // record's own list of files is kept too, so the backup's files of it are not added.
            let owner_kept = spec.name == ATTACHMENTS
                && record_key(record, "record")
                    .is_some_and(|owner| existing.get("ledger").is_some_and(|keys| keys.contains(&owner)));
            if here.contains(&identity) || owner_kept {
                *plan.kept.entry(spec.name.to_string()).or_default() += 1;
            } else if seen.insert(identity) {
                plan.adds.entry(spec.name.to_string()).or_default().push(index);
            }
        }
    }
    plan
}

/// Why the settings page suggests a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// There is data and no backup was ever made in this browser.
    Never,
    /// The last backup is this many days old (more than the limit).
    DaysAgo(i64),
    /// This many changes were made since the last backup (at least the limit).
    Changes(u32),
}

/// Whether to remind: only when there is data, and the last backup is missing, more than
/// `rule.days` days before `today`, or `rule.changes` or more changes old.
pub fn reminder(
    last_backup: Option<Date>,
    today: Date,
    has_data: bool,
    changes_since: u32,
    rule: ReminderRule,
) -> Option<Reminder> {
    if !has_data {
        return None;
    }
    match last_backup {
        None => Some(Reminder::Never),
        Some(last) => {
            let age = last.days_until(today);
            if age > i64::from(rule.days) {
                Some(Reminder::DaysAgo(age))
            } else {
                (changes_since >= rule.changes).then_some(Reminder::Changes(changes_since))
            }
        }
    }
}
