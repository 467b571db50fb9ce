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
use super::{assemble, ContextSection, FileShape, Ladder, LadderSource, ReadingMapping};

pub fn load_folder(folder: &Path, mapping: &ReadingMapping) -> Result<Ladder, LadderError> {
    let files = read_markdown_files(folder)?;
    let files: Vec<_> = files.into_iter().filter(|(name, _)| !mapping.excludes_file(name)).collect();
    let tracks = track_folders(folder, &files)?;
    if !tracks.is_empty() {
        return load_track_folders(folder, files, tracks, mapping);
    }
    let read = read_folder(folder, &files, None, mapping)?;
    let source = LadderSource { name: read.folder_name, sha256: folder_sha256(&files) };
    assemble(read.name, read.intro, read.roles, folder, source, mapping)
}

/// A folder's level files read into roles, with its name and introduction.
struct FolderReading {
    folder_name: String,
    name: String,
    intro: Vec<ContextSection>,
    roles: Vec<ParsedRole>,
}

/// Subfolders that hold level files, each one track ("engineer-track/" with one file per
/// level), with the page that introduces it: `engineer-track.md` beside the folder, or
/// the folder's own README. Files are named relative to `folder`.
fn track_folders(folder: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<(String, Option<String>)>, LadderError> {
    let entries = std::fs::read_dir(folder).map_err(|error| io_error(folder, &error))?;
    let mut tracks = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| io_error(folder, &error))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name.starts_with('.') || !std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        if markdown_file_names(&path)?.iter().any(|file| !is_index(file)) {
            let page = format!("{name}.md");
            let index = files.iter().any(|(file, _)| *file == page).then_some(page);
            tracks.push((name, index));
        }
    }
    tracks.sort();
    Ok(tracks)
}

/// A folder of track folders: each track's levels in its index page's order, the track
/// named by that page's title ("Engineer Track" → "Engineer"); pages beside them that
/// introduce no track are read as level files when they are, else as the introduction.
fn load_track_folders(
    folder: &Path,
    files: Vec<(String, Vec<u8>)>,
    tracks: Vec<(String, Option<String>)>,
    mapping: &ReadingMapping,
) -> Result<Ladder, LadderError> {
    let mut all_files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut intro = Vec::new();
    let mut roles = Vec::new();
    for (track, index) in &tracks {
        let track_folder = folder.join(track);
        let track_files = read_markdown_files(&track_folder)?;
        let index_page = index.as_ref().and_then(|name| files.iter().find(|(file, _)| file == name));
        let mut read = read_folder(&track_folder, &track_files, index_page, mapping)?;
        let track_name = without_track_word(&read.name);
        for role in &mut read.roles {
            role.file = format!("{track}/{}", role.file);
            role.track_name.get_or_insert_with(|| track_name.clone());
        }
        intro.extend(read.intro);
        roles.extend(read.roles);
        all_files.extend(track_files.into_iter().map(|(name, bytes)| (format!("{track}/{name}"), bytes)));
    }
    let indexes: Vec<&String> = tracks.iter().filter_map(|(_, index)| index.as_ref()).collect();
    let folder_name =
        folder.file_name().map_or_else(|| folder.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut name = ladder_name(None, &folder_name);
    for (file, bytes) in &files {
        if indexes.contains(&file) {
            continue;
        }
        let path = folder.join(file);
        let (front, body) = super::front_matter::split(&decode_text(bytes, &path)?, &path)?;
        let blocks = outline(&body);
        if is_index(file) {
            let title = front.title.clone().or_else(|| first_heading(&blocks));
            name = ladder_name(title, &folder_name);
        }
        let title = front.title.unwrap_or_else(|| title_from_file_name(file));
        intro.extend(context_sections(&blocks, &title));
    }
    all_files.extend(files);
    let source = LadderSource { name: folder_name, sha256: folder_sha256(&all_files) };
    assemble(name, intro, roles, folder, source, mapping)
}

fn first_heading(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|block| match block {
        Block::Heading { text, .. } => Some(tidy_title(text)),
        _ => None,
    })
}

/// "Engineer Track" → "Engineer"; "Developer track" → "Developer".
fn without_track_word(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    match words.as_slice() {
        [rest @ .., last] if !rest.is_empty() && last.eq_ignore_ascii_case("track") => rest.join(" "),
        _ => title.to_owned(),
    }
}

/// Reads a folder's level files; `index_page` is the page that introduces it when that
/// page lives outside it (a track folder's `engineer-track.md`), else its README.
fn read_folder(
    folder: &Path,
    files: &[(String, Vec<u8>)],
    index_page: Option<&(String, Vec<u8>)>,
    mapping: &ReadingMapping,
) -> Result<FolderReading, LadderError> {
    let (readme, rest): (Vec<_>, Vec<_>) = files.iter().partition(|(name, _)| is_index(name));
    let (pages, levels): (Vec<_>, Vec<_>) = rest.into_iter().partition(|(name, _)| is_companion_page(name));
    let readme: Vec<&(String, Vec<u8>)> = index_page.into_iter().chain(readme).collect();
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
    let mut readme_links = Vec::new();
    let (name, intro, order) = match readme.first() {
        Some((readme_name, bytes)) => {
            let readme_path =
                if index_page.is_some() { folder.with_file_name(readme_name) } else { folder.join(readme_name) };
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
            readme_links = link_titles(&blocks);
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
    retitle_duplicates(&mut documents, &readme_links);
    sort_documents(&mut documents, &order);
    Ok(FolderReading { folder_name, name, intro, roles: documents.into_iter().flatten().collect() })
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
    Some(without_track_word(&title))
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

/// The folder's markdown files and those of its track folders (see `track_folders`).
pub fn markdown_files_with_tracks(folder: &Path) -> Result<Vec<std::path::PathBuf>, LadderError> {
    let files = read_markdown_files(folder)?;
    let mut paths: Vec<std::path::PathBuf> = files.iter().map(|(name, _)| folder.join(name)).collect();
    for (track, _) in track_folders(folder, &files)? {
        let track_folder = folder.join(track);
        paths.extend(markdown_file_names(&track_folder)?.into_iter().map(|name| track_folder.join(name)));
    }
    Ok(paths)
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

/// The README's links to files: (file name, the link's words).
fn link_titles(blocks: &[Block]) -> Vec<(String, String)> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::ListItem { text, links, .. } if links.len() == 1 => {
                Some((links[0].rsplit('/').next().unwrap_or(&links[0]).to_owned(), tidy_title(text)))
            }
            _ => None,
        })
        .collect()
}

/// Two files titled alike ("# Principal I Engineer" in principal-ii-engineer.md, a slip
/// of the author's): the one the index links under other words takes those words.
fn retitle_duplicates(documents: &mut [Vec<ParsedRole>], links: &[(String, String)]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for roles in documents.iter() {
        if let [role] = roles.as_slice() {
            *seen.entry(comparable(&role.title)).or_default() += 1;
        }
    }
    for roles in documents.iter_mut() {
        if let [role] = roles.as_mut_slice() {
            if seen.get(&comparable(&role.title)).is_some_and(|&count| count > 1) {
                let linked = links.iter().find(|(file, _)| *file == role.file).map(|(_, words)| words);
                if let Some(words) =
                    linked.filter(|words| !words.is_empty() && comparable(words) != comparable(&role.title))
                {
                    role.title = split_level_prefix(words).1;
                }
            }
        }
    }
}

/// The README's list of levels, as link targets and titles, in the order it gives them.
fn readme_order(blocks: &[Block]) -> Vec<(Vec<String>, String)> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::ListItem { text, links, .. } => {
                // A link may be relative ("./L2.md") or from the site's root
                // ("/docs/ladders/engineer-track/l2.md"): the file is its last segment.
                let targets = links.iter().map(|link| link.rsplit('/').next().unwrap_or(link).to_owned()).collect();
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
