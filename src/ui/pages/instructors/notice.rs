//! `/instructors/notice[?half=2026-H2]`: the half-year notice (半年通报) — per instructor and
//! unit, the monthly reports owed, filed, late and missing and what the reports say was done,
//! added up; a chart of filed against owed per instructor; the table as a spreadsheet. The
//! committee signs it off and circulates it, so it prints on A4: the controls drop out, a line
//! with the period and the day of the figures and a signature line appear.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::InstructorsTabs;
use crate::charts::count_bars::{CountBars, CountRow};
use crate::domain::files::table_export::{Cell, Table as Sheet};
use crate::domain::instructors::notice::{self, half_year_notice, Half, Notice, NoticeRow};
use crate::domain::units::report::two_decimals;
use crate::domain::values::date::Date;
use crate::i18n::{fill, Locale, K};
use crate::store::{self, instructors::InstructorData};
use crate::ui::components::{col, AsyncView, EmptyState, ExportButtons, Table};
use crate::ui::context::{tr, AppContext};
use crate::ui::data::use_instructor_data;

/// The half-year notice.
#[component]
pub fn InstructorNotice() -> impl IntoView {
    let data = use_instructor_data();
    let query = use_query_map();
    let today = store::today();
    // ?half= opens a past half (a link in a filed note); anything unreadable opens today's.
    let half =
        Memo::new(move |_| query.with(|q| q.get("half").and_then(|h| Half::parse(&h))).unwrap_or(Half::of(today)));
    view! {
        <section class="page instructors-print notice-page">
            <InstructorsTabs />
            <div class="page-head">
                <h1>{tr(K::InNTitle)}</h1>
                <div class="head-actions no-print">
                    <button type="button" class="btn" on:click=move |_| { let _ = window().print(); }>{tr(K::Print)}</button>
                </div>
            </div>
            <HalfPicker half today />
            <AsyncView resource=data let:data>
                <NoticeView data half today />
            </AsyncView>
        </section>
    }
}

/// "2026年下半年" / "Second half of 2026".
fn half_name(half: Half, locale: Locale) -> String {
    let which = if half.second { K::InNSecondHalf } else { K::InNFirstHalf };
    fill(K::InNHalfName.text(locale), &[&half.year.to_string(), which.text(locale)])
}

/// The half shown, with links to the one before and the one after (while it has begun).
#[component]
fn HalfPicker(half: Memo<Half>, today: Date) -> impl IntoView {
    let ctx = AppContext::get();
    let step = move |to: Option<Half>, label: K, testid: &'static str| {
        match to {
        Some(h) => view! {
            <A href=format!("/instructors/notice?half={}", h.code()) attr:class="btn" attr:data-testid=testid>{tr(label)}</A>
        }
        .into_any(),
        None => view! { <span class="btn btn-disabled" aria-disabled="true" data-testid=testid>{tr(label)}</span> }.into_any(),
    }
    };
    view! {
        <nav class="period-picker no-print" aria-label=tr(K::InNPicker)>
            {move || {
                let (previous, next) = half.get().neighbours(today);
                view! {
                    {step(previous, K::InNPrev, "half-previous")}
                    <strong class="period-current" aria-live="polite" data-testid="notice-half">
                        {half_name(half.get(), ctx.locale.get())}
                    </strong>
                    {step(next, K::InNNext, "half-next")}
                }
            }}
        </nav>
    }
}

/// What an id is called: the instructor's or the unit's name, else the id itself.
fn instructor_name(data: &InstructorData, id: &str) -> String {
    data.instructor(id).map_or_else(|| id.to_string(), |i| i.name.clone())
}

fn unit_name(data: &InstructorData, id: &str) -> String {
    data.unit(id).map_or_else(|| id.to_string(), |u| u.name.clone())
}

#[component]
fn NoticeView(data: InstructorData, half: Memo<Half>, today: Date) -> impl IntoView {
    let ctx = AppContext::get();
    let due_day = data.settings.report_due_day;
    let data = StoredValue::new(data);
    let notice = Memo::new(move |_| {
        data.with_value(|d| {
            let mut n = half_year_notice(half.get(), &d.assignments, &d.reports, d.settings.report_due_day, today);
            notice::sort_by_name(&mut n.rows, |id| instructor_name(d, id), |id| unit_name(d, id));
            n
        })
    });
    let export = Signal::derive(move || data.with_value(|d| sheet(&notice.get(), d, ctx.locale.get())));
    let stem = Signal::derive(move || format!("{}-{}", ctx.t(K::InNTitle), half.get().code()));
    move || {
        let n = notice.get();
        let locale = ctx.locale.get();
        let period = fill(K::InNPeriodLine.text(locale), &[&half_name(n.half, locale), &today.to_string()]);
        if n.rows.is_empty() {
            return view! { <EmptyState message=K::InNEmpty /> }.into_any();
        }
        let people = notice::per_instructor(&n.rows);
        view! {
            <p class="print-only print-line" data-testid="notice-print-line">{period}</p>
            <p class="hint">{fill(K::InNIntro.text(locale), &[&due_day.to_string()])}</p>
            <div class="cards notice-figures" data-testid="notice-figures">
                {figure(K::InNInstructors, people.len().to_string(), "instructors")}
                {figure(K::InNReports, format!("{} / {}", n.total.filed, n.total.owed), "reports")}
                {figure(K::InNMissing, n.total.missing().to_string(), "missing")}
                {figure(K::InNVisits, n.total.visits.to_string(), "visits")}
            </div>
            <section class="card" aria-labelledby="notice-table-title">
                <div class="page-head">
                    <h2 id="notice-table-title">{tr(K::InNTableTitle)}</h2>
                    <ExportButtons table=export file_stem=stem />
                </div>
                {data.with_value(|d| notice_table(&n, d))}
            </section>
            <section class="card notice-chart" aria-labelledby="notice-chart-title">
                <h2 id="notice-chart-title">{tr(K::InNChartTitle)}</h2>
                {data.with_value(|d| chart(&people, d, locale))}
            </section>
            <div class="print-only signatures">
                <span>{tr(K::InNSignCommittee)}</span>
                <span>{tr(K::InNSignIssuer)}</span>
                <span>{tr(K::InNSignDate)}</span>
            </div>
        }
        .into_any()
    }
}

fn figure(label: K, value: String, kind: &'static str) -> impl IntoView {
    view! {
        <div class="card stat" data-figure=kind>
            <span class="stat-label">{tr(label)}</span>
            <span class="stat-value">{value}</span>
        </div>
    }
}

/// The counted columns, in table order.
const COUNTS: [K; 9] = [
    K::InNOwed,
    K::InNFiled,
    K::InNLate,
    K::InNMissing,
    K::InNVisits,
    K::InNServices,
    K::InNProblems,
    K::InNActivists,
    K::InNOrgsFormed,
];

fn counts(r: &NoticeRow) -> [u32; 9] {
    [r.owed, r.filed, r.late, r.missing(), r.visits, r.services, r.problems_solved, r.activists, r.organisations_formed]
}

fn notice_table(n: &Notice, data: &InstructorData) -> impl IntoView {
    let mut cols = vec![col(K::InFInstructor), col(K::InFUnit)];
    cols.extend(COUNTS.iter().map(|k| col(*k).class("num")));
    cols.push(col(K::InNFunding).class("num"));
    let cells = |r: &NoticeRow| {
        let funding = two_decimals(r.funding);
        view! {
            {counts(r).into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
            <td class="num">{funding}</td>
        }
    };
    let rows = n
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr data-instructor=r.instructor.clone() data-unit=r.unit.clone()>
                    <td class="name-cell">{instructor_name(data, &r.instructor)}</td>
                    <td class="unit-cell">{unit_name(data, &r.unit)}</td>
                    {cells(r)}
                </tr>
            }
        })
        .collect_view();
    let total = cells(&n.total);
    view! {
        <div class="table-wrap" tabindex="0">
            <Table class="table-compact notice-table" testid="notice-table" cols>
                {rows}
                <tr class="total-row" data-testid="notice-total">
                    <th scope="row" colspan="2">{tr(K::InNTotal)}</th>
                    {total}
                </tr>
            </Table>
        </div>
    }
}

fn chart(people: &[NoticeRow], data: &InstructorData, locale: Locale) -> impl IntoView {
    let rows: Vec<CountRow> = people
        .iter()
        .map(|p| CountRow { label: instructor_name(data, &p.instructor), counts: [p.filed, p.owed] })
        .collect();
    let desc: Vec<String> = rows
        .iter()
        .map(|r| fill(K::InNChartLine.text(locale), &[&r.label, &r.counts[0].to_string(), &r.counts[1].to_string()]))
        .collect();
    let series = [K::InNFiled.text(locale).to_string(), K::InNOwed.text(locale).to_string()];
    view! {
        <CountBars
            id="notice-chart"
            title=K::InNChartTitle.text(locale).to_string()
            desc=desc.join(K::InNSep.text(locale))
            series
            rows
        />
    }
}

/// The table as the export writes it: the columns on screen, the total last.
fn sheet(n: &Notice, data: &InstructorData, locale: Locale) -> Sheet {
    let mut headers = vec![K::InFInstructor.text(locale).to_string(), K::InFUnit.text(locale).to_string()];
    headers.extend(COUNTS.iter().map(|k| k.text(locale).to_string()));
    headers.push(K::InNFunding.text(locale).to_string());
    let line = |first: String, second: String, r: &NoticeRow| {
        let mut cells = vec![Cell::text(first), Cell::text(second)];
        cells.extend(counts(r).into_iter().map(|c| Cell::Number(c.into())));
        cells.push(Cell::Points(r.funding));
        cells
    };
    let mut rows: Vec<Vec<Cell>> =
        n.rows.iter().map(|r| line(instructor_name(data, &r.instructor), unit_name(data, &r.unit), r)).collect();
    rows.push(line(K::InNTotal.text(locale).to_string(), String::new(), &n.total));
    Sheet { title: format!("{} {}", K::InNTitle.text(locale), half_name(n.half, locale)), headers, rows }
}
