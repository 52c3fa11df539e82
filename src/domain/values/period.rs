//! Rating periods: a month is evaluated, a quarter is starred, a year is graded (月评价、季评星、
//! 年定级). Each is written the same way everywhere — `2026-03`, `2026-Q1`, `2026` — in the
//! exchange format, the CLI, URLs and the UI.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::values::date::Date;

/// Lowest and highest year a period may name; four digits keep the text forms fixed-width.
const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// A calendar year, e.g. `2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(i32);

/// A calendar month, e.g. `2026-03`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: Year,
    month: u8,
}

/// A calendar quarter, e.g. `2026-Q2` (April–June).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: Year,
    quarter: u8,
}

/// Any period that can be rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// One month (月评价).
    Month(Month),
    /// One quarter (季评星).
    Quarter(Quarter),
    /// One year (年定级).
    Year(Year),
}

/// Why a text is not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid period {0:?}: expected YYYY-MM, YYYY-Qn or YYYY")]
pub struct PeriodError(pub String);

impl Year {
    /// The year, or `None` outside 1000–9999.
    pub fn new(year: i32) -> Option<Year> {
        YEARS.contains(&year).then_some(Year(year))
    }

    /// The number, e.g. 2026.
    pub fn number(self) -> i32 {
        self.0
    }

    /// Its twelve months in order.
    pub fn months(self) -> [Month; 12] {
        std::array::from_fn(|i| Month { year: self, month: i as u8 + 1 })
    }

    /// Its four quarters in order.
    pub fn quarters(self) -> [Quarter; 4] {
        std::array::from_fn(|i| Quarter { year: self, quarter: i as u8 + 1 })
    }
}

impl Month {
    /// The month a date falls in. Total: every [`Date`] year (1900–2999) is a month's year.
    pub fn of(date: Date) -> Month {
        Month { year: Year(date.year()), month: date.month() }
    }

    /// The month, or `None` for a month outside 1–12 or a year outside 1000–9999.
    pub fn new(year: i32, month: u8) -> Option<Month> {
        let year = Year::new(year)?;
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// Its year.
    pub fn year(self) -> Year {
        self.year
    }

    /// Month number 1–12.
    pub fn number(self) -> u8 {
        self.month
    }

    /// The quarter it belongs to.
    pub fn quarter(self) -> Quarter {
        Quarter { year: self.year, quarter: (self.month - 1) / 3 + 1 }
    }

    /// The month before, or `None` before January 1000.
    pub fn previous(self) -> Option<Month> {
        match self.month {
            1 => Month::new(self.year.0 - 1, 12),
            m => Month::new(self.year.0, m - 1),
        }
    }

    /// Its first day, or `None` for a year outside the years dates may have (1900–2999).
    pub fn first_day(self) -> Option<Date> {
        Date::new(self.year.0, self.month, 1)
    }

    /// Its last day, or `None` for a year outside the years dates may have.
    pub fn last_day(self) -> Option<Date> {
        Date::new(self.year.0, self.month, crate::domain::values::date::days_in_month(self.year.0, self.month))
    }

    /// The month after, or `None` after December 9999.
    pub fn next(self) -> Option<Month> {
        match self.month {
            12 => Month::new(self.year.0 + 1, 1),
            m => Month::new(self.year.0, m + 1),
        }
    }
}

impl Quarter {
    /// The quarter a date falls in.
    pub fn of(date: crate::domain::values::date::Date) -> Quarter {
        Quarter::new(date.year(), (date.month() - 1) / 3 + 1).expect("a valid date's quarter exists")
    }

    /// The quarter, or `None` for a quarter outside 1–4 or a year outside 1000–9999.
    pub fn new(year: i32, quarter: u8) -> Option<Quarter> {
        let year = Year::new(year)?;
        (1..=4).contains(&quarter).then_some(Quarter { year, quarter })
    }

    /// Its year.
    pub fn year(self) -> Year {
        self.year
    }

    /// Quarter number 1–4.
    pub fn number(self) -> u8 {
        self.quarter
    }

    /// Its three months in order.
    pub fn months(self) -> [Month; 3] {
        let first = (self.quarter - 1) * 3 + 1;
        [0, 1, 2].map(|i| Month { year: self.year, month: first + i })
    }

    /// The quarter before, or `None` before 1000-Q1 — for "compared with last quarter".
    pub fn previous(self) -> Option<Quarter> {
        match self.quarter {
            1 => Quarter::new(self.year.0 - 1, 4),
            q => Quarter::new(self.year.0, q - 1),
        }
    }
}

impl Period {
    /// The months the period covers, in order: 1, 3 or 12.
    pub fn months(self) -> Vec<Month> {
        match self {
            Period::Month(m) => vec![m],
            Period::Quarter(q) => q.months().to_vec(),
            Period::Year(y) => y.months().to_vec(),
        }
    }

    /// The period of the same kind before this one (the quarter before, the year before), or
    /// `None` before the first representable one.
    pub fn previous(self) -> Option<Period> {
        match self {
            Period::Month(m) => m.previous().map(Period::Month),
            Period::Quarter(q) => q.previous().map(Period::Quarter),
            Period::Year(y) => Year::new(y.number() - 1).map(Period::Year),
        }
    }

    /// Whether `month` lies inside the period.
    pub fn contains(self, month: Month) -> bool {
        match self {
            Period::Month(m) => m == month,
            Period::Quarter(q) => month.quarter() == q,
            Period::Year(y) => month.year == y,
        }
    }

    /// The year the period lies in.
    pub fn year(self) -> Year {
        match self {
            Period::Month(m) => m.year,
            Period::Quarter(q) => q.year,
            Period::Year(y) => y,
        }
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month(m) => m.fmt(f),
            Period::Quarter(q) => q.fmt(f),
            Period::Year(y) => y.fmt(f),
        }
    }
}

/// Four ASCII digits, the only year form accepted.
fn parse_year(text: &str) -> Option<i32> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl FromStr for Year {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Year, PeriodError> {
        parse_year(text).and_then(Year::new).ok_or_else(|| PeriodError(text.to_string()))
    }
}

impl FromStr for Month {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Month, PeriodError> {
        let err = || PeriodError(text.to_string());
        let (year, month) = text.split_once('-').ok_or_else(err)?;
        if month.len() != 2 || !month.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let month: u8 = month.parse().map_err(|_| err())?;
        Month::new(parse_year(year).ok_or_else(err)?, month).ok_or_else(err)
    }
}

impl FromStr for Quarter {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Quarter, PeriodError> {
        let err = || PeriodError(text.to_string());
        let (year, quarter) = text.split_once('-').ok_or_else(err)?;
        let digit = match quarter.as_bytes() {
            [b'Q', d] => *d,
            _ => return Err(err()),
        };
        Quarter::new(parse_year(year).ok_or_else(err)?, digit.wrapping_sub(b'0')).ok_or_else(err)
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    /// `YYYY-MM`, `YYYY-Qn` or `YYYY`.
    fn from_str(text: &str) -> Result<Period, PeriodError> {
        if text.contains('Q') {
            text.parse().map(Period::Quarter)
        } else if text.contains('-') {
            text.parse().map(Period::Month)
        } else {
            text.parse().map(Period::Year)
        }
    }
}

/// Periods are stored and exchanged as their text form.
macro_rules! serde_as_text {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )*};
}

serde_as_text!(Year, Month, Quarter, Period);

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<&str>) {
        assert_eq!(text.parse::<Period>().ok().map(|p| p.to_string()).as_deref(), expected, "{text:?}");
    }

    #[test]
    fn parses_and_prints_periods() {
        check("2026-03", Some("2026-03"));
        check("2026-12", Some("2026-12"));
        check("2026-Q2", Some("2026-Q2"));
        check("2026", Some("2026"));
        check("2026-13", None);
        check("2026-00", None);
        check("2026-3", None);
        check("2026-Q5", None);
        check("2026-Q0", None);
        check("2026-q2", None);
        check("26", None);
        check("0999", None);
        check("2026-03-01", None);
        check("", None);
    }

    #[test]
    fn months_of_periods() {
        let q: Quarter = "2026-Q2".parse().unwrap();
        assert_eq!(q.months().map(|m| m.to_string()), ["2026-04", "2026-05", "2026-06"]);
        assert_eq!(q.previous().unwrap().to_string(), "2026-Q1");
        let q1: Quarter = "2026-Q1".parse().unwrap();
        assert_eq!(q1.previous().unwrap().to_string(), "2025-Q4");
        let y: Year = "2026".parse().unwrap();
        assert_eq!(y.months()[11].to_string(), "2026-12");
        assert_eq!(y.quarters()[3].to_string(), "2026-Q4");
        let m: Month = "2026-11".parse().unwrap();
        assert_eq!(m.quarter().to_string(), "2026-Q4");
        assert_eq!(m.next().unwrap().next().unwrap().to_string(), "2027-01");
        assert!(Period::Quarter(m.quarter()).contains(m));
        assert_eq!(Period::Year(y).months().len(), 12);
    }

    #[test]
    fn serde_as_text() {
        let m: Month = serde_json::from_str("\"2026-03\"").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"2026-03\"");
        assert!(serde_json::from_str::<Month>("\"2026-3\"").is_err());
        let p: Period = serde_json::from_str("\"2026-Q4\"").unwrap();
        assert_eq!(p, Period::Quarter(Quarter::new(2026, 4).unwrap()));
    }
}
