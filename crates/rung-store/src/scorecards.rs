//! Drafts, autosaved ratings, sealing on submit, and amendments.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

use crate::error::StoreError;
use crate::Store;
use rung_core::scorecard::{seal, Overall, Rating, Scorecard, ScorecardStatus};

/// One rating or note change, saved as one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RatingChange {
    pub role_key: String,
    pub characteristic_key: String,
    pub score: Option<u8>,
    pub notes: String,
}

impl Store {
    pub fn start_scorecard(
        &mut self,
        candidate_id: i64,
        interviewer_id: i64,
        interview_id: Option<i64>,
    ) -> Result<i64, StoreError> {
        let tx = self.write()?;
        let (ladder_id, snapshot): (i64, String) = tx
            .query_row(
                "SELECT c.ladder_id, l.snapshot_sha256 FROM candidates c JOIN ladders l ON l.id = c.ladder_id WHERE c.id = ?1",
                [candidate_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "candidate", id: candidate_id })?;
        let now = crate::now();
        tx.execute(
            "INSERT INTO scorecards (candidate_id, interviewer_id, interview_id, ladder_id, ladder_snapshot_sha256, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![candidate_id, interviewer_id, interview_id, ladder_id, snapshot, now],
        )?;
        let id = tx.last_insert_rowid();
        crate::audit::append(
            &tx,
            &actor(interviewer_id),
            "scorecard.start",
            "scorecard",
            id,
            &serde_json::json!({ "candidate_id": candidate_id }),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Saves one rating and its note into `viewer`'s own draft. When this returns `Ok`,
    /// the change is on disk.
    pub fn save_rating(&mut self, viewer: i64, scorecard_id: i64, change: &RatingChange) -> Result<Rating, StoreError> {
        let now = crate::now();
        let tx = self.write()?;
        let (interviewer_id, ladder_id) = own_draft(&tx, viewer, scorecard_id)?;
        if let Some(score) = change.score {
            // The ladder's own scale, read once per ladder: snapshots never change.
            let top = self.scale_top(&tx, ladder_id)?;
            if !(1..=top).contains(&score) {
                return Err(StoreError::Invalid(format!("A rating is 1 to {top}, or not assessed.")));
            }
        }
        tx.execute(
            "INSERT INTO ratings (scorecard_id, role_key, characteristic_key, score, notes, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (scorecard_id, role_key, characteristic_key)
             DO UPDATE SET score = excluded.score, notes = excluded.notes, updated_at = excluded.updated_at",
            params![scorecard_id, change.role_key, change.characteristic_key, change.score, change.notes, now],
        )?;
        tx.execute("UPDATE scorecards SET updated_at = ?2 WHERE id = ?1", params![scorecard_id, now])?;
        let payload = serde_json::json!({
            "role_key": change.role_key,
            "characteristic_key": change.characteristic_key,
            "score": change.score,
        });
        crate::audit::append(&tx, &actor(interviewer_id), "rating.save", "scorecard", scorecard_id, &payload)?;
        tx.commit()?;
        Ok(Rating {
            role_key: change.role_key.clone(),
            characteristic_key: change.characteristic_key.clone(),
            score: change.score,
            notes: change.notes.clone(),
            updated_at: now,
        })
    }

    pub fn save_overall(
        &mut self,
        viewer: i64,
        scorecard_id: i64,
        overall: Option<Overall>,
        level_opinion: Option<&str>,
        summary: &str,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let (interviewer_id, _) = own_draft(&tx, viewer, scorecard_id)?;
        tx.execute(
            "UPDATE scorecards SET overall = ?2, level_opinion = ?3, summary = ?4, updated_at = ?5 WHERE id = ?1",
            params![scorecard_id, overall.map(Overall::as_str), level_opinion, summary, crate::now()],
        )?;
        // No digest of free text: a short note could be confirmed by guessing, and a
        // digest would outlive the candidate's erasure.
        let payload = serde_json::json!({ "overall": overall });
        crate::audit::append(&tx, &actor(interviewer_id), "scorecard.overall", "scorecard", scorecard_id, &payload)?;
        tx.commit()?;
        Ok(())
    }

    /// Seals `viewer`'s scorecard: from now on it and its ratings cannot change.
    pub fn submit_scorecard(&mut self, viewer: i64, scorecard_id: i64) -> Result<Scorecard, StoreError> {
        let tx = self.write()?;
        let mut scorecard = read_scorecard(&tx, scorecard_id)?;
        if scorecard.interviewer_id != viewer {
            return Err(StoreError::NotYours);
        }
        if scorecard.status == ScorecardStatus::Submitted {
            return Err(StoreError::Sealed);
        }
        let submitted_at = crate::now();
        scorecard.seal_salt = Some(new_salt()?);
        let sealed = seal(&scorecard, &submitted_at);
        tx.execute(
            "UPDATE scorecards SET status = 'submitted', submitted_at = ?2, seal_sha256 = ?3, updated_at = ?2, seal_salt = ?4
             WHERE id = ?1",
            params![scorecard_id, submitted_at, sealed, scorecard.seal_salt],
        )?;
        crate::audit::append(
            &tx,
            &actor(scorecard.interviewer_id),
            "scorecard.submit",
            "scorecard",
            scorecard_id,
            &serde_json::json!({ "seal_sha256": sealed }),
        )?;
        scorecard.status = ScorecardStatus::Submitted;
        scorecard.submitted_at = Some(submitted_at);
        scorecard.seal_sha256 = Some(sealed);
        self.sign_scorecard(&tx, &scorecard)?;
        tx.commit()?;
        Ok(scorecard)
    }

    /// A correction to a submitted scorecard: a new draft that references it, carries
    /// the reason, and starts from its ratings. The original stays sealed.
    pub fn amend_scorecard(&mut self, viewer: i64, original_id: i64, reason: &str) -> Result<i64, StoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Invalid("An amendment needs a reason.".into()));
        }
        let tx = self.write()?;
        let original = read_scorecard(&tx, original_id)?;
        if original.interviewer_id != viewer {
            return Err(StoreError::NotYours);
        }
        if original.status != ScorecardStatus::Submitted {
            return Err(StoreError::Invalid(
                "Only a submitted scorecard can be amended; edit the draft instead.".into(),
            ));
        }
        let now = crate::now();
        tx.execute(
            "INSERT INTO scorecards (candidate_id, interviewer_id, interview_id, ladder_id, ladder_snapshot_sha256, overall, level_opinion,
                                     summary, created_at, updated_at, amends_scorecard_id, amendment_reason)
             SELECT candidate_id, interviewer_id, interview_id, ladder_id, ladder_snapshot_sha256, overall, level_opinion,
                    summary, ?2, ?2, id, ?3 FROM scorecards WHERE id = ?1",
            params![original_id, now, reason],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO ratings (scorecard_id, role_key, characteristic_key, score, notes, updated_at)
             SELECT ?2, role_key, characteristic_key, score, notes, ?3 FROM ratings WHERE scorecard_id = ?1",
            params![original_id, id, now],
        )?;
        crate::audit::append(
            &tx,
            &actor(original.interviewer_id),
            "scorecard.amend",
            "scorecard",
            id,
            &serde_json::json!({ "amends": original_id }),
        )?;
        tx.commit()?;
        Ok(id)
    }

    pub fn scorecard(&self, scorecard_id: i64) -> Result<Scorecard, StoreError> {
        read_scorecard(&self.conn, scorecard_id)
    }

    /// Every scorecard id, for checks that walk the whole database.
    pub fn scorecard_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut statement = self.conn.prepare("SELECT id FROM scorecards ORDER BY id")?;
        let ids = statement.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
        Ok(ids)
    }
}

/// A fresh salt for a seal, or the reason none could be made.
pub(crate) fn new_salt() -> Result<String, StoreError> {
    rung_core::signing::new_seal_salt()
        .map_err(|e| StoreError::SigningKey(format!("Nothing was sealed: {e}. Try again.")))
}

fn actor(interviewer_id: i64) -> String {
    format!("interviewer:{interviewer_id}")
}

impl Store {
    /// The highest value on the rating scale of a ladder.
    fn scale_top(&self, conn: &Connection, ladder_id: i64) -> Result<u8, StoreError> {
        if let Some(top) = self.scale_tops.borrow().get(&ladder_id) {
            return Ok(*top);
        }
        let levels: i64 = conn.query_row(
            "SELECT json_array_length(snapshot_json, '$.rating_scale.levels') FROM ladders WHERE id = ?1",
            [ladder_id],
            |row| row.get(0),
        )?;
        let top = u8::try_from(levels).unwrap_or(0);
        self.scale_tops.borrow_mut().insert(ladder_id, top);
        Ok(top)
    }
}

/// The owner of a draft, when it is `viewer`: nobody writes into another interviewer's
/// scorecard, and a submitted one cannot be changed.
/// Returns (interviewer, ladder) of the draft.
fn own_draft(conn: &Connection, viewer: i64, scorecard_id: i64) -> Result<(i64, i64), StoreError> {
    let (interviewer_id, status, ladder_id): (i64, String, i64) = conn
        .query_row("SELECT interviewer_id, status, ladder_id FROM scorecards WHERE id = ?1", [scorecard_id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .optional()?
        .ok_or(StoreError::NotFound { what: "scorecard", id: scorecard_id })?;
    if interviewer_id != viewer {
        return Err(StoreError::NotYours);
    }
    if status == "submitted" {
        return Err(StoreError::Sealed);
    }
    Ok((interviewer_id, ladder_id))
}

pub(super) fn read_scorecard(conn: &Connection, scorecard_id: i64) -> Result<Scorecard, StoreError> {
    let mut scorecard = conn
        .query_row(
            "SELECT id, candidate_id, interviewer_id, interview_id, ladder_snapshot_sha256, status, overall, level_opinion,
                    summary, submitted_at, seal_sha256, amends_scorecard_id, amendment_reason, seal_salt
             FROM scorecards WHERE id = ?1",
            [scorecard_id],
            |row| {
                let status: String = row.get(5)?;
                let overall: Option<String> = row.get(6)?;
                Ok(Scorecard {
                    id: row.get(0)?,
                    candidate_id: row.get(1)?,
                    interviewer_id: row.get(2)?,
                    interview_id: row.get(3)?,
                    ladder_snapshot_sha256: row.get(4)?,
                    status: if status == "submitted" { ScorecardStatus::Submitted } else { ScorecardStatus::Draft },
                    overall: overall.as_deref().and_then(Overall::parse),
                    level_opinion: row.get(7)?,
                    summary: row.get(8)?,
                    submitted_at: row.get(9)?,
                    seal_sha256: row.get(10)?,
                    amends_scorecard_id: row.get(11)?,
                    amendment_reason: row.get(12)?,
                    ratings: Vec::new(),
                    seal_salt: row.get(13)?,
                })
            },
        )
        .optional()?
        .ok_or(StoreError::NotFound { what: "scorecard", id: scorecard_id })?;
    let mut statement = conn.prepare(
        "SELECT role_key, characteristic_key, score, notes, updated_at FROM ratings
         WHERE scorecard_id = ?1 ORDER BY role_key, characteristic_key",
    )?;
    scorecard.ratings = statement
        .query_map([scorecard_id], |row| {
            Ok(Rating {
                role_key: row.get(0)?,
                characteristic_key: row.get(1)?,
                score: row.get(2)?,
                notes: row.get(3)?,
                updated_at: row.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(scorecard)
}
