//! Names of the instructors' values and problems in the UI's words. Problems name units and
//! instructors by id; `name` turns an id into what the user knows it by.

use crate::domain::files::report_package::{PackageProblem, ReportPackageError};
use crate::domain::instructors::assignment::{EndReason, Role, Step};
use crate::domain::instructors::instructor::{Source, Status, MAX_TEXT_CHARS};
use crate::domain::instructors::review::{DefaultQuestion, Grade, Respondent, Satisfaction};
use crate::domain::instructors::settings::SettingsProblem;
use crate::domain::instructors::{Field, Problem};
use crate::i18n::{fill, Locale, K};
use crate::store::instructors::{InstructorError, ReportPackageImportError};
use crate::store::WriteError;

/// Key of a source.
pub fn source(source: Source) -> K {
    match source {
        Source::ServingCadre => K::InSrcServing,
        Source::ReserveCadre => K::InSrcReserve,
        Source::RetiredCadre => K::InSrcRetired,
        Source::Department => K::InSrcDepartment,
    }
}

/// Key of a status.
pub fn status(status: Status) -> K {
    match status {
        Status::Available => K::InStAvailable,
        Status::OnDuty => K::InStOnDuty,
        Status::Left => K::InStLeft,
    }
}

/// Key of a role.
pub fn role(role: Role) -> K {
    match role {
        Role::Instructor => K::InRoleInstructor,
        Role::Secretary => K::InRoleSecretary,
    }
}

/// Key of a step of the two-way match.
pub fn step(step: Step) -> K {
    match step {
        Step::Requested => K::InStepRequested,
        Step::Consented => K::InStepConsented,
        Step::Signed => K::InStepSigned,
        Step::Appointed => K::InStepAppointed,
    }
}

/// Key of an ending's reason.
pub fn end_reason(reason: EndReason) -> K {
    match reason {
        EndReason::Completed => K::InEndCompleted,
        EndReason::Replaced => K::InEndReplaced,
        EndReason::Withdrawn => K::InEndWithdrawn,
        EndReason::Other => K::InEndOther,
    }
}

/// Key of a grade.
pub fn grade(grade: Grade) -> K {
    match grade {
        Grade::Excellent => K::InGradeExcellent,
        Grade::Competent => K::InGradeCompetent,
        Grade::Basic => K::InGradeBasic,
        Grade::Unfit => K::InGradeUnfit,
    }
}

/// Key of a survey answer.
pub fn satisfaction(answer: Satisfaction) -> K {
    match answer {
        Satisfaction::VerySatisfied => K::InSatVery,
        Satisfaction::Satisfied => K::InSatSatisfied,
        Satisfaction::Basic => K::InSatBasic,
        Satisfaction::Dissatisfied => K::InSatDissatisfied,
    }
}

/// Key of a respondent kind.
pub fn respondent(respondent: Respondent) -> K {
    match respondent {
        Respondent::Member => K::InRespMember,
        Respondent::Employee => K::InRespEmployee,
    }
}

/// Key of a default survey question.
pub fn default_question(question: DefaultQuestion) -> K {
    match question {
        DefaultQuestion::Policy => K::InQPolicy,
        DefaultQuestion::Organisation => K::InQOrganisation,
        DefaultQuestion::Problems => K::InQProblems,
        DefaultQuestion::Development => K::InQDevelopment,
        DefaultQuestion::Conduct => K::InQConduct,
    }
}

/// The default questions worded in `locale`: what a new review starts with while the committee
/// has set none.
pub fn default_questions(locale: Locale) -> Vec<String> {
    DefaultQuestion::ALL.into_iter().map(|q| default_question(q).text(locale).to_string()).collect()
}

/// Key of a form field's label.
pub fn field(field: Field) -> K {
    match field {
        Field::Name => K::InFName,
        Field::BirthYear => K::InFBirthYear,
        Field::Department => K::InFDepartment,
        Field::Specialties => K::InFSpecialties,
        Field::Contact => K::InFContact,
        Field::LeftOn => K::InFLeftOn,
        Field::Instructor => K::InFInstructor,
        Field::Units => K::InFUnits,
        Field::RequestedOn => K::InStepRequested,
        Field::ConsentedOn => K::InStepConsented,
        Field::SignedOn => K::InStepSigned,
        Field::AppointedOn => K::InStepAppointed,
        Field::EndedOn => K::InFEndedOn,
        Field::EndNote => K::InFEndNote,
        Field::Month => K::InFMonth,
        Field::Unit => K::InFUnit,
        Field::Visits => K::InFVisits,
        Field::Services => K::InFServices,
        Field::ServicesText => K::InFServicesText,
        Field::ProblemsSolved => K::InFProblemsSolved,
        Field::ProblemsText => K::InFProblemsText,
        Field::Activists => K::InFActivists,
        Field::MassOrgs => K::InFMassOrgs,
        Field::Funding => K::InFFunding,
        Field::Note => K::InFNote,
        Field::ReportText => K::InFReportText,
        Field::LeaderComment => K::InFLeaderComment,
        Field::Questions => K::InFQuestions,
        Field::Responses => K::InFResponses,
    }
}

/// The sentence for one problem.
pub fn problem(problem: &Problem, name: &dyn Fn(&str) -> String, locale: Locale) -> String {
    let t = |key: K| key.text(locale);
    match problem {
        Problem::Required(_) => t(K::ErrRequired).to_string(),
        // Lists are limited in items, texts in characters; the limits of the two never meet.
        Problem::TooLong(Field::Specialties | Field::Questions | Field::Responses, max) if *max < MAX_TEXT_CHARS => {
            fill(t(K::InErrTooMany), &[&max.to_string()])
        }
        Problem::TooLong(_, max) => fill(t(K::ErrTooLong), &[&max.to_string()]),
        Problem::InFuture(_) => t(K::ErrInFuture).to_string(),
        Problem::Invalid(_) => t(K::InErrInvalid).to_string(),
        Problem::NotACount(_, max) => fill(t(K::InErrNotACount), &[&max.to_string()]),
        Problem::OutOfRange(Field::BirthYear) => t(K::InErrBirthYear).to_string(),
        Problem::OutOfRange(Field::Funding) => t(K::InErrFunding).to_string(),
        Problem::OutOfRange(_) => t(K::InErrOutOfRange).to_string(),
        Problem::Before { earlier, .. } => fill(t(K::InErrBefore), &[t(field(*earlier))]),
        Problem::StepSkipped { missing, .. } => fill(t(K::InErrStepSkipped), &[t(field(*missing))]),
        Problem::UnknownInstructor(_) => t(K::InErrUnknownInstructor).to_string(),
        Problem::InstructorLeft => t(K::InErrInstructorLeft).to_string(),
        Problem::UnknownUnit(id) => fill(t(K::InErrUnknownUnit), &[id]),
        Problem::UnitCeased { unit, since } => {
            fill(t(K::InErrUnitCeased), &[&name(unit), &since.map(|d| d.to_string()).unwrap_or_default()])
        }
        Problem::DuplicateUnit(unit) => fill(t(K::InErrDuplicateUnit), &[&name(unit)]),
        Problem::UnitTaken { unit, by } => fill(t(K::InErrUnitTaken), &[&name(unit), &name(by)]),
        Problem::OpenAssignments(n) => fill(t(K::InErrOpenAssignments), &[&n.to_string()]),
        Problem::NotActiveInMonth => t(K::InErrNotActiveInMonth).to_string(),
        Problem::UnitNotInAssignment(unit) => fill(t(K::InErrUnitNotInAssignment), &[&name(unit)]),
        Problem::VisitOutsideMonth(day) => fill(t(K::InErrVisitOutsideMonth), &[&day.to_string()]),
        Problem::TooManyVisits(n) => fill(t(K::InErrTooManyVisits), &[&n.to_string()]),
        Problem::IncompleteResponse(n) => fill(t(K::InErrIncompleteResponse), &[&n.to_string()]),
        Problem::DuplicateQuestion(n) => fill(t(K::InErrDuplicateQuestion), &[&n.to_string()]),
        Problem::YearNotBegun => t(K::InErrYearNotBegun).to_string(),
    }
}

/// The message above a form whose save failed: storage's, or "correct the highlighted fields"
/// followed by the problems that belong to no field shown.
pub fn error(error: &InstructorError, shown: &[Field], name: &dyn Fn(&str) -> String, locale: Locale) -> String {
    match error {
        WriteError::Store(e) => super::store_error(e, locale),
        WriteError::Invalid(problems) => {
            let mut text = K::ErrFixFields.text(locale).to_string();
            for p in problems.iter().filter(|p| p.field().is_none_or(|f| !shown.contains(&f))) {
                text.push(' ');
                text.push_str(&problem(p, name, locale));
            }
            text
        }
    }
}

/// The inline message for one field, if the save failed on it.
pub fn field_error(
    error: &Option<InstructorError>,
    field: Field,
    name: &dyn Fn(&str) -> String,
    locale: Locale,
) -> Option<String> {
    let Some(WriteError::Invalid(problems)) = error else { return None };
    let texts: Vec<String> =
        problems.iter().filter(|p| p.field() == Some(field)).map(|p| problem(p, name, locale)).collect();
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// The sentence for a settings problem.
pub fn settings_problem(problem: SettingsProblem, locale: Locale) -> &'static str {
    use crate::domain::instructors::review::RuleProblem;
    match problem {
        SettingsProblem::MaxLoad => K::InErrSetMaxLoad,
        SettingsProblem::DueDay => K::InErrSetDueDay,
        SettingsProblem::RequestDueDays => K::InErrSetRequestDays,
        SettingsProblem::Rule(RuleProblem::ThresholdsOutOfOrder) => K::InErrSetThresholds,
        SettingsProblem::Rule(RuleProblem::MinResponsesOutOfRange) => K::InErrSetMinResponses,
        SettingsProblem::Questions => K::InErrSetQuestions,
    }
    .text(locale)
}

/// Why an instructor report package was not imported, every problem with its place.
pub fn package_error(error: &ReportPackageImportError, name: &dyn Fn(&str) -> String, locale: Locale) -> Vec<String> {
    match error {
        WriteError::Store(e) => vec![super::store_error(e, locale)],
        WriteError::Invalid(ReportPackageError::Envelope(e)) => {
            vec![super::envelope_refusal(e, &super::REPORT_PACKAGE_ENVELOPE, locale)]
        }
        WriteError::Invalid(ReportPackageError::Invalid(problems)) => problems
            .iter()
            .map(|p| {
                // `reports[3]` is the fourth report of the file.
                let place =
                    p.at.strip_prefix("reports[")
                        .and_then(|rest| rest.strip_suffix(']'))
                        .and_then(|n| n.parse::<usize>().ok())
                        .map_or_else(
                            || K::InPkgDocument.text(locale).to_string(),
                            |n| fill(K::InPkgPlace.text(locale), &[&(n + 1).to_string()]),
                        );
                let what = match &p.kind {
                    PackageProblem::Shape => K::InPkgErrShape.text(locale).to_string(),
                    PackageProblem::UnknownAssignment(_) => K::InPkgErrUnknownAssignment.text(locale).to_string(),
                    PackageProblem::OtherInstructor(_) => K::InPkgErrOtherInstructor.text(locale).to_string(),
                    PackageProblem::Duplicate(_) => K::InPkgErrDuplicate.text(locale).to_string(),
                    PackageProblem::Report(problem) => {
                        let label = problem.field().map(|f| field(f).text(locale));
                        let sentence = self::problem(problem, name, locale);
                        match label {
                            Some(label) => fill(K::InPkgFieldProblem.text(locale), &[label, &sentence]),
                            None => sentence,
                        }
                    }
                };
                fill(K::InPkgLocated.text(locale), &[&place, &what])
            })
            .collect(),
    }
}
