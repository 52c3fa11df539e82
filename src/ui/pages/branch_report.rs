//! One branch's rating for a period: stars, score, the star-index radar against the previous
//! period and the category, the table of the same numbers, weak points and the monthly trend.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::ratings::use_ratings_data;
use super::rubric::dimension as dimension_key;
use crate::charts::radar::{Radar, Series};
use crate::charts::trend::Trend;
use crate::domain::compare::{compare, Indices};
use crate::domain::period::{Period, Year};
use crate::domain::Dimension;
use crate::i18n::{fill, K};
use crate::store::ratings::RatingsData;
use crate::ui::components::{EmptyState, Loading, StarLevel, StoreErrorNotice};
use crate::ui::context::{tr, AppContext};
use crate::ui::text;

fn as_f64(indices: &Indices) -> [Option<f64>; 5] {
    indices.map(|i| i.map(|p| p.to_f64()))
}

fn previous(period: Period) -> Option<Period> {
    match period {
        Period::Quarter(q) => q.previous().map(Period::Quarter),
        Period::Month(m) => m.previous().map(Period::Month),
        Period::Year(y) => Year::new(y.number() - 1).map(Period::Year),
    }
}

/// The page at `/quarterly/:branch?period=…`.
#[component]
pub fn BranchReport() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = use_ratings_data();
    move || {
        let branch = params.read().get("branch").unwrap_or_default();
        let period: Option<Period> = query.read().get("period").and_then(|p| p.parse().ok());
        match data.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <StoreErrorNotice error /> }.into_any(),
            Some(Ok(data)) => {
                let period = period.or_else(|| super::ratings::default_period(&data));
                match period {
                    Some(period) => view! { <Report data branch period /> }.into_any(),
                    None => view! { <section class="page"><EmptyState message=K::NoEvaluationsYet /></section> }.into_any(),
                }
            }
        }
    }
}

#[component]
fn Report(data: RatingsData, branch: String, period: Period) -> impl IntoView {
    let ctx = AppContext::get();
    let name = data.orgs.iter().find(|o| o.id == branch).map(|o| o.name.clone()).unwrap_or_else(|| branch.clone());
    let rows = data.rate(period);
    let previous_rows = previous(period).map(|p| data.rate(p)).unwrap_or_default();
    let Some(row) = rows.iter().find(|r| r.branch == branch).cloned() else {
        return view! { <section class="page"><EmptyState message=K::OrgNotFound /></section> }.into_any();
    };
    let comparison = compare(&rows, &previous_rows, &branch);
    let year = period.year();
    let mut scores = [None; 12];
    for (m, slot) in scores.iter_mut().enumerate() {
        if let Some(month) = crate::domain::period::Month::new(year.number(), m as u8 + 1) {
            *slot = data
                .rate(Period::Month(month))
                .into_iter()
                .find(|r| r.branch == branch)
                .and_then(|r| r.score)
                .map(|s| s.to_f64());
        }
    }
    let labels = Signal::derive(move || Dimension::ALL.map(|d| ctx.t(dimension_key(d)).to_string()));
    let period_name = move || text::period(period, ctx.locale.get());
    let name_for_title = name.clone();
    view! {
        <section class="page" data-testid="branch-report">
            <div class="page-head">
                <h1>{name.clone()}<span class="subtitle">{period_name}</span></h1>
                <A href="/quarterly" attr:class="btn">{tr(K::NavQuarterly)}</A>
            </div>
            <div class="cards">
                <div class="card stat">
                    <span class="stat-value">{row.score.map(|s| format!("{:.2}", s.to_f64())).unwrap_or_else(|| "—".into())}</span>
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
                    let mut series = vec![Series { name: ctx.t(K::ThisPeriod).into(), values: as_f64(&c.own), class: "series-0" }];
                    if let Some(prev) = &c.previous {
                        series.push(Series { name: ctx.t(K::PreviousPeriod).into(), values: as_f64(prev), class: "series-1" });
                    }
                    series.push(Series { name: ctx.t(K::CategoryMean).into(), values: as_f64(&c.category_mean), class: "series-2" });
                    series.push(Series { name: ctx.t(K::CategoryBest).into(), values: as_f64(&c.category_best), class: "series-3" });
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
                                    <table class="table" data-testid="radar-table">
                                        <thead>
                                            <tr>
                                                <th scope="col">{tr(K::Dimension)}</th>
                                                {table_series.iter().map(|s| view! { <th scope="col" class="num">{s.name.clone()}</th> }).collect_view()}
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {Dimension::ALL.into_iter().map(|d| {
                                                let cells: Vec<String> = table_series.iter().map(|s| s.values[d.index()].map_or("—".into(), |v| format!("{v:.2}"))).collect();
                                                view! {
                                                    <tr>
                                                        <th scope="row">{tr(dimension_key(d))}</th>
                                                        {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <h2>{tr(K::WeakPoints)}</h2>
                                {if c.weak.is_empty() {
                                    view! { <p class="hint">{tr(K::NoWeakPoints)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="weak-list" data-testid="weak-points">
                                            {c.weak.into_iter().map(|w| {
                                                let reason = if w.below_floor { ctx.t(K::BelowFloor).to_string() } else {
                                                    fill(ctx.t(K::BelowMedian), &[&w.median.map(|m| format!("{:.2}", m.to_f64())).unwrap_or_default()])
                                                };
                                                view! { <li><strong>{tr(dimension_key(w.dimension))}</strong>" "{format!("{:.2}", w.index.to_f64())}<span class="hint">" — "{reason}</span></li> }
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                        </div>
                    }.into_any()
                }
            }}
            <section class="card" aria-labelledby="trend-title">
                <h2 id="trend-title">{move || fill(ctx.t(K::TrendTitle), &[&year.to_string()])}</h2>
                <Trend title=Signal::derive(move || fill(ctx.t(K::TrendTitle), &[&year.to_string()])) scores />
            </section>
        </section>
    }.into_any()
}
