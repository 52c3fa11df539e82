//! Settings → Roles and PINs: which role has a PIN, setting, changing and removing one.

use leptos::prelude::*;

use crate::domain::device::roles::{validate_new_pin, PinSettings, Role};
use crate::i18n::{fill, K};
use crate::store::roles as role_store;
use crate::ui::components::{pin_error, role_label, ConfirmDialog, Done, PinInput, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

/// The three roles with their PIN state and actions.
#[component]
pub fn RolesSection() -> impl IntoView {
    let ctx = AppContext::get();
    let pins = LocalResource::new(move || {
        ctx.revision.track();
        async move { role_store::pins(&db()).await.unwrap_or_default() }
    });
    view! {
        <section class="card roles" aria-labelledby="roles-title" data-testid="roles-section">
            <h2 id="roles-title">{tr(K::RolesTitle)}</h2>
            <p class="hint">{tr(K::RolesHint)}</p>
            <p class="notice notice-info" role="note">{tr(K::RolesHonest)}</p>
            {move || pins.get().map(|pins: PinSettings| {
                let admin_missing = pins.admin.is_none() && (pins.secretary.is_some() || pins.viewer.is_some());
                view! {
                    {admin_missing.then(|| view! { <p class="notice notice-error" role="note" data-testid="admin-pin-first">{tr(K::RoleAdminPinFirst)}</p> })}
                    <ul class="role-list">
                        {Role::ALL.into_iter().map(|role| view! { <RoleRow role has_pin=pins.of(role).is_some() /> }).collect_view()}
                    </ul>
                }
            })}
        </section>
    }
}

#[component]
fn RoleRow(role: Role, has_pin: bool) -> impl IntoView {
    let ctx = AppContext::get();
    let editing = RwSignal::new(false);
    let confirm_clear = RwSignal::new(false);
    let pin = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let error = RwSignal::new(None::<K>);
    let name = role.name();
    let pin_id: &'static str = match role {
        Role::Admin => "pin-new-admin",
        Role::Secretary => "pin-new-secretary",
        Role::Viewer => "pin-new-viewer",
    };
    let repeat_id: &'static str = match role {
        Role::Admin => "pin-repeat-admin",
        Role::Secretary => "pin-repeat-secretary",
        Role::Viewer => "pin-repeat-viewer",
    };
    let setting = Write::new(move |new: String, locale| async move {
        match role_store::set_pin(&db(), role, Some(&new)).await {
            Ok(()) => {
                pin.set(String::new());
                repeated.set(String::new());
                editing.set(false);
                Done::Saved(fill(K::RolePinSaved.text(locale), &[role_label(role).text(locale)]))
            }
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (new, again) = (pin.get_untracked(), repeated.get_untracked());
        if let Err(e) = validate_new_pin(&new, &again) {
            error.set(Some(pin_error(e)));
            return;
        }
        error.set(None);
        setting.run(new);
    };
    let clearing = Write::new(move |(), locale| async move {
        match role_store::set_pin(&db(), role, None).await {
            Ok(()) => Done::Saved(fill(K::RolePinCleared.text(locale), &[role_label(role).text(locale)])),
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let clear = Callback::new(move |()| clearing.run(()));
    view! {
        <li class="role-row" data-role=name data-testid=format!("pin-row-{name}")>
            <div class="role-row-head">
                <strong>{tr(role_label(role))}</strong>
                <span class=if has_pin { "chip chip-ok" } else { "chip" } data-testid="pin-state">
                    {tr(if has_pin { K::RolePinSet } else { K::RolePinNone })}
                </span>
                <button class="btn" data-testid="pin-edit" aria-expanded=move || editing.get().to_string() on:click=move |_| editing.update(|e| *e = !*e)>
                    {tr(if has_pin { K::RoleChangePin } else { K::RoleSetPin })}
                </button>
                {has_pin.then(|| view! {
                    <button class="btn btn-danger" data-testid="pin-clear" on:click=move |_| confirm_clear.set(true)>{tr(K::RoleClearPin)}</button>
                })}
            </div>
            <Show when=move || editing.get()>
                <form class="inline-form pin-form" novalidate on:submit=save>
                    <label class="inline-field" for=pin_id>
                        <span>{tr(K::RoleNewPin)}</span>
                    </label>
                    <PinInput id=pin_id value=pin testid="pin-new" />
                    <label class="inline-field" for=repeat_id>
                        <span>{tr(K::RoleRepeatPin)}</span>
                    </label>
                    <PinInput id=repeat_id value=repeated testid="pin-repeat" />
                    <button type="submit" class="btn btn-primary" data-testid="pin-save">{tr(K::Save)}</button>
                </form>
                {move || error.get().map(|k| view! { <p class="field-error" role="alert" data-testid="pin-error">{tr(k)}</p> })}
            </Show>
            <ConfirmDialog
                open=confirm_clear
                title=K::RoleClearTitle
                body=Signal::derive(move || fill(ctx.t(K::RoleClearBody), &[ctx.t(role_label(role))]))
                confirm_label=K::RoleClearPin
                on_confirm=clear
            />
        </li>
    }
}
