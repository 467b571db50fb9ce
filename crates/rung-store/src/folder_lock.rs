//! The data folder's lock, which never waits silently: a process that finds the folder
//! held tries again for a few seconds, saying on stderr whom it waits for, then stops
//! with who holds it (pid, command, since when, from `lock-holder` beside the database)
//! and what to do. Commands that only read take it shared, so they never wait for one
//! another. An advisory lock on the folder itself, so the lock needs no file of its own.

use std::fs::File;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::StoreError;

/// How long to wait for another process before saying who it is and stopping.
const WAIT: Duration = Duration::from_secs(5);
const RETRY: Duration = Duration::from_millis(100);

/// Who holds the lock, in the data folder (removed by the holder when it lets go).
pub const HOLDER_FILE: &str = "lock-holder";

/// Held while a process opens, migrates, restores or moves the database of a folder;
/// released when dropped.
pub struct FolderLock {
    folder: Option<(File, PathBuf)>,
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        if let Some((_, folder)) = &self.folder {
            let info = folder.join(HOLDER_FILE);
            // Only our own record: a shared holder's may have replaced it.
            if std::fs::read_to_string(&info).is_ok_and(|text| pid_of(&text) == Some(std::process::id())) {
                let _ = std::fs::remove_file(info);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Creating, migrating, restoring, scrubbing: alone.
    Exclusive,
    /// Reading: beside other readers.
    Shared,
}

pub fn lock_folder(folder: &Path) -> Result<FolderLock, StoreError> {
    lock(folder, Mode::Exclusive)
}

pub fn lock(folder: &Path, mode: Mode) -> Result<FolderLock, StoreError> {
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let handle = File::open(folder).map_err(|e| StoreError::io(folder, &e))?;
    let started = Instant::now();
    let mut said = false;
    loop {
        let attempt = match mode {
            Mode::Exclusive => handle.try_lock(),
            Mode::Shared => handle.try_lock_shared(),
        };
        match attempt {
            Ok(()) => {
                note_holder(folder, mode);
                return Ok(FolderLock { folder: Some((handle, folder.to_owned())) });
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = holder_words(folder);
                if started.elapsed() >= WAIT {
                    return Err(StoreError::FolderBusy { folder: folder.to_owned(), holder, waited: WAIT.as_secs() });
                }
                if !said {
                    eprintln!(
                        "waiting for {holder} to let go of the data folder {} (up to {} s)…",
                        folder.display(),
                        WAIT.as_secs()
                    );
                    said = true;
                }
                std::thread::sleep(RETRY);
            }
            // A file system without locks (some network shares): SQLite's own locking still
            // serialises writers; only concurrent first opens lose this extra guard.
            Err(std::fs::TryLockError::Error(error))
                if error.kind() == ErrorKind::Unsupported || matches!(error.raw_os_error(), Some(37 | 95)) =>
            {
                return Ok(FolderLock { folder: None });
            }
            Err(std::fs::TryLockError::Error(error)) => return Err(StoreError::io(folder, &error)),
        }
    }
}

/// Records who holds the lock. Best effort: a read-only folder keeps no record.
fn note_holder(folder: &Path, mode: Mode) {
    let since = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC");
    let kind = if mode == Mode::Shared { "reading" } else { "writing" };
    let text = format!("pid={}\ncommand={}\nsince={since}\nmode={kind}\n", std::process::id(), command());
    let path = folder.join(HOLDER_FILE);
    if let Ok(mut file) = crate::files::create_private(&path)
        .or_else(|_| std::fs::OpenOptions::new().write(true).truncate(true).open(&path))
    {
        use std::io::Write;
        let _ = file.write_all(text.as_bytes());
    }
}

/// The program and its subcommand words (`rung candidates`), never an argument's value:
/// the record outlives a killed holder and must not keep a candidate's name.
fn command() -> String {
    let mut args = std::env::args();
    let program = args
        .next()
        .map(|p| Path::new(&p).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(p))
        .unwrap_or_else(|| "rung".into());
    let words: Vec<String> = args
        .take_while(|a| !a.starts_with('-'))
        .take(2)
        .filter(|a| a.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .collect();
    std::iter::once(program).chain(words).collect::<Vec<_>>().join(" ")
}

fn pid_of(text: &str) -> Option<u32> {
    field(text, "pid").and_then(|pid| pid.parse().ok())
}

fn field<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|line| line.strip_prefix(key).and_then(|rest| rest.strip_prefix('=')))
}

/// "process 4242 (rung restore, since 2026-12-04 02:40:11 UTC), which is stopped".
fn holder_words(folder: &Path) -> String {
    let Ok(text) = std::fs::read_to_string(folder.join(HOLDER_FILE)) else {
        return "another Rung window or command".into();
    };
    let Some(pid) = pid_of(&text) else { return "another Rung window or command".into() };
    let command = field(&text, "command").unwrap_or("rung");
    let since = field(&text, "since").unwrap_or("an unknown time");
    let state = match process_state(pid) {
        Some('T' | 't') => {
            ", which is stopped (suspended, as by Ctrl+Z): resume it with `fg` or `kill -CONT`, or end it"
        }
        None => ", which seems to have ended (if so, try again)",
        _ => "",
    };
    format!("process {pid} ({command}, since {since}){state}")
}

/// The state letter of a running process (`R`, `S`, `T` for stopped…), on Linux.
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) S …": the state follows the last ')'.
    stat.rsplit_once(')').and_then(|(_, rest)| rest.trim_start().chars().next())
}
