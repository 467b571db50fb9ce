//! A ladder kept as one markdown file per level, with an optional README that lists
//! the levels in order and introduces the ladder.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::error::LadderError;
use super::markdown::document::{context_sections, ParsedDocument, ParsedRole};
use super::markdown::outline::{outline, Block};
use super::markdown::sections::section_names;
use super::source::{decode_text, folder_sha256, io_error, read_limited, MAX_FOLDER_FILES};
use super::text::{
    comparable, is_foundation_title, is_navigation_heading, ladder_name, split_level_prefix, tidy_title,
    title_from_file_name,
};
use super::{assemble, FileShape, Ladder, LadderSource, ReadingMapping};

pub fn load_folder(folder: &Path, mapping: &ReadingMapping) -> Result<Ladder, LadderError> {
    let files = read_markdown_files(folder)?;
    let files: Vec<_> = files.into_iter().filter(|(name, _)| !mapping.excludes_file(name)).collect();
    let (readme, rest): (Vec<_>, Vec<_>) = files.iter().partition(|(name, _)| is_index(name));
    let (pages, levels): (Vec<_>, Vec<_>) = rest.into_iter().partition(|(name, _)| is_companion_page(name));
    if levels.is_empty() {
        return Err(LadderError::EmptyFolder { path: folder.to_owned() });
    }

    let mut outlined = Vec::with_capacity(levels.len());
    for (name, bytes) in &levels {
        let path = folder.join(name);
        let (front, body) = super::front_matter::split(&decode_text(bytes, &path)?, &path)?;
        outlined.push((name, path, front, outline(&body)));
    }
    let shared_sections = shared_section_names(outlined.iter().map(|(_, _, _, blocks)| blocks.as_slice()));
    let shape = FileShape::LevelFile { shared_sections: &shared_sections };
    let mut documents: Vec<Vec<ParsedRole>> = Vec::new();
    for (name, path, front, blocks) in outlined {
        let document = super::read_blocks(&front, blocks, &path, name, shape, mapping)?;
        if let Some(line) = document.first_untitled_heading() {
            return Err(LadderError::UntitledHeading { path, line });
        }
        if document.roles.is_empty() {
            return Err(LadderError::NoRoles { path });
        }
        let track_name = track_document_name(&document, name, levels.len());
        let mut roles = document.roles;
        for role in &mut roles {
            role.track_name.clone_from(&track_name);
        }
        documents.push(roles);
    }

    let folder_name =
        folder.file_name().map_or_else(|| folder.display().to_string(), |n| n.to_string_lossy().into_owned());
    let (name, intro, order) = match readme.first() {
        Some((readme_name, bytes)) => {
            let readme_path = folder.join(readme_name);
            let (front, readme_text) = super::front_matter::split(&decode_text(bytes, &readme_path)?, &readme_path)?;
            let blocks = outline(&readme_text);
            let title = front.title.or_else(|| {
                blocks.iter().find_map(|block| match block {
                    Block::Heading { text, .. } => Some(tidy_title(text)),
                    _ => None,
                })
            });
            let after_title =
                blocks.iter().position(|block| matches!(block, Block::Heading { .. })).map_or(0, |at| at + 1);
            let name = ladder_name(title, &folder_name);
            (name, context_sections(&blocks[after_title..], "About this ladder"), readme_order(&blocks))
        }
        None => (ladder_name(None, &folder_name), Vec::new(), Vec::new()),
    };
    let mut intro = intro;
    for (page_name, bytes) in &pages {
        let page_path = folder.join(page_name);
        let (front, body) = super::front_matter::split(&decode_text(bytes, &page_path)?, &page_path)?;
        let title = front.title.unwrap_or_else(|| title_from_file_name(page_name));
        intro.extend(context_sections(&outline(&body), &title));
    }
    sort_documents(&mut documents, &order);
    let source = LadderSource { name: folder_name, sha256: folder_sha256(&files) };
    assemble(name, intro, documents.into_iter().flatten().collect(), folder, source, mapping)
}

/// Section names that at least two level files use (comparable words).
fn shared_section_names<'a>(files: impl Iterator<Item = &'a [Block]>) -> HashSet<String> {
    let mut files_using: HashMap<String, usize> = HashMap::new();
    for blocks in files {
        let names: HashSet<String> = section_names(blocks).into_iter().collect();
        for name in names {
            *files_using.entry(name).or_default() += 1;
        }
    }
    files_using.into_iter().filter(|(_, files)| *files >= 2).map(|(name, _)| name).collect()
}

/// In a folder of several files, a file that holds several levelled roles ("D1 - …",
/// "D2 - …") is one track of the ladder, named by its title ("Developer track" →
/// "Developer") or its file name; the levels of its tracks line up by number.
fn track_document_name(document: &ParsedDocument, file: &str, files: usize) -> Option<String> {
    let levelled = document.roles.iter().all(|role| role.explicit_level.is_some());
    if files < 2 || document.roles.len() < 2 || !levelled {
        return None;
    }
    let title = document.title.clone().unwrap_or_else(|| title_from_file_name(file));
    let words: Vec<&str> = title.split_whitespace().collect();
    let without_track = match words.as_slice() {
        [rest @ .., last] if !rest.is_empty() && last.eq_ignore_ascii_case("track") => rest.join(" "),
        _ => title.clone(),
    };
    Some(without_track)
}

fn is_index(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    // `_index.md` is Hugo's section page.
    lower == "readme.md" || lower == "index.md" || lower == "_index.md"
}

/// Pages around the levels — an FAQ, a glossary, a changelog — are read as context.
fn is_companion_page(name: &str) -> bool {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    is_navigation_heading(stem)
        || matches!(comparable(stem).as_str(), "glossary" | "contributing" | "how to use" | "about" | "changes")
}

/// The folder's markdown files, symlinks followed: a link to a file is read like the
/// file, a link to a folder is not a level; a broken link or a link loop named `.md` is an
/// error (never a level silently missing), and so is a `.md` pipe or device.
fn read_markdown_files(folder: &Path) -> Result<Vec<(String, Vec<u8>)>, LadderError> {
    let names = markdown_file_names(folder)?;
    names.into_iter().map(|name| read_limited(&folder.join(&name)).map(|bytes| (name, bytes))).collect()
}

/// The names of the folder's markdown files, sorted (what a person may leave out).
pub fn markdown_file_names(folder: &Path) -> Result<Vec<String>, LadderError> {
    let entries = std::fs::read_dir(folder).map_err(|error| io_error(folder, &error))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| io_error(folder, &error))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.to_ascii_lowercase().ends_with(".md") || name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let is_folder = std::fs::metadata(&path).map_err(|error| io_error(&path, &error))?.is_dir();
        if !is_folder {
            names.push(name);
        }
        if names.len() > MAX_FOLDER_FILES {
            return Err(LadderError::TooManyFiles { path: folder.to_owned(), limit: MAX_FOLDER_FILES });
        }
    }
    names.sort();
    Ok(names)
}

/// The README's list of levels, as link targets and titles, in the order it gives them.
fn readme_order(blocks: &[Block]) -> Vec<(Vec<String>, String)> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::ListItem { text, links, .. } => {
                let targets = links.iter().map(|link| link.trim_start_matches("./").to_owned()).collect();
                Some((targets, comparable(&split_level_prefix(text).1)))
            }
            _ => None,
        })
        .collect()
}

/// README order first; files it does not mention follow by front-matter order, then by
/// their lowest level (foundations first), then file name. A file's roles stay in the
/// order the file gives them.
fn sort_documents(documents: &mut [Vec<ParsedRole>], order: &[(Vec<String>, String)]) {
    let level =
        |role: &ParsedRole| role.explicit_level.unwrap_or(if is_foundation_title(&role.title) { 0 } else { u32::MAX });
    let rank = |role: &ParsedRole| {
        order
            .iter()
            .position(|(links, title)| links.contains(&role.file) || *title == comparable(&role.title))
            .unwrap_or(usize::MAX)
    };
    // Front matter's weight/order, in thousandths so it sorts as an integer.
    let order = |role: &ParsedRole| role.order.map_or(i64::MAX, |o| (o * 1000.0).round() as i64);
    let key = |roles: &Vec<ParsedRole>| {
        let first = &roles[0];
        (rank(first), order(first), roles.iter().map(level).min().unwrap_or(u32::MAX), first.file.clone())
    };
    documents.sort_by_cached_key(key);
}
