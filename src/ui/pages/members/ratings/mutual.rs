//! `/members/ratings/:branch/mutual[?half=2026-H1]`: the branch's 互评 of a half-year on one
//! sheet — per rater (whole scores separated by spaces) or one summary mean per member, each
//! row's mean shown as it is typed — and the members whose stored mean is below the committee's
//! talk threshold, flagged for a talk. Saved through `save_mutual` in one transaction.

use leptos::prelude::*;

use super::{half_from_query, BranchFrame, HalfPicker, Loaded};
use crate::domain::device::roles::Action;
use crate::domain::members::mutual::{
    flagged_for_talk, mutual_sheet, parse_scores, scores_text, EntryMode, HalfYear, MutualRow, MutualScore,
    MutualSheet, Scores,
};
use crate::i18n::{fill, K};
use crate::store::member_ratings::{self as ratings_store, RatingsError};
use crate::store::{self, WriteError};
use crate::ui::components::{col, ConfirmDialog, Done, EmptyState, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::member_ratings::{self as text, half_name};

/// The page.
#[component]
pub fn MutualPage() -> impl IntoView {
    let half = half_from_query();
    view! {
        <BranchFrame class="mr-mutual-page" let:loaded>
            {move || view! { <Sheet loaded=loaded.clone() half=half.get() /> }}
        </BranchFrame>
    }
}

#[derive(Clone, Copy)]
struct Row {
    member: StoredValue<String>,
    name: StoredValue<String>,
    text: RwSignal<String>,
}

#[component]
fn Sheet(loaded: Loaded, half: HalfYear) -> impl IntoView {
    let ctx = AppContext::get();
    let branch = loaded.branch.clone();
    let base = format!("/members/ratings/{}/mutual", branch.id);
    let may = ctx.may(Action::EditMembers(&branch.id)) && !branch.archived;
    let data = &loaded.data;
    let sheet = mutual_sheet(&branch.id, half, &data.roll, &data.mutual);
    let mode = RwSignal::new(sheet.mode);
    let stored: Vec<MutualScore> = data.mutual.iter().filter(|s| s.half == half).cloned().collect();
    let threshold = data.settings.talk_threshold;
    let flagged = flagged_for_talk(&stored, threshold);
    let stored = StoredValue::new(stored);
    let names = StoredValue::new(loaded.clone());
    let rows: Vec<Row> = sheet
        .rows
        .iter()
        .map(|r| Row {
            member: StoredValue::new(r.member.clone()),
            name: StoredValue::new(loaded.name(&r.member)),
            text: RwSignal::new(r.text.clone()),
        })
        .collect();
    let rows = StoredValue::new(rows);
    // Switching the entry mode rewrites each stored row's text in the new mode (per-rater scores
    // become their mean); a row being typed is kept as it is.
    let switch = move |to: EntryMode| {
        stored.with_value(|stored| {
            rows.with_value(|rows| {
                for r in rows {
                    let member = r.member.get_value();
                    if let Some(s) = stored.iter().find(|s| s.member == member) {
                        let was = scores_text(&s.scores, mode.get_untracked());
                        if r.text.get_untracked() == was {
                            r.text.set(scores_text(&s.scores, to));
                        }
                    }
                }
            })
        });
        mode.set(to);
    };
    let error = RwSignal::new(None::<RatingsError>);
    let branch_id = StoredValue::new(branch.id.clone());
    let build = move || MutualSheet {
        branch: branch_id.get_value(),
        half,
        mode: mode.get_untracked(),
        rows: rows.with_value(|rows| {
            rows.iter().map(|r| MutualRow { member: r.member.get_value(), text: r.text.get_untracked() }).collect()
        }),
    };
    let saving = Write::new(move |sheet: MutualSheet, locale| async move {
        match ratings_store::save_mutual(&db(), &sheet, store::today()).await {
            Ok(saved) => {
                error.set(None);
                Done::Saved(fill(K::MrMutualSaved.text(locale), &[&saved.len().to_string()]))
            }
            Err(e) => {
                let message = names.with_value(|n| text::error(&e, &|id| n.name(id), locale));
                error.set(Some(e));
                Done::Failed(message)
            }
        }
    });
    let confirm = RwSignal::new(false);
    let clearing = RwSignal::new(0usize);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.pending_untracked() {
            return;
        }
        let sheet = build();
        let cleared = stored.with_value(|s| sheet.cleared(s)).len();
        if cleared > 0 {
            clearing.set(cleared);
            confirm.set(true);
        } else {
            saving.run(sheet);
        }
    };
    let on_confirm = Callback::new(move |_| saving.run(build()));
    let sheet_error = move || {
        let Some(WriteError::Invalid(problems)) = error.get() else { return None };
        let locale = ctx.locale.get();
        let texts: Vec<String> = problems
            .iter()
            .filter(|p| p.member().is_none())
            .map(|p| names.with_value(|n| text::problem(p, &|id| n.name(id), locale)))
            .collect();
        (!texts.is_empty()).then(|| texts.join(" "))
    };
    let row_error = move |member: &str| {
        let Some(WriteError::Invalid(problems)) = error.get() else { return None };
        let locale = ctx.locale.get();
        let texts: Vec<String> = problems
            .iter()
            .filter(|p| p.member() == Some(member))
            .map(|p| names.with_value(|n| text::problem(p, &|id| n.name(id), locale)))
            .collect();
        (!texts.is_empty()).then(|| texts.join(" "))
    };
    let title = {
        let name = branch.name.clone();
        move || fill(ctx.t(K::MrMutualTitle), &[&name, &half_name(half, ctx.locale.get())])
    };
    let no_rows = sheet.rows.is_empty();
    let score_label =
        move || ctx.t(if mode.get() == EntryMode::Raters { K::MrScoresRaters } else { K::MrScoresSummary });
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <HalfPicker half base=base.clone() />
        </div>
        <Flagged flagged=flagged.iter().map(|f| (f.member.clone(), loaded.name(&f.member), f.mean.to_string())).collect() threshold />
        {(!may).then(|| view! { <p class="hint" data-testid="mr-read-only">{tr(K::MrReadOnly)}</p> })}
        {if no_rows {
            view! { <EmptyState message=K::MrNoMembers /> }.into_any()
        } else {
            view! {
                <form class="card mr-sheet" on:submit=submit novalidate data-testid="mr-mutual-form">
                    <fieldset disabled=!may>
                        <fieldset class="mr-mode">
                            <legend>{tr(K::MrMode)}</legend>
                            {[(EntryMode::Raters, K::MrModeRaters, "raters"), (EntryMode::Summary, K::MrModeSummary, "summary")].into_iter().map(|(m, label, code)| view! {
                                <label class="choice">
                                    <input type="radio" name="mr-mode" value=code data-testid=format!("mr-mode-{code}")
                                        checked=move || mode.get() == m on:change=move |_| switch(m) />
                                    {tr(label)}
                                </label>
                            }).collect_view()}
                        </fieldset>
                        <p class="field-error" role="alert" aria-live="polite" data-testid="mr-sheet-error">{sheet_error}</p>
                        <div class="table-wrap" tabindex="0">
                            <Table class="table-compact mr-table" testid="mr-mutual-table" cols=vec![col(K::MrMember), crate::ui::components::head_cell(view! { <th scope="col">{score_label}</th> }), col(K::MrMean).class("num"), col(K::MrTalk)]>
                                {rows.get_value().into_iter().map(|row| {
                                    let member = row.member.get_value();
                                    let name = row.name.get_value();
                                    let error_id = format!("mr-score-error-{member}");
                                    let m = member.clone();
                                    let message = Signal::derive(move || row_error(&m));
                                    let mean = move || match parse_scores(&row.text.get(), mode.get()) {
                                        Some(Scores::Raters { scores }) => crate::domain::members::mutual::mutual_mean(&scores).map(|m| m.to_string()),
                                        Some(Scores::Summary { mean }) => Some(mean.to_string()),
                                        None => None,
                                    };
                                    let below = move || {
                                        match parse_scores(&row.text.get(), mode.get()) {
                                            Some(s) => flagged_for_talk(&[MutualScore { member: String::new(), branch: String::new(), half, scores: s }], threshold).len() == 1,
                                            None => false,
                                        }
                                    };
                                    let label = {
                                        let name = name.clone();
                                        move || fill(ctx.t(K::MrScoresFor), &[&name])
                                    };
                                    view! {
                                        <tr data-member=member.clone() class:row-invalid=move || message.get().is_some()>
                                            <th scope="row">
                                                {name.clone()}
                                                <p class="field-error" id=error_id.clone() aria-live="polite">{move || message.get()}</p>
                                            </th>
                                            <td>
                                                <input type="text" class="mr-scores" aria-label=label data-testid="mr-scores" bind:value=row.text
                                                    aria-invalid=move || message.get().is_some().to_string() aria-describedby=error_id.clone()
                                                    inputmode=move || if mode.get() == EntryMode::Raters { "text" } else { "decimal" } autocomplete="off" />
                                            </td>
                                            <td class="num" data-cell="mean">{move || mean().unwrap_or_else(|| "—".into())}</td>
                                            <td data-cell="talk">{move || below().then(|| view! { <span class="chip mr-flag">"! "{tr(K::MrFlagged)}</span> })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </Table>
                        </div>
                    </fieldset>
                    <p class="hint">{move || fill(ctx.t(K::MrMeanRule), &[&threshold.to_string()])}</p>
                    {may.then(|| view! {
                        <div class="actions">
                            <button type="submit" class="btn btn-primary" disabled=move || saving.pending() data-testid="mr-mutual-save">{tr(K::MrSaveMutual)}</button>
                        </div>
                    })}
                </form>
            }
            .into_any()
        }}
        <ConfirmDialog open=confirm title=K::MrClearTitle
            body=Signal::derive(move || fill(ctx.t(K::MrClearBody), &[&clearing.get().to_string()]))
            confirm_label=K::MrClearConfirm on_confirm />
    }
}

/// The stored members below the threshold: (id, name, mean).
#[component]
fn Flagged(flagged: Vec<(String, String, String)>, threshold: u32) -> impl IntoView {
    let ctx = AppContext::get();
    let t = threshold.to_string();
    let t2 = t.clone();
    view! {
        <section class="card mr-flagged" aria-labelledby="mr-flagged-title" data-testid="mr-flagged">
            <h2 id="mr-flagged-title">{move || fill(ctx.t(K::MrFlaggedTitle), &[&t])}</h2>
            {if flagged.is_empty() {
                view! { <p class="hint">{move || fill(ctx.t(K::MrFlaggedNone), &[&t2])}</p> }.into_any()
            } else {
                view! {
                    <ul class="mr-flag-list">
                        {flagged.into_iter().map(|(id, name, mean)| view! {
                            <li data-member=id><strong>{name}</strong>" "<span class="chip mr-flag">{tr(K::MrMean)}" "{mean}</span></li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
