//! The words of the mobile members' pages: each [`MobileProblem`] as a sentence.

use crate::domain::members::mobile::{MobileField, MobileProblem, ReportForm};
use crate::i18n::{fill, Locale, K};

/// The label of a field (named by "not earlier than …").
pub fn field(field: MobileField) -> K {
    match field {
        MobileField::Member => K::MmFMember,
        MobileField::Certificate => K::MmFCertificate,
        MobileField::Destination => K::MmFDestination,
        MobileField::Address => K::MmFAddress,
        MobileField::LeftOn => K::MmFLeftOn,
        MobileField::ExpectedReturn => K::MmFExpectedReturn,
        MobileField::Contact => K::MmFContact,
        MobileField::HostOrg => K::MmFHostOrg,
        MobileField::ReturnedOn => K::MmFReturnedOn,
        MobileField::ReportDate => K::MmFReportDate,
        MobileField::ReportContent => K::MmFReportContent,
    }
}

/// The name of a report form.
pub fn form(form: ReportForm) -> K {
    match form {
        ReportForm::Written => K::MmFormWritten,
        ReportForm::Oral => K::MmFormOral,
    }
}

/// The sentence for one problem.
pub fn problem(problem: &MobileProblem, locale: Locale) -> String {
    let t = |k: K| k.text(locale).to_string();
    match problem {
        MobileProblem::Required(_) => t(K::MmErrRequired),
        MobileProblem::TooLong(_, max) => fill(K::MmErrTooLong.text(locale), &[&max.to_string()]),
        MobileProblem::Invalid(_) => t(K::MmErrInvalid),
        MobileProblem::InFuture(_) => t(K::MmErrInFuture),
        MobileProblem::Before { earlier, .. } => fill(K::MmErrBefore.text(locale), &[field(*earlier).text(locale)]),
        MobileProblem::UnknownMember(_) => t(K::MmErrUnknownMember),
        MobileProblem::MemberNotActive => t(K::MmErrNotActive),
        MobileProblem::AlreadyAway => t(K::MmErrAlreadyAway),
        MobileProblem::AlreadyReturned => t(K::MmErrAlreadyReturned),
        MobileProblem::OutsidePeriod => t(K::MmErrOutside),
        MobileProblem::ReportAfterReturn(day) => fill(K::MmErrReportAfter.text(locale), &[&day.to_string()]),
    }
}

/// The inline message of `field` among `problems`.
pub fn field_error(problems: &[MobileProblem], at: MobileField, locale: Locale) -> Option<String> {
    let texts: Vec<String> = problems.iter().filter(|p| p.field() == Some(at)).map(|p| problem(p, locale)).collect();
    (!texts.is_empty()).then(|| texts.join(" "))
}
