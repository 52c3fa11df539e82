//! The members' work a branch secretary does every month (seeds 001, 003, 004): developing new
//! members through the fixed stages with two public notices (`pipeline`, 发展党员), keeping track of
//! mobile members and their two-monthly reports (`mobile`, 流动党员), collecting dues (`dues`,
//! 党费收缴), and rating members (`appraisal`: 民主评议党员 each year and 党员互评 each half year;
//! `points`: the points ledger behind 星级党员).
//!
//! Built on `org` (the roll: `Member`, its branch and status) and `ledger` (attendance); nothing
//! here knows about storage. `settings` is the committee's one JSON setting for all of it.

pub mod appraisal;
pub mod dues;
pub mod mobile;
pub mod mutual;
pub mod pipeline;
pub mod pipeline_draft;
pub mod points;
pub mod rating_problem;
pub mod settings;
pub mod summary;
