//! The pure core: plain data and the rules over it. No web, no storage, no IO — so it cannot fail
//! for outside reasons, is tested natively, and is shared verbatim by the app and the audit CLI.
//!
//! Grouped by concept, lowest first: `values` knows nothing of the others; `org`, `rating`,
//! `review`, `ledger` and `key_task` are the model; `device` is what one browser keeps for
//! itself; `files` reads and writes the documents people exchange; `fixtures` makes data; `trust`
//! checks the record (history chain, verify) over a backup.

pub mod values;

pub mod org;

pub mod instructors;
pub mod key_task;
pub mod ledger;
pub mod members;
pub mod rating;
pub mod requests;
pub mod review;
pub mod units;

pub mod device;
pub mod files;
pub mod fixtures;
pub mod trust;

pub use values::category::{Category, Dimension};
