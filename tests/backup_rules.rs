//! Backup files (docs/FORMAT.md §9): checksum, refusals with their place, migration of older
//! schemas, preview, reminder.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use starbranch::domain::files::backup::{
    self, parse, reminder, Backup, BackupError, Problem, Reminder, ReminderRule, STORES,
};
use starbranch::domain::files::envelope::{base64_decode, base64_encode, canonical, checksum, Envelope};
use starbranch::domain::values::date::Date;

const SCHEMA: u32 = 7;

fn stores(schema: u32) -> BTreeMap<String, Vec<Value>> {
    let mut stores: BTreeMap<String, Vec<Value>> =
        STORES.iter().filter(|s| s.since <= schema).map(|s| (s.name.to_string(), Vec::new())).collect();
    let mut put = |store: &str, record: Value| stores.get_mut(store).unwrap().push(record);
    put("meta", json!({"key": "locale", "value": "en"}));
    put("orgs", json!({"id": "c", "parent": null, "kind": "committee", "name": "公司党委", "archived": false}));
    put("orgs", json!({"id": "b1", "parent": "c", "kind": "branch", "name": "一支部", "archived": false}));
    put("members", json!({"id": "m1", "branch": "b1", "name": "张三"}));
    if schema >= 2 {
        put("history", json!([1, {"action": "org.create", "target": "c", "at": "2026-11-01T08:00:00.000Z"}]));
        put("history", json!([7, {"action": "org.create", "target": "b1", "at": "2026-11-01T08:01:00.000Z"}]));
    }
    if schema >= 3 {
        put(
            "evaluations",
            json!({"key": "b1|2026-10", "branch": "b1", "month": "2026-10", "status": "draft",
            "rubric": "default@1", "scores": {"team.leadership": 9.5, "team.members": 0.30000000000000004}}),
        );
    }
    if schema >= 4 {
        put("ledger", json!({"id": "r1", "branch": "b1", "topic": "学习"}));
        put(
            "attachments",
            json!({"id": "f1", "record": "r1", "name": "a.png", "mime": "image/png", "size": 3,
            "blob_base64": base64_encode(&[1, 2, 255]), "blob_type": "image/png"}),
        );
        put("task_completions", json!({"key": "t1|b1", "task": "t1", "branch": "b1"}));
    }
    if schema >= 5 {
        put("units", json!({"id": "u1", "name": "星河软件", "formation": {"kind": "standalone", "org": "b1"}}));
        put("shell_decisions", json!({"key": "b1|2026-11-20", "org": "b1", "decision": "keep", "date": "2026-11-20"}));
    }
    stores
}

fn backup(schema: u32) -> Backup {
    Backup::new("0.1.0", schema, "2026-11-27T10:00:00.000Z", stores(schema))
}

/// The file of `backup(SCHEMA)` after `edit` of its document, checksum recomputed.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut document = backup(SCHEMA).document();
    edit(&mut document);
    let sum = checksum(&document);
    document["sha256"] = sum.into();
    canonical(&document)
}

fn refused(text: &str) -> BackupError {
    parse(text, SCHEMA).expect_err("refused")
}

fn problems(text: &str) -> Vec<String> {
    match refused(text) {
        BackupError::Invalid(problems) => problems.iter().map(Problem::to_string).collect(),
        other => panic!("expected located problems, got {other:?}"),
    }
}

#[test]
fn a_backup_round_trips_through_its_file() {
    let original = backup(SCHEMA);
    let text = original.to_json();
    assert_eq!(parse(&text, SCHEMA), Ok(original.clone()));
    // Writing it again gives the same bytes: the file is in canonical form.
    assert_eq!(parse(&text, SCHEMA).unwrap().to_json(), text);
}

#[test]
fn the_checksum_covers_everything_but_itself_in_canonical_form() {
    let text = backup(SCHEMA).to_json();
    let document: Value = serde_json::from_str(&text).unwrap();
    let sum = document["sha256"].as_str().unwrap().to_string();
    assert_eq!(sum.len(), 64);
    assert_eq!(checksum(&document), sum);
    // Key order and white space do not matter: a pretty-printed copy verifies.
    let pretty = serde_json::to_string_pretty(&document).unwrap();
    assert!(parse(&pretty, SCHEMA).is_ok());
    // Canonical: members sorted by key, no white space.
    assert_eq!(
        canonical(&json!({"b": [1, 2.5, "x"], "a": {"d": null, "c": true}})),
        r#"{"a":{"c":true,"d":null},"b":[1,2.5,"x"]}"#
    );
}

/// The numbers exactly as docs/FORMAT.md §9.2 spells them, so that a third party can recompute a
/// checksum: integers stay integers, doubles keep their point, whole or not.
#[test]
fn canonical_numbers_are_spelled_as_the_format_says() {
    let parsed: Value = serde_json::from_str(r#"{"d": 0.30000000000000004, "c": 9.5, "b": 3, "a": 9.0, "e": 10.00, "f": 2026, "g": 1e16, "h": 1000000000000000.0, "i": 0.0001, "j": 0.00001, "k": 0.000001}"#).unwrap();
    assert_eq!(
        canonical(&parsed),
        r#"{"a":9.0,"b":3,"c":9.5,"d":0.30000000000000004,"e":10.0,"f":2026,"g":1e+16,"h":1000000000000000.0,"i":0.0001,"j":0.00001,"k":1e-6}"#
    );
    let score = starbranch::domain::values::points::Points::from_whole(9);
    assert_eq!(canonical(&serde_json::to_value(score).unwrap()), "9.0");
}

#[test]
fn a_tampered_file_is_refused() {
    let text = backup(SCHEMA).to_json();
    let tampered = text.replace("一支部", "二支部");
    assert_ne!(tampered, text);
    assert_eq!(refused(&tampered), BackupError::Envelope(Envelope::ChecksumMismatch));
    let mut document: Value = serde_json::from_str(&text).unwrap();
    document.as_object_mut().unwrap().remove("sha256");
    assert_eq!(refused(&canonical(&document)), BackupError::Envelope(Envelope::MissingChecksum));
}

#[test]
fn a_truncated_or_malformed_file_is_refused() {
    let text = backup(SCHEMA).to_json();
    assert_eq!(refused(&text[..text.len() / 2]), BackupError::Envelope(Envelope::Truncated));
    assert_eq!(refused(""), BackupError::Envelope(Envelope::Truncated));
    assert_eq!(refused("{\"format\": starbranch}"), BackupError::Envelope(Envelope::Malformed { line: 1, column: 12 }));
    assert_eq!(refused("[1, 2]"), BackupError::Envelope(Envelope::OtherFormat(None)));
}

#[test]
fn another_format_or_version_is_refused() {
    let exchange = r#"{"format": "starbranch.exchange", "version": 1}"#;
    assert_eq!(refused(exchange), BackupError::Envelope(Envelope::OtherFormat(Some("starbranch.exchange".into()))));
    assert_eq!(
        refused(&edited(|d| d["version"] = 2.into())),
        BackupError::Envelope(Envelope::UnsupportedVersion("2".into()))
    );
    assert_eq!(
        refused(&edited(|d| d["version"] = "1".into())),
        BackupError::Envelope(Envelope::UnsupportedVersion("\"1\"".into()))
    );
}

#[test]
fn a_newer_schema_is_refused_with_both_versions() {
    let newer = edited(|d| d["schema"] = 8.into());
    assert_eq!(refused(&newer), BackupError::SchemaTooNew { found: 8, supported: 7 });
    assert_eq!(refused(&newer).to_string(), "schema 8 is newer than this app's schema 7; update the app first");
    assert_eq!(problems(&edited(|d| d["schema"] = 0.into())), ["schema: schema must be a whole number from 1"]);
}

#[test]
fn a_dangling_branch_is_refused_with_its_place() {
    let text = edited(|d| {
        d["stores"]["evaluations"][0]["branch"] = "demo-x".into();
        d["stores"]["members"][0]["branch"] = "gone".into();
    });
    assert_eq!(problems(&text), ["members[0]: branch gone not found", "evaluations[0]: branch demo-x not found"]);
    assert_eq!(
        refused(&text).to_string(),
        "members[0]: branch gone not found; evaluations[0]: branch demo-x not found"
    );
}

#[test]
fn broken_records_are_refused_with_their_place() {
    type Edit = fn(&mut Value);
    let cases: [(Edit, &str); 7] = [
        (|d| d["stores"]["orgs"][0].as_object_mut().unwrap().clear(), "orgs[0]: id is missing or not a text"),
        (|d| d["stores"]["meta"][0]["key"] = 3.into(), "meta[0]: key is missing or not a text"),
        (
            |d| d["stores"]["history"][1] = json!({"action": "x"}),
            "history[1]: expected [key, record] with a whole-number key",
        ),
        (|d| d["stores"]["history"][1][0] = 1.into(), "history[1]: key 1 appears twice"),
        (
            |d| d["stores"]["attachments"][0]["blob_base64"] = "AQ!=".into(),
            "attachments[0]: blob_base64 is not valid base64",
        ),
        (|d| d["stores"]["bogus"] = json!([]), "stores.bogus: unknown store"),
        (
            |d| {
                d["stores"].as_object_mut().unwrap().remove("ledger");
            },
            "stores: ledger is missing or not a list",
        ),
    ];
    for (edit, expected) in cases {
        assert_eq!(problems(&edited(edit)), [expected], "{expected}");
    }
}

#[test]
fn an_older_schema_is_accepted_and_migrated() {
    // A v3 backup has no stores of v4 or later: accepted, and migrated they are empty.
    let v3 = backup(3);
    let parsed = parse(&v3.to_json(), SCHEMA).unwrap();
    assert_eq!(parsed.schema, 3);
    assert!(!parsed.stores.contains_key("ledger"));
    let migrated = parsed.clone().migrated(SCHEMA);
    assert_eq!(migrated.schema, SCHEMA);
    for spec in STORES {
        let records = &migrated.stores[spec.name];
        if spec.since > 3 {
            assert!(records.is_empty(), "{}", spec.name);
        } else {
            assert_eq!(records, &parsed.stores[spec.name], "{}", spec.name);
        }
    }
    // A v3 backup may not carry a store of v4.
    let mut with_v4 = v3.document();
    with_v4["stores"]["ledger"] = json!([]);
    with_v4["sha256"] = checksum(&with_v4).into();
    assert_eq!(
        problems(&canonical(&with_v4)),
        ["stores.ledger: this store was added in schema 4, but the backup is schema 3"]
    );
}

#[test]
fn a_v1_backup_gets_the_archived_flag_and_the_default_rubric() {
    let mut v1 = backup(1);
    v1.stores.get_mut("orgs").unwrap()[1] =
        json!({"id": "b1", "parent": "c", "kind": "branch", "name": "一支部", "status": "archived"});
    let migrated = parse(&v1.to_json(), SCHEMA).unwrap().migrated(SCHEMA);
    assert_eq!(migrated.stores["orgs"][1]["archived"], json!(true));
    assert!(migrated.stores["orgs"][1].get("status").is_none());
    assert!(migrated.stores["history"].is_empty());
    assert_eq!(migrated.stores["rubrics"].len(), 1);
    let key = migrated.stores["rubrics"][0]["key"].clone();
    assert!(migrated.stores["meta"].contains(&json!({"key": "active_rubric", "value": key})));
}

#[test]
fn the_preview_counts_every_store() {
    let preview = parse(&backup(SCHEMA).to_json(), SCHEMA).unwrap().preview();
    assert_eq!(
        (preview.schema, preview.created_at.as_str(), preview.app_version.as_str()),
        (SCHEMA, "2026-11-27T10:00:00.000Z", "0.1.0")
    );
    let counts: Vec<(&str, usize)> = preview.counts.into_iter().filter(|(_, n)| *n > 0).collect();
    assert_eq!(
        counts,
        [
            ("meta", 1),
            ("orgs", 2),
            ("members", 1),
            ("history", 2),
            ("evaluations", 1),
            ("ledger", 1),
            ("attachments", 1),
            ("task_completions", 1),
            ("units", 1),
            ("shell_decisions", 1)
        ]
    );
    assert_eq!(backup(3).preview().counts.len(), STORES.len());
}

#[test]
fn numbers_keep_their_value_through_the_file() {
    let parsed = parse(&backup(SCHEMA).to_json(), SCHEMA).unwrap();
    let scores = &parsed.stores["evaluations"][0]["scores"];
    assert_eq!(scores["team.members"].as_f64(), Some(0.1 + 0.2));
    assert_eq!(scores["team.leadership"].as_f64(), Some(9.5));
}

#[test]
fn base64_round_trips_and_refuses_garbage() {
    for bytes in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", &[0, 255, 128, 7]] {
        assert_eq!(base64_decode(&base64_encode(bytes)).as_deref(), Some(bytes));
    }
    assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
    assert_eq!(base64_encode(b"fo"), "Zm8=");
    for bad in ["Zm8", "Zm8==", "Z===", "Zm=8", "Zm8=Zm8=", "Zm9v YmFy"] {
        assert_eq!(base64_decode(bad), None, "{bad}");
    }
}

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

#[test]
fn the_reminder_asks_for_a_backup_when_there_is_data_and_none_is_recent() {
    let today = day("2026-11-27");
    let check =
        |last: Option<&str>, has_data: bool| reminder(last.map(day), today, has_data, 0, ReminderRule::default());
    assert_eq!(check(None, true), Some(Reminder::Never));
    assert_eq!(check(None, false), None);
    assert_eq!(check(Some("2026-10-28"), true), None, "30 days: not yet");
    assert_eq!(check(Some("2026-10-27"), true), Some(Reminder::DaysAgo(31)));
    assert_eq!(check(Some("2025-11-27"), true), Some(Reminder::DaysAgo(365)));
    assert_eq!(backup::day_of("2026-11-27T23:59:59.000Z"), Some(today));
    let rule = ReminderRule { days: 7, changes: 20 };
    let recent = Some(day("2026-11-25"));
    assert_eq!(reminder(recent, today, true, 19, rule), None, "19 changes in 2 days: not yet");
    assert_eq!(reminder(recent, today, true, 20, rule), Some(Reminder::Changes(20)));
    assert_eq!(
        reminder(Some(day("2026-11-19")), today, true, 0, rule),
        Some(Reminder::DaysAgo(8)),
        "days alone are enough"
    );
    assert_eq!(reminder(recent, today, false, 500, rule), None, "nothing to back up");
    assert!(rule.is_valid());
    assert!(!ReminderRule { days: 0, changes: 20 }.is_valid());
    assert!(!ReminderRule { days: 7, changes: 0 }.is_valid());
    assert_eq!(backup::day_of("never"), None);
    assert_eq!(backup::file_name(today), "starbranch-backup-2026-11-27.json");
}

#[test]
fn a_merge_adds_only_what_is_missing_and_never_settings() {
    use starbranch::domain::files::backup::{history_identity, merge_plan};
    use std::collections::HashSet;
    let made = backup(4);
    let set = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<HashSet<_>>();
    let mut existing = BTreeMap::new();
    existing.insert("orgs".to_string(), set(&["c"]));
    existing.insert("members".to_string(), set(&["m1"]));
    let first = &made.stores["history"][0].as_array().unwrap()[1];
    existing.insert("history".to_string(), HashSet::from([history_identity(first)]));
    let plan = merge_plan(&made, &existing);
    assert_eq!(plan.adds.get("orgs"), Some(&vec![1]), "b1 is new, c is kept");
    assert_eq!(plan.kept.get("orgs"), Some(&1));
    assert_eq!(plan.adds.get("members"), None, "m1 is here: ours is kept");
    assert_eq!(plan.adds.get("history"), Some(&vec![1]), "history entries by content, whatever their key");
    assert_eq!(plan.adds.get("meta"), None, "settings are never merged");
    assert_eq!(plan.adds["attachments"], vec![0]);
    assert_eq!(plan.added(), 1 + 1 + 1 + 1 + 1 + 1, "b1, history, evaluation, ledger, attachment, completion");

    // Merging into data that already holds everything adds nothing: a merge is idempotent.
    let mut all = BTreeMap::new();
    for (store, records) in &made.stores {
        let keys: HashSet<String> = records
            .iter()
            .filter_map(|r| match r.as_array() {
                Some(pair) => Some(history_identity(&pair[1])),
                None => ["id", "key", "quarter"].iter().find_map(|f| backup::record_key(r, f)),
            })
            .collect();
        all.insert(store.clone(), keys);
    }
    assert_eq!(merge_plan(&made, &all).added(), 0);

    // A ledger record kept as it is here keeps its own files: the backup's files of it are not added.
    existing.insert("ledger".to_string(), set(&["r1"]));
    let plan = merge_plan(&made, &existing);
    assert_eq!(plan.adds.get("attachments"), None);
    assert_eq!(plan.kept.get("attachments"), Some(&1));
}
#[test]
fn a_v4_backup_is_accepted_and_gets_empty_units_and_decisions() {
    let v4 = backup(4);
    let parsed = parse(&v4.to_json(), SCHEMA).unwrap();
    assert_eq!(parsed.schema, 4);
    assert!(!parsed.stores.contains_key("units"));
    let migrated = parsed.clone().migrated(SCHEMA);
    assert_eq!(migrated.schema, SCHEMA);
    for spec in STORES {
        let records = &migrated.stores[spec.name];
        if spec.since >= 5 {
            assert!(records.is_empty(), "{}", spec.name);
        } else {
            assert_eq!(records, &parsed.stores[spec.name], "{}", spec.name);
        }
    }
    let mut with_units = v4.document();
    with_units["stores"]["units"] = json!([]);
    with_units["sha256"] = checksum(&with_units).into();
    assert_eq!(
        problems(&canonical(&with_units)),
        ["stores.units: this store was added in schema 5, but the backup is schema 4"]
    );
}

#[test]
fn units_and_decisions_carry_their_keys_and_a_decision_names_an_org_of_the_backup() {
    type Edit = fn(&mut Value);
    let cases: [(Edit, &str); 3] = [
        (|d| d["stores"]["shell_decisions"][0]["org"] = "gone".into(), "shell_decisions[0]: branch gone not found"),
        (|d| d["stores"]["shell_decisions"][0]["key"] = 1.into(), "shell_decisions[0]: key is missing or not a text"),
        (
            |d| {
                d["stores"]["units"][0].as_object_mut().unwrap().remove("id");
            },
            "units[0]: id is missing or not a text",
        ),
    ];
    for (edit, expected) in cases {
        assert_eq!(problems(&edited(edit)), [expected], "{expected}");
    }
}
