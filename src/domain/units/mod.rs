//! Party building in non-public units (两新组织): the registry of enterprises, social
//! organisations and cooperatives, how each is covered by a Party organisation, the coverage
//! figures a committee reports (组织覆盖率, 工作覆盖率), the screening of organisations that
//! exist only on paper (空壳党组织), and the report of both that the auditors' tool prints.
//!
//! Built on `org` (the orgs that cover units and their rolls) and `ledger` (whether those orgs
//! hold organisational life); nothing here knows about rating.

pub mod coverage;
pub mod credit_code;
pub mod draft;
pub mod filter;
pub mod formation;
pub mod overview;
pub mod report;
pub mod shell;
pub mod unit;

mod calendar;
