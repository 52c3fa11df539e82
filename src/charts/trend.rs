//! A line of monthly scores over a year, with the star thresholds as guides.

use leptos::prelude::*;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 48.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;

fn x(month: usize) -> f64 {
    LEFT + (WIDTH - LEFT - 12.0) * (month as f64) / 11.0
}

/// Lowest score on the axis: monthly scores below it sit on the floor line. Scores cluster in
/// 50–100, so starting at 40 keeps the differences that matter readable.
const FLOOR: f64 = 40.0;

fn y(score: f64) -> f64 {
    TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - (score.clamp(FLOOR, 100.0) - FLOOR) / (100.0 - FLOOR))
}

/// Monthly scores of one year (`None` for months without a confirmed evaluation).
#[component]
pub fn Trend(
    /// Accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// Twelve monthly scores.
    scores: [Option<f64>; 12],
) -> impl IntoView {
    let points: Vec<(usize, f64)> = scores.iter().enumerate().filter_map(|(m, s)| Some((m, (*s)?))).collect();
    let line = points.iter().map(|(m, s)| format!("{:.1},{:.1}", x(*m), y(*s))).collect::<Vec<_>>().join(" ");
    view! {
        <div class="trend-box">
        <svg class="trend" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=move || title.get()>
            {[50.0, 60.0, 70.0, 80.0, 90.0, 100.0].into_iter().map(|g| view! {
                <line class="trend-guide" x1=LEFT x2=WIDTH - 12.0 y1=y(g) y2=y(g) />
                <text class="trend-tick" x=LEFT - 6.0 y=y(g) + 4.0 text-anchor="end">{g}</text>
            }).collect_view()}
            {(0..12).map(|m| view! { <text class="trend-tick" x=x(m) y=HEIGHT - 8.0 text-anchor="middle">{m + 1}</text> }).collect_view()}
            <polyline class="trend-line" points=line />
            {points.into_iter().map(|(m, s)| view! {
                <circle class="trend-point" cx=x(m) cy=y(s) r="4" tabindex="0"><title>{format!("{}: {s:.2}", m + 1)}</title></circle>
            }).collect_view()}
        </svg>
        </div>
    }
}

/// One line of a [`PercentTrend`].
#[derive(Debug, Clone, PartialEq)]
pub struct PercentSeries {
    /// Legend text.
    pub name: String,
    /// A share per month in percent, 0–100, with the text of its tooltip; `None` (no rate that
    /// month) breaks nothing, the point is left out.
    pub points: Vec<(Option<f64>, String)>,
    /// CSS class giving its colour (`ts-0`, `ts-1`).
    pub class: &'static str,
}

/// Narrower than the score trend, so a phone draws it near its own size and its ticks stay
/// readable.
const P_WIDTH: f64 = 400.0;

fn x_of(index: usize, count: usize) -> f64 {
    LEFT + (P_WIDTH - LEFT - 12.0) * index as f64 / (count.max(2) - 1) as f64
}

fn y_percent(value: f64) -> f64 {
    TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - value.clamp(0.0, 100.0) / 100.0)
}

/// Shares month by month on a full 0–100 % axis: coverage figures move in any part of it, and a
/// cut axis would make a one-unit change look like a collapse.
#[component]
pub fn PercentTrend(
    /// Unique on the page.
    id: &'static str,
    /// Accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The text alternative: every value in words.
    #[prop(into)]
    desc: Signal<String>,
    /// Labels under the axis, one per month.
    labels: Vec<String>,
    /// The lines, drawn in order.
    series: Vec<PercentSeries>,
) -> impl IntoView {
    let count = labels.len();
    let legend: Vec<(String, &'static str)> = series.iter().map(|s| (s.name.clone(), s.class)).collect();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart percent-trend" data-testid=id>
            <svg class="trend" viewBox=format!("0 0 {P_WIDTH} {HEIGHT}") role="img" aria-labelledby=labelled_by>
                <title id=title_id>{move || title.get()}</title>
                <desc id=desc_id>{move || desc.get()}</desc>
                {[0.0, 25.0, 50.0, 75.0, 100.0].into_iter().map(|g| view! {
                    <line class="trend-guide" x1=LEFT x2=P_WIDTH - 12.0 y1=y_percent(g) y2=y_percent(g) />
                    <text class="trend-tick" x=LEFT - 6.0 y=y_percent(g) + 4.0 text-anchor="end">{format!("{g}%")}</text>
                }).collect_view()}
                {labels.into_iter().enumerate().map(|(m, label)| view! {
                    <text class="trend-tick" x=x_of(m, count) y=HEIGHT - 8.0 text-anchor="middle">{label}</text>
                }).collect_view()}
                {series.into_iter().map(|s| {
                    let shown: Vec<(usize, f64, String)> =
                        s.points.into_iter().enumerate().filter_map(|(m, (v, tip))| Some((m, v?, tip))).collect();
                    let line = shown.iter().map(|(m, v, _)| format!("{:.1},{:.1}", x_of(*m, count), y_percent(*v))).collect::<Vec<_>>().join(" ");
                    let name = s.name.clone();
                    view! {
                        <g class=format!("trend-series {}", s.class) data-series=name>
                            <polyline class="trend-line" points=line />
                            {shown.into_iter().map(|(m, v, tip)| view! {
                                <circle class="trend-point" cx=x_of(m, count) cy=y_percent(v) r="4" tabindex="0" data-value=format!("{v:.2}")><title>{tip}</title></circle>
                            }).collect_view()}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="legend">
                {legend.into_iter().map(|(name, class)| view! {
                    <span class=format!("legend-item {class}")><span class="swatch" aria-hidden="true"></span>{name}</span>
                }).collect_view()}
            </figcaption>
        </figure>
    }
}
