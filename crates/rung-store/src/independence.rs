//! Independent scoring: an interviewer sees other interviewers' ratings and notes for a
//! candidate only after submitting their own scorecard for that candidate, and never
//! sees anyone else's drafts. Every read an interviewer can trigger goes through here.

use rusqlite::params;

use crate::error::StoreError;
use crate::Store;
use rung_core::scorecard::{Scorecard, ScorecardStatus};

impl Store {
    /// True once `viewer` has submitted a scorecard for `candidate_id`.
    pub fn has_submitted(&self, viewer: i64, candidate_id: i64) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM scorecards WHERE interviewer_id = ?1 AND candidate_id = ?2 AND status = 'submitted')",
            params![viewer, candidate_id],
            |row| row.get(0),
        )?)
    }

    /// The scorecards of a candidate that `viewer` may read: their own, plus others'
    /// submitted ones once they have submitted their own.
    pub fn scorecards_visible_to(&self, viewer: i64, candidate_id: i64) -> Result<Vec<Scorecard>, StoreError> {
        let may_see_others = self.has_submitted(viewer, candidate_id)?;
        Ok(self
            .scorecards_of(candidate_id)?
            .into_iter()
            .filter(|scorecard| {
                scorecard.interviewer_id == viewer || (may_see_others && scorecard.status == ScorecardStatus::Submitted)
            })
            .collect())
    }

    /// One scorecard, if `viewer` may read it; otherwise a refusal that says why.
    pub fn scorecard_for(&self, viewer: i64, scorecard_id: i64) -> Result<Scorecard, StoreError> {
        let scorecard = self.scorecard(scorecard_id)?;
        if scorecard.interviewer_id == viewer {
            return Ok(scorecard);
        }
        if scorecard.status == ScorecardStatus::Submitted && self.has_submitted(viewer, scorecard.candidate_id)? {
            return Ok(scorecard);
        }
        Err(StoreError::Hidden)
    }
}

impl Store {
    /// Every scorecard of a candidate, for the panel's own tools (CLI, reports) — not for
    /// an interviewer's view, which goes through `scorecards_visible_to`.
    pub fn scorecards_of(&self, candidate_id: i64) -> Result<Vec<Scorecard>, StoreError> {
        let mut statement = self.conn.prepare("SELECT id FROM scorecards WHERE candidate_id = ?1 ORDER BY id")?;
        let ids: Vec<i64> = statement.query_map([candidate_id], |row| row.get(0))?.collect::<Result<_, _>>()?;
        ids.into_iter().map(|id| self.scorecard(id)).collect()
    }
}
