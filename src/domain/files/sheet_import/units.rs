//! The units sheet (docs/FORMAT.md §13): the 两新 unit registry from and to a spreadsheet, over
//! the same reading, mapping and row problems as the branch and member sheets.
//!
//! A row is the stored unit with the same unified social credit code (normal form), else a new
//! unit. A mapped cell replaces the stored value and an empty one clears it to the field's empty
//! value (no text, 0, 否, 经营中, 未覆盖); an unmapped column keeps the stored value. Each row is
//! checked by `unit::validate_unit` against the registry as it will be, then every formation by
//! `formation::validate_formations` over that registry — a joint branch that only one unit names
//! comes back as a warning, as the unit form allows it while a joint branch is entered.

use std::collections::HashMap;

use super::{Action, Cells, Plan, RowError, RowProblem, Sheet, Stored, Target, Value};
use crate::domain::org::{name_key, Org};
use crate::domain::units::credit_code;
use crate::domain::units::draft::StageChoice;
use crate::domain::units::formation::{self, Formation, FormationKind, FormationProblem, ModelLevel, Stage};
use crate::domain::units::unit::{self, BusinessStatus, MassOrgs, SubType, Unit, UnitField, UnitKind, UnitProblem};
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;

/// A column of the units sheet, in template and export order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitColumn {
    /// 单位名称
    Name,
    /// 统一社会信用代码 (the matching key)
    CreditCode,
    /// 类型: optional, checked against the sub-type.
    Kind,
    /// 细分类型
    SubType,
    /// 行业
    Industry,
    /// 属地
    Area,
    /// 从业人员
    Employees,
    /// 规模以上 (是/否)
    AboveScale,
    /// 经营状态
    Status,
    /// 状态日期
    StatusDate,
    /// 业务主管单位
    Supervisor,
    /// 党员人数
    PartyMembers,
    /// 其中正式党员
    FullMembers,
    /// 组织关系在本单位
    MembershipHere,
    /// 工会 (是/否)
    TradeUnion,
    /// 共青团 (是/否)
    YouthLeague,
    /// 妇联 (是/否)
    WomensFederation,
    /// 成立日期
    Registered,
    /// 组建方式
    Formation,
    /// 党组织, by name
    FormationOrg,
    /// 党建指导员
    Instructor,
    /// 组建日期
    FormedOn,
    /// 工作阶段
    Stage,
    /// 示范点级别
    ModelLevel,
    /// 命名年份
    ModelYear,
}

impl UnitColumn {
    /// Every column, in template and export order.
    pub const ALL: [UnitColumn; 25] = [
        UnitColumn::Name,
        UnitColumn::CreditCode,
        UnitColumn::Kind,
        UnitColumn::SubType,
        UnitColumn::Industry,
        UnitColumn::Area,
        UnitColumn::Employees,
        UnitColumn::AboveScale,
        UnitColumn::Status,
        UnitColumn::StatusDate,
        UnitColumn::Supervisor,
        UnitColumn::PartyMembers,
        UnitColumn::FullMembers,
        UnitColumn::MembershipHere,
        UnitColumn::TradeUnion,
        UnitColumn::YouthLeague,
        UnitColumn::WomensFederation,
        UnitColumn::Registered,
        UnitColumn::Formation,
        UnitColumn::FormationOrg,
        UnitColumn::Instructor,
        UnitColumn::FormedOn,
        UnitColumn::Stage,
        UnitColumn::ModelLevel,
        UnitColumn::ModelYear,
    ];

    /// Whether a file must have this column: the matching key and what a unit cannot be without.
    pub fn required(self) -> bool {
        matches!(self, UnitColumn::Name | UnitColumn::CreditCode | UnitColumn::SubType | UnitColumn::Registered)
    }

    /// Stable code (test ids, select names).
    pub fn code(self) -> &'static str {
        match self {
            UnitColumn::Name => "unit_name",
            UnitColumn::CreditCode => "credit_code",
            UnitColumn::Kind => "unit_kind",
            UnitColumn::SubType => "sub_type",
            UnitColumn::Industry => "industry",
            UnitColumn::Area => "area",
            UnitColumn::Employees => "employees",
            UnitColumn::AboveScale => "above_scale",
            UnitColumn::Status => "unit_status",
            UnitColumn::StatusDate => "status_date",
            UnitColumn::Supervisor => "supervisor",
            UnitColumn::PartyMembers => "party_members",
            UnitColumn::FullMembers => "full_members",
            UnitColumn::MembershipHere => "membership_here",
            UnitColumn::TradeUnion => "trade_union",
            UnitColumn::YouthLeague => "youth_league",
            UnitColumn::WomensFederation => "womens_federation",
            UnitColumn::Registered => "registered",
            UnitColumn::Formation => "formation",
            UnitColumn::FormationOrg => "formation_org",
            UnitColumn::Instructor => "instructor",
            UnitColumn::FormedOn => "formed_on",
            UnitColumn::Stage => "stage",
            UnitColumn::ModelLevel => "model_level",
            UnitColumn::ModelYear => "model_year",
        }
    }

    /// Header names recognised (through `header_key`): the template's headers in zh-CN, zh-TW
    /// and English first, then the usual variants.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            UnitColumn::Name => &["单位名称", "單位名稱", "Unit name", "名称", "名稱", "企业名称", "企業名稱", "Name"],
            UnitColumn::CreditCode => &[
                "统一社会信用代码",
                "統一社會信用代碼",
                "Unified social credit code",
                "信用代码",
                "信用代碼",
                "Credit code",
            ],
            UnitColumn::Kind => &["类型", "類型", "Type", "单位类型", "單位類型", "Kind"],
            UnitColumn::SubType => &["细分类型", "細分類型", "Sub-type", "Subtype", "Sub type"],
            UnitColumn::Industry => &["行业", "行業", "Industry", "所属行业", "所屬行業"],
            UnitColumn::Area => &[
                "属地（街道/乡镇）",
                "屬地（街道/鄉鎮）",
                "Area (street or township)",
                "属地",
                "屬地",
                "Area",
                "街道/乡镇",
                "街道/鄉鎮",
            ],
            UnitColumn::Employees => &["从业人员", "從業人員", "Employees", "职工人数", "職工人數", "员工人数"],
            UnitColumn::AboveScale => &["规模以上", "規模以上", "Above designated size", "Above scale"],
            UnitColumn::Status => &["经营状态", "經營狀態", "Business status", "状态", "狀態", "Status"],
            UnitColumn::StatusDate => &["状态日期", "狀態日期", "Status since", "Status date"],
            UnitColumn::Supervisor => &["业务主管单位", "業務主管單位", "Supervising unit", "Supervisor"],
            UnitColumn::PartyMembers => &["党员人数", "黨員人數", "Party members", "党员", "黨員"],
            UnitColumn::FullMembers => {
                &["其中正式党员", "其中正式黨員", "of whom full members", "正式党员", "正式黨員", "Full members"]
            }
            UnitColumn::MembershipHere => {
                &["组织关系在本单位", "組織關係在本單位", "Membership held here", "Membership here"]
            }
            UnitColumn::TradeUnion => &["工会", "工會", "Trade union"],
            UnitColumn::YouthLeague => &["共青团", "共青團", "Youth League"],
            UnitColumn::WomensFederation => &["妇联", "婦聯", "Women's federation", "Womens federation"],
            UnitColumn::Registered => {
                &["成立日期", "成立日期", "Registered on", "登记日期", "登記日期", "Registered", "Registration date"]
            }
            UnitColumn::Formation => &["组建方式", "組建方式", "Formation", "Formation mode"],
            UnitColumn::FormationOrg => {
                &["党组织", "黨組織", "Party organisation", "Party organization", "Organisation"]
            }
            UnitColumn::Instructor => {
                &["党建指导员", "黨建指導員", "Party-building instructor", "指导员", "指導員", "Instructor"]
            }
            UnitColumn::FormedOn => &["组建日期", "組建日期", "Formed on", "Formation date"],
            UnitColumn::Stage => &["工作阶段", "工作階段", "Stage"],
            UnitColumn::ModelLevel => &["示范点级别", "示範點級別", "Model-site level", "Model site level"],
            UnitColumn::ModelYear => &["命名年份", "命名年份", "Year named", "Model-site year"],
        }
    }
}

/// The targets of a units file, in template order.
pub(super) const UNIT_TARGETS: [Target; 25] = {
    let mut targets = [Target::Unit(UnitColumn::Name); 25];
    let mut i = 0;
    while i < 25 {
        targets[i] = Target::Unit(UnitColumn::ALL[i]);
        i += 1;
    }
    targets
};

/// What is wrong with a cell or a row of a units file, beyond the problems every sheet shares.
/// Units and orgs are named by name, as the file knows them, not by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitRowProblem {
    /// Not 0 or a whole number (the text as found).
    BadCount(String),
    /// Not 是/否 (the text as found).
    BadYesNo(String),
    /// Not a value the column takes (the column and the text as found).
    Unknown(UnitColumn, String),
    /// The sub-type is not of the kind given.
    KindMismatch {
        /// The sub-type given.
        sub_type: SubType,
        /// The kind given.
        kind: UnitKind,
    },
    /// No Party organisation of this name.
    UnknownOrg(String),
    /// The organisation of this name is archived (dissolved).
    OrgArchived(String),
    /// Several open organisations have this name.
    AmbiguousOrg(String),
    /// A rule of the unit record (`unit::validate_unit`), units named by name.
    Rule(UnitProblem),
    /// A formation rule over the registry as it will be (`formation::validate_formations`),
    /// units and orgs named by name.
    Formation(FormationProblem),
}

fn value_key(text: &str) -> String {
    name_key(text).replace(['_', '-'], " ")
}

fn find<T: Copy>(table: &[(T, &[&str])], text: &str, code: impl Fn(T) -> &'static str) -> Option<T> {
    let key = value_key(text);
    table
        .iter()
        .find(|(v, names)| names.iter().any(|n| value_key(n) == key) || value_key(code(*v)) == key)
        .map(|(v, _)| *v)
}

/// A kind from its name in any UI language or its code.
pub fn parse_unit_kind(text: &str) -> Option<UnitKind> {
    let table: [(UnitKind, &[&str]); 3] = [
        (UnitKind::Enterprise, &["非公企业", "非公企業", "Non-public enterprise", "企业", "企業", "Enterprise"]),
        (UnitKind::SocialOrg, &["社会组织", "社會組織", "Social organisation", "Social organization"]),
        (UnitKind::Cooperative, &["专业合作社", "專業合作社", "Specialised cooperative", "合作社", "Cooperative"]),
    ];
    find(&table, text, UnitKind::code)
}

/// A sub-type from its name in any UI language or its code.
pub fn parse_sub_type(text: &str) -> Option<SubType> {
    let table: [(SubType, &[&str]); 10] = [
        (SubType::Private, &["私营企业", "私營企業", "Private enterprise", "私营", "私營"]),
        (
            SubType::ForeignFunded,
            &[
                "外资（三资）企业",
                "外資（三資）企業",
                "Foreign-funded enterprise",
                "外资企业",
                "外資企業",
                "三资企业",
                "三資企業",
                "外资",
                "外資",
            ],
        ),
        (SubType::Converted, &["转制企业", "轉制企業", "Converted enterprise", "转制", "轉制"]),
        (SubType::Building, &["商务楼宇", "商務樓宇", "Commercial building", "楼宇", "樓宇"]),
        (SubType::Market, &["专业市场", "專業市場", "Specialised market"]),
        (SubType::Academic, &["学术类社会组织", "學術類社會組織", "Academic society", "学术类", "學術類"]),
        (SubType::TradeAssociation, &["行业协会", "行業協會", "Trade association"]),
        (SubType::Fellowship, &["联谊类社会组织", "聯誼類社會組織", "Fellowship association", "联谊类", "聯誼類"]),
        (
            SubType::OtherSocial,
            &["其他社会组织", "其他社會組織", "Other social organisation", "Other social organization"],
        ),
        (SubType::FarmerHerder, &["农牧民专业合作社", "農牧民專業合作社", "Farmers' and herders' cooperative"]),
    ];
    find(&table, text, SubType::code)
}

/// A business status from its name in any UI language or its code.
pub fn parse_business_status(text: &str) -> Option<BusinessStatus> {
    let table: [(BusinessStatus, &[&str]); 5] = [
        (BusinessStatus::Operating, &["经营中", "經營中", "Operating", "正常", "在业", "存续"]),
        (BusinessStatus::Suspended, &["停业", "停業", "Suspended"]),
        (BusinessStatus::Bankrupt, &["破产", "破產", "Bankrupt"]),
        (BusinessStatus::Restructured, &["改制", "Restructured"]),
        (BusinessStatus::Deregistered, &["注销", "註銷", "Deregistered"]),
    ];
    find(&table, text, BusinessStatus::code)
}

/// A formation from its name in any UI language or its code; `Some(None)` is 未覆盖.
pub fn parse_formation(text: &str) -> Option<Option<FormationKind>> {
    let table: [(Option<FormationKind>, &[&str]); 5] = [
        (Some(FormationKind::Standalone), &["单独建", "單獨建", "Own branch", "单独组建", "單獨組建", "standalone"]),
        (Some(FormationKind::Joint), &["联合建", "聯合建", "Joint branch", "联合组建", "聯合組建", "joint"]),
        (Some(FormationKind::Attached), &["挂靠建", "掛靠建", "Attached group", "挂靠", "掛靠", "attached"]),
        (Some(FormationKind::Instructor), &["委派指导员", "委派指導員", "Instructor assigned", "instructor"]),
        (None, &["未覆盖", "未覆蓋", "Not covered", "none"]),
    ];
    let code = |f: Option<FormationKind>| f.map_or("none", FormationKind::code);
    find(&table, text, code)
}

/// A stage from its name in any UI language or its code.
pub fn parse_stage(text: &str) -> Option<StageChoice> {
    let table: [(StageChoice, &[&str]); 4] = [
        (StageChoice::NotFormed, &["未组建", "未組建", "Not formed"]),
        (StageChoice::Formed, &["已组建", "已組建", "Formed"]),
        (StageChoice::Standardised, &["已规范", "已規範", "Standardised", "Standardized"]),
        (StageChoice::ModelSite, &["示范点", "示範點", "Model site"]),
    ];
    find(&table, text, StageChoice::code)
}

/// A model-site level from its name in any UI language or its code.
pub fn parse_model_level(text: &str) -> Option<ModelLevel> {
    let table: [(ModelLevel, &[&str]); 3] = [
        (ModelLevel::County, &["旗县市区级", "旗縣市區級", "County level", "县级", "縣級", "区级", "區級"]),
        (ModelLevel::City, &["市级", "市級", "City level"]),
        (ModelLevel::Province, &["省级", "省級", "Provincial level", "自治区级", "自治區級", "Province"]),
    ];
    find(&table, text, ModelLevel::code)
}

/// 是/否 in any UI language, and the usual variants.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match value_key(text).as_str() {
        "是" | "有" | "yes" | "y" | "true" | "1" | "✓" | "√" => Some(true),
        "否" | "无" | "無" | "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// A count of people: 0 or a whole number (an XLSX number or digits).
pub fn parse_count(value: &Value) -> Option<u32> {
    match value {
        Value::Number(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n) => Some(*n as u32),
        Value::Number(_) => None,
        Value::Text(text) => text.trim().parse().ok(),
    }
}

/// One exported cell, as a value for the page to word in the UI language.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitCell {
    /// Text as stored.
    Text(String),
    /// A count.
    Count(u32),
    /// 是/否.
    YesNo(bool),
    /// A date, or nothing.
    Date(Option<Date>),
    /// The kind.
    Kind(UnitKind),
    /// The sub-type.
    SubType(SubType),
    /// The business status.
    Status(BusinessStatus),
    /// The formation; `None` is 未覆盖.
    Formation(Option<FormationKind>),
    /// The stage.
    Stage(StageChoice),
    /// A model site's level, else nothing.
    Level(Option<ModelLevel>),
    /// A model site's year, else nothing.
    Year(Option<i32>),
}

/// A unit's row of the export, in [`UnitColumn::ALL`] order; the formation's org by its name.
pub fn unit_cells(unit: &Unit, orgs: &[Org]) -> Vec<UnitCell> {
    let org_name = unit
        .formation
        .as_ref()
        .and_then(Formation::org)
        .map(|id| orgs.iter().find(|o| o.id == id).map_or_else(|| id.to_string(), |o| o.name.clone()))
        .unwrap_or_default();
    let instructor = match &unit.formation {
        Some(Formation::Instructor { name }) => name.clone(),
        _ => String::new(),
    };
    let (level, year) = match unit.stage {
        Stage::ModelSite { level, year } => (Some(level), Some(year.number())),
        _ => (None, None),
    };
    UnitColumn::ALL
        .iter()
        .map(|column| match column {
            UnitColumn::Name => UnitCell::Text(unit.name.clone()),
            UnitColumn::CreditCode => UnitCell::Text(unit.credit_code.clone()),
            UnitColumn::Kind => UnitCell::Kind(unit.kind()),
            UnitColumn::SubType => UnitCell::SubType(unit.sub_type),
            UnitColumn::Industry => UnitCell::Text(unit.industry.clone()),
            UnitColumn::Area => UnitCell::Text(unit.area.clone()),
            UnitColumn::Employees => UnitCell::Count(unit.employees),
            UnitColumn::AboveScale => UnitCell::YesNo(unit.above_scale),
            UnitColumn::Status => UnitCell::Status(unit.status),
            UnitColumn::StatusDate => UnitCell::Date(unit.status_date),
            UnitColumn::Supervisor => UnitCell::Text(unit.supervisor.clone()),
            UnitColumn::PartyMembers => UnitCell::Count(unit.party_members),
            UnitColumn::FullMembers => UnitCell::Count(unit.full_members),
            UnitColumn::MembershipHere => UnitCell::Count(unit.membership_here),
            UnitColumn::TradeUnion => UnitCell::YesNo(unit.mass_orgs.trade_union),
            UnitColumn::YouthLeague => UnitCell::YesNo(unit.mass_orgs.youth_league),
            UnitColumn::WomensFederation => UnitCell::YesNo(unit.mass_orgs.womens_federation),
            UnitColumn::Registered => UnitCell::Date(Some(unit.registered)),
            UnitColumn::Formation => UnitCell::Formation(unit.formation.as_ref().map(Formation::kind)),
            UnitColumn::FormationOrg => UnitCell::Text(org_name.clone()),
            UnitColumn::Instructor => UnitCell::Text(instructor.clone()),
            UnitColumn::FormedOn => UnitCell::Date(unit.formed_on),
            UnitColumn::Stage => UnitCell::Stage(StageChoice::of(unit.stage)),
            UnitColumn::ModelLevel => UnitCell::Level(level),
            UnitColumn::ModelYear => UnitCell::Year(year),
        })
        .collect()
}

/// The units in export order: by area, then name.
pub fn export_order(units: &[Unit]) -> Vec<&Unit> {
    let mut sorted: Vec<&Unit> = units.iter().collect();
    sorted.sort_by(|a, b| (&a.area, &a.name, &a.id).cmp(&(&b.area, &b.name, &b.id)));
    sorted
}

/// One unit of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitChange {
    /// Spreadsheet row.
    pub row: usize,
    /// Create, update or unchanged.
    pub action: Action,
    /// The stored record, for an update or unchanged.
    pub before: Option<Unit>,
    /// The record as it will be.
    pub after: Unit,
}

fn column(c: UnitColumn) -> Target {
    Target::Unit(c)
}

fn report(errors: &mut Vec<RowError>, row: usize, c: UnitColumn, problem: UnitRowProblem) {
    errors.push(RowError { row, target: Some(column(c)), problem: RowProblem::Unit(problem) });
}

/// The one open org a row names, by name, or why there is none.
fn find_org(orgs: &[Org], name: &str) -> Result<String, UnitRowProblem> {
    let key = name_key(name);
    let named: Vec<&Org> = orgs.iter().filter(|o| name_key(&o.name) == key).collect();
    let open: Vec<&&Org> = named.iter().filter(|o| !o.archived).collect();
    match (open.len(), named.len()) {
        (1, _) => Ok(open[0].id.clone()),
        (0, 0) => Err(UnitRowProblem::UnknownOrg(name.to_string())),
        (0, _) => Err(UnitRowProblem::OrgArchived(name.to_string())),
        _ => Err(UnitRowProblem::AmbiguousOrg(name.to_string())),
    }
}

/// The column a problem of `validate_unit` belongs to, given the row's formation.
fn column_of(field: UnitField, formation: Option<FormationKind>, problem: &UnitProblem) -> UnitColumn {
    match field {
        UnitField::Name => UnitColumn::Name,
        UnitField::Employees => UnitColumn::Employees,
        UnitField::PartyMembers => UnitColumn::PartyMembers,
        UnitField::CreditCode => UnitColumn::CreditCode,
        UnitField::Industry => UnitColumn::Industry,
        UnitField::Area => UnitColumn::Area,
        UnitField::Supervisor => UnitColumn::Supervisor,
        UnitField::StatusDate => UnitColumn::StatusDate,
        UnitField::Registered => UnitColumn::Registered,
        UnitField::FullMembers => UnitColumn::FullMembers,
        UnitField::MembershipHere => UnitColumn::MembershipHere,
        UnitField::Formation if formation == Some(FormationKind::Instructor) => UnitColumn::Instructor,
        UnitField::Formation => UnitColumn::FormationOrg,
        UnitField::FormedOn => UnitColumn::FormedOn,
        UnitField::Stage if matches!(problem, UnitProblem::InFuture(_)) => UnitColumn::ModelYear,
        UnitField::Stage => UnitColumn::Stage,
    }
}

/// Ids in a problem replaced by names, so the page can word it without the plan.
fn named(problem: FormationProblem, name: &dyn Fn(&str) -> String) -> FormationProblem {
    let all = |ids: Vec<String>| ids.iter().map(|id| name(id)).collect();
    match problem {
        FormationProblem::TooFewForStandalone { unit, full } => {
            FormationProblem::TooFewForStandalone { unit: name(&unit), full }
        }
        FormationProblem::JointTooFewUnits { org, units } => {
            FormationProblem::JointTooFewUnits { org: name(&org), units: all(units) }
        }
        FormationProblem::StandaloneShared { org, units } => {
            FormationProblem::StandaloneShared { org: name(&org), units: all(units) }
        }
        FormationProblem::OrgMissing { unit, org } => {
            FormationProblem::OrgMissing { unit: name(&unit), org: name(&org) }
        }
        FormationProblem::OrgWrongKind { unit, org, found } => {
            FormationProblem::OrgWrongKind { unit: name(&unit), org: name(&org), found }
        }
    }
}

/// Reads one row into the unit it says (over `base`, the stored unit or a new one), reporting
/// every unreadable cell. `None` when a cell could not be read.
fn read_row(cells: &mut Cells<'_>, base: &Unit, orgs: &[Org]) -> Option<Unit> {
    let errors_before = cells.errors.len();
    let row = cells.row.number;
    let c = |col: UnitColumn| Target::Unit(col);
    let text =
        |cells: &Cells<'_>, col: UnitColumn, stored: &str| cells.text(c(col)).unwrap_or_else(|| stored.to_string());
    let name = cells.required_text(c(UnitColumn::Name));
    let credit_code = cells.required_text(c(UnitColumn::CreditCode));

    let kind = cells.optional(
        c(UnitColumn::Kind),
        |v| parse_unit_kind(&v.text()),
        |t| RowProblem::Unit(UnitRowProblem::Unknown(UnitColumn::Kind, t)),
    );
    let sub_type = cells.required(
        c(UnitColumn::SubType),
        |v| parse_sub_type(&v.text()),
        |t| RowProblem::Unit(UnitRowProblem::Unknown(UnitColumn::SubType, t)),
    );
    if let (Some(Some(kind)), Some(sub_type)) = (kind, sub_type) {
        if sub_type.kind() != kind {
            report(cells.errors, row, UnitColumn::SubType, UnitRowProblem::KindMismatch { sub_type, kind });
        }
    }

    let count = |cells: &mut Cells<'_>, col: UnitColumn, stored: u32| -> u32 {
        cells
            .optional(c(col), parse_count, |t| RowProblem::Unit(UnitRowProblem::BadCount(t)))
            .map_or(stored, |v| v.unwrap_or(0))
    };
    let yes_no = |cells: &mut Cells<'_>, col: UnitColumn, stored: bool| -> bool {
        cells
            .optional(c(col), |v| parse_yes_no(&v.text()), |t| RowProblem::Unit(UnitRowProblem::BadYesNo(t)))
            .map_or(stored, |v| v.unwrap_or(false))
    };
    let date = |cells: &mut Cells<'_>, col: UnitColumn, stored: Option<Date>| -> Option<Date> {
        cells.optional(c(col), super::parse_date, RowProblem::BadDate).unwrap_or(stored)
    };

    let employees = count(cells, UnitColumn::Employees, base.employees);
    let above_scale = yes_no(cells, UnitColumn::AboveScale, base.above_scale);
    let status = cells
        .optional(
            c(UnitColumn::Status),
            |v| parse_business_status(&v.text()),
            |t| RowProblem::Unit(UnitRowProblem::Unknown(UnitColumn::Status, t)),
        )
        .map_or(base.status, |v| v.unwrap_or(BusinessStatus::Operating));
    let status_date = date(cells, UnitColumn::StatusDate, base.status_date);
    let party_members = count(cells, UnitColumn::PartyMembers, base.party_members);
    let full_members = count(cells, UnitColumn::FullMembers, base.full_members);
    let membership_here = count(cells, UnitColumn::MembershipHere, base.membership_here);
    let mass_orgs = MassOrgs {
        trade_union: yes_no(cells, UnitColumn::TradeUnion, base.mass_orgs.trade_union),
        youth_league: yes_no(cells, UnitColumn::YouthLeague, base.mass_orgs.youth_league),
        womens_federation: yes_no(cells, UnitColumn::WomensFederation, base.mass_orgs.womens_federation),
    };
    let registered = cells.required(c(UnitColumn::Registered), super::parse_date, RowProblem::BadDate);
    let formed_on = date(cells, UnitColumn::FormedOn, base.formed_on);

    // The formation: its mode, then the org or the instructor it needs.
    let stored_kind = base.formation.as_ref().map(Formation::kind);
    let mode = cells
        .optional(
            c(UnitColumn::Formation),
            |v| parse_formation(&v.text()),
            |t| RowProblem::Unit(UnitRowProblem::Unknown(UnitColumn::Formation, t)),
        )
        .map_or(Some(stored_kind), |v| Some(v.flatten()));
    let stored_org = base.formation.as_ref().and_then(Formation::org).unwrap_or_default().to_string();
    let stored_instructor = match &base.formation {
        Some(Formation::Instructor { name }) => name.clone(),
        _ => String::new(),
    };
    let org_name = cells.text(c(UnitColumn::FormationOrg));
    let instructor = text(cells, UnitColumn::Instructor, &stored_instructor);
    let mut formation = None;
    match mode {
        None => {}
        Some(None) => {
            let named_something = org_name.as_deref().is_some_and(|n| !n.is_empty()) || !instructor.is_empty();
            if named_something && cells.get(c(UnitColumn::Formation)).is_some() {
                cells.report(c(UnitColumn::Formation), RowProblem::Required);
            }
        }
        Some(Some(FormationKind::Instructor)) => formation = Some(Formation::Instructor { name: instructor }),
        Some(Some(kind)) => {
            let org = match org_name {
                None => stored_org,
                Some(n) if n.is_empty() => String::new(),
                Some(n) => match find_org(orgs, &n) {
                    Ok(id) => id,
                    Err(problem) => {
                        report(cells.errors, row, UnitColumn::FormationOrg, problem);
                        String::new()
                    }
                },
            };
            formation = Some(match kind {
                FormationKind::Standalone => Formation::Standalone { org },
                FormationKind::Joint => Formation::Joint { org },
                _ => Formation::Attached { org },
            });
        }
    }

    // The stage: empty is 未组建, or 已组建 when an organisation covers the unit.
    let covered = formation.as_ref().is_some_and(|f| f.org().is_some());
    let choice = match cells.get(c(UnitColumn::Stage)) {
        None => Some(StageChoice::of(base.stage)),
        Some(v) if v.is_blank() => Some(if covered { StageChoice::Formed } else { StageChoice::NotFormed }),
        Some(v) => {
            let parsed = parse_stage(&v.text());
            if parsed.is_none() {
                report(cells.errors, row, UnitColumn::Stage, UnitRowProblem::Unknown(UnitColumn::Stage, v.text()));
            }
            parsed
        }
    };
    let stage = match choice {
        None => base.stage,
        Some(StageChoice::NotFormed) => Stage::NotFormed,
        Some(StageChoice::Formed) => Stage::Formed,
        Some(StageChoice::Standardised) => Stage::Standardised,
        Some(StageChoice::ModelSite) => {
            let (stored_level, stored_year) = match base.stage {
                Stage::ModelSite { level, year } => (Some(level), Some(year)),
                _ => (None, None),
            };
            let level = match cells.get(c(UnitColumn::ModelLevel)) {
                None => stored_level,
                Some(v) if v.is_blank() => {
                    cells.report(c(UnitColumn::ModelLevel), RowProblem::Required);
                    None
                }
                Some(v) => {
                    let level = parse_model_level(&v.text());
                    if level.is_none() {
                        let problem = UnitRowProblem::Unknown(UnitColumn::ModelLevel, v.text());
                        report(cells.errors, row, UnitColumn::ModelLevel, problem);
                    }
                    level
                }
            };
            let year = match cells.get(c(UnitColumn::ModelYear)) {
                None => stored_year,
                Some(v) if v.is_blank() => {
                    cells.report(c(UnitColumn::ModelYear), RowProblem::Required);
                    None
                }
                Some(v) => {
                    let year = parse_count(&v)
                        .and_then(|n| i32::try_from(n).ok())
                        .filter(|n| (1000..=9999).contains(n))
                        .and_then(Year::new);
                    if year.is_none() {
                        let problem = UnitRowProblem::Rule(UnitProblem::InvalidDate(UnitField::Stage));
                        report(cells.errors, row, UnitColumn::ModelYear, problem);
                    }
                    year
                }
            };
            if level.is_none() && cells.get(c(UnitColumn::ModelLevel)).is_none() {
                cells.report(c(UnitColumn::ModelLevel), RowProblem::Required);
            }
            if year.is_none() && cells.get(c(UnitColumn::ModelYear)).is_none() {
                cells.report(c(UnitColumn::ModelYear), RowProblem::Required);
            }
            match (level, year) {
                (Some(level), Some(year)) => Stage::ModelSite { level, year },
                _ => Stage::Formed,
            }
        }
    };

    if cells.errors.len() > errors_before {
        return None;
    }
    Some(Unit {
        id: base.id.clone(),
        name,
        credit_code,
        sub_type: sub_type?,
        industry: text(cells, UnitColumn::Industry, &base.industry),
        area: text(cells, UnitColumn::Area, &base.area),
        employees,
        above_scale,
        status,
        status_date,
        supervisor: text(cells, UnitColumn::Supervisor, &base.supervisor),
        party_members,
        full_members,
        membership_here,
        mass_orgs,
        registered: registered?,
        formation,
        formed_on,
        stage,
    })
}

/// Plans a units file against the stored registry (see the module's rules).
pub(super) fn plan_units(
    sheet: &Sheet,
    mapping: &super::Mapping,
    stored: Stored<'_>,
    today: Date,
    new_id: &mut dyn FnMut() -> String,
    errors: &mut Vec<RowError>,
) -> Plan {
    let orgs = stored.orgs;
    let by_code: HashMap<String, &Unit> =
        stored.units.iter().map(|u| (credit_code::normalise(&u.credit_code), u)).collect();
    let mut first_code: HashMap<String, usize> = HashMap::new();
    let mut first_name: HashMap<String, usize> = HashMap::new();
    let mut read: Vec<(usize, Option<Unit>, Unit)> = Vec::new();
    for row in &sheet.rows {
        let mut cells = Cells { row, mapping, errors };
        let code = credit_code::normalise(&cells.text(column(UnitColumn::CreditCode)).unwrap_or_default());
        let name = name_key(&cells.text(column(UnitColumn::Name)).unwrap_or_default());
        let mut duplicate = false;
        if !code.is_empty() {
            if let Some(&first) = first_code.get(&code) {
                cells.errors.push(RowError {
                    row: row.number,
                    target: Some(column(UnitColumn::CreditCode)),
                    problem: RowProblem::Duplicate(first),
                });
                duplicate = true;
            } else {
                first_code.insert(code.clone(), row.number);
            }
        }
        if !name.is_empty() {
            if let Some(&first) = first_name.get(&name) {
                cells.errors.push(RowError {
                    row: row.number,
                    target: Some(column(UnitColumn::Name)),
                    problem: RowProblem::Duplicate(first),
                });
                duplicate = true;
            } else {
                first_name.insert(name, row.number);
            }
        }
        let before = by_code.get(&code).map(|u| (*u).clone());
        let base = before.clone().unwrap_or_else(|| blank_unit(String::new()));
        let Some(mut after) = read_row(&mut cells, &base, orgs) else { continue };
        if duplicate {
            continue;
        }
        if before.is_none() {
            after.id = new_id();
        }
        read.push((row.number, before, after));
    }

    // Each record by its own rules against the registry as it will be.
    let mut projected: Vec<Unit> = stored
        .units
        .iter()
        .filter(|u| !read.iter().any(|(_, b, _)| b.as_ref().is_some_and(|b| b.id == u.id)))
        .cloned()
        .collect();
    projected.extend(read.iter().map(|(_, _, a)| a.clone()));
    let name_of = |id: &str| -> String {
        projected
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .or_else(|| orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    let mut changes = Vec::new();
    for (row, before, after) in &read {
        let formation = after.formation.as_ref().map(Formation::kind);
        match unit::validate_unit(after.clone(), &projected, today) {
            Ok(unit) => {
                changes.push(UnitChange { row: *row, action: Action::Create, before: before.clone(), after: unit })
            }
            Err(problems) => errors.extend(problems.into_iter().map(|p| {
                let col = column_of(p.field(), formation, &p);
                let p = match p {
                    UnitProblem::NameTaken { by } => UnitProblem::NameTaken { by: name_of(&by) },
                    UnitProblem::CreditCodeTaken { by } => UnitProblem::CreditCodeTaken { by: name_of(&by) },
                    p => p,
                };
                RowError { row: *row, target: Some(column(col)), problem: RowProblem::Unit(UnitRowProblem::Rule(p)) }
            })),
        }
    }

    // The formations over the registry as it will be: only what the file's units take part in.
    let mut registry: Vec<Unit> =
        stored.units.iter().filter(|u| !changes.iter().any(|c| c.after.id == u.id)).cloned().collect();
    registry.extend(changes.iter().map(|c| c.after.clone()));
    let name_of = |id: &str| -> String {
        registry
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .or_else(|| orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    let mut warnings = Vec::new();
    for problem in formation::validate_formations(&registry, orgs) {
        let col = match problem {
            FormationProblem::TooFewForStandalone { .. } => UnitColumn::Formation,
            _ => UnitColumn::FormationOrg,
        };
        let warning = matches!(problem, FormationProblem::JointTooFewUnits { .. });
        for change in changes.iter().filter(|c| problem.involves(&c.after.id)) {
            let error = RowError {
                row: change.row,
                target: Some(column(col)),
                problem: RowProblem::Unit(UnitRowProblem::Formation(named(problem.clone(), &name_of))),
            };
            if warning {
                warnings.push(error);
            } else {
                errors.push(error);
            }
        }
    }

    for change in &mut changes {
        change.action = match &change.before {
            None => Action::Create,
            Some(b) if *b == change.after => Action::Unchanged,
            Some(_) => Action::Update,
        };
    }
    warnings.sort_by_key(|w| w.row);
    Plan { units: changes, warnings, ..Plan::default() }
}

/// A new unit before its row is read: every field empty.
fn blank_unit(id: String) -> Unit {
    Unit {
        id,
        name: String::new(),
        credit_code: String::new(),
        sub_type: SubType::Private,
        industry: String::new(),
        area: String::new(),
        employees: 0,
        above_scale: false,
        status: BusinessStatus::Operating,
        status_date: None,
        supervisor: String::new(),
        party_members: 0,
        full_members: 0,
        membership_here: 0,
        mass_orgs: MassOrgs::default(),
        registered: Date::new(2000, 1, 1).expect("a valid date"),
        formation: None,
        formed_on: None,
        stage: Stage::NotFormed,
    }
}
