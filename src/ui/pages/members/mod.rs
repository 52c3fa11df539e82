//! The members' work (`/members/…`): the committee's overview here, then one folder per section —
//! the development pipeline, mobile members, dues and member ratings — under
//! [`MembersTabs`](crate::ui::components::MembersTabs).

mod dues;
mod mobile;
mod overview;
mod pipeline;
pub mod ratings;

pub use dues::DuesPage;
pub use mobile::{MobilePage, MobilePeriodPage};
pub use overview::MembersHome;
pub use pipeline::{PipelineNew, PipelinePage, PipelinePerson};
