//! Import planning and export of the app's data through the exchange format.
#![cfg(not(target_arch = "wasm32"))]

use starbranch::domain::files::exchange::ExchangeDocument;
use starbranch::domain::files::import::*;
use starbranch::domain::fixtures::demo;
use starbranch::domain::org::{Org, OrgKind, Problem};
use starbranch::domain::rating::rubric::Rubric;
use starbranch::domain::values::date::Date;
use starbranch::domain::values::points::Points;

fn today() -> Date {
    "2026-11-27".parse().unwrap()
}

fn demo_document() -> (Vec<Org>, ExchangeDocument) {
    let (orgs, _) = demo::organisation();
    let rubric = Rubric::default_rubric();
    let (evaluations, five_haves) = demo::evaluations(&rubric);
    let doc = export_document(&rubric, &orgs, evaluations, five_haves);
    (orgs, ExchangeDocument::parse(&doc.to_json()).unwrap())
}

fn committee() -> Vec<Org> {
    vec![Org {
        id: "top".into(),
        parent: None,
        kind: OrgKind::Committee,
        name: "接收党委".into(),
        category: None,
        secretary: String::new(),
        contact: String::new(),
        founded: None,
        archived: false,
    }]
}

#[test]
fn export_parses_back_and_keeps_archived_branches() {
    let (mut orgs, _) = demo_document();
    orgs.iter_mut().find(|o| o.id == "demo-b08").unwrap().archived = true;
    let doc = export_document(&Rubric::default_rubric(), &orgs, vec![], Default::default());
    let parsed = ExchangeDocument::parse(&doc.to_json()).unwrap();
    assert_eq!(parsed.branches.len(), 8);
    let b08 = parsed.branches.iter().find(|b| b.id == "demo-b08").unwrap();
    assert_eq!(b08.extra.get("archived"), Some(&serde_json::Value::Bool(true)));
}

#[test]
fn a_new_organisation_gets_every_branch_under_the_chosen_parent() {
    let (_, doc) = demo_document();
    let plan = plan_import(
        &doc,
        &committee(),
        &Stored { rubrics: &[Rubric::default_rubric()], ..Stored::default() },
        Some("top"),
        today(),
    )
    .unwrap();
    assert_eq!(plan.new_branches.len(), 8);
    assert!(plan.new_branches.iter().all(|o| o.parent.as_deref() == Some("top")));
    assert_eq!(plan.new_evaluations.len(), 88);
    assert!(!plan.rubric_is_new);
    assert_eq!(plan.five_haves.len(), 2);
}

#[test]
fn without_a_parent_new_branches_are_a_conflict() {
    let (_, doc) = demo_document();
    let conflicts = plan_import(&doc, &committee(), &Stored::default(), None, today()).unwrap_err();
    assert_eq!(conflicts, [ImportConflict::ParentRequired]);
}

#[test]
fn ids_of_non_branches_and_rule_breaks_are_conflicts() {
    let (_, mut doc) = demo_document();
    doc.branches[0].id = "top".into();
    doc.branches[1].name = doc.branches[2].name.clone();
    let conflicts = plan_import(&doc, &committee(), &Stored::default(), Some("top"), today()).unwrap_err();
    assert_eq!(conflicts[0], ImportConflict::NotABranch { id: "top".into() });
    assert!(
        matches!(&conflicts[1], ImportConflict::InvalidBranch { problems, .. } if problems[0].problem == Problem::DuplicateName)
    );
}

#[test]
fn importing_into_the_same_data_changes_nothing_and_edits_are_replacements() {
    let (orgs, doc) = demo_document();
    let stored = doc.evaluations.clone();
    let rubrics = [Rubric::default_rubric()];
    let here = Stored { evaluations: &stored, rubrics: &rubrics, five_haves: &doc.five_haves, ..Stored::default() };
    let plan = plan_import(&doc, &orgs, &here, None, today()).unwrap();
    assert!(plan.is_empty());
    assert_eq!((plan.unchanged_branches, plan.unchanged_evaluations), (8, 88));

    let mut edited = doc.clone();
    edited.evaluations[0].scores.insert("team.leadership".into(), Points::from_whole(1));
    edited.branches[0].name = "改名支部".into();
    let plan = plan_import(&edited, &orgs, &here, None, today()).unwrap();
    assert_eq!((plan.replaced_evaluations.len(), plan.changed_branches.len()), (1, 1));
    assert_eq!(plan.changed_branches[0].name, "改名支部");
}

#[test]
fn a_rubric_that_scores_differently_becomes_a_new_version() {
    let (orgs, mut doc) = demo_document();
    doc.rubric.bonus_cap = Some(Points::from_whole(3));
    let plan =
        plan_import(&doc, &orgs, &Stored { rubrics: &[Rubric::default_rubric()], ..Stored::default() }, None, today())
            .unwrap();
    assert!(plan.rubric_is_new);
    assert_eq!((plan.rubric.id.as_str(), plan.rubric.version), ("default", 2));
    assert_eq!(rubric_key(&plan.rubric), "default@2");
    assert!(!scores_alike(&plan.rubric, &Rubric::default_rubric()));
}
