//! One branch's rating for a period: stars, score, the star-index radar against the previous
//! period and the category, the table of the same numbers, weak points and the monthly trend.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::charts::radar::{Radar, Series};
use crate::charts::trend::Trend;
use crate::domain::rating::compare::{compare, weak_indicators, WeakIndicator};
use crate::ui::data::use_ratings_data;

/// Weak indicators listed before the rest fold away: the lowest few are what a secretary acts on.
const WEAK_INDICATORS_SHOWN: usize = 5;
use crate::domain::device::roles::Action;
use crate::domain::rating::dataset::RatingsData;
use crate::domain::rating::rubric::Rubric;
use crate::domain::review::rectification::{
    self, is_overdue, Rectification, RectificationField, RectificationProblem, RectificationStatus,
};
use crate::domain::values::date::Date;
use crate::domain::values::period::{Period, Quarter};
use crate::domain::Dimension;
use crate::i18n::{fill, K};
use crate::store::review::{self as review_store, RectificationError};
use crate::store::{new_id, now_iso, today};
use crate::ui::components::{
    actions, col, col_text, radar_values, AsyncView, Done, EmptyState, StarLevel, Table, Write,
};
use crate::ui::context::db;
use crate::ui::context::{tr, AppContext};
use crate::ui::text;

/// The page at `/quarterly/:branch?period=…`.
#[component]
pub fn BranchReport() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = use_ratings_data();
    let ctx = AppContext::get();
    view! {
        <AsyncView resource=data let:data>
            {
                // A role switch re-renders the report with the new role's actions.
                ctx.session.track();
                let branch = params.read().get("branch").unwrap_or_default();
                let period: Option<Period> = query.read().get("period").and_then(|p| p.parse().ok());
                match period.or_else(|| data.default_period()) {
                    Some(period) => view! { <Report data branch period /> }.into_any(),
                    None => view! { <section class="page"><EmptyState message=K::NoEvaluationsYet /></section> }.into_any(),
                }
            }
        </AsyncView>
    }
}

#[component]
fn Report(data: RatingsData, branch: String, period: Period) -> impl IntoView {
    let ctx = AppContext::get();
    let name = data.orgs.iter().find(|o| o.id == branch).map(|o| o.name.clone()).unwrap_or_else(|| branch.clone());
    // Adjusted stars and the ranks they give are what the committee decided, so show those.
    let rows: Vec<_> = data.reviewed(period).into_iter().map(|r| r.row).collect();
    let previous_rows: Vec<_> =
        period.previous().map(|p| data.reviewed(p).into_iter().map(|r| r.row).collect()).unwrap_or_default();
    let rubric = data.active_rubric();
    let weak_indicators = weak_indicators(&data.indicator_shares(period), &rows, &rubric, &branch);
    let quarter = match period {
        Period::Quarter(q) => Some(q),
        _ => None,
    };
    let secretary = data.orgs.iter().find(|o| o.id == branch).map(|o| o.secretary.clone()).unwrap_or_default();
    let tasks: Vec<Rectification> = data.rectifications.iter().filter(|t| t.branch == branch).cloned().collect();
    let draft = RwSignal::new(None::<(Dimension, Option<String>)>);
    let may_open = ctx.session.with_untracked(|s| s.may(Action::ManageRectifications));
    let create_button = move |dimension: Dimension, indicator: Option<String>, label: String| {
        quarter.filter(|_| may_open).map(|_| {
            let indicator = indicator.clone();
            view! {
                <button class="btn btn-small no-print" aria-label=move || fill(ctx.t(K::RectificationFor), &[&label]) on:click=move |_| draft.set(Some((dimension, indicator.clone())))>
                    {tr(K::CreateRectShort)}
                </button>
            }
        })
    };
    let Some(row) = rows.iter().find(|r| r.branch == branch).cloned() else {
        return view! { <section class="page"><EmptyState message=K::OrgNotFound /></section> }.into_any();
    };
    let comparison = compare(&rows, &previous_rows, &branch);
    let year = period.year();
    let mut scores = [None; 12];
    for (m, slot) in scores.iter_mut().enumerate() {
        if let Some(month) = crate::domain::values::period::Month::new(year.number(), m as u8 + 1) {
            *slot = data
                .rate(Period::Month(month))
                .into_iter()
                .find(|r| r.branch == branch)
                .and_then(|r| r.score)
                .map(|s| s.to_f64());
        }
    }
    let labels = Signal::derive(move || Dimension::ALL.map(|d| ctx.t(text::dimension(d)).to_string()));
    let period_name = move || text::period(period, ctx.locale.get());
    let name_for_title = name.clone();
    view! {
        <section class="page" data-testid="branch-report">
            <div class="page-head">
                <h1>{name.clone()}<span class="subtitle">{period_name}</span></h1>
                <div class="actions">
                    <button class="btn" on:click=move |_| { let _ = window().print(); }>{tr(K::PrintReportCard)}</button>
                    <A href="/quarterly" attr:class="btn">{tr(K::NavQuarterly)}</A>
                </div>
            </div>
            <div class="cards">
                <div class="card stat">
                    <span class="stat-value">{row.score.map(|s| s.fixed()).unwrap_or_else(|| "—".into())}</span>
                    <span class="stat-label">{tr(K::Score)}</span>
                </div>
                <div class="card stat">
                    <span class="stat-value"><StarLevel stars=row.stars.map(|s| s.get()) /></span>
                    <span class="stat-label">{row.tier.map(|t| view! { <span class=format!("tier tier-{t}")>{tr(text::tier(t))}</span> })}</span>
                </div>
                <div class="card stat">
                    <span class="stat-value">{row.rank_overall.map(|r| r.to_string()).unwrap_or_else(|| "—".into())}</span>
                    <span class="stat-label">{tr(K::RankOverall)}</span>
                </div>
                <div class="card stat">
                    <span class="stat-value">{row.rank_category.map(|r| r.to_string()).unwrap_or_else(|| "—".into())}</span>
                    <span class="stat-label">{tr(K::RankCategory)}</span>
                </div>
            </div>
            {match comparison {
                None => view! { <EmptyState message=K::NoComparison /> }.into_any(),
                Some(c) => {
                    let mut series = vec![Series { name: ctx.t(K::ThisPeriod).into(), values: radar_values(&c.own), class: "series-0" }];
                    if let Some(prev) = &c.previous {
                        series.push(Series { name: ctx.t(K::PreviousPeriod).into(), values: radar_values(prev), class: "series-1" });
                    }
                    series.push(Series { name: ctx.t(K::CategoryMean).into(), values: radar_values(&c.category_mean), class: "series-2" });
                    series.push(Series { name: ctx.t(K::CategoryBest).into(), values: radar_values(&c.category_best), class: "series-3" });
                    let table_series = series.clone();
                    let title = fill(ctx.t(K::RadarTitle), &[&name_for_title]);
                    view! {
                        <div class="grid-2">
                            <section class="card" aria-labelledby="radar-title">
                                <h2 id="radar-title">{tr(K::RadarHeading)}</h2>
                                <Radar title=title labels series />
                            </section>
                            <section class="card" aria-labelledby="radar-table-title">
                                <h2 id="radar-table-title">{tr(K::RadarTable)}</h2>
                                <div class="table-wrap" tabindex="0">
                                    <Table
                                        testid="radar-table"
                                        cols=std::iter::once(col(K::Dimension)).chain(table_series.iter().map(|s| col_text(s.name.clone()).class("num"))).collect()
                                    >
                                        {Dimension::ALL.into_iter().map(|d| {
                                            let cells: Vec<String> = table_series.iter().map(|s| s.values[d.index()].map_or("—".into(), |v| format!("{v:.2}"))).collect();
                                            view! {
                                                <tr>
                                                    <th scope="row">{tr(text::dimension(d))}</th>
                                                    {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </Table>
                                </div>
                                <h2>{tr(K::WeakPoints)}</h2>
                                {if c.weak.is_empty() {
                                    view! { <p class="hint">{tr(K::NoWeakPoints)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="weak-list" data-testid="weak-points">
                                            {c.weak.into_iter().map(|w| {
                                                let reason = if w.below_floor { ctx.t(K::BelowFloor).to_string() } else {
                                                    fill(ctx.t(K::BelowMedian), &[&w.median.map(|m| m.fixed()).unwrap_or_default()])
                                                };
                                                let label = ctx.t(text::dimension(w.dimension)).to_string();
                                                view! { <li><strong>{tr(text::dimension(w.dimension))}</strong>" "{w.index.fixed()}<span class="hint">" — "{reason}</span>" "{create_button(w.dimension, None, label)}</li> }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                {(!weak_indicators.is_empty()).then(|| {
                                    let rubric = rubric.clone();
                                    let line = move |w: WeakIndicator| {
                                        let indicator_name = rubric.indicator(&w.indicator).map(|i| text::localized(&i.name, ctx.locale.get_untracked()).to_string()).unwrap_or_else(|| w.indicator.clone());
                                        let label = indicator_name.clone();
                                        view! {
                                            <tr>
                                                <th scope="row">{indicator_name}</th>
                                                <td class="num" class:overdue=w.below_floor>{format!("{}%", w.percent.fixed())}</td>
                                                <td class="num">{w.median.map(|m| format!("{}%", m.fixed()))}</td>
                                                <td class="no-print">{create_button(w.dimension, Some(w.indicator.clone()), label)}</td>
                                            </tr>
                                        }
                                    };
                                    let mut shown = weak_indicators.clone();
                                    let more = shown.split_off(shown.len().min(WEAK_INDICATORS_SHOWN));
                                    let more_count = more.len();
                                    let cols = || vec![
                                        col(K::Indicator),
                                        col(K::ShareOfMax).class("num"),
                                        col(K::CategoryMedian).class("num"),
                                        actions(K::Actions).class("no-print"),
                                    ];
                                    let line_more = line.clone();
                                    view! {
                                        <h3>{tr(K::WeakIndicators)}</h3>
                                        <p class="hint">{tr(K::WeakIndicatorsHint)}</p>
                                        <div class="table-wrap" tabindex="0">
                                            <Table class="table-compact" testid="weak-indicators" cols=cols()>
                                                {shown.into_iter().map(line).collect_view()}
                                            </Table>
                                        </div>
                                        {(more_count > 0).then(|| view! {
                                            <details class="more">
                                                <summary>{move || fill(ctx.t(K::ShowMore), &[&more_count.to_string()])}</summary>
                                                <div class="table-wrap" tabindex="0">
                                                    <Table class="table-compact" cols=cols()>
                                                        {more.into_iter().map(line_more).collect_view()}
                                                    </Table>
                                                </div>
                                            </details>
                                        })}
                                    }
                                })}
                            </section>
                        </div>
                    }.into_any()
                }
            }}
            {quarter.map(|q| view! { <RectificationForm branch=branch.clone() quarter=q draft secretary=secretary.clone() rubric=rubric.clone() /> })}
            <section class="card" aria-labelledby="trend-title">
                <h2 id="trend-title">{move || fill(ctx.t(K::TrendTitle), &[&year.to_string()])}</h2>
                <Trend title=Signal::derive(move || fill(ctx.t(K::TrendTitle), &[&year.to_string()])) scores />
            </section>
            <RectificationList tasks rubric=rubric.clone() />
            <div class="print-only signatures">
                <span>{tr(K::SignReviewer)}</span>
                <span>{tr(K::SignApprover)}</span>
                <span>{tr(K::SignDate)}</span>
            </div>
        </section>
    }.into_any()
}

/// The last day of the quarter after `quarter`: a sensible default deadline for a
/// rectification, since it is verified in the next rating.
fn indicator_label(rubric: &Rubric, id: &Option<String>, locale: crate::i18n::Locale) -> Option<String> {
    let id = id.as_ref()?;
    Some(rubric.indicator(id).map(|i| text::localized(&i.name, locale).to_string()).unwrap_or_else(|| id.clone()))
}

/// The form that turns a weak point into a rectification task.
#[component]
fn RectificationForm(
    branch: String,
    quarter: Quarter,
    draft: RwSignal<Option<(Dimension, Option<String>)>>,
    secretary: String,
    rubric: Rubric,
) -> impl IntoView {
    let ctx = AppContext::get();
    let owner = RwSignal::new(secretary);
    let due = RwSignal::new(rectification::default_due(quarter).to_string());
    let measure = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<(RectificationField, RectificationProblem)>::new());
    let problem_of = move |field: RectificationField| {
        move || problems.get().iter().find(|(f, _)| *f == field).map(|(_, p)| ctx.t(text::rectification_problem(*p)))
    };
    let creating = Write::new(move |task: Rectification, _| async move {
        match review_store::create_rectification(&db(), task).await {
            Ok(_) => {
                draft.set(None);
                measure.set(String::new());
                problems.set(Vec::new());
                Done::Saved(ctx.t(K::RectCreated).to_string())
            }
            Err(RectificationError::Invalid(found)) => {
                problems.set(found);
                Done::Quiet
            }
            Err(RectificationError::Store(e)) => Done::Failed(text::store_error(&e, ctx.locale.get_untracked())),
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((dimension, indicator)) = draft.get_untracked() else { return };
        let Ok(due_date) = due.get_untracked().parse::<Date>() else {
            problems.set(vec![(RectificationField::Due, RectificationProblem::Required)]);
            return;
        };
        let task = Rectification {
            id: new_id(),
            branch: branch.clone(),
            quarter,
            dimension,
            indicator,
            owner: owner.get_untracked().trim().to_string(),
            due: due_date,
            measure: measure.get_untracked().trim().to_string(),
            status: RectificationStatus::Open,
            evidence: String::new(),
            created_at: now_iso(),
        };
        creating.run(task);
    };
    // Bring the form into view with the cursor in the measure, the one field never pre-filled.
    Effect::new(move |_| {
        if draft.get().is_some() {
            request_animation_frame(|| {
                if let Some(el) = document().get_element_by_id("rect-measure") {
                    el.scroll_into_view_with_bool(false);
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                        let _ = el.focus();
                    }
                }
            });
        }
    });
    let heading = move || {
        draft.get().map(|(dimension, indicator)| {
            let what = indicator_label(&rubric, &indicator, ctx.locale.get())
                .unwrap_or_else(|| ctx.t(text::dimension(dimension)).to_string());
            fill(ctx.t(K::RectificationFor), &[&what])
        })
    };
    view! {
        <Show when=move || draft.get().is_some()>
            <form class="card subform no-print" on:submit=save.clone() data-testid="rectification-form">
                <h2>{heading.clone()}</h2>
                <div class="form-grid">
                    <div class="field">
                        <label for="rect-owner">{tr(K::Owner)}</label>
                        <input id="rect-owner" type="text" bind:value=owner aria-describedby="rect-owner-error" />
                        <p class="field-error" id="rect-owner-error">{problem_of(RectificationField::Owner)}</p>
                    </div>
                    <div class="field">
                        <label for="rect-due">{tr(K::DueDate)}</label>
                        <input id="rect-due" type="date" bind:value=due aria-describedby="rect-due-error" />
                        <p class="field-error" id="rect-due-error">{problem_of(RectificationField::Due)}</p>
                    </div>
                </div>
                <div class="field">
                    <label for="rect-measure">{tr(K::Measure)}</label>
                    <textarea id="rect-measure" rows="2" bind:value=measure aria-describedby="rect-measure-error"></textarea>
                    <p class="field-error" id="rect-measure-error">{problem_of(RectificationField::Measure)}</p>
                </div>
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| draft.set(None)>{tr(K::Cancel)}</button>
                    <button type="submit" class="btn btn-primary">{tr(K::CreateRectification)}</button>
                </div>
            </form>
        </Show>
    }
}

/// A branch's rectification tasks with the next step of each.
#[component]
fn RectificationList(tasks: Vec<Rectification>, rubric: Rubric) -> impl IntoView {
    let ctx = AppContext::get();
    let today = today();
    let mut tasks = tasks;
    tasks.sort_by(|a, b| {
        (a.status == RectificationStatus::Verified, a.due, &a.id).cmp(&(
            b.status == RectificationStatus::Verified,
            b.due,
            &b.id,
        ))
    });
    view! {
        <section class="card" aria-labelledby="rectifications-title" data-testid="rectifications">
            <h2 id="rectifications-title">{tr(K::Rectifications)}</h2>
            {if tasks.is_empty() {
                view! { <p class="hint">{tr(K::NoRectifications)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                        <Table cols=vec![col(K::Period), col(K::WeakPoints), col(K::Measure), col(K::Owner), col(K::DueDate), col(K::Status), col(K::Actions).class("no-print")]>
                                {tasks.into_iter().map(|task| {
                                    let overdue = is_overdue(&task, today);
                                    let what = indicator_label(&rubric, &task.indicator, ctx.locale.get_untracked());
                                    let dimension = task.dimension;
                                    let status = task.status;
                                    let row_id = format!("rectification-{}", task.id);
                                    let quarter = task.quarter;
                                    let measure = task.measure.clone();
                                    let evidence = task.evidence.clone();
                                    let owner = task.owner.clone();
                                    let due = task.due.to_string();
                                    view! {
                                        <tr data-testid=row_id>
                                            <td>{move || text::period(Period::Quarter(quarter), ctx.locale.get())}</td>
                                            <td>{tr(text::dimension(dimension))}{what.map(|w| format!(" · {w}"))}</td>
                                            <td>{measure}{(!evidence.is_empty()).then(|| view! { <span class="hint evidence">{move || ctx.t(K::Evidence)}{tr(K::ColonSep)}{evidence.clone()}</span> })}</td>
                                            <td>{owner}</td>
                                            <td>{due}{overdue.then(|| view! { <span class="overdue">" ⚠ "{tr(K::Overdue)}</span> })}</td>
                                            <td><span class=format!("status-{}", status.code())>{tr(text::rectification_status(status))}</span></td>
                                            <td class="no-print"><RectificationActions task /></td>
                                        </tr>
                                    }
                                }).collect_view()}
                        </Table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// The buttons that move one task on (evidence asked for when marking it done).
#[component]
fn RectificationActions(task: Rectification) -> impl IntoView {
    let ctx = AppContext::get();
    let evidence = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let id = task.id.clone();
    let advancing = Write::new(move |(id, to, text_value): (String, RectificationStatus, String), _| async move {
        match review_store::advance_rectification(&db(), &id, to, &text_value).await {
            Ok(_) => Done::Saved(ctx.t(K::RectUpdated).to_string()),
            Err(RectificationError::Invalid(found)) => {
                error.set(found.first().map(|(_, p)| ctx.t(text::rectification_problem(*p))));
                Done::Quiet
            }
            Err(RectificationError::Store(e)) => Done::Failed(text::store_error(&e, ctx.locale.get_untracked())),
        }
    });
    let go = move |to: RectificationStatus| advancing.run((id.clone(), to, evidence.get_untracked()));
    let evidence_id = format!("evidence-{}", task.id);
    let (may_work, may_verify) = ctx
        .session
        .with_untracked(|s| (s.may(Action::WorkOnRectification(&task.branch)), s.may(Action::ManageRectifications)));
    let body = match task.status {
        RectificationStatus::Open | RectificationStatus::InProgress if !may_work => ().into_any(),
        RectificationStatus::Done if !may_verify => ().into_any(),
        RectificationStatus::Open => {
            let go = go.clone();
            view! { <button class="btn btn-small" on:click=move |_| go(RectificationStatus::InProgress)>{tr(K::StartWork)}</button> }.into_any()
        }
        RectificationStatus::InProgress => {
            let go = go.clone();
            view! {
                <div class="inline-form">
                    <label class="visually-hidden" for=evidence_id.clone()>{tr(K::Evidence)}</label>
                    <input id=evidence_id type="text" bind:value=evidence placeholder=move || ctx.t(K::Evidence) />
                    <button class="btn btn-small" on:click=move |_| go(RectificationStatus::Done)>{tr(K::MarkDone)}</button>
                </div>
            }.into_any()
        }
        RectificationStatus::Done => {
            let (verify, back) = (go.clone(), go.clone());
            view! {
                <button class="btn btn-small btn-primary" on:click=move |_| verify(RectificationStatus::Verified)>{tr(K::VerifyDone)}</button>
                <button class="btn btn-small" on:click=move |_| back(RectificationStatus::InProgress)>{tr(K::BackToWork)}</button>
            }.into_any()
        }
        RectificationStatus::Verified => ().into_any(),
    };
    view! {
        {body}
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
    }
}
