//! Small text rules the importers share: keys, title clean-up, and how headings are recognised.

use std::collections::{HashMap, HashSet};

/// A stable key from a title: lowercase ASCII words joined by dashes. Letters are
/// transliterated ("Zoë" → "zoe"); emoji and punctuation are dropped.
pub fn key_for(title: &str) -> String {
    let key = slug::slugify(comparable(title));
    if key.is_empty() {
        "untitled".to_owned()
    } else {
        key
    }
}

/// Hands out unique keys: a key already taken gets `-2`, `-3`, … Each base remembers
/// the next number to try, so n identical titles cost O(n), not O(n²).
#[derive(Debug, Default)]
pub struct UniqueKeys {
    taken: HashSet<String>,
    next_suffix: HashMap<String, u32>,
}

impl UniqueKeys {
    pub fn allocate(&mut self, key: String) -> String {
        if self.taken.insert(key.clone()) {
            return key;
        }
        let next = self.next_suffix.entry(key.clone()).or_insert(2);
        loop {
            let candidate = format!("{key}-{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Lowercase words of letters and digits only, for comparing titles written differently.
pub fn comparable(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes decoration around a heading's words (emoji, bullets, trailing colons).
pub fn tidy_title(text: &str) -> String {
    let trimmed = text.trim_matches(|c: char| !(c.is_alphanumeric() || "([<\"'’)]>?!.".contains(c)));
    trimmed.trim_end_matches(':').trim().to_owned()
}

/// "L3: Senior Engineer" → (Some(3), "Senior Engineer"). Also "L3 - …", "L3 …", and
/// track codes with a dash or colon: "D1 - Developer 1", "TL4: Tech Lead", "EM5 – …".
pub fn split_level_prefix(title: &str) -> (Option<u32>, String) {
    let trimmed = title.trim();
    if let Some(found) = split_track_code(trimmed) {
        return found;
    }
    let rest = trimmed.strip_prefix('L').or_else(|| trimmed.strip_prefix('l'));
    if let Some(rest) = rest {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[digits.len()..];
        let separated = after.is_empty() || after.starts_with([':', ' ', '-', '–', '—', '.', '_']);
        if !digits.is_empty() && separated {
            // Levels start at 1: "L0" is not read as a level.
            if let Ok(level @ 1..) = digits.parse::<u32>() {
                let title = after.trim_start_matches([':', ' ', '-', '–', '—', '.', '_']).trim();
                return (Some(level), title.to_owned());
            }
        }
    }
    (None, trimmed.to_owned())
}

/// `split_level_prefix` for a role's title: a title that is only a level code ("L2")
/// keeps the code as its title, since nothing else names the role.
pub fn split_role_title(title: &str) -> (Option<u32>, String) {
    let (level, rest) = split_level_prefix(title);
    if rest.is_empty() {
        (level, title.trim().to_owned())
    } else {
        (level, rest)
    }
}

/// 1–3 capital letters and a number, then " - ", " – ", " — " or ":" and a title. The
/// separator is required (unlike "L3 …") so that "A1 Cloud Certification" stays a title.
fn split_track_code(title: &str) -> Option<(Option<u32>, String)> {
    let letters = title.chars().take_while(char::is_ascii_uppercase).count();
    if !(1..=3).contains(&letters) {
        return None;
    }
    let digits: String = title[letters..].chars().take_while(char::is_ascii_digit).collect();
    let level: u32 = digits.parse().ok().filter(|level| *level >= 1)?;
    let after = &title[letters + digits.len()..];
    let rest = [" - ", " – ", " — ", ":", " -", " –"].iter().find_map(|sep| after.strip_prefix(sep))?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| (Some(level), rest.to_owned()))
}

/// Headings of pages around a ladder, not roles in it: navigation, contents, FAQ.
pub fn is_navigation_heading(title: &str) -> bool {
    const NAVIGATION: &[&str] = &[
        "table of contents",
        "contents",
        "other pages",
        "navigation",
        "see also",
        "useful links",
        "links",
        "faq",
        "faqs",
        "frequently asked questions",
        "changelog",
    ];
    NAVIGATION.contains(&title.trim().trim_end_matches(['?', ':', '.']).to_lowercase().as_str())
}

/// A file name as a title: "L2-DevOps-Support-Engineer.md" → "L2 DevOps Support Engineer".
pub fn title_from_file_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    stem.replace(['-', '_'], " ").trim().to_owned()
}

/// A ladder's name: its own title when it has words, else its file or folder name.
pub fn ladder_name(title: Option<String>, file_name: &str) -> String {
    let from_file = || Some(title_from_file_name(file_name)).filter(|name| !name.trim().is_empty());
    title.filter(|title| !title.trim().is_empty()).or_else(from_file).unwrap_or_else(|| "Untitled ladder".to_owned())
}

/// Characteristic headings in Octopus-style ladders are first-person statements ("I lead…").
pub fn is_i_statement(title: &str) -> bool {
    let words = comparable(title);
    let first = words.split(' ').next().unwrap_or("");
    first == "i" || words.starts_with("i m ") || words.starts_with("i ve ") || words.starts_with("i ll ")
}

/// Sections that describe a role but are not rated.
pub fn is_context_heading(title: &str) -> bool {
    const CONTEXT: &[&str] = &[
        "impact",
        "what success looks like",
        "success looks like",
        "examples of success",
        "overview",
        "summary",
        "purpose",
        "context",
        "about",
        "about this role",
        "scope",
        "notes",
        "resources",
        "further reading",
        "see also",
    ];
    CONTEXT.contains(&comparable(title).as_str())
}

/// "<TBA>", "TBD", "Coming soon": the author has not written it yet.
pub fn is_placeholder(text: &str) -> bool {
    let words = comparable(text);
    matches!(words.as_str(), "tba" | "tbd" | "todo" | "tbc" | "coming soon" | "to be announced" | "to be defined")
}

pub fn is_foundation_title(title: &str) -> bool {
    let words = comparable(title);
    words.starts_with("everyone") || words.contains("foundation") || words == "all roles"
}

pub fn is_management_title(title: &str) -> bool {
    let words = format!(" {} ", comparable(title));
    [" manager ", " head of ", " director ", " vp ", " vice president ", " chief "]
        .iter()
        .any(|word| words.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_prefixes_are_split_off() {
        assert_eq!(
            split_level_prefix("L3: Senior DevOps Support Engineer"),
            (Some(3), "Senior DevOps Support Engineer".into())
        );
        assert_eq!(split_level_prefix("L12 - Fellow"), (Some(12), "Fellow".into()));
        assert_eq!(split_level_prefix("Lead Engineer"), (None, "Lead Engineer".into()));
        assert_eq!(split_level_prefix("L2"), (Some(2), "".into()));
        assert_eq!(split_level_prefix("D1 - Developer 1"), (Some(1), "Developer 1".into()));
        assert_eq!(split_level_prefix("TL4 - Tech Lead 4"), (Some(4), "Tech Lead 4".into()));
        assert_eq!(split_level_prefix("EM5: Engineering Manager"), (Some(5), "Engineering Manager".into()));
        assert_eq!(split_level_prefix("A1 Cloud Certification"), (None, "A1 Cloud Certification".into()));
        assert_eq!(split_level_prefix("SQL - Data"), (None, "SQL - Data".into()));
    }

    #[test]
    fn i_statements_are_recognised_through_decoration() {
        assert!(is_i_statement("I lead technically"));
        assert!(is_i_statement("🚀 I’m trusted"));
        assert!(is_i_statement("**I** am a mentor"));
        assert!(!is_i_statement("Impact"));
        assert!(!is_i_statement("Everything is a learning opportunity"));
    }

    #[test]
    fn keys_are_unique_and_readable() {
        assert_eq!(key_for("I am a *support* mentor!"), "i-am-a-support-mentor");
        assert_eq!(key_for("🎉"), "untitled");
        let mut keys = UniqueKeys::default();
        let given: Vec<String> = ["a", "a-2", "a", "a", "a-3"].iter().map(|k| keys.allocate(k.to_string())).collect();
        assert_eq!(given, ["a", "a-2", "a-3", "a-4", "a-3-2"]);
    }

    #[test]
    fn titles_lose_decoration_but_keep_words() {
        assert_eq!(tidy_title("✨ I lead technically ✨"), "I lead technically");
        assert_eq!(tidy_title("Impact:"), "Impact");
    }
}
