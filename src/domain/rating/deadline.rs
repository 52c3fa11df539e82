//! Submission deadlines of the monthly self-evaluation (自评): due on the rubric's submit day of
//! the next month (default the 5th). A sheet submitted after that is late and listed; a month
//! whose deadline passed with nothing submitted is overdue.

use serde_json::{Map, Value};

use crate::domain::ledger::LedgerRules;
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::values::date::Date;
use crate::domain::values::period::Month;

/// The evaluation's extra field holding the day it was (last) submitted.
pub const SUBMITTED_ON_FIELD: &str = "submitted_on";

/// How a branch's month stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submission {
    /// The deadline has not passed and nothing is submitted yet.
    Open,
    /// Submitted on or before the deadline.
    OnTime,
    /// Submitted this many days after the deadline.
    Late(u32),
    /// The deadline passed and nothing has been submitted.
    Overdue(u32),
}

/// The day a sheet was submitted, from its extra fields.
pub fn submitted_on(extra: &Map<String, Value>) -> Option<Date> {
    extra.get(SUBMITTED_ON_FIELD)?.as_str()?.parse().ok()
}

/// Records the day of submission in the extra fields.
pub fn mark_submitted(extra: &mut Map<String, Value>, day: Date) {
    extra.insert(SUBMITTED_ON_FIELD.to_string(), Value::String(day.to_string()));
}

/// Where `month` of a branch stands on `today`, given its sheet's status (`None` = no sheet)
/// and submission day. A sheet that counts or waits for review was submitted; one without a
/// recorded day (made before deadlines were tracked, or imported) is taken as on time.
pub fn submission(
    rules: &LedgerRules,
    month: Month,
    status: Option<ReviewStatus>,
    submitted: Option<Date>,
    today: Date,
) -> Submission {
    let Some(due) = rules.submission_due(month) else { return Submission::Open };
    let was_submitted =
        matches!(status, Some(ReviewStatus::Submitted | ReviewStatus::Confirmed | ReviewStatus::Published));
    match (was_submitted, submitted) {
        (true, Some(day)) if day > due => Submission::Late(days_between(due, day)),
        (true, _) => Submission::OnTime,
        (false, _) if today > due => Submission::Overdue(days_between(due, today)),
        (false, _) => Submission::Open,
    }
}

/// Every (branch, month, days overdue) of the year of `today` up to its month whose deadline
/// has passed without a submission. `branches` gives each branch with the first month it must
/// report (e.g. the month it was founded); `sheet` looks up a branch's status and submission
/// day for a month.
pub fn overdue_submissions<'a>(
    rules: &LedgerRules,
    branches: impl IntoIterator<Item = (&'a str, Option<Month>)>,
    sheet: impl Fn(&str, Month) -> (Option<ReviewStatus>, Option<Date>),
    today: Date,
) -> Vec<(String, Month, u32)> {
    let Some(current) = Month::new(today.year(), today.month()) else { return Vec::new() };
    let mut overdue = Vec::new();
    for (branch, first) in branches {
        for month in current.year().months().into_iter().filter(|m| *m <= current && first.is_none_or(|f| *m >= f)) {
            let (status, submitted) = sheet(branch, month);
            if let Submission::Overdue(days) = submission(rules, month, status, submitted, today) {
                overdue.push((branch.to_string(), month, days));
            }
        }
    }
    overdue.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    overdue
}

/// Whole days from `from` to `to` (positive when `to` is later).
pub fn days_between(from: Date, to: Date) -> u32 {
    from.days_until(to).max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn october() -> Month {
        Month::new(2026, 10).unwrap()
    }

    #[test]
    fn due_on_the_submit_day_of_the_next_month() {
        let rules = LedgerRules::default();
        let s = |status, submitted: Option<&str>, today: &str| {
            submission(&rules, october(), status, submitted.map(date), date(today))
        };
        use ReviewStatus::*;
        assert_eq!(s(None, None, "2026-11-05"), Submission::Open, "due day itself is not overdue");
        assert_eq!(s(None, None, "2026-11-06"), Submission::Overdue(1));
        assert_eq!(s(Some(Draft), None, "2026-11-27"), Submission::Overdue(22));
        assert_eq!(
            s(Some(Returned), Some("2026-11-03"), "2026-11-27"),
            Submission::Overdue(22),
            "returned waits for a resubmission"
        );
        assert_eq!(s(Some(Submitted), Some("2026-11-05"), "2026-11-27"), Submission::OnTime);
        assert_eq!(s(Some(Confirmed), Some("2026-11-09"), "2026-11-27"), Submission::Late(4));
        assert_eq!(s(Some(Published), None, "2027-01-01"), Submission::OnTime, "no recorded day: on time");
    }

    #[test]
    fn december_is_due_in_january() {
        let rules = LedgerRules::default();
        let december = Month::new(2026, 12).unwrap();
        assert_eq!(rules.submission_due(december), Some(date("2027-01-05")));
        assert_eq!(submission(&rules, december, None, None, date("2027-01-06")), Submission::Overdue(1));
    }

    #[test]
    fn overdue_months_start_with_the_branch_and_end_at_today() {
        let rules = LedgerRules::default();
        let sheets = |branch: &str, month: Month| {
            if branch == "a" && month.number() <= 9 {
                (Some(ReviewStatus::Confirmed), None)
            } else {
                (None, None)
            }
        };
        let founded_in_october = Month::new(2026, 10);
        let list = overdue_submissions(&rules, [("a", None), ("b", founded_in_october)], sheets, date("2026-11-27"));
        // a: October missing (due 11-05); b: only from October; November is not due yet.
        assert_eq!(list, vec![("a".to_string(), october(), 22), ("b".to_string(), october(), 22)]);
    }

    #[test]
    fn days_between_crosses_months_years_and_leap_days() {
        assert_eq!(days_between(date("2026-11-05"), date("2026-11-27")), 22);
        assert_eq!(days_between(date("2026-12-31"), date("2027-01-01")), 1);
        assert_eq!(days_between(date("2024-02-28"), date("2024-03-01")), 2);
        assert_eq!(days_between(date("2026-11-27"), date("2026-11-05")), 0);
    }

    #[test]
    fn the_submission_day_round_trips_in_the_extra_fields() {
        let mut extra = Map::new();
        assert_eq!(submitted_on(&extra), None);
        mark_submitted(&mut extra, date("2026-11-04"));
        assert_eq!(submitted_on(&extra), Some(date("2026-11-04")));
    }
}
