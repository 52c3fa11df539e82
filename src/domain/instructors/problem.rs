//! What can be wrong with an instructor, an assignment, a monthly report or a year-end review:
//! values, not sentences — the UI words them through i18n, the CLI through `Display`-free codes.

use crate::domain::values::date::Date;

/// The form field a problem belongs to, so the UI can show it inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The instructor's name.
    Name,
    /// Birth year.
    BirthYear,
    /// The sending department (部门选派).
    Department,
    /// Specialties (tags).
    Specialties,
    /// Contact.
    Contact,
    /// The day the instructor left the pool.
    LeftOn,
    /// The assignment's instructor.
    Instructor,
    /// The assignment's units.
    Units,
    /// 企业所需: the day the unit asked.
    RequestedOn,
    /// 个人同意: the day the instructor agreed.
    ConsentedOn,
    /// 签订协议: the day the agreement was signed.
    SignedOn,
    /// 组织委任: the day the committee appointed.
    AppointedOn,
    /// The day the assignment ended.
    EndedOn,
    /// Why it ended.
    EndNote,
    /// The report's month.
    Month,
    /// The report's unit.
    Unit,
    /// Visits (走访) with their days.
    Visits,
    /// Services done (为企业办理事项): count.
    Services,
    /// Services done: description.
    ServicesText,
    /// Problems solved: count.
    ProblemsSolved,
    /// Problems solved: description.
    ProblemsText,
    /// Activists developed (发展积极分子).
    Activists,
    /// Mass organisations formed (群团).
    MassOrgs,
    /// Funding the owner provided (活动经费).
    Funding,
    /// Free note.
    Note,
    /// The 述职 text.
    ReportText,
    /// The leadership's comment (领导点评).
    LeaderComment,
    /// The survey's questions.
    Questions,
    /// The survey's responses.
    Responses,
}

/// What is wrong. Never a sentence: see the module comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The field is empty.
    Required(Field),
    /// Longer than the limit (characters, or items for lists).
    TooLong(Field, usize),
    /// The day (or year, or month) lies after today.
    InFuture(Field),
    /// Not a date / year / month.
    Invalid(Field),
    /// Not a whole number in range (0 … the limit).
    NotACount(Field, u32),
    /// Outside its range (a birth year making the person younger than 18 or older than 100).
    OutOfRange(Field),
    /// The date lies before the date of an earlier step.
    Before {
        /// The date at fault.
        field: Field,
        /// The earlier step it may not precede.
        earlier: Field,
    },
    /// A step is dated while the step before it is not (the match goes in order).
    StepSkipped {
        /// The dated step.
        step: Field,
        /// The missing earlier step.
        missing: Field,
    },
    /// The instructor id names no instructor of the pool.
    UnknownInstructor(String),
    /// The instructor has left the pool (离任): no new or renewed assignment.
    InstructorLeft,
    /// A unit id names no unit of the registry.
    UnknownUnit(String),
    /// The unit has ceased (注销, 破产) since the day given: it cannot be served.
    UnitCeased {
        /// The unit.
        unit: String,
        /// The day its status took effect.
        since: Option<Date>,
    },
    /// The same unit twice in one assignment.
    DuplicateUnit(String),
    /// Another open assignment already gives this unit an instructor in the same role.
    UnitTaken {
        /// The unit.
        unit: String,
        /// The other assignment.
        by: String,
    },
    /// Leaving the pool while assignments are still open (end them first).
    OpenAssignments(usize),
    /// A report for a month in which the assignment was not active.
    NotActiveInMonth,
    /// A report for a unit the assignment does not cover.
    UnitNotInAssignment(String),
    /// A visit outside the report's month.
    VisitOutsideMonth(Date),
    /// More visits than a month has days.
    TooManyVisits(usize),
    /// A response does not answer every question (the 1-based response number).
    IncompleteResponse(usize),
    /// A question text given twice.
    DuplicateQuestion(usize),
    /// The review's year has not begun.
    YearNotBegun,
}

impl Problem {
    /// The field to show the problem next to; `None` for the record as a whole.
    pub fn field(&self) -> Option<Field> {
        Some(match self {
            Problem::Required(f)
            | Problem::TooLong(f, _)
            | Problem::InFuture(f)
            | Problem::Invalid(f)
            | Problem::NotACount(f, _)
            | Problem::OutOfRange(f) => *f,
            Problem::Before { field, .. } => *field,
            Problem::StepSkipped { step, .. } => *step,
            Problem::UnknownInstructor(_) | Problem::InstructorLeft => Field::Instructor,
            Problem::UnknownUnit(_)
            | Problem::UnitCeased { .. }
            | Problem::DuplicateUnit(_)
            | Problem::UnitTaken { .. } => Field::Units,
            Problem::OpenAssignments(_) => Field::LeftOn,
            Problem::NotActiveInMonth => Field::Month,
            Problem::UnitNotInAssignment(_) => Field::Unit,
            Problem::VisitOutsideMonth(_) | Problem::TooManyVisits(_) => Field::Visits,
            Problem::IncompleteResponse(_) => Field::Responses,
            Problem::DuplicateQuestion(_) => Field::Questions,
            Problem::YearNotBegun => return None,
        })
    }
}

/// All problems found in one record; never empty when returned as an error.
pub type Problems = Vec<Problem>;

/// Trims `text` and checks it against `max` characters (and presence when `required`).
pub(crate) fn check_text(text: &mut String, field: Field, max: usize, required: bool, problems: &mut Problems) {
    *text = text.trim().to_string();
    if required && text.is_empty() {
        problems.push(Problem::Required(field));
    } else if text.chars().count() > max {
        problems.push(Problem::TooLong(field, max));
    }
}

/// Checks a count against its limit.
pub(crate) fn check_count(value: u32, field: Field, max: u32, problems: &mut Problems) {
    if value > max {
        problems.push(Problem::NotACount(field, max));
    }
}

/// `Ok(value)` when nothing was found.
pub(crate) fn done<T>(value: T, problems: Problems) -> Result<T, Problems> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}
