//! Month arithmetic the coverage trend and the shell screening share. `Month` spans more years
//! than `Date` (1000–9999 against 1900–2999), so a day of a month may not exist: `None` then.

use crate::domain::values::date::{days_in_month, Date};
use crate::domain::values::period::Month;

/// The first day of the month.
pub(super) fn first_day(month: Month) -> Option<Date> {
    Date::new(month.year().number(), month.number(), 1)
}

/// The last day of the month.
pub(super) fn last_day(month: Month) -> Option<Date> {
    let year = month.year().number();
    Date::new(year, month.number(), days_in_month(year, month.number()))
}

/// The month `n` months before `month`, or January 1000, the first month there is, when that
/// lies further back.
pub(super) fn months_before(month: Month, n: u32) -> Month {
    const EARLIEST: i64 = 1000 * 12;
    let index = (i64::from(month.year().number()) * 12 + i64::from(month.number()) - 1 - i64::from(n)).max(EARLIEST);
    // In range by construction (between January 1000 and `month`), so the fallback never applies.
    Month::new((index / 12) as i32, (index % 12 + 1) as u8).unwrap_or(month)
}

/// Every month from `from` to `to`, both included; empty when `from` is later.
pub(super) fn months_through(from: Month, to: Month) -> Vec<Month> {
    let mut months = Vec::new();
    let mut current = Some(from);
    while let Some(month) = current.filter(|m| *m <= to) {
        months.push(month);
        current = month.next();
    }
    months
}
