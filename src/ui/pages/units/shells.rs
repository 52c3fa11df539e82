use leptos::prelude::*;

use super::UnitsTabs;
use crate::i18n::K;
use crate::ui::context::tr;

#[component]
pub fn ShellsPage() -> impl IntoView {
    view! {
        <section class="page">
            <UnitsTabs />
            <h1>{tr(K::UnShellsTitle)}</h1>
        </section>
    }
}
