//! Plain values every rule is built from: calendar dates, rating periods, points in exact
//! hundredths, branch categories, moments shown in local time, and the located problems a
//! validation reports.

pub mod category;
pub mod date;
pub mod json_error;
pub mod period;
pub mod points;
pub mod ratio;
pub mod time;
pub mod validation;
