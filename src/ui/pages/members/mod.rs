//! The members' work (`/members/…`): the committee's overview here, then one folder per section —
//! the development pipeline, mobile members, dues and member ratings — under
//! [`MembersTabs`](crate::ui::components::MembersTabs).

mod overview;

pub use overview::MembersHome;
