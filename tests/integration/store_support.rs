//! Helpers for tests on real SQLite files: the store's own (shared with rung-store's
//! tests), and what needs the app crate: a candidate through the hiring workflow, and the
//! real `rung` binary.

use std::path::Path;
use std::process::{Command, Output};

use rung::store::Store;

#[path = "../../crates/rung-store/tests/store/support.rs"]
#[allow(dead_code)] // not every helper of the store's tests is used here
mod store_fixture;
pub use store_fixture::*;

/// A candidate for the seed ladder's Senior Application Support Engineer, with the
/// default panel, through the workflow the app and the CLI use.
pub fn seed_candidate(store: &mut Store, name: &str) -> i64 {
    let candidate = new_seed_candidate(store, name);
    rung::hiring::create_candidate(store, &candidate).unwrap()
}

/// The real `rung` binary on a data folder.
pub fn rung_in(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rung"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("RUNG_DATA_DIR")
        .output()
        .unwrap()
}
