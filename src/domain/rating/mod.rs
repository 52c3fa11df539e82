//! The rating engine: the versioned rubric, a month's sheet and its score, quarterly stars and
//! the annual grade, ranking and comparison, the sheet's workflow and deadlines, and the
//! indicators scored automatically from the ledger and key tasks.

pub mod aggregate;
pub mod auto_score;
pub mod compare;
pub mod dataset;
pub mod deadline;
pub mod engine;
pub mod evaluation;
pub mod ranking;
pub mod rubric;
pub mod scoring;
pub mod workflow;
