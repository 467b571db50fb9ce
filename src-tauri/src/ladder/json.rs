//! Rung's structured ladder format: the `Ladder` itself as JSON, so a ladder can be
//! exported, edited by tools and imported again exactly.

use std::collections::HashSet;
use std::path::Path;

use super::error::LadderError;
use super::model::{Ladder, LADDER_FORMAT, LADDER_FORMAT_VERSION};

pub fn to_json(ladder: &Ladder) -> String {
    serde_json::to_string_pretty(ladder).expect("a ladder always serializes")
}

pub fn from_json(text: &str, path: &Path) -> Result<Ladder, LadderError> {
    let ladder: Ladder = serde_json::from_str(text).map_err(|error| LadderError::InvalidJson {
        path: path.to_owned(),
        line: u32::try_from(error.line()).unwrap_or(u32::MAX),
        reason: error.to_string(),
    })?;
    validate(&ladder).map_err(|reason| LadderError::InconsistentJson { path: path.to_owned(), reason })?;
    Ok(ladder)
}

/// What the markdown importers guarantee, checked again for JSON written by hand.
fn validate(ladder: &Ladder) -> Result<(), String> {
    if ladder.format != LADDER_FORMAT {
        return Err(format!("format is \"{}\", expected \"{LADDER_FORMAT}\"", ladder.format));
    }
    if ladder.format_version > LADDER_FORMAT_VERSION {
        return Err(format!(
            "format version {} is newer than this Rung understands ({LADDER_FORMAT_VERSION}); update Rung",
            ladder.format_version
        ));
    }
    if ladder.roles.is_empty() {
        return Err("it has no roles".to_owned());
    }
    let mut keys = HashSet::new();
    for role in &ladder.roles {
        if !keys.insert(role.key.as_str()) {
            return Err(format!("role key \"{}\" is used twice", role.key));
        }
        let mut characteristic_keys = HashSet::new();
        for characteristic in &role.characteristics {
            if !characteristic_keys.insert(characteristic.key.as_str()) {
                return Err(format!("role \"{}\" has characteristic key \"{}\" twice", role.key, characteristic.key));
            }
        }
        if role.incomplete != role.characteristics.is_empty() {
            return Err(format!(
                "role \"{}\" is marked incomplete={} but has {} characteristics",
                role.key,
                role.incomplete,
                role.characteristics.len()
            ));
        }
    }
    for role in &ladder.roles {
        if let Some(parent) = &role.builds_on {
            if !keys.contains(parent.as_str()) {
                return Err(format!("role \"{}\" builds on \"{parent}\", which is not in the ladder", role.key));
            }
        }
        if ladder.path_to(&role.key).len() > ladder.roles.len() {
            return Err(format!("role \"{}\" builds on itself", role.key));
        }
    }
    if ladder.rating_scale.levels.is_empty() {
        return Err("the rating scale has no levels".to_owned());
    }
    Ok(())
}
