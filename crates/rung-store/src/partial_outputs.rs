//! Outputs a killed write leaves half-done. A report or bundle is written to a private
//! `<file>.partial-<time>` beside where the user wants it, then renamed into place; a
//! process killed in between would leave that file (the whole report, with the
//! candidate's name) where nothing knows of it. So before the partial file is created,
//! its path is recorded in the data folder's `outputs-in-progress/`, one small file per
//! write, locked by the writer while it writes. Every open and every erasure removes the
//! partial files named by entries no live writer holds.

use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::StoreError;
use crate::files::create_private;

/// The folder in the data folder where writes in progress are recorded.
pub const JOURNAL_DIR: &str = "outputs-in-progress";

/// Only files with this in their name are ever removed from where an entry points.
const PARTIAL_MARK: &str = ".partial-";

/// One write in progress; the entry goes when this is dropped (the write is over, the
/// partial file renamed into place or removed).
pub struct InProgress {
    entry: PathBuf,
    _held: File,
}

impl Drop for InProgress {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.entry);
    }
}

/// Records that `partial` is about to be written, before it exists.
pub fn begin(data_dir: &Path, partial: &Path) -> Result<InProgress, StoreError> {
    let folder = data_dir.join(JOURNAL_DIR);
    crate::files::create_private_dir(&folder)?;
    let absolute = std::path::absolute(partial).map_err(|e| StoreError::io(partial, &e))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ");
    for n in 0u32.. {
        let entry = folder.join(format!("{stamp}-{}-{n}", std::process::id()));
        let mut file = match create_private(&entry) {
            Ok(file) => file,
            Err(error) if error.kind() == ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(StoreError::io(&entry, &error)),
        };
        // Held while the write runs, so another process's clean-up leaves it alone.
        let _ = file.try_lock();
        file.write_all(absolute.as_os_str().as_encoded_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| StoreError::io(&entry, &e))?;
        return Ok(InProgress { entry, _held: file });
    }
    unreachable!("the counter does not run out")
}

/// Overwrites and removes every partial output left by a write that is no longer
/// running; returns how many there were.
pub fn remove_left_over(data_dir: &Path) -> Result<usize, StoreError> {
    let folder = data_dir.join(JOURNAL_DIR);
    let Ok(entries) = std::fs::read_dir(&folder) else { return Ok(0) };
    let mut removed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(mut file) = File::open(&path) else { continue };
        // A writer still running holds its entry.
        if file.try_lock().is_err() {
            continue;
        }
        let mut named = Vec::new();
        file.read_to_end(&mut named).map_err(|e| StoreError::io(&path, &e))?;
        let partial = PathBuf::from(os_string(named));
        let is_partial = partial.file_name().is_some_and(|n| n.to_string_lossy().contains(PARTIAL_MARK));
        if is_partial && partial.is_file() {
            crate::erasure::overwrite_and_remove(&partial)?;
            removed += 1;
        }
        std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, &e))?;
    }
    Ok(removed)
}

/// The path `begin` wrote, as the bytes of an `OsStr` on this platform.
fn os_string(bytes: Vec<u8>) -> std::ffi::OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        std::ffi::OsString::from_vec(bytes)
    }
    #[cfg(not(unix))]
    {
        std::ffi::OsString::from(String::from_utf8_lossy(&bytes).into_owned())
    }
}
