//! The members' work (`/members/…`): the development pipeline, mobile members, dues and member
//! ratings, one folder per section under [`MembersTabs`](crate::ui::components::MembersTabs).

pub mod ratings;

use leptos::prelude::*;
use leptos_router::components::Redirect;

/// `/members` opens the first section, so the header's link lands on a page with its tabs.
#[component]
pub fn MembersHome() -> impl IntoView {
    view! { <Redirect path="/members/pipeline" /> }
}
