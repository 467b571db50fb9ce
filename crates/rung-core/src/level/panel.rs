//! From interviewers' ratings to the panel's score of each characteristic: the median,
//! with an even count giving the mean of the two middle scores (a 2 and a 3 give 2.5).

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use crate::scorecard::template::CharacteristicRef;
use crate::scorecard::{Scorecard, ScorecardStatus};

/// One interviewer's rating of one characteristic; `None` is "not assessed".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PanelRating {
    /// Who rated: an interviewer id, name or label; only equality matters.
    pub rater: String,
    pub characteristic: CharacteristicRef,
    pub score: Option<u8>,
}

/// The scorecards that count: submitted ones, each replaced by a submitted amendment of
/// it when there is one (amendments of amendments included). Drafts never count.
pub fn counted_scorecards(scorecards: &[Scorecard]) -> Vec<&Scorecard> {
    let submitted: Vec<&Scorecard> = scorecards.iter().filter(|s| s.status == ScorecardStatus::Submitted).collect();
    let replaced: HashSet<i64> = submitted.iter().filter_map(|s| s.amends_scorecard_id).collect();
    submitted.into_iter().filter(|s| !replaced.contains(&s.id)).collect()
}

/// The ratings of the scorecards that count, with the interviewer id as the rater.
pub fn ratings_from_scorecards(scorecards: &[Scorecard]) -> Vec<PanelRating> {
    counted_scorecards(scorecards)
        .into_iter()
        .flat_map(|scorecard| {
            scorecard.ratings.iter().map(move |rating| PanelRating {
                rater: scorecard.interviewer_id.to_string(),
                characteristic: CharacteristicRef {
                    role_key: rating.role_key.clone(),
                    characteristic_key: rating.characteristic_key.clone(),
                },
                score: rating.score,
            })
        })
        .collect()
}

/// The panel score of every characteristic someone assessed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PanelScores {
    scores: BTreeMap<CharacteristicRef, f64>,
}

impl PanelScores {
    pub fn from_ratings(ratings: &[PanelRating]) -> PanelScores {
        let mut given: BTreeMap<&CharacteristicRef, Vec<u8>> = BTreeMap::new();
        for rating in ratings {
            if let Some(score) = rating.score {
                given.entry(&rating.characteristic).or_default().push(score);
            }
        }
        let scores = given
            .into_iter()
            .filter_map(|(reference, mut scores)| Some((reference.clone(), median(&mut scores)?)))
            .collect();
        PanelScores { scores }
    }

    /// The panel score, or `None` when nobody assessed it.
    pub fn get(&self, role_key: &str, characteristic_key: &str) -> Option<f64> {
        let reference =
            CharacteristicRef { role_key: role_key.to_owned(), characteristic_key: characteristic_key.to_owned() };
        self.scores.get(&reference).copied()
    }

    /// A hypothetical panel score (the debrief's what-if); `None` makes it unassessed.
    pub fn set(&mut self, reference: CharacteristicRef, score: Option<f64>) {
        match score {
            Some(score) => self.scores.insert(reference, score),
            None => self.scores.remove(&reference),
        };
    }

    pub fn iter(&self) -> impl Iterator<Item = (&CharacteristicRef, f64)> {
        self.scores.iter().map(|(reference, score)| (reference, *score))
    }
}

/// The median; with an even count, the mean of the two middle values. `None` when empty.
pub fn median(scores: &mut [u8]) -> Option<f64> {
    scores.sort_unstable();
    let n = scores.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(scores[n / 2])),
        _ => Some((f64::from(scores[n / 2 - 1]) + f64::from(scores[n / 2])) / 2.0),
    }
}
