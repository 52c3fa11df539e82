//! "Verify": the independent check of a whole database (as a backup) — the history chain, the
//! stored sheets and reviews against what the history says was written, and every publication
//! in force against its recorded inputs and against the engine run again on them.
//!
//! Editing any score, status, star adjustment, published star or history line by hand, even
//! with the backup's checksum recomputed, breaks one of the three. What is not covered, and
//! said so: records no history entry describes (written before this check existed, or brought
//! in by a merge from another device, whose entries describe that device's records).

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::chain::{self, ChainBreak, ChainSummary};
use super::normal::{digest, normal_text, without};
use crate::domain::device::settings::ACTIVE_RUBRIC;
use crate::domain::files::backup::{Backup, HISTORY, META, ORGS};
use crate::domain::files::exchange::ExchangeBranch;
use crate::domain::org::Org;
use crate::domain::rating::dataset::EvaluationRecord;
use crate::domain::rating::engine::rate_evaluations;
use crate::domain::rating::rubric::Rubric;
use crate::domain::review::quarter::{self, Publication, QuarterReview};
use crate::domain::values::period::{Period, Quarter};

/// The sheets store.
pub const EVALUATIONS: &str = "evaluations";
/// The reviews store.
pub const REVIEWS: &str = "reviews";
/// The rubrics store.
pub const RUBRICS: &str = "rubrics";

/// Fields of a stored sheet that its history entry does not carry (`key`, `rubric`: the record's
/// envelope) or that change without one (`status`: publishing and reopening set it for a whole
/// quarter, and the publication's inputs cover it).
const SHEET_ENVELOPE: [&str; 3] = ["key", "rubric", "status"];

/// The digest of a stored sheet (its record as JSON) that an import's history entry lists.
pub fn sheet_digest(record: &Value) -> String {
    digest(&without(record, &SHEET_ENVELOPE))
}

/// The hash of a publication's inputs: the quarter's sheets as stored once published (so with
/// their `published` status), the rubric versions they were scored with (records with `key`),
/// and the review's adjustments — in one normal text, sheets and rubrics sorted by key.
pub fn publication_inputs(sheets: &[Value], rubrics: &[Value], adjustments: &Value) -> String {
    let sorted = |records: &[Value]| {
        let mut records = records.to_vec();
        records.sort_by(|a, b| a["key"].as_str().cmp(&b["key"].as_str()));
        Value::Array(records)
    };
    digest(&Value::Array(vec![sorted(sheets), sorted(rubrics), adjustments.clone()]))
}

/// Records in the last publication of `review` the hash of its inputs: `sheets`, the quarter's
/// sheets as they are stored once published, and the rubric versions the publication names.
pub fn seal_publication(review: &mut QuarterReview, sheets: &[&EvaluationRecord], rubrics: &HashMap<String, Rubric>) {
    let adjustments = serde_json::to_value(&review.adjustments).unwrap_or(Value::Null);
    let Some(publication) = review.publications.last_mut() else { return };
    let sheets: Vec<Value> = sheets.iter().filter_map(|s| serde_json::to_value(s).ok()).collect();
    let used: Vec<Value> = publication
        .rubrics
        .iter()
        .filter_map(|key| {
            let mut record = serde_json::to_value(rubrics.get(key)?).ok()?;
            record.as_object_mut()?.insert("key".into(), key.clone().into());
            Some(record)
        })
        .collect();
    publication.inputs = Some(publication_inputs(&sheets, &used, &adjustments));
}

/// A published line's field the engine gives differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedField {
    /// The quarter's score.
    Score,
    /// The engine's stars.
    Computed,
    /// The published stars.
    Stars,
    /// Rank among all.
    RankOverall,
    /// Rank in the category.
    RankCategory,
    /// The branch is not rated at all from the inputs.
    Row,
}

/// One thing that is not as it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The history chain itself.
    Chain(ChainBreak),
    /// A record differs from what history entry `entry` says was written.
    Record {
        /// Its store.
        store: &'static str,
        /// Its key.
        key: String,
        /// The entry (1-based) that last wrote it.
        entry: u64,
    },
    /// A record that history entry `entry` wrote is gone.
    Missing {
        /// Its store.
        store: &'static str,
        /// Its key.
        key: String,
        /// The entry that last wrote it.
        entry: u64,
    },
    /// A quarter's sheets, rubric versions or adjustments are not those it was published with.
    Inputs {
        /// The quarter.
        quarter: Quarter,
    },
    /// The engine, run again on a quarter's inputs, does not give what was published.
    Published {
        /// The quarter.
        quarter: Quarter,
        /// The branch.
        branch: String,
        /// Which field.
        field: PublishedField,
        /// As published.
        published: String,
        /// As computed now.
        computed: String,
    },
    /// A record cannot be read as its type.
    Unreadable {
        /// Its store.
        store: &'static str,
        /// Its key.
        key: String,
    },
}

/// What verify found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verification {
    /// The chain (as far as it was sound).
    pub chain: ChainSummary,
    /// Sheets and reviews compared with their last history entry.
    pub records_checked: usize,
    /// Sheets and reviews no history entry describes.
    pub records_uncovered: usize,
    /// Publications in force recomputed.
    pub publications: usize,
    /// Every break, in the order found (chain first).
    pub breaks: Vec<Break>,
}

impl Verification {
    /// Whether nothing is broken.
    pub fn is_verified(&self) -> bool {
        self.breaks.is_empty()
    }
}

/// What a history entry says a record is now.
enum Claim {
    /// Its JSON (a sheet without its envelope).
    After(Value),
    /// A digest ([`sheet_digest`]).
    Digest(String),
}

/// Verifies `backup` (already parsed and migrated to this schema).
pub fn verify(backup: &Backup) -> Verification {
    let mut found = Verification::default();
    let entries = history_in_key_order(backup);
    match chain::verify(&entries) {
        Ok(summary) => found.chain = summary,
        Err(broken) => found.breaks.push(Break::Chain(broken)),
    }
    check_records(backup, &entries, &mut found);
    check_publications(backup, &mut found);
    found
}

fn history_in_key_order(backup: &Backup) -> Vec<Value> {
    let mut pairs: Vec<(f64, Value)> = backup
        .stores
        .get(HISTORY)
        .into_iter()
        .flatten()
        .filter_map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([key, record]) => Some((key.as_f64()?, record.clone())),
            _ => None,
        })
        .collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    pairs.into_iter().map(|(_, record)| record).collect()
}

fn records<'a>(backup: &'a Backup, store: &str) -> impl Iterator<Item = &'a Value> {
    backup.stores.get(store).into_iter().flatten()
}

fn check_records(backup: &Backup, entries: &[Value], found: &mut Verification) {
    let mut claims: BTreeMap<(&'static str, String), (u64, Claim)> = BTreeMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let seq = index as u64 + 1;
        // Merged entries describe the other device's records; the merge kept this one's.
        if entry.get("merged").is_some_and(|m| !m.is_null()) {
            continue;
        }
        let (Some(action), Some(target)) = (entry["action"].as_str(), entry["target"].as_str()) else { continue };
        let Some(after) = entry["after"].as_str().and_then(|a| serde_json::from_str::<Value>(a).ok()) else {
            continue;
        };
        if action.starts_with("evaluation.") {
            claims.insert((EVALUATIONS, target.to_string()), (seq, Claim::After(without(&after, &SHEET_ENVELOPE))));
        } else if action.starts_with("review.") {
            claims.insert((REVIEWS, target.to_string()), (seq, Claim::After(after)));
        } else if let Some(Value::Object(sheets)) = after.get("sheets") {
            for (key, sum) in sheets {
                if let Some(sum) = sum.as_str() {
                    claims.insert((EVALUATIONS, key.clone()), (seq, Claim::Digest(sum.to_string())));
                }
            }
        }
    }

    for (store, key_field) in [(EVALUATIONS, "key"), (REVIEWS, "quarter")] {
        let by_key: HashMap<&str, &Value> =
            records(backup, store).filter_map(|r| Some((r.get(key_field)?.as_str()?, r))).collect();
        let mut covered = 0;
        for ((claim_store, key), (seq, claim)) in claims.range((store, String::new())..) {
            if *claim_store != store {
                break;
            }
            let Some(record) = by_key.get(key.as_str()) else {
                found.breaks.push(Break::Missing { store, key: key.clone(), entry: *seq });
                continue;
            };
            covered += 1;
            let same = match claim {
                Claim::After(after) if store == EVALUATIONS => {
                    normal_text(&without(record, &SHEET_ENVELOPE)) == normal_text(after)
                }
                Claim::After(after) => normal_text(record) == normal_text(after),
                Claim::Digest(sum) => sheet_digest(record) == *sum,
            };
            if !same {
                found.breaks.push(Break::Record { store, key: key.clone(), entry: *seq });
            }
        }
        found.records_checked += covered;
        found.records_uncovered += by_key.len().saturating_sub(covered);
    }
}

fn check_publications(backup: &Backup, found: &mut Verification) {
    let rubric_records: Vec<&Value> = records(backup, RUBRICS).collect();
    let rubrics: HashMap<String, Rubric> = rubric_records
        .iter()
        .filter_map(|r| Some((r["key"].as_str()?.to_string(), serde_json::from_value(without(r, &["key"])).ok()?)))
        .collect();
    let active = records(backup, META)
        .find(|m| m["key"].as_str() == Some(ACTIVE_RUBRIC))
        .and_then(|m| m["value"].as_str())
        .unwrap_or_default();
    let orgs: HashMap<String, Org> = records(backup, ORGS)
        .filter_map(|o| serde_json::from_value::<Org>(o.clone()).ok())
        .map(|o| (o.id.clone(), o))
        .collect();
    let mut sheets: Vec<(Value, EvaluationRecord)> = Vec::new();
    for record in records(backup, EVALUATIONS) {
        match serde_json::from_value::<EvaluationRecord>(record.clone()) {
            Ok(sheet) => sheets.push((record.clone(), sheet)),
            Err(_) => found
                .breaks
                .push(Break::Unreadable { store: EVALUATIONS, key: record["key"].as_str().unwrap_or("?").to_string() }),
        }
    }

    for record in records(backup, REVIEWS) {
        let review: QuarterReview = match serde_json::from_value(record.clone()) {
            Ok(review) => review,
            Err(_) => {
                let key = record["quarter"].as_str().unwrap_or("?").to_string();
                found.breaks.push(Break::Unreadable { store: REVIEWS, key });
                continue;
            }
        };
        let Some(publication) = review.current_publication() else { continue };
        found.publications += 1;
        let q = review.quarter;
        let in_quarter: Vec<&(Value, EvaluationRecord)> =
            sheets.iter().filter(|(_, s)| s.evaluation.month.quarter() == q).collect();
        if let Some(recorded) = &publication.inputs {
            let sheet_values: Vec<Value> = in_quarter.iter().map(|(v, _)| v.clone()).collect();
            let used: Vec<Value> = rubric_records
                .iter()
                .filter(|r| r["key"].as_str().is_some_and(|k| publication.rubrics.iter().any(|p| p == k)))
                .map(|r| (*r).clone())
                .collect();
            let adjustments = serde_json::to_value(&review.adjustments).unwrap_or(Value::Null);
            if publication_inputs(&sheet_values, &used, &adjustments) != *recorded {
                found.breaks.push(Break::Inputs { quarter: q });
            }
        }
        recompute(&review, publication, &in_quarter, &rubrics, active, &orgs, found);
    }
}

/// Runs the engine again on the quarter's sheets for the branches of the publication (with the
/// categories they were published in) and compares every published field.
fn recompute(
    review: &QuarterReview,
    publication: &Publication,
    sheets: &[&(Value, EvaluationRecord)],
    rubrics: &HashMap<String, Rubric>,
    active: &str,
    orgs: &HashMap<String, Org>,
    found: &mut Verification,
) {
    let q = review.quarter;
    let branches: Vec<ExchangeBranch> = publication
        .rows
        .iter()
        .filter_map(|row| {
            let category = row.category.or_else(|| orgs.get(&row.branch).and_then(|o| o.category))?;
            Some(ExchangeBranch {
                id: row.branch.clone(),
                name: String::new(),
                category,
                founded: None,
                extra: Default::default(),
            })
        })
        .collect();
    let scored =
        sheets.iter().filter_map(|(_, s)| Some((&s.evaluation, rubrics.get(&s.rubric).or(rubrics.get(active))?)));
    let rows = quarter::apply(rate_evaluations(&branches, scored, &BTreeMap::new(), Period::Quarter(q)), Some(review));
    let text = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    for published in &publication.rows {
        if !branches.iter().any(|b| b.id == published.branch) {
            continue;
        }
        let mut differs = |field, a: Option<String>, b: Option<String>| {
            if a != b {
                found.breaks.push(Break::Published {
                    quarter: q,
                    branch: published.branch.clone(),
                    field,
                    published: text(a),
                    computed: text(b),
                });
            }
        };
        let Some(row) = rows.iter().find(|r| r.row.branch == published.branch) else {
            differs(PublishedField::Row, Some(published.branch.clone()), None);
            continue;
        };
        let stars = |s: Option<crate::domain::rating::scoring::Stars>| s.map(|s| s.get().to_string());
        differs(PublishedField::Score, published.score.map(|p| p.to_string()), row.row.score.map(|p| p.to_string()));
        differs(PublishedField::Computed, stars(published.computed), stars(row.computed));
        differs(PublishedField::Stars, stars(published.stars), stars(row.row.stars));
        differs(
            PublishedField::RankOverall,
            published.rank_overall.map(|r| r.to_string()),
            row.row.rank_overall.map(|r| r.to_string()),
        );
        differs(
            PublishedField::RankCategory,
            published.rank_category.map(|r| r.to_string()),
            row.row.rank_category.map(|r| r.to_string()),
        );
    }
}

impl std::fmt::Display for PublishedField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PublishedField::Score => "score",
            PublishedField::Computed => "computed stars",
            PublishedField::Stars => "published stars",
            PublishedField::RankOverall => "overall rank",
            PublishedField::RankCategory => "rank in category",
            PublishedField::Row => "line",
        })
    }
}

/// In English, for the command line (the app words each break in the user's language).
impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::Chain(ChainBreak::Unsealed { entry }) => write!(f, "history entry {entry} has no seal"),
            Break::Chain(ChainBreak::Sequence { entry, found }) => {
                write!(f, "history entry {entry} is numbered {found}: entries were removed, added or moved")
            }
            Break::Chain(ChainBreak::Altered { entry }) => {
                write!(f, "history entry {entry} was changed after it was written")
            }
            Break::Chain(ChainBreak::UnknownField { entry, field }) => {
                write!(f, "history entry {entry} has a field {field:?} that the chain does not cover")
            }
            Break::Chain(ChainBreak::NotAnEntry { entry }) => write!(f, "history entry {entry} is not an entry"),
            Break::Record { store, key, entry } => {
                write!(f, "{store} {key:?} differs from what history entry {entry} recorded")
            }
            Break::Missing { store, key, entry } => {
                write!(f, "{store} {key:?} written by history entry {entry} is missing")
            }
            Break::Inputs { quarter } => {
                write!(
                    f,
                    "{quarter}: the sheets, rubric versions or adjustments differ from those it was published with"
                )
            }
            Break::Published { quarter, branch, field, published, computed } => {
                write!(f, "{quarter} {branch}: {field} published as {published}, computed {computed}")
            }
            Break::Unreadable { store, key } => write!(f, "{store} {key:?} cannot be read"),
        }
    }
}
