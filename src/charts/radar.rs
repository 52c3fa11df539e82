//! The star-index radar chart (星级指数雷达图): five fortress-index axes, 0–100, one polygon
//! per series.

use leptos::prelude::*;

/// One polygon of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// Values 0–100 per axis; `None` is drawn at the centre and shown as "—".
    pub values: [Option<f64>; 5],
    /// CSS class giving its colour and stroke (`series-0` … `series-3`).
    pub class: &'static str,
}

const CENTRE: f64 = 200.0;
const RADIUS: f64 = 130.0;
/// The drawing's box: the rings, and room beside them for the axis names at a readable size
/// (the English names run wide on the left and right axes).
const VIEW_BOX: &str = "-70 -6 540 412";

fn point(axis: usize, value: f64) -> (f64, f64) {
    at(-90.0 + 72.0 * axis as f64, value)
}

/// A point at `degrees` (0 is to the right, clockwise) and `value` percent of the radius.
fn at(degrees: f64, value: f64) -> (f64, f64) {
    let angle = degrees.to_radians();
    let r = RADIUS * value.clamp(0.0, 120.0) / 100.0;
    (CENTRE + r * angle.cos(), CENTRE + r * angle.sin())
}

fn polygon(values: impl Iterator<Item = f64>) -> String {
    values
        .enumerate()
        .map(|(axis, v)| {
            let (x, y) = point(axis, v);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A radar chart of five axes. `title` names the chart for screen readers, which also get the
/// same numbers as a table next to it (the caller renders that table).
#[component]
pub fn Radar(
    /// Accessible name of the chart.
    #[prop(into)]
    title: Signal<String>,
    /// Axis labels, in dimension order.
    #[prop(into)]
    labels: Signal<[String; 5]>,
    /// The polygons, drawn in order (first at the bottom).
    series: Vec<Series>,
) -> impl IntoView {
    let rings = [20.0, 40.0, 60.0, 80.0, 100.0];
    let legend = series.clone();
    view! {
        <figure class="radar">
            <svg viewBox=VIEW_BOX role="img" aria-label=move || title.get() data-axes="5">
                {rings.into_iter().map(|ring| view! {
                    <polygon class="radar-ring" points=polygon(std::iter::repeat_n(ring, 5)) />
                }).collect_view()}
                {(0..5).map(|axis| {
                    let (x, y) = point(axis, 100.0);
                    view! { <line class="radar-axis" x1=CENTRE y1=CENTRE x2=x y2=y /> }
                }).collect_view()}
                // The ring values run between the first two axes, where no point of a series
                // can cover them.
                {rings.into_iter().map(|ring| {
                    let (x, y) = at(-54.0, ring);
                    view! { <text class=format!("radar-tick radar-tick-{ring}") x=x y=y + 5.0 text-anchor="middle">{ring}</text> }
                }).collect_view()}
                {(0..5).map(|axis| {
                    let (x, y) = point(axis, 114.0);
                    let anchor = if (x - CENTRE).abs() < 1.0 { "middle" } else if x > CENTRE { "start" } else { "end" };
                    view! { <text class="radar-label" x=x y=y + 5.0 text-anchor=anchor>{move || labels.get()[axis].clone()}</text> }
                }).collect_view()}
                {series.into_iter().map(|s| {
                    let values = s.values;
                    let data = values.iter().map(|v| v.map_or("".into(), |v| format!("{v:.2}"))).collect::<Vec<_>>().join(",");
                    let name = s.name.clone();
                    view! {
                        <g class=format!("radar-series {}", s.class) data-series=s.name.clone() data-values=data>
                            <polygon points=polygon(values.iter().map(|v| v.unwrap_or(0.0))) />
                            {values.into_iter().enumerate().map(|(axis, v)| {
                                let (x, y) = point(axis, v.unwrap_or(0.0));
                                let name = name.clone();
                                let tip = move || format!("{} · {}: {}", name, labels.get()[axis], v.map_or("—".into(), |v| format!("{v:.2}")));
                                view! { <circle cx=x cy=y r="5" tabindex="0"><title>{tip}</title></circle> }
                            }).collect_view()}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="legend">
                {legend.into_iter().map(|s| view! {
                    <span class="legend-item"><span class=format!("swatch {}", s.class)></span>{s.name}</span>
                }).collect_view()}
            </figcaption>
        </figure>
    }
}
