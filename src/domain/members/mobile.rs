//! Mobile members (流动党员): a member who works or lives away for a time keeps a 流动党员活动证,
//! takes part in an organisation where they are, and reports to their branch every two months.
//!
//! One [`MobilePeriod`] is one time away, from the leave date to the return, with its reports
//! inside it. Starting one makes the member's roll status [`MemberStatus::Mobile`] and keeps the
//! status they had before in [`MobilePeriod::status_before`], so the return restores it; the
//! period stays, returned, as history.
//!
//! **Report rule.** The next report is due two calendar months after the last one — or after
//! the leave date while there is none — clamped to the month's end (31 Dec → 28/29 Feb,
//! 31 Aug → 31 Oct). A report *on* the due day is on time; from the day after it the report is
//! overdue ([`overdue_reports`]). A returned period owes nothing.

use serde::{Deserialize, Serialize};

use crate::domain::org::{Member, MemberStatus};
use crate::domain::values::date::{days_in_month, Date};

/// Calendar months between two reports (每两个月汇报一次).
pub const REPORT_EVERY_MONTHS: u32 = 2;
/// Longest text of a short field (certificate number, destination, contact …), in characters.
pub const MAX_SHORT_CHARS: usize = 100;
/// Longest report content, in characters.
pub const MAX_CONTENT_CHARS: usize = 1000;

/// How a report was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportForm {
    /// 书面 — in writing.
    Written,
    /// 口头 — by word of mouth (a call, a visit).
    Oral,
}

impl ReportForm {
    /// Both forms, in the order forms offer them.
    pub const ALL: [ReportForm; 2] = [ReportForm::Written, ReportForm::Oral];
}

/// One two-monthly report (思想汇报 / 情况汇报) of a mobile member to their branch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MobileReport {
    /// The day it was made.
    pub date: Date,
    /// Written or oral.
    pub form: ReportForm,
    /// What was reported.
    pub content: String,
}

/// One time a member spends away (流动期), with its reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MobilePeriod {
    /// Stable id.
    pub id: String,
    /// The member (`Member::id`).
    pub member: String,
    /// The member's branch when the period started (the branch that keeps track of them).
    pub branch: String,
    /// The 流动党员活动证 number.
    pub certificate: String,
    /// Where they went (流入地), e.g. a city.
    pub destination: String,
    /// Their address there.
    #[serde(default)]
    pub address: String,
    /// The day they left.
    pub left_on: Date,
    /// The day they expect to return, if known.
    #[serde(default)]
    pub expected_return: Option<Date>,
    /// How to reach them (phone, WeChat …).
    #[serde(default)]
    pub contact: String,
    /// The organisation where they take part in Party life now (流入地党组织).
    #[serde(default)]
    pub host_org: String,
    /// Their roll status before the period, restored on return.
    pub status_before: MemberStatus,
    /// The day they returned; `None` while away.
    #[serde(default)]
    pub returned_on: Option<Date>,
    /// Their reports, oldest first.
    #[serde(default)]
    pub reports: Vec<MobileReport>,
}

impl MobilePeriod {
    /// Whether the member is still away.
    pub fn is_open(&self) -> bool {
        self.returned_on.is_none()
    }

    /// The day of the last report, or the leave date when none yet: the start of the running
    /// two months.
    pub fn last_report_or_leave(&self) -> Date {
        self.reports.iter().map(|r| r.date).max().unwrap_or(self.left_on).max(self.left_on)
    }

    /// The last day the next report is on time; `None` once returned.
    pub fn next_report_due(&self) -> Option<Date> {
        self.is_open().then(|| add_months(self.last_report_or_leave(), REPORT_EVERY_MONTHS))
    }

    /// Where the reporting stands on `day`.
    pub fn report_state(&self, day: Date) -> ReportState {
        match self.next_report_due() {
            None => ReportState::Returned,
            Some(due) if day > due => ReportState::Overdue { due, days: due.days_until(day) },
            Some(due) => ReportState::Due { due },
        }
    }
}

/// Where a period's reporting stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportState {
    /// The member has returned: nothing owed.
    Returned,
    /// The next report is on time until `due` (inclusive).
    Due {
        /// The last day on time.
        due: Date,
    },
    /// The report should have come by `due`, `days` ago.
    Overdue {
        /// The last day it was on time.
        due: Date,
        /// Days since then (≥ 1).
        days: i64,
    },
}

/// A mobile member whose report is overdue, as the dashboard, the branch page and the CLI list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueReport {
    /// The period's id.
    pub period: String,
    /// The member.
    pub member: String,
    /// The branch.
    pub branch: String,
    /// The last report's day, or the leave date when none yet.
    pub since: Date,
    /// The last day the report was on time.
    pub due: Date,
    /// Days overdue on the day asked (≥ 1).
    pub days: i64,
}

/// Every open period whose report is overdue on `day`, most overdue first (then by branch and
/// member). Returned periods never appear.
pub fn overdue_reports(periods: &[MobilePeriod], day: Date) -> Vec<OverdueReport> {
    let mut overdue: Vec<OverdueReport> = periods
        .iter()
        .filter_map(|p| match p.report_state(day) {
            ReportState::Overdue { due, days } => Some(OverdueReport {
                period: p.id.clone(),
                member: p.member.clone(),
                branch: p.branch.clone(),
                since: p.last_report_or_leave(),
                due,
                days,
            }),
            _ => None,
        })
        .collect();
    overdue.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| (&a.branch, &a.member).cmp(&(&b.branch, &b.member))));
    overdue
}

/// `date` plus `months` calendar months, on the same day of the month or the month's last day
/// when it has fewer (31 Dec + 2 → 28 Feb, or 29 in a leap year).
pub fn add_months(date: Date, months: u32) -> Date {
    let index = date.year() as i64 * 12 + (date.month() as i64 - 1) + months as i64;
    let (year, month) = ((index / 12) as i32, (index % 12) as u8 + 1);
    let day = date.day().min(days_in_month(year, month));
    // Dates stop at 2999; beyond, the period is treated as due on the last representable day.
    Date::new(year, month, day).unwrap_or(date)
}

/// The form field a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MobileField {
    /// The member.
    Member,
    /// 流动党员活动证 number.
    Certificate,
    /// Destination.
    Destination,
    /// Address.
    Address,
    /// Leave date.
    LeftOn,
    /// Expected return.
    ExpectedReturn,
    /// Contact.
    Contact,
    /// Host organisation.
    HostOrg,
    /// Return date.
    ReturnedOn,
    /// A report's day.
    ReportDate,
    /// A report's content.
    ReportContent,
}

/// What is wrong with a period, a report or a return. Never a sentence: the UI words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MobileProblem {
    /// The field is empty.
    Required(MobileField),
    /// Longer than the limit, in characters.
    TooLong(MobileField, usize),
    /// Not a date.
    Invalid(MobileField),
    /// The day lies after today.
    InFuture(MobileField),
    /// The day lies before another it may not precede.
    Before {
        /// The day at fault.
        field: MobileField,
        /// The day it may not precede.
        earlier: MobileField,
    },
    /// The member id names no member of the roll.
    UnknownMember(String),
    /// The member has been transferred out: no new mobile period.
    MemberNotActive,
    /// The member already has an open mobile period (return it first).
    AlreadyAway,
    /// The period has ended: no report or second return.
    AlreadyReturned,
    /// A report dated outside the period (before leaving or after the return).
    OutsidePeriod,
    /// Returning before a report already on file.
    ReportAfterReturn(Date),
}

impl MobileProblem {
    /// The field to show the problem next to; `None` for the record as a whole.
    pub fn field(&self) -> Option<MobileField> {
        Some(match self {
            MobileProblem::Required(f)
            | MobileProblem::TooLong(f, _)
            | MobileProblem::Invalid(f)
            | MobileProblem::InFuture(f) => *f,
            MobileProblem::Before { field, .. } => *field,
            MobileProblem::UnknownMember(_) | MobileProblem::MemberNotActive | MobileProblem::AlreadyAway => {
                MobileField::Member
            }
            MobileProblem::OutsidePeriod => MobileField::ReportDate,
            MobileProblem::ReportAfterReturn(_) => MobileField::ReturnedOn,
            MobileProblem::AlreadyReturned => return None,
        })
    }
}

/// All problems found at once; never empty when returned as an error.
pub type MobileProblems = Vec<MobileProblem>;

fn check_text(text: &mut String, field: MobileField, max: usize, required: bool, problems: &mut MobileProblems) {
    *text = text.trim().to_string();
    if required && text.is_empty() {
        problems.push(MobileProblem::Required(field));
    } else if text.chars().count() > max {
        problems.push(MobileProblem::TooLong(field, max));
    }
}

fn done<T>(value: T, problems: MobileProblems) -> Result<T, MobileProblems> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// Validates a new period (or an edit of an open one's details) for `member` as on the roll.
/// `others` are the member's other periods. Sets the branch from the roll and, for a new period,
/// `status_before` to the member's status. The certificate number, the destination and the leave
/// date are required; the leave date is not in the future; the expected return is not before it.
pub fn validate_period(
    mut period: MobilePeriod,
    member: Option<&Member>,
    others: &[MobilePeriod],
    today: Date,
) -> Result<MobilePeriod, MobileProblems> {
    let mut problems = MobileProblems::new();
    match member {
        None => problems.push(MobileProblem::UnknownMember(period.member.clone())),
        Some(m) => {
            period.branch = m.branch.clone();
            let editing = others.iter().any(|o| o.id == period.id);
            if !editing {
                if m.status == MemberStatus::TransferredOut {
                    problems.push(MobileProblem::MemberNotActive);
                }
                period.status_before = if m.status == MemberStatus::Mobile { MemberStatus::Full } else { m.status };
            }
            if others.iter().any(|o| o.id != period.id && o.member == period.member && o.is_open()) {
                problems.push(MobileProblem::AlreadyAway);
            }
            if let Some(stored) = others.iter().find(|o| o.id == period.id) {
                if !stored.is_open() {
                    problems.push(MobileProblem::AlreadyReturned);
                }
                // Reports and the status before are kept from the stored period, never edited here.
                period.reports = stored.reports.clone();
                period.status_before = stored.status_before;
                period.returned_on = stored.returned_on;
            }
        }
    }
    check_text(&mut period.certificate, MobileField::Certificate, MAX_SHORT_CHARS, true, &mut problems);
    check_text(&mut period.destination, MobileField::Destination, MAX_SHORT_CHARS, true, &mut problems);
    check_text(&mut period.address, MobileField::Address, MAX_SHORT_CHARS, false, &mut problems);
    check_text(&mut period.contact, MobileField::Contact, MAX_SHORT_CHARS, false, &mut problems);
    check_text(&mut period.host_org, MobileField::HostOrg, MAX_SHORT_CHARS, false, &mut problems);
    if period.left_on > today {
        problems.push(MobileProblem::InFuture(MobileField::LeftOn));
    }
    if let Some(first) = period.reports.iter().map(|r| r.date).min() {
        if first < period.left_on {
            problems.push(MobileProblem::Before { field: MobileField::ReportDate, earlier: MobileField::LeftOn });
        }
    }
    if period.expected_return.is_some_and(|r| r < period.left_on) {
        problems.push(MobileProblem::Before { field: MobileField::ExpectedReturn, earlier: MobileField::LeftOn });
    }
    done(period, problems)
}

/// Adds `report` to an open `period`: dated from the leave date to `today`, with content.
/// Reports stay in date order.
pub fn add_report(
    mut period: MobilePeriod,
    mut report: MobileReport,
    today: Date,
) -> Result<MobilePeriod, MobileProblems> {
    let mut problems = MobileProblems::new();
    if !period.is_open() {
        problems.push(MobileProblem::AlreadyReturned);
    }
    if report.date > today {
        problems.push(MobileProblem::InFuture(MobileField::ReportDate));
    } else if report.date < period.left_on || period.returned_on.is_some_and(|r| report.date > r) {
        problems.push(MobileProblem::OutsidePeriod);
    }
    check_text(&mut report.content, MobileField::ReportContent, MAX_CONTENT_CHARS, true, &mut problems);
    if problems.is_empty() {
        period.reports.push(report);
        period.reports.sort_by_key(|r| r.date);
    }
    done(period, problems)
}

/// Ends an open `period` on `returned_on`: not before the leave date or a report on file, not in
/// the future. The caller restores the member's status to [`MobilePeriod::status_before`].
pub fn end_period(mut period: MobilePeriod, returned_on: Date, today: Date) -> Result<MobilePeriod, MobileProblems> {
    let mut problems = MobileProblems::new();
    if !period.is_open() {
        problems.push(MobileProblem::AlreadyReturned);
    }
    if returned_on > today {
        problems.push(MobileProblem::InFuture(MobileField::ReturnedOn));
    }
    if returned_on < period.left_on {
        problems.push(MobileProblem::Before { field: MobileField::ReturnedOn, earlier: MobileField::LeftOn });
    } else if let Some(last) = period.reports.iter().map(|r| r.date).max().filter(|d| *d > returned_on) {
        problems.push(MobileProblem::ReportAfterReturn(last));
    }
    period.returned_on = Some(returned_on);
    done(period, problems)
}

/// A form's text for a period, read with every problem at once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodDraft {
    /// The member.
    pub member: String,
    /// Certificate number.
    pub certificate: String,
    /// Destination.
    pub destination: String,
    /// Address.
    pub address: String,
    /// Leave date as typed (YYYY-MM-DD).
    pub left_on: String,
    /// Expected return as typed; empty for unknown.
    pub expected_return: String,
    /// Contact.
    pub contact: String,
    /// Host organisation.
    pub host_org: String,
}

impl PeriodDraft {
    /// The draft of a stored period.
    pub fn of(period: &MobilePeriod) -> PeriodDraft {
        PeriodDraft {
            member: period.member.clone(),
            certificate: period.certificate.clone(),
            destination: period.destination.clone(),
            address: period.address.clone(),
            left_on: period.left_on.to_string(),
            expected_return: period.expected_return.map(|d| d.to_string()).unwrap_or_default(),
            contact: period.contact.clone(),
            host_org: period.host_org.clone(),
        }
    }

    /// The period with `id` (branch and status set by [`validate_period`]), or the fields that
    /// cannot be read.
    pub fn read(&self, id: &str) -> Result<MobilePeriod, MobileProblems> {
        let mut problems = MobileProblems::new();
        let left_on = read_date(&self.left_on, MobileField::LeftOn, true, &mut problems);
        let expected_return = read_date(&self.expected_return, MobileField::ExpectedReturn, false, &mut problems);
        if self.member.trim().is_empty() {
            problems.push(MobileProblem::Required(MobileField::Member));
        }
        let Some(left_on) = left_on else { return Err(problems) };
        let period = MobilePeriod {
            id: id.to_string(),
            member: self.member.trim().to_string(),
            branch: String::new(),
            certificate: self.certificate.clone(),
            destination: self.destination.clone(),
            address: self.address.clone(),
            left_on,
            expected_return,
            contact: self.contact.clone(),
            host_org: self.host_org.clone(),
            status_before: MemberStatus::Full,
            returned_on: None,
            reports: Vec::new(),
        };
        done(period, problems)
    }
}

/// Reads a date field; empty is `None` (a problem when `required`).
pub fn read_date(text: &str, field: MobileField, required: bool, problems: &mut MobileProblems) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() {
        if required {
            problems.push(MobileProblem::Required(field));
        }
        return None;
    }
    text.parse().map_err(|_| problems.push(MobileProblem::Invalid(field))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::Gender;

    fn d(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn period(left: &str, reports: &[&str], returned: Option<&str>) -> MobilePeriod {
        MobilePeriod {
            id: "p1".into(),
            member: "m1".into(),
            branch: "b1".into(),
            certificate: "LD-001".into(),
            destination: "深圳".into(),
            address: String::new(),
            left_on: d(left),
            expected_return: None,
            contact: String::new(),
            host_org: String::new(),
            status_before: MemberStatus::Full,
            returned_on: returned.map(d),
            reports: reports
                .iter()
                .map(|r| MobileReport { date: d(r), form: ReportForm::Written, content: "汇报".into() })
                .collect(),
        }
    }

    fn member(status: MemberStatus) -> Member {
        Member {
            id: "m1".into(),
            branch: "b1".into(),
            name: "张三".into(),
            gender: Gender::Male,
            birth: d("1990-01-01"),
            joined: d("2015-07-01"),
            position: String::new(),
            status,
        }
    }

    /// (leave, reports, returned, day) → the state on that day.
    fn check(left: &str, reports: &[&str], returned: Option<&str>, day: &str, expected: ReportState) {
        assert_eq!(period(left, reports, returned).report_state(d(day)), expected, "{left} {reports:?} on {day}");
    }

    #[test]
    fn two_calendar_months_clamped_to_the_month_end() {
        for (from, due) in [
            ("2026-01-15", "2026-03-15"),
            ("2025-12-31", "2026-02-28"),
            ("2027-12-31", "2028-02-29"),
            ("2026-08-31", "2026-10-31"),
            ("2026-07-31", "2026-09-30"),
            ("2026-11-30", "2027-01-30"),
            ("2026-02-28", "2026-04-28"),
        ] {
            assert_eq!(add_months(d(from), 2), d(due), "{from}");
        }
    }

    #[test]
    fn due_until_the_edge_day_then_overdue() {
        let due = d("2026-02-28");
        check("2025-12-31", &[], None, "2026-02-28", ReportState::Due { due });
        check("2025-12-31", &[], None, "2026-03-01", ReportState::Overdue { due, days: 1 });
        // The last report restarts the two months; a report on the edge day is on time.
        check("2025-12-31", &["2026-02-28"], None, "2026-04-28", ReportState::Due { due: d("2026-04-28") });
        check(
            "2025-12-31",
            &["2026-02-28"],
            None,
            "2026-04-29",
            ReportState::Overdue { due: d("2026-04-28"), days: 1 },
        );
        check(
            "2026-09-01",
            &["2026-09-20", "2026-10-05"],
            None,
            "2026-12-02",
            ReportState::Due { due: d("2026-12-05") },
        );
        check("2026-01-10", &[], Some("2026-05-01"), "2026-12-02", ReportState::Returned);
    }

    #[test]
    fn overdue_list_skips_returned_and_on_time_periods() {
        let late = MobilePeriod { id: "late".into(), ..period("2026-08-01", &[], None) };
        let later =
            MobilePeriod { id: "later".into(), member: "m2".into(), ..period("2026-05-01", &["2026-07-01"], None) };
        let fine = MobilePeriod { id: "fine".into(), member: "m3".into(), ..period("2026-11-01", &[], None) };
        let back =
            MobilePeriod { id: "back".into(), member: "m4".into(), ..period("2026-01-01", &[], Some("2026-02-01")) };
        let list = overdue_reports(&[late, later, fine, back], d("2026-12-02"));
        let got: Vec<_> =
            list.iter().map(|o| (o.period.as_str(), o.since.to_string(), o.due.to_string(), o.days)).collect();
        assert_eq!(
            got,
            vec![
                ("later", "2026-07-01".to_string(), "2026-09-01".to_string(), 92),
                ("late", "2026-08-01".to_string(), "2026-10-01".to_string(), 62),
            ]
        );
    }

    #[test]
    fn reports_only_inside_an_open_period() {
        let open = period("2026-06-01", &[], None);
        let report = |day: &str| MobileReport { date: d(day), form: ReportForm::Oral, content: " 近况 ".into() };
        let added = add_report(open.clone(), report("2026-07-01"), d("2026-12-02")).unwrap();
        assert_eq!((added.reports.len(), added.reports[0].content.as_str()), (1, "近况"));
        assert_eq!(
            add_report(open.clone(), report("2026-05-31"), d("2026-12-02")),
            Err(vec![MobileProblem::OutsidePeriod])
        );
        assert_eq!(
            add_report(open.clone(), report("2026-12-03"), d("2026-12-02")),
            Err(vec![MobileProblem::InFuture(MobileField::ReportDate)])
        );
        let empty = MobileReport { content: "  ".into(), ..report("2026-07-01") };
        assert_eq!(
            add_report(open, empty, d("2026-12-02")),
            Err(vec![MobileProblem::Required(MobileField::ReportContent)])
        );
        let back = period("2026-06-01", &[], Some("2026-08-01"));
        assert_eq!(
            add_report(back, report("2026-09-01"), d("2026-12-02")),
            Err(vec![MobileProblem::AlreadyReturned, MobileProblem::OutsidePeriod])
        );
    }

    #[test]
    fn return_ends_the_period_and_keeps_its_reports() {
        let open = period("2026-06-01", &["2026-08-01"], None);
        let back = end_period(open.clone(), d("2026-09-15"), d("2026-12-02")).unwrap();
        assert_eq!((back.returned_on, back.reports.len(), back.is_open()), (Some(d("2026-09-15")), 1, false));
        assert_eq!(back.report_state(d("2026-12-02")), ReportState::Returned);
        assert_eq!(end_period(back, d("2026-10-01"), d("2026-12-02")), Err(vec![MobileProblem::AlreadyReturned]));
        assert_eq!(
            end_period(open.clone(), d("2026-07-01"), d("2026-12-02")),
            Err(vec![MobileProblem::ReportAfterReturn(d("2026-08-01"))])
        );
        assert_eq!(
            end_period(open.clone(), d("2026-05-01"), d("2026-12-02")),
            Err(vec![MobileProblem::Before { field: MobileField::ReturnedOn, earlier: MobileField::LeftOn }])
        );
        assert_eq!(
            end_period(open, d("2026-12-03"), d("2026-12-02")),
            Err(vec![MobileProblem::InFuture(MobileField::ReturnedOn)])
        );
    }

    #[test]
    fn a_new_period_keeps_the_status_before_and_refuses_a_second_one() {
        let today = d("2026-12-02");
        let new = period("2026-11-01", &[], None);
        let ok = validate_period(new.clone(), Some(&member(MemberStatus::Probationary)), &[], today).unwrap();
        assert_eq!((ok.status_before, ok.branch.as_str()), (MemberStatus::Probationary, "b1"));
        let open_other = MobilePeriod { id: "p0".into(), ..new.clone() };
        assert_eq!(
            validate_period(new.clone(), Some(&member(MemberStatus::Mobile)), &[open_other], today),
            Err(vec![MobileProblem::AlreadyAway])
        );
        assert_eq!(
            validate_period(new.clone(), Some(&member(MemberStatus::TransferredOut)), &[], today),
            Err(vec![MobileProblem::MemberNotActive])
        );
        assert_eq!(
            validate_period(new.clone(), None, &[], today),
            Err(vec![MobileProblem::UnknownMember("m1".into())])
        );
        let bad = MobilePeriod {
            certificate: " ".into(),
            destination: "x".repeat(101),
            left_on: d("2026-12-03"),
            expected_return: Some(d("2026-12-01")),
            ..new
        };
        assert_eq!(
            validate_period(bad, Some(&member(MemberStatus::Full)), &[], today),
            Err(vec![
                MobileProblem::Required(MobileField::Certificate),
                MobileProblem::TooLong(MobileField::Destination, MAX_SHORT_CHARS),
                MobileProblem::InFuture(MobileField::LeftOn),
                MobileProblem::Before { field: MobileField::ExpectedReturn, earlier: MobileField::LeftOn },
            ])
        );
    }

    #[test]
    fn editing_an_open_period_keeps_reports_and_status() {
        let today = d("2026-12-02");
        let stored =
            MobilePeriod { status_before: MemberStatus::Probationary, ..period("2026-06-01", &["2026-07-01"], None) };
        let edit =
            MobilePeriod { destination: "广州".into(), reports: Vec::new(), ..period("2026-06-01", &[], None) };
        let saved = validate_period(edit, Some(&member(MemberStatus::Mobile)), &[stored], today).unwrap();
        assert_eq!(
            (saved.destination.as_str(), saved.reports.len(), saved.status_before),
            ("广州", 1, MemberStatus::Probationary)
        );
        let moved = MobilePeriod { left_on: d("2026-07-02"), ..period("2026-06-01", &[], None) };
        let stored = period("2026-06-01", &["2026-07-01"], None);
        assert_eq!(
            validate_period(moved, Some(&member(MemberStatus::Mobile)), &[stored], today),
            Err(vec![MobileProblem::Before { field: MobileField::ReportDate, earlier: MobileField::LeftOn }])
        );
    }

    #[test]
    fn draft_reads_every_problem_at_once() {
        let draft = PeriodDraft { left_on: "2026-13-01".into(), expected_return: "soon".into(), ..Default::default() };
        assert_eq!(
            draft.read("p"),
            Err(vec![
                MobileProblem::Invalid(MobileField::LeftOn),
                MobileProblem::Invalid(MobileField::ExpectedReturn),
                MobileProblem::Required(MobileField::Member),
            ])
        );
        let p = period("2026-06-01", &[], None);
        let read = PeriodDraft::of(&p).read("p1").unwrap();
        assert_eq!((read.left_on, read.certificate.as_str()), (p.left_on, "LD-001"));
    }
}
