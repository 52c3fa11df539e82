//! Settings → the kiosk: seconds per screen and the screens shown.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::device::kiosk::{self, Screen, SettingsProblem};
use crate::domain::device::settings;
use crate::i18n::K;
use crate::store::meta;
use crate::ui::components::{Done, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

/// The kiosk's section in Settings: seconds per screen and the screens shown.
#[component]
pub fn KioskSettings() -> impl IntoView {
    let ctx = AppContext::get();
    let stored = LocalResource::new(move || {
        ctx.revision.track();
        async move { meta::get_setting(&db(), settings::KIOSK).await }
    });
    view! {
        <section class="card" aria-labelledby="kiosk-settings-title" data-testid="kiosk-settings">
            <h2 id="kiosk-settings-title">{tr(K::KioskTitle)}</h2>
            <p class="hint">{tr(K::KioskSettingsHint)}</p>
            {move || stored.get().map(|value| {
                let settings = kiosk::KioskSettings::from_json(value.ok().flatten().as_deref());
                view! { <KioskSettingsForm settings /> }
            })}
            <div class="actions">
                <A href="/kiosk" attr:class="btn">{tr(K::KioskOpen)}</A>
            </div>
        </section>
    }
}

#[component]
fn KioskSettingsForm(settings: kiosk::KioskSettings) -> impl IntoView {
    let ctx = AppContext::get();
    let interval = RwSignal::new(settings.interval_secs.to_string());
    let chosen = RwSignal::new(settings.screens.clone());
    let problem = RwSignal::new(None::<SettingsProblem>);
    let write = Write::new(move |settings: kiosk::KioskSettings, locale| async move {
        match meta::set_setting(&db(), settings::KIOSK, &settings.to_json()).await {
            Ok(()) => Done::Saved(K::KioskSaved.text(locale).to_string()),
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match kiosk::KioskSettings::from_form(&interval.get_untracked(), &chosen.get_untracked()) {
            Err(p) => problem.set(Some(p)),
            Ok(settings) => {
                problem.set(None);
                write.run(settings);
            }
        }
    };
    let error_for = move |which: SettingsProblem| {
        move || {
            (problem.get() == Some(which)).then(|| match which {
                SettingsProblem::Interval => ctx.t(K::KioskIntervalInvalid),
                SettingsProblem::NoScreen => ctx.t(K::KioskNoScreen),
            })
        }
    };
    view! {
        <form class="kiosk-settings" novalidate on:submit=save data-testid="kiosk-form">
            <div class="field">
                <label for="kiosk-interval">{tr(K::KioskInterval)}</label>
                <input
                    id="kiosk-interval"
                    type="number"
                    min=kiosk::MIN_INTERVAL_SECS
                    max=kiosk::MAX_INTERVAL_SECS
                    inputmode="numeric"
                    bind:value=interval
                    aria-invalid=move || (problem.get() == Some(SettingsProblem::Interval)).to_string()
                    aria-describedby="kiosk-interval-error"
                />
                <p class="field-error" id="kiosk-interval-error" aria-live="polite">{error_for(SettingsProblem::Interval)}</p>
            </div>
            <fieldset class="cats" aria-describedby="kiosk-screens-error">
                <legend>{tr(K::KioskScreens)}</legend>
                {Screen::ALL.into_iter().map(|s| view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            data-screen=s.name()
                            prop:checked=move || chosen.with(|c| c.contains(&s))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|x| *x != s);
                                    if on {
                                        c.push(s);
                                    }
                                });
                            }
                        />
                        " "{tr(text::kiosk_screen(s))}
                    </label>
                }).collect_view()}
            </fieldset>
            <p class="field-error" id="kiosk-screens-error" aria-live="polite">{error_for(SettingsProblem::NoScreen)}</p>
            <button type="submit" class="btn btn-primary">{tr(K::Save)}</button>
        </form>
    }
}
