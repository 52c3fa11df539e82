//! The committee's rule from survey to result, in words for everyone and as a small form for the
//! committee administrator: the three thresholds, the fewest forms, whether 优秀 needs every
//! report, and the survey's questions (one per line, or the default set).

use leptos::prelude::*;

use crate::domain::device::roles::Action;
use crate::domain::instructors::review::RuleProblem;
use crate::domain::instructors::settings::{InstructorSettings, RuleDraft, SettingsProblem};
use crate::i18n::{fill, K};
use crate::store::instructors as instructor_store;
use crate::store::WriteError;
use crate::ui::components::{Done, FormField, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::{self, instructors::default_questions, instructors::settings_problem};

/// The rule as it stands, and the form to change it.
#[component]
pub(super) fn RuleCard(settings: InstructorSettings) -> impl IntoView {
    let ctx = AppContext::get();
    let rule = settings.rule;
    let summary = move || {
        fill(
            ctx.t(K::InYRuleText),
            &[
                &rule.excellent.to_string(),
                &rule.competent.to_string(),
                &rule.basic.to_string(),
                &rule.min_responses.to_string(),
            ],
        )
    };
    view! {
        <section class="card rule-card" aria-labelledby="rule-title" data-testid="rule-card">
            <h2 id="rule-title">{tr(K::InYRuleTitle)}</h2>
            <p class="rule-text" data-testid="rule-text">{summary}</p>
            {rule.excellent_needs_all_reports.then(|| view! { <p class="rule-text">{tr(K::InYRuleNeedsAll)}</p> })}
            <p class="rule-text">{tr(K::InYRateHint)}</p>
            <Show when=move || ctx.may(Action::EditUnits)>
                <details class="rule-edit no-print">
                    <summary>{tr(K::InYRuleEdit)}</summary>
                    <RuleForm settings=settings.clone() />
                </details>
            </Show>
        </section>
    }
}

#[component]
fn RuleForm(settings: InstructorSettings) -> impl IntoView {
    let ctx = AppContext::get();
    let draft = RuleDraft::of(&settings);
    let excellent = RwSignal::new(draft.excellent);
    let competent = RwSignal::new(draft.competent);
    let basic = RwSignal::new(draft.basic);
    let min_responses = RwSignal::new(draft.min_responses);
    let needs_all = RwSignal::new(draft.excellent_needs_all_reports);
    let questions = RwSignal::new(draft.questions);
    let use_default = RwSignal::new(draft.default_questions);
    let problems = RwSignal::new(Vec::<SettingsProblem>::new());

    let saving = Write::new(move |draft: RuleDraft, locale| async move {
        // The other settings (load, due days) are read fresh, so a change made elsewhere since
        // this page loaded is kept.
        let current = match instructor_store::settings(&db()).await {
            Ok(current) => current,
            Err(e) => return Done::Failed(text::store_error(&e, locale)),
        };
        match instructor_store::save_settings(&db(), draft.apply(current)).await {
            Ok(_) => {
                problems.set(Vec::new());
                Done::Saved(K::InYRuleSaved.text(locale).to_string())
            }
            Err(WriteError::Invalid(found)) => {
                problems.set(found);
                Done::Failed(K::InYRuleRefused.text(locale).to_string())
            }
            Err(WriteError::Store(e)) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let problem_text = move |wanted: fn(&SettingsProblem) -> bool| {
        Signal::derive(move || {
            let locale = ctx.locale.get();
            let texts: Vec<&str> =
                problems.get().into_iter().filter(wanted).map(|p| settings_problem(p, locale)).collect();
            (!texts.is_empty()).then(|| texts.join(" "))
        })
    };
    let thresholds_error = problem_text(|p| matches!(p, SettingsProblem::Rule(RuleProblem::ThresholdsOutOfOrder)));
    let min_error = problem_text(|p| matches!(p, SettingsProblem::Rule(RuleProblem::MinResponsesOutOfRange)));
    let questions_error = problem_text(|p| matches!(p, SettingsProblem::Questions));
    let other_error = problem_text(|p| !matches!(p, SettingsProblem::Rule(_) | SettingsProblem::Questions));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saving.run(RuleDraft {
            excellent: excellent.get_untracked(),
            competent: competent.get_untracked(),
            basic: basic.get_untracked(),
            min_responses: min_responses.get_untracked(),
            excellent_needs_all_reports: needs_all.get_untracked(),
            questions: questions.get_untracked(),
            default_questions: use_default.get_untracked(),
        });
    };
    let toggle_default = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        use_default.set(checked);
        // Writing one's own questions starts from the default set, not from nothing.
        if !checked && questions.get_untracked().trim().is_empty() {
            questions.set(default_questions(ctx.locale.get_untracked()).join("\n"));
        }
    };
    let threshold = move |label: K, id: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input id=id type="number" min="0" max="100" step="1" inputmode="numeric" bind:value=value aria-describedby="rule-thresholds-error" />
            </div>
        }
    };
    view! {
        <form class="form rule-form" on:submit=on_submit novalidate=true data-testid="rule-form">
            <fieldset class="rule-thresholds" class:field-invalid=move || thresholds_error.get().is_some()>
                <legend class="visually-hidden">{tr(K::InYRuleTitle)}</legend>
                <div class="form-grid">
                    {threshold(K::InYExcellentFrom, "rule-excellent", excellent)}
                    {threshold(K::InYCompetentFrom, "rule-competent", competent)}
                    {threshold(K::InYBasicFrom, "rule-basic", basic)}
                </div>
                <p class="field-error" id="rule-thresholds-error" role="alert" aria-live="polite">{move || thresholds_error.get()}</p>
            </fieldset>
            <div class="form-grid">
                <FormField label=K::InYMinForms id="rule-min" error=min_error>
                    <input id="rule-min" type="number" min="1" max="500" step="1" inputmode="numeric" bind:value=min_responses aria-describedby="rule-min-error" />
                </FormField>
                <div class="field field-check">
                    <label class="check">
                        <input type="checkbox" bind:checked=needs_all data-testid="rule-needs-all" />
                        {tr(K::InYNeedsAll)}
                    </label>
                </div>
            </div>
            <div class="field field-check">
                <label class="check">
                    <input type="checkbox" prop:checked=move || use_default.get() on:change=toggle_default data-testid="rule-default-questions" />
                    {tr(K::InYUseDefault)}
                </label>
            </div>
            <Show
                when=move || !use_default.get()
                fallback=move || view! {
                    <ol class="hint default-questions">
                        {move || default_questions(ctx.locale.get()).into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}
                    </ol>
                }
            >
                <FormField label=K::InYQuestionsLines id="rule-questions" error=questions_error>
                    <textarea id="rule-questions" rows="6" bind:value=questions aria-describedby="rule-questions-error"></textarea>
                </FormField>
            </Show>
            <p class="hint">{tr(K::InYRuleHint)}</p>
            <p class="field-error" role="alert">{move || other_error.get()}</p>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || saving.pending() data-testid="rule-save">
                    {tr(K::InYRuleSave)}
                </button>
            </div>
        </form>
    }
}
