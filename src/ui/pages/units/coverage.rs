//! `/units/coverage`: 组织覆盖率 and 工作覆盖率 on a chosen day — overall and above designated
//! size as big numbers with their fractions, per area as bars, a year's trend, tables by
//! industry and by type — and the gap list behind them, each unit linking to its record. It is
//! a report that gets filed, so it prints: the navigation and controls drop out, the figures,
//! charts and tables stay, headed by the day they are of.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::charts::paired_bars::{PairedBars, PairedRow};
use crate::charts::trend::{PercentSeries, PercentTrend};
use crate::domain::units::coverage::{Coverage, CoverageGroup, Ratio};
use crate::domain::units::overview::{self, GapUnit, Overview};
use crate::domain::values::date::Date;
use crate::domain::values::period::Period;
use crate::i18n::{fill, Locale, K};
use crate::store;
use crate::ui::components::LiangxinTabs;
use crate::ui::components::{col, AsyncView, EmptyState, Table};
use crate::ui::context::{tr, AppContext};
use crate::ui::data::{use_unit_registry, UnitRegistry};
use crate::ui::text;
use crate::ui::text::units::{coverage_line, fraction_text, group_name, percent_text, percent_value, share_text};

#[component]
pub fn CoveragePage() -> impl IntoView {
    let registry = use_unit_registry();
    // ?date= opens the report of a past day (a link in a filed note, a bookmark).
    let asked = use_query_map().with_untracked(|q| q.get("date").and_then(|d| d.parse::<Date>().ok()));
    let date = RwSignal::new(asked.unwrap_or_else(store::today));
    view! {
        <section class="page coverage-page">
            <LiangxinTabs />
            <h1>{tr(K::UnCoverageTitle)}</h1>
            <AsyncView resource=registry let:registry>
                <Report registry date />
            </AsyncView>
        </section>
    }
}

#[component]
fn Report(registry: UnitRegistry, date: RwSignal<Date>) -> impl IntoView {
    if registry.units.is_empty() {
        return view! {
            <EmptyState message=K::UnCovNoUnits>
                <A href="/units/new" attr:class="btn btn-primary">{tr(K::UnRegisterUnit)}</A>
            </EmptyState>
        }
        .into_any();
    }
    let ctx = AppContext::get();
    let UnitRegistry { units, orgs } = registry;
    let overview = Memo::new(move |_| overview::overview(&units, &orgs, date.get()));
    view! {
        <div class="toolbar coverage-toolbar">
            <div class="field">
                <label for="coverage-date">{tr(K::UnCovDate)}</label>
                <input
                    id="coverage-date"
                    type="date"
                    max=store::today().to_string()
                    prop:value=move || date.get().to_string()
                    on:change=move |ev| {
                        // A cleared or half-typed date keeps the report of the last real one.
                        if let Ok(day) = event_target_value(&ev).parse::<Date>() {
                            date.set(day);
                        }
                    }
                />
            </div>
            <button type="button" class="btn" on:click=move |_| { let _ = window().print(); }>{tr(K::Print)}</button>
        </div>
        <p class="print-only coverage-print-date">{tr(K::UnCovDate)}{tr(K::ColonSep)}{move || date.get().to_string()}</p>
        {move || {
            let locale = ctx.locale.get();
            let o = overview.get();
            view! {
                <Figures overview=o.clone() locale />
                <div class="grid-2 coverage-charts">
                    <section class="card" aria-labelledby="cov-area-title">
                        <h2 id="cov-area-title">{tr(K::UnCovByArea)}</h2>
                        {area_chart(&o.by_area, locale)}
                    </section>
                    <section class="card" aria-labelledby="cov-trend-title">
                        <h2 id="cov-trend-title">{tr(K::UnCovTrend)}</h2>
                        {trend_chart(&o, locale)}
                        <p class="hint">{tr(K::UnCovTrendHint)}</p>
                    </section>
                </div>
                <div class="coverage-tables">
                    {group_table(K::UnCovByIndustry, K::UnIndustry, "coverage-by-industry", o.by_industry.clone(), locale)}
                    {group_table(K::UnCovByKind, K::UnKind, "coverage-by-kind", o.by_kind.clone(), locale)}
                </div>
                <Gaps overview=o locale />
            }
        }}
    }
    .into_any()
}

/// The two figures, overall and above designated size, as big numbers.
#[component]
fn Figures(overview: Overview, locale: Locale) -> impl IntoView {
    let group = |title: K, coverage: Coverage, testid: &'static str| {
        let figure = move |label: K, ratio: Ratio, kind: &'static str| {
            view! {
                <div class="card stat coverage-figure" data-figure=kind>
                    <span class="stat-label">{tr(label)}</span>
                    <span class="stat-value">{percent_text(ratio)}</span>
                    <span class="coverage-fraction">{fraction_text(ratio)}</span>
                </div>
            }
        };
        view! {
            <section class="coverage-group" data-testid=testid aria-labelledby=format!("{testid}-title")>
                <h2 id=format!("{testid}-title")>{tr(title)}</h2>
                <p class="coverage-active">{fill(K::UnCovActiveN.text(locale), &[&coverage.active().to_string()])}</p>
                {(coverage.active() == 0).then(|| view! { <p class="coverage-active">{tr(K::UnCovNoRate)}</p> })}
                <div class="cards">
                    {figure(K::UnOrgCoverage, coverage.org.0, "org")}
                    {figure(K::UnWorkCoverage, coverage.work.0, "work")}
                </div>
            </section>
        }
    };
    view! {
        <div class="coverage-figures">
            {group(K::UnCovAll, overview.overall, "coverage-all")}
            {group(K::UnCovAboveScale, overview.above_scale, "coverage-above-scale")}
        </div>
    }
}

fn area_chart(groups: &[CoverageGroup], locale: Locale) -> impl IntoView {
    let rows: Vec<PairedRow> = groups
        .iter()
        .map(|g| PairedRow {
            label: group_name(&g.key, locale),
            values: [percent_value(g.coverage.org.0), percent_value(g.coverage.work.0)],
            texts: [share_text(g.coverage.org.0), share_text(g.coverage.work.0)],
        })
        .collect();
    let desc =
        groups.iter().map(|g| coverage_line(&group_name(&g.key, locale), g.coverage, locale)).collect::<Vec<_>>();
    let series = [K::UnOrgCoverage.text(locale).to_string(), K::UnWorkCoverage.text(locale).to_string()];
    view! {
        <PairedBars
            id="coverage-area-bars"
            title=K::UnCovByArea.text(locale).to_string()
            desc=desc.join(K::ClauseSep.text(locale))
            series=series
            rows
        />
    }
}

fn trend_chart(overview: &Overview, locale: Locale) -> impl IntoView {
    let month_name = |m| text::period(Period::Month(m), locale);
    let labels = overview.trend.iter().map(|m| m.month.number().to_string()).collect();
    let line = |key: K, class: &'static str, share: fn(Coverage) -> Ratio| PercentSeries {
        name: key.text(locale).to_string(),
        points: overview
            .trend
            .iter()
            .map(|m| {
                let ratio = share(m.coverage);
                (percent_value(ratio), format!("{} · {}: {}", month_name(m.month), key.text(locale), share_text(ratio)))
            })
            .collect(),
        class,
    };
    let series = vec![line(K::UnOrgCoverage, "ts-0", |c| c.org.0), line(K::UnWorkCoverage, "ts-1", |c| c.work.0)];
    let desc =
        overview.trend.iter().map(|m| coverage_line(&month_name(m.month), m.coverage, locale)).collect::<Vec<_>>();
    view! {
        <PercentTrend id="coverage-trend" title=K::UnCovTrend.text(locale).to_string() desc=desc.join(K::ClauseSep.text(locale)) labels series />
    }
}

fn group_table(title: K, first: K, testid: &'static str, groups: Vec<CoverageGroup>, locale: Locale) -> impl IntoView {
    let cols = vec![
        col(first),
        col(K::UnCovActive).class("num"),
        col(K::UnCovWithOrg).class("num"),
        col(K::UnOrgCoverage).class("num"),
        col(K::UnCovReached).class("num"),
        col(K::UnWorkCoverage).class("num"),
    ];
    view! {
        <section class="card" aria-labelledby=format!("{testid}-title")>
            <h2 id=format!("{testid}-title")>{tr(title)}</h2>
            <div class="table-wrap" tabindex="0">
                <Table class="table-compact" testid=testid cols>
                    {groups.into_iter().map(|g| view! {
                        <tr>
                            <th scope="row">{group_name(&g.key, locale)}</th>
                            <td class="num">{g.coverage.active()}</td>
                            <td class="num">{g.coverage.org.0.numerator}</td>
                            <td class="num">{percent_text(g.coverage.org.0)}</td>
                            <td class="num">{g.coverage.work.0.numerator}</td>
                            <td class="num">{percent_text(g.coverage.work.0)}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            </div>
        </section>
    }
}

/// The three lists of units that need action, each unit with its area and why it is listed.
#[component]
fn Gaps(overview: Overview, locale: Locale) -> impl IntoView {
    let members = |g: &GapUnit| {
        fill(
            K::UnWhyMembers.text(locale),
            &[&g.party_members.to_string(), text::units::formation(g.formation).text(locale)],
        )
    };
    let full = |g: &GapUnit| {
        fill(
            K::UnWhyFull.text(locale),
            &[&g.full_members.to_string(), text::units::formation(g.formation).text(locale)],
        )
    };
    let gaps = overview.gaps;
    view! {
        <section class="card coverage-gaps" aria-labelledby="cov-gaps-title" data-testid="coverage-gaps">
            <h2 id="cov-gaps-title">{tr(K::UnGapsTitle)}</h2>
            <div class="gap-lists">
                {gap_list(K::UnGapMembersNoOrg, "gap-members", gaps.members_without_organisation, members, locale)}
                {gap_list(K::UnGapAboveScale, "gap-above-scale", gaps.above_scale_uncovered, members, locale)}
                {gap_list(K::UnGapCandidates, "gap-candidates", gaps.standalone_candidates, full, locale)}
            </div>
        </section>
    }
}

fn gap_list(
    title: K,
    testid: &'static str,
    units: Vec<GapUnit>,
    why: impl Fn(&GapUnit) -> String,
    locale: Locale,
) -> impl IntoView {
    let count = units.len();
    let items = units
        .into_iter()
        .map(|g| {
            let area = if g.area.is_empty() { K::UnCovNoArea.text(locale).to_string() } else { g.area.clone() };
            let reason = why(&g);
            let href = format!("/units/{}", g.id);
            view! {
                <li data-unit=g.id>
                    <A href=href>{g.name}</A>
                    <span class="gap-area">{area}</span>
                    <span class="gap-why">{reason}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="gap-list" data-testid=testid aria-labelledby=format!("{testid}-title")>
            <h3 id=format!("{testid}-title")>{tr(title)}" "<span class="badge badge-open">{count}</span></h3>
            {if count == 0 {
                view! { <p class="hint">{tr(K::UnGapNone)}</p> }.into_any()
            } else {
                view! { <ul class="gap-units">{items}</ul> }.into_any()
            }}
        </section>
    }
}
