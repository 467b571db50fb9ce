//! Scorecards arriving from another machine (bundles): stored sealed, with the seal
//! they carried there remembered, so the same scorecard is never imported twice.

use rung_core::bundle::BundledScorecard;
use rung_core::scorecard::{seal, Scorecard, ScorecardStatus};
use rusqlite::{params, OptionalExtension};

use crate::error::StoreError;
use crate::Store;

/// Where an imported scorecard lands on this machine.
pub struct ImportTarget {
    pub candidate_id: i64,
    pub interviewer_id: i64,
    pub interview_id: Option<i64>,
    pub ladder_id: i64,
    /// The local id of the scorecard it amends (itself imported earlier).
    pub amends_scorecard_id: Option<i64>,
}

impl Store {
    /// The local scorecard a bundled one is: imported earlier with this source seal, or
    /// submitted here in the first place (a bundle brought back to where it was made).
    pub fn scorecard_with_seal(&self, source_seal: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT scorecard_id FROM imported_scorecards WHERE source_seal_sha256 = ?1
                 UNION ALL SELECT id FROM scorecards WHERE seal_sha256 = ?1 AND status = 'submitted' LIMIT 1",
                [source_seal],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Stores a bundled scorecard as a sealed scorecard of this database, sealed again
    /// over its local ids with the time it was submitted.
    pub fn import_sealed_scorecard(
        &mut self,
        card: &BundledScorecard,
        target: &ImportTarget,
    ) -> Result<i64, StoreError> {
        let tx = self.write()?;
        let now = crate::now();
        tx.execute(
            "INSERT INTO scorecards (candidate_id, interviewer_id, interview_id, ladder_id, ladder_snapshot_sha256,
                                     overall, level_opinion, summary, amends_scorecard_id, amendment_reason, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![
                target.candidate_id,
                target.interviewer_id,
                target.interview_id,
                target.ladder_id,
                card.ladder_snapshot_sha256,
                card.overall.map(|o| o.as_str()),
                card.level_opinion,
                card.summary,
                target.amends_scorecard_id,
                card.amendment_reason,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        for rating in &card.ratings {
            tx.execute(
                "INSERT INTO ratings (scorecard_id, role_key, characteristic_key, score, notes, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, rating.role_key, rating.characteristic_key, rating.score, rating.notes, rating.updated_at],
            )?;
        }
        let local = Scorecard {
            id,
            candidate_id: target.candidate_id,
            interviewer_id: target.interviewer_id,
            interview_id: target.interview_id,
            ladder_snapshot_sha256: card.ladder_snapshot_sha256.clone(),
            status: ScorecardStatus::Submitted,
            overall: card.overall,
            level_opinion: card.level_opinion.clone(),
            summary: card.summary.clone(),
            submitted_at: Some(card.submitted_at.clone()),
            seal_sha256: None,
            amends_scorecard_id: target.amends_scorecard_id,
            amendment_reason: card.amendment_reason.clone(),
            ratings: card.ratings.clone(),
            seal_salt: card.seal_salt.clone(),
        };
        let sealed = seal(&local, &card.submitted_at);
        tx.execute(
            "UPDATE scorecards SET status = 'submitted', submitted_at = ?2, seal_sha256 = ?3, seal_salt = ?4 WHERE id = ?1",
            params![id, card.submitted_at, sealed, card.seal_salt],
        )?;
        self.keep_arrived_signature(&tx, id, card)?;
        tx.execute(
            "INSERT INTO imported_scorecards (source_seal_sha256, scorecard_id) VALUES (?1, ?2)",
            params![card.seal_sha256, id],
        )?;
        let payload = serde_json::json!({
            "candidate_id": target.candidate_id, "seal_sha256": sealed, "source_seal_sha256": card.seal_sha256,
        });
        crate::audit::append(&tx, "bundle", "scorecard.import", "scorecard", id, &payload)?;
        tx.commit()?;
        Ok(id)
    }
}
