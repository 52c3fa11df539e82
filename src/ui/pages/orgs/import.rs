//! `/orgs/import` — spreadsheet import of Party organisations or members (docs/FORMAT.md §12):
//! template download, file choice, column mapping, preview with row errors, one-transaction import.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::files::sheet_import::{auto_map, check_mapping, Action, ImportKind, Mapping, Plan, Sheet};
use crate::domain::files::table_export::{to_csv, to_xlsx, Cell, Table};
use crate::domain::org::Org;
use crate::i18n::{fill, Locale, K};
use crate::store::orgs::{self as org_store, SheetImportError};
use crate::store::{new_id, today};
use crate::ui::components::{
    action_badge, col, Col, Done, MappingGrid, PlanSummary, RowErrors, SheetFilePicker, SheetStage, Table as DataTable,
    Write,
};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::use_registry;
use crate::ui::text;

/// What an import runs on: the kind, the mapping, the sheet and the file's name.
type ImportInput = (ImportKind, Mapping, Arc<Sheet>, String);

/// The template of a kind in a language: the header row and one example row.
pub fn template(kind: ImportKind, locale: Locale) -> Table {
    let t = |k: K| Cell::text(k.text(locale));
    let example = match kind {
        ImportKind::Orgs => vec![
            t(K::ImpExBranchName),
            t(K::KindBranch),
            t(K::ImpExParentName),
            t(K::CatProduction),
            t(K::ImpExSecretary),
            Cell::text("0731-12345678"),
            Cell::text("2024-05-01"),
        ],
        // The units sheet has its own page (/units/import); this one offers orgs and members.
        ImportKind::Members | ImportKind::Units => vec![
            t(K::ImpExMemberName),
            t(K::ImpExMemberBranch),
            t(K::GenderMale),
            Cell::text("1990-03-15"),
            Cell::text("2015-07-01"),
            t(K::ImpExPosition),
            t(K::StatusFull),
        ],
    };
    let title = match kind {
        ImportKind::Orgs => K::ImpFileOrgs,
        ImportKind::Members | ImportKind::Units => K::ImpFileMembers,
    };
    Table {
        title: title.text(locale).to_string(),
        headers: kind.targets().iter().map(|&t| text::import_column(t).text(locale).to_string()).collect(),
        rows: vec![example],
    }
}

fn download_table(table: &Table, xlsx: bool) -> Result<(), String> {
    let (bytes, ext, mime) = if xlsx {
        (
            to_xlsx(table).map_err(|e| e.to_string())?,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    } else {
        (to_csv(table), "csv", "text/csv;charset=utf-8")
    };
    crate::ui::download::download_bytes(&format!("{}.{ext}", table.title), mime, &bytes).map_err(|e| format!("{e:?}"))
}

/// The page at `/orgs/import`.
#[component]
pub fn OrgImport() -> impl IntoView {
    let ctx = AppContext::get();
    view! {
        <Show
            when=move || ctx.may(crate::domain::device::roles::Action::EditOrgs)
            fallback=|| view! {
                <section class="page">
                    <h1>{tr(K::ImpTitle)}</h1>
                    <crate::ui::components::NotPermitted message=K::RoleNeedAdmin />
                </section>
            }
        >
            <ImportForm />
        </Show>
    }
}

#[component]
fn ImportForm() -> impl IntoView {
    let ctx = AppContext::get();
    let kind = RwSignal::new(ImportKind::Orgs);
    let stage = RwSignal::new(SheetStage::Idle);
    let mapping = RwSignal::new(Mapping::new());
    // Lives with the page, not with one loaded file, so "start over" during an import does not
    // offer a second one.
    let importing = Write::new(move |(kind, mapping, sheet, name): ImportInput, locale| async move {
        let mut ids = new_id;
        match org_store::import_orgs_and_members(&db(), kind, &sheet, &mapping, &name, today(), &mut ids).await {
            Ok(plan) => {
                stage.set(SheetStage::Idle);
                Done::Saved(fill(
                    K::ImpDone.text(locale),
                    &[&plan.count(Action::Create).to_string(), &plan.count(Action::Update).to_string()],
                ))
            }
            Err(SheetImportError::Invalid(_)) => {
                // The data changed under the preview: refetch it, and say so.
                ctx.changed();
                Done::Failed(K::ImpChanged.text(locale).to_string())
            }
            Err(SheetImportError::Store(e)) => Done::Failed(text::store_error(&e, locale)),
        }
    });

    let set_kind = move |next: ImportKind| {
        kind.set(next);
        if let SheetStage::Loaded(_, sheet) = stage.get_untracked() {
            mapping.set(auto_map(next, &sheet.headers));
        }
    };

    let template_buttons = move |xlsx: bool| {
        let table = template(kind.get_untracked(), ctx.locale.get_untracked());
        if let Err(reason) = download_table(&table, xlsx) {
            ctx.failure(fill(ctx.t(K::ExportFailed), &[&reason]));
        }
    };

    view! {
        <section class="page org-import" data-testid="org-import">
            <div class="page-head">
                <h1>{tr(K::ImpTitle)}</h1>
                <A href="/orgs" attr:class="btn">{tr(K::NavOrgs)}</A>
            </div>
            <p class="hint">{tr(K::ImpIntro)}</p>
            <div class="card import-start">
                <fieldset class="cats import-kind">
                    <legend>{tr(K::ImpKindLabel)}</legend>
                    <label class="check">
                        <input type="radio" name="import-kind" data-testid="import-kind-orgs" checked=move || kind.get() == ImportKind::Orgs on:change=move |_| set_kind(ImportKind::Orgs) />
                        {tr(K::ImpKindOrgs)}
                    </label>
                    <label class="check">
                        <input type="radio" name="import-kind" data-testid="import-kind-members" checked=move || kind.get() == ImportKind::Members on:change=move |_| set_kind(ImportKind::Members) />
                        {tr(K::ImpKindMembers)}
                    </label>
                </fieldset>
                <div class="import-templates" role="group" aria-labelledby="import-templates-label">
                    <span id="import-templates-label" class="import-templates-label">{tr(K::ImpTemplates)}</span>
                    <button type="button" class="btn" data-testid="template-xlsx" aria-label=move || format!("{} .xlsx", ctx.t(K::ImpTemplates)) on:click=move |_| template_buttons(true)>".xlsx"</button>
                    <button type="button" class="btn" data-testid="template-csv" aria-label=move || format!("{} .csv", ctx.t(K::ImpTemplates)) on:click=move |_| template_buttons(false)>".csv"</button>
                    <span class="hint">{tr(K::ImpTemplateHint)}</span>
                </div>
                <SheetFilePicker kind stage mapping choose=K::ImpChooseFile />
            </div>
            <div aria-live="polite" data-testid="import-stage">
                {move || match stage.get() {
                    SheetStage::Idle => ().into_any(),
                    SheetStage::Reading => view! { <p class="loading">{tr(K::Loading)}</p> }.into_any(),
                    SheetStage::Refused(message) => view! { <p class="notice notice-error" role="alert" data-testid="import-refused">{message}</p> }.into_any(),
                    SheetStage::Loaded(name, sheet) => view! { <Loaded name sheet kind mapping stage importing /> }.into_any(),
                }}
            </div>
        </section>
    }
}

#[component]
fn Loaded(
    name: String,
    sheet: Arc<Sheet>,
    kind: RwSignal<ImportKind>,
    mapping: RwSignal<Mapping>,
    stage: RwSignal<SheetStage>,
    importing: Write<ImportInput>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let sheet = StoredValue::new(sheet);
    let file_name = StoredValue::new(name.clone());
    let width = sheet.with_value(|s| s.headers.len());
    let problems = Memo::new(move |_| check_mapping(kind.get(), &mapping.get(), width));
    let registry = use_registry();
    let preview = LocalResource::new(move || {
        ctx.revision.track();
        let kind = kind.get();
        let mapping = mapping.get();
        let ok = problems.with(Vec::is_empty);
        let sheet = sheet.get_value();
        async move {
            if !ok {
                return None;
            }
            Some(org_store::preview_sheet_import(&db(), kind, &sheet, &mapping, today()).await)
        }
    });

    let confirm = move |_| {
        importing.run((kind.get_untracked(), mapping.get_untracked(), sheet.get_value(), file_name.get_value()))
    };

    let headers = sheet.with_value(|s| s.headers.clone());
    view! {
        <MappingGrid name headers kind mapping problems />
        <section class="card import-preview" aria-labelledby="import-preview-title">
            <h2 id="import-preview-title">{tr(K::ImpPreviewTitle)}</h2>
            {move || match (preview.get().flatten(), registry.get().and_then(Result::ok)) {
                (None, _) if !problems.with(Vec::is_empty) => ().into_any(),
                (None, _) | (_, None) => view! { <p class="loading">{tr(K::Loading)}</p> }.into_any(),
                (Some(Err(SheetImportError::Store(e))), _) => view! { <p class="notice notice-error" role="alert">{text::store_error(&e, ctx.locale.get())}</p> }.into_any(),
                (Some(Err(SheetImportError::Invalid(errors))), _) => view! { <RowErrors errors /> }.into_any(),
                (Some(Ok(plan)), Some(registry)) => {
                    let noop = plan.is_noop();
                    view! {
                        <PlanTable plan orgs=registry.orgs kind=kind.get_untracked() />
                        {noop.then(|| view! { <p class="notice" data-testid="import-nothing">{tr(K::ImpNothingToDo)}</p> })}
                        <div class="actions">
                            <button class="btn btn-primary" data-testid="import-confirm" disabled=move || noop || importing.pending() on:click=confirm>{tr(K::ImpConfirm)}</button>
                            <button class="btn" on:click=move |_| stage.set(SheetStage::Idle)>{tr(K::ImpStartOver)}</button>
                        </div>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn PlanTable(plan: Plan, orgs: Vec<Org>, kind: ImportKind) -> impl IntoView {
    let summary = plan.clone();
    let name_of = {
        let planned: Vec<Org> = plan.orgs.iter().map(|c| c.after.clone()).collect();
        move |id: &Option<String>| -> String {
            id.as_ref()
                .and_then(|id| planned.iter().chain(orgs.iter()).find(|o| &o.id == id))
                .map(|o| o.name.clone())
                .unwrap_or_default()
        }
    };
    let heads: Vec<K> = match kind {
        ImportKind::Orgs => vec![
            K::ImpColOrgName,
            K::ImpColKind,
            K::ImpColParent,
            K::ImpColCategory,
            K::ImpColSecretary,
            K::ImpColFounded,
        ],
        ImportKind::Members | ImportKind::Units => vec![
            K::ImpColMemberName,
            K::ImpColBranch,
            K::ImpColGender,
            K::ImpColBirth,
            K::ImpColJoined,
            K::ImpColStatus,
        ],
    };
    let cols: Vec<Col> = [col(K::ImpRowColumn).class("num"), col(K::ImpActionColumn)]
        .into_iter()
        .chain(heads.into_iter().map(col))
        .collect();
    let rows = match kind {
        ImportKind::Orgs => plan
            .orgs
            .iter()
            .map(|c| {
                let o = c.after.clone();
                let parent = name_of(&o.parent);
                view! {
                    <tr>
                        <td class="num">{c.row}</td>
                        <td>{action_badge(c.action)}</td>
                        <td>{o.name}</td>
                        <td>{tr(text::org_kind(o.kind))}</td>
                        <td>{parent}</td>
                        <td>{o.category.map(|cat| tr(text::category(cat)))}</td>
                        <td>{o.secretary}</td>
                        <td class="nowrap">{o.founded.map(|d| d.to_string())}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any(),
        ImportKind::Members | ImportKind::Units => plan
            .members
            .iter()
            .map(|c| {
                let m = c.after.clone();
                let branch = name_of(&Some(m.branch.clone()));
                view! {
                    <tr>
                        <td class="num">{c.row}</td>
                        <td>{action_badge(c.action)}</td>
                        <td>{m.name}</td>
                        <td>{branch}</td>
                        <td>{tr(text::gender(m.gender))}</td>
                        <td class="nowrap">{m.birth.to_string()}</td>
                        <td class="nowrap">{m.joined.to_string()}</td>
                        <td>{tr(text::member_status(m.status))}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any(),
    };
    view! {
        <PlanSummary plan=summary />
        <div class="table-wrap" tabindex="0">
            <DataTable class="table-compact" testid="import-preview" cols>{rows}</DataTable>
        </div>
    }
}
