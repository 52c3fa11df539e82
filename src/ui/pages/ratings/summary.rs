//! Below the ranking: commendations, the year's summary, and the cells of the table.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::device::roles::Action;
use crate::domain::files::table_export::{Cell, Table};
use crate::domain::rating::dataset::RatingsData;
use crate::domain::rating::rubric::FIVE_HAVES_CRITERIA;
use crate::domain::review::quarter::{commendations, CommendRule, ReviewedRow};
use crate::domain::values::period::Period;
use crate::i18n::{fill, Locale, K};
use crate::store::ratings;
use crate::ui::components::{ExportButtons, StarLevel};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

/// 推先: the top branches of each category under the configured rule.
#[component]
pub(super) fn Commendations(data: StoredValue<RatingsData>, rows: Memo<Vec<ReviewedRow>>) -> impl IntoView {
    let ctx = AppContext::get();
    let rule = data.with_value(|d| d.commend_rule);
    let hint = move || match rule {
        CommendRule::Count(n) => fill(ctx.t(K::CommendHintCount), &[&n.to_string()]),
        CommendRule::Share(p) => fill(ctx.t(K::CommendHintShare), &[&p.to_string()]),
    };
    view! {
        <section class="card" aria-labelledby="commendation">
            <h2 id="commendation">{tr(K::Commendation)}</h2>
            <p class="hint">{hint}</p>
            {move || {
                let rows = rows.get();
                let lists = commendations(&rows, rule);
                if lists.iter().all(|(_, l)| l.is_empty()) {
                    return view! { <p class="hint">{tr(K::NoCommendation)}</p> }.into_any();
                }
                view! {
                    <ul class="commend-list" data-testid="commendation">
                        {lists.into_iter().filter(|(_, l)| !l.is_empty()).map(|(category, list)| view! {
                            <li>
                                <strong>{tr(text::category(category))}</strong>
                                {list.into_iter().map(|i| {
                                    let r = &rows[i].row;
                                    let name = data.with_value(|d| d.org_name(&r.branch));
                                    view! { <div>{r.rank_category}". "{name}" "<StarLevel stars=r.stars.map(|s| s.get()) /></div> }
                                }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The year's counts per star level and its tiers with their management focus.
#[component]
pub(super) fn YearSummary(
    data: StoredValue<RatingsData>,
    rows: Memo<Vec<ReviewedRow>>,
    period: Memo<Period>,
) -> impl IntoView {
    let ctx = AppContext::get();
    // The annual grades as listed below: tier by tier, each branch with its category, score,
    // stars and the tier's management focus.
    let export_table = Signal::derive(move || {
        let locale = ctx.locale.get();
        let rows = rows.get();
        let headers = [K::Tier, K::KindBranch, K::Category, K::Score, K::StarLevel, K::YearFocusColumn];
        Table {
            title: format!("{} {}", K::ExportFileAnnual.text(locale), text::period(period.get(), locale)),
            headers: headers.iter().map(|k| k.text(locale).to_string()).collect(),
            rows: (1..=3u8)
                .flat_map(|tier| rows.iter().filter(move |r| r.row.tier == Some(tier)))
                .map(|r| {
                    let tier = r.row.tier.unwrap_or(3);
                    vec![
                        Cell::text(text::tier(tier).text(locale)),
                        Cell::text(data.with_value(|d| d.org_name(&r.row.branch))),
                        Cell::text(text::category(r.row.category).text(locale)),
                        Cell::points_or_empty(r.row.score),
                        Cell::number_or_empty(r.row.stars.map(|s| s.get())),
                        Cell::text(text::tier_focus(tier).text(locale)),
                    ]
                })
                .collect(),
        }
    });
    let export_stem = Signal::derive(move || format!("{}-{}", ctx.t(K::ExportFileAnnual), period.get()));
    view! {
        <section class="card" aria-labelledby="year-summary" data-testid="year-summary">
            <div class="page-head">
                <h2 id="year-summary">{tr(K::YearSummary)}</h2>
                <ExportButtons table=export_table file_stem=export_stem />
            </div>
            {move || {
                let rows = rows.get();
                let count = |n: u8| rows.iter().filter(|r| r.row.stars.map(|s| s.get()) == Some(n)).count();
                let counts: Vec<String> = [5u8, 4, 3].iter().map(|&n| fill(ctx.t(K::CountOfStars), &[&n.to_string(), &count(n).to_string()])).collect();
                view! {
                    <p>{counts.join(" · ")}</p>
                    <ul class="publications">
                        {(1..=3u8).map(|tier| {
                            let names: Vec<String> = rows.iter().filter(|r| r.row.tier == Some(tier)).map(|r| data.with_value(|d| d.org_name(&r.row.branch))).collect();
                            view! {
                                <li>
                                    <span class=format!("tier tier-{tier}")>{tr(text::tier(tier))}</span>
                                    " "<strong>{names.len()}</strong>" "
                                    <span class="tier-focus">{tr(text::tier_focus(tier))}</span>
                                    {(!names.is_empty()).then(|| view! { <div>{text::join_list(&names, ctx.locale.get())}</div> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
            }}
        </section>
    }
}

/// The committee's five-haves checklist of one branch for a year: each box saves at once.
pub(super) fn five_haves_cell(data: StoredValue<RatingsData>, branch: String, period: Period) -> impl IntoView {
    let ctx = AppContext::get();
    let year = period.year();
    let flags = data.with_value(|d| d.five_haves.get(&branch).and_then(|y| y.get(&year)).copied().unwrap_or_default());
    let name = data.with_value(|d| d.org_name(&branch));
    view! {
        <fieldset class="cats five-haves" data-testid=format!("five-haves-{branch}")>
            <legend class="visually-hidden">{format!("{name} · {}", ctx.t(K::FiveHavesColumn))}</legend>
            {FIVE_HAVES_CRITERIA.iter().enumerate().map(|(i, criterion)| {
                let branch = branch.clone();
                let name = name.clone();
                let label = move || match ctx.locale.get() {
                    Locale::ZhCn => criterion.zh_cn,
                    Locale::ZhTw => criterion.zh_tw,
                    Locale::En => criterion.en,
                };
                let toggle = move |ev: leptos::ev::Event| {
                    if !ctx.may(Action::Decide) {
                        return;
                    }
                    let mut next = flags;
                    next.0[i] = event_target_checked(&ev);
                    let branch = branch.clone();
                    let what = format!("{name} · {}", label());
                    spawn_local(async move {
                        match ratings::set_five_haves(&db(), &branch, year, next).await {
                            // Said aloud, because the box itself ticks before the write lands.
                            Ok(()) => {
                                ctx.success(fill(K::SavedNamed.text(ctx.locale.get_untracked()), &[&what]));
                                ctx.changed();
                            }
                            Err(e) => ctx.failure(text::store_error(&e, ctx.locale.get_untracked())),
                        }
                    });
                };
                view! { <label class="check check-small"><input type="checkbox" checked=flags.0[i] on:change=toggle disabled=move || !ctx.may(Action::Decide) />{label}</label> }
            }).collect_view()}
        </fieldset>
    }
}

pub(super) fn remarks(row: &crate::domain::rating::engine::RatingRow, ctx: AppContext) -> impl IntoView + use<> {
    let row = row.clone();
    move || remarks_text(&row, ctx.locale.get())
}

/// The remarks column's text: missing months, veto cap, five-haves cap.
pub(super) fn remarks_text(row: &crate::domain::rating::engine::RatingRow, locale: Locale) -> String {
    let mut parts = Vec::new();
    if !row.missing.is_empty() {
        let missing: Vec<String> = row.missing.iter().map(|m| m.to_string()).collect();
        parts.push(fill(K::IncompleteMissing.text(locale), &[&text::join_list(&missing, locale)]));
    }
    if row.veto == Some(true) {
        parts.push(K::VetoCapped.text(locale).to_string());
    }
    if row.five_haves_capped {
        parts.push(K::FiveHavesCapped.text(locale).to_string());
    }
    parts.join(K::ClauseSep.text(locale))
}

/// One row of the ranking table as exported: the columns on screen, stars as a number, the
/// committee's adjustment note after the remarks.
pub(super) fn export_row(reviewed: &ReviewedRow, name: &str, locale: Locale) -> Vec<Cell> {
    let row = &reviewed.row;
    let mut remarks = remarks_text(row, locale);
    if let Some(a) = &reviewed.adjustment {
        let note = fill(K::AdjustedNote.text(locale), &[&a.computed.get().to_string(), &a.reason, &a.by]);
        remarks =
            [remarks, note].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(K::ClauseSep.text(locale));
    }
    vec![
        Cell::number_or_empty(row.rank_overall),
        Cell::text(name),
        Cell::text(text::category(row.category).text(locale)),
        Cell::number_or_empty(row.rank_category),
        Cell::points_or_empty(row.score),
        Cell::number_or_empty(row.stars.map(|s| s.get())),
        row.tier.map_or(Cell::Empty, |t| Cell::text(text::tier(t).text(locale))),
        if remarks.is_empty() { Cell::Empty } else { Cell::text(remarks) },
    ]
}
