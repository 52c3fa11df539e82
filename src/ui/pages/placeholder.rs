use leptos::prelude::*;

use crate::i18n::K;
use crate::ui::context::tr;

/// A page whose capability lands in a later release; says so plainly instead of pretending.
#[component]
pub fn Placeholder(title: K, body: K) -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(title)}</h1>
            <div class="empty-state">
                <p>{tr(body)}</p>
            </div>
        </section>
    }
}
