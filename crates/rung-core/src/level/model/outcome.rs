//! The policy on what the panel most likely saw: the ladder's policy applied to draws
//! from the candidate's posterior gives a probability per (role, band); the
//! recommendation is the most probable role, with its most probable band. Below the
//! policy's `between_levels_below` it is "between two levels", with the characteristics
//! whose next rating would most change the outcome (expected information gain).

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use super::posterior::{CandidatePosterior, Draw};
use super::random::Random;
use super::reading::RaterReading;
use super::MeasurementModel;
use crate::ladder::{role_label, Band, Ladder};
use crate::level::{characteristic_title, evaluate, Agreement, PanelRating, PanelScores, Recommendation};
use crate::scorecard::template::CharacteristicRef;

/// Draws of the posterior the probabilities are counted over (sampling error of a
/// probability: at most 1.6 points).
const DRAWS: usize = 1_000;
/// Draws the information gain of a next rating is estimated from.
const GAIN_DRAWS: usize = 300;
/// The seed: fixed, so the same ratings always give the same probabilities.
const SEED: u64 = 0x5EED_2026;

/// One possible outcome of the policy and how probable it is.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Likely {
    /// `None`: no role has a band.
    pub role: Option<String>,
    /// "L2 Senior", or "no level".
    pub label: String,
    pub band: Option<Band>,
    pub probability: f64,
}

/// A characteristic whose next rating would most change the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Settle {
    pub characteristic: CharacteristicRef,
    pub title: String,
    /// Expected information gain about the role, in bits.
    pub information: f64,
    /// Interviewers on this panel who have not rated it.
    pub not_rated_by: Vec<String>,
}

/// "Between L2 and L3": the two most probable roles, lower first, and what would settle it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Between {
    pub lower: String,
    pub upper: String,
    pub settle: Vec<Settle>,
}

/// How the model read one interviewer of this panel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PanelReading {
    pub rater: String,
    pub reading: RaterReading,
    /// In sentences: their habit and the correction applied.
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProbableRecommendation {
    pub role: Option<String>,
    pub title: Option<String>,
    pub level: Option<u32>,
    pub band: Option<Band>,
    /// P(the recommended role), every band together.
    pub role_probability: f64,
    /// P(the recommended role and band).
    pub band_probability: f64,
    /// Every outcome with its probability, most probable first.
    pub outcomes: Vec<Likely>,
    pub between: Option<Between>,
    /// "L2 Senior — Performing, 78%; L3 Lead — Maturing, 15%", or "Between …".
    pub headline: String,
    pub readings: Vec<PanelReading>,
    /// The policy's reasons on the most likely score of every characteristic.
    pub explained: Recommendation,
}

type Outcome = (Option<usize>, Option<Band>);

fn outcome_of(ladder: &Ladder, posterior: &CandidatePosterior, scores: &[Option<u8>], target: Option<&str>) -> Outcome {
    let offsets = &posterior.offsets;
    let (roles, chosen) = evaluate(ladder, &|r, c| scores[offsets[r] + c].map(f64::from), target);
    (chosen, chosen.and_then(|position| roles[position].band))
}

/// The recommendation for one candidate's ratings under a fitted model.
pub fn recommend_probable(
    ladder: &Ladder,
    model: &MeasurementModel,
    ratings: &[PanelRating],
    target: Option<&str>,
) -> ProbableRecommendation {
    let posterior = model.posterior(ladder, ratings);
    let mut random = Random::new(SEED);
    let draws: Vec<Draw> = (0..DRAWS).map(|_| posterior.draw(&mut random)).collect();
    let outcomes: Vec<Outcome> = draws.iter().map(|d| outcome_of(ladder, &posterior, &d.scores, target)).collect();
    let mut joint: BTreeMap<Outcome, usize> = BTreeMap::new();
    let mut by_role: BTreeMap<Option<usize>, usize> = BTreeMap::new();
    for outcome in &outcomes {
        *joint.entry(*outcome).or_default() += 1;
        *by_role.entry(outcome.0).or_default() += 1;
    }
    let share = |count: usize| count as f64 / DRAWS as f64;
    // The most probable role; on a tie the higher one in ladder order is not preferred:
    // the first in ladder order is, as in the policy.
    let mut roles_ranked: Vec<(Option<usize>, usize)> = by_role.into_iter().collect();
    roles_ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (chosen, chosen_count) = roles_ranked[0];
    let (band, band_count) = joint
        .iter()
        .filter(|((role, _), _)| *role == chosen)
        .max_by(|a, b| a.1.cmp(b.1).then(b.0 .1.cmp(&a.0 .1)))
        .map(|((_, band), count)| (*band, *count))
        .unwrap_or((None, 0));
    let label = |role: Option<usize>| {
        role.map_or_else(|| "no level".to_owned(), |p| role_label(ladder.roles[p].level, &ladder.roles[p].title))
    };
    let mut likely: Vec<Likely> = joint
        .iter()
        .map(|((role, band), count)| Likely {
            role: role.map(|p| ladder.roles[p].key.clone()),
            label: label(*role),
            band: *band,
            probability: share(*count),
        })
        .collect();
    likely.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    let role_probability = share(chosen_count);
    let between = (role_probability < ladder.policy.between_levels_below && roles_ranked.len() > 1).then(|| {
        let other = roles_ranked[1].0;
        let level = |role: Option<usize>| role.map_or(0, |p| ladder.roles[p].level);
        let (lower, upper) = if level(other) < level(chosen) { (other, chosen) } else { (chosen, other) };
        let contested: Vec<usize> = [chosen, other].into_iter().flatten().collect();
        Between {
            lower: label(lower),
            upper: label(upper),
            settle: settle(
                ladder,
                model,
                &posterior,
                &draws[..GAIN_DRAWS],
                &outcomes[..GAIN_DRAWS],
                ratings,
                &contested,
                target,
            ),
        }
    });
    let headline = headline(&likely, between.as_ref(), role_probability);
    let readings = readings(model, ratings);
    let explained = explain_most_likely(ladder, &posterior, ratings, target);
    let role = chosen.map(|p| &ladder.roles[p]);
    ProbableRecommendation {
        role: role.map(|r| r.key.clone()),
        title: role.map(|r| r.title.clone()),
        level: role.map(|r| r.level),
        band,
        role_probability,
        band_probability: share(band_count),
        outcomes: likely,
        between,
        headline,
        readings,
        explained,
    }
}

fn percent(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

fn outcome_text(likely: &Likely) -> String {
    match likely.band {
        Some(band) => format!("{} — {}, {}", likely.label, band.label(), percent(likely.probability)),
        None => format!("{}, {}", likely.label, percent(likely.probability)),
    }
}

fn headline(likely: &[Likely], between: Option<&Between>, role_probability: f64) -> String {
    let top_two = likely.iter().take(2).map(outcome_text).collect::<Vec<_>>().join("; ");
    match between {
        None => top_two,
        Some(between) => {
            let settle = between.settle.iter().map(|s| s.title.clone()).collect::<Vec<_>>().join(" and ");
            let what = if settle.is_empty() { String::new() } else { format!(" on {settle}") };
            format!(
                "Between {} and {} (the most probable role at {}: {top_two}). Hold — one more interview{what}.",
                between.lower,
                between.upper,
                percent(role_probability)
            )
        }
    }
}

/// The characteristics of the contested roles whose next rating (by an interviewer read
/// as the pool) would tell most about the role: expected information gain, in bits.
#[allow(clippy::too_many_arguments)]
fn settle(
    ladder: &Ladder,
    model: &MeasurementModel,
    posterior: &CandidatePosterior,
    draws: &[Draw],
    outcomes: &[Outcome],
    ratings: &[PanelRating],
    contested: &[usize],
    target: Option<&str>,
) -> Vec<Settle> {
    let top = posterior.top;
    let pool = model.pool().table(top);
    let mut random = Random::new(SEED ^ 0xE1C);
    let mut gains: Vec<(f64, usize, usize)> = Vec::new();
    for &role in contested {
        for characteristic in 0..ladder.roles[role].characteristics.len() {
            let index = posterior.offsets[role] + characteristic;
            // The true score in each draw and the outcome once it is rated: a rated
            // characteristic keeps its draw; an unrated one is drawn from its role's class
            // and, once assessed, can change the outcome by itself.
            let (truths, after): (Vec<usize>, Vec<Option<usize>>) =
                if posterior.roles[role].truth[characteristic].is_some() {
                    (
                        draws.iter().map(|d| usize::from(d.scores[index].unwrap_or(1)) - 1).collect(),
                        outcomes.iter().map(|o| o.0).collect(),
                    )
                } else {
                    draws
                        .iter()
                        .map(|draw| {
                            let truth = random.pick(model.prior_given_class(draw.classes[role]));
                            let mut scores = draw.scores.clone();
                            scores[index] = Some(truth as u8 + 1);
                            (truth, outcome_of(ladder, posterior, &scores, target).0)
                        })
                        .unzip()
                };
            gains.push((information_gain(&truths, &after, &pool, top), role, characteristic));
        }
    }
    gains.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let raters: Vec<&str> = {
        let mut names: Vec<&str> = Vec::new();
        for rating in ratings {
            if !names.contains(&rating.rater.as_str()) {
                names.push(&rating.rater);
            }
        }
        names
    };
    gains
        .into_iter()
        .take(2)
        .filter(|(gain, _, _)| *gain > 1e-6)
        .map(|(information, role, characteristic)| {
            let reference = CharacteristicRef {
                role_key: ladder.roles[role].key.clone(),
                characteristic_key: ladder.roles[role].characteristics[characteristic].key.clone(),
            };
            let not_rated_by = raters
                .iter()
                .filter(|name| {
                    !ratings.iter().any(|r| r.rater == **name && r.characteristic == reference && r.score.is_some())
                })
                .map(|name| (*name).to_owned())
                .collect();
            Settle {
                title: characteristic_title(ladder, &reference),
                characteristic: reference,
                information,
                not_rated_by,
            }
        })
        .collect()
}

/// I(outcome; next rating) = H(outcome) − E[H(outcome | rating)], over equally weighted
/// draws of (true score, outcome), the rating read through `table`.
fn information_gain(truths: &[usize], outcomes: &[Option<usize>], table: &[f64], top: usize) -> f64 {
    let entropy = |counts: &BTreeMap<Option<usize>, f64>| {
        let total: f64 = counts.values().sum();
        counts.values().filter(|&&c| c > 0.0).map(|&c| -(c / total) * (c / total).log2()).sum::<f64>()
    };
    let mut prior: BTreeMap<Option<usize>, f64> = BTreeMap::new();
    for outcome in outcomes {
        *prior.entry(*outcome).or_default() += 1.0;
    }
    let mut expected = 0.0;
    let n = truths.len() as f64;
    for rating in 0..top {
        let mut given: BTreeMap<Option<usize>, f64> = BTreeMap::new();
        let mut mass = 0.0;
        for (truth, outcome) in truths.iter().zip(outcomes) {
            let p = table[truth * top + rating];
            mass += p;
            *given.entry(*outcome).or_default() += p;
        }
        if mass > 0.0 {
            expected += (mass / n) * entropy(&given);
        }
    }
    (entropy(&prior) - expected).max(0.0)
}

fn readings(model: &MeasurementModel, ratings: &[PanelRating]) -> Vec<PanelReading> {
    let mut names: Vec<&str> = Vec::new();
    for rating in ratings.iter().filter(|r| r.score.is_some()) {
        if !names.contains(&rating.rater.as_str()) {
            names.push(&rating.rater);
        }
    }
    names
        .into_iter()
        .map(|name| {
            let known = model.raters().contains_key(name);
            let reading = model.reading(name).clone();
            let sentence = if !known {
                format!("{name} has no history yet and is read as the pool.")
            } else if reading.leniency.abs() < 0.05 {
                format!("{name} {}; their ratings are read as given.", reading.describe())
            } else {
                format!(
                    "{name} {}; their ratings were read {:.1} {}.",
                    reading.describe(),
                    reading.leniency.abs(),
                    if reading.leniency > 0.0 { "lower" } else { "higher" }
                )
            };
            PanelReading { rater: name.to_owned(), reading, sentence }
        })
        .collect()
}

/// The policy's own reasons, on the most likely true score of every rated characteristic.
fn explain_most_likely(
    ladder: &Ladder,
    posterior: &CandidatePosterior,
    ratings: &[PanelRating],
    target: Option<&str>,
) -> Recommendation {
    let mut panel = PanelScores::default();
    for (position, role) in ladder.roles.iter().enumerate() {
        for (index, characteristic) in role.characteristics.iter().enumerate() {
            if let Some(marginal) = posterior.marginal(position, index) {
                let mode = (0..marginal.len()).max_by(|&a, &b| marginal[a].total_cmp(&marginal[b])).unwrap_or(0);
                let reference =
                    CharacteristicRef { role_key: role.key.clone(), characteristic_key: characteristic.key.clone() };
                panel.set(reference, Some(mode as f64 + 1.0));
            }
        }
    }
    let agreement = Agreement::of(ratings, ladder.policy.disagreement_spread);
    crate::level::recommend_from_panel(ladder, &panel, agreement, target)
}
