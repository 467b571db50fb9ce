//! The measurement model: what the panel most likely saw, read past each interviewer's
//! habits, and how sure the ladder's policy can be of the level it gives.
//!
//! Each rating is a reading of a true score per characteristic, on the ladder's own
//! scale, by an interviewer with a leniency and a noise of their own (`reading`). A
//! candidate's true scores on one role's characteristics share a class (weak to strong,
//! in five steps), so the evidence on one characteristic of a role informs the others. The
//! interviewers' habits and the classes are fitted by EM over every counted scorecard
//! (`fit`); a candidate's posterior is exact over the discrete true scores and classes
//! (`posterior`); the policy — the definition of every level and band — is applied to
//! draws from it (`outcome`). Pure and deterministic. See docs/measurement-model.md.

mod fit;
mod outcome;
mod posterior;
pub mod random;
pub mod reading;

use std::collections::BTreeMap;

pub use outcome::{recommend_probable, Between, Likely, PanelReading, ProbableRecommendation, Settle};
pub use reading::RaterReading;

use crate::ladder::Ladder;
use crate::level::PanelRating;

/// Classes of a candidate's standing on one role, from meeting almost none of its
/// characteristics to almost all.
const CLASSES: usize = 5;

/// One candidate's counted ratings.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateRatings {
    pub candidate: String,
    pub ratings: Vec<PanelRating>,
}

/// The fitted model for one ladder.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasurementModel {
    top: usize,
    /// Per class, P(true score).
    profiles: Vec<Vec<f64>>,
    /// Per relation of a role to the candidate's level (below, same, next, other), P(class).
    standing: Vec<Vec<f64>>,
    /// P(level): how often candidates truly stand at each level (`fit::relations`).
    level_weights: Vec<f64>,
    /// `relation[level][role]`.
    relation: Vec<Vec<usize>>,
    raters: BTreeMap<String, RaterReading>,
    /// The pool: how a new interviewer is read.
    pool: RaterReading,
}

impl MeasurementModel {
    /// Fits the model to every candidate's counted ratings on `ladder` (ratings of roles
    /// or characteristics the ladder does not have are left out).
    pub fn fit(ladder: &Ladder, history: &[CandidateRatings]) -> MeasurementModel {
        fit::fit(ladder, history)
    }

    /// The model with no history: every interviewer read as the pool.
    pub fn unfitted(ladder: &Ladder) -> MeasurementModel {
        fit::fit(ladder, &[])
    }

    /// How `rater` is read: their own estimate, or the pool's for someone new.
    pub fn reading(&self, rater: &str) -> &RaterReading {
        self.raters.get(rater).unwrap_or(&self.pool)
    }

    /// Every interviewer in the history, by name.
    pub fn raters(&self) -> &BTreeMap<String, RaterReading> {
        &self.raters
    }

    pub fn pool(&self) -> &RaterReading {
        &self.pool
    }
}
