//! The pure core: plain data and the rules over it. No web, no storage, no IO — so it cannot fail
//! for outside reasons, is tested natively, and is shared verbatim by the app and the audit CLI.

pub mod category;
pub mod compare;
pub mod org;
pub mod date;
pub mod demo;
pub mod import;

// The e-ledger and key tasks (issue 5): organisational life and assigned work, scored
// automatically on the rubric's ledger and key-task indicators.
pub mod key_task;
pub mod ledger;

// The rating engine (issue 4): rubric, monthly scores, quarterly stars, annual grade, ranking,
// and the exchange format the app and the audit CLI share.
pub mod evaluation;
pub mod exchange;
pub mod period;
pub mod points;
pub mod ranking;
pub mod rating;
pub mod rubric;
pub mod scoring;
pub mod synthetic;
pub mod validation;
pub mod workflow;

// The committee's quarter (issue 6): review and publication, commendation, rectification.
pub mod rectification;
pub mod review;

// The monthly sheet's automatic indicators (issue 5): from the ledger and key tasks.
pub mod auto_score;
pub mod deadline;
pub mod storage;

// Backup and restore of the whole database (issue 7).
pub mod backup;

// The kiosk display (issue 7): rotation, settings, what a public screen may show.
pub mod kiosk;

// Local roles and PINs on a shared device (issue 7).
pub mod roles;

// Spreadsheet exports of the tables a user sees (issue 8).
pub mod table_export;

// Spreadsheet import of branches and members (issue 8): read, map columns, plan.
pub mod sheet_import;

// Branch submission packages (issue 8): a branch's month to the committee, statuses back.
pub mod package;

pub use category::{Category, Dimension};
