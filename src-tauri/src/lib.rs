//! Rung: hiring against a career ladder.
//!
//! Domain modules (`ladder`) are plain Rust; `app` is the only module that knows Tauri,
//! and `cli` runs the same operations headless.

#[cfg(feature = "app")]
pub mod app;
pub mod cli;
pub mod debrief;
pub mod demo;
pub mod hiring;
pub mod ladder;
pub mod level;
pub mod scorecard;
pub mod store;
