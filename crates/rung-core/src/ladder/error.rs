use std::path::PathBuf;

use super::limits::OverLimit;

/// Why a ladder could not be imported. Every variant names the file, and the line
/// where one applies, and reads as a sentence the user can act on.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LadderError {
    #[error("{path}: no such file or folder. Check the path and try again.")]
    NotFound { path: PathBuf },
    #[error("{path}: could not be read ({reason}).")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path}: not a regular file (a device, a pipe or a socket). Point Rung at a ladder file or folder.")]
    NotAFile { path: PathBuf },
    #[error("{path}: the file is empty. A ladder needs at least one role heading with characteristics.")]
    Empty { path: PathBuf },
    #[error("{path}: the file is {size} bytes; ladder files are limited to {limit} bytes. Is this the right file?")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}: the folder has more than {limit} markdown files; point Rung at the ladder's own folder.")]
    TooManyFiles { path: PathBuf, limit: usize },
    #[error("{path}:{line}: this looks like a binary file, not markdown or JSON text.")]
    Binary { path: PathBuf, line: u32 },
    #[error("{path}:{line}: the line holds the control character U+{code:04X} (a terminal escape or similar), which is not ladder text. Remove it and import again.")]
    ControlCharacter { path: PathBuf, line: u32, code: u32 },
    #[error("{path}:{line}: the text is not valid UTF-8. Save the file as UTF-8 and import it again.")]
    NotUtf8 { path: PathBuf, line: u32 },
    #[error("{path}: no roles found. A ladder needs headings for its roles (e.g. `## Senior Engineer`) or characteristic headings (e.g. `## I …`).")]
    NoRoles { path: PathBuf },
    #[error("{path}: cannot be read the other way round: no two roles share a characteristic's name (such as a level name under each competency). Read it as written instead.")]
    NothingToTranspose { path: PathBuf },
    #[error("{path}: Rung is not sure how to read this ladder (read as {reading}). Look at the reading in the preview, then confirm it, read it the other way, or correct it.")]
    UnconfirmedReading { path: PathBuf, reading: String },
    #[error(
        "{path}:{line}: role \"{title}\" appears twice (first {}). Give each role a distinct title.",
        first_place(.path, .first_path, *.first_line)
    )]
    DuplicateRole { path: PathBuf, line: u32, title: String, first_path: PathBuf, first_line: u32 },
    #[error("{path}:{line}: role \"{title}\" builds on itself through \"{via}\". Fix the builds-on sentence so the chain ends.")]
    BuildsOnCycle { path: PathBuf, line: u32, title: String, via: String },
    #[error("{path}:{line}: this heading has no words once decoration is removed (only an emoji or invisible characters), so what is under it would be lost. Give it a title.")]
    UntitledHeading { path: PathBuf, line: u32 },
    #[error("{path}: the folder has no markdown (.md) files.")]
    EmptyFolder { path: PathBuf },
    #[error("{path}:{line}: not a Rung ladder JSON file ({reason}).")]
    InvalidJson { path: PathBuf, line: u32, reason: String },
    #[error("{path}:{line}: the data does not parse ({reason}). Fix the file, or move it out of the folder if it is not part of the ladder.")]
    InvalidData { path: PathBuf, line: u32, reason: String },
    #[error("{path}: no ladder found in this data. Rung looks for records with a title (a `title`, `name` or `label`, or the key they sit under) that hold their characteristics, reference them by id, or hold their levels (`L1` … or a list such as `levels`). Export the ladder as markdown, a spreadsheet or Rung's ladder JSON instead.")]
    NoLadderData { path: PathBuf },
    #[error("{path}:{line}: the ladder JSON is inconsistent: {reason}.")]
    InconsistentJson { path: PathBuf, line: u32, reason: String },
    #[error("{path}:{line}: the front matter (the YAML between the `---` lines at the top) does not parse: {reason}. Fix the YAML or remove the block.")]
    FrontMatter { path: PathBuf, line: u32, reason: String },
    #[error(
        "{path}:{line}: not a job-family ladder in YAML ({reason}). It needs `levels`, `themes` and `competencies`."
    )]
    InvalidYaml { path: PathBuf, line: u32, reason: String },
    #[error("{path}: row {row}: not a ladder spreadsheet ({reason}). Use a header row of levels with the competencies down the first column, or columns named level (or role), competency and description.")]
    InvalidSpreadsheet { path: PathBuf, row: u32, reason: String },
    #[error("{path}: {over}, which no ladder does, so Rung stopped reading it. Check that this is the ladder file. {}", .over.bound.advice())]
    OverLimit { path: PathBuf, over: OverLimit },
    #[error("{path}: Rung does not read Excel 97–2003 (.xls) or binary (.xlsb) workbooks. Save it as an Excel Workbook (.xlsx) or an OpenDocument spreadsheet (.ods) and import that.")]
    UnsupportedWorkbook { path: PathBuf },
    #[error("{path}: the workbook does not open ({reason}). Open it in a spreadsheet program and save it again as .xlsx or .ods, or export the ladder's sheet as CSV.")]
    BrokenWorkbook { path: PathBuf, reason: String },
    #[error("{path}:{line}: not a Rung reading mapping ({reason}). Save the corrections from the import preview again, or fix the file.")]
    InvalidMapping { path: PathBuf, line: u32, reason: String },
}

/// "at line 4" in the same file, "in other.md at line 4" across files.
fn first_place(path: &std::path::Path, first_path: &std::path::Path, first_line: u32) -> String {
    if path == first_path {
        format!("at line {first_line}")
    } else {
        format!("in {} at line {first_line}", first_path.display())
    }
}

impl LadderError {
    /// A short stable code for the UI and scripts.
    pub fn code(&self) -> crate::error_code::ErrorCode {
        use crate::error_code::ErrorCode;
        match self {
            LadderError::NotFound { .. } => ErrorCode::LadderNotFound,
            LadderError::Unreadable { .. } => ErrorCode::LadderUnreadable,
            LadderError::NotAFile { .. } => ErrorCode::LadderNotAFile,
            LadderError::Empty { .. } => ErrorCode::LadderEmpty,
            LadderError::TooLarge { .. } => ErrorCode::LadderTooLarge,
            LadderError::TooManyFiles { .. } => ErrorCode::LadderTooManyFiles,
            LadderError::Binary { .. } => ErrorCode::LadderBinary,
            LadderError::NotUtf8 { .. } => ErrorCode::LadderNotUtf8,
            LadderError::ControlCharacter { .. } => ErrorCode::LadderControlCharacter,
            LadderError::NoRoles { .. } => ErrorCode::LadderNoRoles,
            LadderError::NothingToTranspose { .. } => ErrorCode::LadderNothingToTranspose,
            LadderError::UnconfirmedReading { .. } => ErrorCode::LadderUnconfirmedReading,
            LadderError::DuplicateRole { .. } => ErrorCode::LadderDuplicateRole,
            LadderError::BuildsOnCycle { .. } => ErrorCode::LadderBuildsOnCycle,
            LadderError::UntitledHeading { .. } => ErrorCode::LadderUntitledHeading,
            LadderError::EmptyFolder { .. } => ErrorCode::LadderEmptyFolder,
            LadderError::InvalidJson { .. } => ErrorCode::LadderInvalidJson,
            LadderError::InvalidData { .. } => ErrorCode::LadderInvalidData,
            LadderError::NoLadderData { .. } => ErrorCode::LadderNoData,
            LadderError::InconsistentJson { .. } => ErrorCode::LadderInconsistentJson,
            LadderError::FrontMatter { .. } => ErrorCode::LadderFrontMatter,
            LadderError::InvalidYaml { .. } => ErrorCode::LadderInvalidYaml,
            LadderError::InvalidSpreadsheet { .. } => ErrorCode::LadderInvalidSpreadsheet,
            LadderError::InvalidMapping { .. } => ErrorCode::LadderInvalidMapping,
            LadderError::OverLimit { .. } => ErrorCode::LadderOverLimit,
            LadderError::UnsupportedWorkbook { .. } => ErrorCode::LadderUnsupportedWorkbook,
            LadderError::BrokenWorkbook { .. } => ErrorCode::LadderBrokenWorkbook,
        }
    }
}
