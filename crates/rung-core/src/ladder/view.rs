//! A ladder as the browser shows it: roles grouped by track with the track's name, and
//! each role's path (what it builds on, transitively). Computed here so the window shows
//! the same relations the engine uses, without working them out again.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use super::model::{Ladder, Track};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LadderView {
    pub ladder: Ladder,
    /// Tracks in the order their first role appears, roles in ladder order.
    pub tracks: Vec<TrackGroup>,
    /// Role key → the keys of the role and everything it builds on, most junior first.
    pub paths: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrackGroup {
    pub track: Track,
    pub label: String,
    pub role_keys: Vec<String>,
}

impl LadderView {
    pub fn of(ladder: Ladder) -> LadderView {
        let tracks = ladder
            .tracks()
            .into_iter()
            .map(|(track, roles)| TrackGroup {
                label: track.label().to_owned(),
                track,
                role_keys: roles.iter().map(|role| role.key.clone()).collect(),
            })
            .collect();
        let paths = ladder
            .roles
            .iter()
            .map(|role| (role.key.clone(), ladder.path_to(&role.key).iter().map(|r| r.key.clone()).collect()))
            .collect();
        LadderView { ladder, tracks, paths }
    }
}
