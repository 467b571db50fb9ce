//! Rung's domain, plain Rust: the career ladder and its importers, scorecards and panel
//! plans, and the level recommendation. This crate depends on neither Tauri nor SQLite
//! (its Cargo.toml says so), so the compiler keeps storage and UI out of the rules.

pub mod access;
pub mod bundle;
pub mod candidates_csv;
pub mod decision;
pub mod error_code;
pub mod identity;
pub mod input;
pub mod ladder;
pub mod level;
pub mod passphrase;
pub mod scorecard;
pub mod signing;
pub mod team;
pub mod words;
