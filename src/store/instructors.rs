//! Party-building instructors: the pool, their assignments, monthly reports and year-end
//! reviews, and the committee's settings for them. One transaction per action; the domain's
//! rules ([`validate_instructor`], [`validate_assignment`], [`validate_report`],
//! [`validate_review`]) run on what is read inside it, and every change leaves a history entry
//! (targets: the instructor or assignment id, the report key `assignment|unit|YYYY-MM`, the
//! review key `instructor|YYYY`).

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;

use super::error::{commit, StoreError, WriteError};
use super::records::{history_entry, HistoryEntry, ReportRecord, ReviewRecord};
use super::schema::{
    ASSIGNMENTS, BY_ASSIGNMENT, HISTORY, INSTRUCTORS, INSTRUCTOR_REPORTS, META, UNITS, YEAR_END_REVIEWS,
};
use super::tx::{all_in_index, append_history, device_id, record_change, setting_in, write_tx};
use crate::domain::device::settings::INSTRUCTORS as SETTINGS_KEY;
use crate::domain::files::report_package::{self, Item as PackageItem, ReportPackage, ReportPackageError};
use crate::domain::instructors::assignment::{validate_assignment, Assignment};
use crate::domain::instructors::instructor::{validate_instructor, Instructor};
use crate::domain::instructors::report::{validate_report, InstructorReport};
use crate::domain::instructors::review::{validate_review, YearEndReview};
use crate::domain::instructors::settings::{InstructorSettings, SettingsProblem};
use crate::domain::instructors::{Problem, Problems};
use crate::domain::units::unit::Unit;
use crate::domain::values::date::Date;

/// Why an instructor, assignment, report or review was not written.
pub type InstructorError = WriteError<Problems>;

/// Everything the instructor pages show, read in one transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InstructorData {
    /// The pool, by id.
    pub instructors: Vec<Instructor>,
    /// Every assignment, by id.
    pub assignments: Vec<Assignment>,
    /// Every monthly report, by key.
    pub reports: Vec<InstructorReport>,
    /// Every year-end review, by key.
    pub reviews: Vec<YearEndReview>,
    /// The unit registry, by id (names, statuses).
    pub units: Vec<Unit>,
    /// The committee's settings.
    pub settings: InstructorSettings,
}

impl InstructorData {
    /// The instructor with `id`.
    pub fn instructor(&self, id: &str) -> Option<&Instructor> {
        self.instructors.iter().find(|i| i.id == id)
    }

    /// The assignment with `id`.
    pub fn assignment(&self, id: &str) -> Option<&Assignment> {
        self.assignments.iter().find(|a| a.id == id)
    }

    /// The unit with `id`.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }
}

/// Reads the pool, assignments, reports, reviews, units and settings together.
pub async fn load(db: &Database) -> Result<InstructorData, StoreError> {
    let tx = db.transaction([INSTRUCTORS, ASSIGNMENTS, INSTRUCTOR_REPORTS, YEAR_END_REVIEWS, UNITS, META]).build()?;
    Ok(InstructorData {
        instructors: all_instructors(&tx).await?,
        assignments: all_assignments(&tx).await?,
        reports: all_reports(&tx).await?,
        reviews: tx
            .object_store(YEAR_END_REVIEWS)?
            .get_all::<ReviewRecord>()
            .serde()?
            .await?
            .map(|r| r.map(|r| r.review))
            .collect::<indexed_db_futures::Result<_>>()?,
        units: tx.object_store(UNITS)?.get_all::<Unit>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?,
        settings: InstructorSettings::read(setting_in(&tx, SETTINGS_KEY).await?.as_deref()),
    })
}

/// The committee's settings.
pub async fn settings(db: &Database) -> Result<InstructorSettings, StoreError> {
    let tx = db.transaction(META).build()?;
    Ok(InstructorSettings::read(setting_in(&tx, SETTINGS_KEY).await?.as_deref()))
}

/// Saves the settings after [`InstructorSettings::validate`]; refused with every problem,
/// nothing written.
pub async fn save_settings(
    db: &Database,
    settings: InstructorSettings,
) -> Result<InstructorSettings, WriteError<Vec<SettingsProblem>>> {
    let settings = settings.validate().map_err(WriteError::Invalid)?;
    let tx = write_tx(db, [META, HISTORY])?;
    let store = tx.object_store(META)?;
    let before = setting_in(&tx, SETTINGS_KEY).await?;
    let after = settings.to_json();
    store.put(super::records::Setting { key: SETTINGS_KEY.into(), value: after.clone() }).serde()?.await?;
    record_change(&tx, "settings.instructors", SETTINGS_KEY, before.as_ref(), Some(&after)).await?;
    commit(tx).await?;
    Ok(settings)
}

/// Creates or updates an instructor (history `instructor.create` / `instructor.update`).
/// Leaving the pool is refused while any of their assignments is open.
pub async fn save_instructor(
    db: &Database,
    instructor: Instructor,
    today: Date,
) -> Result<Instructor, InstructorError> {
    let tx = write_tx(db, [INSTRUCTORS, ASSIGNMENTS, HISTORY])?;
    let open = all_assignments(&tx).await?.iter().filter(|a| a.instructor == instructor.id && a.is_open()).count();
    let instructor = validate_instructor(instructor, open, today).map_err(WriteError::Invalid)?;
    let store = tx.object_store(INSTRUCTORS)?;
    let before: Option<Instructor> = store.get(instructor.id.clone()).serde()?.await?;
    store.put(&instructor).serde()?.await?;
    let action = if before.is_some() { "instructor.update" } else { "instructor.create" };
    record_change(&tx, action, &instructor.id, before.as_ref(), Some(&instructor)).await?;
    commit(tx).await?;
    Ok(instructor)
}

/// Deletes an instructor entered by mistake: refused ([`Problem::OpenAssignments`]) while any
/// assignment names them — someone who served leaves the pool instead, keeping the history.
pub async fn delete_instructor(db: &Database, id: &str) -> Result<Instructor, InstructorError> {
    let tx = write_tx(db, [INSTRUCTORS, ASSIGNMENTS, HISTORY])?;
    let named = all_assignments(&tx).await?.iter().filter(|a| a.instructor == id).count();
    if named > 0 {
        return Err(WriteError::Invalid(vec![Problem::OpenAssignments(named)]));
    }
    let store = tx.object_store(INSTRUCTORS)?;
    let before: Instructor =
        store.get(id.to_string()).serde()?.await?.ok_or_else(|| StoreError::NotFound(id.to_string()))?;
    store.delete(id.to_string()).await?;
    record_change(&tx, "instructor.delete", id, Some(&before), None).await?;
    commit(tx).await?;
    Ok(before)
}

/// Creates or updates an assignment — a step taken, an ending — validated against the pool,
/// the registry and every other assignment read in the same transaction (history
/// `assignment.create` / `assignment.update`).
pub async fn save_assignment(
    db: &Database,
    assignment: Assignment,
    today: Date,
) -> Result<Assignment, InstructorError> {
    let tx = write_tx(db, [INSTRUCTORS, ASSIGNMENTS, UNITS, HISTORY])?;
    let instructors = all_instructors(&tx).await?;
    let assignments = all_assignments(&tx).await?;
    let units: Vec<Unit> =
        tx.object_store(UNITS)?.get_all::<Unit>().serde()?.await?.collect::<indexed_db_futures::Result<_>>()?;
    let assignment =
        validate_assignment(assignment, &instructors, &units, &assignments, today).map_err(WriteError::Invalid)?;
    let before = assignments.into_iter().find(|a| a.id == assignment.id);
    tx.object_store(ASSIGNMENTS)?.put(&assignment).serde()?.await?;
    let action = if before.is_some() { "assignment.update" } else { "assignment.create" };
    record_change(&tx, action, &assignment.id, before.as_ref(), Some(&assignment)).await?;
    commit(tx).await?;
    Ok(assignment)
}

/// Files (or re-files) a monthly report under its stored assignment (history `report.file`).
/// Returns it as saved, filed `today`.
pub async fn save_report(
    db: &Database,
    report: InstructorReport,
    today: Date,
) -> Result<InstructorReport, InstructorError> {
    let tx = write_tx(db, [ASSIGNMENTS, INSTRUCTOR_REPORTS, HISTORY])?;
    let assignment: Assignment = tx
        .object_store(ASSIGNMENTS)?
        .get(report.assignment.clone())
        .serde()?
        .await?
        .ok_or_else(|| StoreError::NotFound(report.assignment.clone()))?;
    let report = validate_report(report, &assignment, today).map_err(WriteError::Invalid)?;
    let key = report.key();
    let store = tx.object_store(INSTRUCTOR_REPORTS)?;
    let before: Option<ReportRecord> = store.get(key.clone()).serde()?.await?;
    store.put(ReportRecord { key: key.clone(), report: report.clone() }).serde()?.await?;
    record_change(&tx, "report.file", &key, before.map(|r| r.report).as_ref(), Some(&report)).await?;
    commit(tx).await?;
    Ok(report)
}

/// The reports filed under one assignment, through the `by_assignment` index.
pub async fn reports_of(db: &Database, assignment: &str) -> Result<Vec<InstructorReport>, StoreError> {
    let tx = db.transaction(INSTRUCTOR_REPORTS).build()?;
    let records: Vec<ReportRecord> = all_in_index(&tx, INSTRUCTOR_REPORTS, BY_ASSIGNMENT, assignment).await?;
    Ok(records.into_iter().map(|r| r.report).collect())
}

/// Saves a year-end review for an instructor of the pool (history `review.year_end`).
pub async fn save_review(db: &Database, review: YearEndReview, today: Date) -> Result<YearEndReview, InstructorError> {
    let tx = write_tx(db, [INSTRUCTORS, YEAR_END_REVIEWS, HISTORY])?;
    let known: Option<Instructor> = tx.object_store(INSTRUCTORS)?.get(review.instructor.clone()).serde()?.await?;
    let review_instructor = review.instructor.clone();
    let mut review = validate_review(review, today);
    if known.is_none() {
        let mut problems = review.err().unwrap_or_default();
        problems.insert(0, Problem::UnknownInstructor(review_instructor.clone()));
        review = Err(problems);
    }
    let review = review.map_err(WriteError::Invalid)?;
    let key = review.key();
    let store = tx.object_store(YEAR_END_REVIEWS)?;
    let before: Option<ReviewRecord> = store.get(key.clone()).serde()?.await?;
    store.put(ReviewRecord { key: key.clone(), review: review.clone() }).serde()?.await?;
    record_change(&tx, "review.year_end", &key, before.map(|r| r.review).as_ref(), Some(&review)).await?;
    commit(tx).await?;
    Ok(review)
}

async fn all_instructors(tx: &Transaction<'_>) -> indexed_db_futures::Result<Vec<Instructor>> {
    tx.object_store(INSTRUCTORS)?.get_all::<Instructor>().serde()?.await?.collect()
}

async fn all_assignments(tx: &Transaction<'_>) -> indexed_db_futures::Result<Vec<Assignment>> {
    tx.object_store(ASSIGNMENTS)?.get_all::<Assignment>().serde()?.await?.collect()
}

async fn all_reports(tx: &Transaction<'_>) -> indexed_db_futures::Result<Vec<InstructorReport>> {
    tx.object_store(INSTRUCTOR_REPORTS)?
        .get_all::<ReportRecord>()
        .serde()?
        .await?
        .map(|r| r.map(|r| r.report))
        .collect()
}

/// The package of an instructor's reports, to carry from their tablet to the committee
/// (docs/FORMAT.md §14).
pub async fn export_report_package(db: &Database, instructor: &str) -> Result<ReportPackage, StoreError> {
    let device = device_id(db).await?;
    let tx = db.transaction(INSTRUCTOR_REPORTS).build()?;
    let reports = all_reports(&tx).await?;
    Ok(ReportPackage::new(env!("CARGO_PKG_VERSION"), &device, &super::clock::now_iso(), instructor, &reports))
}

/// Why a report package was not imported: the file is refused, or storage failed.
pub type ReportPackageImportError = WriteError<ReportPackageError>;

/// Checks a package against the stored assignments and reports, without writing (the preview).
pub async fn preview_report_package(
    db: &Database,
    text: &str,
    today: Date,
) -> Result<(ReportPackage, Vec<PackageItem>), ReportPackageImportError> {
    let tx = db.transaction([ASSIGNMENTS, INSTRUCTOR_REPORTS]).build()?;
    let assignments = all_assignments(&tx).await?;
    let reports = all_reports(&tx).await?;
    report_package::check(text, &assignments, &reports, today).map_err(WriteError::Invalid)
}

/// Imports a package in one transaction: checked again against what is stored now, then every
/// new report and each changed one whose key is in `take` written with its history entry
/// (`report.package`, the device named in `reason`). Returns how many reports were written.
pub async fn import_report_package(
    db: &Database,
    text: &str,
    take: &[String],
    today: Date,
) -> Result<usize, ReportPackageImportError> {
    let tx = write_tx(db, [ASSIGNMENTS, INSTRUCTOR_REPORTS, HISTORY])?;
    let assignments = all_assignments(&tx).await?;
    let reports = all_reports(&tx).await?;
    let (package, items) = report_package::check(text, &assignments, &reports, today).map_err(WriteError::Invalid)?;
    let writes = report_package::to_write(&items, take);
    let store = tx.object_store(INSTRUCTOR_REPORTS)?;
    let reason = Some(format!("instructor package from device {} ({})", package.device, package.created_at));
    for report in &writes {
        let key = report.key();
        let before = reports.iter().find(|r| r.key() == key);
        store.put(ReportRecord { key: key.clone(), report: report.clone() }).serde()?.await?;
        let entry =
            HistoryEntry { reason: reason.clone(), ..history_entry("report.package", &key, before, Some(report)) };
        append_history(&tx, &entry).await?;
    }
    commit(tx).await?;
    Ok(writes.len())
}
