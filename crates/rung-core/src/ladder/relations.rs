//! Turns parsed roles into a connected ladder: keys, tracks, what each role builds on,
//! and levels. Explicit statements win ("builds upon the X role", "L3:"); otherwise the
//! order of the ladder decides, and the rules are the same for one document or a folder.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::error::LadderError;
use super::markdown::document::ParsedRole;
use super::model::{Characteristic, Role, Track};
use super::text::{comparable, is_foundation_title, is_management_title, key_for, UniqueKeys};

/// How similar a phrase must be to a role title to count as naming it (tolerates typos
/// such as "Appliction").
const TITLE_MATCH_THRESHOLD: f64 = 0.85;

pub fn connect(parsed: Vec<ParsedRole>, source: &Path) -> Result<Vec<Role>, LadderError> {
    reject_duplicate_titles(&parsed, source)?;
    let kinds: Vec<Track> = parsed.iter().map(track_of).collect();
    let tracks: Vec<TrackKey> =
        parsed.iter().zip(&kinds).map(|(role, kind)| TrackKey { kind, name: role.track_name.as_deref() }).collect();
    let keys = role_keys(&parsed);
    let parents = parents(&parsed, &tracks);
    reject_cycles(&parsed, &parents, source)?;
    let levels = levels(&parsed, &kinds, &parents);

    Ok(parsed
        .into_iter()
        .enumerate()
        .map(|(index, role)| {
            let incomplete = role.characteristics.is_empty();
            Role {
                key: keys[index].clone(),
                level: levels[index],
                track: kinds[index].clone(),
                track_name: role.track_name.clone(),
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

/// A role's track: its kind, and its name where the ladder names tracks (roles of
/// "Developer" and "Tech Lead" are both individual contributors, on different tracks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TrackKey<'a> {
    kind: &'a Track,
    name: Option<&'a str>,
}

/// A person's correction decides the kind; else a named track decides it for its roles ("Management" holds "Director of
/// Engineering"); otherwise the role's own title does.
fn track_of(role: &ParsedRole) -> Track {
    if let Some(kind) = &role.track_kind {
        return kind.clone();
    }
    let kind_of = |title: &str| {
        if is_foundation_title(title) {
            Track::Foundation
        } else if is_management_title(title) {
            Track::Management
        } else {
            Track::IndividualContributor
        }
    };
    let from_name = role.track_name.as_deref().map(|name| kind_named_by(name).unwrap_or_else(|| kind_of(name)));
    match from_name {
        Some(Track::IndividualContributor) | None => kind_of(&role.title),
        Some(kind) => kind,
    }
}

/// A track name that says its kind: "Individual Contributor", "People Manager",
/// "Engineering Management".
pub(crate) fn kind_named_by(track: &str) -> Option<Track> {
    let words = comparable(track);
    if words.contains("individual contributor") || words == "ic" {
        Some(Track::IndividualContributor)
    } else if words.contains("manager") || words.contains("management") {
        Some(Track::Management)
    } else {
        None
    }
}

fn role_keys(parsed: &[ParsedRole]) -> Vec<String> {
    let mut keys = UniqueKeys::default();
    parsed.iter().map(|role| keys.allocate(key_for(&role.title))).collect()
}

fn characteristics(role: &ParsedRole) -> Vec<Characteristic> {
    let mut keys = UniqueKeys::default();
    role.characteristics
        .iter()
        .map(|parsed| Characteristic {
            key: keys.allocate(key_for(&parsed.title)),
            title: parsed.title.clone(),
            group: parsed.group.clone(),
            examples: parsed.examples.clone(),
        })
        .collect()
}

fn reject_duplicate_titles(parsed: &[ParsedRole], source: &Path) -> Result<(), LadderError> {
    let mut seen: HashMap<String, &ParsedRole> = HashMap::with_capacity(parsed.len());
    for role in parsed {
        if let Some(first) = seen.insert(comparable(&role.title), role) {
            return Err(LadderError::DuplicateRole {
                path: source.join(&role.file),
                line: role.line,
                title: role.title.clone(),
                first_path: source.join(&first.file),
                first_line: first.line,
            });
        }
    }
    Ok(())
}

/// The index of the role each role builds on.
fn parents(parsed: &[ParsedRole], tracks: &[TrackKey]) -> Vec<Option<usize>> {
    let titles = TitleIndex::new(parsed);
    let by_order = parents_by_order(tracks);
    let by_level = LevelIndex::new(parsed, tracks);
    (0..parsed.len())
        .map(|index| {
            if *tracks[index].kind == Track::Foundation {
                return None;
            }
            stated_parent(parsed, &titles, index).or_else(|| match parsed[index].explicit_level {
                Some(level) => by_level.parent(tracks, index, level),
                None => by_order[index],
            })
        })
        .collect()
}

/// The most senior role named in a "builds on …" sentence of the role's prose.
fn stated_parent(parsed: &[ParsedRole], titles: &TitleIndex, index: usize) -> Option<usize> {
    let role = &parsed[index];
    let prose = role.description.iter().chain(role.summary.iter());
    let phrases: Vec<String> = prose.filter_map(|text| builds_on_phrase(text)).collect();
    let names = phrases.iter().flat_map(|phrase| split_names(phrase));
    names.filter_map(|name| titles.best_match(parsed, index, &name)).max()
}

/// "…builds upon the foundation of the X and Y roles." → "x and y".
pub(crate) fn builds_on_phrase(text: &str) -> Option<String> {
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

/// Role titles by their comparable words, so a name is found in O(1); the fuzzy match
/// that tolerates typos runs only when no title matches exactly.
struct TitleIndex {
    exact: HashMap<String, Vec<usize>>,
}

impl TitleIndex {
    fn new(parsed: &[ParsedRole]) -> TitleIndex {
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, role) in parsed.iter().enumerate() {
            for alias in role.title.split('/') {
                exact.entry(comparable(alias)).or_default().push(index);
            }
        }
        TitleIndex { exact }
    }

    /// Titles like "Junior X / X" name two roles at once; either name matches.
    fn best_match(&self, parsed: &[ParsedRole], own: usize, name: &str) -> Option<usize> {
        if let Some(index) = self.exact.get(name).and_then(|found| found.iter().find(|&&i| i != own)) {
            return Some(*index);
        }
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
}

/// Without a stated parent: the closest earlier role of the same track; a new track
/// branches from the role just before it; the first role of all builds on a foundation.
fn parents_by_order(tracks: &[TrackKey]) -> Vec<Option<usize>> {
    let mut last_in_track: HashMap<&TrackKey, usize> = HashMap::new();
    let (mut last_non_foundation, mut last_foundation) = (None, None);
    let mut parents = Vec::with_capacity(tracks.len());
    for (index, track) in tracks.iter().enumerate() {
        parents.push(last_in_track.get(track).copied().or(last_non_foundation).or(last_foundation));
        last_in_track.insert(track, index);
        if *track.kind == Track::Foundation {
            last_foundation = Some(index);
        } else {
            last_non_foundation = Some(index);
        }
    }
    parents
}

/// Levelled ladders (L1…L5): for each track, the first role at each level.
struct LevelIndex<'a> {
    by_track: HashMap<TrackKey<'a>, BTreeMap<u32, usize>>,
    /// Individual-contributor tracks in the order the ladder lists them.
    contributor_tracks: Vec<TrackKey<'a>>,
    first_foundation: Option<usize>,
}

impl<'a> LevelIndex<'a> {
    fn new(parsed: &[ParsedRole], tracks: &[TrackKey<'a>]) -> LevelIndex<'a> {
        let mut by_track: HashMap<TrackKey, BTreeMap<u32, usize>> = HashMap::new();
        let mut contributor_tracks = Vec::new();
        for (index, role) in parsed.iter().enumerate() {
            if let Some(level) = role.explicit_level {
                by_track.entry(tracks[index]).or_default().entry(level).or_insert(index);
            }
            if *tracks[index].kind == Track::IndividualContributor && !contributor_tracks.contains(&tracks[index]) {
                contributor_tracks.push(tracks[index]);
            }
        }
        let first_foundation = tracks.iter().position(|track| *track.kind == Track::Foundation);
        LevelIndex { by_track, contributor_tracks, first_foundation }
    }

    /// The next level down in the same track; the lowest role of a track that starts
    /// higher (a manager at L4, a tech lead at TL4) builds on the level below it on the
    /// first individual-contributor track that has one; level 1 builds on the foundation,
    /// if there is one.
    fn parent(&self, tracks: &[TrackKey], index: usize, level: u32) -> Option<usize> {
        let below_in = |track: &TrackKey| {
            self.by_track.get(track).and_then(|levels| levels.range(..level).next_back()).map(|(_, &other)| other)
        };
        below_in(&tracks[index]).or_else(|| self.contributor_tracks.iter().find_map(below_in)).or(self.first_foundation)
    }
}

/// Reports the first role (in ladder order) whose builds-on chain runs into a cycle.
/// Each role is walked once: a chain that reaches a role already known to end is done.
fn reject_cycles(parsed: &[ParsedRole], parents: &[Option<usize>], source: &Path) -> Result<(), LadderError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Walk {
        Unseen,
        OnPath,
        Ends,
    }
    let mut state = vec![Walk::Unseen; parsed.len()];
    for start in 0..parsed.len() {
        let mut path = Vec::new();
        let mut current = Some(start);
        while let Some(node) = current {
            match state[node] {
                Walk::Ends => break,
                Walk::OnPath => {
                    let role = &parsed[start];
                    let via = parents[start].map_or_else(String::new, |p| parsed[p].title.clone());
                    return Err(LadderError::BuildsOnCycle {
                        path: source.join(&role.file),
                        line: role.line,
                        title: role.title.clone(),
                        via,
                    });
                }
                Walk::Unseen => {
                    state[node] = Walk::OnPath;
                    path.push(node);
                    current = parents[node];
                }
            }
        }
        for node in path {
            state[node] = Walk::Ends;
        }
    }
    Ok(())
}

/// The ladder's own number where it gives one; otherwise one more than the role built
/// on (foundations are level 0 and do not count). Computed once per role, without
/// recursion, so a chain of thousands of roles is linear and cannot overflow the stack.
fn levels(parsed: &[ParsedRole], tracks: &[Track], parents: &[Option<usize>]) -> Vec<u32> {
    let own_level = |index: usize| -> Option<u32> {
        if tracks[index] == Track::Foundation {
            return Some(parsed[index].explicit_level.unwrap_or(0));
        }
        parsed[index].explicit_level.or(if parents[index].is_none() { Some(1) } else { None })
    };
    let mut levels: Vec<Option<u32>> = vec![None; parsed.len()];
    for start in 0..parsed.len() {
        let mut pending = Vec::new();
        let mut current = start;
        let mut level = loop {
            if let Some(level) = levels[current] {
                break level;
            }
            if let Some(level) = own_level(current) {
                levels[current] = Some(level);
                break level;
            }
            pending.push(current);
            current = parents[current].expect("a role without its own level has a parent");
        };
        for index in pending.into_iter().rev() {
            level += 1;
            levels[index] = Some(level);
        }
    }
    levels.into_iter().map(|level| level.unwrap_or(1)).collect()
}
