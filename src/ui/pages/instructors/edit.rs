//! An instructor's page (`/instructors/new`, `/instructors/:id`): the person's form, and for a
//! stored one their assignments — each with its step, units and reports — and a new
//! assignment.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::domain::device::roles::Action;
use crate::domain::instructors::assignment::{load, over_load, Assignment};
use crate::domain::instructors::draft::InstructorDraft;
use crate::domain::instructors::instructor::{Gender, Instructor, Source};
use crate::domain::instructors::Field;
use crate::i18n::{fill, K};
use crate::store::instructors::{self as instructor_store, InstructorData, InstructorError};
use crate::store::{self, WriteError};
use crate::ui::components::{col, AsyncView, ConfirmDialog, Done, EmptyState, FormField, NotPermitted, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::use_instructor_data;
use crate::ui::text::instructors as text;

use super::package::ExportReportsButton;
use super::InstructorsTabs;

/// The fields this form shows, so problems of others are named above it.
const SHOWN: [Field; 6] =
    [Field::Name, Field::BirthYear, Field::Department, Field::Specialties, Field::Contact, Field::LeftOn];

/// Add (`/instructors/new`) or edit (`/instructors/:id`) an instructor.
#[component]
pub fn InstructorEdit() -> impl IntoView {
    let params = use_params_map();
    let data = use_instructor_data();
    let ctx = AppContext::get();
    view! {
        <AsyncView resource=data let:data>
            {
                ctx.session.track();
                match params.read().get("id") {
                    None => {
                        let draft = InstructorDraft::of(&Instructor::blank(&store::new_id()));
                        view! { <InstructorForm draft is_new=true data /> }.into_any()
                    }
                    Some(id) => match data.instructor(&id).map(InstructorDraft::of) {
                        Some(draft) => view! { <InstructorForm draft is_new=false data /> }.into_any(),
                        None => view! {
                            <section class="page">
                                <InstructorsTabs />
                                <EmptyState message=K::InNotFound>
                                    <A href="/instructors">{tr(K::InBackToPool)}</A>
                                </EmptyState>
                            </section>
                        }
                        .into_any(),
                    },
                }
            }
        </AsyncView>
    }
}

#[component]
fn InstructorForm(draft: InstructorDraft, is_new: bool, data: InstructorData) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditUnits));
    let id = draft.id.clone();
    let title_name = draft.name.clone();
    let name = RwSignal::new(draft.name.clone());
    let gender = RwSignal::new(draft.gender);
    let birth_year = RwSignal::new(draft.birth_year.clone());
    let source = RwSignal::new(draft.source);
    let department = RwSignal::new(draft.department.clone());
    let specialties = RwSignal::new(draft.specialties.clone());
    let contact = RwSignal::new(draft.contact.clone());
    let left_on = RwSignal::new(draft.left_on.clone());
    let error = RwSignal::new(None::<InstructorError>);
    let data = StoredValue::new(data);
    let name_of = move |id: &str| data.with_value(|d| d.unit(id).map_or_else(|| id.to_string(), |u| u.name.clone()));
    let field_error =
        move |field: Field| Signal::derive(move || text::field_error(&error.get(), field, &name_of, ctx.locale.get()));

    let to_pool = navigate.clone();
    let saving = Write::new(move |draft: InstructorDraft, locale| {
        let navigate = navigate.clone();
        async move {
            let record = match draft.read() {
                Ok(record) => record,
                Err(problems) => {
                    error.set(Some(WriteError::Invalid(problems)));
                    return Done::Failed(K::ErrFixFields.text(locale).to_string());
                }
            };
            match instructor_store::save_instructor(&db(), record, store::today()).await {
                Ok(saved) => {
                    error.set(None);
                    if is_new {
                        navigate(&format!("/instructors/{}", saved.id), Default::default());
                    }
                    Done::Saved(fill(K::SavedNamed.text(locale), &[&saved.name]))
                }
                Err(e) => {
                    let message = text::error(&e, &SHOWN, &name_of, locale);
                    error.set(Some(e));
                    Done::Failed(message)
                }
            }
        }
    });
    let on_submit = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saving.run(InstructorDraft {
                id: id.clone(),
                name: name.get_untracked(),
                gender: gender.get_untracked(),
                birth_year: birth_year.get_untracked(),
                source: source.get_untracked(),
                department: department.get_untracked(),
                specialties: specialties.get_untracked(),
                contact: contact.get_untracked(),
                left_on: left_on.get_untracked(),
            });
        }
    };

    let confirm_delete = RwSignal::new(false);
    let deleting = Write::new(move |id: String, locale| {
        let to_pool = to_pool.clone();
        async move {
            match instructor_store::delete_instructor(&db(), &id).await {
                Ok(deleted) => {
                    to_pool("/instructors", Default::default());
                    Done::Saved(fill(K::InDeletedNamed.text(locale), &[&deleted.name]))
                }
                Err(e) => Done::Failed(text::error(&e, &[], &|id| id.to_string(), locale)),
            }
        }
    });
    let delete = {
        let id = id.clone();
        Callback::new(move |()| deleting.run(id.clone()))
    };
    let delete_body = {
        let name = title_name.clone();
        Signal::derive(move || fill(ctx.t(K::InDeleteBody), &[&name]))
    };
    let assignments: Vec<Assignment> =
        data.with_value(|d| d.assignments.iter().filter(|a| a.instructor == id).cloned().collect());
    let has_assignments = !assignments.is_empty();
    let title = if is_new { K::InNewInstructor } else { K::InEditInstructor };

    view! {
        <section class="page">
            <InstructorsTabs />
            <div class="page-head">
                <h1>
                    {tr(title)}
                    {(!is_new).then(|| view! { <span class="subtitle">{title_name.clone()}</span> })}
                </h1>
                <A href="/instructors" attr:class="btn">{tr(K::InBackToPool)}</A>
            </div>
            {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedAdmin /> })}
            <form class="card form" on:submit=on_submit novalidate=true data-testid="instructor-form">
                <div class="form-grid">
                    <FormField label=K::InFName id="in-name" error=field_error(Field::Name) required=true>
                        <input id="in-name" type="text" bind:value=name aria-describedby="in-name-error" autocomplete="off" />
                    </FormField>
                    <FormField label=K::InFGender id="in-gender">
                        <select id="in-gender" on:change=move |ev| {
                            gender.set(if event_target_value(&ev) == "female" { Gender::Female } else { Gender::Male })
                        }>
                            <option value="male" selected=move || gender.get() == Gender::Male>{tr(K::GenderMale)}</option>
                            <option value="female" selected=move || gender.get() == Gender::Female>{tr(K::GenderFemale)}</option>
                        </select>
                    </FormField>
                    <FormField label=K::InFBirthYear id="in-birth" error=field_error(Field::BirthYear)>
                        <input id="in-birth" type="number" min="1920" step="1" inputmode="numeric" bind:value=birth_year aria-describedby="in-birth-error" />
                    </FormField>
                    <FormField label=K::InFSource id="in-source">
                        <select id="in-source" on:change=move |ev| {
                            if let Some(s) = Source::from_code(&event_target_value(&ev)) {
                                source.set(s);
                            }
                        }>
                            {Source::ALL
                                .into_iter()
                                .map(|s| view! { <option value=s.code() selected=move || source.get() == s>{tr(text::source(s))}</option> })
                                .collect_view()}
                        </select>
                    </FormField>
                    <Show when=move || source.get() == Source::Department>
                        <FormField label=K::InFDepartment id="in-department" error=field_error(Field::Department) required=true>
                            <input id="in-department" type="text" bind:value=department aria-describedby="in-department-error" autocomplete="off" placeholder=tr(K::InDepartmentExample) />
                        </FormField>
                    </Show>
                    <FormField label=K::InFSpecialties id="in-specialties" error=field_error(Field::Specialties)>
                        <input id="in-specialties" type="text" bind:value=specialties aria-describedby="in-specialties-error" autocomplete="off" placeholder=tr(K::InFSpecialtiesHint) />
                    </FormField>
                    <FormField label=K::InFContact id="in-contact" error=field_error(Field::Contact)>
                        <input id="in-contact" type="text" bind:value=contact autocomplete="off" />
                    </FormField>
                    {(!is_new).then(|| view! {
                        <FormField label=K::InFLeftOn id="in-left" error=field_error(Field::LeftOn)>
                            <input id="in-left" type="date" bind:value=left_on aria-describedby="in-left-error" />
                        </FormField>
                    })}
                </div>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.pending() || !may_edit data-testid="instructor-save">
                        {tr(K::Save)}
                    </button>
                    {(!is_new && may_edit && !has_assignments).then(|| view! {
                        <button type="button" class="btn btn-danger-outline" on:click=move |_| confirm_delete.set(true) disabled=move || deleting.pending()>
                            {tr(K::InDelete)}
                        </button>
                    })}
                </div>
            </form>
            {(!is_new).then(|| view! { <Assignments id=id.clone() assignments data /> })}
            <ConfirmDialog open=confirm_delete title=K::InDeleteTitle body=delete_body confirm_label=K::InDelete on_confirm=delete />
        </section>
    }
}

/// The instructor's assignments, newest first, and the way to a new one.
#[component]
fn Assignments(id: String, assignments: Vec<Assignment>, data: StoredValue<InstructorData>) -> impl IntoView {
    let ctx = AppContext::get();
    let today = store::today();
    let (current, max, in_pool) = data.with_value(|d| {
        (load(&id, &d.assignments), d.settings.max_load, d.instructor(&id).is_some_and(|i| i.in_pool(today)))
    });
    let unit_name = move |u: &str| data.with_value(|d| d.unit(u).map_or_else(|| u.to_string(), |u| u.name.clone()));
    let mut assignments = assignments;
    assignments.sort_by_key(|a| std::cmp::Reverse(a.steps.requested_on));
    let new_href = format!("/instructors/{id}/assign");
    view! {
        <div class="card" data-testid="instructor-assignments">
            <div class="card-head">
                <h2>{tr(K::InAssignmentsTitle)}</h2>
                <ExportReportsButton instructor=id.clone() />
                <Show when=move || ctx.may(Action::EditUnits) && in_pool>
                    <A href=new_href.clone() attr:class="btn btn-primary" attr:data-testid="assignment-new">"+ "{tr(K::InNewAssignment)}</A>
                </Show>
            </div>
            <p class="hint" class:warn=over_load(current, max) data-testid="instructor-load">
                {move || fill(ctx.t(K::InLoadLine), &[&current.to_string(), &max.to_string()])}
                {over_load(current, max).then(|| view! { " "<span class="chip chip-warn">{move || fill(ctx.t(K::InOverLoad), &[&max.to_string()])}</span> })}
            </p>
            {if assignments.is_empty() {
                view! { <p class="hint">{tr(K::InNoAssignments)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                        <Table class="assignment-table" testid="assignment-table" cols=vec![
                            col(K::InFUnits), col(K::InFRole), col(K::InStep), col(K::InPeriod),
                        ]>
                            {assignments
                                .into_iter()
                                .map(|a| {
                                    let units: Vec<String> = a.units.iter().map(|u| unit_name(u)).collect();
                                    let step = a.step();
                                    let period = match (&a.steps.appointed_on, &a.ended) {
                                        (Some(from), Some(end)) => format!("{from} – {}", end.on),
                                        (Some(from), None) => format!("{from} –"),
                                        (None, Some(end)) => format!("– {}", end.on),
                                        (None, None) => String::new(),
                                    };
                                    let ended = a.ended.as_ref().map(|e| e.reason);
                                    view! {
                                        <tr class:archived=ended.is_some()>
                                            <td><A href=format!("/instructors/assignments/{}", a.id)>{move || crate::ui::text::join_list(&units, ctx.locale.get())}</A></td>
                                            <td>{tr(text::role(a.role))}</td>
                                            <td>
                                                {match ended {
                                                    Some(reason) => view! { <span class="chip chip-muted">{tr(K::InEnded)}" · "{tr(text::end_reason(reason))}</span> }.into_any(),
                                                    None => view! { <span class="chip">{step.map(|s| tr(text::step(s)))}</span> }.into_any(),
                                                }}
                                            </td>
                                            <td class="nowrap">{period}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </Table>
                    </div>
                }
                .into_any()
            }}
        </div>
    }
}
