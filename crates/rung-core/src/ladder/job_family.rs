//! Job-family YAML, as the Financial Times publishes its engineering progression data:
//! `levels[] {id, name}`, `themes[] {id, name, summary}` and `competencies[] {level,
//! theme, summary}`. It becomes one role per level (in the file's order) and, at each
//! level, a characteristic per theme with that level's competencies as its examples.
//! Tracks follow from the level names (a "Manager" level is on the management track).

use std::path::Path;

use serde::Deserialize;

use super::error::LadderError;
use super::markdown::document::{ParsedCharacteristic, ParsedDocument, ParsedRole};
use super::model::ContextSection;

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
        roles.push(ParsedRole::structured(
            level.name.trim().to_owned(),
            level_number,
            level.summary.clone(),
            characteristics,
            file,
        ));
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
