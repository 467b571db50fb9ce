//! The engine on structured data: every reading `data::readings` finds is a candidate,
//! weighed on the same evidence as a document's readings plus what the data says plainly
//! (ids that resolve, records others reference). No reading is the incumbent: data was not
//! read before, so nothing has a head start and a close second is always a doubt.

use std::path::Path;

use super::evidence::weigh;
use super::{conclude, shape_of, sort_best_first, Candidate, ReadLadder};
use crate::ladder::data::{self, DataLadder};
use crate::ladder::mapping::ReadingMapping;
use crate::ladder::{json, source, LadderError};

/// The reading of a data source, or `None` when the source is a document (or a folder of
/// documents that reads as one), Rung's own JSON, or a job-family YAML: those are read
/// as before.
pub fn read(path: &Path, mapping: &ReadingMapping) -> Result<Option<ReadLadder>, LadderError> {
    let pinned = mapping.data_reading.is_some();
    if path.is_dir() {
        if !data::has_data_files(path) {
            return Ok(None);
        }
        // A folder of documents reads as documents; its data files matter only when the
        // documents hold no ladder (or the person chose a data reading).
        if !pinned && crate::ladder::load_exact(path, mapping).is_ok() {
            return Ok(None);
        }
        return Ok(data::read(path, mapping)?.map(|found| rank(found, mapping)));
    }
    if !data::is_data_file(path) {
        return Ok(None);
    }
    let has = |names: &[&str]| path.extension().is_some_and(|ext| names.iter().any(|n| ext.eq_ignore_ascii_case(n)));
    if has(&["json"]) && !pinned {
        // Rung's own JSON is exact; other JSON is data, and when it holds no ladder the
        // error stays the one about Rung's format.
        let text = source::decode_text(&source::read_limited(path)?, path)?;
        let own = match json::from_json(&text, path) {
            Ok(_) => return Ok(None),
            Err(error) => error,
        };
        if claims_rung_format(&text) {
            return Err(own);
        }
        return match data::read(path, mapping) {
            Ok(Some(found)) => Ok(Some(rank(found, mapping))),
            Ok(None) | Err(_) => Err(own),
        };
    }
    if has(&["yml", "yaml"]) && !pinned {
        // The job-family shape keeps its own reader and its own errors.
        if crate::ladder::load_exact(path, mapping).is_ok() {
            return Ok(None);
        }
        return Ok(data::read(path, mapping).ok().flatten().map(|found| rank(found, mapping)));
    }
    match data::read(path, mapping)? {
        Some(found) => Ok(Some(rank(found, mapping))),
        None => Err(LadderError::NoLadderData { path: path.to_owned() }),
    }
}

/// One data file's bytes (JSON, YAML or a module, by `path`'s extension) as the engine
/// reads it; what the data fuzzer drives.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<ReadLadder, LadderError> {
    let mapping = ReadingMapping::default();
    match data::read_bytes(bytes, path, &mapping)? {
        Some(found) => Ok(rank(found, &mapping)),
        None => Err(LadderError::NoLadderData { path: path.to_owned() }),
    }
}

fn rank(found: Vec<DataLadder>, mapping: &ReadingMapping) -> ReadLadder {
    let mut candidates: Vec<Candidate> = Vec::new();
    for DataLadder { key, ladder, signs } in found {
        let shape = shape_of(&ladder);
        if candidates.iter().any(|known| known.shape == shape) {
            continue;
        }
        let mut evidence = weigh(&ladder);
        for (points, what) in signs {
            evidence.add(points, what);
        }
        let score = evidence.total();
        let mapping = ReadingMapping { data_reading: Some(key), ..mapping.clone() };
        candidates.push(Candidate { mapping, shape, ladder, evidence, score });
    }
    sort_best_first(&mut candidates);
    conclude(candidates, mapping)
}

/// JSON that says it is Rung's ladder format (a `format_version`, or `format:
/// "rung-ladder"`) is held to that format's rules, never read as other data.
fn claims_rung_format(text: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(fields)) => {
            fields.contains_key("format_version")
                || fields.get("format").and_then(serde_json::Value::as_str) == Some(crate::ladder::model::LADDER_FORMAT)
        }
        _ => false,
    }
}
