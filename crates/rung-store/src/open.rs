//! Opening a database without ever harming it: a read-only look first (is it SQLite,
//! is it intact, is it from a newer Rung), then the durable settings, then a backup
//! before any migration.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use rusqlite_migration::Migrations;

use crate::error::StoreError;
use crate::files::{create_private, lock_folder, reserve_sibling};
use crate::migrations::{latest_version, migrations, run as run_migrations};
use crate::Store;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub fn open(path: &Path) -> Result<Store, StoreError> {
    open_with(path, &migrations(), latest_version())
}

/// When to read every page of an existing database for damage (`PRAGMA quick_check`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PageCheck {
    /// Before opening: the CLI, tests, restores.
    Now,
    /// The caller runs `check_pages` soon after, on its own connection (the app, once its
    /// window is up), so start-up does not grow with the archive. A database about to be
    /// migrated is still checked first.
    Later,
}

/// `open`, choosing when the pages are checked.
pub fn open_checking(path: &Path, pages: PageCheck) -> Result<Store, StoreError> {
    let _lock = lock_folder(path.parent().unwrap_or(Path::new(".")))?;
    open_locked_checking(path, &migrations(), latest_version(), pages).map(finish_scrub_at_open)
}

/// `open` for a command that only reads: the folder lock is taken shared (readers never
/// wait for one another), and a database Rung may not write (a read-only data folder or
/// file) is opened read-only as it is, instead of refused. A database that must first be
/// created or migrated is opened the usual way, alone.
pub fn open_for_reading(path: &Path) -> Result<Store, StoreError> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let opened = {
        let _lock = crate::folder_lock::lock(folder, crate::folder_lock::Mode::Shared)?;
        let current = path.is_file() && schema_version(path).is_some_and(|found| found == latest_version());
        if current {
            match open_locked_checking(path, &migrations(), latest_version(), PageCheck::Now) {
                Err(StoreError::ReadOnly { .. }) => return open_unwritable(path),
                other => other?,
            }
        } else if path.is_file() && !writable(path) {
            return open_unwritable(path);
        } else {
            return open(path);
        }
    };
    let _ = crate::partial_outputs::remove_left_over(opened.data_dir());
    // A scrub still pending is finished alone, as `open` would.
    if opened.pending_scrubs().is_ok_and(|pending| !pending.is_empty()) {
        let _lock = lock_folder(folder)?;
        return Ok(finish_scrub_at_open(opened));
    }
    Ok(opened)
}

/// The version of the schema, if the file can be read as it is.
fn schema_version(path: &Path) -> Option<i64> {
    let conn = open_read_only(path).ok().or_else(|| open_immutable(path).ok())?;
    conn.query_row("PRAGMA user_version", [], |row| row.get(0)).ok()
}

fn writable(path: &Path) -> bool {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
        && std::fs::metadata(folder).is_ok_and(|m| !m.permissions().readonly())
        && probe_folder(folder)
}

/// Whether a file can be created in `folder` (permissions say little to root or ACLs).
fn probe_folder(folder: &Path) -> bool {
    let probe = folder.join(format!(".rung-write-probe-{}", std::process::id()));
    match create_private(&probe) {
        Ok(_) => std::fs::remove_file(&probe).is_ok(),
        Err(_) => false,
    }
}

/// A database nothing may write here, opened `immutable`: SQLite can then read a WAL
/// database without creating its `-shm` beside it (it cannot, the folder is read-only).
fn open_immutable(path: &Path) -> Result<Connection, StoreError> {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            '%' => uri.push_str("%25"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(&uri, flags).map_err(|error| classify(path, error))
}

fn open_unwritable(path: &Path) -> Result<Store, StoreError> {
    let conn = open_immutable(path)?;
    let version: i64 =
        conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(|error| classify(path, error))?;
    if version != latest_version() {
        return Err(StoreError::ReadOnly {
            path: path.to_owned(),
            detail: format!("it needs updating to schema {} and cannot be written", latest_version()),
        });
    }
    check_pages_of(&conn, path)?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(|error| classify(path, error))?;
    Ok(store_of(conn, path, true))
}

/// Reads every page of the database at `path` on a read-only connection of its own (WAL
/// lets it run beside the app's writes): `Corrupt` with what SQLite found, if anything.
pub fn check_pages(path: &Path) -> Result<(), StoreError> {
    let conn = open_read_only(path)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|error| classify(path, error))?;
    check_pages_of(&conn, path)
}

fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags).map_err(|error| classify(path, error))
}

fn check_pages_of(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let problems = integrity_problems(conn, "quick_check").map_err(|error| classify(path, error))?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Corrupt { path: path.to_owned(), detail: problems.join("; ") })
    }
}

/// `open` with a given migration list, so tests can inject a failing migration.
#[doc(hidden)]
pub fn open_with(path: &Path, migrations: &Migrations<'_>, latest: i64) -> Result<Store, StoreError> {
    // Another process may be creating or migrating the same database right now.
    let _lock = lock_folder(path.parent().unwrap_or(Path::new(".")))?;
    open_locked(path, migrations, latest)
}

/// `open` for a caller that already holds the folder lock.
pub(super) fn open_locked(path: &Path, migrations: &Migrations<'_>, latest: i64) -> Result<Store, StoreError> {
    open_locked_checking(path, migrations, latest, PageCheck::Now).map(finish_scrub_at_open)
}

fn open_locked_checking(
    path: &Path,
    migrations: &Migrations<'_>,
    latest: i64,
    pages: PageCheck,
) -> Result<Store, StoreError> {
    // Before anything can fail: a full disk is measured here (disk_space.rs).
    crate::disk_space::remember_data_folder(path.parent().unwrap_or(Path::new(".")));
    let existing = path.exists() && std::fs::metadata(path).map_err(|e| StoreError::io(path, &e))?.len() > 0;
    let found_version = if existing { inspect_read_only(path, latest, pages)? } else { 0 };
    if !path.exists() {
        // A new database is private to its owner, like everything else Rung writes.
        create_private(path).map_err(|e| StoreError::ReadOnly { path: path.to_owned(), detail: e.to_string() })?;
    }

    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|error| classify(path, error))?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
        return Err(StoreError::ReadOnly { path: path.to_owned(), detail: "the file is read-only".into() });
    }
    configure(&conn).map_err(|error| classify(path, error))?;

    if found_version < latest {
        let backup = if existing { Some(backup_before_migration(&conn, path, latest)?) } else { None };
        if let Err(error) = run_migrations(&mut conn, migrations) {
            return Err(match backup {
                Some(backup) => {
                    StoreError::MigrationFailed { path: path.to_owned(), backup, detail: error.to_string() }
                }
                None => StoreError::Invalid(format!("could not create the database at {}: {error}", path.display())),
            });
        }
    }
    Ok(store_of(conn, path, false))
}

/// The store on an opened connection, its signing keys in the data folder by default.
fn store_of(conn: Connection, path: &Path, read_only: bool) -> Store {
    let vault = Box::new(crate::keys::FolderVault::new(path.parent().unwrap_or(Path::new("."))));
    Store { conn, path: path.to_owned(), scale_tops: Default::default(), vault, scrub_at_open: None, read_only }
}

/// An erasure interrupted before its scrub finished is finished at every open, by the
/// process holding the folder lock alone (a scrub rewrites the app's backups).
fn finish_scrub_at_open(mut store: Store) -> Store {
    // Outputs a killed process left half-written go at every open (best effort: a
    // failure here is retried at the next one, and by any erasure).
    let _ = crate::partial_outputs::remove_left_over(store.data_dir());
    store.scrub_at_open = store.finish_pending_scrubs();
    store
}

/// Durability first: WAL, and every commit synced to disk before it returns.
pub(super) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidQuery);
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Checks an existing file without writing to it; returns its schema version. With
/// `PageCheck::Later` the pages are read only when a migration is due.
pub fn inspect_read_only(path: &Path, latest: i64, pages: PageCheck) -> Result<i64, StoreError> {
    let mut header = [0u8; 16];
    let read = {
        use std::io::Read;
        let mut file = std::fs::File::open(path).map_err(|e| StoreError::io(path, &e))?;
        file.read(&mut header).map_err(|e| StoreError::io(path, &e))?
    };
    if read < header.len() || &header != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite { path: path.to_owned() });
    }
    let conn = open_read_only(path)?;
    let version: i64 =
        conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(|error| classify(path, error))?;
    if version > latest {
        return Err(StoreError::NewerSchema { path: path.to_owned(), found: version, known: latest });
    }
    if pages == PageCheck::Now || version < latest {
        check_pages_of(&conn, path)?;
    }
    Ok(version)
}

/// Rows of `PRAGMA integrity_check` / `quick_check` other than "ok".
pub fn integrity_problems(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare(&format!("PRAGMA {pragma}"))?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut problems = Vec::new();
    for row in rows {
        let row = row?;
        if row != "ok" {
            problems.push(row);
        }
    }
    Ok(problems)
}

fn classify(path: &Path, error: rusqlite::Error) -> StoreError {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotSqlite { path: path.to_owned() },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt { path: path.to_owned(), detail: error.to_string() },
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
            StoreError::ReadOnly { path: path.to_owned(), detail: error.to_string() }
        }
        _ => StoreError::from(error),
    }
}

fn backup_before_migration(conn: &Connection, path: &Path, latest: i64) -> Result<PathBuf, StoreError> {
    let backup = reserve_sibling(path, &format!("pre-v{latest}"), ".bak")?;
    crate::backup::write_verified_copy(conn, &backup)?;
    Ok(backup)
}

/// `rung.db` + "x" → `rung.db.x` in the same folder.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}
