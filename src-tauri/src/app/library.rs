//! The ladders open in this session: the embedded default plus anything imported.

use serde::Serialize;
use ts_rs::TS;

use crate::ladder::{self, Ladder};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LadderSummary {
    /// The SHA-256 of the ladder's source: importing the same bytes twice gives one entry.
    pub id: String,
    pub name: String,
    pub source_name: String,
    pub role_count: u32,
    pub is_default: bool,
}

pub struct LadderLibrary {
    ladders: Vec<(Ladder, bool)>,
}

impl LadderLibrary {
    pub fn with_default() -> Self {
        LadderLibrary { ladders: vec![(ladder::default_ladder(), true)] }
    }

    pub fn summaries(&self) -> Vec<LadderSummary> {
        self.ladders.iter().map(|(ladder, is_default)| summary(ladder, *is_default)).collect()
    }

    pub fn get(&self, id: &str) -> Option<&Ladder> {
        self.ladders.iter().map(|(ladder, _)| ladder).find(|ladder| ladder.source.sha256 == id)
    }

    /// Adds a ladder unless the same source is already open; returns its summary.
    pub fn add(&mut self, ladder: Ladder) -> LadderSummary {
        if let Some((existing, is_default)) = self.ladders.iter().find(|(open, _)| open.source.sha256 == ladder.source.sha256) {
            return summary(existing, *is_default);
        }
        let added = summary(&ladder, false);
        self.ladders.push((ladder, false));
        added
    }
}

fn summary(ladder: &Ladder, is_default: bool) -> LadderSummary {
    LadderSummary {
        id: ladder.source.sha256.clone(),
        name: ladder.name.clone(),
        source_name: ladder.source.name.clone(),
        role_count: u32::try_from(ladder.roles.len()).unwrap_or(u32::MAX),
        is_default,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn folder_ladder() -> Ladder {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ladders/octopus-support-2025");
        ladder::load(&folder).unwrap()
    }

    #[test]
    fn starts_with_the_default_ladder_only() {
        let library = LadderLibrary::with_default();
        let summaries = library.summaries();
        assert_eq!(summaries.len(), 1);
        assert!(summaries[0].is_default);
        assert_eq!((summaries[0].name.as_str(), summaries[0].role_count), ("Support Roles", 6));
    }

    #[test]
    fn an_imported_ladder_can_be_switched_to_and_importing_it_again_adds_nothing() {
        let mut library = LadderLibrary::with_default();
        let added = library.add(folder_ladder());
        assert_eq!((added.role_count, added.is_default), (7, false));
        assert_eq!(library.add(folder_ladder()), added);
        assert_eq!(library.summaries().len(), 2);
        assert_eq!(library.get(&added.id).unwrap().name, "DevOps Support Roles");
        assert!(library.get("no-such-id").is_none());
    }
}
