//! Ladders kept as structured data — JSON, YAML, a JavaScript/TypeScript module's object
//! literals, or a folder of such files that reference each other by id — read by the
//! same engine as documents: the data becomes one ordered tree (`tree`), the engine
//! generates its plausible readings (`readings`), and each is weighed on evidence like
//! any other reading. Rung's own ladder JSON is not data to interpret: it is exact.

pub mod js_module;
pub mod readings;
pub mod tree;

use std::path::Path;

use self::readings::{DataFile, DataReading};
use self::tree::Data;
use super::error::LadderError;
use super::limits::{Bound, OverLimit};
use super::mapping::ReadingMapping;
use super::model::{ContextSection, Ladder, LadderSource, Track};
use super::source::{decode_text, folder_sha256, io_error, read_limited, sha256_hex, MAX_FOLDER_FILES};

/// Subfolders deeper than this are not looked into.
const MAX_FOLDER_DEPTH: usize = 6;

const JSON: &[&str] = &["json", "json5"];
const YAML: &[&str] = &["yml", "yaml"];
const SCRIPT: &[&str] = &["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"];

fn has_extension(path: &Path, names: &[&str]) -> bool {
    path.extension().is_some_and(|ext| names.iter().any(|name| ext.eq_ignore_ascii_case(name)))
}

/// A file Rung reads as data: JSON, YAML or a script module.
pub fn is_data_file(path: &Path) -> bool {
    has_extension(path, JSON) || has_extension(path, YAML) || has_extension(path, SCRIPT)
}

/// A JavaScript or TypeScript module.
pub fn is_script(path: &Path) -> bool {
    has_extension(path, SCRIPT)
}

/// One data file as a tree. A module's literals are a map from their exported names.
pub fn parse(text: &str, path: &Path) -> Result<Data, LadderError> {
    let refuse = |line: usize, reason: String| LadderError::InvalidData {
        path: path.to_owned(),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        reason,
    };
    if is_script(path) {
        let literals = js_module::literals(text);
        if literals.is_empty() {
            return Err(LadderError::NoLadderData { path: path.to_owned() });
        }
        return Ok(Data::Map(literals.into_iter().map(|(name, value, _)| (name, value)).collect()));
    }
    if has_extension(path, YAML) {
        return serde_saphyr::from_str::<Data>(text).map_err(|error| {
            let (line, reason) = super::front_matter::yaml_error(&error);
            refuse(line as usize, reason)
        });
    }
    if has_extension(path, &["json5"]) {
        let outermost = text.find(['{', '[']);
        if outermost
            .is_some_and(|start| js_module::literal_extent(text.as_bytes(), start) == js_module::Extent::TooDeep)
        {
            let over = OverLimit { bound: Bound::Nesting, place: String::new() };
            return Err(LadderError::OverLimit { path: path.to_owned(), over });
        }
        return json5::from_str::<Data>(text).map_err(|error| refuse(1, error.to_string()));
    }
    serde_json::from_str::<Data>(text).map_err(|error| refuse(error.line(), error.to_string()))
}

/// A JSON Schema describes data; it is not a ladder.
fn is_schema(data: &Data) -> bool {
    data.as_map().is_some_and(|entries| {
        let has = |name: &str| entries.iter().any(|(key, _)| key == name);
        has("$schema") || (has("properties") && has("type"))
    })
}

/// The data files under a folder, by path relative to it, sorted (schemas left out).
fn folder_files(folder: &Path) -> Result<Vec<(String, Vec<u8>)>, LadderError> {
    fn visit(
        folder: &Path,
        prefix: &str,
        depth: usize,
        found: &mut Vec<(String, std::path::PathBuf)>,
    ) -> Result<(), LadderError> {
        let entries = std::fs::read_dir(folder).map_err(|error| io_error(folder, &error))?;
        let mut entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name == "node_modules" {
                continue;
            }
            let path = entry.path();
            let relative = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            if path.is_dir() {
                if depth < MAX_FOLDER_DEPTH {
                    visit(&path, &relative, depth + 1, found)?;
                }
            } else if is_data_file(&path) {
                if found.len() >= MAX_FOLDER_FILES {
                    return Err(LadderError::TooManyFiles { path: folder.to_owned(), limit: MAX_FOLDER_FILES });
                }
                found.push((relative, path));
            }
        }
        Ok(())
    }
    let mut found = Vec::new();
    visit(folder, "", 0, &mut found)?;
    found.into_iter().map(|(name, path)| read_limited(&path).map(|bytes| (name, bytes))).collect()
}

/// Whether a folder holds data files at all (checked before reading any of them).
pub fn has_data_files(folder: &Path) -> bool {
    fn visit(folder: &Path, depth: usize) -> bool {
        let Ok(entries) = std::fs::read_dir(folder) else { return false };
        entries.filter_map(Result::ok).any(|entry| {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            !hidden
                && if path.is_dir() { depth < MAX_FOLDER_DEPTH && visit(&path, depth + 1) } else { is_data_file(&path) }
        })
    }
    visit(folder, 0)
}

/// A folder's README as the ladder's introduction: its first heading and paragraph.
fn readme(folder: &Path) -> Option<ContextSection> {
    let entries = std::fs::read_dir(folder).ok()?;
    let path = entries.filter_map(Result::ok).map(|entry| entry.path()).find(|path| {
        path.is_file()
            && path.file_stem().is_some_and(|stem| stem.eq_ignore_ascii_case("readme"))
            && super::is_markdown(path)
    })?;
    let text = decode_text(&read_limited(&path).ok()?, &path).ok()?;
    let mut title = None;
    let mut paragraph: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(heading) = line.strip_prefix('#') {
            if title.is_none() && paragraph.is_empty() {
                title = Some(heading.trim_start_matches('#').trim().to_owned());
                continue;
            }
            break;
        }
        if line.is_empty() {
            if paragraph.is_empty() {
                continue;
            }
            break;
        }
        paragraph.push(line);
    }
    let paragraph = paragraph.join(" ");
    (!paragraph.is_empty()).then(|| ContextSection {
        title: title.unwrap_or_else(|| "About this ladder".to_owned()),
        paragraphs: vec![paragraph],
        items: Vec::new(),
    })
}

/// The track a ladder's introduction says all of it is for ("… engineering manager
/// competencies"), when it names one kind only.
fn track_stated_by(intro: &ContextSection) -> Option<Track> {
    let words = super::text::comparable(&format!("{} {}", intro.title, intro.paragraphs.join(" ")));
    let has = |phrase: &str| format!(" {words} ").contains(&format!(" {phrase} "));
    let management = ["manager", "managers", "management"].iter().any(|word| has(word));
    let individual = has("individual contributor") || has("individual contributors");
    match (management, individual) {
        (true, false) => Some(Track::Management),
        (false, true) => Some(Track::IndividualContributor),
        _ => None,
    }
}

/// Each reading of a data source as a ladder, best-first order left to the engine.
pub struct DataLadder {
    pub key: String,
    pub ladder: Ladder,
    pub signs: Vec<(f64, &'static str)>,
}

/// The readings of a data file or folder, each assembled with the person's corrections.
/// None when the source holds no ladder data (the caller says why in its own terms).
pub fn read(path: &Path, mapping: &ReadingMapping) -> Result<Option<Vec<DataLadder>>, LadderError> {
    if !path.is_dir() {
        return read_bytes(&read_limited(path)?, path, mapping);
    }
    let raw = folder_files(path)?;
    let mut files = Vec::new();
    for (name, bytes) in &raw {
        let file_path = path.join(name);
        let root = parse(&decode_text(bytes, &file_path)?, &file_path)?;
        if !is_schema(&root) {
            files.push(DataFile { name: name.clone(), root });
        }
    }
    let folder_name = super::file_name_of(path);
    let source = LadderSource { name: folder_name.clone(), sha256: folder_sha256(&raw) };
    let intro: Vec<ContextSection> = readme(path).into_iter().collect();
    let name = super::text::ladder_name(None, &folder_name);
    assemble_each(&files, name, intro, path, source, mapping)
}

/// One data file's bytes (JSON, YAML or a module, by `path`'s extension), read like `read`.
pub fn read_bytes(bytes: &[u8], path: &Path, mapping: &ReadingMapping) -> Result<Option<Vec<DataLadder>>, LadderError> {
    let root = parse(&decode_text(bytes, path)?, path)?;
    let file_name = super::file_name_of(path);
    let title = root.as_map().and_then(readings::title_of);
    let source = LadderSource { name: file_name.clone(), sha256: sha256_hex(bytes) };
    let name = super::text::ladder_name(title, &file_name);
    let files = [DataFile { name: file_name, root }];
    assemble_each(&files, name, Vec::new(), path.parent().unwrap_or(Path::new("")), source, mapping)
}

fn assemble_each(
    files: &[DataFile],
    name: String,
    intro: Vec<ContextSection>,
    base: &Path,
    source: LadderSource,
    mapping: &ReadingMapping,
) -> Result<Option<Vec<DataLadder>>, LadderError> {
    let stated_track = intro.first().and_then(track_stated_by);
    let mut found = Vec::new();
    let mut first_error = None;
    for DataReading { key, mut roles, signs } in readings::readings(files) {
        if mapping.data_reading.as_ref().is_some_and(|pinned| *pinned != key) {
            continue;
        }
        for role in roles.iter_mut().filter(|role| role.track_name.is_none()) {
            role.track_kind = role.track_kind.clone().or_else(|| stated_track.clone());
        }
        match super::assemble(name.clone(), intro.clone(), roles, base, source.clone(), mapping) {
            Ok(ladder) => found.push(DataLadder { key, ladder, signs }),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    match (found.is_empty(), first_error) {
        (true, Some(error)) => Err(error),
        (true, None) => Ok(None),
        (false, _) => Ok(Some(found)),
    }
}
