//! The enterprise requests (企业有话说) in the UI's words: categories, statuses, steps and form
//! fields, and every [`Problem`] of a request as a sentence next to its field.

use crate::domain::requests::{Category, Field, Problem, Status, StepKind};
use crate::i18n::{fill, Locale, K};
use crate::store::requests::RequestError;

/// Key of a category.
pub fn category(category: Category) -> K {
    match category {
        Category::Policy => K::RqCatPolicy,
        Category::Industry => K::RqCatIndustry,
        Category::Talent => K::RqCatTalent,
        Category::Technology => K::RqCatTechnology,
        Category::Financing => K::RqCatFinancing,
        Category::Labour => K::RqCatLabour,
        Category::Other => K::RqCatOther,
    }
}

/// Key of a status.
pub fn status(status: Status) -> K {
    match status {
        Status::Raised => K::RqStRaised,
        Status::Accepted => K::RqStAccepted,
        Status::Taken => K::RqStTaken,
        Status::Consulting => K::RqStConsulting,
        Status::Resolved => K::RqStResolved,
    }
}

/// Key of a step's name (点单 is the request itself, so it has no [`StepKind`]).
pub fn step(kind: StepKind) -> K {
    match kind {
        StepKind::Accept => K::RqStepAccept,
        StepKind::Take => K::RqStepTake,
        StepKind::Consult => K::RqStepConsult,
        StepKind::Resolve => K::RqStepResolve,
    }
}

/// Key of the button that takes a step.
pub fn step_action(kind: StepKind) -> K {
    match kind {
        StepKind::Accept => K::RqDoAccept,
        StepKind::Take => K::RqDoTake,
        StepKind::Consult => K::RqDoConsult,
        StepKind::Resolve => K::RqDoResolve,
    }
}

/// Key of a form field's label.
pub fn field(field: Field) -> K {
    match field {
        Field::Unit => K::RqUnit,
        Field::Text => K::RqText,
        Field::RaisedOn => K::RqRaisedOn,
        Field::Department => K::RqDepartment,
        Field::AcceptedOn => K::RqAcceptedOn,
        Field::TakenBy => K::RqTakenBy,
        Field::TakenOn => K::RqTakenOn,
        Field::ConsultedOn => K::RqConsultedOn,
        Field::ConsultationText => K::RqConsultationText,
        Field::ResolvedOn => K::RqResolvedOn,
        Field::ResolutionText => K::RqResolutionText,
    }
}

/// The step a date field belongs to, named.
fn step_of(field: Field) -> K {
    match field {
        Field::AcceptedOn | Field::Department => K::RqStepAccept,
        Field::TakenOn | Field::TakenBy => K::RqStepTake,
        Field::ConsultedOn | Field::ConsultationText => K::RqStepConsult,
        Field::ResolvedOn | Field::ResolutionText => K::RqStepResolve,
        Field::RaisedOn | Field::Unit | Field::Text => K::RqStepRaise,
    }
}

/// The sentence for one problem of a request.
pub fn problem(problem: &Problem, locale: Locale) -> String {
    let t = |key: K| key.text(locale);
    match problem {
        Problem::Required(Field::Unit) => t(K::RqErrChooseUnit).to_string(),
        Problem::Required(_) => t(K::ErrRequired).to_string(),
        Problem::TooLong(_, max) => fill(t(K::ErrTooLong), &[&max.to_string()]),
        Problem::InFuture(_) => t(K::ErrInFuture).to_string(),
        Problem::InvalidDate(_) => t(K::ErrInvalidDate).to_string(),
        Problem::Before { earlier, .. } => fill(t(K::RqErrBefore), &[t(field(*earlier))]),
        Problem::OutOfOrder { step: Field::ResolvedOn, .. } => t(K::RqErrResolveNeeds).to_string(),
        Problem::OutOfOrder { step, needs } => fill(t(K::RqErrOutOfOrder), &[t(step_of(*needs)), t(step_of(*step))]),
        Problem::UnknownUnit(_) => t(K::RqErrUnknownUnit).to_string(),
    }
}

/// The inline message for `field`, if the save failed on it.
pub fn field_error(problems: &[Problem], field: Field, locale: Locale) -> Option<String> {
    let texts: Vec<String> = problems.iter().filter(|p| p.field() == field).map(|p| problem(p, locale)).collect();
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// The notice for a refused or failed save: the problems of fields the form does not show in
/// full (`shown`), else the request to correct the highlighted ones.
pub fn request_error(error: &RequestError, shown: &[Field], locale: Locale) -> String {
    match error {
        RequestError::Store(e) => super::store_error(e, locale),
        RequestError::Invalid(problems) => {
            let elsewhere: Vec<String> =
                problems.iter().filter(|p| !shown.contains(&p.field())).map(|p| problem(p, locale)).collect();
            if elsewhere.is_empty() {
                K::ErrFixFields.text(locale).to_string()
            } else {
                elsewhere.join(" ")
            }
        }
    }
}

/// "12 天" / "12 days".
pub fn days(n: u32, locale: Locale) -> String {
    fill(K::RqDays.text(locale), &[&n.to_string()])
}
