//! `/packages` (数据包报送): a branch secretary exports the branch's month as a package; the
//! committee imports any number of packages (file picker or drag and drop), sees each one
//! checked and compared item by item with its data, resolves conflicts, and applies everything
//! in one transaction; the committee sends the month's statuses back the same way.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::ui::data::{use_registry, MAX_IMPORT_BYTES};
use crate::domain::rating::evaluation::ReviewStatus;
use crate::domain::files::package::{
    Choice, Diff, FieldDiff, Item, ItemKind, ItemState, PackageError, PackageKind, Problem, ProblemKind, Received, Refusal,
};
use crate::domain::values::period::Month;
use crate::i18n::{fill, Locale, K};
use crate::store::packages::{self as pkg_store, ApplyError, CheckError};
use crate::store::{self, StoreError};
use crate::domain::device::roles::Action;
use crate::ui::components::{BranchSelect, Loading, NotPermitted, StoreErrorNotice};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

/// How many problems of one file are listed; the rest are counted.
const SHOWN_PROBLEMS: usize = 30;


/// The page.
#[component]
pub fn PackagesPage() -> impl IntoView {
    let ctx = AppContext::get();
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
            <Show when=move || ctx.may(Action::ManageData) fallback=|| view! { <NotPermitted message=K::RoleNeedAdmin /> }>
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
        query.read_untracked().get("month").filter(|m| m.parse::<Month>().is_ok()).unwrap_or_else(|| store::this_month().to_string()),
    );
    let busy = RwSignal::new(false);
    let export = move |_| {
        let locale = ctx.locale.get_untracked();
        let (id, chosen) = (branch.get_untracked(), month.get_untracked().parse::<Month>().ok());
        let Some(chosen) = chosen.filter(|_| !id.is_empty()) else {
            ctx.failure(K::PkgChooseBranchFirst.text(locale).to_string());
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match pkg_store::export_branch_month(&db(), &id, chosen).await {
                Ok(package) => {
                    let name = package.file_name();
                    if crate::ui::download::download_text(&name, "application/json", &package.to_json()).is_err() {
                        ctx.failure(K::ErrStorageOther.text(locale).to_string());
                    } else {
                        ctx.success(fill(K::PkgExported.text(locale), &[&name]));
                    }
                }
                Err(e) => ctx.failure(text::store_error(&e, locale)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="pkg-export-title" data-testid="pkg-export">
            <h2 id="pkg-export-title">{tr(K::PkgExportTitle)}</h2>
            <p class="hint">{tr(K::PkgExportHint)}</p>
            <div class="toolbar">
                {move || match registry.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(e)) => view! { <StoreErrorNotice error=e /> }.into_any(),
                    Some(Ok(r)) => {
                        let current = Some(branch.get_untracked()).filter(|b| !b.is_empty());
                        view! {
                            <BranchSelect orgs=r.orgs current label=K::KindBranch testid="pkg-branch"
                                on_pick=Callback::new(move |id: Option<String>| branch.set(id.unwrap_or_default())) />
                        }
                        .into_any()
                    }
                }}
                <label class="inline-field">
                    <span>{tr(K::PkgMonth)}</span>
                    <input type="month" bind:value=month data-testid="pkg-month" />
                </label>
            </div>
            <div class="actions">
                <button class="btn btn-primary" on:click=export data-testid="pkg-export-button"
                    disabled=move || busy.get() || !branch.with(|b| b.is_empty() || ctx.may(Action::ExportBranchPackage(b)))>
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
    let export = move |_| {
        let locale = ctx.locale.get_untracked();
        let Ok(chosen) = month.get_untracked().parse::<Month>() else {
            ctx.failure(K::PkgChooseBranchFirst.text(locale).to_string());
            return;
        };
        spawn_local(async move {
            match pkg_store::export_statuses(&db(), chosen).await {
                Ok(package) => {
                    let name = package.file_name();
                    if crate::ui::download::download_text(&name, "application/json", &package.to_json()).is_err() {
                        ctx.failure(K::ErrStorageOther.text(locale).to_string());
                    } else {
                        ctx.success(fill(K::PkgStatusesExported.text(locale), &[&name, &package.statuses.len().to_string()]));
                    }
                }
                Err(e) => ctx.failure(text::store_error(&e, locale)),
            }
        });
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

/// Why one file is not offered for import.
#[derive(Clone, Debug)]
enum FileRefusal {
    TooLarge,
    Unreadable,
    Package(PackageError),
    Store(StoreError),
    Duplicate(String),
}

/// One chosen file and what became of it.
#[derive(Clone, Debug)]
struct Loaded {
    name: String,
    outcome: Result<Received, FileRefusal>,
}

fn refusal_text(refusal: &FileRefusal, name: &str, locale: Locale) -> String {
    match refusal {
        FileRefusal::TooLarge => fill(K::FileTooLarge.text(locale), &[name, "50"]),
        FileRefusal::Unreadable => fill(K::FileUnreadable.text(locale), &[name]),
        FileRefusal::Store(e) => text::store_error(e, locale),
        FileRefusal::Duplicate(first) => fill(K::PkgDuplicateFile.text(locale), &[first]),
        FileRefusal::Package(e) => match e {
            PackageError::Malformed { line, column } => {
                fill(K::PkgErrMalformed.text(locale), &[&line.to_string(), &column.to_string()])
            }
            PackageError::Truncated => K::PkgErrTruncated.text(locale).into(),
            PackageError::NotAPackage(_) => K::PkgErrNotPackage.text(locale).into(),
            PackageError::UnsupportedVersion(v) => fill(K::PkgErrVersion.text(locale), &[v]),
            PackageError::MissingChecksum => K::PkgErrNoChecksum.text(locale).into(),
            PackageError::ChecksumMismatch => K::PkgErrChecksum.text(locale).into(),
            PackageError::Invalid(problems) => fill(K::PkgErrInvalid.text(locale), &[&problems.len().to_string()]),
        },
    }
}

fn problem_text(problem: &ProblemKind, locale: Locale) -> String {
    let one = |key: K, arg: &str| fill(key.text(locale), &[arg]);
    match problem {
        ProblemKind::Malformed(message) => one(K::PkgProbMalformed, message),
        ProblemKind::NoBranch => K::PkgProbNoBranch.text(locale).into(),
        ProblemKind::UnknownBranch(id) => one(K::PkgProbUnknownBranch, id),
        ProblemKind::NotABranch(id) => one(K::PkgProbNotABranch, id),
        ProblemKind::OtherBranch(id) => one(K::PkgProbOtherBranch, id),
        ProblemKind::OtherMonth(value) => one(K::PkgProbOtherMonth, value),
        ProblemKind::UnknownRubric(key) => one(K::PkgProbUnknownRubric, key),
        ProblemKind::Score(p) => text::rating_problem(p, locale),
        ProblemKind::UnknownMember(id) => one(K::PkgProbUnknownMember, id),
        ProblemKind::Ledger { .. } => K::PkgProbLedger.text(locale).into(),
        ProblemKind::UnknownTask(id) => one(K::PkgProbUnknownTask, id),
        ProblemKind::NotAssigned(id) => one(K::PkgProbNotAssigned, id),
        ProblemKind::BadFile => K::PkgProbBadFile.text(locale).into(),
        ProblemKind::SizeMismatch { expected, found } => {
            fill(K::PkgProbSize.text(locale), &[&expected.to_string(), &found.to_string()])
        }
        ProblemKind::OrphanFile(id) => one(K::PkgProbOrphan, id),
        ProblemKind::MissingFile(id) => one(K::PkgProbMissingFile, id),
        ProblemKind::BadStatus(code) => one(K::PkgProbBadStatus, code),
        ProblemKind::Duplicate(id) => one(K::PkgProbDuplicate, id),
    }
}

fn item_kind_key(kind: ItemKind) -> K {
    match kind {
        ItemKind::Sheet => K::PkgItemSheet,
        ItemKind::Ledger => K::PkgItemLedger,
        ItemKind::Completion => K::PkgItemCompletion,
        ItemKind::Status => K::PkgItemStatus,
    }
}

fn state_key(state: ItemState) -> K {
    match state {
        ItemState::New => K::PkgStateNew,
        ItemState::Identical => K::PkgStateIdentical,
        ItemState::Conflict => K::PkgStateConflict,
        ItemState::Skipped => K::PkgStateSkipped,
    }
}

fn state_code(state: ItemState) -> &'static str {
    match state {
        ItemState::New => "new",
        ItemState::Identical => "identical",
        ItemState::Conflict => "conflict",
        ItemState::Skipped => "skipped",
    }
}

/// A field's value as shown: statuses in words, absent as "(none)".
fn shown_value(field: &FieldDiff, value: &Option<String>, locale: Locale) -> String {
    match value {
        None => K::PkgAbsent.text(locale).into(),
        Some(v) if field.field == "status" => {
            ReviewStatus::from_code(v).map_or_else(|| v.clone(), |s| text::review_status(Some(s)).text(locale).to_string())
        }
        Some(v) => v.clone(),
    }
}

/// Reads the files one by one: size first, then the text, then the complete check.
async fn load_files(files: Vec<web_sys::File>) -> Vec<Loaded> {
    let mut loaded = Vec::new();
    for file in files {
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES {
            loaded.push(Loaded { name, outcome: Err(FileRefusal::TooLarge) });
            continue;
        }
        let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
        let outcome = match text {
            None => Err(FileRefusal::Unreadable),
            Some(text) => pkg_store::check(&db(), &text).await.map_err(|e| match e {
                CheckError::Package(e) => FileRefusal::Package(e),
                CheckError::Store(e) => FileRefusal::Store(e),
            }),
        };
        loaded.push(Loaded { name, outcome });
    }
    loaded
}

fn file_list(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
fn ImportPackages() -> impl IntoView {
    let ctx = AppContext::get();
    let registry = use_registry();
    let files: RwSignal<Vec<Loaded>> = RwSignal::new(Vec::new());
    // One diff per file (None for refused files), recomputed whenever the list changes.
    let diffs: RwSignal<Vec<Option<Diff>>> = RwSignal::new(Vec::new());
    let choices: RwSignal<BTreeMap<(usize, String), Choice>> = RwSignal::new(BTreeMap::new());
    let reading = RwSignal::new(false);
    let over = RwSignal::new(false);
    let result: RwSignal<Option<(bool, String)>> = RwSignal::new(None);

    let refresh = move || {
        let list = files.get_untracked();
        spawn_local(async move {
            let accepted: Vec<(usize, Received)> =
                list.iter().enumerate().filter_map(|(i, l)| l.outcome.as_ref().ok().map(|r| (i, r.clone()))).collect();
            let packages: Vec<Received> = accepted.iter().map(|(_, r)| r.clone()).collect();
            match pkg_store::preview(&db(), &packages).await {
                Ok(found) => {
                    let mut out = vec![None; list.len()];
                    for ((i, _), diff) in accepted.iter().zip(found) {
                        out[*i] = Some(diff);
                    }
                    diffs.set(out);
                }
                Err(e) => result.set(Some((true, text::store_error(&e, ctx.locale.get_untracked())))),
            }
        });
    };

    let add = move |chosen: Vec<web_sys::File>| {
        if chosen.is_empty() {
            return;
        }
        reading.set(true);
        result.set(None);
        spawn_local(async move {
            let loaded = load_files(chosen).await;
            files.update(|list| {
                for mut file in loaded {
                    if let Ok(received) = &file.outcome {
                        if let Some(first) = list.iter().find(|l| l.outcome.as_ref().is_ok_and(|r| r.sha256 == received.sha256)) {
                            file.outcome = Err(FileRefusal::Duplicate(first.name.clone()));
                        }
                    }
                    list.push(file);
                }
            });
            reading.set(false);
            refresh();
        });
    };

    let on_input = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let chosen = input.files().map(|l| file_list(&l)).unwrap_or_default();
        input.set_value("");
        add(chosen);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        let transfer = js_sys::Reflect::get(&ev, &"dataTransfer".into()).ok();
        let list = transfer
            .and_then(|t| js_sys::Reflect::get(&t, &"files".into()).ok())
            .and_then(|f| f.dyn_into::<web_sys::FileList>().ok());
        add(list.map(|l| file_list(&l)).unwrap_or_default());
    };

    let clear = move |_| {
        files.set(Vec::new());
        diffs.set(Vec::new());
        choices.set(BTreeMap::new());
    };

    let choose_all = move |choice: Choice| {
        let all: BTreeMap<(usize, String), Choice> = diffs
            .get_untracked()
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.as_ref().map(|d| (i, d)))
            .flat_map(|(i, d)| d.conflicts().map(move |item| ((i, item.id()), choice)).collect::<Vec<_>>())
            .collect();
        choices.set(all);
    };

    let applying = RwSignal::new(false);
    let apply = move |_| {
        // A second click while the first apply runs would only report "nothing to change".
        if applying.get_untracked() {
            return;
        }
        let list = files.get_untracked();
        let found = diffs.get_untracked();
        let chosen = choices.get_untracked();
        let mut names = Vec::new();
        let mut packages = Vec::new();
        for (i, loaded) in list.iter().enumerate() {
            let (Ok(received), Some(Some(diff))) = (&loaded.outcome, found.get(i)) else { continue };
            if diff.refusal.is_some() {
                continue;
            }
            let mine = chosen.iter().filter(|((p, _), _)| *p == i).map(|((_, id), c)| (id.clone(), *c)).collect();
            names.push(loaded.name.clone());
            packages.push((received.clone(), mine));
        }
        applying.set(true);
        spawn_local(async move {
            let locale = ctx.locale.get_untracked();
            let outcome = pkg_store::apply(&db(), &packages).await;
            applying.set(false);
            match outcome {
                Ok(plan) if plan.is_empty() => {
                    result.set(Some((false, K::PkgNothing.text(locale).to_string())));
                    files.set(Vec::new());
                    diffs.set(Vec::new());
                    choices.set(BTreeMap::new());
                }
                Ok(plan) => {
                    let message = fill(K::PkgApplied.text(locale), &[&plan.len().to_string(), &plan.sources.len().to_string()]);
                    result.set(Some((false, message)));
                    files.set(Vec::new());
                    diffs.set(Vec::new());
                    choices.set(BTreeMap::new());
                    ctx.changed();
                }
                Err(ApplyError::Invalid(i, _)) => {
                    result.set(Some((true, fill(K::PkgApplyInvalid.text(locale), &[names.get(i).map_or("", String::as_str)]))));
                    refresh();
                }
                Err(ApplyError::Refused(i, _)) => {
                    result.set(Some((true, fill(K::PkgApplyRefused.text(locale), &[names.get(i).map_or("", String::as_str)]))));
                    refresh();
                }
                Err(ApplyError::Store(e)) => result.set(Some((true, text::store_error(&e, locale)))),
            }
        });
    };

    let branch_name = move |id: &str| -> String {
        registry
            .get()
            .and_then(|r| r.ok())
            .and_then(|r| r.org(id).map(|o| o.name.clone()))
            .unwrap_or_else(|| id.to_string())
    };

    view! {
        <section class="card" aria-labelledby="pkg-import-title" data-testid="pkg-import">
            <h2 id="pkg-import-title">{tr(K::PkgImportTitle)}</h2>
            <p class="hint">{tr(K::PkgImportHint)}</p>
            <div
                class="pkg-drop"
                class:pkg-drop-over=move || over.get()
                data-testid="pkg-drop"
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    over.set(true);
                }
                on:dragleave=move |_| over.set(false)
                on:drop=on_drop
            >
                <p>{tr(K::PkgDropZone)}</p>
                <label class="btn btn-primary file-button">
                    {tr(K::PkgChooseFiles)}
                    <input type="file" multiple=true accept=".json,application/json" class="visually-hidden"
                        on:change=on_input data-testid="pkg-file" />
                </label>
            </div>
            <div aria-live="polite" data-testid="pkg-result">
                {move || result.get().map(|(is_error, message)| {
                    let class = if is_error { "notice notice-error" } else { "notice notice-ok" };
                    view! { <p class=class>{message}</p> }
                })}
                {move || reading.get().then(|| view! { <Loading /> })}
            </div>
            {move || {
                let list = files.get();
                let found = diffs.get();
                if list.is_empty() {
                    return ().into_any();
                }
                let any_change = found.iter().flatten().any(|d| d.refusal.is_none() && d.changes() > 0);
                let any_conflict = found.iter().flatten().any(|d| d.refusal.is_none() && d.conflicts().next().is_some());
                let ready = found.iter().flatten().any(|d| d.refusal.is_none());
                view! {
                    <div class="pkg-list" data-testid="pkg-preview">
                        {list.into_iter().enumerate().map(|(index, loaded)| {
                            let diff = found.get(index).cloned().flatten();
                            view! { <PackageCard index loaded diff choices branch_name=Callback::new(move |id: String| branch_name(&id)) /> }
                        }).collect_view()}
                    </div>
                    <div class="actions pkg-actions">
                        {any_conflict.then(|| view! {
                            <button class="btn" on:click=move |_| choose_all(Choice::Theirs) data-testid="pkg-all-theirs">{tr(K::PkgAllTheirs)}</button>
                            <button class="btn" on:click=move |_| choose_all(Choice::Ours) data-testid="pkg-all-ours">{tr(K::PkgAllOurs)}</button>
                        })}
                        <button class="btn btn-primary" on:click=apply disabled=move || !ready || applying.get() data-testid="pkg-apply">{tr(K::PkgApply)}</button>
                        <button class="btn" on:click=clear>{tr(K::PkgClear)}</button>
                        {(ready && !any_change).then(|| view! { <span class="hint" data-testid="pkg-no-change">{tr(K::PkgNothing)}</span> })}
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn PackageCard(
    index: usize,
    loaded: Loaded,
    diff: Option<Diff>,
    choices: RwSignal<BTreeMap<(usize, String), Choice>>,
    branch_name: Callback<String, String>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let name = loaded.name.clone();
    match loaded.outcome {
        Err(refusal) => {
            let problems: Vec<Problem> = match &refusal {
                FileRefusal::Package(PackageError::Invalid(p)) => p.clone(),
                _ => Vec::new(),
            };
            let total = problems.len();
            let file = name.clone();
            view! {
                <article class="pkg-card pkg-card-refused" data-testid="pkg-file-refused">
                    <h3><code>{name}</code></h3>
                    <div class="notice notice-error" role="alert">
                        <p>{move || fill(ctx.t(K::PkgFileRefused), &[&refusal_text(&refusal, &file, ctx.locale.get())])}</p>
                        {(!problems.is_empty()).then(|| view! {
                            <ul>
                                {problems.into_iter().take(SHOWN_PROBLEMS).map(|p| view! {
                                    <li><code>{p.at.clone()}</code>": "{move || problem_text(&p.kind, ctx.locale.get())}</li>
                                }).collect_view()}
                            </ul>
                        })}
                        {(total > SHOWN_PROBLEMS).then(|| view! { <p>{move || fill(ctx.t(K::MoreErrors), &[&(total - SHOWN_PROBLEMS).to_string()])}</p> })}
                    </div>
                </article>
            }
            .into_any()
        }
        Ok(received) => {
            let p = &received.package;
            let kind = match p.kind {
                PackageKind::BranchMonth => K::PkgKindBranch,
                PackageKind::Statuses => K::PkgKindStatuses,
            };
            let who = p.branch.clone().map(|b| branch_name.run(b)).unwrap_or_default();
            let title = format!("{who} {}", p.month).trim().to_string();
            let device = p.device.chars().take(8).collect::<String>();
            let origin = (device, p.created_at.clone(), received.hash_prefix().to_string());
            let month = p.month;
            view! {
                <article class="pkg-card" data-testid="pkg-card">
                    <h3>
                        <span class="chip">{tr(kind)}</span>" "{title}
                    </h3>
                    <p class="hint">
                        <code>{name}</code>" · "
                        {move || fill(ctx.t(K::PkgOrigin), &[&origin.0, &origin.1, &origin.2])}
                    </p>
                    {match diff {
                        None => view! { <Loading /> }.into_any(),
                        Some(diff) => {
                            let counts = (diff.count(ItemState::New), diff.count(ItemState::Identical), diff.count(ItemState::Conflict));
                            let refusal = diff.refusal.clone().map(|r| {
                                let (key, branch) = match &r {
                                    Refusal::PublishedQuarter { branch, .. } => (K::PkgRefusedPublished, branch.clone()),
                                    Refusal::ConfirmedMonth { branch, .. } => (K::PkgRefusedConfirmed, branch.clone()),
                                    Refusal::ReviewedSheet { branch, .. } => (K::PkgRefusedReviewed, branch.clone()),
                                    Refusal::SameRecords { branch, .. } => (K::PkgRefusedSameRecords, branch.clone()),
                                };
                                let who = branch_name.run(branch);
                                view! {
                                    <p class="notice notice-error" role="alert" data-testid="pkg-refused">
                                        {move || fill(ctx.t(key), &[&who, &month.to_string()])}
                                    </p>
                                }
                            });
                            view! {
                                <p data-testid="pkg-counts">{move || fill(ctx.t(K::PkgCounts), &[&counts.0.to_string(), &counts.1.to_string(), &counts.2.to_string()])}</p>
                                {refusal}
                                <div class="table-wrap">
                                    <table class="table table-compact pkg-items">
                                        <thead>
                                            <tr>
                                                <th scope="col">{tr(K::PkgColItem)}</th>
                                                <th scope="col">{tr(K::PkgColState)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {diff.items.into_iter().map(|item| view! { <ItemRows index item choices branch_name /> }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                            .into_any()
                        }
                    }}
                </article>
            }
            .into_any()
        }
    }
}

#[component]
fn ItemRows(
    index: usize,
    item: Item,
    choices: RwSignal<BTreeMap<(usize, String), Choice>>,
    branch_name: Callback<String, String>,
) -> impl IntoView {
    let ctx = AppContext::get();
    let id = item.id();
    let label = match item.kind {
        ItemKind::Status => branch_name.run(item.label.clone()),
        // A sheet's key is `branch|YYYY-MM`: shown as the branch's name and the month.
        ItemKind::Sheet => match item.label.split_once('|') {
            Some((branch, month)) => format!("{} {month}", branch_name.run(branch.to_string())),
            None => item.label.clone(),
        },
        _ => item.label.clone(),
    };
    let state = item.state;
    let conflict = (state == ItemState::Conflict).then(|| {
        let key = StoredValue::new((index, id.clone()));
        let current = move || key.with_value(|k| choices.with(|c| c.get(k).copied().unwrap_or_default()));
        let set = move |choice: Choice| {
            choices.update(|c| {
                c.insert(key.get_value(), choice);
            })
        };
        let group = format!("pkg-choice-{index}-{}", id.replace(['|', ':', ' '], "-"));
        let legend_label = label.clone();
        let fields = item.fields.clone();
        view! {
            <tr class="pkg-conflict">
                <td colspan="2">
                    <table class="table table-compact pkg-fields">
                        <thead>
                            <tr>
                                <th scope="col">{tr(K::PkgColField)}</th>
                                <th scope="col">{tr(K::PkgColOurs)}</th>
                                <th scope="col">{tr(K::PkgColTheirs)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {fields.into_iter().map(|f| {
                                let shown = f.clone();
                                let field = f.field.clone();
                                let data_field = f.field.clone();
                                view! {
                                    <tr data-field=data_field>
                                        <th scope="row"><code>{field}</code></th>
                                        <td class="pkg-ours">{move || shown_value(&shown, &shown.ours, ctx.locale.get())}</td>
                                        <td class="pkg-theirs">{move || shown_value(&f, &f.theirs, ctx.locale.get())}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <fieldset class="pkg-choice" data-testid="pkg-choice">
                        <legend>{move || fill(ctx.t(K::PkgChoiceLegend), &[&legend_label])}</legend>
                        <label class="check">
                            <input type="radio" name=group.clone() prop:checked=move || current() == Choice::Ours
                                on:change=move |_| set(Choice::Ours) />
                            {tr(K::PkgKeepOurs)}
                        </label>
                        <label class="check">
                            <input type="radio" name=group prop:checked=move || current() == Choice::Theirs
                                on:change=move |_| set(Choice::Theirs) />
                            {tr(K::PkgTakeTheirs)}
                        </label>
                    </fieldset>
                </td>
            </tr>
        }
    });
    view! {
        <tr data-testid="pkg-item" data-kind=item.kind.code() data-state=state_code(state)>
            <td>{tr(item_kind_key(item.kind))}" · "{label}</td>
            <td><span class=format!("badge pkg-state pkg-state-{}", state_code(state))>{tr(state_key(state))}</span></td>
        </tr>
        {conflict}
    }
}
