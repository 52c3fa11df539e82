//! What serde_json said, as values. Its errors are English sentences; the UI needs to say the
//! same in Chinese, so the kind of fault, the position and the names and values it quotes are
//! read out of them here. The parser's own sentence is kept for the CLI, which prints it as
//! it always did.
//!
//! serde_json exposes only a coarse category (`classify`) and the position; the finer kind is
//! read from its messages and from serde's, whose wording has been fixed for years. A message
//! that matches none of them still reads: as its category, or as [`DecodeFault::Other`].

use std::fmt;

use crate::domain::values::validation::{Expected, JsonType, PeriodKind};

/// Why a text is not JSON, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What is wrong there.
    pub fault: JsonFault,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// The parser's sentence (English), for the CLI.
    pub message: String,
}

/// What the JSON parser stopped at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFault {
    /// The text ends inside a value: cut off.
    UnexpectedEnd,
    /// Neither a comma nor the closing bracket after an element.
    MissingComma,
    /// No colon after an object's key.
    MissingColon,
    /// No value where one must be.
    ExpectedValue,
    /// No opening quote where a key must start.
    ExpectedQuote,
    /// A comma right before a closing bracket.
    TrailingComma,
    /// More text after the document's end.
    TrailingCharacters,
    /// An object key that is not a quoted text.
    KeyNotText,
    /// A backslash sequence that is not one of JSON's.
    BadEscape,
    /// A number that is not one, or too large.
    BadNumber,
    /// A raw control character inside a text.
    ControlCharacter,
    /// Nested deeper than the parser goes.
    TooDeep,
    /// Any other syntax error.
    Syntax,
    /// Valid JSON of the wrong type for what was read.
    WrongType,
    /// The text could not be read at all.
    Unreadable,
}

impl JsonError {
    /// The fault, position and sentence of a parser error.
    pub fn of(error: &serde_json::Error) -> JsonError {
        use serde_json::error::Category;
        let message = error.to_string();
        let bare = bare_message(&message, error.line(), error.column());
        let fault = match error.classify() {
            Category::Eof => JsonFault::UnexpectedEnd,
            Category::Io => JsonFault::Unreadable,
            Category::Data => JsonFault::WrongType,
            Category::Syntax => syntax_fault(bare),
        };
        JsonError { fault, line: error.line(), column: error.column(), message }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The message without serde_json's ` at line L column C`.
fn bare_message(message: &str, line: usize, column: usize) -> &str {
    message.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(message)
}

fn syntax_fault(message: &str) -> JsonFault {
    const FAULTS: [(&str, JsonFault); 15] = [
        ("expected `,` or `]`", JsonFault::MissingComma),
        ("expected `,` or `}`", JsonFault::MissingComma),
        ("expected `:`", JsonFault::MissingColon),
        ("expected value", JsonFault::ExpectedValue),
        ("expected ident", JsonFault::ExpectedValue),
        ("expected `\"`", JsonFault::ExpectedQuote),
        ("trailing comma", JsonFault::TrailingComma),
        ("trailing characters", JsonFault::TrailingCharacters),
        ("key must be a string", JsonFault::KeyNotText),
        ("invalid escape", JsonFault::BadEscape),
        ("invalid unicode code point", JsonFault::BadEscape),
        ("lone leading surrogate in hex escape", JsonFault::BadEscape),
        ("invalid number", JsonFault::BadNumber),
        ("number out of range", JsonFault::BadNumber),
        ("recursion limit exceeded", JsonFault::TooDeep),
    ];
    if message.starts_with("control character") {
        return JsonFault::ControlCharacter;
    }
    FAULTS.iter().find(|(m, _)| *m == message).map_or(JsonFault::Syntax, |(_, fault)| *fault)
}

/// Why a JSON value does not read as one of the app's records (serde's verdict).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// What is wrong, with the names and values serde quoted.
    pub fault: DecodeFault,
    /// Serde's sentence (English), for the CLI.
    pub message: String,
}

/// What serde found wrong with a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeFault {
    /// A required field is absent (its name in the document).
    MissingField(String),
    /// A field the record does not have.
    UnknownField(String),
    /// A field written twice.
    DuplicateField(String),
    /// A code that is none of the allowed ones.
    UnknownValue {
        /// The code found.
        found: String,
        /// The codes allowed.
        allowed: Vec<String>,
    },
    /// A value of the wrong type.
    WrongType {
        /// What the field should hold, when serde's words name a JSON type.
        expected: Option<Expected>,
        /// What it holds.
        found: JsonType,
        /// The value found, for a number or a text.
        value: Option<String>,
    },
    /// A value of the right type that is not allowed (the value when serde quoted one).
    InvalidValue(Option<String>),
    /// A list of the wrong length.
    WrongLength(usize),
    /// A text that is not a period of its kind.
    BadPeriod(String, PeriodKind),
    /// Any other reason: serde's sentence is all there is.
    Other,
}

impl DecodeError {
    /// The fault of serde's error, read from its message.
    pub fn of(error: &serde_json::Error) -> DecodeError {
        let message = error.to_string();
        let bare = bare_message(&message, error.line(), error.column());
        DecodeError { fault: decode_fault(bare), message }
    }

    /// A value of the wrong type found by the app's own reading, with the sentence it reports.
    pub fn wrong_type(expected: Expected, found: JsonType, message: impl Into<String>) -> DecodeError {
        DecodeError {
            fault: DecodeFault::WrongType { expected: Some(expected), found, value: None },
            message: message.into(),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn decode_fault(message: &str) -> DecodeFault {
    let quoted = |prefix: &str| message.strip_prefix(prefix).and_then(first_backticked).map(str::to_string);
    if let Some(field) = quoted("missing field ") {
        return DecodeFault::MissingField(field);
    }
    if let Some(field) = quoted("unknown field ") {
        return DecodeFault::UnknownField(field);
    }
    if let Some(field) = quoted("duplicate field ") {
        return DecodeFault::DuplicateField(field);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        if let Some(found) = first_backticked(rest) {
            let after = &rest[found.len() + 2..];
            let allowed = backticked(after).into_iter().map(str::to_string).collect();
            return DecodeFault::UnknownValue { found: found.to_string(), allowed };
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, value, rest)) = unexpected(rest) {
            if let Some(expected) = rest.strip_prefix(", expected ") {
                return DecodeFault::WrongType { expected: expected_type(expected), found, value };
            }
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        return DecodeFault::InvalidValue(unexpected(rest).and_then(|(_, value, _)| value));
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some(length) = rest.split(',').next().and_then(|n| n.parse().ok()) {
            return DecodeFault::WrongLength(length);
        }
    }
    // The app's own types (domain::values::date, period) say so in these words.
    for (prefix, kind) in [("invalid date ", PeriodKind::Date), ("invalid period ", PeriodKind::Period)] {
        if let Some((found, _)) = message.strip_prefix(prefix).and_then(debug_string) {
            return DecodeFault::BadPeriod(found, kind);
        }
    }
    DecodeFault::Other
}

/// The text between the first pair of backticks.
fn first_backticked(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('`')?;
    rest.find('`').map(|end| &rest[..end])
}

/// Every text between backticks, in order.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// Serde's name of an unexpected value (`string "x"`, `integer `5``, `null` …): its type, its
/// value when it has one worth quoting, and the rest of the message.
fn unexpected(text: &str) -> Option<(JsonType, Option<String>, &str)> {
    if let Some(rest) = text.strip_prefix("string ") {
        let (value, rest) = debug_string(rest)?;
        return Some((JsonType::Text, Some(value), rest));
    }
    for (prefix, found) in
        [("integer ", JsonType::Number), ("floating point ", JsonType::Number), ("boolean ", JsonType::Bool)]
    {
        if let Some(rest) = text.strip_prefix(prefix) {
            let value = first_backticked(rest)?;
            let rest = &rest[value.len() + 2..];
            let value = (found == JsonType::Number).then(|| value.to_string());
            return Some((found, value, rest));
        }
    }
    for (prefix, found) in [("null", JsonType::Null), ("sequence", JsonType::List), ("map", JsonType::Object)] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return Some((found, None, rest));
        }
    }
    None
}

/// A `{:?}`-quoted text at the start of `text`, unescaped, and what follows it.
fn debug_string(text: &str) -> Option<(String, &str)> {
    let mut chars = text.strip_prefix('"')?.char_indices();
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &text[i + 2..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                'u' => {
                    let mut hex = String::new();
                    for (_, c) in chars.by_ref() {
                        match c {
                            '{' => {}
                            '}' => break,
                            c => hex.push(c),
                        }
                    }
                    out.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// The JSON type that serde's words for an expectation name, if any (`u32`, `a string`,
/// `struct Unit` …).
fn expected_type(words: &str) -> Option<Expected> {
    const NUMBERS: [&str; 14] =
        ["u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64"];
    match words {
        w if NUMBERS.contains(&w) || w.starts_with("a number") || w.starts_with("an integer") => Some(Expected::Number),
        "a string" | "a borrowed string" | "a character" | "char" => Some(Expected::Text),
        "a boolean" | "bool" => Some(Expected::Bool),
        w if w == "a sequence"
            || w.starts_with("a tuple")
            || w.starts_with("an array")
            || w.starts_with("tuple struct") =>
        {
            Some(Expected::List)
        }
        w if w == "a map" || w.starts_with("struct ") => Some(Expected::Object),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::Value;

    fn json(text: &str) -> JsonError {
        JsonError::of(&serde_json::from_str::<Value>(text).unwrap_err())
    }

    #[test]
    fn a_broken_text_names_its_fault_and_place() {
        let cut = json("{\n \"a\": \"bc");
        assert_eq!((cut.fault, cut.line, cut.column), (JsonFault::UnexpectedEnd, 2, 9));
        assert_eq!(cut.to_string(), "EOF while parsing a string at line 2 column 9");
        for (text, fault) in [
            ("[1 2]", JsonFault::MissingComma),
            ("{\"a\" 1}", JsonFault::MissingColon),
            ("{\"a\": }", JsonFault::ExpectedValue),
            ("{\"a\": tru}", JsonFault::ExpectedValue),
            ("{1: 2}", JsonFault::KeyNotText),
            ("[1,]", JsonFault::TrailingComma),
            ("{} x", JsonFault::TrailingCharacters),
            ("\"\\q\"", JsonFault::BadEscape),
            ("[-]", JsonFault::BadNumber),
            ("1e999", JsonFault::BadNumber),
            ("\"a\u{1}\"", JsonFault::ControlCharacter),
            (&"[".repeat(200), JsonFault::TooDeep),
        ] {
            assert_eq!(json(text).fault, fault, "{text}");
        }
        let wrong = JsonError::of(&serde_json::from_str::<Vec<u8>>("{}").unwrap_err());
        assert_eq!(wrong.fault, JsonFault::WrongType);
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Record {
        id: String,
        count: Option<u32>,
        flags: Option<[bool; 2]>,
        kind: Option<Kind>,
        on: Option<crate::domain::values::date::Date>,
        month: Option<crate::domain::values::period::Month>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Male,
        Female,
    }

    fn decode(value: Value) -> DecodeFault {
        DecodeError::of(&serde_json::from_value::<Record>(value).unwrap_err()).fault
    }

    #[test]
    fn serde_s_verdicts_are_read_into_values() {
        use serde_json::json;
        assert_eq!(decode(json!({})), DecodeFault::MissingField("id".into()));
        assert_eq!(decode(json!({"id": "a", "extra": 1})), DecodeFault::UnknownField("extra".into()));
        assert_eq!(
            decode(json!({"id": "a", "kind": "other"})),
            DecodeFault::UnknownValue { found: "other".into(), allowed: vec!["male".into(), "female".into()] }
        );
        assert_eq!(
            decode(json!({"id": "a", "count": "many \"x\""})),
            DecodeFault::WrongType {
                expected: Some(Expected::Number),
                found: JsonType::Text,
                value: Some("many \"x\"".into())
            }
        );
        assert_eq!(
            decode(json!({"id": 5})),
            DecodeFault::WrongType { expected: Some(Expected::Text), found: JsonType::Number, value: Some("5".into()) }
        );
        assert_eq!(decode(json!({"id": "a", "count": -1})), DecodeFault::InvalidValue(Some("-1".into())));
        assert_eq!(
            decode(json!({"id": "a", "flags": true})),
            DecodeFault::WrongType { expected: Some(Expected::List), found: JsonType::Bool, value: None }
        );
        assert_eq!(decode(json!({"id": "a", "flags": [true]})), DecodeFault::WrongLength(1));
        assert_eq!(
            decode(json!({"id": "a", "on": "2026-02-30"})),
            DecodeFault::BadPeriod("2026-02-30".into(), PeriodKind::Date)
        );
        assert_eq!(
            decode(json!({"id": "a", "month": "2026-13"})),
            DecodeFault::BadPeriod("2026-13".into(), PeriodKind::Period)
        );
        assert_eq!(
            decode(json!("x")),
            DecodeFault::WrongType { expected: Some(Expected::Object), found: JsonType::Text, value: Some("x".into()) }
        );
        let kept = DecodeError::of(&serde_json::from_value::<Record>(json!({})).unwrap_err());
        assert_eq!(kept.to_string(), "missing field `id`");
    }
}
