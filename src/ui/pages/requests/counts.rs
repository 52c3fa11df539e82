//! The year's figures: raised, resolved, open and overdue as big numbers above the list; bars
//! per category, columns per month and a table per accepting department below it — each chart
//! with every value in words for screen readers.

use leptos::prelude::*;

use crate::charts::paired_bars::{PairedBars, PairedRow};
use crate::charts::paired_columns::{ColumnGroup, PairedColumns};
use crate::domain::requests::RequestCounts;
use crate::domain::values::period::{Period, Year};
use crate::i18n::{fill, Locale, K};
use crate::ui::components::{col, Table};
use crate::ui::context::{tr, AppContext};
use crate::ui::text::{self as text_maps, requests as text};

/// The year's four figures as big numbers, above the list.
#[component]
pub(super) fn CountFigures(counts: RequestCounts, year: Year) -> impl IntoView {
    let ctx = AppContext::get();
    let c = counts;
    let figure = |label: K, value: u32, kind: &'static str, warn: bool| {
        view! {
            <div class="card stat" class:stat-alert=warn data-figure=kind>
                <span class="stat-value">{value}</span>
                <span class="stat-label">{tr(label)}</span>
            </div>
        }
    };
    view! {
        <section class="rq-counts" aria-labelledby="rq-counts-title" data-testid="request-counts">
            <h2 id="rq-counts-title">{move || fill(ctx.t(K::RqCountsTitle), &[&year.number().to_string()])}</h2>
            <div class="cards">
                {figure(K::RqRaisedYear, c.raised, "raised", false)}
                {figure(K::RqResolvedYear, c.resolved, "resolved", false)}
                {figure(K::RqOpen, c.open, "open", false)}
                {figure(K::RqOverdue, c.overdue, "overdue", c.overdue > 0)}
            </div>
        </section>
    }
}

/// The year's counts per category, month and department, below the list.
#[component]
pub(super) fn CountCharts(counts: RequestCounts) -> impl IntoView {
    let ctx = AppContext::get();
    let c = counts;
    let line = |key: K, name: &str, a: u32, b: u32, locale: Locale| {
        fill(key.text(locale), &[name, &a.to_string(), &b.to_string()])
    };
    move || {
        let locale = ctx.locale.get();
        let series = [K::RqSeriesRaised.text(locale).to_string(), K::RqSeriesResolved.text(locale).to_string()];
        // Bars are drawn against the largest count, so the longest bar fills the row.
        let most = c.by_category.iter().map(|(_, raised, _)| *raised).max().unwrap_or(0).max(1);
        let share = |n: u32| Some(f64::from(n) * 100.0 / f64::from(most));
        let rows: Vec<PairedRow> = c
            .by_category
            .iter()
            .map(|(category, raised, resolved)| PairedRow {
                label: text::category(*category).text(locale).to_string(),
                values: [share(*raised), share(*resolved)],
                texts: [raised.to_string(), resolved.to_string()],
            })
            .collect();
        let category_desc = c
            .by_category
            .iter()
            .map(|(category, raised, resolved)| {
                line(K::RqCountLine, text::category(*category).text(locale), *raised, *resolved, locale)
            })
            .collect::<Vec<_>>()
            .join(K::ClauseSep.text(locale));
        let month_name = |m| text_maps::period(Period::Month(m), locale);
        let groups: Vec<ColumnGroup> = c
            .by_month
            .iter()
            .map(|(m, raised, resolved)| ColumnGroup {
                label: m.number().to_string(),
                name: month_name(*m),
                counts: [*raised, *resolved],
            })
            .collect();
        let month_desc = c
            .by_month
            .iter()
            .map(|(m, raised, resolved)| line(K::RqCountLine, &month_name(*m), *raised, *resolved, locale))
            .collect::<Vec<_>>()
            .join(K::ClauseSep.text(locale));
        let departments = c.by_department.clone();
        view! {
            <div class="grid-2 rq-charts">
                <section class="card" aria-labelledby="rq-by-category-title">
                    <h2 id="rq-by-category-title">{tr(K::RqByCategory)}</h2>
                    <PairedBars id="request-category-bars" title=K::RqByCategory.text(locale).to_string() desc=category_desc series=series.clone() rows />
                </section>
                <div class="rq-charts-side">
                    <section class="card" aria-labelledby="rq-by-month-title">
                        <h2 id="rq-by-month-title">{tr(K::RqByMonth)}</h2>
                        <PairedColumns id="request-month-columns" title=K::RqByMonth.text(locale).to_string() desc=month_desc series groups />
                    </section>
                    <section class="card" aria-labelledby="rq-by-department-title">
                        <h2 id="rq-by-department-title">{tr(K::RqByDepartment)}</h2>
                        {if departments.is_empty() {
                            view! { <p class="hint">{tr(K::RqNoDepartments)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap" tabindex="0">
                                    <Table class="table-compact" testid="request-departments" cols=vec![
                                        col(K::RqDepartment), col(K::RqAcceptedCount).class("num"), col(K::RqSeriesResolved).class("num"),
                                    ]>
                                        {departments.into_iter().map(|(name, accepted, resolved)| view! {
                                            <tr>
                                                <th scope="row">{name}</th>
                                                <td class="num">{accepted}</td>
                                                <td class="num">{resolved}</td>
                                            </tr>
                                        }).collect_view()}
                                    </Table>
                                </div>
                            }.into_any()
                        }}
                    </section>
                </div>
            </div>
        }
    }
}
