//! Erasure as a journal. The transaction that removes a candidate also inserts a row in
//! `pending_scrubs` (ids only); the scrub that follows makes every other copy of their
//! data go: the database rewritten (VACUUM, with `secure_delete`) and its WAL
//! checkpointed and truncated, the report copies in `opened/`, the app's backups
//! (backup_erasure.rs), outputs a killed write left half-done (partial_outputs.rs). The
//! row is deleted only when all of that is done, and every open of the database finishes
//! a scrub still pending, so an erasure killed at any point, or stopped by a full disk,
//! ends at the next open with no byte of the candidate in the data folder.

use std::path::Path;

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::backup_erasure::{erase_from_backups, ErasedCandidate};
use crate::error::StoreError;
use crate::Store;

/// What a scrub did and what is still to do, as sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ScrubReport {
    /// The candidates whose erasure this scrub finished (or tried to).
    pub candidate_ids: Vec<i64>,
    pub done: Vec<String>,
    /// Empty when the scrub is finished.
    pub pending: Vec<String>,
    /// Why the pending part could not be done now (a full disk, another program).
    pub stopped_by: Option<String>,
    pub backups_rewritten: u32,
    pub backups_removed: u32,
}

impl ScrubReport {
    pub fn finished(&self) -> bool {
        self.pending.is_empty()
    }

    /// Nothing done yet: the scrub runs at the next open.
    pub(crate) fn pending_until_open(candidate_id: i64) -> ScrubReport {
        ScrubReport {
            candidate_ids: vec![candidate_id],
            pending: [PARTIALS, OPENED, DATABASE, BACKUPS].map(str::to_owned).to_vec(),
            stopped_by: Some("it cannot run inside the larger change the erasure was part of".into()),
            ..ScrubReport::default()
        }
    }

    /// Every sentence, the pending part with what to do.
    pub fn sentences(&self) -> Vec<String> {
        let mut out = self.done.clone();
        if !self.finished() {
            let reason = self.stopped_by.as_deref().unwrap_or("it was interrupted");
            out.push(format!(
                "The candidate is erased (no list or search shows them), but their data is not yet scrubbed from every file, because {reason}. Still to do: {}. Rung finishes this at its next start, or run `rung erase --resume`.",
                self.pending.join("; ")
            ));
        }
        out
    }
}

const DATABASE: &str = "rewrite the database file and empty its journal (WAL)";
const BACKUPS: &str = "rewrite the app's backups without the candidate";
const OPENED: &str = "delete the report copies opened for viewing";
const PARTIALS: &str = "delete outputs a stopped write left half-written";

impl Store {
    /// Records in the erasing transaction that a scrub is due for `candidate_id`.
    pub(crate) fn journal_scrub(
        tx: &rusqlite::Connection,
        candidate_id: i64,
        created_at: &str,
        keep_anonymous: bool,
    ) -> Result<(), StoreError> {
        tx.execute(
            "INSERT OR REPLACE INTO pending_scrubs (candidate_id, candidate_created_at, keep_anonymous, erased_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![candidate_id, created_at, keep_anonymous, crate::now()],
        )?;
        Ok(())
    }

    /// The erasures whose scrub is not finished (`db check`, `rung erase --resume`).
    pub fn pending_scrubs(&self) -> Result<Vec<i64>, StoreError> {
        let mut statement = self.conn.prepare("SELECT candidate_id FROM pending_scrubs ORDER BY candidate_id")?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What opening this database did to finish an interrupted erasure, if anything.
    pub fn scrub_at_open(&self) -> Option<&ScrubReport> {
        self.scrub_at_open.as_ref()
    }

    /// Finishes every pending scrub. `None` when none was pending; otherwise what was
    /// done and, if something stopped it, what is still to do and why. Never fails: the
    /// erasure it finishes has already happened, and says so.
    pub fn finish_pending_scrubs(&mut self) -> Option<ScrubReport> {
        let pending = match self.pending_rows() {
            Ok(rows) if rows.is_empty() => return None,
            Ok(rows) => rows,
            // A database from before the journal, or one that cannot be read: nothing to finish here.
            Err(_) => return None,
        };
        let mut report =
            ScrubReport { candidate_ids: pending.iter().map(|c| c.id).collect(), ..ScrubReport::default() };
        let data_dir = self.data_dir().to_owned();
        // Each step is tried even when one before it failed: they do not depend on one
        // another, and each done is one copy fewer.
        let mut failed = false;
        for what in [PARTIALS, OPENED, DATABASE, BACKUPS] {
            let outcome = match what {
                PARTIALS => {
                    crate::partial_outputs::remove_left_over(&data_dir).and_then(|n| removed(n, "Half-written outputs"))
                }
                OPENED => crate::erasure::clear_opened_copies(&data_dir)
                    .and_then(|n| removed(n, "Report copies opened for viewing")),
                DATABASE => self.rewrite_database(),
                _ => erase_backups(&data_dir, &pending, &mut report),
            };
            match outcome {
                Ok(done) => report.done.push(done),
                Err(error) => {
                    report.pending.push(what.to_owned());
                    report.stopped_by.get_or_insert_with(|| reason(&error));
                    failed = true;
                }
            }
        }
        if !failed {
            if let Err(error) = self.close_journal(&report.candidate_ids) {
                report.pending.push(DATABASE.to_owned());
                report.stopped_by.get_or_insert_with(|| reason(&error));
            }
        }
        Some(report)
    }

    fn pending_rows(&self) -> Result<Vec<ErasedCandidate>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT candidate_id, candidate_created_at, keep_anonymous FROM pending_scrubs ORDER BY candidate_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(ErasedCandidate { id: row.get(0)?, created_at: row.get(1)?, keep_anonymous: row.get(2)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// VACUUM (so no free page keeps the data) and the WAL emptied before and after.
    /// An error when another connection keeps the WAL from being emptied: its frames may
    /// hold the erased rows, so the scrub stays pending until it can be.
    fn rewrite_database(&mut self) -> Result<String, StoreError> {
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        let busy_before: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        self.conn.execute_batch("VACUUM")?;
        let busy_after: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        if busy_before != 0 || busy_after != 0 {
            return Err(StoreError::InUse);
        }
        Ok("The database file was rewritten without the erased data and its journal (WAL) emptied.".into())
    }

    /// The journal rows go only now that everything they named is done; the WAL that
    /// recorded their deletion is emptied too (it holds ids, never names).
    fn close_journal(&mut self, ids: &[i64]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for id in ids {
            tx.execute("DELETE FROM pending_scrubs WHERE candidate_id = ?1", [id])?;
        }
        tx.commit()?;
        let _: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        Ok(())
    }
}

fn erase_backups(data_dir: &Path, pending: &[ErasedCandidate], report: &mut ScrubReport) -> Result<String, StoreError> {
    let backups_dir = crate::location::backups_dir(data_dir);
    let left_over = crate::backup_erasure::remove_left_over_work(&backups_dir)?;
    let mut sentences = Vec::new();
    for candidate in pending {
        let outcome = erase_from_backups(&backups_dir, candidate)?;
        report.backups_rewritten += outcome.rewritten.len() as u32;
        report.backups_removed += outcome.removed.len() as u32;
        sentences.push(outcome.sentence());
    }
    if left_over > 0 {
        sentences.push(format!("{left_over} copy(ies) left by an interrupted rewrite of a backup were deleted."));
    }
    Ok(sentences.join(" "))
}

fn removed(count: usize, what: &str) -> Result<String, StoreError> {
    Ok(match count {
        0 => format!("{what}: none in the data folder."),
        n => format!("{what}: {n} overwritten and deleted."),
    })
}

/// Why a step stopped, as the words of its error (a full disk names its free space).
fn reason(error: &StoreError) -> String {
    match error {
        StoreError::DiskFull { place } => format!("the disk is full ({place})"),
        other => other.to_string().trim_end_matches('.').to_owned(),
    }
}
