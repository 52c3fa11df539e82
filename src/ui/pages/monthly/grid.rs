//! `/monthly`: every branch's monthly sheet status and score.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{deadline_cell, deadline_text, score_of, status_chip};
use crate::domain::files::table_export::{Cell, Table};
use crate::domain::org::{is_descendant_or_self, OrgKind};
use crate::domain::rating::dataset::RatingsData;
use crate::domain::rating::deadline::{submission, submitted_on};
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::values::period::{Month, Period};
use crate::domain::Category;
use crate::i18n::{fill, K};
use crate::ui::components::{actions, col, AsyncView, ExportButtons, Table as DataTable};
use crate::ui::context::{tr, AppContext};
use crate::ui::data::use_ratings_data;
use crate::ui::text;

/// The month grid at `/monthly`.
#[component]
pub fn MonthlyGrid() -> impl IntoView {
    let data = use_ratings_data();
    view! {
        <section class="page">
            <h1>{tr(K::NavMonthly)}</h1>
            <AsyncView resource=data let:data>
                <Grid data />
            </AsyncView>
        </section>
    }
}

#[component]
pub(super) fn Grid(data: RatingsData) -> impl IntoView {
    let ctx = AppContext::get();
    let mut months: Vec<Month> = data.evaluations.iter().map(|r| r.evaluation.month).collect();
    months.push(crate::store::this_month());
    months.sort();
    months.dedup();
    months.reverse();
    let start = data.evaluations.iter().map(|r| r.evaluation.month).max().unwrap_or_else(crate::store::this_month);
    let month = RwSignal::new(start);
    let category = RwSignal::new(None::<Category>);
    let scope = RwSignal::new(None::<String>);
    let status_filter = RwSignal::new(None::<Option<ReviewStatus>>);
    let scopes = crate::domain::org::filter_scopes(&data.orgs);
    let rules = StoredValue::new(data.active_rubric().ledger);
    let today = crate::store::today();
    let data = StoredValue::new(data);
    let rows = move || {
        let month = month.get();
        data.with_value(|d| {
            let mut branches: Vec<_> =
                d.orgs.iter().filter(|o| o.kind == OrgKind::Branch && !o.archived).cloned().collect();
            branches.sort_by(|a, b| a.name.cmp(&b.name));
            branches
                .into_iter()
                .filter(|o| category.get().is_none_or(|c| o.category == Some(c)))
                .filter(|o| scope.get().is_none_or(|s| is_descendant_or_self(&d.orgs, &o.id, &s)))
                .map(|o| {
                    let record =
                        d.evaluations.iter().find(|r| r.evaluation.branch == o.id && r.evaluation.month == month);
                    let score = match (record, o.category) {
                        (Some(r), Some(c)) => Some(score_of(d, c, &r.evaluation, &r.rubric)),
                        _ => None,
                    };
                    let status = record.map(|r| r.evaluation.status);
                    let submitted = record.and_then(|r| submitted_on(&r.evaluation.extra));
                    let deadline = rules.with_value(|r| submission(r, month, status, submitted, today));
                    (o, status, score, deadline)
                })
                .filter(|(_, status, _, _)| status_filter.get().is_none_or(|wanted| wanted == *status))
                .collect::<Vec<_>>()
        })
    };
    let due = move || rules.with_value(|r| r.submission_due(month.get())).map(|d| d.to_string()).unwrap_or_default();
    // The grid on screen as a spreadsheet, built when an export button is pressed.
    let export_table = Signal::derive(move || {
        let locale = ctx.locale.get();
        let headers = [K::KindBranch, K::Category, K::ReviewStatusLabel, K::Score, K::DeadlineColumn];
        Table {
            title: format!("{} {}", K::NavMonthly.text(locale), text::period(Period::Month(month.get()), locale)),
            headers: headers.iter().map(|k| k.text(locale).to_string()).collect(),
            rows: rows()
                .into_iter()
                .map(|(org, status, score, deadline)| {
                    vec![
                        Cell::text(org.name),
                        org.category.map_or(Cell::Empty, |c| Cell::text(text::category(c).text(locale))),
                        Cell::text(text::review_status(status).text(locale)),
                        Cell::points_or_empty(score.map(|s| s.score)),
                        deadline_text(deadline, locale).map_or(Cell::Empty, Cell::Text),
                    ]
                })
                .collect(),
        }
    });
    let export_stem = Signal::derive(move || format!("{}-{}", ctx.t(K::ExportFileMonthly), month.get()));
    view! {
        <div class="toolbar">
            <label class="inline-field">
                <span>{tr(K::Month)}</span>
                <select data-testid="month" on:change=move |ev| {
                    if let Ok(m) = event_target_value(&ev).parse() {
                        month.set(m);
                    }
                }>
                    {months.into_iter().map(|m| view! { <option value=m.to_string() selected=move || month.get() == m>{m.to_string()}</option> }).collect_view()}
                </select>
            </label>
            <label class="inline-field">
                <span>{tr(K::Category)}</span>
                <select on:change=move |ev| category.set(Category::from_code(&event_target_value(&ev)))>
                    <option value="">{tr(K::AllCategories)}</option>
                    {Category::ALL.into_iter().map(|c| view! { <option value=c.code()>{tr(text::category(c))}</option> }).collect_view()}
                </select>
            </label>
            <label class="inline-field">
                <span>{tr(K::ScopeLabel)}</span>
                <select data-testid="scope-filter" on:change=move |ev| scope.set(Some(event_target_value(&ev)).filter(|v| !v.is_empty()))>
                    <option value="">{tr(K::AllOrgs)}</option>
                    {scopes.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </label>
            <label class="inline-field">
                <span>{tr(K::ReviewStatusLabel)}</span>
                <select data-testid="status-filter" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    status_filter.set(match value.as_str() {
                        "" => None,
                        "none" => Some(None),
                        code => Some(ReviewStatus::from_code(code)),
                    });
                }>
                    <option value="">{tr(K::AllStatuses)}</option>
                    <option value="none">{tr(text::review_status(None))}</option>
                    {ReviewStatus::ALL.into_iter().map(|s| view! { <option value=s.code()>{tr(text::review_status(Some(s)))}</option> }).collect_view()}
                </select>
            </label>
            <ExportButtons table=export_table file_stem=export_stem />
        </div>
        <p class="hint" data-testid="deadline-hint">{move || fill(ctx.t(K::SubmitDeadline), &[&due()])}</p>
        <div class="table-wrap" tabindex="0">
            <DataTable
                class="sticky-first"
                testid="monthly-grid"
                cols=vec![
                    col(K::KindBranch),
                    col(K::Category),
                    col(K::ReviewStatusLabel),
                    col(K::Score).class("num"),
                    col(K::DeadlineColumn),
                    actions(K::Actions),
                ]
            >
                    {move || rows().into_iter().map(|(org, status, score, deadline)| {
                        let href = format!("/monthly/{}/{}", org.id, month.get_untracked());
                        let open_label = fill(ctx.t(K::OpenSheetOf), &[&org.name]);
                        view! {
                            <tr>
                                <td>{org.name.clone()}</td>
                                <td>{org.category.map(|c| view! { <span class="chip">{tr(text::category(c))}</span> })}</td>
                                <td>{status_chip(status)}</td>
                                <td class="num">{score.map(|s| s.score.fixed())}</td>
                                <td>{deadline_cell(deadline, ctx)}</td>
                                <td><A href=href attr:class="btn btn-small" attr:aria-label=open_label>{tr(K::OpenSheet)}</A></td>
                            </tr>
                        }
                    }).collect_view()}
            </DataTable>
        </div>
    }
}
