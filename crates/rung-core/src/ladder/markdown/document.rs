//! Reads the shape of one markdown document — a ladder of many roles, a single level,
//! or a foundation of `I …` statements — and turns its blocks into roles. Relations
//! between roles (builds-on, track, level) are resolved later, across documents.

use super::outline::Block;
use crate::ladder::mapping::ReadingMapping;
use crate::ladder::model::{CharacteristicSource, ContextSection, Track};
use crate::ladder::relations::builds_on_phrase;
use crate::ladder::text::{
    is_context_heading, is_i_statement, is_navigation_heading, split_level_prefix, split_role_title, tidy_title,
    title_from_file_name,
};

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDocument {
    pub title: Option<String>,
    pub intro: Vec<ContextSection>,
    pub roles: Vec<ParsedRole>,
    /// Lines of role or characteristic headings with no words left once decoration is
    /// removed (only an emoji, a zero-width space). The import refuses them rather than
    /// losing what is under them.
    pub untitled_headings: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRole {
    pub title: String,
    pub explicit_level: Option<u32>,
    pub summary: Option<String>,
    pub description: Vec<String>,
    pub characteristics: Vec<ParsedCharacteristic>,
    pub characteristics_from: CharacteristicSource,
    pub context: Vec<ContextSection>,
    pub file: String,
    pub line: u32,
    /// Characteristic headings with no words (see `ParsedDocument::untitled_headings`).
    pub untitled_headings: Vec<u32>,
    /// Where its file goes among the folder's files (front matter `weight` or `order`).
    pub order: Option<f64>,
    /// The track's name, when its file is one track of several ("Tech Lead").
    pub track_name: Option<String>,
    /// The track's kind when a person corrected it; otherwise the titles decide.
    pub track_kind: Option<Track>,
}

impl ParsedRole {
    /// A role with a title and nothing read into it yet.
    pub fn new(title: String, line: u32, file: &str) -> ParsedRole {
        ParsedRole {
            title,
            explicit_level: None,
            summary: None,
            description: Vec::new(),
            characteristics: Vec::new(),
            characteristics_from: CharacteristicSource::None,
            context: Vec::new(),
            file: file.to_owned(),
            line,
            untitled_headings: Vec::new(),
            order: None,
            track_name: None,
            track_kind: None,
        }
    }

    /// A role read from structured data (YAML), where the characteristics are named: no
    /// prose, no headings to check.
    pub fn structured(
        title: String,
        level: u32,
        summary: Option<String>,
        characteristics: Vec<ParsedCharacteristic>,
        file: &str,
    ) -> ParsedRole {
        let mut role = ParsedRole::new(title, 1, file);
        role.explicit_level = Some(level);
        role.summary = summary;
        if !characteristics.is_empty() {
            role.characteristics_from = CharacteristicSource::Headings;
        }
        role.characteristics = characteristics;
        role
    }
}

impl ParsedDocument {
    /// The first heading that had no words, in this document or any of its roles.
    pub fn first_untitled_heading(&self) -> Option<u32> {
        let in_roles = self.roles.iter().flat_map(|role| role.untitled_headings.iter());
        self.untitled_headings.iter().chain(in_roles).min().copied()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedCharacteristic {
    pub title: String,
    pub group: Option<String>,
    pub examples: Vec<String>,
}

impl ParsedCharacteristic {
    pub fn new(title: String, examples: Vec<String>) -> ParsedCharacteristic {
        ParsedCharacteristic { title, group: None, examples }
    }
}

/// `file` names the document in roles and errors (a path relative to the ladder source).
pub fn interpret(blocks: &[Block], file: &str, mapping: &ReadingMapping) -> ParsedDocument {
    let headings: Vec<(usize, u8, &str)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(index, block)| match block {
            Block::Heading { level, text, .. } => Some((index, *level, text.as_str())),
            _ => None,
        })
        .collect();
    let Some(top_level) = headings.iter().map(|(_, level, _)| *level).min() else {
        return ParsedDocument { title: None, intro: Vec::new(), roles: Vec::new(), untitled_headings: Vec::new() };
    };
    let tops: Vec<&(usize, u8, &str)> = headings.iter().filter(|(_, level, _)| *level == top_level).collect();
    let has_title = tops.len() == 1 && headings[0].1 == top_level;

    // The person said which headings are roles: no guessing.
    if let Some(role_level) = mapping.role_heading_level {
        if has_title && top_level < role_level {
            let (title_index, _, title_text) = headings[0];
            return many_roles(Some(tidy_title(title_text)), &blocks[title_index + 1..], role_level, file, mapping);
        }
        return many_roles(None, blocks, role_level, file, mapping);
    }

    if !has_title {
        let top_titles: Vec<&str> = tops.iter().map(|(_, _, text)| *text).collect();
        if mostly_i_statements(&top_titles) {
            return single_document(None, single_role(None, 1, blocks, file, mapping));
        }
        return many_roles(None, blocks, top_level, file, mapping);
    }

    let (title_index, _, title_text) = headings[0];
    let title = tidy_title(title_text);
    let below_title: Vec<&(usize, u8, &str)> = headings.iter().filter(|(_, level, _)| *level > top_level).collect();
    let Some(sub_level) = below_title.iter().map(|(_, level, _)| *level).min() else {
        let role =
            single_role(Some(&title), block_line(blocks, title_index), &blocks[title_index + 1..], file, mapping);
        return single_document(Some(title), role);
    };
    let sub_titles: Vec<&str> =
        below_title.iter().filter(|(_, level, _)| *level == sub_level).map(|(_, _, text)| *text).collect();
    let titled_as_level = split_level_prefix(&title).0.is_some();
    if titled_as_level || mostly_i_statements(&sub_titles) {
        let role =
            single_role(Some(&title), block_line(blocks, title_index), &blocks[title_index + 1..], file, mapping);
        return single_document(Some(title), role);
    }
    many_roles(Some(title), &blocks[title_index + 1..], sub_level, file, mapping)
}

/// A file that is one role whatever its headings (a level file in a folder whose front
/// matter names it): its sections are that role's characteristics, never other roles.
pub fn interpret_as_role(title: &str, blocks: &[Block], file: &str, mapping: &ReadingMapping) -> ParsedDocument {
    let body_start = blocks.iter().position(|b| matches!(b, Block::Heading { level: 1, .. })).map_or(0, |at| at + 1);
    let line = blocks.first().map_or(1, Block::line);
    single_document(Some(title.to_owned()), single_role(Some(title), line, &blocks[body_start..], file, mapping))
}

/// True when most headings that could be rated read as first-person statements.
fn mostly_i_statements(titles: &[&str]) -> bool {
    let rated: Vec<&&str> = titles.iter().filter(|title| !is_context_heading(title)).collect();
    let statements = rated.iter().filter(|title| is_i_statement(title)).count();
    !rated.is_empty() && statements * 2 > rated.len()
}

fn block_line(blocks: &[Block], index: usize) -> u32 {
    blocks.get(index).map_or(1, Block::line)
}

/// A document that is only a title has no role in it.
fn single_document(title: Option<String>, role: ParsedRole) -> ParsedDocument {
    let has_content = !role.characteristics.is_empty()
        || role.summary.is_some()
        || !role.description.is_empty()
        || !role.context.is_empty();
    let roles = if has_content { vec![role] } else { Vec::new() };
    ParsedDocument { title, intro: Vec::new(), roles, untitled_headings: Vec::new() }
}

fn single_role(title: Option<&str>, line: u32, body: &[Block], file: &str, mapping: &ReadingMapping) -> ParsedRole {
    let file_title = title_from_file_name(file.rsplit('/').next().unwrap_or(file));
    let (title_level, title_text) = split_level_prefix(title.unwrap_or(&file_title));
    let (file_level, file_text) = split_level_prefix(&file_title);
    // A level titled only by its code ("# L2" in L2.md) is called by that code.
    let title_text = if title_text.is_empty() { file_text } else { title_text };
    let title_text = if title_text.is_empty() { split_role_title(title.unwrap_or(&file_title)).1 } else { title_text };
    let mut role = build_role(title_text, line, body, file, mapping);
    role.explicit_level = title_level.or(file_level);
    role
}

fn many_roles(
    title: Option<String>,
    blocks: &[Block],
    role_level: u8,
    file: &str,
    mapping: &ReadingMapping,
) -> ParsedDocument {
    let starts: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, block)| matches!(block, Block::Heading { level, .. } if *level == role_level))
        .map(|(index, _)| index)
        .collect();
    let first = starts.first().copied().unwrap_or(blocks.len());
    let intro = context_sections(&blocks[..first], title.as_deref().unwrap_or("Introduction"));
    let mut intro = intro;
    let mut roles = Vec::new();
    let mut untitled_headings = Vec::new();
    for (position, &start) in starts.iter().enumerate() {
        let end = blocks[start + 1..]
            .iter()
            .position(|block| matches!(block, Block::Heading { level, .. } if *level <= role_level))
            .map_or(blocks.len(), |offset| start + 1 + offset);
        let next = starts.get(position + 1).copied().unwrap_or(blocks.len());
        let end = end.min(next);
        // Sections between one role and the next (a track's heading and its prose, an FAQ
        // after the last role) are kept to read, never dropped.
        intro.extend(context_sections(&blocks[end..next], "Notes"));
        let Block::Heading { text, line, .. } = &blocks[start] else { continue };
        let (level, role_title) = split_level_prefix(&tidy_title(text));
        if role_title.is_empty() {
            untitled_headings.push(*line);
            continue;
        }
        // "Other pages", a table of contents, an FAQ: read, kept as context, never a role.
        if is_navigation_heading(&role_title) || mapping.is_context_heading(&role_title) {
            intro.extend(context_sections(&blocks[start + 1..end], &role_title));
            continue;
        }
        let mut role = build_role(role_title, *line, &blocks[start + 1..end], file, mapping);
        role.explicit_level = level;
        if mapping.role_heading_level.is_some() {
            role.track_name = track_heading_before(&blocks[..start], role_level);
        }
        roles.push(role);
    }
    ParsedDocument { title, intro, roles, untitled_headings }
}

/// With roles at a depth the person chose, the nearest shallower heading above a role
/// names its track ("## Engineering" over "### L1 Engineer").
fn track_heading_before(blocks: &[Block], role_level: u8) -> Option<String> {
    blocks.iter().rev().find_map(|block| match block {
        Block::Heading { level, text, .. } if *level < role_level => Some(tidy_title(text)).filter(|t| !t.is_empty()),
        _ => None,
    })
}

enum Section {
    Preamble,
    Characteristic,
    Context,
}

fn build_role(title: String, line: u32, body: &[Block], file: &str, mapping: &ReadingMapping) -> ParsedRole {
    // Headings at the group depth (when the person set one) group the characteristics
    // below them; otherwise the shallowest headings are the characteristics.
    let group_level = mapping.group_heading_level;
    let characteristic_level = body
        .iter()
        .filter_map(|block| match block {
            Block::Heading { level, .. } if group_level.is_none_or(|group| *level > group) => Some(*level),
            _ => None,
        })
        .min();
    let mut group: Option<String> = None;
    let mut role = ParsedRole::new(title, line, file);
    let mut loose_bullets: Vec<(String, u32)> = Vec::new();
    let mut section = Section::Preamble;
    for block in body {
        match block {
            Block::Heading { level, text, line } if Some(*level) == characteristic_level => {
                let heading = tidy_title(text);
                if heading.is_empty() {
                    role.untitled_headings.push(*line);
                    continue;
                }
                if is_context_heading(&heading) || mapping.is_context_heading(&heading) {
                    role.context.push(ContextSection { title: heading, paragraphs: Vec::new(), items: Vec::new() });
                    section = Section::Context;
                } else {
                    let mut characteristic = ParsedCharacteristic::new(heading, Vec::new());
                    characteristic.group.clone_from(&group);
                    role.characteristics.push(characteristic);
                    section = Section::Characteristic;
                }
            }
            Block::Heading { level, text, .. } if Some(*level) == group_level => {
                let heading = tidy_title(text);
                if mapping.is_context_heading(&heading) || is_context_heading(&heading) {
                    role.context.push(ContextSection { title: heading, paragraphs: Vec::new(), items: Vec::new() });
                    section = Section::Context;
                } else {
                    group = Some(heading).filter(|g| !g.is_empty());
                    section = Section::Preamble;
                }
            }
            // Deeper headings group examples inside a characteristic; their bullets stay with it.
            Block::Heading { .. } => {}
            Block::Quote { text, .. } => match section {
                Section::Preamble if role.summary.is_none() => role.summary = Some(text.clone()),
                Section::Preamble => role.description.push(text.clone()),
                Section::Characteristic => push_example(&mut role, text.clone()),
                Section::Context => push_context(&mut role, text.clone(), false),
            },
            Block::Paragraph { text, .. } => match section {
                Section::Preamble => role.description.push(text.clone()),
                Section::Characteristic => push_example(&mut role, text.clone()),
                Section::Context => push_context(&mut role, text.clone(), false),
            },
            Block::ListItem { text, depth, .. } => match section {
                Section::Preamble => loose_bullets.push((text.clone(), *depth)),
                Section::Characteristic => push_example(&mut role, text.clone()),
                Section::Context => push_context(&mut role, text.clone(), true),
            },
            Block::TableRow { header: true, .. } => {}
            Block::TableRow { cells, .. } => {
                let row = cells.iter().filter(|cell| !cell.is_empty()).cloned().collect::<Vec<_>>().join(" — ");
                match section {
                    Section::Preamble => loose_bullets.push((row, 1)),
                    Section::Characteristic => push_example(&mut role, row),
                    Section::Context => push_context(&mut role, row, true),
                }
            }
        }
    }
    if !role.characteristics.is_empty() {
        role.characteristics_from = CharacteristicSource::Headings;
        role.description.extend(loose_bullets.into_iter().map(|(text, _)| format!("• {text}")));
    } else if !loose_bullets.is_empty() {
        role.characteristics_from = CharacteristicSource::Bullets;
        role.characteristics = characteristics_from_bullets(loose_bullets);
    } else {
        expectations_from_paragraphs(&mut role);
    }
    role
}

/// A role written as prose, one sentence-paragraph per expectation: each paragraph is
/// rated on its own; "Experience: 5+ years"-style facts are context, not expectations.
/// One paragraph alone is a description, not a list of expectations.
fn expectations_from_paragraphs(role: &mut ParsedRole) {
    if role.description.iter().any(|paragraph| crate::ladder::text::is_placeholder(paragraph)) {
        return;
    }
    // "This role builds on …" says where the role sits; it stays the role's description.
    let (relations, rest): (Vec<String>, Vec<String>) =
        role.description.iter().cloned().partition(|paragraph| builds_on_phrase(paragraph).is_some());
    let (facts, expectations): (Vec<String>, Vec<String>) =
        rest.into_iter().partition(|paragraph| fact_line(paragraph).is_some());
    if expectations.len() < 2 || expectations.iter().any(|paragraph| paragraph.len() > MAX_EXPECTATION_CHARS) {
        return;
    }
    role.description = relations;
    for fact in facts {
        let (label, value) = fact_line(&fact).expect("partitioned as a fact");
        role.context.push(ContextSection {
            title: label.to_owned(),
            paragraphs: vec![value.to_owned()],
            items: Vec::new(),
        });
    }
    let characteristics =
        expectations.into_iter().map(|text| ParsedCharacteristic::new(sentence_title(&text), Vec::new())).collect();
    role.characteristics = name_described(characteristics);
    role.characteristics_from = CharacteristicSource::Paragraphs;
}

/// Longer than this, a paragraph is an essay about the role, not one expectation.
const MAX_EXPECTATION_CHARS: usize = 400;

/// "Experience: 5+ years in support" → ("Experience", "5+ years in support"): a fact about
/// the role (experience, education, reporting line), not something to rate.
fn fact_line(paragraph: &str) -> Option<(&str, &str)> {
    const FACTS: &[&str] = &[
        "experience",
        "years of experience",
        "typical experience",
        "education",
        "qualifications",
        "certifications",
        "reports to",
        "reporting to",
        "location",
        "salary",
        "compensation",
        "pay band",
        "also known as",
        "typical titles",
        "job titles",
        "title",
    ];
    let (label, value) = paragraph.split_once(':')?;
    let (label, value) = (label.trim(), value.trim());
    let is_fact = FACTS.contains(&crate::ladder::text::comparable(label).as_str()) || is_context_heading(label);
    (is_fact && !value.is_empty()).then_some((label, value))
}

fn push_example(role: &mut ParsedRole, text: String) {
    if let Some(characteristic) = role.characteristics.last_mut() {
        characteristic.examples.push(text);
    }
}

fn push_context(role: &mut ParsedRole, text: String, is_item: bool) {
    if let Some(section) = role.context.last_mut() {
        if is_item {
            section.items.push(text);
        } else {
            section.paragraphs.push(text);
        }
    }
}

/// A role written as a plain list: every top-level bullet is rated on its own, and
/// bullets nested under it are its examples.
pub(crate) fn characteristics_from_bullets(bullets: Vec<(String, u32)>) -> Vec<ParsedCharacteristic> {
    let top = bullets.iter().map(|(_, depth)| *depth).min().unwrap_or(1);
    let mut characteristics: Vec<ParsedCharacteristic> = Vec::new();
    for (text, depth) in bullets {
        match characteristics.last_mut() {
            Some(parent) if depth > top => parent.examples.push(text),
            _ => characteristics.push(ParsedCharacteristic::new(sentence_title(&text), Vec::new())),
        }
    }
    name_described(characteristics)
}

/// A sentence rated as a characteristic is titled without its final full stop.
pub(crate) fn sentence_title(text: &str) -> String {
    text.strip_suffix('.').unwrap_or(text).to_owned()
}

/// Bullets like "**Adopts**: actively learns …" (the emphasis is gone by now): when most
/// top-level bullets are a short name, a colon and a description, the name is the
/// characteristic and the description its first example.
pub(crate) fn name_described(mut characteristics: Vec<ParsedCharacteristic>) -> Vec<ParsedCharacteristic> {
    let split = |title: &str| -> Option<(String, String)> {
        let (name, description) = title.split_once(':')?;
        let (name, description) = (name.trim(), description.trim());
        let words = name.split_whitespace().count();
        let capitalised = name.chars().next().is_some_and(char::is_uppercase);
        ((1..=4).contains(&words) && capitalised && !description.is_empty())
            .then(|| (name.to_owned(), description.to_owned()))
    };
    let named = characteristics.iter().filter(|c| split(&c.title).is_some()).count();
    if characteristics.len() < 2 || named * 3 < characteristics.len() * 2 {
        return characteristics;
    }
    for characteristic in &mut characteristics {
        if let Some((name, description)) = split(&characteristic.title) {
            characteristic.title = name;
            characteristic.examples.insert(0, description);
        }
    }
    characteristics
}

/// Prose kept for people to read: each heading starts a new section.
pub fn context_sections(blocks: &[Block], first_title: &str) -> Vec<ContextSection> {
    let mut sections =
        vec![ContextSection { title: first_title.to_owned(), paragraphs: Vec::new(), items: Vec::new() }];
    for block in blocks {
        let current = sections.last_mut().expect("sections is never empty");
        match block {
            Block::Heading { text, .. } => {
                sections.push(ContextSection { title: tidy_title(text), paragraphs: Vec::new(), items: Vec::new() })
            }
            Block::Paragraph { text, .. } | Block::Quote { text, .. } => current.paragraphs.push(text.clone()),
            Block::ListItem { text, .. } => current.items.push(text.clone()),
            Block::TableRow { header: true, .. } => {}
            Block::TableRow { cells, .. } => current.items.push(cells.join(" — ")),
        }
    }
    sections.retain(|section| !section.paragraphs.is_empty() || !section.items.is_empty());
    sections
}
