//! What the instructors' forms hold — the typed text of each field — and its reading into
//! records, every unreadable field a problem next to it, so the pages only move text around.

use super::assignment::{Assignment, EndReason, Ending, Role, Step, Steps};
use super::instructor::{parse_specialties, Gender, Instructor, Source};
use super::problem::{Field, Problem, Problems};
use super::report::{InstructorReport, PartyWork, MAX_COUNT, MAX_SMALL_COUNT};
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;

/// An optional date: empty is `None`.
pub fn read_date(text: &str, field: Field, problems: &mut Problems) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse() {
        Ok(date) => Some(date),
        Err(_) => {
            problems.push(Problem::Invalid(field));
            None
        }
    }
}

/// A whole number 0 … `max`; empty is 0.
pub fn read_count(text: &str, field: Field, max: u32, problems: &mut Problems) -> u32 {
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    match text.parse::<u32>() {
        Ok(n) if n <= max => n,
        _ => {
            problems.push(Problem::NotACount(field, max));
            0
        }
    }
}

/// Visit days, separated by commas, 、, spaces or new lines.
pub fn read_visits(text: &str, problems: &mut Problems) -> Vec<Date> {
    let mut days = Vec::new();
    for part in text.split([',', '，', '、', ';', '；', ' ', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse() {
            Ok(day) => days.push(day),
            Err(_) => {
                if !problems.contains(&Problem::Invalid(Field::Visits)) {
                    problems.push(Problem::Invalid(Field::Visits));
                }
            }
        }
    }
    days
}

/// The instructor form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstructorDraft {
    /// The record's id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// Birth year as typed.
    pub birth_year: String,
    /// Source.
    pub source: Source,
    /// Department.
    pub department: String,
    /// Specialties as typed.
    pub specialties: String,
    /// Contact.
    pub contact: String,
    /// Left on, as typed.
    pub left_on: String,
}

impl InstructorDraft {
    /// The form of a stored instructor.
    pub fn of(i: &Instructor) -> InstructorDraft {
        InstructorDraft {
            id: i.id.clone(),
            name: i.name.clone(),
            gender: i.gender,
            birth_year: i.birth_year.map(|y| y.to_string()).unwrap_or_default(),
            source: i.source,
            department: i.department.clone(),
            specialties: i.specialties.join("、"),
            contact: i.contact.clone(),
            left_on: i.left_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// The record, or the fields that cannot be read.
    pub fn read(&self) -> Result<Instructor, Problems> {
        let mut problems = Problems::new();
        let birth_year = match self.birth_year.trim() {
            "" => None,
            text => match text.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    problems.push(Problem::Invalid(Field::BirthYear));
                    None
                }
            },
        };
        let left_on = read_date(&self.left_on, Field::LeftOn, &mut problems);
        let record = Instructor {
            id: self.id.clone(),
            name: self.name.clone(),
            gender: self.gender,
            birth_year,
            source: self.source,
            department: self.department.clone(),
            specialties: parse_specialties(&self.specialties),
            contact: self.contact.clone(),
            left_on,
        };
        if problems.is_empty() {
            Ok(record)
        } else {
            Err(problems)
        }
    }
}

/// The assignment form: the people and units, the steps' dates and an ending as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentDraft {
    /// The record's id.
    pub id: String,
    /// The instructor's id.
    pub instructor: String,
    /// The units' ids.
    pub units: Vec<String>,
    /// The role.
    pub role: Role,
    /// Each step's date as typed, in [`Step::ALL`] order.
    pub steps: [String; 4],
    /// Whether the assignment is ended.
    pub ended: bool,
    /// The ending day as typed.
    pub ended_on: String,
    /// Why.
    pub end_reason: EndReason,
    /// The ending note.
    pub end_note: String,
}

impl AssignmentDraft {
    /// An empty form.
    pub fn new(id: &str, instructor: &str) -> AssignmentDraft {
        AssignmentDraft {
            id: id.to_string(),
            instructor: instructor.to_string(),
            units: Vec::new(),
            role: Role::Instructor,
            steps: Default::default(),
            ended: false,
            ended_on: String::new(),
            end_reason: EndReason::Completed,
            end_note: String::new(),
        }
    }

    /// The form of a stored assignment.
    pub fn of(a: &Assignment) -> AssignmentDraft {
        let date = |s: Step| a.steps.date(s).map(|d| d.to_string()).unwrap_or_default();
        AssignmentDraft {
            id: a.id.clone(),
            instructor: a.instructor.clone(),
            units: a.units.clone(),
            role: a.role,
            steps: Step::ALL.map(date),
            ended: a.ended.is_some(),
            ended_on: a.ended.as_ref().map(|e| e.on.to_string()).unwrap_or_default(),
            end_reason: a.ended.as_ref().map_or(EndReason::Completed, |e| e.reason),
            end_note: a.ended.as_ref().map(|e| e.note.clone()).unwrap_or_default(),
        }
    }

    /// The record, or the fields that cannot be read.
    pub fn read(&self) -> Result<Assignment, Problems> {
        let mut problems = Problems::new();
        let mut steps = Steps::default();
        for (step, text) in Step::ALL.into_iter().zip(&self.steps) {
            steps.set(step, read_date(text, step.field(), &mut problems));
        }
        let ended = if self.ended {
            match read_date(&self.ended_on, Field::EndedOn, &mut problems) {
                Some(on) => Some(Ending { on, reason: self.end_reason, note: self.end_note.clone() }),
                None => {
                    if !problems.contains(&Problem::Invalid(Field::EndedOn)) {
                        problems.push(Problem::Required(Field::EndedOn));
                    }
                    None
                }
            }
        } else {
            None
        };
        let record = Assignment {
            id: self.id.clone(),
            instructor: self.instructor.clone(),
            units: self.units.clone(),
            role: self.role,
            steps,
            ended,
        };
        if problems.is_empty() {
            Ok(record)
        } else {
            Err(problems)
        }
    }
}

/// The monthly report form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDraft {
    /// The assignment.
    pub assignment: String,
    /// The instructor.
    pub instructor: String,
    /// The unit.
    pub unit: String,
    /// The month.
    pub month: Month,
    /// Visit days as typed.
    pub visits: String,
    /// Services: count as typed.
    pub services: String,
    /// Services: what.
    pub services_text: String,
    /// Problems solved: count as typed.
    pub problems_solved: String,
    /// Problems solved: which.
    pub problems_text: String,
    /// An organisation was formed.
    pub organisation_formed: bool,
    /// Activists as typed.
    pub activists: String,
    /// Mass organisations as typed.
    pub mass_orgs: String,
    /// Funding in yuan as typed.
    pub funding: String,
    /// Note.
    pub note: String,
}

impl ReportDraft {
    /// The form of a stored report, or an empty one.
    pub fn of(report: &InstructorReport) -> ReportDraft {
        let count = |n: u32| if n == 0 { String::new() } else { n.to_string() };
        ReportDraft {
            assignment: report.assignment.clone(),
            instructor: report.instructor.clone(),
            unit: report.unit.clone(),
            month: report.month,
            visits: report.visits.iter().map(Date::to_string).collect::<Vec<_>>().join(", "),
            services: count(report.services),
            services_text: report.services_text.clone(),
            problems_solved: count(report.problems_solved),
            problems_text: report.problems_text.clone(),
            organisation_formed: report.party_work.organisation_formed,
            activists: count(report.party_work.activists),
            mass_orgs: count(report.party_work.mass_orgs),
            funding: if report.funding == Points::ZERO { String::new() } else { report.funding.to_string() },
            note: report.note.clone(),
        }
    }

    /// The record filed `today`, or the fields that cannot be read.
    pub fn read(&self, today: Date) -> Result<InstructorReport, Problems> {
        let mut problems = Problems::new();
        let visits = read_visits(&self.visits, &mut problems);
        let services = read_count(&self.services, Field::Services, MAX_COUNT, &mut problems);
        let problems_solved = read_count(&self.problems_solved, Field::ProblemsSolved, MAX_COUNT, &mut problems);
        let activists = read_count(&self.activists, Field::Activists, MAX_SMALL_COUNT, &mut problems);
        let mass_orgs = read_count(&self.mass_orgs, Field::MassOrgs, MAX_SMALL_COUNT, &mut problems);
        let funding = match self.funding.trim().replace([',', '，'], "").as_str() {
            "" => Points::ZERO,
            text => Points::parse(text).unwrap_or_else(|_| {
                problems.push(Problem::OutOfRange(Field::Funding));
                Points::ZERO
            }),
        };
        let record = InstructorReport {
            assignment: self.assignment.clone(),
            instructor: self.instructor.clone(),
            unit: self.unit.clone(),
            month: self.month,
            visits,
            services,
            services_text: self.services_text.clone(),
            problems_solved,
            problems_text: self.problems_text.clone(),
            party_work: PartyWork { organisation_formed: self.organisation_formed, activists, mass_orgs },
            funding,
            note: self.note.clone(),
            filed_on: today,
        };
        if problems.is_empty() {
            Ok(record)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn an_instructor_form_reads_or_names_its_unreadable_fields() {
        let mut draft = InstructorDraft::of(&Instructor { name: "王建国".into(), ..Instructor::blank("i1") });
        draft.specialties = "财务、法律".into();
        draft.birth_year = "1968".into();
        let read = draft.read().unwrap();
        assert_eq!((read.birth_year, read.specialties.len()), (Some(1968), 2));
        draft.birth_year = "一九六八".into();
        draft.left_on = "2026-13-01".into();
        assert_eq!(
            draft.read().unwrap_err(),
            vec![Problem::Invalid(Field::BirthYear), Problem::Invalid(Field::LeftOn)]
        );
    }

    #[test]
    fn an_assignment_form_round_trips_and_needs_an_ending_day() {
        let mut draft = AssignmentDraft::new("a1", "i1");
        draft.units = vec!["u1".into()];
        draft.steps[0] = "2026-03-01".into();
        draft.steps[1] = "2026-03-05".into();
        let a = draft.read().unwrap();
        assert_eq!(a.step(), Some(Step::Consented));
        assert_eq!(AssignmentDraft::of(&a), draft);
        draft.ended = true;
        assert_eq!(draft.read().unwrap_err(), vec![Problem::Required(Field::EndedOn)]);
        draft.steps[2] = "3月10日".into();
        draft.ended_on = "x".into();
        assert_eq!(
            draft.read().unwrap_err(),
            vec![Problem::Invalid(Field::SignedOn), Problem::Invalid(Field::EndedOn)]
        );
    }

    #[test]
    fn a_report_form_reads_counts_visits_and_yuan() {
        let a = Assignment {
            id: "a1".into(),
            instructor: "i1".into(),
            units: vec!["u1".into()],
            role: Role::Instructor,
            steps: Steps::default(),
            ended: None,
        };
        let mut draft =
            ReportDraft::of(&InstructorReport::blank(&a, "u1", "2026-11".parse().unwrap(), day("2026-12-01")));
        draft.visits = "2026-11-03，2026-11-18".into();
        draft.services = "3".into();
        draft.funding = "1,200.5".into();
        let r = draft.read(day("2026-12-02")).unwrap();
        assert_eq!(
            (r.visits.len(), r.services, r.funding.to_string(), r.filed_on),
            (2, 3, "1200.5".to_string(), day("2026-12-02"))
        );
        assert_eq!(ReportDraft::of(&r).funding, "1200.5");
        draft.visits = "11月3日".into();
        draft.services = "-1".into();
        draft.activists = "100".into();
        draft.funding = "12.345".into();
        assert_eq!(
            draft.read(day("2026-12-02")).unwrap_err(),
            vec![
                Problem::Invalid(Field::Visits),
                Problem::NotACount(Field::Services, 999),
                Problem::NotACount(Field::Activists, 99),
                Problem::OutOfRange(Field::Funding)
            ]
        );
    }
}
