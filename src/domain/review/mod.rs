//! The committee's check on a quarter: review, adjustment, publication and commendation, and
//! the rectification tasks that follow weak points.

pub mod quarter;
pub mod rectification;
