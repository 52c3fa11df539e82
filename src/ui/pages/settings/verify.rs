//! Settings → Verify the record: the history chain recomputed, the sheets and reviews compared
//! with the history, every publication in force rated again ([`crate::domain::trust::verify`]),
//! over the data as it is now. The same check runs on a backup file before it is restored.

use leptos::prelude::*;

use crate::domain::trust::verify::Verification;
use crate::i18n::{fill, Locale, K};
use crate::store::backup as backup_store;
use crate::ui::components::{Done, Write};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text;

/// How many breaks are listed; the rest are counted.
const SHOWN_BREAKS: usize = 12;

/// The lines that say what verify found: the verdict first, then each break or the details.
pub fn report_lines(found: &Verification, locale: Locale) -> (bool, String, Vec<String>) {
    let t = |key: K| key.text(locale);
    if found.is_verified() {
        let mut details = Vec::new();
        if let Some(head) = &found.chain.head {
            details.push(fill(t(K::VfHead), &[&head.short()]));
        }
        if found.records_uncovered > 0 {
            details.push(fill(t(K::VfUncovered), &[&found.records_uncovered.to_string()]));
        }
        let verdict = fill(t(K::VfVerified), &[&found.chain.entries.to_string(), &found.publications.to_string()]);
        return (true, verdict, details);
    }
    let mut lines: Vec<String> =
        found.breaks.iter().take(SHOWN_BREAKS).map(|b| text::verify_break(b, locale)).collect();
    if found.breaks.len() > SHOWN_BREAKS {
        lines.push(fill(t(K::VfMore), &[&(found.breaks.len() - SHOWN_BREAKS).to_string()]));
    }
    (false, fill(t(K::VfBroken), &[&found.breaks.len().to_string()]), lines)
}

/// The verify card of the settings page.
#[component]
pub fn VerifySection() -> impl IntoView {
    let ctx = AppContext::get();
    let result = RwSignal::new(None::<Verification>);
    let running = RwSignal::new(false);
    let verifying = Write::new(move |(), locale| async move {
        running.set(true);
        let outcome = backup_store::verify_now(&db()).await;
        running.set(false);
        match outcome {
            Ok(found) => {
                result.set(Some(found));
                Done::Quiet
            }
            Err(e) => Done::Failed(text::store_error(&e, locale)),
        }
    });
    view! {
        <section class="card verify" aria-labelledby="verify-title" data-testid="verify-section">
            <h2 id="verify-title">{tr(K::VfTitle)}</h2>
            <p class="hint">{tr(K::VfHint)}</p>
            <div class="actions">
                <button class="btn btn-primary" on:click=move |_| verifying.run(()) disabled=move || running.get() data-testid="verify-run">
                    {tr(K::VfRun)}
                </button>
            </div>
            {move || running.get().then(|| view! { <p class="loading" role="status">{tr(K::VfRunning)}</p> })}
            {move || result.get().map(|found| {
                let (sound, verdict, lines) = report_lines(&found, ctx.locale.get());
                let class = if sound { "verify-result verified" } else { "verify-result broken" };
                view! {
                    <div class=class role=if sound { "status" } else { "alert" } data-testid="verify-result" data-verified=sound.to_string()>
                        <p class="verify-verdict">{verdict}</p>
                        <ul>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                    </div>
                }
            })}
        </section>
    }
}
