//! `/units/import` — the 两新 unit registry to and from a spreadsheet (docs/FORMAT.md §13):
//! the export of the whole registry for everyone; for the committee, the template, the file
//! (chosen or dropped), the column mapping, the preview with every row problem and note, and
//! the import in one transaction.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::device::roles::Action as Right;
use crate::domain::files::sheet_import::{
    check_mapping, export_order, unit_cells, Action, ImportKind, Mapping, Plan, Sheet, UnitColumn,
};
use crate::domain::files::table_export::{Cell, Table};
use crate::domain::units::draft::StageChoice;
use crate::domain::units::formation::Formation;
use crate::domain::units::unit::SubType;
use crate::i18n::{fill, Locale, K};
use crate::store::units::{self as unit_store, UnitImportError};
use crate::store::{new_id, today};
use crate::ui::components::LiangxinTabs;
use crate::ui::components::{
    action_badge, col, AsyncView, Col, Done, EmptyState, ExportButtons, MappingGrid, NotPermitted, PlanSummary,
    RowErrors, SheetFilePicker, SheetStage, Table as DataTable, Write,
};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::{use_unit_registry, UnitRegistry};
use crate::ui::text;
use crate::ui::text::units as unit_text;

/// What an import runs on: the mapping, the sheet and the file's name.
type ImportInput = (Mapping, Arc<Sheet>, String);

fn headers(locale: Locale) -> Vec<String> {
    UnitColumn::ALL.iter().map(|&c| unit_text::import_column(c).text(locale).to_string()).collect()
}

/// The whole registry as a table in a language: every column, the rows the import reads back
/// unchanged.
fn export_table(registry: &UnitRegistry, locale: Locale) -> Table {
    Table {
        title: K::UnImpExportFile.text(locale).to_string(),
        headers: headers(locale),
        rows: export_order(&registry.units)
            .into_iter()
            .map(|u| unit_cells(u, &registry.orgs).into_iter().map(|c| unit_text::unit_cell(c, locale)).collect())
            .collect(),
    }
}

/// The template in a language: the header row and one example row (an operating private
/// enterprise, uncovered, so it imports as it is).
fn template(locale: Locale) -> Table {
    let t = |k: K| Cell::text(k.text(locale));
    let example = UnitColumn::ALL
        .iter()
        .map(|column| match column {
            UnitColumn::Name => t(K::UnImpExName),
            UnitColumn::CreditCode => Cell::text("91150100MA0000001A"),
            UnitColumn::Kind => t(unit_text::unit_kind(SubType::Private.kind())),
            UnitColumn::SubType => t(unit_text::sub_type(SubType::Private)),
            UnitColumn::Industry => t(K::UnImpExIndustry),
            UnitColumn::Area => t(K::UnImpExArea),
            UnitColumn::Employees => Cell::Number(25.0),
            UnitColumn::AboveScale | UnitColumn::YouthLeague | UnitColumn::WomensFederation => t(K::UnImpNo),
            UnitColumn::TradeUnion => t(K::UnImpYes),
            UnitColumn::Status => t(unit_text::status(crate::domain::units::unit::BusinessStatus::Operating)),
            UnitColumn::Supervisor => t(K::UnImpExSupervisor),
            UnitColumn::PartyMembers => Cell::Number(2.0),
            UnitColumn::FullMembers | UnitColumn::MembershipHere => Cell::Number(1.0),
            UnitColumn::Registered => Cell::text("2018-06-01"),
            UnitColumn::Formation => t(unit_text::formation(None)),
            UnitColumn::Stage => t(unit_text::stage_choice(StageChoice::NotFormed)),
            UnitColumn::StatusDate
            | UnitColumn::FormationOrg
            | UnitColumn::Instructor
            | UnitColumn::FormedOn
            | UnitColumn::ModelLevel
            | UnitColumn::ModelYear => Cell::Empty,
        })
        .collect();
    Table { title: K::UnImpTemplateFile.text(locale).to_string(), headers: headers(locale), rows: vec![example] }
}

/// The page at `/units/import`.
#[component]
pub fn UnitImport() -> impl IntoView {
    let ctx = AppContext::get();
    view! {
        <section class="page unit-import" data-testid="unit-import">
            <LiangxinTabs />
            <h1>{tr(K::UnImportTitle)}</h1>
            <p class="hint">{tr(K::UnImpIntro)}</p>
            <ExportSection />
            <Show
                when=move || ctx.may(Right::EditUnits)
                fallback=|| view! { <NotPermitted message=K::RoleNeedAdmin /> }
            >
                <ImportSection />
            </Show>
        </section>
    }
}

#[component]
fn ExportSection() -> impl IntoView {
    let ctx = AppContext::get();
    let registry = use_unit_registry();
    view! {
        <section class="card unit-export" aria-labelledby="unit-export-title">
            <h2 id="unit-export-title">{tr(K::UnImpExportTitle)}</h2>
            <AsyncView resource=registry let:registry>
                {if registry.units.is_empty() {
                    view! { <EmptyState message=K::UnImpExportEmpty /> }.into_any()
                } else {
                    let count = registry.units.len().to_string();
                    let registry = StoredValue::new(registry);
                    let table = Signal::derive(move || registry.with_value(|r| export_table(r, ctx.locale.get())));
                    let stem = Signal::derive(move || ctx.t(K::UnImpExportFile).to_string());
                    view! {
                        <p class="hint" data-testid="unit-export-count">{move || fill(ctx.t(K::UnImpExportHint), &[&count])}</p>
                        <ExportButtons table file_stem=stem />
                    }
                    .into_any()
                }}
            </AsyncView>
        </section>
    }
}

#[component]
fn ImportSection() -> impl IntoView {
    let ctx = AppContext::get();
    let stage = RwSignal::new(SheetStage::Idle);
    let mapping = RwSignal::new(Mapping::new());
    let result: RwSignal<Option<String>> = RwSignal::new(None);
    let kind = Signal::derive(|| ImportKind::Units);
    // Lives with the page, not with one loaded file, so "choose another file" during an import
    // does not offer a second one.
    let importing = Write::new(move |(mapping, sheet, name): ImportInput, locale| async move {
        let mut ids = new_id;
        match unit_store::import_units(&db(), &sheet, &mapping, &name, today(), &mut ids).await {
            Ok(plan) => {
                stage.set(SheetStage::Idle);
                let counts = [Action::Create, Action::Update, Action::Unchanged].map(|a| plan.count(a).to_string());
                result.set(Some(fill(K::UnImpDone.text(locale), &[&counts[0], &counts[1], &counts[2]])));
                Done::SavedQuietly
            }
            Err(UnitImportError::Invalid(_)) => {
                // The registry changed under the preview: refetch it, and say so.
                ctx.changed();
                Done::Failed(K::ImpChanged.text(locale).to_string())
            }
            Err(UnitImportError::Store(e)) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let template_table = Signal::derive(move || template(ctx.locale.get()));
    let template_stem = Signal::derive(move || ctx.t(K::UnImpTemplateFile).to_string());
    Effect::new(move |_| {
        if !matches!(stage.get(), SheetStage::Idle) {
            result.set(None);
        }
    });

    view! {
        <section class="card import-start" aria-labelledby="unit-import-title">
            <h2 id="unit-import-title">{tr(K::UnImpImportTitle)}</h2>
            <div class="import-templates">
                <ExportButtons table=template_table file_stem=template_stem label=K::ImpTemplates testid="template" />
                <span class="hint">{tr(K::ImpTemplateHint)}</span>
            </div>
            <SheetFilePicker kind stage mapping choose=K::ImpChooseFile drop_hint=K::UnImpDropZone />
        </section>
        <div aria-live="polite" data-testid="import-stage">
            {move || result.get().map(|message| view! {
                <p class="notice notice-ok" data-testid="import-result">
                    {message}" "<A href="/units">{tr(K::UnImpToRegistry)}</A>
                </p>
            })}
            {move || match stage.get() {
                SheetStage::Idle => ().into_any(),
                SheetStage::Reading => view! { <p class="loading" role="status">{tr(K::Loading)}</p> }.into_any(),
                SheetStage::Refused(message) => view! { <p class="notice notice-error" role="alert" data-testid="import-refused">{message}</p> }.into_any(),
                SheetStage::Loaded(name, sheet) => view! { <Loaded name sheet mapping stage importing /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Loaded(
    name: String,
    sheet: Arc<Sheet>,
    mapping: RwSignal<Mapping>,
    stage: RwSignal<SheetStage>,
    importing: Write<ImportInput>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let sheet = StoredValue::new(sheet);
    let file_name = StoredValue::new(name.clone());
    let width = sheet.with_value(|s| s.headers.len());
    let problems = Memo::new(move |_| check_mapping(ImportKind::Units, &mapping.get(), width));
    let preview = LocalResource::new(move || {
        ctx.revision.track();
        let mapping = mapping.get();
        let ok = problems.with(Vec::is_empty);
        let sheet = sheet.get_value();
        async move {
            if !ok {
                return None;
            }
            Some(unit_store::preview_unit_import(&db(), &sheet, &mapping, today()).await)
        }
    });
    let confirm = move |_| importing.run((mapping.get_untracked(), sheet.get_value(), file_name.get_value()));
    let headers = sheet.with_value(|s| s.headers.clone());
    view! {
        <MappingGrid name headers kind=ImportKind::Units mapping problems />
        <section class="card import-preview" aria-labelledby="import-preview-title">
            <h2 id="import-preview-title">{tr(K::ImpPreviewTitle)}</h2>
            {move || match preview.get().flatten() {
                None if !problems.with(Vec::is_empty) => ().into_any(),
                None => view! { <p class="loading" role="status">{tr(K::Loading)}</p> }.into_any(),
                Some(Err(UnitImportError::Store(e))) => view! { <p class="notice notice-error" role="alert">{text::store_error(&e, ctx.locale.get())}</p> }.into_any(),
                Some(Err(UnitImportError::Invalid(errors))) => view! {
                    <RowErrors errors />
                    <div class="actions">
                        <button class="btn" on:click=move |_| stage.set(SheetStage::Idle)>{tr(K::ImpStartOver)}</button>
                    </div>
                }
                .into_any(),
                Some(Ok(plan)) => {
                    let noop = plan.is_noop();
                    let warnings = plan.warnings.clone();
                    view! {
                        <PlanSummary plan=plan.clone() />
                        {(!warnings.is_empty()).then(|| view! { <RowErrors errors=warnings notes=true /> })}
                        <PlanTable plan />
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
fn PlanTable(plan: Plan) -> impl IntoView {
    let ctx = AppContext::get();
    let cols: Vec<Col> = [
        col(K::ImpRowColumn).class("num"),
        col(K::ImpActionColumn),
        col(K::UnName),
        col(K::UnCreditCode),
        col(K::UnSubType),
        col(K::UnAreaShort),
        col(K::UnFormation),
        col(K::UnStage),
    ]
    .into_iter()
    .collect();
    let rows = plan
        .units
        .into_iter()
        .map(|c| {
            let u = c.after;
            let formation = u.formation.as_ref().map(Formation::kind);
            let stage = u.stage;
            view! {
                <tr>
                    <td class="num">{c.row}</td>
                    <td>{action_badge(c.action)}</td>
                    <td>{u.name}</td>
                    <td class="nowrap">{u.credit_code}</td>
                    <td>{tr(unit_text::sub_type(u.sub_type))}</td>
                    <td>{u.area}</td>
                    <td>{tr(unit_text::formation(formation))}</td>
                    <td>{move || unit_text::stage_text(stage, ctx.locale.get())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <DataTable class="table-compact" testid="import-preview" cols>{rows}</DataTable>
        </div>
    }
}
