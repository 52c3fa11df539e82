//! Names of domain values and problems in the UI's words (via i18n keys).

use crate::domain::org::{Field, Gender, MemberStatus, OrgKind, Problem};
use crate::domain::Category;
use crate::i18n::{fill, Locale, K};
use crate::store::{SaveError, StoreError};

/// Key of a branch category's name.
pub fn category(category: Category) -> K {
    match category {
        Category::Production => K::CatProduction,
        Category::Auxiliary => K::CatAuxiliary,
        Category::Administration => K::CatAdministration,
        Category::Market => K::CatMarket,
        Category::NonPublic => K::CatNonPublic,
    }
}

/// Key of an org kind's name.
pub fn org_kind(kind: OrgKind) -> K {
    match kind {
        OrgKind::Committee => K::KindCommittee,
        OrgKind::GeneralBranch => K::KindGeneralBranch,
        OrgKind::Branch => K::KindBranch,
        OrgKind::Group => K::KindGroup,
    }
}

/// Key of a member status.
pub fn member_status(status: MemberStatus) -> K {
    match status {
        MemberStatus::Full => K::StatusFull,
        MemberStatus::Probationary => K::StatusProbationary,
        MemberStatus::Mobile => K::StatusMobile,
        MemberStatus::TransferredOut => K::StatusTransferredOut,
    }
}

/// Key of a gender.
pub fn gender(gender: Gender) -> K {
    match gender {
        Gender::Male => K::GenderMale,
        Gender::Female => K::GenderFemale,
    }
}

/// The sentence for one validation problem.
pub fn problem(problem: &Problem, locale: Locale) -> String {
    let key = match problem {
        Problem::Required => K::ErrRequired,
        Problem::TooLong(max) => return fill(K::ErrTooLong.text(locale), &[&max.to_string()]),
        Problem::DuplicateName => K::ErrDuplicateName,
        Problem::CategoryRequired => K::ErrCategoryRequired,
        Problem::InFuture => K::ErrInFuture,
        Problem::InvalidDate => K::ErrInvalidDate,
        Problem::JoinedBeforeBirth => K::ErrJoinedBeforeBirth,
        Problem::JoinedTooYoung => K::ErrJoinedTooYoung,
        Problem::ParentMissing => K::ErrParentMissing,
        Problem::ParentKindNotAllowed => K::ErrParentKind,
        Problem::CycleInTree => K::ErrCycle,
        Problem::HasActiveChildren => K::ErrHasActiveChildren,
        Problem::BranchNotAvailable => K::ErrBranchNotAvailable,
        Problem::SameBranch => K::ErrSameBranch,
    };
    key.text(locale).to_string()
}

/// The message for a failed save that has no field of its own (storage failure, or a
/// record-level rule).
pub fn save_error(error: &SaveError, locale: Locale) -> String {
    match error {
        SaveError::Store(e) => store_error(e, locale),
        SaveError::Invalid(problems) => {
            let record: Vec<String> = problems
                .iter()
                .filter(|p| p.field == Field::Record)
                .map(|p| problem(&p.problem, locale))
                .collect();
            if record.is_empty() {
                K::ErrFixFields.text(locale).to_string()
            } else {
                record.join(" ")
            }
        }
    }
}

/// The message for a storage failure.
pub fn store_error(error: &StoreError, locale: Locale) -> String {
    error.message_key().text(locale).to_string()
}

/// Inline message for one field, if the save failed on it.
pub fn field_error(error: &Option<SaveError>, field: Field, locale: Locale) -> Option<String> {
    match error {
        Some(SaveError::Invalid(problems)) => {
            let texts: Vec<String> = problems
                .iter()
                .filter(|p| p.field == field)
                .map(|p| problem(&p.problem, locale))
                .collect();
            (!texts.is_empty()).then(|| texts.join(" "))
        }
        _ => None,
    }
}
