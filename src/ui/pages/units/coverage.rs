use leptos::prelude::*;

use super::UnitsTabs;
use crate::i18n::K;
use crate::ui::context::tr;

#[component]
pub fn CoveragePage() -> impl IntoView {
    view! {
        <section class="page">
            <UnitsTabs />
            <h1>{tr(K::UnCoverageTitle)}</h1>
        </section>
    }
}
