//! Importing packages: reading the files, checking them, applying them in one transaction.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::card::PackageCard;
use crate::domain::device::roles::Action;
use crate::domain::files::package::{
    Choice, Diff, FieldDiff, ItemKind, ItemState, PackageError, ProblemKind, Received,
};
use crate::domain::rating::evaluation::ReviewStatus;
use crate::i18n::{fill, Locale, K};
use crate::store::packages::{self as pkg_store, ApplyError, ApplyRefusal, CheckError};
use crate::store::StoreError;
use crate::ui::components::{Done, Loading, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::{use_registry, MAX_IMPORT_BYTES};
use crate::ui::text;

/// Why one file is not offered for import.
#[derive(Clone, Debug)]
pub(super) enum FileRefusal {
    TooLarge,
    Unreadable,
    Package(PackageError),
    Store(StoreError),
    Duplicate(String),
}

/// What an apply runs on: the files' names, and each package with the choices for its conflicts.
type ApplyInput = (Vec<String>, Vec<(Received, BTreeMap<String, Choice>)>);

/// One chosen file and what became of it.
#[derive(Clone, Debug)]
pub(super) struct Loaded {
    pub(super) name: String,
    pub(super) outcome: Result<Received, FileRefusal>,
}

pub(super) fn refusal_text(refusal: &FileRefusal, name: &str, locale: Locale) -> String {
    match refusal {
        FileRefusal::TooLarge => fill(K::FileTooLarge.text(locale), &[name, "50"]),
        FileRefusal::Unreadable => fill(K::FileUnreadable.text(locale), &[name]),
        FileRefusal::Store(e) => text::store_error(e, locale),
        FileRefusal::Duplicate(first) => fill(K::PkgDuplicateFile.text(locale), &[first]),
        FileRefusal::Package(e) => match e {
            PackageError::Envelope(refusal) => text::envelope_refusal(refusal, &text::PACKAGE_ENVELOPE, locale),
            PackageError::Invalid(problems) => fill(K::PkgErrInvalid.text(locale), &[&problems.len().to_string()]),
        },
    }
}

pub(super) fn problem_text(problem: &ProblemKind, locale: Locale) -> String {
    let one = |key: K, arg: &str| fill(key.text(locale), &[arg]);
    match problem {
        ProblemKind::Malformed(found) => one(K::PkgProbMalformed, &text::decode_error(found, locale)),
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
        ProblemKind::DuesRule(p) => one(K::PkgProbMemberRule, &text::dues::problem(p, locale)),
        ProblemKind::PointsRule(p) => {
            one(K::PkgProbMemberRule, &text::member_ratings::problem(p, &|id| id.to_string(), locale))
        }
        ProblemKind::MembersInStatuses => K::PkgProbMembersInStatuses.text(locale).to_string(),
    }
}

pub(super) fn item_kind_key(kind: ItemKind) -> K {
    text::package_item(kind)
}

pub(super) fn state_key(state: ItemState) -> K {
    match state {
        ItemState::New => K::PkgStateNew,
        ItemState::Identical => K::PkgStateIdentical,
        ItemState::Conflict => K::PkgStateConflict,
        ItemState::Skipped => K::PkgStateSkipped,
        ItemState::OtherBranch => K::PkgStateOtherBranch,
    }
}

pub(super) fn state_code(state: ItemState) -> &'static str {
    match state {
        ItemState::New => "new",
        ItemState::Identical => "identical",
        ItemState::Conflict => "conflict",
        ItemState::Skipped => "skipped",
        ItemState::OtherBranch => "other-branch",
    }
}

/// A field's value as shown: statuses in words, absent as "(none)".
pub(super) fn shown_value(field: &FieldDiff, value: &Option<String>, locale: Locale) -> String {
    match value {
        None => K::PkgAbsent.text(locale).into(),
        Some(v) if field.field == "status" => ReviewStatus::from_code(v)
            .map_or_else(|| v.clone(), |s| text::review_status(Some(s)).text(locale).to_string()),
        Some(v) => v.clone(),
    }
}

/// Reads the files one by one: size first, then the text, then the complete check.
pub(super) async fn load_files(files: Vec<web_sys::File>) -> Vec<Loaded> {
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
                CheckError::Invalid(e) => FileRefusal::Package(e),
                CheckError::Store(e) => FileRefusal::Store(e),
            }),
        };
        loaded.push(Loaded { name, outcome });
    }
    loaded
}

pub(super) fn file_list(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
pub(super) fn ImportPackages() -> impl IntoView {
    let ctx = AppContext::get();
    let registry = use_registry();
    let files: RwSignal<Vec<Loaded>> = RwSignal::new(Vec::new());
    // One diff per file (None for refused files), recomputed whenever the list changes.
    let diffs: RwSignal<Vec<Option<Diff>>> = RwSignal::new(Vec::new());
    let choices: RwSignal<BTreeMap<(usize, String), Choice>> = RwSignal::new(BTreeMap::new());
    let reading = RwSignal::new(false);
    let over = RwSignal::new(false);
    let result: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    // The committee imports everything; a secretary only what concerns the own branch.
    let only = move || ctx.session.with_untracked(|s| if s.may(Action::ManageData) { None } else { s.branch.clone() });

    let refresh = move || {
        let list = files.get_untracked();
        spawn_local(async move {
            let accepted: Vec<(usize, Received)> =
                list.iter().enumerate().filter_map(|(i, l)| l.outcome.as_ref().ok().map(|r| (i, r.clone()))).collect();
            let packages: Vec<Received> = accepted.iter().map(|(_, r)| r.clone()).collect();
            match pkg_store::preview(&db(), &packages, only().as_deref()).await {
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
                        if let Some(first) =
                            list.iter().find(|l| l.outcome.as_ref().is_ok_and(|r| r.sha256 == received.sha256))
                        {
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

    let forget = move || {
        files.set(Vec::new());
        diffs.set(Vec::new());
        choices.set(BTreeMap::new());
    };
    let clear = move |_| forget();

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

    // A second click while the first apply runs would only report "nothing to change"; the
    // write runs once.
    let applying = Write::new(move |(names, packages): ApplyInput, locale| async move {
        let named = |key: K, i: usize| fill(key.text(locale), &[names.get(i).map_or("", String::as_str)]);
        match pkg_store::apply(&db(), &packages, only().as_deref()).await {
            Ok(plan) if plan.is_empty() => {
                result.set(Some((false, K::PkgNothing.text(locale).to_string())));
                forget();
                Done::Quiet
            }
            Ok(plan) => {
                let message =
                    fill(K::PkgApplied.text(locale), &[&plan.len().to_string(), &plan.sources.len().to_string()]);
                result.set(Some((false, message)));
                forget();
                Done::SavedQuietly
            }
            Err(ApplyError::Invalid(ApplyRefusal::Invalid(i, _))) => {
                result.set(Some((true, named(K::PkgApplyInvalid, i))));
                refresh();
                Done::Quiet
            }
            Err(ApplyError::Invalid(ApplyRefusal::Refused(i, _))) => {
                result.set(Some((true, named(K::PkgApplyRefused, i))));
                refresh();
                Done::Quiet
            }
            Err(ApplyError::Store(e)) => {
                result.set(Some((true, text::store_error(&e, locale))));
                Done::Quiet
            }
        }
    });
    let apply = move |_| {
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
        applying.run((names, packages));
    };

    // Conflicting scores are named by their indicators, in the current language.
    let rubric = LocalResource::new(|| async { crate::store::ratings::active_rubric(&db()).await.ok() });
    let indicator_name = Callback::new(move |id: String| -> Option<String> {
        let locale = ctx.locale.get();
        rubric.get().flatten().and_then(|r| r.indicator(&id).map(|i| text::localized(&i.name, locale).to_string()))
    });
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
                            view! { <PackageCard index loaded diff choices indicator_name branch_name=Callback::new(move |id: String| branch_name(&id)) /> }
                        }).collect_view()}
                    </div>
                    <div class="actions pkg-actions">
                        {any_conflict.then(|| view! {
                            <button class="btn" on:click=move |_| choose_all(Choice::Theirs) data-testid="pkg-all-theirs">{tr(K::PkgAllTheirs)}</button>
                            <button class="btn" on:click=move |_| choose_all(Choice::Ours) data-testid="pkg-all-ours">{tr(K::PkgAllOurs)}</button>
                        })}
                        <button class="btn btn-primary" on:click=apply disabled=move || !ready || applying.pending() data-testid="pkg-apply">{tr(K::PkgApply)}</button>
                        <button class="btn" on:click=clear>{tr(K::PkgClear)}</button>
                        {(ready && !any_change).then(|| view! { <span class="hint" data-testid="pkg-no-change">{tr(K::PkgNothing)}</span> })}
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}
