//! The ladder as the rest of Rung sees it: plain data, independent of where it came from.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mapping::ReadingMapping;
use super::scale::{LevelPolicy, RatingScale};

/// Identifies the JSON format so a file of another kind is rejected, not half-read.
pub const LADDER_FORMAT: &str = "rung-ladder";
pub const LADDER_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Ladder {
    pub format: String,
    pub format_version: u32,
    /// Display name, e.g. "Support Roles".
    pub name: String,
    /// Prose that introduces the whole ladder (kept for people, never scored).
    pub intro: Vec<ContextSection>,
    /// In the ladder's own order: junior first within a track.
    pub roles: Vec<Role>,
    pub rating_scale: RatingScale,
    pub policy: LevelPolicy,
    pub source: LadderSource,
    /// The corrections a person made to Rung's reading of the source, applied again when
    /// the same source is imported again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reading: Option<ReadingMapping>,
}

/// Where a ladder came from; the hash pins the exact bytes a scorecard was built on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LadderSource {
    /// File or folder name as the user chose it.
    pub name: String,
    /// Lowercase hex SHA-256 of the source bytes (a folder hashes its files by path).
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Stable, unique within the ladder (a slug of the title).
    pub key: String,
    pub title: String,
    /// 1 = most junior. Explicit ("L3") where the ladder says so, else its depth in the builds-on chain.
    pub level: u32,
    pub track: Track,
    /// The track's own name where the ladder gives one (a folder of track documents:
    /// "Developer", "Tech Lead"); roles of a named track are listed together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub track_name: Option<String>,
    /// The role's `>` summary, if any.
    pub summary: Option<String>,
    /// Other prose under the role heading (intro paragraphs, notes).
    pub description: Vec<String>,
    /// Key of the role this one builds on; its expectations are included in this one's.
    pub builds_on: Option<String>,
    /// True when the role has nothing to score (e.g. a `<TBA>` placeholder).
    pub incomplete: bool,
    /// How the characteristics were found; tells the user when Rung had to interpret the text.
    pub characteristics_from: CharacteristicSource,
    pub characteristics: Vec<Characteristic>,
    /// Sections that describe the role but are not rated ("Impact", "What success looks like").
    pub context: Vec<ContextSection>,
    /// The file the role was read from, relative to the ladder source.
    pub source_file: String,
    /// 1-based line of the role's heading in `source_file`.
    pub source_line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Expectations every role shares (a file like "Everyone").
    Foundation,
    IndividualContributor,
    Management,
}

impl Track {
    pub const ALL: [Track; 3] = [Track::IndividualContributor, Track::Management, Track::Foundation];

    pub fn label(&self) -> &'static str {
        match self {
            Track::Foundation => "Foundation",
            Track::IndividualContributor => "Individual contributor",
            Track::Management => "Management",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CharacteristicSource {
    /// Each sub-heading of the role is a characteristic, its bullets the examples.
    Headings,
    /// The role had bullets but no sub-headings: each bullet is rated as a characteristic.
    Bullets,
    /// The role was prose, one paragraph per expectation: each paragraph is rated.
    Paragraphs,
    /// The role's sections ("Core Competencies", …) group its expectations: each bullet
    /// in them is rated, listed under its section.
    Sections,
    /// Nothing to rate.
    None,
}

impl CharacteristicSource {
    /// What a person should know about how this role's characteristics were found.
    pub fn explanation(&self) -> Option<&'static str> {
        match self {
            CharacteristicSource::Headings | CharacteristicSource::None => None,
            CharacteristicSource::Bullets => {
                Some("The ladder lists this role's expectations as bullets without characteristic headings, so each bullet is rated as its own characteristic.")
            }
            CharacteristicSource::Paragraphs => {
                Some("The ladder writes this role's expectations as paragraphs, so each paragraph is rated as its own characteristic.")
            }
            CharacteristicSource::Sections => {
                Some("The ladder groups this role's expectations in sections, so each expectation is rated as its own characteristic, listed under its section.")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Characteristic {
    /// Unique within its role.
    pub key: String,
    pub title: String,
    /// The section of the role it is listed under ("Core Competencies › Backend"), when
    /// the ladder groups a role's expectations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group: Option<String>,
    /// Behavioural examples: the frame of reference when rating.
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ContextSection {
    pub title: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
}

/// How a level is named to people everywhere: "L2".
pub fn level_code(level: u32) -> String {
    format!("L{level}")
}

/// How a role is named to people everywhere: "L2 Senior Support Engineer".
pub fn role_label(level: u32, title: &str) -> String {
    format!("{} {title}", level_code(level))
}

impl Role {
    pub fn label(&self) -> String {
        role_label(self.level, &self.title)
    }

    /// The track the role is listed in: its name where the ladder names it, else its kind.
    pub fn track_label(&self) -> &str {
        self.track_name.as_deref().unwrap_or(self.track.label())
    }

    /// Same track: same kind and same name.
    pub fn same_track(&self, other: &Role) -> bool {
        self.track == other.track && self.track_name == other.track_name
    }
}

impl Ladder {
    pub fn role(&self, key: &str) -> Option<&Role> {
        self.roles.iter().find(|role| role.key == key)
    }

    /// The role and everything it builds on, most junior first.
    pub fn path_to(&self, key: &str) -> Vec<&Role> {
        let mut path = Vec::new();
        let mut next = self.role(key);
        while let Some(role) = next {
            // Validation rejects cycles; the bound only guards a hand-built value.
            if path.len() > self.roles.len() {
                break;
            }
            path.push(role);
            next = role.builds_on.as_deref().and_then(|parent| self.role(parent));
        }
        path.reverse();
        path
    }

    /// The roles in the order a person reads the ladder: by track, then as written.
    pub fn tracks(&self) -> Vec<Vec<&Role>> {
        let mut tracks: Vec<Vec<&Role>> = Vec::new();
        for role in &self.roles {
            match tracks.iter_mut().find(|roles| roles[0].same_track(role)) {
                Some(roles) => roles.push(role),
                None => tracks.push(vec![role]),
            }
        }
        tracks
    }
}
