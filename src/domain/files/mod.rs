//! The documents people exchange, each read with every problem located and written back
//! exactly: the exchange format, backups, branch packages, spreadsheet imports and exports.

pub mod backup;
pub mod envelope;
pub mod exchange;
pub mod import;
pub mod package;
pub mod package_members;
pub mod report_package;
pub mod sheet_import;
pub mod table_export;
