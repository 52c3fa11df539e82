//! The year-end review (述职评议): the year page (`/instructors/year`, `summary`) with every
//! instructor's figures and result, the commendation and replacement lists and the committee's
//! rule (`rule`); and one instructor's review (`/instructors/year/:instructor`, `review`) with its
//! satisfaction survey entered form by form (`survey`).

mod review;
mod rule;
mod summary;
mod survey;

pub use review::InstructorReview;
pub use summary::InstructorYear;

use crate::domain::instructors::review::{Outcome, Pending, Tally};
use crate::domain::values::period::Year;
use crate::i18n::{fill, Locale, K};
use crate::ui::text::instructors::grade;
use crate::ui::text::units::percent_text;

/// "2026年度" / "2026".
fn year_name(year: Year, locale: Locale) -> String {
    fill(K::InYYearName.text(locale), &[&year.to_string()])
}

/// The satisfaction rate, "96.00%", or "—" without a survey or any answer.
fn rate_text(tally: Option<Tally>) -> String {
    tally.map_or_else(|| "—".to_string(), |t| percent_text(t.rate()))
}

/// The result, what is missing for one, or that there is no review yet.
fn outcome_text(outcome: Option<&Outcome>, locale: Locale) -> String {
    match outcome {
        None => K::InYNoReview.text(locale).to_string(),
        Some(Outcome::Graded(g)) => grade(*g).text(locale).to_string(),
        Some(Outcome::Pending(missing)) => {
            let parts: Vec<String> = missing
                .iter()
                .map(|p| match p {
                    Pending::LeaderGrade => K::InYPendingGrade.text(locale).to_string(),
                    Pending::Responses { have, need } => {
                        fill(K::InYPendingForms.text(locale), &[&have.to_string(), &need.to_string()])
                    }
                })
                .collect();
            fill(K::InYPending.text(locale), &[&parts.join(K::InNSep.text(locale))])
        }
    }
}

/// The class of a result's chip: the grade's code, `pending`, or `none`.
fn outcome_class(outcome: Option<&Outcome>) -> String {
    match outcome {
        None => "chip outcome outcome-none".to_string(),
        Some(Outcome::Graded(g)) => format!("chip outcome outcome-{}", g.code()),
        Some(Outcome::Pending(_)) => "chip outcome outcome-pending".to_string(),
    }
}
