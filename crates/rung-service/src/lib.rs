//! Rung's workflows, shared by the app's IPC commands, the CLI and team sync: candidates
//! and panels, scoring, the debrief and decisions, calibration, reports and the archive,
//! bundles, erasure, team mode, ladder import and the demo. No Tauri and no clap: the
//! window and the command line are thin faces over these functions.

pub mod acting;
pub mod actor;
pub mod archive;
pub mod bundle;
pub mod debrief;
pub mod demo;
pub mod hiring;
pub mod key_vault;
pub mod ladder_import;
pub mod privacy;
pub mod report;
pub mod setup;
pub mod team;

pub use rung_core::bundle as bundle_format;
pub use rung_core::{access, candidates_csv, decision, ladder, level, passphrase, scorecard, words};
pub use rung_store as store;
