//! Rung: hiring against a career ladder.
//!
//! The domain (`ladder`, `scorecard`, `level`) is the `rung-core` crate and the store
//! the `rung-store` crate; this crate holds the workflows the app and the CLI share
//! (`hiring`, `debrief`, `demo`), the app (the only code that knows Tauri) and the CLI.

#[cfg(feature = "app")]
pub mod app;
pub mod bundle;
pub mod cli;
pub mod debrief;
pub mod demo;
pub mod hiring;
pub mod ladder_import;
pub mod privacy;
pub mod report;
pub mod team;
pub use rung_core::bundle as bundle_format;
pub use rung_core::{decision, ladder, level, scorecard};
pub use rung_store as store;
