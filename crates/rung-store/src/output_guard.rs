//! No output overwrites what Rung keeps. A report, a re-exported PDF or a bundle is
//! written where the user says, except over the files Rung keeps in the data folder (the
//! database and its `-wal`/`-shm`/`-journal`, its older copies, anything under
//! `backups/`, `opened/` or `keys/`): the path is resolved through `..` and symlinks
//! first, and a path elsewhere that is a hard link to one of those files (same device
//! and inode) is refused too. Outputs are written to a
//! private temporary file and moved into place, so a failed write leaves nothing.

use std::path::{Component, Path, PathBuf};

use crate::error::StoreError;
use crate::files::write_file_atomically_recorded;

/// Writes an output file the user chose, refusing any path that is something Rung keeps.
pub fn write_output(data_dir: &Path, out: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    check_output_path(data_dir, out)?;
    write_file_atomically_recorded(data_dir, out, bytes)
}

/// `Err` with the reason when `out` is, or resolves to, something in the data folder.
pub fn check_output_path(data_dir: &Path, out: &Path) -> Result<(), StoreError> {
    let folder = data_dir.canonicalize().unwrap_or_else(|_| lexical(data_dir));
    let refuse = |what: String| StoreError::ProtectedPath { path: out.to_owned(), what, data_dir: folder.clone() };
    let resolved = resolve(out);
    if let Some(what) = resolved.strip_prefix(&folder).ok().and_then(kept_by_rung) {
        return Err(refuse(what));
    }
    if let Some(what) = same_inode_as_kept(&folder, out) {
        return Err(refuse(format!("another name for {what}")));
    }
    Ok(())
}

/// What a path inside the data folder is, in words, when it is something Rung keeps.
fn kept_by_rung(inside: &Path) -> Option<String> {
    let mut parts = inside.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = parts.next().unwrap_or_default();
    let nested = parts.next().is_some();
    let db = crate::DB_FILE;
    let side = ["-wal", "-shm", "-journal"].into_iter().find(|s| first == format!("{db}{s}"));
    Some(match first.as_str() {
        "" => "Rung's data folder itself".to_owned(),
        "backups" => "one of the app's backups".to_owned(),
        crate::erasure::OPENED_DIR => "a report copy opened for viewing".to_owned(),
        crate::keys::KEYS_DIR => "a signing key".to_owned(),
        crate::partial_outputs::JOURNAL_DIR => "Rung's record of outputs being written".to_owned(),
        crate::folder_lock::HOLDER_FILE => "Rung's record of who holds the data folder".to_owned(),
        _ if nested => return None,
        name if name == db => "the database".to_owned(),
        _ if side.is_some() => format!("the database's {} file", &side.unwrap_or_default()[1..]),
        name if name.starts_with(&format!("{db}.")) => "an older copy of the database".to_owned(),
        _ => return None,
    })
}

/// `path` with symlinks and `..` resolved as far as it exists; the rest kept as written.
fn resolve(path: &Path) -> PathBuf {
    let absolute =
        if path.is_absolute() { path.to_owned() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut current = absolute;
    // A dangling symlink names the file a write would create: follow it (a few times).
    for _ in 0..16 {
        if let Ok(real) = current.canonicalize() {
            return real;
        }
        match std::fs::read_link(&current) {
            Ok(target) => {
                let parent = current.parent().map(Path::to_path_buf).unwrap_or_default();
                current = if target.is_absolute() { target } else { parent.join(target) };
            }
            Err(_) => break,
        }
    }
    let name = current.file_name().map(|n| n.to_os_string());
    match (current.parent().map(resolve_existing), name) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => lexical(&current),
    }
}

fn resolve_existing(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| resolve(dir))
}

/// `..` and `.` removed without touching the disk.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// What file Rung keeps `out` is another name of (a hard link), if any.
fn same_inode_as_kept(folder: &Path, out: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let target = std::fs::metadata(out).ok()?;
        let same = |path: &Path| {
            std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.dev() == target.dev() && m.ino() == target.ino())
        };
        let mut folders = vec![folder.to_owned()];
        while let Some(dir) = folders.pop() {
            for entry in std::fs::read_dir(&dir).ok()?.flatten() {
                let path = entry.path();
                match entry.file_type() {
                    Ok(kind) if kind.is_dir() && dir == folder => folders.push(path),
                    Ok(kind) if kind.is_file() && same(&path) => {
                        let kept = path.strip_prefix(folder).ok().and_then(kept_by_rung);
                        if kept.is_some() {
                            return kept;
                        }
                    }
                    _ => {}
                }
            }
        }
        None
    }
    #[cfg(not(unix))]
    {
        let _ = (folder, out);
        None
    }
}
