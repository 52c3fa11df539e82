//! A unit as a form holds it — texts for numbers and dates, the formation as a mode plus both
//! possible targets, the stage as a choice plus a model site's level and year — and the reading
//! of it into a [`Unit`] for `unit::validate_unit`. Keeping both targets lets a user switch the
//! mode back and forth without retyping; only the one the mode needs is read.

use crate::domain::units::formation::{Formation, FormationKind, ModelLevel, Stage};
use crate::domain::units::unit::{BusinessStatus, MassOrgs, SubType, Unit, UnitField, UnitProblem, UnitProblems};
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;

/// The stage without a model site's data: what the stage picker offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StageChoice {
    /// 未组建
    NotFormed,
    /// 已组建
    Formed,
    /// 已规范
    Standardised,
    /// 示范点
    ModelSite,
}

impl StageChoice {
    /// Every choice, in the order of the working line.
    pub const ALL: [StageChoice; 4] =
        [StageChoice::NotFormed, StageChoice::Formed, StageChoice::Standardised, StageChoice::ModelSite];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            StageChoice::NotFormed => "not_formed",
            StageChoice::Formed => "formed",
            StageChoice::Standardised => "standardised",
            StageChoice::ModelSite => "model_site",
        }
    }

    /// Parses [`StageChoice::code`].
    pub fn from_code(code: &str) -> Option<StageChoice> {
        StageChoice::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The choice a stage falls under.
    pub fn of(stage: Stage) -> StageChoice {
        match stage {
            Stage::NotFormed => StageChoice::NotFormed,
            Stage::Formed => StageChoice::Formed,
            Stage::Standardised => StageChoice::Standardised,
            Stage::ModelSite { .. } => StageChoice::ModelSite,
        }
    }
}

/// A unit being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDraft {
    /// The record's id (new or existing).
    pub id: String,
    /// Name.
    pub name: String,
    /// Credit code as typed.
    pub credit_code: String,
    /// Sub-type.
    pub sub_type: SubType,
    /// Industry.
    pub industry: String,
    /// Area.
    pub area: String,
    /// Employees, as typed.
    pub employees: String,
    /// Above designated size.
    pub above_scale: bool,
    /// Business status.
    pub status: BusinessStatus,
    /// Status date, `YYYY-MM-DD` or empty.
    pub status_date: String,
    /// Supervising unit.
    pub supervisor: String,
    /// Party members, as typed.
    pub party_members: String,
    /// Full members, as typed.
    pub full_members: String,
    /// Members held here, as typed.
    pub membership_here: String,
    /// Mass organisations.
    pub mass_orgs: MassOrgs,
    /// Registration date.
    pub registered: String,
    /// The formation's mode; `None` for uncovered.
    pub formation: Option<FormationKind>,
    /// The org a standalone, joint or attached formation names.
    pub formation_org: String,
    /// The instructor's name.
    pub instructor: String,
    /// The formation's date.
    pub formed_on: String,
    /// The stage.
    pub stage: StageChoice,
    /// A model site's level.
    pub model_level: ModelLevel,
    /// A model site's year, as typed.
    pub model_year: String,
}

impl UnitDraft {
    /// A new unit's form: an operating private enterprise, nothing filled in.
    pub fn new(id: String) -> UnitDraft {
        UnitDraft {
            id,
            name: String::new(),
            credit_code: String::new(),
            sub_type: SubType::Private,
            industry: String::new(),
            area: String::new(),
            employees: "0".into(),
            above_scale: false,
            status: BusinessStatus::Operating,
            status_date: String::new(),
            supervisor: String::new(),
            party_members: "0".into(),
            full_members: "0".into(),
            membership_here: "0".into(),
            mass_orgs: MassOrgs::default(),
            registered: String::new(),
            formation: None,
            formation_org: String::new(),
            instructor: String::new(),
            formed_on: String::new(),
            stage: StageChoice::NotFormed,
            model_level: ModelLevel::County,
            model_year: String::new(),
        }
    }

    /// The form of a stored unit.
    pub fn of(unit: &Unit) -> UnitDraft {
        let (formation_org, instructor) = match &unit.formation {
            Some(Formation::Instructor { name }) => (String::new(), name.clone()),
            Some(f) => (f.org().unwrap_or_default().to_string(), String::new()),
            None => (String::new(), String::new()),
        };
        let (model_level, model_year) = match unit.stage {
            Stage::ModelSite { level, year } => (level, year.number().to_string()),
            _ => (ModelLevel::County, String::new()),
        };
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        UnitDraft {
            id: unit.id.clone(),
            name: unit.name.clone(),
            credit_code: unit.credit_code.clone(),
            sub_type: unit.sub_type,
            industry: unit.industry.clone(),
            area: unit.area.clone(),
            employees: unit.employees.to_string(),
            above_scale: unit.above_scale,
            status: unit.status,
            status_date: date(unit.status_date),
            supervisor: unit.supervisor.clone(),
            party_members: unit.party_members.to_string(),
            full_members: unit.full_members.to_string(),
            membership_here: unit.membership_here.to_string(),
            mass_orgs: unit.mass_orgs,
            registered: unit.registered.to_string(),
            formation: unit.formation.as_ref().map(Formation::kind),
            formation_org,
            instructor,
            formed_on: date(unit.formed_on),
            stage: StageChoice::of(unit.stage),
            model_level,
            model_year,
        }
    }

    /// Reads the texts into a unit, or every problem of reading them (each with its field);
    /// the rules of the record itself are `unit::validate_unit`'s, run after.
    pub fn read(&self) -> Result<Unit, UnitProblems> {
        let mut problems = UnitProblems::new();
        let mut count = |text: &str, field: UnitField| match text.trim().parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                problems.push(UnitProblem::NotACount(field));
                0
            }
        };
        let employees = count(&self.employees, UnitField::Employees);
        let party_members = count(&self.party_members, UnitField::PartyMembers);
        let full_members = count(&self.full_members, UnitField::FullMembers);
        let membership_here = count(&self.membership_here, UnitField::MembershipHere);
        let mut date = |text: &str, field: UnitField| -> Option<Date> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            let parsed = text.parse().ok();
            if parsed.is_none() {
                problems.push(UnitProblem::InvalidDate(field));
            }
            parsed
        };
        let status_date = date(&self.status_date, UnitField::StatusDate);
        let formed_on = date(&self.formed_on, UnitField::FormedOn);
        let registered = date(&self.registered, UnitField::Registered);
        if registered.is_none() && self.registered.trim().is_empty() {
            problems.push(UnitProblem::Required(UnitField::Registered));
        }
        let stage = match self.stage {
            StageChoice::NotFormed => Stage::NotFormed,
            StageChoice::Formed => Stage::Formed,
            StageChoice::Standardised => Stage::Standardised,
            StageChoice::ModelSite => match self.model_year.trim().parse::<i32>().ok().and_then(Year::new) {
                Some(year) => Stage::ModelSite { level: self.model_level, year },
                None => {
                    let problem = if self.model_year.trim().is_empty() {
                        UnitProblem::Required(UnitField::Stage)
                    } else {
                        UnitProblem::InvalidDate(UnitField::Stage)
                    };
                    problems.push(problem);
                    Stage::Formed
                }
            },
        };
        let org = || self.formation_org.clone();
        let formation = self.formation.map(|kind| match kind {
            FormationKind::Standalone => Formation::Standalone { org: org() },
            FormationKind::Joint => Formation::Joint { org: org() },
            FormationKind::Attached => Formation::Attached { org: org() },
            FormationKind::Instructor => Formation::Instructor { name: self.instructor.clone() },
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Unit {
            id: self.id.clone(),
            name: self.name.clone(),
            credit_code: self.credit_code.clone(),
            sub_type: self.sub_type,
            industry: self.industry.clone(),
            area: self.area.clone(),
            employees,
            above_scale: self.above_scale,
            status: self.status,
            status_date,
            supervisor: self.supervisor.clone(),
            party_members,
            full_members,
            membership_here,
            mass_orgs: self.mass_orgs,
            registered: registered.expect("checked above"),
            formation,
            formed_on,
            stage,
        })
    }
}
