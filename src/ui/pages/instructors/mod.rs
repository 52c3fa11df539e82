//! The instructors area (党建指导员): the pool with each person's load and status
//! (`/instructors`), a person's form and assignments (`/instructors/new`, `/instructors/:id`), an
//! assignment through the four steps of the two-way match with its ending
//! (`/instructors/:id/assign`, `/instructors/assignments/:id`), its letter of appointment
//! (`…/letter`), the monthly reports (`…/report/:unit/:month`), the half-year notice
//! (`/instructors/notice`) and the year-end review (`/instructors/year`). The committee's pages;
//! every rule they show comes from `domain::instructors`.

mod assignment;
mod edit;
mod letter;
mod notice;
mod package;
mod pool;
mod report;
mod year;

pub use assignment::AssignmentPage;
pub use edit::InstructorEdit;
pub use letter::AppointmentLetter;
pub use notice::InstructorNotice;
pub use pool::InstructorsPage;
pub use report::ReportPage;
pub use year::{InstructorReview, InstructorYear};

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::K;
use crate::ui::components::LiangxinTabs;
use crate::ui::context::tr;

/// The 两新 tabs and the area's own sections, above every page of it.
#[component]
fn InstructorsTabs() -> impl IntoView {
    view! {
        <LiangxinTabs />
        <nav class="section-tabs section-subtabs" aria-label=tr(K::InTabsLabel)>
            <A href="/instructors" exact=true>{tr(K::InTabPool)}</A>
            <A href="/instructors/notice">{tr(K::InTabNotice)}</A>
            <A href="/instructors/year">{tr(K::InTabYear)}</A>
        </nav>
    }
}
