//! Panels scored by a standing pool of interviewers, each with a leniency and a history,
//! for candidates at their target role or away from it; recommended by today's policy on
//! raw medians, by the plain mean, and by the policy on the measurement model's posterior
//! (fitted on the whole batch, as `rung recommend --ratings` fits a file).

use super::model::{plain_mean, reading, true_score, Random, Tally};
use rung_core::ladder::{default_ladder, Band, Ladder, Track};
use rung_core::level::model::{recommend_probable, CandidateRatings, MeasurementModel};
use rung_core::level::{recommend, ConfidenceLevel, PanelRating};
use rung_core::scorecard::panel::{default_interview_count, default_plan};
use rung_core::scorecard::template::{next_role, template_for};

/// Where candidates apply relative to their true role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mix {
    /// Everyone applies for their true role.
    AtTarget,
    /// A quarter each: two levels below, one below, at, one above their true role.
    MostlyAway,
}

/// How a flag (today's Low confidence, or the model's "between two levels") did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Flags {
    pub candidates: u32,
    pub flagged: u32,
    pub wrong: u32,
    pub flagged_wrong: u32,
    /// Given with probability ≥ 0.8 (the model only).
    pub sure: u32,
    pub sure_wrong: u32,
}

impl Flags {
    fn count(&mut self, flagged: bool, sure: bool, right: bool) {
        self.candidates += 1;
        self.flagged += u32::from(flagged);
        self.wrong += u32::from(!right);
        self.flagged_wrong += u32::from(flagged && !right);
        self.sure += u32::from(sure);
        self.sure_wrong += u32::from(sure && !right);
    }

    pub fn share_flagged(&self) -> f64 {
        ratio(self.flagged, self.candidates)
    }
    pub fn wrong_among_flagged(&self) -> f64 {
        ratio(self.flagged_wrong, self.flagged)
    }
    pub fn wrong_among_unflagged(&self) -> f64 {
        ratio(self.wrong - self.flagged_wrong, self.candidates - self.flagged)
    }
    /// Of the wrong recommendations, the share that was flagged.
    pub fn wrong_flagged(&self) -> f64 {
        ratio(self.flagged_wrong, self.wrong)
    }
    pub fn wrong_among_sure(&self) -> f64 {
        ratio(self.sure_wrong, self.sure)
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    f64::from(a) / f64::from(b.max(1))
}

pub struct PoolResults {
    pub policy: Tally,
    pub mean: Tally,
    pub model: Tally,
    pub policy_flags: Flags,
    pub model_flags: Flags,
    /// Per decile of the recommended role's probability: (recommendations, right, Σ probability).
    pub calibration: [(u32, u32, f64); 10],
    /// Recommendations (role and band) that change when every target moves one role up.
    pub moved_by_target: u32,
    /// The policy on the true scores themselves (rounded to the scale): the ceiling of any
    /// rule that applies the policy to what the panel saw.
    pub oracle: Tally,
    /// The model's role is the one the policy gives on the true scores.
    pub agrees_with_ceiling: u32,
    /// As `calibration`, "right" being the role the policy gives on the true scores.
    pub ceiling_calibration: [(u32, u32, f64); 10],
}

struct Candidate {
    truth: (String, Band),
    latent: Vec<PanelRating>,
    target: String,
    ratings: Vec<PanelRating>,
}

/// A role `offset` levels from `role` on its path (below), or the next role (above); the
/// nearest one that exists.
fn shifted(ladder: &Ladder, role: &str, offset: i32) -> String {
    let mut key = role.to_owned();
    if offset > 0 {
        for _ in 0..offset {
            match ladder.role(&key).and_then(|r| next_role(ladder, r)).filter(|r| !r.incomplete) {
                Some(next) => key = next.key.clone(),
                None => break,
            }
        }
        return key;
    }
    let path: Vec<String> = ladder
        .path_to(role)
        .iter()
        .filter(|r| !r.incomplete && r.track != Track::Foundation)
        .map(|r| r.key.clone())
        .collect();
    let here = path.iter().position(|k| k == role).unwrap_or(0);
    path[here.saturating_sub(offset.unsigned_abs() as usize)].clone()
}

fn truths(ladder: &Ladder) -> Vec<(String, Vec<Band>)> {
    ladder
        .roles
        .iter()
        .filter(|role| !role.incomplete && role.track != Track::Foundation)
        .map(|role| {
            let bands = if next_role(ladder, role).is_some() {
                vec![Band::Maturing, Band::Performing, Band::Exceeding]
            } else {
                vec![Band::Maturing, Band::Performing]
            };
            (role.key.clone(), bands)
        })
        .collect()
}

/// `candidates` candidates in batches of 60, each batch with a pool of 12 interviewers
/// (leniency ~ N(0, 0.3), rating noise sd `noise`); each interview of the target's default
/// plan by a different interviewer of the pool; 5% of ratings left unassessed.
pub fn simulate_pools(candidates: u32, noise: f64, mix: Mix, seed: u64) -> PoolResults {
    let ladder = default_ladder();
    let truths = truths(&ladder);
    let mut random = Random::new(seed);
    let mut results = PoolResults {
        policy: Tally::default(),
        mean: Tally::default(),
        model: Tally::default(),
        policy_flags: Flags::default(),
        model_flags: Flags::default(),
        calibration: [(0, 0, 0.0); 10],
        moved_by_target: 0,
        oracle: Tally::default(),
        agrees_with_ceiling: 0,
        ceiling_calibration: [(0, 0, 0.0); 10],
    };
    let mut left = candidates;
    while left > 0 {
        let batch_size = left.min(60);
        left -= batch_size;
        let leniency: Vec<f64> = (0..12).map(|_| random.normal(0.3)).collect();
        let batch: Vec<Candidate> = (0..batch_size)
            .map(|_| {
                let (role, bands) = &truths[random.below(truths.len())];
                let band = bands[random.below(bands.len())];
                let offset = match mix {
                    Mix::AtTarget => 0,
                    Mix::MostlyAway => [-2, -1, 0, 1][random.below(4)],
                };
                let target = shifted(&ladder, role, offset);
                let (ratings, latent) = pool_panel(&ladder, (role, band), &target, &leniency, noise, &mut random);
                Candidate { truth: (role.clone(), band), latent, target, ratings }
            })
            .collect();
        let history: Vec<CandidateRatings> = batch
            .iter()
            .enumerate()
            .map(|(i, c)| CandidateRatings { candidate: i.to_string(), ratings: c.ratings.clone() })
            .collect();
        let model = MeasurementModel::fit(&ladder, &history);
        for candidate in &batch {
            let truth = (candidate.truth.0.as_str(), candidate.truth.1);
            let oracle = recommend(&ladder, &candidate.latent, Some(&candidate.target));
            results.oracle.count(&ladder, truth, (oracle.role.as_deref(), oracle.band));
            let today = recommend(&ladder, &candidate.ratings, Some(&candidate.target));
            results.policy.count(&ladder, truth, (today.role.as_deref(), today.band));
            let right = today.role.as_deref() == Some(truth.0);
            results.policy_flags.count(
                today.confidence.level == ConfidenceLevel::Low,
                today.confidence.level == ConfidenceLevel::High,
                right,
            );
            let mean = plain_mean(&ladder, &candidate.ratings, &candidate.target, 2.5);
            results.mean.count(&ladder, truth, (mean.as_deref(), None));
            let probable = recommend_probable(&ladder, &model, &candidate.ratings, Some(&candidate.target));
            results.model.count(&ladder, truth, (probable.role.as_deref(), probable.band));
            let right = probable.role.as_deref() == Some(truth.0);
            let p = probable.role_probability;
            results.model_flags.count(probable.between.is_some(), p >= 0.8, right);
            // Against what the policy gives on the true scores: what the probability claims.
            let agrees = probable.role == oracle.role;
            results.agrees_with_ceiling += u32::from(agrees);
            let bin = &mut results.ceiling_calibration[((p * 10.0) as usize).min(9)];
            bin.0 += 1;
            bin.1 += u32::from(agrees);
            bin.2 += p;
            let bin = &mut results.calibration[((p * 10.0) as usize).min(9)];
            bin.0 += 1;
            bin.1 += u32::from(right);
            bin.2 += p;
            let up = shifted(&ladder, &candidate.target, 1);
            let moved = recommend_probable(&ladder, &model, &candidate.ratings, Some(&up));
            results.moved_by_target += u32::from((moved.role, moved.band) != (probable.role, probable.band));
        }
    }
    results
}

fn pool_panel(
    ladder: &Ladder,
    truth: (&str, Band),
    target: &str,
    leniency: &[f64],
    noise: f64,
    random: &mut Random,
) -> (Vec<PanelRating>, Vec<PanelRating>) {
    let template = template_for(ladder, target).expect("a scorable role");
    let plan = default_plan(&template, default_interview_count(&template), 2);
    let mut order: Vec<usize> = (0..leniency.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, random.below(i + 1));
    }
    let mut latent = std::collections::HashMap::new();
    let mut ratings = Vec::new();
    for (index, interview) in plan.interviews.iter().enumerate() {
        let interviewer = order[index % order.len()];
        for reference in &interview.focus {
            let theta = *latent
                .entry(reference.clone())
                .or_insert_with(|| true_score(ladder, truth, &reference.role_key, random));
            let score = reading(theta + leniency[interviewer], noise, random);
            ratings.push(PanelRating {
                rater: format!("interviewer {interviewer}"),
                characteristic: reference.clone(),
                score,
            });
        }
    }
    let latent = latent
        .into_iter()
        .map(|(characteristic, theta): (_, f64)| PanelRating {
            rater: "truth".to_owned(),
            characteristic,
            score: Some(theta.round().clamp(1.0, 4.0) as u8),
        })
        .collect();
    (ratings, latent)
}
