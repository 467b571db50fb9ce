//! Erasure reaches the backups the app rotates into `backups/`: each one that holds the
//! erased candidate is rewritten without them (the same erasure, run on a private copy,
//! then put in the backup's place), and one that cannot be rewritten (another schema
//! version, damaged) is removed. Either way the old file is overwritten with zeros first,
//! so its blocks do not keep the data. One function with one job, so the erasure that
//! runs now and a later scrub (a journal of erasures to finish) can both call it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::error::StoreError;
use crate::files::{create_private, TempFile};
use crate::Store;

/// Who was erased, as a backup would know them: the same id, created at the same time
/// (ids are reused only after an erasure, never with the same creation time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasedCandidate {
    pub id: i64,
    pub created_at: String,
    /// Keep the outcome, level and scores anonymously, as the erasure itself did.
    pub keep_anonymous: bool,
}

/// What happened to the app's backups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupErasure {
    /// Backups that held the candidate and were rewritten without them.
    pub rewritten: Vec<PathBuf>,
    /// Backups removed: they held the candidate (or could not be read to tell) and could
    /// not be rewritten.
    pub removed: Vec<PathBuf>,
    /// Backups that never held the candidate.
    pub untouched: usize,
}

impl BackupErasure {
    /// The sentence the erasure's output carries about backups.
    pub fn sentence(&self) -> String {
        match (self.rewritten.len(), self.removed.len()) {
            (0, 0) => format!("None of the app's {} backup(s) held this candidate.", self.untouched),
            (rewritten, 0) => format!("{rewritten} of the app's backups held this candidate and were rewritten without them."),
            (rewritten, removed) => format!(
                "{rewritten} of the app's backups held this candidate and were rewritten without them; {removed} could not be rewritten and were deleted."
            ),
        }
    }
}

/// Erases `candidate` from every backup Rung rotated into `backups_dir`.
pub fn erase_from_backups(backups_dir: &Path, candidate: &ErasedCandidate) -> Result<BackupErasure, StoreError> {
    let mut outcome = BackupErasure::default();
    if !backups_dir.is_dir() {
        return Ok(outcome);
    }
    for (_, backup) in crate::backup::rotated_backups(backups_dir)? {
        match holds(&backup, candidate) {
            Ok(false) => outcome.untouched += 1,
            Ok(true) => match rewrite_without(&backup, candidate) {
                Ok(()) => outcome.rewritten.push(backup),
                Err(_) => {
                    crate::erasure::overwrite_and_remove(&backup)?;
                    outcome.removed.push(backup);
                }
            },
            // Unreadable: it may hold the candidate, and it is no use as a backup.
            Err(_) => {
                crate::erasure::overwrite_and_remove(&backup)?;
                outcome.removed.push(backup);
            }
        }
    }
    Ok(outcome)
}

fn holds(backup: &Path, candidate: &ErasedCandidate) -> Result<bool, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(backup, flags)?;
    let found: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM candidates WHERE id = ?1 AND created_at = ?2",
            rusqlite::params![candidate.id, candidate.created_at],
            |row| row.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

/// The backup, erased on a private copy that then takes its place; the old file's bytes
/// are zeroed before the rename, so no freed block keeps them.
fn rewrite_without(backup: &Path, candidate: &ErasedCandidate) -> Result<(), StoreError> {
    let version: i64 = {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Connection::open_with_flags(backup, flags)?.query_row("PRAGMA user_version", [], |row| row.get(0))?
    };
    // Opening an older backup would migrate it, and a migration first copies it aside:
    // that copy would hold the candidate. Such a backup is removed instead.
    if version != crate::migrations::latest_version() {
        return Err(StoreError::Integrity("the backup is of another schema version".into()));
    }
    let folder = backup.parent().unwrap_or(Path::new("."));
    let work = tempfile_dir(folder)?;
    let copy_path = work.path().join(crate::DB_FILE);
    {
        let source = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        create_private(&copy_path).map_err(|e| StoreError::io(&copy_path, &e))?;
        source.backup(rusqlite::MAIN_DB, &copy_path, None)?;
    }
    {
        let mut copy = Store::open(&copy_path)?;
        copy.set_legal_hold(candidate.id, false)?;
        copy.erase_candidate(candidate.id, candidate.keep_anonymous)?;
    }
    // A backup is one self-contained file: the WAL folded in and gone.
    let conn = Connection::open(&copy_path)?;
    let _: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))?;
    let problems = crate::open::integrity_problems(&conn, "integrity_check")?;
    drop(conn);
    if !problems.is_empty() {
        return Err(StoreError::Integrity(problems.join("; ")));
    }
    crate::erasure::zero_in_place(backup)?;
    std::fs::rename(&copy_path, backup).map_err(|e| StoreError::io(backup, &e))?;
    Ok(())
}

/// Removes the working folders an interrupted rewrite left in `backups_dir` (a killed
/// process never drops its `WorkDir`): they hold a copy of a backup, with the candidate.
pub fn remove_left_over_work(backups_dir: &Path) -> Result<usize, StoreError> {
    let Ok(entries) = std::fs::read_dir(backups_dir) else { return Ok(0) };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(WORK_PREFIX) && entry.file_type().is_ok_and(|t| t.is_dir()) {
            drop(WorkDir { path: entry.path() });
            removed += 1;
        }
    }
    Ok(removed)
}

/// `erasing.work-<time>`: the name `tempfile_dir` gives its folders.
const WORK_PREFIX: &str = "erasing.work-";

/// A private working folder beside the backups (same file system, so the rename is a
/// move), removed with whatever is left in it when dropped.
fn tempfile_dir(folder: &Path) -> Result<WorkDir, StoreError> {
    let reserved = TempFile::new(crate::files::reserve_sibling(&folder.join("erasing"), "work", "")?);
    let path = reserved.path().to_owned();
    std::fs::remove_file(&path).map_err(|e| StoreError::io(&path, &e))?;
    std::fs::create_dir(&path).map_err(|e| StoreError::io(&path, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| StoreError::io(&path, &e))?;
    }
    reserved.keep();
    Ok(WorkDir { path })
}

struct WorkDir {
    path: PathBuf,
}

impl WorkDir {
    fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if let Ok(entries) = std::fs::read_dir(&self.path) {
            for entry in entries.flatten() {
                let _ = crate::erasure::overwrite_and_remove(&entry.path());
            }
        }
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
