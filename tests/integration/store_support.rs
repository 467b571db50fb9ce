//! Helpers for tests on real SQLite files: the store's own (shared with rung-store's
//! tests), and what needs the app crate: a candidate through the hiring workflow, and the
//! real `rung` binary.

use std::path::Path;
use std::process::{Command, Output};

use rung::actor::Actor;
use rung::store::Store;

#[path = "../../crates/rung-store/tests/store/support.rs"]
#[allow(dead_code)] // not every helper of the store's tests is used here
mod store_fixture;
pub use store_fixture::*;

/// A candidate for the seed ladder's Senior Application Support Engineer, with the
/// default panel, through the workflow the app and the CLI use.
pub fn seed_candidate(store: &mut Store, name: &str) -> i64 {
    let candidate = new_seed_candidate(store, name);
    let actor = add_coordinator(store);
    rung::hiring::create_candidate(store, actor, &candidate).unwrap()
}

/// The panel's coordinator in the tests: adds candidates, decides, issues reports.
pub const COORDINATOR: &str = "Casey Coordinator";

/// The coordinator, added the first time and then acting on this laptop when nobody
/// else is (so the app and the CLI act as them, as a recruiter setting up would).
pub fn add_coordinator(store: &mut Store) -> Actor {
    let id = match store.interviewers().unwrap().into_iter().find(|person| person.name == COORDINATOR) {
        Some(person) => person.id,
        None => rung::hiring::add_person(store, rung::actor::Actor::NOBODY, COORDINATOR, None, true).unwrap().id,
    };
    if store.acting_person().unwrap().is_none() {
        store.set_acting_person(id).unwrap();
    }
    Actor::coordinator(id)
}

/// A coordinator on this laptop (the one seeding added, or the demo's).
pub fn coordinator(store: &Store) -> Actor {
    let person = store.interviewers().unwrap().into_iter().find(|person| person.coordinator);
    Actor::coordinator(person.expect("a candidate was seeded, with a coordinator").id)
}

/// The real `rung` binary on a data folder.
pub fn rung_in(data_dir: &Path, args: &[&str]) -> Output {
    on_data_dir(Command::new(env!("CARGO_BIN_EXE_rung")), data_dir, args)
}

/// Runs `command` (the binary, or a tool that runs it) with `--data-dir DATA_DIR ARGS`.
pub fn on_data_dir(mut command: Command, data_dir: &Path, args: &[&str]) -> Output {
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("RUNG_DATA_DIR")
        // Signing keys in the data folder: a test run never fills a desktop's keyring.
        .env("RUNG_KEY_STORE", "folder")
        .output()
        .unwrap()
}
