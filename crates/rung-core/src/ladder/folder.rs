//! A ladder kept as one markdown file per level, with an optional README that lists
//! the levels in order and introduces the ladder.

use std::path::Path;

use super::error::LadderError;
use super::markdown::document::{context_sections, ParsedRole};
use super::markdown::outline::{outline, Block};
use super::source::{decode_text, folder_sha256, io_error, read_limited, MAX_FOLDER_FILES};
use super::text::{comparable, is_foundation_title, ladder_name, split_level_prefix, tidy_title};
use super::{assemble, Ladder};

pub fn load_folder(folder: &Path) -> Result<Ladder, LadderError> {
    let files = read_markdown_files(folder)?;
    let (readme, levels): (Vec<_>, Vec<_>) = files.iter().partition(|(name, _)| is_index(name));
    if levels.is_empty() {
        return Err(LadderError::EmptyFolder { path: folder.to_owned() });
    }

    let mut roles: Vec<ParsedRole> = Vec::new();
    for (name, bytes) in &levels {
        let path = folder.join(name);
        let text = decode_text(bytes, &path)?;
        let document = super::read_document(&text, &path, name, true)?;
        if let Some(line) = document.first_untitled_heading() {
            return Err(LadderError::UntitledHeading { path, line });
        }
        if document.roles.is_empty() {
            return Err(LadderError::NoRoles { path });
        }
        roles.extend(document.roles);
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
    sort_roles(&mut roles, &order);
    assemble(name, intro, roles, folder, folder_name, folder_sha256(&files))
}

fn is_index(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    // `_index.md` is Hugo's section page.
    lower == "readme.md" || lower == "index.md" || lower == "_index.md"
}

/// The folder's markdown files, symlinks followed: a link to a file is read like the
/// file, a link to a folder is not a level; a broken link or a link loop named `.md` is an
/// error (never a level silently missing), and so is a `.md` pipe or device.
fn read_markdown_files(folder: &Path) -> Result<Vec<(String, Vec<u8>)>, LadderError> {
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
    names.into_iter().map(|name| read_limited(&folder.join(&name)).map(|bytes| (name, bytes))).collect()
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

/// README order first; roles it does not mention follow by level (foundations first),
/// then file name.
fn sort_roles(roles: &mut [ParsedRole], order: &[(Vec<String>, String)]) {
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
    roles.sort_by(|a, b| (rank(a), order(a), level(a), &a.file).cmp(&(rank(b), order(b), level(b), &b.file)));
}
