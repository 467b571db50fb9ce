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

#[cfg(test)]
mod tests {
    use super::random::Random;
    use super::*;
    use crate::ladder::Track;
    use crate::scorecard::template::{next_role, CharacteristicRef};

    fn rating(rater: &str, role: &str, characteristic: &str, score: u8) -> PanelRating {
        PanelRating {
            rater: rater.to_owned(),
            characteristic: CharacteristicRef {
                role_key: role.to_owned(),
                characteristic_key: characteristic.to_owned(),
            },
            score: Some(score),
        }
    }

    /// L1 rated 3 by two interviewers throughout; L2 rated once each with `pattern`.
    fn panel(ladder: &Ladder, pattern: &[u8]) -> (String, Vec<PanelRating>) {
        let l1 = ladder.roles.iter().find(|r| r.level == 1 && !r.incomplete && r.track != Track::Foundation).unwrap();
        let l2 = next_role(ladder, l1).unwrap();
        let mut ratings = Vec::new();
        for c in &l1.characteristics {
            ratings.push(rating("a", &l1.key, &c.key, 3));
            ratings.push(rating("b", &l1.key, &c.key, 3));
        }
        for (c, &score) in l2.characteristics.iter().zip(pattern) {
            ratings.push(rating("c", &l2.key, &c.key, score));
        }
        (l2.key.clone(), ratings)
    }

    #[test]
    fn better_ratings_of_the_next_role_make_it_more_probable_and_the_answer_is_deterministic() {
        let ladder = crate::ladder::default_ladder();
        let model = MeasurementModel::unfitted(&ladder);
        let mut previous = -1.0;
        for pattern in [[2, 2, 2, 2], [3, 2, 2, 2], [3, 3, 2, 2], [3, 3, 3, 2], [3, 3, 3, 3], [4, 4, 4, 4]] {
            let (l2, ratings) = panel(&ladder, &pattern);
            let result = recommend_probable(&ladder, &model, &ratings, None);
            let p: f64 =
                result.outcomes.iter().filter(|o| o.role.as_deref() == Some(l2.as_str())).map(|o| o.probability).sum();
            assert!(p >= previous - 0.03, "{pattern:?}: P(L2) {p} after {previous}");
            previous = p;
            assert_eq!(
                result,
                recommend_probable(&ladder, &model, &ratings, None),
                "the same ratings, the same answer"
            );
            let total: f64 = result.outcomes.iter().map(|o| o.probability).sum();
            assert!((total - 1.0).abs() < 1e-9);
            if result.role_probability < ladder.policy.between_levels_below {
                let between = result.between.as_ref().expect("below the threshold: between two levels");
                assert!(result.headline.starts_with("Between "), "{}", result.headline);
                assert!(!between.settle.is_empty() && between.settle.len() <= 2, "{between:?}");
            } else {
                assert!(result.between.is_none());
            }
        }
        assert!(previous > 0.7, "all 4s on the next role: P(L2) {previous}");
    }

    #[test]
    fn leniency_is_recovered_from_history_and_a_new_interviewer_is_read_as_the_pool() {
        let ladder = crate::ladder::default_ladder();
        let role = ladder.roles.iter().find(|r| r.level == 1 && !r.incomplete && r.track != Track::Foundation).unwrap();
        let habits = [("lenient", 0.6), ("severe", -0.6), ("fair", 0.0), ("fair too", 0.0)];
        let mut random = Random::new(11);
        let history: Vec<CandidateRatings> = (0..80)
            .map(|candidate| {
                let truths: Vec<f64> = role.characteristics.iter().map(|_| 2.0 + random.below(2) as f64).collect();
                let ratings = habits
                    .iter()
                    .flat_map(|(name, leniency)| {
                        let scores: Vec<u8> = truths
                            .iter()
                            .map(|t| (t + leniency + random.normal(0.4)).round().clamp(1.0, 4.0) as u8)
                            .collect();
                        role.characteristics
                            .iter()
                            .zip(scores)
                            .map(|(c, s)| rating(name, &role.key, &c.key, s))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                CandidateRatings { candidate: candidate.to_string(), ratings }
            })
            .collect();
        let model = MeasurementModel::fit(&ladder, &history);
        let lenient = model.reading("lenient");
        let severe = model.reading("severe");
        assert!(lenient.leniency > 0.3 && lenient.leniency_low > 0.0, "{lenient:?}");
        assert!(severe.leniency < -0.3 && severe.leniency_high < 0.0, "{severe:?}");
        assert!(model.reading("fair").leniency.abs() < 0.3, "{:?}", model.reading("fair"));
        assert_eq!(lenient.ratings as usize, 80 * role.characteristics.len());
        assert_eq!(model.reading("someone new"), model.pool());
        assert_eq!(model.pool().leniency, 0.0);
    }
}
