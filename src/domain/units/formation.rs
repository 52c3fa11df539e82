//! How a unit's Party members are organised (组织设置), and how far its Party work has come.
//!
//! A unit is covered by at most one formation, held as a field of the unit, so "the same unit
//! covered twice" cannot be written down at all. The rules that need more than one unit or the
//! org tree — a joint branch needs two units, a standalone branch belongs to one, the org must
//! exist and be of the right level — live in [`validate_formations`]; what one unit's record
//! can say about itself is checked by `unit::validate_unit`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::org::{Org, OrgKind};
use crate::domain::units::unit::Unit;
use crate::domain::values::period::Year;

/// Fewest full members a unit needs for a branch of its own — 党章: "凡是有正式党员三人以上的，
/// 都应当成立党的基层组织"; below that its members join with others.
pub const MIN_STANDALONE_FULL_MEMBERS: u32 = 3;

/// The way a unit is covered. Uncovered is `None` in `Unit::formation`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Formation {
    /// 单独建: a branch of the unit's own.
    Standalone {
        /// The branch.
        org: String,
    },
    /// 联合建: a branch shared with other units, each of which names it too.
    Joint {
        /// The joint branch.
        org: String,
    },
    /// 挂靠建: the members sit in the organisation of the supervising unit (业务主管单位) or of
    /// the park, building or market that hosts the unit.
    Attached {
        /// The host organisation.
        org: String,
    },
    /// 委派指导员: no organisation yet; a Party-building instructor (党建指导员) is assigned.
    /// Counts for work coverage, not for organisation coverage.
    Instructor {
        /// The instructor's name.
        name: String,
    },
}

/// The formation without its data: for grouping, counting and pickers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormationKind {
    /// 单独建
    Standalone,
    /// 联合建
    Joint,
    /// 挂靠建
    Attached,
    /// 委派指导员
    Instructor,
}

impl FormationKind {
    /// Every kind, from the strongest coverage down.
    pub const ALL: [FormationKind; 4] =
        [FormationKind::Standalone, FormationKind::Joint, FormationKind::Attached, FormationKind::Instructor];

    /// Stable code, the same as the serde tag of [`Formation`].
    pub fn code(self) -> &'static str {
        match self {
            FormationKind::Standalone => "standalone",
            FormationKind::Joint => "joint",
            FormationKind::Attached => "attached",
            FormationKind::Instructor => "instructor",
        }
    }

    /// Parses [`FormationKind::code`].
    pub fn from_code(code: &str) -> Option<FormationKind> {
        FormationKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether this kind is a Party organisation (organisation coverage) rather than only an
    /// instructor (work coverage).
    pub fn is_organisation(self) -> bool {
        self != FormationKind::Instructor
    }

    /// The org levels the formation may name; empty for an instructor. Standalone and joint
    /// formations are branches (党支部) as the registry's rule has it; a host organisation may be
    /// any level that keeps a roll, so not a party group, whose members are on their branch's.
    pub fn allowed_org_kinds(self) -> &'static [OrgKind] {
        match self {
            FormationKind::Standalone | FormationKind::Joint => &[OrgKind::Branch],
            FormationKind::Attached => &[OrgKind::Committee, OrgKind::GeneralBranch, OrgKind::Branch],
            FormationKind::Instructor => &[],
        }
    }
}

impl Formation {
    /// Which kind of formation this is.
    pub fn kind(&self) -> FormationKind {
        match self {
            Formation::Standalone { .. } => FormationKind::Standalone,
            Formation::Joint { .. } => FormationKind::Joint,
            Formation::Attached { .. } => FormationKind::Attached,
            Formation::Instructor { .. } => FormationKind::Instructor,
        }
    }

    /// The Party organisation that covers the unit; `None` for an instructor.
    pub fn org(&self) -> Option<&str> {
        match self {
            Formation::Standalone { org } | Formation::Joint { org } | Formation::Attached { org } => Some(org),
            Formation::Instructor { .. } => None,
        }
    }
}

/// Level of the committee that named a unit a model site (示范点).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelLevel {
    /// 旗县市区级
    County,
    /// 市级
    City,
    /// 省级 (自治区级)
    Province,
}

impl ModelLevel {
    /// Every level, lowest first.
    pub const ALL: [ModelLevel; 3] = [ModelLevel::County, ModelLevel::City, ModelLevel::Province];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            ModelLevel::County => "county",
            ModelLevel::City => "city",
            ModelLevel::Province => "province",
        }
    }

    /// Parses [`ModelLevel::code`].
    pub fn from_code(code: &str) -> Option<ModelLevel> {
        ModelLevel::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// How far a unit's Party work has come, after the working line "无组织抓组建、有组织抓规范、
/// 已规范抓创新": first form an organisation, then make it regular, then make it a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Stage {
    /// 未组建: no Party organisation covers the unit.
    #[default]
    NotFormed,
    /// 已组建: an organisation exists.
    Formed,
    /// 已规范: its organisational life and records meet the standard.
    Standardised,
    /// 示范点: named a model by a committee.
    ModelSite {
        /// Who named it.
        level: ModelLevel,
        /// The year it was named.
        year: Year,
    },
}

impl Stage {
    /// Whether the stage presumes a Party organisation in the unit.
    pub fn needs_organisation(self) -> bool {
        self != Stage::NotFormed
    }
}

/// A formation that does not fit the other units or the org tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormationProblem {
    /// A standalone branch for a unit with fewer than [`MIN_STANDALONE_FULL_MEMBERS`] full
    /// members; the way out to offer is a joint branch (联合建) with neighbouring units.
    TooFewForStandalone {
        /// The unit.
        unit: String,
        /// Its full members.
        full: u32,
    },
    /// A joint branch named by fewer than two units. Entering a new joint branch's units one at
    /// a time passes through this state, so it is a finding for the registry's list rather than
    /// a reason to refuse the first unit's save.
    JointTooFewUnits {
        /// The joint branch.
        org: String,
        /// The units naming it (one).
        units: Vec<String>,
    },
    /// A standalone branch that another unit names too (as standalone or joint): a branch of
    /// one's own is one unit's, and a shared one is joint.
    StandaloneShared {
        /// The branch.
        org: String,
        /// Every unit naming it, in the order given.
        units: Vec<String>,
    },
    /// The org does not exist or is archived.
    OrgMissing {
        /// The unit naming it.
        unit: String,
        /// The id named.
        org: String,
    },
    /// The org exists but is of a level the formation cannot name.
    OrgWrongKind {
        /// The unit naming it.
        unit: String,
        /// The id named.
        org: String,
        /// Its level.
        found: OrgKind,
    },
}

impl FormationProblem {
    /// Whether the problem concerns this unit: lets a save refuse only what the edited unit
    /// causes or takes part in, not the registry's older findings.
    pub fn involves(&self, unit: &str) -> bool {
        match self {
            FormationProblem::TooFewForStandalone { unit: u, .. }
            | FormationProblem::OrgMissing { unit: u, .. }
            | FormationProblem::OrgWrongKind { unit: u, .. } => u == unit,
            FormationProblem::JointTooFewUnits { units, .. } | FormationProblem::StandaloneShared { units, .. } => {
                units.iter().any(|u| u == unit)
            }
        }
    }
}

/// Checks every unit's formation against the others and the org tree; every problem at once,
/// first those of single units in the order given, then those of shared orgs in the order their
/// first unit was given.
pub fn validate_formations(units: &[Unit], orgs: &[Org]) -> Vec<FormationProblem> {
    let mut problems = Vec::new();
    // Org id → (first position named, units naming it as standalone or joint, any standalone).
    let mut branches: BTreeMap<&str, (usize, Vec<&Unit>, bool)> = BTreeMap::new();
    for (position, unit) in units.iter().enumerate() {
        let Some(formation) = &unit.formation else { continue };
        let kind = formation.kind();
        if kind == FormationKind::Standalone && unit.full_members < MIN_STANDALONE_FULL_MEMBERS {
            problems.push(FormationProblem::TooFewForStandalone { unit: unit.id.clone(), full: unit.full_members });
        }
        let Some(org_id) = formation.org() else { continue };
        match orgs.iter().find(|o| o.id == org_id && !o.archived) {
            None => problems.push(FormationProblem::OrgMissing { unit: unit.id.clone(), org: org_id.to_string() }),
            Some(org) if !kind.allowed_org_kinds().contains(&org.kind) => {
                problems.push(FormationProblem::OrgWrongKind {
                    unit: unit.id.clone(),
                    org: org_id.to_string(),
                    found: org.kind,
                })
            }
            Some(_) => {}
        }
        if matches!(kind, FormationKind::Standalone | FormationKind::Joint) {
            let entry = branches.entry(org_id).or_insert((position, Vec::new(), false));
            entry.1.push(unit);
            entry.2 |= kind == FormationKind::Standalone;
        }
    }
    let mut shared: Vec<_> = branches.into_iter().collect();
    shared.sort_by_key(|(_, (position, _, _))| *position);
    for (org, (_, namers, any_standalone)) in shared {
        let ids = || namers.iter().map(|u| u.id.clone()).collect::<Vec<_>>();
        if any_standalone && namers.len() >= 2 {
            problems.push(FormationProblem::StandaloneShared { org: org.to_string(), units: ids() });
        } else if !any_standalone && namers.len() < 2 {
            problems.push(FormationProblem::JointTooFewUnits { org: org.to_string(), units: ids() });
        }
    }
    problems
}
