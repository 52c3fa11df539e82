//! The 两新 area: the unit registry (`/units`), a unit's form (`/units/new`, `/units/:id`),
//! coverage and the gap list (`/units/coverage`), the screening for shell organisations
//! (`/units/shells`), and spreadsheet import and export (`/units/import`); a unit's page also
//! lists its enterprise requests. The committee's
//! pages; every rule they show comes from `domain::units`.

mod coverage;
mod edit;
mod import;
mod registry;
mod shells;
mod unit_requests;

pub use coverage::CoveragePage;
pub use edit::UnitEdit;
pub use import::UnitImport;
pub use registry::UnitsPage;
pub use shells::ShellsPage;
