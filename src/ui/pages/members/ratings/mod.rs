//! Member ratings (`/members/ratings…`): the branches with the committee's standards
//! (`home`), a branch's 民主评议 sheet of a year (`appraisal`, `/members/ratings/:branch`), its
//! 互评 sheet of a half-year (`mutual`, `…/mutual`), its points ledger with the manual items
//! (`points`, `…/points`) and the printable list of star members (`stars`, `…/stars`). Every
//! rule the pages show comes from `domain::members::{appraisal, mutual, points}`; every write
//! goes through one `store::member_ratings` function.

mod appraisal;
mod home;
mod mutual;
mod points;
mod stars;

pub use appraisal::AppraisalPage;
pub use home::RatingsHome;
pub use mutual::MutualPage;
pub use points::PointsPage;
pub use stars::StarsPage;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::domain::members::mutual::HalfYear;
use crate::domain::org::{Org, OrgKind};
use crate::domain::values::period::Year;
use crate::i18n::K;
use crate::store::member_ratings::{self as ratings_store, BranchRatings};
use crate::store::{self, StoreError};
use crate::ui::components::{AsyncView, EmptyState, MembersTabs};
use crate::ui::context::{db, tr, AppContext};
use crate::ui::text::member_ratings::{half_name, year_name};

/// A branch's ratings with its org record (for the name) and every org (to name another branch).
#[derive(Clone, Debug, PartialEq)]
struct Loaded {
    branch: Org,
    orgs: Vec<Org>,
    data: BranchRatings,
}

impl Loaded {
    /// The member's (or an org's) name, or the id should neither be known.
    fn name(&self, id: &str) -> String {
        self.data
            .roll
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.clone())
            .or_else(|| self.orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()))
            .unwrap_or_else(|| id.to_string())
    }
}

/// The branch of the route, read again after every write.
fn use_branch() -> (Memo<String>, LocalResource<Result<Option<Loaded>, StoreError>>) {
    let ctx = AppContext::get();
    let params = use_params_map();
    let branch = Memo::new(move |_| params.read().get("branch").unwrap_or_default());
    let data = LocalResource::new(move || {
        ctx.revision.track();
        let id = branch.get();
        async move {
            let db = db();
            let orgs = store::orgs::list_orgs(&db).await?;
            let Some(org) = orgs.iter().find(|o| o.id == id && o.kind == OrgKind::Branch).cloned() else {
                return Ok(None);
            };
            let data = ratings_store::load(&db, &id).await?;
            Ok(Some(Loaded { branch: org, orgs, data }))
        }
    });
    (branch, data)
}

/// The page frame of a branch: the members' tabs, the branch's own tabs, then `children` with
/// the loaded data — or the empty state for an unknown branch.
#[component]
fn BranchFrame<V: IntoView + 'static>(
    /// Which of the branch's tabs is current (for `aria-current`, through the router).
    #[prop(into)]
    class: String,
    children: impl Fn(Loaded) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let (branch, data) = use_branch();
    view! {
        <section class=format!("page mr-page {class}")>
            <div class="no-print">
                <MembersTabs />
                <nav class="section-tabs section-subtabs" aria-label=tr(K::MrTabsLabel)>
                    <A href="/members/ratings" exact=true>{tr(K::MrAllBranches)}</A>
                    <A href=move || format!("/members/ratings/{}", branch.get()) exact=true>{tr(K::MrTabAppraisal)}</A>
                    <A href=move || format!("/members/ratings/{}/mutual", branch.get())>{tr(K::MrTabMutual)}</A>
                    <A href=move || format!("/members/ratings/{}/points", branch.get())>{tr(K::MrTabPoints)}</A>
                    <A href=move || format!("/members/ratings/{}/stars", branch.get())>{tr(K::MrTabStars)}</A>
                </nav>
            </div>
            <AsyncView resource=data let:loaded>
                {match loaded {
                    Some(loaded) => children(loaded).into_any(),
                    None => view! {
                        <EmptyState message=K::OrgNotFound>
                            <A href="/members/ratings" attr:class="btn">{tr(K::MrAllBranches)}</A>
                        </EmptyState>
                    }
                    .into_any(),
                }}
            </AsyncView>
        </section>
    }
}

/// The `?year=` of the page, or `default`.
fn year_from_query(default: Year) -> Memo<Year> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("year").and_then(|y| y.parse().ok()).unwrap_or(default))
}

/// The `?half=` of the page, or the current half-year.
fn half_from_query() -> Memo<HalfYear> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.read().get("half").and_then(|h| h.parse().ok()).unwrap_or_else(|| HalfYear::of(store::today()))
    })
}

/// Previous and next year as links around the year's name.
#[component]
fn YearPicker(year: Year, base: String) -> impl IntoView {
    let ctx = AppContext::get();
    let link = move |y: Option<Year>| y.map(|y| format!("{base}?year={y}"));
    let previous = link(Year::new(year.number() - 1));
    let next = link(Year::new(year.number() + 1));
    view! {
        <div class="month-picker mr-period" data-testid="mr-year">
            {previous.map(|href| view! { <A href=href attr:class="btn" attr:aria-label=tr(K::MrPrevYear)>"‹"</A> })}
            <strong class="mr-period-name">{move || year_name(year, ctx.locale.get())}</strong>
            {next.map(|href| view! { <A href=href attr:class="btn" attr:aria-label=tr(K::MrNextYear)>"›"</A> })}
        </div>
    }
}

/// Previous and next half-year as links around the half's name.
#[component]
fn HalfPicker(half: HalfYear, base: String) -> impl IntoView {
    let ctx = AppContext::get();
    let link = move |h: Option<HalfYear>| h.map(|h| format!("{base}?half={h}"));
    let previous = link(half.previous());
    let next = link(half.next());
    view! {
        <div class="month-picker mr-period" data-testid="mr-half">
            {previous.map(|href| view! { <A href=href attr:class="btn" attr:aria-label=tr(K::MrPrevHalf)>"‹"</A> })}
            <strong class="mr-period-name">{move || half_name(half, ctx.locale.get())}</strong>
            {next.map(|href| view! { <A href=href attr:class="btn" attr:aria-label=tr(K::MrNextHalf)>"›"</A> })}
        </div>
    }
}
