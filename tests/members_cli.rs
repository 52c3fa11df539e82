#![cfg(not(target_arch = "wasm32"))]
//! `starbranch members FILE --date D` (docs/FORMAT.md §5.3), run as the binary over a backup of
//! the demo district's org tree and rolls plus members' records written here as the stores keep
//! them (JSON, the documented shapes), checksum included (`Backup::to_json`).

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};
use starbranch::domain::files::backup::{Backup, STORES};
use starbranch::domain::fixtures::district;
use starbranch::domain::org::MemberStatus;

const SCHEMA: u32 = 7;
const MADE: &str = "2026-12-02T08:00:00.000Z";
const BRANCH: &str = "demo-lb01";
const OTHER: &str = "demo-lb02";

/// Two full members of `branch` on the demo roll.
fn full_members(branch: &str) -> [String; 2] {
    let d = district::district();
    let ids: Vec<String> = d
        .members
        .iter()
        .filter(|m| m.branch == branch && m.status == MemberStatus::Full)
        .map(|m| m.id.clone())
        .collect();
    [ids[0].clone(), ids[1].clone()]
}

fn dues(member: &str, branch: &str, month: &str, due: f64, paid: f64) -> Value {
    let paid_on = (paid > 0.0).then(|| format!("{month}-10"));
    json!({"key": format!("{member}|{month}"), "member": member, "branch": branch, "month": month,
           "due": due, "paid": paid, "paid_on": paid_on})
}

fn stores(notice_days: Option<u32>) -> BTreeMap<String, Vec<Value>> {
    let d = district::district();
    let mut stores: BTreeMap<String, Vec<Value>> = STORES.iter().map(|s| (s.name.to_string(), Vec::new())).collect();
    let mut put = |store: &str, records: Vec<Value>| stores.get_mut(store).unwrap().extend(records);
    put("orgs", d.orgs.iter().map(|o| serde_json::to_value(o).unwrap()).collect());
    put("members", d.members.iter().map(|m| serde_json::to_value(m).unwrap()).collect());
    let [a, b] = full_members(BRANCH);
    put(
        "candidates",
        vec![
            // Applied, not yet an activist: no deadline.
            json!({"id": "c1", "branch": BRANCH, "name": "周一", "gender": "male", "birth": "2000-03-01",
                   "applied_on": "2026-03-01"}),
            // An activist since 2025-05: 发展对象 possible, never overdue.
            json!({"id": "c2", "branch": BRANCH, "name": "吴二", "gender": "female", "birth": "1998-07-07",
                   "applied_on": "2024-11-01", "activist": {"on": "2025-05-01", "contacts": [a, b]}}),
            // Probationary since 2025-10-20 with no second notice: 转正 and the notice were due by
            // 2026-10-20, both overdue on 2026-12-02.
            json!({"id": "c3", "branch": BRANCH, "name": "郑三", "gender": "male", "birth": "1995-01-15",
                   "applied_on": "2023-09-01", "activist": {"on": "2024-03-01", "contacts": [a, b]},
                   "candidate": {"on": "2025-03-10", "vetted": true, "notice": {"start": "2025-09-01", "end": "2025-09-07"}},
                   "probation": {"meeting_on": "2025-10-12", "approved_on": "2025-10-20"}, "member": "c3-m"}),
            // 正式党员 since 2026-06.
            json!({"id": "c4", "branch": BRANCH, "name": "王四", "gender": "female", "birth": "1990-02-02",
                   "applied_on": "2022-09-01", "activist": {"on": "2023-03-01", "contacts": [a, b]},
                   "candidate": {"on": "2024-03-10", "vetted": true, "notice": {"start": "2024-05-01", "end": "2024-05-07"}},
                   "probation": {"meeting_on": "2025-05-20", "approved_on": "2025-06-01",
                                 "notice": {"start": "2026-05-10", "end": "2026-05-16"}},
                   "full_on": "2026-06-01", "member": "c4-m"}),
        ],
    );
    let mut dues_records = Vec::new();
    // `a` has paid nothing since 2026-06 (7 months to December): prominent. `b` has not paid
    // October to December (3 months): flagged. Other months paid.
    for m in 1..=12 {
        let month = format!("2026-{m:02}");
        dues_records.push(dues(&a, BRANCH, &month, 20.0, if m >= 6 { 0.0 } else { 20.0 }));
        dues_records.push(dues(&b, BRANCH, &month, 30.0, if m >= 10 { 0.0 } else { 30.0 }));
    }
    // 2025-12 unpaid for `b`, then paid in January: the run restarts.
    dues_records.push(dues(&b, BRANCH, "2025-12", 30.0, 0.0));
    // The other branch paid half of December.
    let [c, _] = full_members(OTHER);
    dues_records.push(dues(&c, OTHER, "2026-12", 40.0, 20.0));
    put("dues", dues_records);
    put(
        "mobile_periods",
        vec![
            // Last report 2026-09-15: due by 2026-11-15, 17 days overdue on 2026-12-02.
            json!({"id": "p1", "member": b, "branch": BRANCH, "certificate": "LD-001", "destination": "深圳",
                   "left_on": "2026-05-01", "status_before": "full",
                   "reports": [{"date": "2026-07-01", "form": "written", "content": "思想汇报"},
                               {"date": "2026-09-15", "form": "oral", "content": "电话汇报"}]}),
            // Returned: never overdue.
            json!({"id": "p2", "member": a, "branch": BRANCH, "certificate": "LD-002", "destination": "杭州",
                   "left_on": "2025-01-01", "status_before": "full", "returned_on": "2025-06-30", "reports": []}),
        ],
    );
    if let Some(days) = notice_days {
        put("meta", vec![json!({"key": "members", "value": json!({"notice_days": days}).to_string()})]);
    }
    stores
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
    // A refused command may exit before reading its input: a closed pipe is not the test's concern.
    let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}

fn summary(date: &str, text: &str) -> Value {
    let output = run(&["members", "-", "--date", date], Some(text));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn branch<'a>(summary: &'a Value, id: &str) -> &'a Value {
    summary["branches"].as_array().unwrap().iter().find(|b| b["branch"] == id).unwrap()
}

#[test]
fn each_branch_has_its_pipeline_dues_and_mobile_members_on_the_day() {
    let text = Backup::new("0.1.0", SCHEMA, MADE, stores(None)).to_json();
    let out = summary("2026-12-02", &text);
    assert_eq!((out["date"].as_str(), out["month"].as_str()), (Some("2026-12-02"), Some("2026-12")));
    let [a, b] = full_members(BRANCH);
    let lb01 = branch(&out, BRANCH);
    assert_eq!(lb01["pipeline"], json!({"applicant": 1, "activist": 1, "candidate": 0, "probationary": 1, "full": 1}));
    assert_eq!(lb01["cancelled"], 0);
    assert_eq!(
        lb01["overdue_steps"],
        json!([
            {"candidate": "c3", "name": "郑三", "step": "second_notice", "due": "2026-10-20"},
            {"candidate": "c3", "name": "郑三", "step": "full", "due": "2026-10-20"},
        ])
    );
    // December: nothing of 50 yuan paid.
    assert_eq!(lb01["dues_rate"], "0.00");
    let unpaid: Vec<(String, u64, bool)> = lb01["unpaid_dues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["member"].as_str().unwrap().to_string(),
                u["months"].as_u64().unwrap(),
                u["prominent"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(unpaid, [(a.clone(), 7, true), (b.clone(), 3, false)]);
    assert_eq!(lb01["unpaid_dues"][0]["outstanding"], "140");
    assert_eq!(
        lb01["mobile_overdue"],
        json!([{"member": b, "name": lb01["mobile_overdue"][0]["name"], "due": "2026-11-15", "days": 17}])
    );
    assert!(lb01["mobile_overdue"][0]["name"].as_str().is_some_and(|n| !n.is_empty() && n != b));

    let lb02 = branch(&out, OTHER);
    assert_eq!(lb02["dues_rate"], "50.00");
    assert_eq!(lb02["unpaid_dues"], json!([]));
    assert_eq!(lb02["pipeline"]["applicant"], 0);
    // A branch without dues records has no rate, not a rate of 0.
    assert_eq!(branch(&out, "demo-lb03")["dues_rate"], Value::Null);
}

#[test]
fn an_earlier_day_counts_only_what_had_happened_and_the_month_s_own_dues() {
    let text = Backup::new("0.1.0", SCHEMA, MADE, stores(None)).to_json();
    let out = summary("2026-05-31", &text);
    let lb01 = branch(&out, BRANCH);
    // c4 was probationary then; c3 too; nothing overdue yet; May fully paid.
    assert_eq!(lb01["pipeline"]["full"], 0);
    assert_eq!(lb01["pipeline"]["probationary"], 2);
    assert_eq!(lb01["overdue_steps"], json!([]));
    assert_eq!(lb01["dues_rate"], "100.00");
    assert_eq!(lb01["unpaid_dues"], json!([]));
    // The mobile period began on 2026-05-01: its first report is due by 2026-07-01.
    assert_eq!(lb01["mobile_overdue"], json!([]));
}

#[test]
fn bad_usage_and_bad_files_exit_with_2_and_print_nothing() {
    for args in [
        &["members", "-"][..],
        &["members", "--date", "2026-12-02"][..],
        &["members", "-", "--date", "2026-13-01"][..],
        &["members", "-", "--date", "2026-12-02", "--date", "2026-12-03"][..],
    ] {
        let output = run(args, Some("{}"));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
    }
    let mut broken = stores(None);
    broken
        .get_mut("dues")
        .unwrap()
        .push(json!({"key": "x|2026-12", "member": "x", "branch": BRANCH, "month": "2026-12"}));
    let text = Backup::new("0.1.0", SCHEMA, MADE, broken).to_json();
    let output = run(&["members", "-", "--date", "2026-12-02"], Some(&text));
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("dues[") && stderr.contains("nothing reported"), "{stderr}");
}
