//! The 点单 form (`/requests/new[?unit=ID]`): the unit picked from the registry with a search,
//! the category, the request in the unit's words and the day; the same form corrects a request
//! on its page. Problems are shown at their fields, every one at once.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::domain::device::roles::Action;
use crate::domain::requests::{Category, Field, Problem, Request, RequestDraft};
use crate::domain::units::filter::{filter_units, UnitFilter};
use crate::domain::units::unit::Unit;
use crate::i18n::{fill, K};
use crate::store::{self, requests as request_store};
use crate::ui::components::{AsyncView, Done, EmptyState, FormField, LiangxinTabs, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::use_requests;
use crate::ui::text::requests as text;

/// The fields this form shows; a problem elsewhere (a step's date after the 点单 day moved) is
/// put in the notice instead.
const FIELDS: [Field; 3] = [Field::Unit, Field::Text, Field::RaisedOn];

/// Raise a request (`/requests/new`), the unit given by `?unit=` when a unit's page links here.
#[component]
pub fn RequestNew() -> impl IntoView {
    let data = use_requests();
    let unit = use_query_map().with_untracked(|q| q.get("unit")).unwrap_or_default();
    view! {
        <section class="page">
            <LiangxinTabs />
            <div class="page-head">
                <h1>{tr(K::RqNewTitle)}</h1>
                <A href="/requests" attr:class="btn">{tr(K::RqBackToList)}</A>
            </div>
            <AsyncView resource=data let:data>
                {if data.units.is_empty() {
                    view! {
                        <EmptyState message=K::RqNoUnits>
                            <A href="/units/new" attr:class="btn btn-primary">{tr(K::UnRegisterUnit)}</A>
                        </EmptyState>
                    }
                    .into_any()
                } else {
                    let today = store::today();
                    let base = Request::raise(&store::new_id(), "", Category::Policy, "", today);
                    view! { <RequestForm draft=RequestDraft::blank(&unit, today) base units=data.units is_new=true /> }.into_any()
                }}
            </AsyncView>
        </section>
    }
}

/// The form of a request's own fields. `base` is the request being corrected, or a new one with
/// its id; `on_done` runs after a correction is saved (a new request opens its page instead).
#[component]
pub(super) fn RequestForm(
    draft: RequestDraft,
    base: Request,
    units: Vec<Unit>,
    is_new: bool,
    #[prop(optional)] on_done: Option<Callback<()>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditUnits));
    let unit = RwSignal::new(draft.unit.clone());
    let search = RwSignal::new(String::new());
    let category = RwSignal::new(draft.category);
    let text_value = RwSignal::new(draft.text.clone());
    let raised_on = RwSignal::new(draft.raised_on.clone());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let units = StoredValue::new(units);
    let base = StoredValue::new(base);
    let error =
        move |field: Field| Signal::derive(move || problems.with(|p| text::field_error(p, field, ctx.locale.get())));
    // The search narrows the choices; the unit picked stays among them so the select keeps it.
    let choices = Memo::new(move |_| {
        let filter = UnitFilter { query: search.get(), ..UnitFilter::default() };
        let picked = unit.get();
        units.with_value(|all| {
            let mut shown: Vec<(String, String)> =
                filter_units(all, &filter).into_iter().map(|u| (u.id.clone(), unit_label(u))).collect();
            if !shown.iter().any(|(id, _)| *id == picked) {
                if let Some(u) = all.iter().find(|u| u.id == picked) {
                    shown.insert(0, (u.id.clone(), unit_label(u)));
                }
            }
            shown
        })
    });
    let found = move || fill(ctx.t(K::RqUnitsFound), &[&choices.with(|c| c.len()).to_string()]);

    let saving = Write::new(move |draft: RequestDraft, locale| {
        let navigate = navigate.clone();
        async move {
            let today = store::today();
            let request = match units.with_value(|u| base.with_value(|b| draft.read(b, u, today))) {
                Ok(request) => request,
                Err(found) => {
                    let message = text::request_error(&store::WriteError::Invalid(found.clone()), &FIELDS, locale);
                    problems.set(found);
                    return Done::Failed(message);
                }
            };
            match request_store::save_request(&db(), request, today).await {
                Ok(saved) => {
                    problems.set(Vec::new());
                    let name = units.with_value(|u| u.iter().find(|x| x.id == saved.unit).map(|x| x.name.clone()));
                    if is_new {
                        navigate(&format!("/requests/{}", saved.id), Default::default());
                    } else if let Some(done) = on_done {
                        done.run(());
                    }
                    Done::Saved(fill(K::RqSaved.text(locale), &[&name.unwrap_or(saved.unit)]))
                }
                Err(e) => {
                    let message = text::request_error(&e, &FIELDS, locale);
                    if let store::WriteError::Invalid(found) = e {
                        problems.set(found);
                    }
                    Done::Failed(message)
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saving.run(RequestDraft {
            unit: unit.get_untracked(),
            category: category.get_untracked(),
            text: text_value.get_untracked(),
            raised_on: raised_on.get_untracked(),
        });
    };
    let today = store::today().to_string();
    view! {
        {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedAdmin /> })}
        <form class="card form rq-form" on:submit=submit novalidate=true data-testid="request-form">
            <div class="form-grid">
                <div class="field rq-unit-search">
                    <label for="rq-unit-search">{tr(K::RqUnitSearch)}</label>
                    <input id="rq-unit-search" type="search" bind:value=search placeholder=tr(K::UnSearch) autocomplete="off" aria-describedby="rq-unit-found" />
                    <p class="hint" id="rq-unit-found" aria-live="polite">{found}</p>
                </div>
                <FormField label=K::RqUnit id="rq-unit" error=error(Field::Unit) required=true>
                    <select id="rq-unit" aria-describedby="rq-unit-error" on:change=move |ev| unit.set(event_target_value(&ev))>
                        <option value="" selected=move || unit.get().is_empty()>{tr(K::RqChooseUnit)}</option>
                        <For each=move || choices.get() key=|(id, label)| (id.clone(), label.clone()) let((id, label))>
                            <option value=id.clone() selected={
                                let id = id.clone();
                                move || unit.get() == id
                            }>{label}</option>
                        </For>
                    </select>
                </FormField>
                <FormField label=K::RqCategory id="rq-category">
                    <select id="rq-category" on:change=move |ev| {
                        if let Some(c) = Category::from_code(&event_target_value(&ev)) {
                            category.set(c);
                        }
                    }>
                        {Category::ALL.into_iter().map(|c| view! {
                            <option value=c.code() selected=move || category.get() == c>{tr(text::category(c))}</option>
                        }).collect_view()}
                    </select>
                </FormField>
                <FormField label=K::RqRaisedOn id="rq-raised" error=error(Field::RaisedOn) required=true>
                    <input id="rq-raised" type="date" max=today bind:value=raised_on aria-describedby="rq-raised-error" />
                </FormField>
            </div>
            <FormField label=K::RqText id="rq-text" error=error(Field::Text) required=true>
                <textarea id="rq-text" rows="4" bind:value=text_value aria-describedby="rq-text-error"></textarea>
            </FormField>
            <div class="actions">
                <button type="submit" class="btn btn-primary" data-testid="request-save" disabled=move || saving.pending() || !may_edit>
                    {tr(if is_new { K::RqNewRequest } else { K::Save })}
                </button>
                {on_done.filter(|_| !is_new).map(|done| view! {
                    <button type="button" class="btn" on:click=move |_| done.run(())>{tr(K::Cancel)}</button>
                })}
            </div>
        </form>
    }
}

/// A unit as the picker lists it: its name, and its area when it has one.
fn unit_label(unit: &Unit) -> String {
    if unit.area.is_empty() {
        unit.name.clone()
    } else {
        format!("{} · {}", unit.name, unit.area)
    }
}
