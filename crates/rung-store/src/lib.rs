//! The only module that knows SQL. One `Store` owns one connection to the database in
//! the data folder; every method that changes data commits (durably: WAL with
//! `synchronous=FULL`) before it returns, so a returned `Ok` means saved.

pub mod audit;
pub mod backup;
pub mod backup_erasure;
mod bundle_exports;
mod bundle_import;
mod candidate_list;
mod check;
mod consistency;
mod decisions;
pub mod disk_space;
pub mod erasure;
pub mod error;
pub mod files;
pub mod folder_lock;
mod imports;
mod independence;
pub mod keys;
mod ladders;
pub mod location;
pub mod migrations;
pub mod open;
pub mod output_guard;
mod panels;
pub mod partial_outputs;
mod passphrases;
mod people;
mod questions;
mod reports;
mod retention;
mod schema;
mod scorecards;
pub mod scrub;
mod settings;
mod signature_check;
mod signatures;
pub mod team;
mod tx;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use bundle_exports::BundleExport;
pub use bundle_import::BundleImported;
pub use candidate_list::{CandidateProgress, CandidateQuery};
pub use check::{CheckReport, Durability};
pub use erasure::ErasureReceipt;
pub use error::StoreError;
pub use imports::ImportTarget;
pub use ladders::StoredLadder;
pub use panels::{InterviewProgress, StoredInterview};
pub use people::{CandidateSummary, Interviewer, NewCandidate};
pub use reports::{ArchivePage, ArchiveQuery, ArchiveSort, ArchivedReport, NewReport};
pub use retention::{RetentionEntry, DEFAULT_RETENTION_MONTHS};
pub use scorecards::RatingChange;
pub use scrub::ScrubReport;
pub use signatures::TrustedKey;
pub use team::{OutboxCounts, OutboxEntry, OutboxKind, TeamBinding};

/// The database file inside the data folder.
pub const DB_FILE: &str = "rung.db";

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Ladder id → the top of its rating scale (ladder snapshots are immutable).
    scale_tops: std::cell::RefCell<std::collections::HashMap<i64, u8>>,
    /// Where the secrets of this laptop's signing keys are kept.
    vault: Box<dyn keys::KeyVault>,
    /// What opening did to finish an erasure left pending (scrub.rs), if there was one.
    scrub_at_open: Option<ScrubReport>,
    /// Opened read-only because Rung may not write the data folder (`open_for_reading`).
    read_only: bool,
}

/// The data folder, created private to its owner (0700) whatever the umask: another
/// account able to enter it could replace `rung.db`.
fn create_data_dir(data_dir: &Path) -> Result<&Path, StoreError> {
    let existed = data_dir.is_dir();
    std::fs::create_dir_all(data_dir)
        .map_err(|e| StoreError::ReadOnly { path: data_dir.to_owned(), detail: e.to_string() })?;
    #[cfg(unix)]
    if !existed {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(data_dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| StoreError::ReadOnly { path: data_dir.to_owned(), detail: e.to_string() })?;
    }
    Ok(data_dir)
}

impl Store {
    /// Opens (or creates) the database in `data_dir`, creating the folder if needed.
    pub fn open_in(data_dir: &Path) -> Result<Store, StoreError> {
        open::open(&create_data_dir(data_dir)?.join(DB_FILE))
    }

    pub fn open(path: &Path) -> Result<Store, StoreError> {
        open::open(path)
    }

    /// `open_in` for the app: the pages of an existing database are read for damage later,
    /// by `open::check_pages` once the window is up (see `PageCheck`).
    pub fn open_in_checking_later(data_dir: &Path) -> Result<Store, StoreError> {
        open::open_checking(&create_data_dir(data_dir)?.join(DB_FILE), open::PageCheck::Later)
    }

    /// `open`, for a command that only reads (`open::open_for_reading`).
    pub fn open_for_reading(path: &Path) -> Result<Store, StoreError> {
        open::open_for_reading(path)
    }

    /// True when the data folder could only be opened for reading.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The data folder the database is in.
    pub fn data_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Keeps signing keys' secrets in `vault` from now on (the app's keyring); the
    /// default is a private file per key in the data folder's `keys/`.
    pub fn use_key_vault(&mut self, vault: Box<dyn keys::KeyVault>) {
        self.vault = vault;
    }

    /// Switches `synchronous` (FULL, NORMAL) to measure what durability costs.
    #[doc(hidden)]
    pub fn set_synchronous_for_benchmarks(&self, mode: &str) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "synchronous", mode)?;
        Ok(())
    }

    /// Simulates a full disk by capping the database size (for tests of that path).
    #[doc(hidden)]
    pub fn limit_pages_for_tests(&self, pages: u32) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "max_page_count", pages)?;
        Ok(())
    }
}

/// Moves a damaged database (and its WAL files) aside as `<file>.corrupt-<time>`, so
/// nothing is lost and a new database can be created in its place. Returns the new name;
/// a second move never replaces the first.
pub fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let _lock = files::lock_folder(path.parent().unwrap_or(Path::new(".")))?;
    files::move_database_aside(path, "corrupt")
}

/// Timestamps are RFC 3339 UTC with microseconds, so they sort as text.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}
