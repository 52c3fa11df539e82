//! StarBranch (星级党支部评星定级): rating Party branches by stars, fully in the browser.
//!
//! `domain` is pure and builds everywhere; `store`, `ui` and `charts` are the browser edge and
//! build only for wasm32. See docs/ARCHITECTURE.md for the map.

pub mod domain;
pub mod i18n;

#[cfg(target_arch = "wasm32")]
pub mod charts;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
