//! The satisfaction survey of a review: the paper forms entered one at a time (who filled it in,
//! one answer per question, as radio groups the keyboard walks with Tab and the arrow keys), each
//! saved as it is added; the forms entered, each deletable after a confirmation; and the live
//! tally with the satisfaction rate and the result by the committee's rule.

use leptos::prelude::*;

use super::review::{Change, Draft};
use super::{outcome_class, outcome_text};
use crate::domain::instructors::review::{outcome, tally, Respondent, ResultRule, Satisfaction, YearEndReview};
use crate::domain::instructors::Field;
use crate::i18n::{fill, K};
use crate::store::instructors::InstructorError;
use crate::ui::components::{actions, col, head_cell, ConfirmDialog, Table, Write};
use crate::ui::context::{tr, AppContext};
use crate::ui::text::instructors::{self as text, respondent, satisfaction};
use crate::ui::text::units::{fraction_text, percent_text};

const RESPONDENTS: [Respondent; 2] = [Respondent::Member, Respondent::Employee];

/// The survey's three parts.
#[component]
pub(super) fn Survey(
    draft: Draft,
    saving: Write<(YearEndReview, Change)>,
    error: RwSignal<Option<InstructorError>>,
    name: StoredValue<String>,
    rule: ResultRule,
    filed: u32,
    owed: u32,
    may_edit: Signal<bool>,
) -> impl IntoView {
    view! {
        <section class="survey" aria-labelledby="survey-title">
            <h2 id="survey-title">{tr(K::InYSectionSurvey)}</h2>
            <div class="survey-layout">
                <EntryForm draft saving error name may_edit />
                <TallyCard draft rule filed owed />
            </div>
            <FormsList draft saving may_edit />
        </section>
    }
}

#[component]
fn EntryForm(
    draft: Draft,
    saving: Write<(YearEndReview, Change)>,
    error: RwSignal<Option<InstructorError>>,
    name: StoredValue<String>,
    may_edit: Signal<bool>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let entry = draft.entry;
    let responses_error =
        move || text::field_error(&error.get(), Field::Responses, &|_| name.get_value(), ctx.locale.get());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut all = draft.responses.get_untracked();
        all.push(entry.get_untracked().response());
        saving.run((draft.review(all), Change::Added));
    };
    let respondent_choice = move |(i, r): (usize, Respondent)| {
        let node = if i == 0 { draft.first_choice } else { NodeRef::new() };
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="respondent"
                    node_ref=node
                    prop:checked=move || entry.with(|e| e.respondent == r)
                    on:change=move |_| entry.update(|e| e.respondent = r)
                />
                {tr(respondent(r))}
            </label>
        }
    };
    let question = move |(i, q): (usize, String)| {
        let missing =
            move || draft.show_unanswered.get() && entry.with(|e| e.answers.get(i).is_some_and(Option::is_none));
        let legend = move || fill(ctx.t(K::InYQuestionN), &[&(i + 1).to_string(), &q]);
        let error_id = format!("survey-q{}-error", i + 1);
        let described_by = error_id.clone();
        view! {
            <fieldset class="choice-group" class:field-invalid=missing data-question=i + 1 aria-describedby=described_by>
                <legend>{legend}</legend>
                <div class="choice-row">
                    {Satisfaction::ALL
                        .into_iter()
                        .map(|a| view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name=format!("answer-{i}")
                                    prop:checked=move || entry.with(|e| e.answers.get(i) == Some(&Some(a)))
                                    on:change=move |_| entry.update(|e| {
                                        if let Some(slot) = e.answers.get_mut(i) {
                                            *slot = Some(a);
                                        }
                                    })
                                />
                                {tr(satisfaction(a))}
                            </label>
                        })
                        .collect_view()}
                </div>
                <p class="field-error" id=error_id role="alert">{move || missing().then(|| ctx.t(K::InYChooseOne))}</p>
            </fieldset>
        }
    };
    view! {
        <form class="card form survey-entry" on:submit=on_submit novalidate=true data-testid="survey-entry">
            <h3>{move || fill(ctx.t(K::InYFormN), &[&(draft.responses.with(Vec::len) + 1).to_string()])}</h3>
            <p class="hint">{tr(K::InYSurveyHint)}</p>
            <fieldset class="choice-group" data-testid="respondent">
                <legend>{tr(K::InYRespondent)}</legend>
                <div class="choice-row">{RESPONDENTS.into_iter().enumerate().map(respondent_choice).collect_view()}</div>
            </fieldset>
            {draft.questions.get_value().into_iter().enumerate().map(question).collect_view()}
            <p class="field-error" id="survey-entry-error" role="alert" aria-live="polite">{responses_error}</p>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || saving.pending() || !may_edit.get() data-testid="survey-add">
                    {tr(K::InYAddForm)}
                </button>
            </div>
        </form>
    }
}

#[component]
fn TallyCard(draft: Draft, rule: ResultRule, filed: u32, owed: u32) -> impl IntoView {
    let ctx = AppContext::get();
    let counted = Memo::new(move |_| tally(&draft.responses.get()));
    let result = Memo::new(move |_| outcome(&draft.tracked(), rule, filed, owed));
    view! {
        <section class="card tally-card" aria-labelledby="tally-title" data-testid="survey-tally">
            <h3 id="tally-title">{tr(K::InYTallyTitle)}</h3>
            <p data-testid="tally-forms">
                {move || fill(ctx.t(K::InYTallyForms), &[&draft.responses.with(Vec::len).to_string(), &counted.get().total().to_string()])}
            </p>
            <dl class="tally-counts">
                {Satisfaction::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let count = move || {
                            let t = counted.get();
                            [t.very_satisfied, t.satisfied, t.basic, t.dissatisfied][i]
                        };
                        view! {
                            <div data-answer=i>
                                <dt>{tr(satisfaction(a))}</dt>
                                <dd>{count}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
            <div class="stat tally-rate">
                <span class="stat-label">{tr(K::InYRate)}</span>
                <span class="stat-value" data-testid="survey-rate">{move || percent_text(counted.get().rate())}</span>
                <span class="tally-fraction">{move || fraction_text(counted.get().rate())}</span>
            </div>
            <p class="hint">{tr(K::InYRateHint)}</p>
            <p class="tally-outcome">
                {tr(K::InYResult)}" "
                <span class=move || outcome_class(Some(&result.get())) data-testid="survey-outcome">
                    {move || outcome_text(Some(&result.get()), ctx.locale.get())}
                </span>
            </p>
        </section>
    }
}

#[component]
fn FormsList(draft: Draft, saving: Write<(YearEndReview, Change)>, may_edit: Signal<bool>) -> impl IntoView {
    let ctx = AppContext::get();
    let confirm = RwSignal::new(false);
    let doomed = RwSignal::new(0usize);
    let body = Signal::derive(move || fill(ctx.t(K::InYDeleteBody), &[&doomed.get().to_string()]));
    let delete = Callback::new(move |()| {
        let n = doomed.get_untracked();
        let mut rest = draft.responses.get_untracked();
        if (1..=rest.len()).contains(&n) {
            rest.remove(n - 1);
            saving.run((draft.review(rest), Change::Deleted(n)));
        }
    });
    let questions = draft.questions.get_value();
    let heads = move || {
        let mut cols = vec![col(K::InYNumber).class("num"), col(K::InYRespondent)];
        cols.extend(questions.iter().enumerate().map(|(i, q)| {
            let label = move || fill(ctx.t(K::InYQShort), &[&(i + 1).to_string()]);
            head_cell(view! { <th scope="col"><abbr title=q.clone()>{label}</abbr></th> })
        }));
        cols.push(actions(K::Actions));
        cols
    };
    view! {
        <section class="card" aria-labelledby="forms-title" data-testid="survey-forms">
            <h3 id="forms-title">{move || fill(ctx.t(K::InYFormsTitle), &[&draft.responses.with(Vec::len).to_string()])}</h3>
            {move || {
                let responses = draft.responses.get();
                if responses.is_empty() {
                    return view! { <p class="hint">{tr(K::InYNoForms)}</p> }.into_any();
                }
                view! {
                    <div class="table-wrap" tabindex="0">
                        <Table class="table-compact forms-table" testid="forms-table" cols=heads()>
                            {responses
                                .into_iter()
                                .enumerate()
                                .map(|(i, r)| {
                                    let n = i + 1;
                                    let label = move || fill(ctx.t(K::InYDeleteFormN), &[&n.to_string()]);
                                    view! {
                                        <tr data-form=n>
                                            <th scope="row" class="num">{n}</th>
                                            <td>{tr(respondent(r.respondent))}</td>
                                            {r.answers.into_iter().map(|a| view! { <td>{tr(satisfaction(a))}</td> }).collect_view()}
                                            <td>
                                                <button
                                                    type="button"
                                                    class="btn btn-small btn-danger-outline"
                                                    aria-label=label
                                                    disabled=move || saving.pending() || !may_edit.get()
                                                    on:click=move |_| {
                                                        doomed.set(n);
                                                        confirm.set(true);
                                                    }
                                                >
                                                    {tr(K::InYDeleteForm)}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </Table>
                    </div>
                }
                .into_any()
            }}
            <ConfirmDialog open=confirm title=K::InYDeleteTitle body confirm_label=K::InYDeleteForm on_confirm=delete />
        </section>
    }
}
