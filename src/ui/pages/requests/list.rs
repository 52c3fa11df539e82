//! `/requests[?status=…&category=…&q=…&overdue=1]`: the year's counts, then every request with
//! search and filters (the dashboard links to the overdue ones), saved as a spreadsheet as
//! shown, and the committee's time limit.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::counts::{CountCharts, CountFigures};
use super::{days_cell, status_chip};
use crate::domain::device::roles::Action;
use crate::domain::files::table_export::{Cell, Table as ExportTable};
use crate::domain::requests::{
    counts, filter_requests, parse_due_days, Category, Request, RequestFilter, Status, MAX_DUE_DAYS,
};
use crate::domain::values::date::Date;
use crate::domain::values::period::Year;
use crate::i18n::{fill, Locale, K};
use crate::store::{self, instructors as settings_store};
use crate::ui::components::{col, AsyncView, Done, EmptyState, ExportButtons, LiangxinTabs, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::{use_requests, RequestData};
use crate::ui::text::{self as text_maps, requests as text};

/// The list of requests.
#[component]
pub fn RequestsPage() -> impl IntoView {
    let ctx = AppContext::get();
    let data = use_requests();
    view! {
        <section class="page requests-page">
            <LiangxinTabs />
            <div class="page-head">
                <h1>{tr(K::RqNav)}</h1>
                <Show when=move || ctx.may(Action::EditUnits)>
                    <div class="head-actions">
                        <A href="/requests/new" attr:class="btn btn-primary" attr:data-testid="request-new">
                            "+ "{tr(K::RqNewRequest)}
                        </A>
                    </div>
                </Show>
            </div>
            <p class="hint">{tr(K::RqFlowHint)}</p>
            <AsyncView resource=data let:data>
                <Requests data />
            </AsyncView>
        </section>
    }
}

#[component]
fn Requests(data: RequestData) -> impl IntoView {
    let ctx = AppContext::get();
    let today = store::today();
    let due_days = data.due_days;
    if data.requests.is_empty() {
        let (message, href, label) = if data.units.is_empty() {
            (K::RqNoUnits, "/units/new", K::UnRegisterUnit)
        } else {
            (K::RqNoRequests, "/requests/new", K::RqNewRequest)
        };
        return view! {
            <EmptyState message>
                <Show when=move || ctx.may(Action::EditUnits)>
                    <p class="actions"><A href=href attr:class="btn btn-primary">{tr(label)}</A></p>
                </Show>
            </EmptyState>
            <DueSetting due_days />
        }
        .into_any();
    }
    // The dashboard and bookmarks open the list already filtered.
    let asked = use_query_map().get_untracked();
    let query = RwSignal::new(asked.get("q").unwrap_or_default());
    let status = RwSignal::new(asked.get("status").and_then(|s| Status::from_code(&s)));
    let category = RwSignal::new(asked.get("category").and_then(|c| Category::from_code(&c)));
    let overdue_only = RwSignal::new(asked.get("overdue").is_some_and(|v| v == "1"));
    let total = data.requests.len();
    let year = Year::new(today.year());
    let year_counts = year.map(|y| counts(&data.requests, y, due_days, today));
    let data = StoredValue::new(data);
    let rows = Memo::new(move |_| {
        let filter = RequestFilter {
            query: query.get(),
            status: status.get(),
            category: category.get(),
            overdue_only: overdue_only.get(),
        };
        data.with_value(|d| {
            filter_requests(&d.requests, &d.units, &filter, d.due_days, today).into_iter().cloned().collect::<Vec<_>>()
        })
    });
    let export = Signal::derive(move || {
        let locale = ctx.locale.get();
        data.with_value(|d| export_table(&rows.get(), d, today, locale))
    });
    let file_stem = Signal::derive(move || format!("{}-{}", ctx.t(K::RqExportFile), today));
    view! {
        {year.zip(year_counts.clone()).map(|(year, counts)| view! { <CountFigures counts year /> })}
        <section class="card rq-list" aria-labelledby="rq-list-title">
            <h2 id="rq-list-title" class="visually-hidden">{tr(K::RqNav)}</h2>
            <div class="toolbar filters">
                <label class="search">
                    <span class="visually-hidden">{tr(K::RqSearch)}</span>
                    <input type="search" bind:value=query placeholder=tr(K::RqSearch) data-testid="request-search" />
                </label>
                <label class="filter" for="rq-filter-status">
                    <span>{tr(K::RqStatus)}</span>
                    <select id="rq-filter-status" on:change=move |ev| status.set(Status::from_code(&event_target_value(&ev)))>
                        <option value="" selected=move || status.get().is_none()>{tr(K::UnFilterAll)}</option>
                        {Status::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=move || status.get() == Some(s)>{tr(text::status(s))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="filter" for="rq-filter-category">
                    <span>{tr(K::RqCategory)}</span>
                    <select id="rq-filter-category" on:change=move |ev| category.set(Category::from_code(&event_target_value(&ev)))>
                        <option value="" selected=move || category.get().is_none()>{tr(K::UnFilterAll)}</option>
                        {Category::ALL.into_iter().map(|c| view! {
                            <option value=c.code() selected=move || category.get() == Some(c)>{tr(text::category(c))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" bind:checked=overdue_only data-testid="request-overdue-only" />
                    {tr(K::RqOverdueOnly)}
                </label>
                <ExportButtons table=export file_stem />
            </div>
            {move || {
                let rows = rows.get();
                if rows.is_empty() {
                    return view! { <EmptyState message=K::RqNoMatch /> }.into_any();
                }
                let shown = fill(ctx.t(K::RqShownOf), &[&rows.len().to_string(), &total.to_string()]);
                view! {
                    <p class="hint" aria-live="polite" data-testid="request-count">{shown}</p>
                    <div class="table-wrap" tabindex="0">
                        <Table class="rq-table" testid="request-table" cols=vec![
                            col(K::RqUnit), col(K::RqCategory), col(K::RqRaisedOn), col(K::RqStatus),
                            col(K::RqDepartment), col(K::RqDaysOpen),
                        ]>
                            {rows.into_iter().map(|r| row(&r, data, today)).collect_view()}
                        </Table>
                    </div>
                }
                .into_any()
            }}
        </section>
        {year_counts.map(|counts| view! { <CountCharts counts /> })}
        <DueSetting due_days />
    }
    .into_any()
}

fn row(r: &Request, data: StoredValue<RequestData>, today: Date) -> impl IntoView {
    let (name, area, due_days) = data.with_value(|d| {
        (d.unit_name(&r.unit), d.unit(&r.unit).map(|u| u.area.clone()).unwrap_or_default(), d.due_days)
    });
    let department = r.accepted.as_ref().map(|a| a.department.clone()).unwrap_or_else(|| "—".into());
    view! {
        <tr data-request=r.id.clone() class:rq-late=r.overdue(due_days, today).is_some()>
            <td>
                <A href=format!("/requests/{}", r.id)>{name}</A>
                {(!area.is_empty()).then(|| view! { <span class="hint rq-area">{area}</span> })}
            </td>
            <td>{tr(text::category(r.category))}</td>
            <td class="nowrap">{r.raised_on.to_string()}</td>
            <td>{status_chip(r.status())}</td>
            <td>{department}</td>
            <td>{days_cell(r.days_open(today), r.overdue(due_days, today))}</td>
        </tr>
    }
}

/// The list as shown, with the columns a filed copy wants besides.
fn export_table(rows: &[Request], data: &RequestData, today: Date, locale: Locale) -> ExportTable {
    let t = |key: K| key.text(locale).to_string();
    let headers = [
        K::RqUnit,
        K::UnAreaShort,
        K::RqCategory,
        K::RqText,
        K::RqRaisedOn,
        K::RqStatus,
        K::RqDepartment,
        K::RqTakenBy,
        K::RqResolvedOn,
        K::RqResolutionText,
        K::RqDaysOpen,
        K::RqOverdueColumn,
    ];
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                Cell::text(data.unit_name(&r.unit)),
                Cell::text(data.unit(&r.unit).map(|u| u.area.clone()).unwrap_or_default()),
                Cell::text(t(text::category(r.category))),
                Cell::text(r.text.clone()),
                Cell::text(r.raised_on.to_string()),
                Cell::text(t(text::status(r.status()))),
                Cell::text(r.accepted.as_ref().map(|a| a.department.clone()).unwrap_or_default()),
                Cell::text(r.taken.as_ref().map(|a| a.by.clone()).unwrap_or_default()),
                r.resolved.as_ref().map_or(Cell::Empty, |s| Cell::text(s.on.to_string())),
                Cell::text(r.resolved.as_ref().map(|s| s.text.clone()).unwrap_or_default()),
                Cell::Number(f64::from(r.days_open(today))),
                Cell::number_or_empty(r.overdue(data.due_days, today)),
            ]
        })
        .collect();
    ExportTable { title: t(K::RqNav), headers: headers.into_iter().map(t).collect(), rows }
}

/// The time limit: the committee sets it here; everyone else reads it. The setting is shared
/// with the instructor pages, so a save reads the whole settings afresh and changes only this.
#[component]
fn DueSetting(due_days: u32) -> impl IntoView {
    let ctx = AppContext::get();
    let value = RwSignal::new(due_days.to_string());
    let error = RwSignal::new(None::<String>);
    let saving = Write::new(move |days: u32, locale| async move {
        let db = db();
        let saved = match settings_store::settings(&db).await {
            Ok(mut settings) => {
                settings.request_due_days = days;
                settings_store::save_settings(&db, settings).await.map(|s| s.request_due_days)
            }
            Err(e) => Err(e.into()),
        };
        match saved {
            Ok(days) => Done::Saved(fill(K::RqDueSaved.text(locale), &[&days.to_string()])),
            Err(store::WriteError::Store(e)) => Done::Failed(text_maps::store_error(&e, locale)),
            Err(store::WriteError::Invalid(_)) => Done::Failed(K::ErrFixFields.text(locale).to_string()),
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_due_days(&value.get_untracked()) {
            Some(days) => {
                error.set(None);
                saving.run(days);
            }
            None => error.set(Some(fill(ctx.t(K::RqDueInvalid), &[&MAX_DUE_DAYS.to_string()]))),
        }
    };
    view! {
        <section class="card rq-due" aria-labelledby="rq-due-title" data-testid="request-due">
            <h2 id="rq-due-title">{tr(K::RqDueTitle)}</h2>
            <p class="hint">{tr(K::RqDueHint)}</p>
            <Show
                when=move || ctx.may(Action::EditUnits)
                fallback=move || view! { <p>{move || fill(ctx.t(K::RqDueNow), &[&due_days.to_string()])}</p> }
            >
                <form class="inline-form rq-due-form" on:submit=submit novalidate=true>
                    <div class="field" class:field-invalid=move || error.get().is_some()>
                        <label for="rq-due">{tr(K::RqDueLabel)}</label>
                        <input id="rq-due" type="number" min="1" max=MAX_DUE_DAYS step="1" inputmode="numeric" bind:value=value aria-describedby="rq-due-error" />
                        <p class="field-error" id="rq-due-error" role="alert">{move || error.get()}</p>
                    </div>
                    <button type="submit" class="btn" data-testid="request-due-save" disabled=move || saving.pending()>{tr(K::RqDueSave)}</button>
                </form>
            </Show>
        </section>
    }
}
