//! `/packages` (数据包报送): a branch secretary exports the branch's month as a package; the
//! committee imports any number of packages (file picker or drag and drop), sees each one
//! checked and compared item by item with its data, resolves conflicts, and applies everything
//! in one transaction; the committee sends the month's statuses back the same way.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::device::roles::Action;
use crate::domain::values::period::Month;
use crate::i18n::{fill, K};
use crate::store;
use crate::store::packages as pkg_store;
use crate::ui::components::{AsyncView, BranchSelect, Done, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::use_registry;
use crate::ui::text;

/// How many problems of one file are listed; the rest are counted.
const SHOWN_PROBLEMS: usize = 30;

/// The page.
#[component]
pub fn PackagesPage() -> impl IntoView {
    let ctx = AppContext::get();
    let registry = use_registry();
    // A secretary may import what concerns the own branch (shown by its name).
    let own_branch = move || {
        let branch = ctx.session.with(|s| s.branch.clone())?;
        let name = registry.get().and_then(Result::ok).and_then(|r| r.org(&branch).map(|o| o.name.clone()));
        ctx.may(Action::ImportBranchPackage(&branch)).then(|| name.unwrap_or(branch))
    };
    view! {
        <section class="page packages-page">
            <div class="page-head">
                <h1>{tr(K::NavPackages)}</h1>
            </div>
            <p class="hint">{tr(K::PkgIntro)}</p>
            <p class="hint">{tr(K::PkgHashNote)}</p>
            <div class="grid-2 pkg-exports">
                <ExportBranchMonth />
                <Show when=move || ctx.may(Action::Decide)>
                    <ExportStatuses />
                </Show>
            </div>
            <Show when=move || ctx.may(Action::ManageData) || own_branch().is_some() fallback=|| view! { <NotPermitted message=K::RoleNeedAdmin /> }>
                {move || (!ctx.may(Action::ManageData)).then(own_branch).flatten().map(|own| view! {
                    <p class="notice" data-testid="pkg-own-branch">{move || fill(ctx.t(K::PkgImportOwnBranch), &[own.as_str()])}</p>
                })}
                <ImportPackages />
            </Show>
        </section>
    }
}

#[component]
fn ExportBranchMonth() -> impl IntoView {
    let ctx = AppContext::get();
    let query = use_query_map();
    let registry = use_registry();
    // A secretary exports the own branch; the link from a sheet names its branch.
    let own = ctx.session.with_untracked(|s| s.branch.clone());
    let branch = RwSignal::new(query.read_untracked().get("branch").or(own).unwrap_or_default());
    let month = RwSignal::new(
        query
            .read_untracked()
            .get("month")
            .filter(|m| m.parse::<Month>().is_ok())
            .unwrap_or_else(|| store::this_month().to_string()),
    );
    let exporting = Write::new(move |(id, chosen): (String, Month), locale| async move {
        match pkg_store::export_branch_month(&db(), &id, chosen).await {
            Ok(package) => {
                let name = package.file_name();
                if crate::ui::download::download_text(&name, "application/json", &package.to_json()).is_err() {
                    Done::Failed(K::ErrStorageOther.text(locale).to_string())
                } else {
                    Done::Reported(fill(K::PkgExported.text(locale), &[&name]))
                }
            }
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let export = move |_| {
        let (id, chosen) = (branch.get_untracked(), month.get_untracked().parse::<Month>().ok());
        let Some(chosen) = chosen.filter(|_| !id.is_empty()) else {
            ctx.failure(K::PkgChooseBranchFirst.text(ctx.locale.get_untracked()).to_string());
            return;
        };
        exporting.run((id, chosen));
    };
    view! {
        <section class="card" aria-labelledby="pkg-export-title" data-testid="pkg-export">
            <h2 id="pkg-export-title">{tr(K::PkgExportTitle)}</h2>
            <p class="hint">{tr(K::PkgExportHint)}</p>
            <div class="toolbar">
                <AsyncView resource=registry let:r>
                    {
                        let current = Some(branch.get_untracked()).filter(|b| !b.is_empty());
                        view! {
                            <BranchSelect orgs=r.orgs current label=K::KindBranch testid="pkg-branch"
                                on_pick=Callback::new(move |id: Option<String>| branch.set(id.unwrap_or_default())) />
                        }
                    }
                </AsyncView>
                <label class="inline-field">
                    <span>{tr(K::PkgMonth)}</span>
                    <input type="month" bind:value=month data-testid="pkg-month" />
                </label>
            </div>
            <div class="actions">
                <button class="btn btn-primary" on:click=export data-testid="pkg-export-button"
                    disabled=move || exporting.pending() || !branch.with(|b| b.is_empty() || ctx.may(Action::ExportBranchPackage(b)))>
                    {tr(K::PkgExportButton)}
                </button>
            </div>
        </section>
    }
}

#[component]
fn ExportStatuses() -> impl IntoView {
    let ctx = AppContext::get();
    let month = RwSignal::new(store::this_month().to_string());
    let exporting = Write::new(move |chosen: Month, locale| async move {
        match pkg_store::export_statuses(&db(), chosen).await {
            Ok(package) => {
                let name = package.file_name();
                if crate::ui::download::download_text(&name, "application/json", &package.to_json()).is_err() {
                    Done::Failed(K::ErrStorageOther.text(locale).to_string())
                } else {
                    Done::Reported(fill(
                        K::PkgStatusesExported.text(locale),
                        &[&name, &package.statuses.len().to_string()],
                    ))
                }
            }
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let export = move |_| {
        let Ok(chosen) = month.get_untracked().parse::<Month>() else {
            ctx.failure(K::PkgChooseBranchFirst.text(ctx.locale.get_untracked()).to_string());
            return;
        };
        exporting.run(chosen);
    };
    view! {
        <section class="card" aria-labelledby="pkg-statuses-title" data-testid="pkg-statuses">
            <h2 id="pkg-statuses-title">{tr(K::PkgStatusesTitle)}</h2>
            <p class="hint">{tr(K::PkgStatusesHint)}</p>
            <div class="toolbar">
                <label class="inline-field">
                    <span>{tr(K::PkgMonth)}</span>
                    <input type="month" bind:value=month data-testid="pkg-statuses-month" />
                </label>
            </div>
            <div class="actions">
                <button class="btn btn-primary" on:click=export data-testid="pkg-statuses-button">{tr(K::PkgStatusesButton)}</button>
            </div>
        </section>
    }
}

mod card;
mod import;

use import::ImportPackages;
