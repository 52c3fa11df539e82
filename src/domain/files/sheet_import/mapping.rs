//! Mapping a file's columns onto the model's fields, proposed from the header names (zh-CN,
//! zh-TW, English) and checked; the loose parsers of the values a cell may hold.

use std::collections::{BTreeMap, HashMap};

use super::{ImportKind, Target};
use crate::domain::org::{name_key, Gender, MemberStatus, OrgKind};
use crate::domain::values::category::Category;

/// A header compared loosely: trimmed, lower case, without white space, asterisks (a "required"
/// mark) and a trailing colon.
pub fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '\u{FF0A}' | ':' | '\u{FF1A}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column (0-based) fills which field; a field absent is not imported.
pub type Mapping = BTreeMap<Target, usize>;

/// The mapping proposed from the header names: each field takes the first column whose header
/// is one of its [`Target::aliases`], a column serving one field only.
pub fn auto_map(kind: ImportKind, headers: &[String]) -> Mapping {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let mut mapping = Mapping::new();
    let mut used = vec![false; headers.len()];
    for &target in kind.targets() {
        let aliases: Vec<String> = target.aliases().iter().map(|a| header_key(a)).collect();
        // The most specific alias first, so "党支部" goes to the member's branch, not its name.
        let found = aliases.iter().find_map(|alias| keys.iter().enumerate().position(|(i, k)| !used[i] && k == alias));
        if let Some(col) = found {
            used[col] = true;
            mapping.insert(target, col);
        }
    }
    mapping
}

/// What is wrong with a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingProblem {
    /// A required field has no column.
    Missing(Target),
    /// One column chosen for two fields.
    ColumnTwice(usize),
    /// A column beyond the header.
    NoSuchColumn(Target),
}

/// Every problem of a mapping for a file with `width` header columns.
pub fn check_mapping(kind: ImportKind, mapping: &Mapping, width: usize) -> Vec<MappingProblem> {
    let mut problems: Vec<MappingProblem> = kind
        .targets()
        .iter()
        .filter(|t| t.required() && !mapping.contains_key(t))
        .map(|&t| MappingProblem::Missing(t))
        .collect();
    let mut seen = HashMap::new();
    for (&target, &col) in mapping {
        if !kind.targets().contains(&target) {
            continue;
        }
        if col >= width {
            problems.push(MappingProblem::NoSuchColumn(target));
        } else if seen.insert(col, target).is_some() && !problems.contains(&MappingProblem::ColumnTwice(col)) {
            problems.push(MappingProblem::ColumnTwice(col));
        }
    }
    problems
}

// ── values ──────────────────────────────────────────────────────────────────────────────────

fn value_key(text: &str) -> String {
    name_key(text).replace(['_', '-'], " ")
}

/// An org level from its name in any UI language or its code; empty is a branch.
pub fn parse_kind(text: &str) -> Option<OrgKind> {
    let key = value_key(text);
    let table: [(OrgKind, &[&str]); 4] = [
        (OrgKind::Committee, &["党委", "黨委", "party committee", "committee"]),
        (OrgKind::GeneralBranch, &["党总支", "黨總支", "总支", "總支", "general branch"]),
        (OrgKind::Branch, &["", "党支部", "黨支部", "支部", "party branch", "branch"]),
        (OrgKind::Group, &["党小组", "黨小組", "小组", "小組", "party group", "group"]),
    ];
    table.into_iter().find(|(_, names)| names.contains(&key.as_str())).map(|(kind, _)| kind)
}

/// A branch category from its name in any UI language (with or without 类) or its code.
pub fn parse_category(text: &str) -> Option<Category> {
    let key = value_key(text);
    let table: [(Category, &[&str]); 5] = [
        (Category::Production, &["生产类", "生產類", "生产", "生產", "production"]),
        (Category::Auxiliary, &["辅助类", "輔助類", "辅助", "輔助", "auxiliary"]),
        (Category::Administration, &["综合管理类", "綜合管理類", "综合管理", "綜合管理", "administration"]),
        (Category::Market, &["市场经营类", "市場經營類", "市场经营", "市場經營", "market operations", "market"]),
        (
            Category::NonPublic,
            &["非公改制类", "非公改制類", "非公改制", "non public / restructured", "non public", "restructured"],
        ),
    ];
    table.into_iter().find(|(_, names)| names.contains(&key.as_str())).map(|(c, _)| c)
}

/// A gender: 男/女, male/female, M/F.
pub fn parse_gender(text: &str) -> Option<Gender> {
    match value_key(text).as_str() {
        "男" | "male" | "m" => Some(Gender::Male),
        "女" | "female" | "f" => Some(Gender::Female),
        _ => None,
    }
}

/// A membership status from its name in any UI language (short forms too) or its code.
pub fn parse_status(text: &str) -> Option<MemberStatus> {
    let key = value_key(text);
    let table: [(MemberStatus, &[&str]); 4] = [
        (MemberStatus::Full, &["正式党员", "正式黨員", "正式", "full member", "full"]),
        (MemberStatus::Probationary, &["预备党员", "預備黨員", "预备", "預備", "probationary member", "probationary"]),
        (MemberStatus::Mobile, &["流动党员", "流動黨員", "流动", "流動", "mobile member", "mobile"]),
        (MemberStatus::TransferredOut, &["已转出", "已轉出", "转出", "轉出", "transferred out"]),
    ];
    table.into_iter().find(|(_, names)| names.contains(&key.as_str())).map(|(s, _)| s)
}
