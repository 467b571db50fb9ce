//! Reading ladder files safely: size limits, binary and encoding checks, BOM and line
//! endings, and the hash that pins a ladder to its exact bytes.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::error::LadderError;

/// Real ladder files are a few kilobytes; anything this large is the wrong file.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// A folder ladder has one file per level; more than this is not a ladder folder.
pub const MAX_FOLDER_FILES: usize = 200;

/// Reads a ladder file through the one bounded reader (`crate::input`): regular files
/// only (symlinks followed), never more than the limit, FIFOs and devices refused
/// before they are read.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LadderError> {
    use crate::input::{read_bounded, InputError, InputKind};
    read_bounded(path, InputKind::Ladder).map_err(|error| match error {
        InputError::NotFound { path } => LadderError::NotFound { path },
        InputError::NotAFile { path, .. } => LadderError::NotAFile { path },
        InputError::TooLarge { path, size, limit, .. } => LadderError::TooLarge { path, size, limit },
        InputError::Unreadable { path, reason } => LadderError::Unreadable { path, reason },
    })
}

pub fn io_error(path: &Path, error: &std::io::Error) -> LadderError {
    match error.kind() {
        std::io::ErrorKind::NotFound => LadderError::NotFound { path: path.to_owned() },
        _ => LadderError::Unreadable { path: path.to_owned(), reason: error.to_string() },
    }
}

/// Bytes → text a parser can trust: UTF-8, no NUL bytes, no BOM, LF line endings.
pub fn decode_text(bytes: &[u8], path: &Path) -> Result<String, LadderError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LadderError::TooLarge { path: path.to_owned(), size: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(LadderError::NotUtf8 { path: path.to_owned(), line: 1 });
    }
    if let Some(at) = bytes.iter().position(|&byte| byte == 0) {
        return Err(LadderError::Binary { path: path.to_owned(), line: line_at(bytes, at) });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|error| LadderError::NotUtf8 { path: path.to_owned(), line: line_at(bytes, error.valid_up_to()) })?;
    // Terminal escapes and other control characters are never ladder text (tabs and line
    // breaks are); refusing them keeps them out of every screen, report and terminal.
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return Err(LadderError::ControlCharacter {
            path: path.to_owned(),
            line: line_at(bytes, at),
            code: u32::from(c),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LadderError::Empty { path: path.to_owned() });
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn line_at(bytes: &[u8], offset: usize) -> u32 {
    let newlines = bytes[..offset.min(bytes.len())].iter().filter(|&&byte| byte == b'\n').count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A folder's hash covers each file's relative path and bytes, in path order, so that
/// renaming, adding or editing any file changes it.
pub fn folder_sha256(files: &[(String, Vec<u8>)]) -> String {
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut hasher = Sha256::new();
    for (name, bytes) in sorted {
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hex::encode(hasher.finalize())
}
