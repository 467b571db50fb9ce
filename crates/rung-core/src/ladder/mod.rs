//! The career ladder: its model and importers. Plain Rust — no Tauri, no SQL.
//!
//! Accepted sources: one markdown document with many roles, one markdown file per
//! level in a folder (with an optional README), a single level or foundation file, YAML
//! (job families), spreadsheets (CSV, XLSX, ODS), structured data (JSON, YAML, script
//! modules' object literals, folders of them; see `data`) and Rung's own JSON. Every import is
//! all-or-nothing and errors name the file and line.

pub mod clean;
pub mod data;
pub mod error;
pub mod folder;
pub mod front_matter;
pub mod job_family;
pub mod json;
pub mod limits;
pub mod mapping;
pub mod markdown;
pub mod model;
pub mod progression_yaml;
pub mod reading;
pub mod relations;
pub mod scale;
pub mod source;
pub mod spreadsheet;
pub mod text;
pub mod view;
pub mod warnings;
mod workbook;

use std::collections::HashSet;
use std::path::Path;

pub use error::LadderError;
pub use mapping::ReadingMapping;
pub use model::{
    level_code, role_label, Characteristic, CharacteristicSource, ContextSection, Ladder, LadderSource, Role, Track,
};
pub use scale::{Band, LevelPolicy, RatingLevel, RatingScale};
pub use view::{LadderView, TrackGroup};

use markdown::document::{interpret, ParsedRole};
use markdown::outline::outline;
use model::{LADDER_FORMAT, LADDER_FORMAT_VERSION};

/// The ladder Rung ships with and loads on first run.
pub const DEFAULT_LADDER_FILE: &str = "support-roles.md";
const DEFAULT_LADDER_MARKDOWN: &str = include_str!("../../../../data/ladders/support-roles.md");

pub fn default_ladder() -> Ladder {
    from_markdown(DEFAULT_LADDER_MARKDOWN.as_bytes(), Path::new(DEFAULT_LADDER_FILE))
        .expect("the embedded default ladder imports (tested)")
}

/// Imports a ladder from a markdown, YAML, spreadsheet or JSON file, or a folder of
/// markdown files, as Rung reads it.
pub fn load(path: &Path) -> Result<Ladder, LadderError> {
    load_with(path, &ReadingMapping::default())
}

/// Imports a ladder with a person's corrections to the reading applied (and kept with
/// it), as the reading engine reads it best. Rung's own JSON is exact and takes no
/// corrections.
pub fn load_with(path: &Path, mapping: &ReadingMapping) -> Result<Ladder, LadderError> {
    reading::read(path, mapping).map(|read| read.ladder)
}

/// Reads the source with exactly the choices in `mapping` (the engine's one reading).
pub(crate) fn load_exact(path: &Path, mapping: &ReadingMapping) -> Result<Ladder, LadderError> {
    let metadata = std::fs::metadata(path).map_err(|error| source::io_error(path, &error))?;
    if metadata.is_dir() {
        return folder::load_folder(path, mapping);
    }
    let bytes = source::read_limited(path)?;
    let has_extension =
        |names: &[&str]| path.extension().is_some_and(|ext| names.iter().any(|name| ext.eq_ignore_ascii_case(name)));
    if has_extension(&["json"]) {
        return json::from_json(&source::decode_text(&bytes, path)?, path);
    }
    let file_name = file_name_of(path);
    let document = if spreadsheet::is_spreadsheet(path) {
        spreadsheet::read(&bytes, path, &file_name)?
    } else if has_extension(&["yml", "yaml"]) {
        job_family::read(&source::decode_text(&bytes, path)?, path, &file_name)?
    } else {
        let text = source::decode_text(&bytes, path)?;
        let document = read_document(&text, path, &file_name, FileShape::Document, mapping)?;
        if let Some(line) = document.first_untitled_heading() {
            return Err(LadderError::UntitledHeading { path: path.to_owned(), line });
        }
        document
    };
    ladder_of_file(document, &bytes, path, file_name, mapping)
}

/// The heading depths a markdown ladder uses (a file, or a folder's files): the choices
/// for where roles and groups are. Empty for other formats.
pub fn heading_depths(path: &Path) -> Result<Vec<u8>, LadderError> {
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        folder::markdown_files_with_tracks(path)?
    } else if is_markdown(path) {
        vec![path.to_owned()]
    } else {
        Vec::new()
    };
    let mut depths = std::collections::BTreeSet::new();
    for file in files {
        let (_, body) = front_matter::split(&source::decode_text(&source::read_limited(&file)?, &file)?, &file)?;
        depths.extend(outline(&body).iter().filter_map(|block| match block {
            markdown::outline::Block::Heading { level, .. } => Some(*level),
            _ => None,
        }));
    }
    Ok(depths.into_iter().collect())
}

/// Markdown (not JSON, YAML, a script module or a spreadsheet): the formats whose
/// headings Rung interprets.
pub fn is_markdown(path: &Path) -> bool {
    !spreadsheet::is_spreadsheet(path) && !data::is_data_file(path)
}

/// Imports a job-family YAML file (levels, themes, competencies).
pub fn from_job_family_yaml(bytes: &[u8], path: &Path) -> Result<Ladder, LadderError> {
    let text = source::decode_text(bytes, path)?;
    let file_name = file_name_of(path);
    let document = job_family::read(&text, path, &file_name)?;
    ladder_of_file(document, bytes, path, file_name, &ReadingMapping::default())
}

/// Imports a ladder kept as data (JSON, YAML or a JavaScript/TypeScript module, by
/// `path`'s extension), as the reading engine reads it best. Rung's own JSON is not
/// special here: use `json::from_json` for that.
pub fn from_data(bytes: &[u8], path: &Path) -> Result<Ladder, LadderError> {
    reading::data_reading::from_bytes(bytes, path).map(|read| read.ladder)
}

/// Imports a ladder kept in a spreadsheet (CSV, TSV, XLSX, ODS).
pub fn from_spreadsheet(bytes: &[u8], path: &Path) -> Result<Ladder, LadderError> {
    let file_name = file_name_of(path);
    let document = spreadsheet::read(bytes, path, &file_name)?;
    ladder_of_file(document, bytes, path, file_name, &ReadingMapping::default())
}

pub(crate) fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The ladder of a one-file source, named by the document's title or the file's name.
fn ladder_of_file(
    document: markdown::document::ParsedDocument,
    bytes: &[u8],
    path: &Path,
    file_name: String,
    mapping: &ReadingMapping,
) -> Result<Ladder, LadderError> {
    let name = text::ladder_name(document.title.clone(), &file_name);
    let base = path.parent().unwrap_or(Path::new(""));
    let source = LadderSource { name: file_name, sha256: source::sha256_hex(bytes) };
    assemble(name, document.intro, document.roles, base, source, mapping)
}

/// How a markdown file is read: alone, or as one level file of a folder.
#[derive(Debug, Clone, Copy)]
pub enum FileShape<'a> {
    /// A ladder in one document: its headings say where the roles are.
    Document,
    /// One file of a folder of level files. A file whose front matter has a title is one
    /// role; so is a file whose sections the folder's other level files share
    /// (`shared_sections`, comparable words): those sections are not roles.
    LevelFile { shared_sections: &'a HashSet<String> },
}

/// Reads one markdown document: front matter as metadata (its title names the document
/// when the body has no top heading; its level and order go to a single role), the rest
/// through the outline and the interpreter. `file` names it in roles.
pub fn read_document(
    text: &str,
    path: &Path,
    file: &str,
    shape: FileShape,
    mapping: &ReadingMapping,
) -> Result<markdown::document::ParsedDocument, LadderError> {
    let (front, body) = front_matter::split(text, path)?;
    read_blocks(&front, outline(&body), path, file, shape, mapping)
}

/// `read_document` once the front matter is split off and the body outlined.
pub fn read_blocks(
    front: &front_matter::FrontMatter,
    mut blocks: Vec<markdown::outline::Block>,
    path: &Path,
    file: &str,
    shape: FileShape,
    mapping: &ReadingMapping,
) -> Result<markdown::document::ParsedDocument, LadderError> {
    use markdown::outline::Block;
    if progression_yaml::is_progression_framework(front) {
        let intro = markdown::document::context_sections(&blocks, "About this framework");
        return progression_yaml::read(front, intro, path, file);
    }
    if let (Some(how @ (mapping::TableRoles::Rows | mapping::TableRoles::Columns)), FileShape::Document) =
        (mapping.table_roles, shape)
    {
        return reading::tables::read(&blocks, how, path, file);
    }
    let has_top_heading = blocks.iter().any(|block| matches!(block, Block::Heading { level: 1, .. }));
    let mut document = match (&front.title, shape) {
        (_, FileShape::LevelFile { shared_sections })
            if mapping.role_heading_level.is_none()
                && markdown::sections::is_sectioned_level_file(&blocks, shared_sections) =>
        {
            markdown::sections::read_sectioned_level_file(front.title.clone(), front.lines, &blocks, file)
        }
        (Some(title), FileShape::LevelFile { .. }) => {
            markdown::document::interpret_as_role(title, &blocks, file, mapping)
        }
        (title, _) => {
            if let (Some(title), false) = (title, has_top_heading) {
                let line = front.lines.max(1);
                blocks.insert(0, Block::Heading { level: 1, text: title.clone(), line });
            }
            interpret(&blocks, file, mapping)
        }
    };
    if let [role] = document.roles.as_mut_slice() {
        role.explicit_level = role.explicit_level.or(front.level);
        role.order = front.order;
    }
    Ok(document)
}

/// Imports one markdown document; `path` names it in the ladder and in errors.
pub fn from_markdown(bytes: &[u8], path: &Path) -> Result<Ladder, LadderError> {
    let text = source::decode_text(bytes, path)?;
    let file_name = file_name_of(path);
    let document = read_document(&text, path, &file_name, FileShape::Document, &ReadingMapping::default())?;
    if let Some(line) = document.first_untitled_heading() {
        return Err(LadderError::UntitledHeading { path: path.to_owned(), line });
    }
    ladder_of_file(document, bytes, path, file_name, &ReadingMapping::default())
}

/// Roles as read (with the person's corrections) → the connected ladder, which keeps
/// the corrections that made it.
pub(crate) fn assemble(
    name: String,
    intro: Vec<ContextSection>,
    parsed: Vec<ParsedRole>,
    base: &Path,
    source: LadderSource,
    mapping: &ReadingMapping,
) -> Result<Ladder, LadderError> {
    let (parsed, intro) = if mapping.transposed == Some(true) {
        let Some((roles, competencies)) = reading::transpose::transpose(parsed) else {
            return Err(LadderError::NothingToTranspose { path: base.join(&source.name) });
        };
        (roles, intro.into_iter().chain(competencies).collect())
    } else {
        (parsed, intro)
    };
    let parsed = mapping.correct_roles(parsed);
    if parsed.is_empty() {
        return Err(LadderError::NoRoles { path: base.join(&source.name) });
    }
    let roles = relations::connect(parsed, base)?;
    Ok(Ladder {
        format: LADDER_FORMAT.to_owned(),
        format_version: LADDER_FORMAT_VERSION,
        name,
        intro,
        roles,
        rating_scale: RatingScale::default(),
        policy: LevelPolicy::default(),
        source,
        reading: (!mapping.is_empty()).then(|| mapping.clone()),
    })
}
