//! YAML front matter (Hugo, Jekyll, Docusaurus, Obsidian): the `---` block at the top of a
//! markdown file is metadata, never ladder text. Its `title` names the role or ladder;
//! `weight`, `order`, `nav_order` or `sidebar_position` order files in a folder; `level`
//! gives the role's level.

use std::path::Path;

use serde_json::Value;

use super::error::LadderError;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub order: Option<f64>,
    pub level: Option<u32>,
    /// Everything the block said, for readers of formats that live in front matter.
    pub data: Value,
    /// Lines the block took (including both `---` lines).
    pub lines: u32,
}

/// Splits `text` into its front matter and the body, the front matter lines blanked so
/// line numbers in the body stay those of the file. Text without front matter comes
/// back unchanged with an empty `FrontMatter`.
pub fn split(text: &str, path: &Path) -> Result<(FrontMatter, String), LadderError> {
    let all: Vec<&str> = text.split_inclusive('\n').collect();
    if all.first().map(|line| line.trim_end()) != Some("---") {
        return Ok((FrontMatter::default(), text.to_owned()));
    }
    let Some(close) = all.iter().skip(1).position(|line| matches!(line.trim_end(), "---" | "...")).map(|at| at + 1)
    else {
        // An opening rule with no closing one is a thematic break, not front matter.
        return Ok((FrontMatter::default(), text.to_owned()));
    };
    let yaml: String = all[1..close].concat();
    let data: Value = if yaml.trim().is_empty() {
        Value::Null
    } else {
        serde_saphyr::from_str(&yaml).map_err(|error| {
            let (line, reason) = yaml_error(&error);
            // The block starts on the file's second line.
            LadderError::FrontMatter { path: path.to_owned(), line: line + 1, reason }
        })?
    };
    let field = |names: &[&str]| names.iter().find_map(|name| data.get(*name)).cloned();
    let title =
        field(&["title", "name"]).and_then(|v| v.as_str().map(str::trim).map(str::to_owned)).filter(|t| !t.is_empty());
    let order = field(&["weight", "order", "nav_order", "sidebar_position"]).and_then(|v| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    let level = field(&["level"]).and_then(|v| match v {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().trim_start_matches(|c: char| c.is_alphabetic()).parse().ok(),
        _ => None,
    });
    let blanked: String = all[..=close].iter().map(|line| if line.ends_with('\n') { "\n" } else { "" }).collect();
    let body = blanked + &all[close + 1..].concat();
    Ok((FrontMatter { title, order, level, data, lines: close as u32 + 1 }, body))
}

/// The line serde-saphyr names in its message ("… at line 12, column 3"; 1 when it
/// names none) and the message's first line, for a `LadderError`.
pub fn yaml_error(error: &impl std::fmt::Display) -> (u32, String) {
    let message = error.to_string();
    let line = message
        .find("line ")
        .and_then(|at| message[at + 5..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .unwrap_or(1);
    let first = message.lines().next().unwrap_or_default().trim();
    // serde-saphyr's own bounds (nodes, aliases, nesting) name a Rust value; say what it means.
    let reason = match first.split_once("budget breached: ") {
        Some((_, breach)) => format!("it holds more YAML, aliases or nesting than any ladder does ({breach})"),
        None => first.to_owned(),
    };
    (line, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (FrontMatter, String) {
        split(text, Path::new("level.md")).unwrap()
    }

    #[test]
    fn front_matter_is_metadata_and_lines_are_kept() {
        let (front, body) = read("---\ntitle: Senior Engineer\nweight: 30\nlevel: L3\n---\n# Senior Engineer\n");
        assert_eq!(front.title.as_deref(), Some("Senior Engineer"));
        assert_eq!(front.order, Some(30.0));
        assert_eq!(front.level, Some(3));
        assert_eq!(body, "\n\n\n\n\n# Senior Engineer\n");
    }

    #[test]
    fn text_without_front_matter_is_unchanged() {
        let text = "# Ladder\n\n---\n\nA rule above is a thematic break.\n";
        assert_eq!(read(text).1, text);
        let unclosed = "---\nnot front matter\n";
        assert_eq!(read(unclosed).1, unclosed);
    }

    #[test]
    fn broken_yaml_is_an_error_with_the_line() {
        let error = split("---\ntitle: [unclosed\n---\n# x\n", Path::new("bad.md")).unwrap_err();
        assert_eq!(error.code(), "ladder_front_matter");
        assert!(error.to_string().starts_with("bad.md:"), "{error}");
    }
}
