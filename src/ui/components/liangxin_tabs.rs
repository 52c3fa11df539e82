//! The sections of the 两新 work — the unit registry with its coverage, screening and import,
//! the instructors and the enterprise requests — under every page of the three areas, so they
//! read as one place to the committee while each area stays its own folder.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::K;
use crate::ui::context::tr;

/// Links rather than ARIA tabs: each section is a page with its own address, so back, reload and
/// bookmarks work as users expect.
#[component]
pub fn LiangxinTabs() -> impl IntoView {
    view! {
        <nav class="section-tabs" aria-label=tr(K::UnTabsLabel)>
            <A href="/units" exact=true>{tr(K::UnTabRegistry)}</A>
            <A href="/units/coverage">{tr(K::UnTabCoverage)}</A>
            <A href="/units/shells">{tr(K::UnTabShells)}</A>
            <A href="/units/import">{tr(K::UnTabImport)}</A>
            <A href="/instructors">{tr(K::InNav)}</A>
            <A href="/requests">{tr(K::RqNav)}</A>
        </nav>
    }
}
