//! The career ladder: its model and importers. Plain Rust — no Tauri, no SQL.
//!
//! Accepted sources: one markdown document with many roles, one markdown file per
//! level in a folder (with an optional README), a single level or foundation file, YAML
//! (job families), spreadsheets (CSV, XLSX, ODS) and Rung's own JSON. Every import is
//! all-or-nothing and errors name the file and line.

pub mod error;
pub mod folder;
pub mod front_matter;
pub mod job_family;
pub mod json;
pub mod markdown;
pub mod model;
pub mod progression_yaml;
pub mod relations;
pub mod scale;
pub mod source;
pub mod spreadsheet;
pub mod text;
pub mod view;
pub mod warnings;

use std::collections::HashSet;
use std::path::Path;

pub use error::LadderError;
pub use model::{role_label, Characteristic, CharacteristicSource, ContextSection, Ladder, LadderSource, Role, Track};
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

/// Imports a ladder from a markdown or JSON file, or a folder of markdown files.
pub fn load(path: &Path) -> Result<Ladder, LadderError> {
    let metadata = std::fs::metadata(path).map_err(|error| source::io_error(path, &error))?;
    if metadata.is_dir() {
        return folder::load_folder(path);
    }
    let bytes = source::read_limited(path)?;
    let is_json = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    if is_json {
        return json::from_json(&source::decode_text(&bytes, path)?, path);
    }
    if spreadsheet::is_spreadsheet(path) {
        return from_spreadsheet(&bytes, path);
    }
    let is_yaml =
        path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("yml") || ext.eq_ignore_ascii_case("yaml"));
    if is_yaml {
        return from_job_family_yaml(&bytes, path);
    }
    from_markdown(&bytes, path)
}

/// Imports a job-family YAML file (levels, themes, competencies).
pub fn from_job_family_yaml(bytes: &[u8], path: &Path) -> Result<Ladder, LadderError> {
    let text = source::decode_text(bytes, path)?;
    let file_name = file_name_of(path);
    let document = job_family::read(&text, path, &file_name)?;
    ladder_of_file(document, bytes, path, file_name)
}

/// Imports a ladder kept in a spreadsheet (CSV, TSV, XLSX, ODS).
pub fn from_spreadsheet(bytes: &[u8], path: &Path) -> Result<Ladder, LadderError> {
    let file_name = file_name_of(path);
    let document = spreadsheet::read(bytes, path, &file_name)?;
    ladder_of_file(document, bytes, path, file_name)
}

fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The ladder of a one-file source, named by the document's title or the file's name.
fn ladder_of_file(
    document: markdown::document::ParsedDocument,
    bytes: &[u8],
    path: &Path,
    file_name: String,
) -> Result<Ladder, LadderError> {
    let name = text::ladder_name(document.title.clone(), &file_name);
    let base = path.parent().unwrap_or(Path::new(""));
    assemble(name, document.intro, document.roles, base, file_name, source::sha256_hex(bytes))
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
) -> Result<markdown::document::ParsedDocument, LadderError> {
    let (front, body) = front_matter::split(text, path)?;
    read_blocks(&front, outline(&body), path, file, shape)
}

/// `read_document` once the front matter is split off and the body outlined.
pub fn read_blocks(
    front: &front_matter::FrontMatter,
    mut blocks: Vec<markdown::outline::Block>,
    path: &Path,
    file: &str,
    shape: FileShape,
) -> Result<markdown::document::ParsedDocument, LadderError> {
    use markdown::outline::Block;
    if progression_yaml::is_progression_framework(front) {
        let intro = markdown::document::context_sections(&blocks, "About this framework");
        return progression_yaml::read(front, intro, path, file);
    }
    let has_top_heading = blocks.iter().any(|block| matches!(block, Block::Heading { level: 1, .. }));
    let mut document = match (&front.title, shape) {
        (_, FileShape::LevelFile { shared_sections })
            if markdown::sections::is_sectioned_level_file(&blocks, shared_sections) =>
        {
            markdown::sections::read_sectioned_level_file(front.title.clone(), front.lines, &blocks, file)
        }
        (Some(title), FileShape::LevelFile { .. }) => markdown::document::interpret_as_role(title, &blocks, file),
        (title, _) => {
            if let (Some(title), false) = (title, has_top_heading) {
                let line = front.lines.max(1);
                blocks.insert(0, Block::Heading { level: 1, text: title.clone(), line });
            }
            interpret(&blocks, file)
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
    let document = read_document(&text, path, &file_name, FileShape::Document)?;
    if let Some(line) = document.first_untitled_heading() {
        return Err(LadderError::UntitledHeading { path: path.to_owned(), line });
    }
    ladder_of_file(document, bytes, path, file_name)
}

fn assemble(
    name: String,
    intro: Vec<ContextSection>,
    parsed: Vec<ParsedRole>,
    base: &Path,
    source_name: String,
    sha256: String,
) -> Result<Ladder, LadderError> {
    if parsed.is_empty() {
        return Err(LadderError::NoRoles { path: base.join(&source_name) });
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
        source: LadderSource { name: source_name, sha256 },
    })
}
