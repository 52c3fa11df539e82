//! The registry list (`/units`): search and filters, one row per unit with its formation, and
//! the registry's formation findings (a joint branch that only one unit names yet, …).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::device::roles::Action;
use crate::domain::units::filter::{self, UnitFilter};
use crate::domain::units::formation::{self, Formation, FormationKind};
use crate::domain::units::unit::{BusinessStatus, Unit, UnitKind};
use crate::i18n::{fill, K};
use crate::ui::components::LiangxinTabs;
use crate::ui::components::{col, AsyncView, EmptyState, Table};
use crate::ui::context::{tr, AppContext};
use crate::ui::data::{use_unit_registry, UnitRegistry};
use crate::ui::text::units as text;

/// The registry of non-public units.
#[component]
pub fn UnitsPage() -> impl IntoView {
    let ctx = AppContext::get();
    let registry = use_unit_registry();
    view! {
        <section class="page">
            <LiangxinTabs />
            <div class="page-head">
                <h1>{tr(K::UnRegistryTitle)}</h1>
                <Show when=move || ctx.may(Action::EditUnits)>
                    <div class="head-actions">
                        <A href="/units/import" attr:class="btn">{tr(K::UnTabImport)}</A>
                        <A href="/units/new" attr:class="btn btn-primary" attr:data-testid="unit-new">
                            "+ "{tr(K::UnNewUnit)}
                        </A>
                    </div>
                </Show>
            </div>
            <AsyncView resource=registry let:registry>
                <Registry registry />
            </AsyncView>
        </section>
    }
}

/// A `<select>` of a filter: "all" plus the choices, as (value, label) pairs.
#[component]
fn FilterSelect(
    label: K,
    id: &'static str,
    value: RwSignal<String>,
    #[prop(into)] choices: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <label class="filter" for=id>
            <span>{tr(label)}</span>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="" selected=move || value.get().is_empty()>{tr(K::UnFilterAll)}</option>
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = {
                                let v = v.clone();
                                move || value.get() == v
                            };
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// "—" for no formation; the org's or instructor's name after the mode otherwise.
fn formation_cell(unit: &Unit, registry: &UnitRegistry) -> (K, String) {
    let kind = unit.formation.as_ref().map(Formation::kind);
    let detail = match &unit.formation {
        Some(Formation::Instructor { name }) => name.clone(),
        Some(f) => f.org().map(|id| registry.name_of(id)).unwrap_or_default(),
        None => String::new(),
    };
    (text::formation(kind), detail)
}

#[component]
fn Registry(registry: UnitRegistry) -> impl IntoView {
    let ctx = AppContext::get();
    if registry.units.is_empty() {
        return view! {
            <EmptyState message=K::UnNoUnits>
                <Show when=move || ctx.may(Action::EditUnits)>
                    <p class="actions">
                        <A href="/units/new" attr:class="btn btn-primary">{tr(K::UnNewUnit)}</A>
                        <A href="/units/import" attr:class="btn">{tr(K::UnTabImport)}</A>
                    </p>
                </Show>
            </EmptyState>
        }
        .into_any();
    }
    let query = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let industry = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let formation = RwSignal::new(String::new());
    let areas: Vec<(String, String)> = filter::areas(&registry.units).into_iter().map(|a| (a.clone(), a)).collect();
    let industries: Vec<(String, String)> =
        filter::industries(&registry.units).into_iter().map(|a| (a.clone(), a)).collect();
    let kinds = Signal::derive(move || {
        UnitKind::ALL.into_iter().map(|k| (k.code().to_string(), ctx.t(text::unit_kind(k)).to_string())).collect()
    });
    let statuses = Signal::derive(move || {
        BusinessStatus::ALL.into_iter().map(|s| (s.code().to_string(), ctx.t(text::status(s)).to_string())).collect()
    });
    // "none" is not a formation code, so it cannot collide with one.
    let formations = Signal::derive(move || {
        FormationKind::ALL
            .into_iter()
            .map(|k| (k.code().to_string(), ctx.t(text::formation(Some(k))).to_string()))
            .chain([("none".to_string(), ctx.t(text::formation(None)).to_string())])
            .collect()
    });
    let unit_filter = move || UnitFilter {
        query: query.get(),
        area: Some(area.get()).filter(|a| !a.is_empty()),
        industry: Some(industry.get()).filter(|a| !a.is_empty()),
        kind: UnitKind::from_code(&kind.get()),
        status: BusinessStatus::from_code(&status.get()),
        formation: match formation.get().as_str() {
            "" => None,
            "none" => Some(None),
            code => FormationKind::from_code(code).map(Some),
        },
    };
    let findings = formation::validate_formations(&registry.units, &registry.orgs);
    let total = registry.units.len();
    let registry = StoredValue::new(registry);
    let rows = move || {
        let filter = unit_filter();
        registry.with_value(|r| filter::filter_units(&r.units, &filter).into_iter().cloned().collect::<Vec<_>>())
    };
    view! {
        {(!findings.is_empty()).then(|| {
            view! {
                <div class="card findings" role="note" data-testid="unit-findings">
                    <h2>{tr(K::UnFindingsTitle)}</h2>
                    <ul>
                        {findings
                            .iter()
                            .map(|p| {
                                let p = p.clone();
                                view! {
                                    <li>{move || registry.with_value(|r| text::formation_problem(&p, &|id| r.name_of(id), ctx.locale.get()))}</li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })}
        <div class="toolbar filters">
            <label class="search">
                <span class="visually-hidden">{tr(K::UnSearch)}</span>
                <input type="search" bind:value=query placeholder=tr(K::UnSearch) data-testid="unit-search" />
            </label>
            <FilterSelect label=K::UnAreaShort id="unit-filter-area" value=area choices=Signal::derive(move || areas.clone()) />
            <FilterSelect label=K::UnIndustry id="unit-filter-industry" value=industry choices=Signal::derive(move || industries.clone()) />
            <FilterSelect label=K::UnKind id="unit-filter-kind" value=kind choices=kinds />
            <FilterSelect label=K::UnStatus id="unit-filter-status" value=status choices=statuses />
            <FilterSelect label=K::UnFormation id="unit-filter-formation" value=formation choices=formations />
        </div>
        {move || {
            let rows = rows();
            let shown = fill(ctx.t(K::UnShownOf), &[&rows.len().to_string(), &total.to_string()]);
            if rows.is_empty() {
                return view! { <EmptyState message=K::UnNoMatch /> }.into_any();
            }
            view! {
                <p class="hint" aria-live="polite" data-testid="unit-count">{shown}</p>
                <div class="table-wrap" tabindex="0">
                    <Table class="unit-table" testid="unit-table" cols=vec![
                        col(K::UnName), col(K::UnSubType), col(K::UnAreaShort), col(K::UnIndustry), col(K::UnStatus),
                        col(K::UnFormation), col(K::UnStage), col(K::UnMembersColumn).class("num"),
                    ]>
                        {rows
                            .into_iter()
                            .map(|u| {
                                let (mode, detail) = registry.with_value(|r| formation_cell(&u, r));
                                let ceased = u.status.closes_unit();
                                let status_date = u.status_date.map(|d| d.to_string());
                                let stage = u.stage;
                                view! {
                                    <tr class:archived=ceased>
                                        <td><A href=format!("/units/{}", u.id)>{u.name.clone()}</A></td>
                                        <td>{tr(text::sub_type(u.sub_type))}</td>
                                        <td>{u.area.clone()}</td>
                                        <td>{u.industry.clone()}</td>
                                        <td>
                                            <span class="chip" class:chip-muted=u.status != BusinessStatus::Operating>{tr(text::status(u.status))}</span>
                                            {status_date.map(|d| view! { <span class="hint nowrap">" "{d}</span> })}
                                        </td>
                                        <td>
                                            <span class=if u.formation.is_some() { "chip" } else { "chip chip-warn" }>{tr(mode)}</span>
                                            {(!detail.is_empty()).then(|| view! { <span class="hint">" "{detail}</span> })}
                                        </td>
                                        <td>{move || text::stage_text(stage, ctx.locale.get())}</td>
                                        <td class="num">{format!("{} / {}", u.party_members, u.full_members)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </Table>
                </div>
            }
            .into_any()
        }}
    }
    .into_any()
}
