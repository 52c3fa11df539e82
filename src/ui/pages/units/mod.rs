//! The 两新 area: the unit registry (`/units`), a unit's form (`/units/new`, `/units/:id`),
//! coverage and the gap list (`/units/coverage`), the screening for shell organisations
//! (`/units/shells`), and spreadsheet import and export (`/units/import`). The committee's
//! pages; every rule they show comes from `domain::units`.

mod coverage;
mod edit;
mod import;
mod registry;
mod shells;

pub use coverage::CoveragePage;
pub use edit::UnitEdit;
pub use import::UnitImport;
pub use registry::UnitsPage;
pub use shells::ShellsPage;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::K;
use crate::ui::context::tr;

/// The area's sections, under every page of it. Links rather than ARIA tabs: each section is a
/// page with its own address, so back, reload and bookmarks work as users expect.
#[component]
fn UnitsTabs() -> impl IntoView {
    view! {
        <nav class="section-tabs" aria-label=tr(K::UnTabsLabel)>
            <A href="/units" exact=true>{tr(K::UnTabRegistry)}</A>
            <A href="/units/coverage">{tr(K::UnTabCoverage)}</A>
            <A href="/units/shells">{tr(K::UnTabShells)}</A>
            <A href="/units/import">{tr(K::UnTabImport)}</A>
        </nav>
    }
}
