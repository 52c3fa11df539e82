//! Tidy tests (after rust-analyzer's): the floor plan of docs/ARCHITECTURE.md, checked on the
//! source text with every `cargo test`, so a change that bends it fails here with the file and
//! line rather than in review.

use std::fs;
use std::path::{Path, PathBuf};

/// The store modules every area file may build on; nothing else in `src/store` may be imported
/// from a sibling.
const STORE_FLOOR: [&str; 5] = ["records", "schema", "tx", "error", "clock"];

/// Longest a page file may grow before it is split.
const PAGE_MAX_LINES: usize = 500;

fn rust_files(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    out.sort();
    assert!(!out.is_empty(), "no Rust files under {dir}");
    out
}

/// Source lines without `//` comments (doc comments name other modules freely).
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().enumerate().map(|(i, line)| (i + 1, line.split("//").next().unwrap_or("").to_string())).collect()
}

/// Every `prefix<name>` in `line`, as the names that follow the prefix.
fn names_after<'a>(line: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        let after = &rest[at + prefix.len()..];
        let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        // `super::{a, b}` groups: every name in the braces counts.
        if after.starts_with('{') {
            let close = after.find('}').unwrap_or(after.len());
            names.extend(after[1..close].split(',').map(|n| n.trim().split("::").next().unwrap_or("").trim()));
        } else {
            names.push(&after[..end]);
        }
        rest = &after[end.max(1).min(after.len())..];
    }
    names
}

fn report(violations: &[String], rule: &str) {
    assert!(violations.is_empty(), "{rule}:\n  {}", violations.join("\n  "));
}

#[test]
fn store_areas_import_only_the_floor() {
    let mut violations = Vec::new();
    for path in rust_files("src/store") {
        if path.file_name().is_some_and(|n| n == "mod.rs") {
            continue;
        }
        for (number, line) in code_lines(&path) {
            for name in names_after(&line, "super::") {
                let is_module = name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
                if is_module && !STORE_FLOOR.contains(&name) {
                    violations.push(format!("{}:{number}: super::{name}", path.display()));
                }
            }
        }
    }
    report(&violations, "a store area imports another area (only records, schema, tx, error, clock)");
}

#[test]
fn pages_never_import_a_sibling_page() {
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/pages");
    let mut violations = Vec::new();
    for path in rust_files("src/ui/pages") {
        // A page's own area is its folder (pages/<area>/…); anything else under pages/ is a sibling.
        let area = path
            .strip_prefix(&pages)
            .ok()
            .and_then(|p| p.components().next())
            .map(|c| c.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string());
        // How deep the file's module sits below pages/: pages/x.rs and pages/x/mod.rs are 1,
        // pages/x/y.rs is 2; that many `super::` lead back to pages/ and so to a sibling.
        let components = path.strip_prefix(&pages).map(|p| p.components().count()).unwrap_or(0);
        let depth = components - usize::from(path.file_name().is_some_and(|n| n == "mod.rs"));
        let to_pages = "super::".repeat(depth);
        for (number, line) in code_lines(&path) {
            for name in names_after(&line, "pages::") {
                if Some(name) != area.as_deref() {
                    violations.push(format!("{}:{number}: pages::{name}", path.display()));
                }
            }
            if depth > 0 && line.contains(&to_pages) {
                violations.push(format!("{}:{number}: reaches into pages/ through {to_pages}", path.display()));
            }
        }
    }
    report(&violations, "a page imports a sibling page (shared pieces belong in ui::{components, data, text})");
}

#[test]
fn the_domain_touches_no_browser_and_no_storage() {
    let forbidden = ["leptos", "web_sys", "wasm_bindgen", "js_sys", "indexed_db", "crate::store", "crate::ui"];
    let mut violations = Vec::new();
    for path in rust_files("src/domain") {
        for (number, line) in code_lines(&path) {
            for word in forbidden {
                if line.contains(word) {
                    violations.push(format!("{}:{number}: {word}", path.display()));
                }
            }
        }
    }
    report(&violations, "src/domain must stay pure (no web, storage or UI crate)");
}

#[test]
fn page_files_stay_small() {
    let mut violations = Vec::new();
    for path in rust_files("src/ui/pages") {
        let lines = fs::read_to_string(&path).expect("readable").lines().count();
        if lines > PAGE_MAX_LINES {
            violations.push(format!("{}: {lines} lines", path.display()));
        }
    }
    report(&violations, &format!("a page file is over {PAGE_MAX_LINES} lines: split it"));
}

#[test]
fn the_checks_can_fail() {
    // The scanners above must see what they look for, or every rule passes vacuously.
    assert_eq!(names_after("use super::ratings::RubricRecord;", "super::"), ["ratings"]);
    assert_eq!(names_after("use super::{records, tx::x};", "super::"), ["records", "tx"]);
    assert_eq!(names_after("crate::ui::pages::monthly::status_key(x)", "pages::"), ["monthly"]);
    assert!(names_after("let a = 1;", "super::").is_empty());
}
