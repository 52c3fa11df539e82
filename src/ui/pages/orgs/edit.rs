use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::members::Members;
use crate::domain::device::roles::Action;
use crate::domain::org::{self, Field, FieldProblem, Org, OrgKind};
use crate::domain::units::filter;
use crate::domain::units::formation::FormationKind;
use crate::domain::Category;
use crate::i18n::{fill, K};
use crate::store::{self, orgs as org_store, SaveError};
use crate::ui::components::{AsyncView, ConfirmDialog, Done, EmptyState, FormField, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::{use_registry, use_unit_registry, Registry};
use crate::ui::text;
use crate::ui::text::units as unit_text;

/// Create (`/orgs/new?parent=…&kind=…`) or edit (`/orgs/:id`) an org; a branch also shows
/// its members.
#[component]
pub fn OrgEdit() -> impl IntoView {
    let params = use_params_map();
    let registry = use_registry();
    let ctx = AppContext::get();
    view! {
        <AsyncView resource=registry let:registry>
            {
                // A role switch re-renders the form with the new role's rights.
                ctx.session.track();
                match params.read().get("id") {
                    None => view! { <OrgForm registry existing=None /> }.into_any(),
                    Some(id) => match registry.org(&id).cloned() {
                        Some(existing) => view! { <OrgForm registry existing=Some(existing) /> }.into_any(),
                        None => view! {
                            <section class="page">
                                <EmptyState message=K::OrgNotFound>
                                    <A href="/orgs">{tr(K::BackToOrgs)}</A>
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

fn parent_choices(registry: &Registry, kind: OrgKind, editing: Option<&str>) -> Vec<(String, String)> {
    org::tree_order(&registry.orgs)
        .into_iter()
        .filter(|(o, _)| !o.archived && kind.allowed_parents().contains(&Some(o.kind)))
        .filter(|(o, _)| editing.is_none_or(|id| !org::is_descendant_or_self(&registry.orgs, &o.id, id)))
        .map(|(o, depth)| (o.id.clone(), format!("{}{}", "　".repeat(depth), o.name)))
        .collect()
}

#[component]
fn OrgForm(registry: Registry, existing: Option<Org>) -> impl IntoView {
    let ctx = AppContext::get();
    let navigate = use_navigate();
    let query = use_query_map();
    let is_new = existing.is_none();
    let may_edit = ctx.session.with_untracked(|s| s.may(Action::EditOrgs));
    let start = existing.clone().unwrap_or_else(|| {
        let q = query.read_untracked();
        let kind = q.get("kind").and_then(|k| OrgKind::from_code(&k)).unwrap_or(OrgKind::Branch);
        Org {
            id: store::new_id(),
            parent: q.get("parent"),
            kind,
            name: String::new(),
            category: None,
            secretary: String::new(),
            contact: String::new(),
            founded: None,
            archived: false,
        }
    });
    let id = start.id.clone();
    let kind = RwSignal::new(start.kind);
    let parent = RwSignal::new(start.parent.clone().unwrap_or_default());
    let name = RwSignal::new(start.name.clone());
    let category = RwSignal::new(start.category.map(|c| c.code().to_string()).unwrap_or_default());
    let secretary = RwSignal::new(start.secretary.clone());
    let contact = RwSignal::new(start.contact.clone());
    let founded = RwSignal::new(start.founded.map(|d| d.to_string()).unwrap_or_default());
    let error = RwSignal::new(None::<SaveError>);

    let field_error =
        move |field: Field| Signal::derive(move || text::field_error(&error.get(), field, ctx.locale.get()));
    let registry = StoredValue::new(registry);
    let choices = Memo::new({
        let id = id.clone();
        move |_| registry.with_value(|r| parent_choices(r, kind.get(), (!is_new).then_some(id.as_str())))
    });

    let saving = Write::new(move |candidate: Org, locale| {
        let navigate = navigate.clone();
        async move {
            match org_store::save_org(&db(), candidate, store::today()).await {
                Ok(saved) => {
                    error.set(None);
                    if is_new {
                        navigate(&format!("/orgs/{}", saved.id), Default::default());
                    }
                    Done::Saved(fill(K::SavedNamed.text(locale), &[&saved.name]))
                }
                Err(e) => {
                    let message = text::save_error(&e, locale);
                    error.set(Some(e));
                    Done::Failed(message)
                }
            }
        }
    });
    let on_submit = {
        let id = id.clone();
        let archived = start.archived;
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if saving.pending_untracked() {
                return;
            }
            let founded = match org::parse_optional_date(&founded.get_untracked()) {
                Ok(date) => date,
                Err(problem) => {
                    error.set(Some(SaveError::Invalid(vec![FieldProblem { field: Field::Founded, problem }])));
                    return;
                }
            };
            saving.run(Org {
                id: id.clone(),
                parent: Some(parent.get_untracked()).filter(|p| !p.is_empty()),
                kind: kind.get_untracked(),
                name: name.get_untracked(),
                category: Category::from_code(&category.get_untracked()),
                secretary: secretary.get_untracked(),
                contact: contact.get_untracked(),
                founded,
                archived,
            });
        }
    };

    let confirm_open = RwSignal::new(false);
    let archived = start.archived;
    let archiving = Write::new(move |id: String, locale| async move {
        match org_store::set_archived(&db(), &id, !archived, store::today()).await {
            Ok(saved) => {
                let key = if saved.archived { K::ArchivedNamed } else { K::RestoredNamed };
                Done::Saved(fill(key.text(locale), &[&saved.name]))
            }
            Err(e) => Done::Failed(text::save_error(&e, locale)),
        }
    });
    let toggle_archive = {
        let id = id.clone();
        Callback::new(move |()| archiving.run(id.clone()))
    };
    let archive_body = {
        let name = start.name.clone();
        Signal::derive(move || fill(ctx.t(K::ArchiveConfirmBody), &[&name]))
    };
    let title = if is_new { K::NewOrg } else { K::EditOrg };
    let child_kind = match start.kind {
        OrgKind::Committee => Some(OrgKind::Branch),
        OrgKind::GeneralBranch => Some(OrgKind::Branch),
        OrgKind::Branch => Some(OrgKind::Group),
        OrgKind::Group => None,
    };
    let add_child_href = child_kind.map(|k| format!("/orgs/new?parent={}&kind={}", id, k.code()));
    let branch_id = (start.kind == OrgKind::Branch && !is_new).then(|| id.clone());

    view! {
        <section class="page">
            <div class="page-head">
                <h1>
                    {tr(title)}
                    {(!is_new).then(|| view! { <span class="subtitle">{start.name.clone()}</span> })}
                    {start.archived.then(|| view! { <span class="badge badge-muted">{tr(K::Archived)}</span> })}
                </h1>
                <A href="/orgs" attr:class="btn">{tr(K::BackToOrgs)}</A>
            </div>
            {(!may_edit).then(|| view! { <NotPermitted message=K::RoleNeedAdmin /> })}
            <form class="card form" on:submit=on_submit novalidate=true data-testid="org-form">
                <div class="form-grid">
                    <FormField label=K::Kind id="org-kind">
                        <select
                            id="org-kind"
                            disabled=!is_new
                            on:change=move |ev| {
                                if let Some(k) = OrgKind::from_code(&event_target_value(&ev)) {
                                    kind.set(k);
                                }
                            }
                        >
                            {OrgKind::ALL
                                .into_iter()
                                .map(|k| view! { <option value=k.code() selected=move || kind.get() == k>{tr(text::org_kind(k))}</option> })
                                .collect_view()}
                        </select>
                    </FormField>
                    <FormField label=K::Parent id="org-parent" error=field_error(Field::Parent)>
                        <select id="org-parent" aria-describedby="org-parent-error" on:change=move |ev| parent.set(event_target_value(&ev))>
                            <Show when=move || kind.get().allowed_parents().contains(&None)>
                                <option value="" selected=move || parent.get().is_empty()>{tr(K::NoParent)}</option>
                            </Show>
                            <Show when=move || !kind.get().allowed_parents().contains(&None) && parent.get().is_empty()>
                                <option value="" selected=true disabled=true>{tr(K::ChooseParent)}</option>
                            </Show>
                            <For each=move || choices.get() key=|(id, label)| (id.clone(), label.clone()) let((value, label))>
                                <option value=value.clone() selected={
                                    let value = value.clone();
                                    move || parent.get() == value
                                }>{label}</option>
                            </For>
                        </select>
                    </FormField>
                    <FormField label=K::Name id="org-name" error=field_error(Field::Name) required=true>
                        <input id="org-name" type="text" bind:value=name aria-describedby="org-name-error" autocomplete="off" />
                    </FormField>
                    <Show when=move || kind.get() == OrgKind::Branch>
                        <FormField label=K::Category id="org-category" error=field_error(Field::Category) required=true>
                            <select id="org-category" aria-describedby="org-category-error" on:change=move |ev| category.set(event_target_value(&ev))>
                                <option value="" selected=move || category.get().is_empty()>{tr(K::ChooseCategory)}</option>
                                {Category::ALL
                                    .into_iter()
                                    .map(|c| view! { <option value=c.code() selected=move || category.get() == c.code()>{tr(text::category(c))}</option> })
                                    .collect_view()}
                            </select>
                        </FormField>
                    </Show>
                    <FormField label=K::Secretary id="org-secretary">
                        <input id="org-secretary" type="text" bind:value=secretary autocomplete="off" />
                    </FormField>
                    <FormField label=K::Contact id="org-contact">
                        <input id="org-contact" type="text" bind:value=contact autocomplete="off" />
                    </FormField>
                    <FormField label=K::Founded id="org-founded" error=field_error(Field::Founded)>
                        <input id="org-founded" type="date" bind:value=founded aria-describedby="org-founded-error" />
                    </FormField>
                </div>
                <div class="actions">
                    <button type="submit" class="btn btn-primary" disabled=move || saving.pending() || !may_edit>{tr(K::Save)}</button>
                    {add_child_href.map(|href| view! { <A href=href attr:class="btn">{tr(K::AddChildOrg)}</A> })}
                    {(!is_new && may_edit).then(|| {
                        let label = if archived { K::Restore } else { K::Archive };
                        view! {
                            <button type="button" class="btn btn-danger-outline" on:click=move |_| {
                                if archived { toggle_archive.run(()) } else { confirm_open.set(true) }
                            }>{tr(label)}</button>
                        }
                    })}
                </div>
            </form>
            <ConfirmDialog open=confirm_open title=K::ArchiveConfirmTitle body=archive_body confirm_label=K::Archive on_confirm=toggle_archive />
            {(!is_new).then(|| view! { <CoveredUnits org=id.clone() /> })}
            {branch_id.clone().map(|branch| view! { <crate::ui::components::MobileOverdueCard branch /> })}
            {branch_id.map(|branch| view! { <Members branch registry=registry.get_value() /> })}
        </section>
    }
}

/// The 两新 units this organisation covers (a joint branch lists its member units), with their
/// formation; nothing when it covers none.
#[component]
fn CoveredUnits(org: String) -> impl IntoView {
    let units = use_unit_registry();
    view! {
        <AsyncView resource=units let:registry>
            {
                let covered: Vec<(String, String, Option<FormationKind>)> = filter::sharing(&registry.units, &org, "")
                    .into_iter()
                    .map(|u| (u.id.clone(), u.name.clone(), u.formation.as_ref().map(|f| f.kind())))
                    .collect();
                (!covered.is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="covered-units-title" data-testid="covered-units">
                        <h2 id="covered-units-title">{tr(K::UnCoveredUnits)}</h2>
                        <ul class="plain-list">
                            {covered
                                .into_iter()
                                .map(|(id, name, kind)| view! {
                                    <li>
                                        <A href=format!("/units/{id}")>{name}</A>
                                        " "
                                        <span class="chip">{tr(unit_text::formation(kind))}</span>
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    </section>
                })
            }
        </AsyncView>
    }
}
