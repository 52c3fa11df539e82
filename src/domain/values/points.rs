//! Points as exact integer hundredths. Every rule of the rating is stated "to the hundredth, round
//! half up"; binary floating point cannot say 0.01 exactly, so no rule ever touches an `f64`.
//! Floats appear only at the edge, where JSON numbers are read and written.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number of points held as an exact count of hundredths (`Points::from_hundredths(9042)` is
/// 90.42). Arithmetic saturates instead of overflowing; values read from outside are bounded by
/// [`Points::MAX_ABS`], far below where saturation could ever matter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(i64);

/// Why a text or a JSON value is not a number of points.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PointsError {
    /// The text is empty or not a plain decimal number.
    #[error("{0:?} is not a number (expected a decimal such as 9.5)")]
    NotANumber(String),
    /// More than two digits after the decimal point.
    #[error("{0} has more than two decimals")]
    TooManyDecimals(String),
    /// Larger in magnitude than [`Points::MAX_ABS`].
    #[error("{0} is out of range")]
    OutOfRange(String),
    /// NaN or an infinity.
    #[error("not a finite number")]
    NotFinite,
    /// A JSON string where a JSON number is required.
    #[error("expected a number, found the text {0:?}")]
    Text(String),
}

impl Points {
    /// 0.00
    pub const ZERO: Points = Points(0);
    /// 100.00, the top of every index and score.
    pub const HUNDRED: Points = Points(10_000);
    /// Largest magnitude accepted from outside: 100 billion points. Far beyond any real score,
    /// yet small enough that sums of millions of items stay exact in `i64` and in an `f64`.
    pub const MAX_ABS: Points = Points(10_000_000_000_000);

    /// Points from a count of hundredths (`9042` → 90.42).
    pub const fn from_hundredths(hundredths: i64) -> Points {
        Points(hundredths)
    }

    /// Points from a whole number (`5` → 5.00).
    pub const fn from_whole(whole: i64) -> Points {
        Points(whole.saturating_mul(100))
    }

    /// The exact count of hundredths.
    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// The value as a float, for drawing charts only — never for a rule.
    pub fn to_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Two decimals always, exact, as scores are shown side by side: `90.42`, `95.00`, `-1.50`.
    /// Never "-0.00": the sign comes from the integer, not from a float.
    pub fn fixed(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
    }

    /// Parses decimal text: optional sign, digits, optional point and at most two decimals
    /// (`9.5`, `-1.25`, `.5`, `10.`). Surrounding white space is ignored, so a form field may be
    /// parsed as typed.
    pub fn parse(text: &str) -> Result<Points, PointsError> {
        let trimmed = text.trim();
        let not_a_number = || PointsError::NotANumber(text.to_string());
        let (negative, unsigned) = match trimmed.as_bytes().first() {
            Some(b'-') => (true, &trimmed[1..]),
            Some(b'+') => (false, &trimmed[1..]),
            _ => (false, trimmed),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty() || !digits_only(whole) || !digits_only(fraction) {
            return Err(not_a_number());
        }
        // Trailing zeros add no precision: "1.500" is exactly 1.5.
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > 2 {
            return Err(PointsError::TooManyDecimals(trimmed.to_string()));
        }
        let out_of_range = || PointsError::OutOfRange(trimmed.to_string());
        let whole = whole.trim_start_matches('0');
        // Anything longer than 12 integer digits is beyond MAX_ABS; checking the length first
        // keeps the arithmetic below free of overflow.
        if whole.len() > 12 {
            return Err(out_of_range());
        }
        let whole_value: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| not_a_number())? };
        let fraction_value: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().map_err(|_| not_a_number())? * 10,
            _ => fraction.parse().map_err(|_| not_a_number())?,
        };
        let magnitude = whole_value * 100 + fraction_value;
        if magnitude > Points::MAX_ABS.0 {
            return Err(out_of_range());
        }
        Ok(Points(if negative { -magnitude } else { magnitude }))
    }

    /// Converts a JSON number. The float is read back through its shortest decimal form — the
    /// digits the author wrote — so `90.42` is accepted as 90.42 and `0.125` is rejected for its
    /// third decimal, without trusting binary rounding.
    pub fn from_f64(value: f64) -> Result<Points, PointsError> {
        if !value.is_finite() {
            return Err(PointsError::NotFinite);
        }
        // Fast path, exact: `value` is the float of a two-decimal number exactly when the float
        // nearest to round(100 × value) / 100 is `value` itself (division is correctly rounded).
        let scaled = (value * 100.0).round();
        if scaled.abs() <= Points::MAX_ABS.0 as f64 && scaled / 100.0 == value {
            return Ok(Points(scaled as i64));
        }
        // Otherwise read the shortest decimal Rust prints for it (never in exponent notation)
        // for a message naming the digits the author wrote.
        Points::parse(&value.to_string())
    }

    /// Converts a whole JSON number.
    pub fn from_integer(value: i128) -> Result<Points, PointsError> {
        if value.unsigned_abs() > (Points::MAX_ABS.0 / 100) as u128 {
            return Err(PointsError::OutOfRange(value.to_string()));
        }
        Ok(Points(value as i64 * 100))
    }

    /// `round(self × numerator / denominator)`, half up, exact. `None` when the denominator is 0.
    pub fn mul_div(self, numerator: i64, denominator: i64) -> Option<Points> {
        div_round_half_up(self.0 as i128 * numerator as i128, denominator as i128).map(Points)
    }

    /// The index `round(100 × part / whole)` — "what share of the maximum was earned", on the
    /// 0–100 scale. `None` when `whole` is not positive (nothing could be earned).
    pub fn percent_of(part: Points, whole: Points) -> Option<Points> {
        if whole.0 <= 0 {
            return None;
        }
        // In hundredths: 100 × (100 × p / 100) / (w / 100) = 10 000 × p / w.
        div_round_half_up(part.0 as i128 * 10_000, whole.0 as i128).map(Points)
    }

    /// The mean of `values`, rounded half up; `None` for no values.
    pub fn mean(values: &[Points]) -> Option<Points> {
        let sum: i128 = values.iter().map(|p| p.0 as i128).sum();
        div_round_half_up(sum, values.len() as i128).map(Points)
    }

    /// `self` limited to `low..=high`.
    pub fn clamp_to(self, low: Points, high: Points) -> Points {
        Points(self.0.clamp(low.0, high.0))
    }

    /// Whether the value is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }
}

/// `round(numerator / denominator)` with halves going up (towards +∞), in exact integers.
/// `None` when the denominator is 0 or the result does not fit in `i64`.
///
/// A negative denominator is folded into the numerator so the rule stays "half up".
pub fn div_round_half_up(numerator: i128, denominator: i128) -> Option<i64> {
    if denominator == 0 {
        return None;
    }
    let (numerator, denominator) =
        if denominator < 0 { (numerator.checked_neg()?, denominator.checked_neg()?) } else { (numerator, denominator) };
    // floor((n + d/2) / d) == floor((2n + d) / 2d), which needs no fractional arithmetic.
    let doubled = numerator.checked_mul(2)?.checked_add(denominator)?;
    let quotient = doubled.div_euclid(denominator.checked_mul(2)?);
    i64::try_from(quotient).ok()
}

impl fmt::Display for Points {
    /// Shortest exact decimal: `90.42`, `87.5`, `95`, `-1.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let (whole, fraction) = (magnitude / 100, magnitude % 100);
        let text = if fraction == 0 {
            format!("{sign}{whole}")
        } else if fraction % 10 == 0 {
            format!("{sign}{whole}.{}", fraction / 10)
        } else {
            format!("{sign}{whole}.{fraction:02}")
        };
        f.pad(&text)
    }
}

impl FromStr for Points {
    type Err = PointsError;

    fn from_str(text: &str) -> Result<Points, PointsError> {
        Points::parse(text)
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, other: Points) -> Points {
        Points(self.0.saturating_add(other.0))
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, other: Points) -> Points {
        Points(self.0.saturating_sub(other.0))
    }
}

impl AddAssign for Points {
    fn add_assign(&mut self, other: Points) {
        *self = *self + other;
    }
}

impl SubAssign for Points {
    fn sub_assign(&mut self, other: Points) {
        *self = *self - other;
    }
}

impl Neg for Points {
    type Output = Points;
    fn neg(self) -> Points {
        Points(self.0.saturating_neg())
    }
}

impl Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Points> for Points {
    fn sum<I: Iterator<Item = &'a Points>>(iter: I) -> Points {
        iter.copied().sum()
    }
}

impl Serialize for Points {
    /// A JSON number. Dividing the exact hundredths by 100 gives the float nearest the decimal,
    /// whose shortest form is that decimal again (`90.42`, `95.0`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.to_f64())
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Points, D::Error> {
        deserializer.deserialize_any(PointsVisitor)
    }
}

struct PointsVisitor;

impl Visitor<'_> for PointsVisitor {
    type Value = Points;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number with at most two decimals")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Points, E> {
        Points::from_integer(value.into()).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Points, E> {
        Points::from_integer(value.into()).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Points, E> {
        Points::from_f64(value).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Points, E> {
        Err(E::custom(PointsError::Text(value.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_parse(text: &str, expected: Result<i64, ()>) {
        assert_eq!(Points::parse(text).map(Points::hundredths).map_err(|_| ()), expected, "{text:?}");
    }

    #[test]
    fn fixed_shows_two_exact_decimals_and_no_negative_zero() {
        for (hundredths, shown) in
            [(9042, "90.42"), (9500, "95.00"), (5, "0.05"), (0, "0.00"), (-150, "-1.50"), (-5, "-0.05")]
        {
            assert_eq!(Points::from_hundredths(hundredths).fixed(), shown);
        }
    }

    #[test]
    fn parses_decimal_text() {
        check_parse("9.5", Ok(950));
        check_parse("90.42", Ok(9042));
        check_parse("  10 ", Ok(1000));
        check_parse("-1.25", Ok(-125));
        check_parse("+2", Ok(200));
        check_parse(".5", Ok(50));
        check_parse("10.", Ok(1000));
        check_parse("1.500", Ok(150));
        check_parse("007.05", Ok(705));
        check_parse("0.125", Err(()));
        check_parse("", Err(()));
        check_parse(".", Err(()));
        check_parse("-", Err(()));
        check_parse("1e3", Err(()));
        check_parse("1.2.3", Err(()));
        check_parse("NaN", Err(()));
        check_parse("１０", Err(()));
        check_parse("100000000000", Ok(10_000_000_000_000));
        check_parse("100000000000.01", Err(()));
        check_parse("99999999999999999999999", Err(()));
    }

    #[test]
    fn reads_json_numbers_exactly() {
        let read = |json: &str| serde_json::from_str::<Points>(json).map(Points::hundredths);
        assert_eq!(read("90.42").unwrap(), 9042);
        assert_eq!(read("0.29").unwrap(), 29);
        assert_eq!(read("1.005e2").unwrap(), 10050);
        assert_eq!(read("95").unwrap(), 9500);
        assert_eq!(read("-0.0").unwrap(), 0);
        let message = read("0.125").unwrap_err().to_string();
        assert!(message.contains("more than two decimals"), "{message}");
        let message = read("\"9.5\"").unwrap_err().to_string();
        assert!(message.contains("expected a number"), "{message}");
        assert!(read("1e300").is_err());
        assert!(read("0.30000000000000004").is_err());
        assert!(read("1e-7").is_err());
        assert_eq!(read("100000000000").unwrap(), Points::MAX_ABS.hundredths());
        assert!(read("100000000000.01").is_err());
        assert_eq!(read("-99.99").unwrap(), -9999);
        assert!(read("null").is_err());
        assert!(Points::from_f64(f64::NAN).is_err());
    }

    #[test]
    fn prints_shortest_exact_decimal() {
        for (hundredths, text, json) in [
            (9042, "90.42", "90.42"),
            (8750, "87.5", "87.5"),
            (9500, "95", "95.0"),
            (5, "0.05", "0.05"),
            (-150, "-1.5", "-1.5"),
            (0, "0", "0.0"),
        ] {
            let points = Points::from_hundredths(hundredths);
            assert_eq!(points.to_string(), text);
            assert_eq!(serde_json::to_string(&points).unwrap(), json);
            assert_eq!(serde_json::from_str::<Points>(json).unwrap(), points);
        }
    }

    #[test]
    fn every_hundredth_round_trips_through_json() {
        for hundredths in (-20_000..20_000).chain(999_999_900..1_000_000_100) {
            let points = Points::from_hundredths(hundredths);
            let json = serde_json::to_string(&points).unwrap();
            assert_eq!(serde_json::from_str::<Points>(&json).unwrap(), points, "{json}");
        }
    }

    #[test]
    fn rounds_half_up() {
        assert_eq!(div_round_half_up(5, 2), Some(3));
        assert_eq!(div_round_half_up(7, 3), Some(2));
        assert_eq!(div_round_half_up(8, 3), Some(3));
        assert_eq!(div_round_half_up(-5, 2), Some(-2));
        assert_eq!(div_round_half_up(5, -2), Some(-2));
        assert_eq!(div_round_half_up(1, 0), None);
        let p = Points::percent_of(Points::from_whole(14), Points::from_whole(15));
        assert_eq!(p, Some(Points::from_hundredths(9333)));
        let p = Points::percent_of(Points::from_hundredths(1450), Points::from_whole(15));
        assert_eq!(p, Some(Points::from_hundredths(9667)));
        assert_eq!(Points::percent_of(Points::ZERO, Points::ZERO), None);
        let mean = Points::mean(&[9042, 8000, 8001].map(Points::from_hundredths));
        assert_eq!(mean, Some(Points::from_hundredths(8348)));
        assert_eq!(Points::mean(&[]), None);
    }
}
