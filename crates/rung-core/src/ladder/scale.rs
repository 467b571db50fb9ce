//! The rating scale and level policy a ladder is scored with. Stored per ladder so a
//! company can tune them; the defaults follow Octopus's definitions of level bands.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RatingScale {
    /// Lowest first. `Not assessed` is not a level: it is the absence of a rating.
    pub levels: Vec<RatingLevel>,
    pub not_assessed: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RatingLevel {
    pub value: u8,
    pub label: String,
    pub description: String,
}

/// Every threshold of the level recommendation, named so it can be shown and edited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LevelPolicy {
    /// The rating at or above which a characteristic counts as met.
    pub met_rating: u8,
    /// The rating that counts as "improvement needed".
    pub improvement_rating: u8,
    /// Share of a role's assessed characteristics that must be met for Performing.
    pub performing_min_met: f64,
    /// Share that must be met for Maturing.
    pub maturing_min_met: f64,
    /// How many "improvement needed" characteristics Maturing tolerates.
    pub maturing_max_improvement: u32,
    /// Share of the next role's assessed characteristics met for Exceeding.
    pub exceeding_next_min_met: f64,
    /// Ratings of one characteristic this far apart are flagged as a disagreement.
    pub disagreement_spread: u8,
    /// Interviewers that should assess each characteristic of the target path.
    pub min_interviewers_per_characteristic: u32,
    /// How ready every role a band builds on must be (`maturing` or `performing`). Ladders
    /// stored before this setting existed read it as the default.
    #[serde(default = "default_ancestors_must_be")]
    pub ancestors_must_be: Band,
    /// Below this probability of the recommended role the headline says "between two
    /// levels" and offers one more interview. Ladders stored before this setting existed
    /// read it as the default, and the default is not written, so their snapshots and
    /// hashes do not change.
    #[serde(default = "default_between_levels_below", skip_serializing_if = "is_default_between_levels_below")]
    pub between_levels_below: f64,
}

/// Octopus's level bands, weakest first: the order is the order of a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Immediately ready to largely deliver the level, needs support in one or more dimensions.
    Maturing,
    /// Meets about 90% of the level's expectations.
    Performing,
    /// Performs the level and shows behaviours of the level above.
    Exceeding,
}

impl Band {
    /// From the lowest band to the highest.
    pub const ALL: [Band; 3] = [Band::Maturing, Band::Performing, Band::Exceeding];

    pub fn label(self) -> &'static str {
        match self {
            Band::Maturing => "Maturing",
            Band::Performing => "Performing",
            Band::Exceeding => "Exceeding",
        }
    }
}

fn default_ancestors_must_be() -> Band {
    Band::Maturing
}

/// The default "between two levels" threshold: the recommended role below 70%.
pub const DEFAULT_BETWEEN_LEVELS_BELOW: f64 = 0.7;

fn default_between_levels_below() -> f64 {
    DEFAULT_BETWEEN_LEVELS_BELOW
}

fn is_default_between_levels_below(value: &f64) -> bool {
    *value == DEFAULT_BETWEEN_LEVELS_BELOW
}

impl Default for RatingScale {
    fn default() -> Self {
        let level = |value: u8, label: &str, description: &str| RatingLevel {
            value,
            label: label.to_owned(),
            description: description.to_owned(),
        };
        RatingScale {
            levels: vec![
                level(1, "Improvement needed", "Shows little of this characteristic yet; needs significant support."),
                level(2, "Maturing", "Largely delivers this, but needs support in one or more dimensions."),
                level(3, "Performing", "Consistently meets this characteristic at the level."),
                level(4, "Exceeding", "Meets it and shows behaviours of the level above."),
            ],
            not_assessed: "Not assessed".to_owned(),
        }
    }
}

impl Default for LevelPolicy {
    fn default() -> Self {
        LevelPolicy {
            met_rating: 3,
            improvement_rating: 1,
            performing_min_met: 0.9,
            maturing_min_met: 0.6,
            maturing_max_improvement: 1,
            exceeding_next_min_met: 0.5,
            disagreement_spread: 2,
            min_interviewers_per_characteristic: 2,
            ancestors_must_be: default_ancestors_must_be(),
            between_levels_below: DEFAULT_BETWEEN_LEVELS_BELOW,
        }
    }
}

/// The store keeps ratings 1 to this; a scale cannot go higher.
pub const MAX_SCALE_VALUE: u8 = 4;

impl RatingScale {
    /// Values 1, 2, … n in order, with 2 ≤ n ≤ `MAX_SCALE_VALUE`.
    pub fn check(&self) -> Result<(), String> {
        let top = self.levels.len();
        if !(2..=MAX_SCALE_VALUE as usize).contains(&top) {
            return Err(format!("the rating scale needs 2 to {MAX_SCALE_VALUE} levels, not {top}"));
        }
        for (position, level) in self.levels.iter().enumerate() {
            if usize::from(level.value) != position + 1 {
                return Err(format!(
                    "rating scale values must be 1, 2, … in order; found {} at position {}",
                    level.value,
                    position + 1
                ));
            }
        }
        Ok(())
    }
}

impl LevelPolicy {
    /// The bands the roles below a level may be required to reach: "exceeding" every
    /// earlier role would ask more of a candidate than the level itself does.
    pub const ANCESTOR_BANDS: [Band; 2] = [Band::Maturing, Band::Performing];

    /// Every threshold in range: ratings on `scale`, shares from 0 to 1. Says what is wrong.
    pub fn check(&self, scale: &RatingScale) -> Result<(), String> {
        let top = scale.levels.len();
        let on_scale = |value: u8, name: &str| -> Result<(), String> {
            if value == 0 || usize::from(value) > top {
                return Err(format!("policy.{name} is {value}, outside the rating scale (1 to {top})"));
            }
            Ok(())
        };
        on_scale(self.met_rating, "met_rating")?;
        on_scale(self.improvement_rating, "improvement_rating")?;
        if self.improvement_rating >= self.met_rating {
            return Err("policy.improvement_rating must be below policy.met_rating".to_owned());
        }
        for (name, share) in [
            ("performing_min_met", self.performing_min_met),
            ("maturing_min_met", self.maturing_min_met),
            ("exceeding_next_min_met", self.exceeding_next_min_met),
            ("between_levels_below", self.between_levels_below),
        ] {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!("policy.{name} is {share}; it is a share from 0 to 1"));
            }
        }
        if self.maturing_min_met > self.performing_min_met {
            return Err("policy.maturing_min_met cannot be above policy.performing_min_met".to_owned());
        }
        if self.disagreement_spread == 0 || usize::from(self.disagreement_spread) >= top {
            return Err(format!("policy.disagreement_spread must be from 1 to {}", top - 1));
        }
        if !Self::ANCESTOR_BANDS.contains(&self.ancestors_must_be) {
            return Err("policy.ancestors_must_be is maturing or performing".to_owned());
        }
        if !(1..=20).contains(&self.min_interviewers_per_characteristic) {
            return Err("policy.min_interviewers_per_characteristic must be from 1 to 20".to_owned());
        }
        Ok(())
    }
}
