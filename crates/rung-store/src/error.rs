use std::path::PathBuf;

use rung_core::access::Refusal;
use rung_core::error_code::ErrorCode;

/// Why the store could not do what was asked, as a sentence that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a Rung database (it is not SQLite). Nothing was changed; choose another data folder or move the file away.")]
    NotSqlite { path: PathBuf },
    #[error("{path} is damaged ({detail}). Nothing was changed. Rung can move it aside and start a new database, or you can restore a backup.")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path} was written by a newer version of Rung (schema {found}, this version knows {known}). Nothing was changed; update Rung to open it.")]
    NewerSchema { path: PathBuf, found: i64, known: i64 },
    #[error("{path} cannot be written ({detail}). Check that the folder exists and that you may write to it.")]
    ReadOnly { path: PathBuf, detail: String },
    #[error("the data folder {folder} is in use by {holder}; Rung waited {waited} s. Close the other Rung window or let that command finish, then try again.")]
    FolderBusy { folder: PathBuf, holder: String, waited: u64 },
    #[error("the disk is full ({place}), so the last change was not saved. Free some space and try again.")]
    DiskFull { place: String },
    /// A row this change refers to went away while it was being saved: another window or
    /// command removed (or erased) it at the same moment.
    #[error("{what} was removed (erased or deleted) by another Rung window or command while this was being saved, so nothing was saved. Reload and check that it still exists.")]
    RemovedMeanwhile { what: String },
    #[error("updating the database {path} failed ({detail}); it was left as it was (a backup is at {backup}).")]
    MigrationFailed { path: PathBuf, backup: PathBuf, detail: String },
    #[error("the backup {path} is not usable ({detail}). Nothing was restored and nothing was changed.")]
    BadBackup { path: PathBuf, detail: String },
    #[error("the backup to {path} failed ({detail}). The database itself is unchanged; {hint}")]
    BackupFailed { path: PathBuf, detail: String, hint: &'static str },
    #[error("{path} is {what}, not a file Rung may write a backup to. Choose a new file name.")]
    BadDestination { path: PathBuf, what: String },
    #[error(
        "this candidate is on legal hold, so their data cannot be erased. Lift the hold first if the hold has ended."
    )]
    LegalHold,
    #[error("{path} is {what}, not a file Rung can write to. Choose a file name.")]
    NotWritable { path: PathBuf, what: String },
    #[error("{path} is {what}, which Rung keeps: writing there would destroy it. Nothing was written; choose a file outside the data folder {data_dir}.")]
    ProtectedPath { path: PathBuf, what: String, data_dir: PathBuf },
    #[error("that scorecard is already submitted and sealed. Submit an amendment with a reason instead.")]
    Sealed,
    #[error("other interviewers' scores stay hidden until you submit your own scorecard for this candidate.")]
    Hidden,
    /// The access rules said no (`rung_core::access`); the sentence says what to do.
    #[error("{0}")]
    Refused(rung_core::access::Refusal),
    #[error("that scorecard belongs to another interviewer; you can only change your own. Check who is scoring (top right).")]
    NotYours,
    #[error("{what} {id} does not exist.")]
    NotFound { what: &'static str, id: i64 },
    #[error("{0}")]
    Input(#[from] rung_core::input::InputError),
    #[error("{0}")]
    Passphrase(#[from] rung_core::passphrase::PassphraseError),
    #[error("{0}")]
    CandidatesCsv(#[from] rung_core::candidates_csv::CandidatesCsvError),
    #[error("The plan was not saved: it would {change} \u{201c}{interview}\u{201d}, which has a sealed scorecard. A sealed scorecard must go on saying which interview it was for, so that interview keeps its name and place; change the other interviews, or add new ones after it.")]
    SealedInterview { interview: String, change: &'static str },
    #[error("{0} Nothing was imported.")]
    Bundle(#[from] rung_core::bundle::BundleError),
    /// What a person typed or chose cannot be used; the sentence says how to correct it.
    #[error("{0}")]
    Invalid(String),
    /// Something Rung wrote or pulled earlier does not check out; nothing was used.
    #[error("{0}")]
    Integrity(String),
    /// The signing key, or the randomness a seal needs, cannot be reached now.
    #[error("{0}")]
    SigningKey(String),
    #[error("the level-recommendation PDF could not be laid out ({0}), so nothing was issued. Try again; if it happens again, report this sentence.")]
    ReportRender(String),
    /// A trigger's RAISE: words a trigger's author wrote, not SQLite's.
    #[error("this change was refused ({0}), so nothing was saved.")]
    ChangeRefused(String),
    #[error("the database is closed, so this cannot be done now. Open the data folder again (restart Rung), then try again.")]
    Closed,
    #[error("another Rung window or command has the database open, so this cannot run now. Close it and try again.")]
    InUse,
    #[error("These scorecards were scored on the ladder \"{name}\" (snapshot {snapshot}), which this database does not have. Import the ladder from the bundle (--import-ladder, or \"Import its ladder too\" in the app), then import again.")]
    BundleLadderMissing { name: String, snapshot: String },
    /// Another interviewer sealed this interview; the sentence names them and when.
    #[error("{0}")]
    InterviewTaken(String),
    #[error("Nobody called {name:?} is on this laptop. Add them with `rung person add {name:?}` (with --coordinator to decide and report), or check the name.")]
    PersonUnknown { name: String },
    /// Never shows SQLite's own words (they name tables and constraints, not what to do);
    /// the code is enough for a bug report.
    #[error("the database could not do this ({}), so nothing was saved. Try again; if it happens again, run `rung db check` and report the code.", sqlite_code(.0))]
    Sqlite(rusqlite::Error),
    #[error("a file operation failed on {path}: {detail}")]
    Io { path: PathBuf, detail: String },
}

impl StoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::NotSqlite { .. } => ErrorCode::DbNotSqlite,
            StoreError::Corrupt { .. } => ErrorCode::DbCorrupt,
            StoreError::NewerSchema { .. } => ErrorCode::DbNewerSchema,
            StoreError::ReadOnly { .. } => ErrorCode::DbReadOnly,
            StoreError::DiskFull { .. } => ErrorCode::DbDiskFull,
            StoreError::FolderBusy { .. } => ErrorCode::FolderBusy,
            StoreError::RemovedMeanwhile { .. } => ErrorCode::RemovedMeanwhile,
            StoreError::MigrationFailed { .. } => ErrorCode::DbMigrationFailed,
            StoreError::BadBackup { .. } => ErrorCode::DbBadBackup,
            StoreError::BackupFailed { .. } => ErrorCode::DbBackupFailed,
            StoreError::BadDestination { .. } => ErrorCode::DbBadDestination,
            StoreError::NotWritable { .. } => ErrorCode::NotWritable,
            StoreError::ProtectedPath { .. } => ErrorCode::ProtectedPath,
            StoreError::LegalHold => ErrorCode::LegalHold,
            StoreError::Sealed => ErrorCode::ScorecardSealed,
            StoreError::Hidden => ErrorCode::ScoresHidden,
            StoreError::NotYours => ErrorCode::ScorecardNotYours,
            StoreError::Refused(refusal) => match refusal {
                Refusal::NoActor(_) => ErrorCode::ActorUnknown,
                Refusal::NotCoordinator(_) => ErrorCode::CoordinatorOnly,
                Refusal::NotSealed(_) => ErrorCode::ScoresHidden,
                Refusal::PanelIncomplete { .. } => ErrorCode::DebriefClosed,
            },
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::Input(error) => error.code(),
            StoreError::Passphrase(error) => error.code(),
            StoreError::CandidatesCsv(_) => ErrorCode::CandidatesCsvRefused,
            StoreError::Bundle(_) => ErrorCode::BundleRefused,
            StoreError::BundleLadderMissing { .. } => ErrorCode::BundleLadderMissing,
            StoreError::SealedInterview { .. } => ErrorCode::InterviewSealed,
            StoreError::InterviewTaken(_) => ErrorCode::InterviewTaken,
            StoreError::PersonUnknown { .. } => ErrorCode::PersonUnknown,
            StoreError::Invalid(_) => ErrorCode::InvalidInput,
            StoreError::Integrity(_) => ErrorCode::IntegrityFailed,
            StoreError::SigningKey(_) => ErrorCode::SigningKeyUnavailable,
            StoreError::ReportRender(_) => ErrorCode::ReportRenderFailed,
            StoreError::ChangeRefused(_) => ErrorCode::ChangeRefused,
            StoreError::Closed => ErrorCode::DbClosed,
            StoreError::InUse => ErrorCode::DbInUse,
            StoreError::Sqlite(_) => ErrorCode::DbError,
            StoreError::Io { .. } => ErrorCode::IoError,
        }
    }

    /// A failed copy, said as a failed backup (never as a lost change: the database is untouched).
    pub fn backup_failed(path: &std::path::Path, error: StoreError) -> Self {
        let (detail, hint) = match &error {
            StoreError::DiskFull { place } => {
                (format!("the disk is full: {place}"), "free some space or choose another disk.")
            }
            StoreError::Io { detail, .. } => (detail.clone(), "check the destination and try again."),
            StoreError::BackupFailed { .. } | StoreError::BadDestination { .. } => return error,
            other => (other.to_string(), "try again, or choose another destination."),
        };
        StoreError::BackupFailed { path: path.to_owned(), detail, hint }
    }

    /// A failed file operation; no room left (ENOSPC) is said as a full disk.
    pub fn io(path: &std::path::Path, error: &std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::StorageFull || error.raw_os_error() == Some(28) {
            let folder = if path.is_dir() { path } else { path.parent().unwrap_or(path) };
            return StoreError::disk_full(Some(folder));
        }
        StoreError::Io { path: path.to_owned(), detail: error.to_string() }
    }

    /// The disk holding `folder` (else the data folder this process opened) is full.
    pub fn disk_full(folder: Option<&std::path::Path>) -> Self {
        let folder = folder.map(std::path::Path::to_path_buf).or_else(crate::disk_space::data_folder);
        let place = match folder {
            Some(folder) => crate::disk_space::words(&folder),
            None => "no room left".to_owned(),
        };
        StoreError::DiskFull { place }
    }

    /// True for a full disk, said any way.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, StoreError::DiskFull { .. })
    }
}

impl From<Refusal> for StoreError {
    fn from(refusal: Refusal) -> Self {
        StoreError::Refused(refusal)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(failure, message) = &error {
            match failure.code {
                ErrorCode::DiskFull => return StoreError::disk_full(None),
                // SQLite says "disk I/O error" when its shared-memory or temporary file
                // cannot grow; where the data folder has no room left, that is a full disk.
                ErrorCode::SystemIoFailure
                    if crate::disk_space::data_folder().is_some_and(|f| crate::disk_space::nearly_full(&f)) =>
                {
                    return StoreError::disk_full(None)
                }
                ErrorCode::ConstraintViolation
                    if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
                {
                    return StoreError::RemovedMeanwhile { what: "a record this change refers to".into() }
                }
                ErrorCode::ConstraintViolation
                    if message
                        .as_deref()
                        .is_some_and(|m| m.contains("scorecard is sealed") || m.contains("decision is sealed")) =>
                {
                    return StoreError::Sealed
                }
                // A trigger's RAISE: words a trigger's author wrote, not SQLite's.
                ErrorCode::ConstraintViolation if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER => {
                    if let Some(reason) = message {
                        return StoreError::ChangeRefused(reason.clone());
                    }
                }
                _ => {}
            }
        }
        StoreError::Sqlite(error)
    }
}

/// SQLite's result code by name (`SQLITE_IOERR_WRITE`), without its message.
fn sqlite_code(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(failure, _) => format!("{:?}, code {}", failure.code, failure.extended_code),
        rusqlite::Error::QueryReturnedNoRows => "a row it expected was not there".into(),
        rusqlite::Error::InvalidColumnType(..) | rusqlite::Error::FromSqlConversionFailure(..) => {
            "a value of an unexpected type".into()
        }
        _ => "an unexpected answer from SQLite".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::StoreError;

    /// Every result code SQLite can return, with SQLite's own message for it, becomes a
    /// sentence without that message: none of SQLite's words reach a user.
    #[test]
    fn no_sqlite_message_reaches_the_user() {
        let primary = 1..=28;
        let extended = [
            266, 522, 778, 1034, 1290, 1546, 1802, 2058, 2314, 2570, 2826, 3082, 3338, 3594, 3850, 4106, 4362, 4618,
            4874, 5130, 5386, 5642, 5898, 6154, 6410, 6666, 6922, 7178, 7434, 7690, 7946, 8202, 8458, 8714, 8970, 9226,
            9482, 9738, 10250, 262, 517, 261, 518, 270, 275, 531, 787, 1043, 1299, 1555, 1811, 2067, 2323, 2579, 2835,
            3091, 264, 520, 776, 1032, 1288, 1544, 11, 267, 523, 779,
        ];
        for code in primary.chain(extended) {
            let failure = rusqlite::ffi::Error::new(code);
            let message = failure.to_string();
            // What SQLite itself says (sqlite3_errstr), as the message of a failure.
            let said =
                unsafe { std::ffi::CStr::from_ptr(rusqlite::ffi::sqlite3_errstr(code)) }.to_string_lossy().into_owned();
            // A trigger's message is its author's (tested below), never SQLite's.
            let details = if code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER {
                vec![None]
            } else {
                vec![None, Some(said.clone()), Some("FOREIGN KEY constraint failed".to_owned())]
            };
            for detail in details {
                let error = StoreError::from(rusqlite::Error::SqliteFailure(failure, detail));
                let text = error.to_string();
                assert!(!text.contains(&said), "code {code}: SQLite's words ({said}) in: {text}");
                assert!(!text.contains(&message), "code {code}: {message} in: {text}");
                assert!(!text.contains("constraint failed"), "code {code}: {text}");
            }
        }
    }

    #[test]
    fn a_triggers_own_words_are_kept() {
        let failure = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER);
        let error = StoreError::from(rusqlite::Error::SqliteFailure(failure, Some("no plans today".into())));
        assert_eq!(error.to_string(), "this change was refused (no plans today), so nothing was saved.");
    }

    #[test]
    fn a_full_disk_says_how_much_room_is_left_and_where() {
        let dir = tempfile::tempdir().unwrap();
        let error = StoreError::io(&dir.path().join("rung.db"), &std::io::Error::from_raw_os_error(28));
        let text = error.to_string();
        assert!(text.starts_with("the disk is full ("), "{text}");
        assert!(text.contains(&format!("MB free at {}", dir.path().display())), "{text}");
    }
}
