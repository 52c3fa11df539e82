//! Calendar dates as plain values. The domain never asks the clock: callers pass `today`,
//! so every rule about "not in the future" is testable.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A civil date (proleptic Gregorian), written `YYYY-MM-DD` everywhere it is stored or shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {0:?}: expected YYYY-MM-DD")]
pub struct DateParseError(pub String);

impl Date {
    /// Builds a date, or `None` when the day does not exist (2026-02-30).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid =
            (1900..=2999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Calendar year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// Month 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// Day of month 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The same calendar day `years` later; 29 February falls back to 28 February.
    pub fn add_years(self, years: i32) -> Date {
        let year = self.year + years;
        let day = self.day.min(days_in_month(year, self.month));
        Date { year, month: self.month, day }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil): the one day count every
    /// "how many days between" rule uses.
    pub fn day_number(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a [`Date::day_number`] (Hinnant's civil_from_days), or `None` outside the
    /// years dates may have.
    pub fn from_day_number(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u8, day as u8)
    }

    /// The day `days` later (earlier when negative), or `None` past the years dates may have.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_day_number(self.day_number() + days)
    }

    /// Whole days from `self` to `later`; negative when `later` is earlier.
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }

    /// Day of the week, Monday = 0 … Sunday = 6 (Sakamoto's method), for calendars that start
    /// on Monday as Chinese calendars do.
    pub fn weekday(self) -> u8 {
        const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if self.month < 3 { self.year - 1 } else { self.year };
        let sunday_first =
            (y + y / 4 - y / 100 + y / 400 + T[usize::from(self.month - 1)] + i32::from(self.day)).rem_euclid(7);
        ((sunday_first + 6) % 7) as u8
    }
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(text: &str) -> Result<Date, DateParseError> {
        let err = || DateParseError(text.to_string());
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(err());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u32, DateParseError> {
            let part = &text[range];
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            part.parse().map_err(|_| err())
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::new(year as i32, month as u8, day as u8).ok_or_else(err)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, ok: bool) {
        assert_eq!(text.parse::<Date>().is_ok(), ok, "{text}");
    }

    #[test]
    fn parses_only_real_days() {
        check("2026-02-28", true);
        check("2024-02-29", true);
        check("2026-02-29", false);
        check("2000-02-29", true);
        check("1900-02-29", false);
        check("2026-13-01", false);
        check("2026-1-01", false);
        check("2026/01/01", false);
        check("+026-01-01", false);
        check("", false);
    }

    #[test]
    fn day_numbers_round_trip_across_months_years_and_leap_days() {
        for (text, number) in
            [("1970-01-01", 0), ("2000-03-01", 11_017), ("2024-02-29", 19_782), ("2026-12-31", 20_818)]
        {
            let date: Date = text.parse().unwrap();
            assert_eq!(date.day_number(), number, "{text}");
            assert_eq!(Date::from_day_number(number), Some(date));
        }
        let d = |t: &str| t.parse::<Date>().unwrap();
        assert_eq!(d("2026-12-25").add_days(10), Some(d("2027-01-04")));
        assert_eq!(d("2024-03-01").add_days(-1), Some(d("2024-02-29")));
        assert_eq!(d("2026-11-05").days_until(d("2026-11-27")), 22);
        assert_eq!(d("2026-11-27").days_until(d("2026-11-05")), -22);
        assert_eq!(d("2999-12-31").add_days(1), None);
    }

    #[test]
    fn displays_and_orders() {
        let a: Date = "2026-01-31".parse().unwrap();
        let b: Date = "2026-02-01".parse().unwrap();
        assert!(a < b);
        assert_eq!(a.to_string(), "2026-01-31");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"2026-01-31\"");
    }

    #[test]
    fn add_years_keeps_leap_days_real() {
        let leap: Date = "2008-02-29".parse().unwrap();
        assert_eq!(leap.add_years(18).to_string(), "2026-02-28");
    }

    #[test]
    fn weekdays_start_on_monday() {
        let weekday = |text: &str| text.parse::<Date>().unwrap().weekday();
        assert_eq!(weekday("2026-11-27"), 4, "a Friday");
        assert_eq!(weekday("2026-11-01"), 6, "a Sunday");
        assert_eq!(weekday("2026-11-02"), 0, "a Monday");
        assert_eq!(weekday("2024-02-29"), 3, "a Thursday");
        assert_eq!(weekday("2000-01-01"), 5, "a Saturday");
        assert_eq!(weekday("1900-03-01"), 3, "a Thursday");
    }
}
