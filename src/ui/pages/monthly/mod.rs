//! Monthly evaluation (月度评价): the grid of branches for a month, and the sheet of one branch.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::ui::data::use_ratings_data;
use crate::domain::rating::deadline::{submission, submitted_on, Submission};
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::org::is_descendant_or_self;
use crate::domain::files::exchange::{ExchangeEvaluation, ExchangeItem, ExchangeVeto};
use crate::domain::files::import::evaluation_key;
use crate::domain::org::OrgKind;
use crate::domain::values::period::{Month, Period};
use crate::domain::values::points::Points;
use crate::domain::rating::auto_score::{auto_scores, overrides_of, read_overrides, write_overrides, AutoBasis, AutoScore};
use crate::domain::rating::rubric::{Indicator, Rubric, ScoringSource};
use crate::domain::rating::scoring::{self, MonthlyResult};
use crate::domain::values::validation::Problem;
use crate::domain::files::table_export::{Cell, Table};
use crate::domain::device::roles;
use crate::domain::rating::workflow::{editable, Action, WorkflowError};
use crate::domain::{Category, Dimension};
use crate::i18n::{fill, Locale, K};
use crate::domain::rating::dataset::RatingsData;
use crate::store::ratings::{self, SheetError, SheetRefusal};
use crate::ui::components::{actions, col, AsyncView, Done, EmptyState, ExportButtons, Loading, NotPermitted, StarLevel, Table as DataTable, Write};
use crate::ui::context::{db, tr, AppContext};
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
use sheet_parts::*;
