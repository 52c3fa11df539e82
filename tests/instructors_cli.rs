#![cfg(not(target_arch = "wasm32"))]
//! `starbranch instructors FILE --year Y` (docs/FORMAT.md §5.2), run as the binary over a backup
//! of the demo district (domain::fixtures::instructors) written with the domain's own writer
//! (`Backup::to_json`, checksum included). The figures are the district's, worked out in
//! tests/demo_district.rs and in the fixture's comments.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde::Serialize;
use serde_json::{json, Value};
use starbranch::domain::files::backup::{Backup, STORES};
use starbranch::domain::fixtures::district;
use starbranch::domain::instructors::review::ResultRule;
use starbranch::domain::instructors::settings::InstructorSettings;
use starbranch::domain::values::date::Date;

const SCHEMA: u32 = 7;
const MADE: &str = "2026-11-30T08:00:00.000Z";

fn value(record: &impl Serialize) -> Value {
    serde_json::to_value(record).unwrap()
}

/// A record as the store keeps it: its fields and its key.
fn keyed(record: &impl Serialize, key: String) -> Value {
    let mut value = value(record);
    value["key"] = key.into();
    value
}

/// The district's units, instructors, assignments, reports, reviews and requests, filed on or
/// before `made` (a backup holds nothing filed after it was made); every other store empty.
fn stores(made: Date, settings: Option<&InstructorSettings>) -> BTreeMap<String, Vec<Value>> {
    let d = district::district();
    let mut stores: BTreeMap<String, Vec<Value>> = STORES.iter().map(|s| (s.name.to_string(), Vec::new())).collect();
    let mut put = |store: &str, records: Vec<Value>| stores.get_mut(store).unwrap().extend(records);
    put("units", d.units.iter().map(value).collect());
    put("instructors", d.instructors.iter().map(value).collect());
    put("assignments", d.assignments.iter().map(value).collect());
    let reports = d.instructor_reports.iter().filter(|r| r.filed_on <= made);
    put("instructor_reports", reports.map(|r| keyed(r, r.key())).collect());
    put("year_end_reviews", d.year_end_reviews.iter().map(|r| keyed(r, r.key())).collect());
    put("requests", d.requests.iter().map(value).collect());
    if let Some(settings) = settings {
        put("meta", vec![json!({"key": "instructors", "value": settings.to_json()})]);
    }
    stores
}

fn backup_text(made: &str, settings: Option<&InstructorSettings>) -> String {
    let day: Date = made[..10].parse().unwrap();
    Backup::new("0.1.0", SCHEMA, made, stores(day, settings)).to_json()
}

/// A temporary file unique to this process and `name`, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!("starbranch-instructors-cli-{}-{name}.json", std::process::id()));
        std::fs::write(&path, text).unwrap();
        TempFile(path)
    }

    fn path(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_starbranch"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

/// Runs the command, expects success, and returns stdout as JSON.
fn summary(args: &[&str], stdin: Option<&str>) -> Value {
    let output = run(args, stdin);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Runs the command, expects exit code 2 with nothing on stdout, and returns stderr.
fn refused(args: &[&str]) -> String {
    let output = run(args, None);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&output.stdout));
    String::from_utf8(output.stderr).unwrap()
}

/// Each row's name, reports filed / expected / late, satisfaction rate and result.
fn figures(summary: &Value) -> Vec<Value> {
    summary["instructors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            json!([
                r["name"],
                r["reports_filed"],
                r["reports_expected"],
                r["reports_late"],
                r["satisfaction_rate"],
                r["result"]
            ])
        })
        .collect()
}

#[test]
fn the_2025_year_of_the_district_has_every_result() {
    let file = TempFile::new("2025", &backup_text(MADE, None));
    let actual = summary(&["instructors", &file.path(), "--year", "2025"], None);
    assert_eq!(actual["year"], 2025);
    // Stated for 2025-12-31 (before the backup was made). Sorted by name, by code point.
    // - 刘晓燕: 12 reports owed, November's missing; 60 of 60 answers satisfied = 100 %, the
    //   leadership's 优秀 — but 优秀 needs every report: 称职.
    // - 周海峰: served the whole year, every report in, no review: no result, the review pending.
    // - 郭斌: June to December, September and October missing, July late; 30 of 50 = 60 %: 不称职.
    // - 韩雪: two units all year, one report late; 45 of 50 = 90 %: 称职 (the leadership said 优秀).
    // - 高志远: two units from March, 20 of 20 on time; 59 of 60 = 98.333… → 98.33 %: 优秀.
    assert_eq!(
        figures(&actual),
        [
            json!(["刘晓燕", 11, 12, 0, 100.0, "competent"]),
            json!(["周海峰", 12, 12, 0, null, null]),
            json!(["郭斌", 5, 7, 1, 60.0, "unfit"]),
            json!(["韩雪", 24, 24, 1, 90.0, "competent"]),
            json!(["高志远", 20, 20, 0, 98.33, "excellent"]),
        ]
    );
    assert_eq!(actual["instructors"][1]["pending"], json!(["review"]));
    assert_eq!(actual["instructors"][4]["pending"], json!([]));
    assert_eq!(
        (&actual["instructors"][4]["id"], &actual["instructors"][4]["visits"], &actual["instructors"][4]["services"]),
        (&json!("demo-i01"), &json!(40), &json!(30))
    );
}

#[test]
fn the_2026_year_so_far_is_stated_for_the_day_the_backup_was_made() {
    let file = TempFile::new("2026", &backup_text(MADE, None));
    let actual = summary(&["instructors", &file.path(), "--year=2026"], None);
    // On 2026-11-30: the reports up to October are due (October's on 11-05); November's are
    // open unless filed (高志远 filed his on 11-28). 刘晓燕's second unit, appointed 10-10, owes
    // October and it is missing. Only 高志远 has a 2026 review: three forms, all satisfied, the
    // leadership not yet asked.
    assert_eq!(
        figures(&actual),
        [
            json!(["刘晓燕", 10, 11, 1, null, null]),
            json!(["郭斌", 7, 10, 1, null, null]),
            json!(["韩雪", 19, 20, 2, null, null]),
            json!(["高志远", 22, 22, 0, 100.0, null]),
        ]
    );
    assert_eq!(actual["instructors"][3]["pending"], json!(["leader_grade", {"responses": {"have": 3, "need": 10}}]));

    // A backup made on 2026-10-20 (holding only what was filed by then): September's reports
    // are the last due; October's are open. 郭斌 owes 9 and filed 7; 刘晓燕's new unit owes
    // nothing yet.
    let earlier = TempFile::new("2026-10", &backup_text("2026-10-20T09:30:00.000Z", None));
    let actual = summary(&["instructors", &earlier.path(), "--year", "2026"], None);
    assert_eq!(
        figures(&actual),
        [
            json!(["刘晓燕", 9, 9, 1, null, null]),
            json!(["郭斌", 7, 9, 1, null, null]),
            json!(["韩雪", 18, 18, 2, null, null]),
            json!(["高志远", 18, 18, 0, 100.0, null]),
        ]
    );
    // A year nobody served in lists nobody (刘晓燕 and 周海峰 served in 2023 already).
    assert_eq!(
        summary(&["instructors", &file.path(), "--year", "2022"], None),
        json!({"year": 2022, "instructors": []})
    );
}

#[test]
fn the_backup_s_own_settings_decide_from_standard_input() {
    // The committee does not ask for every report for 优秀: 刘晓燕's 100 % is 优秀.
    let lenient = InstructorSettings {
        rule: ResultRule { excellent_needs_all_reports: false, ..ResultRule::default() },
        ..InstructorSettings::default()
    };
    let actual = summary(&["instructors", "-", "--year", "2025"], Some(&backup_text(MADE, Some(&lenient))));
    assert_eq!(figures(&actual)[0], json!(["刘晓燕", 11, 12, 0, 100.0, "excellent"]));
    // Reports due on the 20th: those filed on the 12th of the next month are on time.
    let late_due = InstructorSettings { report_due_day: 20, ..InstructorSettings::default() };
    let actual = summary(&["instructors", "-", "--year", "2026"], Some(&backup_text(MADE, Some(&late_due))));
    assert_eq!(figures(&actual)[0], json!(["刘晓燕", 10, 11, 0, null, null]));
    assert_eq!(figures(&actual)[2], json!(["韩雪", 19, 20, 0, null, null]));
}

#[test]
fn bad_usage_and_bad_files_exit_with_2() {
    let file = TempFile::new("usage", &backup_text(MADE, None));
    let path = file.path();
    for (args, message) in [
        (vec!["instructors", path.as_str()], "missing --year"),
        (vec!["instructors", "--year", "2026"], "missing FILE"),
        (vec!["instructors", path.as_str(), "--year"], "--year needs a value"),
        (
            vec!["instructors", path.as_str(), "--year", "26"],
            r#"--year must be a year YYYY from 1900 to 2999, not "26""#,
        ),
        (vec!["instructors", path.as_str(), "--year", "3100"], "--year must be a year"),
        (vec!["instructors", path.as_str(), "--year", "2026-Q1"], "--year must be a year"),
        (vec!["instructors", path.as_str(), "--year=2026", "--year=2025"], "--year given twice"),
        (vec!["instructors", path.as_str(), "--year", "2026", "--date", "2026-11-30"], r#"unknown option "--date""#),
    ] {
        let stderr = refused(&args);
        assert!(stderr.contains(&format!("starbranch: {message}")), "{args:?}: {stderr}");
        assert!(stderr.contains("starbranch instructors FILE --year Y"), "{args:?}: {stderr}");
    }

    let tampered = TempFile::new("tampered", &backup_text(MADE, None).replace("高志远", "高志违"));
    let stderr = refused(&["instructors", &tampered.path(), "--year", "2026"]);
    assert!(stderr.starts_with("starbranch: the checksum does not match"), "{stderr}");
    assert!(stderr.ends_with(": 1 problem(s); nothing reported\n"), "{stderr}");

    // Records that are not records of their store: each located.
    let mut edited = stores("2026-11-30".parse().unwrap(), None);
    edited.get_mut("instructors").unwrap()[1].as_object_mut().unwrap().remove("name");
    edited.get_mut("assignments").unwrap()[0]["role"] = "mentor".into();
    let bad = TempFile::new("records", &Backup::new("0.1.0", SCHEMA, MADE, edited).to_json());
    let stderr = refused(&["instructors", &bad.path(), "--year", "2026"]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!(lines[0], "starbranch: instructors[1]: missing field `name`");
    assert!(lines[1].starts_with("starbranch: assignments[0]: unknown variant `mentor`"), "{stderr}");
    assert!(lines[2].ends_with(": 2 problem(s); nothing reported"), "{stderr}");

    // A backup whose time is not a date.
    let undated = TempFile::new(
        "undated",
        &Backup::new("0.1.0", SCHEMA, "yesterday", stores("2026-11-30".parse().unwrap(), None)).to_json(),
    );
    let stderr = refused(&["instructors", &undated.path(), "--year", "2026"]);
    assert!(
        stderr.starts_with(r#"starbranch: created_at "yesterday" does not begin with a date YYYY-MM-DD"#),
        "{stderr}"
    );
}

#[test]
fn help_names_the_command() {
    let output = run(&["--help"], None);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(help.contains("       starbranch instructors FILE --year Y\n"), "{help}");
}
