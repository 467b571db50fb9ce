//! How much room is left where Rung writes, for the sentence a full disk gets ("the disk
//! is full (3 MB free at /home/ana/.local/share/app.rung.desktop)") instead of SQLite's
//! "disk I/O error". SQLite reports a full disk as a full database only when the main
//! file cannot grow; when its shared-memory file or a temporary file cannot, it says
//! "disk I/O error", so an I/O error where almost nothing is free is taken as a full disk.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Below this, an I/O error is a full disk: no write Rung makes fits in less.
const NEARLY_FULL: u64 = 1024 * 1024;

/// The data folder this process last opened: where a full disk that SQLite reports
/// without a path (the error carries none) is measured.
static DATA_FOLDER: Mutex<Option<PathBuf>> = Mutex::new(None);

pub(crate) fn remember_data_folder(folder: &Path) {
    if let Ok(mut kept) = DATA_FOLDER.lock() {
        *kept = Some(folder.to_owned());
    }
}

pub(crate) fn data_folder() -> Option<PathBuf> {
    DATA_FOLDER.lock().ok().and_then(|kept| kept.clone())
}

/// Bytes free to this user on the file system holding `path` (or its nearest existing
/// parent); `None` where that cannot be asked.
pub fn free_bytes(path: &Path) -> Option<u64> {
    let existing = path.ancestors().find(|p| p.exists())?;
    #[cfg(unix)]
    {
        let stats = rustix::fs::statvfs(existing).ok()?;
        Some(stats.f_bavail.saturating_mul(stats.f_frsize))
    }
    #[cfg(not(unix))]
    {
        let _ = existing;
        None
    }
}

/// True when the file system holding `path` has (almost) no room left.
pub fn nearly_full(path: &Path) -> bool {
    free_bytes(path).is_some_and(|free| free < NEARLY_FULL)
}

/// "3 MB free at FOLDER", or just "at FOLDER" where the free space is unknown.
pub fn words(folder: &Path) -> String {
    match free_bytes(folder) {
        Some(free) if free < 1_000_000 => format!("{} KB free at {}", free / 1000, folder.display()),
        Some(free) => format!("{} MB free at {}", free / 1_000_000, folder.display()),
        None => format!("at {}", folder.display()),
    }
}
