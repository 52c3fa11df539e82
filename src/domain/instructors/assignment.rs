//! Assignments (选派 / 委任): one instructor sent to one unit (一对一企) or several (一对数企), as
//! instructor or as the unit's party organisation secretary, through the four steps of the
//! two-way match — 企业所需 → 个人同意 → 签订协议 → 组织委任 — each dated. Only an appointed
//! assignment is active; an ended one keeps its record, so the history of who served where stays.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::instructor::Instructor;
use super::problem::{check_text, done, Field, Problem, Problems};
use crate::domain::units::unit::Unit;
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;

/// Longest ending note, in characters.
pub const MAX_NOTE_CHARS: usize = 200;
/// Units one instructor may serve before the pool warns, unless the committee sets another.
pub const DEFAULT_MAX_LOAD: usize = 5;
/// The highest maximum load the setting accepts.
pub const MAX_MAX_LOAD: usize = 50;

/// What the instructor is in the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 党建指导员
    #[default]
    Instructor,
    /// 党组织书记: the unit's party organisation secretary (选派书记).
    Secretary,
}

/// A step of the two-way match, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// 企业所需: the unit asked for an instructor.
    Requested,
    /// 个人同意: the instructor agreed.
    Consented,
    /// 签订协议: the agreement was signed.
    Signed,
    /// 组织委任: the committee appointed; the assignment is active from this day.
    Appointed,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 4] = [Step::Requested, Step::Consented, Step::Signed, Step::Appointed];

    /// The form field holding its date.
    pub fn field(self) -> Field {
        match self {
            Step::Requested => Field::RequestedOn,
            Step::Consented => Field::ConsentedOn,
            Step::Signed => Field::SignedOn,
            Step::Appointed => Field::AppointedOn,
        }
    }
}

/// The dates of the steps; a later one needs every earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Steps {
    /// 企业所需.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_on: Option<Date>,
    /// 个人同意.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consented_on: Option<Date>,
    /// 签订协议.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_on: Option<Date>,
    /// 组织委任.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointed_on: Option<Date>,
}

impl Steps {
    /// The date of a step.
    pub fn date(&self, step: Step) -> Option<Date> {
        match step {
            Step::Requested => self.requested_on,
            Step::Consented => self.consented_on,
            Step::Signed => self.signed_on,
            Step::Appointed => self.appointed_on,
        }
    }

    /// Sets the date of a step.
    pub fn set(&mut self, step: Step, date: Option<Date>) {
        let slot = match step {
            Step::Requested => &mut self.requested_on,
            Step::Consented => &mut self.consented_on,
            Step::Signed => &mut self.signed_on,
            Step::Appointed => &mut self.appointed_on,
        };
        *slot = date;
    }
}

/// Why an assignment ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// 任期届满: served its term.
    Completed,
    /// 调整: replaced (after a poor year-end review, or at the unit's wish).
    Replaced,
    /// 未达成: the match did not come about before appointment.
    Withdrawn,
    /// 其他
    Other,
}

impl EndReason {
    /// Every reason, in picker order.
    pub const ALL: [EndReason; 4] = [EndReason::Completed, EndReason::Replaced, EndReason::Withdrawn, EndReason::Other];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            EndReason::Completed => "completed",
            EndReason::Replaced => "replaced",
            EndReason::Withdrawn => "withdrawn",
            EndReason::Other => "other",
        }
    }

    /// Parses [`EndReason::code`].
    pub fn from_code(code: &str) -> Option<EndReason> {
        EndReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// How an assignment ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    /// The last day it was in force.
    pub on: Date,
    /// Why.
    pub reason: EndReason,
    /// Free note.
    #[serde(default)]
    pub note: String,
}

/// One instructor sent to one or several units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Stable id, never reused.
    pub id: String,
    /// The instructor's id.
    pub instructor: String,
    /// The units served, in the order entered.
    pub units: Vec<String>,
    /// Instructor or secretary.
    #[serde(default)]
    pub role: Role,
    /// The steps' dates.
    #[serde(default)]
    pub steps: Steps,
    /// How it ended; `None` while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<Ending>,
}

impl Assignment {
    /// The furthest step reached.
    pub fn step(&self) -> Option<Step> {
        Step::ALL.into_iter().rev().find(|s| self.steps.date(*s).is_some())
    }

    /// The step to take next, while open and not yet appointed.
    pub fn next_step(&self) -> Option<Step> {
        if self.ended.is_some() {
            return None;
        }
        match self.step() {
            None => Some(Step::Requested),
            Some(Step::Appointed) => None,
            Some(step) => Step::ALL.into_iter().find(|s| *s > step),
        }
    }

    /// Not ended (pending or active).
    pub fn is_open(&self) -> bool {
        self.ended.is_none()
    }

    /// Appointed on or before `day` and not ended before it. The ending day is the last day in
    /// force.
    pub fn is_active(&self, day: Date) -> bool {
        self.steps.appointed_on.is_some_and(|a| a <= day) && self.ended.as_ref().is_none_or(|e| e.on >= day)
    }

    /// Active on the last day of `month`: the months an instructor owes a report for.
    pub fn owes_report(&self, month: Month) -> bool {
        month.last_day().is_some_and(|last| self.is_active(last))
    }

    /// Active on some day of `month`: the months a report may be filed for.
    pub fn active_in(&self, month: Month) -> bool {
        let (Some(first), Some(last)) = (month.first_day(), month.last_day()) else { return false };
        self.steps.appointed_on.is_some_and(|a| a <= last) && self.ended.as_ref().is_none_or(|e| e.on >= first)
    }

    /// Serves several units (一对数企).
    pub fn is_several(&self) -> bool {
        self.units.len() > 1
    }
}

/// Units in the instructor's open assignments (pending or active): what the pool shows as load.
pub fn load(instructor: &str, assignments: &[Assignment]) -> usize {
    assignments.iter().filter(|a| a.instructor == instructor && a.is_open()).map(|a| a.units.len()).sum()
}

/// Load per instructor, for the pool's table.
pub fn loads(assignments: &[Assignment]) -> HashMap<&str, usize> {
    let mut loads = HashMap::new();
    for a in assignments.iter().filter(|a| a.is_open()) {
        *loads.entry(a.instructor.as_str()).or_default() += a.units.len();
    }
    loads
}

/// Whether a load is over the committee's maximum: a warning, not a refusal — a remote area may
/// have one cadre for many small cooperatives.
pub fn over_load(load: usize, max: usize) -> bool {
    load > max
}

/// Parses the maximum-load setting; `None` unless a whole number 1 … [`MAX_MAX_LOAD`].
pub fn parse_max_load(text: &str) -> Option<usize> {
    text.trim().parse().ok().filter(|n| (1..=MAX_MAX_LOAD).contains(n))
}

/// Validates an assignment about to be saved against the pool, the registry and the other
/// assignments (which may hold an older version of this one). Every problem at once.
pub fn validate_assignment(
    mut assignment: Assignment,
    instructors: &[Instructor],
    units: &[Unit],
    assignments: &[Assignment],
    today: Date,
) -> Result<Assignment, Problems> {
    let mut problems = Problems::new();
    let open = assignment.is_open();

    match instructors.iter().find(|i| i.id == assignment.instructor) {
        None => problems.push(Problem::UnknownInstructor(assignment.instructor.clone())),
        Some(person) if open && !person.in_pool(today) => problems.push(Problem::InstructorLeft),
        Some(_) => {}
    }

    if assignment.units.is_empty() {
        problems.push(Problem::Required(Field::Units));
    }
    let mut seen: Vec<&str> = Vec::new();
    for id in &assignment.units {
        if seen.contains(&id.as_str()) {
            problems.push(Problem::DuplicateUnit(id.clone()));
            continue;
        }
        seen.push(id);
        match units.iter().find(|u| &u.id == id) {
            None => problems.push(Problem::UnknownUnit(id.clone())),
            Some(unit) if open && unit.status.has_ceased() => {
                problems.push(Problem::UnitCeased { unit: id.clone(), since: unit.status_date })
            }
            Some(_) => {}
        }
        if open {
            let other = assignments
                .iter()
                .find(|o| o.id != assignment.id && o.is_open() && o.role == assignment.role && o.units.contains(id));
            if let Some(other) = other {
                problems.push(Problem::UnitTaken { unit: id.clone(), by: other.id.clone() });
            }
        }
    }

    check_steps(&assignment.steps, today, &mut problems);

    if let Some(ending) = &mut assignment.ended {
        check_text(&mut ending.note, Field::EndNote, MAX_NOTE_CHARS, false, &mut problems);
        if ending.on > today {
            problems.push(Problem::InFuture(Field::EndedOn));
        }
        let latest = Step::ALL.into_iter().rev().find_map(|s| assignment.steps.date(s).map(|d| (s, d)));
        if let Some((step, date)) = latest {
            if ending.on < date {
                problems.push(Problem::Before { field: Field::EndedOn, earlier: step.field() });
            }
        }
    }
    done(assignment, problems)
}

fn check_steps(steps: &Steps, today: Date, problems: &mut Problems) {
    if steps.requested_on.is_none() {
        problems.push(Problem::Required(Field::RequestedOn));
    }
    let mut previous: Option<(Step, Option<Date>)> = None;
    for step in Step::ALL {
        let date = steps.date(step);
        if let Some(date) = date {
            if date > today {
                problems.push(Problem::InFuture(step.field()));
            }
            match previous {
                Some((before, None)) if step != Step::Requested => {
                    problems.push(Problem::StepSkipped { step: step.field(), missing: before.field() })
                }
                Some((before, Some(earlier))) if date < earlier => {
                    problems.push(Problem::Before { field: step.field(), earlier: before.field() })
                }
                _ => {}
            }
        }
        previous = Some((step, date));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::district::district;
    use crate::domain::units::unit::BusinessStatus;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn pool() -> Vec<Instructor> {
        vec![
            Instructor { name: "王建国".into(), ..Instructor::blank("i1") },
            Instructor { name: "李芳".into(), left_on: Some(day("2026-06-30")), ..Instructor::blank("i2") },
        ]
    }

    fn steps(dates: [Option<&str>; 4]) -> Steps {
        let mut steps = Steps::default();
        for (step, date) in Step::ALL.into_iter().zip(dates) {
            steps.set(step, date.map(day));
        }
        steps
    }

    fn appointed(id: &str, instructor: &str, units: &[&str]) -> Assignment {
        Assignment {
            id: id.into(),
            instructor: instructor.into(),
            units: units.iter().map(|u| u.to_string()).collect(),
            role: Role::Instructor,
            steps: steps([Some("2026-03-01"), Some("2026-03-05"), Some("2026-03-10"), Some("2026-03-15")]),
            ended: None,
        }
    }

    fn units() -> Vec<Unit> {
        let mut units = district().units;
        units[2].status = BusinessStatus::Deregistered;
        units[2].status_date = Some(day("2026-05-01"));
        units
    }

    fn problems(a: Assignment, others: &[Assignment]) -> Problems {
        validate_assignment(a, &pool(), &units(), others, day("2026-12-02")).err().unwrap_or_default()
    }

    #[test]
    fn a_complete_match_is_accepted_and_active_from_appointment() {
        let a = appointed("a1", "i1", &["demo-u01", "demo-u02"]);
        assert_eq!(problems(a.clone(), &[]), vec![]);
        assert!(a.is_several());
        assert_eq!(a.step(), Some(Step::Appointed));
        assert_eq!(a.next_step(), None);
        assert!(!a.is_active(day("2026-03-14")));
        assert!(a.is_active(day("2026-03-15")));
        assert!(a.owes_report(Month::new(2026, 3).unwrap()));
        assert!(!a.owes_report(Month::new(2026, 2).unwrap()));
    }

    #[test]
    fn steps_go_in_order_with_dates_that_do_not_go_back() {
        let cases: Vec<([Option<&str>; 4], Vec<Problem>)> = vec![
            ([None, None, None, None], vec![Problem::Required(Field::RequestedOn)]),
            (
                [Some("2026-03-01"), None, Some("2026-03-10"), None],
                vec![Problem::StepSkipped { step: Field::SignedOn, missing: Field::ConsentedOn }],
            ),
            (
                [Some("2026-03-01"), Some("2026-02-20"), None, None],
                vec![Problem::Before { field: Field::ConsentedOn, earlier: Field::RequestedOn }],
            ),
            ([Some("2026-12-03"), None, None, None], vec![Problem::InFuture(Field::RequestedOn)]),
            ([Some("2026-03-01"), Some("2026-03-01"), Some("2026-03-01"), Some("2026-03-01")], vec![]),
        ];
        for (dates, expected) in cases {
            let a = Assignment { steps: steps(dates), ..appointed("a1", "i1", &["demo-u01"]) };
            assert_eq!(problems(a, &[]), expected, "{dates:?}");
        }
    }

    #[test]
    fn next_step_walks_the_match() {
        let mut a = Assignment { steps: Steps::default(), ..appointed("a1", "i1", &["demo-u01"]) };
        let mut walked = Vec::new();
        while let Some(step) = a.next_step() {
            walked.push(step);
            a.steps.set(step, Some(day("2026-03-01")));
        }
        assert_eq!(walked, Step::ALL.to_vec());
        a.ended = Some(Ending { on: day("2026-11-30"), reason: EndReason::Completed, note: String::new() });
        assert_eq!(a.next_step(), None);
    }

    #[test]
    fn refuses_ceased_and_unknown_units_repeats_and_a_left_instructor() {
        let a = appointed("a1", "i2", &["demo-u03", "nope", "demo-u01", "demo-u01"]);
        assert_eq!(
            problems(a, &[]),
            vec![
                Problem::InstructorLeft,
                Problem::UnitCeased { unit: "demo-u03".into(), since: Some(day("2026-05-01")) },
                Problem::UnknownUnit("nope".into()),
                Problem::DuplicateUnit("demo-u01".into()),
            ]
        );
        assert_eq!(
            problems(appointed("a1", "ghost", &["demo-u01"]), &[]),
            vec![Problem::UnknownInstructor("ghost".into())]
        );
    }

    #[test]
    fn an_ended_assignment_keeps_its_history_without_the_open_rules() {
        let mut a = appointed("a1", "i2", &["demo-u03"]);
        a.ended = Some(Ending { on: day("2026-04-30"), reason: EndReason::Replaced, note: " 企业搬迁 ".into() });
        let saved = validate_assignment(a, &pool(), &units(), &[], day("2026-12-02")).unwrap();
        assert_eq!(saved.ended.unwrap().note, "企业搬迁");
    }

    #[test]
    fn an_ending_lies_between_the_last_step_and_today() {
        let mut a = appointed("a1", "i1", &["demo-u01"]);
        a.ended = Some(Ending { on: day("2026-03-14"), reason: EndReason::Other, note: String::new() });
        assert_eq!(
            problems(a.clone(), &[]),
            vec![Problem::Before { field: Field::EndedOn, earlier: Field::AppointedOn }]
        );
        a.ended = Some(Ending { on: day("2026-12-03"), reason: EndReason::Other, note: String::new() });
        assert_eq!(problems(a, &[]), vec![Problem::InFuture(Field::EndedOn)]);
    }

    #[test]
    fn one_open_instructor_per_unit_and_role() {
        let first = appointed("a1", "i1", &["demo-u01"]);
        let second = appointed("a2", "i1", &["demo-u01"]);
        assert_eq!(
            problems(second.clone(), std::slice::from_ref(&first)),
            vec![Problem::UnitTaken { unit: "demo-u01".into(), by: "a1".into() }]
        );
        let secretary = Assignment { role: Role::Secretary, ..second.clone() };
        assert_eq!(problems(secretary, std::slice::from_ref(&first)), vec![]);
        let mut ended = first.clone();
        ended.ended = Some(Ending { on: day("2026-10-31"), reason: EndReason::Completed, note: String::new() });
        assert_eq!(problems(second.clone(), &[ended]), vec![]);
        // Saving the same assignment again does not collide with itself.
        assert_eq!(problems(first.clone(), &[first]), vec![]);
    }

    #[test]
    fn load_counts_units_of_open_assignments_and_warns_above_the_maximum() {
        let mut ended = appointed("a3", "i1", &["demo-u05"]);
        ended.ended = Some(Ending { on: day("2026-10-31"), reason: EndReason::Completed, note: String::new() });
        let all = vec![appointed("a1", "i1", &["demo-u01", "demo-u02"]), appointed("a2", "i1", &["demo-u04"]), ended];
        assert_eq!(load("i1", &all), 3);
        assert_eq!(loads(&all).get("i1"), Some(&3));
        assert!(!over_load(3, 3));
        assert!(over_load(4, 3));
        assert_eq!(parse_max_load(" 8 "), Some(8));
        assert_eq!(parse_max_load("0"), None);
        assert_eq!(parse_max_load("51"), None);
        assert_eq!(parse_max_load("x"), None);
    }

    #[test]
    fn a_report_month_is_owed_when_active_at_its_end_and_fileable_when_active_at_all() {
        let mut a = appointed("a1", "i1", &["demo-u01"]);
        a.ended = Some(Ending { on: day("2026-10-10"), reason: EndReason::Completed, note: String::new() });
        let oct = Month::new(2026, 10).unwrap();
        assert!(!a.owes_report(oct));
        assert!(a.active_in(oct));
        assert!(!a.active_in(Month::new(2026, 11).unwrap()));
        assert!(a.owes_report(Month::new(2026, 9).unwrap()));
    }
}
