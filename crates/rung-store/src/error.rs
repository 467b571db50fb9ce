use std::path::PathBuf;

use rung_core::access::Refusal;

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
    #[error("the disk is full, so the last change was not saved. Free some space and try again.")]
    DiskFull,
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
    #[error("{0}")]
    Invalid(String),
    #[error("the database reported an error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("a file operation failed on {path}: {detail}")]
    Io { path: PathBuf, detail: String },
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotSqlite { .. } => "db_not_sqlite",
            StoreError::Corrupt { .. } => "db_corrupt",
            StoreError::NewerSchema { .. } => "db_newer_schema",
            StoreError::ReadOnly { .. } => "db_read_only",
            StoreError::DiskFull => "db_disk_full",
            StoreError::MigrationFailed { .. } => "db_migration_failed",
            StoreError::BadBackup { .. } => "db_bad_backup",
            StoreError::BackupFailed { .. } => "db_backup_failed",
            StoreError::BadDestination { .. } => "db_bad_destination",
            StoreError::NotWritable { .. } => "not_writable",
            StoreError::ProtectedPath { .. } => "protected_path",
            StoreError::LegalHold => "legal_hold",
            StoreError::Sealed => "scorecard_sealed",
            StoreError::Hidden => "scores_hidden",
            StoreError::NotYours => "scorecard_not_yours",
            StoreError::Refused(refusal) => match refusal {
                Refusal::NoActor(_) => "actor_unknown",
                Refusal::NotCoordinator(_) => "coordinator_only",
                Refusal::NotSealed(_) => "scores_hidden",
                Refusal::PanelIncomplete { .. } => "debrief_closed",
            },
            StoreError::NotFound { .. } => "not_found",
            StoreError::Input(error) => error.code(),
            StoreError::Passphrase(error) => error.code(),
            StoreError::CandidatesCsv(_) => "candidates_csv_refused",
            StoreError::Bundle(_) => "bundle_refused",
            StoreError::SealedInterview { .. } => "interview_sealed",
            StoreError::Invalid(_) => "invalid",
            StoreError::Sqlite(_) => "db_error",
            StoreError::Io { .. } => "io_error",
        }
    }

    /// A failed copy, said as a failed backup (never as a lost change: the database is untouched).
    pub fn backup_failed(path: &std::path::Path, error: StoreError) -> Self {
        let (detail, hint) = match &error {
            StoreError::DiskFull => ("the disk is full".to_owned(), "free some space or choose another disk."),
            StoreError::Io { detail, .. } if detail.contains("os error 28") => {
                ("the disk is full".to_owned(), "free some space or choose another disk.")
            }
            StoreError::Io { detail, .. } => (detail.clone(), "check the destination and try again."),
            StoreError::BackupFailed { .. } | StoreError::BadDestination { .. } => return error,
            other => (other.to_string(), "try again, or choose another destination."),
        };
        StoreError::BackupFailed { path: path.to_owned(), detail, hint }
    }

    pub fn io(path: &std::path::Path, error: &std::io::Error) -> Self {
        StoreError::Io { path: path.to_owned(), detail: error.to_string() }
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
                ErrorCode::DiskFull => return StoreError::DiskFull,
                ErrorCode::ConstraintViolation
                    if message
                        .as_deref()
                        .is_some_and(|m| m.contains("scorecard is sealed") || m.contains("decision is sealed")) =>
                {
                    return StoreError::Sealed
                }
                _ => {}
            }
        }
        StoreError::Sqlite(error)
    }
}
