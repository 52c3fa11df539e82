//! A unit's form (`/units/new`, `/units/:id`): every field of the registry, the formation with
//! its organisation or instructor, the stage; inline problems from the domain's rules, the
//! formation's rules in words next to its picker.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::domain::device::roles::Action;
use crate::domain::org;
use crate::domain::units::draft::{StageChoice, UnitDraft};
use crate::domain::units::filter;
use crate::domain::units::formation::{FormationKind, ModelLevel, MIN_STANDALONE_FULL_MEMBERS};
use crate::domain::units::unit::{BusinessStatus, MassOrgs, SubType, UnitField, UnitKind};
use crate::i18n::{fill, K};
use crate::store::units::{self as unit_store, UnitError, UnitRefusal};
use crate::store::{self};
use crate::ui::components::LiangxinTabs;
use crate::ui::components::{AsyncView, ConfirmDialog, Done, EmptyState, FormField, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::{use_unit_registry, UnitRegistry};
use crate::ui::text::{self as text_maps, units as text};

use super::unit_requests::UnitRequests;

/// Register (`/units/new`) or edit (`/units/:id`) a unit.
#[component]
pub fn UnitEdit() -> impl IntoView {
    let params = use_params_map();
    let registry = use_unit_registry();
    let ctx = AppContext::get();
    view! {
        <AsyncView resource=registry let:registry>
            {
                ctx.session.track();
                match params.read().get("id") {
                    None => view! { <UnitForm draft=UnitDraft::new(store::new_id()) is_new=true registry /> }.into_any(),
                    Some(id) => match registry.unit(&id).map(UnitDraft::of) {
                        Some(draft) => view! { <UnitForm draft is_new=false registry /> }.into_any(),
                        None => view! {
                            <section class="page">
                                <LiangxinTabs />
                                <EmptyState message=K::UnNotFound>
                                    <A href="/units">{tr(K::UnBackToRegistry)}</A>
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

/// The organisations a formation mode may name, in tree order with their depth shown.
fn org_choices(registry: &UnitRegistry, kind: Option<FormationKind>) -> Vec<(String, String)> {
    let Some(kind) = kind else { return Vec::new() };
    org::tree_order(&registry.orgs)
        .into_iter()
        .filter(|(o, _)| !o.archived && kind.allowed_org_kinds().contains(&o.kind))
        .map(|(o, depth)| (o.id.clone(), format!("{}{}", "　".repeat(depth), o.name)))
        .collect()
}

#[component]
fn UnitForm(draft: UnitDraft, is_new: bool, registry: UnitRegistry) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditUnits));
    let id = draft.id.clone();
    let title_name = draft.name.clone();

    let name = RwSignal::new(draft.name.clone());
    let credit_code = RwSignal::new(draft.credit_code.clone());
    let sub_type = RwSignal::new(draft.sub_type);
    let industry = RwSignal::new(draft.industry.clone());
    let area = RwSignal::new(draft.area.clone());
    let employees = RwSignal::new(draft.employees.clone());
    let above_scale = RwSignal::new(draft.above_scale);
    let status = RwSignal::new(draft.status);
    let status_date = RwSignal::new(draft.status_date.clone());
    let supervisor = RwSignal::new(draft.supervisor.clone());
    let party_members = RwSignal::new(draft.party_members.clone());
    let full_members = RwSignal::new(draft.full_members.clone());
    let membership_here = RwSignal::new(draft.membership_here.clone());
    let trade_union = RwSignal::new(draft.mass_orgs.trade_union);
    let youth_league = RwSignal::new(draft.mass_orgs.youth_league);
    let womens_federation = RwSignal::new(draft.mass_orgs.womens_federation);
    let registered = RwSignal::new(draft.registered.clone());
    let formation = RwSignal::new(draft.formation);
    let formation_org = RwSignal::new(draft.formation_org.clone());
    let instructor = RwSignal::new(draft.instructor.clone());
    let formed_on = RwSignal::new(draft.formed_on.clone());
    let stage = RwSignal::new(draft.stage);
    let model_level = RwSignal::new(draft.model_level);
    let model_year = RwSignal::new(draft.model_year.clone());
    let error = RwSignal::new(None::<UnitError>);

    let areas = filter::areas(&registry.units);
    let industries = filter::industries(&registry.units);
    let registry = StoredValue::new(registry);
    // Problems name units by id; the unit being edited goes by the name in the form, which a
    // new unit has nowhere else yet.
    let form_id = StoredValue::new(id.clone());
    let name_of = move |r: &UnitRegistry, id: &str| {
        if form_id.with_value(|f| f == id) {
            name.get_untracked()
        } else {
            r.name_of(id)
        }
    };
    let field_error = move |field: UnitField| {
        Signal::derive(move || {
            registry.with_value(|r| text::unit_field_error(&error.get(), field, &|id| name_of(r, id), ctx.locale.get()))
        })
    };
    let choices = Memo::new(move |_| registry.with_value(|r| org_choices(r, formation.get())));
    let sharing = {
        let id = id.clone();
        Memo::new(move |_| {
            let org = formation_org.get();
            registry.with_value(|r| {
                filter::sharing(&r.units, &org, &id).into_iter().map(|u| u.name.clone()).collect::<Vec<_>>()
            })
        })
    };

    let to_registry = navigate.clone();
    let saving = Write::new(move |draft: UnitDraft, locale| {
        let navigate = navigate.clone();
        async move {
            let unit = match draft.read() {
                Ok(unit) => unit,
                Err(problems) => {
                    error.set(Some(UnitError::Invalid(UnitRefusal::Problems(problems))));
                    return Done::Failed(K::ErrFixFields.text(locale).to_string());
                }
            };
            match unit_store::save_unit(&db(), unit, store::today()).await {
                Ok(saved) => {
                    error.set(None);
                    if is_new {
                        navigate(&format!("/units/{}", saved.id), Default::default());
                    }
                    Done::Saved(fill(K::SavedNamed.text(locale), &[&saved.name]))
                }
                Err(e) => {
                    let message = registry.with_value(|r| text::unit_error(&e, &|id| name_of(r, id), locale));
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
            saving.run(UnitDraft {
                id: id.clone(),
                name: name.get_untracked(),
                credit_code: credit_code.get_untracked(),
                sub_type: sub_type.get_untracked(),
                industry: industry.get_untracked(),
                area: area.get_untracked(),
                employees: employees.get_untracked(),
                above_scale: above_scale.get_untracked(),
                status: status.get_untracked(),
                status_date: status_date.get_untracked(),
                supervisor: supervisor.get_untracked(),
                party_members: party_members.get_untracked(),
                full_members: full_members.get_untracked(),
                membership_here: membership_here.get_untracked(),
                mass_orgs: MassOrgs {
                    trade_union: trade_union.get_untracked(),
                    youth_league: youth_league.get_untracked(),
                    womens_federation: womens_federation.get_untracked(),
                },
                registered: registered.get_untracked(),
                formation: formation.get_untracked(),
                formation_org: formation_org.get_untracked(),
                instructor: instructor.get_untracked(),
                formed_on: formed_on.get_untracked(),
                stage: stage.get_untracked(),
                model_level: model_level.get_untracked(),
                model_year: model_year.get_untracked(),
            });
        }
    };

    let confirm_delete = RwSignal::new(false);
    let deleting = Write::new(move |id: String, locale| {
        let to_registry = to_registry.clone();
        async move {
            match unit_store::delete_unit(&db(), &id).await {
                Ok(deleted) => {
                    to_registry("/units", Default::default());
                    Done::Saved(fill(K::UnDeletedNamed.text(locale), &[&deleted.name]))
                }
                Err(e) => Done::Failed(text_maps::store_error(&e, locale)),
            }
        }
    });
    let delete = {
        let id = id.clone();
        Callback::new(move |()| deleting.run(id.clone()))
    };
    let delete_body = {
        let name = title_name.clone();
        Signal::derive(move || fill(ctx.t(K::UnDeleteBody), &[&name]))
    };
    let show_status_date = move || status.get() != BusinessStatus::Operating;
    let needs_org = move || formation.get().is_some_and(FormationKind::is_organisation);
    let title = if is_new { K::UnNewUnit } else { K::UnEditUnit };

    view! {
        <section class="page">
            <LiangxinTabs />
            <div class="page-head">
                <h1>
                    {tr(title)}
                    {(!is_new).then(|| view! { <span class="subtitle">{title_name.clone()}</span> })}
                </h1>
                <A href="/units" attr:class="btn">{tr(K::UnBackToRegistry)}</A>
            </div>
            {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedAdmin /> })}
            <form class="card form" on:submit=on_submit novalidate=true data-testid="unit-form">
                <h2>{tr(K::UnSectionBasics)}</h2>
                <div class="form-grid">
                    <FormField label=K::UnName id="unit-name" error=field_error(UnitField::Name) required=true>
                        <input id="unit-name" type="text" bind:value=name aria-describedby="unit-name-error" autocomplete="off" />
                    </FormField>
                    <FormField label=K::UnCreditCode id="unit-code" error=field_error(UnitField::CreditCode) required=true>
                        <input id="unit-code" type="text" bind:value=credit_code aria-describedby="unit-code-error" autocomplete="off" maxlength="24" class="mono" />
                    </FormField>
                    <FormField label=K::UnSubType id="unit-type">
                        <select id="unit-type" on:change=move |ev| {
                            if let Some(t) = SubType::from_code(&event_target_value(&ev)) {
                                sub_type.set(t);
                            }
                        }>
                            {UnitKind::ALL
                                .into_iter()
                                .map(|kind| {
                                    view! {
                                        <optgroup label=move || ctx.t(text::unit_kind(kind))>
                                            {kind
                                                .sub_types()
                                                .into_iter()
                                                .map(|t| view! { <option value=t.code() selected=move || sub_type.get() == t>{tr(text::sub_type(t))}</option> })
                                                .collect_view()}
                                        </optgroup>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </FormField>
                    <FormField label=K::UnIndustry id="unit-industry" error=field_error(UnitField::Industry)>
                        <input id="unit-industry" type="text" list="unit-industries" bind:value=industry autocomplete="off" />
                        <datalist id="unit-industries">
                            {industries.into_iter().map(|i| view! { <option value=i></option> }).collect_view()}
                        </datalist>
                    </FormField>
                    <FormField label=K::UnArea id="unit-area" error=field_error(UnitField::Area)>
                        <input id="unit-area" type="text" list="unit-areas" bind:value=area autocomplete="off" />
                        <datalist id="unit-areas">
                            {areas.into_iter().map(|a| view! { <option value=a></option> }).collect_view()}
                        </datalist>
                    </FormField>
                    <FormField label=K::UnSupervisor id="unit-supervisor" error=field_error(UnitField::Supervisor)>
                        <input id="unit-supervisor" type="text" bind:value=supervisor autocomplete="off" />
                    </FormField>
                    <FormField label=K::UnRegistered id="unit-registered" error=field_error(UnitField::Registered) required=true>
                        <input id="unit-registered" type="date" bind:value=registered aria-describedby="unit-registered-error" />
                    </FormField>
                    <FormField label=K::UnEmployees id="unit-employees" error=field_error(UnitField::Employees)>
                        <input id="unit-employees" type="number" min="0" step="1" inputmode="numeric" bind:value=employees aria-describedby="unit-employees-error" />
                    </FormField>
                    <div class="field field-check">
                        <label class="check">
                            <input type="checkbox" bind:checked=above_scale data-testid="unit-above-scale" />
                            {tr(K::UnAboveScale)}
                        </label>
                    </div>
                    <FormField label=K::UnStatus id="unit-status">
                        <select id="unit-status" on:change=move |ev| {
                            if let Some(s) = BusinessStatus::from_code(&event_target_value(&ev)) {
                                status.set(s);
                            }
                        }>
                            {BusinessStatus::ALL
                                .into_iter()
                                .map(|s| view! { <option value=s.code() selected=move || status.get() == s>{tr(text::status(s))}</option> })
                                .collect_view()}
                        </select>
                    </FormField>
                    <Show when=show_status_date>
                        <FormField label=K::UnStatusDate id="unit-status-date" error=field_error(UnitField::StatusDate) required=true>
                            <input id="unit-status-date" type="date" bind:value=status_date aria-describedby="unit-status-date-error" />
                        </FormField>
                    </Show>
                </div>

                <h2>{tr(K::UnSectionMembers)}</h2>
                <div class="form-grid">
                    <FormField label=K::UnPartyMembers id="unit-party" error=field_error(UnitField::PartyMembers)>
                        <input id="unit-party" type="number" min="0" step="1" inputmode="numeric" bind:value=party_members aria-describedby="unit-party-error" />
                    </FormField>
                    <FormField label=K::UnFullMembers id="unit-full" error=field_error(UnitField::FullMembers)>
                        <input id="unit-full" type="number" min="0" step="1" inputmode="numeric" bind:value=full_members aria-describedby="unit-full-error" />
                    </FormField>
                    <FormField label=K::UnMembershipHere id="unit-here" error=field_error(UnitField::MembershipHere)>
                        <input id="unit-here" type="number" min="0" step="1" inputmode="numeric" bind:value=membership_here aria-describedby="unit-here-error" />
                    </FormField>
                    <fieldset class="field check-group">
                        <legend>{tr(K::UnMassOrgs)}</legend>
                        <label class="check"><input type="checkbox" bind:checked=trade_union />{tr(K::UnTradeUnion)}</label>
                        <label class="check"><input type="checkbox" bind:checked=youth_league />{tr(K::UnYouthLeague)}</label>
                        <label class="check"><input type="checkbox" bind:checked=womens_federation />{tr(K::UnWomens)}</label>
                    </fieldset>
                </div>

                <h2>{tr(K::UnSectionFormation)}</h2>
                <p class="hint">{tr(K::UnFormationHint)}</p>
                <div class="form-grid">
                    <FormField label=K::UnFormation id="unit-formation" error=field_error(UnitField::Formation)>
                        <select id="unit-formation" aria-describedby="unit-formation-error" on:change=move |ev| {
                            formation.set(FormationKind::from_code(&event_target_value(&ev)));
                        }>
                            <option value="" selected=move || formation.get().is_none()>{tr(text::formation(None))}</option>
                            {FormationKind::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.code() selected=move || formation.get() == Some(k)>{tr(text::formation(Some(k)))}</option> })
                                .collect_view()}
                        </select>
                    </FormField>
                    <Show when=needs_org>
                        <FormField label=K::UnFormationOrg id="unit-formation-org" required=true>
                            <select id="unit-formation-org" on:change=move |ev| formation_org.set(event_target_value(&ev))>
                                <option value="" selected=move || formation_org.get().is_empty() disabled=true>{tr(K::UnChooseOrg)}</option>
                                <For each=move || choices.get() key=|(id, label)| (id.clone(), label.clone()) let((value, label))>
                                    <option value=value.clone() selected={
                                        let value = value.clone();
                                        move || formation_org.get() == value
                                    }>{label}</option>
                                </For>
                            </select>
                        </FormField>
                    </Show>
                    <Show when=move || formation.get() == Some(FormationKind::Instructor)>
                        <FormField label=K::UnInstructorName id="unit-instructor" required=true>
                            <input id="unit-instructor" type="text" bind:value=instructor autocomplete="off" />
                        </FormField>
                    </Show>
                    <Show when=move || formation.get().is_some()>
                        <FormField label=K::UnFormedOn id="unit-formed-on" error=field_error(UnitField::FormedOn) required=true>
                            <input id="unit-formed-on" type="date" bind:value=formed_on aria-describedby="unit-formed-on-error" />
                        </FormField>
                    </Show>
                </div>
                <Show when=move || formation.get() == Some(FormationKind::Standalone)>
                    <p class="hint" data-testid="standalone-hint">
                        {move || fill(ctx.t(K::UnStandaloneHint), &[&MIN_STANDALONE_FULL_MEMBERS.to_string()])}
                    </p>
                </Show>
                <Show when=move || needs_org() && !sharing.get().is_empty()>
                    <p class="hint" data-testid="sharing-hint">
                        {move || fill(ctx.t(K::UnSharedWith), &[&text_maps::join_list(&sharing.get(), ctx.locale.get())])}
                    </p>
                </Show>

                <div class="form-grid">
                    <FormField label=K::UnStage id="unit-stage" error=field_error(UnitField::Stage)>
                        <select id="unit-stage" aria-describedby="unit-stage-error" on:change=move |ev| {
                            if let Some(c) = StageChoice::from_code(&event_target_value(&ev)) {
                                stage.set(c);
                            }
                        }>
                            {StageChoice::ALL
                                .into_iter()
                                .map(|c| view! { <option value=c.code() selected=move || stage.get() == c>{tr(text::stage_choice(c))}</option> })
                                .collect_view()}
                        </select>
                    </FormField>
                    <Show when=move || stage.get() == StageChoice::ModelSite>
                        <FormField label=K::UnModelLevel id="unit-model-level">
                            <select id="unit-model-level" on:change=move |ev| {
                                if let Some(l) = ModelLevel::from_code(&event_target_value(&ev)) {
                                    model_level.set(l);
                                }
                            }>
                                {ModelLevel::ALL
                                    .into_iter()
                                    .map(|l| view! { <option value=l.code() selected=move || model_level.get() == l>{tr(text::model_level(l))}</option> })
                                    .collect_view()}
                            </select>
                        </FormField>
                        <FormField label=K::UnModelYear id="unit-model-year" required=true>
                            <input id="unit-model-year" type="number" min="1949" step="1" inputmode="numeric" bind:value=model_year />
                        </FormField>
                    </Show>
                </div>

                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.pending() || !may_edit data-testid="unit-save">
                        {tr(K::Save)}
                    </button>
                    {(!is_new && may_edit).then(|| view! {
                        <button type="button" class="btn btn-danger-outline" on:click=move |_| confirm_delete.set(true) disabled=move || deleting.pending()>
                            {tr(K::UnDelete)}
                        </button>
                    })}
                </div>
            </form>
            {(!is_new).then(|| view! { <UnitRequests unit=id.clone() /> })}
            <ConfirmDialog open=confirm_delete title=K::UnDeleteTitle body=delete_body confirm_label=K::UnDelete on_confirm=delete />
        </section>
    }
}
