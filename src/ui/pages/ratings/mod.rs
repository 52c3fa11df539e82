//! Quarterly rating (季评星) and annual grade (年定级): the ranking table of a period, the
//! committee's review of a quarter (adjust stars, approve, reopen), the commendation list and
//! the star distribution per category.

mod branch_report;

pub use branch_report::BranchReport;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::charts::bars::{BarGroup, StarBars};
use crate::domain::device::roles::Action;
use crate::domain::files::table_export::Table;
use crate::domain::org::is_descendant_or_self;
use crate::domain::rating::dataset::RatingsData;
use crate::domain::review::quarter::{star_distribution, ReviewedRow};
use crate::domain::values::period::Period;
use crate::domain::Category;
use crate::i18n::{fill, K};
use crate::ui::components::{col, head_cell, AsyncView, EmptyState, ExportButtons, StarLevel, Table as DataTable};
use crate::ui::context::{tr, AppContext};
use crate::ui::data::use_ratings_data;
use crate::ui::text;

/// The columns the ranking table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Rank,
    Name,
    Category,
    CategoryRank,
    Score,
    Stars,
}

/// Quarterly (and annual) ratings of every branch, computed from the confirmed evaluations.
#[component]
pub fn Ratings() -> impl IntoView {
    let data = use_ratings_data();
    // Kept outside the data-dependent view so a refetch after a write keeps the user's choices.
    let filters = Filters {
        chosen: RwSignal::new(None),
        category: RwSignal::new(None),
        scope: RwSignal::new(None),
        sort: RwSignal::new((SortBy::Rank, true)),
    };
    view! {
        <section class="page page-wide">
            <h1>{tr(K::NavQuarterly)}</h1>
            <AsyncView resource=data let:data>
                {match data.default_period() {
                    None => view! { <EmptyState message=K::NoEvaluationsYet /> }.into_any(),
                    Some(start) => view! { <RatingTable data start filters /> }.into_any(),
                }}
            </AsyncView>
        </section>
    }
}

/// The user's choices on the page.
#[derive(Clone, Copy)]
struct Filters {
    chosen: RwSignal<Option<Period>>,
    category: RwSignal<Option<Category>>,
    /// An org (committee or general branch) whose branches alone are shown.
    scope: RwSignal<Option<String>>,
    /// Column and whether ascending.
    sort: RwSignal<(SortBy, bool)>,
}

fn sort_rows(rows: &mut [ReviewedRow], by: SortBy, ascending: bool, name_of: impl Fn(&str) -> String) {
    // Unranked (incomplete) rows always go last, whatever the direction.
    rows.sort_by(|a, b| {
        let (a, b) = (&a.row, &b.row);
        let order = match by {
            SortBy::Rank => a.rank_overall.cmp(&b.rank_overall),
            SortBy::Name => name_of(&a.branch).cmp(&name_of(&b.branch)),
            SortBy::Category => a.category.cmp(&b.category),
            SortBy::CategoryRank => (a.category, a.rank_category).cmp(&(b.category, b.rank_category)),
            SortBy::Score => a.score.cmp(&b.score),
            SortBy::Stars => (a.stars, a.score).cmp(&(b.stars, b.score)),
        };
        let order = if ascending { order } else { order.reverse() };
        let unranked = |r: &crate::domain::rating::engine::RatingRow| {
            by != SortBy::Name && by != SortBy::Category && r.rank_overall.is_none()
        };
        unranked(a).cmp(&unranked(b)).then(order).then_with(|| a.branch.cmp(&b.branch))
    });
}

#[component]
fn RatingTable(data: RatingsData, start: Period, filters: Filters) -> impl IntoView {
    let ctx = AppContext::get();
    let Filters { chosen, category, scope, sort } = filters;
    let periods = data.periods();
    let period = Memo::new(move |_| chosen.get().unwrap_or(start));
    let is_year = move || matches!(period.get(), Period::Year(_));
    let scopes = crate::domain::org::filter_scopes(&data.orgs);
    let data = StoredValue::new(data);
    let name_of = move |id: &str| data.with_value(|d| d.org_name(id));
    // Every branch of the period, reviewed; filters narrow the table, not the ranks.
    let all_rows = Memo::new(move |_| data.with_value(|d| d.reviewed(period.get())));
    let rows = Memo::new(move |_| {
        let mut rows = all_rows.get();
        data.with_value(|d| {
            rows.retain(|r| category.get().is_none_or(|c| r.row.category == c));
            if let Some(scope) = scope.get() {
                rows.retain(|r| is_descendant_or_self(&d.orgs, &r.row.branch, &scope));
            }
        });
        let (by, ascending) = sort.get();
        sort_rows(&mut rows, by, ascending, name_of);
        rows
    });
    // The rows on screen as a spreadsheet, built when an export button is pressed.
    let export_table = Signal::derive(move || {
        let locale = ctx.locale.get();
        let headers =
            [K::RankOverall, K::KindBranch, K::Category, K::RankCategory, K::Score, K::StarLevel, K::Tier, K::Remarks];
        Table {
            title: format!("{} {}", K::NavQuarterly.text(locale), text::period(period.get(), locale)),
            headers: headers.iter().map(|k| k.text(locale).to_string()).collect(),
            rows: rows
                .get()
                .iter()
                .map(|reviewed| export_row(reviewed, &name_of(&reviewed.row.branch), locale))
                .collect(),
        }
    });
    let export_stem = Signal::derive(move || format!("{}-{}", ctx.t(K::ExportFileQuarterly), period.get()));
    // A quarter's three monthly scores per branch, as the committee reviews them side by side.
    let monthly_scores = Memo::new(move |_| match period.get() {
        Period::Quarter(q) => data.with_value(|d| {
            let mut by_branch: std::collections::HashMap<String, Vec<Option<f64>>> = std::collections::HashMap::new();
            for month in q.months() {
                for row in d.rate(Period::Month(month)) {
                    by_branch.entry(row.branch).or_default().push(row.score.map(|s| s.to_f64()));
                }
            }
            by_branch
        }),
        _ => Default::default(),
    });
    let adjusting = RwSignal::new(None::<String>);
    let header = move |by: SortBy, key: K, numeric: bool| {
        let aria = move || match sort.get() {
            (current, true) if current == by => "ascending",
            (current, false) if current == by => "descending",
            _ => "none",
        };
        let arrow = move || match sort.get() {
            (current, true) if current == by => "▲",
            (current, false) if current == by => "▼",
            _ => "↕",
        };
        view! {
            <th scope="col" class:num=numeric aria-sort=aria>
                <button class="th-sort" on:click=move |_| sort.update(|(current, ascending)| {
                    if *current == by { *ascending = !*ascending } else { *current = by; *ascending = !matches!(by, SortBy::Score | SortBy::Stars) }
                })>
                    {tr(key)}<span class="arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let quarter = move || match period.get() {
        Period::Quarter(q) => Some(q),
        _ => None,
    };
    let published =
        move || quarter().is_some_and(|q| data.with_value(|d| d.review_of(q).is_some_and(|r| r.is_published())));
    let can_adjust =
        move |row: &ReviewedRow| quarter().is_some() && !published() && row.computed.is_some() && row.row.complete;
    view! {
        <div class="toolbar">
            <label class="inline-field">
                <span>{tr(K::Period)}</span>
                <select data-testid="period" on:change=move |ev| {
                    if let Ok(p) = event_target_value(&ev).parse() {
                        chosen.set(Some(p));
                        adjusting.set(None);
                    }
                }>
                    {periods
                        .into_iter()
                        .map(|p| view! { <option value=p.to_string() selected=move || period.get() == p>{move || text::period(p, ctx.locale.get())}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="inline-field">
                <span>{tr(K::Category)}</span>
                <select data-testid="category-filter" on:change=move |ev| category.set(Category::from_code(&event_target_value(&ev)))>
                    <option value="" selected=move || category.get().is_none()>{tr(K::AllCategories)}</option>
                    {Category::ALL.into_iter().map(|c| view! { <option value=c.code() selected=move || category.get() == Some(c)>{tr(text::category(c))}</option> }).collect_view()}
                </select>
            </label>
            <label class="inline-field">
                <span>{tr(K::ScopeLabel)}</span>
                <select data-testid="scope-filter" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    scope.set(Some(value).filter(|v| !v.is_empty()));
                }>
                    <option value="" selected=move || scope.get().is_none()>{tr(K::AllOrgs)}</option>
                    {scopes.into_iter().map(|(id, name)| {
                        let selected_id = id.clone();
                        view! { <option value=id selected=move || scope.get().as_deref() == Some(selected_id.as_str())>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button class="btn" on:click=move |_| { let _ = window().print(); }>{tr(K::Print)}</button>
            <ExportButtons table=export_table file_stem=export_stem />
        </div>
        <p class="hint">{tr(K::RatingsExplain)}</p>
        {move || quarter().map(|q| view! { <ReviewPanel data quarter=q adjusting all_rows /> })}
        <h2 class="print-only">{move || fill(ctx.t(K::PrintTitle), &[&text::period(period.get(), ctx.locale.get())])}</h2>
        <div class="table-wrap" tabindex="0">
            <DataTable
                class="sticky-name"
                testid="rating-table"
                caption=Signal::derive(move || text::period(period.get(), ctx.locale.get()))
                cols=vec![
                    head_cell(header(SortBy::Rank, K::RankOverall, true)),
                    head_cell(header(SortBy::Name, K::KindBranch, false)),
                    head_cell(header(SortBy::Category, K::Category, false)),
                    head_cell(header(SortBy::CategoryRank, K::RankCategory, true)),
                    head_cell(header(SortBy::Score, K::Score, true)),
                    head_cell(view! {
                        <Show when=move || quarter().is_some()>
                            <th scope="col" class="num">{tr(K::MonthlyScores)}</th>
                        </Show>
                    }),
                    head_cell(header(SortBy::Stars, K::StarLevel, false)),
                    col(K::Tier),
                    col(K::Remarks),
                    head_cell(view! {
                        <Show when=is_year>
                            <th scope="col">{tr(K::FiveHavesColumn)}</th>
                        </Show>
                    }),
                    head_cell(view! {
                        <Show when=move || quarter().is_some() && !published()>
                            <th scope="col" class="no-print">{tr(K::Actions)}</th>
                        </Show>
                    }),
                ]
            >
                    <For each=move || rows.get() key=|r| (r.row.branch.clone(), r.row.period.to_string(), r.row.score.map(|s| s.hundredths()), r.row.stars, r.row.rank_overall) children=move |reviewed| {
                        let row = reviewed.row.clone();
                        let name = name_of(&row.branch);
                        let href = format!("/quarterly/{}?period={}", row.branch, row.period);
                        let adjustable = can_adjust(&reviewed);
                        let branch = row.branch.clone();
                        let row_id = row.branch.clone();
                        let five_haves_branch = row.branch.clone();
                        let month_branch = row.branch.clone();
                        let adjust_label = name.clone();
                        let note = reviewed.adjustment.clone().map(|a| {
                            move || fill(ctx.t(K::AdjustedNote), &[&a.computed.get().to_string(), &a.reason, &a.by])
                        });
                        view! {
                        <tr class:incomplete=!row.complete data-branch=row_id>
                            <td class="num">{row.rank_overall}</td>
                            <td class="nowrap"><A href=href>{name}</A></td>
                            <td class="nowrap"><span class="chip">{tr(text::category(row.category))}</span></td>
                            <td class="num">{row.rank_category}</td>
                            <td class="num">{row.score.map(|s| s.fixed())}</td>
                            <Show when=move || quarter().is_some()>
                                <td class="num nowrap monthly-scores">{
                                    let branch = month_branch.clone();
                                    move || monthly_scores.with(|m| m.get(&branch).map(|scores| {
                                        scores.iter().map(|s| s.map_or("—".to_string(), |v| format!("{v:.2}"))).collect::<Vec<_>>().join(" · ")
                                    }))
                                }</td>
                            </Show>
                            <td data-testid="stars-cell"><StarLevel stars=row.stars.map(|s| s.get()) />{note.map(|n| view! { <span class="adjusted">{n}</span> })}</td>
                            <td>{row.tier.map(|t| view! { <span class=format!("tier tier-{t}")>{tr(text::tier(t))}</span> })}</td>
                            <td class="remarks">{remarks(&row, ctx)}</td>
                            <Show when=is_year>
                                <td>{five_haves_cell(data, five_haves_branch.clone(), period.get_untracked())}</td>
                            </Show>
                            <Show when=move || quarter().is_some() && !published()>
                                <td class="no-print">{adjustable.then(|| {
                                    let branch = branch.clone();
                                    let label = adjust_label.clone();
                                    view! {
                                        <button class="btn btn-small" aria-label=move || fill(ctx.t(K::AdjustRow), &[&label]) on:click=move |_| adjusting.set(Some(branch.clone())) disabled=move || !ctx.may(Action::Decide)>{tr(K::AdjustStars)}</button>
                                    }
                                })}</td>
                            </Show>
                        </tr>
                        }
                    } />
            </DataTable>
        </div>
        <div class="print-only signatures">
            <span>{tr(K::SignReviewer)}</span>
            <span>{tr(K::SignApprover)}</span>
            <span>{tr(K::SignDate)}</span>
        </div>
        <Show when=is_year>
            <YearSummary data rows=all_rows period />
        </Show>
        <div class="grid-2 no-print">
            <Commendations data rows=all_rows />
            <section class="card" aria-labelledby="stars-by-category">
                <h2 id="stars-by-category">{tr(K::StarsByCategory)}</h2>
                {move || {
                    let counts = star_distribution(all_rows.get().iter().map(|r| &r.row));
                    let locale = ctx.locale.get();
                    let groups: Vec<BarGroup> = Category::ALL
                        .iter()
                        .zip(counts)
                        .map(|(&c, counts)| BarGroup { label: text::category(c).text(locale).to_string(), counts })
                        .collect();
                    view! {
                        <StarBars
                            title=Signal::derive(move || format!("{} · {}", ctx.t(K::StarsByCategory), text::period(period.get(), ctx.locale.get())))
                            groups
                            star_label=Callback::new(move |n: u8| fill(K::StarsN.text(locale), &[&n.to_string()]))
                        />
                    }
                }}
            </section>
        </div>
    }
}

mod review;
mod summary;

use review::ReviewPanel;
use summary::{export_row, five_haves_cell, remarks, Commendations, YearSummary};
