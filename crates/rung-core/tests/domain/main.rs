//! The domain's tests in one binary: ladder import (seed, folders, front matter, shapes,
//! spreadsheets, robustness, hostile input, the malformed corpus, the fuzzers' corpora,
//! JSON), reading corrections, properties, panel plans, questions and the level engine
//! (boundaries, agreement, the decision-quality simulation). Plain Rust: no SQLite, no
//! window. Tests that need the store live with rung-store, the CLI and window in tests/.

mod generated_ladders;
mod support;

mod data_ladders;
mod folder_ladder;
mod front_matter;
mod fuzz_corpus;
mod hardening_import;
mod json_round_trip;
mod ladder_shapes;
mod level_engine;
mod level_simulation;
mod malformed;
mod panel_plan;
mod properties;
mod questions;
mod reading_mapping;
mod robust_markdown;
mod seed_ladder;
mod spreadsheets;
