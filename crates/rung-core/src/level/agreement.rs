//! How much the panel agrees: the spread of each characteristic's scores, and
//! Krippendorff's alpha over the whole panel (units = characteristics, raters =
//! interviewers, "not assessed" = missing), computed from the coincidence matrix as in
//! Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011).

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use super::panel::PanelRating;
use crate::scorecard::template::CharacteristicRef;

/// How the distance between two values is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Values are labels: equal or not.
    Nominal,
    /// Values are ranks: the distance counts how many values lie between them.
    Ordinal,
    /// Values are numbers: the squared difference.
    Interval,
}

/// Alpha of `units` (each the values its raters gave; missing values left out).
/// `None` when undefined: fewer than two pairable values, or no variation at all.
pub fn krippendorff_alpha(units: &[Vec<u8>], metric: Metric) -> Option<f64> {
    // The coincidence matrix: each unit with m values adds 1/(m-1) per ordered pair.
    let mut coincidences: BTreeMap<(u8, u8), f64> = BTreeMap::new();
    for values in units.iter().filter(|values| values.len() >= 2) {
        let weight = 1.0 / (values.len() - 1) as f64;
        for (i, &c) in values.iter().enumerate() {
            for (j, &k) in values.iter().enumerate() {
                if i != j {
                    *coincidences.entry((c, k)).or_default() += weight;
                }
            }
        }
    }
    let mut totals: BTreeMap<u8, f64> = BTreeMap::new();
    for (&(c, _), &count) in &coincidences {
        *totals.entry(c).or_default() += count;
    }
    let n: f64 = totals.values().sum();
    if n < 2.0 {
        return None;
    }
    let distance = |c: u8, k: u8| -> f64 {
        match metric {
            Metric::Nominal => f64::from(u8::from(c != k)),
            Metric::Interval => (f64::from(c) - f64::from(k)).powi(2),
            Metric::Ordinal => {
                let (low, high) = (c.min(k), c.max(k));
                let between: f64 = totals.range(low..=high).map(|(_, n)| n).sum();
                (between - (totals[&c] + totals[&k]) / 2.0).powi(2)
            }
        }
    };
    let observed: f64 = coincidences.iter().map(|(&(c, k), &count)| count * distance(c, k)).sum();
    let expected: f64 = totals
        .iter()
        .flat_map(|(&c, &n_c)| totals.iter().map(move |(&k, &n_k)| (c, k, n_c * n_k)))
        .map(|(c, k, weight)| weight * distance(c, k))
        .sum();
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected)
}

/// One characteristic's scores across the panel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Spread {
    pub characteristic: CharacteristicRef,
    pub lowest: u8,
    pub highest: u8,
    /// Highest minus lowest.
    pub spread: u8,
    /// At or above the policy's `disagreement_spread`: worth discussing.
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Agreement {
    /// Krippendorff's alpha, ordinal; `None` when it is undefined.
    pub alpha: Option<f64>,
    /// Share of pairs of ratings of one characteristic that are the same score; `None`
    /// when nothing was rated twice. Alpha corrects this for chance, so when scores barely
    /// vary alpha can be low although interviewers mostly gave the same score.
    pub same_score: Option<f64>,
    /// Alpha's 90% interval by a bootstrap over the characteristics (`None` when alpha is).
    pub alpha_interval: Option<[f64; 2]>,
    /// Pairs of ratings of one characteristic: how much evidence the agreement rests on.
    pub pairs: u32,
    /// The alpha in plain words.
    pub reading: String,
    /// Characteristics rated by two or more interviewers.
    pub spreads: Vec<Spread>,
}

impl Agreement {
    pub fn of(ratings: &[PanelRating], disagreement_spread: u8) -> Agreement {
        let mut units: BTreeMap<&CharacteristicRef, Vec<u8>> = BTreeMap::new();
        for rating in ratings {
            if let Some(score) = rating.score {
                units.entry(&rating.characteristic).or_default().push(score);
            }
        }
        let spreads = units
            .iter()
            .filter(|(_, scores)| scores.len() >= 2)
            .map(|(reference, scores)| {
                let (lowest, highest) = (*scores.iter().min().unwrap_or(&0), *scores.iter().max().unwrap_or(&0));
                Spread {
                    characteristic: (*reference).clone(),
                    lowest,
                    highest,
                    spread: highest - lowest,
                    flagged: highest - lowest >= disagreement_spread,
                }
            })
            .collect();
        // Sorted values: the same panel always sums in the same order, whoever rated first.
        let values: Vec<Vec<u8>> = units
            .into_values()
            .map(|mut scores| {
                scores.sort_unstable();
                scores
            })
            .collect();
        let alpha = krippendorff_alpha(&values, Metric::Ordinal);
        let same_score = same_score(&values);
        let alpha_interval = alpha.and_then(|_| bootstrap_interval(&values));
        let pairs = values.iter().map(|v| v.len() * v.len().saturating_sub(1) / 2).sum::<usize>() as u32;
        let reading = match alpha_interval {
            Some([low, high]) if high - low > MEANINGFUL_WIDTH => format!(
                "Alpha ({:.2}) says little here: its 90% interval is {low:.2} to {high:.2}, from {pairs} pairs of ratings.",
                alpha.unwrap_or_default()
            ),
            _ => reading(alpha, same_score),
        };
        Agreement { alpha, same_score, alpha_interval, pairs, reading, spreads }
    }

    /// Whether alpha's interval is narrow enough for alpha to say something.
    pub fn alpha_is_meaningful(&self) -> bool {
        self.alpha_interval.is_some_and(|[low, high]| high - low <= MEANINGFUL_WIDTH)
    }

    /// Whether the agreement rests on enough to lift the confidence: alpha with a narrow
    /// interval, or the same-score share over at least `MIN_PAIRS` pairs.
    pub fn agrees_meaningfully(&self) -> bool {
        (self.alpha_is_meaningful() && self.alpha.is_some_and(|a| a >= 0.667))
            || (self.pairs >= MIN_PAIRS && self.same_score.is_some_and(|s| s >= 0.75))
    }
}

/// Alpha's 90% interval wider than this says nothing (from −0.1 to 0.5 already spans
/// "disagree" to "partly agree").
pub const MEANINGFUL_WIDTH: f64 = 0.6;
/// Fewer pairs of ratings than this cannot show agreement by the same-score share.
pub const MIN_PAIRS: u32 = 10;

/// The 5th and 95th percentiles of alpha over 500 resamples of the units (characteristics)
/// with replacement; a fixed seed, so the same panel always gets the same interval.
pub fn bootstrap_interval(units: &[Vec<u8>]) -> Option<[f64; 2]> {
    let pairable: Vec<&Vec<u8>> = units.iter().filter(|u| u.len() >= 2).collect();
    if pairable.len() < 2 {
        return None;
    }
    let mut random = super::model::random::Random::new(0xA1FA);
    let mut alphas: Vec<f64> = (0..500)
        .filter_map(|_| {
            let sample: Vec<Vec<u8>> =
                (0..pairable.len()).map(|_| pairable[random.below(pairable.len())].clone()).collect();
            krippendorff_alpha(&sample, Metric::Ordinal)
        })
        .collect();
    if alphas.len() < 50 {
        return None;
    }
    alphas.sort_by(f64::total_cmp);
    let at = |q: f64| alphas[((alphas.len() - 1) as f64 * q).round() as usize];
    Some([at(0.05), at(0.95)])
}

/// Share of identical pairs within units.
fn same_score(units: &[Vec<u8>]) -> Option<f64> {
    let (mut same, mut pairs) = (0usize, 0usize);
    for values in units {
        for (i, a) in values.iter().enumerate() {
            for b in &values[i + 1..] {
                pairs += 1;
                same += usize::from(a == b);
            }
        }
    }
    (pairs > 0).then(|| same as f64 / pairs as f64)
}

/// Good enough agreement to trust a panel score: alpha says so, or (when scores barely
/// vary and alpha cannot tell) most pairs of ratings are the same score.
pub fn agrees(alpha: Option<f64>, same_score: Option<f64>) -> bool {
    alpha.is_some_and(|a| a >= 0.667) || same_score.is_some_and(|s| s >= 0.75)
}

/// Krippendorff's own guidance: .800 and above is reliable, .667 the lowest for tentative
/// conclusions.
fn reading(alpha: Option<f64>, same_score: Option<f64>) -> String {
    if let (Some(a), Some(same)) = (alpha, same_score) {
        if a < 0.667 && same >= 0.75 {
            return format!(
                "Interviewers gave the same score in {:.0}% of the characteristics they both rated, but the scores barely vary, so alpha ({a:.2}) cannot confirm agreement beyond chance.",
                same * 100.0
            );
        }
    }
    match alpha {
        None => "Agreement cannot be measured: too few characteristics were rated by two or more interviewers, or every rating was the same.".to_owned(),
        Some(a) if a >= 0.8 => format!("Interviewers agree strongly (alpha {a:.2})."),
        Some(a) if a >= 0.667 => format!("Interviewers mostly agree (alpha {a:.2}); good enough for tentative conclusions."),
        Some(a) if a >= 0.4 => format!("Interviewers agree only partly (alpha {a:.2}); discuss the flagged characteristics."),
        Some(a) => format!("Interviewers disagree (alpha {a:.2}); the panel score hides real differences of view."),
    }
}
