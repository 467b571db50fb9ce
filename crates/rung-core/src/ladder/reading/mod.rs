//! The reading engine: one source, several plausible readings, the best one by evidence.
//!
//! Every source is read through the same outline (headings, lists, tables, paragraphs,
//! with file and line). The engine varies the choices a reader makes — which heading depth
//! holds the roles, which groups characteristics, whether the ladder is written the other
//! way round (competencies holding their levels), whether a table's rows or columns are
//! the roles — reads the source once per choice, weighs each reading on evidence
//! (`evidence`), and keeps the best. Rung's reading as it stood before the engine is one
//! of the candidates and is preferred when nothing clearly beats it, so ladders that read
//! right keep reading the same. The result says how sure it is, and names the runner-up
//! when it scores close; a person's `ReadingMapping` pins any choice.

pub mod data_reading;
pub mod evidence;
pub mod level_words;
pub mod tables;
pub mod transpose;

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use self::evidence::{weigh, Evidence};
use self::level_words::span;
use super::mapping::{ReadingMapping, TableRoles};
use super::model::{Ladder, Track};
use super::text::comparable;
use super::{is_markdown, LadderError};

/// Rung's own reading of a source keeps this head start over the others: an alternative
/// must be clearly better to replace a reading that has always worked.
const INCUMBENT_LEAD: f64 = 1.0;
/// Two readings closer than this are a doubt worth a person's look.
const CLOSE: f64 = 1.25;
/// A reading with less evidence than this is not called clean, whatever the others score.
const WEAK: f64 = 2.0;
/// More choices than this are not tried (six heading depths make at most 49 with groups).
const MAX_READINGS: usize = 64;

/// A ladder as read, with how sure the engine is of the reading.
#[derive(Debug, Clone)]
pub struct ReadLadder {
    pub ladder: Ladder,
    pub confidence: ReadingConfidence,
    /// Every distinct reading tried, best first (the chosen one first), for `--explain`.
    pub tried: Vec<TriedReading>,
    /// Where control or direction-override characters were removed from the texts.
    pub cleaned: Vec<super::clean::CleanedText>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TriedReading {
    pub reading: String,
    pub score: f64,
    pub signs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReadingConfidence {
    /// Confident, or a person confirmed the reading: `ladder check` may call it clean.
    pub certain: bool,
    /// A person looked at this reading and confirmed it (the mapping's `confirmed`).
    pub confirmed: bool,
    /// How sure, 0–1: how far the reading's evidence is ahead of the next reading's.
    pub score: f64,
    /// The reading in words ("6 roles (\"L1\" … \"L6\") whose characteristics are …").
    pub reading: String,
    /// The strongest signs for and against it.
    pub signs: Vec<String>,
    /// The next best reading, when it differs and scores close (or the reading is weak).
    pub runner_up: Option<AlternativeReading>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AlternativeReading {
    pub reading: String,
    pub signs: Vec<String>,
    /// The mapping that reads the source this way ("Read it the other way").
    pub mapping: ReadingMapping,
}

impl ReadLadder {
    /// A ladder that needs no reading (Rung's own JSON, the embedded default): certain.
    pub fn exact(ladder: Ladder) -> ReadLadder {
        let reading = describe(&ladder);
        let confidence = ReadingConfidence {
            certain: true,
            confirmed: false,
            score: 1.0,
            reading,
            signs: Vec::new(),
            runner_up: None,
        };
        let tried = vec![TriedReading { reading: confidence.reading.clone(), score: 0.0, signs: Vec::new() }];
        ReadLadder { ladder, confidence, tried, cleaned: Vec::new() }
    }
}

struct Candidate {
    mapping: ReadingMapping,
    shape: Shape,
    ladder: Ladder,
    evidence: Evidence,
    score: f64,
}

/// Reads `path` as the engine's best reading, with the person's corrections pinning
/// whatever they chose. Rung's own JSON is exact and always certain.
pub fn read(path: &Path, mapping: &ReadingMapping) -> Result<ReadLadder, LadderError> {
    let mut read = read_as_written(path, mapping)?;
    read.cleaned = super::clean::clean_ladder(&mut read.ladder);
    // The readings in words quote titles too (the runner-up's were never cleaned).
    let described = std::iter::once(&mut read.confidence.reading)
        .chain(read.confidence.runner_up.iter_mut().map(|other| &mut other.reading))
        .chain(read.tried.iter_mut().map(|tried| &mut tried.reading));
    for words in described {
        super::clean::clean(words);
    }
    Ok(read)
}

fn read_as_written(path: &Path, mapping: &ReadingMapping) -> Result<ReadLadder, LadderError> {
    if let Some(read) = data_reading::read(path, mapping)? {
        return Ok(read);
    }
    let incumbent = super::load_exact(path, mapping)?;
    if is_rung_json(path) {
        return Ok(ReadLadder::exact(incumbent));
    }
    let candidates = candidates(path, mapping, incumbent)?;
    Ok(conclude(candidates, mapping))
}

/// The best of the candidates (sorted best first), with how sure the engine is of it.
fn conclude(candidates: Vec<Candidate>, mapping: &ReadingMapping) -> ReadLadder {
    let tried = candidates
        .iter()
        .map(|c| TriedReading { reading: describe(&c.ladder), score: c.score, signs: c.evidence.strongest(6) })
        .collect();
    let mut candidates = candidates.into_iter();
    let best = candidates.next().expect("there is a reading");
    let runner_up = candidates.next();
    let margin = runner_up.as_ref().map_or(f64::INFINITY, |next| best.score - next.score);
    let strong = best.evidence.total() >= WEAK;
    let confident = margin >= CLOSE && strong;
    let confirmed = mapping.confirmed;
    let confidence = ReadingConfidence {
        certain: confident || confirmed,
        confirmed,
        score: sureness(margin, best.evidence.total()),
        reading: describe(&best.ladder),
        signs: best.evidence.strongest(4),
        runner_up: runner_up.filter(|_| !confident).map(|next| AlternativeReading {
            reading: describe(&next.ladder),
            signs: next.evidence.strongest(4),
            mapping: ReadingMapping { confirmed: false, ..next.mapping },
        }),
    };
    let mut ladder = best.ladder;
    // The reading keeps the person's corrections only: the engine's own choice is made
    // again, the same way, whenever the same source is read.
    ladder.reading = (!mapping.is_empty()).then(|| mapping.clone());
    ReadLadder { ladder, confidence, tried, cleaned: Vec::new() }
}

/// Best first; on a tie the earlier reading stays ahead.
fn sort_best_first(candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| {
        let tied = (a.score - b.score).abs() < 1e-6;
        if tied {
            std::cmp::Ordering::Equal
        } else {
            b.score.total_cmp(&a.score)
        }
    });
}

fn candidates(path: &Path, mapping: &ReadingMapping, incumbent: Ladder) -> Result<Vec<Candidate>, LadderError> {
    let evidence = weigh(&incumbent);
    let score = evidence.total() + INCUMBENT_LEAD;
    let shape = shape_of(&incumbent);
    let mut candidates = vec![Candidate { mapping: mapping.clone(), shape, ladder: incumbent, evidence, score }];
    for choice in choices(path, mapping)? {
        let Ok(ladder) = super::load_exact(path, &choice) else { continue };
        let shape = shape_of(&ladder);
        if candidates.iter().any(|known| known.shape == shape) {
            continue;
        }
        let evidence = weigh(&ladder);
        let score = evidence.total();
        candidates.push(Candidate { mapping: choice, shape, ladder, evidence, score });
    }
    // On a tie Rung's own reading (the first) stays ahead.
    sort_best_first(&mut candidates);
    Ok(candidates)
}

/// Rung's own ladder JSON (anything else with a `.json` name is data, read in `data_reading`).
fn is_rung_json(path: &Path) -> bool {
    !path.is_dir() && path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
}

/// 0–1: a margin of `CLOSE` with strong evidence is 0.5 … well ahead is near 1.
fn sureness(margin: f64, evidence: f64) -> f64 {
    let ahead = if margin.is_finite() { 1.0 - (-margin / CLOSE * std::f64::consts::LN_2).exp() } else { 1.0 };
    let strength = (evidence / (2.0 * WEAK)).clamp(0.0, 1.0);
    (ahead * strength * 100.0).round() / 100.0
}

/// The other choices worth reading: every combination of what the person left open.
fn choices(path: &Path, mapping: &ReadingMapping) -> Result<Vec<ReadingMapping>, LadderError> {
    let markdown = path.is_dir() || is_markdown(path);
    let depths: Vec<u8> = if markdown { super::heading_depths(path)? } else { Vec::new() };
    let open = |pinned: Option<u8>| -> Vec<Option<u8>> {
        match pinned {
            Some(depth) => vec![Some(depth)],
            None => std::iter::once(None).chain(depths.iter().copied().map(Some)).collect(),
        }
    };
    let transposed: Vec<Option<bool>> = match mapping.transposed {
        Some(pinned) => vec![Some(pinned)],
        None => vec![None, Some(true)],
    };
    let tables: Vec<Option<TableRoles>> = match mapping.table_roles {
        Some(pinned) => vec![Some(pinned)],
        None if markdown && !path.is_dir() && document_has_tables(path)? => {
            vec![None, Some(TableRoles::Rows), Some(TableRoles::Columns)]
        }
        None => vec![None],
    };
    let mut choices = Vec::new();
    for &table_roles in &tables {
        let by_headings = !matches!(table_roles, Some(TableRoles::Rows | TableRoles::Columns));
        let roles = if by_headings { open(mapping.role_heading_level) } else { vec![mapping.role_heading_level] };
        let groups = if by_headings { open(mapping.group_heading_level) } else { vec![mapping.group_heading_level] };
        for &role_heading_level in &roles {
            for &group_heading_level in &groups {
                if let (Some(role), Some(group)) = (role_heading_level, group_heading_level) {
                    if group <= role {
                        continue;
                    }
                }
                for &transposed in &transposed {
                    let choice = ReadingMapping {
                        role_heading_level,
                        group_heading_level,
                        transposed,
                        table_roles,
                        ..mapping.clone()
                    };
                    if choice != *mapping && choices.len() < MAX_READINGS {
                        choices.push(choice);
                    }
                }
            }
        }
    }
    Ok(choices)
}

fn document_has_tables(path: &Path) -> Result<bool, LadderError> {
    let text = super::source::decode_text(&super::source::read_limited(path)?, path)?;
    let (_, body) = super::front_matter::split(&text, path)?;
    Ok(tables::has_tables(&super::markdown::outline::outline(&body)))
}

/// What makes two readings the same: the same characteristics rated in the same roles.
type Shape = Vec<(String, bool, Vec<String>)>;

fn shape_of(ladder: &Ladder) -> Shape {
    ladder
        .roles
        .iter()
        .map(|role| {
            let names = role.characteristics.iter().map(|c| comparable(&c.title)).collect();
            (comparable(&role.title), role.incomplete, names)
        })
        .collect()
}

/// A reading in words: how many roles, which, and what each rates.
pub fn describe(ladder: &Ladder) -> String {
    let rated: Vec<&super::Role> =
        ladder.roles.iter().filter(|role| !role.incomplete && role.track != Track::Foundation).collect();
    let titles: Vec<&str> = rated.iter().map(|role| role.title.as_str()).collect();
    let Some(widest) = rated.iter().max_by_key(|role| role.characteristics.len()) else {
        return "no role with anything to rate".to_owned();
    };
    let names: Vec<&str> = widest.characteristics.iter().map(|c| c.title.as_str()).collect();
    let roles = if titles.len() == 1 { "1 role".to_owned() } else { format!("{} roles", titles.len()) };
    let what = if names.len() == 1 { "characteristic is" } else { "characteristics are" };
    format!("{roles} ({}) whose {what} {}", span(&titles), span(&names))
}
