//! The local role in use: the header's switch, the PIN dialog, and the notice shown in place of
//! what the current role may not do. Permissions themselves are [`crate::domain::device::roles`].

use leptos::prelude::*;

use crate::domain::device::roles::{PinError, Role, Session};
use crate::domain::org::Org;
use crate::i18n::{fill, Locale, K};
use crate::store::roles::{self as role_store, SwitchError, SwitchRefusal};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

use super::{Done, Write};

/// Label of a role.
pub fn role_label(role: Role) -> K {
    match role {
        Role::Admin => K::RoleAdmin,
        Role::Secretary => K::RoleSecretary,
        Role::Viewer => K::RoleViewer,
    }
}

/// Message for a refused PIN or switch.
pub fn switch_error(error: &SwitchError, locale: Locale) -> String {
    match error {
        SwitchError::Invalid(SwitchRefusal::WrongPin { wait_secs: 0 }) => K::RoleWrongPin.text(locale).to_string(),
        SwitchError::Invalid(SwitchRefusal::WrongPin { wait_secs }) => {
            fill(K::RoleWrongPinWait.text(locale), &[&wait_secs.to_string()])
        }
        SwitchError::Invalid(SwitchRefusal::LockedOut { wait_secs }) => {
            fill(K::RoleLockedOut.text(locale), &[&wait_secs.to_string()])
        }
        SwitchError::Invalid(SwitchRefusal::NoBranch) => K::RoleNoBranch.text(locale).to_string(),
        SwitchError::Store(e) => text::store_error(e, locale),
    }
}

/// Message for a PIN that cannot be set.
pub fn pin_error(error: PinError) -> K {
    match error {
        PinError::Length => K::PinErrLength,
        PinError::NotDigits => K::PinErrDigits,
        PinError::Mismatch => K::PinErrMismatch,
    }
}

/// Milliseconds since the epoch, the lock-out's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A PIN input: digits, hidden, numeric keypad on tablets.
#[component]
pub fn PinInput(id: &'static str, value: RwSignal<String>, #[prop(into)] testid: String) -> impl IntoView {
    view! {
        <input
            id=id
            type="password"
            inputmode="numeric"
            autocomplete="off"
            maxlength="12"
            pattern="[0-9]*"
            data-testid=testid
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        />
    }
}

/// The header's role badge; opens the switch dialog.
#[component]
pub fn RoleSwitch() -> impl IntoView {
    let ctx = AppContext::get();
    let open = RwSignal::new(false);
    let branch_name = LocalResource::new(move || {
        let branch = ctx.session.with(|s| s.branch.clone());
        async move {
            match branch {
                None => None,
                Some(id) => {
                    crate::store::orgs::list_orgs(&db()).await.ok()?.into_iter().find(|o| o.id == id).map(|o| o.name)
                }
            }
        }
    });
    view! {
        <button
            class="role-badge"
            data-testid="role-badge"
            data-role=move || ctx.session.with(|s| s.role.name())
            aria-haspopup="dialog"
            on:click=move |_| open.set(true)
            title=tr(K::RoleSwitch)
        >
            <span class="visually-hidden">{tr(K::RoleCurrent)}{tr(K::ColonSep)}</span>
            <span class="role-name">{move || ctx.t(role_label(ctx.session.with(|s| s.role)))}</span>
            {move || branch_name.get().flatten().map(|name| view! { <span class="role-branch">" · "{name}</span> })}
        </button>
        <Show when=move || open.get()>
            <RoleDialog open />
        </Show>
    }
}

#[component]
fn RoleDialog(open: RwSignal<bool>) -> impl IntoView {
    let ctx = AppContext::get();
    let current = ctx.session.get_untracked();
    let role = RwSignal::new(current.role);
    let branch = RwSignal::new(current.branch.clone());
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let setup = LocalResource::new(move || async move {
        let orgs: Vec<Org> = crate::store::orgs::list_orgs(&db()).await.unwrap_or_default();
        let pins = role_store::pins(&db()).await.unwrap_or_default();
        (orgs, pins)
    });
    // Focus moves into the dialog, so the keyboard (and Escape) work at once.
    Effect::new(move |_| focus_first("[data-testid=role-dialog] input[type=radio]:checked"));
    let needs_pin = move || {
        let target = role.get();
        setup.get().is_some_and(|(_, pins)| pins.needs_pin(current.role, target))
    };
    // A second submit while the first is checked is ignored: a double click counts one try.
    let switching = Write::new(move |(target, typed): (Session, String), locale| async move {
        match role_store::switch(&db(), target, &typed, now_ms()).await {
            Ok(session) => {
                let label = role_label(session.role).text(locale);
                ctx.session.set(session);
                open.set(false);
                Done::Reported(fill(K::RoleSwitched.text(locale), &[label]))
            }
            Err(e) => {
                pin.set(String::new());
                error.set(Some(switch_error(&e, locale)));
                Done::Quiet
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        switching.run((Session { role: role.get_untracked(), branch: branch.get_untracked() }, pin.get_untracked()));
    };
    view! {
        <div class="dialog-backdrop" on:click=move |_| open.set(false)></div>
        <div
            class="dialog dialog-plain"
            role="dialog"
            aria-modal="true"
            aria-labelledby="role-title"
            data-testid="role-dialog"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    open.set(false);
                }
            }
        >
            <h2 id="role-title">{tr(K::RoleSwitch)}</h2>
            <form on:submit=submit>
                <fieldset class="role-choices">
                    <legend>{tr(K::RoleChoose)}</legend>
                    {Role::ALL.into_iter().map(|r| view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name="role"
                                value=r.name()
                                data-testid=format!("role-{}", r.name())
                                prop:checked=move || role.get() == r
                                on:change=move |_| {
                                    role.set(r);
                                    error.set(None);
                                }
                            />
                            <span>{tr(role_label(r))}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <Show when=move || role.get() == Role::Secretary>
                    <div class="field">
                        <label for="role-branch">{tr(K::RoleBranch)}</label>
                        <select id="role-branch" data-testid="role-branch" on:change=move |ev| {
                            let id = event_target_value(&ev);
                            branch.set(Some(id).filter(|id| !id.is_empty()));
                        }>
                            <option value="">{tr(K::ChooseBranch)}</option>
                            {move || setup.get().map(|(orgs, _)| {
                                crate::domain::org::open_branches(&orgs).into_iter().map(|o| {
                                    let selected = branch.get_untracked().as_deref() == Some(o.id.as_str());
                                    view! { <option value=o.id.clone() selected=selected>{o.name.clone()}</option> }
                                }).collect_view()
                            })}
                        </select>
                    </div>
                </Show>
                <Show when=needs_pin>
                    <div class="field">
                        <label for="role-pin">{tr(K::RolePin)}</label>
                        <p class="hint">{tr(K::RolePinHint)}</p>
                        <PinInput id="role-pin" value=pin testid="role-pin" />
                    </div>
                </Show>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="role-error">{e}</p> })}
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| open.set(false)>{tr(K::Cancel)}</button>
                    <button type="submit" class="btn btn-primary" data-testid="role-submit" disabled=move || switching.pending()>
                        {tr(K::RoleSwitch)}
                    </button>
                </div>
            </form>
        </div>
    }
}

fn focus_first(selector: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) =
        document().query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Shown where the current role may not act: says why, and offers to switch.
#[component]
pub fn NotPermitted(message: K) -> impl IntoView {
    view! {
        <p class="not-permitted" role="note" data-testid="not-permitted">
            <svg class="not-permitted-icon" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
                <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 1 0-4 0z" />
            </svg>
            {tr(message)}
        </p>
    }
}

/// A banner for the viewer role: nothing can be changed.
#[component]
pub fn ReadOnlyBanner() -> impl IntoView {
    let ctx = AppContext::get();
    view! {
        <Show when=move || ctx.session.with(Session::read_only)>
            <div class="notice-area">
                <p class="notice notice-readonly" role="note" data-testid="read-only-banner">{tr(K::RoleReadOnlyBanner)}</p>
            </div>
        </Show>
    }
}

/// Asks for the administrator's PIN (if one is set) before `on_ok` runs; used to leave the kiosk.
#[component]
pub fn AdminPinDialog(open: RwSignal<bool>, title: K, on_ok: Callback<()>) -> impl IntoView {
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let has_pin = LocalResource::new(move || {
        open.track();
        async move { role_store::pins(&db()).await.map(|p| p.of(Role::Admin).is_some()).unwrap_or(false) }
    });
    Effect::new(move |_| {
        if open.get() && has_pin.get().is_some() {
            focus_first("[data-testid=admin-pin-dialog] input, [data-testid=admin-pin-submit]");
        }
    });
    // As in the role dialog: a double click counts one try.
    let checking = Write::new(move |typed: String, locale| async move {
        match role_store::check_admin_pin(&db(), &typed, now_ms()).await {
            Ok(()) => {
                open.set(false);
                pin.set(String::new());
                error.set(None);
                on_ok.run(());
            }
            Err(e) => {
                pin.set(String::new());
                error.set(Some(switch_error(&e, locale)));
            }
        }
        Done::Quiet
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        checking.run(pin.get_untracked());
    };
    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop" on:click=move |_| open.set(false)></div>
            <div class="dialog dialog-plain" role="dialog" aria-modal="true" aria-labelledby="admin-pin-title" data-testid="admin-pin-dialog"
                on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
                <h2 id="admin-pin-title">{tr(title)}</h2>
                <form on:submit=submit>
                    {move || has_pin.get().map(|has| if has {
                        view! {
                            <div class="field">
                                <label for="admin-pin">{tr(K::KioskPinPrompt)}</label>
                                <PinInput id="admin-pin" value=pin testid="admin-pin" />
                            </div>
                        }.into_any()
                    } else {
                        view! { <p>{tr(K::KioskLeaveBody)}</p> }.into_any()
                    })}
                    {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="admin-pin-error">{e}</p> })}
                    <div class="actions">
                        <button type="button" class="btn" on:click=move |_| open.set(false)>{tr(K::Cancel)}</button>
                        <button type="submit" class="btn btn-primary" data-testid="admin-pin-submit" disabled=move || checking.pending()>{tr(K::KioskLeave)}</button>
                    </div>
                </form>
            </div>
        </Show>
    }
}
