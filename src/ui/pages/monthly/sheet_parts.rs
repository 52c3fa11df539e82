//! The sheet's pieces: item lists, automatic indicators and their reasons, problems in words.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::sheet::ItemRow;
use crate::domain::rating::auto_score::{AutoBasis, AutoScore};
use crate::domain::rating::rubric::Rubric;
use crate::domain::rating::rubric::ScoringSource;
use crate::domain::rating::scoring;
use crate::i18n::{fill, Locale, K};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

pub(super) fn history_action(action: &str) -> K {
    match action {
        "evaluation.save_draft" => K::SaveDraft,
        "evaluation.submit" => K::SubmitSheet,
        "evaluation.return" => K::ReturnSheet,
        "evaluation.confirm" => K::ConfirmSheet,
        "evaluation.reopen" => K::ReopenSheet,
        "evaluation.package" => K::SheetFromPackage,
        _ => K::Edit,
    }
}

pub(super) fn sheet_problem(
    error: &crate::domain::values::validation::ValidationError,
    rubric: &Rubric,
    locale: Locale,
) -> String {
    use crate::domain::values::validation::FieldPath;
    // On the sheet an indicator reads by its name; the sheet itself needs no naming.
    let place = match error.field_path() {
        FieldPath::Score(id) => rubric.indicator(id).map(|i| text::localized(&i.name, locale).to_string()),
        _ => None,
    }
    .or_else(|| text::field_path(error.field_path(), locale));
    let problem = text::rating_problem(&error.problem, locale);
    match place {
        Some(place) => text::located(&place, &problem, locale),
        None => problem,
    }
}

pub(super) fn focus_next_score(ev: &leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(current) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
    let Ok(list) = document().query_selector_all(".score-input") else { return };
    let inputs: Vec<web_sys::HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
    if let Some(pos) = inputs.iter().position(|e| *e == current) {
        if let Some(next) = inputs.get(pos + 1) {
            let _ = next.focus();
        }
    }
}

#[component]
pub(super) fn ItemsSection(
    title: K,
    rows: RwSignal<Vec<ItemRow>>,
    can_edit: bool,
    next_key: StoredValue<usize>,
    with_points: bool,
) -> impl IntoView {
    let ctx = AppContext::get();
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|r| {
            r.push(ItemRow {
                key,
                points: RwSignal::new(if with_points { "1".into() } else { String::new() }),
                reason: RwSignal::new(String::new()),
            })
        });
    };
    view! {
        <section class="card">
            <div class="page-head">
                <h2>{tr(title)}</h2>
                {can_edit.then(|| view! { <button type="button" class="btn btn-small" on:click=add>"+ "{tr(K::AddItem)}</button> })}
            </div>
            <Show when=move || rows.with(|r| r.is_empty())>
                <p class="hint">{tr(K::NoItems)}</p>
            </Show>
            <For each=move || rows.get() key=|r| r.key let(row)>
                <div class="item-row">
                    {with_points.then(|| view! {
                        <input type="text" inputmode="decimal" class="cell cell-num" disabled=!can_edit bind:value=row.points
                            aria-label=move || ctx.t(K::Points) class:invalid=move || scoring::entered_item_points(&row.points.get()).is_none() />
                    })}
                    <input type="text" class="cell" disabled=!can_edit bind:value=row.reason aria-label=move || ctx.t(K::Reason) placeholder=move || ctx.t(K::Reason) />
                    {can_edit.then(|| view! {
                        <button type="button" class="btn btn-small btn-danger-outline" on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))>{tr(K::Remove)}</button>
                    })}
                </div>
            </For>
        </section>
    }
}

/// The branch's ledger records and the key tasks with their completions, for the automatic
/// indicators of a sheet.
#[derive(Clone)]
pub(super) struct AutoSources {
    pub(super) ledger: Vec<crate::domain::ledger::LedgerRecord>,
    pub(super) tasks: Vec<crate::domain::key_task::KeyTask>,
    pub(super) completions: Vec<crate::domain::key_task::Completion>,
    pub(super) shares: crate::domain::rating::auto_score::MemberShares,
}

pub(super) async fn load_auto_sources(
    branch: &str,
    month: Option<crate::domain::values::period::Month>,
) -> Result<AutoSources, crate::store::StoreError> {
    let db = db();
    let ledger = crate::store::ledger::list_branch(&db, branch).await?;
    let tasks = crate::store::key_tasks::load_all(&db).await?;
    let shares = match month {
        Some(month) => crate::store::members_overview::shares_of(&db, branch, month).await?,
        None => Default::default(),
    };
    Ok(AutoSources { ledger, tasks: tasks.tasks, completions: tasks.completions, shares })
}

/// Why an automatic indicator has the points it has, line by line, in the UI language.
pub(super) fn auto_reasons(
    auto: &AutoScore,
    titles: StoredValue<BTreeMap<String, String>>,
    locale: Locale,
) -> Vec<String> {
    use crate::domain::key_task::TaskOutcome;
    use crate::domain::ledger::LedgerReason;
    match &auto.basis {
        AutoBasis::Ledger(score) if score.reasons.is_empty() => vec![K::AutoLedgerComplete.text(locale).to_string()],
        AutoBasis::Ledger(score) => score
            .reasons
            .iter()
            .map(|r| match r {
                LedgerReason::Missing(kind) => {
                    fill(K::AutoMissing.text(locale), &[text::meeting_kind(*kind).text(locale)])
                }
                LedgerReason::LowAttendance(kind, rate) => {
                    fill(K::AutoLowAttendance.text(locale), &[text::meeting_kind(*kind).text(locale), &rate.fixed()])
                }
            })
            .collect(),
        AutoBasis::KeyTasks(score) if score.tasks.is_empty() => vec![K::AutoNoTasks.text(locale).to_string()],
        AutoBasis::KeyTasks(score) => score
            .tasks
            .iter()
            .map(|t| {
                let title = titles.with_value(|m| m.get(&t.task).cloned()).unwrap_or_else(|| t.task.clone());
                let outcome = match t.outcome {
                    TaskOutcome::OnTime => K::TaskOnTime,
                    TaskOutcome::Late => K::TaskLate,
                    TaskOutcome::Missed => K::TaskMissed,
                };
                fill(K::TaskOutcomeLine.text(locale), &[&title, outcome.text(locale), &t.points.to_string()])
            })
            .collect(),
        AutoBasis::Share(source, None) => {
            let none = if *source == ScoringSource::Dues { K::AutoNoDues } else { K::AutoNoAppraisals };
            vec![none.text(locale).to_string()]
        }
        AutoBasis::Share(source, Some(share)) => {
            let line = if *source == ScoringSource::Dues { K::AutoDuesShare } else { K::AutoAppraisedShare };
            let percent = share.percent().map(|p| p.fixed()).unwrap_or_default();
            // Dues are counted in fen and read in yuan; appraisals in members.
            let count = |n: u32| {
                if *source == ScoringSource::Dues {
                    format!("{}.{:02}", n / 100, n % 100)
                } else {
                    n.to_string()
                }
            };
            vec![fill(line.text(locale), &[&percent, &count(share.numerator), &count(share.denominator)])]
        }
    }
}

/// The live score as a bar pinned to the bottom of the screen where the summary panel sits below
/// the indicators (tablets upright, phones), so the score stays in sight while filling in. The
/// panel itself stays the accessible summary; this copy is for the eye only.
#[component]
pub(super) fn ScoreBar(result: Memo<scoring::MonthlyResult>) -> impl IntoView {
    view! {
        <div class="sheet-scorebar" aria-hidden="true" data-testid="sheet-scorebar">
            <span>{tr(K::MonthlyScore)}</span>
            <strong class="scorebar-score">{move || result.get().score.fixed()}</strong>
            {move || view! { <crate::ui::components::StarLevel stars=Some(result.get().stars.get()) /> }}
        </div>
    }
}
