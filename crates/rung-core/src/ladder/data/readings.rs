//! The plausible readings of structured data, whatever its keys are called. A ladder kept
//! as data is collections of records (a list of maps, or a map of maps keyed by name)
//! with a title-like field (`title`, `name`, `displayName`, `label`, or the key it sits
//! under). Three readings are generated for every collection, each named by the key that
//! holds it:
//!
//! - **records with their characteristics**: each record is a role; its child
//!   collections of titled records are its characteristics, and its lists of texts are
//!   characteristics named by their key ("expectations: […]");
//! - **records referencing their characteristics**: each record is a role that names what
//!   it rates by id ("core/delivery/3", an id chain of `id`/`path`/`slug` fields in this or
//!   another file); a reference to a level of a competency rates that competency;
//! - **competencies holding their levels** (the transposed ladder): each record is a
//!   competency whose levels are its level-coded keys (`L1` … `L6`) or a list under one
//!   key (`milestones: [...]`); each level is a role, the competency a characteristic at
//!   every level where something is written.
//!
//! A folder's files are one more collection (a file per competency or per role). The
//! readings are weighed on the same evidence as any ladder, plus what data says plainly:
//! references that resolve, and records that others reference (definitions, not roles).

use std::collections::{HashMap, HashSet};

use super::tree::Data;
use crate::ladder::markdown::document::{ParsedCharacteristic, ParsedRole};
use crate::ladder::reading::level_words::{has_level_evidence, is_level_code, is_level_name};
use crate::ladder::text::{comparable, title_from_file_name};

/// At most this many readings are weighed.
const MAX_READINGS: usize = 24;

/// One data file of the source.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// Its path relative to the source (the file's name for a single file).
    pub name: String,
    pub root: Data,
}

#[derive(Debug, Clone)]
pub struct DataReading {
    /// What names this reading in a mapping ("levels of tracks › milestones").
    pub key: String,
    pub roles: Vec<ParsedRole>,
    /// Evidence only data gives, already weighed.
    pub signs: Vec<(f64, &'static str)>,
}

const TITLE_KEYS: &[&str] = &["title", "name", "displayname", "label", "heading"];
const ID_KEYS: &[&str] = &["id", "path", "slug", "key", "ref", "uid"];
const SUMMARY_KEYS: &[&str] = &["summary", "description", "desc", "overview", "about"];

fn normal(key: &str) -> String {
    key.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn field<'a>(entries: &'a [(String, Data)], names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|name| {
        entries
            .iter()
            .find(|(key, _)| normal(key) == *name)
            .and_then(|(_, value)| value.as_text())
            .map(str::trim)
            .filter(|text| !text.is_empty())
    })
}

fn is_field_of(key: &str, names: &[&str]) -> bool {
    names.contains(&normal(key).as_str())
}

pub fn title_of(entries: &[(String, Data)]) -> Option<String> {
    field(entries, TITLE_KEYS).map(str::to_owned)
}

fn id_of(entries: &[(String, Data)]) -> Option<&str> {
    field(entries, ID_KEYS)
}

/// "milestones" → "Milestone", "skill_levels" → "Skill level": what one entry is called.
fn singular(key: &str) -> String {
    let mut words = String::new();
    let mut previous_lower = false;
    for c in key.chars() {
        if c == '_' || c == '-' || c == ' ' {
            words.push(' ');
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(' ');
        }
        previous_lower = c.is_lowercase();
        words.extend(c.to_lowercase());
    }
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = if let Some(stem) = words.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        match words.strip_suffix('s') {
            Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_owned(),
            _ => words,
        }
    };
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Level".to_owned(),
    }
}

/// Every text written in a value, in order, except its names and ids.
fn texts(data: &Data, out: &mut Vec<String>) {
    match data {
        Data::Text(text) => {
            let text = text.trim();
            if !text.is_empty() {
                out.push(text.to_owned());
            }
        }
        Data::List(items) => items.iter().for_each(|item| texts(item, out)),
        Data::Map(entries) => {
            for (key, value) in entries {
                if !is_field_of(key, TITLE_KEYS) && !is_field_of(key, ID_KEYS) {
                    texts(value, out);
                }
            }
        }
    }
}

fn texts_of(data: &Data) -> Vec<String> {
    let mut out = Vec::new();
    texts(data, &mut out);
    out
}

/// One record of a collection, with the name a reader gives it.
struct Element<'a> {
    label: Option<String>,
    value: &'a Data,
}

/// A list of maps, or a map whose values are all maps (keyed by name): a collection.
fn elements(data: &Data) -> Option<Vec<Element<'_>>> {
    match data {
        Data::List(items) => {
            let maps: Vec<&Data> = items.iter().filter(|item| matches!(item, Data::Map(_))).collect();
            (!maps.is_empty() && maps.len() * 2 >= items.len()).then(|| {
                maps.into_iter().map(|value| Element { label: value.as_map().and_then(title_of), value }).collect()
            })
        }
        Data::Map(entries) => {
            let filled: Vec<&(String, Data)> = entries.iter().filter(|(_, value)| !value.is_blank()).collect();
            let all_maps = filled.len() >= 2 && filled.iter().all(|(_, value)| matches!(value, Data::Map(_)));
            all_maps.then(|| {
                filled
                    .into_iter()
                    .map(|(key, value)| Element {
                        label: value.as_map().and_then(title_of).or_else(|| Some(key.trim().to_owned())),
                        value,
                    })
                    .collect()
            })
        }
        Data::Text(_) => None,
    }
}

/// Where a collection sits: under which key, below which titled records, in which file.
struct Site<'a> {
    name: String,
    value: &'a Data,
    ancestors: Vec<String>,
    file: usize,
}

fn walk<'a>(data: &'a Data, name: &str, ancestors: &mut Vec<String>, file: usize, sites: &mut Vec<Site<'a>>) {
    if elements(data).is_some() {
        sites.push(Site { name: name.to_owned(), value: data, ancestors: ancestors.clone(), file });
    }
    match data {
        Data::Text(_) => {}
        Data::List(items) => items.iter().for_each(|item| walk(item, name, ancestors, file, sites)),
        Data::Map(entries) => {
            let title = title_of(entries);
            if let Some(title) = &title {
                ancestors.push(title.clone());
            }
            for (key, value) in entries {
                walk(value, key, ancestors, file, sites);
            }
            if title.is_some() {
                ancestors.pop();
            }
        }
    }
}

/// What a reference names: a characteristic, with that record's texts as its examples.
#[derive(Debug, Clone)]
struct Target {
    title: String,
    examples: Vec<String>,
}

/// A level of something, by its id or title ("3", "L3", "Senior").
fn is_level_marker(text: &str) -> bool {
    let words = comparable(text);
    words.parse::<u32>().is_ok() || is_level_code(&words) || is_level_name(text)
}

/// The ids of the records directly inside `data` (through lists, not through records).
fn child_ids<'a>(data: &'a Data, out: &mut Vec<&'a str>) {
    match data {
        Data::Text(_) => {}
        Data::List(items) => items.iter().for_each(|item| child_ids(item, out)),
        Data::Map(entries) => match id_of(entries) {
            Some(id) => out.push(id),
            None => entries.iter().for_each(|(_, value)| child_ids(value, out)),
        },
    }
}

/// How many records with an id hold a record with each id: ids that repeat under several
/// records (n00b, play3r, pr0 under every competency) are the names of levels.
fn id_repeats(files: &[DataFile]) -> HashMap<String, usize> {
    fn visit(data: &Data, counts: &mut HashMap<String, usize>) {
        match data {
            Data::Text(_) => {}
            Data::List(items) => items.iter().for_each(|item| visit(item, counts)),
            Data::Map(entries) => {
                if id_of(entries).is_some() {
                    let mut ids = Vec::new();
                    entries.iter().for_each(|(_, value)| child_ids(value, &mut ids));
                    let unique: HashSet<&str> = ids.into_iter().collect();
                    for id in unique {
                        *counts.entry(id.to_owned()).or_default() += 1;
                    }
                }
                entries.iter().for_each(|(_, value)| visit(value, counts));
            }
        }
    }
    let mut counts = HashMap::new();
    files.iter().for_each(|file| visit(&file.root, &mut counts));
    counts
}

/// Every record with an id, by its chain of ids ("core/delivery/3"), across the files.
/// A record that is a level of its parent (its id or title a level, or its id and most of
/// its siblings' repeating under other parents) names its parent.
fn index(files: &[DataFile]) -> HashMap<String, Target> {
    struct Walk<'a> {
        repeats: &'a HashMap<String, usize>,
        found: HashMap<String, Target>,
    }
    fn visit(data: &Data, chain: &mut Vec<String>, owner: Option<&str>, levels: bool, walk: &mut Walk<'_>) {
        match data {
            Data::Text(_) => {}
            Data::List(items) => items.iter().for_each(|item| visit(item, chain, owner, levels, walk)),
            Data::Map(entries) => {
                let id = id_of(entries).map(str::to_owned);
                let title = title_of(entries);
                if let Some(id) = &id {
                    chain.push(id.clone());
                    let level = levels || is_level_marker(id) || title.as_deref().is_none_or(is_level_marker);
                    let named = if level { owner.map(str::to_owned).or(title.clone()) } else { title.clone() };
                    if let Some(name) = named {
                        walk.found.entry(chain.join("/")).or_insert(Target { title: name, examples: texts_of(data) });
                    }
                }
                let (owner, children_are_levels) = if id.is_some() {
                    let mut ids = Vec::new();
                    entries.iter().for_each(|(_, value)| child_ids(value, &mut ids));
                    let repeated = ids.iter().filter(|id| walk.repeats.get(**id).is_some_and(|n| *n >= 2)).count();
                    (title.as_deref().or(owner), ids.len() >= 2 && repeated * 2 >= ids.len())
                } else {
                    (owner, levels)
                };
                for (_, value) in entries {
                    visit(value, chain, owner, children_are_levels, walk);
                }
                if id.is_some() {
                    chain.pop();
                }
            }
        }
    }
    let repeats = id_repeats(files);
    let mut walk = Walk { repeats: &repeats, found: HashMap::new() };
    for file in files {
        visit(&file.root, &mut Vec::new(), None, false, &mut walk);
    }
    walk.found
}

/// The texts in a record that name other records. A titled record nested inside holds
/// its own references (a family's levels each reference what they rate; the family
/// itself references nothing).
fn references<'a>(data: &Data, index: &'a HashMap<String, Target>, top: bool, out: &mut Vec<&'a Target>) {
    match data {
        Data::Text(text) => {
            if let Some(target) = index.get(text.trim().trim_matches('/')) {
                out.push(target);
            }
        }
        Data::List(items) => items.iter().for_each(|item| references(item, index, false, out)),
        Data::Map(entries) => {
            if !top && title_of(entries).is_some() {
                return;
            }
            for (key, value) in entries {
                if !is_field_of(key, TITLE_KEYS) && !is_field_of(key, ID_KEYS) {
                    references(value, index, false, out);
                }
            }
        }
    }
}

/// A level's number: the digits in its name, else its place.
fn level_number(name: &str, position: usize) -> u32 {
    let digits: String = name.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    digits.parse::<u32>().ok().filter(|n| *n > 0).unwrap_or(position as u32 + 1)
}

fn role(title: String, level: u32, data: &Data, characteristics: Vec<ParsedCharacteristic>, file: &str) -> ParsedRole {
    let summary = data.as_map().and_then(|entries| field(entries, SUMMARY_KEYS)).map(str::to_owned);
    let mut role = ParsedRole::structured(title, level, summary, characteristics, file);
    track_from(&mut role, data);
    role
}

/// A `track` field names the role's track, or only its kind ("Individual Contributor").
fn track_from(role: &mut ParsedRole, data: &Data) {
    if let Some(track) = data.as_map().and_then(|entries| field(entries, &["track"])) {
        match crate::ladder::relations::kind_named_by(track) {
            Some(kind) => role.track_kind = Some(kind),
            None => role.track_name = Some(track.to_owned()),
        }
    }
}

/// Keys whose texts describe the record they are in (its prose), not name anything.
const PROSE_KEYS: &[&str] = &[
    "summary",
    "description",
    "desc",
    "overview",
    "about",
    "examples",
    "example",
    "criteria",
    "signals",
    "expectations",
    "expectation",
    "notes",
    "detail",
    "details",
    "behaviours",
    "behaviors",
    "text",
    "body",
    "content",
];

/// Keys that describe a record rather than say what it expects.
const DESCRIPTIVE_KEYS: &[&str] =
    &["level", "track", "category", "group", "type", "kind", "order", "weight", "index", "color", "colour", "icon"];

fn is_texts(value: &Data) -> bool {
    match value {
        Data::Text(text) => !text.trim().is_empty(),
        Data::List(items) => !items.is_empty() && items.iter().all(|item| matches!(item, Data::Text(_))),
        Data::Map(_) => false,
    }
}

/// A value that is only a number ("3", "2.5"): a score or an order, not an expectation.
fn is_number(value: &Data) -> bool {
    value.as_text().is_some_and(|text| text.trim().parse::<f64>().is_ok())
}

/// The characteristics a record holds itself: its child collections of titled records,
/// its lists of texts and maps of texts named by their keys, or — when it holds none of
/// those — its own text fields (a row of a table written as a record).
fn own_characteristics(entries: &[(String, Data)]) -> Vec<ParsedCharacteristic> {
    let expectation_key = |key: &str| {
        !is_field_of(key, TITLE_KEYS)
            && !is_field_of(key, ID_KEYS)
            && !is_field_of(key, SUMMARY_KEYS)
            && !is_field_of(key, DESCRIPTIVE_KEYS)
    };
    let named_texts = |value: &Data| {
        value.as_map().is_some_and(|fields| {
            let filled: Vec<&(String, Data)> = fields.iter().filter(|(_, v)| !v.is_blank()).collect();
            !filled.is_empty() && filled.iter().all(|(_, v)| is_texts(v) && !is_number(v))
        })
    };
    let holders: Vec<&(String, Data)> = entries
        .iter()
        .filter(|(key, value)| {
            expectation_key(key)
                && (elements(value).is_some_and(|found| found.iter().all(|e| e.label.is_some()))
                    || matches!(value, Data::List(_)) && is_texts(value)
                    || named_texts(value))
        })
        .collect();
    let grouped =
        holders.iter().filter(|(_, value)| !matches!(value, Data::List(_)) || elements(value).is_some()).count() >= 2;
    let mut found = Vec::new();
    for (key, value) in holders {
        let group = grouped.then(|| singular_title(key));
        match (elements(value), value) {
            (Some(records), _) => {
                for record in records {
                    let mut characteristic =
                        ParsedCharacteristic::new(record.label.unwrap_or_default(), texts_of(record.value));
                    characteristic.group = group.clone();
                    found.push(characteristic);
                }
            }
            // `Delivery: { description: …, examples: […] }`: one characteristic, described.
            (None, Data::Map(fields))
                if fields.iter().all(|(name, v)| v.is_blank() || is_field_of(name, PROSE_KEYS)) =>
            {
                found.push(ParsedCharacteristic::new(key.trim().to_owned(), texts_of(value)));
            }
            (None, Data::Map(fields)) => {
                for (name, text) in fields.iter().filter(|(_, v)| !v.is_blank()) {
                    let mut characteristic = ParsedCharacteristic::new(name.trim().to_owned(), texts_of(text));
                    characteristic.group = group.clone();
                    found.push(characteristic);
                }
            }
            (None, _) => {
                let examples = texts_of(value);
                if !examples.is_empty() {
                    found.push(ParsedCharacteristic::new(singular_title(key), examples));
                }
            }
        }
    }
    if found.is_empty() {
        let fields: Vec<&(String, Data)> = entries
            .iter()
            .filter(|(key, value)| {
                expectation_key(key) && matches!(value, Data::Text(_)) && is_texts(value) && !is_number(value)
            })
            .collect();
        if fields.len() >= 2 {
            found = fields
                .into_iter()
                .map(|(key, value)| ParsedCharacteristic::new(singular_title(key), texts_of(value)))
                .collect();
        }
    }
    found
}

/// A key as a characteristic's name: "technical_skills" → "Technical skills".
fn singular_title(key: &str) -> String {
    let words = title_from_file_name(key);
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// The collections by the key they sit under, each with its records (a folder's files
/// are the collection ""), in file order.
struct Collections<'a> {
    by_name: Vec<(String, Vec<(Element<'a>, &'a Site<'a>)>)>,
}

fn collections<'a>(sites: &'a [Site<'a>]) -> Collections<'a> {
    let mut by_name: Vec<(String, Vec<(Element<'a>, &'a Site<'a>)>)> = Vec::new();
    for site in sites {
        let at = match by_name.iter().position(|(name, _)| *name == site.name) {
            Some(at) => at,
            None => {
                by_name.push((site.name.clone(), Vec::new()));
                by_name.len() - 1
            }
        };
        for element in elements(site.value).unwrap_or_default() {
            by_name[at].1.push((element, site));
        }
    }
    Collections { by_name }
}

/// The readings of these files, at most `MAX_READINGS`.
pub fn readings(files: &[DataFile]) -> Vec<DataReading> {
    let mut sites = Vec::new();
    for (at, file) in files.iter().enumerate() {
        walk(&file.root, "", &mut Vec::new(), at, &mut sites);
    }
    // A folder's files are one more collection: a file per role or per competency.
    let folder_root = Data::List(files.iter().map(|file| file.root.clone()).collect());
    let index = index(files);
    let referenced: HashSet<String> = index.values().map(|target| comparable(&target.title)).collect();
    let collections = collections(&sites);

    let mut found = Vec::new();
    for (name, records) in &collections.by_name {
        let label = if name.is_empty() { "the top-level records".to_owned() } else { format!("`{name}`") };
        found.extend(with_characteristics(&label, records, files));
        found.extend(with_references(&label, records, files, &index));
        found.extend(long_form(&label, records, files, &index));
        found.extend(holding_levels(&label, records, files, &referenced));
    }
    if files.len() >= 2 {
        let file_sites: Vec<Site<'_>> = (0..files.len())
            .map(|file| Site { name: String::new(), value: &folder_root, ancestors: Vec::new(), file })
            .collect();
        let records: Vec<(Element<'_>, &Site<'_>)> = files
            .iter()
            .zip(&file_sites)
            .map(|(file, site)| (Element { label: Some(file_label(file)), value: &file.root }, site))
            .collect();
        found.extend(with_characteristics("the files", &records, files));
        found.extend(holding_levels("the files", &records, files, &referenced));
    }
    found.truncate(MAX_READINGS);
    found
}

/// A file's name for what it holds: its own title, else its file name.
fn file_label(file: &DataFile) -> String {
    file.root.as_map().and_then(title_of).unwrap_or_else(|| {
        let name = file.name.rsplit('/').next().unwrap_or(&file.name);
        title_from_file_name(name)
    })
}

/// The nearest titled record above a collection names its track, when the roles come
/// from more than one.
fn set_tracks(roles: &mut [ParsedRole], owners: &[Option<String>]) {
    let distinct: HashSet<&Option<String>> = owners.iter().collect();
    if distinct.len() >= 2 {
        for (role, owner) in roles.iter_mut().zip(owners) {
            if role.track_name.is_none() && role.track_kind.is_none() {
                role.track_name = owner.clone();
            }
        }
    }
}

/// One role per titled record with something to rate (`rates`), its level its place in
/// its collection; records under different titled parents are named tracks.
fn roles_of(
    records: &[(Element<'_>, &Site<'_>)],
    files: &[DataFile],
    rates: impl Fn(&Element<'_>) -> Vec<ParsedCharacteristic>,
) -> Vec<ParsedRole> {
    let mut roles = Vec::new();
    let mut owners = Vec::new();
    let mut position: HashMap<usize, usize> = HashMap::new();
    for (element, site) in records {
        let Some(title) = &element.label else { continue };
        let characteristics = rates(element);
        if characteristics.is_empty() {
            continue;
        }
        let place = position.entry(site.value as *const Data as usize).or_default();
        let level = level_number(title, *place);
        roles.push(role(title.clone(), level, element.value, characteristics, &files[site.file].name));
        *place += 1;
        owners.push(site.ancestors.last().cloned());
    }
    set_tracks(&mut roles, &owners);
    roles
}

fn with_characteristics(label: &str, records: &[(Element<'_>, &Site<'_>)], files: &[DataFile]) -> Option<DataReading> {
    let roles = roles_of(records, files, |element| element.value.as_map().map(own_characteristics).unwrap_or_default());
    (!roles.is_empty()).then(|| DataReading {
        key: format!("{label} with their characteristics"),
        roles,
        signs: Vec::new(),
    })
}

fn with_references(
    label: &str,
    records: &[(Element<'_>, &Site<'_>)],
    files: &[DataFile],
    index: &HashMap<String, Target>,
) -> Option<DataReading> {
    if index.is_empty() {
        return None;
    }
    let roles = roles_of(records, files, |element| {
        let mut targets = Vec::new();
        references(element.value, index, true, &mut targets);
        let mut seen = HashSet::new();
        targets
            .into_iter()
            .filter(|target| seen.insert(comparable(&target.title)))
            .map(|target| ParsedCharacteristic::new(target.title.clone(), target.examples.clone()))
            .collect()
    });
    (!roles.is_empty()).then(|| DataReading {
        key: format!("{label} referencing their characteristics"),
        roles,
        signs: vec![(4.0, "roles name what they rate by id, and the ids resolve")],
    })
}

/// Roles found by name as they first appear (a map, so reading stays linear).
#[derive(Default)]
struct RolesByName {
    roles: Vec<ParsedRole>,
    at: HashMap<String, usize>,
}

impl RolesByName {
    fn entry(&mut self, name: &str, make: impl FnOnce(usize) -> ParsedRole) -> &mut ParsedRole {
        let key = comparable(name);
        let at = match self.at.get(&key) {
            Some(&at) => at,
            None => {
                self.roles.push(make(self.roles.len()));
                self.at.insert(key, self.roles.len() - 1);
                self.roles.len() - 1
            }
        };
        &mut self.roles[at]
    }
}

/// Fields that name a row's level, and fields that name its competency, in the long form.
const LEVEL_FIELDS: &[&str] = &["level", "role", "grade", "stage", "band", "rank", "milestone", "position", "title"];
const COMPETENCY_FIELDS: &[&str] =
    &["competency", "skill", "area", "topic", "dimension", "attribute", "characteristic", "theme", "name"];

/// The field of most records (four in five) among `names` whose values repeat: the first
/// such, by the order of `names`.
fn repeating_field(maps: &[&[(String, Data)]], names: &[&str], skip: Option<&str>) -> Option<&'static str> {
    let names: Vec<&'static str> =
        LEVEL_FIELDS.iter().chain(COMPETENCY_FIELDS).copied().filter(|n| names.contains(n)).collect();
    names.into_iter().filter(|name| Some(*name) != skip).find(|name| {
        let values: Vec<&str> = maps.iter().filter_map(|entries| field(entries, &[name])).collect();
        let distinct: HashSet<String> = values.iter().map(|value| comparable(value)).collect();
        values.len() * 5 >= maps.len() * 4 && distinct.len() >= 2 && distinct.len() < values.len()
    })
}

/// The long form: one record per cell (`{level, competency, description}`), as a
/// spreadsheet exported to data writes it. Roles by level in order of appearance.
/// Rows whose level or competency is the id of a record elsewhere (`levels[] {id, name}`)
/// name definitions this reading does not join; they are not read this way.
fn long_form(
    label: &str,
    records: &[(Element<'_>, &Site<'_>)],
    files: &[DataFile],
    index: &HashMap<String, Target>,
) -> Option<DataReading> {
    let maps: Vec<&[(String, Data)]> = records.iter().filter_map(|(element, _)| element.value.as_map()).collect();
    if maps.len() < 4 {
        return None;
    }
    let level_key = repeating_field(&maps, LEVEL_FIELDS, None)?;
    let competency_key = repeating_field(&maps, COMPETENCY_FIELDS, Some(level_key))?;
    let names_a_record =
        |key: &str| maps.iter().any(|entries| field(entries, &[key]).is_some_and(|value| index.contains_key(value)));
    if names_a_record(level_key) || names_a_record(competency_key) {
        return None;
    }
    let mut roles = RolesByName::default();
    for ((element, site), entries) in records.iter().zip(&maps) {
        let (Some(level), Some(competency)) = (field(entries, &[level_key]), field(entries, &[competency_key])) else {
            continue;
        };
        let examples: Vec<String> = entries
            .iter()
            .filter(|(key, _)| {
                let key = normal(key);
                key != level_key
                    && key != competency_key
                    && !is_field_of(&key, ID_KEYS)
                    && !is_field_of(&key, DESCRIPTIVE_KEYS)
            })
            .flat_map(|(_, value)| texts_of(value))
            .collect();
        if examples.is_empty() {
            continue;
        }
        let role = roles.entry(level, |count| {
            let number = level_number(level, count);
            role(level.to_owned(), number, &Data::Map(Vec::new()), Vec::new(), &files[site.file].name)
        });
        let mut characteristic = ParsedCharacteristic::new(competency.to_owned(), examples);
        characteristic.group = field(entries, &["group", "category"]).map(str::to_owned);
        track_from(role, element.value);
        role.characteristics.push(characteristic);
        role.characteristics_from = crate::ladder::model::CharacteristicSource::Headings;
    }
    (!roles.roles.is_empty()).then(|| DataReading {
        key: format!("{label} as one record per level and competency"),
        roles: roles.roles,
        signs: Vec::new(),
    })
}

/// The levels a competency record holds: its level-coded keys, or the entries of one
/// list (`series`).
fn levels_of<'a>(entries: &'a [(String, Data)], series: Option<&str>) -> Vec<(Option<String>, &'a Data)> {
    match series {
        None => entries
            .iter()
            .filter(|(key, _)| !is_field_of(key, TITLE_KEYS) && is_level_marker(key))
            .map(|(key, value)| (Some(key.trim().to_owned()), value))
            .collect(),
        Some(series) => match entries.iter().find(|(key, _)| key == series).map(|(_, value)| value) {
            Some(Data::List(items)) => items
                .iter()
                .map(|item| {
                    let title = item.as_map().and_then(title_of).filter(|title| has_level_evidence(title));
                    (title, item)
                })
                .collect(),
            // Levels keyed by their names: `levels: { Beginner: …, Expert: … }`.
            Some(Data::Map(levels)) => levels
                .iter()
                .filter(|(key, _)| is_level_marker(key))
                .map(|(key, value)| (Some(key.trim().to_owned()), value))
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// The lists that could hold a competency's levels: a list of two or more entries that
/// most of the records have under the same key.
fn level_series(records: &[(Element<'_>, &Site<'_>)]) -> Vec<Option<String>> {
    // Counted in a map, listed in the order first seen.
    let mut counts: HashMap<Option<String>, usize> = HashMap::new();
    let mut order: Vec<Option<String>> = Vec::new();
    let mut count = |series: Option<String>| {
        let n = counts.entry(series.clone()).or_default();
        if *n == 0 {
            order.push(series);
        }
        *n += 1;
    };
    for (element, _) in records {
        let Some(entries) = element.value.as_map() else { continue };
        if levels_of(entries, None).len() >= 2 {
            count(None);
        }
        for (key, value) in entries {
            let keyed_levels = value
                .as_map()
                .is_some_and(|levels| levels.iter().filter(|(name, _)| is_level_marker(name)).count() >= 2);
            if (matches!(value, Data::List(items) if items.len() >= 2) || keyed_levels) && !is_field_of(key, TITLE_KEYS)
            {
                count(Some(key.clone()));
            }
        }
    }
    order.into_iter().filter(|series| counts[series] * 2 >= records.len().max(2)).collect()
}

fn holding_levels(
    label: &str,
    records: &[(Element<'_>, &Site<'_>)],
    files: &[DataFile],
    referenced: &HashSet<String>,
) -> Vec<DataReading> {
    let mut found = Vec::new();
    for series in level_series(records) {
        // Roles by level name, in the order they first appear.
        let mut roles = RolesByName::default();
        let mut definitions = 0usize;
        let mut competencies = 0usize;
        let groups: HashSet<&str> = records.iter().map(|(_, site)| folder_of(&files[site.file].name)).collect();
        for (element, site) in records {
            let Some(entries) = element.value.as_map() else { continue };
            let Some(competency) = element.label.clone() else { continue };
            let levels = levels_of(entries, series.as_deref());
            if levels.len() < 2 {
                continue;
            }
            competencies += 1;
            if referenced.contains(&comparable(&competency)) {
                definitions += 1;
            }
            for (position, (name, value)) in levels.into_iter().enumerate() {
                let name = name.unwrap_or_else(|| {
                    format!("{} {}", series.as_deref().map_or_else(|| "Level".to_owned(), singular), position + 1)
                });
                let examples = texts_of(value);
                if examples.is_empty() {
                    continue;
                }
                let mut characteristic = ParsedCharacteristic::new(competency.clone(), examples);
                if groups.len() >= 2 {
                    characteristic.group = Some(title_from_file_name(folder_of(&files[site.file].name)));
                }
                let role = roles.entry(&name, |_| {
                    let number = level_number(&name, position);
                    ParsedRole::structured(name.clone(), number, None, Vec::new(), &files[site.file].name)
                });
                role.characteristics.push(characteristic);
                role.characteristics_from = crate::ladder::model::CharacteristicSource::Headings;
            }
        }
        if roles.roles.is_empty() || competencies < 2 {
            continue;
        }
        let mut signs = Vec::new();
        if definitions > 0 {
            signs.push((-3.0, "the competencies read here are definitions other records reference"));
        }
        let of = series.as_deref().map_or_else(String::new, |series| format!(" › `{series}`"));
        found.push(DataReading { key: format!("levels of {label}{of}"), roles: roles.roles, signs });
    }
    found
}

/// The folder a file is in ("person_based/japanese" → "person_based"), "" at the top.
fn folder_of(name: &str) -> &str {
    name.split_once('/').map_or("", |(folder, _)| folder)
}
