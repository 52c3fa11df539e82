//! One module per page.

pub mod backup;
pub mod branch_report;
pub mod dashboard;
pub mod exchange;
pub mod key_tasks;
pub mod kiosk;
pub mod ledger;
pub mod members;
pub mod monthly;
pub mod org_edit;
pub mod org_import;
pub mod orgs;
pub mod packages;
pub mod ratings;
pub mod roles;
pub mod rubric;
pub mod settings;
