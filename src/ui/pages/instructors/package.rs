//! Report packages between an instructor's tablet and the committee: the export on the
//! instructor's page, and the checked import on the pool page — every report listed as new,
//! the same, or different from this device's, a difference taken only when ticked.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::files::report_package::{Item, ReportPackage, Standing};
use crate::i18n::{fill, K};
use crate::store::instructors::{self as instructor_store, ReportPackageImportError};
use crate::store::{self, WriteError};
use crate::ui::components::{Done, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::MAX_IMPORT_BYTES;
use crate::ui::download::download_text;
use crate::ui::text::{self as text_maps, instructors as text};

/// Downloads the package of `instructor`'s reports.
#[component]
pub fn ExportReportsButton(instructor: String) -> impl IntoView {
    let exporting = Write::new(move |instructor: String, locale| async move {
        match instructor_store::export_report_package(&db(), &instructor).await {
            Ok(package) => {
                let name = package.file_name(store::today());
                match download_text(&name, "application/json", &package.to_json()) {
                    Ok(()) => Done::Reported(fill(K::InPkgExported.text(locale), &[&name])),
                    Err(_) => Done::Failed(K::InPkgUnreadable.text(locale).to_string()),
                }
            }
            Err(e) => Done::Failed(text_maps::store_error(&e, locale)),
        }
    });
    view! {
        <button type="button" class="btn" disabled=move || exporting.pending() data-testid="report-package-export"
            on:click=move |_| exporting.run(instructor.clone())>
            {tr(K::InPkgExport)}
        </button>
    }
}

/// The committee's import of a report package.
#[component]
pub fn ImportReportPackage(names: StoredValue<Vec<(String, String)>>) -> impl IntoView {
    let ctx = AppContext::get();
    let checked = RwSignal::new(None::<(String, ReportPackage, Vec<Item>)>);
    let errors = RwSignal::new(Vec::<String>::new());
    let take = RwSignal::new(Vec::<String>::new());
    let name_of = move |id: &str| {
        names.with_value(|n| n.iter().find(|(k, _)| k == id).map_or_else(|| id.to_string(), |(_, v)| v.clone()))
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("an input").unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let locale = ctx.locale.get_untracked();
        leptos::task::spawn_local(async move {
            checked.set(None);
            take.set(Vec::new());
            if file.size() > MAX_IMPORT_BYTES {
                errors.set(vec![K::InPkgUnreadable.text(locale).to_string()]);
                return;
            }
            let Some(text) = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) else {
                errors.set(vec![K::InPkgUnreadable.text(locale).to_string()]);
                return;
            };
            match instructor_store::preview_report_package(&db(), &text, store::today()).await {
                Ok((package, items)) => {
                    errors.set(Vec::new());
                    checked.set(Some((text, package, items)));
                }
                Err(e) => errors.set(text::package_error(&e, &name_of, locale)),
            }
        });
    };
    let importing = Write::new(move |(text, keys): (String, Vec<String>), locale| async move {
        match instructor_store::import_report_package(&db(), &text, &keys, store::today()).await {
            Ok(0) => Done::Reported(K::InPkgNothing.text(locale).to_string()),
            Ok(n) => {
                checked.set(None);
                Done::Saved(fill(K::InPkgImported.text(locale), &[&n.to_string()]))
            }
            Err(e @ ReportPackageImportError::Invalid(_)) | Err(e @ WriteError::Store(_)) => {
                let found = text::package_error(&e, &name_of, locale);
                errors.set(found.clone());
                Done::Failed(found.join(" "))
            }
        }
    });
    view! {
        <section class="card" data-testid="report-package-import">
            <h2>{tr(K::InPkgImportTitle)}</h2>
            <p class="hint">{tr(K::InPkgImportHint)}</p>
            <label class="btn file-button">
                {tr(K::InPkgChoose)}
                <input type="file" accept=".json,application/json" class="visually-hidden" on:change=on_file data-testid="report-package-file" />
            </label>
            {move || {
                let found = errors.get();
                (!found.is_empty()).then(|| view! {
                    <div class="notice notice-error import-errors" role="alert" data-testid="report-package-errors">
                        <ul>{found.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || checked.get().map(|(text, package, items)| {
                let who = name_of(&package.instructor);
                let rows = items
                    .iter()
                    .map(|item| {
                        let key = item.report.key();
                        let label = format!("{} · {}", name_of(&item.report.unit), item.report.month);
                        let (badge, class, diff) = match &item.standing {
                            Standing::New => (K::InPkgNew, "chip chip-ok", None),
                            Standing::Same => (K::InPkgSame, "chip chip-muted", None),
                            Standing::Changed(held) => (
                                K::InPkgChanged,
                                "chip chip-late",
                                Some(fill(
                                    ctx.t(K::InPkgDiffLine),
                                    &[
                                        &held.visits.len().to_string(),
                                        &held.services.to_string(),
                                        &item.report.visits.len().to_string(),
                                        &item.report.services.to_string(),
                                    ],
                                )),
                            ),
                        };
                        let choose = diff.is_some().then(|| {
                            let key = key.clone();
                            let checked_now = {
                                let key = key.clone();
                                move || take.with(|t| t.contains(&key))
                            };
                            view! {
                                <label class="check">
                                    <input type="checkbox" prop:checked=checked_now on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        take.update(|t| {
                                            t.retain(|k| *k != key);
                                            if on {
                                                t.push(key.clone());
                                            }
                                        });
                                    } />
                                    {tr(K::InPkgTake)}
                                </label>
                            }
                        });
                        view! {
                            <li>
                                {label}" "<span class=class>{tr(badge)}</span>
                                {diff.map(|d| view! { <p class="hint">{d}</p> })}
                                {choose}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="preview" data-testid="report-package-preview">
                        <h3>{who}</h3>
                        <ul class="queue-list">{rows}</ul>
                        <div class="actions">
                            <button type="button" class="btn btn-primary" disabled=move || importing.pending() data-testid="report-package-confirm"
                                on:click=move |_| importing.run((text.clone(), take.get_untracked()))>
                                {tr(K::InPkgImport)}
                            </button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}
