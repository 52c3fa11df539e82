//! One checked package: its items compared with the data, and the conflicts to resolve.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::import::{
    item_kind_key, problem_text, refusal_text, shown_value, state_code, state_key, FileRefusal, Loaded,
};
use super::SHOWN_PROBLEMS;
use crate::domain::files::package::{
    Choice, Diff, Item, ItemKind, ItemState, PackageError, PackageKind, Problem, Refusal,
};
use crate::i18n::{fill, K};
use crate::ui::components::{col, Loading, Table};
use crate::ui::context::{tr, AppContext};
use crate::ui::text;

#[component]
pub(super) fn PackageCard(
    index: usize,
    loaded: Loaded,
    diff: Option<Diff>,
    choices: RwSignal<BTreeMap<(usize, String), Choice>>,
    indicator_name: Callback<String, Option<String>>,
    branch_name: Callback<String, String>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let name = loaded.name.clone();
    match loaded.outcome {
        Err(refusal) => {
            let problems: Vec<Problem> = match &refusal {
                FileRefusal::Package(PackageError::Invalid(p)) => p.clone(),
                _ => Vec::new(),
            };
            let total = problems.len();
            let file = name.clone();
            view! {
                <article class="pkg-card pkg-card-refused" data-testid="pkg-file-refused">
                    <h3><code>{name}</code></h3>
                    <div class="notice notice-error" role="alert">
                        <p>{move || fill(ctx.t(K::PkgFileRefused), &[&refusal_text(&refusal, &file, ctx.locale.get())])}</p>
                        {(!problems.is_empty()).then(|| view! {
                            <ul>
                                {problems.into_iter().take(SHOWN_PROBLEMS).map(|p| {
                                    let says = move || {
                                        let locale = ctx.locale.get();
                                        let at = text::package_location(&p.at, |id| indicator_name.run(id.to_string()), locale);
                                        text::located(&at, &problem_text(&p.kind, locale), locale)
                                    };
                                    view! { <li>{says}</li> }
                                }).collect_view()}
                            </ul>
                        })}
                        {(total > SHOWN_PROBLEMS).then(|| view! { <p>{move || fill(ctx.t(K::MoreErrors), &[&(total - SHOWN_PROBLEMS).to_string()])}</p> })}
                    </div>
                </article>
            }
            .into_any()
        }
        Ok(received) => {
            let p = &received.package;
            let kind = match p.kind {
                PackageKind::BranchMonth => K::PkgKindBranch,
                PackageKind::Statuses => K::PkgKindStatuses,
            };
            let who = p.branch.clone().map(|b| branch_name.run(b)).unwrap_or_default();
            let title = format!("{who} {}", p.month).trim().to_string();
            let device = p.device.chars().take(8).collect::<String>();
            let origin = (device, text::local_time_with_zone(&p.created_at), received.hash_prefix().to_string());
            let month = p.month;
            view! {
                <article class="pkg-card" data-testid="pkg-card">
                    <h3>
                        <span class="chip">{tr(kind)}</span>" "{title}
                    </h3>
                    <p class="hint">
                        <code>{name}</code>" · "
                        {move || fill(ctx.t(K::PkgOrigin), &[&origin.0, &origin.1, &origin.2])}
                    </p>
                    {match diff {
                        None => view! { <Loading /> }.into_any(),
                        Some(diff) => {
                            let counts = (diff.count(ItemState::New), diff.count(ItemState::Identical), diff.count(ItemState::Conflict));
                            let refusal = diff.refusal.clone().map(|r| {
                                let (key, branch) = match &r {
                                    Refusal::PublishedQuarter { branch, .. } => (K::PkgRefusedPublished, branch.clone()),
                                    Refusal::ConfirmedMonth { branch, .. } => (K::PkgRefusedConfirmed, branch.clone()),
                                    Refusal::ReviewedSheet { branch, .. } => (K::PkgRefusedReviewed, branch.clone()),
                                    Refusal::SameRecords { branch, .. } => (K::PkgRefusedSameRecords, branch.clone()),
                                    Refusal::OtherBranch { branch, .. } => (K::PkgRefusedOtherBranch, branch.clone()),
                                };
                                let who = branch_name.run(branch);
                                view! {
                                    <p class="notice notice-error" role="alert" data-testid="pkg-refused">
                                        {move || fill(ctx.t(key), &[&who, &month.to_string()])}
                                    </p>
                                }
                            });
                            view! {
                                <p data-testid="pkg-counts">{move || fill(ctx.t(K::PkgCounts), &[&counts.0.to_string(), &counts.1.to_string(), &counts.2.to_string()])}</p>
                                {refusal}
                                <div class="table-wrap">
                                    <Table class="table-compact pkg-items" cols=vec![col(K::PkgColItem), col(K::PkgColState)]>
                                        {diff.items.into_iter().map(|item| view! { <ItemRows index item choices indicator_name branch_name /> }).collect_view()}
                                    </Table>
                                </div>
                            }
                            .into_any()
                        }
                    }}
                </article>
            }
            .into_any()
        }
    }
}

#[component]
pub(super) fn ItemRows(
    index: usize,
    item: Item,
    choices: RwSignal<BTreeMap<(usize, String), Choice>>,
    indicator_name: Callback<String, Option<String>>,
    branch_name: Callback<String, String>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let id = item.id();
    let label = match item.kind {
        ItemKind::Status => branch_name.run(item.label.clone()),
        // A sheet's key is `branch|YYYY-MM`: shown as the branch's name and the month.
        ItemKind::Sheet => match item.label.split_once('|') {
            Some((branch, month)) => format!("{} {month}", branch_name.run(branch.to_string())),
            None => item.label.clone(),
        },
        _ => item.label.clone(),
    };
    let state = item.state;
    let conflict = (state == ItemState::Conflict).then(|| {
        let key = StoredValue::new((index, id.clone()));
        let current = move || key.with_value(|k| choices.with(|c| c.get(k).copied().unwrap_or_default()));
        let set = move |choice: Choice| {
            choices.update(|c| {
                c.insert(key.get_value(), choice);
            })
        };
        let group = format!("pkg-choice-{index}-{}", id.replace(['|', ':', ' '], "-"));
        let legend_label = label.clone();
        let fields = item.fields.clone();
        view! {
            <tr class="pkg-conflict">
                <td colspan="2">
                    <Table class="table-compact pkg-fields" cols=vec![col(K::PkgColField), col(K::PkgColOurs), col(K::PkgColTheirs)]>
                            {fields.into_iter().map(|f| {
                                let shown = f.clone();
                                let field = f.field.clone();
                                let data_field = f.field.clone();
                                let named = move || text::package_field(&field, |id| indicator_name.run(id.to_string()), ctx.locale.get());
                                view! {
                                    <tr data-field=data_field>
                                        <th scope="row">{named}</th>
                                        <td class="pkg-ours">{move || shown_value(&shown, &shown.ours, ctx.locale.get())}</td>
                                        <td class="pkg-theirs">{move || shown_value(&f, &f.theirs, ctx.locale.get())}</td>
                                    </tr>
                                }
                            }).collect_view()}
                    </Table>
                    <fieldset class="pkg-choice" data-testid="pkg-choice">
                        <legend>{move || fill(ctx.t(K::PkgChoiceLegend), &[&legend_label])}</legend>
                        <label class="check">
                            <input type="radio" name=group.clone() prop:checked=move || current() == Choice::Ours
                                on:change=move |_| set(Choice::Ours) />
                            {tr(K::PkgKeepOurs)}
                        </label>
                        <label class="check">
                            <input type="radio" name=group prop:checked=move || current() == Choice::Theirs
                                on:change=move |_| set(Choice::Theirs) />
                            {tr(K::PkgTakeTheirs)}
                        </label>
                    </fieldset>
                </td>
            </tr>
        }
    });
    view! {
        <tr data-testid="pkg-item" data-kind=item.kind.code() data-state=state_code(state)>
            <td>{tr(item_kind_key(item.kind))}" · "{label}</td>
            <td><span class=format!("badge pkg-state pkg-state-{}", state_code(state))>{tr(state_key(state))}</span></td>
        </tr>
        {conflict}
    }
}
