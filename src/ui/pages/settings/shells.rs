//! The 空壳 screening window: how many whole months without organisational life raise a flag.

use leptos::prelude::*;

use crate::domain::units::shell::MAX_LIFE_MONTHS;
use crate::i18n::{fill, K};
use crate::store::units as unit_store;
use crate::ui::components::{Done, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

#[component]
pub fn ShellWindowSettings() -> impl IntoView {
    let ctx = AppContext::get();
    let months = LocalResource::new(move || {
        ctx.revision.track();
        async move { unit_store::shell_life_months(&db()).await }
    });
    let invalid = RwSignal::new(false);
    let saving = Write::new(move |typed: String, locale| async move {
        match unit_store::set_shell_life_months(&db(), &typed).await {
            Ok(Some(n)) => {
                invalid.set(false);
                Done::Saved(fill(K::UnWindowSaved.text(locale), &[&n.to_string()]))
            }
            Ok(None) => {
                invalid.set(true);
                Done::Quiet
            }
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    view! {
        <section class="card" aria-labelledby="shell-window-title">
            <h2 id="shell-window-title">{tr(K::UnShellsTitle)}</h2>
            <p class="hint">{tr(K::UnWindowHint)}</p>
            {move || months.get().and_then(|m| m.ok()).map(|current| {
                let value = RwSignal::new(current.to_string());
                let save = move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    saving.run(value.get_untracked());
                };
                view! {
                    <form class="inline-form" novalidate on:submit=save data-testid="shell-window-form">
                        <label class="inline-field">
                            <span>{tr(K::UnWindowLabel)}</span>
                            <input type="number" min="1" max=MAX_LIFE_MONTHS.to_string() inputmode="numeric" bind:value=value
                                aria-invalid=move || invalid.get().to_string() aria-describedby="shell-window-error" />
                        </label>
                        <button type="submit" class="btn btn-primary" disabled=move || saving.pending()>{tr(K::Save)}</button>
                    </form>
                    {move || invalid.get().then(|| view! {
                        <p class="field-error" id="shell-window-error" role="alert">
                            {fill(ctx.t(K::UnWindowInvalid), &[&MAX_LIFE_MONTHS.to_string()])}
                        </p>
                    })}
                }
            })}
        </section>
    }
}
