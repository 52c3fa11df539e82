//! Monthly reports (每月上报): what an appointed instructor did in a unit in a month — visits,
//! services done for the enterprise, problems solved, Party work advanced, the owner's funding —
//! and when each month's report is due, late or missing.

use serde::{Deserialize, Serialize};

use super::assignment::Assignment;
use super::problem::{check_count, check_text, done, Field, Problem, Problems};
use crate::domain::values::date::{days_in_month, Date};
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;

/// Longest description, in characters.
pub const MAX_TEXT_CHARS: usize = 500;
/// Highest count of services or problems in one month.
pub const MAX_COUNT: u32 = 999;
/// Highest count of activists or mass organisations in one month.
pub const MAX_SMALL_COUNT: u32 = 99;
/// Highest funding in one month, in yuan.
pub const MAX_FUNDING_YUAN: i64 = 10_000_000;
/// The day of the next month a report is due on, unless the committee sets another: the same
/// day branches' monthly sheets are due.
pub const DEFAULT_DUE_DAY: u8 = 5;

/// Party work advanced in the unit this month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PartyWork {
    /// A party organisation was formed (组建).
    #[serde(default)]
    pub organisation_formed: bool,
    /// Activists newly developed (发展积极分子).
    #[serde(default)]
    pub activists: u32,
    /// Mass organisations formed (工会、共青团、妇联 …).
    #[serde(default)]
    pub mass_orgs: u32,
}

/// One instructor's report on one unit for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstructorReport {
    /// The assignment it reports under.
    pub assignment: String,
    /// The instructor (copied from the assignment, for reading by person).
    pub instructor: String,
    /// The unit.
    pub unit: String,
    /// The month reported.
    pub month: Month,
    /// The days of the visits (走访), in order, without repeats.
    #[serde(default)]
    pub visits: Vec<Date>,
    /// Services done for the enterprise (为企业办理事项): how many.
    #[serde(default)]
    pub services: u32,
    /// … and what.
    #[serde(default)]
    pub services_text: String,
    /// Problems solved: how many.
    #[serde(default)]
    pub problems_solved: u32,
    /// … and which.
    #[serde(default)]
    pub problems_text: String,
    /// Party work advanced.
    #[serde(default)]
    pub party_work: PartyWork,
    /// Funding the owner provided for Party activities (活动经费), in yuan to the fen.
    #[serde(default)]
    pub funding: Points,
    /// Free note.
    #[serde(default)]
    pub note: String,
    /// The day it was (last) filed.
    pub filed_on: Date,
}

impl InstructorReport {
    /// An empty report of `assignment` for `unit` and `month`, filed `today`.
    pub fn blank(assignment: &Assignment, unit: &str, month: Month, today: Date) -> InstructorReport {
        InstructorReport {
            assignment: assignment.id.clone(),
            instructor: assignment.instructor.clone(),
            unit: unit.to_string(),
            month,
            visits: Vec::new(),
            services: 0,
            services_text: String::new(),
            problems_solved: 0,
            problems_text: String::new(),
            party_work: PartyWork::default(),
            funding: Points::ZERO,
            note: String::new(),
            filed_on: today,
        }
    }

    /// The storage key: one report per assignment, unit and month.
    pub fn key(&self) -> String {
        report_key(&self.assignment, &self.unit, self.month)
    }
}

/// The key of the report of `assignment` on `unit` for `month`.
pub fn report_key(assignment: &str, unit: &str, month: Month) -> String {
    format!("{assignment}|{unit}|{month}")
}

/// Validates a report about to be filed under `assignment` (as stored). Sets the instructor
/// from the assignment and the filing day to `today`; sorts the visits.
pub fn validate_report(
    mut report: InstructorReport,
    assignment: &Assignment,
    today: Date,
) -> Result<InstructorReport, Problems> {
    let mut problems = Problems::new();
    report.instructor = assignment.instructor.clone();
    report.filed_on = today;
    if !assignment.units.contains(&report.unit) {
        problems.push(Problem::UnitNotInAssignment(report.unit.clone()));
    }
    if report.month > Month::of(today) {
        problems.push(Problem::InFuture(Field::Month));
    } else if !assignment.active_in(report.month) {
        problems.push(Problem::NotActiveInMonth);
    }
    report.visits.sort();
    report.visits.dedup();
    if report.visits.len() > 31 {
        problems.push(Problem::TooManyVisits(report.visits.len()));
    }
    for visit in &report.visits {
        if Month::of(*visit) != report.month {
            problems.push(Problem::VisitOutsideMonth(*visit));
        } else if *visit > today {
            problems.push(Problem::InFuture(Field::Visits));
        }
    }
    check_count(report.services, Field::Services, MAX_COUNT, &mut problems);
    check_count(report.problems_solved, Field::ProblemsSolved, MAX_COUNT, &mut problems);
    check_count(report.party_work.activists, Field::Activists, MAX_SMALL_COUNT, &mut problems);
    check_count(report.party_work.mass_orgs, Field::MassOrgs, MAX_SMALL_COUNT, &mut problems);
    if report.funding.is_negative() || report.funding > Points::from_whole(MAX_FUNDING_YUAN) {
        problems.push(Problem::OutOfRange(Field::Funding));
    }
    check_text(&mut report.services_text, Field::ServicesText, MAX_TEXT_CHARS, false, &mut problems);
    check_text(&mut report.problems_text, Field::ProblemsText, MAX_TEXT_CHARS, false, &mut problems);
    check_text(&mut report.note, Field::Note, MAX_TEXT_CHARS, false, &mut problems);
    done(report, problems)
}

/// Parses the due-day setting; `None` unless a day 1 … 28 (every month has it).
pub fn parse_due_day(text: &str) -> Option<u8> {
    text.trim().parse().ok().filter(|d| (1..=28).contains(d))
}

/// The day the report for `month` is due: `due_day` of the next month (the month's last day if
/// shorter). `None` past the years dates may have.
pub fn due_date(month: Month, due_day: u8) -> Option<Date> {
    let next = month.next()?;
    let year = next.year().number();
    Date::new(year, next.number(), due_day.clamp(1, days_in_month(year, next.number())))
}

/// Where one owed report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportState {
    /// Not filed, not yet due.
    Open,
    /// Filed on or before the due day.
    OnTime,
    /// Filed this many days after the due day.
    Late(u32),
    /// Not filed, this many days past the due day.
    Missing(u32),
}

impl ReportState {
    /// Whether a report was filed.
    pub fn filed(self) -> bool {
        matches!(self, ReportState::OnTime | ReportState::Late(_))
    }
}

/// The state of a report due on `due`, filed on `filed` (if at all), on `today`.
pub fn report_state(due: Date, filed: Option<Date>, today: Date) -> ReportState {
    let days = |from: Date, to: Date| from.days_until(to).max(0) as u32;
    match filed {
        Some(day) if day > due => ReportState::Late(days(due, day)),
        Some(_) => ReportState::OnTime,
        None if today > due => ReportState::Missing(days(due, today)),
        None => ReportState::Open,
    }
}

/// One report an instructor owes: an appointed assignment, one of its units, a month whose last
/// day it was active on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owed {
    /// The assignment.
    pub assignment: String,
    /// The instructor.
    pub instructor: String,
    /// The unit.
    pub unit: String,
    /// The month.
    pub month: Month,
    /// Its due day.
    pub due: Date,
    /// Where it stands on the day asked.
    pub state: ReportState,
}

/// Every report owed for the months `from ..= to` (capped at `today`'s month), with its state
/// on `today`, in (instructor, unit, month) order.
pub fn owed_reports(
    assignments: &[Assignment],
    reports: &[InstructorReport],
    from: Month,
    to: Month,
    due_day: u8,
    today: Date,
) -> Vec<Owed> {
    let to = to.min(Month::of(today));
    let mut owed = Vec::new();
    for assignment in assignments {
        for unit in &assignment.units {
            let mut month = from;
            while month <= to {
                if let (true, Some(due)) = (assignment.owes_report(month), due_date(month, due_day)) {
                    let filed = reports
                        .iter()
                        .find(|r| r.assignment == assignment.id && &r.unit == unit && r.month == month)
                        .map(|r| r.filed_on);
                    owed.push(Owed {
                        assignment: assignment.id.clone(),
                        instructor: assignment.instructor.clone(),
                        unit: unit.clone(),
                        month,
                        due,
                        state: report_state(due, filed, today),
                    });
                }
                let Some(next) = month.next() else { break };
                month = next;
            }
        }
    }
    owed.sort_by(|a, b| (&a.instructor, &a.unit, a.month).cmp(&(&b.instructor, &b.unit, b.month)));
    owed
}

/// The missing reports of the twelve months up to `today`, longest overdue first: what the
/// dashboard lists beside late monthly sheets.
pub fn missing_reports(
    assignments: &[Assignment],
    reports: &[InstructorReport],
    due_day: u8,
    today: Date,
) -> Vec<Owed> {
    let to = Month::of(today);
    let from = (0..11).fold(to, |m, _| m.previous().unwrap_or(m));
    let mut missing: Vec<Owed> = owed_reports(assignments, reports, from, to, due_day, today)
        .into_iter()
        .filter(|o| matches!(o.state, ReportState::Missing(_)))
        .collect();
    missing.sort_by(|a, b| (a.month, &a.instructor, &a.unit).cmp(&(b.month, &b.instructor, &b.unit)));
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instructors::assignment::{EndReason, Ending, Role, Steps};

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn month(text: &str) -> Month {
        text.parse().unwrap()
    }

    fn assignment() -> Assignment {
        Assignment {
            id: "a1".into(),
            instructor: "i1".into(),
            units: vec!["u1".into(), "u2".into()],
            role: Role::Instructor,
            steps: Steps {
                requested_on: Some(day("2026-08-01")),
                consented_on: Some(day("2026-08-03")),
                signed_on: Some(day("2026-08-10")),
                appointed_on: Some(day("2026-08-20")),
            },
            ended: None,
        }
    }

    fn report(unit: &str, m: &str, filed: &str) -> InstructorReport {
        InstructorReport { filed_on: day(filed), ..InstructorReport::blank(&assignment(), unit, month(m), day(filed)) }
    }

    #[test]
    fn a_report_is_checked_field_by_field() {
        let today = day("2026-12-02");
        let base = report("u1", "2026-11", "2026-12-02");
        let cases: Vec<(InstructorReport, Vec<Problem>)> = vec![
            (InstructorReport { unit: "u9".into(), ..base.clone() }, vec![Problem::UnitNotInAssignment("u9".into())]),
            (InstructorReport { month: month("2027-01"), ..base.clone() }, vec![Problem::InFuture(Field::Month)]),
            (InstructorReport { month: month("2026-07"), ..base.clone() }, vec![Problem::NotActiveInMonth]),
            (
                InstructorReport { visits: vec![day("2026-10-31"), day("2026-11-03")], ..base.clone() },
                vec![Problem::VisitOutsideMonth(day("2026-10-31"))],
            ),
            (InstructorReport { services: 1000, ..base.clone() }, vec![Problem::NotACount(Field::Services, 999)]),
            (
                InstructorReport { party_work: PartyWork { activists: 100, ..PartyWork::default() }, ..base.clone() },
                vec![Problem::NotACount(Field::Activists, 99)],
            ),
            (
                InstructorReport { funding: Points::from_whole(-1), ..base.clone() },
                vec![Problem::OutOfRange(Field::Funding)],
            ),
            (
                InstructorReport { services_text: "事".repeat(501), ..base.clone() },
                vec![Problem::TooLong(Field::ServicesText, 500)],
            ),
        ];
        for (r, expected) in cases {
            assert_eq!(validate_report(r.clone(), &assignment(), today).err().unwrap_or_default(), expected, "{r:?}");
        }
        let visits =
            InstructorReport { visits: vec![day("2026-12-01"), day("2026-12-01")], month: month("2026-12"), ..base };
        let saved = validate_report(visits, &assignment(), today).unwrap();
        assert_eq!(saved.visits, vec![day("2026-12-01")]);
        assert_eq!(saved.key(), "a1|u1|2026-12");
    }

    #[test]
    fn a_visit_may_not_lie_after_today() {
        let r = InstructorReport { visits: vec![day("2026-12-05")], ..report("u1", "2026-12", "2026-12-02") };
        assert_eq!(
            validate_report(r, &assignment(), day("2026-12-02")).unwrap_err(),
            vec![Problem::InFuture(Field::Visits)]
        );
    }

    #[test]
    fn due_on_the_set_day_of_the_next_month() {
        assert_eq!(due_date(month("2026-11"), 5), Some(day("2026-12-05")));
        assert_eq!(due_date(month("2026-12"), 5), Some(day("2027-01-05")));
        assert_eq!(parse_due_day("10"), Some(10));
        assert_eq!(parse_due_day("29"), None);
        assert_eq!(parse_due_day("0"), None);
    }

    #[test]
    fn states_on_time_late_missing_open() {
        let due = day("2026-12-05");
        assert_eq!(report_state(due, Some(day("2026-12-05")), day("2026-12-20")), ReportState::OnTime);
        assert_eq!(report_state(due, Some(day("2026-12-08")), day("2026-12-20")), ReportState::Late(3));
        assert_eq!(report_state(due, None, day("2026-12-20")), ReportState::Missing(15));
        assert_eq!(report_state(due, None, day("2026-12-05")), ReportState::Open);
    }

    #[test]
    fn owed_from_the_first_month_active_at_its_end_to_today() {
        let reports = vec![report("u1", "2026-08", "2026-09-03"), report("u1", "2026-09", "2026-10-09")];
        let owed = owed_reports(&[assignment()], &reports, month("2026-01"), month("2026-12"), 5, day("2026-12-02"));
        let u1: Vec<(String, ReportState)> =
            owed.iter().filter(|o| o.unit == "u1").map(|o| (o.month.to_string(), o.state)).collect();
        assert_eq!(
            u1,
            vec![
                ("2026-08".into(), ReportState::OnTime),
                ("2026-09".into(), ReportState::Late(4)),
                ("2026-10".into(), ReportState::Missing(27)),
                ("2026-11".into(), ReportState::Open),
                ("2026-12".into(), ReportState::Open),
            ]
        );
        assert_eq!(owed.iter().filter(|o| o.unit == "u2").count(), 5);
        let missing = missing_reports(&[assignment()], &reports, 5, day("2026-12-02"));
        assert_eq!(
            missing.iter().map(|o| (o.unit.as_str(), o.month.to_string())).collect::<Vec<_>>(),
            vec![
                ("u2", "2026-08".to_string()),
                ("u2", "2026-09".to_string()),
                ("u1", "2026-10".to_string()),
                ("u2", "2026-10".to_string()),
            ]
        );
    }

    #[test]
    fn an_ended_assignment_owes_nothing_after_it_ended() {
        let mut a = assignment();
        a.ended = Some(Ending { on: day("2026-10-15"), reason: EndReason::Completed, note: String::new() });
        let owed = owed_reports(&[a], &[], month("2026-01"), month("2026-12"), 5, day("2026-12-02"));
        assert_eq!(
            owed.iter().filter(|o| o.unit == "u1").map(|o| o.month.to_string()).collect::<Vec<_>>(),
            vec!["2026-08", "2026-09"]
        );
    }
}
