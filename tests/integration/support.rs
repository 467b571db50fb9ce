//! Paths into the repository and ladder readers (shared with rung-core's tests), and
//! what only these tests need.

use std::path::{Path, PathBuf};

#[path = "../../crates/rung-core/tests/domain/support.rs"]
#[allow(dead_code)] // not every helper of the domain's tests is used here
mod domain;
pub use domain::*;

/// Every file under `dir`, depth first.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}
