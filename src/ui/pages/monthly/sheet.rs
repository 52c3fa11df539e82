//! `/monthly/:branch/:month`: one branch's monthly sheet — scores, items, submission and review.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::sheet_parts::{
    auto_reasons, focus_next_score, history_action, load_auto_sources, sheet_problem, ItemsSection, ScoreBar,
};
use super::status_chip;
use crate::domain::device::roles;
use crate::domain::files::exchange::{ExchangeEvaluation, ExchangeItem, ExchangeVeto};
use crate::domain::files::import::evaluation_key;
use crate::domain::org::OrgKind;
use crate::domain::rating::auto_score::{auto_scores, overrides_of, read_overrides, write_overrides, AutoScore};
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::rating::rubric::{Indicator, Rubric, ScoringSource};
use crate::domain::rating::scoring;
use crate::domain::rating::workflow::{editable, Action, WorkflowError};
use crate::domain::values::period::Month;
use crate::domain::values::points::Points;
use crate::domain::values::validation::Problem;
use crate::domain::{Category, Dimension};
use crate::i18n::{fill, Locale, K};
use crate::store::ratings::{self, SheetError, SheetRefusal};
use crate::ui::components::{Done, EmptyState, Loading, NotPermitted, StarLevel, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::use_ratings_data;
use crate::ui::text;

/// The sheet at `/monthly/:branch/:month`.
#[component]
pub fn MonthlySheet() -> impl IntoView {
    let params = use_params_map();
    let data = use_ratings_data();
    let ctx = AppContext::get();
    // What the automatic indicators are computed from: the branch's ledger, the key tasks and
    // the month's member figures.
    let sources = LocalResource::new(move || {
        ctx.revision.track();
        let branch = params.read().get("branch").unwrap_or_default();
        let month: Option<Month> = params.read().get("month").and_then(|m| m.parse().ok());
        async move { load_auto_sources(&branch, month).await }
    });
    move || {
        // A role switch re-renders the sheet with the new role's controls.
        ctx.session.track();
        let Some(sources) = sources.get() else { return view! { <Loading /> }.into_any() };
        let branch = params.read().get("branch").unwrap_or_default();
        let month: Option<Month> = params.read().get("month").and_then(|m| m.parse().ok());
        match (data.get(), month) {
            (None, _) => view! { <Loading /> }.into_any(),
            (Some(Err(error)), _) => view! { <p class="notice notice-error">{move || text::store_error(&error, AppContext::get().locale.get())}</p> }.into_any(),
            (Some(Ok(data)), Some(month)) => {
                let org = data.orgs.iter().find(|o| o.id == branch && o.kind == OrgKind::Branch).cloned();
                match org.and_then(|o| Some((o.category?, o))) {
                    Some((category, org)) => {
                        let record = data.evaluations.iter().find(|r| r.evaluation.branch == branch && r.evaluation.month == month).cloned();
                        let rubric = record
                            .as_ref()
                            .and_then(|r| data.rubrics.get(&r.rubric).cloned())
                            .unwrap_or_else(|| data.active_rubric());
                        let last_month = month
                            .previous()
                            .and_then(|prev| data.evaluations.iter().find(|r| r.evaluation.branch == branch && r.evaluation.month == prev))
                            .map(|r| r.evaluation.scores.clone());
                        let autos = match &sources {
                            Ok(s) => auto_scores(&rubric, category, &org.id, month, &s.ledger, &s.tasks, &s.completions, s.shares),
                            Err(_) => Vec::new(),
                        };
                        let task_titles = sources.as_ref().map(|s| s.tasks.iter().map(|t| (t.id.clone(), t.title.clone())).collect()).unwrap_or_default();
                        view! { <Sheet name=org.name.clone() branch=org.id.clone() category month rubric record=record.map(|r| r.evaluation) last_month autos task_titles /> }.into_any()
                    }
                    None => view! { <section class="page"><EmptyState message=K::OrgNotFound /></section> }.into_any(),
                }
            }
            (Some(Ok(_)), None) => view! { <section class="page"><EmptyState message=K::NotFoundBody /></section> }.into_any(),
        }
    }
}

#[derive(Clone, Copy)]
pub(super) struct ItemRow {
    pub(super) key: usize,
    pub(super) points: RwSignal<String>,
    pub(super) reason: RwSignal<String>,
}

#[component]
pub(super) fn Sheet(
    name: String,
    branch: String,
    category: Category,
    month: Month,
    rubric: Rubric,
    record: Option<ExchangeEvaluation>,
    /// The previous month's scores, offered as a starting point for manual indicators.
    last_month: Option<BTreeMap<String, Points>>,
    /// Computed points of the automatic indicators (ledger, key tasks).
    autos: Vec<AutoScore>,
    /// Key-task titles by id, to say which task scored what.
    task_titles: BTreeMap<String, String>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let status = record.as_ref().map(|r| r.status);
    let may_fill = ctx.session.with_untracked(|s| s.may(roles::Action::EditSheet(&branch)));
    let may_decide = ctx.session.with_untracked(|s| s.may(roles::Action::Decide));
    let can_edit = editable(status) && may_fill;
    let indicators: Vec<Indicator> = rubric.applicable(category).cloned().collect();
    let stored = record.clone().unwrap_or_else(|| ExchangeEvaluation {
        branch: branch.clone(),
        month,
        status: ReviewStatus::Draft,
        scores: BTreeMap::new(),
        bonus: vec![],
        deductions: vec![],
        vetoes: vec![],
        extra: Default::default(),
    });
    // An automatic indicator starts from its computed points until a score is stored.
    let computed = |id: &str| autos.iter().find(|a| a.indicator == id).map(|a| a.points);
    let inputs: Vec<(Indicator, RwSignal<String>)> = indicators
        .iter()
        .map(|i| {
            let start = stored.scores.get(&i.id).copied().or_else(|| computed(&i.id).filter(|_| can_edit));
            (i.clone(), RwSignal::new(start.map(|p| p.to_string()).unwrap_or_default()))
        })
        .collect();
    let stored_overrides = read_overrides(&stored.extra);
    let override_reasons: BTreeMap<String, RwSignal<String>> = autos
        .iter()
        .map(|a| {
            (
                a.indicator.clone(),
                RwSignal::new(stored_overrides.get(&a.indicator).map(|o| o.reason.clone()).unwrap_or_default()),
            )
        })
        .collect();
    let override_reasons = StoredValue::new(override_reasons);
    let stored_overrides = StoredValue::new(stored_overrides);
    let autos = StoredValue::new(autos);
    let task_titles = StoredValue::new(task_titles);
    let next_key = StoredValue::new(1000usize);
    let item_rows = |items: &[ExchangeItem]| {
        RwSignal::new(
            items
                .iter()
                .enumerate()
                .map(|(k, i)| ItemRow {
                    key: k,
                    points: RwSignal::new(i.points.to_string()),
                    reason: RwSignal::new(i.reason.clone()),
                })
                .collect::<Vec<_>>(),
        )
    };
    let bonus = item_rows(&stored.bonus);
    let deductions = item_rows(&stored.deductions);
    let vetoes = RwSignal::new(
        stored
            .vetoes
            .iter()
            .enumerate()
            .map(|(k, v)| ItemRow {
                key: k,
                points: RwSignal::new(String::new()),
                reason: RwSignal::new(v.reason.clone()),
            })
            .collect::<Vec<_>>(),
    );
    let reason = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<String>::new());
    // Indicators filled from last month and not touched since: marked until the user edits them.
    let copied = RwSignal::new(std::collections::HashSet::<String>::new());
    let can_copy = can_edit && last_month.as_ref().is_some_and(|m| !m.is_empty());
    let copy_last_month = {
        let inputs = inputs.clone();
        move |_| {
            let Some(last) = &last_month else { return };
            let mut marked = std::collections::HashSet::new();
            for (indicator, value) in &inputs {
                let manual = indicator.source == crate::domain::rating::rubric::ScoringSource::Manual;
                if let (true, Some(points)) = (manual, last.get(&indicator.id)) {
                    value.set(points.to_string());
                    marked.insert(indicator.id.clone());
                }
            }
            copied.set(marked);
        }
    };
    let inputs = StoredValue::new(inputs);
    let rubric = StoredValue::new(rubric);

    // The sheet as entered; invalid numbers are left out (and shown inline), so the live score
    // reflects what would be saved.
    let entered = move || {
        let mut scores = BTreeMap::new();
        inputs.with_value(|list| {
            for (indicator, text) in list {
                if let Ok(Some(p)) = scoring::entered_score(&text.get(), indicator.max) {
                    scores.insert(indicator.id.clone(), p);
                }
            }
        });
        let items = |rows: RwSignal<Vec<ItemRow>>| {
            rows.get()
                .iter()
                .filter_map(|r| {
                    Some(ExchangeItem {
                        points: scoring::entered_item_points(&r.points.get())?,
                        reason: r.reason.get().trim().to_string(),
                        extra: Default::default(),
                    })
                })
                .collect::<Vec<_>>()
        };
        ExchangeEvaluation {
            scores,
            bonus: items(bonus),
            deductions: items(deductions),
            vetoes: vetoes
                .get()
                .iter()
                .map(|r| ExchangeVeto { reason: r.reason.get().trim().to_string(), extra: Default::default() })
                .collect(),
            ..stored.clone()
        }
    };
    let entered = Memo::new(move |_| entered());
    let result = Memo::new(move |_| rubric.with_value(|r| entered.get().score(r, category)));
    let input_error = move |indicator: &Indicator, text: &str, locale: Locale| -> Option<String> {
        match scoring::entered_score(text, indicator.max) {
            Err(Problem::BadPoints(e)) => Some(text::points_error(&e, locale)),
            Err(problem) => Some(text::rating_problem(&problem, locale)),
            Ok(_) => None,
        }
    };
    let any_input_error = move || {
        let locale = ctx.locale.get();
        inputs.with_value(|list| list.iter().any(|(i, t)| input_error(i, &t.get(), locale).is_some()))
            || bonus
                .get()
                .iter()
                .chain(deductions.get().iter())
                .any(|r| scoring::entered_item_points(&r.points.get()).is_none())
    };

    let history_key = evaluation_key(&branch, month);
    let history = LocalResource::new(move || {
        ctx.revision.track();
        let key = history_key.clone();
        async move { ratings::history_of(&db(), &key).await.unwrap_or_default() }
    });

    // A refusal the sheet shows in its problem list only.
    let inline = move |key: K| {
        problems.set(vec![ctx.t(key).to_string()]);
        Done::Quiet
    };
    let saving = Write::new(move |(sheet, action, why): (ExchangeEvaluation, Action, String), locale| async move {
        match ratings::save_sheet(&db(), sheet, action, &why).await {
            Ok(saved) => {
                problems.set(vec![]);
                reason.set(String::new());
                Done::Saved(fill(ctx.t(K::SheetSaved), &[ctx.t(text::review_status(Some(saved.evaluation.status)))]))
            }
            Err(SheetError::Invalid(SheetRefusal::Problems(errors))) => {
                problems.set(errors.iter().map(|e| sheet_problem(e, &rubric.get_value(), locale)).collect());
                Done::Failed(ctx.t(K::ErrFixFields).to_string())
            }
            Err(SheetError::Invalid(SheetRefusal::Workflow(WorkflowError::ReasonRequired))) => {
                inline(K::ReasonRequired)
            }
            Err(SheetError::Invalid(SheetRefusal::Workflow(WorkflowError::NotAllowed))) => inline(K::ActionNotAllowed),
            Err(SheetError::Invalid(SheetRefusal::UnknownBranch)) => inline(K::OrgNotFound),
            Err(SheetError::Store(e)) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let run = move |action: Action| {
        let locale = ctx.locale.get_untracked();
        if action.edits_scores() && any_input_error() {
            problems.set(vec![ctx.t(K::ErrFixFields).to_string()]);
            return;
        }
        let mut sheet = entered.get_untracked();
        if action.edits_scores() {
            let reasons: BTreeMap<String, String> =
                override_reasons.with_value(|m| m.iter().map(|(id, r)| (id.clone(), r.get_untracked())).collect());
            match autos.with_value(|a| overrides_of(&sheet.scores, a, &reasons)) {
                Ok(overrides) => write_overrides(&mut sheet.extra, &overrides),
                Err(missing) => {
                    let names: Vec<String> = missing
                        .iter()
                        .map(|id| {
                            rubric
                                .with_value(|r| r.indicator(id).map(|i| text::localized(&i.name, locale).to_string()))
                                .unwrap_or_else(|| id.clone())
                        })
                        .collect();
                    let names = text::join_list(&names, ctx.locale.get_untracked());
                    problems.set(vec![fill(ctx.t(K::OverrideReasonMissing), &[&names])]);
                    return;
                }
            }
        }
        saving.run((sheet, action, reason.get_untracked()));
    };

    let move_focus = move |ev: leptos::ev::KeyboardEvent, max: Points, value: RwSignal<String>| {
        let step = Points::from_hundredths(50);
        match ev.key().as_str() {
            "Enter" => {
                ev.prevent_default();
                focus_next_score(&ev);
            }
            "ArrowUp" | "ArrowDown" => {
                ev.prevent_default();
                let current = Points::parse(value.get_untracked().trim()).unwrap_or(Points::ZERO);
                let next = if ev.key() == "ArrowUp" { current + step } else { current - step };
                value.set(next.clamp_to(Points::ZERO, max).to_string());
            }
            _ => {}
        }
    };

    let dims: Vec<Dimension> =
        Dimension::ALL.into_iter().filter(|d| indicators.iter().any(|i| i.dimension == *d)).collect();
    let rubric_label = rubric.with_value(|r| format!("{} v{}", r.id, r.version));
    // The branch secretary's way to hand this month to the committee (branch packages).
    let package_href = format!("/packages?branch={branch}&month={month}");
    view! {
        <section class="page" data-testid="sheet">
            <div class="page-head">
                <h1>{tr(K::NavMonthly)}<span class="subtitle">{name.clone()}" · "{month.to_string()}</span></h1>
                <A href=package_href attr:class="btn" attr:data-testid="sheet-export-package">{tr(K::PkgExportTitle)}</A>
                <A href="/monthly" attr:class="btn">{tr(K::BackToGrid)}</A>
            </div>
            <p class="sheet-meta">
                {status_chip(status)}
                <span class="hint">{move || fill(ctx.t(K::UnderRubric), &[&rubric_label])}</span>
                {(!can_edit).then(|| view! { <span class="hint">{tr(K::SheetLocked)}</span> })}
            </p>
            {(status == Some(ReviewStatus::Published)).then(|| view! { <p class="notice" data-testid="published-hint">{tr(K::SheetPublishedHint)}</p> })}
            {can_copy.then(|| view! {
                <div class="actions">
                    <button class="btn" on:click=copy_last_month data-testid="copy-last-month">{tr(K::CopyLastMonth)}</button>
                    <span class="hint">{tr(K::CopyLastMonthHint)}</span>
                </div>
            })}
            <Show when=move || !problems.get().is_empty()>
                <div class="notice notice-error import-errors" role="alert" data-testid="sheet-problems">
                    <ul>{move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <div class="sheet-layout">
                <div class="sheet-main">
                    {dims.into_iter().map(|dim| {
                        let rows: Vec<(Indicator, RwSignal<String>)> = inputs.with_value(|l| l.iter().filter(|(i, _)| i.dimension == dim).cloned().collect());
                        view! {
                            <section class="card" aria-labelledby=format!("sheet-{}", dim.code())>
                                <div class="page-head">
                                    <h2 id=format!("sheet-{}", dim.code())>{tr(text::dimension(dim))}</h2>
                                    <span class="dim-index">{move || result.get().dimensions[dim.index()].map(|p| p.fixed())}</span>
                                </div>
                                {rows.into_iter().map(|(indicator, value)| {
                                    let id = format!("score-{}", indicator.id.replace('.', "-"));
                                    let err_id = format!("{id}-error");
                                    let max = indicator.max;
                                    let label = indicator.name.clone();
                                    let name = move || text::localized(&label, ctx.locale.get()).to_string();
                                    let source_badge = match indicator.source {
                                        ScoringSource::Manual => None,
                                        ScoringSource::Ledger => Some(K::AutoFromLedger),
                                        ScoringSource::KeyTasks => Some(K::AutoFromTasks),
                                        ScoringSource::Dues => Some(K::AutoFromDues),
                                        ScoringSource::Appraisals => Some(K::AutoFromAppraisals),
                                    };
                                    let auto = autos.with_value(|a| a.iter().find(|a| a.indicator == indicator.id).cloned());
                                    let auto_note = auto.clone().map(|auto| {
                                        let computed_points = auto.points;
                                        let stored_override = stored_overrides.with_value(|m| m.get(&auto.indicator).cloned());
                                        let reason_signal = override_reasons.with_value(|m| m.get(&auto.indicator).copied()).unwrap_or_else(|| RwSignal::new(String::new()));
                                        let reason_id = format!("override-{}", auto.indicator.replace('.', "-"));
                                        let differs = move || Points::parse(value.get().trim()).is_ok_and(|p| p != computed_points);
                                        let why = move || auto_reasons(&auto, task_titles, ctx.locale.get());
                                        let reason_label_id = reason_id.clone();
                                        view! {
                                            <div class="auto-note" data-testid=format!("auto-{}", indicator.id)>
                                                <span>{move || fill(ctx.t(K::AutoComputed), &[&computed_points.to_string()])}</span>
                                                <Show when=move || can_edit && differs()>
                                                    <button type="button" class="btn btn-small btn-link" on:click=move |_| value.set(computed_points.to_string())>{tr(K::UseComputed)}</button>
                                                </Show>
                                                <ul class="auto-reasons">{move || why().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                                                {stored_override.clone().map(|o| view! { <p class="override-kept" data-testid="override-kept">{move || fill(ctx.t(K::OverrideKept), &[&o.computed.to_string(), &o.reason])}</p> })}
                                                <Show when=move || can_edit && differs()>
                                                    <div class="field">
                                                        <label for=reason_label_id.clone()>{tr(K::OverrideReason)}</label>
                                                        <input id=reason_id.clone() type="text" bind:value=reason_signal disabled=!can_edit />
                                                    </div>
                                                </Show>
                                            </div>
                                        }
                                    });
                                    let indicator_id = indicator.id.clone();
                                    let is_copied = {
                                        let id = indicator_id.clone();
                                        move || copied.with(|c| c.contains(&id))
                                    };
                                    let ind = indicator.clone();
                                    let error = Signal::derive(move || input_error(&ind, &value.get(), ctx.locale.get()));
                                    view! {
                                        <div class="score-row" class:field-invalid=move || error.get().is_some()>
                                            <label for=id.clone()>
                                                {name}
                                                {source_badge.map(|k| view! { <span class="badge badge-auto">{tr(k)}</span> })}
                                                <Show when=is_copied.clone()>
                                                    <span class="badge badge-copied">{tr(K::CopiedFromLastMonth)}</span>
                                                </Show>
                                            </label>
                                            <span class="score-max">{move || fill(ctx.t(K::OfMax), &[&max.to_string()])}</span>
                                            <input id=id type="text" inputmode="decimal" class="score-input" autocomplete="off"
                                                bind:value=value disabled=!can_edit aria-describedby=err_id.clone()
                                                on:keydown=move |ev| move_focus(ev, max, value)
                                                on:input=move |_| copied.update(|c| { c.remove(&indicator_id); }) />
                                            <p class="field-error" id=err_id role="alert">{move || error.get()}</p>
                                            {auto_note}
                                        </div>
                                    }
                                }).collect_view()}
                            </section>
                        }
                    }).collect_view()}
                    <ItemsSection title=K::BonusItems rows=bonus can_edit next_key with_points=true />
                    <ItemsSection title=K::DeductionItems rows=deductions can_edit next_key with_points=true />
                    <ItemsSection title=K::VetoItems rows=vetoes can_edit next_key with_points=false />
                    <ScoreBar result />
                </div>
                <aside class="card sheet-summary" aria-label=tr(K::MonthlyScore) data-testid="sheet-summary">
                    <h2>{tr(K::MonthlyScore)}</h2>
                    <p class="big-score" data-testid="live-score">{move || result.get().score.fixed()}</p>
                    {move || view! { <p><StarLevel stars=Some(result.get().stars.get()) /></p> }}
                    <dl class="facts">
                        {Dimension::ALL.into_iter().map(|d| view! {
                            <dt>{tr(text::dimension(d))}</dt>
                            <dd>{move || result.get().dimensions[d.index()].map(|p| p.fixed()).unwrap_or_else(|| "—".into())}</dd>
                        }).collect_view()}
                        <dt>{tr(K::BaseScore)}</dt><dd>{move || result.get().base.fixed()}</dd>
                        <dt>{tr(K::BonusApplied)}</dt><dd>{move || format!("+{}", result.get().bonus_applied.fixed())}</dd>
                        <dt>{tr(K::DeductionsTotal)}</dt><dd>{move || text::deduction(result.get().deductions)}</dd>
                    </dl>
                    {move || result.get().veto.then(|| view! { <p class="notice notice-error">{tr(K::VetoCapped)}</p> })}
                    <div class="field">
                        <label for="sheet-reason">{tr(K::ReasonLabel)}</label>
                        <textarea id="sheet-reason" rows="2" bind:value=reason></textarea>
                    </div>
                    <div class="actions">
                        {match status {
                            None | Some(ReviewStatus::Draft) | Some(ReviewStatus::Returned) if may_fill => view! {
                                <button class="btn" disabled=move || saving.pending() on:click=move |_| run(Action::SaveDraft)>{tr(K::SaveDraft)}</button>
                                <button class="btn btn-primary" disabled=move || saving.pending() on:click=move |_| run(Action::Submit)>{tr(K::SubmitSheet)}</button>
                            }.into_any(),
                            Some(ReviewStatus::Submitted) if may_decide => view! {
                                <button class="btn btn-primary" disabled=move || saving.pending() on:click=move |_| run(Action::Confirm)>{tr(K::ConfirmSheet)}</button>
                                <button class="btn btn-danger-outline" disabled=move || saving.pending() on:click=move |_| run(Action::Return)>{tr(K::ReturnSheet)}</button>
                            }.into_any(),
                            Some(ReviewStatus::Confirmed) if may_decide => view! {
                                <button class="btn btn-danger-outline" disabled=move || saving.pending() on:click=move |_| run(Action::Reopen)>{tr(K::ReopenSheet)}</button>
                            }.into_any(),
                            Some(ReviewStatus::Published) => ().into_any(),
                            None | Some(ReviewStatus::Draft) | Some(ReviewStatus::Returned) => view! { <NotPermitted message=K::RoleNeedOwnBranch /> }.into_any(),
                            Some(ReviewStatus::Submitted) | Some(ReviewStatus::Confirmed) => view! { <NotPermitted message=K::RoleNeedAdmin /> }.into_any(),
                        }}
                    </div>
                </aside>
            </div>
            <section class="card" aria-labelledby="sheet-history">
                <h2 id="sheet-history">{tr(K::SheetHistory)}</h2>
                {move || {
                    let entries = history.get().unwrap_or_default();
                    if entries.is_empty() {
                        return view! { <p class="hint">{tr(K::NoHistory)}</p> }.into_any();
                    }
                    view! {
                        <ol class="history" data-testid="sheet-history">
                            {entries.into_iter().rev().map(|h| view! {
                                <li>
                                    <time datetime=h.at.clone()>{text::local_time(&h.at)}</time>
                                    <span>{tr(history_action(&h.action))}</span>
                                    {h.reason.map(|r| view! { <span class="hint">"— "{r}</span> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        </section>
    }
}
