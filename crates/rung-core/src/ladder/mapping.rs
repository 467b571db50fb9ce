//! A person's corrections to how Rung read a ladder, kept as a small declarative mapping:
//! which heading depth holds the roles and which groups characteristics, which sections
//! are context, which files are left out, and each role's level and track. It is stored
//! with the ladder it produced and applied again when the same source is imported again;
//! `rung ladder show PATH --mapping FILE` applies one from a file.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::LadderError;
use super::markdown::document::ParsedRole;
use super::model::Track;
use super::text::comparable;

pub const MAPPING_FORMAT: &str = "rung-ladder-mapping";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReadingMapping {
    /// Always "rung-ladder-mapping": a file of another kind is refused, not half-read.
    pub format: String,
    /// Markdown: the heading depth (1–6) whose headings are roles, instead of Rung's
    /// guess. Shallower headings between roles name their tracks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub role_heading_level: Option<u8>,
    /// Markdown: inside a role, headings at this depth group its characteristics; the
    /// headings below them are the characteristics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group_heading_level: Option<u8>,
    /// Headings read as context (kept to read, never a role or a characteristic).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context_headings: Vec<String>,
    /// Files of a folder that are not part of the ladder.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_files: Vec<String>,
    /// Corrections to roles as read, found by their title.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleCorrection>,
    /// Read the other way round: what was read as roles are the characteristics, and the
    /// names repeating under them (Beginner … Expert, L1 … L5) are the roles. `None`
    /// leaves the choice to Rung.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub transposed: Option<bool>,
    /// Markdown with tables: the roles are the table's rows (a column per expectation)
    /// or its columns (a row per competency), instead of the headings. `None` leaves the
    /// choice to Rung.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub table_roles: Option<TableRoles>,
    /// Structured data (JSON, YAML, a script module): which reading of the data holds the
    /// roles, by the engine's name for it ("levels of the files", "`levels` referencing
    /// their characteristics"). `None` leaves the choice to Rung.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub data_reading: Option<String>,
    /// The person looked at this reading and confirmed it: an uncertain reading is saved
    /// only once confirmed (or read another way).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
}

/// Where a table holds the roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TableRoles {
    /// Headings hold the roles; tables are examples (the default reading).
    None,
    /// One role per row: its first column names it, every other column is an expectation.
    Rows,
    /// One role per level column; the leading columns name (and group) the competencies.
    Columns,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RoleCorrection {
    /// The role's title as Rung read it.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub level: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub track: Option<Track>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub track_name: Option<String>,
    /// Not a role at all: left out of the ladder.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclude: bool,
}

impl Default for ReadingMapping {
    fn default() -> ReadingMapping {
        ReadingMapping {
            format: MAPPING_FORMAT.to_owned(),
            role_heading_level: None,
            group_heading_level: None,
            context_headings: Vec::new(),
            excluded_files: Vec::new(),
            roles: Vec::new(),
            transposed: None,
            table_roles: None,
            data_reading: None,
            confirmed: false,
        }
    }
}

impl ReadingMapping {
    /// No correction at all: the ladder is read as Rung guesses.
    pub fn is_empty(&self) -> bool {
        *self == ReadingMapping::default()
    }

    pub fn is_context_heading(&self, title: &str) -> bool {
        if self.context_headings.is_empty() {
            return false;
        }
        let title = comparable(title);
        self.context_headings.iter().any(|heading| comparable(heading) == title)
    }

    pub fn excludes_file(&self, file: &str) -> bool {
        self.excluded_files.iter().any(|excluded| excluded == file)
    }

    fn correction(&self, title: &str) -> Option<&RoleCorrection> {
        let title = comparable(title);
        self.roles.iter().find(|correction| comparable(&correction.title) == title)
    }

    /// Applies the role corrections to roles as read: left out, level, track.
    pub fn correct_roles(&self, roles: Vec<ParsedRole>) -> Vec<ParsedRole> {
        roles
            .into_iter()
            .filter_map(|mut role| {
                let Some(correction) = self.correction(&role.title) else { return Some(role) };
                if correction.exclude {
                    return None;
                }
                role.explicit_level = correction.level.or(role.explicit_level);
                role.track_kind = correction.track.clone().or(role.track_kind);
                if correction.track_name.is_some() {
                    role.track_name.clone_from(&correction.track_name);
                }
                Some(role)
            })
            .collect()
    }

    /// Role corrections whose title matches no role read: a mapping made for another
    /// version of the ladder, worth a warning.
    pub fn unmatched_roles<'a>(&'a self, titles: &[&str]) -> Vec<&'a str> {
        let read: Vec<String> = titles.iter().map(|title| comparable(title)).collect();
        self.roles
            .iter()
            .filter(|c| !c.exclude && !read.contains(&comparable(&c.title)))
            .map(|c| c.title.as_str())
            .collect()
    }
}

/// Reads a mapping file (JSON), checking its format and the heading depths.
pub fn from_file(path: &Path) -> Result<ReadingMapping, LadderError> {
    let bytes = super::source::read_limited(path)?;
    let text = super::source::decode_text(&bytes, path)?;
    from_json(&text, path)
}

pub fn from_json(text: &str, path: &Path) -> Result<ReadingMapping, LadderError> {
    let refuse = |line: usize, reason: String| LadderError::InvalidMapping {
        path: path.to_owned(),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        reason,
    };
    let mapping: ReadingMapping =
        serde_json::from_str(text).map_err(|error| refuse(error.line(), error.to_string()))?;
    if mapping.format != MAPPING_FORMAT {
        return Err(refuse(1, format!("`format` is {:?}, not {MAPPING_FORMAT:?}", mapping.format)));
    }
    for (what, depth) in
        [("role_heading_level", mapping.role_heading_level), ("group_heading_level", mapping.group_heading_level)]
    {
        if depth.is_some_and(|depth| !(1..=6).contains(&depth)) {
            return Err(refuse(1, format!("`{what}` must be a heading depth from 1 to 6")));
        }
    }
    if let (Some(role), Some(group)) = (mapping.role_heading_level, mapping.group_heading_level) {
        if group <= role {
            return Err(refuse(1, "`group_heading_level` must be deeper than `role_heading_level`".to_owned()));
        }
    }
    Ok(mapping)
}

pub fn to_json(mapping: &ReadingMapping) -> String {
    serde_json::to_string_pretty(mapping).expect("a mapping always serializes")
}
