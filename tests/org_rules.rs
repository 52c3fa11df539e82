//! Validation rules of the organisation registry, as tables of inputs and expected problems.
#![cfg(not(target_arch = "wasm32"))]

use starbranch::domain::org::*;
use starbranch::domain::values::date::Date;
use starbranch::domain::Category;

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

const TODAY: &str = "2026-11-27";

fn org(id: &str, parent: Option<&str>, kind: OrgKind, name: &str) -> Org {
    Org {
        id: id.into(),
        parent: parent.map(Into::into),
        kind,
        name: name.into(),
        category: (kind == OrgKind::Branch).then_some(Category::Production),
        secretary: String::new(),
        contact: String::new(),
        founded: None,
        archived: false,
    }
}

fn tree() -> Vec<Org> {
    vec![
        org("c", None, OrgKind::Committee, "公司党委"),
        org("g", Some("c"), OrgKind::GeneralBranch, "生产党总支"),
        org("b1", Some("g"), OrgKind::Branch, "一车间党支部"),
        org("b2", Some("c"), OrgKind::Branch, "机关党支部"),
        org("p", Some("b1"), OrgKind::Group, "第一党小组"),
    ]
}

fn problems_of(result: Result<Org, Problems>) -> Vec<(Field, Problem)> {
    match result {
        Ok(_) => vec![],
        Err(problems) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
    }
}

fn check_org(candidate: Org, expected: &[(Field, Problem)]) {
    let got = problems_of(validate_org(candidate, &tree(), date(TODAY)));
    assert_eq!(got, expected);
}

#[test]
fn a_valid_branch_is_accepted_and_trimmed() {
    let mut new = org("b3", Some("g"), OrgKind::Branch, "  二车间党支部 ");
    new.founded = Some(date("2020-07-01"));
    let saved = validate_org(new, &tree(), date(TODAY)).unwrap();
    assert_eq!(saved.name, "二车间党支部");
}

#[test]
fn empty_and_overlong_names_are_refused() {
    check_org(org("x", Some("g"), OrgKind::Branch, "   "), &[(Field::Name, Problem::Required)]);
    let long = "党".repeat(MAX_NAME_CHARS + 1);
    check_org(org("x", Some("g"), OrgKind::Branch, &long), &[(Field::Name, Problem::TooLong(MAX_NAME_CHARS))]);
}

#[test]
fn duplicate_names_among_siblings_are_refused_but_not_across_parents() {
    check_org(
        org("x", Some("g"), OrgKind::Branch, "一车间 党支部".replace(' ', "").as_str()),
        &[(Field::Name, Problem::DuplicateName)],
    );
    check_org(org("x", Some("c"), OrgKind::Branch, "一车间党支部"), &[]);
    // Saving a record under its own name is not a duplicate of itself.
    check_org(org("b1", Some("g"), OrgKind::Branch, "一车间党支部"), &[]);
}

#[test]
fn a_branch_needs_a_category_and_others_lose_theirs() {
    let mut branch = org("x", Some("g"), OrgKind::Branch, "新支部");
    branch.category = None;
    check_org(branch, &[(Field::Category, Problem::CategoryRequired)]);
    let mut group = org("x", Some("b1"), OrgKind::Group, "第二党小组");
    group.category = Some(Category::Market);
    assert_eq!(validate_org(group, &tree(), date(TODAY)).unwrap().category, None);
}

#[test]
fn founding_date_in_the_future_is_refused() {
    let mut branch = org("x", Some("g"), OrgKind::Branch, "新支部");
    branch.founded = Some(date("2026-11-28"));
    check_org(branch.clone(), &[(Field::Founded, Problem::InFuture)]);
    branch.founded = Some(date(TODAY));
    check_org(branch, &[]);
}

#[test]
fn parents_follow_the_tree_levels() {
    check_org(org("x", None, OrgKind::Branch, "孤立支部"), &[(Field::Parent, Problem::ParentKindNotAllowed)]);
    check_org(org("x", Some("b1"), OrgKind::Branch, "支部下支部"), &[(Field::Parent, Problem::ParentKindNotAllowed)]);
    check_org(org("x", Some("c"), OrgKind::Group, "委员会下小组"), &[(Field::Parent, Problem::ParentKindNotAllowed)]);
    check_org(org("x", Some("nope"), OrgKind::Branch, "无主支部"), &[(Field::Parent, Problem::ParentMissing)]);
    check_org(org("x", None, OrgKind::Committee, "第二党委"), &[]);
}

#[test]
fn moving_under_an_archived_parent_or_into_own_subtree_is_refused() {
    let mut orgs = tree();
    orgs[1].archived = true;
    let moved = org("b2", Some("g"), OrgKind::Branch, "机关党支部");
    assert_eq!(problems_of(validate_org(moved, &orgs, date(TODAY))), [(Field::Parent, Problem::ParentMissing)]);
    let sub = org("c2", Some("c"), OrgKind::Committee, "下级党委");
    let mut orgs = tree();
    orgs.push(sub);
    let cycle = org("c", Some("c2"), OrgKind::Committee, "公司党委");
    assert_eq!(problems_of(validate_org(cycle, &orgs, date(TODAY))), [(Field::Parent, Problem::CycleInTree)]);
}

#[test]
fn archiving_needs_child_branches_archived_first_and_takes_groups_along() {
    let mut orgs = tree();
    assert!(archive_plan("g", &orgs).is_err());
    assert_eq!(archive_plan("b2", &orgs).unwrap(), ["b2"]);
    assert_eq!(archive_plan("b1", &orgs).unwrap(), ["b1", "p"]);
    orgs[2].archived = true;
    orgs[4].archived = true;
    assert_eq!(archive_plan("g", &orgs).unwrap(), ["g"]);
    orgs[1].archived = true;
    // Restoring a branch brings its groups back; under an archived parent it is refused.
    assert!(restore_plan("b1", &orgs, date(TODAY)).is_err());
    orgs[1].archived = false;
    assert_eq!(restore_plan("b1", &orgs, date(TODAY)).unwrap(), ["b1", "p"]);
}

fn member(birth: &str, joined: &str) -> Member {
    Member {
        id: "m".into(),
        branch: "b1".into(),
        name: "张三".into(),
        gender: Gender::Male,
        birth: date(birth),
        joined: date(joined),
        position: "党员".into(),
        status: MemberStatus::Full,
    }
}

fn check_member(candidate: Member, expected: &[(Field, Problem)]) {
    let got: Vec<_> = match validate_member(candidate, &tree(), date(TODAY)) {
        Ok(_) => vec![],
        Err(problems) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
    };
    assert_eq!(got, expected);
}

#[test]
fn member_dates_are_checked() {
    check_member(member("1990-05-01", "2015-07-01"), &[]);
    check_member(member("1990-05-01", "1989-07-01"), &[(Field::Joined, Problem::JoinedBeforeBirth)]);
    check_member(member("1990-05-01", "2008-04-30"), &[(Field::Joined, Problem::JoinedTooYoung)]);
    check_member(member("1990-05-01", "2008-05-01"), &[]);
    check_member(member("1990-05-01", "2026-11-28"), &[(Field::Joined, Problem::InFuture)]);
    check_member(
        member("2027-01-01", "2027-01-02"),
        &[
            (Field::Birth, Problem::InFuture),
            (Field::Joined, Problem::InFuture),
            (Field::Joined, Problem::JoinedTooYoung),
        ],
    );
}

#[test]
fn members_belong_to_open_branches_only() {
    let mut m = member("1990-05-01", "2015-07-01");
    m.branch = "g".into();
    check_member(m.clone(), &[(Field::Branch, Problem::BranchNotAvailable)]);
    m.name = " ".into();
    m.branch = "b1".into();
    check_member(m, &[(Field::Name, Problem::Required)]);
}

#[test]
fn transfer_moves_between_open_branches() {
    let m = member("1990-05-01", "2015-07-01");
    assert_eq!(transfer_member(&m, "b2", &tree()).unwrap().branch, "b2");
    assert!(transfer_member(&m, "b1", &tree()).is_err());
    assert!(transfer_member(&m, "p", &tree()).is_err());
}

#[test]
fn tree_order_is_depth_first_and_keeps_orphans() {
    let mut orgs = tree();
    orgs.push(org("o", Some("gone"), OrgKind::Branch, "孤儿支部"));
    let order: Vec<(&str, usize)> = tree_order(&orgs).into_iter().map(|(o, d)| (o.id.as_str(), d)).collect();
    assert_eq!(order, [("c", 0), ("g", 1), ("b1", 2), ("p", 3), ("b2", 1), ("o", 0)]);
}

#[test]
fn search_matches_normalised_substrings() {
    let orgs = tree();
    let hits: Vec<&str> = search(&orgs, " 车间").iter().map(|o| o.id.as_str()).collect();
    assert_eq!(hits, ["b1"]);
    assert_eq!(search(&orgs, "").len(), orgs.len());
}

#[test]
fn tables_are_narrowed_to_open_committees_and_general_branches() {
    let mut orgs = tree();
    let scopes: Vec<String> = filter_scopes(&orgs).into_iter().map(|(id, _)| id).collect();
    let expected: Vec<String> = orgs
        .iter()
        .filter(|o| matches!(o.kind, OrgKind::Committee | OrgKind::GeneralBranch))
        .map(|o| o.id.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(scopes, expected);
    for org in &mut orgs {
        org.archived = true;
    }
    assert!(filter_scopes(&orgs).is_empty());
}
