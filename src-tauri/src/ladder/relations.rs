//! Turns parsed roles into a connected ladder: keys, tracks, what each role builds on,
//! and levels. Explicit statements win ("builds upon the X role", "L3:"); otherwise the
//! order of the ladder decides, and the rules are the same for one document or a folder.

use std::path::Path;

use super::error::LadderError;
use super::markdown::document::ParsedRole;
use super::model::{Characteristic, Role, Track};
use super::text::{comparable, is_foundation_title, is_management_title, key_for, unique_key};

/// How similar a phrase must be to a role title to count as naming it (tolerates typos
/// such as "Appliction").
const TITLE_MATCH_THRESHOLD: f64 = 0.85;

pub fn connect(parsed: Vec<ParsedRole>, source: &Path) -> Result<Vec<Role>, LadderError> {
    reject_duplicate_titles(&parsed, source)?;
    let tracks: Vec<Track> = parsed.iter().map(|role| track_of(&role.title)).collect();
    let keys = role_keys(&parsed);
    let parents = parents(&parsed, &tracks);
    reject_cycles(&parsed, &parents, source)?;
    let levels = levels(&parsed, &tracks, &parents);

    Ok(parsed
        .into_iter()
        .enumerate()
        .map(|(index, role)| {
            let incomplete = role.characteristics.is_empty();
            Role {
                key: keys[index].clone(),
                level: levels[index],
                track: tracks[index].clone(),
                builds_on: parents[index].map(|parent| keys[parent].clone()),
                incomplete,
                characteristics: characteristics(&role),
                title: role.title,
                summary: role.summary,
                description: role.description,
                characteristics_from: role.characteristics_from,
                context: role.context,
                source_file: role.file,
                source_line: role.line,
            }
        })
        .collect())
}

fn track_of(title: &str) -> Track {
    if is_foundation_title(title) {
        Track::Foundation
    } else if is_management_title(title) {
        Track::Management
    } else {
        Track::IndividualContributor
    }
}

fn role_keys(parsed: &[ParsedRole]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for role in parsed {
        let key = unique_key(key_for(&role.title), &keys);
        keys.push(key);
    }
    keys
}

fn characteristics(role: &ParsedRole) -> Vec<Characteristic> {
    let mut keys: Vec<String> = Vec::new();
    role.characteristics
        .iter()
        .map(|parsed| {
            let key = unique_key(key_for(&parsed.title), &keys);
            keys.push(key.clone());
            Characteristic { key, title: parsed.title.clone(), examples: parsed.examples.clone() }
        })
        .collect()
}

fn reject_duplicate_titles(parsed: &[ParsedRole], source: &Path) -> Result<(), LadderError> {
    for (index, role) in parsed.iter().enumerate() {
        let same = comparable(&role.title);
        if let Some(first) = parsed[..index].iter().find(|earlier| comparable(&earlier.title) == same) {
            return Err(LadderError::DuplicateRole {
                path: source.join(&role.file),
                line: role.line,
                title: role.title.clone(),
                first_line: first.line,
            });
        }
    }
    Ok(())
}

/// The index of the role each role builds on.
fn parents(parsed: &[ParsedRole], tracks: &[Track]) -> Vec<Option<usize>> {
    (0..parsed.len())
        .map(|index| {
            if tracks[index] == Track::Foundation {
                return None;
            }
            stated_parent(parsed, index).or_else(|| match parsed[index].explicit_level {
                Some(level) => parent_by_level(parsed, tracks, index, level),
                None => parent_by_order(tracks, index),
            })
        })
        .collect()
}

/// The most senior role named in a "builds on …" sentence of the role's prose.
fn stated_parent(parsed: &[ParsedRole], index: usize) -> Option<usize> {
    let role = &parsed[index];
    let prose = role.description.iter().chain(role.summary.iter());
    let phrases: Vec<String> = prose.filter_map(|text| builds_on_phrase(text)).collect();
    let names = phrases.iter().flat_map(|phrase| split_names(phrase));
    names.filter_map(|name| best_title_match(parsed, index, &name)).max()
}

/// "…builds upon the foundation of the X and Y roles." → "x and y".
fn builds_on_phrase(text: &str) -> Option<String> {
    let words = comparable(text);
    let markers = [
        " builds upon ",
        " builds on ",
        " building upon ",
        " building on ",
        " build upon ",
        " build on ",
        " based on ",
    ];
    let padded = format!(" {words} ");
    let (at, marker) = markers.iter().filter_map(|marker| padded.find(marker).map(|at| (at, marker))).min()?;
    let mut rest = &padded[at + marker.len()..];
    for filler in ["top of ", "the ", "foundation of ", "foundations of ", "the "] {
        rest = rest.strip_prefix(filler).unwrap_or(rest);
    }
    let end = [" roles", " role", " see ", " and is ", " which "]
        .iter()
        .filter_map(|stop| rest.find(stop))
        .min()
        .unwrap_or(rest.len());
    Some(rest[..end].trim().to_owned())
}

fn split_names(phrase: &str) -> Vec<String> {
    phrase
        .split(" and ")
        .flat_map(|part| part.split(" or "))
        .map(|name| name.trim().trim_start_matches("the ").trim().to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

/// Titles like "Junior X / X" name two roles at once; either name matches.
fn best_title_match(parsed: &[ParsedRole], own: usize, name: &str) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for (index, role) in parsed.iter().enumerate() {
        if index == own {
            continue;
        }
        for alias in role.title.split('/') {
            let score = strsim::normalized_levenshtein(&comparable(alias), name);
            if score >= TITLE_MATCH_THRESHOLD && best.is_none_or(|(top, _)| score > top) {
                best = Some((score, index));
            }
        }
    }
    best.map(|(_, index)| index)
}

/// Without a stated parent: the closest earlier role of the same track; a new track
/// branches from the role just before it; the first role of all builds on a foundation.
fn parent_by_order(tracks: &[Track], index: usize) -> Option<usize> {
    let same_track = (0..index).rev().find(|&earlier| tracks[earlier] == tracks[index]);
    same_track
        .or_else(|| (0..index).rev().find(|&earlier| tracks[earlier] != Track::Foundation))
        .or_else(|| (0..index).rev().find(|&earlier| tracks[earlier] == Track::Foundation))
}

/// Levelled ladders (L1…L5): the next level down in the same track; the lowest role of
/// a track that starts higher (a manager at L4) builds on the level below it on the
/// individual-contributor track; level 1 builds on the foundation, if there is one.
fn parent_by_level(parsed: &[ParsedRole], tracks: &[Track], index: usize, level: u32) -> Option<usize> {
    let below_in = |track: &Track| {
        (0..parsed.len())
            .filter(|&other| other != index && tracks[other] == *track)
            .filter_map(|other| parsed[other].explicit_level.filter(|&l| l < level).map(|l| (l, other)))
            .max_by_key(|&(l, other)| (l, std::cmp::Reverse(other)))
            .map(|(_, other)| other)
    };
    below_in(&tracks[index])
        .or_else(|| below_in(&Track::IndividualContributor))
        .or_else(|| (0..parsed.len()).find(|&other| tracks[other] == Track::Foundation))
}

fn reject_cycles(parsed: &[ParsedRole], parents: &[Option<usize>], source: &Path) -> Result<(), LadderError> {
    for start in 0..parsed.len() {
        let mut current = parents[start];
        let mut steps = 0;
        while let Some(parent) = current {
            if parent == start || steps > parsed.len() {
                let role = &parsed[start];
                let via = parents[start].map_or_else(String::new, |p| parsed[p].title.clone());
                return Err(LadderError::BuildsOnCycle {
                    path: source.join(&role.file),
                    line: role.line,
                    title: role.title.clone(),
                    via,
                });
            }
            current = parents[parent];
            steps += 1;
        }
    }
    Ok(())
}

/// The ladder's own number where it gives one; otherwise one more than the role built
/// on (foundations are level 0 and do not count).
fn levels(parsed: &[ParsedRole], tracks: &[Track], parents: &[Option<usize>]) -> Vec<u32> {
    fn level_of(index: usize, parsed: &[ParsedRole], tracks: &[Track], parents: &[Option<usize>]) -> u32 {
        if tracks[index] == Track::Foundation {
            return parsed[index].explicit_level.unwrap_or(0);
        }
        if let Some(level) = parsed[index].explicit_level {
            return level;
        }
        match parents[index] {
            Some(parent) => level_of(parent, parsed, tracks, parents) + 1,
            None => 1,
        }
    }
    (0..parsed.len()).map(|index| level_of(index, parsed, tracks, parents)).collect()
}
