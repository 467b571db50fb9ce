//! Calibration: how each interviewer's scores sit against the panel's across all
//! candidates (lenient or severe), how often they leave a focus characteristic
//! unassessed, and how often their overall recommendation went against the decision.
//! Only submitted scorecards that count are used.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use ts_rs::TS;

use super::panel::{counted_scorecards, ratings_from_scorecards, PanelScores};
use crate::decision::Outcome;
use crate::scorecard::template::CharacteristicRef;
use crate::scorecard::{Overall, Scorecard};

/// What calibration needs of one candidate.
pub struct CandidateEvidence<'a> {
    pub scorecards: &'a [Scorecard],
    /// Interview id → its focus characteristics.
    pub focus: HashMap<i64, Vec<CharacteristicRef>>,
    /// The decision in force, if any.
    pub decision: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InterviewerCalibration {
    pub interviewer_id: i64,
    /// Scores compared with a panel score.
    pub ratings: u32,
    /// Mean of (their score − the panel score): above 0 lenient, below severe.
    pub mean_difference: Option<f64>,
    pub focus_planned: u32,
    pub focus_unassessed: u32,
    /// How often their overall recommendation went against the decision (hire vs no hire).
    pub decisions_compared: u32,
    pub decisions_disagreed: u32,
    /// "lenient", "severe", "in line with the panel" or "too few ratings to tell".
    pub reading: String,
}

#[derive(Default)]
struct Tally {
    ratings: u32,
    difference: f64,
    planned: u32,
    unassessed: u32,
    compared: u32,
    disagreed: u32,
}

/// A difference this large, on average, is a pattern worth telling the interviewer.
const NOTICEABLE: f64 = 0.25;
/// Fewer ratings than this say nothing about a person.
const ENOUGH_RATINGS: u32 = 10;

pub fn calibrate(candidates: &[CandidateEvidence<'_>]) -> Vec<InterviewerCalibration> {
    let mut tallies: BTreeMap<i64, Tally> = BTreeMap::new();
    for candidate in candidates {
        let panel = PanelScores::from_ratings(&ratings_from_scorecards(candidate.scorecards));
        for scorecard in counted_scorecards(candidate.scorecards) {
            let tally = tallies.entry(scorecard.interviewer_id).or_default();
            for rating in &scorecard.ratings {
                if let (Some(score), Some(panel_score)) =
                    (rating.score, panel.get(&rating.role_key, &rating.characteristic_key))
                {
                    tally.ratings += 1;
                    tally.difference += f64::from(score) - panel_score;
                }
            }
            let focus = scorecard.interview_id.and_then(|id| candidate.focus.get(&id)).map_or(&[][..], Vec::as_slice);
            for reference in focus {
                tally.planned += 1;
                let assessed = scorecard.ratings.iter().any(|r| {
                    r.role_key == reference.role_key
                        && r.characteristic_key == reference.characteristic_key
                        && r.score.is_some()
                });
                tally.unassessed += u32::from(!assessed);
            }
            let leaning = match scorecard.overall {
                Some(Overall::Yes | Overall::StrongYes) => Some(Outcome::Hire),
                Some(Overall::No | Overall::StrongNo) => Some(Outcome::NoHire),
                None => None,
            };
            if let (Some(leaning), Some(decision @ (Outcome::Hire | Outcome::NoHire))) = (leaning, candidate.decision) {
                tally.compared += 1;
                tally.disagreed += u32::from(leaning != decision);
            }
        }
    }
    tallies
        .into_iter()
        .map(|(interviewer_id, tally)| {
            let mean = (tally.ratings > 0).then(|| tally.difference / f64::from(tally.ratings));
            let reading = match mean {
                _ if tally.ratings < ENOUGH_RATINGS => "too few ratings to tell",
                Some(m) if m >= NOTICEABLE => "lenient",
                Some(m) if m <= -NOTICEABLE => "severe",
                _ => "in line with the panel",
            };
            InterviewerCalibration {
                interviewer_id,
                ratings: tally.ratings,
                mean_difference: mean,
                focus_planned: tally.planned,
                focus_unassessed: tally.unassessed,
                decisions_compared: tally.compared,
                decisions_disagreed: tally.disagreed,
                reading: reading.to_owned(),
            }
        })
        .collect()
}
