//! Trust in the record: the change history as a hash chain, and the independent check
//! ("verify") that recomputes the chain, compares the stored records with what the history says
//! was written, and recomputes every publication in force from its inputs with the engine.
//!
//! Pure: it works on a [`crate::domain::files::backup::Backup`] (JSON values), so the settings
//! page (over a backup made in memory) and `starbranch verify` (over a file) run the same code.

pub mod chain;
pub mod normal;
pub mod verify;
