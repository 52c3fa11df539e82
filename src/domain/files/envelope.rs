//! The envelope every checksummed file shares (backups, branch packages): canonical JSON, its
//! SHA-256, sealing and opening with located refusals, and base64 for the bytes inside.
//! docs/FORMAT.md §9.

use std::fmt;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// Why a checksummed file's envelope (shared by backups and branch packages) is refused.
/// Nothing is written in any of these cases.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Envelope {
    /// Not JSON, at this 1-based line and column.
    #[error("not valid JSON at line {line} column {column}")]
    Malformed { line: usize, column: usize },
    /// The JSON ends early: the file was cut off.
    #[error("the file ends early (truncated)")]
    Truncated,
    /// Not an object with the expected `format` (the format found, if any).
    #[error("not a file of this kind (format {0:?})")]
    OtherFormat(Option<String>),
    /// Another `version` (as found, `—` if missing).
    #[error("format version {0} is not supported (this build reads version 1)")]
    UnsupportedVersion(String),
    /// No `sha256`.
    #[error("the checksum (sha256) is missing")]
    MissingChecksum,
    /// The `sha256` is not that of the rest of the file: changed or damaged since it was written.
    #[error("the checksum does not match: the file was changed or damaged")]
    ChecksumMismatch,
}

/// A problem found inside a checksummed file, with where it is: `at` is the path of the record
/// or field (`evaluations[12]`, `ledger[2].attendees`; list positions 0-based), `kind` what is
/// wrong — each kind of file has its own kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<K> {
    /// Path of the record or field.
    pub at: String,
    /// What is wrong.
    pub kind: K,
}

impl<K: fmt::Display> fmt::Display for Located<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.kind)
    }
}

/// The text of a checksummed file: `document` (an object) with its `sha256`, canonical. The
/// inverse of [`open_envelope`].
pub fn seal(mut document: Value) -> String {
    let sum = checksum(&document);
    if let Value::Object(fields) = &mut document {
        fields.insert("sha256".into(), sum.into());
    }
    canonical(&document)
}

/// Opens a file written as `{format, version, …, sha256}`: valid JSON, the expected format and
/// version, and a SHA-256 over the canonical form of everything else. Returns everything else,
/// and the checksum in lower case.
pub fn open_envelope(text: &str, format: &str, version: u64) -> Result<(Map<String, Value>, String), Envelope> {
    open_envelope_of(text, format, version..=version)
}

/// [`open_envelope`] accepting any version of `versions` (a format that still reads its older
/// versions); the version is left among the returned fields.
pub fn open_envelope_of(
    text: &str,
    format: &str,
    versions: std::ops::RangeInclusive<u64>,
) -> Result<(Map<String, Value>, String), Envelope> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            Envelope::Truncated
        } else {
            Envelope::Malformed { line: e.line(), column: e.column() }
        }
    })?;
    let Value::Object(mut fields) = value else { return Err(Envelope::OtherFormat(None)) };
    match fields.get("format").and_then(Value::as_str) {
        Some(found) if found == format => {}
        other => return Err(Envelope::OtherFormat(other.map(String::from))),
    }
    match fields.get("version") {
        Some(v) if v.as_u64().is_some_and(|v| versions.contains(&v)) => {}
        Some(v) => return Err(Envelope::UnsupportedVersion(canonical(v))),
        None => return Err(Envelope::UnsupportedVersion("—".into())),
    }
    let Some(Value::String(sum)) = fields.remove("sha256") else { return Err(Envelope::MissingChecksum) };
    let content = Value::Object(fields);
    if !sum.eq_ignore_ascii_case(&checksum(&content)) {
        return Err(Envelope::ChecksumMismatch);
    }
    let Value::Object(fields) = content else { unreachable!("built as an object above") };
    Ok((fields, sum.to_ascii_lowercase()))
}

/// The hex SHA-256 of the canonical text of `document` without its `sha256` member.
pub fn checksum(document: &Value) -> String {
    let text = match document {
        Value::Object(fields) if fields.contains_key("sha256") => {
            let mut rest = fields.clone();
            rest.remove("sha256");
            canonical(&Value::Object(rest))
        }
        other => canonical(other),
    };
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Canonical JSON: no white space, object members sorted by the bytes of their keys (UTF-8),
/// strings, numbers and literals exactly as serde_json writes them (integers as integers, other
/// numbers in shortest round-trip form). docs/FORMAT.md §9.2.
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(fields) => {
            let mut entries: Vec<(&String, &Value)> = fields.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).unwrap_or_default());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        scalar => out.push_str(&serde_json::to_string(scalar).unwrap_or_default()),
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648 §4) with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes [`base64_encode`]'s output; `None` for anything else (wrong alphabet, length or
/// padding).
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| BASE64.iter().position(|&b| b == c).map(|p| p as u32);
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (index, chunk) in bytes.chunks(4).enumerate() {
        let last = index + 1 == bytes.len() / 4;
        let padding = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if padding > 2 || (padding > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - padding] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * padding as u32;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&decoded[..3 - padding]);
    }
    Some(out)
}
