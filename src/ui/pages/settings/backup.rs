//! Settings → Backup and restore: the whole database as one file, and back (docs/FORMAT.md §9).
//! A file is checked completely before anything is offered; restoring asks first and replaces
//! everything in one transaction.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::domain::files::backup::{self, Backup, BackupError, ProblemKind};
use crate::domain::trust::verify::{self, Verification};
use crate::i18n::{fill, Locale, K};
use crate::store::{self, backup as backup_store, meta};
use crate::ui::components::{col, ConfirmDialog, Done, Table, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::data::{backup_status, BackupStatus};
use crate::ui::text;

/// How many located problems of a refused file are listed; the rest are counted.
const SHOWN_PROBLEMS: usize = 20;

#[derive(Clone)]
enum Stage {
    Idle,
    Reading,
    Unreadable(String),
    Refused(String, BackupError),
    Ready(String, Arc<Backup>, Arc<Verification>),
}

fn store_label(name: &str) -> K {
    match name {
        "meta" => K::BkStoreMeta,
        "orgs" => K::BkStoreOrgs,
        "members" => K::BkStoreMembers,
        "history" => K::BkStoreHistory,
        "rubrics" => K::BkStoreRubrics,
        "evaluations" => K::BkStoreEvaluations,
        "five_haves" => K::BkStoreFiveHaves,
        "reviews" => K::BkStoreReviews,
        "rectifications" => K::BkStoreRectifications,
        "ledger" => K::BkStoreLedger,
        "attachments" => K::BkStoreAttachments,
        "key_tasks" => K::BkStoreKeyTasks,
        "task_completions" => K::BkStoreTaskCompletions,
        "units" => K::BkStoreUnits,
        "shell_decisions" => K::BkStoreShellDecisions,
        // Every store of the schema is named above; a name from elsewhere is still counted.
        _ => K::BkStoreOther,
    }
}

/// `2026-11-27T10:05:00.000Z` → `2026-11-27 18:05 UTC+08:00` in Beijing: a backup may be restored
/// in another zone, so its moment names the zone.
fn when(iso: &str) -> String {
    text::local_time_with_zone(iso)
}

/// A refused file's messages in the user's language, each with its place.
fn messages(error: &BackupError, locale: Locale) -> Vec<String> {
    let t = |key: K| key.text(locale);
    match error {
        BackupError::Envelope(refusal) => vec![text::envelope_refusal(refusal, &text::BACKUP_ENVELOPE, locale)],
        BackupError::SchemaTooNew { found, supported } => {
            vec![fill(t(K::BkErrSchemaTooNew), &[&found.to_string(), &supported.to_string()])]
        }
        BackupError::Invalid(problems) => {
            let mut lines: Vec<String> = problems
                .iter()
                .take(SHOWN_PROBLEMS)
                .map(|p| {
                    let at = p.at.as_str();
                    match &p.kind {
                        ProblemKind::Missing { field, .. } => fill(t(K::BkErrMissing), &[at, field]),
                        ProblemKind::BadSchema => fill(t(K::BkErrBadSchema), &[at]),
                        ProblemKind::UnknownStore => fill(t(K::BkErrUnknownStore), &[at]),
                        ProblemKind::StoreTooNew { since, schema } => {
                            fill(t(K::BkErrStoreTooNew), &[at, &since.to_string(), &schema.to_string()])
                        }
                        ProblemKind::DuplicateKey(key) => fill(t(K::BkErrDuplicateKey), &[at, key]),
                        ProblemKind::BadHistoryEntry => fill(t(K::BkErrHistoryEntry), &[at]),
                        ProblemKind::BadFile => fill(t(K::BkErrBadFile), &[at]),
                        ProblemKind::DanglingBranch(id) => fill(t(K::BkErrDanglingBranch), &[at, id]),
                    }
                })
                .collect();
            if problems.len() > SHOWN_PROBLEMS {
                lines.push(fill(t(K::BkMoreProblems), &[&(problems.len() - SHOWN_PROBLEMS).to_string()]));
            }
            lines
        }
    }
}

/// The backup reminder's two limits: days and changes since the last backup.
#[component]
fn ReminderRuleForm(rule: backup::ReminderRule) -> impl IntoView {
    let ctx = AppContext::get();
    let days = RwSignal::new(rule.days.to_string());
    let changes = RwSignal::new(rule.changes.to_string());
    let error = RwSignal::new(None::<String>);
    let saving = Write::new(move |rule: backup::ReminderRule, locale| async move {
        match backup_store::set_reminder_rule(&db(), rule).await {
            Ok(()) => Done::Saved(K::BkRuleSaved.text(locale).to_string()),
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = (days.get_untracked().trim().parse::<u32>(), changes.get_untracked().trim().parse::<u32>());
        let rule = match parsed {
            (Ok(days), Ok(changes)) => Some(backup::ReminderRule { days, changes }).filter(|r| r.is_valid()),
            _ => None,
        };
        let Some(rule) = rule else {
            let (d, c) = backup::REMINDER_LIMITS;
            error.set(Some(fill(ctx.t(K::BkRuleInvalid), &[&d.end().to_string(), &c.end().to_string()])));
            return;
        };
        error.set(None);
        saving.run(rule);
    };
    view! {
        <form class="inline-form" novalidate on:submit=save data-testid="reminder-rule" aria-label=tr(K::BkRuleTitle)>
            <label class="inline-field">
                <span>{tr(K::BkRuleDays)}</span>
                <input type="number" min="1" max="365" inputmode="numeric" data-testid="reminder-days" bind:value=days />
            </label>
            <label class="inline-field">
                <span>{tr(K::BkRuleChanges)}</span>
                <input type="number" min="1" max="10000" inputmode="numeric" data-testid="reminder-changes" bind:value=changes />
            </label>
            <button type="submit" class="btn">{tr(K::Save)}</button>
        </form>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
    }
}

/// Download a backup, see when the last one was made (with a gentle reminder), restore one.
#[component]
pub fn BackupSection() -> impl IntoView {
    let ctx = AppContext::get();
    let stage = RwSignal::new(Stage::Idle);
    let refresh = RwSignal::new(0u32);
    let confirm_open = RwSignal::new(false);
    let status = LocalResource::new(move || {
        refresh.track();
        ctx.revision.track();
        backup_status()
    });

    let downloading = Write::new(move |(), locale| async move {
        let now = store::now_iso();
        match backup_store::export(&db(), &now).await {
            Ok(made) => {
                let name = backup::file_name(store::today());
                if crate::ui::download::download_text(&name, "application/json", &made.to_json()).is_err() {
                    return Done::Failed(K::ErrStorageOther.text(locale).to_string());
                }
                if let Err(e) = backup_store::mark_backed_up(&db(), &now).await {
                    return Done::Failed(text::store_error(&e, locale));
                }
                // Only this section shows when the last backup was made.
                refresh.update(|n| *n += 1);
                Done::Reported(fill(K::BkDownloaded.text(locale), &[&name]))
            }
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let download = move |_| downloading.run(());

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        let name = file.name();
        stage.set(Stage::Reading);
        spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
            stage.set(match text {
                None => Stage::Unreadable(name),
                Some(text) => match backup_store::check(&text) {
                    Ok(parsed) => {
                        // A file whose record does not verify is not offered for restoring.
                        let found = verify::verify(&parsed.clone().migrated(store::DB_VERSION));
                        Stage::Ready(name, Arc::new(parsed), Arc::new(found))
                    }
                    Err(error) => Stage::Refused(name, error),
                },
            });
        });
    };

    let merge_open = RwSignal::new(false);
    let merge_body = RwSignal::new(String::new());
    let previewing = Write::new(move |parsed: Arc<Backup>, locale| async move {
        match backup_store::merge_preview(&db(), &parsed).await {
            Ok(plan) if plan.added() == 0 => Done::Reported(K::BkMergeNothing.text(locale).to_string()),
            Ok(plan) => {
                let kept: usize = plan.kept.values().sum();
                merge_body.set(fill(K::BkMergeBody.text(locale), &[&plan.added().to_string(), &kept.to_string()]));
                merge_open.set(true);
                Done::Quiet
            }
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let ask_merge = move |_| {
        let Stage::Ready(_, parsed, _) = stage.get_untracked() else { return };
        previewing.run(parsed);
    };
    let merging = Write::new(move |parsed: Arc<Backup>, locale| async move {
        match backup_store::merge(&db(), (*parsed).clone()).await {
            Ok(plan) => {
                stage.set(Stage::Idle);
                Done::Saved(fill(K::BkMerged.text(locale), &[&plan.added().to_string()]))
            }
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let on_merge = Callback::new(move |()| {
        let Stage::Ready(_, parsed, _) = stage.get_untracked() else { return };
        merging.run(parsed);
    });
    let confirm_body = Signal::derive(move || match stage.get() {
        Stage::Ready(_, parsed, _) => {
            let count = |store: &str| parsed.stores.get(store).map_or(0, Vec::len).to_string();
            fill(ctx.t(K::BkConfirmBody), &[&when(&parsed.created_at), &count("orgs"), &count("evaluations")])
        }
        _ => String::new(),
    });
    let restoring = Write::new(move |parsed: Arc<Backup>, locale| async move {
        let created = when(&parsed.created_at);
        match backup_store::restore(&db(), (*parsed).clone()).await {
            Ok(()) => {
                stage.set(Stage::Idle);
                // The language is part of the data: follow the restored setting.
                let restored = meta::get_setting(&db(), crate::domain::device::settings::LOCALE).await.ok().flatten();
                let locale = restored.and_then(|tag| Locale::from_tag(&tag)).unwrap_or(locale);
                ctx.locale.set(locale);
                Done::Saved(fill(K::BkRestored.text(locale), &[&created]))
            }
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let on_restore = Callback::new(move |()| {
        let Stage::Ready(_, parsed, _) = stage.get_untracked() else { return };
        restoring.run(parsed);
    });

    view! {
        <section class="card backup" aria-labelledby="backup-title" data-testid="backup-section">
            <h2 id="backup-title">{tr(K::BkTitle)}</h2>
            <p class="hint">{tr(K::BkHint)}</p>
            {move || status.get().map(|status| {
                let nudge = status.reminder().map(|r| text::backup_reminder(r, ctx.locale.get()));
                let BackupStatus { last, changes, rule, .. } = status;
                view! {
                    <dl class="facts">
                        <dt>{tr(K::BkLastBackup)}</dt>
                        <dd data-testid="last-backup">{last.as_deref().map(when).unwrap_or_else(|| ctx.t(K::BkNever).to_string())}</dd>
                        <dt>{tr(K::BkChangesSince)}</dt>
                        <dd data-testid="changes-since">{changes}</dd>
                    </dl>
                    {nudge.map(|text| view! { <p class="backup-reminder" role="note" data-testid="backup-reminder">{text}</p> })}
                    <ReminderRuleForm rule />
                }
            })}
            <div class="actions">
                <button class="btn btn-primary" on:click=download data-testid="backup-download">{tr(K::BkDownload)}</button>
            </div>
            <div class="backup-restore">
                <p class="hint" id="backup-file-hint">{tr(K::BkRestoreHint)}</p>
                <label class="btn file-button">
                    {tr(K::BkRestoreFrom)}
                    <input id="backup-file" type="file" accept=".json,application/json" class="visually-hidden" aria-describedby="backup-file-hint" on:change=on_file />
                </label>
            </div>
            {move || match stage.get() {
                Stage::Idle => ().into_any(),
                Stage::Reading => view! { <p class="loading" role="status">{tr(K::BkReading)}</p> }.into_any(),
                Stage::Unreadable(name) => view! {
                    <div class="backup-refused" role="alert" data-testid="backup-refused">
                        <p>{fill(ctx.t(K::FileUnreadable), &[&name])}</p>
                    </div>
                }.into_any(),
                Stage::Refused(name, error) => view! {
                    <div class="backup-refused" role="alert" data-testid="backup-refused">
                        <p>{fill(ctx.t(K::BkRefused), &[&name])}</p>
                        <ul>{messages(&error, ctx.locale.get()).into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                }.into_any(),
                Stage::Ready(name, parsed, found) => {
                    let preview = parsed.preview();
                    let (sound, _, lines) = super::verify::report_lines(&found, ctx.locale.get());
                    let verdict = if sound {
                        view! {
                            <p class="verify-result verified" data-testid="backup-verified">
                                {fill(ctx.t(K::VfFileVerified), &[&found.chain.entries.to_string(), &found.publications.to_string()])}
                            </p>
                        }.into_any()
                    } else {
                        view! {
                            <div class="verify-result broken" role="alert" data-testid="backup-not-verified">
                                <p class="verify-verdict">{tr(K::VfFileBroken)}</p>
                                <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                            </div>
                        }.into_any()
                    };
                    let older = (preview.schema < store::DB_VERSION).then(|| {
                        fill(ctx.t(K::BkOlderSchema), &[&preview.schema.to_string(), &store::DB_VERSION.to_string()])
                    });
                    view! {
                        <div class="backup-preview" data-testid="backup-preview">
                            <h3>{tr(K::BkPreviewTitle)}" — "{name}</h3>
                            <dl class="facts">
                                <dt>{tr(K::BkCreatedAt)}</dt>
                                <dd data-testid="backup-created">{when(&preview.created_at)}</dd>
                                <dt>{tr(K::SchemaVersion)}</dt>
                                <dd data-testid="backup-schema">{preview.schema}</dd>
                                <dt>{tr(K::BkAppVersion)}</dt>
                                <dd>{preview.app_version.clone()}</dd>
                            </dl>
                            {older.map(|text| view! { <p class="hint">{text}</p> })}
                            {verdict}
                            <div class="table-wrap">
                                <Table
                                    class="backup-counts"
                                    testid="backup-counts"
                                    caption=Signal::derive(move || ctx.t(K::BkPreviewTitle).to_string())
                                    cols=vec![col(K::BkKind), col(K::BkCount)]
                                >
                                    {preview.counts.into_iter().map(|(store, count)| view! {
                                        <tr data-store=store><th scope="row">{tr(store_label(store))}</th><td>{count}</td></tr>
                                    }).collect_view()}
                                </Table>
                            </div>
                            <p class="hint">{tr(K::BkMergeHint)}</p>
                            <div class="actions">
                                {sound.then(|| view! {
                                    <button class="btn btn-danger" on:click=move |_| confirm_open.set(true) data-testid="backup-restore">{tr(K::BkRestore)}</button>
                                    <button class="btn" on:click=ask_merge data-testid="backup-merge">{tr(K::BkMerge)}</button>
                                })}
                                <button class="btn" on:click=move |_| stage.set(Stage::Idle)>{tr(K::Cancel)}</button>
                            </div>
                        </div>
                    }.into_any()
                }
            }}
            <ConfirmDialog open=confirm_open title=K::BkConfirmTitle body=confirm_body confirm_label=K::BkConfirm on_confirm=on_restore />
            <ConfirmDialog open=merge_open title=K::BkMergeTitle body=merge_body confirm_label=K::BkMerge on_confirm=on_merge />
        </section>
    }
}
