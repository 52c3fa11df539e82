//! Two counts per group as horizontal bars on one scale, each labelled with its number: the
//! monthly reports an instructor filed against those owed, say. Laid out like
//! [`super::paired_bars`] — the name on a line of its own above its bars, so long names fit a
//! phone — but scaled to the largest count instead of 0–100 %, so the bars of one chart compare.

use leptos::prelude::*;

/// Narrow, like the paired bars: drawn near its own size on a phone, capped in CSS elsewhere.
const WIDTH: f64 = 360.0;
/// Room right of the longest bar for its number.
const VALUE_ROOM: f64 = 44.0;
const LABEL_HEIGHT: f64 = 24.0;
const BAR_HEIGHT: f64 = 18.0;
const BAR_GAP: f64 = 4.0;
const ROW_GAP: f64 = 14.0;
const ROW_HEIGHT: f64 = LABEL_HEIGHT + 2.0 * (BAR_HEIGHT + BAR_GAP) + ROW_GAP;

/// One group: its name and its two counts.
#[derive(Debug, Clone, PartialEq)]
pub struct CountRow {
    /// Group name as shown.
    pub label: String,
    /// The two counts, in series order.
    pub counts: [u32; 2],
}

/// The chart. `id` makes its title and description referable (unique on the page).
#[component]
pub fn CountBars(
    /// Unique on the page.
    id: &'static str,
    /// Accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The text alternative: every value in words.
    #[prop(into)]
    desc: Signal<String>,
    /// Names of the two series, for the legend.
    #[prop(into)]
    series: Signal<[String; 2]>,
    /// The groups, top to bottom.
    rows: Vec<CountRow>,
) -> impl IntoView {
    let height = (rows.len().max(1) as f64 * ROW_HEIGHT).max(ROW_HEIGHT);
    let plot = WIDTH - VALUE_ROOM;
    let most = rows.iter().flat_map(|r| r.counts).max().unwrap_or(0).max(1) as f64;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart count-bars" data-testid=id>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by>
                <title id=title_id>{move || title.get()}</title>
                <desc id=desc_id>{move || desc.get()}</desc>
                {rows.into_iter().enumerate().map(|(i, row)| {
                    let top = i as f64 * ROW_HEIGHT;
                    let label = row.label.clone();
                    view! {
                        <g class="cb-row" data-label=label>
                            <text class="cb-label" x="0" y=top + LABEL_HEIGHT - 6.0>{row.label}</text>
                            {(0..2).map(|s| {
                                let y = top + LABEL_HEIGHT + s as f64 * (BAR_HEIGHT + BAR_GAP);
                                let count = row.counts[s];
                                let width = plot * count as f64 / most;
                                view! {
                                    <rect class="cb-track" x="0" y=y width=plot height=BAR_HEIGHT />
                                    <rect class=format!("cb-bar cb-{s}") x="0" y=y width=width height=BAR_HEIGHT data-value=count />
                                    <text class="cb-value" x=width + 5.0 y=y + BAR_HEIGHT - 4.0>{count}</text>
                                }
                            }).collect_view()}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="legend">
                {(0..2).map(|s| view! {
                    <span class=format!("legend-item cb-{s}")><span class="swatch" aria-hidden="true"></span>{move || series.get()[s].clone()}</span>
                }).collect_view()}
            </figcaption>
        </figure>
    }
}
