//! One integration-test binary (one link of the Tauri app instead of many).

mod support;

mod cli;
mod e2e;
mod folder_ladder;
mod fuzz_corpus;
mod json_round_trip;
mod malformed;
mod properties;
mod robust_markdown;
mod seed_ladder;
