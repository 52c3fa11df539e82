//! The pieces of a spreadsheet import page (docs/FORMAT.md §12, §13), shared by the branch and
//! member import and the 两新 unit import: reading a chosen or dropped file into a sheet, the
//! column mapping, the row problems and notes, and the action badges of a preview.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::files::sheet_import::{
    self, auto_map, Action, ImportKind, Mapping, MappingProblem, Plan, ReadError, RowError, Sheet,
};
use crate::i18n::{fill, K};
use crate::ui::components::{col, Table as DataTable};
use crate::ui::context::{tr, AppContext};
use crate::ui::data::MAX_IMPORT_BYTES;
use crate::ui::text;

/// How many row problems are listed; the rest are counted.
const SHOWN_ERRORS: usize = 200;

/// Where a page's file stands.
#[derive(Clone)]
pub enum SheetStage {
    /// No file yet.
    Idle,
    /// Being read.
    Reading,
    /// Not readable, with the reason in words.
    Refused(String),
    /// Read: the file's name and its sheet.
    Loaded(String, Arc<Sheet>),
}

/// Reads `file` into `stage`, proposing the mapping of `kind` from its headers.
fn load(file: web_sys::File, kind: ImportKind, stage: RwSignal<SheetStage>, mapping: RwSignal<Mapping>) {
    let ctx = AppContext::get();
    let name = file.name();
    let locale = ctx.locale.get_untracked();
    if file.size() > MAX_IMPORT_BYTES {
        stage.set(SheetStage::Refused(text::sheet_read_error(&ReadError::TooLarge, &name, locale)));
        return;
    }
    stage.set(SheetStage::Reading);
    spawn_local(async move {
        let bytes = match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => {
                let error = ReadError::Unreadable("read".into());
                stage.set(SheetStage::Refused(text::sheet_read_error(&error, &name, locale)));
                return;
            }
        };
        match sheet_import::read(&bytes) {
            Ok(sheet) => {
                mapping.set(auto_map(kind, &sheet.headers));
                stage.set(SheetStage::Loaded(name, Arc::new(sheet)));
            }
            Err(error) => stage.set(SheetStage::Refused(text::sheet_read_error(&error, &name, locale))),
        }
    });
}

/// The file choice: a button, and a zone a file can be dropped on (one file; the first of
/// several dropped).
#[component]
pub fn SheetFilePicker(
    /// What the file holds (for the proposed mapping).
    #[prop(into)]
    kind: Signal<ImportKind>,
    /// Set as the file is read.
    stage: RwSignal<SheetStage>,
    /// Set to the proposed mapping when a file is read.
    mapping: RwSignal<Mapping>,
    /// The button's label.
    choose: K,
    /// The drop zone's text, if the page offers one.
    #[prop(optional)]
    drop_hint: Option<K>,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        load(file, kind.get_untracked(), stage, mapping);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        // Read through Reflect: DataTransfer is not among the web-sys features the app links.
        let transfer = js_sys::Reflect::get(&ev, &"dataTransfer".into()).ok();
        let list = transfer
            .and_then(|t| js_sys::Reflect::get(&t, &"files".into()).ok())
            .and_then(|f| f.dyn_into::<web_sys::FileList>().ok());
        if let Some(file) = list.and_then(|l| l.get(0)) {
            load(file, kind.get_untracked(), stage, mapping);
        }
    };
    let button = view! {
        <label class="btn btn-primary file-button">
            {tr(choose)}
            <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" class="visually-hidden" on:change=on_file data-testid="import-file" />
        </label>
    };
    match drop_hint {
        None => view! { <div class="actions">{button}</div> }.into_any(),
        Some(hint) => view! {
            <div
                class="pkg-drop sheet-drop"
                class:pkg-drop-over=move || over.get()
                data-testid="import-drop"
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    over.set(true);
                }
                on:dragleave=move |_| over.set(false)
                on:drop=on_drop
            >
                <p>{tr(hint)}</p>
                {button}
            </div>
        }
        .into_any(),
    }
}

/// The mapping of the file's columns onto the kind's fields, with its problems.
#[component]
pub fn MappingGrid(
    /// The file's name.
    name: String,
    /// The file's header row.
    headers: Vec<String>,
    /// What the file holds.
    #[prop(into)]
    kind: Signal<ImportKind>,
    /// The mapping being edited.
    mapping: RwSignal<Mapping>,
    /// Its problems.
    #[prop(into)]
    problems: Signal<Vec<MappingProblem>>,
) -> impl IntoView {
    let ctx = AppContext::get();
    view! {
        <section class="card import-mapping" aria-labelledby="import-mapping-title" data-testid="import-mapping">
            <h2 id="import-mapping-title">{tr(K::ImpMappingTitle)}</h2>
            <p class="import-file-name">{move || fill(ctx.t(K::ImpFileName), &[&name])}</p>
            <p class="hint">{tr(K::ImpMappingHint)}</p>
            <div class="mapping-grid">
                {move || kind.get().targets().iter().map(|&target| {
                    let id = format!("map-{}", target.code());
                    let headers = headers.clone();
                    view! {
                        <div class="field">
                            <label for=id.clone()>
                                {tr(text::import_column(target))}
                                {target.required().then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
                            </label>
                            <select id=id.clone() data-testid=id required=target.required() on:change=move |ev| {
                                let value = event_target_value(&ev);
                                mapping.update(|m| match value.parse::<usize>() {
                                    Ok(col) => { m.insert(target, col); }
                                    Err(_) => { m.remove(&target); }
                                });
                            }>
                                <option value="" selected=move || !mapping.with(|m| m.contains_key(&target))>{tr(K::ImpNotImported)}</option>
                                {headers.into_iter().enumerate().map(|(col, header)| {
                                    let label = move || fill(ctx.t(K::ImpColumnN), &[&(col + 1).to_string(), &header]);
                                    view! { <option value=col.to_string() selected=move || mapping.with(|m| m.get(&target) == Some(&col))>{label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            </div>
            {move || {
                let problems = problems.get();
                (!problems.is_empty()).then(|| view! {
                    <ul class="notice notice-error mapping-problems" role="alert" data-testid="mapping-problems">
                        {problems.into_iter().map(|p| {
                            let message = move || match &p {
                                MappingProblem::Missing(t) | MappingProblem::NoSuchColumn(t) => fill(ctx.t(K::ImpMissingColumn), &[ctx.t(text::import_column(*t))]),
                                MappingProblem::ColumnTwice(col) => fill(ctx.t(K::ImpColumnTwice), &[&(col + 1).to_string()]),
                            };
                            view! { <li>{message}</li> }
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

/// The table of a file's row problems (or, with `notes`, of its notes that do not stop it).
#[component]
pub fn RowErrors(
    errors: Vec<RowError>,
    /// Notes rather than errors: another heading, no alert.
    #[prop(optional)]
    notes: bool,
) -> impl IntoView {
    let ctx = AppContext::get();
    let total = errors.len();
    let shown: Vec<RowError> = errors.into_iter().take(SHOWN_ERRORS).collect();
    let (class, testid, count_testid, title) = if notes {
        ("notice import-notes", "import-warnings", "import-warning-count", K::UnImpWarningsTitle)
    } else {
        ("notice notice-error", "import-errors", "import-error-count", K::ImpErrorsTitle)
    };
    view! {
        <div class=class role=(!notes).then_some("alert")>
            <p data-testid=count_testid>{move || fill(ctx.t(title), &[&total.to_string()])}</p>
        </div>
        <div class="table-wrap" tabindex="0">
            <DataTable class="table-compact import-errors-table" testid=testid cols=vec![col(K::ImpRowColumn).class("num"), col(K::ImpFieldColumn), col(K::ImpProblemColumn)]>
                    {shown.into_iter().map(|e| {
                        let problem = e.problem.clone();
                        view! {
                            <tr>
                                <td class="num">{move || fill(ctx.t(K::ImpRowN), &[&e.row.to_string()])}</td>
                                <td>{e.target.map(|t| tr(text::import_column(t)))}</td>
                                <td>{move || text::row_problem(&problem, ctx.locale.get())}</td>
                            </tr>
                        }
                    }).collect_view()}
            </DataTable>
        </div>
        {(total > SHOWN_ERRORS).then(|| view! { <p class="hint">{move || fill(ctx.t(K::ImpErrorsMore), &[&(total - SHOWN_ERRORS).to_string()])}</p> })}
    }
}

/// The badge of what an import does with a row.
pub fn action_badge(action: Action) -> impl IntoView {
    let class = match action {
        Action::Create => "badge import-action import-create",
        Action::Update => "badge import-action import-update",
        Action::Unchanged => "badge import-action import-unchanged",
    };
    view! { <span class=class>{tr(text::import_action(action))}</span> }
}

/// "n new · n updated · n unchanged" of a plan.
#[component]
pub fn PlanSummary(plan: Plan) -> impl IntoView {
    let ctx = AppContext::get();
    let counts = [Action::Create, Action::Update, Action::Unchanged].map(|a| plan.count(a).to_string());
    view! {
        <p class="import-summary" data-testid="import-summary">
            {move || fill(ctx.t(K::ImpSummary), &[&counts[0], &counts[1], &counts[2]])}
        </p>
    }
}
