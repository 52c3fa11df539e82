//! Branch submission packages (docs/FORMAT.md §11): how a branch secretary's tablet and the
//! committee's computer exchange one branch's month — and the committee's statuses back —
//! without a server.
//!
//! Pure: `src/store/packages.rs` gathers the records and writes a merge plan in one
//! transaction; here are the types, the canonical text and its SHA-256 (the same canonical form
//! as backups, [`crate::domain::files::envelope::canonical`]), the complete check of a received file with located
//! problems, the item-by-item diff against what the database holds (new / identical / conflict,
//! field by field) and the merge plan made from the committee's choices.
//!
//! The SHA-256 detects damage and accidental edits. It is **not** a signature: there is no
//! shared secret, so anyone who edits a file can recompute it.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::domain::files::envelope::{base64_decode, canonical, checksum, open_envelope_of, seal, Envelope, Located};
use crate::domain::files::exchange::ExchangeEvaluation;
use crate::domain::files::package_members::{self, MemberRecordProblem, MemberStore, MemberWrite, PackageMembers};
use crate::domain::key_task::{Completion, KeyTask};
use crate::domain::ledger::{self, LedgerField, LedgerProblem, LedgerRecord};
use crate::domain::org::{Member, Org, OrgKind};
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::rating::rubric::Rubric;
use crate::domain::values::date::Date;
use crate::domain::values::period::{Month, Quarter};
use crate::domain::values::validation::{DecodeError, Expected, JsonType};

/// The `format` of every package file.
pub const FORMAT: &str = "starbranch.package";
/// The package format version this build writes; it reads every version from 1 (version 2 added
/// the members' records, §11.4).
pub const VERSION: u64 = 2;
/// How many hex digits of the SHA-256 name a package in history entries and on screen.
pub const HASH_PREFIX: usize = 12;

/// What a package carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackageKind {
    /// One branch's month, from the branch secretary to the committee.
    BranchMonth,
    /// The committee's review statuses of a month, back to the branches.
    Statuses,
}

impl PackageKind {
    /// The format name (`branch_month`, `statuses`).
    pub fn code(self) -> &'static str {
        match self {
            PackageKind::BranchMonth => "branch_month",
            PackageKind::Statuses => "statuses",
        }
    }
}

/// A month's evaluation sheet as stored: the rubric it was made under and the evaluation in its
/// exchange form, extra fields (`submitted_on`, `overrides`) included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// Key of the rubric version (`default@1`).
    pub rubric: String,
    /// The evaluation.
    #[serde(flatten)]
    pub evaluation: ExchangeEvaluation,
}

/// A ledger attachment with its bytes as base64 (as in backups).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageAttachment {
    /// The file's id (as in the record's attachment list).
    pub id: String,
    /// Id of the ledger record it belongs to.
    pub record: String,
    /// File name.
    pub name: String,
    /// MIME type.
    pub mime: String,
    /// Size in bytes.
    pub size: u64,
    /// The bytes, standard base64 with padding.
    pub blob_base64: String,
    /// The blob's own type.
    #[serde(default)]
    pub blob_type: String,
}

/// The committee's decision on one branch's sheet of the package's month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEntry {
    /// Branch id.
    pub branch: String,
    /// The sheet's status (`returned`, `confirmed` or `published`).
    pub status: ReviewStatus,
    /// The reason given when returning or reopening it (empty for a confirmation).
    #[serde(default)]
    pub reason: String,
}

/// Who made a package, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Version of the app.
    pub app_version: String,
    /// The device id of the browser that made it.
    pub device: String,
    /// When (ISO-8601 UTC).
    pub created_at: String,
}

/// A package: the document without `format`, `version` and `sha256`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Package {
    /// What it carries.
    pub kind: PackageKind,
    /// Version of the app that made it.
    pub app_version: String,
    /// Device id of the browser that made it.
    pub device: String,
    /// When it was made.
    pub created_at: String,
    /// The month it is about.
    pub month: Month,
    /// The branch (branch packages only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
    /// The branch's sheet of the month, if one exists (branch packages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<Sheet>,
    /// The branch's ledger records held in the month (branch packages).
    #[serde(default)]
    pub ledger: Vec<LedgerRecord>,
    /// Every file of those records (branch packages).
    #[serde(default)]
    pub attachments: Vec<PackageAttachment>,
    /// The branch's key-task completions done in the month or of tasks due in it.
    #[serde(default)]
    pub completions: Vec<Completion>,
    /// Each branch's sheet status (statuses packages).
    #[serde(default)]
    pub statuses: Vec<StatusEntry>,
    /// The branch's members' records (branch packages, version 2).
    #[serde(default, skip_serializing_if = "PackageMembers::is_empty")]
    pub members: PackageMembers,
}

impl Package {
    /// A branch's month. Lists are sorted so the same data gives the same file.
    pub fn branch_month(
        origin: Origin,
        branch: &str,
        month: Month,
        sheet: Option<Sheet>,
        mut ledger: Vec<LedgerRecord>,
        mut attachments: Vec<PackageAttachment>,
        mut completions: Vec<Completion>,
    ) -> Package {
        ledger.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        attachments.sort_by(|a, b| (&a.record, &a.id).cmp(&(&b.record, &b.id)));
        completions.sort_by(|a, b| (&a.task, &a.branch).cmp(&(&b.task, &b.branch)));
        Package {
            kind: PackageKind::BranchMonth,
            app_version: origin.app_version,
            device: origin.device,
            created_at: origin.created_at,
            month,
            branch: Some(branch.to_string()),
            sheet,
            ledger,
            attachments,
            completions,
            statuses: Vec::new(),
            members: PackageMembers::default(),
        }
    }

    /// The same package carrying the branch's members' records.
    pub fn with_members(self, members: PackageMembers) -> Package {
        Package { members: members.sorted(), ..self }
    }

    /// The committee's statuses of a month.
    pub fn statuses(origin: Origin, month: Month, mut statuses: Vec<StatusEntry>) -> Package {
        statuses.sort_by(|a, b| a.branch.cmp(&b.branch));
        Package {
            kind: PackageKind::Statuses,
            app_version: origin.app_version,
            device: origin.device,
            created_at: origin.created_at,
            month,
            branch: None,
            sheet: None,
            ledger: Vec::new(),
            attachments: Vec::new(),
            completions: Vec::new(),
            statuses,
            members: PackageMembers::default(),
        }
    }

    /// The document without its checksum.
    pub fn document(&self) -> Value {
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Value::Object(fields) = &mut value {
            fields.insert("format".into(), FORMAT.into());
            fields.insert("version".into(), VERSION.into());
        }
        value
    }

    /// The lower-case hex SHA-256 of the canonical document.
    pub fn sha256(&self) -> String {
        checksum(&self.document())
    }

    /// The file's text: the canonical document with its `sha256`.
    pub fn to_json(&self) -> String {
        seal(self.document())
    }

    /// The file name: `starbranch-package-BRANCH-YYYY-MM.json` or
    /// `starbranch-statuses-YYYY-MM.json`.
    pub fn file_name(&self) -> String {
        match (&self.kind, &self.branch) {
            (PackageKind::BranchMonth, Some(branch)) => format!("starbranch-package-{branch}-{}.json", self.month),
            _ => format!("starbranch-statuses-{}.json", self.month),
        }
    }
}

/// A package as read from a file, with the checksum it carried (verified).
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The content.
    pub package: Package,
    /// Its SHA-256 (lower-case hex).
    pub sha256: String,
}

impl Received {
    /// The first [`HASH_PREFIX`] hex digits of the checksum.
    pub fn hash_prefix(&self) -> &str {
        self.sha256.get(..HASH_PREFIX).unwrap_or(&self.sha256)
    }
}

/// Why a file is not imported. Nothing is written in any of these cases.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PackageError {
    /// The file's envelope is refused (not JSON, cut off, another format or version, no or a
    /// wrong checksum).
    #[error(transparent)]
    Envelope(#[from] Envelope),
    /// Located problems with the content (every one found).
    #[error("{}", .0.iter().map(Problem::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
}

/// One located problem of a package: where (`ledger[2].attendees`, `sheet.scores.team.leadership`)
/// and what.
pub type Problem = Located<ProblemKind>;

/// What is wrong at a place.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProblemKind {
    /// Absent or of the wrong shape, as the reader found it.
    #[error("missing or malformed: {0}")]
    Malformed(DecodeError),
    /// A branch package without its branch.
    #[error("the branch is missing")]
    NoBranch,
    /// No branch with this id here.
    #[error("branch {0} not found")]
    UnknownBranch(String),
    /// The id names an organisation that is not a branch.
    #[error("{0} is not a Party branch")]
    NotABranch(String),
    /// A record of another branch than the package's.
    #[error("belongs to branch {0}, not to the package's branch")]
    OtherBranch(String),
    /// A record of another month than the package's.
    #[error("{0} is not in the package's month")]
    OtherMonth(String),
    /// The rubric version of the sheet is not stored here.
    #[error("rubric {0} not found")]
    UnknownRubric(String),
    /// The sheet's scores break a rule of its rubric.
    #[error("{0}")]
    Score(crate::domain::values::validation::Problem),
    /// A member id not on the branch's roll here.
    #[error("member {0} not found in the branch")]
    UnknownMember(String),
    /// A ledger field breaks a ledger rule.
    #[error("{field:?}: {problem:?}")]
    Ledger {
        /// The field.
        field: LedgerField,
        /// The rule.
        problem: LedgerProblem,
    },
    /// A key task not stored here.
    #[error("key task {0} not found")]
    UnknownTask(String),
    /// A key task not assigned to the branch.
    #[error("key task {0} is not assigned to the branch")]
    NotAssigned(String),
    /// `blob_base64` does not decode.
    #[error("blob_base64 is not valid base64")]
    BadFile,
    /// The decoded bytes are not as many as `size` says.
    #[error("size {expected} but {found} bytes")]
    SizeMismatch {
        /// `size`.
        expected: u64,
        /// Decoded bytes.
        found: u64,
    },
    /// A file of a record the package does not carry.
    #[error("file of record {0}, which is not in the package")]
    OrphanFile(String),
    /// A record lists a file the package does not carry.
    #[error("file {0} is listed but not included")]
    MissingFile(String),
    /// A status a package cannot carry (only returned, confirmed, published).
    #[error("status {0} cannot be sent back")]
    BadStatus(String),
    /// The same record twice.
    #[error("{0} appears twice")]
    Duplicate(String),
    /// A dues record breaks the rule the app saves it by.
    #[error("{0:?}")]
    DuesRule(crate::domain::members::dues::DuesProblem),
    /// A points item breaks the rule the app saves it by.
    #[error("{0:?}")]
    PointsRule(crate::domain::members::rating_problem::Problem),
    /// Member records in a statuses package (only a branch package carries them).
    #[error("only a branch package carries members' records")]
    MembersInStatuses,
}

fn member_problem(at: String, found: MemberRecordProblem) -> Problem {
    let kind = match found {
        MemberRecordProblem::OtherBranch(b) => ProblemKind::OtherBranch(b),
        MemberRecordProblem::OtherMonth(m) => ProblemKind::OtherMonth(m),
        MemberRecordProblem::Duplicate(k) => ProblemKind::Duplicate(k),
        MemberRecordProblem::UnknownMember(m) => ProblemKind::UnknownMember(m),
        MemberRecordProblem::DuesRule(p) => ProblemKind::DuesRule(p),
        MemberRecordProblem::PointsRule(p) => ProblemKind::PointsRule(p),
    };
    problem(at, kind)
}

fn problem(at: impl Into<String>, kind: ProblemKind) -> Problem {
    Problem { at: at.into(), kind }
}

/// Reads a package file and checks everything that needs no database: JSON, format, version,
/// checksum, every field's shape, that every record belongs to the package's branch and month,
/// and that every attachment decodes, has its size, and belongs to a record of the package.
pub fn parse(text: &str) -> Result<Received, PackageError> {
    let (fields, sum) = open_envelope_of(text, FORMAT, 1..=VERSION)?;

    let mut problems = Vec::new();
    let package = decode(&fields, &mut problems);
    if let Some(package) = &package {
        check_shape(package, &mut problems);
    }
    match package {
        Some(package) if problems.is_empty() => Ok(Received { package, sha256: sum }),
        _ => Err(PackageError::Invalid(problems)),
    }
}

/// Decodes field by field, so a problem names its place.
fn decode(fields: &Map<String, Value>, problems: &mut Vec<Problem>) -> Option<Package> {
    fn one<T: DeserializeOwned>(at: &str, value: Option<&Value>, problems: &mut Vec<Problem>) -> Option<T> {
        match serde_json::from_value::<T>(value.cloned().unwrap_or(Value::Null)) {
            Ok(v) => Some(v),
            Err(e) => {
                problems.push(problem(at, ProblemKind::Malformed(DecodeError::of(&e))));
                None
            }
        }
    }
    fn list<T: DeserializeOwned>(name: &str, value: Option<&Value>, problems: &mut Vec<Problem>) -> Vec<T> {
        match value {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| one(&format!("{name}[{i}]"), Some(item), problems))
                .collect(),
            Some(other) => {
                let found = DecodeError::wrong_type(Expected::List, JsonType::of(other), "expected a list");
                problems.push(problem(name, ProblemKind::Malformed(found)));
                Vec::new()
            }
        }
    }
    let before = problems.len();
    let kind: Option<PackageKind> = one("kind", fields.get("kind"), problems);
    let app_version: Option<String> = one("app_version", fields.get("app_version"), problems);
    let device: Option<String> = one("device", fields.get("device"), problems);
    let created_at: Option<String> = one("created_at", fields.get("created_at"), problems);
    let month: Option<Month> = one("month", fields.get("month"), problems);
    let branch: Option<Option<String>> = one("branch", fields.get("branch"), problems);
    let sheet: Option<Option<Sheet>> = one("sheet", fields.get("sheet"), problems);
    let ledger = list("ledger", fields.get("ledger"), problems);
    let attachments = list("attachments", fields.get("attachments"), problems);
    let completions = list("completions", fields.get("completions"), problems);
    let statuses = list("statuses", fields.get("statuses"), problems);
    // Version 1 has no members' records; a version-2 file may leave them out.
    let members: Option<PackageMembers> = match fields.get("members") {
        None | Some(Value::Null) => Some(PackageMembers::default()),
        value => one("members", value, problems),
    };
    if problems.len() > before {
        return None;
    }
    Some(Package {
        kind: kind?,
        app_version: app_version?,
        device: device?,
        created_at: created_at?,
        month: month?,
        branch: branch?,
        sheet: sheet?,
        ledger,
        attachments,
        completions,
        statuses,
        members: members?,
    })
}

fn in_month(date: Date, month: Month) -> bool {
    Month::new(date.year(), date.month()) == Some(month)
}

fn check_shape(p: &Package, problems: &mut Vec<Problem>) {
    match p.kind {
        PackageKind::BranchMonth => {
            let Some(branch) = p.branch.as_deref() else {
                problems.push(problem("branch", ProblemKind::NoBranch));
                return;
            };
            if let Some(sheet) = &p.sheet {
                if sheet.evaluation.branch != branch {
                    problems.push(problem("sheet.branch", ProblemKind::OtherBranch(sheet.evaluation.branch.clone())));
                }
                if sheet.evaluation.month != p.month {
                    problems.push(problem("sheet.month", ProblemKind::OtherMonth(sheet.evaluation.month.to_string())));
                }
            }
            let mut ids = HashSet::new();
            let mut files_listed = BTreeSet::new();
            for (i, record) in p.ledger.iter().enumerate() {
                let at = format!("ledger[{i}]");
                if record.branch != branch {
                    problems.push(problem(format!("{at}.branch"), ProblemKind::OtherBranch(record.branch.clone())));
                }
                if !in_month(record.date, p.month) {
                    problems.push(problem(format!("{at}.date"), ProblemKind::OtherMonth(record.date.to_string())));
                }
                if !ids.insert(record.id.as_str()) {
                    problems.push(problem(&at, ProblemKind::Duplicate(record.id.clone())));
                }
                for meta in &record.attachments {
                    files_listed.insert((record.id.as_str(), meta.id.as_str()));
                    if !p.attachments.iter().any(|a| a.id == meta.id && a.record == record.id) {
                        problems.push(problem(format!("{at}.attachments"), ProblemKind::MissingFile(meta.id.clone())));
                    }
                }
            }
            let mut file_ids = HashSet::new();
            for (i, file) in p.attachments.iter().enumerate() {
                let at = format!("attachments[{i}]");
                if !file_ids.insert(file.id.as_str()) {
                    problems.push(problem(&at, ProblemKind::Duplicate(file.id.clone())));
                }
                if !files_listed.contains(&(file.record.as_str(), file.id.as_str())) {
                    problems.push(problem(&at, ProblemKind::OrphanFile(file.record.clone())));
                }
                match base64_decode(&file.blob_base64) {
                    None => problems.push(problem(format!("{at}.blob_base64"), ProblemKind::BadFile)),
                    Some(bytes) if bytes.len() as u64 != file.size => problems.push(problem(
                        format!("{at}.size"),
                        ProblemKind::SizeMismatch { expected: file.size, found: bytes.len() as u64 },
                    )),
                    Some(_) => {}
                }
            }
            let mut tasks = HashSet::new();
            for (i, completion) in p.completions.iter().enumerate() {
                let at = format!("completions[{i}]");
                if completion.branch != branch {
                    problems.push(problem(format!("{at}.branch"), ProblemKind::OtherBranch(completion.branch.clone())));
                }
                if !tasks.insert(completion.task.as_str()) {
                    problems.push(problem(&at, ProblemKind::Duplicate(completion.task.clone())));
                }
            }
            for (at, found) in package_members::check_shape(&p.members, branch, p.month) {
                problems.push(member_problem(at, found));
            }
        }
        PackageKind::Statuses => {
            if !p.members.is_empty() {
                problems.push(problem("members", ProblemKind::MembersInStatuses));
            }
            let mut branches = HashSet::new();
            for (i, entry) in p.statuses.iter().enumerate() {
                let at = format!("statuses[{i}]");
                if !matches!(entry.status, ReviewStatus::Returned | ReviewStatus::Confirmed | ReviewStatus::Published) {
                    problems.push(problem(format!("{at}.status"), ProblemKind::BadStatus(entry.status.code().into())));
                }
                if !branches.insert(entry.branch.as_str()) {
                    problems.push(problem(&at, ProblemKind::Duplicate(entry.branch.clone())));
                }
            }
        }
    }
}

/// What the receiving database holds that a package refers to.
#[derive(Debug, Clone)]
pub struct Context {
    /// Every org.
    pub orgs: Vec<Org>,
    /// Every member.
    pub members: Vec<Member>,
    /// Every rubric version by key.
    pub rubrics: BTreeMap<String, Rubric>,
    /// Every key task.
    pub tasks: Vec<KeyTask>,
    /// Today, for "not in the future".
    pub today: Date,
}

/// Checks a parsed package against the receiving database: the branch exists and is a branch,
/// the sheet's rubric is stored and its scores fit it, every attendee and absentee is on the
/// branch's roll and every ledger rule holds, every completed task exists and is assigned to
/// the branch; for statuses, every branch exists. Every problem is returned, located.
pub fn validate(received: &Received, context: &Context) -> Result<(), Vec<Problem>> {
    let p = &received.package;
    let mut problems = Vec::new();
    let find_branch = |id: &str, at: &str, problems: &mut Vec<Problem>| -> Option<Org> {
        match context.orgs.iter().find(|o| o.id == id) {
            None => {
                problems.push(problem(at, ProblemKind::UnknownBranch(id.into())));
                None
            }
            Some(o) if o.kind != OrgKind::Branch => {
                problems.push(problem(at, ProblemKind::NotABranch(id.into())));
                None
            }
            Some(o) => Some(o.clone()),
        }
    };
    match p.kind {
        PackageKind::BranchMonth => {
            let Some(branch) = p.branch.as_deref() else {
                return Err(vec![problem("branch", ProblemKind::NoBranch)]);
            };
            let Some(org) = find_branch(branch, "branch", &mut problems) else { return Err(problems) };
            if let Some(sheet) = &p.sheet {
                match context.rubrics.get(&sheet.rubric) {
                    None => problems.push(problem("sheet.rubric", ProblemKind::UnknownRubric(sheet.rubric.clone()))),
                    Some(rubric) => {
                        if let Some(category) = org.category {
                            let evaluation = sheet.evaluation.to_evaluation();
                            let checked =
                                if matches!(sheet.evaluation.status, ReviewStatus::Draft | ReviewStatus::Returned) {
                                    evaluation.validate(rubric, category)
                                } else {
                                    evaluation.validate_as_confirmed(rubric, category)
                                };
                            for e in checked.err().unwrap_or_default() {
                                problems.push(problem(format!("sheet.{}", e.field), ProblemKind::Score(e.problem)));
                            }
                        }
                    }
                }
            }
            let roll: Vec<&str> =
                context.members.iter().filter(|m| m.branch == branch).map(|m| m.id.as_str()).collect();
            for (i, record) in p.ledger.iter().enumerate() {
                let at = format!("ledger[{i}]");
                if let Err(found) = ledger::validate_record(record.clone(), &roll, context.today) {
                    for f in found {
                        let (field, kind) = match f.problem {
                            LedgerProblem::NotAMember(id) => (f.field, ProblemKind::UnknownMember(id)),
                            other => (f.field, ProblemKind::Ledger { field: f.field, problem: other }),
                        };
                        problems.push(problem(format!("{at}.{}", ledger_field(field)), kind));
                    }
                }
            }
            for (at, found) in package_members::validate(&p.members, branch, &context.members, context.today) {
                problems.push(member_problem(at, found));
            }
            for (i, completion) in p.completions.iter().enumerate() {
                let at = format!("completions[{i}].task");
                match context.tasks.iter().find(|t| t.id == completion.task) {
                    None => problems.push(problem(at, ProblemKind::UnknownTask(completion.task.clone()))),
                    Some(task) if !task.branches.iter().any(|b| b == branch) => {
                        problems.push(problem(at, ProblemKind::NotAssigned(completion.task.clone())))
                    }
                    Some(_) => {}
                }
            }
        }
        PackageKind::Statuses => {
            for (i, entry) in p.statuses.iter().enumerate() {
                find_branch(&entry.branch, &format!("statuses[{i}].branch"), &mut problems);
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// [`parse`] then [`validate`]: a file is accepted only when both pass.
pub fn check(text: &str, context: &Context) -> Result<Received, PackageError> {
    let received = parse(text)?;
    validate(&received, context).map_err(PackageError::Invalid)?;
    Ok(received)
}

fn ledger_field(field: LedgerField) -> &'static str {
    match field {
        LedgerField::Branch => "branch",
        LedgerField::Date => "date",
        LedgerField::Topic => "topic",
        LedgerField::Place => "place",
        LedgerField::Host => "host",
        LedgerField::Attendees => "attendees",
        LedgerField::Absentees => "absentees",
        LedgerField::Minutes => "minutes",
        LedgerField::Attachments => "attachments",
    }
}

/// What the database holds where a package would write.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Current {
    /// The sheets the packages touch, by `branch|YYYY-MM` ([`sheet_key`]).
    pub sheets: BTreeMap<String, Sheet>,
    /// Ledger records with the ids of the package's records, by id.
    pub ledger: BTreeMap<String, LedgerRecord>,
    /// Completions by `task|branch`.
    pub completions: BTreeMap<String, Completion>,
    /// The quarters published here.
    pub published: BTreeSet<Quarter>,
    /// Member records with the keys of the packages' member records, as stored.
    pub members: BTreeMap<(MemberStore, String), Value>,
}

/// The kind of an item of a package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    /// The month's evaluation sheet.
    Sheet,
    /// A ledger record (with its files).
    Ledger,
    /// A key-task completion.
    Completion,
    /// A sheet's review status (statuses packages).
    Status,
    /// A members' record (version 2).
    Member(MemberStore),
}

impl ItemKind {
    /// Stable code (`sheet`, `ledger`, `completion`, `status`).
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Sheet => "sheet",
            ItemKind::Ledger => "ledger",
            ItemKind::Completion => "completion",
            ItemKind::Status => "status",
            ItemKind::Member(store) => store.field(),
        }
    }
}

/// How an item compares with the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    /// Not in the database: it will be added.
    New,
    /// Exactly as in the database: nothing to do.
    Identical,
    /// Differs from the database: the committee chooses.
    Conflict,
    /// Nothing to apply it to here (a status for a sheet this database does not have).
    Skipped,
    /// For another branch than the one this import is limited to (a secretary takes in the
    /// committee's statuses for the own branch only).
    OtherBranch,
}

/// One field that differs: ours (the database) against theirs (the package); `None` = absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    /// Field path (`status`, `scores.team.leadership`, `topic`).
    pub field: String,
    /// The database's value, as text.
    pub ours: Option<String>,
    /// The package's value, as text.
    pub theirs: Option<String>,
}

/// One item of a package compared with the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What it is.
    pub kind: ItemKind,
    /// Its key (`branch|YYYY-MM`, a ledger record id, `task|branch`).
    pub key: String,
    /// A short description (ledger: date and topic; completion: task id).
    pub label: String,
    /// New, identical, conflicting or skipped.
    pub state: ItemState,
    /// For a conflict: the differing fields.
    pub fields: Vec<FieldDiff>,
}

impl Item {
    /// The id choices are keyed by: `kind:key`.
    pub fn id(&self) -> String {
        format!("{}:{}", self.kind.code(), self.key)
    }
}

/// Why a whole package is refused (nothing of it is written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It would change a month of a quarter published here (reopen the quarter first).
    PublishedQuarter {
        /// Branch.
        branch: String,
        /// Month.
        month: Month,
    },
    /// It would change a month that is confirmed here (reopen the month first).
    ConfirmedMonth {
        /// Branch.
        branch: String,
        /// Month.
        month: Month,
    },
    /// A branch's package carries a sheet already confirmed or published that differs from
    /// ours: only the committee's review confirms a sheet, never a package.
    ReviewedSheet {
        /// Branch.
        branch: String,
        /// Month.
        month: Month,
    },
    /// An earlier package of the same batch changes some of the same records; applied together,
    /// one would silently overwrite the other. Import them one after the other.
    SameRecords {
        /// Branch.
        branch: String,
        /// Month.
        month: Month,
    },
    /// A branch's month for another branch than the one this import is limited to.
    OtherBranch {
        /// The package's branch.
        branch: String,
        /// Month.
        month: Month,
    },
}

/// A package compared with the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// Every item, sheet first.
    pub items: Vec<Item>,
    /// Set when the package may not be applied.
    pub refusal: Option<Refusal>,
}

impl Diff {
    /// Items that would write something (new or conflicting).
    pub fn changes(&self) -> usize {
        self.items.iter().filter(|i| matches!(i.state, ItemState::New | ItemState::Conflict)).count()
    }

    /// Items in conflict.
    pub fn conflicts(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.state == ItemState::Conflict)
    }

    /// How many items are in this state.
    pub fn count(&self, state: ItemState) -> usize {
        self.items.iter().filter(|i| i.state == state).count()
    }
}

/// The storage key of a completion (`task|branch`, as in `store::key_tasks`).
pub fn completion_key(task: &str, branch: &str) -> String {
    format!("{task}|{branch}")
}

/// The storage key of a sheet (`branch|YYYY-MM`).
pub fn sheet_key(branch: &str, month: Month) -> String {
    format!("{branch}|{month}")
}

fn state_of<T: PartialEq>(ours: Option<&T>, theirs: &T) -> ItemState {
    match ours {
        None => ItemState::New,
        Some(o) if o == theirs => ItemState::Identical,
        Some(_) => ItemState::Conflict,
    }
}

/// Compares a package item by item with the database, and says whether it must be refused.
pub fn diff(package: &Package, current: &Current) -> Diff {
    diff_for(package, current, None)
}

/// [`diff`], limited to one branch when `only` names it (a secretary's import): a branch's month
/// for another branch is refused, and the statuses of other branches are marked
/// [`ItemState::OtherBranch`] and never written.
pub fn diff_for(package: &Package, current: &Current, only: Option<&str>) -> Diff {
    let mut items = Vec::new();
    let mut sheet_locked = false;
    match package.kind {
        PackageKind::BranchMonth => {
            let branch = package.branch.clone().unwrap_or_default();
            let ours_sheet = current.sheets.get(&sheet_key(&branch, package.month));
            sheet_locked = ours_sheet.is_some_and(|s| s.evaluation.status.counts());
            if let Some(theirs) = &package.sheet {
                let mut state = state_of(ours_sheet, theirs);
                let mut fields = if state == ItemState::Conflict {
                    field_diffs(ours_sheet, theirs, &["scores", "overrides"])
                } else {
                    Vec::new()
                };
                // The same sheet, since confirmed here (a package loaded again after the review):
                // nothing to import, not a conflict.
                if sheet_locked && !fields.is_empty() && fields.iter().all(|f| f.field == "status") {
                    state = ItemState::Identical;
                    fields.clear();
                }
                items.push(Item {
                    kind: ItemKind::Sheet,
                    key: sheet_key(&branch, package.month),
                    label: sheet_key(&branch, package.month),
                    state,
                    fields,
                });
            }
            for record in &package.ledger {
                let ours = current.ledger.get(&record.id);
                let state = state_of(ours, record);
                items.push(Item {
                    kind: ItemKind::Ledger,
                    key: record.id.clone(),
                    label: format!("{} {}", record.date, record.topic),
                    state,
                    fields: if state == ItemState::Conflict { field_diffs(ours, record, &[]) } else { Vec::new() },
                });
            }
            for completion in &package.completions {
                let key = completion_key(&completion.task, &completion.branch);
                let ours = current.completions.get(&key);
                let state = state_of(ours, completion);
                items.push(Item {
                    kind: ItemKind::Completion,
                    key,
                    label: completion.task.clone(),
                    state,
                    fields: if state == ItemState::Conflict { field_diffs(ours, completion, &[]) } else { Vec::new() },
                });
            }
            for record in package.members.records() {
                let ours = current.members.get(&(record.store, record.key.clone()));
                let state = state_of(ours, &record.value);
                items.push(Item {
                    kind: ItemKind::Member(record.store),
                    fields: if state == ItemState::Conflict {
                        field_diffs(ours, &record.value, &[])
                    } else {
                        Vec::new()
                    },
                    key: record.key,
                    label: record.label,
                    state,
                });
            }
        }
        PackageKind::Statuses => {
            for entry in &package.statuses {
                let key = sheet_key(&entry.branch, package.month);
                let (state, fields) = match current.sheets.get(&key) {
                    None => (ItemState::Skipped, Vec::new()),
                    Some(ours) if ours.evaluation.status == entry.status => (ItemState::Identical, Vec::new()),
                    Some(ours) => {
                        let mut fields = vec![FieldDiff {
                            field: "status".into(),
                            ours: Some(ours.evaluation.status.code().into()),
                            theirs: Some(entry.status.code().into()),
                        }];
                        if !entry.reason.is_empty() {
                            fields.push(FieldDiff {
                                field: "reason".into(),
                                ours: None,
                                theirs: Some(entry.reason.clone()),
                            });
                        }
                        (ItemState::Conflict, fields)
                    }
                };
                let (state, fields) = match only {
                    Some(own) if own != entry.branch => (ItemState::OtherBranch, Vec::new()),
                    _ => (state, fields),
                };
                items.push(Item { kind: ItemKind::Status, key, label: entry.branch.clone(), state, fields });
            }
        }
    }
    let diff = Diff { items, refusal: None };
    let foreign =
        package.kind == PackageKind::BranchMonth && only.is_some_and(|own| package.branch.as_deref() != Some(own));
    let refusal = if foreign {
        Some(Refusal::OtherBranch { branch: package.branch.clone().unwrap_or_default(), month: package.month })
    } else if diff.changes() == 0 {
        None
    } else if current.published.contains(&package.month.quarter()) {
        Some(Refusal::PublishedQuarter { branch: package.branch.clone().unwrap_or_default(), month: package.month })
    } else if sheet_locked && package.kind == PackageKind::BranchMonth {
        Some(Refusal::ConfirmedMonth { branch: package.branch.clone().unwrap_or_default(), month: package.month })
    } else if package.sheet.as_ref().is_some_and(|s| s.evaluation.status.counts())
        && diff.items.iter().any(|i| i.kind == ItemKind::Sheet && i.state != ItemState::Identical)
    {
        Some(Refusal::ReviewedSheet { branch: package.branch.clone().unwrap_or_default(), month: package.month })
    } else {
        None
    };
    Diff { refusal, ..diff }
}

/// Refuses every package of a batch that would write a record an earlier, not refused package
/// of the batch also writes (diffs in the batch's order).
pub fn refuse_overlaps(packages: &[&Package], diffs: &mut [Diff]) {
    let mut written: HashSet<String> = HashSet::new();
    for (package, diff) in packages.iter().zip(diffs.iter_mut()) {
        if diff.refusal.is_some() {
            continue;
        }
        let mine: Vec<String> = diff
            .items
            .iter()
            .filter(|i| matches!(i.state, ItemState::New | ItemState::Conflict))
            .map(Item::id)
            .collect();
        if mine.iter().any(|id| written.contains(id)) {
            diff.refusal =
                Some(Refusal::SameRecords { branch: package.branch.clone().unwrap_or_default(), month: package.month });
        } else {
            written.extend(mine);
        }
    }
}

/// Field-by-field differences of two records through their JSON form; object fields named in
/// `expand` are compared member by member (`scores.team.leadership`).
fn field_diffs<T: Serialize>(ours: Option<&T>, theirs: &T, expand: &[&str]) -> Vec<FieldDiff> {
    let as_map = |v: Option<&T>| match v.map(serde_json::to_value) {
        Some(Ok(Value::Object(map))) => map,
        _ => Map::new(),
    };
    let (ours, theirs) = (as_map(ours), as_map(Some(theirs)));
    let mut out = Vec::new();
    let keys: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    for key in keys {
        let (o, t) = (ours.get(key), theirs.get(key));
        if o == t {
            continue;
        }
        if expand.contains(&key.as_str()) {
            let empty = Map::new();
            let om = o.and_then(Value::as_object).unwrap_or(&empty);
            let tm = t.and_then(Value::as_object).unwrap_or(&empty);
            let inner: BTreeSet<&String> = om.keys().chain(tm.keys()).collect();
            for sub in inner {
                if om.get(sub) != tm.get(sub) {
                    out.push(FieldDiff {
                        field: format!("{key}.{sub}"),
                        ours: om.get(sub).map(show),
                        theirs: tm.get(sub).map(show),
                    });
                }
            }
        } else {
            out.push(FieldDiff { field: key.clone(), ours: o.map(show), theirs: t.map(show) });
        }
    }
    out
}

/// A value as a person reads it: text as it is, lists of texts joined, numbers in their shortest
/// decimal form whichever way the file spelled them (`10.0` and `10` both read "10", beside "8.5"),
/// the rest as JSON.
fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if !n.is_i64() && !n.is_u64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::Array(items) if items.iter().all(Value::is_string) => {
            items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")
        }
        other => canonical(other),
    }
}

/// The committee's choice for one conflicting item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// Keep what the database holds (the default).
    #[default]
    Ours,
    /// Take the package's version.
    Theirs,
}

/// Choices by [`Item::id`], per package (same order as the packages).
pub type Choices = BTreeMap<String, Choice>;

/// A sheet to write.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetWrite {
    /// The sheet as it will be stored.
    pub sheet: Sheet,
    /// What was there.
    pub before: Option<Sheet>,
    /// The committee's reason (statuses packages: return or reopen).
    pub reason: Option<String>,
}

/// A ledger record to write, with its files.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerWrite {
    /// The record as it will be stored.
    pub record: LedgerRecord,
    /// What was there.
    pub before: Option<LedgerRecord>,
    /// Files to add (not stored yet).
    pub add_files: Vec<PackageAttachment>,
    /// Ids of stored files the record no longer lists.
    pub drop_files: Vec<String>,
}

/// Where written data came from: one per package that writes something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Kind of package.
    pub kind: PackageKind,
    /// Its branch (branch packages).
    pub branch: Option<String>,
    /// Its month.
    pub month: Month,
    /// The device that made it.
    pub device: String,
    /// Its SHA-256.
    pub sha256: String,
    /// When it was made.
    pub created_at: String,
    /// Ids of the items written from it.
    pub written: Vec<String>,
}

/// Everything an apply writes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergePlan {
    /// Sheets.
    pub sheets: Vec<SheetWrite>,
    /// Ledger records.
    pub ledger: Vec<LedgerWrite>,
    /// Completions (with what was there).
    pub completions: Vec<(Completion, Option<Completion>)>,
    /// Members' records.
    pub members: Vec<MemberWrite>,
    /// One per package that writes something.
    pub sources: Vec<Source>,
}

impl MergePlan {
    /// Whether nothing would be written.
    pub fn is_empty(&self) -> bool {
        self.sheets.is_empty() && self.ledger.is_empty() && self.completions.is_empty() && self.members.is_empty()
    }

    /// Number of records written.
    pub fn len(&self) -> usize {
        self.sheets.len() + self.ledger.len() + self.completions.len() + self.members.len()
    }
}

/// The merge plan of packages (each with its diff against `current` and the choices for its
/// conflicts): new items are taken, identical and skipped ones left, conflicts follow the
/// choice (ours when none is given). Refused packages contribute nothing.
pub fn merge_plan(packages: &[(&Received, &Diff, &Choices)], current: &Current) -> MergePlan {
    let mut plan = MergePlan::default();
    for (received, diff, choices) in packages {
        if diff.refusal.is_some() {
            continue;
        }
        let p = &received.package;
        let mut written = Vec::new();
        for item in &diff.items {
            let take = match item.state {
                ItemState::New => true,
                ItemState::Conflict => choices.get(&item.id()).copied().unwrap_or_default() == Choice::Theirs,
                ItemState::Identical | ItemState::Skipped | ItemState::OtherBranch => false,
            };
            if !take {
                continue;
            }
            match item.kind {
                ItemKind::Sheet => {
                    let Some(sheet) = p.sheet.clone() else { continue };
                    let before =
                        current.sheets.get(&sheet_key(&sheet.evaluation.branch, sheet.evaluation.month)).cloned();
                    plan.sheets.push(SheetWrite { sheet, before, reason: None });
                }
                ItemKind::Status => {
                    let Some(entry) = p.statuses.iter().find(|s| s.branch == item.label) else { continue };
                    let Some(before) = current.sheets.get(&item.key).cloned() else { continue };
                    let mut sheet = before.clone();
                    sheet.evaluation.status = entry.status;
                    let reason = Some(entry.reason.trim().to_string()).filter(|r| !r.is_empty());
                    plan.sheets.push(SheetWrite { sheet, before: Some(before), reason });
                }
                ItemKind::Ledger => {
                    let Some(record) = p.ledger.iter().find(|r| r.id == item.key).cloned() else { continue };
                    let before = current.ledger.get(&record.id).cloned();
                    let had: BTreeSet<&str> =
                        before.iter().flat_map(|b| b.attachments.iter().map(|a| a.id.as_str())).collect();
                    let has: BTreeSet<&str> = record.attachments.iter().map(|a| a.id.as_str()).collect();
                    let add_files = p
                        .attachments
                        .iter()
                        .filter(|a| {
                            a.record == record.id && has.contains(a.id.as_str()) && !had.contains(a.id.as_str())
                        })
                        .cloned()
                        .collect();
                    let drop_files = had.iter().filter(|id| !has.contains(*id)).map(|id| id.to_string()).collect();
                    plan.ledger.push(LedgerWrite { record, before, add_files, drop_files });
                }
                ItemKind::Completion => {
                    let Some(completion) =
                        p.completions.iter().find(|c| completion_key(&c.task, &c.branch) == item.key).cloned()
                    else {
                        continue;
                    };
                    let before = current.completions.get(&item.key).cloned();
                    plan.completions.push((completion, before));
                }
                ItemKind::Member(store) => {
                    let Some(record) = p.members.records().into_iter().find(|r| r.store == store && r.key == item.key)
                    else {
                        continue;
                    };
                    let before = current.members.get(&(store, item.key.clone())).cloned();
                    plan.members.push(MemberWrite { store, key: record.key, value: record.value, before });
                }
            }
            written.push(item.id());
        }
        if !written.is_empty() {
            plan.sources.push(Source {
                kind: p.kind,
                branch: p.branch.clone(),
                month: p.month,
                device: p.device.clone(),
                sha256: received.sha256.clone(),
                created_at: p.created_at.clone(),
                written,
            });
        }
    }
    plan
}

/// `current` with a plan applied — what the database holds after an apply (for tests and for
/// checking that applying again changes nothing).
pub fn applied(mut current: Current, plan: &MergePlan) -> Current {
    for write in &plan.sheets {
        current
            .sheets
            .insert(sheet_key(&write.sheet.evaluation.branch, write.sheet.evaluation.month), write.sheet.clone());
    }
    for write in &plan.ledger {
        current.ledger.insert(write.record.id.clone(), write.record.clone());
    }
    for (completion, _) in &plan.completions {
        current.completions.insert(completion_key(&completion.task, &completion.branch), completion.clone());
    }
    for write in &plan.members {
        current.members.insert((write.store, write.key.clone()), write.value.clone());
    }
    current
}
