//! Erasing a candidate: every piece of their personal data leaves the database, and the
//! database file, its WAL and the data folder's older copies can be made to hold none of
//! it. What the user chooses to keep is kept anonymously, with no link to the person.

use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::StoreError;
use crate::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErasureReceipt {
    pub candidate_id: i64,
    pub scorecards: u32,
    pub reports: u32,
    pub decisions: u32,
    /// True when the outcome, level and scores (without notes) were kept anonymously.
    pub kept_anonymous: bool,
    /// What the scrub that follows the erasure did, and what it left pending.
    pub scrub: crate::ScrubReport,
}

impl Store {
    /// Erases a candidate and everything about them, in one transaction that also
    /// journals the scrub (scrub.rs); the scrub then rewrites the database file (VACUUM),
    /// empties the WAL and removes the other copies in the data folder. Refused while
    /// the candidate is on legal hold. `Ok` means erased, even when the scrub is pending.
    pub fn erase_candidate(&mut self, candidate_id: i64, keep_anonymous: bool) -> Result<ErasureReceipt, StoreError> {
        // Per connection: every page the erasure frees is zeroed, not just unlinked.
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        let tx = self.write()?;
        let found: Option<(bool, String)> = tx
            .query_row("SELECT legal_hold, created_at FROM candidates WHERE id = ?1", [candidate_id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        let created_at = match found {
            None => return Err(StoreError::NotFound { what: "candidate", id: candidate_id }),
            Some((true, _)) => return Err(StoreError::LegalHold),
            Some((false, created_at)) => created_at,
        };
        Store::journal_scrub(&tx, candidate_id, &created_at, keep_anonymous)?;
        if keep_anonymous {
            keep_anonymously(&tx, candidate_id)?;
        }
        let scorecard_ids = ids(&tx, "SELECT id FROM scorecards WHERE candidate_id = ?1 ORDER BY id", candidate_id)?;
        let decision_ids = ids(&tx, "SELECT id FROM decisions WHERE candidate_id = ?1 ORDER BY id", candidate_id)?;
        tx.execute(
            "INSERT INTO erasures (candidate_id, requested_at) VALUES (?1, ?2)",
            params![candidate_id, crate::now()],
        )?;
        let reports = tx.execute("DELETE FROM reports WHERE candidate_id = ?1", [candidate_id])? as u32;
        let decisions = tx.execute("DELETE FROM decisions WHERE candidate_id = ?1", [candidate_id])? as u32;
        tx.execute(
            "DELETE FROM imported_scorecards WHERE scorecard_id IN (SELECT id FROM scorecards WHERE candidate_id = ?1)",
            [candidate_id],
        )?;
        tx.execute(
            "DELETE FROM ratings WHERE scorecard_id IN (SELECT id FROM scorecards WHERE candidate_id = ?1)",
            [candidate_id],
        )?;
        let scorecards = tx.execute("DELETE FROM scorecards WHERE candidate_id = ?1", [candidate_id])? as u32;
        // Plans, interviews, focus and questions go with the candidate (ON DELETE CASCADE).
        tx.execute("DELETE FROM candidates WHERE id = ?1", [candidate_id])?;
        // The permission ends with the erasure: a later candidate reusing the id is sealed.
        tx.execute("DELETE FROM erasures WHERE candidate_id = ?1", [candidate_id])?;
        // The search index keeps deleted terms in its segments until rebuilt.
        tx.execute("INSERT INTO reports_search (reports_search) VALUES ('rebuild')", [])?;
        // Ids, never names: they let `db check` tell an erasure from records gone missing.
        let payload = serde_json::json!({
            "scorecards": scorecards, "reports": reports, "decisions": decisions, "kept_anonymous": keep_anonymous,
            "scorecard_ids": scorecard_ids, "decision_ids": decision_ids,
        });
        crate::audit::append(&tx, "recruiter", "candidate.erase", "candidate", candidate_id, &payload)?;
        tx.commit()?;
        // From here the candidate is erased whatever happens; the scrub is journalled.
        // Under the folder lock, so two processes never scrub the same folder at once.
        // Inside a larger transaction VACUUM cannot run: the next open finishes it.
        let scrub = if self.conn.is_autocommit() {
            let _lock = crate::files::lock_folder(self.data_dir());
            self.finish_pending_scrubs().unwrap_or_default()
        } else {
            crate::ScrubReport::pending_until_open(candidate_id)
        };
        Ok(ErasureReceipt { candidate_id, scorecards, reports, decisions, kept_anonymous: keep_anonymous, scrub })
    }

    /// Sets or lifts a candidate's legal hold (which stops retention and erasure).
    pub fn set_legal_hold(&mut self, candidate_id: i64, hold: bool) -> Result<(), StoreError> {
        let tx = self.write()?;
        let changed = tx.execute("UPDATE candidates SET legal_hold = ?2 WHERE id = ?1", params![candidate_id, hold])?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "candidate", id: candidate_id });
        }
        let action = if hold { "candidate.hold" } else { "candidate.release" };
        crate::audit::append(&tx, "recruiter", action, "candidate", candidate_id, &serde_json::json!({}))?;
        tx.commit()?;
        Ok(())
    }
}

fn ids(tx: &rusqlite::Connection, sql: &str, candidate_id: i64) -> Result<Vec<i64>, StoreError> {
    let mut statement = tx.prepare(sql)?;
    let rows = statement.query_map([candidate_id], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The outcome, level and the counted scores of a candidate, with no name, notes, ids
/// or times that could lead back to them.
fn keep_anonymously(tx: &rusqlite::Connection, candidate_id: i64) -> Result<(), StoreError> {
    let (target, snapshot): (String, String) = tx.query_row(
        "SELECT c.target_role_key, l.snapshot_sha256 FROM candidates c JOIN ladders l ON l.id = c.ladder_id WHERE c.id = ?1",
        [candidate_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let decision: Option<(String, Option<String>, Option<String>)> = tx
        .query_row(
            "SELECT outcome, role_key, band FROM decisions WHERE candidate_id = ?1 ORDER BY id DESC LIMIT 1",
            [candidate_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let mut statement = tx.prepare(
        "SELECT r.role_key, r.characteristic_key, r.score FROM ratings r JOIN scorecards s ON s.id = r.scorecard_id
         WHERE s.candidate_id = ?1 AND s.status = 'submitted' AND r.score IS NOT NULL
           AND s.id NOT IN (SELECT amends_scorecard_id FROM scorecards WHERE amends_scorecard_id IS NOT NULL)
         ORDER BY r.role_key, r.characteristic_key, r.score",
    )?;
    let scores: Vec<serde_json::Value> = statement
        .query_map([candidate_id], |row| {
            Ok(serde_json::json!({
                "role_key": row.get::<_, String>(0)?,
                "characteristic_key": row.get::<_, String>(1)?,
                "score": row.get::<_, i64>(2)?,
            }))
        })?
        .collect::<Result<_, _>>()?;
    let (outcome, role, band) = match decision {
        Some((outcome, role, band)) => (Some(outcome), role, band),
        None => (None, None, None),
    };
    // Only the month: an exact time could be matched against calendars or mail.
    let month = chrono::Utc::now().format("%Y-%m").to_string();
    tx.execute(
        "INSERT INTO anonymous_outcomes (erased_at, ladder_snapshot_sha256, target_role_key, outcome, role_key, band, scores_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![month, snapshot, target, outcome, role, band, serde_json::Value::Array(scores).to_string()],
    )?;
    Ok(())
}

/// Copies of the database Rung left in the data folder (safety copies before a
/// restore or an upgrade, damaged databases moved aside): they still hold erased data.
pub fn older_copies(data_dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let prefix = format!("{}.", crate::DB_FILE);
    let live = [crate::DB_FILE.to_owned(), format!("{}-wal", crate::DB_FILE), format!("{}-shm", crate::DB_FILE)];
    let entries = std::fs::read_dir(data_dir).map_err(|e| StoreError::io(data_dir, &e))?;
    let mut copies: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && !live.contains(&name) && entry.file_type().is_ok_and(|t| t.is_file())
        })
        .map(|entry| entry.path())
        .collect();
    copies.sort();
    Ok(copies)
}

/// Where archived reports are written to be opened in the system's PDF viewer.
pub const OPENED_DIR: &str = "opened";

/// Removes every report copy written for viewing (they are copies of archive entries,
/// written again when needed), overwriting each first.
pub fn clear_opened_copies(data_dir: &Path) -> Result<usize, StoreError> {
    let folder = data_dir.join(OPENED_DIR);
    let Ok(entries) = std::fs::read_dir(&folder) else { return Ok(0) };
    let files: Vec<PathBuf> =
        entries.filter_map(Result::ok).filter(|e| e.file_type().is_ok_and(|t| t.is_file())).map(|e| e.path()).collect();
    for file in &files {
        overwrite_and_remove(file)?;
    }
    Ok(files.len())
}

pub(crate) fn overwrite_and_remove(path: &Path) -> Result<(), StoreError> {
    zero_in_place(path)?;
    std::fs::remove_file(path).map_err(|e| StoreError::io(path, &e))
}

/// Overwrites a file's bytes with zeros, in place, and syncs it: what a deleted file
/// leaves on the disk is then zeros, not a candidate's data.
pub(crate) fn zero_in_place(path: &Path) -> Result<(), StoreError> {
    use std::io::Write;
    let length = std::fs::metadata(path).map_err(|e| StoreError::io(path, &e))?.len();
    let mut file = std::fs::OpenOptions::new().write(true).open(path).map_err(|e| StoreError::io(path, &e))?;
    let zeros = vec![0u8; 64 * 1024];
    let mut left = length;
    while left > 0 {
        let chunk = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..chunk]).map_err(|e| StoreError::io(path, &e))?;
        left -= chunk as u64;
    }
    file.sync_all().map_err(|e| StoreError::io(path, &e))
}

/// Deletes the older copies, overwriting each with zeros first so its blocks do not
/// keep the data on file systems that reuse them in place.
pub fn purge_older_copies(data_dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let copies = older_copies(data_dir)?;
    for copy in &copies {
        overwrite_and_remove(copy)?;
    }
    Ok(copies)
}
