use std::path::{Path, PathBuf};

use rung::ladder::{self, Ladder, Role};

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

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
