//! The kiosk's screens, each rendered from the board.

use leptos::prelude::*;

use crate::charts::bars::{BarGroup, StarBars};
use crate::charts::paired_bars::{PairedBars, PairedRow};
use crate::charts::radar::{Radar, Series};
use crate::domain::device::kiosk::{Board, PublicBranch, PublicCoverage, PublicRequests, RankedBranch, Screen};
use crate::domain::rating::compare::Comparison;
use crate::domain::units::coverage::{Coverage, Ratio};
use crate::domain::values::period::Period;
use crate::domain::{Category, Dimension};
use crate::i18n::{fill, Locale, K};
use crate::ui::components::StarLevel;
use crate::ui::context::{tr, AppContext};
use crate::ui::text;

pub(super) fn render_screen(screen: Screen, board: Board) -> AnyView {
    // Coverage needs no rating: it is shown before the ratings' empty state is considered.
    if screen == Screen::Coverage {
        return match board.coverage {
            Some(coverage) => coverage_screen(coverage, board.requests).into_any(),
            None => view! { <p class="kiosk-empty">{tr(K::UnCovNoUnits)}</p> }.into_any(),
        };
    }
    if board.period.is_none() && screen != Screen::Ledger {
        return view! { <p class="kiosk-empty">{tr(K::KioskNoRatings)}</p> }.into_any();
    }
    match screen {
        Screen::Stars => stars_screen(board.stars).into_any(),
        Screen::Rankings => category_lists(board.tops, "kiosk-rankings").into_any(),
        Screen::Radars => radars_screen(board.leaders).into_any(),
        Screen::Ledger if board.ledger_is_empty() => {
            let ctx = AppContext::get();
            let month = Period::Month(board.month);
            let says = move || fill(ctx.t(K::KioskNoActivity), &[&text::period(month, ctx.locale.get())]);
            view! { <p class="kiosk-empty">{says}</p> }.into_any()
        }
        Screen::Ledger => ledger_screen(board.activity).into_any(),
        // Handled above.
        Screen::Coverage => ().into_any(),
        Screen::Commendations => {
            if board.commended.is_empty() {
                view! { <p class="kiosk-empty">{tr(K::NoCommendation)}</p> }.into_any()
            } else {
                category_lists(board.commended, "kiosk-commend").into_any()
            }
        }
    }
}

pub(super) fn star_label(locale: Locale) -> Callback<u8, String> {
    Callback::new(move |n: u8| fill(K::StarsN.text(locale), &[&n.to_string()]))
}

pub(super) fn stars_screen(stars: [[u32; 5]; 5]) -> impl IntoView {
    let ctx = AppContext::get();
    let totals: Vec<(u8, u32)> =
        (1..=5u8).rev().map(|s| (s, stars.iter().map(|c| c[usize::from(s - 1)]).sum())).collect();
    view! {
        <div class="kiosk-stars">
            <ul class="kiosk-totals">
                {totals.into_iter().map(|(s, n)| view! {
                    <li>
                        <StarLevel stars=Some(s) />
                        <span class="kiosk-number">{n}</span>
                    </li>
                }).collect_view()}
            </ul>
            {move || {
                let locale = ctx.locale.get();
                let groups: Vec<BarGroup> = Category::ALL
                    .iter()
                    .zip(stars)
                    .map(|(&c, counts)| BarGroup { label: text::category(c).text(locale).to_string(), counts })
                    .collect();
                view! { <StarBars title=Signal::derive(move || ctx.t(K::KioskScreenStars).to_string()) groups star_label=star_label(locale) /> }
            }}
        </div>
    }
}

pub(super) fn secretary_line(branch: &PublicBranch) -> impl IntoView {
    let ctx = AppContext::get();
    let secretary = branch.secretary.clone();
    view! {
        <span class="kiosk-secretary">
            {move || if secretary.is_empty() { ctx.t(K::KioskNoSecretary).to_string() } else { fill(ctx.t(K::KioskSecretary), &[&secretary]) }}
        </span>
    }
}

/// Rank, branch with its secretary, stars and score: one line of a ranking or a leader card.
pub(super) fn ranked_line(rank: Option<u32>, b: &RankedBranch) -> impl IntoView {
    view! {
        <span class="kiosk-rank">{rank}</span>
        <span class="kiosk-branch">
            <span class="kiosk-name">{b.branch.name.clone()}</span>
            {secretary_line(&b.branch)}
        </span>
        <span class="kiosk-result">
            <StarLevel stars=b.stars />
            <span class="kiosk-score">{score_text(b)}</span>
        </span>
    }
}

pub(super) fn score_text(branch: &RankedBranch) -> String {
    branch.score.map(|s| s.fixed()).unwrap_or_else(|| "—".into())
}

/// Per category, its branches: the rankings and the commendation list share the shape.
pub(super) fn category_lists(lists: Vec<(Category, Vec<RankedBranch>)>, class: &'static str) -> impl IntoView {
    view! {
        <div class=format!("kiosk-categories {class}")>
            {lists.into_iter().map(|(category, branches)| view! {
                <section class="kiosk-card">
                    <h2>{tr(text::category(category))}</h2>
                    <ol class="kiosk-ranklist">
                        {branches.into_iter().map(|b| {
                            view! { <li>{ranked_line(b.rank_category, &b)}</li> }
                        }).collect_view()}
                    </ol>
                </section>
            }).collect_view()}
        </div>
    }
}

pub(super) fn radars_screen(leaders: Vec<(RankedBranch, Option<Comparison>)>) -> impl IntoView {
    let ctx = AppContext::get();
    let labels = Signal::derive(move || Dimension::ALL.map(|d| ctx.t(text::dimension(d)).to_string()));
    view! {
        <div class="kiosk-radars">
            {leaders.into_iter().map(|(b, comparison)| {
                let name = b.branch.name.clone();
                view! {
                    <section class="kiosk-card kiosk-leader">
                        <div class="kiosk-leader-head">{ranked_line(b.rank_overall, &b)}</div>
                        {comparison.map(|c| {
                            let series = vec![
                                Series { name: ctx.t(K::ThisPeriod).into(), values: crate::ui::components::radar_values(&c.own), class: "series-0" },
                                Series { name: ctx.t(K::CategoryMean).into(), values: crate::ui::components::radar_values(&c.category_mean), class: "series-2" },
                            ];
                            let title = fill(ctx.t(K::RadarTitle), &[&name]);
                            // The five indices in figures under the chart: read from across the
                            // room where the points are too close to tell apart.
                            let figures = Dimension::ALL.into_iter().zip(c.own).zip(c.category_mean).map(|((d, own), mean)| {
                                let own = own.map_or_else(|| "—".to_string(), |p| p.fixed());
                                let mean = mean.map_or_else(|| "—".to_string(), |p| p.fixed());
                                view! {
                                    <li>
                                        <span class="kiosk-index-name">{tr(text::dimension(d))}</span>
                                        <span class="kiosk-index-own">{own}</span>
                                        <span class="kiosk-index-mean">{move || fill(ctx.t(K::KioskMeanOf), &[&mean])}</span>
                                    </li>
                                }
                            }).collect_view();
                            view! {
                                <Radar title=title labels series />
                                <ul class="kiosk-indices">{figures}</ul>
                            }
                        })}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

pub(super) fn ledger_screen(activity: Vec<(PublicBranch, u32)>) -> impl IntoView {
    let ctx = AppContext::get();
    let total: u32 = activity.iter().map(|(_, n)| n).sum();
    let most = activity.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    view! {
        <div class="kiosk-ledger">
            <p class="kiosk-total">{move || fill(ctx.t(K::KioskActivitiesTotal), &[&total.to_string()])}</p>
            <ul class="kiosk-activity">
                {activity.into_iter().map(|(branch, count)| {
                    let width = format!("{}%", count * 100 / most);
                    view! {
                        <li>
                            <span class="kiosk-branch">
                                <span class="kiosk-name">{branch.name.clone()}</span>
                                {secretary_line(&branch)}
                            </span>
                            <span class="bar-track"><span class="bar-fill" style:width=width></span></span>
                            <span class="kiosk-count">{move || fill(ctx.t(K::KioskActivities), &[&count.to_string()])}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Both figures, overall and above designated size, and each area's bars: counts and area names,
/// never a unit; below them the year's enterprise requests resolved, as a count.
pub(super) fn coverage_screen(coverage: PublicCoverage, requests: Option<PublicRequests>) -> impl IntoView {
    use crate::ui::text::units::{coverage_line, fraction_text, percent_text, percent_value, share_text};
    let ctx = AppContext::get();
    let figure = |label: K, ratio: Ratio, kind: &'static str| {
        view! {
            <li data-figure=kind>
                <span class="kiosk-figure-label">{tr(label)}</span>
                <span class="kiosk-number">{percent_text(ratio)}</span>
                <span class="kiosk-fraction">{fraction_text(ratio)}</span>
            </li>
        }
    };
    let group = |title: K, c: Coverage, testid: &'static str| {
        view! {
            <section class="kiosk-card kiosk-coverage-group" data-testid=testid>
                <h2>{tr(title)}</h2>
                <ul class="kiosk-figures">
                    {figure(K::UnOrgCoverage, c.org.0, "org")}
                    {figure(K::UnWorkCoverage, c.work.0, "work")}
                </ul>
            </section>
        }
    };
    let areas = coverage.by_area.clone();
    view! {
        <div class="kiosk-coverage">
            <div class="kiosk-coverage-figures">
                {group(K::UnCovAll, coverage.overall, "kiosk-coverage-all")}
                {group(K::UnCovAboveScale, coverage.above_scale, "kiosk-coverage-above-scale")}
                {requests.map(requests_card)}
            </div>
            <section class="kiosk-card kiosk-coverage-areas">
                <h2>{tr(K::UnCovByArea)}</h2>
                {move || {
                    let locale = ctx.locale.get();
                    let name = |area: &str| if area.is_empty() { K::UnCovNoArea.text(locale).to_string() } else { area.to_string() };
                    let rows: Vec<PairedRow> = areas
                        .iter()
                        .map(|(area, c)| PairedRow {
                            label: name(area),
                            values: [percent_value(c.org.0), percent_value(c.work.0)],
                            texts: [share_text(c.org.0), share_text(c.work.0)],
                        })
                        .collect();
                    let desc = areas.iter().map(|(area, c)| coverage_line(&name(area), *c, locale)).collect::<Vec<_>>().join(K::ClauseSep.text(locale));
                    let series = [K::UnOrgCoverage.text(locale).to_string(), K::UnWorkCoverage.text(locale).to_string()];
                    view! { <PairedBars id="kiosk-area-bars" title=K::UnCovByArea.text(locale).to_string() desc series rows /> }
                }}
            </section>
        </div>
    }
}

/// 企业有话说 on the wall: how many requests were resolved this year, with the raised and open
/// counts beside — numbers only.
fn requests_card(requests: PublicRequests) -> impl IntoView {
    let ctx = AppContext::get();
    let year = requests.year.number().to_string();
    view! {
        <section class="kiosk-card kiosk-requests" data-testid="kiosk-requests">
            <h2>{move || fill(ctx.t(K::RqKioskTitle), &[&year])}</h2>
            <ul class="kiosk-figures">
                <li data-figure="resolved">
                    <span class="kiosk-figure-label">{tr(K::RqKioskResolved)}</span>
                    <span class="kiosk-number">{requests.resolved}</span>
                </li>
                <li data-figure="raised">
                    <span class="kiosk-fraction">{move || fill(ctx.t(K::RqKioskMore), &[&requests.raised.to_string(), &requests.open.to_string()])}</span>
                </li>
            </ul>
        </section>
    }
}
