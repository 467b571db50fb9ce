//! Monzo's progression-framework format, the most copied open framework: a markdown file
//! whose front matter has `levels: N` and `topics[]`, each topic with `content[]` of
//! `{level, criteria[], exampleCriteria[{criteria, examples[]}]}`. It becomes one role per
//! level; at each level, a characteristic per topic that has content there, with its
//! criteria and example criteria as the examples. The markdown body is context.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::error::LadderError;
use super::front_matter::FrontMatter;
use super::markdown::document::{ParsedCharacteristic, ParsedDocument, ParsedRole};
use super::model::ContextSection;

#[derive(Debug, Deserialize)]
struct Framework {
    levels: u32,
    topics: Vec<Topic>,
    #[serde(default, rename = "sidebarTitle")]
    sidebar_title: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Topic {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    content: Vec<LevelContent>,
}

#[derive(Debug, Deserialize)]
struct LevelContent {
    level: u32,
    #[serde(default)]
    criteria: Vec<String>,
    #[serde(default, rename = "exampleCriteria")]
    example_criteria: Vec<ExampleCriterion>,
}

#[derive(Debug, Deserialize)]
struct ExampleCriterion {
    criteria: String,
    #[serde(default)]
    examples: Vec<String>,
}

/// Whether front matter is in this format (`levels` and `topics` present).
pub fn is_progression_framework(front: &FrontMatter) -> bool {
    front.data.get("levels").is_some() && front.data.get("topics").is_some_and(Value::is_array)
}

/// The roles of a progression-framework file; `intro` is its markdown body as context.
pub fn read(
    front: &FrontMatter,
    intro: Vec<ContextSection>,
    path: &Path,
    file: &str,
) -> Result<ParsedDocument, LadderError> {
    let invalid = |reason: String| LadderError::FrontMatter { path: path.to_owned(), line: 2, reason };
    let framework: Framework = serde_json::from_value(front.data.clone())
        .map_err(|e| invalid(format!("not a progression framework ({e})")))?;
    if framework.levels == 0 || framework.levels > 50 {
        return Err(invalid(format!("`levels: {}` must be 1 to 50", framework.levels)));
    }
    let family = framework
        .sidebar_title
        .or(framework.title)
        .or_else(|| front.title.clone())
        .unwrap_or_else(|| super::text::title_from_file_name(file));
    let mut roles = Vec::new();
    for level in 1..=framework.levels {
        let characteristics: Vec<ParsedCharacteristic> = framework
            .topics
            .iter()
            .filter_map(|topic| {
                let title = topic.title.clone().or_else(|| topic.name.clone())?;
                let content: Vec<&LevelContent> = topic.content.iter().filter(|c| c.level == level).collect();
                let examples: Vec<String> = content
                    .iter()
                    .flat_map(|c| {
                        c.criteria.iter().cloned().chain(c.example_criteria.iter().map(|e| {
                            if e.examples.is_empty() {
                                e.criteria.clone()
                            } else {
                                format!("{} (e.g. {})", e.criteria, e.examples.join("; "))
                            }
                        }))
                    })
                    .map(|text| text.trim().to_owned())
                    .filter(|text| !text.is_empty())
                    .collect();
                (!examples.is_empty()).then_some(ParsedCharacteristic::new(title.trim().to_owned(), examples))
            })
            .collect();
        roles.push(ParsedRole::structured(format!("{family} level {level}"), level, None, characteristics, file));
    }
    Ok(ParsedDocument { title: Some(family), intro, roles, untitled_headings: Vec::new() })
}
