//! The closed set of error codes a person's window (and a script) can receive: every
//! refusal of the app says which one it is, so the front end matches codes the compiler
//! knows (`ErrorCode` is generated into TypeScript) instead of strings typed again there.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares the enum and its stable wire names together, so the two cannot drift.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident => $wire:literal,)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum ErrorCode {
            $($(#[$doc])* #[serde(rename = $wire)] $variant,)+
        }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The stable name scripts, tests and the window match on.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $wire,)+
                }
            }
        }
    };
}

error_codes! {
    // The database and its folder.
    DbNotSqlite => "db_not_sqlite",
    DbCorrupt => "db_corrupt",
    DbNewerSchema => "db_newer_schema",
    DbReadOnly => "db_read_only",
    DbDiskFull => "db_disk_full",
    DbMigrationFailed => "db_migration_failed",
    DbBadBackup => "db_bad_backup",
    DbBackupFailed => "db_backup_failed",
    DbBadDestination => "db_bad_destination",
    /// The database is not open (it was moved aside, or the app is closing).
    DbClosed => "db_closed",
    /// Another window or command has the database open, so this cannot run now.
    DbInUse => "db_in_use",
    /// SQLite failed in a way no other code names; the message carries SQLite's code.
    DbError => "db_error",
    FolderBusy => "folder_busy",
    RemovedMeanwhile => "removed_meanwhile",
    NotWritable => "not_writable",
    ProtectedPath => "protected_path",
    IoError => "io_error",
    /// Something Rung wrote earlier no longer checks out (a backup, an export record, a
    /// ladder pulled from the team server): nothing was used.
    IntegrityFailed => "integrity_failed",
    /// A database trigger refused the change, in its own words.
    ChangeRefused => "change_refused",
    // Who may see or do what (`rung_core::access`).
    ActorUnknown => "actor_unknown",
    CoordinatorOnly => "coordinator_only",
    ScoresHidden => "scores_hidden",
    DebriefClosed => "debrief_closed",
    /// Nobody has been chosen under "Scoring as".
    NoInterviewer => "no_interviewer",
    /// No person of that name or id is on this laptop.
    PersonUnknown => "person_unknown",
    /// Another interviewer sealed this interview's scorecard.
    InterviewTaken => "interview_taken",
    // Scorecards, panels and candidates.
    ScorecardSealed => "scorecard_sealed",
    ScorecardNotYours => "scorecard_not_yours",
    InterviewSealed => "interview_sealed",
    LegalHold => "legal_hold",
    NotFound => "not_found",
    /// What was typed or chosen cannot be used; the message says how to correct it.
    InvalidInput => "invalid_input",
    /// The signing key (or the randomness a seal needs) cannot be reached now.
    SigningKeyUnavailable => "signing_key_unavailable",
    /// The level-recommendation PDF could not be laid out.
    ReportRenderFailed => "report_render_failed",
    CandidatesCsvRefused => "candidates_csv_refused",
    BundleRefused => "bundle_refused",
    /// The bundle's ladder is not here; importing it with the bundle would help.
    BundleLadderMissing => "bundle_ladder_missing",
    // Passphrases.
    PassphraseNeeded => "passphrase_needed",
    PassphraseWrong => "passphrase_wrong",
    PassphraseToSet => "passphrase_to_set",
    PassphraseTooShort => "passphrase_too_short",
    PassphraseNotYours => "passphrase_not_yours",
    PassphraseHashing => "passphrase_hashing",
    // Files a person names.
    InputNotFound => "input_not_found",
    InputNotAFile => "input_not_a_file",
    InputTooLarge => "input_too_large",
    InputUnreadable => "input_unreadable",
    // Reading a ladder.
    LadderNotFound => "ladder_not_found",
    LadderUnreadable => "ladder_unreadable",
    LadderNotAFile => "ladder_not_a_file",
    LadderEmpty => "ladder_empty",
    LadderTooLarge => "ladder_too_large",
    LadderTooManyFiles => "ladder_too_many_files",
    LadderBinary => "ladder_binary",
    LadderNotUtf8 => "ladder_not_utf8",
    LadderControlCharacter => "ladder_control_character",
    LadderNoRoles => "ladder_no_roles",
    LadderNothingToTranspose => "ladder_nothing_to_transpose",
    LadderUnconfirmedReading => "ladder_unconfirmed_reading",
    LadderDuplicateRole => "ladder_duplicate_role",
    LadderBuildsOnCycle => "ladder_builds_on_cycle",
    LadderUntitledHeading => "ladder_untitled_heading",
    LadderEmptyFolder => "ladder_empty_folder",
    LadderInvalidJson => "ladder_invalid_json",
    LadderInvalidData => "ladder_invalid_data",
    LadderNoData => "ladder_no_data",
    LadderInconsistentJson => "ladder_inconsistent_json",
    LadderFrontMatter => "ladder_front_matter",
    LadderInvalidYaml => "ladder_invalid_yaml",
    LadderInvalidSpreadsheet => "ladder_invalid_spreadsheet",
    LadderInvalidMapping => "ladder_invalid_mapping",
    LadderOverLimit => "ladder_over_limit",
    LadderUnsupportedWorkbook => "ladder_unsupported_workbook",
    LadderBrokenWorkbook => "ladder_broken_workbook",
    // The team server.
    TeamOffline => "team_offline",
    Team => "team",
    /// A bug: the message says what Rung was doing.
    Internal => "internal",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lets tests and scripts compare with the wire name: `assert_eq!(error.code(), "db_corrupt")`.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_own_wire_name_and_serializes_as_it() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert_eq!(serde_json::to_string(code).unwrap(), format!("\"{code}\""));
        }
    }
}
