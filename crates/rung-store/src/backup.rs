//! Backups with SQLite's online backup API: consistent while the app runs, private to
//! the owner, verified by reopening the copy, and rotated automatically. Restoring
//! checks and migrates a copy of the backup first and replaces the live database only
//! when that copy passes every check `rung db check` makes.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, MAIN_DB};

use crate::check::check_connection;
use crate::error::StoreError;
use crate::files::{self, create_private, kind_of, lock_folder, reserve_sibling, same_file, Kind, TempFile};
use crate::migrations::{latest_version, migrations};
use crate::open::{configure, inspect_read_only, integrity_problems, open_locked, sibling, PageCheck};
use crate::Store;

/// Copies the database of `conn` to `dest` through a private temporary file, so `dest`
/// is either untouched or a complete verified copy, and nothing is left behind on failure.
pub fn write_verified_copy(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    if let Kind::Other(what) = kind_of(dest)? {
        return Err(StoreError::BadDestination { path: dest.to_owned(), what: what.to_owned() });
    }
    let partial_path = sibling(dest, "partial");
    let _ = std::fs::remove_file(&partial_path);
    create_private(&partial_path).map_err(|e| StoreError::backup_failed(dest, StoreError::io(&partial_path, &e)))?;
    let partial = TempFile::new(partial_path);
    copy_and_verify(conn, partial.path()).map_err(|error| StoreError::backup_failed(dest, error))?;
    std::fs::rename(partial.path(), dest).map_err(|e| StoreError::backup_failed(dest, StoreError::io(dest, &e)))?;
    partial.keep();
    Ok(())
}

fn copy_and_verify(conn: &Connection, copy_path: &Path) -> Result<(), StoreError> {
    conn.backup(MAIN_DB, copy_path, None)?;
    // A backup is one self-contained file: no WAL beside it.
    let copy = Connection::open_with_flags(copy_path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    let _: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))?;
    let problems = integrity_problems(&copy, "integrity_check")?;
    if !problems.is_empty() {
        return Err(StoreError::Integrity(format!("the copy does not check out: {}", problems.join("; "))));
    }
    Ok(())
}

/// A verified copy of the database under a new name beside it, never replacing another.
pub(super) fn write_safety_copy(conn: &Connection, db_path: &Path, label: &str) -> Result<PathBuf, StoreError> {
    let reserved = TempFile::new(reserve_sibling(db_path, label, ".bak")?);
    write_verified_copy(conn, reserved.path())?;
    Ok(reserved.keep())
}

impl Store {
    /// `rung backup FILE`: refuses devices, folders and the database's own files.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        crate::output_guard::check_output_path(self.data_dir(), dest)?;
        let own = files::database_files(&self.path);
        if own.iter().any(|file| same_file(file, dest)) {
            return Err(StoreError::BadDestination {
                path: dest.to_owned(),
                what: "one of the database's own files".to_owned(),
            });
        }
        write_verified_copy(&self.conn, dest)
    }

    /// Takes a backup into `dir` if the newest one there is older than the configured
    /// interval, then deletes the oldest beyond the configured count.
    pub fn rotate_backups(&self, dir: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>, StoreError> {
        let keep = self.setting_u64("backup.keep", 7)? as usize;
        let interval_hours = self.setting_u64("backup.interval_hours", 24)?;
        if !dir.is_dir() {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, &e))?;
            private_folder(dir)?;
        }
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

/// `rung restore FILE` into the database at `db_path`. The backup is copied beside the
/// database, migrated and checked there; only a copy that passes replaces the live
/// database, after a safety copy of it (returned) is taken. On any failure the live
/// database is byte-for-byte as it was, and a missing one is not created.
pub fn restore(db_path: &Path, source: &Path) -> Result<Option<PathBuf>, StoreError> {
    let bad = |detail: String| StoreError::BadBackup { path: source.to_owned(), detail };
    match kind_of(source)? {
        Kind::Missing => return Err(bad("no such file".into())),
        Kind::Other(what) => return Err(bad(format!("it is {what}, not a backup file"))),
        Kind::Regular => {}
    }
    let folder = db_path.parent().unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(bad(format!("the data folder {} does not exist", folder.display())));
    }
    let _lock = lock_folder(folder)?;
    if files::database_files(db_path).iter().any(|file| same_file(file, source)) {
        return Err(bad("it is the database itself".into()));
    }
    let version =
        inspect_read_only(source, latest_version(), PageCheck::Now).map_err(|error| bad(error.to_string()))?;
    if version == 0 {
        // Every Rung database has a schema version; an empty file or another program's does not.
        return Err(bad("it is not a Rung database (it has no Rung schema version)".into()));
    }

    let candidate = TempFile::new(reserve_sibling(db_path, "restoring", "")?);
    prepare_candidate(source, candidate.path()).map_err(bad)?;

    if !db_path.exists() {
        let restored = candidate.keep();
        std::fs::rename(&restored, db_path).map_err(|e| StoreError::io(db_path, &e))?;
        return Ok(None);
    }
    let mut live = match open_locked(db_path, &migrations(), latest_version()) {
        Ok(live) => live,
        // Restoring is how a damaged database is replaced: keep it aside, whole, then
        // put the checked copy in its place.
        Err(StoreError::Corrupt { .. } | StoreError::NotSqlite { .. }) => {
            let kept = files::move_database_aside(db_path, "pre-restore")?;
            let restored = candidate.keep();
            std::fs::rename(&restored, db_path).map_err(|e| StoreError::io(db_path, &e))?;
            return Ok(Some(kept));
        }
        Err(other) => return Err(other),
    };
    let safety = write_safety_copy(&live.conn, db_path, "pre-restore")?;
    live.conn.restore(MAIN_DB, candidate.path(), None::<fn(rusqlite::backup::Progress)>)?;
    configure(&live.conn)?;
    Ok(Some(safety))
}

/// Copies the backup to `copy_path`, brings it to this version's schema and runs every
/// check on it; says what is wrong otherwise.
fn prepare_candidate(source: &Path, copy_path: &Path) -> Result<(), String> {
    let fail = |error: &dyn std::fmt::Display| error.to_string();
    let original =
        Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| fail(&e))?;
    original.backup(MAIN_DB, copy_path, None).map_err(|e| fail(&e))?;
    drop(original);
    let mut copy = Connection::open_with_flags(copy_path, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(|e| fail(&e))?;
    let _: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0)).map_err(|e| fail(&e))?;
    crate::migrations::run(&mut copy, &migrations())
        .map_err(|error| format!("it cannot be brought up to this version of Rung ({error})"))?;
    let report = check_connection(&copy).map_err(|e| fail(&e))?;
    if !report.is_ok() {
        return Err(format!("it is not an intact Rung database: {}", report.problems().join("; ")));
    }
    Ok(())
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

/// A folder Rung made, for its owner only (0700) whatever the umask.
fn private_folder(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(|e| StoreError::io(dir, &e))?;
    }
    let _ = dir;
    Ok(())
}
