//! The instructors' area (党建指导员): the half-year notice (`/instructors/notice`) and the
//! year-end review with its results (`/instructors/year`, `/instructors/year/:instructor`). The
//! committee's pages; every rule they show comes from `domain::instructors`.

mod notice;
mod year;

pub use notice::InstructorNotice;
pub use year::{InstructorReview, InstructorYear};
