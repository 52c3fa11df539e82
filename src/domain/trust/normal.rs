//! A normal text of a JSON value for comparing and hashing records whatever path they took:
//! through IndexedDB and back a missing member, `null` and `undefined` are one thing, and a whole
//! number may come back as `1.0`. Members are sorted by key (as in the file envelope).

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The normal text of `value`: object members sorted, `null` members left out, numbers written
/// as integers when whole (up to 2^53) and as the shortest round-trip form otherwise.
pub fn normal_text(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// The hex SHA-256 of [`normal_text`].
pub fn digest(value: &Value) -> String {
    sha256_hex(normal_text(value).as_bytes())
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// `value` without the object members `fields` (no change for anything but an object).
pub fn without(value: &Value, fields: &[&str]) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter().filter(|(k, _)| !fields.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect(),
        ),
        other => other.clone(),
    }
}

/// The largest integer a JS number holds exactly.
const SAFE: f64 = 9_007_199_254_740_992.0;

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() <= SAFE => out.push_str(&format!("{}", f as i64)),
            Some(f) => out.push_str(&format!("{f:?}")),
            None => out.push_str(&n.to_string()),
        },
        Value::String(s) => out.push_str(&serde_json::to_string(s).unwrap_or_default()),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(fields) => {
            let mut entries: Vec<(&String, &Value)> = fields.iter().filter(|(_, v)| !v.is_null()).collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).unwrap_or_default());
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_paths_a_record_takes_give_one_text() {
        let cases = [
            (json!({"b": 1, "a": null}), json!({"b": 1.0})),
            (json!({"x": [1, 2.5], "y": "文"}), json!({"y": "文", "x": [1.0, 2.5]})),
            (json!({"n": {"m": null, "k": 0}}), json!({"n": {"k": -0.0}})),
        ];
        for (a, b) in cases {
            assert_eq!(normal_text(&a), normal_text(&b), "{a} vs {b}");
            assert_eq!(digest(&a), digest(&b));
        }
    }

    #[test]
    fn different_values_give_different_texts() {
        let cases = [
            (json!({"b": 1}), json!({"b": 2})),
            (json!({"b": 1.5}), json!({"b": 1.25})),
            (json!({"b": "1"}), json!({"b": 1})),
            (json!([1, 2]), json!([2, 1])),
            (json!({"b": false}), json!({})),
        ];
        for (a, b) in cases {
            assert_ne!(normal_text(&a), normal_text(&b), "{a} vs {b}");
        }
    }

    #[test]
    fn without_drops_only_the_named_members() {
        assert_eq!(without(&json!({"a": 1, "b": 2, "c": 3}), &["a", "c"]), json!({"b": 2}));
        assert_eq!(without(&json!([1]), &["a"]), json!([1]));
    }
}
