//! The pool (`/instructors`): every instructor with source, specialties, status and load (a
//! warning above the committee's maximum), the units they serve, and every missing monthly
//! report of the last twelve months.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::device::roles::Action;
use crate::domain::instructors::assignment::{loads, over_load, parse_max_load};
use crate::domain::instructors::instructor::Source;
use crate::domain::instructors::report::{missing_reports, parse_due_day, ReportState};
use crate::domain::instructors::settings::{InstructorSettings, SettingsProblem};
use crate::i18n::{fill, K};
use crate::store::instructors::{self as instructor_store, InstructorData};
use crate::store::{self, WriteError};
use crate::ui::components::{col, AsyncView, Done, EmptyState, FormField, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::use_instructor_data;
use crate::ui::text as text_maps;
use crate::ui::text::instructors as text;

use super::package::ImportReportPackage;
use super::InstructorsTabs;

/// The instructor pool.
#[component]
pub fn InstructorsPage() -> impl IntoView {
    let ctx = AppContext::get();
    let data = use_instructor_data();
    view! {
        <section class="page">
            <InstructorsTabs />
            <div class="page-head">
                <h1>{tr(K::InPoolTitle)}</h1>
                <Show when=move || ctx.may(Action::EditUnits)>
                    <div class="head-actions">
                        <A href="/instructors/new" attr:class="btn btn-primary" attr:data-testid="instructor-new">
                            "+ "{tr(K::InNewInstructor)}
                        </A>
                    </div>
                </Show>
            </div>
            <AsyncView resource=data let:data>
                <Pool data=data.clone() />
                <Show when=move || ctx.may(Action::EditUnits)>
                    <ImportReportPackage names=StoredValue::new(
                        data.units.iter().map(|u| (u.id.clone(), u.name.clone()))
                            .chain(data.instructors.iter().map(|i| (i.id.clone(), i.name.clone())))
                            .collect(),
                    ) />
                    <PoolSettings max_load=data.settings.max_load due_day=data.settings.report_due_day />
                </Show>
            </AsyncView>
        </section>
    }
}

#[component]
fn Pool(data: InstructorData) -> impl IntoView {
    let ctx = AppContext::get();
    if data.instructors.is_empty() {
        return view! {
            <EmptyState message=K::InNoInstructors>
                <Show when=move || ctx.may(Action::EditUnits)>
                    <p class="actions">
                        <A href="/instructors/new" attr:class="btn btn-primary">{tr(K::InNewInstructor)}</A>
                    </p>
                </Show>
            </EmptyState>
        }
        .into_any();
    }
    let today = store::today();
    let query = RwSignal::new(String::new());
    let max = data.settings.max_load;
    let missing = missing_reports(&data.assignments, &data.reports, data.settings.report_due_day, today);
    let loads: Vec<(String, usize)> = loads(&data.assignments).into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let loads = StoredValue::new(loads);
    let data = StoredValue::new(data);
    let unit_name = move |id: &str| data.with_value(|d| d.unit(id).map_or_else(|| id.to_string(), |u| u.name.clone()));
    let person_name =
        move |id: &str| data.with_value(|d| d.instructor(id).map_or_else(|| id.to_string(), |i| i.name.clone()));
    let rows = move || {
        let q = query.get();
        let q = q.trim();
        data.with_value(|d| {
            let mut rows: Vec<_> = d
                .instructors
                .iter()
                .filter(|i| {
                    q.is_empty()
                        || i.name.contains(q)
                        || i.department.contains(q)
                        || i.specialties.iter().any(|s| s.contains(q))
                })
                .cloned()
                .collect();
            rows.sort_by(|a, b| (!a.in_pool(today), &a.name).cmp(&(!b.in_pool(today), &b.name)));
            rows
        })
    };
    let missing_view = (!missing.is_empty()).then(|| {
        let count = missing.len();
        view! {
            <div class="card findings" role="note" data-testid="missing-reports">
                <h2>{move || fill(ctx.t(K::InMissingTitle), &[&count.to_string()])}</h2>
                <ul>
                    {missing
                        .iter()
                        .take(12)
                        .map(|o| {
                            let days = match o.state {
                                ReportState::Missing(days) => days,
                                _ => 0,
                            };
                            let href = format!("/instructors/assignments/{}/report/{}/{}", o.assignment, o.unit, o.month);
                            let (who, unit, month, due) = (person_name(&o.instructor), unit_name(&o.unit), o.month.to_string(), o.due.to_string());
                            view! {
                                <li>
                                    <A href=href>{format!("{who} · {unit} · {month}")}</A>
                                    " "
                                    <span class="chip chip-warn">{move || fill(ctx.t(K::InOverdueDays), &[&due, &days.to_string()])}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                {(count > 12).then(|| view! { <p class="hint">{move || fill(ctx.t(K::InMoreMissing), &[&(count - 12).to_string()])}</p> })}
            </div>
        }
    });
    view! {
        {missing_view}
        <div class="toolbar filters">
            <label class="search">
                <span class="visually-hidden">{tr(K::InSearch)}</span>
                <input type="search" bind:value=query placeholder=tr(K::InSearch) data-testid="instructor-search" />
            </label>
            <p class="hint">{move || fill(ctx.t(K::InMaxLoadHint), &[&max.to_string()])}</p>
        </div>
        {move || {
            let rows = rows();
            if rows.is_empty() {
                return view! { <EmptyState message=K::InNoMatch /> }.into_any();
            }
            view! {
                <div class="table-wrap" tabindex="0">
                    <Table class="instructor-table" testid="instructor-table" cols=vec![
                        col(K::InFName), col(K::InFSource), col(K::InFSpecialties), col(K::InStatus),
                        col(K::InLoad).class("num"), col(K::InFUnits),
                    ]>
                        {rows
                            .into_iter()
                            .map(|i| {
                                let load = loads.with_value(|l| l.iter().find(|(id, _)| *id == i.id).map_or(0, |(_, n)| *n));
                                let (on_duty, units) = data.with_value(|d| {
                                    let mine: Vec<_> = d.assignments.iter().filter(|a| a.instructor == i.id && a.is_open()).collect();
                                    let on_duty = mine.iter().any(|a| a.is_active(today));
                                    let units: Vec<String> = mine.iter().flat_map(|a| a.units.iter()).map(|u| unit_name(u)).collect();
                                    (on_duty, units)
                                });
                                let status = i.status(on_duty, today);
                                let source = if i.source == Source::Department && !i.department.is_empty() {
                                    let department = i.department.clone();
                                    view! { <span>{tr(text::source(i.source))}" · "{department}</span> }.into_any()
                                } else {
                                    view! { <span>{tr(text::source(i.source))}</span> }.into_any()
                                };
                                let specialties = i.specialties.clone();
                                let heavy = over_load(load, max);
                                let in_pool = i.in_pool(today);
                                view! {
                                    <tr class:archived=!in_pool>
                                        <td><A href=format!("/instructors/{}", i.id)>{i.name.clone()}</A></td>
                                        <td>{source}</td>
                                        <td>{move || text_maps::join_list(&specialties, ctx.locale.get())}</td>
                                        <td><span class="chip" class:chip-muted=!in_pool>{tr(text::status(status))}</span></td>
                                        <td class="num">
                                            <span class:chip=heavy class:chip-warn=heavy title=move || heavy.then(|| fill(ctx.t(K::InOverLoad), &[&max.to_string()]))>
                                                {format!("{load} / {max}")}
                                            </span>
                                        </td>
                                        <td>{move || text_maps::join_list(&units, ctx.locale.get())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </Table>
                </div>
            }
            .into_any()
        }}
    }
    .into_any()
}

/// The committee's two numbers for the pool: the maximum load and the reports' due day. Saved
/// over the settings read afresh, so the year-end rule and the requests' limit stay as they are.
#[component]
fn PoolSettings(max_load: usize, due_day: u8) -> impl IntoView {
    let ctx = AppContext::get();
    let max_text = RwSignal::new(max_load.to_string());
    let due_text = RwSignal::new(due_day.to_string());
    let problems = RwSignal::new(Vec::<SettingsProblem>::new());
    let saving = Write::new(move |(max, due): (String, String), locale| async move {
        let db = db();
        let current = match instructor_store::settings(&db).await {
            Ok(current) => current,
            Err(e) => return Done::Failed(text_maps::store_error(&e, locale)),
        };
        let mut found = Vec::new();
        let max_load = parse_max_load(&max).unwrap_or_else(|| {
            found.push(SettingsProblem::MaxLoad);
            0
        });
        let report_due_day = parse_due_day(&due).unwrap_or_else(|| {
            found.push(SettingsProblem::DueDay);
            0
        });
        if !found.is_empty() {
            problems.set(found);
            return Done::Failed(K::ErrFixFields.text(locale).to_string());
        }
        match instructor_store::save_settings(&db, InstructorSettings { max_load, report_due_day, ..current }).await {
            Ok(_) => {
                problems.set(Vec::new());
                Done::Saved(K::InSettingsSaved.text(locale).to_string())
            }
            Err(WriteError::Invalid(found)) => {
                problems.set(found);
                Done::Failed(K::ErrFixFields.text(locale).to_string())
            }
            Err(WriteError::Store(e)) => Done::Failed(text_maps::store_error(&e, locale)),
        }
    });
    let problem = move |which: SettingsProblem| {
        Signal::derive(move || {
            problems.get().contains(&which).then(|| text::settings_problem(which, ctx.locale.get()).to_string())
        })
    };
    view! {
        <form class="card form" novalidate=true data-testid="pool-settings" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saving.run((max_text.get_untracked(), due_text.get_untracked()));
        }>
            <h2>{tr(K::InPoolSettings)}</h2>
            <div class="form-grid">
                <FormField label=K::InMaxLoad id="in-max-load" error=problem(SettingsProblem::MaxLoad)>
                    <input id="in-max-load" type="number" min="1" max="50" step="1" inputmode="numeric" bind:value=max_text aria-describedby="in-max-load-error" />
                </FormField>
                <FormField label=K::InDueDay id="in-due-day" error=problem(SettingsProblem::DueDay)>
                    <input id="in-due-day" type="number" min="1" max="28" step="1" inputmode="numeric" bind:value=due_text aria-describedby="in-due-day-error" />
                </FormField>
            </div>
            <div class="actions">
                <button type="submit" class="btn" disabled=move || saving.pending() data-testid="pool-settings-save">{tr(K::Save)}</button>
            </div>
        </form>
    }
}
