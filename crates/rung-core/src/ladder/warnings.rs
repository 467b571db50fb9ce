//! What looks off in a reading of a ladder: never silently wrong. Each warning names the
//! role, its file and line, and says what to check; `rung ladder check` exits 2 with them.

use serde::Serialize;
use ts_rs::TS;

use super::model::{Ladder, Role};
use super::reading::{ReadLadder, ReadingConfidence};
use super::text::{is_navigation_heading, split_level_prefix};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReadingWarning {
    pub code: String,
    pub role: Option<String>,
    pub file: String,
    pub line: u32,
    pub message: String,
}

fn warn(role: &Role, code: &str, message: String) -> ReadingWarning {
    ReadingWarning {
        code: code.to_owned(),
        role: Some(role.title.clone()),
        file: role.source_file.clone(),
        line: role.source_line,
        message,
    }
}

fn normalised(title: &str) -> String {
    title.trim().trim_end_matches(['?', ':', '.']).to_lowercase()
}

/// Everything a person should look at before hiring against a ladder as read: what
/// looks off in its roles, and whether the engine is unsure of the reading itself.
pub fn warnings_of(read: &ReadLadder) -> Vec<ReadingWarning> {
    let mut warnings: Vec<ReadingWarning> = uncertainty(&read.ladder, &read.confidence).into_iter().collect();
    warnings.extend(reading_warnings(&read.ladder));
    warnings.extend(cleaning_warnings(read));
    warnings
}

/// `text_cleaned`: characters that could hide or reorder text were removed on import.
pub fn cleaning_warnings(read: &ReadLadder) -> Vec<ReadingWarning> {
    read.cleaned
        .iter()
        .map(|cleaned| ReadingWarning {
            code: "text_cleaned".to_owned(),
            role: cleaned.role.clone(),
            file: cleaned.file.clone(),
            line: cleaned.line,
            message: format!(
                "{} control or direction-override character{} removed from {}: they could hide or reorder text on screen and in the PDF. Check the source if a title looks wrong.",
                cleaned.removed,
                if cleaned.removed == 1 { " was" } else { "s were" },
                cleaned.role.as_ref().map_or("the ladder's own texts".to_owned(), |title| format!("\"{title}\""))
            ),
        })
        .collect()
}

/// `reading_uncertain`: another reading scores close, or little confirms this one.
fn uncertainty(ladder: &Ladder, confidence: &ReadingConfidence) -> Option<ReadingWarning> {
    if confidence.certain {
        return None;
    }
    let message = match &confidence.runner_up {
        Some(other) => format!(
            "Read as {}; it may be {}. Look at both (rung ladder show PATH --explain) and confirm or correct the reading.",
            confidence.reading, other.reading
        ),
        None => format!(
            "Read as {}, but little in the ladder confirms it. Look at the reading (rung ladder show PATH --explain) and confirm or correct it.",
            confidence.reading
        ),
    };
    Some(ReadingWarning {
        code: "reading_uncertain".to_owned(),
        role: None,
        file: ladder.source.name.clone(),
        line: 1,
        message,
    })
}

/// What looks off in the roles of a reading.
pub fn reading_warnings(ladder: &Ladder) -> Vec<ReadingWarning> {
    let mut warnings = Vec::new();
    for role in &ladder.roles {
        let title = &role.title;
        if title.trim_end().ends_with('?') {
            warnings.push(warn(
                role,
                "role_is_a_question",
                format!("\"{title}\" reads as a question, not a role: is it an FAQ section?"),
            ));
        }
        if is_navigation_heading(title)
            || matches!(normalised(title).as_str(), "how does it work" | "how it works" | "how to use this")
        {
            warnings.push(warn(
                role,
                "role_is_navigation",
                format!("\"{title}\" looks like navigation or an FAQ, not a role."),
            ));
        }
        if title.trim() == "---"
            || title
                .split_once(':')
                .is_some_and(|(key, _)| !key.contains(' ') && key.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        {
            warnings.push(warn(
                role,
                "role_is_front_matter",
                format!("\"{title}\" looks like front matter (`key: value`), not a role title."),
            ));
        }
        if role.incomplete {
            warnings.push(warn(
                role,
                "role_has_nothing_to_score",
                format!("\"{title}\" has nothing to score: it will be left out of scorecards."),
            ));
        }
        let level_like: Vec<&str> = role
            .characteristics
            .iter()
            .filter(|c| split_level_prefix(&c.title).0.is_some() || c.title.to_lowercase().starts_with("level "))
            .map(|c| c.title.as_str())
            .collect();
        if level_like.len() >= 2 {
            warnings.push(warn(
                role,
                "role_holds_levels",
                format!(
                    "\"{title}\" holds what look like several levels as characteristics ({}): should each be a role?",
                    level_like.join(", ")
                ),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for characteristic in &role.characteristics {
            if !seen.insert(normalised(&characteristic.title)) {
                warnings.push(warn(
                    role,
                    "duplicate_characteristic",
                    format!("\"{title}\" lists \"{}\" twice.", characteristic.title),
                ));
            }
        }
    }
    if let Some(reading) = &ladder.reading {
        let titles: Vec<&str> = ladder.roles.iter().map(|role| role.title.as_str()).collect();
        for title in reading.unmatched_roles(&titles) {
            warnings.push(ReadingWarning {
                code: "correction_matches_no_role".to_owned(),
                role: None,
                file: ladder.source.name.clone(),
                line: 1,
                message: format!(
                    "A saved correction is for a role \"{title}\" that this reading does not have: has the ladder changed?"
                ),
            });
        }
    }
    // Levels out of order within a track, in the order the ladder lists its roles.
    for (earlier, later) in ladder.roles.iter().zip(ladder.roles.iter().skip(1)) {
        if earlier.same_track(later) && later.level < earlier.level {
            warnings.push(warn(
                later,
                "levels_out_of_order",
                format!(
                    "\"{}\" (L{}) comes after \"{}\" (L{}): check the order or the levels.",
                    later.title, later.level, earlier.title, earlier.level
                ),
            ));
        }
    }
    warnings
}
