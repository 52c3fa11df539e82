//! The pure core: plain data and the rules over it. No web, no storage, no IO — so it cannot fail
//! for outside reasons, is tested natively, and is shared verbatim by the app and the audit CLI.

pub mod category;
pub mod org;
pub mod date;
pub mod demo;

pub use category::{Category, Dimension};
