//! Storage tests in a real headless Chromium with real IndexedDB. Each test opens a fresh,
//! randomly named database.
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use starbranch::domain::org::{Field, Gender, Member, MemberStatus, Org, OrgKind, Problem};
use starbranch::domain::values::date::Date;
use starbranch::domain::Category;
use starbranch::store::schema::{open_db_at, HISTORY, ORGS, ORGS_BY_PARENT};
use starbranch::store::{meta, open_db, orgs, Database, SaveError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn today() -> Date {
    date("2026-11-27")
}

async fn fresh_db() -> Database {
    let name = format!("test-{}", starbranch::store::new_id());
    open_db(&name).await.expect("open")
}

fn org(id: &str, parent: Option<&str>, kind: OrgKind, name: &str) -> Org {
    Org {
        id: id.into(),
        parent: parent.map(Into::into),
        kind,
        name: name.into(),
        category: (kind == OrgKind::Branch).then_some(Category::Production),
        secretary: "王书记".into(),
        contact: String::new(),
        founded: Some(date("2015-07-01")),
        archived: false,
    }
}

fn member(id: &str, branch: &str) -> Member {
    Member {
        id: id.into(),
        branch: branch.into(),
        name: format!("党员{id}"),
        gender: Gender::Female,
        birth: date("1988-03-02"),
        joined: date("2012-07-01"),
        position: "党员".into(),
        status: MemberStatus::Full,
    }
}

async fn tree(db: &Database) {
    orgs::save_org(db, org("c", None, OrgKind::Committee, "公司党委"), today()).await.unwrap();
    orgs::save_org(db, org("b1", Some("c"), OrgKind::Branch, "一支部"), today()).await.unwrap();
    orgs::save_org(db, org("b2", Some("c"), OrgKind::Branch, "二支部"), today()).await.unwrap();
}

#[wasm_bindgen_test]
async fn orgs_and_members_round_trip() {
    let db = fresh_db().await;
    tree(&db).await;
    let mut renamed = org("b1", Some("c"), OrgKind::Branch, " 一车间支部 ");
    renamed.category = Some(Category::Market);
    let saved = orgs::save_org(&db, renamed, today()).await.unwrap();
    assert_eq!(saved.name, "一车间支部");

    let all = orgs::list_orgs(&db).await.unwrap();
    assert_eq!(all.len(), 3);
    let b1 = all.iter().find(|o| o.id == "b1").unwrap();
    assert_eq!((b1.name.as_str(), b1.category), ("一车间支部", Some(Category::Market)));

    orgs::save_member(&db, member("m1", "b1"), today()).await.unwrap();
    orgs::save_member(&db, member("m2", "b1"), today()).await.unwrap();
    assert_eq!(orgs::list_branch_members(&db, "b1").await.unwrap().len(), 2);

    let moved = orgs::transfer_member(&db, "m2", "b2").await.unwrap();
    assert_eq!(moved.branch, "b2");
    assert_eq!(orgs::list_branch_members(&db, "b1").await.unwrap().len(), 1);
    assert_eq!(orgs::list_branch_members(&db, "b2").await.unwrap()[0].id, "m2");

    // Three org creations, one org update, two member creations, one transfer.
    let history = orgs::list_history(&db).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(
        actions,
        ["org.create", "org.create", "org.create", "org.update", "member.create", "member.create", "member.transfer"]
    );
}

#[wasm_bindgen_test]
async fn archive_needs_children_archived_and_restores() {
    let db = fresh_db().await;
    tree(&db).await;
    let refused = orgs::set_archived(&db, "c", true, today()).await;
    assert!(matches!(refused, Err(SaveError::Invalid(ref p)) if p[0].problem == Problem::HasActiveChildren));
    orgs::save_org(&db, org("p1", Some("b1"), OrgKind::Group, "第一党小组"), today()).await.unwrap();
    assert!(orgs::set_archived(&db, "b1", true, today()).await.unwrap().archived);
    let archived = |all: Vec<Org>| all.into_iter().filter(|o| o.archived).map(|o| o.id).collect::<Vec<_>>();
    // The branch's party group goes with it, in the same transaction.
    assert_eq!(archived(orgs::list_orgs(&db).await.unwrap()), ["b1", "p1"]);
    // Members cannot join an archived branch.
    let refused = orgs::save_member(&db, member("m9", "b1"), today()).await;
    assert!(matches!(refused, Err(SaveError::Invalid(ref p)) if p[0].field == Field::Branch));
    assert!(!orgs::set_archived(&db, "b1", false, today()).await.unwrap().archived);
    assert!(archived(orgs::list_orgs(&db).await.unwrap()).is_empty());
}

#[wasm_bindgen_test]
async fn invalid_input_writes_nothing() {
    let db = fresh_db().await;
    tree(&db).await;
    let before_orgs = orgs::list_orgs(&db).await.unwrap();
    let before_history = orgs::list_history(&db).await.unwrap().len();

    let duplicate = orgs::save_org(&db, org("b3", Some("c"), OrgKind::Branch, "二支部"), today()).await;
    assert!(matches!(duplicate, Err(SaveError::Invalid(ref p)) if p[0].problem == Problem::DuplicateName));
    let mut no_category = org("b4", Some("c"), OrgKind::Branch, "四支部");
    no_category.category = None;
    assert!(orgs::save_org(&db, no_category, today()).await.is_err());
    let mut young = member("m1", "b1");
    young.joined = date("1987-01-01");
    let refused = orgs::save_member(&db, young, today()).await;
    assert!(matches!(refused, Err(SaveError::Invalid(ref p)) if p[0].problem == Problem::JoinedBeforeBirth));

    assert_eq!(orgs::list_orgs(&db).await.unwrap(), before_orgs);
    assert!(orgs::list_members(&db).await.unwrap().is_empty());
    assert_eq!(orgs::list_history(&db).await.unwrap().len(), before_history);
}

#[wasm_bindgen_test]
async fn a_failed_transaction_leaves_earlier_writes_of_it_undone() {
    let db = fresh_db().await;
    tree(&db).await;
    // One transaction: a good write, then a record without the key path `id`, which the
    // browser rejects. The error ends the function before `commit`, as in every store use case.
    async fn half_write(db: &Database) -> indexed_db_futures::Result<()> {
        let tx = db.transaction([ORGS, HISTORY]).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(ORGS)?;
        store.put(org("b9", Some("c"), OrgKind::Branch, "九支部")).serde()?.await?;
        store.put(serde_json::json!({ "name": "no id" })).serde()?.await?;
        tx.commit().await?;
        Ok(())
    }
    assert!(half_write(&db).await.is_err());
    let ids: Vec<String> = orgs::list_orgs(&db).await.unwrap().into_iter().map(|o| o.id).collect();
    assert_eq!(ids, ["b1", "b2", "c"]);
}

#[wasm_bindgen_test]
async fn migrates_a_v1_database_to_v2() {
    let name = format!("test-v1-{}", starbranch::store::new_id());
    let v1 = open_db_at(&name, 1).await.unwrap();
    {
        let tx = v1.transaction(ORGS).with_mode(TransactionMode::Readwrite).build().unwrap();
        let store = tx.object_store(ORGS).unwrap();
        // v1 records kept their state as text.
        for (id, parent, kind, status) in [
            ("c", None, "committee", "active"),
            ("b1", Some("c"), "branch", "archived"),
            ("b2", Some("c"), "branch", "active"),
        ] {
            let record = serde_json::json!({
                "id": id, "parent": parent, "kind": kind, "name": format!("组织{id}"),
                "category": if kind == "branch" { Some("auxiliary") } else { None },
                "secretary": "", "contact": "", "founded": "2010-01-01", "status": status,
            });
            store.put(record).serde().unwrap().await.unwrap();
        }
        tx.commit().await.unwrap();
    }
    assert!(!v1.object_store_names().any(|n| n == HISTORY));
    v1.close();

    let v2 = open_db(&name).await.unwrap();
    assert_eq!(v2.version() as u32, starbranch::store::DB_VERSION);
    assert_eq!(starbranch::store::ratings::load(&v2).await.unwrap().active, "default@1");
    let mut migrated = orgs::list_orgs(&v2).await.unwrap();
    migrated.sort_by(|a, b| a.id.cmp(&b.id));
    let flags: Vec<(&str, bool)> = migrated.iter().map(|o| (o.id.as_str(), o.archived)).collect();
    assert_eq!(flags, [("b1", true), ("b2", false), ("c", false)]);
    assert_eq!(migrated[0].category, Some(Category::Auxiliary));

    // The new index answers queries over the migrated records.
    let tx = v2.transaction(ORGS).build().unwrap();
    let children: Vec<Org> = tx
        .object_store(ORGS)
        .unwrap()
        .index(ORGS_BY_PARENT)
        .unwrap()
        .get_all::<Org>()
        .with_query::<String, _>("c".to_string())
        .serde()
        .unwrap()
        .await
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(children.len(), 2);
    drop(tx);
    // And the new history store takes entries.
    orgs::save_org(&v2, org("b3", Some("c"), OrgKind::Branch, "三支部"), today()).await.unwrap();
    assert_eq!(orgs::list_history(&v2).await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn reopening_keeps_data_and_demo_seeds_once() {
    let name = format!("test-reopen-{}", starbranch::store::new_id());
    let db = open_db(&name).await.unwrap();
    assert!(meta::seed_demo_if_empty(&db).await.unwrap());
    assert!(!meta::seed_demo_if_empty(&db).await.unwrap());
    meta::set_setting(&db, starbranch::domain::device::settings::LOCALE, "zh-TW").await.unwrap();
    let count = orgs::list_orgs(&db).await.unwrap().len();
    db.close();

    let again = open_db(&name).await.unwrap();
    assert_eq!(orgs::list_orgs(&again).await.unwrap().len(), count);
    assert_eq!(
        meta::get_setting(&again, starbranch::domain::device::settings::LOCALE).await.unwrap().as_deref(),
        Some("zh-TW")
    );
    assert!(!meta::seed_demo_if_empty(&again).await.unwrap());
}

#[wasm_bindgen_test]
async fn v3_has_the_default_rubric_active() {
    let db = fresh_db().await;
    let data = starbranch::store::ratings::load(&db).await.unwrap();
    assert_eq!(data.active, "default@1");
    assert_eq!(data.active_rubric(), starbranch::domain::rating::rubric::Rubric::default_rubric());
}

#[wasm_bindgen_test]
async fn demo_ratings_export_and_import_round_trip() {
    use starbranch::domain::files::exchange::ExchangeDocument;
    use starbranch::domain::rating::engine;
    use starbranch::store::ratings::{self, ImportError};

    let source = fresh_db().await;
    assert!(meta::seed_demo_if_empty(&source).await.unwrap());
    let data = ratings::load(&source).await.unwrap();
    // The demo company's 8 branches and the district's 12, January to November, but for the
    // joint branch founded in June.
    assert_eq!(data.evaluations.len(), 19 * 11 + 6);
    let (doc, left_out) = data.export();
    assert_eq!(left_out, 0);
    let json = doc.to_json();
    // What the app rates from its store equals what the engine rates from the exported file.
    let parsed = ExchangeDocument::parse(&json).unwrap();
    let q3 = "2026-Q3".parse().unwrap();
    let from_store = engine::rate_evaluations(&parsed.branches, data.scored_with(), &data.five_haves, q3);
    assert_eq!(from_store, engine::rate(&parsed, q3));

    // Import into an empty organisation: new branches need a parent.
    let target = fresh_db().await;
    orgs::save_org(&target, org("top", None, OrgKind::Committee, "接收党委"), today()).await.unwrap();
    let refused = ratings::import(&target, &parsed, None, today()).await;
    assert!(matches!(refused, Err(ImportError::Invalid(_))));
    assert_eq!(orgs::list_orgs(&target).await.unwrap().len(), 1);

    let plan = ratings::preview_import(&target, &parsed, Some("top"), today()).await.unwrap();
    // The demo company's 8 branches and the demo district's 12.
    assert_eq!((plan.new_branches.len(), plan.new_evaluations.len(), plan.rubric_is_new), (20, 215, false));
    ratings::import(&target, &parsed, Some("top"), today()).await.unwrap();
    let (again, _) = ratings::load(&target).await.unwrap().export();
    assert_eq!(again.evaluations, parsed.evaluations);
    assert_eq!(again.five_haves, parsed.five_haves);
    assert_eq!(engine::rate(&again, q3), engine::rate(&parsed, q3));

    // Importing the same document twice changes nothing.
    let second = ratings::preview_import(&target, &parsed, Some("top"), today()).await.unwrap();
    assert!(second.is_empty(), "{second:?}");
    assert_eq!(second.unchanged_evaluations, 215);
}

#[wasm_bindgen_test]
async fn the_demo_seeds_its_district_and_an_exchange_import_writes_units_and_instructors_in_one_transaction() {
    use starbranch::domain::files::exchange::{ExchangeDocument, FORMAT_VERSION};
    use starbranch::domain::fixtures::district;
    use starbranch::domain::units::formation::{Formation, FormationProblem};
    use starbranch::domain::units::report::{coverage_report, Registry};
    use starbranch::domain::units::shell::{ShellAction, ShellDecision};
    use starbranch::store::ratings::{self, ImportError};
    use starbranch::store::units;

    let source = fresh_db().await;
    assert!(meta::seed_demo_if_empty(&source).await.unwrap());
    let seeded = units::list_units(&source).await.unwrap();
    assert_eq!(seeded, district::district().units);
    let (y, m, d) = district::DISTRICT_DAY;
    let day = Date::new(y, m, d).unwrap();
    let screening = units::screening(&source, day, 3).await.unwrap();
    let flagged: Vec<&str> = screening.flags.iter().map(|f| f.org.as_str()).collect();
    assert_eq!(flagged, ["demo-lb04", "demo-lb05", "demo-lb06", "demo-lj02"]);
    units::record_shell_decision(
        &source,
        ShellDecision {
            org: "demo-lb06".into(),
            decision: ShellAction::Rectify,
            reason: "限期整改".into(),
            date: today(),
        },
        today(),
    )
    .await
    .unwrap();

    let key = ratings::load(&source).await.unwrap().active;
    let (doc, _) = ratings::export_document(&source, &key).await.unwrap();
    assert_eq!((doc.version, doc.units.len(), doc.shell_decisions.len()), (FORMAT_VERSION, 40, 1));
    assert_eq!((doc.instructors.len(), doc.instructor_reports.len(), doc.requests.len()), (8, 130, 16));
    let parsed = ExchangeDocument::parse(&doc.to_json()).unwrap();

    // A bad unit and a bad request: nothing at all is written, the branches, evaluations and
    // instructors neither. (Imported on the demo's day: its reports were filed up to then.)
    use starbranch::domain::files::import::ImportConflict;
    let target = fresh_db().await;
    orgs::save_org(&target, org("top", None, OrgKind::Committee, "接收党委"), today()).await.unwrap();
    let mut bad = parsed.clone();
    bad.units[0].formation = Some(Formation::Standalone { org: "nowhere".into() });
    bad.requests[2].text = " ".into();
    let refused = ratings::import(&target, &bad, Some("top"), day).await;
    let expected = [
        ImportConflict::Formation(FormationProblem::OrgMissing { unit: "demo-u01".into(), org: "nowhere".into() }),
        ImportConflict::InvalidRequest {
            id: "demo-r03".into(),
            problems: vec![starbranch::domain::requests::Problem::Required(starbranch::domain::requests::Field::Text)],
        },
    ];
    assert!(matches!(refused, Err(ImportError::Invalid(ref c)) if c == &expected), "{refused:?}");
    assert_eq!(orgs::list_orgs(&target).await.unwrap().len(), 1);
    assert!(units::list_units(&target).await.unwrap().is_empty());
    assert!(ratings::load(&target).await.unwrap().evaluations.is_empty());
    let nothing = starbranch::store::instructors::load(&target).await.unwrap();
    assert!(nothing.instructors.is_empty() && nothing.reports.is_empty());
    assert!(starbranch::store::requests::list_requests(&target).await.unwrap().is_empty());

    let plan = ratings::import(&target, &parsed, Some("top"), day).await.unwrap();
    assert_eq!((plan.new_units.len(), plan.shell_decisions.len()), (40, 1));
    assert_eq!((plan.instructors.new.len(), plan.instructor_reports.new.len()), (8, 130));
    let (mine, theirs) = (
        starbranch::store::instructors::load(&target).await.unwrap(),
        starbranch::store::instructors::load(&source).await.unwrap(),
    );
    assert_eq!(
        (mine.instructors, mine.assignments, mine.reports, mine.reviews),
        (theirs.instructors, theirs.assignments, theirs.reports, theirs.reviews)
    );
    assert_eq!(starbranch::store::requests::list_requests(&target).await.unwrap(), district::district().requests);
    assert_eq!(starbranch::store::instructors::reports_of(&target, "demo-a01").await.unwrap().len(), 42);
    assert_eq!(units::list_units(&target).await.unwrap(), seeded);
    assert_eq!(units::list_shell_decisions(&target).await.unwrap(), parsed.shell_decisions);
    // The same coverage from the imported registry as from the seeded one.
    let registry = |units| Registry { units, orgs: district::district().orgs, ..Registry::default() };
    let imported = registry(units::list_units(&target).await.unwrap());
    assert_eq!(coverage_report(&imported, day, 3).coverage, coverage_report(&registry(seeded), day, 3).coverage);
    assert!(ratings::preview_import(&target, &parsed, Some("top"), day).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn an_import_that_does_not_fit_writes_nothing() {
    use starbranch::domain::files::exchange::ExchangeDocument;
    use starbranch::store::ratings::{self, ImportError};
    let db = fresh_db().await;
    tree(&db).await;
    // The document's branch "c" is this organisation's committee.
    let text = r#"{"format":"starbranch.exchange","version":1,
      "rubric":{"id":"x","weights":{"production":{"team":100},"auxiliary":{"team":100},"administration":{"team":100},"market":{"team":100},"non_public":{"team":100}},
                "indicators":[{"id":"t","dimension":"team","max":10}]},
      "branches":[{"id":"c","name":"冲突","category":"market"},{"id":"n","name":"新支部","category":"market"}],
      "evaluations":[{"branch":"n","month":"2026-01","status":"confirmed","scores":{"t":8}}]}"#;
    let doc = ExchangeDocument::parse(text).unwrap();
    let before = ratings::load(&db).await.unwrap();
    let refused = ratings::import(&db, &doc, Some("c"), today()).await;
    assert!(matches!(refused, Err(ImportError::Invalid(ref c)) if c.len() == 1));
    let after = ratings::load(&db).await.unwrap();
    assert_eq!(
        (after.orgs.len(), after.rubrics.len(), after.evaluations.len()),
        (before.orgs.len(), before.rubrics.len(), 0)
    );
}

#[wasm_bindgen_test]
async fn sheet_workflow_locks_confirmed_months_and_keeps_scores_on_status_changes() {
    use starbranch::domain::rating::evaluation::ReviewStatus;
    use starbranch::domain::rating::workflow::{Action, WorkflowError};
    use starbranch::domain::values::points::Points;
    use starbranch::store::ratings::{self, SheetError, SheetRefusal};

    let db = fresh_db().await;
    assert!(meta::seed_demo_if_empty(&db).await.unwrap());
    let data = ratings::load(&db).await.unwrap();
    let submitted = data
        .evaluations
        .iter()
        .find(|r| r.evaluation.branch == "demo-b01" && r.evaluation.status == ReviewStatus::Submitted)
        .unwrap()
        .evaluation
        .clone();

    // A status change ignores edited scores sent with it.
    let mut tampered = submitted.clone();
    tampered.scores.insert("team.leadership".into(), Points::from_whole(1));
    let confirmed = ratings::save_sheet(&db, tampered.clone(), Action::Confirm, "").await.unwrap();
    assert_eq!(confirmed.evaluation.status, ReviewStatus::Confirmed);
    assert_eq!(confirmed.evaluation.scores, submitted.scores);

    // Confirmed is locked; reopening needs a reason.
    let refused = ratings::save_sheet(&db, tampered.clone(), Action::SaveDraft, "").await;
    assert_eq!(refused.unwrap_err(), SheetError::Invalid(SheetRefusal::Workflow(WorkflowError::NotAllowed)));
    let refused = ratings::save_sheet(&db, tampered.clone(), Action::Reopen, " ").await;
    assert_eq!(refused.unwrap_err(), SheetError::Invalid(SheetRefusal::Workflow(WorkflowError::ReasonRequired)));
    let reopened = ratings::save_sheet(&db, tampered.clone(), Action::Reopen, "录入有误").await.unwrap();
    assert_eq!(reopened.evaluation.status, ReviewStatus::Returned);

    // Submitting an incomplete sheet is refused and writes nothing.
    let mut incomplete = tampered.clone();
    incomplete.scores.remove("perf.safety");
    assert!(matches!(
        ratings::save_sheet(&db, incomplete, Action::Submit, "").await,
        Err(SheetError::Invalid(SheetRefusal::Problems(_)))
    ));
    let history = ratings::history_of(&db, "demo-b01|2026-11").await.unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["evaluation.confirm", "evaluation.reopen"]);
    assert_eq!(history[1].reason.as_deref(), Some("录入有误"));
}

#[wasm_bindgen_test]
async fn publishing_a_quarter_locks_its_months_and_reopening_keeps_the_record() {
    use starbranch::domain::rating::evaluation::ReviewStatus;
    use starbranch::domain::rating::scoring::Stars;
    use starbranch::domain::rating::workflow::{Action, WorkflowError};
    use starbranch::domain::review::quarter::ReviewError;
    use starbranch::domain::values::period::{Period, Quarter};
    use starbranch::store::ratings::{self, ImportError, SheetError, SheetRefusal};
    use starbranch::store::review::{self, DecisionError};

    let db = fresh_db().await;
    assert!(meta::seed_demo_if_empty(&db).await.unwrap());
    let q3 = Quarter::new(2026, 3).unwrap();
    let before = ratings::load(&db).await.unwrap();
    let computed =
        before.rate(Period::Quarter(q3)).into_iter().find(|r| r.branch == "demo-b04").unwrap().stars.unwrap();
    let up = Stars::new(computed.get() % 5 + 1).unwrap();

    // A refused adjustment writes nothing.
    let refused = review::adjust_stars(&db, q3, "demo-b04", up, " ", "李主任").await;
    assert_eq!(refused.unwrap_err(), DecisionError::Invalid(ReviewError::ReasonRequired));
    assert!(ratings::load(&db).await.unwrap().review_of(q3).is_none());

    review::adjust_stars(&db, q3, "demo-b04", up, "线下验收", "李主任").await.unwrap();
    let published = review::publish(&db, q3, "李主任").await.unwrap();
    assert!(published.is_published());
    let data = ratings::load(&db).await.unwrap();
    assert_eq!(data.reviewer, "李主任");
    let row = data.reviewed(Period::Quarter(q3)).into_iter().find(|r| r.row.branch == "demo-b04").unwrap();
    assert_eq!((row.computed, row.row.stars), (Some(computed), Some(up)));
    let in_q3: Vec<_> = data.evaluations.iter().filter(|r| r.evaluation.month.quarter() == q3).collect();
    assert_eq!(in_q3.len(), 20 * 3);
    assert!(in_q3.iter().all(|r| r.evaluation.status == ReviewStatus::Published));
    assert_eq!(data.review_of(q3).unwrap().publications[0].rubrics, vec!["default@1".to_string()]);

    // Locked: the months refuse reopening, an import into the quarter is refused whole.
    let august = in_q3.iter().find(|r| r.evaluation.branch == "demo-b04" && r.evaluation.month.number() == 8).unwrap();
    let refused = ratings::save_sheet(&db, august.evaluation.clone(), Action::Reopen, "更正").await;
    assert_eq!(refused.unwrap_err(), SheetError::Invalid(SheetRefusal::Workflow(WorkflowError::NotAllowed)));
    let (mut doc, _) = data.export();
    for e in doc.evaluations.iter_mut().filter(|e| e.month.quarter() == q3) {
        e.status = ReviewStatus::Confirmed;
        e.scores.insert("team.leadership".into(), starbranch::domain::values::points::Points::from_whole(1));
    }
    let refused = ratings::import(&db, &doc, None, today()).await;
    assert!(matches!(refused, Err(ImportError::Invalid(ref c)) if c.len() == 20 * 3), "{refused:?}");

    // Reopening: months confirmed again, the publication kept with the reason.
    let refused = review::reopen(&db, q3, "", "李主任").await;
    assert_eq!(refused.unwrap_err(), DecisionError::Invalid(ReviewError::ReasonRequired));
    review::reopen(&db, q3, "八月分数更正", "李主任").await.unwrap();
    let data = ratings::load(&db).await.unwrap();
    let review = data.review_of(q3).unwrap();
    assert!(!review.is_published());
    assert_eq!(review.publications[0].reopened.as_ref().unwrap().reason, "八月分数更正");
    assert!(data
        .evaluations
        .iter()
        .filter(|r| r.evaluation.month.quarter() == q3)
        .all(|r| r.evaluation.status == ReviewStatus::Confirmed));
    let history = ratings::history_of(&db, "2026-Q3").await.unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["review.adjust", "review.publish", "review.reopen"]);
}

#[wasm_bindgen_test]
async fn a_rectification_is_tracked_to_verification() {
    use starbranch::domain::review::rectification::{Rectification, RectificationProblem, RectificationStatus};
    use starbranch::domain::values::category::Dimension;
    use starbranch::domain::values::period::Quarter;
    use starbranch::store::review::{self, RectificationError};

    let db = fresh_db().await;
    let task = Rectification {
        id: "r1".into(),
        branch: "b1".into(),
        quarter: Quarter::new(2026, 3).unwrap(),
        dimension: Dimension::Service,
        indicator: None,
        owner: "张三".into(),
        due: date("2026-12-31"),
        measure: "每月走访".into(),
        status: RectificationStatus::Open,
        evidence: String::new(),
        created_at: "t".into(),
    };
    let mut bad = task.clone();
    bad.owner.clear();
    assert!(matches!(review::create_rectification(&db, bad).await, Err(RectificationError::Invalid(_))));
    assert!(starbranch::store::ratings::load(&db).await.unwrap().rectifications.is_empty());

    review::create_rectification(&db, task).await.unwrap();
    review::advance_rectification_on(&db, "r1", RectificationStatus::InProgress, "", date("2026-09-20")).await.unwrap();
    let refused = review::advance_rectification_on(&db, "r1", RectificationStatus::Done, "", date("2026-09-20")).await;
    assert!(
        matches!(refused, Err(RectificationError::Invalid(ref p)) if p[0].1 == RectificationProblem::EvidenceRequired)
    );
    review::advance_rectification_on(&db, "r1", RectificationStatus::Done, "走访记录", date("2026-09-25"))
        .await
        .unwrap();
    review::advance_rectification_on(&db, "r1", RectificationStatus::Verified, "", date("2026-10-10")).await.unwrap();
    let stored = starbranch::store::ratings::load(&db).await.unwrap().rectifications;
    assert_eq!((stored[0].status, stored[0].evidence.as_str()), (RectificationStatus::Verified, "走访记录"));
    let history = starbranch::store::ratings::history_of(&db, "r1").await.unwrap();
    assert_eq!(history.len(), 4);
}

#[wasm_bindgen_test]
async fn migrates_a_v3_database_to_v4_with_history_by_target() {
    let name = format!("test-v3-{}", starbranch::store::new_id());
    let v3 = open_db_at(&name, 3).await.unwrap();
    orgs::save_org(&v3, org("c", None, OrgKind::Committee, "公司党委"), today()).await.unwrap();
    v3.close();
    let db = open_db(&name).await.unwrap();
    let history = starbranch::store::ratings::history_of(&db, "c").await.unwrap();
    assert_eq!(history.len(), 1, "history written before v4 is indexed by target");
    let data = starbranch::store::ratings::load(&db).await.unwrap();
    assert!(data.reviews.is_empty() && data.rectifications.is_empty());
}

// ── E-ledger: a record and its files land together or not at all ─────────────────────────────

mod ledger_store {
    use starbranch::domain::ledger::{
        Absence, AttachmentProblem, LedgerField, LedgerProblem, LedgerRecord, MeetingKind, MAX_ATTACHMENT_BYTES,
    };
    use starbranch::store::ledger::{self, LedgerError, LedgerRefusal, NewAttachment};
    use starbranch::store::{orgs, Database, StoreError};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    use super::{date, fresh_db, member, today, tree};

    /// The first bytes of a PNG file, enough for a browser to call it one.
    const PNG: [u8; 16] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R'];

    fn blob(bytes: &[u8], mime: &str) -> web_sys::Blob {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap()
    }

    fn file(id: &str, bytes: &[u8], mime: &str) -> NewAttachment {
        NewAttachment { id: id.into(), name: format!("{id}.png"), mime: mime.into(), blob: blob(bytes, mime) }
    }

    async fn bytes_of(blob: &web_sys::Blob) -> Vec<u8> {
        let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.unwrap();
        js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec()
    }

    fn record(id: &str) -> LedgerRecord {
        LedgerRecord {
            id: id.into(),
            branch: "b1".into(),
            date: date("2026-10-12"),
            kind: MeetingKind::CommitteeMeeting,
            topic: " 学习贯彻全会精神 ".into(),
            place: "三楼会议室".into(),
            host: "王书记".into(),
            attendees: vec!["m1".into(), "m2".into()],
            absentees: vec![Absence { member: "m3".into(), reason: "出差".into() }],
            minutes: "会议议程……".into(),
            attachments: vec![],
        }
    }

    async fn branch_with_roll() -> Database {
        let db = fresh_db().await;
        tree(&db).await;
        for id in ["m1", "m2", "m3"] {
            orgs::save_member(&db, member(id, "b1"), today()).await.unwrap();
        }
        db
    }

    #[wasm_bindgen_test]
    async fn a_record_and_its_photo_round_trip() {
        let db = branch_with_roll().await;
        let saved =
            ledger::save_record(&db, record("r1"), vec![file("f1", &PNG, "image/png")], &[], today()).await.unwrap();
        assert_eq!(saved.topic, "学习贯彻全会精神");
        assert_eq!(saved.attachments.len(), 1);
        assert_eq!(saved.attachments[0].size, PNG.len() as u64);

        let stored = ledger::get_record(&db, "r1").await.unwrap().unwrap();
        assert_eq!(stored, saved);
        assert_eq!(ledger::list_branch(&db, "b1").await.unwrap(), vec![saved.clone()]);
        assert!(ledger::list_branch(&db, "b2").await.unwrap().is_empty());
        let october = "2026-10".parse().unwrap();
        assert_eq!(ledger::list_month(&db, october).await.unwrap().len(), 1);
        assert!(ledger::list_month(&db, "2026-11".parse().unwrap()).await.unwrap().is_empty());

        let files = ledger::record_attachments(&db, "r1").await.unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(
            (files[0].meta.name.as_str(), files[0].meta.mime.as_str(), files[0].record.as_str()),
            ("f1.png", "image/png", "r1")
        );
        assert_eq!(bytes_of(&files[0].blob).await, PNG.to_vec());
        let one = ledger::attachment(&db, "f1").await.unwrap();
        assert_eq!(bytes_of(&one.blob).await, PNG.to_vec());

        // An edit replaces one file by another: the old bytes go, the new ones come, in one step.
        let mut edited = record("r1");
        edited.topic = "专题学习".into();
        let updated = ledger::save_record(
            &db,
            edited,
            vec![file("f2", &[1, 2, 3], "application/pdf")],
            &["f1".to_string()],
            today(),
        )
        .await
        .unwrap();
        assert_eq!(updated.attachments.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["f2"]);
        assert_eq!(ledger::attachment(&db, "f1").await.unwrap_err(), StoreError::NotFound("f1".into()));
        assert_eq!(bytes_of(&ledger::attachment(&db, "f2").await.unwrap().blob).await, vec![1, 2, 3]);

        let history = starbranch::store::ratings::history_of(&db, "r1").await.unwrap();
        let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
        assert_eq!(actions, ["ledger.create", "ledger.update"]);
    }

    async fn nothing_written(db: &Database, history_before: usize) {
        assert!(ledger::list_branch(db, "b1").await.unwrap().is_empty(), "no record");
        assert!(ledger::record_attachments(db, "r1").await.unwrap().is_empty(), "no file");
        assert!(matches!(ledger::attachment(db, "f1").await, Err(StoreError::NotFound(_))), "no file by id");
        assert_eq!(orgs::list_history(db).await.unwrap().len(), history_before, "no history entry");
    }

    #[wasm_bindgen_test]
    async fn an_invalid_record_writes_nothing() {
        let db = branch_with_roll().await;
        let history_before = orgs::list_history(&db).await.unwrap().len();
        let mut bad = record("r1");
        bad.topic = "   ".into();
        bad.attendees.push("stranger".into());
        bad.absentees[0].reason.clear();
        let Err(LedgerError::Invalid(LedgerRefusal::Problems(problems))) =
            ledger::save_record(&db, bad, vec![file("f1", &PNG, "image/png")], &[], today()).await
        else {
            panic!("refused");
        };
        let found: Vec<(LedgerField, LedgerProblem)> = problems.into_iter().map(|p| (p.field, p.problem)).collect();
        assert!(found.contains(&(LedgerField::Topic, LedgerProblem::Required)), "{found:?}");
        assert!(found.contains(&(LedgerField::Attendees, LedgerProblem::NotAMember("stranger".into()))), "{found:?}");
        assert!(found.contains(&(LedgerField::Absentees, LedgerProblem::ReasonRequired("m3".into()))), "{found:?}");
        nothing_written(&db, history_before).await;

        let mut future = record("r1");
        future.date = date("2026-11-28");
        assert!(matches!(
            ledger::save_record(&db, future, vec![], &[], today()).await,
            Err(LedgerError::Invalid(LedgerRefusal::Problems(_)))
        ));
        let mut elsewhere = record("r1");
        elsewhere.branch = "c".into();
        assert_eq!(
            ledger::save_record(&db, elsewhere, vec![], &[], today()).await,
            Err(LedgerError::Invalid(LedgerRefusal::BranchUnavailable))
        );
        nothing_written(&db, history_before).await;
    }

    #[wasm_bindgen_test]
    async fn a_too_large_or_foreign_file_is_refused_before_anything_is_written() {
        let db = branch_with_roll().await;
        let history_before = orgs::list_history(&db).await.unwrap().len();
        let big = vec![0u8; MAX_ATTACHMENT_BYTES as usize + 1];
        let files = vec![
            file("f1", &PNG, "image/png"),
            file("big", &big, "image/jpeg"),
            file("svg", b"<svg/>", "image/svg+xml"),
        ];
        let Err(LedgerError::Invalid(LedgerRefusal::Problems(problems))) =
            ledger::save_record(&db, record("r1"), files, &[], today()).await
        else {
            panic!("refused");
        };
        let found: Vec<LedgerProblem> = problems.into_iter().map(|p| p.problem).collect();
        assert_eq!(
            found,
            [
                LedgerProblem::Attachment {
                    id: "big".into(),
                    problem: AttachmentProblem::TooLarge { size: MAX_ATTACHMENT_BYTES + 1, max: MAX_ATTACHMENT_BYTES },
                },
                LedgerProblem::Attachment {
                    id: "svg".into(),
                    problem: AttachmentProblem::UnsupportedType("image/svg+xml".into())
                },
            ]
        );
        nothing_written(&db, history_before).await;
    }

    #[wasm_bindgen_test]
    async fn deleting_a_record_removes_its_files() {
        let db = branch_with_roll().await;
        let files = vec![file("f1", &PNG, "image/png"), file("f2", &[7; 10], "application/pdf")];
        ledger::save_record(&db, record("r1"), files, &[], today()).await.unwrap();
        ledger::save_record(&db, record("r2"), vec![file("f3", &PNG, "image/png")], &[], today()).await.unwrap();

        let deleted = ledger::delete_record(&db, "r1").await.unwrap();
        assert_eq!(deleted.attachments.len(), 2);
        assert_eq!(ledger::get_record(&db, "r1").await.unwrap(), None);
        for id in ["f1", "f2"] {
            assert!(matches!(ledger::attachment(&db, id).await, Err(StoreError::NotFound(_))), "{id} removed");
        }
        assert_eq!(ledger::record_attachments(&db, "r2").await.unwrap().len(), 1, "another record's file stays");
        let history = starbranch::store::ratings::history_of(&db, "r1").await.unwrap();
        assert_eq!(history.last().map(|h| h.action.as_str()), Some("ledger.delete"));
        assert_eq!(ledger::delete_record(&db, "r1").await.unwrap_err(), StoreError::NotFound("r1".into()));
    }
}

// ── Key tasks: validated before writing, completions scored, deletion refused once reported ──

mod key_task_store {
    use starbranch::domain::key_task::{key_task_score, overdue, Completion, KeyTask, TaskField, TaskProblem};
    use starbranch::domain::values::period::Month;
    use starbranch::domain::values::points::Points;
    use starbranch::store::key_tasks::{self, TaskError, TaskRefusal};
    use starbranch::store::{orgs, ratings, Database, StoreError};
    use wasm_bindgen_test::*;

    use super::{date, fresh_db, today, tree};

    fn task(id: &str, branches: &[&str]) -> KeyTask {
        KeyTask {
            id: id.into(),
            title: " 安全生产专项检查 ".into(),
            description: " 提交检查记录和整改清单 ".into(),
            branches: branches.iter().map(|b| b.to_string()).collect(),
            due: date("2026-11-20"),
            points: Points::from_whole(4),
            indicator: "perf.key_tasks".into(),
        }
    }

    fn done(task: &str, branch: &str, on: &str) -> Completion {
        Completion {
            task: task.into(), branch: branch.into(), done_on: date(on), evidence: " 检查记录第12号 ".into()
        }
    }

    fn november() -> Month {
        "2026-11".parse().unwrap()
    }

    async fn score(db: &Database, branch: &str) -> Points {
        let data = key_tasks::load_all(db).await.unwrap();
        key_task_score(&data.tasks, &data.completions, branch, november(), "perf.key_tasks", Points::from_whole(10))
            .points
    }

    async fn actions(db: &Database, target: &str) -> Vec<String> {
        ratings::history_of(db, target).await.unwrap().into_iter().map(|h| h.action).collect()
    }

    #[wasm_bindgen_test]
    async fn a_task_round_trips_trimmed_with_its_history() {
        let db = fresh_db().await;
        tree(&db).await;
        let saved = key_tasks::save_task(&db, task("t1", &["b1", "b2"])).await.unwrap();
        assert_eq!((saved.title.as_str(), saved.description.as_str()), ("安全生产专项检查", "提交检查记录和整改清单"));
        assert_eq!(key_tasks::load_all(&db).await.unwrap().tasks, vec![saved.clone()]);

        let edited = KeyTask { points: Points::from_whole(6), branches: vec!["b2".into()], ..saved };
        key_tasks::save_task(&db, edited.clone()).await.unwrap();
        let data = key_tasks::load_all(&db).await.unwrap();
        assert_eq!(data.tasks, vec![edited]);
        assert!(data.completions.is_empty());
        assert_eq!(actions(&db, "t1").await, ["key_task.create", "key_task.update"]);
    }

    #[wasm_bindgen_test]
    async fn an_invalid_task_writes_nothing() {
        let db = fresh_db().await;
        tree(&db).await;
        let history_before = orgs::list_history(&db).await.unwrap().len();
        let mut bad = task("t1", &["c", "b1", "b1"]);
        bad.title = "   ".into();
        bad.points = Points::ZERO;
        bad.indicator = "team.leadership".into();
        let Err(TaskError::Invalid(TaskRefusal::Problems(problems))) = key_tasks::save_task(&db, bad).await else {
            panic!("refused")
        };
        let found: Vec<(TaskField, TaskProblem)> = problems.into_iter().map(|p| (p.field, p.problem)).collect();
        for expected in [
            (TaskField::Title, TaskProblem::Required),
            (TaskField::Branches, TaskProblem::NotABranch("c".into())),
            (TaskField::Branches, TaskProblem::ListedTwice("b1".into())),
            (TaskField::Points, TaskProblem::NotPositive),
            (TaskField::Indicator, TaskProblem::NotKeyTaskIndicator("team.leadership".into())),
        ] {
            assert!(found.contains(&expected), "{expected:?} in {found:?}");
        }
        let mut too_many = task("t1", &["b1"]);
        too_many.points = Points::from_whole(11);
        let Err(TaskError::Invalid(TaskRefusal::Problems(problems))) = key_tasks::save_task(&db, too_many).await else {
            panic!("refused")
        };
        assert_eq!(problems[0].problem, TaskProblem::AboveIndicatorMax(Points::from_whole(10)));

        assert!(key_tasks::load_all(&db).await.unwrap().tasks.is_empty());
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history_before, "no history entry");
    }

    #[wasm_bindgen_test]
    async fn completions_score_on_time_full_and_late_half() {
        let db = fresh_db().await;
        tree(&db).await;
        key_tasks::save_task(&db, task("t1", &["b1", "b2"])).await.unwrap();
        assert_eq!(score(&db, "b1").await, Points::ZERO, "due this month, not done");

        let saved = key_tasks::complete(&db, done("t1", "b1", "2026-11-18"), today()).await.unwrap();
        assert_eq!(saved.evidence, "检查记录第12号");
        key_tasks::complete(&db, done("t1", "b2", "2026-11-25"), today()).await.unwrap();
        let data = key_tasks::load_all(&db).await.unwrap();
        assert_eq!(data.completions.len(), 2);
        assert!(data.completions.contains(&saved));
        assert_eq!(score(&db, "b1").await, Points::from_whole(4), "on time: full points");
        assert_eq!(score(&db, "b2").await, Points::from_whole(2), "late within the month: half");

        // Refused reports write nothing.
        for (bad, field, problem) in [
            (done("t1", "c", "2026-11-18"), TaskField::Branches, TaskProblem::NotAssigned),
            (done("t1", "b1", "2026-11-28"), TaskField::DoneOn, TaskProblem::InFuture),
            (
                Completion { evidence: "  ".into(), ..done("t1", "b1", "2026-11-10") },
                TaskField::Evidence,
                TaskProblem::Required,
            ),
        ] {
            let Err(TaskError::Invalid(TaskRefusal::Problems(problems))) = key_tasks::complete(&db, bad, today()).await
            else {
                panic!("refused")
            };
            assert_eq!((problems[0].field, problems[0].problem.clone()), (field, problem));
        }
        assert_eq!(
            key_tasks::complete(&db, done("nope", "b1", "2026-11-18"), today()).await,
            Err(TaskError::Store(StoreError::NotFound("nope".into())))
        );
        assert_eq!(key_tasks::load_all(&db).await.unwrap().completions, data.completions);

        // Undo: the score and the overdue list follow, the history keeps the report.
        let undone = key_tasks::undo_completion(&db, "t1", "b2").await.unwrap();
        assert_eq!(undone.done_on, date("2026-11-25"));
        assert_eq!(score(&db, "b2").await, Points::ZERO);
        let data = key_tasks::load_all(&db).await.unwrap();
        assert_eq!(overdue(&data.tasks, &data.completions, today()), vec![("t1".to_string(), "b2".to_string())]);
        assert_eq!(actions(&db, "t1|b2").await, ["key_task.complete", "key_task.undo"]);
        assert!(matches!(
            key_tasks::undo_completion(&db, "t1", "b2").await,
            Err(TaskError::Store(StoreError::NotFound(_)))
        ));
    }

    #[wasm_bindgen_test]
    async fn a_reported_task_cannot_be_deleted_nor_its_branch_removed() {
        let db = fresh_db().await;
        tree(&db).await;
        let saved = key_tasks::save_task(&db, task("t1", &["b1", "b2"])).await.unwrap();
        key_tasks::complete(&db, done("t1", "b1", "2026-11-18"), today()).await.unwrap();

        assert_eq!(
            key_tasks::delete_task(&db, "t1").await,
            Err(TaskError::Invalid(TaskRefusal::Completed(vec!["b1".into()])))
        );
        let without_b1 = KeyTask { branches: vec!["b2".into()], ..saved.clone() };
        assert_eq!(
            key_tasks::save_task(&db, without_b1).await,
            Err(TaskError::Invalid(TaskRefusal::Completed(vec!["b1".into()])))
        );
        assert_eq!(key_tasks::load_all(&db).await.unwrap().tasks, vec![saved.clone()], "unchanged");

        key_tasks::undo_completion(&db, "t1", "b1").await.unwrap();
        assert_eq!(key_tasks::delete_task(&db, "t1").await, Ok(saved));
        assert!(key_tasks::load_all(&db).await.unwrap().tasks.is_empty());
        assert_eq!(actions(&db, "t1").await, ["key_task.create", "key_task.delete"]);
        assert!(matches!(key_tasks::delete_task(&db, "t1").await, Err(TaskError::Store(StoreError::NotFound(_)))));
    }
}

mod backup_store {
    use serde_json::json;
    use starbranch::domain::device::settings::LAST_BACKUP;
    use starbranch::domain::files::backup::{BackupError, STORES};
    use starbranch::domain::files::envelope::Envelope;
    use starbranch::domain::ledger::{LedgerRecord, MeetingKind};
    use starbranch::store::backup;
    use starbranch::store::ledger::{self, NewAttachment};
    use starbranch::store::{meta, orgs, Database, StoreError};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    use super::{date, fresh_db, member, today, tree};

    const AT: &str = "2026-11-27T10:00:00.000Z";
    const BYTES: [u8; 6] = [0x89, b'P', b'N', b'G', 0, 255];

    fn photo() -> NewAttachment {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&BYTES[..]));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("image/png");
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap();
        NewAttachment { id: "f1".into(), name: "签到表.png".into(), mime: "image/png".into(), blob }
    }

    fn meeting() -> LedgerRecord {
        LedgerRecord {
            id: "r1".into(),
            branch: "b1".into(),
            date: date("2026-10-12"),
            kind: MeetingKind::CommitteeMeeting,
            topic: "学习".into(),
            place: "会议室".into(),
            host: "王书记".into(),
            attendees: vec!["m1".into(), "m2".into()],
            absentees: vec![],
            minutes: String::new(),
            attachments: vec![],
        }
    }

    /// The demo data plus a small tree with history entries, members, a ledger record with a
    /// photo and an archived branch: every kind of record a backup must carry.
    async fn filled_db() -> Database {
        let db = fresh_db().await;
        assert!(meta::seed_demo_if_empty(&db).await.unwrap());
        tree(&db).await;
        for id in ["m1", "m2"] {
            orgs::save_member(&db, member(id, "b1"), today()).await.unwrap();
        }
        ledger::save_record(&db, meeting(), vec![photo()], &[], today()).await.unwrap();
        orgs::set_archived(&db, "b2", true, today()).await.unwrap();
        db
    }

    async fn bytes_of(blob: &web_sys::Blob) -> Vec<u8> {
        let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.unwrap();
        js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec()
    }

    #[wasm_bindgen_test]
    async fn a_backup_restored_into_another_database_exports_identically() {
        let source = filled_db().await;
        backup::mark_backed_up(&source, "2026-11-01T09:00:00.000Z").await.unwrap();
        let first = backup::export(&source, AT).await.unwrap();
        let mut names: Vec<String> = source.object_store_names().collect();
        names.sort();
        let mut listed: Vec<String> = STORES.iter().map(|s| s.name.to_string()).collect();
        listed.sort();
        assert_eq!(names, listed, "the backup knows every store of the schema");
        assert_eq!(first.stores.keys().cloned().collect::<Vec<_>>(), listed);
        for store in ["orgs", "members", "history", "rubrics", "evaluations", "five_haves", "ledger", "attachments"] {
            assert!(!first.stores[store].is_empty(), "{store} has records");
        }
        assert!(first.stores["meta"].iter().all(|m| m["key"] != json!(LAST_BACKUP)), "last_backup is not data");

        let text = first.to_json();
        let target = fresh_db().await;
        backup::mark_backed_up(&target, "2026-11-20T09:00:00.000Z").await.unwrap();
        backup::restore(&target, backup::check(&text).unwrap()).await.unwrap();
        let second = backup::export(&target, AT).await.unwrap();
        assert_eq!(second.stores, first.stores);
        assert_eq!(second.to_json(), text);

        // The photo is a real Blob again; the org tree reads as before; this browser's last
        // backup date stays.
        let files = ledger::record_attachments(&target, "r1").await.unwrap();
        assert_eq!(bytes_of(&files[0].blob).await, BYTES.to_vec());
        assert_eq!(files[0].blob.type_(), "image/png");
        assert_eq!(orgs::list_orgs(&target).await.unwrap().len(), orgs::list_orgs(&source).await.unwrap().len());
        assert!(orgs::list_orgs(&target).await.unwrap().iter().any(|o| o.id == "b2" && o.archived));
        assert_eq!(backup::last_backup(&target).await.unwrap().as_deref(), Some("2026-11-20T09:00:00.000Z"));

        // New history entries go after the restored ones.
        let history_before = orgs::list_history(&target).await.unwrap().len();
        orgs::set_archived(&target, "b2", false, today()).await.unwrap();
        let after = backup::export(&target, AT).await.unwrap();
        assert_eq!(after.stores["history"].len(), history_before + 1);
        let keys: Vec<u64> = after.stores["history"].iter().map(|pair| pair[0].as_u64().unwrap()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(&after.stores["history"][..history_before], &first.stores["history"][..]);
    }

    #[wasm_bindgen_test]
    async fn a_refused_or_failing_restore_changes_nothing() {
        let target = filled_db().await;
        let before = backup::export(&target, AT).await.unwrap();

        let other = fresh_db().await;
        tree(&other).await;
        let good = backup::export(&other, AT).await.unwrap();
        let tampered = good.to_json().replace("一支部", "三支部");
        assert_eq!(backup::check(&tampered), Err(BackupError::Envelope(Envelope::ChecksumMismatch)));
        let text = good.to_json();
        assert_eq!(backup::check(&text[..text.len() - 40]), Err(BackupError::Envelope(Envelope::Truncated)));

        // A backup that fails inside the transaction — after other stores were already cleared
        // and refilled — is rolled back as a whole.
        let mut broken = good.clone();
        broken.stores.get_mut("task_completions").unwrap().push(json!({"task": "t1", "branch": "b1"}));
        assert!(matches!(backup::restore(&target, broken).await, Err(StoreError::Other(_))));
        assert_eq!(backup::export(&target, AT).await.unwrap(), before);
    }

    #[wasm_bindgen_test]
    async fn a_v3_backup_restores_into_v4_with_empty_new_stores() {
        let source = filled_db().await;
        let full = backup::export(&source, AT).await.unwrap();
        let mut v3 = full.clone();
        v3.schema = 3;
        for spec in STORES.iter().filter(|s| s.since > 3) {
            v3.stores.remove(spec.name);
        }
        let parsed = backup::check(&v3.to_json()).unwrap();
        assert_eq!(parsed.schema, 3);

        let target = filled_db().await;
        backup::restore(&target, parsed).await.unwrap();
        let restored = backup::export(&target, AT).await.unwrap();
        assert_eq!(restored.schema, starbranch::store::DB_VERSION);
        for spec in STORES {
            if spec.since > 3 {
                assert!(restored.stores[spec.name].is_empty(), "{} emptied", spec.name);
            } else {
                assert_eq!(restored.stores[spec.name], full.stores[spec.name], "{}", spec.name);
            }
        }
        assert!(ledger::list_branch(&target, "b1").await.unwrap().is_empty());
    }

    #[wasm_bindgen_test]
    async fn a_merge_adds_what_is_missing_keeps_what_is_here_and_is_idempotent() {
        let source = filled_db().await;
        let made = backup::export(&source, AT).await.unwrap();

        // The target has its own b1 (renamed) and nothing else of the source.
        let target = fresh_db().await;
        tree(&target).await;
        let mut renamed = orgs::list_orgs(&target).await.unwrap().into_iter().find(|o| o.id == "b1").unwrap();
        renamed.name = "本机的一支部".into();
        orgs::save_org(&target, renamed, today()).await.unwrap();

        let preview = backup::merge_preview(&target, &made).await.unwrap();
        assert_eq!(preview.kept.get("orgs"), Some(&3), "c, b1, b2 are here already");
        let applied = backup::merge(&target, made.clone()).await.unwrap();
        assert_eq!(applied, preview, "the merge does what its preview said");
        assert!(applied.added() > 0);

        let orgs_after = orgs::list_orgs(&target).await.unwrap();
        assert_eq!(orgs_after.iter().find(|o| o.id == "b1").unwrap().name, "本机的一支部", "ours kept");
        assert!(orgs_after.iter().any(|o| o.id.starts_with("demo-")), "the demo orgs came in");
        let files = ledger::record_attachments(&target, "r1").await.unwrap();
        assert_eq!(bytes_of(&files[0].blob).await, BYTES, "the photo came with its bytes");
        assert_eq!(meta::get_setting(&target, "demo_seeded").await.unwrap(), None, "settings are never merged");

        // Merging the same file again adds nothing and writes no history.
        let history = orgs::list_history(&target).await.unwrap().len();
        assert_eq!(backup::merge(&target, made).await.unwrap().added(), 0);
        assert_eq!(orgs::list_history(&target).await.unwrap().len(), history);
    }
}

/// Branch submission packages (docs/FORMAT.md §11): a branch's month from one database to
/// another, conflicts resolved either way, statuses back, refusals writing nothing.
mod packages_store {
    use starbranch::domain::files::envelope::Envelope;
    use starbranch::domain::files::envelope::{canonical, checksum};
    use starbranch::domain::files::package::{Choice, Choices, ItemKind, ItemState, PackageError, Refusal};
    use starbranch::domain::ledger::{LedgerRecord, MeetingKind};
    use starbranch::domain::rating::evaluation::ReviewStatus;
    use starbranch::domain::rating::workflow::Action;
    use starbranch::domain::values::period::Month;
    use starbranch::store::ledger::{self, NewAttachment};
    use starbranch::store::packages::{self, ApplyError, ApplyRefusal, CheckError};
    use starbranch::store::{meta, orgs, ratings, Database};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    use super::{date, fresh_db};

    const BYTES: [u8; 5] = [0x89, b'P', b'N', b'G', 7];

    async fn demo_db() -> Database {
        let db = fresh_db().await;
        assert!(meta::seed_demo_if_empty(&db).await.unwrap());
        db
    }

    fn november() -> Month {
        "2026-11".parse().unwrap()
    }

    fn photo() -> NewAttachment {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&BYTES[..]));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("image/png");
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap();
        NewAttachment { id: "pkg-f1".into(), name: "签到表.png".into(), mime: "image/png".into(), blob }
    }

    fn meeting(id: &str, day: &str) -> LedgerRecord {
        LedgerRecord {
            id: id.into(),
            branch: "demo-b01".into(),
            date: date(day),
            kind: MeetingKind::ThemeDay,
            topic: "主题党日".into(),
            place: "会议室".into(),
            host: "王书记".into(),
            attendees: vec!["demo-b01-m0".into(), "demo-b01-m1".into()],
            absentees: vec![],
            minutes: String::new(),
            attachments: vec![],
        }
    }

    async fn bytes_of(blob: &web_sys::Blob) -> Vec<u8> {
        let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.unwrap();
        js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec()
    }

    async fn sheet_status(db: &Database, branch: &str, month: Month) -> ReviewStatus {
        let data = ratings::load(db).await.unwrap();
        data.evaluations
            .iter()
            .find(|r| r.evaluation.branch == branch && r.evaluation.month == month)
            .unwrap()
            .evaluation
            .status
    }

    async fn return_sheet(db: &Database, reason: &str) {
        let data = ratings::load(db).await.unwrap();
        let sheet = data.evaluations.iter().find(|r| r.key == "demo-b01|2026-11").unwrap().evaluation.clone();
        ratings::save_sheet(db, sheet, Action::Return, reason).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_branch_month_travels_to_another_database_and_twice_changes_nothing() {
        let source = demo_db().await;
        let target = demo_db().await;
        let device = packages::device_id(&source).await.unwrap();
        assert_eq!(packages::device_id(&source).await.unwrap(), device, "one id per browser, kept");
        ledger::save_record(&source, meeting("pkg-r1", "2026-11-12"), vec![photo()], &[], date("2026-11-27"))
            .await
            .unwrap();
        let package = packages::export_branch_month(&source, "demo-b01", november()).await.unwrap();
        assert_eq!(package.device, device);
        assert_eq!((package.ledger.len(), package.attachments.len()), (1, 1));
        assert_eq!(package.sheet.as_ref().unwrap().evaluation.status, ReviewStatus::Submitted);

        let received = packages::check(&target, &package.to_json()).await.unwrap();
        let diffs = packages::preview(&target, std::slice::from_ref(&received), None).await.unwrap();
        // The branch's roll travels too, the same on both sides.
        let states: Vec<ItemState> =
            diffs[0].items.iter().filter(|i| !matches!(i.kind, ItemKind::Member(_))).map(|i| i.state).collect();
        assert_eq!(states, vec![ItemState::Identical, ItemState::New]);
        assert!(diffs[0]
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Member(_)))
            .all(|i| i.state == ItemState::Identical));

        let history_before = orgs::list_history(&target).await.unwrap().len();
        let plan = packages::apply(&target, &[(received.clone(), Choices::new())], None).await.unwrap();
        assert_eq!(plan.len(), 1);
        assert_eq!(
            ledger::get_record(&target, "pkg-r1").await.unwrap(),
            ledger::get_record(&source, "pkg-r1").await.unwrap()
        );
        let files = ledger::record_attachments(&target, "pkg-r1").await.unwrap();
        assert_eq!(bytes_of(&files[0].blob).await, BYTES.to_vec());
        assert_eq!(files[0].blob.type_(), "image/png");
        let history = orgs::list_history(&target).await.unwrap();
        assert_eq!(history.len(), history_before + 2, "the record's entry and the package's");
        let source_entry = history.iter().find(|h| h.action == "package.import").unwrap();
        assert_eq!(source_entry.target, "demo-b01|2026-11");
        let reason = source_entry.reason.clone().unwrap();
        assert!(reason.contains(received.hash_prefix()) && reason.contains(&device), "{reason}");

        let back = packages::export_branch_month(&target, "demo-b01", november()).await.unwrap();
        assert_eq!(
            (&back.sheet, &back.ledger, &back.attachments),
            (&package.sheet, &package.ledger, &package.attachments)
        );

        let again = packages::apply(&target, &[(received, Choices::new())], None).await.unwrap();
        assert!(again.is_empty());
        assert_eq!(orgs::list_history(&target).await.unwrap().len(), history_before + 2, "nothing written");
    }

    #[wasm_bindgen_test]
    async fn a_branch_s_members_records_travel_with_its_month_and_are_written_with_their_history() {
        use indexed_db_futures::prelude::*;
        use indexed_db_futures::transaction::TransactionMode;
        use starbranch::domain::files::package_members::MemberStore;
        let source = demo_db().await;
        let target = demo_db().await;
        let dues = serde_json::json!({"key": "demo-b01-m0|2026-11", "member": "demo-b01-m0", "branch": "demo-b01",
            "month": "2026-11", "due": 20.0, "paid": 20.0, "paid_on": "2026-11-05"});
        let older = serde_json::json!({"key": "demo-b01-m0|2026-10", "member": "demo-b01-m0", "branch": "demo-b01",
            "month": "2026-10", "due": 20.0, "paid": 0.0, "paid_on": null});
        let candidate = serde_json::json!({"id": "pkg-c1", "branch": "demo-b01", "name": "周一", "gender": "male",
            "birth": "2000-03-01", "applied_on": "2026-03-01"});
        {
            let tx = source.transaction(["dues", "candidates"]).with_mode(TransactionMode::Readwrite).build().unwrap();
            for record in [&dues, &older] {
                tx.object_store("dues").unwrap().put(record).serde().unwrap().await.unwrap();
            }
            tx.object_store("candidates").unwrap().put(&candidate).serde().unwrap().await.unwrap();
            tx.commit().await.unwrap();
        }
        let package = packages::export_branch_month(&source, "demo-b01", november()).await.unwrap();
        assert_eq!(package.members.dues.len(), 1, "only the month's dues");
        assert_eq!(package.members.candidates.len(), 1);
        let received = packages::check(&target, &package.to_json()).await.unwrap();
        let diffs = packages::preview(&target, std::slice::from_ref(&received), None).await.unwrap();
        let new: Vec<ItemKind> = diffs[0].items.iter().filter(|i| i.state == ItemState::New).map(|i| i.kind).collect();
        assert_eq!(new, [ItemKind::Member(MemberStore::Candidates), ItemKind::Member(MemberStore::Dues)]);

        packages::apply(&target, &[(received.clone(), Choices::new())], None).await.unwrap();
        let tx = target.transaction(["dues", "candidates"]).build().unwrap();
        let stored: Option<serde_json::Value> =
            tx.object_store("dues").unwrap().get("demo-b01-m0|2026-11".to_string()).serde().unwrap().await.unwrap();
        // A JavaScript number has no "20.0": compared as the record it is.
        let as_dues = |v: &serde_json::Value| {
            serde_json::from_value::<starbranch::domain::members::dues::Dues>(v.clone()).unwrap()
        };
        assert_eq!(stored.as_ref().map(as_dues), Some(as_dues(&dues)));
        let older_here: Option<serde_json::Value> =
            tx.object_store("dues").unwrap().get("demo-b01-m0|2026-10".to_string()).serde().unwrap().await.unwrap();
        assert_eq!(older_here, None, "another month's dues stay behind");
        let stored: Option<serde_json::Value> =
            tx.object_store("candidates").unwrap().get("pkg-c1".to_string()).serde().unwrap().await.unwrap();
        assert_eq!(stored, Some(candidate));
        drop(tx);
        assert_eq!(ratings::history_of(&target, "demo-b01-m0|2026-11").await.unwrap()[0].action, "dues.package");
        assert_eq!(ratings::history_of(&target, "pkg-c1").await.unwrap()[0].action, "candidates.package");
        // Read back from IndexedDB, every record compares equal: no false conflict.
        let again = packages::preview(&target, std::slice::from_ref(&received), None).await.unwrap();
        assert!(again[0].items.iter().all(|i| i.state == ItemState::Identical), "{:?}", again[0].items);
        assert!(
            packages::apply(&target, &[(received, Choices::new())], None).await.unwrap().is_empty(),
            "twice: nothing"
        );
    }

    #[wasm_bindgen_test]
    async fn a_conflict_is_resolved_either_way() {
        let branch = demo_db().await;
        let committee = demo_db().await;
        return_sheet(&committee, "请补充台账").await;
        let package = packages::export_branch_month(&branch, "demo-b01", november()).await.unwrap();
        let received = packages::check(&committee, &package.to_json()).await.unwrap();
        let diffs = packages::preview(&committee, std::slice::from_ref(&received), None).await.unwrap();
        let conflict = diffs[0].conflicts().next().unwrap().clone();
        let status = conflict.fields.iter().find(|f| f.field == "status").unwrap();
        assert_eq!((status.ours.as_deref(), status.theirs.as_deref()), (Some("returned"), Some("submitted")));

        let ours = packages::apply(&committee, &[(received.clone(), Choices::new())], None).await.unwrap();
        assert!(ours.is_empty(), "keeping ours writes nothing");
        assert_eq!(sheet_status(&committee, "demo-b01", november()).await, ReviewStatus::Returned);

        let theirs: Choices = [(conflict.id(), Choice::Theirs)].into_iter().collect();
        let plan = packages::apply(&committee, &[(received.clone(), theirs.clone())], None).await.unwrap();
        assert_eq!(plan.sheets.len(), 1);
        assert_eq!(sheet_status(&committee, "demo-b01", november()).await, ReviewStatus::Submitted);
        assert!(packages::apply(&committee, &[(received, theirs)], None).await.unwrap().is_empty());
    }

    #[wasm_bindgen_test]
    async fn statuses_go_back_to_the_branch() {
        let branch = demo_db().await;
        let committee = demo_db().await;
        return_sheet(&committee, "请补充签到表").await;
        let package = packages::export_statuses(&committee, november()).await.unwrap();
        assert_eq!(package.statuses.len(), 1, "only returned / confirmed / published sheets");
        assert_eq!(package.statuses[0].reason, "请补充签到表");
        let october = packages::export_statuses(&committee, "2026-10".parse().unwrap()).await.unwrap();
        assert_eq!(october.statuses.len(), 20);

        let received = packages::check(&branch, &package.to_json()).await.unwrap();
        let diffs = packages::preview(&branch, std::slice::from_ref(&received), None).await.unwrap();
        let theirs: Choices = diffs[0].conflicts().map(|i| (i.id(), Choice::Theirs)).collect();
        assert_eq!(theirs.len(), 1);
        packages::apply(&branch, &[(received.clone(), theirs.clone())], None).await.unwrap();
        assert_eq!(sheet_status(&branch, "demo-b01", november()).await, ReviewStatus::Returned);
        let history = ratings::history_of(&branch, "demo-b01|2026-11").await.unwrap();
        assert_eq!(history.last().unwrap().reason.as_deref(), Some("请补充签到表"));
        assert!(packages::apply(&branch, &[(received, theirs)], None).await.unwrap().is_empty());
    }

    /// A secretary's import is limited to the own branch: another branch's status is shown as
    /// such and never written, even when chosen.
    #[wasm_bindgen_test]
    async fn a_limited_import_writes_only_the_own_branch() {
        let branch = demo_db().await;
        let committee = demo_db().await;
        return_sheet(&committee, "请补充签到表").await;
        let package = packages::export_statuses(&committee, november()).await.unwrap();
        let received = packages::check(&branch, &package.to_json()).await.unwrap();
        let diffs = packages::preview(&branch, std::slice::from_ref(&received), Some("demo-b02")).await.unwrap();
        assert!(diffs[0].items.iter().all(|i| i.state == ItemState::OtherBranch));
        let theirs: Choices = diffs[0].items.iter().map(|i| (i.id(), Choice::Theirs)).collect();
        packages::apply(&branch, &[(received.clone(), theirs)], Some("demo-b02")).await.unwrap();
        assert_ne!(sheet_status(&branch, "demo-b01", november()).await, ReviewStatus::Returned);
        let own = packages::preview(&branch, std::slice::from_ref(&received), Some("demo-b01")).await.unwrap();
        assert_eq!(own[0].conflicts().count(), 1, "the own branch's status is offered as before");
    }

    #[wasm_bindgen_test]
    async fn a_package_with_an_error_writes_nothing() {
        let source = demo_db().await;
        let target = demo_db().await;
        ledger::save_record(&source, meeting("pkg-r2", "2026-11-05"), vec![], &[], date("2026-11-27")).await.unwrap();
        let package = packages::export_branch_month(&source, "demo-b01", november()).await.unwrap();
        let text = package.to_json();
        let tampered = text.replace("主题党日", "篡改");
        assert_eq!(
            packages::check(&target, &tampered).await,
            Err(CheckError::Invalid(PackageError::Envelope(Envelope::ChecksumMismatch)))
        );

        // A dangling member, checksum recomputed: refused by the check and by apply itself.
        let mut document = package.document();
        document["ledger"][0]["attendees"][1] = "ghost".into();
        let sum = checksum(&document);
        document["sha256"] = sum.into();
        let dangling = canonical(&document);
        assert!(matches!(
            packages::check(&target, &dangling).await,
            Err(CheckError::Invalid(PackageError::Invalid(_)))
        ));
        let unchecked = starbranch::domain::files::package::parse(&dangling).unwrap();
        let history_before = orgs::list_history(&target).await.unwrap().len();
        let good = packages::check(&target, &text).await.unwrap();
        let refused = packages::apply(&target, &[(good, Choices::new()), (unchecked, Choices::new())], None).await;
        assert!(matches!(refused, Err(ApplyError::Invalid(ApplyRefusal::Invalid(1, _)))), "{refused:?}");
        assert_eq!(
            ledger::get_record(&target, "pkg-r2").await.unwrap(),
            None,
            "the good package is not written either"
        );
        assert_eq!(orgs::list_history(&target).await.unwrap().len(), history_before);

        // A new record in a month confirmed here is refused as a whole.
        ledger::save_record(&source, meeting("pkg-r3", "2026-10-08"), vec![], &[], date("2026-11-27")).await.unwrap();
        let october = packages::export_branch_month(&source, "demo-b01", "2026-10".parse().unwrap()).await.unwrap();
        let received = packages::check(&target, &october.to_json()).await.unwrap();
        let diffs = packages::preview(&target, std::slice::from_ref(&received), None).await.unwrap();
        assert!(matches!(diffs[0].refusal, Some(Refusal::ConfirmedMonth { .. })));
        let refused = packages::apply(&target, &[(received, Choices::new())], None).await;
        assert!(
            matches!(refused, Err(ApplyError::Invalid(ApplyRefusal::Refused(0, Refusal::ConfirmedMonth { .. })))),
            "{refused:?}"
        );
        assert_eq!(ledger::get_record(&target, "pkg-r3").await.unwrap(), None);
    }
}

mod roles_store {
    //! Local roles: WebCrypto PBKDF2, PINs, lock-out kept across reloads, device-only settings.
    use super::*;
    use starbranch::domain::device::roles::{to_hex, Role, Session, FREE_TRIES};
    use starbranch::domain::device::settings::DEVICE_ONLY as DEVICE_SETTINGS;
    use starbranch::store::backup;
    use starbranch::store::roles::{self, SwitchError, SwitchRefusal};

    const NOW: u64 = 1_800_000_000_000;

    #[wasm_bindgen_test]
    async fn pbkdf2_matches_the_published_sha256_test_vector() {
        // PBKDF2-HMAC-SHA256("password", "salt", c, 32) from RFC 7914 §11 / common test suites.
        let one = roles::pbkdf2_sha256(b"password", b"salt", 1).await.unwrap();
        assert_eq!(to_hex(&one), "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
        let two = roles::pbkdf2_sha256(b"password", b"salt", 2).await.unwrap();
        assert_eq!(to_hex(&two), "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
    }

    #[wasm_bindgen_test]
    async fn a_pin_guards_the_role_and_wrong_pins_lock_out_across_reopen() {
        let name = format!("test-{}", starbranch::store::new_id());
        let db = open_db(&name).await.unwrap();
        assert_eq!(roles::session(&db).await.unwrap(), Session::default(), "a new device is administrator");
        roles::set_pin(&db, Role::Admin, Some("2468")).await.unwrap();
        let pins = roles::pins(&db).await.unwrap();
        let record = pins.of(Role::Admin).unwrap();
        assert_ne!(record.hash, "2468", "never the PIN itself");
        assert_eq!(record.salt.len(), 32);

        // The administrator leaves for the viewer without a PIN …
        let viewer = Session { role: Role::Viewer, branch: None };
        assert_eq!(roles::switch(&db, viewer.clone(), "", NOW).await.unwrap(), viewer);
        // … and needs it to come back.
        let admin = Session::default();
        for n in 1..FREE_TRIES {
            assert_eq!(
                roles::switch(&db, admin.clone(), "1111", NOW).await,
                Err(SwitchError::Invalid(SwitchRefusal::WrongPin { wait_secs: 0 })),
                "try {n}"
            );
        }
        assert_eq!(
            roles::switch(&db, admin.clone(), "1111", NOW).await,
            Err(SwitchError::Invalid(SwitchRefusal::WrongPin { wait_secs: 30 }))
        );
        db.close();

        // Reopening (a reload) keeps the lock-out: even the right PIN waits.
        let db = open_db(&name).await.unwrap();
        assert_eq!(roles::session(&db).await.unwrap(), viewer, "the session survives a reload");
        assert_eq!(
            roles::switch(&db, admin.clone(), "2468", NOW + 1_000).await,
            Err(SwitchError::Invalid(SwitchRefusal::LockedOut { wait_secs: 29 }))
        );
        assert_eq!(roles::switch(&db, admin.clone(), "2468", NOW + 30_000).await.unwrap(), admin);
        assert_eq!(roles::check_admin_pin(&db, "2468", NOW + 31_000).await, Ok(()));
        assert_eq!(
            roles::check_admin_pin(&db, "0000", NOW + 31_000).await,
            Err(SwitchError::Invalid(SwitchRefusal::WrongPin { wait_secs: 0 })),
            "the count restarted after the right PIN"
        );

        // A secretary must name a branch; the branch is dropped for other roles.
        let unbound = Session { role: Role::Secretary, branch: None };
        assert_eq!(roles::switch(&db, unbound, "", NOW).await, Err(SwitchError::Invalid(SwitchRefusal::NoBranch)));
        let odd = Session { role: Role::Viewer, branch: Some("b1".into()) };
        assert_eq!(roles::switch(&db, odd, "", NOW).await.unwrap().branch, None);

        roles::set_pin(&db, Role::Admin, None).await.unwrap();
        assert!(roles::pins(&db).await.unwrap().of(Role::Admin).is_none());
        assert_eq!(roles::check_admin_pin(&db, "", NOW).await, Ok(()), "no PIN: nothing to check");
    }

    #[wasm_bindgen_test]
    async fn device_settings_stay_out_of_backups_and_survive_a_restore() {
        let source = fresh_db().await;
        tree(&source).await;
        roles::set_pin(&source, Role::Admin, Some("1357")).await.unwrap();
        roles::switch(&source, Session { role: Role::Viewer, branch: None }, "", NOW).await.unwrap();
        let made = backup::export(&source, "2026-11-27T10:00:00.000Z").await.unwrap();
        let keys: Vec<&str> = made.stores["meta"].iter().filter_map(|m| m["key"].as_str()).collect();
        assert!(keys.contains(&"pins"), "the committee's PINs are data: {keys:?}");
        for device in DEVICE_SETTINGS {
            assert!(!keys.contains(&device), "{device} is device-only");
        }

        let target = fresh_db().await;
        roles::switch(&target, Session { role: Role::Secretary, branch: Some("x".into()) }, "", NOW).await.unwrap();
        backup::restore(&target, made).await.unwrap();
        assert_eq!(roles::session(&target).await.unwrap().role, Role::Secretary, "this device's session is kept");
        assert!(roles::pins(&target).await.unwrap().of(Role::Admin).is_some(), "the PINs came with the data");
    }

    #[wasm_bindgen_test]
    async fn changes_since_the_last_backup_are_counted_from_history() {
        let db = fresh_db().await;
        assert_eq!(backup::changes_since_backup(&db).await.unwrap(), 0);
        tree(&db).await;
        assert_eq!(backup::changes_since_backup(&db).await.unwrap(), 3, "three orgs created, never backed up");
        backup::mark_backed_up(&db, "2026-11-27T10:00:00.000Z").await.unwrap();
        assert_eq!(backup::changes_since_backup(&db).await.unwrap(), 0);
        orgs::save_member(&db, member("m1", "b1"), today()).await.unwrap();
        assert_eq!(backup::changes_since_backup(&db).await.unwrap(), 1);
        let rule = starbranch::domain::files::backup::ReminderRule { days: 7, changes: 20 };
        backup::set_reminder_rule(&db, rule).await.unwrap();
        assert_eq!(backup::reminder_rule(&db).await.unwrap(), rule);
    }
}

/// Spreadsheet import of the registry (docs/FORMAT.md §12): one transaction for everything.
mod sheet_import_store {
    use super::*;
    use starbranch::domain::files::sheet_import::{auto_map, read_csv, Action, ImportKind};
    use starbranch::store::orgs::SheetImportError;

    const ORGS_CSV: &str = "组织名称,层级,上级组织,支部类别,书记\n新总支,党总支,公司党委,,赵一\n三支部,党支部,新总支,市场经营类,钱二\n一支部,党支部,公司党委,生产类,新书记\n";
    const MEMBERS_CSV: &str = "姓名,所在党支部,性别,出生日期,入党日期\n张三,一支部,男,1990-01-01,2015-07-01\n李四,二支部,女,1992/2/2,2016/7/1\n";

    fn counter(prefix: &'static str) -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("{prefix}{n}")
        }
    }

    #[wasm_bindgen_test]
    async fn bulk_import_writes_everything_with_history_and_twice_changes_nothing() {
        let db = fresh_db().await;
        tree(&db).await;
        let history_before = orgs::list_history(&db).await.unwrap().len();
        let sheet = read_csv(ORGS_CSV.as_bytes()).unwrap();
        let mapping = auto_map(ImportKind::Orgs, &sheet.headers);
        let preview = orgs::preview_sheet_import(&db, ImportKind::Orgs, &sheet, &mapping, today()).await.unwrap();
        assert_eq!((preview.count(Action::Create), preview.count(Action::Update)), (2, 1));

        let plan = orgs::import_orgs_and_members(
            &db,
            ImportKind::Orgs,
            &sheet,
            &mapping,
            "支部.csv",
            today(),
            &mut counter("imp-"),
        )
        .await
        .unwrap();
        assert_eq!((plan.count(Action::Create), plan.count(Action::Update)), (2, 1));
        let all = orgs::list_orgs(&db).await.unwrap();
        assert_eq!(all.len(), 5);
        let general = all.iter().find(|o| o.name == "新总支").unwrap();
        let third = all.iter().find(|o| o.name == "三支部").unwrap();
        assert_eq!(third.parent.as_deref(), Some(general.id.as_str()));
        assert_eq!(all.iter().find(|o| o.id == "b1").unwrap().secretary, "新书记");
        let history = orgs::list_history(&db).await.unwrap();
        assert_eq!(history.len(), history_before + 3);
        assert!(history[history_before..]
            .iter()
            .all(|h| h.action == "org.import" && h.reason.as_deref() == Some("spreadsheet import: 支部.csv")));

        let members = read_csv(MEMBERS_CSV.as_bytes()).unwrap();
        let member_map = auto_map(ImportKind::Members, &members.headers);
        let plan = orgs::import_orgs_and_members(
            &db,
            ImportKind::Members,
            &members,
            &member_map,
            "党员.csv",
            today(),
            &mut counter("m-"),
        )
        .await
        .unwrap();
        assert_eq!(plan.count(Action::Create), 2);
        assert_eq!(orgs::list_branch_members(&db, "b2").await.unwrap()[0].name, "李四");

        // The same files again: nothing written, not even history.
        let again = orgs::import_orgs_and_members(
            &db,
            ImportKind::Orgs,
            &sheet,
            &mapping,
            "支部.csv",
            today(),
            &mut counter("x-"),
        )
        .await
        .unwrap();
        assert!(again.is_noop());
        let again = orgs::import_orgs_and_members(
            &db,
            ImportKind::Members,
            &members,
            &member_map,
            "党员.csv",
            today(),
            &mut counter("y-"),
        )
        .await
        .unwrap();
        assert!(again.is_noop());
        assert_eq!(orgs::list_orgs(&db).await.unwrap().len(), 5);
        assert_eq!(orgs::list_members(&db).await.unwrap().len(), 2);
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history_before + 5);
    }

    #[wasm_bindgen_test]
    async fn a_failing_write_or_a_bad_row_leaves_nothing() {
        let db = fresh_db().await;
        tree(&db).await;
        let history_before = orgs::list_history(&db).await.unwrap().len();
        let sheet = read_csv(ORGS_CSV.as_bytes()).unwrap();
        let mapping = auto_map(ImportKind::Orgs, &sheet.headers);
        // The second new record gets the key of an existing org: its `add` fails after the first
        // creation and the update were already requested, and the whole transaction rolls back.
        let mut ids = vec!["fresh-1".to_string(), "b2".to_string()].into_iter();
        let mut clashing = move || ids.next().unwrap();
        let result =
            orgs::import_orgs_and_members(&db, ImportKind::Orgs, &sheet, &mapping, "x.csv", today(), &mut clashing)
                .await;
        assert!(matches!(result, Err(SheetImportError::Store(_))), "{result:?}");
        let all = orgs::list_orgs(&db).await.unwrap();
        assert_eq!(all.len(), 3);
        assert!(!all.iter().any(|o| o.id == "fresh-1"));
        assert_eq!(all.iter().find(|o| o.id == "b1").unwrap().secretary, "王书记");
        assert_eq!(all.iter().find(|o| o.id == "b2").unwrap().name, "二支部");
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history_before);

        // One bad row refuses the whole file before anything is written.
        let bad = read_csv("姓名,所在党支部,性别,出生日期,入党日期\n张三,一支部,男,1990-01-01,2015-07-01\n李四,无此支部,女,1992-02-02,2016-07-01\n".as_bytes()).unwrap();
        let map = auto_map(ImportKind::Members, &bad.headers);
        let result =
            orgs::import_orgs_and_members(&db, ImportKind::Members, &bad, &map, "bad.csv", today(), &mut counter("m-"))
                .await;
        match result {
            Err(SheetImportError::Invalid(rows)) => assert_eq!(rows.iter().map(|e| e.row).collect::<Vec<_>>(), vec![3]),
            other => panic!("expected row errors, got {other:?}"),
        }
        assert!(orgs::list_members(&db).await.unwrap().is_empty());
    }
}
/// The registry of non-public units (两新组织) and shell decisions: one transaction per action,
/// formations checked against the other units and the org tree read inside it.
mod units_store {
    use super::*;
    use starbranch::domain::files::backup::STORES;
    use starbranch::domain::units::credit_code::CreditCodeProblem;
    use starbranch::domain::units::formation::{validate_formations, Formation, FormationProblem, Stage};
    use starbranch::domain::units::shell::{DecisionProblem, ShellAction, ShellCause, ShellDecision, Window};
    use starbranch::domain::units::unit::{BusinessStatus, MassOrgs, SubType, Unit, UnitField, UnitProblem};
    use starbranch::store::backup;
    use starbranch::store::ratings::history_of;
    use starbranch::store::units::{self, ShellError, ShellRefusal, UnitError, UnitRefusal};
    use starbranch::store::StoreError;

    const AT: &str = "2026-11-27T10:00:00.000Z";

    fn unit(id: &str, name: &str, code: &str, formation: Option<Formation>) -> Unit {
        let organised = formation.as_ref().is_some_and(|f| f.org().is_some());
        Unit {
            id: id.into(),
            name: name.into(),
            credit_code: code.into(),
            sub_type: SubType::Private,
            industry: "软件和信息技术服务".into(),
            area: "新城街道".into(),
            employees: 120,
            above_scale: true,
            status: BusinessStatus::Operating,
            status_date: None,
            supervisor: String::new(),
            party_members: 5,
            full_members: 4,
            membership_here: 3,
            mass_orgs: MassOrgs { trade_union: true, ..MassOrgs::default() },
            registered: date("2012-03-01"),
            formed_on: formation.as_ref().map(|_| date("2018-07-01")),
            formation,
            stage: if organised { Stage::Formed } else { Stage::NotFormed },
        }
    }

    fn standalone(org: &str) -> Option<Formation> {
        Some(Formation::Standalone { org: org.into() })
    }

    fn joint(org: &str) -> Option<Formation> {
        Some(Formation::Joint { org: org.into() })
    }

    fn decision(org: &str, action: ShellAction, reason: &str, on: &str) -> ShellDecision {
        ShellDecision { org: org.into(), decision: action, reason: reason.into(), date: date(on) }
    }

    async fn actions(db: &Database, target: &str) -> Vec<String> {
        history_of(db, target).await.unwrap().into_iter().map(|h| h.action).collect()
    }

    #[wasm_bindgen_test]
    async fn a_unit_is_saved_listed_updated_and_deleted_with_its_history() {
        let db = fresh_db().await;
        tree(&db).await;
        let mut typed = unit("u1", " 星河软件有限公司 ", "91350100m000100y43", standalone("b1"));
        typed.area = " 新城街道 ".into();
        let saved = units::save_unit(&db, typed, today()).await.unwrap();
        assert_eq!(
            (saved.name.as_str(), saved.credit_code.as_str(), saved.area.as_str()),
            ("星河软件有限公司", "91350100M000100Y43", "新城街道")
        );
        assert_eq!(units::list_units(&db).await.unwrap(), vec![saved.clone()]);
        assert_eq!(units::list_units_in_area(&db, "新城街道").await.unwrap(), vec![saved.clone()]);
        assert!(units::list_units_in_area(&db, "老城街道").await.unwrap().is_empty());

        let edited = Unit { employees: 150, stage: Stage::Standardised, ..saved.clone() };
        assert_eq!(units::save_unit(&db, edited.clone(), today()).await.unwrap(), edited);
        assert_eq!(units::list_units(&db).await.unwrap(), vec![edited.clone()]);
        let history = history_of(&db, "u1").await.unwrap();
        assert_eq!(history.iter().map(|h| h.action.as_str()).collect::<Vec<_>>(), ["unit.create", "unit.update"]);
        assert_eq!(history[1].before, Some(serde_json::to_string(&saved).unwrap()));
        assert_eq!(history[1].after, Some(serde_json::to_string(&edited).unwrap()));

        assert_eq!(units::delete_unit(&db, "u1").await.unwrap(), edited);
        assert!(units::list_units(&db).await.unwrap().is_empty());
        assert_eq!(actions(&db, "u1").await, ["unit.create", "unit.update", "unit.delete"]);
        assert_eq!(units::delete_unit(&db, "u1").await, Err(StoreError::NotFound("u1".into())));
    }

    #[wasm_bindgen_test]
    async fn an_invalid_unit_writes_nothing_and_hears_every_problem() {
        let db = fresh_db().await;
        tree(&db).await;
        units::save_unit(&db, unit("u1", "星河软件有限公司", "91350100M000100Y43", standalone("b1")), today())
            .await
            .unwrap();
        let history_before = orgs::list_history(&db).await.unwrap().len();
        let stored = units::list_units(&db).await.unwrap();

        let mut bad = unit("u2", " 星河软件有限公司", "91350100M000100Y44", None);
        bad.status = BusinessStatus::Suspended;
        bad.full_members = 6;
        bad.membership_here = 9;
        bad.registered = date("2027-01-01");
        bad.stage = Stage::Formed;
        let Err(UnitError::Invalid(UnitRefusal::Problems(problems))) = units::save_unit(&db, bad, today()).await else {
            panic!("refused")
        };
        let expected = [
            UnitProblem::NameTaken { by: "u1".into() },
            UnitProblem::CreditCode(CreditCodeProblem::CheckCharacter { expected: '3', found: '4' }),
            UnitProblem::InFuture(UnitField::Registered),
            UnitProblem::Required(UnitField::StatusDate),
            UnitProblem::FullAboveParty { full: 6, party: 5 },
            UnitProblem::HereAboveParty { here: 9, party: 5 },
            UnitProblem::StageNeedsOrganisation,
        ];
        for problem in &expected {
            assert!(problems.contains(problem), "{problem:?} in {problems:?}");
        }
        assert_eq!(problems.len(), expected.len(), "{problems:?}");

        // Taking another unit's credit code is refused too, and an update of u1 that breaks a rule
        // leaves the stored u1 as it was.
        let twin = unit("u3", "另一家公司", " 91350100M000100Y43", None);
        let refused = units::save_unit(&db, twin, today()).await;
        assert_eq!(
            refused,
            Err(UnitError::Invalid(UnitRefusal::Problems(vec![UnitProblem::CreditCodeTaken { by: "u1".into() }])))
        );
        let broken = Unit { name: String::new(), ..stored[0].clone() };
        assert!(matches!(
            units::save_unit(&db, broken, today()).await,
            Err(UnitError::Invalid(UnitRefusal::Problems(_)))
        ));

        assert_eq!(units::list_units(&db).await.unwrap(), stored);
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history_before, "no history entry");
    }

    #[wasm_bindgen_test]
    async fn a_standalone_branch_needs_three_full_members_and_one_unit() {
        let db = fresh_db().await;
        tree(&db).await;
        let history_before = orgs::list_history(&db).await.unwrap().len();

        let few =
            Unit { full_members: 2, ..unit("u1", "小微科技有限公司", "91350100M000100Y43", standalone("b1")) };
        let refused = units::save_unit(&db, few, today()).await;
        let expected = vec![FormationProblem::TooFewForStandalone { unit: "u1".into(), full: 2 }];
        assert_eq!(refused, Err(UnitError::Invalid(UnitRefusal::Formation(expected))));
        // A branch of one's own must be a branch, not the committee.
        let committee = unit("u1", "小微科技有限公司", "91350100M000100Y43", standalone("c"));
        let refused = units::save_unit(&db, committee, today()).await;
        assert_eq!(
            refused,
            Err(UnitError::Invalid(UnitRefusal::Formation(vec![FormationProblem::OrgWrongKind {
                unit: "u1".into(),
                org: "c".into(),
                found: OrgKind::Committee,
            }])))
        );
        assert!(units::list_units(&db).await.unwrap().is_empty());
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history_before, "nothing written");

        // With three full members it stands alone; a second unit cannot share that branch.
        units::save_unit(&db, unit("u1", "小微科技有限公司", "91350100M000100Y43", standalone("b1")), today())
            .await
            .unwrap();
        let sharing = unit("u2", "邻居商贸有限公司", "93150102MA0N3K7X49", joint("b1"));
        let refused = units::save_unit(&db, sharing, today()).await;
        let shared = FormationProblem::StandaloneShared { org: "b1".into(), units: vec!["u1".into(), "u2".into()] };
        assert_eq!(refused, Err(UnitError::Invalid(UnitRefusal::Formation(vec![shared]))));
        assert_eq!(units::list_units(&db).await.unwrap().len(), 1);
    }

    #[wasm_bindgen_test]
    async fn a_joint_branch_is_entered_one_unit_at_a_time() {
        let db = fresh_db().await;
        tree(&db).await;
        // Two small units share b2: the first alone is a finding for the list, not a refusal.
        let first =
            Unit { full_members: 1, ..unit("u1", "甲电子商务有限公司", "91350100M000100Y43", joint("b2")) };
        units::save_unit(&db, first, today()).await.unwrap();
        let orgs_now = orgs::list_orgs(&db).await.unwrap();
        let findings = validate_formations(&units::list_units(&db).await.unwrap(), &orgs_now);
        assert_eq!(findings, [FormationProblem::JointTooFewUnits { org: "b2".into(), units: vec!["u1".into()] }]);

        let second = Unit { full_members: 2, ..unit("u2", "乙物流有限公司", "93150102MA0N3K7X49", joint("b2")) };
        units::save_unit(&db, second, today()).await.unwrap();
        let all = units::list_units(&db).await.unwrap();
        assert_eq!(all.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), ["u1", "u2"]);
        assert!(validate_formations(&all, &orgs_now).is_empty(), "two units: a proper joint branch");

        // Another unit's older finding does not refuse an unrelated save.
        let alone = Unit { full_members: 1, ..unit("u3", "丙餐饮有限公司", "51150100MJ0000123W", joint("b1")) };
        units::save_unit(&db, alone, today()).await.unwrap();
        let instructor = Some(Formation::Instructor { name: "刘指导员".into() });
        units::save_unit(&db, unit("u4", "丁咨询有限公司", "52150105MJY1234561", instructor), today()).await.unwrap();
        assert_eq!(units::list_units(&db).await.unwrap().len(), 4);
    }

    #[wasm_bindgen_test]
    async fn a_decision_is_recorded_and_a_dissolution_archives_the_org_and_its_groups() {
        let db = fresh_db().await;
        tree(&db).await;
        orgs::save_org(&db, org("p1", Some("b1"), OrgKind::Group, "第一党小组"), today()).await.unwrap();
        let mut closed = unit("u1", "星河软件有限公司", "91350100M000100Y43", standalone("b1"));
        closed.status = BusinessStatus::Deregistered;
        closed.status_date = Some(date("2026-09-30"));
        units::save_unit(&db, closed.clone(), today()).await.unwrap();

        // b1 covers a deregistered unit, has nobody on its roll and no organisational life.
        let screening = units::screening(&db, today(), 3).await.unwrap();
        assert_eq!(screening.flags.len(), 1);
        assert_eq!(screening.flags[0].org, "b1");
        assert_eq!(
            screening.flags[0].causes,
            [
                ShellCause::UnitClosed { unit: "u1".into(), status: BusinessStatus::Deregistered },
                ShellCause::TooFewMembers { full: 0 },
                ShellCause::NoOrganisationalLife { since: Window::new(today(), 3).since },
            ]
        );
        assert_eq!(screening.open, screening.flags);

        // A refused decision writes nothing.
        let history_before = orgs::list_history(&db).await.unwrap().len();
        let refused =
            units::record_shell_decision(&db, decision("b1", ShellAction::Keep, "  ", "2026-11-28"), today()).await;
        assert_eq!(
            refused,
            Err(ShellError::Invalid(ShellRefusal::Problems(vec![
                DecisionProblem::ReasonRequired,
                DecisionProblem::InFuture
            ])))
        );
        let refused =
            units::record_shell_decision(&db, decision("c", ShellAction::Dissolve, "合并", "2026-11-20"), today())
                .await;
        assert!(
            matches!(refused, Err(ShellError::Invalid(ShellRefusal::Archive(ref p))) if p[0].problem == Problem::HasActiveChildren)
        );
        assert!(units::list_shell_decisions(&db).await.unwrap().is_empty());
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history_before);

        // A decision closes the flag; deciding again on the same day replaces it.
        let rectify = decision("b1", ShellAction::Rectify, " 限期整顿 ", "2026-11-20");
        let saved = units::record_shell_decision(&db, rectify, today()).await.unwrap();
        assert_eq!(saved.reason, "限期整顿");
        let screening = units::screening(&db, today(), 3).await.unwrap();
        assert_eq!((screening.flags.len(), screening.open.len()), (1, 0));
        assert_eq!(screening.decisions, vec![saved.clone()]);
        let again = units::record_shell_decision(
            &db,
            decision("b1", ShellAction::Rectify, "限期一个月整顿", "2026-11-20"),
            today(),
        )
        .await
        .unwrap();
        assert_eq!(units::list_shell_decisions(&db).await.unwrap(), vec![again.clone()]);
        let history = history_of(&db, &units::decision_key("b1", date("2026-11-20"))).await.unwrap();
        assert_eq!(history.iter().map(|h| h.action.as_str()).collect::<Vec<_>>(), ["shell.decide", "shell.decide"]);
        assert_eq!(history[1].before, Some(serde_json::to_string(&saved).unwrap()));

        // Dissolving archives b1 and its party group in the same write, each with the reason.
        let dissolve = decision("b1", ShellAction::Dissolve, "单位已注销，撤销支部", "2026-11-27");
        units::record_shell_decision(&db, dissolve, today()).await.unwrap();
        let archived: Vec<String> =
            orgs::list_orgs(&db).await.unwrap().into_iter().filter(|o| o.archived).map(|o| o.id).collect();
        assert_eq!(archived, ["b1", "p1"]);
        for id in ["b1", "p1"] {
            let last = history_of(&db, id).await.unwrap().pop().unwrap();
            assert_eq!(
                (last.action.as_str(), last.reason.as_deref()),
                ("org.archive", Some("单位已注销，撤销支部")),
                "{id}"
            );
        }
        assert_eq!(actions(&db, "b1|2026-11-27").await, ["shell.decide"]);
        assert_eq!(units::list_shell_decisions(&db).await.unwrap().len(), 2);
        let screening = units::screening(&db, today(), 3).await.unwrap();
        assert!(screening.flags.is_empty(), "an archived org is not screened: {screening:?}");

        // The unit still names the dissolved branch: its next save must change the formation.
        let refused = units::save_unit(&db, Unit { employees: 0, ..closed.clone() }, today()).await;
        let missing = FormationProblem::OrgMissing { unit: "u1".into(), org: "b1".into() };
        assert_eq!(refused, Err(UnitError::Invalid(UnitRefusal::Formation(vec![missing]))));
        let uncovered = Unit { formation: None, stage: Stage::NotFormed, ..closed };
        assert!(units::save_unit(&db, uncovered, today()).await.unwrap().formation.is_none());
        // A decision about an org already archived is written down without archiving it again.
        let history_before = orgs::list_history(&db).await.unwrap().len();
        units::record_shell_decision(&db, decision("p1", ShellAction::Dissolve, "随支部撤销", "2026-11-27"), today())
            .await
            .unwrap();
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history_before + 1, "only shell.decide");
    }

    #[wasm_bindgen_test]
    async fn migrates_a_v4_database_to_v5_with_empty_units_and_decisions() {
        let name = format!("test-v4-{}", starbranch::store::new_id());
        let v4 = open_db_at(&name, 4).await.unwrap();
        tree(&v4).await;
        orgs::save_member(&v4, member("m1", "b1"), today()).await.unwrap();
        assert!(!v4.object_store_names().any(|n| n == "units" || n == "shell_decisions"));
        let orgs_before = orgs::list_orgs(&v4).await.unwrap();
        let history_before = orgs::list_history(&v4).await.unwrap();
        v4.close();

        let db = open_db(&name).await.unwrap();
        assert_eq!(db.version() as u32, starbranch::store::DB_VERSION);
        assert_eq!(orgs::list_orgs(&db).await.unwrap(), orgs_before);
        assert_eq!(orgs::list_members(&db).await.unwrap(), vec![member("m1", "b1")]);
        assert_eq!(orgs::list_history(&db).await.unwrap(), history_before);
        assert_eq!(history_of(&db, "m1").await.unwrap().len(), 1, "the v4 history index still answers");
        assert_eq!(starbranch::store::ratings::load(&db).await.unwrap().active, "default@1");
        assert!(units::list_units(&db).await.unwrap().is_empty());
        assert!(units::list_shell_decisions(&db).await.unwrap().is_empty());
        // The new stores take records, and the area index answers.
        units::save_unit(&db, unit("u1", "星河软件有限公司", "91350100M000100Y43", standalone("b1")), today())
            .await
            .unwrap();
        assert_eq!(units::list_units_in_area(&db, "新城街道").await.unwrap().len(), 1);
    }

    /// A tree, a roll, two units and a decision: what a backup of the units registry carries.
    async fn registry_db() -> Database {
        let db = fresh_db().await;
        tree(&db).await;
        for id in ["m1", "m2", "m3"] {
            orgs::save_member(&db, member(id, "b1"), today()).await.unwrap();
        }
        units::save_unit(&db, unit("u1", "星河软件有限公司", "91350100M000100Y43", standalone("b1")), today())
            .await
            .unwrap();
        units::save_unit(&db, unit("u2", "乙物流有限公司", "93150102MA0N3K7X49", None), today()).await.unwrap();
        units::record_shell_decision(&db, decision("b1", ShellAction::Keep, "组织生活已恢复", "2026-11-20"), today())
            .await
            .unwrap();
        db
    }

    #[wasm_bindgen_test]
    async fn a_backup_carries_units_and_decisions_through_restore_and_merge() {
        let source = registry_db().await;
        let made = backup::export(&source, AT).await.unwrap();
        assert_eq!(made.schema, starbranch::store::DB_VERSION);
        assert_eq!((made.stores["units"].len(), made.stores["shell_decisions"].len()), (2, 1));

        let text = made.to_json();
        let target = fresh_db().await;
        backup::restore(&target, backup::check(&text).unwrap()).await.unwrap();
        assert_eq!(backup::export(&target, AT).await.unwrap().to_json(), text);
        assert_eq!(units::list_units(&target).await.unwrap(), units::list_units(&source).await.unwrap());
        assert_eq!(
            units::list_shell_decisions(&target).await.unwrap(),
            units::list_shell_decisions(&source).await.unwrap()
        );
        assert_eq!(
            units::screening(&target, today(), 3).await.unwrap(),
            units::screening(&source, today(), 3).await.unwrap()
        );

        // A merge into a registry of the same orgs brings the units and the decision in, once.
        let other = fresh_db().await;
        tree(&other).await;
        let plan = backup::merge(&other, made.clone()).await.unwrap();
        assert_eq!((plan.adds["units"].len(), plan.adds["shell_decisions"].len()), (2, 1));
        assert_eq!(units::list_units(&other).await.unwrap().len(), 2);
        assert_eq!(backup::merge(&other, made).await.unwrap().added(), 0);
    }

    #[wasm_bindgen_test]
    async fn a_v4_backup_restores_into_v5_with_empty_units_and_decisions() {
        let source = registry_db().await;
        let full = backup::export(&source, AT).await.unwrap();
        let mut v4 = full.clone();
        v4.schema = 4;
        // A schema-4 backup has none of the stores added since.
        for spec in STORES.iter().filter(|s| s.since >= 5) {
            v4.stores.remove(spec.name);
        }
        let parsed = backup::check(&v4.to_json()).unwrap();
        assert_eq!(parsed.schema, 4);

        let target = registry_db().await;
        backup::restore(&target, parsed).await.unwrap();
        let restored = backup::export(&target, AT).await.unwrap();
        assert_eq!(restored.schema, starbranch::store::DB_VERSION);
        for spec in STORES {
            if spec.since >= 5 {
                assert!(restored.stores[spec.name].is_empty(), "{} emptied", spec.name);
            } else {
                assert_eq!(restored.stores[spec.name], full.stores[spec.name], "{}", spec.name);
            }
        }
        assert!(units::list_units(&target).await.unwrap().is_empty());
        assert!(units::list_shell_decisions(&target).await.unwrap().is_empty());
    }

    #[wasm_bindgen_test]
    async fn the_screening_window_is_kept_and_a_bad_one_writes_nothing() {
        let db = fresh_db().await;
        assert_eq!(units::shell_life_months(&db).await.unwrap(), 3, "the default before anything is set");
        assert_eq!(units::set_shell_life_months(&db, " 6 ").await.unwrap(), Some(6));
        for bad in ["0", "25", "two", ""] {
            assert_eq!(units::set_shell_life_months(&db, bad).await.unwrap(), None, "{bad:?}");
        }
        assert_eq!(units::shell_life_months(&db).await.unwrap(), 6, "a refused value left the setting as it was");
    }
}

/// The units sheet (docs/FORMAT.md §13): one transaction, history per unit, nothing on a bad file.
mod unit_sheet_store {
    use super::*;
    use starbranch::domain::files::sheet_import::{auto_map, read_csv, Action, ImportKind};
    use starbranch::store::units::{self, UnitImportError};

    // Two units on the joint branch 二支部, one standalone on 一支部 (tree's branches).
    const UNITS_CSV: &str =
        "单位名称,统一社会信用代码,细分类型,成立日期,党员人数,其中正式党员,组建方式,党组织,组建日期,工作阶段\n\
        甲公司,91150100MA0000001A,私营企业,2015-03-01,5,4,单独建,一支部,2020-07-01,已组建\n\
        乙商行,91150100MA0000002D,私营企业,2016-03-01,1,1,联合建,二支部,2021-07-01,\n\
        丙商行,91150100MA0000003G,private,2017-03-01,2,1,joint,二支部,2021-07-01,formed\n";

    fn counter(prefix: &'static str) -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("{prefix}{n}")
        }
    }

    #[wasm_bindgen_test]
    async fn a_units_file_is_written_with_history_and_twice_changes_nothing() {
        let db = fresh_db().await;
        tree(&db).await;
        let history_before = orgs::list_history(&db).await.unwrap().len();
        let sheet = read_csv(UNITS_CSV.as_bytes()).unwrap();
        let mapping = auto_map(ImportKind::Units, &sheet.headers);
        let preview = units::preview_unit_import(&db, &sheet, &mapping, today()).await.unwrap();
        assert_eq!(preview.count(Action::Create), 3);
        assert!(units::list_units(&db).await.unwrap().is_empty(), "a preview writes nothing");

        let plan = units::import_units(&db, &sheet, &mapping, "单位.csv", today(), &mut counter("u-")).await.unwrap();
        assert_eq!(plan.count(Action::Create), 3);
        let stored = units::list_units(&db).await.unwrap();
        assert_eq!(stored.len(), 3);
        assert!(stored.iter().any(|u| u.name == "乙商行" && u.formation.as_ref().and_then(|f| f.org()) == Some("b2")));
        let history = orgs::list_history(&db).await.unwrap();
        assert_eq!(history.len(), history_before + 3);
        assert!(history[history_before..]
            .iter()
            .all(|h| h.action == "unit.create" && h.reason.as_deref() == Some("spreadsheet import: 单位.csv")));

        // The same file again: nothing to change, nothing written.
        let again = units::import_units(&db, &sheet, &mapping, "单位.csv", today(), &mut counter("x-")).await.unwrap();
        assert!(again.is_noop());
        assert_eq!(again.count(Action::Unchanged), 3);
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history_before + 3);

        // A changed row updates its unit (matched by the credit code), with unit.update.
        let changed = UNITS_CSV.replace(
            "乙商行,91150100MA0000002D,私营企业,2016-03-01,1,1",
            "乙商行,91150100MA0000002D,私营企业,2016-03-01,2,2",
        );
        let sheet = read_csv(changed.as_bytes()).unwrap();
        let plan = units::import_units(&db, &sheet, &mapping, "单位.csv", today(), &mut counter("y-")).await.unwrap();
        assert_eq!((plan.count(Action::Update), plan.count(Action::Unchanged)), (1, 2));
        let history = orgs::list_history(&db).await.unwrap();
        assert_eq!(history.last().map(|h| h.action.as_str()), Some("unit.update"));
        assert_eq!(units::list_units(&db).await.unwrap().len(), 3);
    }

    #[wasm_bindgen_test]
    async fn a_units_file_with_a_bad_row_writes_nothing() {
        let db = fresh_db().await;
        tree(&db).await;
        let history_before = orgs::list_history(&db).await.unwrap().len();
        let bad = UNITS_CSV.replace(",二支部,2021-07-01,formed", ",没有的支部,2021-07-01,formed");
        let sheet = read_csv(bad.as_bytes()).unwrap();
        let mapping = auto_map(ImportKind::Units, &sheet.headers);
        let result = units::import_units(&db, &sheet, &mapping, "单位.csv", today(), &mut counter("u-")).await;
        let Err(UnitImportError::Invalid(errors)) = result else { panic!("refused: {result:?}") };
        assert!(errors.iter().any(|e| e.row == 4), "{errors:?}");
        assert!(units::list_units(&db).await.unwrap().is_empty());
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history_before);
    }
}

/// Instructors and enterprise requests (schema 6): the four-step match, refusals that write
/// nothing, reports, reviews, settings, requests, and the stores in backups.
mod instructors_store {
    use super::*;
    use starbranch::domain::files::backup::STORES;
    use starbranch::domain::fixtures::district::credit_code_for;
    use starbranch::domain::instructors::assignment::{Assignment, EndReason, Ending, Role, Step, Steps};
    use starbranch::domain::instructors::instructor::{Instructor, Source};
    use starbranch::domain::instructors::report::InstructorReport;
    use starbranch::domain::instructors::review::{Grade, Respondent, Response, Satisfaction, YearEndReview};
    use starbranch::domain::instructors::settings::{InstructorSettings, SettingsProblem};
    use starbranch::domain::instructors::Problem as P;
    use starbranch::domain::requests::{self, Accepted, Category as RequestCategory, Request};
    use starbranch::domain::units::formation::Stage;
    use starbranch::domain::units::shell::{ShellAction, ShellDecision};
    use starbranch::domain::units::unit::{BusinessStatus, MassOrgs, SubType, Unit};
    use starbranch::domain::values::period::{Month, Year};
    use starbranch::store::ratings::history_of;
    use starbranch::store::{backup, instructors, requests as request_store, units, StoreError, WriteError};

    const AT: &str = "2026-11-27T10:00:00.000Z";

    /// An operating, uncovered private enterprise with a valid, unique credit code.
    fn unit(n: usize, name: &str) -> Unit {
        Unit {
            id: format!("u{n}"),
            name: name.into(),
            credit_code: credit_code_for(n, SubType::Private),
            sub_type: SubType::Private,
            industry: "制造业".into(),
            area: "新城街道".into(),
            employees: 60,
            above_scale: false,
            status: BusinessStatus::Operating,
            status_date: None,
            supervisor: String::new(),
            party_members: 2,
            full_members: 2,
            membership_here: 2,
            mass_orgs: MassOrgs::default(),
            registered: date("2015-04-01"),
            formation: None,
            formed_on: None,
            stage: Stage::NotFormed,
        }
    }

    fn person(id: &str, name: &str) -> Instructor {
        Instructor {
            name: name.into(),
            birth_year: Some(1975),
            source: Source::Department,
            department: "区工信局".into(),
            specialties: vec!["技术改造".into(), "财务".into()],
            ..Instructor::blank(id)
        }
    }

    fn steps(dates: &[&str]) -> Steps {
        let mut steps = Steps::default();
        for (step, day) in Step::ALL.into_iter().zip(dates) {
            steps.set(step, Some(date(day)));
        }
        steps
    }

    fn assignment(id: &str, instructor: &str, units: &[&str], dates: &[&str]) -> Assignment {
        Assignment {
            id: id.into(),
            instructor: instructor.into(),
            units: units.iter().map(|u| u.to_string()).collect(),
            role: Role::Instructor,
            steps: steps(dates),
            ended: None,
        }
    }

    const MATCH: [&str; 4] = ["2026-08-03", "2026-08-10", "2026-08-20", "2026-09-01"];

    fn month(text: &str) -> Month {
        text.parse().unwrap()
    }

    fn review(instructor: &str) -> YearEndReview {
        let form = Response { respondent: Respondent::Employee, answers: vec![Satisfaction::Satisfied; 2] };
        YearEndReview {
            instructor: instructor.into(),
            year: Year::new(2026).unwrap(),
            report_text: " 全年走访企业 24 次 ".into(),
            leader_comment: "工作扎实".into(),
            leader_grade: Some(Grade::Competent),
            questions: vec!["宣传政策信息".into(), "协调解决问题".into()],
            responses: vec![form; 3],
        }
    }

    async fn history_count(db: &Database) -> usize {
        orgs::list_history(db).await.unwrap().len()
    }

    async fn actions(db: &Database, target: &str) -> Vec<String> {
        history_of(db, target).await.unwrap().into_iter().map(|h| h.action).collect()
    }

    /// Three units (u2 deregistered) and the instructor i1.
    async fn pool_db() -> Database {
        let db = fresh_db().await;
        units::save_unit(&db, unit(1, "星河机械有限公司"), today()).await.unwrap();
        let closed = Unit {
            status: BusinessStatus::Deregistered,
            status_date: Some(date("2026-06-30")),
            ..unit(2, "乙建材有限公司")
        };
        units::save_unit(&db, closed, today()).await.unwrap();
        units::save_unit(&db, unit(3, "丙物流有限公司"), today()).await.unwrap();
        instructors::save_instructor(&db, person("i1", "赵敏"), today()).await.unwrap();
        db
    }

    #[wasm_bindgen_test]
    async fn migrates_a_v5_database_to_v6_with_every_record_kept_and_empty_new_stores() {
        let name = format!("test-v5-{}", starbranch::store::new_id());
        let v5 = open_db_at(&name, 5).await.unwrap();
        tree(&v5).await;
        orgs::save_member(&v5, member("m1", "b1"), today()).await.unwrap();
        units::save_unit(&v5, unit(1, "星河机械有限公司"), today()).await.unwrap();
        let decision =
            ShellDecision { org: "b2".into(), decision: ShellAction::Keep, reason: "核查".into(), date: today() };
        units::record_shell_decision(&v5, decision, today()).await.unwrap();
        let new = ["instructors", "assignments", "instructor_reports", "year_end_reviews", "requests"];
        assert!(!v5.object_store_names().any(|n| new.contains(&n.as_str())));
        // What a v5 database reads (a backup would name stores it does not have).
        let orgs_before = orgs::list_orgs(&v5).await.unwrap();
        let history_before = orgs::list_history(&v5).await.unwrap();
        let units_before = units::list_units(&v5).await.unwrap();
        let decisions_before = units::list_shell_decisions(&v5).await.unwrap();
        assert_eq!((history_before.len(), units_before.len(), decisions_before.len()), (6, 1, 1));
        v5.close();

        let db = open_db(&name).await.unwrap();
        assert_eq!(db.version() as u32, starbranch::store::DB_VERSION);
        assert_eq!(orgs::list_orgs(&db).await.unwrap(), orgs_before);
        assert_eq!(orgs::list_members(&db).await.unwrap(), vec![member("m1", "b1")]);
        assert_eq!(orgs::list_history(&db).await.unwrap(), history_before);
        assert_eq!(units::list_units(&db).await.unwrap(), units_before);
        assert_eq!(units::list_shell_decisions(&db).await.unwrap(), decisions_before);
        assert_eq!(starbranch::store::ratings::load(&db).await.unwrap().active, "default@1");
        let after = backup::export(&db, AT).await.unwrap();
        for store in new {
            assert!(after.stores[store].is_empty(), "{store} empty");
        }
        assert_eq!(history_of(&db, "m1").await.unwrap().len(), 1, "the v4 history index still answers");
        let data = instructors::load(&db).await.unwrap();
        assert!(data.instructors.is_empty() && data.assignments.is_empty() && data.reports.is_empty());
        assert_eq!(data.units.len(), 1);
        assert_eq!(data.settings, InstructorSettings::default());
        assert!(request_store::list_requests(&db).await.unwrap().is_empty());
        // The new stores and their indexes take records.
        instructors::save_instructor(&db, person("i1", "赵敏"), today()).await.unwrap();
        instructors::save_assignment(&db, assignment("a1", "i1", &["u1"], &MATCH), today()).await.unwrap();
        let report = InstructorReport::blank(&assignment("a1", "i1", &["u1"], &MATCH), "u1", month("2026-10"), today());
        instructors::save_report(&db, report, today()).await.unwrap();
        assert_eq!(instructors::reports_of(&db, "a1").await.unwrap().len(), 1);
        let request = Request::raise("r1", "u1", RequestCategory::Policy, "咨询政策", today());
        request_store::save_request(&db, request, today()).await.unwrap();
        assert_eq!(request_store::requests_of(&db, "u1").await.unwrap().len(), 1);
    }

    #[wasm_bindgen_test]
    async fn migrates_a_v6_database_to_v7_with_every_record_kept_and_the_member_stores_indexed_by_branch() {
        use indexed_db_futures::transaction::TransactionMode;
        use starbranch::store::schema::{BY_BRANCH, BY_MEMBER, MOBILE_PERIODS};

        let name = format!("test-v6-{}", starbranch::store::new_id());
        let v6 = open_db_at(&name, 6).await.unwrap();
        tree(&v6).await;
        orgs::save_member(&v6, member("m1", "b1"), today()).await.unwrap();
        units::save_unit(&v6, unit(1, "星河机械有限公司"), today()).await.unwrap();
        instructors::save_instructor(&v6, person("i1", "赵敏"), today()).await.unwrap();
        let new = ["candidates", "mobile_periods", "dues", "appraisals", "mutual_scores", "member_points"];
        assert!(!v6.object_store_names().any(|n| new.contains(&n.as_str())));
        // What a v6 database reads (a backup would name stores it does not have).
        let orgs_before = orgs::list_orgs(&v6).await.unwrap();
        let history_before = orgs::list_history(&v6).await.unwrap();
        let units_before = units::list_units(&v6).await.unwrap();
        let instructors_before = instructors::load(&v6).await.unwrap();
        assert_eq!(instructors_before.instructors.len(), 1);
        v6.close();

        let db = open_db(&name).await.unwrap();
        assert_eq!(db.version() as u32, starbranch::store::DB_VERSION);
        assert_eq!(orgs::list_orgs(&db).await.unwrap(), orgs_before);
        assert_eq!(orgs::list_members(&db).await.unwrap(), vec![member("m1", "b1")]);
        assert_eq!(orgs::list_history(&db).await.unwrap(), history_before);
        assert_eq!(units::list_units(&db).await.unwrap(), units_before);
        assert_eq!(instructors::load(&db).await.unwrap(), instructors_before);
        let after = backup::export(&db, AT).await.unwrap();
        for store in new {
            assert!(after.stores[store].is_empty(), "{store} empty");
        }
        // Each new store takes records and answers by branch; mobile periods also by member.
        let tx = db.transaction(new.to_vec()).with_mode(TransactionMode::Readwrite).build().unwrap();
        for store in new {
            let key = if ["dues", "appraisals", "mutual_scores"].contains(&store) { "key" } else { "id" };
            let record = serde_json::json!({ key: format!("{store}-1"), "branch": "b1", "member": "m1" });
            tx.object_store(store).unwrap().put(record).serde().unwrap().await.unwrap();
        }
        tx.commit().await.unwrap();
        let tx = db.transaction(new.to_vec()).build().unwrap();
        for store in new {
            let hits: Vec<serde_json::Value> = tx
                .object_store(store)
                .unwrap()
                .index(BY_BRANCH)
                .unwrap()
                .get_all()
                .with_query::<String, _>("b1".to_string())
                .serde()
                .unwrap()
                .await
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(hits.len(), 1, "{store} by branch");
        }
        let by_member = tx.object_store(MOBILE_PERIODS).unwrap().index(BY_MEMBER).unwrap().count().await.unwrap();
        assert_eq!(by_member, 1);
    }

    #[wasm_bindgen_test]
    async fn an_assignment_walks_the_match_and_a_refusal_writes_nothing() {
        let db = pool_db().await;
        let mut a1 = assignment("a1", "i1", &["u1", "u3"], &MATCH[..1]);
        let saved = instructors::save_assignment(&db, a1.clone(), today()).await.unwrap();
        assert_eq!((saved.step(), saved.next_step()), (Some(Step::Requested), Some(Step::Consented)));
        for (step, day) in Step::ALL.into_iter().zip(MATCH).skip(1) {
            a1.steps.set(step, Some(date(day)));
            assert_eq!(instructors::save_assignment(&db, a1.clone(), today()).await.unwrap().step(), Some(step));
        }
        assert_eq!(instructors::load(&db).await.unwrap().assignments, vec![a1.clone()]);
        assert!(a1.is_active(today()) && a1.is_several());
        assert_eq!(
            actions(&db, "a1").await,
            ["assignment.create", "assignment.update", "assignment.update", "assignment.update"]
        );

        // A ceased unit, a unit already served in the same role, a step skipped: every problem,
        // nothing written.
        let history_before = history_count(&db).await;
        let mut bad = assignment("a2", "i1", &["u2", "u1"], &MATCH);
        bad.steps.consented_on = None;
        let refused = instructors::save_assignment(&db, bad, today()).await;
        assert_eq!(
            refused,
            Err(WriteError::Invalid(vec![
                P::UnitCeased { unit: "u2".into(), since: Some(date("2026-06-30")) },
                P::UnitTaken { unit: "u1".into(), by: "a1".into() },
                P::StepSkipped {
                    step: starbranch::domain::instructors::Field::SignedOn,
                    missing: starbranch::domain::instructors::Field::ConsentedOn
                },
            ]))
        );
        let refused = instructors::save_assignment(&db, assignment("a3", "ghost", &["u3"], &MATCH), today()).await;
        assert_eq!(
            refused,
            Err(WriteError::Invalid(vec![
                P::UnknownInstructor("ghost".into()),
                P::UnitTaken { unit: "u3".into(), by: "a1".into() }
            ]))
        );
        assert_eq!(instructors::load(&db).await.unwrap().assignments, vec![a1.clone()]);
        assert_eq!(history_count(&db).await, history_before, "no history entry");
        // As the unit's secretary the same instructor may serve u1 beside the instructor role.
        let secretary = Assignment { role: Role::Secretary, ..assignment("a4", "i1", &["u1"], &MATCH) };
        instructors::save_assignment(&db, secretary.clone(), today()).await.unwrap();

        // Leaving the pool is refused while assignments are open; ending them first lets it.
        let leaving = Instructor { left_on: Some(date("2026-11-20")), ..person("i1", "赵敏") };
        let refused = instructors::save_instructor(&db, leaving.clone(), today()).await;
        assert_eq!(refused, Err(WriteError::Invalid(vec![P::OpenAssignments(2)])));
        assert_eq!(instructors::load(&db).await.unwrap().instructors, vec![person("i1", "赵敏")]);
        assert_eq!(actions(&db, "i1").await, ["instructor.create"]);
        let ending = Ending { on: date("2026-11-15"), reason: EndReason::Completed, note: " 任期届满 ".into() };
        for open in [a1, secretary] {
            let ended = Assignment { ended: Some(ending.clone()), ..open };
            let saved = instructors::save_assignment(&db, ended, today()).await.unwrap();
            assert_eq!(saved.ended.unwrap().note, "任期届满");
        }
        instructors::save_instructor(&db, leaving.clone(), today()).await.unwrap();
        assert_eq!(actions(&db, "i1").await, ["instructor.create", "instructor.update"]);
        // Someone who served is not deleted: they left, and the history stays.
        assert_eq!(
            instructors::delete_instructor(&db, "i1").await,
            Err(WriteError::Invalid(vec![P::OpenAssignments(2)]))
        );
        // A left instructor takes no new assignment.
        let refused = instructors::save_assignment(&db, assignment("a5", "i1", &["u3"], &MATCH), today()).await;
        assert_eq!(refused, Err(WriteError::Invalid(vec![P::InstructorLeft])));
    }

    #[wasm_bindgen_test]
    async fn reports_reviews_settings_and_requests_are_checked_where_they_are_written() {
        let db = pool_db().await;
        let a1 = assignment("a1", "i1", &["u1"], &MATCH);
        instructors::save_assignment(&db, a1.clone(), today()).await.unwrap();

        // A report is filed today, whatever day it carried; filing it again replaces it.
        let typed = InstructorReport {
            visits: vec![date("2026-10-20"), date("2026-10-08")],
            services: 2,
            services_text: " 协助申报技改资金 ".into(),
            ..InstructorReport::blank(&a1, "u1", month("2026-10"), date("2026-11-01"))
        };
        let saved = instructors::save_report(&db, typed.clone(), today()).await.unwrap();
        assert_eq!((saved.filed_on, saved.services_text.as_str()), (today(), "协助申报技改资金"));
        assert_eq!(saved.visits, vec![date("2026-10-08"), date("2026-10-20")]);
        instructors::save_report(&db, InstructorReport { services: 3, ..typed }, today()).await.unwrap();
        assert_eq!(
            instructors::reports_of(&db, "a1").await.unwrap().iter().map(|r| r.services).collect::<Vec<_>>(),
            [3]
        );
        assert_eq!(actions(&db, "a1|u1|2026-10").await, ["report.file", "report.file"]);

        let history_before = history_count(&db).await;
        let refusals = [
            (InstructorReport::blank(&a1, "u1", month("2026-08"), today()), vec![P::NotActiveInMonth]),
            (
                InstructorReport::blank(&a1, "u1", month("2026-12"), today()),
                vec![P::InFuture(starbranch::domain::instructors::Field::Month)],
            ),
            (InstructorReport::blank(&a1, "u3", month("2026-10"), today()), vec![P::UnitNotInAssignment("u3".into())]),
        ];
        for (report, problems) in refusals {
            assert_eq!(instructors::save_report(&db, report, today()).await, Err(WriteError::Invalid(problems)));
        }
        let orphan = InstructorReport {
            assignment: "nope".into(),
            ..InstructorReport::blank(&a1, "u1", month("2026-10"), today())
        };
        assert!(matches!(
            instructors::save_report(&db, orphan, today()).await,
            Err(WriteError::Store(StoreError::NotFound(_)))
        ));
        assert_eq!(instructors::load(&db).await.unwrap().reports.len(), 1);

        // A review names an instructor of the pool.
        let refused = instructors::save_review(&db, review("ghost"), today()).await;
        assert_eq!(refused, Err(WriteError::Invalid(vec![P::UnknownInstructor("ghost".into())])));
        let mut broken = review("i1");
        broken.responses[1].answers.pop();
        assert_eq!(
            instructors::save_review(&db, broken, today()).await,
            Err(WriteError::Invalid(vec![P::IncompleteResponse(2)]))
        );

        // Settings refused with every problem.
        let bad = InstructorSettings { max_load: 0, report_due_day: 31, ..InstructorSettings::default() };
        assert_eq!(
            instructors::save_settings(&db, bad).await,
            Err(WriteError::Invalid(vec![SettingsProblem::MaxLoad, SettingsProblem::DueDay]))
        );
        assert_eq!(instructors::settings(&db).await.unwrap(), InstructorSettings::default());

        // A request with no text for an unknown unit.
        let refused = request_store::save_request(
            &db,
            Request::raise("r1", "u9", RequestCategory::Talent, " ", today()),
            today(),
        )
        .await;
        assert_eq!(
            refused,
            Err(WriteError::Invalid(vec![
                requests::Problem::UnknownUnit("u9".into()),
                requests::Problem::Required(requests::Field::Text)
            ]))
        );
        assert!(request_store::list_requests(&db).await.unwrap().is_empty());
        assert_eq!(history_count(&db).await, history_before, "no refusal wrote anything");

        // And the accepted writes.
        let saved = instructors::save_review(&db, review("i1"), today()).await.unwrap();
        assert_eq!(saved.report_text, "全年走访企业 24 次");
        assert_eq!(instructors::load(&db).await.unwrap().reviews, vec![saved]);
        assert_eq!(actions(&db, "i1|2026").await, ["review.year_end"]);
        let settings = InstructorSettings { max_load: 8, report_due_day: 10, ..InstructorSettings::default() };
        assert_eq!(instructors::save_settings(&db, settings.clone()).await.unwrap(), settings);
        assert_eq!(instructors::settings(&db).await.unwrap(), settings);

        let raised = Request::raise("r1", "u1", RequestCategory::Financing, " 需要对接贷款贴息 ", date("2026-11-10"));
        let saved = request_store::save_request(&db, raised, today()).await.unwrap();
        assert_eq!(saved.text, "需要对接贷款贴息");
        let accepted =
            Request { accepted: Some(Accepted { department: "区金融办".into(), on: date("2026-11-12") }), ..saved };
        request_store::save_request(&db, accepted.clone(), today()).await.unwrap();
        assert_eq!(request_store::requests_of(&db, "u1").await.unwrap(), vec![accepted.clone()]);
        assert!(request_store::requests_of(&db, "u3").await.unwrap().is_empty());
        assert_eq!(actions(&db, "r1").await, ["request.create", "request.update"]);
        // A step out of order on update leaves the stored request as it was.
        let taken_early = Request {
            accepted: None,
            taken: Some(requests::Taken { by: "赵敏".into(), instructor: Some("i1".into()), on: date("2026-11-13") }),
            ..accepted.clone()
        };
        assert!(matches!(request_store::save_request(&db, taken_early, today()).await, Err(WriteError::Invalid(_))));
        assert_eq!(request_store::list_requests(&db).await.unwrap(), vec![accepted]);
    }

    #[wasm_bindgen_test]
    async fn the_demo_seeds_the_district_s_instructors_and_requests_with_the_rest() {
        use starbranch::domain::fixtures::district;
        let db = fresh_db().await;
        assert!(meta::seed_demo_if_empty(&db).await.unwrap());
        let d = district::district();
        let data = instructors::load(&db).await.unwrap();
        assert_eq!(data.instructors, d.instructors);
        assert_eq!(data.assignments, d.assignments);
        assert_eq!(data.reports, d.instructor_reports);
        assert_eq!(data.reviews, d.year_end_reviews);
        assert_eq!(request_store::list_requests(&db).await.unwrap(), d.requests);
        assert_eq!(instructors::reports_of(&db, "demo-a01").await.unwrap().len(), 42);
        assert_eq!(request_store::requests_of(&db, "demo-u01").await.unwrap().len(), 2);
    }

    #[wasm_bindgen_test]
    async fn a_backup_carries_the_new_stores_and_a_v5_backup_restores_them_empty() {
        let source = pool_db().await;
        let a1 = assignment("a1", "i1", &["u1", "u3"], &MATCH);
        instructors::save_assignment(&source, a1.clone(), today()).await.unwrap();
        let report = InstructorReport {
            visits: vec![date("2026-10-09")],
            ..InstructorReport::blank(&a1, "u3", month("2026-10"), today())
        };
        instructors::save_report(&source, report, today()).await.unwrap();
        instructors::save_review(&source, review("i1"), today()).await.unwrap();
        let settings = InstructorSettings { request_due_days: 20, ..InstructorSettings::default() };
        instructors::save_settings(&source, settings.clone()).await.unwrap();
        request_store::save_request(
            &source,
            Request::raise("r1", "u1", RequestCategory::Labour, "招工", today()),
            today(),
        )
        .await
        .unwrap();

        let made = backup::export(&source, AT).await.unwrap();
        for store in ["instructors", "assignments", "instructor_reports", "year_end_reviews", "requests"] {
            assert_eq!(made.stores[store].len(), 1, "{store}");
        }
        assert_eq!(made.stores["instructor_reports"][0]["key"], "a1|u3|2026-10");
        let text = made.to_json();
        let target = fresh_db().await;
        backup::restore(&target, backup::check(&text).unwrap()).await.unwrap();
        assert_eq!(backup::export(&target, AT).await.unwrap().to_json(), text);
        let restored = instructors::load(&target).await.unwrap();
        assert_eq!(restored, instructors::load(&source).await.unwrap());
        assert_eq!(restored.settings, settings);
        assert_eq!(instructors::reports_of(&target, "a1").await.unwrap().len(), 1, "the index is rebuilt");
        assert_eq!(request_store::requests_of(&target, "u1").await.unwrap().len(), 1);

        // A backup made under schema 5 replaces everything: the new stores come back empty.
        let mut v5 = made.clone();
        v5.schema = 5;
        for spec in STORES.iter().filter(|s| s.since >= 6) {
            v5.stores.remove(spec.name);
        }
        backup::restore(&target, backup::check(&v5.to_json()).unwrap()).await.unwrap();
        let after = backup::export(&target, AT).await.unwrap();
        for spec in STORES {
            if spec.since >= 6 {
                assert!(after.stores[spec.name].is_empty(), "{} emptied", spec.name);
            } else {
                assert_eq!(after.stores[spec.name], made.stores[spec.name], "{}", spec.name);
            }
        }
    }
}

mod member_ratings {
    use super::*;
    use starbranch::domain::ledger::{LedgerRecord, MeetingKind};
    use starbranch::domain::members::appraisal::{Appraisal, AppraisalRow, DemocraticReview, Handling};
    use starbranch::domain::members::mutual::{EntryMode, MutualRow, MutualSheet, Scores};
    use starbranch::domain::members::points::{year_points, ItemKind, PointsItem};
    use starbranch::domain::members::rating_problem::Problem as P;
    use starbranch::domain::members::settings::{MemberSettings, SettingsProblem};
    use starbranch::domain::values::period::Year;
    use starbranch::store::ratings::history_of;
    use starbranch::store::{backup, ledger, member_ratings as store, StoreError, WriteError};

    const AT: &str = "2026-11-27T10:00:00.000Z";

    fn year(n: i32) -> Year {
        Year::new(n).unwrap()
    }

    fn record(id: &str, day: &str, kind: MeetingKind, attendees: &[&str]) -> LedgerRecord {
        LedgerRecord {
            id: id.into(),
            branch: "b1".into(),
            date: date(day),
            kind,
            topic: "民主评议党员".into(),
            place: "会议室".into(),
            host: "王书记".into(),
            attendees: attendees.iter().map(|a| a.to_string()).collect(),
            absentees: vec![],
            minutes: String::new(),
            attachments: vec![],
        }
    }

    /// b1 with m1 … m3 and its 民主评议 record of 2026-01-20 and a theme day; b2 with n1.
    async fn branch_db() -> Database {
        let db = fresh_db().await;
        tree(&db).await;
        for id in ["m1", "m2", "m3"] {
            orgs::save_member(&db, member(id, "b1"), today()).await.unwrap();
        }
        orgs::save_member(&db, member("n1", "b2"), today()).await.unwrap();
        let review = record("dr", "2026-01-20", MeetingKind::DemocraticReview, &["m1", "m2", "m3"]);
        ledger::save_record(&db, review, vec![], &[], today()).await.unwrap();
        let theme = record("td", "2026-03-05", MeetingKind::ThemeDay, &["m1", "m2"]);
        ledger::save_record(&db, theme, vec![], &[], today()).await.unwrap();
        db
    }

    fn row(member: &str, grade: Appraisal, handling: Option<Handling>) -> AppraisalRow {
        AppraisalRow { member: member.into(), grade: Some(grade), handling, note: String::new() }
    }

    fn sheet(rows: Vec<AppraisalRow>) -> DemocraticReview {
        DemocraticReview { branch: "b1".into(), year: year(2025), record: "dr".into(), rows }
    }

    async fn actions(db: &Database, target: &str) -> Vec<String> {
        history_of(db, target).await.unwrap().into_iter().map(|h| h.action).collect()
    }

    async fn history_count(db: &Database) -> usize {
        orgs::list_history(db).await.unwrap().len()
    }

    #[wasm_bindgen_test]
    async fn a_branch_appraisal_is_written_in_one_transaction_and_one_bad_row_writes_nothing() {
        let db = branch_db().await;
        let before = history_count(&db).await;
        // m3 不合格 without handling: refused, nothing written.
        let bad = sheet(vec![
            row("m1", Appraisal::Excellent, None),
            row("m2", Appraisal::Qualified, None),
            row("m3", Appraisal::Unqualified, None),
        ]);
        let refused = store::save_review(&db, &bad, today()).await;
        assert_eq!(refused, Err(WriteError::Invalid(vec![P::HandlingRequired("m3".into())])));
        assert!(store::load(&db, "b1").await.unwrap().appraisals.is_empty());
        assert_eq!(history_count(&db).await, before);

        let mut good = bad.clone();
        good.rows[2].handling = Some(Handling::Rectify);
        good.rows[2].note = "限期三个月".into();
        let saved = store::save_review(&db, &good, today()).await.unwrap();
        assert_eq!(saved.len(), 3);
        let data = store::load(&db, "b1").await.unwrap();
        assert_eq!(data.appraisals, saved);
        assert_eq!(data.appraisals[2].meeting, date("2026-01-20"), "the record's date");
        assert_eq!(actions(&db, "m3|2025").await, ["appraisal.create"]);
        assert_eq!(history_count(&db).await, before + 3);

        // Saving the same sheet again changes nothing; a changed grade is an update; a cleared
        // row is deleted — each with its history entry.
        store::save_review(&db, &good, today()).await.unwrap();
        assert_eq!(history_count(&db).await, before + 3);
        let mut changed = good.clone();
        changed.rows[1].grade = Some(Appraisal::BasicallyQualified);
        changed.rows[0].grade = None;
        store::save_review(&db, &changed, today()).await.unwrap();
        assert_eq!(actions(&db, "m2|2025").await, ["appraisal.create", "appraisal.update"]);
        assert_eq!(actions(&db, "m1|2025").await, ["appraisal.create", "appraisal.delete"]);
        assert_eq!(store::load(&db, "b1").await.unwrap().appraisals.len(), 2);

        // A member appraised by b1, transferred to b2: b2 cannot appraise them again for 2025.
        orgs::transfer_member(&db, "m2", "b2").await.unwrap();
        let dr2 = LedgerRecord {
            id: "dr2".into(),
            branch: "b2".into(),
            attendees: vec!["n1".into()],
            ..record("x", "2026-01-21", MeetingKind::DemocraticReview, &[])
        };
        ledger::save_record(&db, dr2, vec![], &[], today()).await.unwrap();
        let again = DemocraticReview {
            branch: "b2".into(),
            record: "dr2".into(),
            rows: vec![row("m2", Appraisal::Excellent, None), row("n1", Appraisal::Qualified, None)],
            ..sheet(vec![])
        };
        assert_eq!(
            store::save_review(&db, &again, today()).await,
            Err(WriteError::Invalid(vec![P::AppraisedElsewhere { member: "m2".into(), branch: "b1".into() }]))
        );
        assert!(store::load(&db, "b2").await.unwrap().appraisals.is_empty());
    }

    #[wasm_bindgen_test]
    async fn mutual_scores_are_written_with_history_and_a_bad_score_writes_nothing() {
        let db = branch_db().await;
        let half = "2026-H1".parse().unwrap();
        let rows = |texts: [&str; 3]| {
            ["m1", "m2", "m3"]
                .iter()
                .zip(texts)
                .map(|(m, t)| MutualRow { member: m.to_string(), text: t.into() })
                .collect()
        };
        let bad =
            MutualSheet { branch: "b1".into(), half, mode: EntryMode::Raters, rows: rows(["90 85", "55 58", "101"]) };
        assert_eq!(
            store::save_mutual(&db, &bad, today()).await,
            Err(WriteError::Invalid(vec![P::NotAScore("m3".into())]))
        );
        assert!(store::load(&db, "b1").await.unwrap().mutual.is_empty());
        let good = MutualSheet { rows: rows(["90 85", "55 58", ""]), ..bad };
        store::save_mutual(&db, &good, today()).await.unwrap();
        let data = store::load(&db, "b1").await.unwrap();
        assert_eq!(data.mutual.len(), 2);
        assert_eq!(data.mutual[1].scores, Scores::Raters { scores: vec![55, 58] });
        let flagged = starbranch::domain::members::mutual::flagged_for_talk(&data.mutual, data.settings.talk_threshold);
        assert_eq!(flagged.iter().map(|f| f.member.as_str()).collect::<Vec<_>>(), ["m2"]);
        assert_eq!(actions(&db, "m2|2026-H1").await, ["mutual.create"]);
        let summary = MutualSheet { mode: EntryMode::Summary, rows: rows(["88.5", "", ""]), ..good };
        store::save_mutual(&db, &summary, today()).await.unwrap();
        assert_eq!(actions(&db, "m2|2026-H1").await, ["mutual.create", "mutual.delete"]);
        assert_eq!(actions(&db, "m1|2026-H1").await, ["mutual.create", "mutual.update"]);
        let made = backup::export(&db, AT).await.unwrap();
        assert_eq!(made.stores["mutual_scores"][0]["key"], "m1|2026-H1");
        assert_eq!(made.stores["mutual_scores"][0]["mean"], 88.5);
    }

    #[wasm_bindgen_test]
    async fn points_items_settings_and_a_backup_round_trip() {
        let db = branch_db().await;
        let item = |id: &str, member: &str, kind, points| PointsItem {
            id: id.into(),
            member: member.into(),
            branch: "b1".into(),
            date: date("2026-06-01"),
            kind,
            points,
            reason: "志愿服务".into(),
        };
        store::save_item(&db, item("p1", "m1", ItemKind::Volunteer, 10), today()).await.unwrap();
        store::save_item(&db, item("p2", "m1", ItemKind::Deduction, 3), today()).await.unwrap();
        let refused = store::save_item(&db, item("p3", "n1", ItemKind::Pioneer, 0), today()).await;
        assert_eq!(refused, Err(WriteError::Invalid(vec![P::NotOnRoll("n1".into()), P::PointsOutOfRange(50)])));
        let data = store::load(&db, "b1").await.unwrap();
        assert_eq!(data.items.len(), 2);
        let points = year_points("m1", year(2026), &data.ledger, &data.items, &data.settings);
        assert_eq!((points.meetings, points.attendance, points.total), (1, 2, 9));
        store::save_item(&db, item("p1", "m1", ItemKind::Volunteer, 12), today()).await.unwrap();
        store::delete_item(&db, "p2").await.unwrap();
        assert_eq!(actions(&db, "p1").await, ["points.create", "points.update"]);
        assert_eq!(actions(&db, "p2").await, ["points.create", "points.delete"]);
        assert!(matches!(store::delete_item(&db, "p2").await, Err(StoreError::NotFound(_))));

        let bad = MemberSettings { star_thresholds: [10, 10, 20, 30, 40], ..MemberSettings::default() };
        assert_eq!(
            store::save_settings(&db, bad).await,
            Err(WriteError::Invalid(vec![SettingsProblem::StarThresholds]))
        );
        assert_eq!(store::settings(&db).await.unwrap(), MemberSettings::default());
        let set =
            MemberSettings { star_thresholds: [5, 10, 15, 20, 25], attendance_points: 3, ..MemberSettings::default() };
        store::save_settings(&db, set.clone()).await.unwrap();
        assert_eq!(store::load(&db, "b1").await.unwrap().settings, set);

        store::save_review(&db, &sheet(vec![row("m1", Appraisal::Excellent, None)]), today()).await.unwrap();
        let made = backup::export(&db, AT).await.unwrap();
        assert_eq!(made.stores["appraisals"][0]["key"], "m1|2025");
        assert_eq!(made.stores["member_points"][0]["id"], "p1");
        let target = fresh_db().await;
        backup::restore(&target, backup::check(&made.to_json()).unwrap()).await.unwrap();
        assert_eq!(store::load(&target, "b1").await.unwrap(), store::load(&db, "b1").await.unwrap());
    }

    #[wasm_bindgen_test]
    async fn the_demo_seeds_appraisals_mutual_scores_and_points_with_the_rest() {
        let db = fresh_db().await;
        assert!(meta::seed_demo_if_empty(&db).await.unwrap());
        let r = starbranch::domain::fixtures::members_ratings::members_ratings();
        let lb01 = store::load(&db, "demo-lb01").await.unwrap();
        assert_eq!(
            lb01.appraisals,
            r.appraisals.iter().filter(|a| a.branch == "demo-lb01").cloned().collect::<Vec<_>>()
        );
        assert_eq!(lb01.mutual, r.mutual);
        assert_eq!(lb01.items.len(), r.items.len());
        assert!(lb01.ledger.iter().any(|l| l.id == "demo-lb01-dr2025"));
        assert_eq!(store::load(&db, "demo-lb02").await.unwrap().appraisals.len(), 6);
    }
}

mod mobile_and_dues {
    use super::*;
    use starbranch::domain::members::dues::{Dues, DuesProblem, RowProblem};
    use starbranch::domain::members::mobile::{MobilePeriod, MobileProblem, MobileReport, ReportForm};
    use starbranch::domain::values::period::Month;
    use starbranch::domain::values::points::Points;
    use starbranch::store::ratings::history_of;
    use starbranch::store::{dues, mobile, WriteError};

    fn yuan(text: &str) -> Points {
        Points::parse(text).unwrap()
    }

    fn month(text: &str) -> Month {
        text.parse().unwrap()
    }

    async fn roll() -> Database {
        let db = fresh_db().await;
        tree(&db).await;
        for (id, branch) in [("m1", "b1"), ("m2", "b1"), ("m3", "b1"), ("x1", "b2")] {
            orgs::save_member(&db, member(id, branch), today()).await.unwrap();
        }
        let probationary = Member { status: MemberStatus::Probationary, ..member("m2", "b1") };
        orgs::save_member(&db, probationary, today()).await.unwrap();
        db
    }

    fn period(id: &str, member: &str) -> MobilePeriod {
        MobilePeriod {
            id: id.into(),
            member: member.into(),
            branch: String::new(),
            certificate: "LD-2026-001".into(),
            destination: "深圳市".into(),
            address: "南山区".into(),
            left_on: date("2026-08-01"),
            expected_return: Some(date("2027-02-01")),
            contact: "13800000000".into(),
            host_org: "深圳某公司党支部".into(),
            status_before: MemberStatus::Full,
            returned_on: None,
            reports: Vec::new(),
        }
    }

    async fn status_of(db: &Database, id: &str) -> MemberStatus {
        orgs::list_members(db).await.unwrap().into_iter().find(|m| m.id == id).unwrap().status
    }

    #[wasm_bindgen_test]
    async fn starting_a_period_marks_the_member_mobile_and_the_return_restores_the_status() {
        let db = roll().await;
        let started = mobile::save_period(&db, period("p1", "m2"), today()).await.unwrap();
        assert_eq!((started.branch.as_str(), started.status_before), ("b1", MemberStatus::Probationary));
        assert_eq!(status_of(&db, "m2").await, MemberStatus::Mobile);
        let actions = |entries: Vec<starbranch::store::records::HistoryEntry>| {
            entries.into_iter().map(|e| e.action).collect::<Vec<_>>()
        };
        assert_eq!(actions(history_of(&db, "m2").await.unwrap()), ["member.create", "member.update", "member.mobile"]);

        let report =
            MobileReport { date: date("2026-10-01"), form: ReportForm::Written, content: "工作情况".into() };
        let reported = mobile::add_report(&db, "p1", report, today()).await.unwrap();
        assert_eq!(reported.next_report_due(), Some(date("2026-12-01")));

        let back = mobile::return_member(&db, "p1", date("2026-11-20"), today()).await.unwrap();
        assert_eq!(back.returned_on, Some(date("2026-11-20")));
        assert_eq!(status_of(&db, "m2").await, MemberStatus::Probationary);
        assert_eq!(actions(history_of(&db, "p1").await.unwrap()), ["mobile.start", "mobile.report", "mobile.return"]);
        // The period stays, returned, with its report; a second period may start later.
        let kept = mobile::branch_periods(&db, "b1").await.unwrap();
        assert_eq!((kept.len(), kept[0].reports.len(), kept[0].is_open()), (1, 1, false));
        mobile::save_period(&db, MobilePeriod { left_on: date("2026-11-25"), ..period("p2", "m2") }, today())
            .await
            .unwrap();
        assert_eq!(status_of(&db, "m2").await, MemberStatus::Mobile);
    }

    #[wasm_bindgen_test]
    async fn a_refused_mobile_write_changes_nothing() {
        let db = roll().await;
        mobile::save_period(&db, period("p1", "m1"), today()).await.unwrap();
        let periods = mobile::list_periods(&db).await.unwrap();
        let history = orgs::list_history(&db).await.unwrap().len();
        // A second open period for the same member.
        assert_eq!(
            mobile::save_period(&db, period("p2", "m1"), today()).await,
            Err(WriteError::Invalid(vec![MobileProblem::AlreadyAway]))
        );
        // A report before leaving, a return before leaving, a start without certificate.
        let early = MobileReport { date: date("2026-07-01"), form: ReportForm::Oral, content: "x".into() };
        assert!(matches!(mobile::add_report(&db, "p1", early, today()).await, Err(WriteError::Invalid(_))));
        assert!(matches!(
            mobile::return_member(&db, "p1", date("2026-07-01"), today()).await,
            Err(WriteError::Invalid(_))
        ));
        let bad = MobilePeriod { certificate: String::new(), ..period("p3", "m3") };
        assert!(matches!(mobile::save_period(&db, bad, today()).await, Err(WriteError::Invalid(_))));
        assert_eq!(mobile::list_periods(&db).await.unwrap(), periods);
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history);
        assert_eq!(
            (status_of(&db, "m1").await, status_of(&db, "m3").await),
            (MemberStatus::Mobile, MemberStatus::Full)
        );
        assert!(matches!(mobile::add_report(&db, "nope", early_ok(), today()).await, Err(WriteError::Store(_))));
    }

    fn early_ok() -> MobileReport {
        MobileReport { date: date("2026-09-01"), form: ReportForm::Oral, content: "x".into() }
    }

    fn row(member: &str, due: &str, paid: &str, paid_on: Option<&str>) -> Dues {
        Dues {
            member: member.into(),
            branch: String::new(),
            month: month("2026-10"),
            due: yuan(due),
            paid: yuan(paid),
            paid_on: paid_on.map(date),
        }
    }

    #[wasm_bindgen_test]
    async fn a_month_of_dues_is_one_transaction_and_one_bad_row_writes_nothing() {
        let db = roll().await;
        let rows = vec![row("m1", "20", "20", Some("2026-10-10")), row("m2", "15.5", "0", None)];
        assert_eq!(dues::save_month(&db, "b1", month("2026-10"), rows.clone(), today()).await, Ok(2));
        let stored = dues::branch_dues(&db, "b1").await.unwrap();
        assert_eq!(stored.len(), 2);
        assert!(stored.iter().all(|d| d.branch == "b1" && d.month == month("2026-10")));
        assert_eq!(history_of(&db, "m1|2026-10").await.unwrap().len(), 1);
        // Saving the same grid again rewrites nothing.
        assert_eq!(dues::save_month(&db, "b1", month("2026-10"), rows, today()).await, Ok(0));

        let history = orgs::list_history(&db).await.unwrap().len();
        let bad = vec![
            row("m1", "20", "10", Some("2026-10-12")),
            row("m2", "15.5", "15.5", Some("2026-10-12")),
            row("m3", "20", "25", Some("2026-10-12")),
            row("x1", "20", "0", None),
        ];
        assert_eq!(
            dues::save_month(&db, "b1", month("2026-10"), bad, today()).await,
            Err(WriteError::Invalid(vec![
                RowProblem { member: "m3".into(), problem: DuesProblem::Overpaid },
                RowProblem { member: "x1".into(), problem: DuesProblem::UnknownMember("x1".into()) },
            ]))
        );
        assert_eq!(dues::branch_dues(&db, "b1").await.unwrap(), stored);
        assert_eq!(dues::list_dues(&db).await.unwrap().len(), 2);
        assert_eq!(orgs::list_history(&db).await.unwrap().len(), history);
        assert!(dues::branch_dues(&db, "b2").await.unwrap().is_empty());
    }

    #[wasm_bindgen_test]
    async fn the_demo_seeds_mobile_periods_with_their_members_mobile_and_a_year_of_dues() {
        use starbranch::domain::fixtures::{members_dues, members_mobile};
        let db = fresh_db().await;
        assert!(meta::seed_demo_if_empty(&db).await.unwrap());
        let periods = mobile::list_periods(&db).await.unwrap();
        assert_eq!(periods, members_mobile::mobile_periods());
        for period in &periods {
            let expected = if period.is_open() { MemberStatus::Mobile } else { period.status_before };
            assert_eq!(status_of(&db, &period.member).await, expected, "{}", period.member);
        }
        assert_eq!(dues::list_dues(&db).await.unwrap().len(), members_dues::dues().len());
        assert_eq!(dues::branch_dues(&db, "demo-lb02").await.unwrap().len(), 21);
    }
}

mod pipeline {
    //! The development pipeline: a refused step writes nothing; approval puts the 预备党员 on the
    //! roll and 转正 makes them full in the same transaction as the pipeline write; history.
    use super::*;
    use starbranch::domain::members::pipeline::{
        Application, Candidate, Move, Notice, Problem as P, PublicNotice, Stage,
    };
    use starbranch::store::pipeline::{apply, candidates_of, load_pipeline, take_step};
    use starbranch::store::ratings::history_of;
    use starbranch::store::WriteError;

    fn now() -> Date {
        date("2026-12-02")
    }

    async fn actions(db: &Database, target: &str) -> Vec<String> {
        history_of(db, target).await.unwrap().into_iter().map(|h| h.action).collect()
    }

    async fn roll_db() -> Database {
        let db = fresh_db().await;
        tree(&db).await;
        for id in ["m1", "m2"] {
            orgs::save_member(&db, member(id, "b1"), today()).await.unwrap();
        }
        orgs::save_member(&db, member("m9", "b2"), today()).await.unwrap();
        db
    }

    async fn step(db: &Database, step: Move) -> Result<Candidate, WriteError<Vec<P>>> {
        take_step(db, "c1", step, now()).await
    }

    fn notice(start: &str, end: &str) -> PublicNotice {
        PublicNotice { start: date(start), end: date(end) }
    }

    async fn roll_of(db: &Database, id: &str) -> Option<Member> {
        load_pipeline(db).await.unwrap().members.into_iter().find(|m| m.id == id)
    }

    #[wasm_bindgen_test]
    async fn an_applicant_goes_through_every_stage_and_onto_the_roll() {
        let db = roll_db().await;
        let app = Application {
            id: "c1".into(),
            branch: "b1".into(),
            name: "张三".into(),
            gender: Gender::Male,
            birth: date("2000-04-01"),
            applied_on: date("2023-03-01"),
        };
        let too_young = Application { birth: date("2005-03-02"), ..app.clone() };
        assert!(
            matches!(apply(&db, too_young, now()).await, Err(WriteError::Invalid(p)) if p == vec![P::TooYoung(date("2023-03-02"))])
        );
        assert!(load_pipeline(&db).await.unwrap().candidates.is_empty(), "a refused application writes nothing");
        apply(&db, app, now()).await.unwrap();

        // A contact from another branch is refused and nothing changes.
        let wrong = Move::Activist { on: date("2023-09-01"), contacts: ["m1".into(), "m9".into()] };
        assert!(
            matches!(step(&db, wrong).await, Err(WriteError::Invalid(p)) if p == vec![P::ContactOtherBranch("m9".into())])
        );
        assert_eq!(candidates_of(&db, "b1").await.unwrap()[0].stage(), Stage::Applicant);
        step(&db, Move::Activist { on: date("2023-09-01"), contacts: ["m1".into(), "m2".into()] }).await.unwrap();
        // 发展对象 a day short of a year after 积极分子: refused, nothing written.
        let before = load_pipeline(&db).await.unwrap();
        assert!(step(&db, Move::Candidate { on: date("2024-08-31") }).await.is_err());
        assert_eq!(load_pipeline(&db).await.unwrap(), before);
        step(&db, Move::Candidate { on: date("2024-09-01") }).await.unwrap();
        step(&db, Move::Vetting { vetted: true, notice: Some(notice("2024-10-08", "2024-10-12")) }).await.unwrap();

        // Approval: the candidate and the roll in one transaction; a refused approval writes neither.
        let early = Move::Probationary {
            meeting_on: date("2024-10-12"),
            approved_on: date("2024-11-10"),
            member: "new".into(),
        };
        assert!(
            matches!(step(&db, early).await, Err(WriteError::Invalid(p)) if p == vec![P::NoticeNotOver { notice: Notice::First, from: date("2024-10-13") }])
        );
        assert_eq!(roll_of(&db, "new").await, None);
        let approve = Move::Probationary {
            meeting_on: date("2024-10-20"),
            approved_on: date("2024-11-10"),
            member: "new".into(),
        };
        let probationary = step(&db, approve).await.unwrap();
        assert_eq!(probationary.member.as_deref(), Some("new"));
        let on_roll = roll_of(&db, "new").await.unwrap();
        assert_eq!(
            (on_roll.branch.as_str(), on_roll.status, on_roll.joined),
            ("b1", MemberStatus::Probationary, date("2024-10-20"))
        );

        // 转正 without the second notice: refused, the member stays probationary.
        assert!(step(&db, Move::Full { on: date("2025-11-20") }).await.is_err());
        assert_eq!(roll_of(&db, "new").await.unwrap().status, MemberStatus::Probationary);
        step(&db, Move::SecondNotice(notice("2025-11-01", "2025-11-05"))).await.unwrap();
        let full = step(&db, Move::Full { on: date("2025-11-20") }).await.unwrap();
        assert_eq!(full.stage(), Stage::Full);
        assert_eq!(roll_of(&db, "new").await.unwrap().status, MemberStatus::Full);
        assert_eq!(roll_of(&db, "new").await.unwrap().joined, date("2024-10-20"));

        assert_eq!(
            actions(&db, "c1").await,
            [
                "candidate.create",
                "candidate.activist",
                "candidate.candidate",
                "candidate.vetting",
                "candidate.probationary",
                "candidate.second_notice",
                "candidate.full",
            ]
        );
        assert_eq!(actions(&db, "new").await, ["member.create", "member.update"]);
    }

    #[wasm_bindgen_test]
    async fn a_cancelled_probation_takes_the_member_off_the_roll_keeping_the_history() {
        let db = roll_db().await;
        let app = Application {
            id: "c1".into(),
            branch: "b1".into(),
            name: "李四".into(),
            gender: Gender::Female,
            birth: date("1999-01-01"),
            applied_on: date("2023-01-01"),
        };
        apply(&db, app, now()).await.unwrap();
        step(&db, Move::Activist { on: date("2023-02-01"), contacts: ["m1".into(), "m2".into()] }).await.unwrap();
        step(&db, Move::Candidate { on: date("2024-02-01") }).await.unwrap();
        step(&db, Move::Vetting { vetted: true, notice: Some(notice("2024-03-01", "2024-03-05")) }).await.unwrap();
        let approve =
            Move::Probationary { meeting_on: date("2024-03-10"), approved_on: date("2024-04-01"), member: "p1".into() };
        step(&db, approve).await.unwrap();
        // A cancellation without a reason is refused; the member stays on the roll.
        assert!(step(&db, Move::Cancel { on: date("2024-09-01"), reason: " ".into() }).await.is_err());
        assert!(roll_of(&db, "p1").await.is_some());
        let cancelled =
            step(&db, Move::Cancel { on: date("2024-09-01"), reason: "不履行党员义务".into() }).await.unwrap();
        assert!(cancelled.cancelled.is_some() && cancelled.member.as_deref() == Some("p1"));
        assert_eq!(roll_of(&db, "p1").await, None);
        assert_eq!(actions(&db, "p1").await, ["member.create", "member.delete"]);
        let deleted = history_of(&db, "p1").await.unwrap().pop().unwrap();
        assert!(deleted.before.is_some() && deleted.after.is_none());
        assert!(
            matches!(step(&db, Move::Full { on: date("2025-04-02") }).await, Err(WriteError::Invalid(p)) if p == vec![P::IsCancelled])
        );
        assert!(matches!(
            take_step(&db, "nobody", Move::Candidate { on: now() }, now()).await,
            Err(WriteError::Store(_))
        ));
    }
}

// ── Trust: the history is a hash chain; verify finds what was edited by hand ────────────────

#[wasm_bindgen_test]
async fn every_change_seals_the_next_link_and_verify_finds_an_edited_backup() {
    use starbranch::domain::files::backup::Backup;
    use starbranch::domain::rating::scoring::Stars;
    use starbranch::domain::rating::workflow::Action;
    use starbranch::domain::trust::chain::ChainBreak;
    use starbranch::domain::trust::verify::{self, Break};
    use starbranch::domain::values::period::{Period, Quarter};
    use starbranch::domain::values::points::Points;
    use starbranch::store::{backup, ratings, review};
    const AT: &str = "2026-11-27T10:00:00.000Z";

    let db = fresh_db().await;
    assert!(meta::seed_demo_if_empty(&db).await.unwrap());
    // Two entries as a build before the chain wrote them: no seal.
    {
        let tx = db.transaction(HISTORY).with_mode(TransactionMode::Readwrite).build().unwrap();
        let store = tx.object_store(HISTORY).unwrap();
        for target in ["demo-b01", "demo-b02"] {
            let entry = serde_json::json!({"at": "2026-01-05T08:00:00Z", "action": "org.update", "target": target, "before": null, "after": "{}"});
            store.add(entry).serde().unwrap().await.unwrap();
        }
        tx.commit().await.unwrap();
    }

    let data = ratings::load(&db).await.unwrap();
    let draft = data.evaluations.iter().find(|r| r.key == "demo-b01|2026-11").unwrap().evaluation.clone();
    // A new month's sheet, as the sheet page saves one.
    let mut edited_sheet = draft.clone();
    edited_sheet.month = "2026-12".parse().unwrap();
    edited_sheet.scores.insert("team.leadership".into(), Points::from_whole(3));
    ratings::save_sheet(&db, edited_sheet, Action::SaveDraft, "").await.unwrap();
    let q3 = Quarter::new(2026, 3).unwrap();
    let row = data.rate(Period::Quarter(q3)).into_iter().find(|r| r.branch == "demo-b04").unwrap();
    let up = Stars::new(row.stars.unwrap().get() % 5 + 1).unwrap();
    review::adjust_stars(&db, q3, "demo-b04", up, "线下验收", "李主任").await.unwrap();
    review::publish(&db, q3, "李主任").await.unwrap();

    let history = ratings::history_of(&db, "2026-Q3").await.unwrap();
    assert_eq!(history.iter().map(|h| h.seq).collect::<Vec<_>>(), [Some(4), Some(5)]);
    assert!(history.iter().all(|h| h.hash.as_ref().is_some_and(|h| h.len() == 64)));

    let made = backup::export(&db, AT).await.unwrap();
    let found = verify::verify(&made);
    assert_eq!(found.breaks, vec![]);
    assert_eq!((found.chain.entries, found.chain.legacy, found.publications), (5, 2, 1));
    assert_eq!(found.records_checked, 2, "the saved sheet and the review");
    assert_eq!(backup::verify_now(&db).await.unwrap().breaks, vec![]);

    // Through the file and back, with the checksum made right after each edit by hand.
    let text = made.to_json();
    let edit = |change: &dyn Fn(&mut serde_json::Value)| -> Backup {
        let mut document: serde_json::Value = serde_json::from_str(&text).unwrap();
        change(&mut document["stores"]);
        let stores = serde_json::from_value(document["stores"].take()).unwrap();
        let resealed = Backup::new(&made.app_version, made.schema, &made.created_at, stores).to_json();
        backup::check(&resealed).expect("the checksum is right again")
    };
    let sheet_score = edit(&|stores| {
        let sheet =
            stores["evaluations"].as_array_mut().unwrap().iter_mut().find(|r| r["key"] == "demo-b01|2026-12").unwrap();
        sheet["scores"]["team.leadership"] = serde_json::json!(9);
    });
    assert_eq!(
        verify::verify(&sheet_score).breaks,
        vec![Break::Record { store: "evaluations", key: "demo-b01|2026-12".into(), entry: 3 }]
    );
    let history_line = edit(&|stores| stores["history"][0][1]["target"] = serde_json::json!("demo-b09"));
    assert_eq!(verify::verify(&history_line).breaks[0], Break::Chain(ChainBreak::Altered { entry: 3 }));
    let published = edit(&|stores| {
        let sheet =
            stores["evaluations"].as_array_mut().unwrap().iter_mut().find(|r| r["key"] == "demo-b04|2026-08").unwrap();
        sheet["status"] = serde_json::json!("confirmed");
    });
    assert_eq!(verify::verify(&published).breaks, vec![Break::Inputs { quarter: q3 }]);

    // Merged into another device, the entries join its chain, marked; that chain verifies.
    let other = fresh_db().await;
    orgs::save_org(&other, org("c", None, OrgKind::Committee, "公司党委"), today()).await.unwrap();
    backup::merge(&other, made).await.unwrap();
    let merged = backup::export(&other, AT).await.unwrap();
    let found = verify::verify(&merged);
    assert_eq!(found.breaks, vec![]);
    assert_eq!(found.chain.entries, 1 + 5 + 1, "its own, the merged ones, and the merge itself");
    let entries = &merged.stores["history"];
    assert!(entries[1][1]["merged"].is_string() && entries[6][1]["merged"].is_null());
}
