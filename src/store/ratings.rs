//! Rubrics, monthly evaluations and five-haves flags: reading them for ratings and export,
//! and writing an import plan in one transaction — with the 两新 units and shell decisions an
//! exchange document of version 2 carries, and the instructors, assignments, reports, reviews
//! and requests of version 3.

use indexed_db_futures::prelude::*;

use super::error::{StoreError, WriteError};
use super::records::{
    history_entry, DecisionRecord, EvaluationRecord, FiveHavesRecord, HistoryEntry, ReportRecord, ReviewRecord,
    RubricRecord, Setting,
};
use super::schema::{
    ASSIGNMENTS, EVALUATIONS, FIVE_HAVES, HISTORY, INSTRUCTORS, INSTRUCTOR_REPORTS, META, ORGS, RECTIFICATIONS,
    REQUESTS, REVIEWS, RUBRICS, SHELL_DECISIONS, UNITS, YEAR_END_REVIEWS,
};
use super::tx::{
    append_history, history_of_in, read_ratings, read_rubrics, record_change, rubric_in, setting_in, write_tx,
    RATINGS_STORES,
};
use crate::domain::device::settings::ACTIVE_RUBRIC;
use crate::domain::files::exchange::{ExchangeDocument, ExchangeEvaluation};
use crate::domain::files::import::{self, evaluation_key, rubric_key, ImportConflict, ImportPlan};
use crate::domain::instructors::assignment::Assignment;
use crate::domain::instructors::instructor::Instructor;
use crate::domain::instructors::report::InstructorReport;
use crate::domain::instructors::review::YearEndReview;
use crate::domain::org::Org;
use crate::domain::rating::dataset::RatingsData;
use crate::domain::rating::rubric::{FiveHaves, Rubric};
use crate::domain::requests::Request;
use crate::domain::units::shell::ShellDecision;
use crate::domain::units::unit::Unit;
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;
use indexed_db_futures::database::Database;
use indexed_db_futures::transaction::Transaction;

/// What an exchange import and export read: the ratings' stores, the unit registry's and the
/// instructors' and requests'.
const EXCHANGE_STORES: [&str; 14] = [
    META,
    ORGS,
    RUBRICS,
    EVALUATIONS,
    FIVE_HAVES,
    REVIEWS,
    RECTIFICATIONS,
    UNITS,
    SHELL_DECISIONS,
    INSTRUCTORS,
    ASSIGNMENTS,
    INSTRUCTOR_REPORTS,
    YEAR_END_REVIEWS,
    REQUESTS,
];

/// The version-3 records of an exchange document, as stored.
#[derive(Default)]
struct Pool {
    instructors: Vec<Instructor>,
    assignments: Vec<Assignment>,
    reports: Vec<InstructorReport>,
    reviews: Vec<YearEndReview>,
    requests: Vec<Request>,
}

/// The instructors, assignments, reports, reviews and requests, read inside an open
/// transaction over their stores.
async fn read_pool(tx: &Transaction<'_>) -> indexed_db_futures::Result<Pool> {
    let reports: Vec<ReportRecord> =
        tx.object_store(INSTRUCTOR_REPORTS)?.get_all().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    let reviews: Vec<ReviewRecord> =
        tx.object_store(YEAR_END_REVIEWS)?.get_all().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    Ok(Pool {
        instructors: tx
            .object_store(INSTRUCTORS)?
            .get_all()
            .serde()?
            .await?
            .collect::<indexed_db_futures::Result<_>>()?,
        assignments: tx
            .object_store(ASSIGNMENTS)?
            .get_all()
            .serde()?
            .await?
            .collect::<indexed_db_futures::Result<_>>()?,
        reports: reports.into_iter().map(|r| r.report).collect(),
        reviews: reviews.into_iter().map(|r| r.review).collect(),
        requests: tx.object_store(REQUESTS)?.get_all().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?,
    })
}

/// The units and shell decisions, read inside an open transaction over both stores.
async fn read_units(tx: &Transaction<'_>) -> indexed_db_futures::Result<(Vec<Unit>, Vec<ShellDecision>)> {
    let units: Vec<Unit> =
        tx.object_store(UNITS)?.get_all::<Unit>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    let decisions: Vec<DecisionRecord> = tx
        .object_store(SHELL_DECISIONS)?
        .get_all::<DecisionRecord>()
        .serde()?
        .await?
        .collect::<indexed_db_futures::Result<_>>()?;
    Ok((units, decisions.into_iter().map(|r| r.decision).collect()))
}

/// The exchange document the app exports under the rubric version `key` (version 3: the units,
/// shell decisions, instructors, assignments, reports, reviews and requests too), read in one
/// transaction, and how many evaluations it leaves out because they were made under another
/// version.
pub async fn export_document(db: &Database, key: &str) -> Result<(ExchangeDocument, usize), StoreError> {
    let tx = db.transaction(EXCHANGE_STORES).build()?;
    let data = read_ratings(&tx).await?;
    let (units, decisions) = read_units(&tx).await?;
    let pool = read_pool(&tx).await?;
    let (mut doc, left_out) = data.export_under(key);
    doc.units = units;
    doc.shell_decisions = decisions;
    doc.instructors = pool.instructors;
    doc.assignments = pool.assignments;
    doc.instructor_reports = pool.reports;
    doc.year_end_reviews = pool.reviews;
    doc.requests = pool.requests;
    Ok((doc, left_out))
}

/// Why an import was not written: the document does not fit this organisation, or storage
/// failed.
pub type ImportError = WriteError<Vec<ImportConflict>>;

/// Why a rubric was not saved: it breaks rule 10, or storage failed.
pub type RubricSaveError = WriteError<Vec<crate::domain::values::validation::ValidationError>>;

/// Why a monthly sheet was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetRefusal {
    /// The workflow does not allow the action now.
    Workflow(crate::domain::rating::workflow::WorkflowError),
    /// Scores are missing or out of range for submitting or confirming.
    Problems(Vec<crate::domain::values::validation::ValidationError>),
    /// The branch is unknown or not a branch.
    UnknownBranch,
}

/// Why a monthly sheet was not saved.
pub type SheetError = WriteError<SheetRefusal>;

/// The active rubric alone, for views that only name its indicators.
pub async fn active_rubric(db: &Database) -> Result<Rubric, StoreError> {
    let tx = db.transaction([META, RUBRICS]).build()?;
    Ok(super::tx::active_rubric_in(&tx).await?.1)
}

/// Reads everything ratings need, in one read transaction.
pub async fn load(db: &Database) -> Result<RatingsData, StoreError> {
    let tx = db.transaction(RATINGS_STORES).build()?;
    Ok(read_ratings(&tx).await?)
}

/// Plans the import of a validated document against the current data (read-only), for the
/// preview.
pub async fn preview_import(
    db: &Database,
    doc: &ExchangeDocument,
    parent: Option<&str>,
    today: Date,
) -> Result<ImportPlan, ImportError> {
    let tx = db.transaction(EXCHANGE_STORES).build()?;
    let data = read_ratings(&tx).await?;
    let units = read_units(&tx).await?;
    let pool = read_pool(&tx).await?;
    plan(&data, &units, &pool, doc, parent, today)
}

fn plan(
    data: &RatingsData,
    (units, decisions): &(Vec<Unit>, Vec<ShellDecision>),
    pool: &Pool,
    doc: &ExchangeDocument,
    parent: Option<&str>,
    today: Date,
) -> Result<ImportPlan, ImportError> {
    let evaluations: Vec<ExchangeEvaluation> = data.evaluations.iter().map(|r| r.evaluation.clone()).collect();
    let rubrics: Vec<Rubric> = data.rubrics.values().cloned().collect();
    let stored = import::Stored {
        evaluations: &evaluations,
        rubrics: &rubrics,
        five_haves: &data.five_haves,
        units,
        decisions,
        instructors: &pool.instructors,
        assignments: &pool.assignments,
        instructor_reports: &pool.reports,
        year_end_reviews: &pool.reviews,
        requests: &pool.requests,
    };
    let plan = import::plan_import(doc, &data.orgs, &stored, parent, today).map_err(ImportError::Invalid)?;
    let locked: Vec<ImportConflict> = plan
        .new_evaluations
        .iter()
        .chain(&plan.replaced_evaluations)
        .filter(|e| data.reviews.get(&e.month.quarter()).is_some_and(|r| r.is_published()))
        .map(|e| ImportConflict::PublishedQuarter { branch: e.branch.clone(), month: e.month })
        .collect();
    if locked.is_empty() {
        Ok(plan)
    } else {
        Err(ImportError::Invalid(locked))
    }
}

/// Imports a validated document: plans it again against the data as it is inside the write
/// transaction (so the preview cannot go stale), then writes branches, rubric, evaluations,
/// five-haves flags, units, shell decisions, instructors, assignments, reports, reviews,
/// requests and one history entry, and commits — all or nothing. Returns the plan that was
/// written.
pub async fn import(
    db: &Database,
    doc: &ExchangeDocument,
    parent: Option<&str>,
    today: Date,
) -> Result<ImportPlan, ImportError> {
    let mut stores = EXCHANGE_STORES.to_vec();
    stores.push(HISTORY);
    let tx = write_tx(db, stores)?;
    let data = read_ratings(&tx).await?;
    let units = read_units(&tx).await?;
    let pool = read_pool(&tx).await?;
    let plan = plan(&data, &units, &pool, doc, parent, today)?;
    let rubrics_store = tx.object_store(RUBRICS)?;
    let evaluations_store = tx.object_store(EVALUATIONS)?;
    let five_haves_store = tx.object_store(FIVE_HAVES)?;

    let orgs_store = tx.object_store(ORGS)?;
    for org in plan.new_branches.iter().chain(&plan.changed_branches) {
        orgs_store.put(org).serde()?.await?;
    }
    let key = rubric_key(&plan.rubric);
    if plan.rubric_is_new {
        rubrics_store.put(RubricRecord { key: key.clone(), rubric: plan.rubric.clone() }).serde()?.await?;
    }
    // What each sheet was written as, so verify can tell a later edit by hand from this import.
    let mut sheets = serde_json::Map::new();
    for evaluation in plan.new_evaluations.iter().chain(&plan.replaced_evaluations) {
        let record = EvaluationRecord::new(&key, evaluation.clone());
        evaluations_store.put(&record).serde()?.await?;
        let digest = crate::domain::trust::verify::sheet_digest(&serde_json::to_value(&record).unwrap_or_default());
        sheets.insert(record.key, digest.into());
    }
    for (branch, year, flags) in &plan.five_haves {
        five_haves_store.put(FiveHavesRecord::new(branch, *year, *flags)).serde()?.await?;
    }
    let units_store = tx.object_store(UNITS)?;
    for unit in plan.new_units.iter().chain(&plan.changed_units) {
        units_store.put(unit).serde()?.await?;
    }
    let decisions_store = tx.object_store(SHELL_DECISIONS)?;
    for decision in &plan.shell_decisions {
        decisions_store.put(DecisionRecord::new(decision.clone())).serde()?.await?;
    }
    let store = tx.object_store(INSTRUCTORS)?;
    for instructor in plan.instructors.written() {
        store.put(instructor).serde()?.await?;
    }
    let store = tx.object_store(ASSIGNMENTS)?;
    for assignment in plan.assignments.written() {
        store.put(assignment).serde()?.await?;
    }
    let store = tx.object_store(INSTRUCTOR_REPORTS)?;
    for report in plan.instructor_reports.written() {
        store.put(ReportRecord { key: report.key(), report: report.clone() }).serde()?.await?;
    }
    let store = tx.object_store(YEAR_END_REVIEWS)?;
    for review in plan.year_end_reviews.written() {
        store.put(ReviewRecord { key: review.key(), review: review.clone() }).serde()?.await?;
    }
    let store = tx.object_store(REQUESTS)?;
    for request in plan.requests.written() {
        store.put(request).serde()?.await?;
    }
    let summary = serde_json::json!({
        "rubric": key,
        "new_branches": plan.new_branches.len(),
        "changed_branches": plan.changed_branches.len(),
        "new_evaluations": plan.new_evaluations.len(),
        "replaced_evaluations": plan.replaced_evaluations.len(),
        "five_haves": plan.five_haves.len(),
        "new_units": plan.new_units.len(),
        "changed_units": plan.changed_units.len(),
        "shell_decisions": plan.shell_decisions.len(),
        "instructors": plan.instructors.written().count(),
        "assignments": plan.assignments.written().count(),
        "instructor_reports": plan.instructor_reports.written().count(),
        "year_end_reviews": plan.year_end_reviews.written().count(),
        "requests": plan.requests.written().count(),
        "sheets": sheets,
    });
    record_change(&tx, "exchange.import", &key, None, Some(&summary)).await?;
    super::error::commit(tx).await?;
    Ok(plan)
}

/// Saves an edited rubric as the next version of its lineage and makes it active, in one
/// transaction. Earlier versions stay stored: evaluations made under them are still scored
/// with them. Returns the rubric as saved (with its version).
pub async fn save_rubric(db: &Database, edited: Rubric) -> Result<Rubric, RubricSaveError> {
    edited.validate().map_err(RubricSaveError::Invalid)?;
    let tx = write_tx(db, [META, RUBRICS, HISTORY])?;
    let store = tx.object_store(RUBRICS)?;
    let latest = read_rubrics(&store)
        .await?
        .into_iter()
        .filter(|r| r.rubric.id == edited.id)
        .map(|r| r.rubric.version)
        .max()
        .unwrap_or(0);
    let rubric = Rubric { version: latest + 1, ..edited };
    let key = rubric_key(&rubric);
    store.put(RubricRecord { key: key.clone(), rubric: rubric.clone() }).serde()?.await?;
    tx.object_store(META)?.put(Setting { key: ACTIVE_RUBRIC.into(), value: key.clone() }).serde()?.await?;
    record_change(&tx, "rubric.save", &key, None, Some(&rubric)).await?;
    super::error::commit(tx).await?;
    Ok(rubric)
}

/// Applies a workflow action to the monthly sheet of `evaluation.branch` for
/// `evaluation.month`, in one transaction: reads the stored sheet, checks the transition, takes
/// the incoming scores only for actions that edit them (a status change never alters scores),
/// checks completeness before submitting or confirming, writes the sheet and an append-only
/// history entry with the old and new record and the reason. New sheets are made under the
/// active rubric; existing ones keep theirs.
pub async fn save_sheet(
    db: &Database,
    evaluation: ExchangeEvaluation,
    action: crate::domain::rating::workflow::Action,
    reason: &str,
) -> Result<EvaluationRecord, SheetError> {
    use crate::domain::rating::workflow::{editable, next_status, WorkflowError};
    let tx = write_tx(db, [META, ORGS, RUBRICS, EVALUATIONS, HISTORY])?;
    let org: Option<Org> = tx.object_store(ORGS)?.get(evaluation.branch.clone()).serde()?.await?;
    let category = org.and_then(|o| o.category).ok_or(SheetError::Invalid(SheetRefusal::UnknownBranch))?;
    let key = evaluation_key(&evaluation.branch, evaluation.month);
    let store = tx.object_store(EVALUATIONS)?;
    let before: Option<EvaluationRecord> = store.get(key.clone()).serde()?.await?;
    let current = before.as_ref().map(|r| r.evaluation.status);
    let status = next_status(current, action, reason).map_err(|w| SheetError::Invalid(SheetRefusal::Workflow(w)))?;
    if action.edits_scores() && !editable(current) {
        return Err(SheetError::Invalid(SheetRefusal::Workflow(WorkflowError::NotAllowed)));
    }
    let rubric_key = match &before {
        Some(record) => record.rubric.clone(),
        None => setting_in(&tx, ACTIVE_RUBRIC).await?.unwrap_or_default(),
    };
    let rubric = rubric_in(&tx, &rubric_key).await?;

    let mut sheet = match (&before, action.edits_scores()) {
        (Some(record), false) => record.evaluation.clone(),
        _ => evaluation,
    };
    sheet.status = status;
    if action == crate::domain::rating::workflow::Action::Submit {
        crate::domain::rating::deadline::mark_submitted(&mut sheet.extra, super::clock::today());
    }
    if matches!(
        status,
        crate::domain::rating::evaluation::ReviewStatus::Submitted
            | crate::domain::rating::evaluation::ReviewStatus::Confirmed
    ) {
        sheet
            .to_evaluation()
            .validate_as_confirmed(&rubric, category)
            .map_err(|e| SheetError::Invalid(SheetRefusal::Problems(e)))?;
    } else {
        sheet
            .to_evaluation()
            .validate(&rubric, category)
            .map_err(|e| SheetError::Invalid(SheetRefusal::Problems(e)))?;
    }
    let record = EvaluationRecord { key: key.clone(), rubric: rubric_key, evaluation: sheet };
    store.put(&record).serde()?.await?;
    let mut entry = history_entry(
        &format!("evaluation.{}", action.code()),
        &key,
        before.as_ref().map(|r| &r.evaluation),
        Some(&record.evaluation),
    );
    entry.reason = Some(reason.trim().to_string()).filter(|r| !r.is_empty());
    append_history(&tx, &entry).await?;
    super::error::commit(tx).await?;
    Ok(record)
}

/// The change history of one record (by its key), oldest first.
pub async fn history_of(db: &Database, target: &str) -> Result<Vec<HistoryEntry>, StoreError> {
    let tx = db.transaction(HISTORY).build()?;
    Ok(history_of_in(&tx, target).await?)
}

/// Records which five-haves criteria a branch has met for a year (the committee's
/// confirmation), with a history entry, in one transaction.
pub async fn set_five_haves(db: &Database, branch: &str, year: Year, flags: FiveHaves) -> Result<(), StoreError> {
    let tx = write_tx(db, [FIVE_HAVES, HISTORY])?;
    let store = tx.object_store(FIVE_HAVES)?;
    let record = FiveHavesRecord::new(branch, year, flags);
    let before: Option<FiveHavesRecord> = store.get(record.key.clone()).serde()?.await?;
    store.put(&record).serde()?.await?;
    record_change(&tx, "five_haves.set", &record.key, before.map(|b| b.flags).as_ref(), Some(&flags)).await?;
    super::error::commit(tx).await?;
    Ok(())
}
