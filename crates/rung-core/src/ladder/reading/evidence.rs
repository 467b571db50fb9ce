//! How well a reading fits what ladders are: each sign is a number from the roles and
//! characteristics read, weighed, and named so a person can see why one reading beat
//! another. A reading of a real ladder has roles titled like levels, characteristics that
//! repeat from role to role and are not themselves level names, a few to a few dozen of
//! them per role, and no introduction, FAQ or placeholder read as something to rate.

use std::collections::HashMap;

use super::level_words::{has_level_evidence, is_level_name};
use crate::ladder::model::{CharacteristicSource, Ladder, Role, Track};
use crate::ladder::text::{comparable, is_i_statement, is_navigation_heading, is_placeholder};

/// One sign, with its weight already applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Sign {
    pub points: f64,
    pub what: &'static str,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    pub signs: Vec<Sign>,
}

impl Evidence {
    pub fn total(&self) -> f64 {
        self.signs.iter().map(|sign| sign.points).sum()
    }

    pub(crate) fn add(&mut self, points: f64, what: &'static str) {
        if points.abs() > 1e-9 {
            self.signs.push(Sign { points, what });
        }
    }

    /// The strongest signs, in words, for `--explain`.
    pub fn strongest(&self, count: usize) -> Vec<String> {
        let mut signs = self.signs.clone();
        signs.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
        signs.into_iter().take(count).map(|s| format!("{:+.1} {}", s.points, s.what)).collect()
    }
}

/// Headings around a ladder that are never roles or expectations.
fn is_context_title(title: &str) -> bool {
    const CONTEXT: &[&str] = &[
        "overview",
        "introduction",
        "intro",
        "about",
        "about this ladder",
        "about this framework",
        "how to use",
        "how to use this",
        "how to read",
        "how to read this",
        "how it works",
        "how does it work",
        "also known as",
        "aka",
        "reading list",
        "further reading",
        "review questions",
        "questions",
        "contents",
        "summary",
        "description",
        "purpose",
        "scope",
        "notes",
        "note",
        "resources",
        "references",
        "glossary",
        "examples",
        "example",
        "responsibilities",
        "expectations",
        "anti patterns",
        "antipatterns",
        "next up",
        "next steps",
        "license",
        "licence",
        "authors",
        "credits",
        "todo",
        "contributing",
        "changelog",
        "history",
        "background",
        "principles",
        "definitions",
        "terminology",
        "levels",
        "the levels",
        "career paths",
        "tracks",
        "levels of ladder",
        "levels of a ladder",
    ];
    let words = comparable(title);
    is_navigation_heading(title) || CONTEXT.contains(&words.as_str())
}

/// A level code among a name's words ("Craftsmanship (C4)", "Impact I2"), not the whole name.
fn carries_level_code(title: &str) -> bool {
    let words = comparable(title);
    let words: Vec<&str> = words.split(' ').collect();
    words.len() >= 2 && words.iter().any(|word| super::level_words::is_level_code(word)) && !is_level_name(title)
}

/// Two or more examples, most of them "Short Name: description": the names are what is rated.
fn holds_named_items(examples: &[String]) -> bool {
    let named = examples
        .iter()
        .filter(|text| {
            text.split_once(':').is_some_and(|(name, rest)| {
                let words = name.split_whitespace().count();
                (1..=5).contains(&words)
                    && !rest.trim().is_empty()
                    && name.chars().next().is_some_and(char::is_uppercase)
            })
        })
        .count();
    named >= 2 && named * 3 >= examples.len() * 2
}

/// "Core Competencies", "Technical Skills": a heading that holds expectations.
fn is_container_title(title: &str) -> bool {
    crate::ladder::markdown::sections::is_group_section(title, false)
}

/// A placeholder (`text::is_placeholder`), lorem ipsum, "n/a" or an empty checkbox:
/// written to be filled in, never rated.
fn is_unwritten(text: &str) -> bool {
    let words = comparable(text);
    is_placeholder(text) || matches!(words.as_str(), "" | "n a" | "na") || words.starts_with("lorem ipsum")
}

fn rated(role: &Role) -> bool {
    !role.incomplete && role.track != Track::Foundation
}

/// The evidence for one reading of a ladder.
pub fn weigh(ladder: &Ladder) -> Evidence {
    let mut evidence = Evidence::default();
    let mut roles: Vec<&Role> = ladder.roles.iter().filter(|role| rated(role)).collect();
    if roles.is_empty() {
        // A foundation alone (a document of "I …" statements every role shares).
        roles = ladder.roles.iter().filter(|role| !role.incomplete).collect();
    }
    if roles.is_empty() {
        evidence.add(-10.0, "nothing to rate in any role");
        return evidence;
    }
    let n = roles.len() as f64;
    let fraction = |count: usize, of: usize| if of == 0 { 0.0 } else { count as f64 / of as f64 };

    let levelled =
        roles.iter().filter(|role| has_level_evidence(&role.title) || role.title.trim().parse::<u32>().is_ok()).count();
    evidence.add(2.0 * fraction(levelled, roles.len()), "role titles name levels (codes, seniority words)");

    let context_roles = roles.iter().filter(|role| is_context_title(&role.title)).count();
    evidence.add(-4.0 * fraction(context_roles, roles.len()), "role titles are introductions, FAQ or navigation");
    let i_roles = roles.iter().filter(|role| is_i_statement(&role.title)).count();
    evidence.add(-3.0 * fraction(i_roles, roles.len()), "role titles are \"I …\" statements");

    let characteristics: Vec<&str> =
        roles.iter().flat_map(|role| role.characteristics.iter().map(|c| c.title.as_str())).collect();
    let total = characteristics.len();
    let level_named = characteristics.iter().filter(|title| is_level_name(title)).count();
    evidence.add(-3.5 * fraction(level_named, total), "characteristics are level names (read the other way?)");
    let context_named = characteristics.iter().filter(|title| is_context_title(title)).count();
    evidence.add(-3.0 * fraction(context_named, total), "characteristics are sections such as Overview");
    let coded = characteristics.iter().filter(|title| carries_level_code(title)).count();
    evidence.add(-2.0 * fraction(coded, total), "characteristic names carry level codes (\"Craftsmanship (C4)\")");
    let all: Vec<&crate::ladder::model::Characteristic> =
        roles.iter().flat_map(|role| role.characteristics.iter()).collect();
    let holders = all.iter().filter(|c| holds_named_items(&c.examples)).count();
    evidence.add(-1.5 * fraction(holders, total), "characteristics hold named expectations (\"Name: …\")");
    let sentence_groups = all
        .iter()
        .filter(|c| c.group.as_deref().is_some_and(|g| is_i_statement(g) || g.split_whitespace().count() > 8))
        .count();
    evidence
        .add(-1.5 * fraction(sentence_groups, total), "groups are sentences (expectations, not headings over them)");
    let containers = characteristics.iter().filter(|title| is_container_title(title)).count();
    evidence.add(-1.5 * fraction(containers, total), "characteristics are containers (\"Core Competencies\")");
    let placeholders = characteristics.iter().filter(|title| is_unwritten(title)).count();
    evidence.add(-3.0 * fraction(placeholders, total), "characteristics are placeholders (TBD)");
    let statements = characteristics.iter().filter(|title| is_i_statement(title)).count();
    evidence.add(0.5 * fraction(statements, total), "characteristics are \"I …\" statements");

    if roles.len() >= 2 {
        let mut roles_using: HashMap<String, usize> = HashMap::new();
        for role in &roles {
            let mut names: Vec<String> = role.characteristics.iter().map(|c| comparable(&c.title)).collect();
            names.sort();
            names.dedup();
            for name in names {
                *roles_using.entry(name).or_default() += 1;
            }
        }
        let shared = characteristics.iter().filter(|title| roles_using[&comparable(title)] >= 2).count();
        evidence.add(1.5 * fraction(shared, total), "characteristics repeat from role to role");
    }

    // Headings are the author's own structure; bullets and paragraphs read as
    // characteristics are Rung's interpretation of prose.
    let from_headings = roles.iter().filter(|role| role.characteristics_from == CharacteristicSource::Headings).count();
    evidence.add(0.5 * fraction(from_headings, roles.len()), "characteristics are the author's headings");

    let counts: Vec<f64> = roles.iter().map(|role| role.characteristics.len() as f64).collect();
    let mean = counts.iter().sum::<f64>() / n;
    let thin = counts.iter().filter(|&&count| count <= 1.0).count();
    evidence.add(-2.0 * fraction(thin, roles.len()), "roles with a single characteristic");
    evidence.add(if (3.0..=60.0).contains(&mean) { 0.5 } else { -0.5 }, "characteristics per role");
    if roles.len() >= 2 {
        let spread = (counts.iter().map(|count| (count - mean).powi(2)).sum::<f64>() / n).sqrt() / mean.max(1.0);
        evidence.add(0.5 * (1.0 - spread.min(1.0)), "roles rate similar numbers of characteristics");
        evidence.add(if roles.len() <= 40 { 0.5 } else { -1.0 }, "a plausible number of roles");
    } else {
        evidence.add(-1.5, "a single role");
    }
    evidence
}
