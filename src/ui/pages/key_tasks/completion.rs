//! A branch reports a task done: date and evidence.

use leptos::prelude::*;

use super::{parse_date, slot_error, store_failure, task_problems, Problem, Slot};
use crate::domain::key_task::{self, Completion, KeyTask, TaskField, TaskFieldProblem};
use crate::domain::org::Org;
use crate::domain::values::date::Date;
use crate::i18n::{fill, K};
use crate::store::key_tasks::{self as task_store, TaskError, TaskRefusal};
use crate::ui::components::{Done, FormField, Write};
use crate::ui::context::{db, tr, AppContext};

#[component]
pub(super) fn CompletionForm(
    task: KeyTask,
    branch: String,
    today: Date,
    completing: RwSignal<Option<String>>,
    orgs: StoredValue<Vec<Org>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let evidence = RwSignal::new(String::new());
    let done_on = RwSignal::new(today.to_string());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let error = move |slot: Slot| slot_error(problems, orgs, slot);
    let form_error = error(Slot::Branches);
    let evidence_ref = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(textarea) = evidence_ref.get() {
            let _ = textarea.focus();
        }
    });
    let max_date = today.to_string();
    let title = task.title.clone();
    let saving = Write::new(move |candidate: Completion, locale| {
        let title = title.clone();
        async move {
            match task_store::complete(&db(), candidate, today).await {
                Ok(_) => {
                    completing.set(None);
                    Done::Saved(fill(K::KtCompleted.text(locale), &[&title]))
                }
                Err(e) => {
                    if let TaskError::Invalid(TaskRefusal::Problems(p)) = &e {
                        problems.set(task_problems(p.clone()));
                    }
                    Done::Failed(orgs.with_value(|orgs| store_failure(&e, orgs, locale)))
                }
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.pending_untracked() {
            return;
        }
        let mut found = Vec::new();
        let date = parse_date(&done_on.get_untracked(), Slot::DoneOn).map_err(|p| found.push(p)).ok();
        let candidate = Completion {
            task: task.id.clone(),
            branch: branch.clone(),
            done_on: date.unwrap_or(today),
            evidence: evidence.get_untracked(),
        };
        if let Err(domain) = key_task::validate_completion(candidate.clone(), &task, today) {
            let keep = |p: &TaskFieldProblem| date.is_some() || p.field != TaskField::DoneOn;
            found.extend(task_problems(domain.into_iter().filter(keep).collect()));
        }
        let locale = ctx.locale.get_untracked();
        if !found.is_empty() {
            problems.set(found);
            ctx.failure(K::ErrFixFields.text(locale).to_string());
            return;
        }
        saving.run(candidate);
    };
    view! {
        <form class="subform kt-complete" on:submit=on_submit novalidate=true data-testid="completion-form">
            <p class="field-error" role="alert" aria-live="polite">{move || form_error.get()}</p>
            <div class="form-grid">
                <FormField label=K::KtDoneOn id="done-on" error=error(Slot::DoneOn) required=true>
                    <input id="done-on" type="date" bind:value=done_on max=max_date aria-describedby="done-on-error" />
                </FormField>
            </div>
            <FormField label=K::KtEvidence id="done-evidence" error=error(Slot::Evidence) required=true>
                <textarea id="done-evidence" rows="3" node_ref=evidence_ref bind:value=evidence aria-describedby="done-evidence-error done-evidence-hint"></textarea>
                <span class="hint kt-field-hint" id="done-evidence-hint">{tr(K::KtEvidenceHint)}</span>
            </FormField>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || saving.pending()>{tr(K::KtSaveCompletion)}</button>
                <button type="button" class="btn" on:click=move |_| completing.set(None)>{tr(K::Cancel)}</button>
            </div>
        </form>
    }
}
