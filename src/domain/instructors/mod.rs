//! Party-building instructors (党建指导员): the pool of people a committee can send into
//! non-public units, the two-way match that assigns them (双向选择: 企业所需 → 个人同意 → 签订协议
//! → 组织委任), their monthly reports (每月上报) and the half-year notice made of them (半年通报),
//! and the year-end review (述职 + 点评 + 评议) whose satisfaction survey decides commendation or
//! replacement.
//!
//! Built on `units` (the units they serve); nothing here knows about rating. Every rule is a
//! function of values; `problem` holds the one vocabulary of what can be wrong, so the UI words
//! every refusal through one text map.

pub mod assignment;
pub mod draft;
pub mod instructor;
pub mod notice;
pub mod problem;
pub mod report;
pub mod review;
pub mod settings;
pub mod summary;

pub use problem::{Field, Problem, Problems};
