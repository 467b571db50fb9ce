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
        }
    }
}
