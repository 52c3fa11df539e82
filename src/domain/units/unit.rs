//! The registry of non-public units (两新组织): the enterprises, social organisations and
//! cooperatives in the area, with what the Party work among them needs to know — how many Party
//! members work there and where their membership is, which mass organisations exist, whether the
//! unit still operates — and the rules one record must keep.

use serde::{Deserialize, Serialize};

use crate::domain::org::name_key;
use crate::domain::units::credit_code::{self, CreditCode, CreditCodeProblem};
use crate::domain::units::formation::{Formation, Stage};
use crate::domain::values::date::Date;

/// Longest unit name, in characters: registered names of companies run long
/// (某某农牧业科技发展有限责任公司分公司), longer than a branch's.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest industry, area, supervising unit or instructor name, in characters.
pub const MAX_TEXT_CHARS: usize = 60;

/// The three kinds of non-public unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 非公有制企业
    Enterprise,
    /// 社会组织
    SocialOrg,
    /// 专业合作社
    Cooperative,
}

impl UnitKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [UnitKind; 3] = [UnitKind::Enterprise, UnitKind::SocialOrg, UnitKind::Cooperative];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Enterprise => "enterprise",
            UnitKind::SocialOrg => "social_org",
            UnitKind::Cooperative => "cooperative",
        }
    }

    /// Parses [`UnitKind::code`].
    pub fn from_code(code: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Its sub-types, in picker order.
    pub fn sub_types(self) -> Vec<SubType> {
        SubType::ALL.into_iter().filter(|s| s.kind() == self).collect()
    }
}

/// The finer type of a unit. Each belongs to exactly one [`UnitKind`], so the record stores only
/// this and a kind that contradicts its sub-type cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubType {
    /// 私营企业
    Private,
    /// 外资（三资）企业
    ForeignFunded,
    /// 转制企业
    Converted,
    /// 商务楼宇
    Building,
    /// 专业市场
    Market,
    /// 学术类社会组织
    Academic,
    /// 行业协会
    TradeAssociation,
    /// 联谊类社会组织
    Fellowship,
    /// 其他社会组织
    OtherSocial,
    /// 农牧民专业合作社
    FarmerHerder,
}

impl SubType {
    /// Every sub-type, grouped by kind.
    pub const ALL: [SubType; 10] = [
        SubType::Private,
        SubType::ForeignFunded,
        SubType::Converted,
        SubType::Building,
        SubType::Market,
        SubType::Academic,
        SubType::TradeAssociation,
        SubType::Fellowship,
        SubType::OtherSocial,
        SubType::FarmerHerder,
    ];

    /// The kind it belongs to.
    pub fn kind(self) -> UnitKind {
        match self {
            SubType::Private | SubType::ForeignFunded | SubType::Converted | SubType::Building | SubType::Market => {
                UnitKind::Enterprise
            }
            SubType::Academic | SubType::TradeAssociation | SubType::Fellowship | SubType::OtherSocial => {
                UnitKind::SocialOrg
            }
            SubType::FarmerHerder => UnitKind::Cooperative,
        }
    }

    /// Stable code, the same as its serde name.
    pub fn code(self) -> &'static str {
        match self {
            SubType::Private => "private",
            SubType::ForeignFunded => "foreign_funded",
            SubType::Converted => "converted",
            SubType::Building => "building",
            SubType::Market => "market",
            SubType::Academic => "academic",
            SubType::TradeAssociation => "trade_association",
            SubType::Fellowship => "fellowship",
            SubType::OtherSocial => "other_social",
            SubType::FarmerHerder => "farmer_herder",
        }
    }

    /// Parses [`SubType::code`].
    pub fn from_code(code: &str) -> Option<SubType> {
        SubType::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Whether the unit still does business (经营状态).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BusinessStatus {
    /// 经营中
    Operating,
    /// 停业
    Suspended,
    /// 破产
    Bankrupt,
    /// 改制
    Restructured,
    /// 注销
    Deregistered,
}

impl BusinessStatus {
    /// Every status.
    pub const ALL: [BusinessStatus; 5] = [
        BusinessStatus::Operating,
        BusinessStatus::Suspended,
        BusinessStatus::Bankrupt,
        BusinessStatus::Restructured,
        BusinessStatus::Deregistered,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            BusinessStatus::Operating => "operating",
            BusinessStatus::Suspended => "suspended",
            BusinessStatus::Bankrupt => "bankrupt",
            BusinessStatus::Restructured => "restructured",
            BusinessStatus::Deregistered => "deregistered",
        }
    }

    /// Parses [`BusinessStatus::code`].
    pub fn from_code(code: &str) -> Option<BusinessStatus> {
        BusinessStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the unit has ceased to exist, and so leaves the coverage figures from the day the
    /// status took effect. A suspended unit may reopen and a restructured one lives on in another
    /// form — both still have people who need Party work, so both stay.
    pub fn has_ceased(self) -> bool {
        matches!(self, BusinessStatus::Bankrupt | BusinessStatus::Deregistered)
    }

    /// Whether an organisation covering the unit has lost its ground and must be looked at (a
    /// cause of a shell flag). Restructuring counts: the unit the organisation was formed in is
    /// gone even if its successor is not, so the organisation must be re-formed or moved.
    pub fn closes_unit(self) -> bool {
        matches!(self, BusinessStatus::Bankrupt | BusinessStatus::Restructured | BusinessStatus::Deregistered)
    }
}

/// The mass organisations (群团组织) present in a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct MassOrgs {
    /// 工会
    #[serde(default)]
    pub trade_union: bool,
    /// 共青团
    #[serde(default)]
    pub youth_league: bool,
    /// 妇联
    #[serde(default)]
    pub womens_federation: bool,
}

/// A non-public unit (两新组织) in the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Stable id, never reused.
    pub id: String,
    /// Registered name.
    pub name: String,
    /// The unified social credit code as entered; [`validate_unit`] checks it and keeps its
    /// normal form. Text rather than [`CreditCode`] so a form can hand over what was typed and
    /// hear back what is wrong with it next to every other field's problem.
    pub credit_code: String,
    /// Finer type, which fixes the kind.
    pub sub_type: SubType,
    /// Industry (行业), free text.
    #[serde(default)]
    pub industry: String,
    /// The street or township it belongs to (属地: 街道 / 乡镇), free text.
    #[serde(default)]
    pub area: String,
    /// Number of employees.
    pub employees: u32,
    /// Above designated size (规模以上).
    #[serde(default)]
    pub above_scale: bool,
    /// Business status.
    pub status: BusinessStatus,
    /// The day the status took effect; required for every status but operating, absent for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<Date>,
    /// Supervising unit (业务主管单位), free text; social organisations have one, most
    /// enterprises none.
    #[serde(default)]
    pub supervisor: String,
    /// Party members working in the unit, full and probationary.
    pub party_members: u32,
    /// Of those, full members (正式党员).
    pub full_members: u32,
    /// Of the party members, those whose membership (组织关系) is in the unit; the rest have it
    /// elsewhere (流动党员, members still registered where they came from).
    pub membership_here: u32,
    /// Mass organisations present.
    #[serde(default)]
    pub mass_orgs: MassOrgs,
    /// Registration date (成立 / 登记日期).
    pub registered: Date,
    /// How the unit is covered; `None` when it is not (未覆盖).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formation: Option<Formation>,
    /// The day the current formation took effect. The record keeps no older formations, so the
    /// unit counts as uncovered before this day even if another formation covered it then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formed_on: Option<Date>,
    /// How far its Party work has come.
    #[serde(default)]
    pub stage: Stage,
}

impl Unit {
    /// The kind, from the sub-type.
    pub fn kind(&self) -> UnitKind {
        self.sub_type.kind()
    }

    /// Party members whose membership is elsewhere.
    pub fn membership_elsewhere(&self) -> u32 {
        self.party_members.saturating_sub(self.membership_here)
    }

    /// Whether its current formation is a Party organisation (not only an instructor, not none).
    pub fn has_organisation(&self) -> bool {
        self.formation.as_ref().is_some_and(|f| f.org().is_some())
    }
}

/// The form field a problem belongs to, so the UI can show it inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitField {
    /// Name.
    Name,
    /// Employees.
    Employees,
    /// Party members.
    PartyMembers,
    /// Credit code.
    CreditCode,
    /// Industry.
    Industry,
    /// Area.
    Area,
    /// Supervising unit.
    Supervisor,
    /// Business status date.
    StatusDate,
    /// Registration date.
    Registered,
    /// Full members.
    FullMembers,
    /// Members with their membership here.
    MembershipHere,
    /// The formation (its org or instructor).
    Formation,
    /// The formation's date.
    FormedOn,
    /// The stage.
    Stage,
}

/// What is wrong with a unit record. Values, not sentences: the UI words them through i18n.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitProblem {
    /// The field is empty (for the formation: the instructor's name or the org).
    Required(UnitField),
    /// Longer than the limit (characters).
    TooLong(UnitField, usize),
    /// The date (for the stage: the model-site year) lies after today.
    InFuture(UnitField),
    /// Not a date (for the stage: not a year).
    InvalidDate(UnitField),
    /// Not a whole number of people (0 or more).
    NotACount(UnitField),
    /// The date lies before the unit was registered.
    BeforeRegistered(UnitField),
    /// Another unit has this name (same normalisation as org names); holds its id.
    NameTaken {
        /// The other unit.
        by: String,
    },
    /// The credit code is malformed.
    CreditCode(CreditCodeProblem),
    /// Another unit has this credit code; holds its id.
    CreditCodeTaken {
        /// The other unit.
        by: String,
    },
    /// More full members than party members.
    FullAboveParty {
        /// Full members given.
        full: u32,
        /// Party members given.
        party: u32,
    },
    /// More members with their membership here than party members.
    HereAboveParty {
        /// Members with membership here.
        here: u32,
        /// Party members given.
        party: u32,
    },
    /// A stage above 未组建 for a unit that no organisation covers (none, or only an
    /// instructor): "无组织抓组建" comes first.
    StageNeedsOrganisation,
    /// 未组建 for a unit an organisation covers.
    StageBelowOrganisation,
}

impl UnitProblem {
    /// The field to show the problem next to.
    pub fn field(&self) -> UnitField {
        match self {
            UnitProblem::Required(field)
            | UnitProblem::TooLong(field, _)
            | UnitProblem::InFuture(field)
            | UnitProblem::InvalidDate(field)
            | UnitProblem::NotACount(field)
            | UnitProblem::BeforeRegistered(field) => *field,
            UnitProblem::NameTaken { .. } => UnitField::Name,
            UnitProblem::CreditCode(_) | UnitProblem::CreditCodeTaken { .. } => UnitField::CreditCode,
            UnitProblem::FullAboveParty { .. } => UnitField::FullMembers,
            UnitProblem::HereAboveParty { .. } => UnitField::MembershipHere,
            UnitProblem::StageNeedsOrganisation | UnitProblem::StageBelowOrganisation => UnitField::Stage,
        }
    }
}

/// All problems found in a unit; never empty when returned as an error.
pub type UnitProblems = Vec<UnitProblem>;

fn check_text(text: &str, field: UnitField, max: usize, required: bool, problems: &mut UnitProblems) {
    if required && text.is_empty() {
        problems.push(UnitProblem::Required(field));
    } else if text.chars().count() > max {
        problems.push(UnitProblem::TooLong(field, max));
    }
}

fn check_date(date: Option<Date>, field: UnitField, unit: &Unit, today: Date, problems: &mut UnitProblems) {
    let Some(date) = date else { return };
    if date > today {
        problems.push(UnitProblem::InFuture(field));
    }
    if date < unit.registered {
        problems.push(UnitProblem::BeforeRegistered(field));
    }
}

/// Validates a unit about to be created or saved against the units already registered (which
/// may hold an older version of the same record). Returns it with its texts trimmed, its credit
/// code in normal form, and the dates that mean nothing dropped — the status date of an
/// operating unit, the formation date of an uncovered one. Formation rules that need other
/// units or the org tree are `formation::validate_formations`.
pub fn validate_unit(mut unit: Unit, existing: &[Unit], today: Date) -> Result<Unit, UnitProblems> {
    let mut problems = UnitProblems::new();
    for text in [&mut unit.name, &mut unit.industry, &mut unit.area, &mut unit.supervisor] {
        *text = text.trim().to_string();
    }
    unit.credit_code = credit_code::normalise(&unit.credit_code);
    if unit.status == BusinessStatus::Operating {
        unit.status_date = None;
    }
    match &mut unit.formation {
        None => unit.formed_on = None,
        Some(Formation::Instructor { name }) => *name = name.trim().to_string(),
        Some(Formation::Standalone { org } | Formation::Joint { org } | Formation::Attached { org }) => {
            *org = org.trim().to_string()
        }
    }
    let others = || existing.iter().filter(|other| other.id != unit.id);

    check_text(&unit.name, UnitField::Name, MAX_NAME_CHARS, true, &mut problems);
    let key = name_key(&unit.name);
    if let Some(other) = others().find(|o| !key.is_empty() && name_key(&o.name) == key) {
        problems.push(UnitProblem::NameTaken { by: other.id.clone() });
    }

    match CreditCode::parse(&unit.credit_code) {
        Err(CreditCodeProblem::Empty) => problems.push(UnitProblem::Required(UnitField::CreditCode)),
        Err(problem) => problems.push(UnitProblem::CreditCode(problem)),
        Ok(code) => {
            if let Some(other) = others().find(|o| credit_code::normalise(&o.credit_code) == code.as_str()) {
                problems.push(UnitProblem::CreditCodeTaken { by: other.id.clone() });
            }
        }
    }

    check_text(&unit.industry, UnitField::Industry, MAX_TEXT_CHARS, false, &mut problems);
    check_text(&unit.area, UnitField::Area, MAX_TEXT_CHARS, false, &mut problems);
    check_text(&unit.supervisor, UnitField::Supervisor, MAX_TEXT_CHARS, false, &mut problems);

    if unit.registered > today {
        problems.push(UnitProblem::InFuture(UnitField::Registered));
    }
    if unit.status != BusinessStatus::Operating && unit.status_date.is_none() {
        problems.push(UnitProblem::Required(UnitField::StatusDate));
    }
    check_date(unit.status_date, UnitField::StatusDate, &unit, today, &mut problems);

    if unit.full_members > unit.party_members {
        problems.push(UnitProblem::FullAboveParty { full: unit.full_members, party: unit.party_members });
    }
    if unit.membership_here > unit.party_members {
        problems.push(UnitProblem::HereAboveParty { here: unit.membership_here, party: unit.party_members });
    }

    check_formation(&unit, today, &mut problems);

    if problems.is_empty() {
        Ok(unit)
    } else {
        Err(problems)
    }
}

fn check_formation(unit: &Unit, today: Date, problems: &mut UnitProblems) {
    if let Some(formation) = &unit.formation {
        match formation {
            Formation::Instructor { name } => check_text(name, UnitField::Formation, MAX_TEXT_CHARS, true, problems),
            Formation::Standalone { org } | Formation::Joint { org } | Formation::Attached { org } => {
                if org.is_empty() {
                    problems.push(UnitProblem::Required(UnitField::Formation));
                }
            }
        }
        if unit.formed_on.is_none() {
            problems.push(UnitProblem::Required(UnitField::FormedOn));
        }
    }
    check_date(unit.formed_on, UnitField::FormedOn, unit, today, problems);

    match (unit.has_organisation(), unit.stage.needs_organisation()) {
        (false, true) => problems.push(UnitProblem::StageNeedsOrganisation),
        (true, false) => problems.push(UnitProblem::StageBelowOrganisation),
        _ => {}
    }
    if let Stage::ModelSite { year, .. } = unit.stage {
        if year.number() > today.year() {
            problems.push(UnitProblem::InFuture(UnitField::Stage));
        }
    }
}
