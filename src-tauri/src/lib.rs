//! Rung: hiring against a career ladder.
//!
//! The domain (`ladder`, `scorecard`, `level`) is the `rung-core` crate, the store the
//! `rung-store` crate and the workflows the `rung-service` crate; this crate holds the
//! two faces over them: the app (the only code that knows Tauri) and the CLI.

#[cfg(feature = "app")]
pub mod app;
pub mod cli;
pub use rung_core::bundle as bundle_format;
pub use rung_core::{access, decision, ladder, level, scorecard};
pub use rung_service::{
    acting, actor, archive, bundle, debrief, demo, hiring, key_vault, ladder_import, privacy, report, setup, team,
};
pub use rung_store as store;
