//! Monthly evaluation (月度评价): the grid of branches for a month, and the sheet of one branch.

use leptos::prelude::*;

use crate::domain::files::exchange::ExchangeEvaluation;
use crate::domain::rating::dataset::RatingsData;
use crate::domain::rating::deadline::Submission;
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::rating::scoring::MonthlyResult;
use crate::domain::Category;
use crate::i18n::{fill, Locale, K};
use crate::ui::context::{tr, AppContext};
use crate::ui::text;

fn status_chip(status: Option<ReviewStatus>) -> impl IntoView {
    let class = format!("status status-{}", status.map_or("none", |s| s.code()));
    view! { <span class=class>{tr(text::review_status(status))}</span> }
}

fn score_of(data: &RatingsData, category: Category, eval: &ExchangeEvaluation, rubric_key: &str) -> MonthlyResult {
    let rubric = data.rubrics.get(rubric_key).cloned().unwrap_or_else(|| data.active_rubric());
    eval.score(&rubric, category)
}

/// A month's standing against its submission deadline, in words; late and overdue in red with
/// a warning sign, so colour is never the only cue.
fn deadline_cell(deadline: Submission, ctx: AppContext) -> impl IntoView {
    let words = move || deadline_text(deadline, ctx.locale.get());
    match deadline {
        Submission::Open => view! { <span class="hint">"—"</span> }.into_any(),
        Submission::OnTime => view! { <span>{words}</span> }.into_any(),
        Submission::Late(_) | Submission::Overdue(_) => view! { <span class="overdue">"⚠ "{words}</span> }.into_any(),
    }
}

/// A month's standing against its deadline in words; nothing while the month is still open.
fn deadline_text(deadline: Submission, locale: Locale) -> Option<String> {
    match deadline {
        Submission::Open => None,
        Submission::OnTime => Some(K::SubmittedOnTime.text(locale).to_string()),
        Submission::Late(days) => Some(fill(K::SubmittedLate.text(locale), &[&days.to_string()])),
        Submission::Overdue(days) => Some(fill(K::SubmissionOverdue.text(locale), &[&days.to_string()])),
    }
}

mod grid;
mod sheet;
mod sheet_parts;

pub use grid::MonthlyGrid;
pub use sheet::MonthlySheet;
