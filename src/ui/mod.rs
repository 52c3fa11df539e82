//! Leptos components and pages. Views hold no business rules: they read the store, call the
//! domain, and show the result in the current language.

mod components;
mod context;
mod data;
pub(crate) mod download;
mod pages;
pub mod recover;
mod shell;
mod text;

pub use context::{db, AppContext};
pub use shell::App;
