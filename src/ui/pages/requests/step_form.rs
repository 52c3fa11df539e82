//! The form of a request's next step: 接单 with the department and day, 领单 with the person —
//! one of the instructor pool, or anyone else by name — and day, 会商 with day and notes, 办结
//! with day and resolution. Where two steps may come next, the user picks one.

use leptos::prelude::*;

use crate::domain::requests::{Field, Problem, Request, StepDraft, StepKind};
use crate::domain::units::unit::Unit;
use crate::i18n::{fill, K};
use crate::store::{self, requests as request_store};
use crate::ui::components::{Done, FormField, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::requests as text;

/// An instructor the 领单 step offers: id and name.
pub(super) type Offered = (String, String);

#[component]
pub(super) fn StepForm(
    request: Request,
    units: Vec<Unit>,
    /// The pool's instructors (empty: a name is typed).
    instructors: Vec<Offered>,
    /// Departments that accepted requests before, offered as suggestions.
    departments: Vec<String>,
    unit_name: String,
) -> impl IntoView {
    let ctx = AppContext::get();
    let steps = request.next_steps();
    let Some(&first) = steps.first() else { return ().into_any() };
    let today = store::today();
    let kind = RwSignal::new(first);
    let name = RwSignal::new(String::new());
    let instructor = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let on = RwSignal::new(today.to_string());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let request = StoredValue::new(request);
    let units = StoredValue::new(units);
    let instructors = StoredValue::new(instructors);
    let unit_name = StoredValue::new(unit_name);
    let departments = StoredValue::new(departments);
    let error =
        move |field: Field| Signal::derive(move || problems.with(|p| text::field_error(p, field, ctx.locale.get())));
    let date_error = Signal::derive(move || {
        let field = kind.get().date_field();
        problems.with(|p| text::field_error(p, field, ctx.locale.get()))
    });
    let detail_error = Signal::derive(move || {
        let field = kind.get().detail_field();
        problems.with(|p| text::field_error(p, field, ctx.locale.get()))
    });
    let saving = Write::new(move |draft: StepDraft, locale| async move {
        let shown = [draft.kind.date_field(), draft.kind.detail_field()];
        let next = match units.with_value(|u| request.with_value(|r| draft.apply(r, u, store::today()))) {
            Ok(next) => next,
            Err(found) => {
                let message = text::request_error(&store::WriteError::Invalid(found.clone()), &shown, locale);
                problems.set(found);
                return Done::Failed(message);
            }
        };
        match request_store::save_request(&db(), next, store::today()).await {
            Ok(_) => {
                problems.set(Vec::new());
                let step = text::step(draft.kind).text(locale);
                Done::Saved(fill(K::RqStepSaved.text(locale), &[step, &unit_name.get_value()]))
            }
            Err(e) => {
                let message = text::request_error(&e, &shown, locale);
                if let store::WriteError::Invalid(found) = e {
                    problems.set(found);
                }
                Done::Failed(message)
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kind = kind.get_untracked();
        let picked = Some(instructor.get_untracked()).filter(|id| !id.is_empty() && kind == StepKind::Take);
        // A pool instructor goes by the name the pool has for them.
        let by = picked
            .as_ref()
            .and_then(|id| instructors.with_value(|all| all.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone())));
        saving.run(StepDraft {
            kind,
            name: by.unwrap_or_else(|| name.get_untracked()),
            instructor: picked,
            text: note.get_untracked(),
            on: on.get_untracked(),
        });
    };
    let choose = move |k: StepKind| {
        kind.set(k);
        problems.set(Vec::new());
    };
    let has_pool = instructors.with_value(|i| !i.is_empty());
    let max = today.to_string();
    view! {
        <section class="card rq-next" aria-labelledby="rq-next-title" data-testid="request-next">
            <h2 id="rq-next-title">{tr(K::RqNextStep)}</h2>
            <form class="form" on:submit=submit novalidate=true data-testid="step-form" data-step=move || kind.get().code()>
                {(steps.len() > 1).then(|| view! {
                    <fieldset class="rq-step-choice">
                        <legend>{tr(K::RqChooseStep)}</legend>
                        {steps.iter().map(|&k| view! {
                            <label class="choice">
                                <input type="radio" name="rq-step" value=k.code() data-testid=format!("step-choice-{}", k.code())
                                    prop:checked=move || kind.get() == k on:change=move |_| choose(k) />
                                <span>{tr(text::step(k))}</span>
                            </label>
                        }).collect_view()}
                    </fieldset>
                })}
                <div class="form-grid">
                    <Show when=move || kind.get() == StepKind::Accept>
                        <FormField label=K::RqDepartment id="rq-step-department" error=error(Field::Department) required=true>
                            <input id="rq-step-department" type="text" list="rq-departments" bind:value=name autocomplete="off" aria-describedby="rq-step-department-error" />
                            <datalist id="rq-departments">
                                {departments.get_value().into_iter().map(|d| view! { <option value=d></option> }).collect_view()}
                            </datalist>
                        </FormField>
                    </Show>
                    <Show when=move || kind.get() == StepKind::Take && has_pool>
                        <FormField label=K::RqPerson id="rq-step-instructor">
                            <select id="rq-step-instructor" on:change=move |ev| instructor.set(event_target_value(&ev))>
                                <option value="" selected=move || instructor.get().is_empty()>{tr(K::RqOtherPerson)}</option>
                                {instructors.get_value().into_iter().map(|(id, n)| {
                                    let value = id.clone();
                                    view! { <option value=id selected=move || instructor.get() == value>{n}" · "{tr(K::RqIsInstructor)}</option> }
                                }).collect_view()}
                            </select>
                        </FormField>
                    </Show>
                    <Show when=move || kind.get() == StepKind::Take && instructor.get().is_empty()>
                        <FormField label=K::RqTakenBy id="rq-step-person" error=error(Field::TakenBy) required=true>
                            <input id="rq-step-person" type="text" bind:value=name autocomplete="off" aria-describedby="rq-step-person-error" />
                        </FormField>
                    </Show>
                    <div class="field" class:field-invalid=move || date_error.get().is_some()>
                        <label for="rq-step-on">
                            {move || ctx.t(text::field(kind.get().date_field()))}
                            <span class="required" aria-hidden="true">" *"</span>
                        </label>
                        <input id="rq-step-on" type="date" max=max.clone() bind:value=on aria-describedby="rq-step-on-error" />
                        <p class="field-error" id="rq-step-on-error" role="alert" aria-live="polite">{move || date_error.get()}</p>
                    </div>
                </div>
                <Show when=move || matches!(kind.get(), StepKind::Consult | StepKind::Resolve)>
                    <div class="field" class:field-invalid=move || detail_error.get().is_some()>
                        <label for="rq-step-text">
                            {move || ctx.t(text::field(kind.get().detail_field()))}
                            {move || (kind.get() == StepKind::Resolve).then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
                        </label>
                        <textarea id="rq-step-text" rows="3" bind:value=note aria-describedby="rq-step-text-error"></textarea>
                        <p class="field-error" id="rq-step-text-error" role="alert" aria-live="polite">{move || detail_error.get()}</p>
                    </div>
                </Show>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" data-testid="step-save" disabled=move || saving.pending()>
                        {move || ctx.t(text::step_action(kind.get()))}
                    </button>
                </div>
            </form>
        </section>
    }
    .into_any()
}
