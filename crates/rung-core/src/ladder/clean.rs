//! Text that is not text: control characters (ESC, BEL — an `&#x1b;` entity in markdown
//! becomes one) and bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
//! can move a terminal's cursor, hide words or show a title reversed, in the window, the
//! CLI and the PDF. They are removed from every text of a ladder as it is read, and each
//! place that had some is named, so the import says so.

use super::model::{ContextSection, Ladder};

/// Where characters were removed: the role (or the ladder's own texts), and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanedText {
    pub role: Option<String>,
    pub file: String,
    pub line: u32,
    pub removed: usize,
}

fn is_hidden_or_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Removes the characters from one text; how many it removed.
pub fn clean(text: &mut String) -> usize {
    let before = text.chars().count();
    if text.chars().any(is_hidden_or_control) {
        text.retain(|c| !is_hidden_or_control(c));
    }
    before - text.chars().count()
}

fn clean_all(texts: &mut [String]) -> usize {
    texts.iter_mut().map(clean).sum()
}

fn clean_sections(sections: &mut [ContextSection]) -> usize {
    sections
        .iter_mut()
        .map(|section| clean(&mut section.title) + clean_all(&mut section.paragraphs) + clean_all(&mut section.items))
        .sum()
}

/// Removes the characters from every text of `ladder`; where it removed some.
pub fn clean_ladder(ladder: &mut Ladder) -> Vec<CleanedText> {
    let mut cleaned = Vec::new();
    let own = clean(&mut ladder.name) + clean_sections(&mut ladder.intro);
    if own > 0 {
        cleaned.push(CleanedText { role: None, file: ladder.source.name.clone(), line: 1, removed: own });
    }
    for role in &mut ladder.roles {
        let mut removed = clean(&mut role.title)
            + role.track_name.as_mut().map_or(0, clean)
            + role.summary.as_mut().map_or(0, clean)
            + clean_all(&mut role.description)
            + clean_sections(&mut role.context);
        for characteristic in &mut role.characteristics {
            removed += clean(&mut characteristic.title)
                + characteristic.group.as_mut().map_or(0, clean)
                + clean_all(&mut characteristic.examples);
        }
        if removed > 0 {
            let (file, line) = (role.source_file.clone(), role.source_line);
            cleaned.push(CleanedText { role: Some(role.title.clone()), file, line, removed });
        }
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_bells_and_direction_overrides_are_removed_and_counted() {
        let mut ladder = crate::ladder::default_ladder();
        ladder.roles[0].title = "L1 \u{1b}[31mEngineer\u{7}".to_owned();
        ladder.roles[0].characteristics[0].title = "Owns \u{202e}sgub".to_owned();
        ladder.roles[0].characteristics[0].examples = vec!["Line one\nline two\twith a tab".to_owned()];
        let cleaned = clean_ladder(&mut ladder);
        assert_eq!(ladder.roles[0].title, "L1 [31mEngineer");
        assert_eq!(ladder.roles[0].characteristics[0].title, "Owns sgub");
        assert_eq!(
            ladder.roles[0].characteristics[0].examples[0], "Line one\nline two\twith a tab",
            "newlines and tabs stay"
        );
        assert_eq!(cleaned.len(), 1);
        assert_eq!((cleaned[0].role.as_deref(), cleaned[0].removed), (Some("L1 [31mEngineer"), 3));
        assert!(clean_ladder(&mut crate::ladder::default_ladder()).is_empty(), "the seed has nothing to clean");
    }
}
