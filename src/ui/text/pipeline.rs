//! The words of the development pipeline (发展党员): stages, steps, fields and every problem.

use crate::domain::members::pipeline::{Field, Next, Notice, Problem, Stage};
use crate::domain::members::pipeline_draft::MoveKind;
use crate::i18n::{fill, Locale, K};
use crate::store::WriteError;

/// A stage's name.
pub fn stage(stage: Stage) -> K {
    match stage {
        Stage::Applicant => K::PlStageApplicant,
        Stage::Activist => K::PlStageActivist,
        Stage::Candidate => K::PlStageCandidate,
        Stage::Probationary => K::PlStageProbationary,
        Stage::Full => K::PlStageFull,
    }
}

/// What a next step is called.
pub fn next(step: Next) -> K {
    match step {
        Next::Activist => K::PlNextActivist,
        Next::Candidate => K::PlNextCandidate,
        Next::Vetting => K::PlNextVetting,
        Next::FirstNotice => K::PlNextFirstNotice,
        Next::Probationary => K::PlNextProbationary,
        Next::SecondNotice => K::PlNextSecondNotice,
        Next::Full => K::PlNextFull,
    }
}

/// A step form's title.
pub fn move_kind(kind: MoveKind) -> K {
    match kind {
        MoveKind::Activist => K::PlMoveActivist,
        MoveKind::Candidate => K::PlMoveCandidate,
        MoveKind::Vetting => K::PlMoveVetting,
        MoveKind::Probationary => K::PlMoveProbationary,
        MoveKind::SecondNotice => K::PlMoveSecondNotice,
        MoveKind::Extend => K::PlMoveExtend,
        MoveKind::Full => K::PlMoveFull,
        MoveKind::Cancel => K::PlMoveCancel,
    }
}

/// A field's label.
pub fn field(field: Field) -> K {
    match field {
        Field::Branch => K::PlFieldBranch,
        Field::Name => K::PlFieldName,
        Field::Birth => K::PlFieldBirth,
        Field::AppliedOn => K::PlFieldAppliedOn,
        Field::ActivistOn => K::PlFieldActivistOn,
        Field::Contacts => K::PlFieldContacts,
        Field::CandidateOn => K::PlFieldCandidateOn,
        Field::Vetted => K::PlFieldVetted,
        Field::NoticeStart => K::PlFieldNoticeStart,
        Field::NoticeEnd => K::PlFieldNoticeEnd,
        Field::MeetingOn => K::PlFieldMeetingOn,
        Field::ApprovedOn => K::PlFieldApprovedOn,
        Field::ExtendedOn => K::PlFieldExtendedOn,
        Field::ExtendedUntil => K::PlFieldExtendedUntil,
        Field::FullOn => K::PlFieldFullOn,
        Field::CancelledOn => K::PlFieldCancelledOn,
        Field::Reason => K::PlFieldReason,
    }
}

fn notice(notice: Notice) -> K {
    match notice {
        Notice::First => K::PlNoticeFirst,
        Notice::Second => K::PlNoticeSecond,
    }
}

/// One problem in words.
pub fn problem(problem: &Problem, locale: Locale) -> String {
    let t = |k: K| k.text(locale);
    match problem {
        Problem::Required(f) => fill(t(K::PlErrRequired), &[t(field(*f))]),
        Problem::Invalid(f) => fill(t(K::PlErrInvalid), &[t(field(*f))]),
        Problem::TooLong(f, n) => fill(t(K::PlErrTooLong), &[t(field(*f)), &n.to_string()]),
        Problem::InFuture(f) => fill(t(K::PlErrInFuture), &[t(field(*f))]),
        Problem::Before { field: f, earlier } => fill(t(K::PlErrBefore), &[t(field(*f)), t(field(*earlier))]),
        Problem::TooYoung(day) => fill(t(K::PlErrTooYoung), &[&day.to_string()]),
        Problem::TooSoon { field: f, earliest } => fill(t(K::PlErrTooSoon), &[t(field(*f)), &earliest.to_string()]),
        Problem::NoticeTooShort { notice: n, days } => {
            fill(t(K::PlErrNoticeTooShort), &[t(notice(*n)), &days.to_string()])
        }
        Problem::NoticeNotOver { notice: n, from } => {
            fill(t(K::PlErrNoticeNotOver), &[t(notice(*n)), &from.to_string()])
        }
        Problem::NoticeMissing(n) => fill(t(K::PlErrNoticeMissing), &[t(notice(*n))]),
        Problem::NotVetted => t(K::PlErrNotVetted).to_string(),
        Problem::UnknownContact(id) => fill(t(K::PlErrUnknownContact), &[id]),
        Problem::ContactNotFull(id) => fill(t(K::PlErrContactNotFull), &[id]),
        Problem::ContactOtherBranch(id) => fill(t(K::PlErrContactOtherBranch), &[id]),
        Problem::SameContact => t(K::PlErrSameContact).to_string(),
        Problem::WrongStage { needs, at } => fill(t(K::PlErrWrongStage), &[t(stage(*needs)), t(stage(*at))]),
        Problem::IsCancelled => t(K::PlErrCancelled).to_string(),
        Problem::AlreadyExtended => t(K::PlErrAlreadyExtended).to_string(),
        Problem::ExtensionNotLater(day) => fill(t(K::PlErrExtensionNotLater), &[&day.to_string()]),
        Problem::ExtensionTooLong(day) => fill(t(K::PlErrExtensionTooLong), &[&day.to_string()]),
    }
}

/// The problems of one field, joined; `None` when it has none.
pub fn field_error(problems: &[Problem], f: Field, locale: Locale) -> Option<String> {
    let texts: Vec<String> = problems.iter().filter(|p| p.field() == Some(f)).map(|p| problem(p, locale)).collect();
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// The notice of a refused or failed save: the problems shown at no field of the form (`shown`),
/// else the request to correct the highlighted fields.
pub fn save_error(error: &WriteError<Vec<Problem>>, shown: &[Field], locale: Locale) -> String {
    match error {
        WriteError::Store(e) => super::store_error(e, locale),
        WriteError::Invalid(problems) => {
            let elsewhere: Vec<String> = problems
                .iter()
                .filter(|p| p.field().is_none_or(|f| !shown.contains(&f)))
                .map(|p| problem(p, locale))
                .collect();
            if elsewhere.is_empty() {
                K::ErrFixFields.text(locale).to_string()
            } else {
                elsewhere.join(" ")
            }
        }
    }
}
