//! An assignment (`/instructors/:id/assign` for a new one, `/instructors/assignments/:id`): the
//! units and role, the four steps of the two-way match with their dates, the ending; for a
//! stored one its letter of appointment and the monthly reports it owes, each with its state.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::domain::device::roles::Action;
use crate::domain::instructors::assignment::{load, over_load, Assignment, EndReason, Role, Step};
use crate::domain::instructors::draft::AssignmentDraft;
use crate::domain::instructors::report::{owed_reports, ReportState};
use crate::domain::instructors::Field;
use crate::domain::values::period::Month;
use crate::i18n::{fill, K};
use crate::store::instructors::{self as instructor_store, InstructorData, InstructorError};
use crate::store::{self, WriteError};
use crate::ui::components::{col, AsyncView, Done, EmptyState, FormField, NotPermitted, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::use_instructor_data;
use crate::ui::text::instructors as text;

use super::InstructorsTabs;

const SHOWN: [Field; 8] = [
    Field::Units,
    Field::RequestedOn,
    Field::ConsentedOn,
    Field::SignedOn,
    Field::AppointedOn,
    Field::EndedOn,
    Field::EndNote,
    Field::Instructor,
];

const STEP_IDS: [&str; 4] = ["as-step-0", "as-step-1", "as-step-2", "as-step-3"];

/// A new assignment of the instructor in the address, or a stored assignment.
#[component]
pub fn AssignmentPage() -> impl IntoView {
    let params = use_params_map();
    let data = use_instructor_data();
    let ctx = AppContext::get();
    view! {
        <AsyncView resource=data let:data>
            {
                ctx.session.track();
                let params = params.read();
                let found = match (params.get("assignment"), params.get("id")) {
                    (Some(id), _) => data.assignment(&id).map(|a| (AssignmentDraft::of(a), false)),
                    (None, Some(instructor)) => data
                        .instructor(&instructor)
                        .map(|i| (AssignmentDraft::new(&store::new_id(), &i.id), true)),
                    (None, None) => None,
                };
                match found {
                    Some((draft, is_new)) => view! { <AssignmentForm draft is_new data /> }.into_any(),
                    None => view! {
                        <section class="page">
                            <InstructorsTabs />
                            <EmptyState message=K::InAssignmentNotFound>
                                <A href="/instructors">{tr(K::InBackToPool)}</A>
                            </EmptyState>
                        </section>
                    }
                    .into_any(),
                }
            }
        </AsyncView>
    }
}

#[component]
fn AssignmentForm(draft: AssignmentDraft, is_new: bool, data: InstructorData) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditUnits));
    let today = store::today();
    let id = draft.id.clone();
    let instructor = draft.instructor.clone();
    let person = data.instructor(&instructor).map(|i| i.name.clone()).unwrap_or_default();
    let units = RwSignal::new(draft.units.clone());
    let role = RwSignal::new(draft.role);
    let steps = Step::ALL.map(|s| RwSignal::new(draft.steps[s as usize].clone()));
    let ended = RwSignal::new(draft.ended);
    let ended_on = RwSignal::new(draft.ended_on.clone());
    let end_reason = RwSignal::new(draft.end_reason);
    let end_note = RwSignal::new(draft.end_note.clone());
    let query = RwSignal::new(String::new());
    let error = RwSignal::new(None::<InstructorError>);
    let stored = data.assignment(&id).cloned();
    let base_load =
        load(&instructor, &data.assignments) - stored.as_ref().filter(|a| a.is_open()).map_or(0, |a| a.units.len());
    let max = data.settings.max_load;
    let data = StoredValue::new(data);
    let name_of = move |id: &str| {
        data.with_value(|d| {
            d.unit(id)
                .map(|u| u.name.clone())
                .or_else(|| d.instructor(id).map(|i| i.name.clone()))
                .unwrap_or_else(|| id.to_string())
        })
    };
    let field_error =
        move |field: Field| Signal::derive(move || text::field_error(&error.get(), field, &name_of, ctx.locale.get()));
    let new_load = move || base_load + if ended.get() { 0 } else { units.with(Vec::len) };

    let saving = Write::new(move |draft: AssignmentDraft, locale| {
        let navigate = navigate.clone();
        async move {
            let record = match draft.read() {
                Ok(record) => record,
                Err(problems) => {
                    error.set(Some(WriteError::Invalid(problems)));
                    return Done::Failed(K::ErrFixFields.text(locale).to_string());
                }
            };
            match instructor_store::save_assignment(&db(), record, store::today()).await {
                Ok(saved) => {
                    error.set(None);
                    if is_new {
                        navigate(&format!("/instructors/assignments/{}", saved.id), Default::default());
                    }
                    Done::Saved(K::InAssignmentSaved.text(locale).to_string())
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
        let (id, instructor) = (id.clone(), instructor.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saving.run(AssignmentDraft {
                id: id.clone(),
                instructor: instructor.clone(),
                units: units.get_untracked(),
                role: role.get_untracked(),
                steps: steps.map(|s| s.get_untracked()),
                ended: ended.get_untracked(),
                ended_on: ended_on.get_untracked(),
                end_reason: end_reason.get_untracked(),
                end_note: end_note.get_untracked(),
            });
        }
    };
    // Units that have ceased are not offered for a new assignment; one already chosen stays
    // visible so the refusal can be read next to it.
    let choices = move || {
        let q = query.get();
        let q = q.trim().to_string();
        // The chosen ones first as the page opened; ticking a box does not reorder (or redraw)
        // the list under the pointer.
        let chosen = units.get_untracked();
        data.with_value(|d| {
            let mut list: Vec<(String, String, String)> = d
                .units
                .iter()
                .filter(|u| {
                    chosen.contains(&u.id)
                        || (!u.status.has_ceased() && (q.is_empty() || u.name.contains(&q) || u.area.contains(&q)))
                })
                .map(|u| (u.id.clone(), u.name.clone(), u.area.clone()))
                .collect();
            list.sort_by_key(|(id, name, _)| (!chosen.contains(id), name.clone()));
            list.truncate(60.max(chosen.len()));
            list
        })
    };
    let next = move || {
        let read = AssignmentDraft { steps: steps.map(|s| s.get()), ..AssignmentDraft::new("", "") }.read().ok();
        read.and_then(|a| a.next_step())
    };
    let letter_href = format!("/instructors/assignments/{id}/letter");
    let appointed = stored.as_ref().is_some_and(|a| a.steps.appointed_on.is_some());
    let back = format!("/instructors/{instructor}");

    view! {
        <section class="page">
            <InstructorsTabs />
            <div class="page-head">
                <h1>
                    {tr(if is_new { K::InNewAssignment } else { K::InAssignmentTitle })}
                    <span class="subtitle">{person.clone()}</span>
                </h1>
                <div class="head-actions">
                    {appointed.then(|| view! { <A href=letter_href.clone() attr:class="btn" attr:data-testid="letter-link">{tr(K::InLetter)}</A> })}
                    <A href=back attr:class="btn">{tr(K::InBackToInstructor)}</A>
                </div>
            </div>
            {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedAdmin /> })}
            <form class="card form" on:submit=on_submit novalidate=true data-testid="assignment-form">
                <h2>{tr(K::InSectionUnits)}</h2>
                <fieldset class="field" aria-describedby="as-units-error">
                    <legend>{tr(K::InFUnits)}</legend>
                    <input type="search" bind:value=query placeholder=tr(K::InUnitSearch) aria-label=tr(K::InUnitSearch) data-testid="assignment-unit-search" />
                    <div class="check-list" data-testid="assignment-units">
                        {move || {
                            choices()
                                .into_iter()
                                .map(|(uid, name, area)| {
                                    let checked = {
                                        let uid = uid.clone();
                                        move || units.with(|u| u.contains(&uid))
                                    };
                                    let toggle = {
                                        let uid = uid.clone();
                                        move |ev: leptos::ev::Event| {
                                            let on = event_target_checked(&ev);
                                            units.update(|u| {
                                                u.retain(|x| *x != uid);
                                                if on {
                                                    u.push(uid.clone());
                                                }
                                            });
                                        }
                                    };
                                    view! {
                                        <label class="check">
                                            <input type="checkbox" prop:checked=checked on:change=toggle />
                                            {name}
                                            {(!area.is_empty()).then(|| view! { <span class="hint">" · "{area}</span> })}
                                        </label>
                                    }
                                })
                                .collect_view()
                        }}
                    </div>
                    {move || field_error(Field::Units).get().map(|e| view! { <p id="as-units-error" class="field-error" role="alert">{e}</p> })}
                </fieldset>
                <p class="hint" data-testid="assignment-load">
                    {move || fill(ctx.t(K::InLoadLine), &[&new_load().to_string(), &max.to_string()])}
                    {move || over_load(new_load(), max).then(|| view! { " "<span class="chip chip-warn">{fill(ctx.t(K::InOverLoad), &[&max.to_string()])}</span> })}
                </p>
                <fieldset class="field role-choices">
                    <legend>{tr(K::InFRole)}</legend>
                    {[Role::Instructor, Role::Secretary]
                        .into_iter()
                        .map(|r| view! {
                            <label class="choice">
                                <input type="radio" name="as-role" prop:checked=move || role.get() == r on:change=move |_| role.set(r) />
                                {tr(text::role(r))}
                            </label>
                        })
                        .collect_view()}
                </fieldset>

                <h2>{tr(K::InSectionSteps)}</h2>
                <p class="hint">{tr(K::InStepsHint)}</p>
                <ol class="steps" data-testid="assignment-steps">
                    {Step::ALL
                        .into_iter()
                        .map(|s| {
                            let input_id = STEP_IDS[s as usize];
                            let value = steps[s as usize];
                            view! {
                                <li class:current=move || next() == Some(s)>
                                    <FormField label=text::step(s) id=input_id error=field_error(s.field())>
                                        <input id=input_id type="date" bind:value=value max=today.to_string() />
                                    </FormField>
                                    <Show when=move || next() == Some(s) && value.with(String::is_empty)>
                                        <button type="button" class="btn btn-small" on:click=move |_| value.set(today.to_string())>
                                            {tr(K::InToday)}
                                        </button>
                                    </Show>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>

                <Show when=move || !is_new>
                    <h2>{tr(K::InSectionEnd)}</h2>
                    <label class="check">
                        <input type="checkbox" bind:checked=ended data-testid="assignment-ended" />
                        {tr(K::InEndThis)}
                    </label>
                    <Show when=move || ended.get()>
                        <div class="form-grid">
                            <FormField label=K::InFEndedOn id="as-ended-on" error=field_error(Field::EndedOn) required=true>
                                <input id="as-ended-on" type="date" bind:value=ended_on max=today.to_string() />
                            </FormField>
                            <FormField label=K::InFEndReason id="as-end-reason">
                                <select id="as-end-reason" on:change=move |ev| {
                                    if let Some(r) = EndReason::from_code(&event_target_value(&ev)) {
                                        end_reason.set(r);
                                    }
                                }>
                                    {EndReason::ALL
                                        .into_iter()
                                        .map(|r| view! { <option value=r.code() selected=move || end_reason.get() == r>{tr(text::end_reason(r))}</option> })
                                        .collect_view()}
                                </select>
                            </FormField>
                            <FormField label=K::InFEndNote id="as-end-note" error=field_error(Field::EndNote)>
                                <input id="as-end-note" type="text" bind:value=end_note />
                            </FormField>
                        </div>
                        <p class="hint">{tr(K::InEndKeepsHistory)}</p>
                    </Show>
                </Show>

                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.pending() || !may_edit data-testid="assignment-save">
                        {tr(K::Save)}
                    </button>
                </div>
            </form>
            {stored.map(|a| view! { <Reports assignment=a data /> })}
        </section>
    }
}

/// The reports the assignment owes, from its appointment to this month, each with its state
/// and the way to file or open it.
#[component]
fn Reports(assignment: Assignment, data: StoredValue<InstructorData>) -> impl IntoView {
    let ctx = AppContext::get();
    let today = store::today();
    let Some(from) = assignment.steps.appointed_on.map(Month::of) else {
        return view! {
            <div class="card" data-testid="assignment-reports"><h2>{tr(K::InReportsTitle)}</h2><p class="hint">{tr(K::InReportsAfterAppointment)}</p></div>
        }
        .into_any();
    };
    let (owed, due_day) = data.with_value(|d| {
        let owed = owed_reports(
            std::slice::from_ref(&assignment),
            &d.reports,
            from,
            Month::of(today),
            d.settings.report_due_day,
            today,
        );
        (owed, d.settings.report_due_day)
    });
    let unit_name = move |u: &str| data.with_value(|d| d.unit(u).map_or_else(|| u.to_string(), |u| u.name.clone()));
    let mut owed = owed;
    owed.sort_by(|a, b| b.month.cmp(&a.month).then_with(|| a.unit.cmp(&b.unit)));
    view! {
        <div class="card" data-testid="assignment-reports">
            <h2>{tr(K::InReportsTitle)}</h2>
            <p class="hint">{move || fill(ctx.t(K::InDueRule), &[&due_day.to_string()])}</p>
            {if owed.is_empty() {
                view! { <p class="hint">{tr(K::InNoReportsOwed)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                        <Table class="report-table" testid="report-table" cols=vec![col(K::InFMonth), col(K::InFUnit), col(K::InDue), col(K::InReportState), col(K::InAction)]>
                            {owed
                                .into_iter()
                                .map(|o| {
                                    let href = format!("/instructors/assignments/{}/report/{}/{}", o.assignment, o.unit, o.month);
                                    let (state, class) = match o.state {
                                        ReportState::Open => (ctx.t(K::InStateOpen).to_string(), "chip"),
                                        ReportState::OnTime => (ctx.t(K::InStateOnTime).to_string(), "chip chip-ok"),
                                        ReportState::Late(d) => (fill(ctx.t(K::InStateLate), &[&d.to_string()]), "chip chip-late"),
                                        ReportState::Missing(d) => (fill(ctx.t(K::InStateMissing), &[&d.to_string()]), "chip chip-warn"),
                                    };
                                    let action = if o.state.filed() { K::InOpenReport } else { K::InFileReport };
                                    view! {
                                        <tr>
                                            <td class="nowrap">{o.month.to_string()}</td>
                                            <td>{unit_name(&o.unit)}</td>
                                            <td class="nowrap">{o.due.to_string()}</td>
                                            <td><span class=class>{state}</span></td>
                                            <td><A href=href>{tr(action)}</A></td>
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
    .into_any()
}
