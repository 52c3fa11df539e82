//! A monthly report (`/instructors/assignments/:assignment/report/:unit/:month`): visits,
//! services, problems solved, Party work advanced and the owner's funding for one unit and
//! month, filed (again) today; its due day and state above the form.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::domain::device::roles::Action;
use crate::domain::instructors::draft::ReportDraft;
use crate::domain::instructors::report::{due_date, report_state, InstructorReport, ReportState};
use crate::domain::instructors::Field;
use crate::domain::values::period::Month;
use crate::i18n::{fill, K};
use crate::store::instructors::{self as instructor_store, InstructorData, InstructorError};
use crate::store::{self, WriteError};
use crate::ui::components::{AsyncView, Done, EmptyState, FormField, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::use_instructor_data;
use crate::ui::text::instructors as text;

use super::InstructorsTabs;

const SHOWN: [Field; 11] = [
    Field::Visits,
    Field::Services,
    Field::ServicesText,
    Field::ProblemsSolved,
    Field::ProblemsText,
    Field::Activists,
    Field::MassOrgs,
    Field::Funding,
    Field::Note,
    Field::Month,
    Field::Unit,
];

/// The report of an assignment for a unit and month.
#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let data = use_instructor_data();
    let ctx = AppContext::get();
    view! {
        <AsyncView resource=data let:data>
            {
                ctx.session.track();
                let params = params.read();
                let found = (|| {
                    let assignment = data.assignment(&params.get("assignment")?)?.clone();
                    let unit = params.get("unit")?;
                    let month: Month = params.get("month")?.parse().ok()?;
                    let stored = data
                        .reports
                        .iter()
                        .find(|r| r.assignment == assignment.id && r.unit == unit && r.month == month)
                        .cloned();
                    let is_new = stored.is_none();
                    let report = stored.unwrap_or_else(|| InstructorReport::blank(&assignment, &unit, month, store::today()));
                    Some((report, is_new))
                })();
                match found {
                    Some((report, is_new)) => view! { <ReportForm report is_new data /> }.into_any(),
                    None => view! {
                        <section class="page">
                            <InstructorsTabs />
                            <EmptyState message=K::InReportNotFound>
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
fn ReportForm(report: InstructorReport, is_new: bool, data: InstructorData) -> impl IntoView {
    let ctx = AppContext::get();
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditUnits));
    let today = store::today();
    let draft = ReportDraft::of(&report);
    let unit_name = data.unit(&report.unit).map_or_else(|| report.unit.clone(), |u| u.name.clone());
    let person = data.instructor(&report.instructor).map(|i| i.name.clone()).unwrap_or_default();
    let due_day = data.settings.report_due_day;
    let due = due_date(report.month, due_day);
    let state = RwSignal::new(due.map(|due| report_state(due, (!is_new).then_some(report.filed_on), today)));
    let back = format!("/instructors/assignments/{}", report.assignment);

    let visits = RwSignal::new(draft.visits.clone());
    let services = RwSignal::new(draft.services.clone());
    let services_text = RwSignal::new(draft.services_text.clone());
    let problems_solved = RwSignal::new(draft.problems_solved.clone());
    let problems_text = RwSignal::new(draft.problems_text.clone());
    let organisation_formed = RwSignal::new(draft.organisation_formed);
    let activists = RwSignal::new(draft.activists.clone());
    let mass_orgs = RwSignal::new(draft.mass_orgs.clone());
    let funding = RwSignal::new(draft.funding.clone());
    let note = RwSignal::new(draft.note.clone());
    let error = RwSignal::new(None::<InstructorError>);
    let data = StoredValue::new(data);
    let name_of = move |id: &str| data.with_value(|d| d.unit(id).map_or_else(|| id.to_string(), |u| u.name.clone()));
    let field_error =
        move |field: Field| Signal::derive(move || text::field_error(&error.get(), field, &name_of, ctx.locale.get()));

    let saving = Write::new(move |draft: ReportDraft, locale| async move {
        let today = store::today();
        let record = match draft.read(today) {
            Ok(record) => record,
            Err(problems) => {
                error.set(Some(WriteError::Invalid(problems)));
                return Done::Failed(K::ErrFixFields.text(locale).to_string());
            }
        };
        match instructor_store::save_report(&db(), record, today).await {
            Ok(saved) => {
                error.set(None);
                state.set(due.map(|due| report_state(due, Some(saved.filed_on), today)));
                Done::Saved(K::InReportSaved.text(locale).to_string())
            }
            Err(e) => {
                let message = text::error(&e, &SHOWN, &name_of, locale);
                error.set(Some(e));
                Done::Failed(message)
            }
        }
    });
    let on_submit = {
        let draft = draft.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saving.run(ReportDraft {
                visits: visits.get_untracked(),
                services: services.get_untracked(),
                services_text: services_text.get_untracked(),
                problems_solved: problems_solved.get_untracked(),
                problems_text: problems_text.get_untracked(),
                organisation_formed: organisation_formed.get_untracked(),
                activists: activists.get_untracked(),
                mass_orgs: mass_orgs.get_untracked(),
                funding: funding.get_untracked(),
                note: note.get_untracked(),
                ..draft.clone()
            });
        }
    };
    let state_line = move || {
        let due = due.map(|d| d.to_string()).unwrap_or_default();
        match state.get() {
            Some(ReportState::OnTime) => fill(ctx.t(K::InReportOnTime), &[&due]),
            Some(ReportState::Late(days)) => fill(ctx.t(K::InReportLate), &[&due, &days.to_string()]),
            Some(ReportState::Missing(days)) => fill(ctx.t(K::InReportMissing), &[&due, &days.to_string()]),
            Some(ReportState::Open) | None => fill(ctx.t(K::InReportDue), &[&due]),
        }
    };
    let month = report.month.to_string();

    view! {
        <section class="page">
            <InstructorsTabs />
            <div class="page-head">
                <h1>
                    {move || fill(ctx.t(K::InReportTitle), &[&month])}
                    <span class="subtitle">{format!("{person} · {unit_name}")}</span>
                </h1>
                <A href=back attr:class="btn">{tr(K::InBackToAssignment)}</A>
            </div>
            <p class="hint" data-testid="report-state" aria-live="polite">{state_line}</p>
            {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedAdmin /> })}
            <form class="card form" on:submit=on_submit novalidate=true data-testid="report-form">
                {move || field_error(Field::Month).get().or_else(|| field_error(Field::Unit).get()).map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="form-grid">
                    <FormField label=K::InFVisits id="rp-visits" error=field_error(Field::Visits)>
                        <input id="rp-visits" type="text" bind:value=visits aria-describedby="rp-visits-error" placeholder=tr(K::InFVisitsHint) autocomplete="off" />
                    </FormField>
                    <FormField label=K::InFServices id="rp-services" error=field_error(Field::Services)>
                        <input id="rp-services" type="number" min="0" step="1" inputmode="numeric" bind:value=services aria-describedby="rp-services-error" />
                    </FormField>
                    <FormField label=K::InFServicesText id="rp-services-text" error=field_error(Field::ServicesText)>
                        <textarea id="rp-services-text" rows="3" bind:value=services_text></textarea>
                    </FormField>
                    <FormField label=K::InFProblemsSolved id="rp-problems" error=field_error(Field::ProblemsSolved)>
                        <input id="rp-problems" type="number" min="0" step="1" inputmode="numeric" bind:value=problems_solved aria-describedby="rp-problems-error" />
                    </FormField>
                    <FormField label=K::InFProblemsText id="rp-problems-text" error=field_error(Field::ProblemsText)>
                        <textarea id="rp-problems-text" rows="3" bind:value=problems_text></textarea>
                    </FormField>
                </div>
                <h2>{tr(K::InSectionPartyWork)}</h2>
                <div class="form-grid">
                    <div class="field field-check">
                        <label class="check">
                            <input type="checkbox" bind:checked=organisation_formed />
                            {tr(K::InFOrgFormed)}
                        </label>
                    </div>
                    <FormField label=K::InFActivists id="rp-activists" error=field_error(Field::Activists)>
                        <input id="rp-activists" type="number" min="0" step="1" inputmode="numeric" bind:value=activists aria-describedby="rp-activists-error" />
                    </FormField>
                    <FormField label=K::InFMassOrgs id="rp-mass" error=field_error(Field::MassOrgs)>
                        <input id="rp-mass" type="number" min="0" step="1" inputmode="numeric" bind:value=mass_orgs aria-describedby="rp-mass-error" />
                    </FormField>
                    <FormField label=K::InFFunding id="rp-funding" error=field_error(Field::Funding)>
                        <input id="rp-funding" type="text" inputmode="decimal" bind:value=funding aria-describedby="rp-funding-error" autocomplete="off" />
                    </FormField>
                    <FormField label=K::InFNote id="rp-note" error=field_error(Field::Note)>
                        <textarea id="rp-note" rows="2" bind:value=note></textarea>
                    </FormField>
                </div>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.pending() || !may_edit data-testid="report-save">
                        {tr(if is_new { K::InFileReport } else { K::InRefileReport })}
                    </button>
                </div>
            </form>
        </section>
    }
}
