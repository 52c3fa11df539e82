//! Moving ratings data in and out of the app through the exchange format: which document the
//! app's data exports as, and what importing a document would change — computed in full before
//! anything is written, so the user sees a preview and the store writes it in one transaction.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use crate::domain::files::exchange::{ExchangeBranch, ExchangeDocument, ExchangeEvaluation};
use crate::domain::instructors::assignment::{validate_assignment, Assignment};
use crate::domain::instructors::instructor::{validate_instructor, Instructor};
use crate::domain::instructors::report::{validate_report, InstructorReport};
use crate::domain::instructors::review::{validate_review, YearEndReview};
use crate::domain::instructors::{self, Problem as InstructorProblem};
use crate::domain::org::{self, Org, OrgKind, Problems};
use crate::domain::rating::rubric::{FiveHaves, Rubric};
use crate::domain::requests::{self, validate_request, Request};
use crate::domain::units::formation::{self, FormationProblem};
use crate::domain::units::shell::{self, DecisionProblem, ShellDecision};
use crate::domain::units::unit::{self, Unit, UnitProblems};
use crate::domain::values::date::Date;
use crate::domain::values::period::{Month, Year};

/// Five-haves flags per branch id and year, as the exchange format holds them.
pub type FiveHavesTable = BTreeMap<String, BTreeMap<Year, FiveHaves>>;

/// Storage key of a branch's evaluation for a month: `b07|2026-03`.
pub fn evaluation_key(branch: &str, month: Month) -> String {
    format!("{branch}|{month}")
}

/// Storage key of a rubric version: `default@2`.
pub fn rubric_key(rubric: &Rubric) -> String {
    format!("{}@{}", rubric.id, rubric.version)
}

/// Whether two rubrics score alike (same cap, weights and indicators' dimension, maximum and
/// categories), whatever their ids, versions and names.
pub fn scores_alike(a: &Rubric, b: &Rubric) -> bool {
    let shape = |r: &Rubric| {
        let mut indicators: Vec<_> =
            r.indicators.iter().map(|i| (i.id.clone(), i.dimension, i.max, i.categories.clone())).collect();
        indicators.sort_by(|x, y| x.0.cmp(&y.0));
        (r.bonus_cap, r.weights, indicators)
    };
    shape(a) == shape(b)
}

/// The branches of the org tree as exchanged: every branch, archived ones too (their history
/// still counts), with the app's extra facts (`archived`, `secretary`) kept as extra fields.
pub fn exchange_branches(orgs: &[Org]) -> Vec<ExchangeBranch> {
    let mut branches: Vec<ExchangeBranch> = orgs
        .iter()
        .filter(|o| o.kind == OrgKind::Branch)
        .filter_map(|o| {
            let mut extra = Map::new();
            if o.archived {
                extra.insert("archived".into(), Value::Bool(true));
            }
            if !o.secretary.is_empty() {
                extra.insert("secretary".into(), Value::String(o.secretary.clone()));
            }
            Some(ExchangeBranch {
                id: o.id.clone(),
                name: o.name.clone(),
                category: o.category?,
                founded: o.founded,
                extra,
            })
        })
        .collect();
    branches.sort_by(|a, b| a.id.cmp(&b.id));
    branches
}

/// The exchange document of the app's data under `rubric`: its branches, the evaluations made
/// under it, and the five-haves flags. Evaluations made under another rubric version cannot be
/// carried by a version-1 document (one rubric per document); the caller reports their count.
pub fn export_document(
    rubric: &Rubric,
    orgs: &[Org],
    evaluations: Vec<ExchangeEvaluation>,
    five_haves: FiveHavesTable,
) -> ExchangeDocument {
    let mut doc = ExchangeDocument::new(rubric);
    doc.branches = exchange_branches(orgs);
    doc.evaluations = evaluations;
    doc.evaluations.sort_by(|a, b| (&a.branch, a.month).cmp(&(&b.branch, b.month)));
    doc.five_haves = five_haves;
    doc
}

/// Why a document cannot be imported into this organisation as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportConflict {
    /// A branch id of the document belongs to an org here that is not a branch.
    NotABranch {
        /// The id.
        id: String,
    },
    /// New branches need a parent org, and none (or no valid one) was chosen.
    ParentRequired,
    /// A new branch would break a registry rule (e.g. a duplicate name under the parent).
    InvalidBranch {
        /// The branch id in the document.
        id: String,
        /// The rule's problems.
        problems: Problems,
    },
    /// The document would add or change a month of a published quarter, which is locked until
    /// the committee reopens it.
    PublishedQuarter {
        /// The branch id.
        branch: String,
        /// The month.
        month: Month,
    },
    /// A unit of the document breaks a rule of its own, or clashes with a unit here or earlier
    /// in the document (name, credit code): `unit::validate_unit`'s problems.
    InvalidUnit {
        /// The unit id.
        id: String,
        /// Its name as the document gives it, to say which unit in words.
        name: String,
        /// Every problem.
        problems: UnitProblems,
    },
    /// A formation of the document's units does not fit the registry and org tree as they would
    /// be after the import (`formation::validate_formations`). As when a unit is saved, a joint
    /// branch that one unit names so far is not a refusal.
    Formation(FormationProblem),
    /// A shell decision of the document breaks a rule (`shell::validate_decision`).
    InvalidDecision {
        /// The organisation decided on.
        org: String,
        /// The day decided.
        date: Date,
        /// Every problem.
        problems: Vec<DecisionProblem>,
    },
    /// An instructor of the document breaks a rule (`instructor::validate_instructor`, with the
    /// assignments as the import would leave them).
    InvalidInstructor {
        /// The instructor id.
        id: String,
        /// The name as the document gives it.
        name: String,
        /// Every problem.
        problems: instructors::Problems,
    },
    /// An assignment of the document breaks a rule (`assignment::validate_assignment`, against the
    /// pool, the registry and the assignments as the import would leave them).
    InvalidAssignment {
        /// The assignment id.
        id: String,
        /// Every problem.
        problems: instructors::Problems,
    },
    /// A monthly report names an assignment neither stored here nor in the document.
    UnknownAssignment {
        /// The report's key, `assignment|unit|YYYY-MM`.
        key: String,
    },
    /// A monthly report breaks a rule (`report::validate_report` under its assignment, as filed
    /// on its own `filed_on`).
    InvalidReport {
        /// The report's key.
        key: String,
        /// Every problem.
        problems: instructors::Problems,
    },
    /// A monthly report is dated as filed after the day of the import.
    ReportFiledLater {
        /// The report's key.
        key: String,
        /// Its `filed_on`.
        filed_on: Date,
    },
    /// A year-end review breaks a rule (`review::validate_review`), or names an instructor
    /// neither stored nor in the document.
    InvalidReview {
        /// The review's key, `instructor|YYYY`.
        key: String,
        /// Every problem.
        problems: instructors::Problems,
    },
    /// A request breaks a rule (`requests::validate_request`, against the registry as the import
    /// would leave it).
    InvalidRequest {
        /// The request id.
        id: String,
        /// Every problem.
        problems: Vec<requests::Problem>,
    },
}

/// What an import does to one kind of record matched by its key: the records to write, each
/// already in the normal form its rule returns, and how many are as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes<T> {
    /// Records not stored yet.
    pub new: Vec<T>,
    /// Records that replace a different stored one.
    pub changed: Vec<T>,
    /// Records identical to the stored ones.
    pub unchanged: usize,
}

impl<T> Default for Changes<T> {
    fn default() -> Self {
        Changes { new: Vec::new(), changed: Vec::new(), unchanged: 0 }
    }
}

impl<T: PartialEq> Changes<T> {
    /// Whether nothing is written.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.changed.is_empty()
    }

    /// The records written: the new, then the changed.
    pub fn written(&self) -> impl Iterator<Item = &T> {
        self.new.iter().chain(&self.changed)
    }

    /// Sorts `record` (valid) against the stored ones with the same key.
    fn add(&mut self, record: T, stored: Option<&T>) {
        match stored {
            None => self.new.push(record),
            Some(old) if *old == record => self.unchanged += 1,
            Some(_) => self.changed.push(record),
        }
    }
}

/// Everything an import would change, computed before anything is written.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// The rubric the document's evaluations are stored under.
    pub rubric: Rubric,
    /// Whether that rubric is new here (stored as a new version).
    pub rubric_is_new: bool,
    /// Branches created under the chosen parent.
    pub new_branches: Vec<Org>,
    /// Existing branches whose name or category the document changes.
    pub changed_branches: Vec<Org>,
    /// Existing branches the document leaves as they are.
    pub unchanged_branches: usize,
    /// Evaluations for (branch, month) pairs not stored yet.
    pub new_evaluations: Vec<ExchangeEvaluation>,
    /// Evaluations that replace a different stored one.
    pub replaced_evaluations: Vec<ExchangeEvaluation>,
    /// Evaluations identical to the stored ones.
    pub unchanged_evaluations: usize,
    /// Five-haves flags to store (new or different): (branch, year, flags).
    pub five_haves: Vec<(String, Year, FiveHaves)>,
    /// Units not stored yet, validated, in the document's order.
    pub new_units: Vec<Unit>,
    /// Units that replace a different stored one, validated.
    pub changed_units: Vec<Unit>,
    /// Units identical to the stored ones.
    pub unchanged_units: usize,
    /// Shell decisions not stored yet or different (one per org and day), validated.
    pub shell_decisions: Vec<ShellDecision>,
    /// Instructors, by id (version 3).
    pub instructors: Changes<Instructor>,
    /// Assignments, by id.
    pub assignments: Changes<Assignment>,
    /// Monthly reports, by key.
    pub instructor_reports: Changes<InstructorReport>,
    /// Year-end reviews, by key.
    pub year_end_reviews: Changes<YearEndReview>,
    /// Requests, by id.
    pub requests: Changes<Request>,
}

impl ImportPlan {
    /// Whether applying the plan would change nothing.
    pub fn is_empty(&self) -> bool {
        !self.rubric_is_new
            && self.new_branches.is_empty()
            && self.changed_branches.is_empty()
            && self.new_evaluations.is_empty()
            && self.replaced_evaluations.is_empty()
            && self.five_haves.is_empty()
            && self.new_units.is_empty()
            && self.changed_units.is_empty()
            && self.shell_decisions.is_empty()
            && self.instructors.is_empty()
            && self.assignments.is_empty()
            && self.instructor_reports.is_empty()
            && self.year_end_reviews.is_empty()
            && self.requests.is_empty()
    }
}

/// Plans the import of a validated document into the current data: branches are matched by
/// id; unknown ones become new branches under `parent`; evaluations are matched by (branch,
/// month); the document's rubric is reused when one here scores alike, else it becomes a new
/// version of its lineage. Units (version 2) are matched by id and validated completely — each
/// unit's own rules against the registry as the import leaves it, then every formation they
/// take part in against the org tree with the new branches — and shell decisions by org and day.
/// The records of version 3 are matched by key and each held to the rule the app saves it by,
/// against the data as the import would leave it: instructors (leaving needs no open
/// assignment), assignments (the pool, the registry, the other assignments), reports (under
/// their assignment, as filed on their own day, not after today), reviews (an instructor of the
/// pool) and requests (a unit of the registry).
pub fn plan_import(
    doc: &ExchangeDocument,
    orgs: &[Org],
    stored: &Stored,
    parent: Option<&str>,
    today: Date,
) -> Result<ImportPlan, Vec<ImportConflict>> {
    let Stored { evaluations: stored_evaluations, rubrics: stored_rubrics, five_haves: stored_five_haves, .. } =
        *stored;
    let mut conflicts = Vec::new();
    let incoming = doc.domain_rubric();
    let (rubric, rubric_is_new) = match stored_rubrics.iter().find(|r| scores_alike(r, &incoming)) {
        Some(existing) => (existing.clone(), false),
        None => {
            let version = stored_rubrics
                .iter()
                .filter(|r| r.id == incoming.id)
                .map(|r| r.version)
                .max()
                .map_or(incoming.version.max(1), |v| v + 1);
            (Rubric { version, ..incoming }, true)
        }
    };

    let mut working: Vec<Org> = orgs.to_vec();
    let mut new_branches = Vec::new();
    let mut changed_branches = Vec::new();
    let mut unchanged_branches = 0;
    for branch in &doc.branches {
        match orgs.iter().find(|o| o.id == branch.id) {
            Some(existing) if existing.kind != OrgKind::Branch => {
                conflicts.push(ImportConflict::NotABranch { id: branch.id.clone() });
            }
            Some(existing) => {
                let name = if branch.name.trim().is_empty() { existing.name.clone() } else { branch.name.clone() };
                if existing.name == name && existing.category == Some(branch.category) {
                    unchanged_branches += 1;
                } else {
                    changed_branches.push(Org { name, category: Some(branch.category), ..existing.clone() });
                }
            }
            None => {
                let Some(parent) = parent else {
                    if !conflicts.contains(&ImportConflict::ParentRequired) {
                        conflicts.push(ImportConflict::ParentRequired);
                    }
                    continue;
                };
                let candidate = Org {
                    id: branch.id.clone(),
                    parent: Some(parent.to_string()),
                    kind: OrgKind::Branch,
                    name: if branch.name.trim().is_empty() { branch.id.clone() } else { branch.name.clone() },
                    category: Some(branch.category),
                    secretary: branch.extra.get("secretary").and_then(Value::as_str).unwrap_or_default().to_string(),
                    contact: String::new(),
                    founded: branch.founded.filter(|d| *d <= today),
                    archived: false,
                };
                match org::validate_org(candidate, &working, today) {
                    Ok(valid) => {
                        working.push(valid.clone());
                        new_branches.push(valid);
                    }
                    Err(problems) => conflicts.push(ImportConflict::InvalidBranch { id: branch.id.clone(), problems }),
                }
            }
        }
    }
    let (new_units, changed_units, unchanged_units, registry) =
        plan_units(doc, &working, stored.units, today, &mut conflicts);
    let shell_decisions = plan_decisions(doc, &working, stored.decisions, today, &mut conflicts);
    let pool = plan_instructors(doc, stored, &registry, today, &mut conflicts);
    if !conflicts.is_empty() {
        return Err(conflicts);
    }

    let stored: HashMap<String, &ExchangeEvaluation> =
        stored_evaluations.iter().map(|e| (evaluation_key(&e.branch, e.month), e)).collect();
    let mut new_evaluations = Vec::new();
    let mut replaced_evaluations = Vec::new();
    let mut unchanged_evaluations = 0;
    for eval in &doc.evaluations {
        match stored.get(&evaluation_key(&eval.branch, eval.month)) {
            None => new_evaluations.push(eval.clone()),
            Some(old) if *old == eval => unchanged_evaluations += 1,
            Some(_) => replaced_evaluations.push(eval.clone()),
        }
    }
    let five_haves = doc
        .five_haves
        .iter()
        .flat_map(|(branch, years)| years.iter().map(move |(year, flags)| (branch.clone(), *year, *flags)))
        .filter(|(branch, year, flags)| stored_five_haves.get(branch).and_then(|years| years.get(year)) != Some(flags))
        .collect();
    Ok(ImportPlan {
        rubric,
        rubric_is_new,
        new_branches,
        changed_branches,
        unchanged_branches,
        new_evaluations,
        replaced_evaluations,
        unchanged_evaluations,
        five_haves,
        new_units,
        changed_units,
        unchanged_units,
        shell_decisions,
        instructors: pool.instructors,
        assignments: pool.assignments,
        instructor_reports: pool.reports,
        year_end_reviews: pool.reviews,
        requests: pool.requests,
    })
}

/// What is stored here that an import is planned against.
#[derive(Debug, Clone, Copy)]
pub struct Stored<'a> {
    /// Every stored evaluation.
    pub evaluations: &'a [ExchangeEvaluation],
    /// Every stored rubric version.
    pub rubrics: &'a [Rubric],
    /// The stored five-haves flags.
    pub five_haves: &'a FiveHavesTable,
    /// The unit registry.
    pub units: &'a [Unit],
    /// The shell decisions.
    pub decisions: &'a [ShellDecision],
    /// The instructor pool.
    pub instructors: &'a [Instructor],
    /// Every assignment.
    pub assignments: &'a [Assignment],
    /// Every monthly report.
    pub instructor_reports: &'a [InstructorReport],
    /// Every year-end review.
    pub year_end_reviews: &'a [YearEndReview],
    /// Every request.
    pub requests: &'a [Request],
}

static NO_FIVE_HAVES: FiveHavesTable = BTreeMap::new();

impl Default for Stored<'_> {
    /// Nothing stored: a new organisation.
    fn default() -> Self {
        Stored {
            evaluations: &[],
            rubrics: &[],
            five_haves: &NO_FIVE_HAVES,
            units: &[],
            decisions: &[],
            instructors: &[],
            assignments: &[],
            instructor_reports: &[],
            year_end_reviews: &[],
            requests: &[],
        }
    }
}

fn plan_units(
    doc: &ExchangeDocument,
    orgs: &[Org],
    stored: &[Unit],
    today: Date,
    conflicts: &mut Vec<ImportConflict>,
) -> (Vec<Unit>, Vec<Unit>, usize, Vec<Unit>) {
    let mut registry: Vec<Unit> = stored.to_vec();
    let (mut new, mut changed, mut unchanged) = (Vec::new(), Vec::new(), 0);
    for incoming in &doc.units {
        match unit::validate_unit(incoming.clone(), &registry, today) {
            Err(problems) => conflicts.push(ImportConflict::InvalidUnit {
                id: incoming.id.clone(),
                name: incoming.name.trim().to_string(),
                problems,
            }),
            Ok(valid) => match registry.iter().position(|u| u.id == valid.id) {
                Some(i) if registry[i] == valid => unchanged += 1,
                Some(i) => {
                    registry[i] = valid.clone();
                    changed.push(valid);
                }
                None => {
                    registry.push(valid.clone());
                    new.push(valid);
                }
            },
        }
    }
    let ours = |problem: &FormationProblem| doc.units.iter().any(|u| problem.involves(&u.id));
    conflicts.extend(
        formation::validate_formations(&registry, orgs)
            .into_iter()
            .filter(|p| ours(p) && !matches!(p, FormationProblem::JointTooFewUnits { .. }))
            .map(ImportConflict::Formation),
    );
    (new, changed, unchanged, registry)
}

/// The version-3 part of a plan.
#[derive(Default)]
struct PoolPlan {
    instructors: Changes<Instructor>,
    assignments: Changes<Assignment>,
    reports: Changes<InstructorReport>,
    reviews: Changes<YearEndReview>,
    requests: Changes<Request>,
}

/// `stored` with every record of `incoming` put in place of the stored one with its key.
fn merged<T: Clone>(stored: &[T], incoming: &[T], key: impl Fn(&T) -> String) -> Vec<T> {
    let mut all: Vec<T> = stored.to_vec();
    for record in incoming {
        match all.iter().position(|r| key(r) == key(record)) {
            Some(i) => all[i] = record.clone(),
            None => all.push(record.clone()),
        }
    }
    all
}

fn plan_instructors(
    doc: &ExchangeDocument,
    stored: &Stored,
    registry: &[Unit],
    today: Date,
    conflicts: &mut Vec<ImportConflict>,
) -> PoolPlan {
    let mut plan = PoolPlan::default();
    let pool = merged(stored.instructors, &doc.instructors, |i| i.id.clone());
    let assignments = merged(stored.assignments, &doc.assignments, |a| a.id.clone());
    for incoming in &doc.instructors {
        let open = assignments.iter().filter(|a| a.instructor == incoming.id && a.is_open()).count();
        match validate_instructor(incoming.clone(), open, today) {
            Ok(valid) => {
                let old = stored.instructors.iter().find(|i| i.id == valid.id);
                plan.instructors.add(valid, old);
            }
            Err(problems) => conflicts.push(ImportConflict::InvalidInstructor {
                id: incoming.id.clone(),
                name: incoming.name.trim().to_string(),
                problems,
            }),
        }
    }
    for incoming in &doc.assignments {
        match validate_assignment(incoming.clone(), &pool, registry, &assignments, today) {
            Ok(valid) => {
                let old = stored.assignments.iter().find(|a| a.id == valid.id);
                plan.assignments.add(valid, old);
            }
            Err(problems) => conflicts.push(ImportConflict::InvalidAssignment { id: incoming.id.clone(), problems }),
        }
    }
    for incoming in &doc.instructor_reports {
        let key = incoming.key();
        let Some(assignment) = assignments.iter().find(|a| a.id == incoming.assignment) else {
            conflicts.push(ImportConflict::UnknownAssignment { key });
            continue;
        };
        if incoming.filed_on > today {
            conflicts.push(ImportConflict::ReportFiledLater { key: key.clone(), filed_on: incoming.filed_on });
        }
        // As filed: the rule sets the filing day to the day it is given, here the report's own.
        match validate_report(incoming.clone(), assignment, incoming.filed_on) {
            Ok(valid) => {
                let old = stored.instructor_reports.iter().find(|r| r.key() == key);
                plan.reports.add(valid, old);
            }
            Err(problems) => conflicts.push(ImportConflict::InvalidReport { key, problems }),
        }
    }
    for incoming in &doc.year_end_reviews {
        let key = incoming.key();
        let mut problems = Vec::new();
        if !pool.iter().any(|i| i.id == incoming.instructor) {
            problems.push(InstructorProblem::UnknownInstructor(incoming.instructor.clone()));
        }
        match validate_review(incoming.clone(), today) {
            Ok(valid) if problems.is_empty() => {
                let old = stored.year_end_reviews.iter().find(|r| r.key() == key);
                plan.reviews.add(valid, old);
            }
            Ok(_) => conflicts.push(ImportConflict::InvalidReview { key, problems }),
            Err(more) => {
                problems.extend(more);
                conflicts.push(ImportConflict::InvalidReview { key, problems });
            }
        }
    }
    for incoming in &doc.requests {
        match validate_request(incoming.clone(), registry, today) {
            Ok(valid) => {
                let old = stored.requests.iter().find(|r| r.id == valid.id);
                plan.requests.add(valid, old);
            }
            Err(problems) => conflicts.push(ImportConflict::InvalidRequest { id: incoming.id.clone(), problems }),
        }
    }
    plan
}

fn plan_decisions(
    doc: &ExchangeDocument,
    orgs: &[Org],
    stored: &[ShellDecision],
    today: Date,
    conflicts: &mut Vec<ImportConflict>,
) -> Vec<ShellDecision> {
    let mut out: Vec<ShellDecision> = Vec::new();
    for incoming in &doc.shell_decisions {
        match shell::validate_decision(incoming.clone(), orgs, today) {
            Err(problems) => conflicts.push(ImportConflict::InvalidDecision {
                org: incoming.org.clone(),
                date: incoming.date,
                problems,
            }),
            Ok(valid) if stored.contains(&valid) => {}
            Ok(valid) => {
                // One decision per org and day, as stored: a later one in the file wins.
                out.retain(|d| (&d.org, d.date) != (&valid.org, valid.date));
                out.push(valid);
            }
        }
    }
    out
}
