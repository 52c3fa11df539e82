//! Names of the 两新 registry's values and problems in the UI's words. Problems name units and
//! organisations by id; `name` turns an id into what the user knows it by.

use crate::domain::files::sheet_import::{UnitCell, UnitColumn, UnitRowProblem};
use crate::domain::files::table_export::Cell;
use crate::domain::units::credit_code::CreditCodeProblem;
use crate::domain::units::draft::StageChoice;
use crate::domain::units::formation::{FormationKind, FormationProblem, ModelLevel, Stage};
use crate::domain::units::shell::{DecisionProblem, ShellAction, ShellCause};
use crate::domain::units::unit::{BusinessStatus, SubType, UnitField, UnitKind, UnitProblem};
use crate::domain::values::period::Period;
use crate::i18n::{fill, Locale, K};
use crate::store::units::{ShellError, ShellRefusal, UnitError, UnitRefusal};

/// Key of a unit kind.
pub fn unit_kind(kind: UnitKind) -> K {
    match kind {
        UnitKind::Enterprise => K::UnEnterprise,
        UnitKind::SocialOrg => K::UnSocialOrg,
        UnitKind::Cooperative => K::UnCooperative,
    }
}

/// Key of a sub-type.
pub fn sub_type(sub_type: SubType) -> K {
    match sub_type {
        SubType::Private => K::UnSubPrivate,
        SubType::ForeignFunded => K::UnSubForeign,
        SubType::Converted => K::UnSubConverted,
        SubType::Building => K::UnSubBuilding,
        SubType::Market => K::UnSubMarket,
        SubType::Academic => K::UnSubAcademic,
        SubType::TradeAssociation => K::UnSubTrade,
        SubType::Fellowship => K::UnSubFellowship,
        SubType::OtherSocial => K::UnSubOtherSocial,
        SubType::FarmerHerder => K::UnSubFarmer,
    }
}

/// Key of a business status.
pub fn status(status: BusinessStatus) -> K {
    match status {
        BusinessStatus::Operating => K::UnStOperating,
        BusinessStatus::Suspended => K::UnStSuspended,
        BusinessStatus::Bankrupt => K::UnStBankrupt,
        BusinessStatus::Restructured => K::UnStRestructured,
        BusinessStatus::Deregistered => K::UnStDeregistered,
    }
}

/// Key of a formation kind; `None` is 未覆盖.
pub fn formation(kind: Option<FormationKind>) -> K {
    match kind {
        Some(FormationKind::Standalone) => K::UnFmStandalone,
        Some(FormationKind::Joint) => K::UnFmJoint,
        Some(FormationKind::Attached) => K::UnFmAttached,
        Some(FormationKind::Instructor) => K::UnFmInstructor,
        None => K::UnFmNone,
    }
}

/// Key of a stage, without a model site's level and year.
pub fn stage(stage: Stage) -> K {
    match stage {
        Stage::NotFormed => K::UnStgNotFormed,
        Stage::Formed => K::UnStgFormed,
        Stage::Standardised => K::UnStgStandardised,
        Stage::ModelSite { .. } => K::UnStgModel,
    }
}

/// A stage in full: "示范点 · 市级 2024".
pub fn stage_text(stage: Stage, locale: Locale) -> String {
    let name = self::stage(stage).text(locale);
    match stage {
        Stage::ModelSite { level, year } => format!("{name} · {} {}", model_level(level).text(locale), year.number()),
        _ => name.to_string(),
    }
}

/// Key of a stage picker's choice.
pub fn stage_choice(choice: StageChoice) -> K {
    match choice {
        StageChoice::NotFormed => K::UnStgNotFormed,
        StageChoice::Formed => K::UnStgFormed,
        StageChoice::Standardised => K::UnStgStandardised,
        StageChoice::ModelSite => K::UnStgModel,
    }
}

/// Key of a model-site level.
pub fn model_level(level: ModelLevel) -> K {
    match level {
        ModelLevel::County => K::UnLvCounty,
        ModelLevel::City => K::UnLvCity,
        ModelLevel::Province => K::UnLvProvince,
    }
}

/// Key of a decision on a shell organisation.
pub fn shell_action(action: ShellAction) -> K {
    match action {
        ShellAction::Rectify => K::UnActRectify,
        ShellAction::Merge => K::UnActMerge,
        ShellAction::Dissolve => K::UnActDissolve,
        ShellAction::Keep => K::UnActKeep,
    }
}

/// The sentence for a malformed credit code.
pub fn credit_code_problem(problem: CreditCodeProblem, locale: Locale) -> String {
    let t = |key: K| key.text(locale);
    match problem {
        CreditCodeProblem::Empty => t(K::ErrRequired).to_string(),
        CreditCodeProblem::Length { found } => fill(t(K::UnErrCreditLength), &[&found.to_string()]),
        CreditCodeProblem::Character { position, found } => {
            fill(t(K::UnErrCreditChar), &[&position.to_string(), &found.to_string()])
        }
        CreditCodeProblem::NotADigit { position, found } => {
            fill(t(K::UnErrCreditDigit), &[&position.to_string(), &found.to_string()])
        }
        CreditCodeProblem::CheckCharacter { expected, found } => {
            fill(t(K::UnErrCreditCheck), &[&expected.to_string(), &found.to_string()])
        }
    }
}

/// The sentence for a problem of a unit record.
pub fn unit_problem(problem: &UnitProblem, name: &dyn Fn(&str) -> String, locale: Locale) -> String {
    let t = |key: K| key.text(locale);
    match problem {
        UnitProblem::Required(_) => t(K::ErrRequired).to_string(),
        UnitProblem::TooLong(_, max) => fill(t(K::ErrTooLong), &[&max.to_string()]),
        UnitProblem::InFuture(UnitField::Stage) => t(K::UnErrModelYear).to_string(),
        UnitProblem::InFuture(_) => t(K::ErrInFuture).to_string(),
        UnitProblem::InvalidDate(UnitField::Stage) => t(K::UnErrModelYearInvalid).to_string(),
        UnitProblem::InvalidDate(_) => t(K::ErrInvalidDate).to_string(),
        UnitProblem::NotACount(_) => t(K::UnErrNotACount).to_string(),
        UnitProblem::BeforeRegistered(_) => t(K::UnErrBeforeRegistered).to_string(),
        UnitProblem::NameTaken { by } => fill(t(K::UnErrNameTaken), &[&name(by)]),
        UnitProblem::CreditCode(problem) => credit_code_problem(*problem, locale),
        UnitProblem::CreditCodeTaken { by } => fill(t(K::UnErrCreditTaken), &[&name(by)]),
        UnitProblem::FullAboveParty { full, party } => {
            fill(t(K::UnErrFullAbove), &[&full.to_string(), &party.to_string()])
        }
        UnitProblem::HereAboveParty { here, party } => {
            fill(t(K::UnErrHereAbove), &[&here.to_string(), &party.to_string()])
        }
        UnitProblem::StageNeedsOrganisation => t(K::UnErrStageNeedsOrg).to_string(),
        UnitProblem::StageBelowOrganisation => t(K::UnErrStageBelowOrg).to_string(),
    }
}

/// The sentence for a formation that does not fit the other units or the org tree.
pub fn formation_problem(problem: &FormationProblem, name: &dyn Fn(&str) -> String, locale: Locale) -> String {
    let t = |key: K| key.text(locale);
    let names = |ids: &[String]| super::join_list(&ids.iter().map(|id| name(id)).collect::<Vec<_>>(), locale);
    match problem {
        FormationProblem::TooFewForStandalone { unit, full } => {
            fill(t(K::UnErrTooFewStandalone), &[&name(unit), &full.to_string()])
        }
        FormationProblem::JointTooFewUnits { org, units } => fill(t(K::UnErrJointTooFew), &[&name(org), &names(units)]),
        FormationProblem::StandaloneShared { org, units } => {
            fill(t(K::UnErrStandaloneShared), &[&name(org), &names(units)])
        }
        FormationProblem::OrgMissing { unit, .. } => fill(t(K::UnErrOrgMissing), &[&name(unit)]),
        FormationProblem::OrgWrongKind { unit, found, .. } => {
            fill(t(K::UnErrOrgWrongKind), &[&name(unit), super::org_kind(*found).text(locale)])
        }
    }
}

/// Why an organisation was flagged, as a phrase.
pub fn shell_cause(cause: &ShellCause, name: &dyn Fn(&str) -> String, locale: Locale) -> String {
    let t = |key: K| key.text(locale);
    match cause {
        ShellCause::UnitClosed { unit, status: s } => fill(t(K::UnCauseUnitClosed), &[&name(unit), t(status(*s))]),
        ShellCause::TooFewMembers { full } => fill(t(K::UnCauseTooFew), &[&full.to_string()]),
        ShellCause::NoOrganisationalLife { since } => {
            fill(t(K::UnCauseNoLife), &[&super::period(Period::Month(*since), locale)])
        }
    }
}

/// The sentence for a problem of a shell decision.
pub fn decision_problem(problem: DecisionProblem, locale: Locale) -> String {
    match problem {
        DecisionProblem::OrgMissing => K::UnErrDecisionOrg.text(locale).to_string(),
        DecisionProblem::ReasonRequired => K::ErrRequired.text(locale).to_string(),
        DecisionProblem::ReasonTooLong(max) => fill(K::ErrTooLong.text(locale), &[&max.to_string()]),
        DecisionProblem::InFuture => K::ErrInFuture.text(locale).to_string(),
    }
}

/// The message for a unit that was not saved: the formation problems in full (they concern more
/// than one field), else the request to correct the highlighted fields.
pub fn unit_error(error: &UnitError, name: &dyn Fn(&str) -> String, locale: Locale) -> String {
    match error {
        UnitError::Store(e) => super::store_error(e, locale),
        UnitError::Invalid(UnitRefusal::Problems(_)) => K::ErrFixFields.text(locale).to_string(),
        UnitError::Invalid(UnitRefusal::Formation(problems)) => {
            problems.iter().map(|p| formation_problem(p, name, locale)).collect::<Vec<_>>().join(" ")
        }
    }
}

/// The inline message for one field of the unit form, if the save failed on it.
pub fn unit_field_error(
    error: &Option<UnitError>,
    field: UnitField,
    name: &dyn Fn(&str) -> String,
    locale: Locale,
) -> Option<String> {
    match error {
        Some(UnitError::Invalid(UnitRefusal::Problems(problems))) => {
            let texts: Vec<String> =
                problems.iter().filter(|p| p.field() == field).map(|p| unit_problem(p, name, locale)).collect();
            (!texts.is_empty()).then(|| texts.join(" "))
        }
        Some(UnitError::Invalid(UnitRefusal::Formation(problems))) if field == UnitField::Formation => {
            Some(problems.iter().map(|p| formation_problem(p, name, locale)).collect::<Vec<_>>().join(" "))
        }
        _ => None,
    }
}

/// The message for a shell decision that was not recorded.
pub fn shell_error(error: &ShellError, locale: Locale) -> String {
    match error {
        ShellError::Store(e) => super::store_error(e, locale),
        ShellError::Invalid(ShellRefusal::Problems(problems)) => {
            problems.iter().map(|p| decision_problem(*p, locale)).collect::<Vec<_>>().join(" ")
        }
        ShellError::Invalid(ShellRefusal::Archive(_)) => K::UnErrArchive.text(locale).to_string(),
    }
}

// --- 两新 units: spreadsheet import and export ---

/// The header of a units sheet's column (the template's and the export's, and the mapping's
/// label).
pub fn import_column(column: UnitColumn) -> K {
    match column {
        UnitColumn::Name => K::UnName,
        UnitColumn::CreditCode => K::UnCreditCode,
        UnitColumn::Kind => K::UnKind,
        UnitColumn::SubType => K::UnSubType,
        UnitColumn::Industry => K::UnIndustry,
        UnitColumn::Area => K::UnArea,
        UnitColumn::Employees => K::UnEmployees,
        UnitColumn::AboveScale => K::UnAboveScale,
        UnitColumn::Status => K::UnStatus,
        UnitColumn::StatusDate => K::UnStatusDate,
        UnitColumn::Supervisor => K::UnSupervisor,
        UnitColumn::PartyMembers => K::UnPartyMembers,
        UnitColumn::FullMembers => K::UnFullMembers,
        UnitColumn::MembershipHere => K::UnMembershipHere,
        UnitColumn::TradeUnion => K::UnTradeUnion,
        UnitColumn::YouthLeague => K::UnYouthLeague,
        UnitColumn::WomensFederation => K::UnWomens,
        UnitColumn::Registered => K::UnRegistered,
        UnitColumn::Formation => K::UnFormation,
        UnitColumn::FormationOrg => K::UnFormationOrg,
        UnitColumn::Instructor => K::UnInstructorName,
        UnitColumn::FormedOn => K::UnFormedOn,
        UnitColumn::Stage => K::UnStage,
        UnitColumn::ModelLevel => K::UnModelLevel,
        UnitColumn::ModelYear => K::UnModelYear,
    }
}

/// The values a column of named values takes, as the UI names them, for "use: …".
fn accepted(column: UnitColumn, locale: Locale) -> String {
    let keys: Vec<K> = match column {
        UnitColumn::Kind => UnitKind::ALL.into_iter().map(unit_kind).collect(),
        UnitColumn::SubType => SubType::ALL.into_iter().map(sub_type).collect(),
        UnitColumn::Status => BusinessStatus::ALL.into_iter().map(status).collect(),
        UnitColumn::Formation => FormationKind::ALL.into_iter().map(Some).chain([None]).map(formation).collect(),
        UnitColumn::Stage => StageChoice::ALL.into_iter().map(stage_choice).collect(),
        UnitColumn::ModelLevel => ModelLevel::ALL.into_iter().map(model_level).collect(),
        _ => Vec::new(),
    };
    super::join_list(&keys.into_iter().map(|k| k.text(locale)).collect::<Vec<_>>(), locale)
}

/// A units sheet's row problem in words; units and orgs are already named by name.
pub fn unit_row_problem(problem: &UnitRowProblem, locale: Locale) -> String {
    let t = |key: K| key.text(locale);
    let same = |name: &str| name.to_string();
    match problem {
        UnitRowProblem::BadCount(v) => fill(t(K::UnImpErrCount), &[v]),
        UnitRowProblem::BadYesNo(v) => fill(t(K::UnImpErrYesNo), &[v]),
        UnitRowProblem::Unknown(column, v) => {
            fill(t(K::UnImpErrUnknown), &[t(import_column(*column)), v, &accepted(*column, locale)])
        }
        UnitRowProblem::KindMismatch { sub_type: s, kind } => {
            fill(t(K::UnImpErrKindMismatch), &[t(sub_type(*s)), t(unit_kind(*kind))])
        }
        UnitRowProblem::UnknownOrg(v) => fill(t(K::UnImpErrUnknownOrg), &[v]),
        UnitRowProblem::OrgArchived(v) => fill(t(K::UnImpErrOrgArchived), &[v]),
        UnitRowProblem::AmbiguousOrg(v) => fill(t(K::UnImpErrAmbiguousOrg), &[v]),
        UnitRowProblem::Rule(p) => unit_problem(p, &same, locale),
        UnitRowProblem::Formation(p) => formation_problem(p, &same, locale),
    }
}

/// An exported cell in the UI's words: names for values, numbers as numbers, dates as
/// `YYYY-MM-DD` — what the units sheet's import reads back unchanged.
pub fn unit_cell(cell: UnitCell, locale: Locale) -> Cell {
    let t = |key: K| Cell::text(key.text(locale));
    match cell {
        UnitCell::Text(text) => Cell::Text(text),
        UnitCell::Count(n) => Cell::Number(n.into()),
        UnitCell::YesNo(yes) => t(if yes { K::UnImpYes } else { K::UnImpNo }),
        UnitCell::Date(date) => date.map_or(Cell::Empty, |d| Cell::text(d.to_string())),
        UnitCell::Kind(kind) => t(unit_kind(kind)),
        UnitCell::SubType(s) => t(sub_type(s)),
        UnitCell::Status(s) => t(status(s)),
        UnitCell::Formation(f) => t(formation(f)),
        UnitCell::Stage(s) => t(stage_choice(s)),
        UnitCell::Level(level) => level.map_or(Cell::Empty, |l| t(model_level(l))),
        UnitCell::Year(year) => year.map_or(Cell::Empty, |y| Cell::Number(y.into())),
    }
}

// --- coverage figures as the coverage page, the dashboard and the kiosk print them ---

/// A share as "92.50%"; "—" without a denominator (no unit, so no rate rather than 0 %).
pub fn percent_text(ratio: crate::domain::units::coverage::Ratio) -> String {
    ratio.percent().map_or_else(|| "—".to_string(), |p| format!("{}%", crate::domain::units::report::two_decimals(p)))
}

/// The fraction behind a share, "37 / 40".
pub fn fraction_text(ratio: crate::domain::units::coverage::Ratio) -> String {
    format!("{} / {}", ratio.numerator, ratio.denominator)
}

/// A share with its fraction, "92.50% · 37 / 40", for a bar's label.
pub fn share_text(ratio: crate::domain::units::coverage::Ratio) -> String {
    format!("{} · {}", percent_text(ratio), fraction_text(ratio))
}

/// A share in percent as a chart draws it; `None` without a rate.
pub fn percent_value(ratio: crate::domain::units::coverage::Ratio) -> Option<f64> {
    ratio.percent().map(|p| p.to_f64())
}

/// The name of a coverage group: an area or industry as written (a word for the units that
/// have none), or a kind's name.
pub fn group_name(key: &crate::domain::units::coverage::GroupKey, locale: Locale) -> String {
    use crate::domain::units::coverage::GroupKey;
    match key {
        GroupKey::Area(area) if area.is_empty() => K::UnCovNoArea.text(locale).to_string(),
        GroupKey::Industry(industry) if industry.is_empty() => K::UnCovNoIndustry.text(locale).to_string(),
        GroupKey::Area(text) | GroupKey::Industry(text) => text.clone(),
        GroupKey::Kind(kind) => unit_kind(*kind).text(locale).to_string(),
    }
}

/// One group's figures in words, for a chart's text alternative.
pub fn coverage_line(name: &str, coverage: crate::domain::units::coverage::Coverage, locale: Locale) -> String {
    fill(K::UnCovLine.text(locale), &[name, &share_text(coverage.org.0), &share_text(coverage.work.0)])
}
