//! The members' records a branch package carries (docs/FORMAT.md §11.4, package version 2): the
//! branch's roll, its development pipeline, mobile periods, the month's dues, appraisals, mutual
//! scores and points items — so a secretary's tablet brings the committee the members' work the
//! same way as the month's sheet and ledger.
//!
//! Every record is compared with the database through its stored JSON (the form the store keeps,
//! a keyed record with its `key` beside its fields), so one diff, one conflict view and one
//! write serve all seven kinds; the typed fields keep the file's shapes checked on reading.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::members::appraisal::MemberAppraisal;
use crate::domain::members::dues::{validate_dues, Dues, DuesProblem};
use crate::domain::members::mobile::MobilePeriod;
use crate::domain::members::mutual::MutualScore;
use crate::domain::members::pipeline::Candidate;
use crate::domain::members::points::{validate_item, PointsItem};
use crate::domain::members::rating_problem::Problem as RatingProblem;
use crate::domain::org::Member;
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;

/// The store a member record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MemberStore {
    /// The roll (`members`).
    Roll,
    /// The pipeline (`candidates`).
    Candidates,
    /// Mobile periods (`mobile_periods`).
    MobilePeriods,
    /// Dues (`dues`).
    Dues,
    /// Democratic appraisals (`appraisals`).
    Appraisals,
    /// Mutual scores (`mutual_scores`).
    MutualScores,
    /// Points items (`member_points`).
    Points,
}

impl MemberStore {
    /// Every kind, in the order packages list them.
    pub const ALL: [MemberStore; 7] = [
        MemberStore::Roll,
        MemberStore::Candidates,
        MemberStore::MobilePeriods,
        MemberStore::Dues,
        MemberStore::Appraisals,
        MemberStore::MutualScores,
        MemberStore::Points,
    ];

    /// The object store's name (as in `store::schema`).
    pub fn store(self) -> &'static str {
        match self {
            MemberStore::Roll => "members",
            MemberStore::Candidates => "candidates",
            MemberStore::MobilePeriods => "mobile_periods",
            MemberStore::Dues => "dues",
            MemberStore::Appraisals => "appraisals",
            MemberStore::MutualScores => "mutual_scores",
            MemberStore::Points => "member_points",
        }
    }

    /// The field of the package's `members` object holding them.
    pub fn field(self) -> &'static str {
        match self {
            MemberStore::Roll => "roll",
            MemberStore::Points => "points",
            other => other.store(),
        }
    }
}

/// The members' records of a branch package; every list may be absent in the file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PackageMembers {
    /// The branch's roll.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roll: Vec<Member>,
    /// Everyone in the branch's pipeline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// The branch's mobile periods with their reports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mobile_periods: Vec<MobilePeriod>,
    /// The branch's dues of the package's month.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dues: Vec<Dues>,
    /// The branch's democratic appraisals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appraisals: Vec<MemberAppraisal>,
    /// The branch's mutual scores.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mutual_scores: Vec<MutualScore>,
    /// The branch's points items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<PointsItem>,
}

/// One member record of a package, as the store keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRecord {
    /// Its store.
    pub store: MemberStore,
    /// Its key in the store.
    pub key: String,
    /// The branch it belongs to.
    pub branch: String,
    /// The member it is about (none for a pipeline record, which is about a person not yet on
    /// the roll).
    pub member: Option<String>,
    /// A short description for the preview (a name, a month).
    pub label: String,
    /// The stored JSON.
    pub value: Value,
}

fn json(record: &impl Serialize) -> Value {
    serde_json::to_value(record).unwrap_or(Value::Null)
}

fn keyed(record: &impl Serialize, key: &str) -> Value {
    let mut value = json(record);
    if let Value::Object(fields) = &mut value {
        fields.insert("key".into(), Value::String(key.to_string()));
    }
    value
}

impl PackageMembers {
    /// Whether there is nothing (then the package's file has no `members`).
    pub fn is_empty(&self) -> bool {
        self.records().is_empty()
    }

    /// The lists sorted by key, so the same data gives the same file.
    pub fn sorted(mut self) -> PackageMembers {
        self.roll.sort_by(|a, b| a.id.cmp(&b.id));
        self.candidates.sort_by(|a, b| a.id.cmp(&b.id));
        self.mobile_periods.sort_by(|a, b| a.id.cmp(&b.id));
        self.dues.sort_by_key(Dues::key);
        self.appraisals.sort_by_key(MemberAppraisal::key);
        self.mutual_scores.sort_by_key(MutualScore::key);
        self.points.sort_by(|a, b| a.id.cmp(&b.id));
        self
    }

    /// Every record, in [`MemberStore::ALL`] order.
    pub fn records(&self) -> Vec<MemberRecord> {
        let mut out = Vec::new();
        let mut push = |store: MemberStore, key: String, branch: &str, member: Option<&str>, label: String, value| {
            out.push(MemberRecord {
                store,
                key,
                branch: branch.to_string(),
                member: member.map(str::to_string),
                label,
                value,
            });
        };
        for m in &self.roll {
            push(MemberStore::Roll, m.id.clone(), &m.branch, Some(&m.id), m.name.clone(), json(m));
        }
        for c in &self.candidates {
            push(MemberStore::Candidates, c.id.clone(), &c.branch, None, c.name.clone(), json(c));
        }
        for p in &self.mobile_periods {
            push(MemberStore::MobilePeriods, p.id.clone(), &p.branch, Some(&p.member), p.left_on.to_string(), json(p));
        }
        for d in &self.dues {
            push(MemberStore::Dues, d.key(), &d.branch, Some(&d.member), d.month.to_string(), keyed(d, &d.key()));
        }
        for a in &self.appraisals {
            push(MemberStore::Appraisals, a.key(), &a.branch, Some(&a.member), a.year.to_string(), keyed(a, &a.key()));
        }
        for s in &self.mutual_scores {
            let label = s.key().rsplit('|').next().unwrap_or_default().to_string();
            push(MemberStore::MutualScores, s.key(), &s.branch, Some(&s.member), label, keyed(s, &s.key()));
        }
        for i in &self.points {
            push(
                MemberStore::Points,
                i.id.clone(),
                &i.branch,
                Some(&i.member),
                format!("{} {}", i.date, i.reason),
                json(i),
            );
        }
        out
    }
}

/// A record as read from its store, in the same JSON form the package's records take (numbers
/// as the record type writes them: a stored `20` reads back as the `20.0` of a points value), so
/// a comparison sees only real differences. `None` when it is not a record of the store's type.
pub fn normalized(store: MemberStore, stored: &Value) -> Option<Value> {
    fn typed<T: serde::de::DeserializeOwned>(stored: &Value) -> Option<T> {
        serde_json::from_value(stored.clone()).ok()
    }
    let mut one = PackageMembers::default();
    match store {
        MemberStore::Roll => one.roll.push(typed(stored)?),
        MemberStore::Candidates => one.candidates.push(typed(stored)?),
        MemberStore::MobilePeriods => one.mobile_periods.push(typed(stored)?),
        MemberStore::Dues => one.dues.push(typed(stored)?),
        MemberStore::Appraisals => one.appraisals.push(typed(stored)?),
        MemberStore::MutualScores => one.mutual_scores.push(typed(stored)?),
        MemberStore::Points => one.points.push(typed(stored)?),
    }
    one.records().pop().map(|r| r.value)
}

/// What is wrong with a member record of a package (located by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberRecordProblem {
    /// It belongs to another branch.
    OtherBranch(String),
    /// Dues of another month than the package's.
    OtherMonth(String),
    /// The same record twice.
    Duplicate(String),
    /// It names a member on neither this database's roll of the branch nor the package's.
    UnknownMember(String),
    /// A dues record breaks the rule the app saves it by.
    DuesRule(DuesProblem),
    /// A points item breaks the rule the app saves it by.
    PointsRule(RatingProblem),
}

/// Every record with its place in the file, `members.<field>[i]`.
fn located(members: &PackageMembers) -> Vec<(String, MemberRecord)> {
    let mut index: BTreeMap<MemberStore, usize> = BTreeMap::new();
    members
        .records()
        .into_iter()
        .map(|record| {
            let i = index.entry(record.store).or_default();
            let at = format!("members.{}[{i}]", record.store.field());
            *i += 1;
            (at, record)
        })
        .collect()
}

/// Checks the records that need no database: every record of the package's branch, dues of its
/// month, no record twice. Returns (place, problem) pairs, `members.<field>[i]`.
pub fn check_shape(members: &PackageMembers, branch: &str, month: Month) -> Vec<(String, MemberRecordProblem)> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (at, record) in located(members) {
        if record.branch != branch {
            problems.push((format!("{at}.branch"), MemberRecordProblem::OtherBranch(record.branch.clone())));
        }
        if record.store == MemberStore::Dues && record.label != month.to_string() {
            problems.push((format!("{at}.month"), MemberRecordProblem::OtherMonth(record.label.clone())));
        }
        if !seen.insert((record.store, record.key.clone())) {
            problems.push((at, MemberRecordProblem::Duplicate(record.key)));
        }
    }
    problems
}

/// Checks the records against the receiving database's roll (`roll`: every member here): each
/// names a member of the branch, here or in the package's roll; dues and points items hold to
/// the rules they are saved by on `today`.
pub fn validate(
    members: &PackageMembers,
    branch: &str,
    roll: &[Member],
    today: Date,
) -> Vec<(String, MemberRecordProblem)> {
    let mut known: Vec<Member> = roll.iter().filter(|m| m.branch == branch).cloned().collect();
    for m in &members.roll {
        if !known.iter().any(|k| k.id == m.id) {
            known.push(m.clone());
        }
    }
    let mut problems = Vec::new();
    for (at, record) in located(members) {
        if let Some(member) = &record.member {
            if record.store != MemberStore::Roll && !known.iter().any(|m| &m.id == member) {
                problems.push((format!("{at}.member"), MemberRecordProblem::UnknownMember(member.clone())));
            }
        }
    }
    for (i, dues) in members.dues.iter().enumerate() {
        if let Err(found) = validate_dues(dues.clone(), today) {
            for p in found {
                problems.push((format!("members.dues[{i}]"), MemberRecordProblem::DuesRule(p)));
            }
        }
    }
    for (i, item) in members.points.iter().enumerate() {
        if let Err(found) = validate_item(item.clone(), &known, today) {
            for p in found {
                problems.push((format!("members.points[{i}]"), MemberRecordProblem::PointsRule(p)));
            }
        }
    }
    problems
}

/// A member record to write, with what was there.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberWrite {
    /// Its store.
    pub store: MemberStore,
    /// Its key.
    pub key: String,
    /// The stored JSON to put.
    pub value: Value,
    /// What was there.
    pub before: Option<Value>,
}
