//! The panel debrief, shared by the app and the CLI: who may open it (the viewer gate),
//! the candidate's recommendation from the scorecards that count, and where each
//! candidate stands. Orchestrates `store` and `level`; knows neither SQL nor Tauri.

use serde::Serialize;
use ts_rs::TS;

use crate::level::{self, PanelRating, Recommendation};
use crate::store::{Store, StoreError};

/// Who is asking. The app's viewer is the interviewer chosen on this laptop; the CLI and
/// the recruiter act as the coordinator of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Interviewer(i64),
    Coordinator,
}

/// Where a candidate stands, for lists and `rung candidates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CandidateStatus {
    pub id: i64,
    pub name: String,
    pub target_role_key: String,
    /// Interviews in the panel plan.
    pub planned: u32,
    /// Planned interviews with a submitted scorecard.
    pub submitted: u32,
    /// "no scorecards in", "2 of 3 scorecards in", "all 3 scorecards in".
    pub status: String,
}

pub fn candidate_statuses(store: &Store) -> Result<Vec<CandidateStatus>, StoreError> {
    let progress = store.scorecard_progress()?;
    Ok(store
        .candidates()?
        .into_iter()
        .map(|candidate| {
            let (planned, submitted) = progress.get(&candidate.id).copied().unwrap_or((0, 0));
            let status = match submitted {
                0 => "no scorecards in".to_owned(),
                n if n >= planned => format!("all {planned} scorecards in"),
                n => format!("{n} of {planned} scorecards in"),
            };
            CandidateStatus {
                id: candidate.id,
                name: candidate.name,
                target_role_key: candidate.target_role_key,
                planned,
                submitted,
                status,
            }
        })
        .collect())
}

/// The viewer gate of the debrief: an interviewer once they have submitted their own
/// scorecard for the candidate (so they were never anchored by the others), the
/// coordinator once every planned interview is submitted.
pub fn require_debrief_access(store: &Store, viewer: Viewer, candidate_id: i64) -> Result<(), StoreError> {
    store.candidate(candidate_id)?;
    match viewer {
        Viewer::Interviewer(id) if store.has_submitted(id, candidate_id)? => Ok(()),
        Viewer::Interviewer(_) => Err(StoreError::Hidden),
        Viewer::Coordinator => {
            let (planned, submitted) = store.scorecard_progress()?.get(&candidate_id).copied().unwrap_or((0, 0));
            if planned > 0 && submitted >= planned {
                Ok(())
            } else {
                Err(StoreError::Invalid(format!(
                    "The debrief opens when every planned interview is submitted: {submitted} of {planned} are in."
                )))
            }
        }
    }
}

/// The recommendation for a candidate from the scorecards that count, behind the gate.
pub fn candidate_recommendation(
    store: &Store,
    viewer: Viewer,
    candidate_id: i64,
) -> Result<Recommendation, StoreError> {
    require_debrief_access(store, viewer, candidate_id)?;
    let candidate = store.candidate(candidate_id)?;
    let ladder = store.load_ladder(candidate.ladder_id)?;
    let ratings: Vec<PanelRating> = level::ratings_from_scorecards(&store.scorecards_of(candidate_id)?);
    Ok(level::recommend(&ladder, &ratings, Some(&candidate.target_role_key)))
}
