//! Backups with SQLite's online backup API: consistent while the app runs, verified by
//! reopening the copy, and rotated automatically.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, MAIN_DB};

use super::error::StoreError;
use super::migrations::latest_version;
use super::open::{inspect_read_only, integrity_problems, sibling};
use super::Store;

/// Copies the live database to `dest` (via a temporary file, so `dest` is either the old
/// file or a complete verified copy) and checks the copy's integrity.
pub fn write_verified_copy(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    let partial = sibling(dest, "partial");
    let _ = std::fs::remove_file(&partial);
    conn.backup(MAIN_DB, &partial, None)?;
    // A backup is one self-contained file: no WAL beside it.
    let verified = (|| -> rusqlite::Result<Vec<String>> {
        let copy = Connection::open_with_flags(&partial, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let _: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))?;
        integrity_problems(&copy, "integrity_check")
    })();
    match verified {
        Ok(problems) if problems.is_empty() => {}
        Ok(problems) => {
            let _ = std::fs::remove_file(&partial);
            return Err(StoreError::BadBackup { path: dest.to_owned(), detail: problems.join("; ") });
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(StoreError::BadBackup { path: dest.to_owned(), detail: error.to_string() });
        }
    }
    std::fs::rename(&partial, dest).map_err(|e| StoreError::io(dest, &e))
}

impl Store {
    /// `rung backup FILE`.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        write_verified_copy(&self.conn, dest)
    }

    /// `rung restore FILE`: checks the backup first, keeps a copy of the current
    /// database beside it, then replaces the contents in place.
    pub fn restore_from(&mut self, source: &Path) -> Result<PathBuf, StoreError> {
        if !source.exists() {
            return Err(StoreError::BadBackup { path: source.to_owned(), detail: "no such file".into() });
        }
        inspect_read_only(source, latest_version())
            .map_err(|error| StoreError::BadBackup { path: source.to_owned(), detail: error.to_string() })?;
        let stamp = Utc::now().format("%Y%m%dT%H%M%S");
        let safety = sibling(&self.path, &format!("pre-restore-{stamp}.bak"));
        write_verified_copy(&self.conn, &safety)?;
        self.conn.restore(MAIN_DB, source, None::<fn(rusqlite::backup::Progress)>)?;
        super::migrations::migrations()
            .to_latest(&mut self.conn)
            .map_err(|error| StoreError::Invalid(format!("the restored database could not be updated: {error}")))?;
        Ok(safety)
    }

    /// Takes a backup into `dir` if the newest one there is older than the configured
    /// interval, then deletes the oldest beyond the configured count.
    pub fn rotate_backups(&self, dir: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>, StoreError> {
        let keep = self.setting_u64("backup.keep", 7)? as usize;
        let interval_hours = self.setting_u64("backup.interval_hours", 24)?;
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, &e))?;
        let mut existing = rotated_backups(dir)?;
        let due = existing.last().is_none_or(|(taken, _)| {
            now.signed_duration_since(*taken) >= chrono::Duration::hours(interval_hours as i64)
        });
        let mut taken = None;
        if due {
            let path = dir.join(format!("rung-{}.db", now.format("%Y%m%dT%H%M%S")));
            write_verified_copy(&self.conn, &path)?;
            existing.push((now, path.clone()));
            taken = Some(path);
        }
        while existing.len() > keep.max(1) {
            let (_, oldest) = existing.remove(0);
            std::fs::remove_file(&oldest).map_err(|e| StoreError::io(&oldest, &e))?;
        }
        Ok(taken)
    }
}

/// Backups Rung rotated into `dir`, oldest first, with the time in their name.
pub fn rotated_backups(dir: &Path) -> Result<Vec<(DateTime<Utc>, PathBuf)>, StoreError> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| StoreError::io(dir, &e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stamp) = name.strip_prefix("rung-").and_then(|rest| rest.strip_suffix(".db")) else { continue };
        if let Ok(taken) = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S") {
            found.push((taken.and_utc(), entry.path()));
        }
    }
    found.sort();
    Ok(found)
}
