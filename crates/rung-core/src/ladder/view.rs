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
    /// Role key → how its characteristics were found, when Rung had to interpret the text.
    pub reading_notes: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrackGroup {
    /// Unique among the ladder's tracks (the kind, and the name where there is one).
    pub key: String,
    pub track: Track,
    pub label: String,
    pub role_keys: Vec<String>,
}

impl LadderView {
    pub fn of(ladder: Ladder) -> LadderView {
        let tracks = ladder
            .tracks()
            .into_iter()
            .map(|roles| TrackGroup {
                key: match &roles[0].track_name {
                    Some(name) => format!("{}:{}", track_key(&roles[0].track), crate::ladder::text::key_for(name)),
                    None => track_key(&roles[0].track).to_owned(),
                },
                label: roles[0].track_label().to_owned(),
                track: roles[0].track.clone(),
                role_keys: roles.iter().map(|role| role.key.clone()).collect(),
            })
            .collect();
        let paths = ladder
            .roles
            .iter()
            .map(|role| (role.key.clone(), ladder.path_to(&role.key).iter().map(|r| r.key.clone()).collect()))
            .collect();
        let reading_notes = ladder
            .roles
            .iter()
            .filter_map(|role| Some((role.key.clone(), role.characteristics_from.explanation()?.to_owned())))
            .collect();
        LadderView { ladder, tracks, paths, reading_notes }
    }
}

fn track_key(track: &Track) -> &'static str {
    match track {
        Track::Foundation => "foundation",
        Track::IndividualContributor => "individual_contributor",
        Track::Management => "management",
    }
}
