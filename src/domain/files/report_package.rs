//! Instructor report packages (docs/FORMAT.md §14): an instructor's monthly reports carried from
//! their tablet to the committee in one checksummed file, under the same envelope as branch
//! packages (format, version, SHA-256 over the canonical text), checked as a whole before
//! anything is written: every report must belong to a stored assignment of the named
//! instructor and pass [`validate_report`]. Against what the committee holds each report is new,
//! the same, or changed — a change is a conflict the committee decides, report by report.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::files::envelope::{open_envelope, seal, Envelope, Located};
use crate::domain::instructors::assignment::Assignment;
use crate::domain::instructors::report::{validate_report, InstructorReport};
use crate::domain::instructors::Problem;
use crate::domain::values::date::Date;

/// The `format` of every instructor report package.
pub const FORMAT: &str = "starbranch.instructor-reports";
/// The version this build reads and writes.
pub const VERSION: u64 = 1;

/// A package: the document without `format`, `version` and `sha256`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPackage {
    /// Version of the app that made it.
    pub app_version: String,
    /// Device id of the browser that made it.
    pub device: String,
    /// When it was made (ISO-8601 UTC).
    pub created_at: String,
    /// The instructor whose reports these are.
    pub instructor: String,
    /// Their reports, in key order.
    pub reports: Vec<InstructorReport>,
}

impl ReportPackage {
    /// The package of `reports` (only `instructor`'s are kept), sorted so the same data gives the
    /// same file.
    pub fn new(
        app_version: &str,
        device: &str,
        created_at: &str,
        instructor: &str,
        reports: &[InstructorReport],
    ) -> ReportPackage {
        let mut reports: Vec<InstructorReport> =
            reports.iter().filter(|r| r.instructor == instructor).cloned().collect();
        reports.sort_by_key(InstructorReport::key);
        ReportPackage {
            app_version: app_version.into(),
            device: device.into(),
            created_at: created_at.into(),
            instructor: instructor.into(),
            reports,
        }
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        let mut document = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Value::Object(fields) = &mut document {
            fields.insert("format".into(), FORMAT.into());
            fields.insert("version".into(), VERSION.into());
        }
        seal(document)
    }

    /// A file name that says what it holds: `指导员月报-<instructor>-<day>.json`-like, ASCII.
    pub fn file_name(&self, day: Date) -> String {
        format!("starbranch-reports-{}-{day}.json", self.instructor)
    }
}

/// What is wrong inside a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageProblem {
    /// The content does not have the package's shape (serde's words, for the log only).
    Shape,
    /// A report names an assignment this database does not hold.
    UnknownAssignment(String),
    /// A report's assignment belongs to another instructor than the package's.
    OtherInstructor(String),
    /// A report breaks a rule.
    Report(Problem),
    /// The same report twice.
    Duplicate(String),
}

/// Why a package is refused; nothing is written in any case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportPackageError {
    /// The envelope: not JSON, cut off, another format or version, a wrong checksum.
    Envelope(Envelope),
    /// Located problems inside (`reports[3]`).
    Invalid(Vec<Located<PackageProblem>>),
}

/// How one report of the package stands against the stored ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Not held yet: added.
    New,
    /// Held exactly so (apart from the filing day): nothing to do.
    Same,
    /// Held with other content: the committee chooses; holds the stored report.
    Changed(Box<InstructorReport>),
}

/// One report of a checked package with its standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The report as it will be written (validated; filed on the package's day).
    pub report: InstructorReport,
    /// New, same, or changed.
    pub standing: Standing,
}

/// Reads and checks a package against the stored assignments and reports, on `today`. Every
/// report is validated as [`validate_report`] does when filing, keeping the day it was filed on
/// the tablet (a report filed on time stays on time however late the file travels).
pub fn check(
    text: &str,
    assignments: &[Assignment],
    stored: &[InstructorReport],
    today: Date,
) -> Result<(ReportPackage, Vec<Item>), ReportPackageError> {
    let (fields, _) = open_envelope(text, FORMAT, VERSION).map_err(ReportPackageError::Envelope)?;
    let package: ReportPackage = serde_json::from_value(Value::Object(fields)).map_err(|_| {
        ReportPackageError::Invalid(vec![Located { at: "document".into(), kind: PackageProblem::Shape }])
    })?;
    let mut problems = Vec::new();
    let mut items = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (n, report) in package.reports.iter().enumerate() {
        let at = format!("reports[{n}]");
        let key = report.key();
        if seen.contains(&key) {
            problems.push(Located { at: at.clone(), kind: PackageProblem::Duplicate(key.clone()) });
            continue;
        }
        seen.push(key.clone());
        let Some(assignment) = assignments.iter().find(|a| a.id == report.assignment) else {
            problems.push(Located { at, kind: PackageProblem::UnknownAssignment(report.assignment.clone()) });
            continue;
        };
        if assignment.instructor != package.instructor {
            problems.push(Located { at, kind: PackageProblem::OtherInstructor(report.assignment.clone()) });
            continue;
        }
        // Filed on the tablet no later than today here; a day after today is the tablet's clock.
        let filed = report.filed_on.min(today);
        match validate_report(report.clone(), assignment, filed) {
            Err(found) => {
                problems.extend(found.into_iter().map(|p| Located { at: at.clone(), kind: PackageProblem::Report(p) }))
            }
            Ok(valid) => {
                let standing = match stored.iter().find(|s| s.key() == key) {
                    None => Standing::New,
                    Some(held) if InstructorReport { filed_on: valid.filed_on, ..held.clone() } == valid => {
                        Standing::Same
                    }
                    Some(held) => Standing::Changed(Box::new(held.clone())),
                };
                items.push(Item { report: valid, standing });
            }
        }
    }
    if problems.is_empty() {
        Ok((package, items))
    } else {
        Err(ReportPackageError::Invalid(problems))
    }
}

/// The reports to write: every new one, and each changed one the committee chose the package's
/// side of (`take` by key).
pub fn to_write(items: &[Item], take: &[String]) -> Vec<InstructorReport> {
    items
        .iter()
        .filter(|i| match &i.standing {
            Standing::New => true,
            Standing::Same => false,
            Standing::Changed(_) => take.contains(&i.report.key()),
        })
        .map(|i| i.report.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instructors::assignment::{Role, Steps};

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn assignment(id: &str, instructor: &str) -> Assignment {
        let on = Some(day("2026-08-01"));
        Assignment {
            id: id.into(),
            instructor: instructor.into(),
            units: vec!["u1".into()],
            role: Role::Instructor,
            steps: Steps { requested_on: on, consented_on: on, signed_on: on, appointed_on: on },
            ended: None,
        }
    }

    fn report(month: &str, services: u32, filed: &str) -> InstructorReport {
        InstructorReport {
            services,
            ..InstructorReport::blank(&assignment("a1", "i1"), "u1", month.parse().unwrap(), day(filed))
        }
    }

    #[test]
    fn a_package_round_trips_and_sorts_reports_into_new_same_changed() {
        let reports = vec![
            report("2026-10", 2, "2026-11-03"),
            report("2026-09", 1, "2026-10-02"),
            report("2026-11", 4, "2026-12-01"),
        ];
        let package = ReportPackage::new("0.1.0", "dev-1", "2026-12-01T08:00:00Z", "i1", &reports);
        assert_eq!(package.reports[0].month.to_string(), "2026-09");
        let text = package.to_json();
        let stored = vec![report("2026-09", 1, "2026-10-05"), report("2026-10", 3, "2026-11-03")];
        let (read, items) = check(&text, &[assignment("a1", "i1")], &stored, day("2026-12-02")).unwrap();
        assert_eq!(read, package);
        let standings: Vec<&Standing> = items.iter().map(|i| &i.standing).collect();
        assert_eq!(standings[0], &Standing::Same);
        assert!(matches!(standings[1], Standing::Changed(held) if held.services == 3));
        assert_eq!(standings[2], &Standing::New);
        // The tablet's filing day is kept.
        assert_eq!(items[2].report.filed_on, day("2026-12-01"));
        let oct = items[1].report.key();
        assert_eq!(to_write(&items, &[]).len(), 1);
        assert_eq!(to_write(&items, &[oct]).len(), 2);
    }

    #[test]
    fn every_problem_is_located_and_nothing_passes() {
        let mut wrong = report("2026-10", 2, "2026-11-03");
        wrong.services = 5000;
        let mut foreign = report("2026-10", 1, "2026-11-03");
        foreign.assignment = "a2".into();
        let mut ghost = report("2026-10", 1, "2026-11-03");
        ghost.assignment = "nope".into();
        let package = ReportPackage {
            app_version: "0.1.0".into(),
            device: "d".into(),
            created_at: "x".into(),
            instructor: "i1".into(),
            reports: vec![wrong.clone(), wrong, foreign, ghost],
        };
        let assignments = [assignment("a1", "i1"), assignment("a2", "i2")];
        let Err(ReportPackageError::Invalid(problems)) =
            check(&package.to_json(), &assignments, &[], day("2026-12-02"))
        else {
            panic!("refused")
        };
        let at: Vec<(&str, &PackageProblem)> = problems.iter().map(|p| (p.at.as_str(), &p.kind)).collect();
        assert_eq!(at.len(), 4);
        assert!(matches!(at[0], ("reports[0]", PackageProblem::Report(Problem::NotACount(_, 999)))));
        assert!(matches!(at[1], ("reports[1]", PackageProblem::Duplicate(_))));
        assert!(matches!(at[2], ("reports[2]", PackageProblem::OtherInstructor(a)) if a == "a2"));
        assert!(matches!(at[3], ("reports[3]", PackageProblem::UnknownAssignment(a)) if a == "nope"));
    }

    #[test]
    fn an_edited_file_or_another_format_is_refused_by_its_envelope() {
        let package = ReportPackage::new("0.1.0", "d", "x", "i1", &[report("2026-10", 2, "2026-11-03")]);
        let edited = package.to_json().replace("\"services\":2", "\"services\":9");
        assert_eq!(
            check(&edited, &[], &[], day("2026-12-02")),
            Err(ReportPackageError::Envelope(Envelope::ChecksumMismatch))
        );
        assert!(matches!(
            check("{\"format\":\"starbranch.package\",\"version\":1}", &[], &[], day("2026-12-02")),
            Err(ReportPackageError::Envelope(Envelope::OtherFormat(_)))
        ));
        assert_eq!(
            check("{\"format\":", &[], &[], day("2026-12-02")),
            Err(ReportPackageError::Envelope(Envelope::Truncated))
        );
    }
}
