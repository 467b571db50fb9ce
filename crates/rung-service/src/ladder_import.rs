//! Importing a ladder with a preview: how Rung read it (roles in order with level and
//! track, characteristics, what was taken as context, warnings) before anything is
//! saved, with the person's corrections applied; the corrections saved with the ladder
//! are applied again when the same source is imported again.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::ladder::reading::ReadingConfidence;
use crate::ladder::warnings::{reading_warnings, ReadingWarning};
use crate::ladder::{self, LadderError, LadderView, ReadingMapping};
use crate::store::{Store, StoreError, StoredLadder};

#[derive(Debug, Clone, Serialize, TS)]
pub struct LadderPreview {
    /// The file or folder name, as it will be stored.
    pub source_name: String,
    pub view: LadderView,
    /// What looks off in the roles read (the doubt about the reading is in `confidence`).
    pub warnings: Vec<ReadingWarning>,
    /// How sure Rung is of the reading, and the runner-up when another reading scores
    /// close. An uncertain reading is saved only once the person confirmed it (or chose
    /// another reading or corrected it).
    pub confidence: ReadingConfidence,
    /// The corrections in effect (empty when Rung's reading is used as is).
    pub mapping: ReadingMapping,
    /// True when the mapping corrects anything (Rung's own reading otherwise).
    pub corrected: bool,
    /// When corrections saved with an earlier import were applied: that ladder's name.
    pub reapplied_from: Option<String>,
    /// Heading depths the markdown uses (where roles and groups can be); empty for
    /// formats whose structure is explicit (JSON, YAML, spreadsheets).
    pub heading_depths: Vec<u8>,
    /// A folder's markdown files, including any left out (they can be put back).
    pub files: Vec<String>,
}

/// The corrections saved with the most recent import of a source of this name.
pub fn saved_mapping(store: &Store, source_name: &str) -> Result<Option<(ReadingMapping, String)>, StoreError> {
    let mut same_source: Vec<StoredLadder> =
        store.list_ladders()?.into_iter().filter(|stored| stored.source_name == source_name).collect();
    same_source.sort_by_key(|stored| std::cmp::Reverse(stored.id));
    for stored in same_source {
        if let Some(reading) = store.load_ladder(stored.id)?.reading {
            return Ok(Some((reading, stored.name)));
        }
    }
    Ok(None)
}

pub fn source_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

/// Reads `path` with `mapping`; `reapplied_from` says where the mapping came from.
pub fn preview(
    path: &Path,
    mapping: ReadingMapping,
    reapplied_from: Option<String>,
) -> Result<LadderPreview, LadderError> {
    let read = ladder::reading::read(path, &mapping)?;
    // The doubt about the reading itself is shown with the confidence, not repeated here.
    let mut warnings = reading_warnings(&read.ladder);
    warnings.extend(crate::ladder::warnings::cleaning_warnings(&read));
    let ladder = read.ladder;
    let files = if path.is_dir() { ladder::folder::markdown_file_names(path)? } else { Vec::new() };
    Ok(LadderPreview {
        source_name: source_name(path),
        warnings,
        confidence: read.confidence,
        view: LadderView::of(ladder),
        corrected: !mapping.is_empty(),
        mapping,
        reapplied_from,
        heading_depths: ladder::heading_depths(path)?,
        files,
    })
}

/// The ladder at `path` as read with `mapping`, to be saved. An uncertain reading is
/// refused until the person has looked at it: confirmed it, chosen another reading or
/// corrected it.
pub fn ladder_to_save(path: &Path, mapping: &ReadingMapping) -> Result<ladder::Ladder, LadderError> {
    let read = ladder::reading::read(path, mapping)?;
    if !read.confidence.certain {
        let reading = read.confidence.reading;
        return Err(LadderError::UnconfirmedReading { path: path.to_owned(), reading });
    }
    Ok(read.ladder)
}
