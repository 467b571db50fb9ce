//! Fitting the measurement model by EM, with exact marginalisation over the discrete true
//! scores and over each (candidate, role)'s class. See docs/measurement-model.md.
//!
//! E-step: for every candidate and role, the posterior over its class and, per
//! characteristic, over the true score, given the ratings and the current readings.
//! M-step: class profiles and each role's class weights from the expected counts (with a
//! light Dirichlet prior, so a small history stays sane); each interviewer's leniency and
//! noise from the expected residuals, shrunk towards the pool by how much history they
//! have (empirical Bayes: the shrinkage is the ratio of their noise to the spread of
//! leniencies between interviewers).

use std::collections::BTreeMap;

use super::reading::RaterReading;
use super::{CandidateRatings, MeasurementModel, CLASSES};
use crate::ladder::Ladder;

/// Ratings of one characteristic of one candidate: (interviewer, rating − 1).
#[derive(Debug, Clone, Default)]
pub(super) struct Unit {
    pub characteristic: usize,
    pub ratings: Vec<(usize, usize)>,
}

/// A candidate's rated characteristics of one role.
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub role: usize,
    pub units: Vec<Unit>,
}

/// A group's posterior: over its class, and per unit over the true score given the class.
pub(super) struct GroupPosterior {
    pub class: Vec<f64>,
    /// Per unit, `CLASSES × top`: P(true score | class, ratings).
    pub truth: Vec<Vec<f64>>,
    pub log_likelihood: f64,
}

impl GroupPosterior {
    /// P(true score) of unit `u`, the class marginalised out.
    pub fn marginal(&self, unit: usize, top: usize) -> Vec<f64> {
        (0..top).map(|t| (0..CLASSES).map(|z| self.class[z] * self.truth[unit][z * top + t]).sum()).collect()
    }
}

const MAX_ITERATIONS: usize = 150;
/// The prior on an interviewer's noise: log-normal around the pool's, sd 0.3 (about ±35%).
const NOISE_PRIOR_SD: f64 = 0.3;
/// A prior on the spread of leniencies between interviewers: sd 0.3, worth 5 interviewers.
const LENIENCY_SPREAD_PRIOR: (f64, f64) = (0.09, 5.0);
/// Dirichlet pseudo-counts: per class profile, per role's class weights.
const PROFILE_PRIOR: f64 = 10.0;
const WEIGHT_PRIOR: f64 = 3.0;
const MIN_NOISE: f64 = 0.2;

/// The starting class profiles: each class meets a share of the role's characteristics
/// (5% to 97%), a met characteristic sitting at the top of the scale's middle, an unmet one
/// just below. EM moves them; the prior keeps them near here when there is little history.
pub(super) fn initial_profiles(top: usize) -> Vec<Vec<f64>> {
    let unit = |centre: f64| -> Vec<f64> {
        let row: Vec<f64> = (0..top).map(|t| super::reading::rating_probability(t, 0, centre, 0.45, top)).collect();
        let total: f64 = row.iter().sum();
        row.into_iter().map(|p| p / total).collect()
    };
    // On the default 1–4 scale: met around 3.2, unmet around 2.1 (positions from 0).
    let met = unit((top - 1) as f64 * 0.73);
    let unmet = unit((top - 1) as f64 * 0.37);
    MET_SHARES
        .iter()
        .map(|share| (0..top).map(|t| share * met[t] + (1.0 - share) * unmet[t]).collect())
        .collect()
}

/// The share of a role's characteristics each class starts out meeting.
const MET_SHARES: [f64; super::CLASSES] = [0.05, 0.3, 0.6, 0.85, 0.97];

/// The E-step for one group; `tables[rater]` is that interviewer's P(rating | truth).
pub(super) fn posterior_of(
    units: &[Unit],
    tables: &[Vec<f64>],
    weights: &[f64],
    profiles: &[Vec<f64>],
    top: usize,
) -> GroupPosterior {
    let mut log_class: Vec<f64> = weights.iter().map(|w| w.max(1e-12).ln()).collect();
    let mut truth = Vec::with_capacity(units.len());
    for unit in units {
        let likelihood: Vec<f64> = (0..top)
            .map(|t| unit.ratings.iter().map(|&(rater, r)| tables[rater][t * top + r]).product())
            .collect();
        let mut rows = vec![0.0; CLASSES * top];
        for z in 0..CLASSES {
            let mass: f64 = (0..top).map(|t| profiles[z][t] * likelihood[t]).sum::<f64>().max(1e-300);
            log_class[z] += mass.ln();
            for t in 0..top {
                rows[z * top + t] = profiles[z][t] * likelihood[t] / mass;
            }
        }
        truth.push(rows);
    }
    let peak = log_class.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let total: f64 = log_class.iter().map(|l| (l - peak).exp()).sum();
    let class = log_class.iter().map(|l| (l - peak).exp() / total).collect();
    GroupPosterior { class, truth, log_likelihood: peak + total.ln() }
}

/// The candidates' ratings as groups, with interviewers numbered in order of name.
pub(super) fn groups_of(ladder: &Ladder, history: &[CandidateRatings]) -> (Vec<String>, Vec<Group>) {
    let mut raters: BTreeMap<&str, usize> = BTreeMap::new();
    for candidate in history {
        for rating in candidate.ratings.iter().filter(|r| r.score.is_some()) {
            let next = raters.len();
            raters.entry(rating.rater.as_str()).or_insert(next);
        }
    }
    // Number them in name order, so the fit does not depend on the order of the file.
    let names: Vec<String> = raters.keys().map(|name| (*name).to_owned()).collect();
    let number = |name: &str| names.binary_search_by(|n| n.as_str().cmp(name)).ok();
    let top = ladder.rating_scale.levels.len();
    let mut groups = Vec::new();
    for candidate in history {
        groups.extend(candidate_groups(ladder, &candidate.ratings, top, &|name| number(name)));
    }
    (names, groups)
}

/// One candidate's groups; `rater` numbers an interviewer (`None`: skip the rating).
pub(super) fn candidate_groups(
    ladder: &Ladder,
    ratings: &[crate::level::PanelRating],
    top: usize,
    rater: &dyn Fn(&str) -> Option<usize>,
) -> Vec<Group> {
    let mut by_role: BTreeMap<usize, BTreeMap<usize, Unit>> = BTreeMap::new();
    for rating in ratings {
        let Some(score) = rating.score.map(usize::from).filter(|s| (1..=top).contains(s)) else { continue };
        let Some(role) = ladder.roles.iter().position(|r| r.key == rating.characteristic.role_key) else { continue };
        let Some(characteristic) = ladder.roles[role]
            .characteristics
            .iter()
            .position(|c| c.key == rating.characteristic.characteristic_key)
        else {
            continue;
        };
        let Some(number) = rater(&rating.rater) else { continue };
        let unit = by_role.entry(role).or_default().entry(characteristic).or_default();
        unit.characteristic = characteristic;
        unit.ratings.push((number, score - 1));
    }
    by_role.into_iter().map(|(role, units)| Group { role, units: units.into_values().collect() }).collect()
}

/// EM to convergence.
pub(super) fn fit(ladder: &Ladder, history: &[CandidateRatings]) -> MeasurementModel {
    let top = ladder.rating_scale.levels.len();
    let roles = ladder.roles.len();
    let (names, groups) = groups_of(ladder, history);
    let initial = initial_profiles(top);
    let mut profiles = initial.clone();
    let uniform = vec![1.0 / CLASSES as f64; CLASSES];
    let mut pool_weights = uniform.clone();
    let mut role_weights = vec![uniform.clone(); roles];
    let mut pool_noise = 0.6;
    let mut spread = LENIENCY_SPREAD_PRIOR.0;
    let mut readings: Vec<RaterReading> = names.iter().map(|_| pool_reading(pool_noise, spread, 0)).collect();
    let mut previous = f64::NEG_INFINITY;
    for _ in 0..MAX_ITERATIONS {
        let tables: Vec<Vec<f64>> = readings.iter().map(|r| r.table(top)).collect();
        let mut profile_counts = vec![vec![0.0; top]; CLASSES];
        let mut weight_counts = vec![vec![0.0; CLASSES]; roles];
        // Per interviewer: expected counts of (true score, rating).
        let mut counts = vec![vec![0.0_f64; top * top]; names.len()];
        let mut log_likelihood = 0.0;
        for group in &groups {
            let posterior = posterior_of(&group.units, &tables, &role_weights[group.role], &profiles, top);
            log_likelihood += posterior.log_likelihood;
            for z in 0..CLASSES {
                weight_counts[group.role][z] += posterior.class[z];
            }
            for (index, unit) in group.units.iter().enumerate() {
                for z in 0..CLASSES {
                    for t in 0..top {
                        profile_counts[z][t] += posterior.class[z] * posterior.truth[index][z * top + t];
                    }
                }
                let marginal = posterior.marginal(index, top);
                for &(rater, r) in &unit.ratings {
                    for (t, p) in marginal.iter().enumerate() {
                        counts[rater][t * top + r] += p;
                    }
                }
            }
        }
        // Class profiles and weights, each with its prior.
        for z in 0..CLASSES {
            let total: f64 = profile_counts[z].iter().sum::<f64>() + PROFILE_PRIOR;
            profiles[z] = (0..top).map(|t| (profile_counts[z][t] + PROFILE_PRIOR * initial[z][t]) / total).collect();
        }
        let overall: Vec<f64> = (0..CLASSES).map(|z| weight_counts.iter().map(|w| w[z]).sum::<f64>()).collect();
        let overall_total: f64 = overall.iter().sum::<f64>() + WEIGHT_PRIOR;
        pool_weights = (0..CLASSES).map(|z| (overall[z] + WEIGHT_PRIOR * uniform[z]) / overall_total).collect();
        for (role, counts) in weight_counts.iter().enumerate() {
            let total: f64 = counts.iter().sum::<f64>() + WEIGHT_PRIOR;
            role_weights[role] = (0..CLASSES).map(|z| (counts[z] + WEIGHT_PRIOR * pool_weights[z]) / total).collect();
        }
        // Interviewers: each one's leniency and noise by maximum a posteriori under the
        // pool's prior (partial pooling), then centred so the pool reads the scale as
        // written (the scale's anchor), then the pool's spread from them.
        let fitted: Vec<(f64, f64, f64, f64)> = counts
            .iter()
            .map(|table| {
                let n: f64 = table.iter().sum();
                let (leniency, noise, curvature) = rater_map(table, top, spread, pool_noise);
                (n, leniency, noise, curvature)
            })
            .collect();
        let total_n: f64 = fitted.iter().map(|f| f.0).sum();
        let centre = if total_n > 0.0 { fitted.iter().map(|f| f.0 * f.1).sum::<f64>() / total_n } else { 0.0 };
        let rated: Vec<&(f64, f64, f64, f64)> = fitted.iter().filter(|f| f.0 > 0.0).collect();
        if !rated.is_empty() {
            let m = rated.len() as f64;
            // E[b²] over interviewers: the estimate squared plus its own uncertainty.
            let observed = rated.iter().map(|f| (f.1 - centre).powi(2) + 1.0 / f.3).sum::<f64>() / m;
            let (prior, weight) = LENIENCY_SPREAD_PRIOR;
            spread = ((m * observed + weight * prior) / (m + weight)).clamp(0.05 * 0.05, 1.0);
            let log_noise = rated.iter().map(|f| f.0 * f.2.ln()).sum::<f64>() / total_n;
            pool_noise = log_noise.exp();
        }
        readings = fitted
            .iter()
            .map(|&(n, leniency, noise, curvature)| {
                let estimate = leniency - centre;
                let sd = (1.0 / curvature).sqrt();
                RaterReading {
                    leniency: estimate,
                    leniency_low: estimate - 1.645 * sd,
                    leniency_high: estimate + 1.645 * sd,
                    noise,
                    ratings: n.round() as u32,
                }
            })
            .collect();
        let converged = (log_likelihood - previous).abs() < 1e-6 * (1.0 + log_likelihood.abs());
        previous = log_likelihood;
        if converged {
            break;
        }
    }
    if std::env::var("RUNG_MODEL_DEBUG").is_ok() {
        eprintln!("profiles {profiles:?}\npool weights {pool_weights:?}\nroles {role_weights:?}\npool noise {pool_noise} spread {spread}");
        for (n, r) in names.iter().zip(&readings) { eprintln!("{n}: {r:?}"); }
    }
    MeasurementModel {
        top,
        profiles,
        role_weights,
        pool_weights,
        raters: names.into_iter().zip(readings).collect(),
        pool: pool_reading(pool_noise, spread, 0),
    }
}

/// One interviewer's leniency and noise: the maximum of the expected log-likelihood of
/// their (true score, rating) counts plus the pool's prior (leniency ~ N(0, `spread`),
/// log noise ~ N(log `pool_noise`, 0.3²)), by alternating golden-section searches. Also
/// the curvature in the leniency at the maximum (its precision, for the interval).
fn rater_map(counts: &[f64], top: usize, spread: f64, pool_noise: f64) -> (f64, f64, f64) {
    let objective = |leniency: f64, noise: f64| {
        let mut value = -leniency * leniency / (2.0 * spread) - (noise / pool_noise).ln().powi(2) / (2.0 * NOISE_PRIOR_SD.powi(2));
        for t in 0..top {
            for r in 0..top {
                let count = counts[t * top + r];
                if count > 0.0 {
                    value += count * super::reading::rating_probability(r, t, leniency, noise, top).ln();
                }
            }
        }
        value
    };
    let (mut leniency, mut noise) = (0.0, pool_noise);
    for _ in 0..3 {
        leniency = golden_max(|b| objective(b, noise), -1.5, 1.5);
        noise = golden_max(|log_s| objective(leniency, log_s.exp()), MIN_NOISE.ln(), 2.0_f64.ln()).exp();
    }
    let h = 1e-3;
    let curvature = -(objective(leniency + h, noise) - 2.0 * objective(leniency, noise) + objective(leniency - h, noise)) / (h * h);
    (leniency, noise, curvature.max(1.0 / spread))
}

/// The maximum of a unimodal function on [low, high], to within 1e-3.
fn golden_max(f: impl Fn(f64) -> f64, mut low: f64, mut high: f64) -> f64 {
    const RATIO: f64 = 0.618_033_988_749_895;
    let (mut a, mut b) = (high - RATIO * (high - low), low + RATIO * (high - low));
    let (mut fa, mut fb) = (f(a), f(b));
    while high - low > 1e-3 {
        if fa < fb {
            low = a;
            a = b;
            fa = fb;
            b = low + RATIO * (high - low);
            fb = f(b);
        } else {
            high = b;
            b = a;
            fb = fa;
            a = high - RATIO * (high - low);
            fa = f(a);
        }
    }
    (low + high) / 2.0
}

/// How a new interviewer is read: as the pool (no leniency, the pool's noise, the whole
/// spread of leniencies as its uncertainty).
pub(super) fn pool_reading(noise: f64, spread: f64, ratings: u32) -> RaterReading {
    let sd = spread.sqrt();
    RaterReading { leniency: 0.0, leniency_low: -1.645 * sd, leniency_high: 1.645 * sd, noise, ratings }
}
