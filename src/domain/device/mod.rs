//! What one browser keeps for itself: local roles and PINs, the kiosk display, the storage quota.

pub mod kiosk;
pub mod roles;
pub mod settings;
pub mod storage;
