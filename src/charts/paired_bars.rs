//! Two shares per group as horizontal bars, 0–100 %, each labelled with its value: organisation
//! and work coverage per area, say. Horizontal because group names (街道, 乡镇) are long and a
//! phone is narrow: the name gets a line of its own above its bars instead of being squeezed
//! under a column. The values are printed, so nothing needs hovering on a kiosk or a tablet.

use leptos::prelude::*;

/// Narrow on purpose: on a 375 px phone the chart is drawn near its own size, so its text stays
/// readable; wider screens cap its width in CSS rather than scale the text up.
const WIDTH: f64 = 360.0;
/// Room right of the longest bar for its value ("100.00% · 40 / 40").
const VALUE_ROOM: f64 = 132.0;
const LABEL_HEIGHT: f64 = 24.0;
const BAR_HEIGHT: f64 = 18.0;
const BAR_GAP: f64 = 4.0;
const ROW_GAP: f64 = 14.0;
const ROW_HEIGHT: f64 = LABEL_HEIGHT + 2.0 * (BAR_HEIGHT + BAR_GAP) + ROW_GAP;

/// One group: its name and its two shares.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedRow {
    /// Group name as shown.
    pub label: String,
    /// The shares in percent, 0–100; `None` (no rate) draws no bar.
    pub values: [Option<f64>; 2],
    /// What is printed next to each bar ("92.50% · 37 / 40", or "—").
    pub texts: [String; 2],
}

/// The chart. `id` makes its title and description referable (unique on the page).
#[component]
pub fn PairedBars(
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
    rows: Vec<PairedRow>,
) -> impl IntoView {
    let height = (rows.len().max(1) as f64 * ROW_HEIGHT).max(ROW_HEIGHT);
    let plot = WIDTH - VALUE_ROOM;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart paired-bars" data-testid=id>
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-labelledby=labelled_by
            >
                <title id=title_id>{move || title.get()}</title>
                <desc id=desc_id>{move || desc.get()}</desc>
                {rows.into_iter().enumerate().map(|(i, row)| {
                    let top = i as f64 * ROW_HEIGHT;
                    let label = row.label.clone();
                    view! {
                        <g class="pb-row" data-label=label>
                            <text class="pb-label" x="0" y=top + LABEL_HEIGHT - 6.0>{row.label}</text>
                            {(0..2).map(|s| {
                                let y = top + LABEL_HEIGHT + s as f64 * (BAR_HEIGHT + BAR_GAP);
                                let share = row.values[s].map(|v| v.clamp(0.0, 100.0));
                                let width = share.map_or(0.0, |v| plot * v / 100.0);
                                let text = row.texts[s].clone();
                                view! {
                                    <rect class="pb-track" x="0" y=y width=plot height=BAR_HEIGHT />
                                    <rect class=format!("pb-bar pb-{s}") x="0" y=y width=width height=BAR_HEIGHT data-value=share.map(|v| format!("{v:.2}")) />
                                    <text class="pb-value" x=plot + 5.0 y=y + BAR_HEIGHT - 4.0>{text}</text>
                                }
                            }).collect_view()}
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
