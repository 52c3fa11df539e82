//! The unified social credit code (统一社会信用代码, GB 32100-2015): the 18-character identity
//! every enterprise, social organisation and cooperative is registered under. It is the one key
//! two departments' lists of the same units can be matched on, so it is checked strictly.
//!
//! Layout, positions counted from 1 as the standard does:
//!
//! | position | part                                         |
//! |----------|----------------------------------------------|
//! | 1        | registration authority (登记管理部门代码)     |
//! | 2        | institution type (机构类别代码)               |
//! | 3–8      | administrative division (登记管理机关行政区划码), digits |
//! | 9–17     | organisation code (主体标识码, GB 11714)      |
//! | 18       | check character (校验码)                      |
//!
//! Only the GB 32100 check character at position 18 is verified. Positions 9–17 carry their own
//! GB 11714 check digit at position 17, but position 18 already catches any single wrong
//! character and any swap of neighbours among positions 1–17 (each weight is non-zero and
//! differs from its neighbour's modulo the prime 31), so a second check adds no protection
//! against typing errors — it would only be one more way to refuse a code as the registry issued
//! it. Positions 1 and 2 are not checked against the tables of authorities and types either:
//! those tables are amended by notice, and an outdated list here would refuse real codes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The 31 characters a code may contain, in the order of their values 0–30: digits, then the
/// capital letters without I, O, Z, S and V (too easily read as 1, 0, 2, 5 and U).
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Number of characters in a code.
pub const LEN: usize = 18;
/// Weight of each of the first 17 positions: 3^(i) mod 31, i = 0 … 16.
pub const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/// Positions (1-based) of the administrative division code, which are digits only.
const DIVISION: std::ops::RangeInclusive<usize> = 3..=8;

/// A code that passed every check, held in its normal form (capitals, no surrounding space).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CreditCode(String);

/// Why a text is not a unified social credit code. One problem, the first found reading left to
/// right: a check character cannot be judged while an earlier character is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditCodeProblem {
    /// Nothing but white space.
    Empty,
    /// Not 18 characters (found, in characters).
    Length {
        /// How many characters were given.
        found: usize,
    },
    /// A character outside [`ALPHABET`] (lower case already folded to capitals).
    Character {
        /// 1-based position.
        position: usize,
        /// The character found there.
        found: char,
    },
    /// A letter inside the administrative division code (positions 3–8).
    NotADigit {
        /// 1-based position.
        position: usize,
        /// The character found there.
        found: char,
    },
    /// Position 18 is not the check character the first 17 call for.
    CheckCharacter {
        /// What the first 17 characters give.
        expected: char,
        /// What was written.
        found: char,
    },
}

/// The value 0–30 of a code character, or `None` outside [`ALPHABET`].
pub fn value_of(c: char) -> Option<u32> {
    ALPHABET.chars().position(|a| a == c).map(|v| v as u32)
}

/// The check character for the first 17 characters of a code, or `None` when `first17` is not
/// 17 characters of [`ALPHABET`]. Lets a test or a form build a well-formed code.
pub fn check_character(first17: &str) -> Option<char> {
    let values: Vec<u32> = first17.chars().map(value_of).collect::<Option<_>>()?;
    (values.len() == WEIGHTS.len()).then(|| check_of(&values))
}

/// The check character of 17 values 0–30.
fn check_of(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    // 31 − (Σ mod 31) lies in 1 … 31; the standard writes 31 as 0.
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(check as usize).unwrap_or('0')
}

/// Trims, folds full-width forms (what a Chinese input method types: `９１３５…`) to ASCII and
/// lower case to capitals — the spellings a person means as the same code.
pub fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl CreditCode {
    /// Reads a code as a person typed it (see [`normalise`]) and checks it.
    pub fn parse(text: &str) -> Result<CreditCode, CreditCodeProblem> {
        let code = normalise(text);
        let chars: Vec<char> = code.chars().collect();
        if chars.is_empty() {
            return Err(CreditCodeProblem::Empty);
        }
        if chars.len() != LEN {
            return Err(CreditCodeProblem::Length { found: chars.len() });
        }
        let mut values = Vec::with_capacity(LEN);
        for (i, &c) in chars.iter().enumerate() {
            let position = i + 1;
            let Some(value) = value_of(c) else {
                return Err(CreditCodeProblem::Character { position, found: c });
            };
            if DIVISION.contains(&position) && !c.is_ascii_digit() {
                return Err(CreditCodeProblem::NotADigit { position, found: c });
            }
            values.push(value);
        }
        let expected = check_of(&values[..LEN - 1]);
        let found = chars[LEN - 1];
        if found != expected {
            return Err(CreditCodeProblem::CheckCharacter { expected, found });
        }
        Ok(CreditCode(code))
    }

    /// The code, 18 ASCII capitals and digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Position 1: who registered the unit (9 market regulation, 5 civil affairs, …).
    pub fn registration_authority(&self) -> char {
        self.char_at(0)
    }

    /// Position 2: the kind of institution within that authority (for 9: 1 enterprise, 3
    /// farmers' cooperative, …).
    pub fn institution_type(&self) -> char {
        self.char_at(1)
    }

    /// Positions 3–8: the administrative division of the registering office.
    pub fn division(&self) -> &str {
        &self.0[2..8]
    }

    /// Positions 9–17: the organisation code.
    pub fn organisation_code(&self) -> &str {
        &self.0[8..17]
    }

    /// Position 18.
    pub fn check(&self) -> char {
        self.char_at(17)
    }

    fn char_at(&self, index: usize) -> char {
        // A parsed code is 18 ASCII bytes, so byte and character positions agree.
        self.0.as_bytes().get(index).map_or('0', |&b| char::from(b))
    }
}

impl FromStr for CreditCode {
    type Err = CreditCodeProblem;

    fn from_str(text: &str) -> Result<CreditCode, CreditCodeProblem> {
        CreditCode::parse(text)
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for CreditCodeProblem {
    /// English for the CLI; the UI words the value itself.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CreditCodeProblem::Empty => f.write_str("empty"),
            CreditCodeProblem::Length { found } => write!(f, "{found} characters, expected {LEN}"),
            CreditCodeProblem::Character { position, found } => {
                write!(f, "character {found:?} at position {position} is not allowed")
            }
            CreditCodeProblem::NotADigit { position, found } => {
                write!(f, "position {position} must be a digit, found {found:?}")
            }
            CreditCodeProblem::CheckCharacter { expected, found } => {
                write!(f, "check character is {found:?}, expected {expected:?}")
            }
        }
    }
}

impl Serialize for CreditCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CreditCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CreditCode, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        CreditCode::parse(&text).map_err(serde::de::Error::custom)
    }
}
