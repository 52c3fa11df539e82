//! `/instructors/year[?year=2026]`: every instructor's year — reports filed against owed, what
//! they did, the satisfaction rate and the result or what it still waits for — with the list to
//! commend (优秀), the open assignments to replace (不称职, 需调整) and the committee's rule. It
//! is filed with the year's records, so it prints with its year, the day of the figures and a
//! signature line.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::super::InstructorsTabs;
use super::rule::RuleCard;
use super::{outcome_class, outcome_text, rate_text, year_name};
use crate::domain::files::table_export::{Cell, Table as Sheet};
use crate::domain::instructors::summary::{self, commended, to_replace, year_summary, years_around};
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;
use crate::i18n::{fill, Locale, K};
use crate::store::{self, instructors::InstructorData};
use crate::ui::components::{actions, col, AsyncView, EmptyState, ExportButtons, Table};
use crate::ui::context::{tr, AppContext};
use crate::ui::data::use_instructor_data;

/// The year-end review of every instructor.
#[component]
pub fn InstructorYear() -> impl IntoView {
    let data = use_instructor_data();
    let query = use_query_map();
    let today = store::today();
    let this_year = store::this_month().year();
    let year = Memo::new(move |_| {
        query.with(|q| q.get("year").and_then(|y| y.parse().ok()).and_then(Year::new)).unwrap_or(this_year)
    });
    view! {
        <section class="page instructors-print year-page">
            <InstructorsTabs />
            <div class="page-head">
                <h1>{tr(K::InYTitle)}</h1>
                <div class="head-actions no-print">
                    <button type="button" class="btn" on:click=move |_| { let _ = window().print(); }>{tr(K::Print)}</button>
                </div>
            </div>
            <YearPicker year today />
            <AsyncView resource=data let:data>
                <YearView data year today />
            </AsyncView>
        </section>
    }
}

#[component]
fn YearPicker(year: Memo<Year>, today: Date) -> impl IntoView {
    let ctx = AppContext::get();
    let step = move |to: Option<Year>, label: K, testid: &'static str| match to {
        Some(y) => view! {
            <A href=format!("/instructors/year?year={y}") attr:class="btn" attr:data-testid=testid>{tr(label)}</A>
        }
        .into_any(),
        None => view! { <span class="btn btn-disabled" aria-disabled="true" data-testid=testid>{tr(label)}</span> }
            .into_any(),
    };
    view! {
        <nav class="period-picker no-print" aria-label=tr(K::InYPicker)>
            {move || {
                let (previous, next) = years_around(year.get(), today);
                view! {
                    {step(previous, K::InYPrev, "year-previous")}
                    <strong class="period-current" aria-live="polite" data-testid="review-year">
                        {year_name(year.get(), ctx.locale.get())}
                    </strong>
                    {step(next, K::InYNext, "year-next")}
                }
            }}
        </nav>
    }
}

fn name_of(data: &InstructorData, id: &str) -> String {
    data.instructor(id).map_or_else(|| id.to_string(), |i| i.name.clone())
}

#[component]
fn YearView(data: InstructorData, year: Memo<Year>, today: Date) -> impl IntoView {
    let ctx = AppContext::get();
    let settings = data.settings.clone();
    let data = StoredValue::new(data);
    let rows = Memo::new(move |_| {
        data.with_value(|d| {
            let s = &d.settings;
            year_summary(
                year.get(),
                &d.instructors,
                &d.assignments,
                &d.reports,
                &d.reviews,
                s.rule,
                s.report_due_day,
                today,
            )
        })
    });
    let export = Signal::derive(move || sheet(&rows.get(), year.get(), ctx.locale.get()));
    let stem = Signal::derive(move || format!("{}-{}", ctx.t(K::InYTitle), year.get()));
    view! {
        <p class="print-only print-line" data-testid="year-print-line">
            {move || fill(ctx.t(K::InYPrintLine), &[&year_name(year.get(), ctx.locale.get()), &today.to_string()])}
        </p>
        {move || {
            let rows = rows.get();
            if rows.is_empty() {
                return view! { <EmptyState message=K::InYEmpty /> }.into_any();
            }
            let locale = ctx.locale.get();
            let y = year.get();
            view! {
                <section class="card" aria-labelledby="year-table-title">
                    <div class="page-head">
                        <h2 id="year-table-title">{tr(K::InYSummaryTitle)}</h2>
                        <ExportButtons table=export file_stem=stem />
                    </div>
                    {summary_table(&rows, y, locale)}
                </section>
                <div class="grid-2 year-lists">
                    {commend_list(&rows)}
                    {data.with_value(|d| replace_list(&rows, d))}
                </div>
            }
            .into_any()
        }}
        <RuleCard settings />
        <div class="print-only signatures">
            <span>{tr(K::InNSignCommittee)}</span>
            <span>{tr(K::InNSignIssuer)}</span>
            <span>{tr(K::InNSignDate)}</span>
        </div>
    }
}

fn summary_table(rows: &[summary::InstructorYear], year: Year, locale: Locale) -> impl IntoView {
    let cols = vec![
        col(K::InFInstructor),
        col(K::InNReports).class("num"),
        col(K::InNLate).class("num"),
        col(K::InNVisits).class("num"),
        col(K::InNServices).class("num"),
        col(K::InNProblems).class("num"),
        col(K::InYRate).class("num"),
        col(K::InYResult),
        actions(K::Actions).class("no-print"),
    ];
    let body = rows
        .iter()
        .map(|r| {
            let href = format!("/instructors/year/{}?year={year}", r.instructor);
            let label = fill(K::InYOpenFor.text(locale), &[&r.name]);
            view! {
                <tr data-instructor=r.instructor.clone()>
                    <th scope="row">{r.name.clone()}</th>
                    <td class="num">{format!("{} / {}", r.filed, r.owed)}</td>
                    <td class="num">{r.late}</td>
                    <td class="num">{r.visits}</td>
                    <td class="num">{r.services}</td>
                    <td class="num">{r.problems_solved}</td>
                    <td class="num" data-cell="rate">{rate_text(r.tally)}</td>
                    <td data-cell="result">
                        <span class=outcome_class(r.outcome.as_ref())>{outcome_text(r.outcome.as_ref(), locale)}</span>
                    </td>
                    <td class="no-print">
                        <A href=href attr:class="btn btn-small" attr:aria-label=label>{tr(K::InYNav)}</A>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <Table class="table-compact year-table" testid="year-table" cols>
                {body}
            </Table>
        </div>
    }
}

fn commend_list(rows: &[summary::InstructorYear]) -> impl IntoView {
    let listed = commended(rows);
    view! {
        <section class="card" aria-labelledby="commend-title" data-testid="commend-list">
            <h2 id="commend-title">{tr(K::InYCommendTitle)}</h2>
            {if listed.is_empty() {
                view! { <p class="hint">{tr(K::InYCommendNone)}</p> }.into_any()
            } else {
                view! {
                    <ol class="year-list">
                        {listed
                            .into_iter()
                            .map(|r| view! {
                                <li data-instructor=r.instructor.clone()>
                                    <strong>{r.name.clone()}</strong>
                                    <span class="year-list-note">{tr(K::InYRate)}" "{rate_text(r.tally)}</span>
                                </li>
                            })
                            .collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

fn replace_list(rows: &[summary::InstructorYear], data: &InstructorData) -> impl IntoView {
    let ctx = AppContext::get();
    let listed = to_replace(rows, &data.assignments);
    view! {
        <section class="card" aria-labelledby="replace-title" data-testid="replace-list">
            <h2 id="replace-title">{tr(K::InYReplaceTitle)}</h2>
            {if listed.is_empty() {
                view! { <p class="hint">{tr(K::InYReplaceNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="year-list">
                        {listed
                            .into_iter()
                            .map(|a| {
                                let units: Vec<String> = a
                                    .units
                                    .iter()
                                    .map(|u| data.unit(u).map_or_else(|| u.clone(), |u| u.name.clone()))
                                    .collect();
                                view! {
                                    <li data-assignment=a.id.clone()>
                                        <strong>{name_of(data, &a.instructor)}</strong>
                                        <span class="year-list-note">{move || crate::ui::text::join_list(&units, ctx.locale.get())}</span>
                                        <span class="chip chip-warn">{tr(K::InYReplaceFlag)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// The summary as the export writes it: the columns on screen, counts as numbers, the rate in
/// percent as shown.
fn sheet(rows: &[summary::InstructorYear], year: Year, locale: Locale) -> Sheet {
    let headers = [
        K::InFInstructor,
        K::InNFiled,
        K::InNOwed,
        K::InNLate,
        K::InNVisits,
        K::InNServices,
        K::InNProblems,
        K::InYRate,
        K::InYResult,
    ];
    Sheet {
        title: format!("{} {}", K::InYTitle.text(locale), year_name(year, locale)),
        headers: headers.iter().map(|k| k.text(locale).to_string()).collect(),
        rows: rows
            .iter()
            .map(|r| {
                let rate = r.tally.and_then(|t| t.rate().percent());
                vec![
                    Cell::text(r.name.clone()),
                    Cell::Number(r.filed.into()),
                    Cell::Number(r.owed.into()),
                    Cell::Number(r.late.into()),
                    Cell::Number(r.visits.into()),
                    Cell::Number(r.services.into()),
                    Cell::Number(r.problems_solved.into()),
                    Cell::points_or_empty(rate),
                    Cell::text(outcome_text(r.outcome.as_ref(), locale)),
                ]
            })
            .collect(),
    }
}
