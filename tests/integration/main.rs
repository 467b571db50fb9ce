//! One integration-test binary (one link of the Tauri app instead of many).

mod store_support;
mod support;

mod cli;
mod cli_db;
mod cli_recommend;
mod crash;
mod debrief_gate;
mod decisions;
mod demo;
mod e2e;
mod e2e_debrief;
mod e2e_scoring;
mod e2e_support;
mod folder_ladder;
mod fuzz_corpus;
mod generated_ladders;
mod hardening_backups;
mod hardening_concurrency;
mod hardening_import;
mod hardening_tamper;
mod independence;
mod json_round_trip;
mod level_engine;
mod level_simulation;
mod malformed;
mod panel_plan;
mod properties;
mod questions;
mod robust_markdown;
mod seed_ladder;
mod store_audit_properties;
mod store_backups;
mod store_bad_databases;
mod store_basics;
