//! The words of the dues pages: each [`DuesProblem`] as a sentence, rates as percentages.

use crate::domain::members::dues::{DuesProblem, MAX_DUES_YUAN};
use crate::domain::values::ratio::Ratio;
use crate::i18n::{fill, Locale, K};

/// The sentence for one problem of a row.
pub fn problem(problem: &DuesProblem, locale: Locale) -> String {
    match problem {
        DuesProblem::Invalid(_) => K::DuErrInvalid.text(locale).to_string(),
        DuesProblem::Negative(_) => K::DuErrNegative.text(locale).to_string(),
        DuesProblem::TooLarge(_) => fill(K::DuErrTooLarge.text(locale), &[&MAX_DUES_YUAN.to_string()]),
        DuesProblem::Overpaid => K::DuErrOverpaid.text(locale).to_string(),
        DuesProblem::PaidOnMissing => K::DuErrPaidOnMissing.text(locale).to_string(),
        DuesProblem::PaidOnWithoutPayment => K::DuErrPaidOnWithout.text(locale).to_string(),
        DuesProblem::PaidBeforeMonth => K::DuErrPaidBefore.text(locale).to_string(),
        DuesProblem::InFuture(_) => K::DuErrFuture.text(locale).to_string(),
        DuesProblem::UnknownMember(_) => K::DuErrUnknownMember.text(locale).to_string(),
        DuesProblem::DuplicateMember(_) => K::DuErrDuplicate.text(locale).to_string(),
    }
}

/// A rate as "97.25%" (to the hundredth, two decimals always), or "nothing due".
pub fn rate(ratio: Option<Ratio>, locale: Locale) -> String {
    match ratio.and_then(Ratio::percent) {
        Some(p) => format!("{}%", p.fixed()),
        None => K::DuRateNone.text(locale).to_string(),
    }
}
