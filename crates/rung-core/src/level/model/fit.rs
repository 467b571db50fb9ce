//! Fitting the measurement model by EM, with exact marginalisation over the discrete true
//! scores, each (candidate, role)'s class and each candidate's level. See
//! docs/measurement-model.md.
//!
//! E-step: for every candidate, the posterior over their level (the role they truly stand
//! at, or below every role), per role over its class given the level, and per
//! characteristic over the true score given the class, from the ratings and the current
//! readings of the interviewers.
//! M-step: how classes are spread at each standing (a role below the level, the level,
//! the role built on it) and how levels are spread, from the expected counts with a light
//! Dirichlet prior, so a small history stays sane; each interviewer's leniency and noise
//! by maximum a posteriori on their expected (true score, rating) counts under the pool's
//! prior — partial pooling: with little history they are read as the pool — and the
//! pool's spread of leniencies from them (empirical Bayes).

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

/// A group's evidence per class: log P(its ratings | class), and per unit
/// `CLASSES × top` P(true score | class, ratings).
pub(super) struct GroupMass {
    pub log_mass: Vec<f64>,
    pub truth: Vec<Vec<f64>>,
}

/// A candidate's posterior: over their standing on the ladder (`level`, by the model's
/// list of levels) and, per group and level, over the group's class.
pub(super) struct CandidatePosteriorCore {
    pub level: Vec<f64>,
    /// Per group: `levels × CLASSES` P(class | level, ratings).
    pub class_given_level: Vec<Vec<f64>>,
    pub log_likelihood: f64,
}

impl CandidatePosteriorCore {
    /// P(class) of group `g`, the level marginalised out.
    pub fn class(&self, group: usize) -> Vec<f64> {
        let rows = &self.class_given_level[group];
        (0..CLASSES).map(|z| self.level.iter().enumerate().map(|(l, p)| p * rows[l * CLASSES + z]).sum()).collect()
    }
}

const MAX_ITERATIONS: usize = 150;
/// The prior on an interviewer's noise: log-normal around the pool's, sd 0.3 (about ±35%).
const NOISE_PRIOR_SD: f64 = 0.3;
/// A prior on the spread of leniencies between interviewers: sd 0.3, worth 5 interviewers.
const LENIENCY_SPREAD_PRIOR: (f64, f64) = (0.09, 5.0);
/// Dirichlet pseudo-counts for each standing's and the levels' weights.
const WEIGHT_PRIOR: f64 = 3.0;
const MIN_NOISE: f64 = 0.2;

/// The starting class profiles: each class meets a share of the role's characteristics
/// (5% to 97%), a met characteristic sitting at the top of the scale's middle, an unmet one
/// just below. They are fixed: the
/// scale's anchor (see `fit`).
pub(super) fn initial_profiles(top: usize) -> Vec<Vec<f64>> {
    let unit = |centre: f64| -> Vec<f64> {
        let row: Vec<f64> = (0..top).map(|t| super::reading::rating_probability(t, 0, centre, 0.45, top)).collect();
        let total: f64 = row.iter().sum();
        row.into_iter().map(|p| p / total).collect()
    };
    // On the default 1–4 scale: met around 3.2, unmet around 2.1 (positions from 0).
    let met = unit((top - 1) as f64 * 0.73);
    let unmet = unit((top - 1) as f64 * 0.37);
    MET_SHARES.iter().map(|share| (0..top).map(|t| share * met[t] + (1.0 - share) * unmet[t]).collect()).collect()
}

/// The share of a role's characteristics each class starts out meeting.
const MET_SHARES: [f64; super::CLASSES] = [0.05, 0.3, 0.6, 0.85, 0.97];

/// The E-step's first half for one group; `tables[rater]` is that interviewer's
/// P(rating | truth).
pub(super) fn group_mass(units: &[Unit], tables: &[Vec<f64>], profiles: &[Vec<f64>], top: usize) -> GroupMass {
    let mut log_mass = vec![0.0; CLASSES];
    let mut truth = Vec::with_capacity(units.len());
    for unit in units {
        let likelihood: Vec<f64> =
            (0..top).map(|t| unit.ratings.iter().map(|&(rater, r)| tables[rater][t * top + r]).product()).collect();
        let mut rows = vec![0.0; CLASSES * top];
        for z in 0..CLASSES {
            let mass: f64 = (0..top).map(|t| profiles[z][t] * likelihood[t]).sum::<f64>().max(1e-300);
            log_mass[z] += mass.ln();
            for t in 0..top {
                rows[z * top + t] = profiles[z][t] * likelihood[t] / mass;
            }
        }
        truth.push(rows);
    }
    GroupMass { log_mass, truth }
}

/// The E-step's second half for one candidate: their level, and each group's class given
/// it. `relation[level][role]` says how a role stands to that level; `standing[relation]`
/// is P(class) there.
pub(super) fn candidate_core(
    groups: &[Group],
    masses: &[GroupMass],
    level_weights: &[f64],
    relation: &[Vec<usize>],
    standing: &[Vec<f64>],
) -> CandidatePosteriorCore {
    let levels = level_weights.len();
    // A candidate can only be placed at a level whose own role someone rated (or below
    // every role): a level nobody looked at would explain any ratings of the roles below
    // it as met, for free.
    let rated = |level: usize| level == 0 || groups.iter().any(|g| relation[level][g.role] == SAME);
    let mut log_level: Vec<f64> = level_weights
        .iter()
        .enumerate()
        .map(|(level, w)| if rated(level) { w.max(1e-300).ln() } else { f64::NEG_INFINITY })
        .collect();
    let mut class_given_level = Vec::with_capacity(groups.len());
    for (group, mass) in groups.iter().zip(masses) {
        let peak = mass.log_mass.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut rows = vec![0.0; levels * CLASSES];
        for level in 0..levels {
            let weights = &standing[relation[level][group.role]];
            let mut total = 0.0;
            for z in 0..CLASSES {
                let joint = weights[z] * (mass.log_mass[z] - peak).exp();
                rows[level * CLASSES + z] = joint;
                total += joint;
            }
            let total = total.max(1e-300);
            for z in 0..CLASSES {
                rows[level * CLASSES + z] /= total;
            }
            if log_level[level].is_finite() {
                log_level[level] += peak + total.ln();
            }
        }
        class_given_level.push(rows);
    }
    let peak = log_level.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let total: f64 = log_level.iter().map(|l| (l - peak).exp()).sum();
    let level = log_level.iter().map(|l| (l - peak).exp() / total).collect();
    CandidatePosteriorCore { level, class_given_level, log_likelihood: peak + total.ln() }
}

/// How each role stands to each level a candidate may truly be at: `levels` lists the
/// roles that can be a level (complete, not a foundation) and `None`, below them all.
pub(super) fn relations(ladder: &Ladder) -> (Vec<Option<usize>>, Vec<Vec<usize>>) {
    let mut levels: Vec<Option<usize>> = vec![None];
    levels.extend(
        ladder
            .roles
            .iter()
            .enumerate()
            .filter(|(_, role)| !role.incomplete && role.track != crate::ladder::Track::Foundation)
            .map(|(position, _)| Some(position)),
    );
    let relation = levels
        .iter()
        .map(|level| {
            ladder
                .roles
                .iter()
                .map(|role| match level {
                    None => OTHER,
                    Some(at) => {
                        let at_role = &ladder.roles[*at];
                        if role.key == at_role.key {
                            SAME
                        } else if ladder.path_to(&at_role.key).iter().any(|r| r.key == role.key) {
                            BELOW
                        } else if role.builds_on.as_deref() == Some(at_role.key.as_str()) {
                            NEXT
                        } else {
                            OTHER
                        }
                    }
                })
                .collect()
        })
        .collect();
    (levels, relation)
}

/// How a role stands to the candidate's level: a role it builds on, the level itself, a
/// role built directly on it, or any other.
pub(super) const BELOW: usize = 0;
pub(super) const SAME: usize = 1;
pub(super) const NEXT: usize = 2;
pub(super) const OTHER: usize = 3;
pub(super) const RELATIONS: usize = 4;

/// Where each relation's P(class) starts: mostly met below, a spread at the level itself,
/// mostly unmet above.
fn initial_standing() -> Vec<Vec<f64>> {
    vec![
        vec![0.02, 0.03, 0.1, 0.35, 0.5],
        vec![0.05, 0.1, 0.3, 0.3, 0.25],
        vec![0.25, 0.35, 0.25, 0.1, 0.05],
        vec![0.6, 0.25, 0.1, 0.03, 0.02],
    ]
}

/// The candidates' ratings as groups, with interviewers numbered in order of name.
pub(super) fn groups_of(ladder: &Ladder, history: &[CandidateRatings]) -> (Vec<String>, Vec<Vec<Group>>) {
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
    let groups = history.iter().map(|c| candidate_groups(ladder, &c.ratings, top, &|name| number(name))).collect();
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
        let Some(characteristic) =
            ladder.roles[role].characteristics.iter().position(|c| c.key == rating.characteristic.characteristic_key)
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
    let (names, candidates) = groups_of(ladder, history);
    let (levels, relation) = relations(ladder);
    let profiles = initial_profiles(top);
    let initial_standing = initial_standing();
    let mut standing = initial_standing.clone();
    let uniform_levels = vec![1.0 / levels.len() as f64; levels.len()];
    let mut level_weights = uniform_levels.clone();
    let mut pool_noise = 0.6;
    let mut spread = LENIENCY_SPREAD_PRIOR.0;
    let mut readings: Vec<RaterReading> = names.iter().map(|_| pool_reading(pool_noise, spread, 0)).collect();
    let mut previous = f64::NEG_INFINITY;
    for _ in 0..MAX_ITERATIONS {
        let tables: Vec<Vec<f64>> = readings.iter().map(|r| r.table(top)).collect();
        let mut standing_counts = vec![vec![0.0; CLASSES]; RELATIONS];
        let mut level_counts = vec![0.0; levels.len()];
        // Per interviewer: expected counts of (true score, rating).
        let mut counts = vec![vec![0.0_f64; top * top]; names.len()];
        let mut log_likelihood = 0.0;
        for groups in &candidates {
            let masses: Vec<GroupMass> = groups.iter().map(|g| group_mass(&g.units, &tables, &profiles, top)).collect();
            let core = candidate_core(groups, &masses, &level_weights, &relation, &standing);
            log_likelihood += core.log_likelihood;
            for (level, p) in core.level.iter().enumerate() {
                level_counts[level] += p;
            }
            for (g, (group, mass)) in groups.iter().zip(&masses).enumerate() {
                let rows = &core.class_given_level[g];
                for (level, p) in core.level.iter().enumerate() {
                    for z in 0..CLASSES {
                        standing_counts[relation[level][group.role]][z] += p * rows[level * CLASSES + z];
                    }
                }
                let class = core.class(g);
                for (index, unit) in group.units.iter().enumerate() {
                    let rows = &mass.truth[index];
                    let marginal: Vec<f64> =
                        (0..top).map(|t| (0..CLASSES).map(|z| class[z] * rows[z * top + t]).sum()).collect();
                    for &(rater, r) in &unit.ratings {
                        for (t, p) in marginal.iter().enumerate() {
                            counts[rater][t * top + r] += p;
                        }
                    }
                }
            }
        }
        // The class profiles stay as defined (each class meets a share of a role's
        // characteristics): learning them too lets the scale drift against the
        // interviewers' leniencies. Standings and levels are learned, each with its prior.
        // A role neither on the level's path nor built directly on it stays read as mostly
        // unmet: learning it would let a level nobody rated explain any candidate.
        for (relation_index, counts) in standing_counts.iter().enumerate().take(OTHER) {
            let total: f64 = counts.iter().sum::<f64>() + WEIGHT_PRIOR;
            standing[relation_index] = (0..CLASSES)
                .map(|z| (counts[z] + WEIGHT_PRIOR * initial_standing[relation_index][z]) / total)
                .collect();
        }
        let total: f64 = level_counts.iter().sum::<f64>() + WEIGHT_PRIOR;
        level_weights =
            (0..levels.len()).map(|l| (level_counts[l] + WEIGHT_PRIOR * uniform_levels[l]) / total).collect();
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
    MeasurementModel {
        top,
        profiles,
        standing,
        level_weights,
        relation,
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
        let mut value =
            -leniency * leniency / (2.0 * spread) - (noise / pool_noise).ln().powi(2) / (2.0 * NOISE_PRIOR_SD.powi(2));
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
    let curvature =
        -(objective(leniency + h, noise) - 2.0 * objective(leniency, noise) + objective(leniency - h, noise)) / (h * h);
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
