//! Star distribution per category: for each category a group of five bars (1★ … 5★), the count
//! printed above each bar so nothing needs hovering on a kiosk or a tablet.

use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 28.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 44.0;
const GROUP_GAP: f64 = 18.0;

/// A group's name in at most two lines: words are split at the space nearest the middle (after a
/// slash if there is one); names without spaces (Chinese) stay on one line.
fn label_lines(label: &str) -> Vec<String> {
    let label = label.trim();
    if label.chars().count() <= 12 || !label.contains(' ') {
        return vec![label.to_string()];
    }
    let middle = label.len() / 2;
    let split = label
        .find(" / ")
        .map(|i| i + 2)
        .or_else(|| label.match_indices(' ').map(|(i, _)| i).min_by_key(|&i| i.abs_diff(middle)))
        .unwrap_or(label.len());
    let (first, rest) = label.split_at(split);
    [first.trim(), rest.trim()].into_iter().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// One group of bars: its label and the counts of 1…5 stars.
#[derive(Debug, Clone, PartialEq)]
pub struct BarGroup {
    /// Category name in the UI language.
    pub label: String,
    /// Branches with 1, 2, 3, 4 and 5 stars.
    pub counts: [u32; 5],
}

/// The chart. `star_label` names a level for the legend and the tooltips ("3 星").
#[component]
pub fn StarBars(
    /// Accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The groups, left to right.
    groups: Vec<BarGroup>,
    /// Name of a star level, e.g. `|n| format!("{n}★")`.
    star_label: Callback<u8, String>,
) -> impl IntoView {
    let most = groups.iter().flat_map(|g| g.counts).max().unwrap_or(0).max(1) as f64;
    let group_width = (WIDTH - LEFT) / groups.len().max(1) as f64;
    let bar_width = (group_width - GROUP_GAP) / 5.0;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let y = move |count: u32| TOP + plot_height * (1.0 - count as f64 / most);
    view! {
        <figure class="chart">
            <svg class="star-bars" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=move || title.get()>
                <line class="sb-axis" x1=LEFT x2=WIDTH y1=HEIGHT - BOTTOM y2=HEIGHT - BOTTOM />
                {groups.into_iter().enumerate().map(|(g, group)| {
                    let x0 = LEFT + g as f64 * group_width + GROUP_GAP / 2.0;
                    let label = group.label.clone();
                    let category = group.label.clone();
                    view! {
                        <g class="bar-group" data-category=category>
                            {group.counts.iter().enumerate().map(|(s, &count)| {
                                let x = x0 + s as f64 * bar_width;
                                let tip = format!("{label} · {}: {count}", star_label.run(s as u8 + 1));
                                view! {
                                    <rect class=format!("bar bar-{}", s + 1) x=x + 1.0 width=bar_width - 2.0 y=y(count) height=(HEIGHT - BOTTOM - y(count)).max(0.0) tabindex="0" data-count=count>
                                        <title>{tip}</title>
                                    </rect>
                                    <text class="sb-value" x=x + bar_width / 2.0 y=y(count) - 4.0 text-anchor="middle">{count}</text>
                                }
                            }).collect_view()}
                            // Odd groups' names drop below the even ones' where the chart is
                            // narrow (style/main.css), so neighbours never run into each other.
                            <text class=if g % 2 == 1 { "sb-label sb-label-odd" } else { "sb-label" } y=HEIGHT - BOTTOM + 4.0 text-anchor="middle">
                                // One line's height below the axis, whatever size the text takes,
                                // so a name never touches the "0" above it.
                                {label_lines(&group.label).into_iter().enumerate().map(|(i, line)| view! {
                                    <tspan x=x0 + 2.5 * bar_width dy=if i == 0 { "1em" } else { "1.15em" }>{line}</tspan>
                                }).collect_view()}
                            </text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="legend">
                {(1..=5u8).map(|s| view! { <span class=format!("legend-item bar-{s}")><span class="swatch" aria-hidden="true"></span>{star_label.run(s)}</span> }).collect_view()}
            </figcaption>
        </figure>
    }
}
