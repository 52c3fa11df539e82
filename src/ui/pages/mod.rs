//! One folder per area of the app; a page imports shared pieces from `ui::{components, data,
//! text}`, never from another area.

pub mod dashboard;
pub mod instructors;
pub mod key_tasks;
pub mod kiosk;
pub mod ledger;
pub mod members;
pub mod monthly;
pub mod orgs;
pub mod packages;
pub mod ratings;
pub mod requests;
pub mod rubric;
pub mod settings;
pub mod units;
