//! Job-family YAML, as the Financial Times publishes its engineering progression data:
//! `levels[] {id, name}`, `themes[] {id, name, summary}` and `competencies[] {level,
//! theme, summary}`. It becomes one role per level (in the file's order) and, at each
//! level, a characteristic per theme with that level's competencies as its examples.
//! Tracks follow from a level's `track`, its name ("… (People Manager)", a "Manager"
//! level) or its id ("IC3", "M5").

use std::path::Path;

use serde::Deserialize;

use super::error::LadderError;
use super::markdown::document::{ParsedCharacteristic, ParsedDocument, ParsedRole};
use super::model::{ContextSection, Track};
use super::relations::kind_named_by;

#[derive(Debug, Deserialize)]
struct JobFamily {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    levels: Vec<Level>,
    themes: Vec<Theme>,
    competencies: Vec<Competency>,
}

#[derive(Debug, Deserialize)]
struct Level {
    id: IdOrNumber,
    name: String,
    #[serde(default)]
    summary: Option<String>,
    /// The track, where the file names it ("Individual Contributor", "People Manager").
    #[serde(default)]
    track: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Theme {
    id: IdOrNumber,
    name: String,
    #[serde(default)]
    summary: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Competency {
    level: IdOrNumber,
    theme: IdOrNumber,
    summary: String,
}

/// Ids are written as words or numbers; they match as text.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum IdOrNumber {
    Number(i64),
    Text(String),
}

impl IdOrNumber {
    fn text(&self) -> String {
        match self {
            IdOrNumber::Number(n) => n.to_string(),
            IdOrNumber::Text(t) => t.trim().to_owned(),
        }
    }
}

fn refuse(path: &Path, line: u32, reason: String) -> LadderError {
    LadderError::InvalidYaml { path: path.to_owned(), line, reason }
}

pub fn read(text: &str, path: &Path, file: &str) -> Result<ParsedDocument, LadderError> {
    let family: JobFamily = serde_saphyr::from_str(text).map_err(|error| {
        let (line, reason) = super::front_matter::yaml_error(&error);
        refuse(path, line, reason)
    })?;
    let theme_ids: Vec<String> = family.themes.iter().map(|t| t.id.text()).collect();
    let level_ids: Vec<String> = family.levels.iter().map(|l| l.id.text()).collect();
    for competency in &family.competencies {
        if !level_ids.contains(&competency.level.text()) {
            return Err(refuse(
                path,
                1,
                format!("a competency names level {:?}, which `levels` does not list", competency.level.text()),
            ));
        }
        if !theme_ids.contains(&competency.theme.text()) {
            return Err(refuse(
                path,
                1,
                format!("a competency names theme {:?}, which `themes` does not list", competency.theme.text()),
            ));
        }
    }
    let mut roles = Vec::new();
    for (position, level) in family.levels.iter().enumerate() {
        let id = level.id.text();
        let characteristics: Vec<ParsedCharacteristic> = family
            .themes
            .iter()
            .filter_map(|theme| {
                let examples: Vec<String> = family
                    .competencies
                    .iter()
                    .filter(|c| c.level.text() == id && c.theme.text() == theme.id.text())
                    .map(|c| c.summary.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect();
                (!examples.is_empty()).then(|| ParsedCharacteristic::new(theme.name.trim().to_owned(), examples))
            })
            .collect();
        let numeric = id.trim_start_matches(|c: char| c.is_alphabetic()).parse::<u32>().ok().filter(|n| *n > 0);
        let level_number = numeric.unwrap_or(position as u32 + 1);
        let (title, track_from_name) = split_track_suffix(level.name.trim());
        let mut role = ParsedRole::structured(title, level_number, level.summary.clone(), characteristics, file);
        let track = level.track.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
        let track = track.or(track_from_name);
        // A track named only by its kind ("Individual Contributor") is that kind, not a
        // separate named track: levels that do not repeat it stay on the same track.
        let kind = track.as_deref().and_then(kind_named_by);
        role.track_name = track.filter(|_| kind.is_none());
        role.track_kind = kind.or_else(|| track_kind_of_id(&id));
        roles.push(role);
    }
    let themes = ContextSection {
        title: "Themes".to_owned(),
        paragraphs: Vec::new(),
        items: family
            .themes
            .iter()
            .map(|t| match &t.summary {
                Some(summary) => format!("{}: {}", t.name.trim(), summary.trim()),
                None => t.name.trim().to_owned(),
            })
            .collect(),
    };
    Ok(ParsedDocument {
        title: family.name.or(family.title),
        intro: vec![themes],
        roles,
        untitled_headings: Vec::new(),
    })
}

/// "Senior Engineer (People Manager)" or "Senior Engineer - Individual Contributor" →
/// the title and the track the name gives.
fn split_track_suffix(name: &str) -> (String, Option<String>) {
    let split = name
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once(" ("))
        .or_else(|| name.rsplit_once(" - "))
        .or_else(|| name.rsplit_once(" – "));
    match split {
        Some((title, track)) if kind_named_by(track).is_some() => {
            (title.trim().to_owned(), Some(track.trim().to_owned()))
        }
        _ => (name.to_owned(), None),
    }
}

/// Level ids like "IC3" or "M5": the letters before the number say the track.
fn track_kind_of_id(id: &str) -> Option<Track> {
    let letters: String = id.chars().take_while(|c| c.is_ascii_alphabetic()).collect::<String>().to_ascii_lowercase();
    let has_number = id[letters.len()..].chars().next().is_some_and(|c| c.is_ascii_digit());
    match (letters.as_str(), has_number) {
        ("ic" | "e" | "se" | "swe", true) => Some(Track::IndividualContributor),
        ("m" | "em" | "mgr", true) => Some(Track::Management),
        _ => None,
    }
}
