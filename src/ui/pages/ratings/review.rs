//! The committee's review of a quarter.

use leptos::prelude::*;

use crate::domain::device::roles::Action;
use crate::domain::rating::dataset::RatingsData;
use crate::domain::rating::scoring::Stars;
use crate::domain::review::quarter::ReviewedRow;
use crate::domain::values::period::{Period, Quarter};
use crate::i18n::{fill, K};
use crate::store::review as review_store;
use crate::ui::components::{ConfirmDialog, Done, NotPermitted, StarLevel, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

/// The committee's review of a quarter: its state, the publication record, the adjustment
/// form, approval and reopening.
#[component]
pub(super) fn ReviewPanel(
    data: StoredValue<RatingsData>,
    quarter: Quarter,
    adjusting: RwSignal<Option<String>>,
    all_rows: Memo<Vec<ReviewedRow>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let review = data.with_value(|d| d.review_of(quarter).cloned());
    let published = review.as_ref().is_some_and(|r| r.is_published());
    let reviewer = RwSignal::new(data.with_value(|d| d.reviewer.clone()));
    let reason = RwSignal::new(String::new());
    let stars = RwSignal::new(3_u8);
    let error = RwSignal::new(None::<String>);
    let confirm_open = RwSignal::new(false);
    let names = move |id: &str| data.with_value(|d| d.org_name(id));
    let failed = move |e: review_store::DecisionError| {
        error.set(Some(text::decision_error(&e, &names, ctx.locale.get_untracked())))
    };
    let period_text = move || text::period(Period::Quarter(quarter), ctx.locale.get());

    // Opening the form for a branch starts from its current (final) stars.
    Effect::new(move |_| {
        if let Some(branch) = adjusting.get() {
            if let Some(row) = all_rows.get_untracked().iter().find(|r| r.row.branch == branch) {
                stars.set(row.row.stars.map_or(3, |s| s.get()));
            }
            reason.set(String::new());
            error.set(None);
            if let Some(el) = document().get_element_by_id("adjust-stars") {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    });

    let adjustment = Write::new(move |(branch, level, why, by): (String, Stars, String, String), _| async move {
        match review_store::adjust_stars(&db(), quarter, &branch, level, &why, &by).await {
            Ok(_) => {
                adjusting.set(None);
                Done::Saved(ctx.t(K::AdjustmentSaved).to_string())
            }
            Err(e) => {
                failed(e);
                Done::Quiet
            }
        }
    });
    let save_adjustment = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(branch) = adjusting.get_untracked() else { return };
        let Some(level) = Stars::new(stars.get_untracked()) else { return };
        adjustment.run((branch, level, reason.get_untracked(), reviewer.get_untracked()));
    };
    let publishing = Write::new(move |by: String, _| async move {
        match review_store::publish(&db(), quarter, &by).await {
            Ok(_) => Done::Saved(fill(
                ctx.t(K::QuarterPublished),
                &[&text::period(Period::Quarter(quarter), ctx.locale.get_untracked())],
            )),
            Err(e) => {
                failed(e);
                Done::Quiet
            }
        }
    });
    let approve = move || publishing.run(reviewer.get_untracked());
    let reopening = Write::new(move |(why, by): (String, String), _| async move {
        match review_store::reopen(&db(), quarter, &why, &by).await {
            Ok(_) => Done::Saved(fill(
                ctx.t(K::QuarterReopened),
                &[&text::period(Period::Quarter(quarter), ctx.locale.get_untracked())],
            )),
            Err(e) => {
                failed(e);
                Done::Quiet
            }
        }
    });
    let reopen = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        reopening.run((reason.get_untracked(), reviewer.get_untracked()));
    };
    let publications = review.as_ref().map(|r| r.publications.clone()).unwrap_or_default();
    let adjusting_name = move || adjusting.get().map(|b| names(&b)).unwrap_or_default();

    view! {
        <section class="card no-print" aria-labelledby="review-title" data-testid="review-panel">
            <div class="review-state">
                <h2 id="review-title">{tr(K::ReviewTitle)}</h2>
                {if published {
                    view! { <span class="badge badge-published" data-testid="review-state">{tr(K::ReviewStatePublished)}</span> }.into_any()
                } else {
                    view! { <span class="badge badge-open" data-testid="review-state">{tr(K::ReviewStateOpen)}</span> }.into_any()
                }}
            </div>
            <p class="hint">{tr(K::ReviewHint)}</p>
            <Show when=move || ctx.may(Action::Decide) fallback=|| view! { <NotPermitted message=K::RoleNeedAdmin /> }>
            <div class="field">
                <label for="reviewer">{tr(K::ReviewerName)}</label>
                <input id="reviewer" type="text" autocomplete="name" bind:value=reviewer />
            </div>
            </Show>
            <Show when=move || adjusting.get().is_some() && !published && ctx.may(Action::Decide)>
                <form class="subform" on:submit=save_adjustment data-testid="adjust-form">
                    <h3>{move || format!("{} · {}", ctx.t(K::AdjustStars), adjusting_name())}</h3>
                    <div class="field">
                        <label for="adjust-stars">{tr(K::AdjustTo)}</label>
                        <select id="adjust-stars" on:change=move |ev| stars.set(event_target_value(&ev).parse().unwrap_or(3))>
                            {(1..=5u8).map(|n| view! { <option value=n selected=move || stars.get() == n>{move || fill(ctx.t(K::StarsN), &[&n.to_string()])}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="adjust-reason">{tr(K::AdjustReason)}</label>
                        <textarea id="adjust-reason" rows="2" bind:value=reason></textarea>
                    </div>
                    <div class="actions">
                        <button type="button" class="btn" on:click=move |_| adjusting.set(None)>{tr(K::Cancel)}</button>
                        <button type="submit" class="btn btn-primary">{tr(K::SaveAdjustment)}</button>
                    </div>
                </form>
            </Show>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert" data-testid="review-error">{e}</p> })}
            {move || ctx.may(Action::Decide).then(|| if published {
                view! {
                    <form class="subform" on:submit=reopen>
                        <div class="field">
                            <label for="reopen-reason">{tr(K::ReopenReasonLabel)}</label>
                            <textarea id="reopen-reason" rows="2" bind:value=reason></textarea>
                        </div>
                        <button type="submit" class="btn btn-danger-outline">{tr(K::ReopenQuarter)}</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <div class="actions">
                        <button class="btn btn-primary" data-testid="approve" on:click=move |_| { error.set(None); confirm_open.set(true) }>{tr(K::Approve)}</button>
                    </div>
                }.into_any()
            })}
            <ConfirmDialog
                open=confirm_open
                title=K::ApproveConfirmTitle
                body=Signal::derive(move || fill(ctx.t(K::ApproveConfirmBody), &[&period_text()]))
                confirm_label=K::Approve
                on_confirm=Callback::new(move |_| approve())
            />
            {(!publications.is_empty()).then(|| view! {
                <h3>{tr(K::Publications)}</h3>
                <ol class="publications" data-testid="publications">
                    {publications.into_iter().map(|p| {
                        let rubrics = p.rubrics.clone();
                        let at = text::local_time(&p.at);
                        let reopened = p.reopened.clone();
                        let published_rows = p.rows.clone();
                        view! {
                            <li>
                                {move || fill(ctx.t(K::PublishedLine), &[&p.by, &at, &text::join_list(&rubrics, ctx.locale.get())])}
                                {reopened.map(|r| view! { <div class="hint">{move || fill(ctx.t(K::ReopenedLine), &[&r.by, &text::local_time(&r.at), &r.reason])}</div> })}
                                <details>
                                    <summary>{tr(K::PublishedResult)}</summary>
                                    <ul>
                                        {published_rows.into_iter().filter(|r| r.stars.is_some()).map(|r| {
                                            let name = names(&r.branch);
                                            view! { <li>{r.rank_overall}". "{name}" · "<StarLevel stars=r.stars.map(|s| s.get()) />{r.score.map(|s| format!(" {}", s.fixed()))}</li> }
                                        }).collect_view()}
                                    </ul>
                                </details>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            })}
        </section>
    }
}
