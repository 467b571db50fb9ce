//! A level file whose sections name kinds of expectation rather than roles ("Core
//! Competencies", "Functional Competencies" with `###` groups, "Behavioral Competencies"),
//! as in a folder where every level file shares those section names: the file is one
//! role, and its sections group the characteristics.

use super::document::{
    characteristics_from_bullets, name_described, sentence_title, ParsedCharacteristic, ParsedDocument, ParsedRole,
};
use super::outline::Block;
use crate::ladder::model::CharacteristicSource;
use std::collections::HashSet;

use crate::ladder::text::{
    comparable, is_context_heading, is_navigation_heading, split_level_prefix, tidy_title, title_from_file_name,
};

/// The headings just under a document's title (or its top headings when it has no one
/// title), as comparable words: what a folder compares across its level files. Context
/// sections ("Impact"), navigation ("Other Pages") and level headings ("L2 …") are left
/// out: sharing them says nothing.
pub fn section_names(blocks: &[Block]) -> Vec<String> {
    let section_level = section_level_of(blocks);
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading { level, text, .. } if Some(*level) == section_level => Some(tidy_title(text)),
            _ => None,
        })
        .filter(|title| {
            !title.is_empty()
                && !is_context_heading(title)
                && !is_navigation_heading(title)
                && split_level_prefix(title).0.is_none()
        })
        .map(|title| comparable(&title))
        .collect()
}

/// A section that groups expectations rather than being one: named as a kind of
/// expectation ("Core Competencies", "Technical Skills") or holding its own subsections.
pub fn is_group_section(title: &str, has_subsections: bool) -> bool {
    const GROUP_WORDS: &[&str] = &[
        "competencies",
        "competences",
        "competency",
        "skills",
        "behaviours",
        "behaviors",
        "expectations",
        "responsibilities",
        "capabilities",
        "abilities",
        "attributes",
        "values",
    ];
    has_subsections || comparable(title).split(' ').next_back().is_some_and(|word| GROUP_WORDS.contains(&word))
}

/// True when any section of the document groups expectations (see `is_group_section`).
pub fn has_group_sections(blocks: &[Block]) -> bool {
    let Some(section_level) = section_level_of(blocks) else { return false };
    blocks.iter().enumerate().any(|(index, block)| match block {
        Block::Heading { level, text, .. } if *level == section_level => {
            let next_section = blocks[index + 1..]
                .iter()
                .position(|b| heading_level(b).is_some_and(|l| l <= section_level))
                .map_or(blocks.len(), |offset| index + 1 + offset);
            let has_subsections = blocks[index + 1..next_section].iter().any(|b| heading_level(b).is_some());
            !is_context_heading(&tidy_title(text)) && is_group_section(&tidy_title(text), has_subsections)
        }
        _ => false,
    })
}

fn section_level_of(blocks: &[Block]) -> Option<u8> {
    let levels: Vec<u8> = blocks.iter().filter_map(heading_level).collect();
    let top = *levels.iter().min()?;
    let single_title = levels.first() == Some(&top) && levels.iter().filter(|&&level| level == top).count() == 1;
    if single_title {
        levels.iter().copied().filter(|&level| level > top).min()
    } else {
        Some(top)
    }
}

/// A level file whose sections other level files share ("Core Competencies" in every
/// level) and which either groups expectations in them or would otherwise read as
/// several roles: one role, its sections grouping its characteristics.
pub fn is_sectioned_level_file(blocks: &[Block], shared_sections: &HashSet<String>) -> bool {
    let sections = section_names(blocks);
    if !sections.iter().any(|name| shared_sections.contains(name)) {
        return false;
    }
    has_group_sections(blocks)
        || super::document::interpret(blocks, "", &crate::ladder::ReadingMapping::default()).roles.len() != 1
}

/// The sectioned file's role: titled by its front matter, else its one top heading,
/// else its file name; the level from the title, the file name or the front matter.
pub fn read_sectioned_level_file(
    front_title: Option<String>,
    front_lines: u32,
    blocks: &[Block],
    file: &str,
) -> ParsedDocument {
    let top = blocks.iter().filter_map(|block| match block {
        Block::Heading { level, .. } => Some(*level),
        _ => None,
    });
    let top = top.min();
    let tops: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, block)| matches!(block, Block::Heading { level, .. } if Some(*level) == top))
        .map(|(index, _)| index)
        .collect();
    let title_heading = match tops.as_slice() {
        [only] if *only == blocks.iter().position(|b| matches!(b, Block::Heading { .. })).unwrap_or(usize::MAX) => {
            Some(*only)
        }
        _ => None,
    };
    let file_title = title_from_file_name(file.rsplit('/').next().unwrap_or(file));
    let heading_title = title_heading.and_then(|index| match &blocks[index] {
        Block::Heading { text, .. } => Some(tidy_title(text)),
        _ => None,
    });
    let title = front_title.or(heading_title).unwrap_or_else(|| file_title.clone());
    let (level, title) = crate::ladder::text::split_role_title(&title);
    let level = level.or(split_level_prefix(&file_title).0);
    let line = title_heading.map_or(front_lines.max(1), |index| blocks[index].line());
    let body = title_heading.map_or(blocks, |index| &blocks[index + 1..]);
    let mut document = interpret_as_sectioned_role(title, line, body, file);
    for role in &mut document.roles {
        role.explicit_level = level;
    }
    document
}

/// `title` is the role's title (front matter, first heading or file name, chosen by the
/// caller); `body` the blocks after the title heading.
pub fn interpret_as_sectioned_role(title: String, line: u32, body: &[Block], file: &str) -> ParsedDocument {
    let mut role = ParsedRole::new(title.clone(), line, file);
    let section_level = body.iter().filter_map(heading_level).min();
    let first_section = body.iter().position(|block| heading_level(block) == section_level).unwrap_or(body.len());
    for block in &body[..first_section] {
        match block {
            Block::Quote { text, .. } if role.summary.is_none() => role.summary = Some(text.clone()),
            Block::Quote { text, .. } | Block::Paragraph { text, .. } | Block::ListItem { text, .. } => {
                role.description.push(text.clone())
            }
            Block::TableRow { .. } | Block::Heading { .. } => {}
        }
    }
    let mut start = first_section;
    while start < body.len() {
        let end = body[start + 1..]
            .iter()
            .position(|block| heading_level(block).is_some_and(|level| Some(level) <= section_level))
            .map_or(body.len(), |offset| start + 1 + offset);
        read_section(&mut role, &body[start..end]);
        start = end;
    }
    role.characteristics_from = if role.characteristics.iter().any(|c| c.group.is_some()) {
        CharacteristicSource::Sections
    } else if role.characteristics.is_empty() {
        CharacteristicSource::None
    } else {
        CharacteristicSource::Headings
    };
    ParsedDocument { title: Some(title), intro: Vec::new(), roles: vec![role], untitled_headings: Vec::new() }
}

fn heading_level(block: &Block) -> Option<u8> {
    match block {
        Block::Heading { level, .. } => Some(*level),
        _ => None,
    }
}

/// One section: its heading, then its blocks. Context sections are kept to read; the
/// others give characteristics grouped under "Section" or "Section › Subsection".
fn read_section(role: &mut ParsedRole, blocks: &[Block]) {
    let Some(Block::Heading { text, line, .. }) = blocks.first() else { return };
    let section = tidy_title(text);
    if section.is_empty() {
        role.untitled_headings.push(*line);
        return;
    }
    if is_context_heading(&section) {
        role.context.extend(super::document::context_sections(&blocks[1..], &section));
        return;
    }
    let has_subsections = blocks[1..].iter().any(|block| heading_level(block).is_some());
    if !is_group_section(&section, has_subsections) {
        // "Communication" with its bullets: one characteristic, the bullets its examples.
        let examples = blocks[1..]
            .iter()
            .filter_map(|block| match block {
                Block::Paragraph { text, .. } | Block::Quote { text, .. } | Block::ListItem { text, .. } => {
                    Some(text.clone())
                }
                Block::TableRow { header: false, cells, .. } => Some(cells.join(" — ")),
                _ => None,
            })
            .collect();
        role.characteristics.push(ParsedCharacteristic::new(section, examples));
        return;
    }
    let mut group = Group::new(section.clone(), None);
    // Prose before a section's first subsection introduces it: description, not rated.
    let mut introduction = has_subsections;
    for block in &blocks[1..] {
        if introduction {
            match block {
                Block::Paragraph { text, .. } | Block::Quote { text, .. } => {
                    role.description.push(text.clone());
                    continue;
                }
                Block::Heading { .. } => introduction = false,
                _ => {}
            }
        }
        match block {
            Block::Heading { text, .. } => {
                group.finish(role);
                group = Group::new(format!("{section} › {}", tidy_title(text)), Some(tidy_title(text)));
            }
            Block::ListItem { text, depth, .. } => group.items.push((text.clone(), *depth)),
            Block::TableRow { header: false, cells, .. } => {
                let row = cells.iter().filter(|cell| !cell.is_empty()).cloned().collect::<Vec<_>>().join(" — ");
                group.items.push((row, 1));
            }
            Block::TableRow { header: true, .. } => {}
            Block::Paragraph { text, .. } | Block::Quote { text, .. } => group.paragraphs.push(text.clone()),
        }
    }
    group.finish(role);
}

/// What one (sub)section holds until it is turned into characteristics.
struct Group {
    name: String,
    subheading: Option<String>,
    items: Vec<(String, u32)>,
    paragraphs: Vec<String>,
}

impl Group {
    fn new(name: String, subheading: Option<String>) -> Group {
        Group { name, subheading, items: Vec::new(), paragraphs: Vec::new() }
    }

    /// Bullets are the characteristics (nested ones their examples) and paragraphs the
    /// group's description; a subsection of prose alone is one characteristic; a section
    /// of prose alone rates each paragraph.
    fn finish(&mut self, role: &mut ParsedRole) {
        let items = std::mem::take(&mut self.items);
        let paragraphs = std::mem::take(&mut self.paragraphs);
        let characteristics = if let (Some(subheading), false) = (&self.subheading, paragraphs.is_empty()) {
            // A subsection written as prose (perhaps with a list in it) is one
            // characteristic: its heading names it, its text is the example.
            let examples = paragraphs.into_iter().chain(items.into_iter().map(|(text, _)| text)).collect();
            vec![ParsedCharacteristic::new(subheading.clone(), examples)]
        } else if !items.is_empty() {
            role.description.extend(paragraphs.into_iter().map(|text| format!("{}: {text}", self.name)));
            characteristics_from_bullets(items)
        } else if let Some(subheading) = &self.subheading {
            let prose = (!paragraphs.is_empty()).then(|| ParsedCharacteristic::new(subheading.clone(), paragraphs));
            prose.into_iter().collect()
        } else {
            let rated = paragraphs.iter().map(|text| ParsedCharacteristic::new(sentence_title(text), Vec::new()));
            name_described(rated.collect())
        };
        for mut characteristic in characteristics {
            characteristic.group = Some(self.name.clone());
            role.characteristics.push(characteristic);
        }
    }
}
