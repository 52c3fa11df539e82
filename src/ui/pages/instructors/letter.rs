//! The letter of appointment (委任书, `/instructors/assignments/:assignment/letter`) of an
//! appointed assignment: who is appointed to which units in which role from which day, the six
//! duties, and the committee's seal and date — laid out for one A4 page, portrait.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::i18n::{fill, K};
use crate::store::instructors::InstructorData;
use crate::ui::components::{AsyncView, EmptyState};
use crate::ui::context::{tr, AppContext};
use crate::ui::data::use_instructor_data;
use crate::ui::text::instructors as text;

use super::InstructorsTabs;

/// The six duties of an instructor (seed 003, art. 2), in the letter's order.
const DUTIES: [K; 6] = [K::InDutyForm, K::InDutyServe, K::InDutyStandard, K::InDutyRole, K::InDutyModel, K::InDutyMass];

/// The printable letter.
#[component]
pub fn AppointmentLetter() -> impl IntoView {
    let params = use_params_map();
    let data = use_instructor_data();
    view! {
        <AsyncView resource=data let:data>
            {
                let id = params.read().get("assignment").unwrap_or_default();
                letter(&data, &id)
            }
        </AsyncView>
    }
}

fn letter(data: &InstructorData, id: &str) -> AnyView {
    let ctx = AppContext::get();
    let found = data
        .assignment(id)
        .and_then(|a| Some((a.clone(), a.steps.appointed_on?, data.instructor(&a.instructor)?.clone())));
    let Some((assignment, appointed, person)) = found else {
        let back = format!("/instructors/assignments/{id}");
        return view! {
            <section class="page">
                <InstructorsTabs />
                <EmptyState message=K::InLetterNotAppointed>
                    <A href=back>{tr(K::InBackToAssignment)}</A>
                </EmptyState>
            </section>
        }
        .into_any();
    };
    let units: Vec<String> =
        assignment.units.iter().map(|u| data.unit(u).map_or_else(|| u.clone(), |u| u.name.clone())).collect();
    let role = assignment.role;
    let back = format!("/instructors/assignments/{}", assignment.id);
    let number = format!("{}-{}", appointed.year(), &assignment.id.chars().take(6).collect::<String>());
    view! {
        <section class="page letter-page">
            <div class="no-print">
                <InstructorsTabs />
                <div class="page-head">
                    <h1>{tr(K::InLetter)}</h1>
                    <div class="head-actions">
                        <button type="button" class="btn btn-primary" on:click=move |_| {
                            if let Some(w) = web_sys::window() {
                                let _ = w.print();
                            }
                        } data-testid="letter-print">{tr(K::InPrint)}</button>
                        <A href=back attr:class="btn">{tr(K::InBackToAssignment)}</A>
                    </div>
                </div>
            </div>
            <article class="letter" data-testid="letter">
                <h2 class="letter-title">{tr(K::InLetterTitle)}</h2>
                <p class="letter-number">{move || fill(ctx.t(K::InLetterNumber), &[&number])}</p>
                <p class="letter-body">
                    {move || fill(ctx.t(K::InLetterBody), &[&person.name, &crate::ui::text::join_list(&units, ctx.locale.get()), ctx.t(text::role(role)), &appointed.to_string()])}
                </p>
                <p>{tr(K::InLetterDuties)}</p>
                <ol class="letter-duties">
                    {DUTIES.into_iter().map(|d| view! { <li>{tr(d)}</li> }).collect_view()}
                </ol>
                <p>{tr(K::InLetterClosing)}</p>
                <div class="letter-seal">
                    <p>{tr(K::InLetterIssuer)}</p>
                    <p>{appointed.to_string()}</p>
                </div>
            </article>
        </section>
    }
    .into_any()
}
