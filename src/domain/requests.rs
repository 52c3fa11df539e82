//! Enterprise requests (企业有话说, seed 003): a unit raises a request (点单), a department
//! accepts it (接单), a cadre or instructor takes it on (领单), and it is resolved (办结) — or, when
//! one department cannot, escalated to a joint consultation (会商) first. A request still open
//! past the committee's due days is overdue. Counted per category, month and department.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::units::unit::Unit;
use crate::domain::values::date::Date;
use crate::domain::values::period::{Month, Year};

/// Longest request or resolution text, in characters.
pub const MAX_TEXT_CHARS: usize = 1000;
/// Longest department or person name, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// Days a request may stay open before it is overdue, unless the committee sets another.
pub const DEFAULT_DUE_DAYS: u32 = 15;
/// The most due days the setting accepts.
pub const MAX_DUE_DAYS: u32 = 365;

/// What a request is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 政策咨询
    Policy,
    /// 产业对接
    Industry,
    /// 人才需求
    Talent,
    /// 技术改造
    Technology,
    /// 融资
    Financing,
    /// 用工
    Labour,
    /// 其他
    Other,
}

impl Category {
    /// Every category, in picker and report order.
    pub const ALL: [Category; 7] = [
        Category::Policy,
        Category::Industry,
        Category::Talent,
        Category::Technology,
        Category::Financing,
        Category::Labour,
        Category::Other,
    ];

    /// Stable code, the same as its serde name.
    pub fn code(self) -> &'static str {
        match self {
            Category::Policy => "policy",
            Category::Industry => "industry",
            Category::Talent => "talent",
            Category::Technology => "technology",
            Category::Financing => "financing",
            Category::Labour => "labour",
            Category::Other => "other",
        }
    }

    /// Parses [`Category::code`].
    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// 接单: the department that accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    /// The department.
    pub department: String,
    /// The day.
    pub on: Date,
}

/// 领单: who took it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taken {
    /// The cadre's or instructor's name.
    pub by: String,
    /// The instructor's id, when an instructor of the pool took it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructor: Option<String>,
    /// The day.
    pub on: Date,
}

/// 会商 or 办结: a dated note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The day.
    pub on: Date,
    /// What was agreed or done.
    #[serde(default)]
    pub text: String,
}

/// One request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Stable id, never reused.
    pub id: String,
    /// The unit that raised it.
    pub unit: String,
    /// What it is about.
    pub category: Category,
    /// The request in the unit's words.
    pub text: String,
    /// 点单: the day it was raised.
    pub raised_on: Date,
    /// 接单.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Accepted>,
    /// 领单.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken: Option<Taken>,
    /// 会商: escalated to a joint consultation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation: Option<Step>,
    /// 办结: resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Step>,
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// 已点单: raised, waiting for a department.
    Raised,
    /// 已接单
    Accepted,
    /// 已领单
    Taken,
    /// 会商中
    Consulting,
    /// 已办结
    Resolved,
}

impl Status {
    /// Every status, in order.
    pub const ALL: [Status; 5] =
        [Status::Raised, Status::Accepted, Status::Taken, Status::Consulting, Status::Resolved];

    /// Stable code, for filters and addresses (`?status=`).
    pub fn code(self) -> &'static str {
        match self {
            Status::Raised => "raised",
            Status::Accepted => "accepted",
            Status::Taken => "taken",
            Status::Consulting => "consulting",
            Status::Resolved => "resolved",
        }
    }

    /// Parses [`Status::code`].
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl Request {
    /// A new request of `unit` raised `today`.
    pub fn raise(id: &str, unit: &str, category: Category, text: &str, today: Date) -> Request {
        Request {
            id: id.to_string(),
            unit: unit.to_string(),
            category,
            text: text.to_string(),
            raised_on: today,
            accepted: None,
            taken: None,
            consultation: None,
            resolved: None,
        }
    }

    /// Where it stands.
    pub fn status(&self) -> Status {
        if self.resolved.is_some() {
            Status::Resolved
        } else if self.consultation.is_some() {
            Status::Consulting
        } else if self.taken.is_some() {
            Status::Taken
        } else if self.accepted.is_some() {
            Status::Accepted
        } else {
            Status::Raised
        }
    }

    /// The day it became due: `due_days` after it was raised.
    pub fn due(&self, due_days: u32) -> Option<Date> {
        self.raised_on.add_days(i64::from(due_days))
    }

    /// Days past its due day while still open on `today`; `None` when resolved or not yet due.
    pub fn overdue(&self, due_days: u32, today: Date) -> Option<u32> {
        if self.resolved.is_some() {
            return None;
        }
        let due = self.due(due_days)?;
        (today > due).then(|| due.days_until(today) as u32)
    }
}

/// The form field a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The unit.
    Unit,
    /// The request text.
    Text,
    /// 点单 day.
    RaisedOn,
    /// 接单 department.
    Department,
    /// 接单 day.
    AcceptedOn,
    /// 领单 person.
    TakenBy,
    /// 领单 day.
    TakenOn,
    /// 会商 day.
    ConsultedOn,
    /// 会商 note.
    ConsultationText,
    /// 办结 day.
    ResolvedOn,
    /// 办结 text.
    ResolutionText,
}

/// What is wrong with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Empty.
    Required(Field),
    /// Longer than the limit (characters).
    TooLong(Field, usize),
    /// After today.
    InFuture(Field),
    /// A date field that holds no real date (as a form reads it).
    InvalidDate(Field),
    /// Before the step it follows.
    Before {
        /// The date at fault.
        field: Field,
        /// The earlier step's date.
        earlier: Field,
    },
    /// A step without the one it follows (领单 before 接单, 办结 with neither 领单 nor 会商).
    OutOfOrder {
        /// The step given.
        step: Field,
        /// The step it needs.
        needs: Field,
    },
    /// The unit id names no unit of the registry.
    UnknownUnit(String),
}

impl Problem {
    /// The field to show it next to.
    pub fn field(&self) -> Field {
        match self {
            Problem::Required(f) | Problem::TooLong(f, _) | Problem::InFuture(f) | Problem::InvalidDate(f) => *f,
            Problem::Before { field, .. } => *field,
            Problem::OutOfOrder { step, .. } => *step,
            Problem::UnknownUnit(_) => Field::Unit,
        }
    }
}

fn check_text(text: &mut String, field: Field, max: usize, required: bool, problems: &mut Vec<Problem>) {
    *text = text.trim().to_string();
    if required && text.is_empty() {
        problems.push(Problem::Required(field));
    } else if text.chars().count() > max {
        problems.push(Problem::TooLong(field, max));
    }
}

fn check_date(date: Date, field: Field, after: Option<(Date, Field)>, today: Date, problems: &mut Vec<Problem>) {
    if date > today {
        problems.push(Problem::InFuture(field));
    }
    if let Some((earlier, earlier_field)) = after {
        if date < earlier {
            problems.push(Problem::Before { field, earlier: earlier_field });
        }
    }
}

/// Validates a request about to be saved: every step in order, each dated no earlier than the
/// one it follows and not after today. Returns it with its texts trimmed.
pub fn validate_request(mut request: Request, units: &[Unit], today: Date) -> Result<Request, Vec<Problem>> {
    let mut problems = Vec::new();
    if !units.iter().any(|u| u.id == request.unit) {
        problems.push(Problem::UnknownUnit(request.unit.clone()));
    }
    check_text(&mut request.text, Field::Text, MAX_TEXT_CHARS, true, &mut problems);
    check_date(request.raised_on, Field::RaisedOn, None, today, &mut problems);
    let mut last = (request.raised_on, Field::RaisedOn);
    if let Some(accepted) = &mut request.accepted {
        check_text(&mut accepted.department, Field::Department, MAX_NAME_CHARS, true, &mut problems);
        check_date(accepted.on, Field::AcceptedOn, Some(last), today, &mut problems);
        last = (accepted.on, Field::AcceptedOn);
    }
    if let Some(taken) = &mut request.taken {
        check_text(&mut taken.by, Field::TakenBy, MAX_NAME_CHARS, true, &mut problems);
        if request.accepted.is_none() {
            problems.push(Problem::OutOfOrder { step: Field::TakenOn, needs: Field::AcceptedOn });
        }
        check_date(taken.on, Field::TakenOn, Some(last), today, &mut problems);
        last = (taken.on, Field::TakenOn);
    }
    if let Some(consultation) = &mut request.consultation {
        check_text(&mut consultation.text, Field::ConsultationText, MAX_TEXT_CHARS, false, &mut problems);
        if request.accepted.is_none() {
            problems.push(Problem::OutOfOrder { step: Field::ConsultedOn, needs: Field::AcceptedOn });
        }
        check_date(consultation.on, Field::ConsultedOn, Some(last), today, &mut problems);
        last = (consultation.on, Field::ConsultedOn);
    }
    if let Some(resolved) = &mut request.resolved {
        check_text(&mut resolved.text, Field::ResolutionText, MAX_TEXT_CHARS, true, &mut problems);
        if request.taken.is_none() && request.consultation.is_none() {
            problems.push(Problem::OutOfOrder { step: Field::ResolvedOn, needs: Field::TakenOn });
        }
        check_date(resolved.on, Field::ResolvedOn, Some(last), today, &mut problems);
    }
    if problems.is_empty() {
        Ok(request)
    } else {
        Err(problems)
    }
}

/// Parses the due-days setting; `None` unless 1 … [`MAX_DUE_DAYS`].
pub fn parse_due_days(text: &str) -> Option<u32> {
    text.trim().parse().ok().filter(|d| (1..=MAX_DUE_DAYS).contains(d))
}

/// The figures of the requests page and the kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestCounts {
    /// Raised per category: (raised, resolved), in [`Category::ALL`] order.
    pub by_category: Vec<(Category, u32, u32)>,
    /// Raised per month of the year: (month, raised, resolved that month).
    pub by_month: Vec<(Month, u32, u32)>,
    /// Accepted per department: (department, accepted, resolved), most first.
    pub by_department: Vec<(String, u32, u32)>,
    /// Raised in the year.
    pub raised: u32,
    /// Resolved in the year (by the day of resolution).
    pub resolved: u32,
    /// Open on the day asked, and of those overdue.
    pub open: u32,
    /// Open and past due.
    pub overdue: u32,
}

/// Counts the requests of `year` (raised in it; resolved counts by the day of resolution) on
/// `today`.
pub fn counts(requests: &[Request], year: Year, due_days: u32, today: Date) -> RequestCounts {
    let in_year = |d: Date| d.year() == year.number();
    let resolved_in_year = |r: &Request| r.resolved.as_ref().is_some_and(|s| in_year(s.on));
    let raised: Vec<&Request> = requests.iter().filter(|r| in_year(r.raised_on)).collect();
    let by_category = Category::ALL
        .into_iter()
        .map(|c| {
            let of = raised.iter().filter(|r| r.category == c);
            (c, of.clone().count() as u32, of.filter(|r| r.resolved.is_some()).count() as u32)
        })
        .collect();
    let by_month = year
        .months()
        .into_iter()
        .filter(|m| *m <= Month::of(today))
        .map(|m| {
            let raised_in = requests.iter().filter(|r| Month::of(r.raised_on) == m).count() as u32;
            let resolved_in =
                requests.iter().filter(|r| r.resolved.as_ref().is_some_and(|s| Month::of(s.on) == m)).count() as u32;
            (m, raised_in, resolved_in)
        })
        .collect();
    let mut departments: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for r in &raised {
        if let Some(accepted) = &r.accepted {
            let entry = departments.entry(accepted.department.as_str()).or_default();
            entry.0 += 1;
            entry.1 += u32::from(r.resolved.is_some());
        }
    }
    let mut by_department: Vec<(String, u32, u32)> =
        departments.into_iter().map(|(d, (a, s))| (d.to_string(), a, s)).collect();
    by_department.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let open: Vec<&Request> = requests.iter().filter(|r| r.resolved.is_none()).collect();
    RequestCounts {
        by_category,
        by_month,
        by_department,
        raised: raised.len() as u32,
        resolved: requests.iter().filter(|r| resolved_in_year(r)).count() as u32,
        open: open.len() as u32,
        overdue: open.iter().filter(|r| r.overdue(due_days, today).is_some()).count() as u32,
    }
}

// --- what the pages do with requests: the next step, the forms, the list ---

/// A step that moves a request on, in the order they are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepKind {
    /// 接单
    Accept,
    /// 领单
    Take,
    /// 会商
    Consult,
    /// 办结
    Resolve,
}

impl StepKind {
    /// Every step, in order.
    pub const ALL: [StepKind; 4] = [StepKind::Accept, StepKind::Take, StepKind::Consult, StepKind::Resolve];

    /// Stable code, for form values and test ids.
    pub fn code(self) -> &'static str {
        match self {
            StepKind::Accept => "accept",
            StepKind::Take => "take",
            StepKind::Consult => "consult",
            StepKind::Resolve => "resolve",
        }
    }

    /// Parses [`StepKind::code`].
    pub fn from_code(code: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The step's date field.
    pub fn date_field(self) -> Field {
        match self {
            StepKind::Accept => Field::AcceptedOn,
            StepKind::Take => Field::TakenOn,
            StepKind::Consult => Field::ConsultedOn,
            StepKind::Resolve => Field::ResolvedOn,
        }
    }

    /// The step's other field: the department, the person or the note.
    pub fn detail_field(self) -> Field {
        match self {
            StepKind::Accept => Field::Department,
            StepKind::Take => Field::TakenBy,
            StepKind::Consult => Field::ConsultationText,
            StepKind::Resolve => Field::ResolutionText,
        }
    }
}

impl Request {
    /// The steps that may come next, the usual one first: 接单 after 点单; then 领单, or 会商
    /// when one department cannot settle it; 办结 after 领单 or 会商. None once resolved.
    pub fn next_steps(&self) -> Vec<StepKind> {
        match self.status() {
            Status::Raised => vec![StepKind::Accept],
            Status::Accepted => vec![StepKind::Take, StepKind::Consult],
            Status::Taken => vec![StepKind::Resolve, StepKind::Consult],
            Status::Consulting => vec![StepKind::Resolve],
            Status::Resolved => vec![],
        }
    }

    /// The latest step taken — steps are dated in order, so the furthest along.
    pub fn last_step(&self) -> Option<StepKind> {
        if self.resolved.is_some() {
            Some(StepKind::Resolve)
        } else if self.consultation.is_some() {
            Some(StepKind::Consult)
        } else if self.taken.is_some() {
            Some(StepKind::Take)
        } else if self.accepted.is_some() {
            Some(StepKind::Accept)
        } else {
            None
        }
    }

    /// The request without its latest step, for a step recorded by mistake.
    pub fn without_last_step(&self) -> Request {
        let mut request = self.clone();
        match self.last_step() {
            Some(StepKind::Resolve) => request.resolved = None,
            Some(StepKind::Consult) => request.consultation = None,
            Some(StepKind::Take) => request.taken = None,
            Some(StepKind::Accept) => request.accepted = None,
            None => {}
        }
        request
    }

    /// Days it has been open: from 点单 to 办结, or to `today` while open.
    pub fn days_open(&self, today: Date) -> u32 {
        let end = self.resolved.as_ref().map_or(today, |s| s.on);
        u32::try_from(self.raised_on.days_until(end)).unwrap_or(0)
    }
}

/// A date as a form holds it: the day, or `today` in its place with the problem, so the rest of
/// the request can still be checked.
fn read_date(text: &str, field: Field, today: Date) -> (Date, Option<Problem>) {
    let text = text.trim();
    if text.is_empty() {
        return (today, Some(Problem::Required(field)));
    }
    match text.parse::<Date>() {
        Ok(date) => (date, None),
        Err(_) => (today, Some(Problem::InvalidDate(field))),
    }
}

/// [`validate_request`] after a form's dates were read: a date that could not be read is
/// reported as such and the problems its stand-in caused are left out; an empty unit is asked
/// for rather than reported unknown.
fn validate_read(
    request: Request,
    date_problem: Option<Problem>,
    units: &[Unit],
    today: Date,
) -> Result<Request, Vec<Problem>> {
    let unread = date_problem.as_ref().map(Problem::field);
    // The stand-in is today: it is never in the future, but may come before a later step.
    let caused_by_stand_in = |p: &Problem| match p {
        Problem::Before { field, earlier } => Some(*field) == unread || Some(*earlier) == unread,
        _ => false,
    };
    let problems: Vec<Problem> = match validate_request(request, units, today) {
        Ok(request) if date_problem.is_none() => return Ok(request),
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .filter(|p| !caused_by_stand_in(p))
            .map(|p| match p {
                Problem::UnknownUnit(id) if id.trim().is_empty() => Problem::Required(Field::Unit),
                p => p,
            })
            .collect(),
    };
    Err(date_problem.into_iter().chain(problems).collect())
}

/// A request's own fields as the 点单 form holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDraft {
    /// The unit's id; empty until one is picked.
    pub unit: String,
    /// What it is about.
    pub category: Category,
    /// The request in the unit's words.
    pub text: String,
    /// 点单 day, `YYYY-MM-DD`.
    pub raised_on: String,
}

impl RequestDraft {
    /// A new request's form: the unit given (a unit's page links with it), raised today.
    pub fn blank(unit: &str, today: Date) -> RequestDraft {
        RequestDraft {
            unit: unit.to_string(),
            category: Category::Policy,
            text: String::new(),
            raised_on: today.to_string(),
        }
    }

    /// The form of a request being corrected.
    pub fn of(request: &Request) -> RequestDraft {
        RequestDraft {
            unit: request.unit.clone(),
            category: request.category,
            text: request.text.clone(),
            raised_on: request.raised_on.to_string(),
        }
    }

    /// `base` with the form's fields, its steps kept, checked as a whole (every problem).
    pub fn read(&self, base: &Request, units: &[Unit], today: Date) -> Result<Request, Vec<Problem>> {
        let (raised_on, date_problem) = read_date(&self.raised_on, Field::RaisedOn, today);
        let request = Request {
            unit: self.unit.trim().to_string(),
            category: self.category,
            text: self.text.clone(),
            raised_on,
            ..base.clone()
        };
        validate_read(request, date_problem, units, today)
    }
}

/// A step as its form holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDraft {
    /// Which step.
    pub kind: StepKind,
    /// 接单: the department; 领单: the person. Not used by 会商 and 办结.
    pub name: String,
    /// 领单: the instructor of the pool picked, if one was.
    pub instructor: Option<String>,
    /// 会商 and 办结: the note.
    pub text: String,
    /// The day, `YYYY-MM-DD`.
    pub on: String,
}

impl StepDraft {
    /// An empty form of `kind`, dated `today`.
    pub fn new(kind: StepKind, today: Date) -> StepDraft {
        StepDraft { kind, name: String::new(), instructor: None, text: String::new(), on: today.to_string() }
    }

    /// `request` with this step taken, checked as a whole (every problem): in order, dated no
    /// earlier than the step before and not after today.
    pub fn apply(&self, request: &Request, units: &[Unit], today: Date) -> Result<Request, Vec<Problem>> {
        let (on, date_problem) = read_date(&self.on, self.kind.date_field(), today);
        let mut next = request.clone();
        match self.kind {
            StepKind::Accept => next.accepted = Some(Accepted { department: self.name.clone(), on }),
            StepKind::Take => {
                next.taken = Some(Taken { by: self.name.clone(), instructor: self.instructor.clone(), on });
            }
            StepKind::Consult => next.consultation = Some(Step { on, text: self.text.clone() }),
            StepKind::Resolve => next.resolved = Some(Step { on, text: self.text.clone() }),
        }
        validate_read(next, date_problem, units, today)
    }
}

/// The list's search and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    /// Part of the unit's name or of its area (spacing and case ignored).
    pub query: String,
    /// Where it stands.
    pub status: Option<Status>,
    /// What it is about.
    pub category: Option<Category>,
    /// Only the open requests past their due day.
    pub overdue_only: bool,
}

impl RequestFilter {
    /// Whether `request` of `unit` (`None` for a unit no longer in the registry) passes.
    pub fn matches(&self, request: &Request, unit: Option<&Unit>, due_days: u32, today: Date) -> bool {
        let query = crate::domain::org::name_key(&self.query);
        let text_ok = query.is_empty()
            || unit.is_some_and(|u| {
                crate::domain::org::name_key(&u.name).contains(&query)
                    || crate::domain::org::name_key(&u.area).contains(&query)
            });
        text_ok
            && self.status.is_none_or(|s| request.status() == s)
            && self.category.is_none_or(|c| request.category == c)
            && (!self.overdue_only || request.overdue(due_days, today).is_some())
    }
}

/// The requests that pass, the latest raised first (then by id, so the order is stable).
pub fn filter_requests<'a>(
    requests: &'a [Request],
    units: &[Unit],
    filter: &RequestFilter,
    due_days: u32,
    today: Date,
) -> Vec<&'a Request> {
    let mut hits: Vec<&Request> =
        requests.iter().filter(|r| filter.matches(r, units.iter().find(|u| u.id == r.unit), due_days, today)).collect();
    hits.sort_by(|a, b| b.raised_on.cmp(&a.raised_on).then_with(|| a.id.cmp(&b.id)));
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::district::district;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn raised() -> Request {
        Request::raise("r1", "demo-u01", Category::Financing, "  需要对接贷款贴息政策 ", day("2026-11-02"))
    }

    fn accepted() -> Request {
        Request { accepted: Some(Accepted { department: "区金融办".into(), on: day("2026-11-03") }), ..raised() }
    }

    fn taken() -> Request {
        Request {
            taken: Some(Taken { by: "王建国".into(), instructor: Some("i1".into()), on: day("2026-11-05") }),
            ..accepted()
        }
    }

    fn check(request: Request) -> Vec<Problem> {
        validate_request(request, &district().units, day("2026-12-02")).err().unwrap_or_default()
    }

    #[test]
    fn the_steps_from_raised_to_resolved() {
        assert_eq!(raised().status(), Status::Raised);
        assert_eq!(accepted().status(), Status::Accepted);
        assert_eq!(taken().status(), Status::Taken);
        let consulting =
            Request { consultation: Some(Step { on: day("2026-11-10"), text: "联席会商".into() }), ..taken() };
        assert_eq!(consulting.status(), Status::Consulting);
        let resolved =
            Request { resolved: Some(Step { on: day("2026-11-20"), text: "已落实贴息".into() }), ..consulting };
        assert_eq!(resolved.status(), Status::Resolved);
        assert_eq!(check(resolved.clone()), vec![]);
        assert_eq!(
            validate_request(resolved, &district().units, day("2026-12-02")).unwrap().text,
            "需要对接贷款贴息政策"
        );
    }

    #[test]
    fn each_rule_names_its_field() {
        let cases: Vec<(Request, Vec<Problem>)> = vec![
            (Request { unit: "nope".into(), ..raised() }, vec![Problem::UnknownUnit("nope".into())]),
            (Request { text: " ".into(), ..raised() }, vec![Problem::Required(Field::Text)]),
            (Request { raised_on: day("2026-12-03"), ..raised() }, vec![Problem::InFuture(Field::RaisedOn)]),
            (
                Request { accepted: Some(Accepted { department: "".into(), on: day("2026-11-01") }), ..raised() },
                vec![
                    Problem::Required(Field::Department),
                    Problem::Before { field: Field::AcceptedOn, earlier: Field::RaisedOn },
                ],
            ),
            (
                Request {
                    taken: Some(Taken { by: "李".into(), instructor: None, on: day("2026-11-05") }), ..raised()
                },
                vec![Problem::OutOfOrder { step: Field::TakenOn, needs: Field::AcceptedOn }],
            ),
            (
                Request { resolved: Some(Step { on: day("2026-11-20"), text: "好".into() }), ..accepted() },
                vec![Problem::OutOfOrder { step: Field::ResolvedOn, needs: Field::TakenOn }],
            ),
            (
                Request { resolved: Some(Step { on: day("2026-11-04"), text: "".into() }), ..taken() },
                vec![
                    Problem::Required(Field::ResolutionText),
                    Problem::Before { field: Field::ResolvedOn, earlier: Field::TakenOn },
                ],
            ),
        ];
        for (request, expected) in cases {
            assert_eq!(check(request.clone()), expected, "{request:?}");
        }
    }

    #[test]
    fn overdue_after_the_due_days_while_open() {
        let r = raised();
        assert_eq!(r.due(15), Some(day("2026-11-17")));
        assert_eq!(r.overdue(15, day("2026-11-17")), None);
        assert_eq!(r.overdue(15, day("2026-11-20")), Some(3));
        let done = Request { resolved: Some(Step { on: day("2026-11-30"), text: "x".into() }), ..taken() };
        assert_eq!(done.overdue(15, day("2026-12-02")), None);
        assert_eq!(parse_due_days("30"), Some(30));
        assert_eq!(parse_due_days("0"), None);
        assert_eq!(parse_due_days("366"), None);
    }

    #[test]
    fn counts_by_category_month_and_department() {
        let mut old = raised();
        old.id = "r0".into();
        old.raised_on = day("2025-12-20");
        old.accepted = Some(Accepted { department: "区人社局".into(), on: day("2025-12-21") });
        old.taken = Some(Taken { by: "张".into(), instructor: None, on: day("2025-12-22") });
        old.resolved = Some(Step { on: day("2026-01-10"), text: "x".into() });
        let mut labour = taken();
        labour.id = "r2".into();
        labour.category = Category::Labour;
        labour.accepted.as_mut().unwrap().department = "区人社局".into();
        labour.resolved = Some(Step { on: day("2026-11-06"), text: "x".into() });
        let all = vec![old, raised(), accepted(), labour];
        let c = counts(&all, Year::new(2026).unwrap(), 15, day("2026-12-02"));
        assert_eq!((c.raised, c.resolved, c.open, c.overdue), (3, 2, 2, 2));
        assert_eq!(
            c.by_category[Category::ALL.iter().position(|x| *x == Category::Financing).unwrap()],
            (Category::Financing, 2, 0)
        );
        assert_eq!(c.by_category[5], (Category::Labour, 1, 1));
        assert_eq!(c.by_month.len(), 12);
        assert_eq!(c.by_month[0], ("2026-01".parse().unwrap(), 0, 1));
        assert_eq!(c.by_month[10], ("2026-11".parse().unwrap(), 3, 1));
        assert_eq!(c.by_department, vec![("区人社局".to_string(), 1, 1), ("区金融办".to_string(), 1, 0)]);
    }
}
