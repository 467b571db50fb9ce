//! One integration-test binary (one link of the Tauri app instead of many): the tests that
//! need the `rung` crate — its workflows (hiring, debrief, reports, bundles, erasure), the
//! CLI or the window. The domain's, the store's and team mode's own tests live with their
//! crates (crates/*/tests) and share their helpers with these through `#[path]`.

mod store_support;
mod support;

mod access_rules;
mod bundles;
mod cli;
mod cli_db;
mod cli_recommend;
mod cli_recruiter;
// The performance table's rows, shared with the benches (for the in-window benchmark).
#[path = "../../benches/support/table.rs"]
mod bench_table;
mod command_grants;
mod debrief_gate;
mod decisions;
mod demo;
mod e2e;
mod e2e_accessibility;
mod e2e_archive;
mod e2e_candidates;
mod e2e_debrief;
mod e2e_journey;
mod e2e_keyboard;
mod e2e_ladder_import;
mod e2e_passphrases;
mod e2e_release_assets;
mod e2e_scoring;
mod e2e_support;
mod e2e_team;
mod erasure;
mod erasure_bundles;
mod faults;
mod hardening_backups;
mod hardening_bundles;
mod hardening_concurrency;
mod hardening_erasure;
mod hardening_import;
mod hardening_outputs;
mod hardening_panels;
mod hardening_tamper;
mod hardening_team;
mod interview_status;
mod parser_bombs;
mod passphrases;
mod pdf_tools;
mod reading_mapping;
mod reading_warnings;
mod report_pdf;
mod report_support;
mod security_posture;
mod team_decisions;
mod team_erasure;
mod team_erasure_disk;
mod team_keyring;
mod team_kills;
mod team_support;
mod team_sync;
