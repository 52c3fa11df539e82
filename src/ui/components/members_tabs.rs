//! The sections of the members' work — the overview, the development pipeline, mobile members, dues and member
//! ratings — above every page of the area, so they read as one place while each section stays its
//! own folder.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::K;
use crate::ui::context::tr;

/// Links rather than ARIA tabs: each section is a page with its own address, so back, reload and
/// bookmarks work as users expect.
#[component]
pub fn MembersTabs() -> impl IntoView {
    view! {
        <nav class="section-tabs" aria-label=tr(K::MbTabsLabel)>
            <A href="/members" exact=true>{tr(K::MbTabOverview)}</A>
            <A href="/members/pipeline">{tr(K::MbTabPipeline)}</A>
            <A href="/members/mobile">{tr(K::MbTabMobile)}</A>
            <A href="/members/dues">{tr(K::MbTabDues)}</A>
            <A href="/members/ratings">{tr(K::MbTabRatings)}</A>
        </nav>
    }
}
