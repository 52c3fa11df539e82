//! Names of the member ratings' values and problems in the UI's words. Problems name members by
//! id; `name` turns an id into the name on the roll.

use crate::domain::members::appraisal::{Appraisal, Handling};
use crate::domain::members::mutual::HalfYear;
use crate::domain::members::points::ItemKind;
use crate::domain::members::rating_problem::{Field, Problem};
use crate::domain::members::settings::SettingsProblem;
use crate::domain::values::period::Year;
use crate::i18n::{fill, Locale, K};
use crate::store::member_ratings::RatingsError;
use crate::store::WriteError;

/// Key of a grade.
pub fn grade(grade: Appraisal) -> K {
    match grade {
        Appraisal::Excellent => K::MrGradeExcellent,
        Appraisal::Qualified => K::MrGradeQualified,
        Appraisal::BasicallyQualified => K::MrGradeBasic,
        Appraisal::Unqualified => K::MrGradeUnqualified,
    }
}

/// Key of a handling.
pub fn handling(handling: Handling) -> K {
    match handling {
        Handling::Rectify => K::MrHandlingRectify,
        Handling::PersuadeToLeave => K::MrHandlingPersuade,
        Handling::Remove => K::MrHandlingRemove,
    }
}

/// Key of an item kind.
pub fn item_kind(kind: ItemKind) -> K {
    match kind {
        ItemKind::Pioneer => K::MrKindPioneer,
        ItemKind::Pledge => K::MrKindPledge,
        ItemKind::Volunteer => K::MrKindVolunteer,
        ItemKind::Other => K::MrKindOther,
        ItemKind::Deduction => K::MrKindDeduction,
    }
}

/// "2025年度" / "2025".
pub fn year_name(year: Year, locale: Locale) -> String {
    fill(K::MrYearName.text(locale), &[&year.to_string()])
}

/// "2026年上半年" / "First half of 2026".
pub fn half_name(half: HalfYear, locale: Locale) -> String {
    let key = if half.number() == 1 { K::MrHalf1 } else { K::MrHalf2 };
    fill(key.text(locale), &[&half.year().to_string()])
}

/// The sentence for one problem.
pub fn problem(problem: &Problem, name: &dyn Fn(&str) -> String, locale: Locale) -> String {
    let t = |k: K| k.text(locale).to_string();
    let one = |k: K, m: &str| fill(k.text(locale), &[&name(m)]);
    match problem {
        Problem::Required(Field::Meeting) => t(K::MrErrMeetingRequired),
        Problem::Required(_) => t(K::MrErrRequired),
        Problem::Invalid(_) => t(K::MrErrInvalid),
        Problem::InFuture(Field::Meeting) => t(K::MrErrMeetingFuture),
        Problem::InFuture(_) => t(K::MrErrInFuture),
        Problem::TooLong(_, n) => fill(K::MrErrTooLong.text(locale), &[&n.to_string()]),
        Problem::NotAReviewRecord(_) => t(K::MrErrNotAReviewRecord),
        Problem::NotBegun => t(K::MrErrNotBegun),
        Problem::NothingEntered => t(K::MrErrNothing),
        Problem::PointsOutOfRange(n) => fill(K::MrErrPointsRange.text(locale), &[&n.to_string()]),
        Problem::NotOnRoll(m) => one(K::MrErrNotOnRoll, m),
        Problem::Twice(m) => one(K::MrErrTwice, m),
        Problem::AppraisedElsewhere { member, branch } => {
            fill(K::MrErrElsewhere.text(locale), &[&name(member), &name(branch)])
        }
        Problem::HandlingRequired(m) => one(K::MrErrHandlingRequired, m),
        Problem::NoteTooLong(m, n) => fill(K::MrErrNoteTooLong.text(locale), &[&name(m), &n.to_string()]),
        Problem::NotAScore(m) => one(K::MrErrNotAScore, m),
        Problem::TooManyRaters(m, n) => fill(K::MrErrTooManyRaters.text(locale), &[&name(m), &n.to_string()]),
    }
}

/// The notice of a refused save: what to fix, every problem in words.
pub fn error(error: &RatingsError, name: &dyn Fn(&str) -> String, locale: Locale) -> String {
    match error {
        WriteError::Store(e) => super::store_error(e, locale),
        WriteError::Invalid(problems) => {
            let mut text = K::ErrFixFields.text(locale).to_string();
            for p in problems {
                text.push(' ');
                text.push_str(&problem(p, name, locale));
            }
            text
        }
    }
}

/// The sentence for a settings problem.
pub fn settings_problem(problem: SettingsProblem) -> K {
    match problem {
        SettingsProblem::NoticeDays => K::MrErrNoticeDays,
        SettingsProblem::TalkThreshold => K::MrErrTalkThreshold,
        SettingsProblem::StarThresholds => K::MrErrStarThresholds,
        SettingsProblem::AttendancePoints => K::MrErrAttendance,
    }
}
