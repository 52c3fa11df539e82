//! Party dues (党费收缴): what each member owes and pays per month, the branch's collection rate,
//! and the members who have not paid for months on end (党章 Art. 9: six months without paying
//! dues without good reason is regarded as leaving the Party of one's own accord).
//!
//! Money is [`Points`] read as yuan to the fen (exact hundredths, as the instructors' funding).
//!
//! **Definitions.**
//! - A record is *unpaid* when its amount due is above zero and the amount paid is below it
//!   (a partial payment is unpaid; a record with nothing due — an exempt month — never is).
//! - The *collection rate* of a branch over some months is the sum paid ÷ the sum due of the
//!   branch's records of those months, as an exact [`Ratio`] of fen; shown to the hundredth of a
//!   percent, rounded half up ([`Ratio::percent`]). No records, or nothing due, gives no rate
//!   (`None`), rather than 0 %.
//! - A member's *unpaid run* up to a month counts back from their latest record in or before that
//!   month: each month whose record is unpaid adds one, across year ends; a paid (or exempt)
//!   month, or a month without a record, ends it. A run of [`FLAG_MONTHS`] or more is flagged; of
//!   [`PROMINENT_MONTHS`] or more, flagged prominently.
//!
//! **Rules of a record** ([`validate_dues`]): amounts are non-negative and at most
//! [`MAX_DUES_YUAN`]; overpayment is refused (paid ≤ due: a payment ahead is entered in the month
//! it pays for, and a voluntary extra contribution is a different record than monthly dues); a
//! payment has a paid date and a paid date has a payment; the paid date lies neither before the
//! month's first day nor after today; the month is not in the future.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::org::Member;
use crate::domain::values::date::Date;
use crate::domain::values::period::{Month, Year};
use crate::domain::values::points::Points;
use crate::domain::values::ratio::Ratio;

/// A run of this many unpaid months flags a member.
pub const FLAG_MONTHS: u32 = 3;
/// A run of this many unpaid months flags a member prominently (党章 Art. 9).
pub const PROMINENT_MONTHS: u32 = 6;
/// Highest amount of one member's month, in yuan.
pub const MAX_DUES_YUAN: i64 = 100_000;

/// One member's dues for one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dues {
    /// The member (`Member::id`).
    pub member: String,
    /// The member's branch when entered.
    pub branch: String,
    /// The month the dues are for.
    pub month: Month,
    /// Amount due, in yuan to the fen.
    pub due: Points,
    /// Amount paid, in yuan to the fen.
    #[serde(default)]
    pub paid: Points,
    /// The day it was paid; `None` while nothing is paid.
    #[serde(default)]
    pub paid_on: Option<Date>,
}

impl Dues {
    /// The storage key `member|YYYY-MM`.
    pub fn key(&self) -> String {
        dues_key(&self.member, self.month)
    }

    /// Due above zero and paid below it (see the module comment).
    pub fn is_unpaid(&self) -> bool {
        self.due > Points::ZERO && self.paid < self.due
    }

    /// What is still owed (never negative).
    pub fn outstanding(&self) -> Points {
        if self.paid < self.due {
            self.due - self.paid
        } else {
            Points::ZERO
        }
    }

    /// The same record paid in full on `day` (the grid's quick action).
    pub fn paid_in_full(mut self, day: Date) -> Dues {
        self.paid = self.due;
        self.paid_on = (self.due > Points::ZERO).then_some(day);
        self
    }
}

/// An amount in yuan with its two decimals, as money is written (`15.50`, `-3.00`).
pub fn yuan(amount: Points) -> String {
    let fen = amount.hundredths();
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.unsigned_abs() / 100, fen.unsigned_abs() % 100)
}

/// The key of `member`'s dues for `month`: `member|YYYY-MM`.
pub fn dues_key(member: &str, month: Month) -> String {
    format!("{member}|{month}")
}

/// The collection rate of `branch` for `month` (see the module comment); `None` when nothing
/// was due.
pub fn collection_rate(dues: &[Dues], branch: &str, month: Month) -> Option<Ratio> {
    rate(dues.iter().filter(|d| d.branch == branch && d.month == month))
}

/// The collection rate of `branch` over the months of `year` up to and including `up_to`
/// (pass December for the whole year); `None` when nothing was due.
pub fn yearly_collection_rate(dues: &[Dues], branch: &str, year: Year, up_to: Month) -> Option<Ratio> {
    rate(dues.iter().filter(|d| d.branch == branch && d.month.year() == year && d.month <= up_to))
}

/// Sum paid ÷ sum due, in fen.
fn rate<'a>(records: impl Iterator<Item = &'a Dues>) -> Option<Ratio> {
    let (mut paid, mut due) = (0i64, 0i64);
    for record in records {
        due += record.due.hundredths().max(0);
        paid += record.paid.hundredths().clamp(0, record.due.hundredths().max(0));
    }
    if due == 0 {
        return None;
    }
    // A ratio holds u32 counts (42 million yuan); beyond, both sides lose the same factor.
    let mut scale = 1i64;
    while due / scale > u32::MAX as i64 {
        scale *= 10;
    }
    Some(Ratio { numerator: (paid / scale) as u32, denominator: (due / scale) as u32 })
}

/// `member`'s unpaid run up to `up_to` (see the module comment): 0 when their latest record is
/// paid or they have none.
pub fn unpaid_run(dues: &[Dues], member: &str, up_to: Month) -> u32 {
    let by_month: BTreeMap<Month, &Dues> =
        dues.iter().filter(|d| d.member == member && d.month <= up_to).map(|d| (d.month, d)).collect();
    let Some((&latest, _)) = by_month.iter().next_back() else { return 0 };
    let mut month = Some(latest);
    let mut run = 0;
    while let Some(m) = month {
        match by_month.get(&m) {
            Some(record) if record.is_unpaid() => run += 1,
            _ => break,
        }
        month = m.previous();
    }
    run
}

/// How prominently a member is flagged for unpaid dues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DuesFlag {
    /// [`FLAG_MONTHS`] … [`PROMINENT_MONTHS`] − 1 months unpaid.
    Flagged,
    /// [`PROMINENT_MONTHS`] or more months unpaid (党章 Art. 9).
    Prominent,
}

impl DuesFlag {
    /// The flag of a run of `months`, or `None` below [`FLAG_MONTHS`].
    pub fn of(months: u32) -> Option<DuesFlag> {
        match months {
            m if m >= PROMINENT_MONTHS => Some(DuesFlag::Prominent),
            m if m >= FLAG_MONTHS => Some(DuesFlag::Flagged),
            _ => None,
        }
    }
}

/// A flagged member of a branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpaidStreak {
    /// The member.
    pub member: String,
    /// Consecutive unpaid months, ending at `last`.
    pub months: u32,
    /// The first month of the run.
    pub first: Month,
    /// The last month of the run (the member's latest record up to the month asked).
    pub last: Month,
    /// Outstanding over the run, in yuan.
    pub outstanding: Points,
    /// How prominently.
    pub flag: DuesFlag,
}

/// The members with dues records in `branch` whose unpaid run up to `up_to` reaches
/// [`FLAG_MONTHS`], longest run first (then by member id).
pub fn unpaid_streaks(dues: &[Dues], branch: &str, up_to: Month) -> Vec<UnpaidStreak> {
    let members: std::collections::BTreeSet<&str> =
        dues.iter().filter(|d| d.branch == branch && d.month <= up_to).map(|d| d.member.as_str()).collect();
    let mut streaks: Vec<UnpaidStreak> = members
        .into_iter()
        .filter_map(|member| {
            let months = unpaid_run(dues, member, up_to);
            let flag = DuesFlag::of(months)?;
            let mut run: Vec<&Dues> = dues.iter().filter(|d| d.member == member && d.month <= up_to).collect();
            run.sort_by_key(|d| std::cmp::Reverse(d.month));
            run.truncate(months as usize);
            Some(UnpaidStreak {
                member: member.to_string(),
                months,
                first: run.last()?.month,
                last: run.first()?.month,
                outstanding: run.iter().map(|d| d.outstanding()).sum(),
                flag,
            })
        })
        .collect();
    streaks.sort_by(|a, b| b.months.cmp(&a.months).then_with(|| a.member.cmp(&b.member)));
    streaks
}

/// The form field a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DuesField {
    /// The member.
    Member,
    /// The month.
    Month,
    /// Amount due.
    Due,
    /// Amount paid.
    Paid,
    /// Paid date.
    PaidOn,
}

/// What is wrong with a dues record. Never a sentence: the UI words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuesProblem {
    /// Not a number of yuan with at most two decimals, or not a date.
    Invalid(DuesField),
    /// Below zero.
    Negative(DuesField),
    /// Above [`MAX_DUES_YUAN`].
    TooLarge(DuesField),
    /// Paid more than due (overpayment is refused).
    Overpaid,
    /// Something paid without a paid date.
    PaidOnMissing,
    /// A paid date with nothing paid.
    PaidOnWithoutPayment,
    /// The paid date lies before the month's first day.
    PaidBeforeMonth,
    /// The paid date (or the month) lies after today.
    InFuture(DuesField),
    /// The member id names no member of the branch's roll.
    UnknownMember(String),
    /// The same member twice in one month's entry.
    DuplicateMember(String),
}

impl DuesProblem {
    /// The field to show the problem next to.
    pub fn field(&self) -> DuesField {
        match self {
            DuesProblem::Invalid(f)
            | DuesProblem::Negative(f)
            | DuesProblem::TooLarge(f)
            | DuesProblem::InFuture(f) => *f,
            DuesProblem::Overpaid => DuesField::Paid,
            DuesProblem::PaidOnMissing | DuesProblem::PaidOnWithoutPayment | DuesProblem::PaidBeforeMonth => {
                DuesField::PaidOn
            }
            DuesProblem::UnknownMember(_) | DuesProblem::DuplicateMember(_) => DuesField::Member,
        }
    }
}

/// All problems of one record; never empty when returned as an error.
pub type DuesProblems = Vec<DuesProblem>;

/// A problem of one row of a month's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row's member.
    pub member: String,
    /// What is wrong.
    pub problem: DuesProblem,
}

/// Validates one record on `today` (the rules in the module comment).
pub fn validate_dues(dues: Dues, today: Date) -> Result<Dues, DuesProblems> {
    let mut problems = DuesProblems::new();
    let max = Points::from_whole(MAX_DUES_YUAN);
    for (field, value) in [(DuesField::Due, dues.due), (DuesField::Paid, dues.paid)] {
        if value.is_negative() {
            problems.push(DuesProblem::Negative(field));
        } else if value > max {
            problems.push(DuesProblem::TooLarge(field));
        }
    }
    if dues.paid > dues.due && !dues.due.is_negative() && dues.paid <= max {
        problems.push(DuesProblem::Overpaid);
    }
    if dues.month > Month::of(today) {
        problems.push(DuesProblem::InFuture(DuesField::Month));
    }
    match dues.paid_on {
        None if dues.paid > Points::ZERO => problems.push(DuesProblem::PaidOnMissing),
        None => {}
        Some(_) if dues.paid == Points::ZERO => problems.push(DuesProblem::PaidOnWithoutPayment),
        Some(day) if day > today => problems.push(DuesProblem::InFuture(DuesField::PaidOn)),
        Some(day) if dues.month.first_day().is_some_and(|first| day < first) => {
            problems.push(DuesProblem::PaidBeforeMonth)
        }
        Some(_) => {}
    }
    if problems.is_empty() {
        Ok(dues)
    } else {
        Err(problems)
    }
}

/// Validates a month's entry for `branch`: every row a member of `roll` (the branch's members)
/// at most once, every record valid; sets each row's branch and month. All or nothing: any
/// problem refuses the whole entry, with every row's problems.
pub fn validate_month(
    rows: Vec<Dues>,
    branch: &str,
    month: Month,
    roll: &[Member],
    today: Date,
) -> Result<Vec<Dues>, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut valid = Vec::new();
    for mut row in rows {
        row.branch = branch.to_string();
        row.month = month;
        let member = row.member.clone();
        let mut push = |problem| problems.push(RowProblem { member: member.clone(), problem });
        if !roll.iter().any(|m| m.id == row.member && m.branch == branch) {
            push(DuesProblem::UnknownMember(row.member.clone()));
        }
        if !seen.insert(row.member.clone()) {
            push(DuesProblem::DuplicateMember(row.member.clone()));
        }
        match validate_dues(row, today) {
            Ok(row) => valid.push(row),
            Err(found) => found.into_iter().for_each(&mut push),
        }
    }
    if problems.is_empty() {
        Ok(valid)
    } else {
        Err(problems)
    }
}

/// One row of the month's grid as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DuesDraft {
    /// The member.
    pub member: String,
    /// Amount due as typed (yuan; `,` and `，` ignored).
    pub due: String,
    /// Amount paid as typed; empty is 0.
    pub paid: String,
    /// Paid date as typed (YYYY-MM-DD); empty for none.
    pub paid_on: String,
}

impl DuesDraft {
    /// The row of a stored record.
    pub fn of(dues: &Dues) -> DuesDraft {
        DuesDraft {
            member: dues.member.clone(),
            due: yuan(dues.due),
            paid: if dues.paid == Points::ZERO { String::new() } else { yuan(dues.paid) },
            paid_on: dues.paid_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// A row left empty (no amount due typed): not entered, nothing written for it.
    pub fn is_blank(&self) -> bool {
        self.due.trim().is_empty() && self.paid.trim().is_empty() && self.paid_on.trim().is_empty()
    }

    /// The record of `branch` and `month`, or the fields that cannot be read.
    pub fn read(&self, branch: &str, month: Month) -> Result<Dues, DuesProblems> {
        let mut problems = DuesProblems::new();
        let due = read_yuan(&self.due, DuesField::Due, &mut problems);
        let paid = read_yuan(&self.paid, DuesField::Paid, &mut problems);
        let paid_on = match self.paid_on.trim() {
            "" => None,
            text => text.parse().map_err(|_| problems.push(DuesProblem::Invalid(DuesField::PaidOn))).ok(),
        };
        let dues = Dues { member: self.member.clone(), branch: branch.to_string(), month, due, paid, paid_on };
        if problems.is_empty() {
            Ok(dues)
        } else {
            Err(problems)
        }
    }
}

/// Yuan as typed: empty is 0; `,` and `，` (thousands) are ignored.
pub fn read_yuan(text: &str, field: DuesField, problems: &mut DuesProblems) -> Points {
    match text.trim().replace([',', '，'], "").as_str() {
        "" => Points::ZERO,
        text => Points::parse(text).unwrap_or_else(|_| {
            problems.push(DuesProblem::Invalid(field));
            Points::ZERO
        }),
    }
}

/// Reads a month's grid: the non-blank rows as records, or every row's problems.
pub fn read_month(drafts: &[DuesDraft], branch: &str, month: Month) -> Result<Vec<Dues>, Vec<RowProblem>> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for draft in drafts.iter().filter(|d| !d.is_blank()) {
        match draft.read(branch, month) {
            Ok(row) => rows.push(row),
            Err(found) => {
                problems.extend(found.into_iter().map(|problem| RowProblem { member: draft.member.clone(), problem }))
            }
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::{Gender, MemberStatus};

    fn m(text: &str) -> Month {
        text.parse().unwrap()
    }

    fn d(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn y(yuan: &str) -> Points {
        Points::parse(yuan).unwrap()
    }

    fn dues(member: &str, month: &str, due: &str, paid: &str) -> Dues {
        let paid = y(paid);
        Dues {
            member: member.into(),
            branch: "b1".into(),
            month: m(month),
            due: y(due),
            paid,
            paid_on: (paid > Points::ZERO).then(|| m(month).first_day().unwrap()),
        }
    }

    /// A member's months from `first`, one letter each: `P` paid, `U` unpaid, `H` half paid,
    /// `E` exempt (nothing due), `-` no record.
    fn history(member: &str, first: &str, pattern: &str) -> Vec<Dues> {
        let mut month = m(first);
        let mut out = Vec::new();
        for c in pattern.chars() {
            match c {
                'P' => out.push(dues(member, &month.to_string(), "20", "20")),
                'U' => out.push(dues(member, &month.to_string(), "20", "0")),
                'H' => out.push(dues(member, &month.to_string(), "20", "10")),
                'E' => out.push(dues(member, &month.to_string(), "0", "0")),
                _ => {}
            }
            month = month.next().unwrap();
        }
        out
    }

    fn check_run(first: &str, pattern: &str, up_to: &str, expected: u32) {
        assert_eq!(unpaid_run(&history("m1", first, pattern), "m1", m(up_to)), expected, "{pattern} up to {up_to}");
    }

    #[test]
    fn unpaid_runs_cross_year_ends_and_stop_at_a_payment_or_a_gap() {
        check_run("2025-09", "PPPUUUUUU", "2026-05", 6); // Dec 2025 – May 2026
        check_run("2025-10", "PPUUU", "2026-02", 3); // Dec, Jan, Feb
        check_run("2025-10", "PPUUU", "2026-01", 2);
        check_run("2025-10", "PPUUU", "2026-06", 3); // no later record: the run ends at Feb
        check_run("2026-01", "UUPUU", "2026-05", 2);
        check_run("2026-01", "UUHUU", "2026-05", 5); // a partial payment is unpaid
        check_run("2026-01", "UUEUU", "2026-05", 2); // an exempt month is not unpaid
        check_run("2026-01", "UU-UU", "2026-05", 2); // a month without a record ends the run
        check_run("2026-01", "UUUP", "2026-04", 0);
        check_run("2026-01", "", "2026-04", 0);
    }

    #[test]
    fn three_flag_and_six_flag_prominently() {
        assert_eq!(
            [2, 3, 5, 6, 12].map(DuesFlag::of),
            [
                None,
                Some(DuesFlag::Flagged),
                Some(DuesFlag::Flagged),
                Some(DuesFlag::Prominent),
                Some(DuesFlag::Prominent)
            ]
        );
        let mut all = history("a", "2025-06", "PPPPPPUUUUUU"); // Dec 2025 – May 2026
        all.extend(history("b", "2025-06", "PPPPPPPPPUUU"));
        all.extend(history("c", "2025-06", "PPPPPPPPPPUU"));
        all.extend(history("d", "2025-06", "UUUUUUUUUUUP"));
        all.push(Dues { branch: "other".into(), ..dues("e", "2026-05", "20", "0") });
        let got: Vec<_> = unpaid_streaks(&all, "b1", m("2026-05"))
            .into_iter()
            .map(|s| (s.member, s.months, s.first.to_string(), s.last.to_string(), s.outstanding.to_string(), s.flag))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "a".to_string(),
                    6,
                    "2025-12".to_string(),
                    "2026-05".to_string(),
                    "120".to_string(),
                    DuesFlag::Prominent
                ),
                ("b".to_string(), 3, "2026-03".to_string(), "2026-05".to_string(), "60".to_string(), DuesFlag::Flagged),
            ]
        );
        // A month earlier, the run of "d" was still going.
        let earlier: Vec<_> =
            unpaid_streaks(&all, "b1", m("2026-04")).into_iter().map(|s| (s.member, s.months)).collect();
        assert_eq!(
            earlier,
            vec![("d".to_string(), 11), ("a".to_string(), 5), ("b".to_string(), 2)]
                .into_iter()
                .filter(|(_, n)| *n >= 3)
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn collection_rate_per_month_and_year_to_the_hundredth() {
        let all = vec![
            dues("a", "2026-01", "20", "20"),
            dues("b", "2026-01", "30", "10.5"),
            dues("c", "2026-01", "0", "0"),
            dues("a", "2026-02", "20", "0"),
            dues("b", "2026-02", "30", "30"),
            Dues { branch: "other".into(), ..dues("x", "2026-01", "100", "0") },
            dues("a", "2025-12", "20", "0"),
        ];
        let jan = collection_rate(&all, "b1", m("2026-01")).unwrap();
        assert_eq!(jan, Ratio { numerator: 3050, denominator: 5000 });
        assert_eq!(jan.percent().unwrap().to_string(), "61");
        let year = yearly_collection_rate(&all, "b1", m("2026-01").year(), m("2026-12")).unwrap();
        assert_eq!(year, Ratio { numerator: 6050, denominator: 10000 });
        assert_eq!(year.percent().unwrap().to_string(), "60.5");
        let up_to_jan = yearly_collection_rate(&all, "b1", m("2026-01").year(), m("2026-01")).unwrap();
        assert_eq!(up_to_jan, jan);
        // 2 / 3 of the amount: 66.666… % rounds half up to 66.67.
        let third = vec![dues("a", "2026-03", "30", "20")];
        assert_eq!(collection_rate(&third, "b1", m("2026-03")).unwrap().percent().unwrap().to_string(), "66.67");
        let rounding = vec![dues("a", "2026-03", "0.03", "0.01"), dues("b", "2026-03", "2.97", "0.01")];
        // 0.02 ÷ 3.00 = 0.6666… % → 0.67
        assert_eq!(collection_rate(&rounding, "b1", m("2026-03")).unwrap().percent().unwrap().to_string(), "0.67");
        assert_eq!(collection_rate(&all, "b1", m("2026-03")), None);
        assert_eq!(collection_rate(&[dues("c", "2026-01", "0", "0")], "b1", m("2026-01")), None);
    }

    fn check(record: Dues, expected: Result<(), Vec<DuesProblem>>) {
        let today = d("2026-12-02");
        assert_eq!(validate_dues(record.clone(), today).map(|_| ()), expected, "{record:?}");
    }

    #[test]
    fn record_rules() {
        let base = dues("a", "2026-11", "20", "20");
        check(base.clone(), Ok(()));
        check(dues("a", "2026-11", "20", "5"), Ok(())); // partial
        check(dues("a", "2026-11", "0", "0"), Ok(())); // exempt
        check(Dues { paid: y("20.01"), ..base.clone() }, Err(vec![DuesProblem::Overpaid]));
        check(
            Dues { due: y("-1"), paid: y("-1"), ..base.clone() },
            Err(vec![DuesProblem::Negative(DuesField::Due), DuesProblem::Negative(DuesField::Paid)]),
        );
        check(
            Dues { due: Points::from_whole(MAX_DUES_YUAN + 1), ..base.clone() },
            Err(vec![DuesProblem::TooLarge(DuesField::Due)]),
        );
        check(Dues { paid_on: None, ..base.clone() }, Err(vec![DuesProblem::PaidOnMissing]));
        check(
            Dues { paid_on: Some(d("2026-11-01")), ..dues("a", "2026-11", "20", "0") },
            Err(vec![DuesProblem::PaidOnWithoutPayment]),
        );
        check(Dues { paid_on: Some(d("2026-10-31")), ..base.clone() }, Err(vec![DuesProblem::PaidBeforeMonth]));
        check(Dues { paid_on: Some(d("2026-12-02")), ..base.clone() }, Ok(())); // arrears paid today
        check(
            Dues { paid_on: Some(d("2026-12-03")), ..base.clone() },
            Err(vec![DuesProblem::InFuture(DuesField::PaidOn)]),
        );
        check(dues("a", "2027-01", "20", "0"), Err(vec![DuesProblem::InFuture(DuesField::Month)]));
        check(dues("a", "2026-12", "20", "0"), Ok(()));
    }

    fn member(id: &str, branch: &str) -> Member {
        Member {
            id: id.into(),
            branch: branch.into(),
            name: id.into(),
            gender: Gender::Female,
            birth: d("1990-01-01"),
            joined: d("2015-07-01"),
            position: String::new(),
            status: MemberStatus::Full,
        }
    }

    #[test]
    fn a_month_is_all_or_nothing() {
        let roll = [member("a", "b1"), member("b", "b1"), member("x", "b2")];
        let today = d("2026-12-02");
        let month = m("2026-11");
        let ok = validate_month(vec![dues("a", "2026-01", "20", "0")], "b1", month, &roll, today).unwrap();
        assert_eq!((ok[0].month, ok[0].branch.as_str()), (month, "b1"));
        let bad = validate_month(
            vec![dues("a", "2026-11", "20", "20"), dues("a", "2026-11", "20", "30"), dues("x", "2026-11", "20", "0")],
            "b1",
            month,
            &roll,
            today,
        );
        let got: Vec<_> = bad.unwrap_err().into_iter().map(|p| (p.member, p.problem)).collect();
        assert_eq!(
            got,
            vec![
                ("a".to_string(), DuesProblem::DuplicateMember("a".into())),
                ("a".to_string(), DuesProblem::Overpaid),
                ("x".to_string(), DuesProblem::UnknownMember("x".into())),
            ]
        );
    }

    #[test]
    fn drafts_read_yuan_to_the_fen() {
        let month = m("2026-11");
        let draft = DuesDraft { member: "a".into(), due: "1,200.5".into(), paid: "".into(), paid_on: "".into() };
        let read = draft.read("b1", month).unwrap();
        assert_eq!((read.due.to_string(), read.paid, read.paid_on), ("1200.5".to_string(), Points::ZERO, None));
        assert_eq!(DuesDraft::of(&read), DuesDraft { due: "1200.50".into(), ..draft.clone() });
        assert_eq!([yuan(y("0")), yuan(y("-3")), yuan(y("12.05"))], ["0.00", "-3.00", "12.05"]);
        let bad = DuesDraft { member: "a".into(), due: "12.345".into(), paid: "x".into(), paid_on: "11/30".into() };
        assert_eq!(
            bad.read("b1", month),
            Err(vec![
                DuesProblem::Invalid(DuesField::Due),
                DuesProblem::Invalid(DuesField::Paid),
                DuesProblem::Invalid(DuesField::PaidOn),
            ])
        );
        let blank = DuesDraft { member: "b".into(), ..Default::default() };
        assert_eq!(read_month(&[draft, blank], "b1", month).map(|rows| rows.len()), Ok(1));
        assert_eq!(read_month(&[bad], "b1", month).map_err(|p| p.len()), Err(3));
        let full = dues("a", "2026-11", "20", "0").paid_in_full(d("2026-12-01"));
        assert_eq!((full.paid, full.paid_on), (y("20"), Some(d("2026-12-01"))));
        assert!(!full.is_unpaid());
        assert_eq!(dues("a", "2026-11", "0", "0").paid_in_full(d("2026-12-01")).paid_on, None);
    }
}
