//! File-system rules for everything the store writes beside the database: copies are
//! private (0600), safety copies never overwrite one another, partial files never
//! outlive a failure, and only one process at a time creates, migrates or replaces a
//! database in a folder.

use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::StoreError;
use crate::open::sibling;

pub use crate::folder_lock::{lock_folder, FolderLock};

/// Creates the folder `path` (if missing) for its owner only (0700), whatever the umask.
pub fn create_private_dir(path: &Path) -> Result<(), StoreError> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    match builder.create(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        Err(error) => Err(StoreError::io(path, &error)),
    }
}

/// Creates `path` readable and writable by its owner only; fails if it exists.
pub fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// A name beside `path` that did not exist and is now reserved (an empty private file):
/// `rung.db.<label>-<UTC time to the microsecond>[-n].<extension>`. Two calls never get
/// the same name, so one safety copy can never replace another.
pub fn reserve_sibling(path: &Path, label: &str, extension: &str) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ");
    for n in 1u32.. {
        let counter = if n == 1 { String::new() } else { format!("-{n}") };
        let candidate = sibling(path, &format!("{label}-{stamp}{counter}{extension}"));
        match create_private(&candidate) {
            Ok(_) => return Ok(candidate),
            Err(error) if error.kind() == ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(StoreError::io(&candidate, &error)),
        }
    }
    unreachable!("the counter does not run out")
}

/// Gives `from` the extra name `to`, only if `to` does not exist yet: a hard link is
/// created exclusively, so nothing is ever replaced. Where the file system has no hard
/// links, a rename after checking that `to` is free.
fn link_exclusively(from: &Path, to: &Path) -> std::io::Result<bool> {
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Err(error),
        Err(_) if to.exists() => Err(ErrorKind::AlreadyExists.into()),
        Err(_) => std::fs::rename(from, to).map(|()| false),
    }
}

/// Moves a database and the files SQLite keeps beside it to
/// `<file>.<label>-<time>[-n]`, never replacing anything; returns the new name.
pub fn move_database_aside(path: &Path, label: &str) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ");
    let sides: Vec<&str> = ["-wal", "-shm", "-journal"].into_iter().filter(|s| side_file(path, s).exists()).collect();
    for n in 1u32.. {
        let counter = if n == 1 { String::new() } else { format!("-{n}") };
        let target = sibling(path, &format!("{label}-{stamp}{counter}"));
        let taken = std::iter::once(target.clone()).chain(sides.iter().map(|s| side_file(&target, s)));
        if taken.into_iter().any(|name| name.exists()) {
            continue;
        }
        let linked = match link_exclusively(path, &target) {
            Ok(linked) => linked,
            Err(error) if error.kind() == ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(StoreError::io(path, &error)),
        };
        for suffix in &sides {
            let (from, to) = (side_file(path, suffix), side_file(&target, suffix));
            let moved = if linked { link_exclusively(&from, &to).map(|_| ()) } else { std::fs::rename(&from, &to) };
            moved.map_err(|e| StoreError::io(&from, &e))?;
        }
        if linked {
            for name in std::iter::once(path.to_owned()).chain(sides.iter().map(|s| side_file(path, s))) {
                std::fs::remove_file(&name).map_err(|e| StoreError::io(&name, &e))?;
            }
        }
        return Ok(target);
    }
    unreachable!("the counter does not run out")
}

/// The file SQLite keeps beside a database: `rung.db` + "-wal" → `rung.db-wal`.
pub fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The database and the files SQLite keeps beside it.
pub fn database_files(path: &Path) -> [PathBuf; 4] {
    [path.to_owned(), side_file(path, "-wal"), side_file(path, "-shm"), side_file(path, "-journal")]
}

/// Removes a temporary file (and SQLite's files beside it) when dropped, unless kept.
pub struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl TempFile {
    pub fn new(path: PathBuf) -> TempFile {
        TempFile { path, keep: false }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn keep(mut self) -> PathBuf {
        self.keep = true;
        self.path.clone()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            for file in database_files(&self.path) {
                let _ = std::fs::remove_file(file);
            }
        }
    }
}

/// What a path is, following symlinks: nothing, a regular file, or something else
/// (a folder, a device, a FIFO, a socket) that Rung must not read or replace.
pub enum Kind {
    Missing,
    Regular,
    Other(&'static str),
}

pub fn kind_of(path: &Path) -> Result<Kind, StoreError> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => Ok(Kind::Regular),
        Ok(metadata) => Ok(Kind::Other(describe(&metadata))),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(Kind::Missing),
        Err(error) => Err(StoreError::io(path, &error)),
    }
}

fn describe(metadata: &std::fs::Metadata) -> &'static str {
    rung_core::input::describe(metadata)
}

/// True when `a` and `b` name the same file (same device and inode), or would, once created.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    let canonical = |path: &Path| {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        parent.canonicalize().ok().map(|dir| dir.join(path.file_name().unwrap_or_default()))
    };
    matches!((canonical(a), canonical(b)), (Some(x), Some(y)) if x == y)
}

/// Writes `bytes` to `path` whole or not at all: into a private sibling first, synced,
/// then renamed over `path`. A folder or device at `path` is refused, never replaced.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomically(path, bytes, None)
}

/// `write_file_atomically`, with the partial file recorded in `data_dir` first, so that
/// if this process is killed the next open removes it (partial_outputs.rs).
pub fn write_file_atomically_recorded(data_dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomically(path, bytes, Some(data_dir))
}

fn write_atomically(path: &Path, bytes: &[u8], data_dir: Option<&Path>) -> Result<(), StoreError> {
    if let Kind::Other(what) = kind_of(path)? {
        return Err(StoreError::NotWritable { path: path.to_owned(), what: what.to_owned() });
    }
    let temporary = TempFile::new(reserve_sibling(path, "partial", "")?);
    // Recorded while still empty: a kill before this leaves an empty file, never the output.
    let _recorded = match data_dir {
        Some(dir) => Some(crate::partial_outputs::begin(dir, temporary.path())?),
        None => None,
    };
    {
        use std::io::Write;
        let mut file = OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(temporary.path())
            .map_err(|e| StoreError::io(temporary.path(), &e))?;
        file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| StoreError::io(path, &e))?;
    }
    std::fs::rename(temporary.path(), path).map_err(|e| StoreError::io(path, &e))?;
    temporary.keep();
    Ok(())
}
