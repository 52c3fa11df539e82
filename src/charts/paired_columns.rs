//! Two counts per group as side-by-side columns, each with its count printed above it: requests
//! raised and resolved month by month, say. Columns rather than [`super::paired_bars`]' rows
//! because a year's twelve short labels ("1" … "12") fit under one another's columns, and
//! twelve rows of bars would make a phone scroll a long way past them.

use leptos::prelude::*;

/// Narrow on purpose, as the paired bars: a phone draws it near its own size.
const WIDTH: f64 = 360.0;
const HEIGHT: f64 = 190.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 24.0;
const SIDE: f64 = 4.0;
const GROUP_GAP: f64 = 6.0;

/// One group: its label under the axis and its two counts.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnGroup {
    /// Shown under the axis (short: a month's number).
    pub label: String,
    /// What a tooltip names the group ("2026 年 11 月").
    pub name: String,
    /// The two counts.
    pub counts: [u32; 2],
}

/// The chart. `id` makes its title and description referable (unique on the page).
#[component]
pub fn PairedColumns(
    /// Unique on the page.
    id: &'static str,
    /// Accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The text alternative: every value in words.
    #[prop(into)]
    desc: Signal<String>,
    /// Names of the two series, for the legend and the tooltips.
    #[prop(into)]
    series: Signal<[String; 2]>,
    /// The groups, left to right.
    groups: Vec<ColumnGroup>,
) -> impl IntoView {
    let most = groups.iter().flat_map(|g| g.counts).max().unwrap_or(0).max(1) as f64;
    let group_width = (WIDTH - 2.0 * SIDE) / groups.len().max(1) as f64;
    let bar_width = (group_width - GROUP_GAP) / 2.0;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let floor = HEIGHT - BOTTOM;
    let y = move |count: u32| TOP + plot_height * (1.0 - f64::from(count) / most);
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart paired-columns" data-testid=id>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=labelled_by>
                <title id=title_id>{move || title.get()}</title>
                <desc id=desc_id>{move || desc.get()}</desc>
                <line class="pc-axis" x1=SIDE x2=WIDTH - SIDE y1=floor y2=floor />
                {groups.into_iter().enumerate().map(|(g, group)| {
                    let x0 = SIDE + g as f64 * group_width + GROUP_GAP / 2.0;
                    let label = group.label.clone();
                    view! {
                        <g class="pc-group" data-label=label>
                            {(0..2).map(|s| {
                                let count = group.counts[s];
                                let x = x0 + s as f64 * bar_width;
                                let name = group.name.clone();
                                view! {
                                    <rect class=format!("pc-bar pb-bar pb-{s}") x=x + 0.5 width=bar_width - 1.0 y=y(count) height=(floor - y(count)).max(0.0) data-count=count>
                                        <title>{move || format!("{name} · {}: {count}", series.get()[s])}</title>
                                    </rect>
                                    {(count > 0).then(|| view! {
                                        <text class="pc-value" x=x + bar_width / 2.0 y=y(count) - 3.0 text-anchor="middle">{count}</text>
                                    })}
                                }
                            }).collect_view()}
                            <text class="pc-label" x=x0 + bar_width y=floor + 16.0 text-anchor="middle">{group.label}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="legend">
                {(0..2).map(|s| view! {
                    <span class=format!("legend-item pb-{s}")><span class="swatch" aria-hidden="true"></span>{move || series.get()[s].clone()}</span>
                }).collect_view()}
            </figcaption>
        </figure>
    }
}
