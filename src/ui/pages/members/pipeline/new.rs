//! `/members/pipeline/new[?branch=]`: an application (入党申请) — the branch, the person and the
//! day of the written application; refused with every problem at its field.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{use_pipeline, PipelineView};
use crate::domain::device::roles::Action;
use crate::domain::members::pipeline::{Field, Problem};
use crate::domain::members::pipeline_draft::ApplicationDraft;
use crate::domain::org::{open_branches, Gender};
use crate::i18n::{fill, K};
use crate::store::{self, pipeline as pipeline_store};
use crate::ui::components::{AsyncView, Done, FormField, MembersTabs, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::{self as texts, pipeline as text};

const FIELDS: [Field; 4] = [Field::Branch, Field::Name, Field::Birth, Field::AppliedOn];

/// The page.
#[component]
pub fn PipelineNew() -> impl IntoView {
    let data = use_pipeline();
    let branch = use_query_map().with_untracked(|q| q.get("branch")).unwrap_or_default();
    view! {
        <section class="page members-page">
            <MembersTabs />
            <div class="page-head">
                <h1>{tr(K::PlNewTitle)}</h1>
                <A href="/members/pipeline" attr:class="btn">{tr(K::PlBack)}</A>
            </div>
            <AsyncView resource=data let:data>
                <ApplicationForm data branch=branch.clone() />
            </AsyncView>
        </section>
    }
}

#[component]
fn ApplicationForm(data: PipelineView, branch: String) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let own = ctx.session.with_untracked(|s| s.branch.clone());
    let branch = RwSignal::new(own.clone().unwrap_or(branch));
    let name = RwSignal::new(String::new());
    let gender = RwSignal::new(Gender::Female);
    let birth = RwSignal::new(String::new());
    let applied_on = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let error = move |f: Field| Signal::derive(move || problems.with(|p| text::field_error(p, f, ctx.locale.get())));
    let saving = Write::new(move |draft: ApplicationDraft, locale| {
        let navigate = navigate.clone();
        async move {
            let found = match draft.read(&store::new_id()) {
                Ok(application) => pipeline_store::apply(&db(), application, store::today()).await,
                Err(found) => Err(store::WriteError::Invalid(found)),
            };
            match found {
                Ok(saved) => {
                    problems.set(Vec::new());
                    navigate(&format!("/members/pipeline/{}", saved.id), Default::default());
                    Done::Saved(fill(K::PlApplied.text(locale), &[&saved.name]))
                }
                Err(e) => {
                    let message = text::save_error(&e, &FIELDS, locale);
                    if let store::WriteError::Invalid(found) = e {
                        problems.set(found);
                    }
                    Done::Failed(message)
                }
            }
        }
    });
    let may = move || ctx.may(Action::EditMembers(&branch.get())) || ctx.may(Action::EditOrgs);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saving.run(ApplicationDraft {
            branch: branch.get_untracked(),
            name: name.get_untracked(),
            gender: Some(gender.get_untracked()),
            birth: birth.get_untracked(),
            applied_on: applied_on.get_untracked(),
        });
    };
    let branches = open_branches(&data.orgs);
    let today = store::today().to_string();
    let birth_max = today.clone();
    view! {
        <Show when=move || !may()>
            <NotPermitted message=K::RoleNeedAdmin />
        </Show>
        <form class="card form" on:submit=submit novalidate=true data-testid="pl-application">
            <div class="form-grid">
                <FormField label=K::PlFieldBranch id="pl-branch-field" error=error(Field::Branch) required=true>
                    <select id="pl-branch-field" aria-describedby="pl-branch-field-error" disabled=own.is_some()
                        on:change=move |ev| branch.set(event_target_value(&ev))>
                        <option value="" selected=move || branch.get().is_empty()>{tr(K::ChooseBranch)}</option>
                        {branches.into_iter().map(|o| {
                            let id = o.id.clone();
                            view! { <option value=o.id.clone() selected=move || branch.get() == id>{o.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </FormField>
                <FormField label=K::PlFieldName id="pl-name" error=error(Field::Name) required=true>
                    <input id="pl-name" type="text" bind:value=name autocomplete="off" aria-describedby="pl-name-error" />
                </FormField>
                <div class="field">
                    <label for="pl-gender">{tr(K::PlFieldGender)}</label>
                    <select id="pl-gender" on:change=move |ev| gender.set(if event_target_value(&ev) == "male" { Gender::Male } else { Gender::Female })>
                        <option value="female" selected=move || gender.get() == Gender::Female>{tr(texts::gender(Gender::Female))}</option>
                        <option value="male" selected=move || gender.get() == Gender::Male>{tr(texts::gender(Gender::Male))}</option>
                    </select>
                </div>
                <FormField label=K::PlFieldBirth id="pl-birth" error=error(Field::Birth) required=true>
                    <input id="pl-birth" type="date" bind:value=birth max=birth_max aria-describedby="pl-birth-error" />
                </FormField>
                <FormField label=K::PlFieldAppliedOn id="pl-applied" error=error(Field::AppliedOn) required=true>
                    <input id="pl-applied" type="date" bind:value=applied_on max=today aria-describedby="pl-applied-error" />
                </FormField>
            </div>
            <div class="actions">
                <button type="submit" class="btn btn-primary" disabled=move || !may() || saving.pending() data-testid="pl-save">{tr(K::PlSave)}</button>
            </div>
        </form>
    }
}
