//! `rung ladder import` and `rung ladder list`: ladders stored in the data folder, read
//! the way the app's import preview reads them (with the corrections saved with an earlier
//! import of the same source reapplied), and refused while the reading is uncertain until
//! the person says they looked at it (`--confirm`, or a mapping that chooses).

use std::fmt::Write;
use std::path::Path;

use super::Outcome;
use crate::ladder::ReadingMapping;
use crate::ladder_import;
use crate::setup::open_or_create;
use rung_core::error_code::ErrorCode;

pub fn import(data_dir: &Path, path: &Path, mapping: Option<&Path>, confirm: bool, as_json: bool) -> Outcome {
    let mut store = open_or_create(data_dir).map_err(|e| e.to_string())?;
    let mut mapping = match mapping {
        Some(_) => super::read_mapping(mapping)?,
        None => ladder_import::saved_mapping(&store, &ladder_import::source_name(path))
            .map_err(|e| e.to_string())?
            .map_or_else(ReadingMapping::default, |(mapping, _)| mapping),
    };
    mapping.confirmed |= confirm;
    let ladder = ladder_import::ladder_to_save(path, &mapping).map_err(|e| match e.code() {
        ErrorCode::LadderUnconfirmedReading => format!("{e} Look at it with `rung ladder show {} --explain`, then import again with --confirm (or --mapping FILE to read it another way).", path.display()),
        _ => e.to_string(),
    })?;
    let stored = store.save_ladder(&ladder, false).map_err(|e| e.to_string())?;
    if as_json {
        return Ok(serde_json::to_string_pretty(&stored).expect("a stored ladder serializes"));
    }
    Ok(format!("stored ladder {} \u{201c}{}\u{201d}: {} roles", stored.id, stored.name, stored.role_count))
}

pub fn list(data_dir: &Path, as_json: bool) -> Outcome {
    let store = open_or_create(data_dir).map_err(|e| e.to_string())?;
    let ladders = store.list_ladders().map_err(|e| e.to_string())?;
    if as_json {
        return Ok(serde_json::to_string_pretty(&ladders).expect("ladders serialize"));
    }
    let mut out = String::new();
    for stored in &ladders {
        let default = if stored.is_default { "  (default)" } else { "" };
        let _ = writeln!(
            out,
            "{:>4}  {}  {} roles  from {}{default}",
            stored.id, stored.name, stored.role_count, stored.source_name
        );
    }
    Ok(out.trim_end().to_owned())
}
