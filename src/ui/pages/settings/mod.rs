//! `/settings`: storage, commendation rule, and the sections of the other areas' settings.

mod backup;
mod exchange;
mod kiosk;
mod roles;
mod shells;
mod verify;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::domain::device::roles::Action;
use crate::domain::review::quarter::CommendRule;
use crate::i18n::{fill, K};
use crate::store::{self, orgs as org_store};
use crate::ui::components::{Done, Loading, NotPermitted, Write};
use crate::ui::context::{db, tr, AppContext};

/// What the browser says about this site's storage.
#[derive(Clone, Debug, PartialEq)]
struct StorageState {
    persisted: Option<bool>,
    usage: Option<f64>,
    quota: Option<f64>,
    history_entries: usize,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    web_sys::window().map(|w| w.navigator().storage())
}

async fn promise_value(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<wasm_bindgen::JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

fn number_field(value: &wasm_bindgen::JsValue, name: &str) -> Option<f64> {
    js_sys::Reflect::get(value, &name.into()).ok()?.as_f64()
}

async fn read_state() -> StorageState {
    let manager = storage_manager();
    let persisted = match &manager {
        Some(m) => promise_value(m.persisted()).await.and_then(|v| v.as_bool()),
        None => None,
    };
    let estimate = match &manager {
        Some(m) => promise_value(m.estimate()).await,
        None => None,
    };
    let history_entries = org_store::list_history(&db()).await.map(|h| h.len()).unwrap_or(0);
    StorageState {
        persisted,
        usage: estimate.as_ref().and_then(|e| number_field(e, "usage")),
        quota: estimate.as_ref().and_then(|e| number_field(e, "quota")),
        history_entries,
    }
}

/// Asks the browser to keep this site's data even under storage pressure. Browsers decide
/// silently (Chromium by engagement), so the answer is only shown in Settings.
pub fn request_persistence() {
    if let Some(manager) = storage_manager() {
        spawn_local(async move {
            let _ = promise_value(manager.persist()).await;
        });
    }
}

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_048_576.0)
}

/// Language and storage.
#[component]
pub fn Settings() -> impl IntoView {
    let ctx = AppContext::get();
    let refresh = RwSignal::new(0u32);
    let state = LocalResource::new(move || {
        refresh.track();
        ctx.revision.track();
        read_state()
    });
    let asking = Write::new(move |manager: web_sys::StorageManager, _| async move {
        let granted = promise_value(manager.persist()).await.and_then(|v| v.as_bool()).unwrap_or(false);
        refresh.update(|n| *n += 1);
        let key = if granted { K::PersistGranted } else { K::PersistDenied };
        if granted {
            Done::Reported(ctx.t(key).to_string())
        } else {
            Done::Failed(ctx.t(key).to_string())
        }
    });
    let ask = move |_| {
        if let Some(manager) = storage_manager() {
            asking.run(manager);
        }
    };
    view! {
        <section class="page">
            <h1>{tr(K::NavSettings)}</h1>
            <section class="card" aria-labelledby="storage-title">
                <h2 id="storage-title">{tr(K::StorageTitle)}</h2>
                {move || match state.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(s) => {
                        let persisted_key = match s.persisted {
                            Some(true) => K::PersistOn,
                            Some(false) => K::PersistOff,
                            None => K::PersistUnknown,
                        };
                        let usage = match (s.usage, s.quota) {
                            (Some(u), Some(q)) if q > 0.0 => {
                                Some(fill(ctx.t(K::UsageOfQuota), &[&megabytes(u), &megabytes(q), &format!("{:.1}", u * 100.0 / q)]))
                            }
                            _ => None,
                        };
                        view! {
                            <dl class="facts" data-testid="storage-state">
                                <dt>{tr(K::PersistentStorage)}</dt>
                                <dd>{tr(persisted_key)}</dd>
                                <dt>{tr(K::StorageUsage)}</dt>
                                <dd>{usage.unwrap_or_else(|| ctx.t(K::Unknown).to_string())}</dd>
                                <dt>{tr(K::SchemaVersion)}</dt>
                                <dd>{store::DB_VERSION}</dd>
                                <dt>{tr(K::HistoryEntries)}</dt>
                                <dd>{s.history_entries}</dd>
                            </dl>
                            {match (s.usage, s.quota) {
                                (Some(u), Some(q)) if crate::domain::device::storage::near_quota(u, q) => Some(view! {
                                    <p class="notice notice-error" role="alert" data-testid="quota-warning">
                                        {move || fill(ctx.t(K::QuotaWarning), &[&format!("{:.0}", u * 100.0 / q)])}
                                    </p>
                                }),
                                _ => None,
                            }}
                            {(s.persisted != Some(true)).then(|| view! {
                                <p class="hint">{tr(K::PersistHint)}</p>
                                <button class="btn btn-primary" on:click=ask>{tr(K::RequestPersist)}</button>
                            })}
                        }
                            .into_any()
                    }
                }}
            </section>
            <Show
                when=move || ctx.may(Action::Configure)
                fallback=|| view! { <section class="card"><NotPermitted message=K::RoleNeedAdmin /></section> }
            >
                <section class="card" aria-labelledby="rubric-title">
                    <h2 id="rubric-title">{tr(K::RubricTitle)}</h2>
                    <p class="hint">{tr(K::RubricSettingsHint)}</p>
                    <leptos_router::components::A href="/settings/rubric" attr:class="btn btn-primary">{tr(K::EditRubric)}</leptos_router::components::A>
                </section>
                <roles::RolesSection />
                <CommendSettings />
                <kiosk::KioskSettings />
                <shells::ShellWindowSettings />
                <exchange::ExchangeSection />
                <section class="card" aria-labelledby="packages-title">
                    <h2 id="packages-title">{tr(K::NavPackages)}</h2>
                    <p class="hint">{tr(K::PkgSettingsHint)}</p>
                    <leptos_router::components::A href="/packages" attr:class="btn btn-primary" attr:data-testid="open-packages">{tr(K::PkgOpenPage)}</leptos_router::components::A>
                </section>
                <backup::BackupSection />
                <verify::VerifySection />
            </Show>
        </section>
    }
}

/// How many branches per category the quarterly page recommends for commendation (推先).
#[component]
fn CommendSettings() -> impl IntoView {
    let ctx = AppContext::get();
    let data = crate::ui::data::use_ratings_data();
    let saving = Write::new(move |rule: CommendRule, _| async move {
        match store::review::set_commend_rule(&db(), rule).await {
            Ok(()) => Done::Saved(ctx.t(K::CommendSaved).to_string()),
            Err(e) => Done::Failed(crate::ui::text::store_error(&e, ctx.locale.get_untracked())),
        }
    });
    view! {
        <section class="card" aria-labelledby="commend-title">
            <h2 id="commend-title">{tr(K::CommendRuleLabel)}</h2>
            {move || data.get().and_then(|d| d.ok()).map(|d| {
                let (by_share, value) = match d.commend_rule {
                    CommendRule::Count(n) => (false, n.to_string()),
                    CommendRule::Share(p) => (true, p.to_string()),
                };
                let by_share = RwSignal::new(by_share);
                let value = RwSignal::new(value);
                let error = RwSignal::new(false);
                let save = move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    let text = value.get_untracked();
                    let rule = if by_share.get_untracked() {
                        text.trim().parse::<u8>().ok().map(CommendRule::Share)
                    } else {
                        text.trim().parse::<u32>().ok().map(CommendRule::Count)
                    };
                    let Some(rule) = rule.filter(|r| r.is_valid()) else {
                        error.set(true);
                        return;
                    };
                    error.set(false);
                    saving.run(rule);
                };
                view! {
                    <form class="inline-form" novalidate on:submit=save data-testid="commend-form">
                        <label class="inline-field">
                            <span>{tr(K::CommendRuleLabel)}</span>
                            <select on:change=move |ev| by_share.set(event_target_value(&ev) == "share")>
                                <option value="count" selected=move || !by_share.get()>{tr(K::CommendByCount)}</option>
                                <option value="share" selected=move || by_share.get()>{tr(K::CommendByShare)}</option>
                            </select>
                        </label>
                        <label class="inline-field">
                            <span>{tr(K::CommendValue)}</span>
                            <input type="number" min="1" max=move || if by_share.get() { "100" } else { "99" } inputmode="numeric" bind:value=value aria-invalid=move || error.get().to_string() aria-describedby="commend-error" />
                        </label>
                        <button type="submit" class="btn btn-primary">{tr(K::Save)}</button>
                    </form>
                    {move || error.get().then(|| view! { <p class="field-error" id="commend-error" role="alert">{ctx.t(K::CommendInvalid)}</p> })}
                }
            })}
        </section>
    }
}
