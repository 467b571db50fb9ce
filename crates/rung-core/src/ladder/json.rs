//! Rung's structured ladder format: the `Ladder` itself as JSON, so a ladder can be
//! exported, edited by tools and imported again exactly. JSON may be written by hand or
//! by other tools, so every field is checked again; errors name the line.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::error::LadderError;
use super::model::{Ladder, Track, LADDER_FORMAT, LADDER_FORMAT_VERSION};
use super::text::comparable;

pub fn to_json(ladder: &Ladder) -> String {
    serde_json::to_string_pretty(ladder).expect("a ladder always serializes")
}

pub fn from_json(text: &str, path: &Path) -> Result<Ladder, LadderError> {
    let ladder: Ladder = serde_json::from_str(text).map_err(|error| LadderError::InvalidJson {
        path: path.to_owned(),
        line: u32::try_from(error.line()).unwrap_or(u32::MAX),
        reason: error.to_string(),
    })?;
    let lines = Lines { text };
    validate(&ladder, &lines).map_err(|(line, reason)| LadderError::InconsistentJson {
        path: path.to_owned(),
        line,
        reason,
    })?;
    Ok(ladder)
}

/// Finds where a field or value is written, to name the line in an error.
struct Lines<'a> {
    text: &'a str,
}

impl Lines<'_> {
    fn line_at(&self, offset: usize) -> u32 {
        let before = &self.text.as_bytes()[..offset.min(self.text.len())];
        u32::try_from(before.iter().filter(|&&b| b == b'\n').count() + 1).unwrap_or(u32::MAX)
    }

    /// Lines where `"field": <value as JSON>` appears, in order.
    fn of_value(&self, field: &str, value: &str) -> Vec<u32> {
        let quoted_field = format!("\"{field}\"");
        let quoted_value = serde_json::to_string(value).unwrap_or_default();
        let mut lines = Vec::new();
        for (at, _) in self.text.match_indices(&quoted_value) {
            let before = self.text[..at].trim_end();
            let Some(before) = before.strip_suffix(':') else { continue };
            if before.trim_end().ends_with(&quoted_field) {
                lines.push(self.line_at(at));
            }
        }
        lines
    }

    fn of_role(&self, key: &str) -> u32 {
        self.of_value("key", key).first().copied().unwrap_or(1)
    }

    /// The first line naming `field` (for fields that appear once, like "policy").
    fn of_field(&self, field: &str) -> u32 {
        self.text.find(&format!("\"{field}\"")).map_or(1, |at| self.line_at(at))
    }
}

type Problem = (u32, String);

/// What the markdown importers guarantee, checked again for JSON written by hand.
fn validate(ladder: &Ladder, lines: &Lines<'_>) -> Result<(), Problem> {
    let top = |field: &str, reason: String| (lines.of_field(field), reason);
    if ladder.format != LADDER_FORMAT {
        return Err(top("format", format!("format is \"{}\", expected \"{LADDER_FORMAT}\"", ladder.format)));
    }
    if ladder.format_version > LADDER_FORMAT_VERSION {
        return Err(top(
            "format_version",
            format!(
                "format version {} is newer than this Rung understands ({LADDER_FORMAT_VERSION}); update Rung",
                ladder.format_version
            ),
        ));
    }
    text_field(&ladder.name, "the ladder's name").map_err(|reason| top("name", reason))?;
    text_field(&ladder.source.name, "the source name").map_err(|reason| top("source", reason))?;
    let hash = &ladder.source.sha256;
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(top("sha256", "source.sha256 must be 64 lowercase hexadecimal digits".to_owned()));
    }
    for section in &ladder.intro {
        prose(&section.title, &section.paragraphs, &section.items).map_err(|reason| top("intro", reason))?;
    }
    if ladder.roles.is_empty() {
        return Err(top("roles", "it has no roles".to_owned()));
    }
    validate_roles(ladder, lines)?;
    if let Some(reading) = &ladder.reading {
        // The mapping's own checks, on the mapping as written here.
        let text = super::mapping::to_json(reading);
        super::mapping::from_json(&text, Path::new("reading")).map_err(|error| top("reading", error.to_string()))?;
    }
    validate_scale_and_policy(ladder).map_err(|(field, reason)| top(field, reason))
}

fn validate_roles(ladder: &Ladder, lines: &Lines<'_>) -> Result<(), Problem> {
    let mut keys: HashSet<&str> = HashSet::new();
    let mut titles: HashMap<String, &str> = HashMap::new();
    for role in &ladder.roles {
        // Lines are looked up only for an error: finding them scans the text.
        let at = || lines.of_role(&role.key);
        let fail = |reason: String| (at(), reason);
        key_field(&role.key).map_err(|reason| fail(format!("a role {reason}")))?;
        if !keys.insert(role.key.as_str()) {
            let both = lines.of_value("key", &role.key);
            let (first, second) = (both.first().copied().unwrap_or(1), both.get(1).copied().unwrap_or(1));
            return Err((second, format!("role key \"{}\" is used twice (lines {first} and {second})", role.key)));
        }
        text_field(&role.title, "a role title").map_err(|reason| fail(format!("role \"{}\": {reason}", role.key)))?;
        if let Some(first) = titles.insert(comparable(&role.title), &role.key) {
            return Err(fail(format!(
                "roles \"{first}\" (line {}) and \"{}\" have the same title \"{}\"",
                lines.of_role(first),
                role.key,
                role.title
            )));
        }
        if role.level == 0 && role.track != Track::Foundation {
            return Err(fail(format!("role \"{}\" has level 0; levels start at 1 (0 is for foundations)", role.key)));
        }
        let texts = role.summary.iter().chain(&role.description).chain([&role.source_file]);
        prose("", &texts.cloned().collect::<Vec<_>>(), &[])
            .map_err(|reason| fail(format!("role \"{}\": {reason}", role.key)))?;
        for section in &role.context {
            prose(&section.title, &section.paragraphs, &section.items)
                .map_err(|reason| fail(format!("role \"{}\": {reason}", role.key)))?;
        }
        let mut characteristic_keys = HashSet::new();
        for characteristic in &role.characteristics {
            let in_role = |reason: String| {
                let role_line = at();
                let found = lines.of_value("key", &characteristic.key).into_iter().find(|&l| l > role_line);
                (found.unwrap_or(role_line), reason)
            };
            key_field(&characteristic.key)
                .map_err(|reason| in_role(format!("role \"{}\" has a characteristic {reason}", role.key)))?;
            if !characteristic_keys.insert(characteristic.key.as_str()) {
                return Err(in_role(format!(
                    "role \"{}\" has characteristic key \"{}\" twice",
                    role.key, characteristic.key
                )));
            }
            text_field(&characteristic.title, "a characteristic title")
                .and_then(|()| prose("", &characteristic.examples, &[]))
                .map_err(|reason| in_role(format!("characteristic \"{}\": {reason}", characteristic.key)))?;
        }
        if role.incomplete != role.characteristics.is_empty() {
            return Err(fail(format!(
                "role \"{}\" is marked incomplete={} but has {} characteristics",
                role.key,
                role.incomplete,
                role.characteristics.len()
            )));
        }
    }
    validate_builds_on(ladder, lines)
}

/// Every `builds_on` names a role of the ladder and no chain loops; each role is walked
/// once, so long chains stay linear.
fn validate_builds_on(ladder: &Ladder, lines: &Lines<'_>) -> Result<(), Problem> {
    let index: HashMap<&str, usize> = ladder.roles.iter().enumerate().map(|(i, r)| (r.key.as_str(), i)).collect();
    let mut parent = Vec::with_capacity(ladder.roles.len());
    for role in &ladder.roles {
        parent.push(match &role.builds_on {
            None => None,
            Some(key) => Some(*index.get(key.as_str()).ok_or_else(|| {
                let at = lines.of_role(&role.key);
                (at, format!("role \"{}\" builds on \"{key}\", which is not in the ladder", role.key))
            })?),
        });
    }
    let mut ends = vec![false; ladder.roles.len()];
    for start in 0..ladder.roles.len() {
        let mut on_path = HashSet::new();
        let mut current = Some(start);
        while let Some(node) = current {
            if ends[node] {
                break;
            }
            if !on_path.insert(node) {
                let role = &ladder.roles[start];
                return Err((lines.of_role(&role.key), format!("role \"{}\" builds on itself", role.key)));
            }
            current = parent[node];
        }
        for node in on_path {
            ends[node] = true;
        }
    }
    Ok(())
}

fn validate_scale_and_policy(ladder: &Ladder) -> Result<(), (&'static str, String)> {
    ladder.rating_scale.check().map_err(|reason| ("rating_scale", reason))?;
    for level in &ladder.rating_scale.levels {
        text_field(&level.label, "a rating label")
            .and_then(|()| prose("", std::slice::from_ref(&level.description), &[]))
            .map_err(|reason| ("rating_scale", reason))?;
    }
    text_field(&ladder.rating_scale.not_assessed, "the not-assessed label")
        .map_err(|reason| ("rating_scale", reason))?;
    ladder.policy.check(&ladder.rating_scale).map_err(|reason| ("policy", reason))
}

/// Keys are what `rung ladder show --json` prints: lowercase letters, digits and dashes.
fn key_field(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("has an empty key".to_owned());
    }
    if !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(format!("key {key:?} may only hold lowercase letters, digits and dashes"));
    }
    Ok(())
}

/// A name or title: not blank, no control characters.
fn text_field(text: &str, what: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(format!("{what} is empty"));
    }
    no_control_characters(text, what)
}

/// Free text: any length, but no control characters other than line breaks and tabs.
fn prose(title: &str, paragraphs: &[String], items: &[String]) -> Result<(), String> {
    std::iter::once(title)
        .chain(paragraphs.iter().map(String::as_str))
        .chain(items.iter().map(String::as_str))
        .try_for_each(|text| no_control_characters(text, "a text"))
}

fn no_control_characters(text: &str, what: &str) -> Result<(), String> {
    match text.chars().find(|&c| c.is_control() && c != '\n' && c != '\t') {
        Some(c) => Err(format!("{what} contains the control character U+{:04X}", u32::from(c))),
        None => Ok(()),
    }
}
