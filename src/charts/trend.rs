//! A line of monthly scores over a year, with the star thresholds as guides.

use leptos::prelude::*;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 36.0;
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
    }
}
