//! Paths into the repository and small readers of ladders, for tests on the domain. The
//! app's integration tests include this file too (`#[path]`), so it finds the workspace
//! root from whichever crate compiles it.

use std::path::{Path, PathBuf};

use rung_core::ladder::{self, Ladder, Role};

/// The workspace root (where data/ladders, tests/fixtures and fuzz/ live).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .expect("the workspace root holds Cargo.lock")
}

pub fn data(relative: &str) -> PathBuf {
    repo().join("data/ladders").join(relative)
}

pub fn fixture(relative: &str) -> PathBuf {
    repo().join("tests/fixtures").join(relative)
}

pub fn load(path: &Path) -> Ladder {
    ladder::load(path).unwrap_or_else(|error| panic!("{} should import: {error}", path.display()))
}

pub fn titles(ladder: &Ladder) -> Vec<&str> {
    ladder.roles.iter().map(|role| role.title.as_str()).collect()
}

pub fn role<'a>(ladder: &'a Ladder, title: &str) -> &'a Role {
    ladder
        .roles
        .iter()
        .find(|role| role.title == title)
        .unwrap_or_else(|| panic!("no role titled {title:?} in {:?}", titles(ladder)))
}

/// The title of the role `title` builds on, if any.
pub fn parent_title<'a>(ladder: &'a Ladder, title: &str) -> Option<&'a str> {
    let parent = role(ladder, title).builds_on.as_deref()?;
    Some(ladder.role(parent).expect("builds_on names a role of the ladder").title.as_str())
}

pub fn characteristic_titles(role: &Role) -> Vec<&str> {
    role.characteristics.iter().map(|c| c.title.as_str()).collect()
}
