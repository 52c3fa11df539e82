//! Spreadsheet import of the registry (docs/FORMAT.md §12): Party organisations (党支部 and the
//! upper orgs they hang under) or members (党员) from a `.csv` or `.xlsx` file.
//!
//! Pure: the page hands over the file's bytes, this module reads them into a [`Sheet`] (first
//! row = header), proposes a [`Mapping`] of the file's columns onto the model's fields from the
//! header names (zh-CN, zh-TW, English), and [`plan`]s the import against the records already
//! stored — every row either valid or reported with its spreadsheet row number, then each record
//! marked as created, updated or unchanged. The store writes a plan in one transaction.
//!
//! Matching (so importing the same file twice changes nothing): an organisation is the existing
//! one with the same name ([`name_key`]) under the same parent; a member is the one with the same
//! name and birth date on the same branch. A mapped column replaces the stored value (an empty
//! cell clears an optional one); an unmapped column leaves it as it is.

use std::collections::HashMap;

use crate::domain::org::{self, name_key, Member, MemberStatus, Org, OrgKind};
use crate::domain::units::unit::Unit;
use crate::domain::values::category::Category;
use crate::domain::values::date::Date;

/// Largest file read, in bytes (50 MiB); the page refuses larger ones before reading them.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

/// What a file holds: one kind of record per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportKind {
    /// Party organisations: branches and, as needed, their committees and general branches.
    Orgs,
    /// Party members on the branches' rolls.
    Members,
    /// 两新 units of the unit registry (`units.rs`, docs/FORMAT.md §13).
    Units,
}

impl ImportKind {
    /// The fields a file of this kind may fill, in template order.
    pub fn targets(self) -> &'static [Target] {
        match self {
            ImportKind::Orgs => &[
                Target::OrgName,
                Target::OrgKind,
                Target::Parent,
                Target::Category,
                Target::Secretary,
                Target::Contact,
                Target::Founded,
            ],
            ImportKind::Members => &[
                Target::MemberName,
                Target::Branch,
                Target::Gender,
                Target::Birth,
                Target::Joined,
                Target::Position,
                Target::Status,
            ],
            ImportKind::Units => &units::UNIT_TARGETS,
        }
    }

    /// Stable code (URLs, test ids).
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Orgs => "orgs",
            ImportKind::Members => "members",
            ImportKind::Units => "units",
        }
    }
}

/// A field of the model a column can be mapped onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// Organisation name.
    OrgName,
    /// Level: committee, general branch, branch (default), group.
    OrgKind,
    /// Parent organisation, by name; empty for a top-level committee.
    Parent,
    /// Branch category (required for branches).
    Category,
    /// Secretary's name.
    Secretary,
    /// Contact.
    Contact,
    /// Founding date.
    Founded,
    /// Member's name.
    MemberName,
    /// The member's branch, by name.
    Branch,
    /// Gender.
    Gender,
    /// Birth date.
    Birth,
    /// Date of joining the Party.
    Joined,
    /// Position in the branch (free text).
    Position,
    /// Membership status (default: full member).
    Status,
    /// A column of a units file.
    Unit(UnitColumn),
}

impl Target {
    /// Whether a file must have a column for this field.
    pub fn required(self) -> bool {
        matches!(
            self,
            Target::OrgName
                | Target::Parent
                | Target::Category
                | Target::MemberName
                | Target::Branch
                | Target::Gender
                | Target::Birth
                | Target::Joined
        ) || matches!(self, Target::Unit(c) if c.required())
    }

    /// Stable code (test ids, select names).
    pub fn code(self) -> &'static str {
        match self {
            Target::OrgName => "org_name",
            Target::OrgKind => "org_kind",
            Target::Parent => "parent",
            Target::Category => "category",
            Target::Secretary => "secretary",
            Target::Contact => "contact",
            Target::Founded => "founded",
            Target::MemberName => "member_name",
            Target::Branch => "branch",
            Target::Gender => "gender",
            Target::Birth => "birth",
            Target::Joined => "joined",
            Target::Position => "position",
            Target::Status => "status",
            Target::Unit(c) => c.code(),
        }
    }

    /// Header names recognised for this field (compared through [`header_key`]): the template's
    /// headers in the three UI languages and the usual variants.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Target::OrgName => &[
                "组织名称",
                "組織名稱",
                "党组织名称",
                "黨組織名稱",
                "党组织",
                "黨組織",
                "支部名称",
                "支部名稱",
                "党支部名称",
                "黨支部名稱",
                "名称",
                "名稱",
                "Organisation name",
                "Organization name",
                "Organisation",
                "Organization",
                "Name",
                "Branch name",
                "党支部",
                "黨支部",
                "Party branch",
            ],
            Target::OrgKind => &["层级", "層級", "组织类型", "組織類型", "类型", "類型", "Level", "Kind", "Type"],
            Target::Parent => &[
                "上级组织",
                "上級組織",
                "上级党组织",
                "上級黨組織",
                "上级",
                "上級",
                "Parent organisation",
                "Parent organization",
                "Parent",
            ],
            Target::Category => &["支部类别", "支部類別", "类别", "類別", "Category", "Branch category"],
            Target::Secretary => &["支部书记", "支部書記", "书记", "書記", "Secretary", "Branch secretary"],
            Target::Contact => {
                &["联系方式", "聯絡方式", "聯繫方式", "联系电话", "聯絡電話", "電話", "电话", "Contact", "Phone"]
            }
            Target::Founded => &["成立日期", "成立時間", "成立时间", "Founded", "Founding date", "Date founded"],
            Target::MemberName => &["姓名", "党员姓名", "黨員姓名", "Name", "Member name", "Member"],
            Target::Branch => {
                &["所在党支部", "所在黨支部", "所在支部", "党支部", "黨支部", "支部", "Party branch", "Branch"]
            }
            Target::Gender => &["性别", "性別", "Gender", "Sex"],
            Target::Birth => &["出生日期", "出生年月", "Birth date", "Date of birth", "Birth", "Born"],
            Target::Joined => &[
                "入党日期",
                "入黨日期",
                "入党时间",
                "入黨時間",
                "Joined",
                "Join date",
                "Date joined",
                "Date of joining",
            ],
            Target::Position => &["职务", "職務", "党内职务", "黨內職務", "Position", "Role"],
            Target::Status => &["党员状态", "黨員狀態", "状态", "狀態", "Status", "Membership status"],
            Target::Unit(c) => c.aliases(),
        }
    }
}

mod mapping;
mod read;
mod units;
mod xlsx;

pub use mapping::*;
pub use read::*;
pub use units::*;

/// What a row's problem is; the page words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// A required value is empty.
    Required,
    /// Not a date in an accepted form (the text as found).
    BadDate(String),
    /// Not a known level.
    UnknownKind(String),
    /// Not a known category.
    UnknownCategory(String),
    /// Not a known gender.
    UnknownGender(String),
    /// Not a known status.
    UnknownStatus(String),
    /// No organisation of this name, stored or in the file.
    UnknownParent(String),
    /// The parent of this name is archived.
    ParentArchived(String),
    /// Several organisations have this name.
    AmbiguousParent(String),
    /// No branch of this name.
    UnknownBranch(String),
    /// The branch of this name is archived.
    BranchArchived(String),
    /// Several branches have this name.
    AmbiguousBranch(String),
    /// The same record again; the number of the row where it first appears.
    Duplicate(usize),
    /// The matching stored organisation is archived (restore it first).
    OrgArchived,
    /// The matching stored organisation is of another level.
    KindMismatch(OrgKind),
    /// A rule of the registry (too long, in the future, joined too young, parent level …).
    Rule(org::Problem),
    /// A problem only a units file has.
    Unit(UnitRowProblem),
}

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The spreadsheet row number.
    pub row: usize,
    /// The field (and so the column), if the problem belongs to one.
    pub target: Option<Target>,
    /// What.
    pub problem: RowProblem,
}

/// What an import does to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// A new record.
    Create,
    /// A stored record changes.
    Update,
    /// A stored record stays as it is.
    Unchanged,
}

/// One organisation of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgChange {
    /// Spreadsheet row.
    pub row: usize,
    /// Create, update or unchanged.
    pub action: Action,
    /// The stored record, for an update or unchanged.
    pub before: Option<Org>,
    /// The record as it will be.
    pub after: Org,
}

/// One member of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberChange {
    /// Spreadsheet row.
    pub row: usize,
    /// Create, update or unchanged.
    pub action: Action,
    /// The stored record, for an update or unchanged.
    pub before: Option<Member>,
    /// The record as it will be.
    pub after: Member,
}

/// Everything an import writes, in the file's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Organisations, one per row of an organisations file.
    pub orgs: Vec<OrgChange>,
    /// Members, one per row of a members file.
    pub members: Vec<MemberChange>,
    /// Units, one per row of a units file.
    pub units: Vec<UnitChange>,
    /// Findings that do not stop the import (a joint branch that one unit names so far).
    pub warnings: Vec<RowError>,
}

/// The stored records an import is planned against; a kind reads only what it needs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stored<'a> {
    /// Every org, archived included.
    pub orgs: &'a [Org],
    /// Every member.
    pub members: &'a [Member],
    /// Every 两新 unit.
    pub units: &'a [Unit],
}

impl Plan {
    /// How many records the import creates, updates, leaves unchanged.
    pub fn count(&self, action: Action) -> usize {
        self.orgs.iter().filter(|c| c.action == action).count()
            + self.members.iter().filter(|c| c.action == action).count()
            + self.units.iter().filter(|c| c.action == action).count()
    }

    /// Whether the import would change nothing.
    pub fn is_noop(&self) -> bool {
        self.count(Action::Create) == 0 && self.count(Action::Update) == 0
    }
}

/// One row's mapped cells, read field by field; every problem found is added to `errors` with
/// the row's number, so a row reports all its problems at once.
struct Cells<'a> {
    row: &'a Row,
    mapping: &'a Mapping,
    errors: &'a mut Vec<RowError>,
}

impl Cells<'_> {
    /// The mapped cell, `None` if the field is not mapped.
    fn get(&self, target: Target) -> Option<Value> {
        let col = *self.mapping.get(&target)?;
        Some(self.row.cells.get(col).cloned().unwrap_or(Value::Text(String::new())))
    }

    fn text(&self, target: Target) -> Option<String> {
        self.get(target).map(|v| v.text())
    }

    fn report(&mut self, target: Target, problem: RowProblem) {
        self.errors.push(RowError { row: self.row.number, target: Some(target), problem });
    }

    /// A text that must be there (an unmapped or empty cell is reported as required).
    fn required_text(&mut self, target: Target) -> String {
        let text = self.text(target).unwrap_or_default();
        if text.is_empty() {
            self.report(target, RowProblem::Required);
        }
        text
    }

    /// A value that must be there and parse: `None` (and reported) when empty or not readable.
    fn required<T>(
        &mut self,
        target: Target,
        parse: impl Fn(&Value) -> Option<T>,
        bad: impl Fn(String) -> RowProblem,
    ) -> Option<T> {
        let value = self.get(target).unwrap_or(Value::Text(String::new()));
        if value.is_blank() {
            self.report(target, RowProblem::Required);
            return None;
        }
        let parsed = parse(&value);
        if parsed.is_none() {
            self.report(target, bad(value.text()));
        }
        parsed
    }

    /// A value that may be left out: `None` when the column is not mapped (the stored value
    /// stays), `Some(None)` when the cell is empty (it is cleared) or not readable (reported).
    fn optional<T>(
        &mut self,
        target: Target,
        parse: impl Fn(&Value) -> Option<T>,
        bad: impl Fn(String) -> RowProblem,
    ) -> Option<Option<T>> {
        let value = self.get(target)?;
        if value.is_blank() {
            return Some(None);
        }
        let parsed = parse(&value);
        if parsed.is_none() {
            self.report(target, bad(value.text()));
        }
        Some(parsed)
    }
}

/// Plans an import: every row checked — all problems of all rows returned at once, by row — and
/// otherwise each record created, updated or unchanged against the `stored` records (see the
/// module's matching rules). `new_id` names each record created.
pub fn plan(
    kind: ImportKind,
    sheet: &Sheet,
    mapping: &Mapping,
    stored: Stored<'_>,
    today: Date,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Plan, Vec<RowError>> {
    let mut errors = Vec::new();
    let (orgs, members) = (stored.orgs, stored.members);
    let plan = match kind {
        ImportKind::Orgs => {
            Plan { orgs: plan_orgs(sheet, mapping, orgs, today, new_id, &mut errors), ..Plan::default() }
        }
        ImportKind::Members => {
            Plan { members: plan_members(sheet, mapping, orgs, members, today, new_id, &mut errors), ..Plan::default() }
        }
        ImportKind::Units => units::plan_units(sheet, mapping, stored, today, new_id, &mut errors),
    };
    if errors.is_empty() {
        Ok(plan)
    } else {
        errors.sort_by_key(|e| {
            (e.row, e.target.map(|t| kind.targets().iter().position(|x| *x == t).unwrap_or(99)).unwrap_or(100))
        });
        errors.dedup();
        Err(errors)
    }
}

fn org_target(field: org::Field, member: bool) -> Option<Target> {
    use org::Field as F;
    match (field, member) {
        (F::Name, false) => Some(Target::OrgName),
        (F::Name, true) => Some(Target::MemberName),
        (F::Parent, _) => Some(Target::Parent),
        (F::Category, _) => Some(Target::Category),
        (F::Founded, _) => Some(Target::Founded),
        (F::Birth, _) => Some(Target::Birth),
        (F::Joined, _) => Some(Target::Joined),
        (F::Branch, _) => Some(Target::Branch),
        (F::Record, _) => None,
    }
}

/// Where a row of an organisations file goes: its parent, its id, the stored record it matches.
type Placed = (Option<String>, String, Option<Org>);

struct OrgRow {
    row: usize,
    /// A value of the row is wrong: it still names a parent for other rows, but is not planned.
    bad: bool,
    name: String,
    kind: OrgKind,
    kind_given: bool,
    parent: String,
    category: Option<Option<Category>>,
    secretary: Option<String>,
    contact: Option<String>,
    founded: Option<Option<Date>>,
}

fn plan_orgs(
    sheet: &Sheet,
    mapping: &Mapping,
    orgs: &[Org],
    today: Date,
    new_id: &mut dyn FnMut() -> String,
    errors: &mut Vec<RowError>,
) -> Vec<OrgChange> {
    let mut parsed: Vec<OrgRow> = Vec::new();
    for row in &sheet.rows {
        let errors_before = errors.len();
        let mut cells = Cells { row, mapping, errors };
        let name = cells.required_text(Target::OrgName);
        let kind_text = cells.text(Target::OrgKind).unwrap_or_default();
        let kind = parse_kind(&kind_text).unwrap_or_else(|| {
            cells.report(Target::OrgKind, RowProblem::UnknownKind(kind_text.clone()));
            OrgKind::Branch
        });
        let parent = cells.text(Target::Parent).unwrap_or_default();
        // A row with neither level nor parent may name a stored top-level committee (updating
        // its secretary, say): that is not a branch missing its parent.
        let names_stored_top =
            kind_text.is_empty() && orgs.iter().any(|o| o.parent.is_none() && name_key(&o.name) == name_key(&name));
        if parent.is_empty() && kind != OrgKind::Committee && !names_stored_top {
            cells.report(Target::Parent, RowProblem::Required);
        }
        let category = cells.optional(Target::Category, |v| parse_category(&v.text()), RowProblem::UnknownCategory);
        let founded = cells.optional(Target::Founded, parse_date, RowProblem::BadDate);
        let (secretary, contact) = (cells.text(Target::Secretary), cells.text(Target::Contact));
        if name.is_empty() {
            continue;
        }
        parsed.push(OrgRow {
            row: row.number,
            bad: errors.len() > errors_before,
            name,
            kind,
            kind_given: !kind_text.is_empty(),
            parent,
            category,
            secretary,
            contact,
            founded,
        });
    }

    // The same name under the same parent twice: the later rows are duplicates.
    let mut first: HashMap<(String, String), usize> = HashMap::new();
    parsed.retain(|r| match first.get(&(name_key(&r.parent), name_key(&r.name))) {
        Some(&row) => {
            errors.push(RowError { row: r.row, target: Some(Target::OrgName), problem: RowProblem::Duplicate(row) });
            false
        }
        None => {
            first.insert((name_key(&r.parent), name_key(&r.name)), r.row);
            true
        }
    });

    // Parents by name, among the stored organisations and the file's rows; a row waits while
    // a row of the file it may hang under is not placed yet.
    let mut placed: Vec<Option<Placed>> = vec![None; parsed.len()];
    let mut failed = vec![false; parsed.len()];
    loop {
        let mut progress = false;
        for i in 0..parsed.len() {
            if placed[i].is_some() || failed[i] {
                continue;
            }
            let r = &parsed[i];
            let parent = if r.parent.is_empty() {
                None
            } else {
                let key = name_key(&r.parent);
                let in_file: Vec<usize> =
                    (0..parsed.len()).filter(|&j| j != i && name_key(&parsed[j].name) == key).collect();
                if in_file.iter().any(|&j| placed[j].is_none() && !failed[j]) {
                    continue;
                }
                let mut ids: Vec<String> =
                    orgs.iter().filter(|o| !o.archived && name_key(&o.name) == key).map(|o| o.id.clone()).collect();
                ids.extend(in_file.iter().filter_map(|&j| placed[j].as_ref().map(|(_, id, _)| id.clone())));
                ids.sort();
                ids.dedup();
                match ids.len() {
                    1 => Some(ids.remove(0)),
                    0 => {
                        let archived = orgs.iter().any(|o| o.archived && name_key(&o.name) == key);
                        let problem = if archived {
                            RowProblem::ParentArchived(r.parent.clone())
                        } else {
                            RowProblem::UnknownParent(r.parent.clone())
                        };
                        errors.push(RowError { row: r.row, target: Some(Target::Parent), problem });
                        failed[i] = true;
                        progress = true;
                        continue;
                    }
                    _ => {
                        errors.push(RowError {
                            row: r.row,
                            target: Some(Target::Parent),
                            problem: RowProblem::AmbiguousParent(r.parent.clone()),
                        });
                        failed[i] = true;
                        progress = true;
                        continue;
                    }
                }
            };
            let key = name_key(&r.name);
            let existing = orgs.iter().find(|o| o.parent == parent && name_key(&o.name) == key);
            let (id, before) = match existing {
                Some(o) if o.archived => {
                    errors.push(RowError {
                        row: r.row,
                        target: Some(Target::OrgName),
                        problem: RowProblem::OrgArchived,
                    });
                    failed[i] = true;
                    progress = true;
                    continue;
                }
                Some(o) => (o.id.clone(), Some(o.clone())),
                None => (new_id(), None),
            };
            placed[i] = Some((parent, id, before));
            progress = true;
        }
        if !progress {
            break;
        }
    }
    for (i, r) in parsed.iter().enumerate() {
        if placed[i].is_none() && !failed[i] {
            // Rows of the file that hang under one another in a circle.
            errors.push(RowError {
                row: r.row,
                target: Some(Target::Parent),
                problem: RowProblem::Rule(org::Problem::CycleInTree),
            });
        }
    }

    // The records as they will be, then each checked by the registry's rules against the
    // registry as it will be.
    let mut changes: Vec<OrgChange> = Vec::new();
    for (i, r) in parsed.iter().enumerate() {
        let Some((parent, id, before)) = placed[i].clone() else { continue };
        if r.bad {
            continue;
        }
        if let Some(b) = &before {
            if r.kind_given && b.kind != r.kind {
                errors.push(RowError {
                    row: r.row,
                    target: Some(Target::OrgKind),
                    problem: RowProblem::KindMismatch(b.kind),
                });
                continue;
            }
        }
        let base = before.clone().unwrap_or(Org {
            id: id.clone(),
            parent: parent.clone(),
            kind: r.kind,
            name: r.name.trim().to_string(),
            category: None,
            secretary: String::new(),
            contact: String::new(),
            founded: None,
            archived: false,
        });
        let after = Org {
            category: r.category.unwrap_or(base.category),
            secretary: r.secretary.clone().unwrap_or(base.secretary.clone()),
            contact: r.contact.clone().unwrap_or(base.contact.clone()),
            founded: r.founded.unwrap_or(base.founded),
            ..base
        };
        let action = match &before {
            None => Action::Create,
            Some(_) => Action::Update,
        };
        changes.push(OrgChange { row: r.row, action, before, after });
    }
    let mut projected: Vec<Org> = orgs
        .iter()
        .filter(|o| !changes.iter().any(|c| c.before.as_ref().is_some_and(|b| b.id == o.id)))
        .cloned()
        .collect();
    projected.extend(changes.iter().map(|c| c.after.clone()));
    let mut checked = Vec::with_capacity(changes.len());
    for mut change in changes {
        match org::validate_org(change.after.clone(), &projected, today) {
            Ok(org) => {
                if change.before.as_ref() == Some(&org) {
                    change.action = Action::Unchanged;
                }
                change.after = org;
                checked.push(change);
            }
            Err(problems) => errors.extend(problems.into_iter().map(|p| RowError {
                row: change.row,
                target: org_target(p.field, false),
                problem: RowProblem::Rule(p.problem),
            })),
        }
    }
    checked
}

/// The one open branch a member's row names, or why there is none.
fn find_branch(orgs: &[Org], name: &str) -> Result<String, RowProblem> {
    let key = name_key(name);
    let named: Vec<&Org> = orgs.iter().filter(|o| o.kind == OrgKind::Branch && name_key(&o.name) == key).collect();
    let open: Vec<&&Org> = named.iter().filter(|o| !o.archived).collect();
    match (open.len(), named.len()) {
        (1, _) => Ok(open[0].id.clone()),
        (0, 0) => Err(RowProblem::UnknownBranch(name.to_string())),
        (0, _) => Err(RowProblem::BranchArchived(name.to_string())),
        _ => Err(RowProblem::AmbiguousBranch(name.to_string())),
    }
}

fn plan_members(
    sheet: &Sheet,
    mapping: &Mapping,
    orgs: &[Org],
    members: &[Member],
    today: Date,
    new_id: &mut dyn FnMut() -> String,
    errors: &mut Vec<RowError>,
) -> Vec<MemberChange> {
    let mut first: HashMap<(String, String, Date), usize> = HashMap::new();
    let mut changes = Vec::new();
    for row in &sheet.rows {
        let before_count = errors.len();
        let mut cells = Cells { row, mapping, errors };
        let name = cells.required_text(Target::MemberName);
        let branch_name = cells.required_text(Target::Branch);
        let branch = if branch_name.is_empty() {
            None
        } else {
            match find_branch(orgs, &branch_name) {
                Ok(id) => Some(id),
                Err(problem) => {
                    cells.report(Target::Branch, problem);
                    None
                }
            }
        };
        let gender = cells.required(Target::Gender, |v| parse_gender(&v.text()), RowProblem::UnknownGender);
        let birth = cells.required(Target::Birth, parse_date, RowProblem::BadDate);
        let joined = cells.required(Target::Joined, parse_date, RowProblem::BadDate);
        let status = cells.optional(Target::Status, |v| parse_status(&v.text()), RowProblem::UnknownStatus);
        let position = cells.text(Target::Position);
        if errors.len() > before_count {
            continue;
        }
        let (Some(branch), Some(gender), Some(birth), Some(joined)) = (branch, gender, birth, joined) else { continue };
        let key = (branch.clone(), name_key(&name), birth);
        if let Some(&first_row) = first.get(&key) {
            errors.push(RowError {
                row: row.number,
                target: Some(Target::MemberName),
                problem: RowProblem::Duplicate(first_row),
            });
            continue;
        }
        first.insert(key, row.number);
        let before = members
            .iter()
            .find(|m| m.branch == branch && m.birth == birth && name_key(&m.name) == name_key(&name))
            .cloned();
        let after = Member {
            id: before.as_ref().map_or_else(&mut *new_id, |b| b.id.clone()),
            branch,
            name: before.as_ref().map_or_else(|| name.clone(), |b| b.name.clone()),
            gender,
            birth,
            joined,
            position: position.or_else(|| before.as_ref().map(|b| b.position.clone())).unwrap_or_default(),
            status: status.flatten().or(before.as_ref().map(|b| b.status)).unwrap_or(MemberStatus::Full),
        };
        match org::validate_member(after, orgs, today) {
            Ok(after) => {
                let action = match &before {
                    None => Action::Create,
                    Some(b) if *b == after => Action::Unchanged,
                    Some(_) => Action::Update,
                };
                changes.push(MemberChange { row: row.number, action, before, after });
            }
            Err(problems) => errors.extend(problems.into_iter().map(|p| RowError {
                row: row.number,
                target: org_target(p.field, true),
                problem: RowProblem::Rule(p.problem),
            })),
        }
    }
    changes
}
