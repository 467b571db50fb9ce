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
