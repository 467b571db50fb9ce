//! The one way Rung reads a file a person names: regular files only (symlinks followed),
//! a size limit per kind of file with its own words, and the read itself stopped one
//! byte past the limit. A FIFO or a device is refused before it is read: the file is
//! opened without blocking and what was opened is checked, so a pipe swapped in after
//! the first look cannot hang Rung, and `/dev/zero` cannot fill the memory.

use std::io::Read;
use std::path::{Path, PathBuf};

/// What a file is for, which sets its size limit and how a refusal is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Ladder,
    Bundle,
    ReportPdf,
    RatingsCsv,
    CandidatesCsv,
}

impl InputKind {
    /// Far above any real file of the kind, far below what would strain a laptop.
    pub fn limit(self) -> u64 {
        const MIB: u64 = 1024 * 1024;
        match self {
            InputKind::Ladder => 2 * MIB,
            // The ladder snapshot travels inside, with a panel's scorecards and notes.
            InputKind::Bundle => 16 * MIB,
            InputKind::ReportPdf => 64 * MIB,
            InputKind::RatingsCsv => 16 * MIB,
            InputKind::CandidatesCsv => 16 * MIB,
        }
    }

    fn what(self) -> &'static str {
        match self {
            InputKind::Ladder => "ladder files are",
            InputKind::Bundle => "a scorecard bundle is",
            InputKind::ReportPdf => "a report Rung issued is",
            InputKind::RatingsCsv => "a ratings CSV is",
            InputKind::CandidatesCsv => "a candidates CSV is",
        }
    }

    fn expected(self) -> &'static str {
        match self {
            InputKind::Ladder => "a ladder file",
            InputKind::Bundle => "a scorecard bundle",
            InputKind::ReportPdf => "a report PDF",
            InputKind::RatingsCsv => "a ratings CSV",
            InputKind::CandidatesCsv => "a candidates CSV",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("{path}: no such file.")]
    NotFound { path: PathBuf },
    #[error("{path} is {what}, not {expected}; Rung reads only regular files. Choose the file itself.")]
    NotAFile { path: PathBuf, what: &'static str, expected: &'static str },
    #[error("{path} is {}; {what} at most {}. Is this the right file?", human_size(*size), human_size(*limit))]
    TooLarge { path: PathBuf, size: u64, what: &'static str, limit: u64 },
    #[error("{path} cannot be read ({reason}).")]
    Unreadable { path: PathBuf, reason: String },
}

impl InputError {
    pub fn code(&self) -> crate::error_code::ErrorCode {
        use crate::error_code::ErrorCode;
        match self {
            InputError::NotFound { .. } => ErrorCode::InputNotFound,
            InputError::NotAFile { .. } => ErrorCode::InputNotAFile,
            InputError::TooLarge { .. } => ErrorCode::InputTooLarge,
            InputError::Unreadable { .. } => ErrorCode::InputUnreadable,
        }
    }
}

/// Sizes as people read them.
pub fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MiB", b as f64 / MIB),
        b if b >= 1024 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}

/// Reads `path` whole, as `kind`, within its limit.
pub fn read_bounded(path: &Path, kind: InputKind) -> Result<Vec<u8>, InputError> {
    let metadata = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if !metadata.is_file() {
        return Err(not_a_file(path, &metadata, kind));
    }
    let too_large =
        |size: u64| InputError::TooLarge { path: path.to_owned(), size, what: kind.what(), limit: kind.limit() };
    if metadata.len() > kind.limit() {
        return Err(too_large(metadata.len()));
    }
    let file = open_without_blocking(path).map_err(|e| io_error(path, &e))?;
    let opened = file.metadata().map_err(|e| io_error(path, &e))?;
    if !opened.is_file() {
        return Err(not_a_file(path, &opened, kind));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(kind.limit()) as usize);
    file.take(kind.limit() + 1).read_to_end(&mut bytes).map_err(|e| io_error(path, &e))?;
    if bytes.len() as u64 > kind.limit() {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

fn io_error(path: &Path, error: &std::io::Error) -> InputError {
    match error.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound { path: path.to_owned() },
        _ => InputError::Unreadable { path: path.to_owned(), reason: error.to_string() },
    }
}

fn not_a_file(path: &Path, metadata: &std::fs::Metadata, kind: InputKind) -> InputError {
    InputError::NotAFile { path: path.to_owned(), what: describe(metadata), expected: kind.expected() }
}

/// What a path that is not a regular file is.
pub fn describe(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_oversized_files_are_refused_in_their_own_words() {
        let zero = read_bounded(Path::new("/dev/zero"), InputKind::Bundle).unwrap_err();
        assert!(matches!(zero, InputError::NotAFile { what: "a device", .. }), "{zero}");
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("ratings.csv");
        std::fs::write(&big, vec![b'a'; (InputKind::RatingsCsv.limit() + 1) as usize]).unwrap();
        let error = read_bounded(&big, InputKind::RatingsCsv).unwrap_err().to_string();
        assert!(error.contains("a ratings CSV is at most 16.0 MiB"), "{error}");
        assert!(!error.contains("ladder"), "{error}");
        let folder = read_bounded(dir.path(), InputKind::ReportPdf).unwrap_err().to_string();
        assert!(folder.contains("is a folder, not a report PDF"), "{folder}");
    }
}
