//! The store's tests in one binary, on real SQLite files in temporary folders: basics,
//! independence (who reads which scorecard), the audit chain under tampering
//! (properties), backups and restores (and their misuse), damaged and foreign databases,
//! the archive's search, ladder snapshots, and every acknowledged save surviving SIGKILL
//! (examples/crash_writer is the process killed). No window, no app crate: tests through
//! the `rung` CLI live in tests/integration.

// Paths and ladder readers, shared with rung-core's tests.
#[path = "../../../rung-core/tests/domain/support.rs"]
#[allow(dead_code)] // not every helper of the domain's tests is used here
mod ladder_support;
mod support;

mod archive_search;
mod crash;
mod hardening_backups;
mod independence;
mod ladder_snapshots;
mod store_audit_properties;
mod store_backups;
mod store_bad_databases;
mod store_basics;
