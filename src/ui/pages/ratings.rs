use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::exchange::RatingRow;
use crate::domain::period::Period;
use crate::domain::Category;
use crate::domain::rubric::FIVE_HAVES_CRITERIA;
use crate::i18n::{fill, Locale, K};
use crate::store::ratings::{self, RatingsData};
use crate::store::StoreError;
use crate::ui::components::{EmptyState, Loading, StarLevel, StoreErrorNotice};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

/// Reads the ratings data, and again after every write.
pub fn use_ratings_data() -> LocalResource<Result<RatingsData, StoreError>> {
    let ctx = AppContext::get();
    LocalResource::new(move || {
        ctx.revision.track();
        async move { ratings::load(&db()).await }
    })
}

/// The latest period of `kind` in which at least one branch is complete, else the newest.
pub fn default_period(data: &RatingsData) -> Option<Period> {
    let periods = data.periods();
    periods
        .iter()
        .copied()
        .filter(|p| matches!(p, Period::Quarter(_)))
        .find(|p| data.rate(*p).iter().any(|r| r.complete))
        .or_else(|| periods.first().copied())
}

/// Quarterly (and annual) ratings of every branch, computed from the confirmed evaluations.
#[component]
pub fn Ratings() -> impl IntoView {
    let data = use_ratings_data();
    // Kept outside the data-dependent view so a refetch after a write keeps the user's choice.
    let chosen = RwSignal::new(None::<Period>);
    let category = RwSignal::new(None::<Category>);
    view! {
        <section class="page">
            <h1>{tr(K::NavQuarterly)}</h1>
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <StoreErrorNotice error /> }.into_any(),
                Some(Ok(data)) => match default_period(&data) {
                    None => view! { <EmptyState message=K::NoEvaluationsYet /> }.into_any(),
                    Some(start) => view! { <RatingTable data start chosen category /> }.into_any(),
                },
            }}
        </section>
    }
}

#[component]
fn RatingTable(data: RatingsData, start: Period, chosen: RwSignal<Option<Period>>, category: RwSignal<Option<Category>>) -> impl IntoView {
    let ctx = AppContext::get();
    let periods = data.periods();
    let period = Memo::new(move |_| chosen.get().unwrap_or(start));
    let is_year = move || matches!(period.get(), Period::Year(_));
    let data = StoredValue::new(data);
    let rows = Memo::new(move |_| {
        let mut rows: Vec<RatingRow> = data.with_value(|d| d.rate(period.get()));
        rows.retain(|r| category.get().is_none_or(|c| r.category == c));
        rows.sort_by_key(|r| (r.rank_overall.is_none(), r.rank_overall, r.branch.clone()));
        rows
    });
    let name_of = move |id: &str| {
        data.with_value(|d| d.orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_else(|| id.to_string()))
    };
    view! {
        <div class="toolbar">
            <label class="inline-field">
                <span>{tr(K::Period)}</span>
                <select data-testid="period" on:change=move |ev| {
                    if let Ok(p) = event_target_value(&ev).parse() {
                        chosen.set(Some(p));
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
            <button class="btn" on:click=move |_| { let _ = window().print(); }>{tr(K::Print)}</button>
        </div>
        <p class="hint">{tr(K::RatingsExplain)}</p>
        <h2 class="print-only">{move || fill(ctx.t(K::PrintTitle), &[&text::period(period.get(), ctx.locale.get())])}</h2>
        <div class="table-wrap" tabindex="0">
            <table class="table" data-testid="rating-table">
                <caption class="visually-hidden">{move || text::period(period.get(), ctx.locale.get())}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{tr(K::RankOverall)}</th>
                        <th scope="col">{tr(K::KindBranch)}</th>
                        <th scope="col">{tr(K::Category)}</th>
                        <th scope="col" class="num">{tr(K::RankCategory)}</th>
                        <th scope="col" class="num">{tr(K::Score)}</th>
                        <th scope="col">{tr(K::StarLevel)}</th>
                        <th scope="col">{tr(K::Tier)}</th>
                        <th scope="col">{tr(K::Remarks)}</th>
                        <Show when=is_year>
                            <th scope="col">{tr(K::FiveHavesColumn)}</th>
                        </Show>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|r| (r.branch.clone(), r.period.to_string(), r.score.map(|s| s.hundredths())) children=move |row| {
                        let name = name_of(&row.branch);
                        let href = format!("/quarterly/{}?period={}", row.branch, row.period);
                        view! {
                        <tr class:incomplete=!row.complete>
                            <td class="num">{row.rank_overall}</td>
                            <td><A href=href>{name}</A></td>
                            <td><span class="chip">{tr(text::category(row.category))}</span></td>
                            <td class="num">{row.rank_category}</td>
                            <td class="num">{row.score.map(|s| format!("{:.2}", s.to_f64()))}</td>
                            <td><StarLevel stars=row.stars.map(|s| s.get()) /></td>
                            <td>{row.tier.map(|t| view! { <span class=format!("tier tier-{t}")>{tr(text::tier(t))}</span> })}</td>
                            <td>{remarks(&row, ctx)}</td>
                            <Show when=is_year>
                                <td>{five_haves_cell(data, row.branch.clone(), period.get_untracked())}</td>
                            </Show>
                        </tr>
                        }
                    } />
                </tbody>
            </table>
        </div>
        <div class="print-only signatures">
            <span>{tr(K::SignReviewer)}</span>
            <span>{tr(K::SignApprover)}</span>
            <span>{tr(K::SignDate)}</span>
        </div>
    }
}

/// The committee's five-haves checklist of one branch for a year: each box saves at once.
fn five_haves_cell(data: StoredValue<RatingsData>, branch: String, period: Period) -> impl IntoView {
    let ctx = AppContext::get();
    let year = period.year();
    let flags = data.with_value(|d| d.five_haves.get(&branch).and_then(|y| y.get(&year)).copied().unwrap_or_default());
    let name = data.with_value(|d| d.orgs.iter().find(|o| o.id == branch).map(|o| o.name.clone()).unwrap_or_default());
    view! {
        <fieldset class="cats five-haves" data-testid=format!("five-haves-{branch}")>
            <legend class="visually-hidden">{format!("{name} · {}", ctx.t(K::FiveHavesColumn))}</legend>
            {FIVE_HAVES_CRITERIA.iter().enumerate().map(|(i, criterion)| {
                let branch = branch.clone();
                let label = move || match ctx.locale.get() {
                    Locale::ZhCn => criterion.zh_cn,
                    Locale::ZhTw => criterion.zh_tw,
                    Locale::En => criterion.en,
                };
                let toggle = move |ev: leptos::ev::Event| {
                    let mut next = flags;
                    next.0[i] = event_target_checked(&ev);
                    let branch = branch.clone();
                    leptos::task::spawn_local(async move {
                        match ratings::set_five_haves(&db(), &branch, year, next).await {
                            Ok(()) => ctx.changed(),
                            Err(e) => ctx.failure(text::store_error(&e, ctx.locale.get_untracked())),
                        }
                    });
                };
                view! { <label class="check check-small"><input type="checkbox" checked=flags.0[i] on:change=toggle />{label}</label> }
            }).collect_view()}
        </fieldset>
    }
}

fn remarks(row: &RatingRow, ctx: AppContext) -> impl IntoView + use<> {
    let missing: Vec<String> = row.missing.iter().map(|m| m.to_string()).collect();
    let veto = row.veto == Some(true);
    let capped = row.five_haves_capped;
    move || {
        let mut parts = Vec::new();
        if !missing.is_empty() {
            parts.push(fill(ctx.t(K::IncompleteMissing), &[&missing.join("、")]));
        }
        if veto {
            parts.push(ctx.t(K::VetoCapped).to_string());
        }
        if capped {
            parts.push(ctx.t(K::FiveHavesCapped).to_string());
        }
        parts.join(";")
    }
}
