#![cfg(not(target_arch = "wasm32"))]
//! `starbranch coverage FILE --date D [--months N]` (docs/FORMAT.md §5.1), run as the binary over
//! a backup file built here from plain records and written with the domain's own writer
//! (`Backup::to_json`, checksum included), with every figure worked out by hand below.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde::Serialize;
use serde_json::{json, Value};
use starbranch::domain::files::backup::{Backup, STORES};
use starbranch::domain::ledger::{LedgerRecord, MeetingKind};
use starbranch::domain::org::{Gender, Member, MemberStatus, Org, OrgKind};
use starbranch::domain::units::formation::{Formation, Stage};
use starbranch::domain::units::shell::{ShellAction, ShellDecision, DEFAULT_LIFE_MONTHS};
use starbranch::domain::units::unit::{BusinessStatus, MassOrgs, SubType, Unit};
use starbranch::domain::values::date::Date;
use starbranch::domain::Category;

const SCHEMA: u32 = 5;

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn org(id: &str, parent: Option<&str>, kind: OrgKind, name: &str) -> Org {
    Org {
        id: id.into(),
        parent: parent.map(Into::into),
        kind,
        name: name.into(),
        category: (kind == OrgKind::Branch).then_some(Category::NonPublic),
        secretary: String::new(),
        contact: String::new(),
        founded: Some(date("2021-03-01")),
        archived: false,
    }
}

/// An operating private enterprise registered in 2020, uncovered, with 3 full of 4 members.
fn unit(id: &str, area: &str) -> Unit {
    Unit {
        id: id.into(),
        name: format!("{id} 有限公司"),
        credit_code: "91350100M000100Y43".into(),
        sub_type: SubType::Private,
        industry: "制造业".into(),
        area: area.into(),
        employees: 50,
        above_scale: false,
        status: BusinessStatus::Operating,
        status_date: None,
        supervisor: String::new(),
        party_members: 4,
        full_members: 3,
        membership_here: 4,
        mass_orgs: MassOrgs::default(),
        registered: date("2020-01-01"),
        formation: None,
        formed_on: None,
        stage: Stage::NotFormed,
    }
}

fn covered(id: &str, area: &str, formation: Formation) -> Unit {
    let stage = if formation.org().is_some() { Stage::Formed } else { Stage::NotFormed };
    Unit { formation: Some(formation), formed_on: Some(date("2022-05-01")), stage, ..unit(id, area) }
}

fn member(id: &str, branch: &str, status: MemberStatus) -> Member {
    Member {
        id: id.into(),
        branch: branch.into(),
        name: id.into(),
        gender: Gender::Male,
        birth: date("1980-01-01"),
        joined: date("2005-07-01"),
        position: String::new(),
        status,
    }
}

fn meeting(id: &str, branch: &str, day: &str, kind: MeetingKind) -> LedgerRecord {
    LedgerRecord {
        id: id.into(),
        branch: branch.into(),
        date: date(day),
        kind,
        topic: "学习".into(),
        place: String::new(),
        host: String::new(),
        attendees: vec![],
        absentees: vec![],
        minutes: String::new(),
        attachments: vec![],
    }
}

fn value(record: &impl Serialize) -> Value {
    serde_json::to_value(record).unwrap()
}

/// A decision as the store keeps it: the decision plus its key `org|date`.
fn decision(org: &str, day: &str, action: ShellAction) -> Value {
    let mut record =
        value(&ShellDecision { org: org.into(), decision: action, reason: "核查".into(), date: date(day) });
    record["key"] = format!("{org}|{day}").into();
    record
}

/// The registry (every store of `schema` there, most empty):
///
/// | unit | area | above scale | registered | status | formation |
/// |---|---|---|---|---|---|
/// | u1 | 新城街道 | yes | 2020 | operating | standalone b1 |
/// | u2 | 新城街道 | no | 2020 | operating | joint b2 |
/// | u3 | 玉泉区 | no | 2020 | operating | joint b2 |
/// | u4 | 新城街道 | yes | 2020 | deregistered 2026-06-30 | standalone b3 |
/// | u5 | 玉泉区 | yes | 2020 | operating | instructor |
/// | u6 | 新城街道 | yes | 2026-12-15 | operating | none |
/// | u7 | " 玉泉区" | yes | 2020 | operating | none |
///
/// Orgs: committee c with branches b1, b2, b3 (founded 2021-03-01). Rolls: b1 two full members
/// and one probationary, b2 three full, b3 four full. Ledger: b1 an "other" activity on
/// 2026-10-10 (not organisational life), b2 a branch assembly on 2026-10-15, b3 nothing.
/// Decisions: b1 on 2026-07-10, b3 on 2026-11-20.
fn stores(schema: u32) -> BTreeMap<String, Vec<Value>> {
    let mut stores: BTreeMap<String, Vec<Value>> =
        STORES.iter().filter(|s| s.since <= schema).map(|s| (s.name.to_string(), Vec::new())).collect();
    let mut put = |store: &str, record: Value| stores.get_mut(store).unwrap().push(record);

    put("orgs", value(&org("c", None, OrgKind::Committee, "新城街道党工委")));
    put("orgs", value(&org("b1", Some("c"), OrgKind::Branch, "甲公司党支部")));
    put("orgs", value(&org("b2", Some("c"), OrgKind::Branch, "乙丙联合党支部")));
    put("orgs", value(&org("b3", Some("c"), OrgKind::Branch, "丁公司党支部")));
    for (id, branch, status) in [
        ("m1", "b1", MemberStatus::Full),
        ("m2", "b1", MemberStatus::Full),
        ("m3", "b1", MemberStatus::Probationary),
        ("m4", "b2", MemberStatus::Full),
        ("m5", "b2", MemberStatus::Full),
        ("m6", "b2", MemberStatus::Full),
        ("m7", "b3", MemberStatus::Full),
        ("m8", "b3", MemberStatus::Full),
        ("m9", "b3", MemberStatus::Full),
        ("m10", "b3", MemberStatus::Full),
    ] {
        put("members", value(&member(id, branch, status)));
    }
    if schema >= 4 {
        put("ledger", value(&meeting("r1", "b1", "2026-10-10", MeetingKind::Other)));
        put("ledger", value(&meeting("r2", "b2", "2026-10-15", MeetingKind::BranchAssembly)));
    }
    if schema >= 5 {
        let standalone = |org: &str| Formation::Standalone { org: org.into() };
        let joint = Formation::Joint { org: "b2".into() };
        let u1 = Unit {
            above_scale: true,
            party_members: 3,
            full_members: 2,
            ..covered("u1", "新城街道", standalone("b1"))
        };
        let u4 = Unit {
            above_scale: true,
            status: BusinessStatus::Deregistered,
            status_date: Some(date("2026-06-30")),
            ..covered("u4", "新城街道", standalone("b3"))
        };
        let u5 = Unit {
            above_scale: true,
            ..covered("u5", "玉泉区", Formation::Instructor { name: "王指导员".into() })
        };
        let u6 = Unit { above_scale: true, registered: date("2026-12-15"), ..unit("u6", "新城街道") };
        let u7 = Unit { above_scale: true, ..unit("u7", " 玉泉区") };
        for u in [u1, covered("u2", "新城街道", joint.clone()), covered("u3", "玉泉区", joint), u4, u5, u6, u7] {
            put("units", value(&u));
        }
        put("shell_decisions", decision("b1", "2026-07-10", ShellAction::Rectify));
        put("shell_decisions", decision("b3", "2026-11-20", ShellAction::Keep));
    }
    stores
}

fn backup_text(schema: u32) -> String {
    Backup::new("0.1.0", schema, "2026-11-30T08:00:00.000Z", stores(schema)).to_json()
}

/// A temporary file unique to this process and `name`, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!("starbranch-units-cli-{}-{name}.json", std::process::id()));
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

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_starbranch")).args(args).output().unwrap()
}

/// Runs the command, expects success, and returns stdout as JSON.
fn report(args: &[&str]) -> Value {
    let output = run(args);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Runs the command, expects exit code 2 with nothing on stdout, and returns stderr.
fn refused(args: &[&str]) -> String {
    let output = run(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&output.stdout));
    String::from_utf8(output.stderr).unwrap()
}

fn share(numerator: u32, denominator: u32, percent: &str) -> Value {
    json!({"numerator": numerator, "denominator": denominator, "percent": percent})
}

#[test]
fn the_report_of_a_day_has_every_figure_and_flag() {
    let file = TempFile::new("report", &backup_text(SCHEMA));
    let actual = report(&["coverage", &file.path(), "--date", "2026-11-30"]);
    // Active on 2026-11-30: u1, u2, u3, u5, u7 (u4 deregistered on 2026-06-30, u6 registered
    // only on 2026-12-15) = 5. Organisation: u1, u2, u3 = 3 / 5 = 60.00 %; work: those and u5's
    // instructor = 4 / 5 = 80.00 %.
    // Above scale: u1, u4, u5, u6, u7, of which u1, u5, u7 active = 3; organisation u1 = 1 / 3
    // = 33.333… → 33.33 %; work u1, u5 = 2 / 3 = 66.666… → 66.67 % (half up).
    // By area, in name order (新 U+65B0 before 玉 U+7389): 新城街道 active u1, u2 → 2 / 2 both;
    // 玉泉区 (u7's " 玉泉区" is the same area) active u3, u5, u7 → organisation u3 = 1 / 3,
    // work u3, u5 = 2 / 3. The areas add up to the totals: 2 + 3 = 5, 2 + 1 = 3, 2 + 2 = 4.
    // Shells, in the order of their first unit; the window is 2026-08-01 … 2026-11-30 (three
    // whole months before November, and November so far):
    // - b1 (u1): two full members (m3 is probationary) < 3; its only ledger entry is "other",
    //   which is not organisational life; the decision of 2026-07-10 lies before the window, so
    //   the flag is open.
    // - b2 (u2, u3): three full members and a branch assembly on 2026-10-15 — not flagged.
    // - b3 (u4): its unit is deregistered, no meeting at all; decided on 2026-11-20, inside.
    let expected = json!({
        "date": "2026-11-30",
        "coverage": {"active": 5, "org": share(3, 5, "60.00"), "work": share(4, 5, "80.00")},
        "above_scale": {"active": 3, "org": share(1, 3, "33.33"), "work": share(2, 3, "66.67")},
        "by_area": [
            {"area": "新城街道", "active": 2, "org": share(2, 2, "100.00"), "work": share(2, 2, "100.00")},
            {"area": "玉泉区", "active": 3, "org": share(1, 3, "33.33"), "work": share(2, 3, "66.67")},
        ],
        "shells": [
            {"org": "b1", "name": "甲公司党支部", "causes": [
                {"cause": "too_few_members", "full": 2},
                {"cause": "no_organisational_life", "since": "2026-08"},
            ], "decided": false},
            {"org": "b3", "name": "丁公司党支部", "causes": [
                {"cause": "unit_closed", "unit": "u4", "status": "deregistered"},
                {"cause": "no_organisational_life", "since": "2026-08"},
            ], "decided": true},
        ],
    });
    assert_eq!(actual, expected, "{}", serde_json::to_string_pretty(&actual).unwrap());
    // The default window is the documented one.
    assert_eq!(DEFAULT_LIFE_MONTHS, 3);
    let explicit = report(&["coverage", "--months=3", "--date=2026-11-30", &file.path()]);
    assert_eq!(explicit, expected);
}

#[test]
fn months_narrow_the_window_of_organisational_life() {
    let file = TempFile::new("months", &backup_text(SCHEMA));
    let actual = report(&["coverage", &file.path(), "--date", "2026-11-30", "--months", "0"]);
    // --months 0: only November 2026 so far. b2's assembly of 2026-10-15 falls out, so b2 is
    // flagged too (after b1, before b3: the order of their first units u1, u2, u4); b3's
    // decision of 2026-11-20 is still inside, b1's of July is not.
    let shells: Vec<(&str, bool, Vec<&str>)> = actual["shells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let causes = s["causes"].as_array().unwrap().iter().map(|c| c["cause"].as_str().unwrap()).collect();
            (s["org"].as_str().unwrap(), s["decided"].as_bool().unwrap(), causes)
        })
        .collect();
    assert_eq!(
        shells,
        [
            ("b1", false, vec!["too_few_members", "no_organisational_life"]),
            ("b2", false, vec!["no_organisational_life"]),
            ("b3", true, vec!["unit_closed", "no_organisational_life"]),
        ]
    );
    assert_eq!(actual["shells"][1]["causes"][0]["since"], "2026-11");
    // The figures do not depend on the window.
    assert_eq!(actual["coverage"]["org"], share(3, 5, "60.00"));
}

#[test]
fn an_older_backup_without_units_has_no_rate() {
    // Schema 4 had no units or decisions: migrated, those stores are empty, so there is no
    // active unit, every percentage is null, no area appears and nothing is flagged.
    let none = json!({"numerator": 0, "denominator": 0, "percent": null});
    let figures = json!({"active": 0, "org": none, "work": none});
    let empty = json!({"date": "2026-11-30", "coverage": figures, "above_scale": figures, "by_area": [], "shells": []});
    let file = TempFile::new("schema4", &backup_text(4));
    assert_eq!(report(&["coverage", &file.path(), "--date", "2026-11-30"]), empty);
    // Schema 1 wrote an org's `status` where the app now keeps `archived`; the file is migrated
    // as a restore would before its orgs are read, so it reads too.
    let mut v1 = stores(1);
    for org in v1.get_mut("orgs").unwrap() {
        let fields = org.as_object_mut().unwrap();
        fields.remove("archived");
        fields.insert("status".into(), "active".into());
    }
    let file = TempFile::new("schema1", &Backup::new("0.1.0", 1, "2026-11-30T08:00:00.000Z", v1).to_json());
    assert_eq!(report(&["coverage", &file.path(), "--date", "2026-11-30"]), empty);
}

#[test]
fn bad_usage_and_bad_dates_exit_with_2_and_the_usage() {
    let file = TempFile::new("usage", &backup_text(SCHEMA));
    let path = file.path();
    for (args, message) in [
        (vec!["coverage", path.as_str()], "missing --date"),
        (vec!["coverage", "--date", "2026-11-30"], "missing FILE"),
        (vec!["coverage", path.as_str(), "--date"], "--date needs a value"),
        (vec!["coverage", path.as_str(), "--date", "2026-02-30"], r#"invalid date "2026-02-30": expected YYYY-MM-DD"#),
        (vec!["coverage", path.as_str(), "--date", "30.11.2026"], r#"invalid date "30.11.2026""#),
        (vec!["coverage", path.as_str(), "--date=2026-11-30", "--date=2026-11-30"], "--date given twice"),
        (vec!["coverage", path.as_str(), "--date", "2026-11-30", "--months", "-1"], "--months must be a whole number"),
        (vec!["coverage", path.as_str(), "--date", "2026-11-30", "--period", "2026"], r#"unknown option "--period""#),
        (vec!["coverage", path.as_str(), path.as_str(), "--date", "2026-11-30"], "unexpected argument"),
        (vec!["rate", path.as_str(), "--date", "2026-11-30"], r#"unknown option "--date""#),
    ] {
        let stderr = refused(&args);
        assert!(stderr.contains(&format!("starbranch: {message}")), "{args:?}: {stderr}");
        assert!(stderr.contains("starbranch coverage FILE --date D [--months N]"), "{args:?}: {stderr}");
    }
    let stderr = refused(&["coverage", "/nonexistent/backup.json", "--date", "2026-11-30"]);
    assert!(stderr.starts_with("starbranch: cannot read /nonexistent/backup.json: "), "{stderr}");
}

#[test]
fn help_names_both_commands() {
    let output = run(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(help.contains("usage: starbranch rate FILE --period P\n"), "{help}");
    assert!(help.contains("       starbranch coverage FILE --date D [--months N]\n"), "{help}");
    assert!(help.contains(&format!("(default {DEFAULT_LIFE_MONTHS})")), "{help}");
}

#[test]
fn a_tampered_backup_is_refused() {
    let text = backup_text(SCHEMA);
    let tampered = text.replace("甲公司党支部", "戊公司党支部");
    assert_ne!(tampered, text);
    let file = TempFile::new("tampered", &tampered);
    let stderr = refused(&["coverage", &file.path(), "--date", "2026-11-30"]);
    assert_eq!(
        stderr,
        format!(
            "starbranch: the checksum does not match: the file was changed or damaged\n\
             starbranch: {}: 1 problem(s); nothing reported\n",
            file.path()
        )
    );
}

#[test]
fn an_invalid_backup_lists_every_problem() {
    // Located problems of the backup itself: a ledger record naming a branch that is not there.
    let mut edited = stores(SCHEMA);
    edited.get_mut("ledger").unwrap().push(value(&meeting("r9", "bx", "2026-10-01", MeetingKind::ThemeDay)));
    edited.get_mut("shell_decisions").unwrap().push(decision("by", "2026-11-01", ShellAction::Merge));
    let file = TempFile::new("dangling", &Backup::new("0.1.0", SCHEMA, "2026-11-30T08:00:00.000Z", edited).to_json());
    let stderr = refused(&["coverage", &file.path(), "--date", "2026-11-30"]);
    assert!(stderr.contains("starbranch: ledger[2]: branch bx not found\n"), "{stderr}");
    assert!(stderr.contains("starbranch: shell_decisions[2]: branch by not found\n"), "{stderr}");
    assert!(stderr.ends_with(": 2 problem(s); nothing reported\n"), "{stderr}");

    // Records the backup accepts (they carry their key) but that are not records of their
    // store's type: each is named with its place.
    let mut edited = stores(SCHEMA);
    edited.get_mut("units").unwrap()[1].as_object_mut().unwrap().remove("credit_code");
    edited.get_mut("members").unwrap()[0]["status"] = "retired".into();
    let file = TempFile::new("records", &Backup::new("0.1.0", SCHEMA, "2026-11-30T08:00:00.000Z", edited).to_json());
    let stderr = refused(&["coverage", &file.path(), "--date", "2026-11-30"]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!(lines[0], "starbranch: units[1]: missing field `credit_code`");
    assert!(lines[1].starts_with("starbranch: members[0]: unknown variant `retired`"), "{stderr}");
    assert!(lines[2].ends_with(": 2 problem(s); nothing reported"), "{stderr}");
}
