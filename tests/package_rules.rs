//! Branch submission packages (docs/FORMAT.md §11): round trip, checksum, refusals with their
//! place, diff item by item and field by field, merge plans both ways, idempotent apply.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use serde_json::Value;
use starbranch::domain::files::envelope::{base64_encode, canonical, checksum, Envelope};
use starbranch::domain::files::exchange::ExchangeEvaluation;
use starbranch::domain::files::import::rubric_key;
use starbranch::domain::files::package::{
    self, applied, check, diff, diff_for, merge_plan, parse, Choice, Choices, Context, Current, ItemKind, ItemState,
    Origin, Package, PackageAttachment, PackageError, ProblemKind, Received, Refusal, Sheet, StatusEntry,
};
use starbranch::domain::fixtures::demo;
use starbranch::domain::key_task::{Completion, KeyTask};
use starbranch::domain::ledger::{AttachmentMeta, LedgerRecord, MeetingKind};
use starbranch::domain::rating::evaluation::ReviewStatus;
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::values::date::Date;
use starbranch::domain::values::period::Month;
use starbranch::domain::values::points::Points;

const BRANCH: &str = "demo-b01";

fn month() -> Month {
    "2026-03".parse().unwrap()
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn origin() -> Origin {
    Origin { app_version: "0.1.0".into(), device: "device-a".into(), created_at: "2026-04-02T08:00:00.000Z".into() }
}

fn rubric() -> Rubric {
    Rubric::default_rubric()
}

fn sheet(leadership: &str) -> Sheet {
    let mut scores = BTreeMap::new();
    scores.insert("team.leadership".to_string(), Points::parse(leadership).unwrap());
    scores.insert("team.members".to_string(), Points::parse("8").unwrap());
    let mut extra = serde_json::Map::new();
    extra.insert("submitted_on".into(), Value::String("2026-04-03".into()));
    Sheet {
        rubric: rubric_key(&rubric()),
        evaluation: ExchangeEvaluation {
            branch: BRANCH.into(),
            month: month(),
            status: ReviewStatus::Draft,
            scores,
            bonus: Vec::new(),
            deductions: Vec::new(),
            vetoes: Vec::new(),
            extra,
        },
    }
}

fn record(topic: &str) -> LedgerRecord {
    LedgerRecord {
        id: "rec-1".into(),
        branch: BRANCH.into(),
        date: date("2026-03-12"),
        kind: MeetingKind::ThemeDay,
        topic: topic.into(),
        place: "会议室".into(),
        host: "王强".into(),
        attendees: vec![format!("{BRANCH}-m0"), format!("{BRANCH}-m1")],
        absentees: Vec::new(),
        minutes: "学习".into(),
        attachments: vec![AttachmentMeta {
            id: "file-1".into(),
            name: "签到表.png".into(),
            mime: "image/png".into(),
            size: 3,
        }],
    }
}

fn file() -> PackageAttachment {
    PackageAttachment {
        id: "file-1".into(),
        record: "rec-1".into(),
        name: "签到表.png".into(),
        mime: "image/png".into(),
        size: 3,
        blob_base64: base64_encode(&[137, 80, 78]),
        blob_type: "image/png".into(),
    }
}

fn task() -> KeyTask {
    KeyTask {
        id: "task-1".into(),
        title: "安全生产月".into(),
        description: String::new(),
        branches: vec![BRANCH.into()],
        due: date("2026-03-31"),
        points: Points::parse("5").unwrap(),
        indicator: "perf.tasks".into(),
    }
}

fn completion(evidence: &str) -> Completion {
    Completion { task: "task-1".into(), branch: BRANCH.into(), done_on: date("2026-03-20"), evidence: evidence.into() }
}

fn package() -> Package {
    Package::branch_month(
        origin(),
        BRANCH,
        month(),
        Some(sheet("9.5")),
        vec![record("主题党日")],
        vec![file()],
        vec![completion("文件 12 号")],
    )
}

fn context() -> Context {
    let (orgs, members) = demo::organisation();
    let rubric = rubric();
    Context {
        orgs,
        members,
        rubrics: [(rubric_key(&rubric), rubric)].into_iter().collect(),
        tasks: vec![task()],
        today: date("2026-04-10"),
    }
}

fn received(p: &Package) -> Received {
    check(&p.to_json(), &context()).expect("valid package")
}

/// The file of `package()` after `edit` of its document, checksum recomputed.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut document = package().document();
    edit(&mut document);
    let sum = checksum(&document);
    document["sha256"] = sum.into();
    canonical(&document)
}

fn problems(text: &str) -> Vec<(String, ProblemKind)> {
    match check(text, &context()) {
        Err(PackageError::Invalid(problems)) => problems.into_iter().map(|p| (p.at, p.kind)).collect(),
        other => panic!("expected located problems, got {other:?}"),
    }
}

#[test]
fn a_package_round_trips_through_its_file() {
    let original = package();
    let text = original.to_json();
    let back = received(&original);
    assert_eq!(back.package, original);
    assert_eq!(back.sha256, original.sha256());
    assert_eq!(back.sha256.len(), 64);
    assert_eq!(back.hash_prefix().len(), package::HASH_PREFIX);
    // Canonical: writing it again gives the same bytes.
    assert_eq!(back.package.to_json(), text);
    // White space and member order do not matter to the reader.
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<Value>(&text).unwrap()).unwrap();
    assert_eq!(parse(&pretty).unwrap().package, original);
    assert_eq!(original.file_name(), "starbranch-package-demo-b01-2026-03.json");
}

#[test]
fn extra_fields_of_the_sheet_travel() {
    let back = received(&package());
    let sheet = back.package.sheet.unwrap();
    assert_eq!(sheet.evaluation.extra.get("submitted_on"), Some(&Value::String("2026-04-03".into())));
    assert_eq!(sheet.rubric, "default@1");
}

#[test]
fn a_changed_file_is_refused_by_its_checksum() {
    let text = package().to_json();
    let tampered = text.replace("主题党日", "篡改");
    assert_eq!(parse(&tampered), Err(PackageError::Envelope(Envelope::ChecksumMismatch)));
    let tampered = text.replace("9.5", "10");
    assert_eq!(parse(&tampered), Err(PackageError::Envelope(Envelope::ChecksumMismatch)));
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value.as_object_mut().unwrap().remove("sha256");
    assert_eq!(parse(&value.to_string()), Err(PackageError::Envelope(Envelope::MissingChecksum)));
}

#[test]
fn truncated_malformed_foreign_and_newer_files_are_refused() {
    let text = package().to_json();
    assert_eq!(parse(&text[..text.len() / 2]), Err(PackageError::Envelope(Envelope::Truncated)));
    assert!(matches!(parse("{\"format\": }"), Err(PackageError::Envelope(Envelope::Malformed { line: 1, .. }))));
    assert_eq!(
        parse("{\"format\":\"starbranch.backup\"}"),
        Err(PackageError::Envelope(Envelope::OtherFormat(Some("starbranch.backup".into()))))
    );
    assert_eq!(parse("[1]"), Err(PackageError::Envelope(Envelope::OtherFormat(None))));
    let newer = edited(|d| d["version"] = 3.into());
    assert_eq!(parse(&newer), Err(PackageError::Envelope(Envelope::UnsupportedVersion("3".into()))));
}

#[test]
fn an_unknown_branch_is_refused_with_its_place() {
    let text = edited(|d| {
        d["branch"] = "demo-x".into();
        d["sheet"]["branch"] = "demo-x".into();
        d["ledger"][0]["branch"] = "demo-x".into();
        d["completions"][0]["branch"] = "demo-x".into();
    });
    assert_eq!(problems(&text), vec![("branch".to_string(), ProblemKind::UnknownBranch("demo-x".into()))]);
    let group = edited(|d| {
        d["branch"] = "demo-b01-p1".into();
        d["sheet"]["branch"] = "demo-b01-p1".into();
        d["ledger"][0]["branch"] = "demo-b01-p1".into();
        d["completions"][0]["branch"] = "demo-b01-p1".into();
    });
    assert_eq!(problems(&group), vec![("branch".to_string(), ProblemKind::NotABranch("demo-b01-p1".into()))]);
}

#[test]
fn a_dangling_member_task_or_rubric_is_refused_with_its_place() {
    let text = edited(|d| {
        d["ledger"][0]["attendees"][1] = "ghost".into();
        d["completions"][0]["task"] = "task-x".into();
        d["sheet"]["rubric"] = "other@9".into();
    });
    let found = problems(&text);
    assert!(found.contains(&("ledger[0].attendees".into(), ProblemKind::UnknownMember("ghost".into()))), "{found:?}");
    assert!(found.contains(&("completions[0].task".into(), ProblemKind::UnknownTask("task-x".into()))), "{found:?}");
    assert!(found.contains(&("sheet.rubric".into(), ProblemKind::UnknownRubric("other@9".into()))), "{found:?}");
    assert_eq!(found.len(), 3);
}

#[test]
fn records_of_another_month_or_branch_and_bad_files_are_refused() {
    let text = edited(|d| {
        d["ledger"][0]["date"] = "2026-04-01".into();
        d["sheet"]["month"] = "2026-02".into();
        d["attachments"][0]["blob_base64"] = "@@@".into();
        d["completions"][0]["branch"] = "demo-b02".into();
    });
    let found = problems(&text);
    assert!(found.contains(&("ledger[0].date".into(), ProblemKind::OtherMonth("2026-04-01".into()))), "{found:?}");
    assert!(found.contains(&("sheet.month".into(), ProblemKind::OtherMonth("2026-02".into()))), "{found:?}");
    assert!(found.contains(&("attachments[0].blob_base64".into(), ProblemKind::BadFile)), "{found:?}");
    assert!(
        found.contains(&("completions[0].branch".into(), ProblemKind::OtherBranch("demo-b02".into()))),
        "{found:?}"
    );
    let missing_file = edited(|d| d["attachments"] = Value::Array(Vec::new()));
    assert_eq!(
        problems(&missing_file),
        vec![("ledger[0].attachments".to_string(), ProblemKind::MissingFile("file-1".into()))]
    );
    let bad_size = edited(|d| d["attachments"][0]["size"] = 4.into());
    assert_eq!(
        problems(&bad_size),
        vec![("attachments[0].size".to_string(), ProblemKind::SizeMismatch { expected: 4, found: 3 })]
    );
    let malformed = edited(|d| d["ledger"][0]["kind"] = "party".into());
    let found = problems(&malformed);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "ledger[0]");
}

#[test]
fn scores_are_checked_against_the_sheets_rubric() {
    let text = edited(|d| d["sheet"]["scores"]["team.leadership"] = 12.into());
    let draft = check(&text, &context());
    assert!(draft.is_ok(), "a draft may be incomplete, but over-maximum counts only when counted: {draft:?}");
    let bogus = edited(|d| d["sheet"]["scores"]["team.bogus"] = 1.into());
    let found = problems(&bogus);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "sheet.scores.team.bogus");
    let submitted = edited(|d| d["sheet"]["status"] = "submitted".into());
    assert!(!problems(&submitted).is_empty(), "a submitted sheet must be complete");
}

#[test]
fn the_diff_says_new_identical_or_conflict_field_by_field() {
    let incoming = received(&package());
    let empty = Current::default();
    let d = diff(&incoming.package, &empty);
    assert_eq!(
        d.items.iter().map(|i| (i.kind, i.state)).collect::<Vec<_>>(),
        vec![
            (ItemKind::Sheet, ItemState::New),
            (ItemKind::Ledger, ItemState::New),
            (ItemKind::Completion, ItemState::New),
        ]
    );
    assert_eq!(d.changes(), 3);
    assert_eq!(d.refusal, None);

    let same = applied(empty.clone(), &merge_plan(&[(&incoming, &d, &Choices::new())], &empty));
    let again = diff(&incoming.package, &same);
    assert!(again.items.iter().all(|i| i.state == ItemState::Identical));
    assert_eq!(again.changes(), 0);

    let mut ours = same.clone();
    ours.sheets
        .get_mut("demo-b01|2026-03")
        .unwrap()
        .evaluation
        .scores
        .insert("team.leadership".into(), Points::parse("7").unwrap());
    ours.sheets.get_mut("demo-b01|2026-03").unwrap().evaluation.status = ReviewStatus::Returned;
    ours.ledger.get_mut("rec-1").unwrap().topic = "我们的主题".into();
    ours.completions.get_mut("task-1|demo-b01").unwrap().evidence = "我们的证明".into();
    let d = diff(&incoming.package, &ours);
    assert_eq!(d.conflicts().count(), 3);
    let sheet = &d.items[0];
    assert_eq!(sheet.state, ItemState::Conflict);
    let fields: Vec<(&str, Option<&str>, Option<&str>)> =
        sheet.fields.iter().map(|f| (f.field.as_str(), f.ours.as_deref(), f.theirs.as_deref())).collect();
    assert_eq!(
        fields,
        vec![("scores.team.leadership", Some("7"), Some("9.5")), ("status", Some("returned"), Some("draft"))]
    );
    let ledger = &d.items[1];
    assert_eq!(ledger.fields.len(), 1);
    assert_eq!(ledger.fields[0].field, "topic");
    assert_eq!(ledger.fields[0].ours.as_deref(), Some("我们的主题"));
    assert_eq!(ledger.fields[0].theirs.as_deref(), Some("主题党日"));
    assert_eq!(d.items[2].fields[0].field, "evidence");
}

fn conflicting() -> (Received, Current) {
    let incoming = received(&package());
    let mut ours = Current::default();
    let mut sheet = sheet("7");
    sheet.evaluation.status = ReviewStatus::Draft;
    ours.sheets.insert("demo-b01|2026-03".into(), sheet);
    let mut mine = record("我们的主题");
    mine.attachments =
        vec![AttachmentMeta { id: "file-0".into(), name: "旧.png".into(), mime: "image/png".into(), size: 9 }];
    ours.ledger.insert("rec-1".into(), mine);
    (incoming, ours)
}

#[test]
fn merging_keeps_ours_by_default_and_takes_theirs_when_chosen() {
    let (incoming, ours) = conflicting();
    let d = diff(&incoming.package, &ours);
    // Default: conflicts keep ours; only the new completion is written.
    let plan = merge_plan(&[(&incoming, &d, &Choices::new())], &ours);
    assert!(plan.sheets.is_empty() && plan.ledger.is_empty());
    assert_eq!(plan.completions.len(), 1);
    let after = applied(ours.clone(), &plan);
    assert_eq!(after.sheets["demo-b01|2026-03"].evaluation.scores["team.leadership"], Points::parse("7").unwrap());
    assert_eq!(after.ledger["rec-1"].topic, "我们的主题");
    assert_eq!(plan.sources.len(), 1);
    assert_eq!(plan.sources[0].written, vec!["completion:task-1|demo-b01".to_string()]);
    assert_eq!(plan.sources[0].device, "device-a");

    // Theirs for every conflict: the package's data, its files added and the dropped one removed.
    let all_theirs: Choices = d.conflicts().map(|i| (i.id(), Choice::Theirs)).collect();
    let plan = merge_plan(&[(&incoming, &d, &all_theirs)], &ours);
    assert_eq!(plan.len(), 3);
    assert_eq!(plan.ledger[0].add_files.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), vec!["file-1"]);
    assert_eq!(plan.ledger[0].drop_files, vec!["file-0".to_string()]);
    let after = applied(ours.clone(), &plan);
    assert_eq!(after.sheets["demo-b01|2026-03"], incoming.package.sheet.clone().unwrap());
    assert_eq!(after.ledger["rec-1"], incoming.package.ledger[0]);

    // Applying the same package again changes nothing.
    let again = diff(&incoming.package, &after);
    assert_eq!(again.changes(), 0);
    assert!(merge_plan(&[(&incoming, &again, &all_theirs)], &after).is_empty());
}

#[test]
fn a_confirmed_month_or_a_published_quarter_refuses_a_changing_package() {
    let (incoming, mut ours) = conflicting();
    ours.sheets.get_mut("demo-b01|2026-03").unwrap().evaluation.status = ReviewStatus::Confirmed;
    let d = diff(&incoming.package, &ours);
    assert_eq!(d.refusal, Some(Refusal::ConfirmedMonth { branch: BRANCH.into(), month: month() }));
    let all_theirs: Choices = d.conflicts().map(|i| (i.id(), Choice::Theirs)).collect();
    assert!(merge_plan(&[(&incoming, &d, &all_theirs)], &ours).is_empty(), "a refused package writes nothing");

    let published = Current { published: BTreeSet::from([month().quarter()]), ..Current::default() };
    let d = diff(&incoming.package, &published);
    assert_eq!(d.refusal, Some(Refusal::PublishedQuarter { branch: BRANCH.into(), month: month() }));

    // Identical data in a confirmed month is no change, so no refusal.
    let mut same = Current::default();
    let plan = merge_plan(&[(&incoming, &diff(&incoming.package, &same), &Choices::new())], &same);
    same = applied(same, &plan);
    same.published = BTreeSet::from([month().quarter()]);
    assert_eq!(diff(&incoming.package, &same).refusal, None);
}

#[test]
fn statuses_go_back_and_apply_once() {
    let statuses = Package::statuses(
        origin(),
        month(),
        vec![
            StatusEntry { branch: "demo-b02".into(), status: ReviewStatus::Confirmed, reason: String::new() },
            StatusEntry { branch: BRANCH.into(), status: ReviewStatus::Returned, reason: "请补充签到表".into() },
        ],
    );
    assert_eq!(statuses.file_name(), "starbranch-statuses-2026-03.json");
    let incoming = received(&statuses);
    assert_eq!(incoming.package.statuses[0].branch, BRANCH, "sorted by branch");
    let mut ours = Current::default();
    let mut mine = sheet("9.5");
    mine.evaluation.status = ReviewStatus::Submitted;
    ours.sheets.insert("demo-b01|2026-03".into(), mine.clone());
    let ours_before = ours.clone();
    let d = diff(&incoming.package, &ours);
    assert_eq!(d.items.iter().map(|i| i.state).collect::<Vec<_>>(), vec![ItemState::Conflict, ItemState::Skipped]);
    assert_eq!(d.items[0].fields[0].ours.as_deref(), Some("submitted"));
    assert_eq!(d.items[0].fields[0].theirs.as_deref(), Some("returned"));
    let theirs: Choices = d.conflicts().map(|i| (i.id(), Choice::Theirs)).collect();
    let plan = merge_plan(&[(&incoming, &d, &theirs)], &ours);
    assert_eq!(plan.sheets.len(), 1);
    assert_eq!(plan.sheets[0].reason.as_deref(), Some("请补充签到表"));
    assert_eq!(plan.sheets[0].sheet.evaluation.scores, mine.evaluation.scores, "only the status changes");
    let after = applied(ours, &plan);
    assert_eq!(after.sheets["demo-b01|2026-03"].evaluation.status, ReviewStatus::Returned);
    assert_eq!(diff(&incoming.package, &after).changes(), 0);

    // A secretary's import is limited to the own branch: the other branch's status is listed, not
    // written, and a branch month of another branch is refused whole.
    let mut both = ours_before.clone();
    both.sheets.insert("demo-b02|2026-03".into(), sheet("8"));
    let limited = diff_for(&incoming.package, &both, Some(BRANCH));
    assert_eq!(
        limited.items.iter().map(|i| i.state).collect::<Vec<_>>(),
        vec![ItemState::Conflict, ItemState::OtherBranch]
    );
    let plan = merge_plan(&[(&incoming, &limited, &theirs)], &both);
    assert_eq!(plan.sheets.iter().map(|w| w.sheet.evaluation.branch.as_str()).collect::<Vec<_>>(), vec![BRANCH]);
    let other = diff_for(&incoming.package, &both, Some("demo-b02"));
    assert_eq!(
        other.items.iter().map(|i| i.state).collect::<Vec<_>>(),
        vec![ItemState::OtherBranch, ItemState::Conflict]
    );
    assert_eq!(diff_for(&package(), &both, Some(BRANCH)).refusal, None);
    assert_eq!(
        diff_for(&package(), &both, Some("demo-b02")).refusal,
        Some(Refusal::OtherBranch { branch: BRANCH.into(), month: month() })
    );

    let bad = Package::statuses(
        origin(),
        month(),
        vec![StatusEntry { branch: "demo-x".into(), status: ReviewStatus::Draft, reason: String::new() }],
    );
    match check(&bad.to_json(), &context()) {
        Err(PackageError::Invalid(found)) => {
            assert_eq!(found[0].at, "statuses[0].status");
            assert_eq!(found[0].kind, ProblemKind::BadStatus("draft".into()));
        }
        other => panic!("{other:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_topic_minutes_and_bytes_round_trip(topic in "[^\u{0}]{1,40}", minutes in ".{0,80}", bytes in proptest::collection::vec(any::<u8>(), 1..64), score in 0u32..=1000) {
        let mut r = record(&topic);
        r.minutes = minutes;
        r.attachments[0].size = bytes.len() as u64;
        let mut f = file();
        f.size = bytes.len() as u64;
        f.blob_base64 = base64_encode(&bytes);
        let mut s = sheet("1");
        s.evaluation.scores.insert("team.leadership".into(), Points::from_hundredths(i64::from(score)));
        let p = Package::branch_month(origin(), BRANCH, month(), Some(s), vec![r], vec![f], Vec::new());
        let back = parse(&p.to_json()).unwrap();
        prop_assert_eq!(&back.package, &p);
        prop_assert_eq!(back.package.to_json(), p.to_json());
    }
}

#[test]
fn a_reviewed_sheet_never_comes_in_by_package_and_a_reloaded_one_is_identical() {
    // A package whose sheet is already confirmed, against a computer without it: refused.
    let mut confirmed = package();
    confirmed.sheet.as_mut().unwrap().evaluation.status = ReviewStatus::Confirmed;
    let d = diff(&confirmed, &Current::default());
    assert_eq!(d.refusal, Some(Refusal::ReviewedSheet { branch: BRANCH.into(), month: month() }));

    // The committee applied a package, then confirmed the sheet; loading the package again is
    // "nothing to change", not a refused conflict.
    let incoming = received(&package());
    let empty = Current::default();
    let mut after =
        applied(empty.clone(), &merge_plan(&[(&incoming, &diff(&incoming.package, &empty), &Choices::new())], &empty));
    after.sheets.get_mut("demo-b01|2026-03").unwrap().evaluation.status = ReviewStatus::Confirmed;
    let again = diff(&incoming.package, &after);
    assert_eq!(again.refusal, None);
    assert_eq!(again.changes(), 0);
}

#[test]
fn two_packages_of_one_batch_changing_the_same_records_refuse_the_later() {
    let first = package();
    let mut second = package();
    second.sheet = Some(sheet("8"));
    let ours = Current::default();
    let mut diffs = vec![diff(&first, &ours), diff(&second, &ours)];
    package::refuse_overlaps(&[&first, &second], &mut diffs);
    assert_eq!(diffs[0].refusal, None);
    assert_eq!(diffs[1].refusal, Some(Refusal::SameRecords { branch: BRANCH.into(), month: month() }));

    // A package of another month with its own records shares nothing and passes.
    let mut other = package();
    other.month = Month::new(2026, 2).unwrap();
    other.sheet.as_mut().unwrap().evaluation.month = other.month;
    (other.ledger, other.attachments, other.completions) = (vec![], vec![], vec![]);
    let mut diffs = vec![diff(&first, &ours), diff(&other, &ours)];
    package::refuse_overlaps(&[&first, &other], &mut diffs);
    assert!(diffs.iter().all(|d| d.refusal.is_none()), "{diffs:?}");
}

mod members_records {
    use super::*;
    use starbranch::domain::files::package_members::{MemberStore, PackageMembers};
    use starbranch::domain::members::dues::Dues;
    use starbranch::domain::members::pipeline::Candidate;
    use starbranch::domain::org::Gender;

    fn dues(member: &str, month: Month, paid: i64) -> Dues {
        Dues {
            member: member.into(),
            branch: BRANCH.into(),
            month,
            due: Points::from_whole(20),
            paid: Points::from_whole(paid),
            paid_on: (paid > 0).then(|| date("2026-04-05")),
        }
    }

    fn applicant() -> Candidate {
        Candidate {
            id: "c1".into(),
            branch: BRANCH.into(),
            name: "周一".into(),
            gender: Gender::Male,
            birth: date("2000-03-01"),
            applied_on: date("2026-03-01"),
            activist: None,
            candidate: None,
            probation: None,
            full_on: None,
            cancelled: None,
            member: None,
        }
    }

    fn first_member() -> String {
        demo::organisation().1.into_iter().find(|m| m.branch == BRANCH).unwrap().id
    }

    fn with_members() -> Package {
        let roll = demo::organisation().1.into_iter().filter(|m| m.branch == BRANCH).take(1).collect();
        package().with_members(PackageMembers {
            roll,
            candidates: vec![applicant()],
            dues: vec![dues(&first_member(), month(), 20)],
            ..Default::default()
        })
    }

    #[test]
    fn a_version_1_file_still_reads_with_no_members_records() {
        let v1 = edited(|d| d["version"] = 1.into());
        let read = parse(&v1).expect("version 1 is read");
        assert!(read.package.members.is_empty());
        assert_eq!(package().document()["version"], 2);
        assert!(package().document().get("members").is_none(), "no members, no field");
    }

    #[test]
    fn members_records_travel_and_merge_like_the_ledger() {
        let incoming = received(&with_members());
        assert_eq!(incoming.package, with_members(), "round trip");
        let empty = Current::default();
        let d = diff(&incoming.package, &empty);
        let members: Vec<(ItemKind, ItemState)> =
            d.items.iter().filter(|i| matches!(i.kind, ItemKind::Member(_))).map(|i| (i.kind, i.state)).collect();
        assert_eq!(
            members,
            [
                (ItemKind::Member(MemberStore::Roll), ItemState::New),
                (ItemKind::Member(MemberStore::Candidates), ItemState::New),
                (ItemKind::Member(MemberStore::Dues), ItemState::New),
            ]
        );
        let plan = merge_plan(&[(&incoming, &d, &Choices::new())], &empty);
        assert_eq!(plan.members.len(), 3);
        let dues_write = plan.members.iter().find(|w| w.store == MemberStore::Dues).unwrap();
        assert_eq!(dues_write.key, format!("{}|{}", first_member(), month()));
        assert_eq!(dues_write.value["key"], dues_write.key.as_str(), "stored with its key beside its fields");
        let here = applied(empty, &plan);
        assert!(diff(&incoming.package, &here).items.iter().all(|i| i.state == ItemState::Identical));

        // The committee holds the month unpaid; the tablet says paid: a conflict on `paid` and
        // `paid_on`, ours kept unless theirs is chosen.
        let mut ours = here.clone();
        let key = (MemberStore::Dues, dues_write.key.clone());
        let mut unpaid = serde_json::to_value(dues(&first_member(), month(), 0)).unwrap();
        unpaid["key"] = dues_write.key.clone().into();
        ours.members.insert(key.clone(), unpaid.clone());
        let d = diff(&incoming.package, &ours);
        let item = d.items.iter().find(|i| i.kind == ItemKind::Member(MemberStore::Dues)).unwrap();
        assert_eq!(item.state, ItemState::Conflict);
        let fields: Vec<&str> = item.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["paid", "paid_on"]);
        assert!(merge_plan(&[(&incoming, &d, &Choices::new())], &ours).members.is_empty());
        let choices: Choices = [(item.id(), Choice::Theirs)].into_iter().collect();
        let plan = merge_plan(&[(&incoming, &d, &choices)], &ours);
        assert_eq!(plan.members.len(), 1);
        assert_eq!(plan.members[0].before, Some(unpaid));
    }

    #[test]
    fn members_records_of_another_branch_or_month_or_member_are_refused_with_their_place() {
        let mut p = with_members();
        p.members.dues.push(dues("nobody", Month::new(2026, 2).unwrap(), 0));
        p.members.candidates.push(Candidate { branch: "demo-b02".into(), id: "c2".into(), ..applicant() });
        p.members.candidates.push(applicant());
        let found = match check(&p.to_json(), &context()) {
            Err(PackageError::Invalid(problems)) => problems.into_iter().map(|p| (p.at, p.kind)).collect::<Vec<_>>(),
            other => panic!("expected problems, got {other:?}"),
        };
        assert!(found.contains(&("members.candidates[1].branch".into(), ProblemKind::OtherBranch("demo-b02".into()))));
        assert!(found.contains(&("members.candidates[2]".into(), ProblemKind::Duplicate("c1".into()))));
        assert!(
            found.contains(&("members.dues[1].month".into(), ProblemKind::OtherMonth("2026-02".into()))),
            "{found:?}"
        );
        assert_eq!(found.len(), 3, "{found:?}");
        let mut unknown = with_members();
        unknown.members.dues = vec![dues("nobody", month(), 0)];
        let found = match check(&unknown.to_json(), &context()) {
            Err(PackageError::Invalid(problems)) => problems.into_iter().map(|p| (p.at, p.kind)).collect::<Vec<_>>(),
            other => panic!("expected problems, got {other:?}"),
        };
        assert_eq!(found, [("members.dues[0].member".to_string(), ProblemKind::UnknownMember("nobody".into()))]);

        // Overpaid dues break the rule they are saved by: refused with the rule, as a value.
        let mut overpaid = with_members();
        overpaid.members.dues[0].paid = Points::from_whole(25);
        let found = match check(&overpaid.to_json(), &context()) {
            Err(PackageError::Invalid(problems)) => problems.into_iter().map(|p| (p.at, p.kind)).collect::<Vec<_>>(),
            other => panic!("expected problems, got {other:?}"),
        };
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "members.dues[0]");
        assert!(matches!(found[0].1, ProblemKind::DuesRule(_)), "{found:?}");
    }
}
