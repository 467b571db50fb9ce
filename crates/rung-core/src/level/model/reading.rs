//! How an interviewer reads a true score: the rating is the true score plus their
//! leniency plus Gaussian noise, rounded to the nearest value of the scale and kept on
//! it (an ordinal probit). This is the likelihood every other part of the model uses.

use serde::Serialize;
use ts_rs::TS;

/// One interviewer's estimated habits.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RaterReading {
    /// How far above the pool they rate, in points of the scale (negative: severe).
    pub leniency: f64,
    /// The 90% interval of the leniency.
    pub leniency_low: f64,
    pub leniency_high: f64,
    /// The spread of their ratings around what they read, in points.
    pub noise: f64,
    /// Ratings (with a score) they gave in the history the model was fitted on.
    pub ratings: u32,
}

impl RaterReading {
    /// P(rating | true score) as a `top × top` table, row = true score − 1.
    pub fn table(&self, top: usize) -> Vec<f64> {
        let mut table = vec![0.0; top * top];
        for truth in 0..top {
            for rating in 0..top {
                table[truth * top + rating] = rating_probability(rating, truth, self.leniency, self.noise, top);
            }
        }
        table
    }

    /// "reads 0.4 above the pool (0.2 to 0.6), from 57 ratings".
    pub fn describe(&self) -> String {
        let direction = |value: f64| {
            if value.abs() < 0.05 {
                "in line with the pool".to_owned()
            } else if value > 0.0 {
                format!("{value:.1} above the pool")
            } else {
                format!("{:.1} below the pool", -value)
            }
        };
        format!(
            "reads {} ({:+.1} to {:+.1}), from {} rating{}",
            direction(self.leniency),
            self.leniency_low,
            self.leniency_high,
            self.ratings,
            if self.ratings == 1 { "" } else { "s" }
        )
    }
}

/// P(rating = `rating` + 1 | true score `truth` + 1) for leniency `leniency`, noise sd
/// `noise`, on a scale of `top` values; the ends of the scale take the tails. Never 0, so
/// one surprising rating cannot veto a true score.
pub fn rating_probability(rating: usize, truth: usize, leniency: f64, noise: f64, top: usize) -> f64 {
    let centre = truth as f64 + leniency;
    let below = if rating == 0 { 0.0 } else { normal_cdf((rating as f64 - 0.5 - centre) / noise) };
    let above = if rating + 1 == top { 1.0 } else { normal_cdf((rating as f64 + 0.5 - centre) / noise) };
    (above - below).max(1e-9)
}

/// Φ(x), the standard normal distribution function.
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// The complementary error function (Numerical Recipes' Chebyshev fit, relative error
/// below 1.2e-7 everywhere: far finer than the model needs).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let value = t * poly.exp();
    if x >= 0.0 {
        value
    } else {
        2.0 - value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_normal_distribution_function_is_right_where_it_matters() {
        for (x, expected) in [(0.0, 0.5), (1.0, 0.841_344_75), (-1.644_853_6, 0.05), (2.326_347_9, 0.99)] {
            assert!((normal_cdf(x) - expected).abs() < 1e-6, "Φ({x}) = {}", normal_cdf(x));
        }
    }

    #[test]
    fn each_true_score_gives_a_distribution_over_the_scale() {
        let reading = RaterReading { leniency: 0.4, leniency_low: 0.2, leniency_high: 0.6, noise: 0.6, ratings: 57 };
        let table = reading.table(4);
        for truth in 0..4 {
            let row = &table[truth * 4..truth * 4 + 4];
            assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-6, "{row:?}");
        }
        // Lenient: a true 3 is more often read as a 4 than as a 2.
        assert!(table[2 * 4 + 3] > table[2 * 4 + 1]);
        assert_eq!(reading.describe(), "reads 0.4 above the pool (+0.2 to +0.6), from 57 ratings");
    }
}
