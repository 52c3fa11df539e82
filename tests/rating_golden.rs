//! Golden files: every `tests/fixtures/NAME.json` is rated for each `NAME.PERIOD.expected.json`
//! beside it, through the library and through the built `starbranch` binary, and compared
//! value by value to the hundredth (field order and number spelling do not matter). Every
//! `tests/fixtures/invalid/NAME.json` must be rejected with exactly the messages listed in
//! `NAME.expected-errors.txt`, and the binary must exit with 2.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use starbranch::domain::files::exchange::ExchangeDocument;
use starbranch::domain::rating::engine::rate;
use starbranch::domain::values::period::Period;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `(document, period, expected output)` for every golden case.
fn cases() -> Vec<(PathBuf, String, PathBuf)> {
    let dir = fixtures();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for document in files.iter().filter(|p| !p.to_string_lossy().ends_with(".expected.json")) {
        let stem = document.file_stem().unwrap().to_string_lossy().to_string();
        let prefix = format!("{stem}.");
        let before = cases.len();
        for expected in &files {
            let name = expected.file_name().unwrap().to_string_lossy();
            if let Some(period) = name.strip_prefix(&prefix).and_then(|n| n.strip_suffix(".expected.json")) {
                cases.push((document.clone(), period.to_string(), expected.clone()));
            }
        }
        assert!(cases.len() > before, "{} has no expected output", document.display());
    }
    cases
}

/// What a row may differ in without differing in value: an incomplete period may print its
/// dimensions as null or as five nulls, and its veto as null or false.
fn normalise(mut row: Value) -> Value {
    if row["complete"] == Value::Bool(false) {
        let dims = &row["dimensions"];
        if dims.as_object().is_some_and(|d| d.values().all(Value::is_null)) {
            row["dimensions"] = Value::Null;
        }
        if row["veto"] == Value::Bool(false) {
            row["veto"] = Value::Null;
        }
    }
    row
}

/// Compares JSON values, numbers to the hundredth; returns the path of the first difference.
fn diff(actual: &Value, expected: &Value, path: &str) -> Option<String> {
    match (actual, expected) {
        (Value::Number(a), Value::Number(b)) => {
            let hundredths = |n: &serde_json::Number| (n.as_f64().unwrap() * 100.0).round() as i64;
            (hundredths(a) != hundredths(b)).then(|| format!("{path}: {a} ≠ {b}"))
        }
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| match (a.get(k), b.get(k)) {
                (Some(x), Some(y)) => diff(x, y, &format!("{path}.{k}")),
                _ => Some(format!("{path}.{k}: present on one side only")),
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            a.iter().zip(b).enumerate().find_map(|(i, (x, y))| {
                let x = normalise(x.clone());
                let y = normalise(y.clone());
                let label = y["branch"].as_str().map_or(i.to_string(), str::to_string);
                diff(&x, &y, &format!("{path}[{label}]"))
            })
        }
        (Value::Array(a), Value::Array(b)) => Some(format!("{path}: {} rows ≠ {}", a.len(), b.len())),
        _ => (actual != expected).then(|| format!("{path}: {actual} ≠ {expected}")),
    }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn library_matches_every_golden_file() {
    let cases = cases();
    assert!(cases.len() >= 9, "expected the samples and our own fixtures, found {}", cases.len());
    for (document, period, expected) in cases {
        let text = std::fs::read_to_string(&document).unwrap();
        let doc = ExchangeDocument::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", document.display()));
        let period: Period = period.parse().unwrap();
        let actual = serde_json::to_value(rate(&doc, period)).unwrap();
        if let Some(difference) = diff(&actual, &read_json(&expected), "") {
            panic!("{}: {difference}", expected.display());
        }
    }
}

#[test]
fn binary_matches_every_golden_file() {
    for (document, period, expected) in cases() {
        let output = Command::new(env!("CARGO_BIN_EXE_starbranch"))
            .args(["rate", &document.to_string_lossy(), "--period", &period])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let actual: Value = serde_json::from_slice(&output.stdout).unwrap();
        if let Some(difference) = diff(&actual, &read_json(&expected), "") {
            panic!("{} (binary): {difference}", expected.display());
        }
    }
}

#[test]
fn output_is_sorted_by_branch_id_with_the_documented_fields() {
    let text = std::fs::read_to_string(fixtures().join("rating-sample.json")).unwrap();
    let doc = ExchangeDocument::parse(&text).unwrap();
    let rows = serde_json::to_value(rate(&doc, "2026-Q2".parse().unwrap())).unwrap();
    let rows = rows.as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["branch"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    let mut keys: Vec<&String> = rows[0].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "branch",
            "complete",
            "dimensions",
            "period",
            "rank_category",
            "rank_overall",
            "score",
            "stars",
            "tier",
            "veto"
        ]
    );
}

#[test]
fn invalid_documents_are_rejected_with_their_messages() {
    let dir = fixtures().join("invalid");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let expected_path = path.with_extension("expected-errors.txt");
        let expected = std::fs::read_to_string(&expected_path).unwrap();
        let expected: Vec<&str> = expected.lines().collect();
        let errors = ExchangeDocument::parse(&std::fs::read_to_string(&path).unwrap()).unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages, expected, "{}", path.display());

        let output = Command::new(env!("CARGO_BIN_EXE_starbranch"))
            .args(["rate", &path.to_string_lossy(), "--period", "2026"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        for line in &expected {
            assert!(stderr.contains(line), "stderr lacks {line:?}:\n{stderr}");
        }
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn bad_usage_exits_with_2_and_prints_usage() {
    let sample = fixtures().join("worked-example.json");
    let sample = sample.to_string_lossy();
    for args in [
        vec![],
        vec!["rate"],
        vec!["rate", &sample],
        vec!["rate", &sample, "--period"],
        vec!["rate", &sample, "--period", "2026-13"],
        vec!["rate", &sample, "--period", "2026", "--period", "2026"],
        vec!["rate", &sample, "--bogus"],
        vec!["score", &sample, "--period", "2026"],
        vec!["rate", "/nonexistent/document.json", "--period", "2026"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_starbranch")).args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    let output =
        Command::new(env!("CARGO_BIN_EXE_starbranch")).args(["rate", "--period=2026-01", &sample]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
}
