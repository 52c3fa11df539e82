//! The organisation registry: the Party org tree (committee → general branch → branch → group)
//! and the members of each branch, with the rules that keep it consistent.
//!
//! Every rule here is a function of values: the caller passes the current orgs and `today`, and
//! gets back either the validated record or every problem at once, so a form can show all of
//! its inline messages together and the store writes nothing.

use serde::{Deserialize, Serialize};

use crate::domain::values::category::Category;
use crate::domain::values::date::Date;

/// Longest name accepted for an org or a member, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// Minimum age at which one may join the Party (党章: 年满十八岁).
pub const MIN_JOIN_AGE: i32 = 18;

/// Level of a node in the org tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// 党委
    Committee,
    /// 党总支
    GeneralBranch,
    /// 党支部 — the unit that is rated.
    Branch,
    /// 党小组
    Group,
}

impl OrgKind {
    /// All kinds from the top of the tree down.
    pub const ALL: [OrgKind; 4] = [OrgKind::Committee, OrgKind::GeneralBranch, OrgKind::Branch, OrgKind::Group];

    /// Which kinds may hold this one. `None` in the list means "may be a root".
    pub fn allowed_parents(self) -> &'static [Option<OrgKind>] {
        match self {
            OrgKind::Committee => &[None, Some(OrgKind::Committee)],
            OrgKind::GeneralBranch => &[Some(OrgKind::Committee)],
            OrgKind::Branch => &[Some(OrgKind::Committee), Some(OrgKind::GeneralBranch)],
            OrgKind::Group => &[Some(OrgKind::Branch)],
        }
    }

    /// Stable code used in storage and URLs.
    pub fn code(self) -> &'static str {
        match self {
            OrgKind::Committee => "committee",
            OrgKind::GeneralBranch => "general_branch",
            OrgKind::Branch => "branch",
            OrgKind::Group => "group",
        }
    }

    /// Parses [`OrgKind::code`].
    pub fn from_code(code: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A node of the org tree (党组织).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Org {
    /// Stable id, never reused.
    pub id: String,
    /// Parent org id; `None` for a top-level committee.
    pub parent: Option<String>,
    /// Level in the tree.
    pub kind: OrgKind,
    /// Display name, e.g. 一车间党支部.
    pub name: String,
    /// Required for branches, absent for every other kind.
    pub category: Option<Category>,
    /// Secretary's name (书记).
    pub secretary: String,
    /// Contact phone or e-mail.
    pub contact: String,
    /// Founding date (成立日期).
    pub founded: Option<Date>,
    /// Archived orgs keep their history but take no new records.
    pub archived: bool,
}

/// Gender as recorded in the member roll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 男
    Male,
    /// 女
    Female,
}

/// Membership status (党员状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// 正式党员
    Full,
    /// 预备党员
    Probationary,
    /// 流动党员
    Mobile,
    /// 已转出
    TransferredOut,
}

impl MemberStatus {
    /// All statuses in roll order.
    pub const ALL: [MemberStatus; 4] =
        [MemberStatus::Full, MemberStatus::Probationary, MemberStatus::Mobile, MemberStatus::TransferredOut];

    /// Whether the member still belongs to the branch's roll.
    pub fn is_active(self) -> bool {
        self != MemberStatus::TransferredOut
    }
}

/// A Party member (党员) on a branch's roll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Stable id.
    pub id: String,
    /// The branch whose roll holds the member.
    pub branch: String,
    /// Full name.
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// Birth date.
    pub birth: Date,
    /// Date of joining the Party (入党日期).
    pub joined: Date,
    /// Position in the branch (书记, 委员, 党员 …); free text.
    pub position: String,
    /// Membership status.
    pub status: MemberStatus,
}

/// The form field a problem belongs to, so the UI can show it inline next to that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Name of an org or member.
    Name,
    /// Parent org.
    Parent,
    /// Branch category.
    Category,
    /// Founding date.
    Founded,
    /// Member birth date.
    Birth,
    /// Member join date.
    Joined,
    /// Member's branch.
    Branch,
    /// The record as a whole.
    Record,
}

/// What is wrong with a field. The UI turns each into a localised sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The field is empty.
    Required,
    /// Longer than the limit (characters).
    TooLong(usize),
    /// A sibling org already has this name.
    DuplicateName,
    /// A branch must have a category.
    CategoryRequired,
    /// The date lies after today.
    InFuture,
    /// Not a real date in the form YYYY-MM-DD.
    InvalidDate,
    /// Join date earlier than birth date.
    JoinedBeforeBirth,
    /// Joined before the minimum age.
    JoinedTooYoung,
    /// The parent does not exist or is archived.
    ParentMissing,
    /// This kind may not sit under the chosen parent (or at the root).
    ParentKindNotAllowed,
    /// Moving an org under itself or one of its descendants.
    CycleInTree,
    /// Archiving an org whose child orgs are still active.
    HasActiveChildren,
    /// The branch does not exist, is not a branch, or is archived.
    BranchNotAvailable,
    /// Transfer to the branch the member is already in.
    SameBranch,
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// Where.
    pub field: Field,
    /// What.
    pub problem: Problem,
}

/// All problems found in a record; never empty when returned as an error.
pub type Problems = Vec<FieldProblem>;

fn push(problems: &mut Problems, field: Field, problem: Problem) {
    problems.push(FieldProblem { field, problem });
}

/// Reads an optional date field: empty text is `None`, anything else must be a real date.
pub fn parse_optional_date(text: &str) -> Result<Option<Date>, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| Problem::InvalidDate)
}

/// Reads a required date field.
pub fn parse_required_date(text: &str) -> Result<Date, Problem> {
    parse_optional_date(text)?.ok_or(Problem::Required)
}

/// Names compare trimmed, case-insensitively, with inner runs of white space collapsed:
/// "一车间 党支部" and "一车间  党支部 " are the same name to a reader.
pub fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn check_name(name: &str, problems: &mut Problems) {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        push(problems, Field::Name, Problem::Required);
    } else if trimmed.chars().count() > MAX_NAME_CHARS {
        push(problems, Field::Name, Problem::TooLong(MAX_NAME_CHARS));
    }
}

/// Validates an org about to be created or saved, against all current orgs (which may include
/// an older version of the same record). Returns the record with its text fields trimmed and a
/// category kept only for branches.
pub fn validate_org(mut org: Org, all: &[Org], today: Date) -> Result<Org, Problems> {
    let mut problems = Problems::new();
    org.name = org.name.trim().to_string();
    org.secretary = org.secretary.trim().to_string();
    org.contact = org.contact.trim().to_string();
    check_name(&org.name, &mut problems);

    if org.kind == OrgKind::Branch {
        if org.category.is_none() {
            push(&mut problems, Field::Category, Problem::CategoryRequired);
        }
    } else {
        org.category = None;
    }
    if org.founded.is_some_and(|d| d > today) {
        push(&mut problems, Field::Founded, Problem::InFuture);
    }
    check_parent(&org, all, &mut problems);

    let key = name_key(&org.name);
    let duplicate =
        all.iter().any(|other| other.id != org.id && other.parent == org.parent && name_key(&other.name) == key);
    if !org.name.is_empty() && duplicate {
        push(&mut problems, Field::Name, Problem::DuplicateName);
    }
    if problems.is_empty() {
        Ok(org)
    } else {
        Err(problems)
    }
}

fn check_parent(org: &Org, all: &[Org], problems: &mut Problems) {
    let parent = match &org.parent {
        None => None,
        Some(id) => match all.iter().find(|o| &o.id == id && !o.archived) {
            Some(parent) => Some(parent),
            None => return push(problems, Field::Parent, Problem::ParentMissing),
        },
    };
    if !org.kind.allowed_parents().contains(&parent.map(|p| p.kind)) {
        return push(problems, Field::Parent, Problem::ParentKindNotAllowed);
    }
    if parent.is_some_and(|p| is_descendant_or_self(all, &p.id, &org.id)) {
        push(problems, Field::Parent, Problem::CycleInTree);
    }
}

/// Whether `candidate` is `ancestor` or lies below it in the tree.
pub fn is_descendant_or_self(all: &[Org], candidate: &str, ancestor: &str) -> bool {
    let mut current = Some(candidate.to_string());
    // The hop limit guards against a corrupt stored tree that already has a cycle.
    for _ in 0..=all.len() {
        match current {
            Some(id) if id == ancestor => return true,
            Some(id) => current = all.iter().find(|o| o.id == id).and_then(|o| o.parent.clone()),
            None => return false,
        }
    }
    false
}

/// The orgs to archive together with `org_id`: the org itself and its party groups (a group
/// cannot outlive its branch). Refused while other child orgs (branches, general branches) are
/// still active, so no branch hangs under an archived parent.
pub fn archive_plan(org_id: &str, all: &[Org]) -> Result<Vec<String>, Problems> {
    let children = || all.iter().filter(move |o| o.parent.as_deref() == Some(org_id) && !o.archived);
    if children().any(|o| o.kind != OrgKind::Group) {
        return Err(vec![FieldProblem { field: Field::Record, problem: Problem::HasActiveChildren }]);
    }
    let mut ids = vec![org_id.to_string()];
    ids.extend(children().map(|o| o.id.clone()));
    Ok(ids)
}

/// The orgs to restore with `org_id`: the org and its archived party groups, undoing
/// [`archive_plan`]. Refused when the parent is archived or missing.
pub fn restore_plan(org_id: &str, all: &[Org], today: Date) -> Result<Vec<String>, Problems> {
    let org = all
        .iter()
        .find(|o| o.id == org_id)
        .ok_or_else(|| vec![FieldProblem { field: Field::Record, problem: Problem::ParentMissing }])?;
    validate_org(Org { archived: false, ..org.clone() }, all, today)?;
    let mut ids = vec![org_id.to_string()];
    ids.extend(
        all.iter()
            .filter(|o| o.parent.as_deref() == Some(org_id) && o.archived && o.kind == OrgKind::Group)
            .map(|o| o.id.clone()),
    );
    Ok(ids)
}

/// Validates a member record against the orgs and `today`; returns it with text trimmed.
pub fn validate_member(mut member: Member, orgs: &[Org], today: Date) -> Result<Member, Problems> {
    let mut problems = Problems::new();
    member.name = member.name.trim().to_string();
    member.position = member.position.trim().to_string();
    check_name(&member.name, &mut problems);
    if member.birth > today {
        push(&mut problems, Field::Birth, Problem::InFuture);
    }
    if member.joined > today {
        push(&mut problems, Field::Joined, Problem::InFuture);
    }
    if member.joined < member.birth {
        push(&mut problems, Field::Joined, Problem::JoinedBeforeBirth);
    } else if member.joined < member.birth.add_years(MIN_JOIN_AGE) {
        push(&mut problems, Field::Joined, Problem::JoinedTooYoung);
    }
    if !is_open_branch(orgs, &member.branch) {
        push(&mut problems, Field::Branch, Problem::BranchNotAvailable);
    }
    if problems.is_empty() {
        Ok(member)
    } else {
        Err(problems)
    }
}

/// Moves a member to another branch's roll (组织关系转接 within the organisation).
pub fn transfer_member(member: &Member, to_branch: &str, orgs: &[Org]) -> Result<Member, Problems> {
    let problem = if member.branch == to_branch {
        Some(Problem::SameBranch)
    } else if !is_open_branch(orgs, to_branch) {
        Some(Problem::BranchNotAvailable)
    } else {
        None
    };
    match problem {
        Some(problem) => Err(vec![FieldProblem { field: Field::Branch, problem }]),
        None => Ok(Member { branch: to_branch.to_string(), ..member.clone() }),
    }
}

fn is_open_branch(orgs: &[Org], id: &str) -> bool {
    orgs.iter().any(|o| o.id == id && o.kind == OrgKind::Branch && !o.archived)
}

/// Orgs whose name contains `query` (same normalisation as duplicate names); empty query
/// matches everything.
pub fn search<'a>(orgs: &'a [Org], query: &str) -> Vec<&'a Org> {
    let key = name_key(query);
    orgs.iter().filter(|o| name_key(&o.name).contains(&key)).collect()
}

/// The branches still open (not archived), in tree order: what a branch picker offers.
pub fn open_branches(orgs: &[Org]) -> Vec<Org> {
    tree_order(orgs)
        .into_iter()
        .filter(|(o, _)| o.kind == OrgKind::Branch && !o.archived)
        .map(|(o, _)| o.clone())
        .collect()
}

/// The open committees and general branches, as (id, name): the organisations a table can be
/// narrowed to (their branches, at any depth, are shown).
pub fn filter_scopes(orgs: &[Org]) -> Vec<(String, String)> {
    orgs.iter()
        .filter(|o| !o.archived && matches!(o.kind, OrgKind::Committee | OrgKind::GeneralBranch))
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect()
}

/// Orgs in tree order (depth first, siblings by level then name) with their depth, roots first. Orgs
/// whose parent is missing are shown as roots rather than dropped, so nothing disappears.
pub fn tree_order(orgs: &[Org]) -> Vec<(&Org, usize)> {
    let mut out = Vec::with_capacity(orgs.len());
    let known = |id: &Option<String>| id.as_ref().is_some_and(|p| orgs.iter().any(|o| &o.id == p));
    let mut roots: Vec<&Org> = orgs.iter().filter(|o| !known(&o.parent)).collect();
    let order = |a: &&Org, b: &&Org| (a.kind as u8, &a.name).cmp(&(b.kind as u8, &b.name));
    roots.sort_by(order);
    let mut stack: Vec<(&Org, usize)> = roots.into_iter().rev().map(|o| (o, 0)).collect();
    let mut seen = std::collections::HashSet::new();
    while let Some((org, depth)) = stack.pop() {
        if !seen.insert(org.id.as_str()) {
            continue;
        }
        out.push((org, depth));
        let mut children: Vec<&Org> = orgs.iter().filter(|o| o.parent.as_deref() == Some(org.id.as_str())).collect();
        children.sort_by(|a, b| order(b, a));
        stack.extend(children.into_iter().map(|c| (c, depth + 1)));
    }
    out
}
