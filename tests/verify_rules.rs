//! "Verify" over a backup made as the app makes it: the chain, the sheets and reviews against
//! their history, the publications against their inputs and the engine — and every kind of
//! edit by hand, with the file's checksum recomputed, found at its place. Also the command.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use starbranch::domain::files::backup::{self, Backup, STORES};
use starbranch::domain::files::import::rubric_key;
use starbranch::domain::fixtures::demo;
use starbranch::domain::rating::dataset::{EvaluationRecord, RatingsData};
use starbranch::domain::rating::evaluation::ReviewStatus;
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::rating::scoring::Stars;
use starbranch::domain::review::quarter::{self, QuarterReview};
use starbranch::domain::trust::chain::{self, ChainBreak};
use starbranch::domain::trust::verify::{self, Break, PublishedField};
use starbranch::domain::values::period::{Period, Quarter};
use starbranch::domain::values::points::Points;

const SCHEMA: u32 = 7;

/// A database kept as the store keeps it: records by store, and a history sealed entry by entry.
struct Device {
    data: RatingsData,
    history: Vec<Value>,
}

impl Device {
    fn new() -> Device {
        let (orgs, _) = demo::organisation();
        let rubric = Rubric::default_rubric();
        let key = rubric_key(&rubric);
        let (evaluations, five_haves) = demo::evaluations(&rubric);
        let data = RatingsData {
            orgs,
            evaluations: evaluations.into_iter().map(|e| EvaluationRecord::new(&key, e)).collect(),
            rubrics: HashMap::from([(key.clone(), rubric)]),
            active: key,
            five_haves,
            ..RatingsData::default()
        };
        Device { data, history: Vec::new() }
    }

    fn append(&mut self, action: &str, target: &str, before: Option<String>, after: Option<String>) {
        let mut entry = json!({
            "at": format!("2026-11-{:02}T08:00:00Z", self.history.len() % 28 + 1),
            "action": action, "target": target, "before": before, "after": after,
        });
        let link = chain::next(chain::head(&self.history).as_ref(), &entry);
        chain::seal(&mut entry, &link);
        self.history.push(entry);
    }

    /// Saves the sheet `key` with one score changed, as the sheet page does.
    fn save_sheet(&mut self, key: &str, indicator: &str, score: i64) {
        let record = self.data.evaluations.iter_mut().find(|r| r.key == key).expect("sheet");
        let before = serde_json::to_string(&record.evaluation).unwrap();
        record.evaluation.scores.insert(indicator.into(), Points::from_whole(score));
        let after = serde_json::to_string(&record.evaluation).unwrap();
        self.append("evaluation.save_draft", key, Some(before), Some(after));
    }

    fn write_review(&mut self, action: &str, before: Option<QuarterReview>, review: QuarterReview) {
        let target = review.quarter.to_string();
        let before = before.map(|b| serde_json::to_string(&b).unwrap());
        self.append(action, &target, before, Some(serde_json::to_string(&review).unwrap()));
        self.data.reviews.insert(review.quarter, review);
    }

    /// Adjusts `branch` one star up in `q` and publishes `q`, as the review page does.
    fn adjust_and_publish(&mut self, q: Quarter, branch: &str) {
        let mut review = QuarterReview::new(q);
        let row = self.data.rate(Period::Quarter(q)).into_iter().find(|r| r.branch == branch).unwrap();
        let up = Stars::new(row.stars.unwrap().get() % 5 + 1).unwrap();
        review.adjust(&row, up, "线下验收", "李主任", "2026-10-05T08:00:00Z").unwrap();
        self.write_review("review.adjust", None, review.clone());
        let before = review.clone();
        let rows = self.data.reviewed(Period::Quarter(q));
        let statuses: Vec<_> = self
            .data
            .evaluations
            .iter()
            .filter(|r| r.evaluation.month.quarter() == q)
            .map(|r| (r.evaluation.branch.clone(), r.evaluation.month, r.evaluation.status))
            .collect();
        review.publish(&rows, &statuses, vec![self.data.active.clone()], "李主任", "2026-10-06T08:00:00Z").unwrap();
        for record in self.data.evaluations.iter_mut().filter(|r| r.evaluation.month.quarter() == q) {
            record.evaluation.status = quarter::month_status_after(true, record.evaluation.status);
        }
        let sheets: Vec<&EvaluationRecord> =
            self.data.evaluations.iter().filter(|r| r.evaluation.month.quarter() == q).collect();
        verify::seal_publication(&mut review, &sheets, &self.data.rubrics);
        self.write_review("review.publish", Some(before), review);
    }

    fn backup(&self) -> Backup {
        let mut stores: BTreeMap<String, Vec<Value>> =
            STORES.iter().map(|s| (s.name.to_string(), Vec::new())).collect();
        let all = |values: Vec<Value>| values;
        stores.insert("orgs".into(), all(self.data.orgs.iter().map(|o| serde_json::to_value(o).unwrap()).collect()));
        let mut rubrics = Vec::new();
        for (key, rubric) in &self.data.rubrics {
            let mut record = serde_json::to_value(rubric).unwrap();
            record["key"] = key.clone().into();
            rubrics.push(record);
        }
        stores.insert("rubrics".into(), rubrics);
        stores.insert("meta".into(), vec![json!({"key": "active_rubric", "value": self.data.active})]);
        stores.insert(
            "evaluations".into(),
            self.data.evaluations.iter().map(|r| serde_json::to_value(r).unwrap()).collect(),
        );
        stores.insert("reviews".into(), self.data.reviews.values().map(|r| serde_json::to_value(r).unwrap()).collect());
        stores.insert("history".into(), self.history.iter().enumerate().map(|(i, e)| json!([i + 1, e])).collect());
        Backup::new("test", SCHEMA, "2026-11-27T10:00:00Z", stores)
    }
}

fn q3() -> Quarter {
    Quarter::new(2026, 3).unwrap()
}

const DRAFT: &str = "demo-b01|2026-11";

/// The demo with a sheet saved and Q3 adjusted and published, as a backup file.
fn made() -> Backup {
    let mut device = Device::new();
    assert!(device.data.evaluations.iter().any(|r| r.key == DRAFT));
    device.save_sheet(DRAFT, "team.leadership", 3);
    device.adjust_and_publish(q3(), "demo-b04");
    device.save_sheet(DRAFT, "team.leadership", 4);
    device.backup()
}

/// `backup` edited by `edit` on its JSON document, with the file's checksum made right again,
/// read back as the app reads a file.
fn edited(backup: &Backup, edit: impl FnOnce(&mut BTreeMap<String, Vec<Value>>)) -> Backup {
    let mut stores = backup.stores.clone();
    edit(&mut stores);
    let text = Backup::new(&backup.app_version, backup.schema, &backup.created_at, stores).to_json();
    backup::parse(&text, SCHEMA).expect("the checksum is right again, so the file opens")
}

fn record<'a>(stores: &'a mut BTreeMap<String, Vec<Value>>, store: &str, field: &str, key: &str) -> &'a mut Value {
    stores.get_mut(store).unwrap().iter_mut().find(|r| r[field] == key).expect("record")
}

fn published_sheet() -> String {
    "demo-b04|2026-08".to_string()
}

#[test]
fn a_backup_as_the_app_makes_it_verifies() {
    let backup = made();
    let found = verify::verify(&backup);
    assert_eq!(found.breaks, vec![]);
    assert_eq!(found.chain.entries, 4);
    assert_eq!(found.publications, 1);
    assert_eq!(found.records_checked, 2, "the saved sheet and the review");
    let sheets = backup.stores["evaluations"].len();
    assert_eq!(found.records_uncovered, sheets - 1, "the demo's other sheets were seeded without history");
    let review: QuarterReview = serde_json::from_value(backup.stores["reviews"][0].clone()).unwrap();
    let publication = review.current_publication().unwrap();
    assert!(publication.inputs.is_some());
    assert!(publication.rows.iter().all(|r| r.category.is_some()));
    let sheet = backup.stores["evaluations"].iter().find(|r| r["key"] == published_sheet().as_str()).unwrap();
    assert_eq!(sheet["status"], "published");
}

#[test]
fn every_edit_by_hand_is_found_at_its_place() {
    type Edit = Box<dyn Fn(&mut BTreeMap<String, Vec<Value>>)>;
    let b04 = "demo-b04".to_string();
    let cases: Vec<(&str, Edit, Break)> = vec![
        (
            "a draft sheet's score",
            Box::new(|s| record(s, "evaluations", "key", DRAFT)["scores"]["team.leadership"] = json!(9)),
            Break::Record { store: "evaluations", key: DRAFT.into(), entry: 4 },
        ),
        (
            "a published sheet's score",
            Box::new(|s| {
                let sheet = record(s, "evaluations", "key", &published_sheet());
                let score = sheet["scores"]["team.leadership"].as_f64().unwrap();
                sheet["scores"]["team.leadership"] = json!(score - 2.0);
            }),
            Break::Inputs { quarter: q3() },
        ),
        (
            "a published sheet's status",
            Box::new(|s| record(s, "evaluations", "key", &published_sheet())["status"] = json!("confirmed")),
            Break::Inputs { quarter: q3() },
        ),
        (
            "a star adjustment",
            Box::new(|s| record(s, "reviews", "quarter", "2026-Q3")["adjustments"]["demo-b04"]["reason"] = json!("改")),
            Break::Record { store: "reviews", key: "2026-Q3".into(), entry: 3 },
        ),
        (
            "a history line",
            Box::new(|s| s.get_mut("history").unwrap()[0][1]["reason"] = json!("补记")),
            Break::Chain(ChainBreak::Altered { entry: 1 }),
        ),
        (
            "a history entry removed",
            Box::new(|s| drop(s.get_mut("history").unwrap().remove(1))),
            Break::Chain(ChainBreak::Sequence { entry: 2, found: 3 }),
        ),
        (
            "the saved sheet removed",
            Box::new(|s| s.get_mut("evaluations").unwrap().retain(|r| r["key"] != DRAFT)),
            Break::Missing { store: "evaluations", key: DRAFT.into(), entry: 4 },
        ),
    ];
    let backup = made();
    for (what, edit, expected) in cases {
        let found = verify::verify(&edited(&backup, edit));
        assert_eq!(found.breaks.first(), Some(&expected), "{what}: {:?}", found.breaks);
    }

    // A published star edited in the review and in its history entry alike: the chain breaks
    // there, and the engine, run again, gives the star that was published.
    let forged = edited(&backup, |s| {
        let review = record(s, "reviews", "quarter", "2026-Q3");
        let row = review["publications"][0]["rows"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|r| r["branch"] == "demo-b04")
            .unwrap();
        let stars = row["stars"].as_u64().unwrap();
        row["stars"] = json!(stars % 5 + 1);
        let review = review.clone();
        s.get_mut("history").unwrap()[2][1]["after"] = json!(review.to_string());
    });
    let found = verify::verify(&forged);
    assert_eq!(found.breaks[0], Break::Chain(ChainBreak::Altered { entry: 3 }));
    assert!(
        found
            .breaks
            .iter()
            .any(|b| matches!(b, Break::Published { branch, field: PublishedField::Stars, .. } if *branch == b04)),
        "{:?}",
        found.breaks
    );
}

#[test]
fn a_reopened_quarter_is_not_held_to_its_old_inputs() {
    let mut device = Device::new();
    device.adjust_and_publish(q3(), "demo-b04");
    let mut review = device.data.reviews[&q3()].clone();
    let before = review.clone();
    review.reopen("八月分数更正", "李主任", "2026-10-09T08:00:00Z").unwrap();
    for record in device.data.evaluations.iter_mut().filter(|r| r.evaluation.month.quarter() == q3()) {
        record.evaluation.status = quarter::month_status_after(false, record.evaluation.status);
    }
    device.write_review("review.reopen", Some(before), review);
    device.save_sheet(&published_sheet(), "team.leadership", 1);
    let found = verify::verify(&device.backup());
    assert_eq!(found.breaks, vec![]);
    assert_eq!(found.publications, 0);
    assert!(device.data.evaluations.iter().all(|r| r.evaluation.status != ReviewStatus::Published));
}

fn run_cli(text: &str) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_starbranch"))
        .args(["verify", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn the_command_verifies_a_file_and_names_the_first_break() {
    let backup = made();
    let (code, out, _) = run_cli(&backup.to_json());
    assert_eq!(code, Some(0));
    assert!(out.starts_with("verified: 4 entries, 1 publications\n"), "{out}");

    let tampered = edited(&backup, |s| record(s, "evaluations", "key", DRAFT)["scores"]["team.leadership"] = json!(9));
    let (code, _, err) = run_cli(&tampered.to_json());
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "-: not verified (1 breaks)");
    assert_eq!(lines[1], "evaluations \"demo-b01|2026-11\" differs from what history entry 4 recorded");

    let (code, _, err) = run_cli("{\"format\":\"starbranch.backup\"");
    assert_eq!(code, Some(2), "{err}");
}
