//! `/members/ratings/:branch/stars[?year=2026]`: the branch's star members of a year
//! ([`star_members`]: most stars first), with the committee's thresholds — laid out for one A4
//! page, portrait, with the branch's seal and date below.

use leptos::prelude::*;

use super::{year_from_query, BranchFrame, Loaded, YearPicker};
use crate::domain::members::points::star_members;
use crate::domain::values::period::Year;
use crate::i18n::{fill, K};
use crate::store;
use crate::ui::components::{col, EmptyState, StarLevel, Table};
use crate::ui::context::{tr, AppContext};
use crate::ui::text::member_ratings::year_name;

/// The printable list.
#[component]
pub fn StarsPage() -> impl IntoView {
    let year = year_from_query(store::this_month().year());
    view! {
        <BranchFrame class="mr-stars-page" let:loaded>
            {move || view! { <List loaded=loaded.clone() year=year.get() /> }}
        </BranchFrame>
    }
}

#[component]
fn List(loaded: Loaded, year: Year) -> impl IntoView {
    let ctx = AppContext::get();
    let branch = loaded.branch.clone();
    let data = &loaded.data;
    let stars = star_members(&branch.id, year, &data.roll, &data.ledger, &data.items, &data.settings);
    let thresholds = data.settings.star_thresholds.map(|t| t.to_string());
    let title = {
        let name = branch.name.clone();
        move || fill(ctx.t(K::MrStarsTitle), &[&name, &year_name(year, ctx.locale.get())])
    };
    let today = store::today().to_string();
    view! {
        <div class="page-head no-print">
            <YearPicker year base=format!("/members/ratings/{}/stars", branch.id) />
            <button type="button" class="btn btn-primary" data-testid="mr-print" on:click=move |_| {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }>{tr(K::MrPrint)}</button>
        </div>
        <article class="mr-star-sheet" data-testid="mr-star-sheet">
            <h1 class="mr-star-title">{title}</h1>
            <p class="hint">{move || fill(ctx.t(K::MrStarsRule), &thresholds.each_ref().map(String::as_str))}</p>
            {if stars.is_empty() {
                view! { <EmptyState message=K::MrStarsNone /> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0">
                    <Table class="mr-table mr-star-table" testid="mr-star-table" cols=vec![col(K::MrRank).class("num"), col(K::MrMember), col(K::MrStars), col(K::MrTotal).class("num")]>
                        {stars.into_iter().enumerate().map(|(i, s)| view! {
                            <tr data-member=s.member.clone() data-stars=s.points.stars>
                                <td class="num">{i + 1}</td>
                                <th scope="row">{s.name.clone()}</th>
                                <td><StarLevel stars=Some(s.points.stars) /></td>
                                <td class="num">{s.points.total}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                    </div>
                }
                .into_any()
            }}
            <div class="mr-signatures">
                <span>{tr(K::MrSignBranch)}</span>
                <span>{tr(K::MrSignDate)}</span>
            </div>
            <p class="print-only print-line">{move || fill(ctx.t(K::MrPrintLine), &[&today])}</p>
        </article>
    }
}
