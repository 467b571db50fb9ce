//! `rung candidates` and `rung recommend`: the debrief's result in a terminal, from the
//! database or from ratings kept in a CSV file.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::{Outcome, Who};
use crate::debrief;
use crate::level::{self, percent, Recommendation};
use crate::store::{Store, DB_FILE};

/// Where `rung recommend` takes its ratings from.
pub enum Source<'a> {
    Candidate(i64),
    Csv { ladder: &'a Path, ratings: &'a Path, target: Option<&'a str> },
}

pub(super) fn open_existing(data_dir: &Path) -> Result<Store, String> {
    let path: PathBuf = data_dir.join(DB_FILE);
    if !path.exists() {
        return Err(format!("there is no Rung database at {}. Run the app once, or pass --data-dir.", path.display()));
    }
    let mut store = Store::open(&path).map_err(|e| e.to_string())?;
    crate::key_vault::use_system_keyring(&mut store);
    Ok(store)
}

/// `open_existing` for a command that only reads: beside other readers, and on a data
/// folder Rung may not write (said on stderr, so the output stays the same).
pub(super) fn open_reading(data_dir: &Path) -> Result<Store, String> {
    let path: PathBuf = data_dir.join(DB_FILE);
    if !path.exists() {
        return Err(format!("there is no Rung database at {}. Run the app once, or pass --data-dir.", path.display()));
    }
    let mut store = Store::open_for_reading(&path).map_err(|e| e.to_string())?;
    if store.is_read_only() {
        eprintln!(
            "note: the data folder {} is read-only, so Rung only reads it (nothing can be changed or finished there).",
            data_dir.display()
        );
    }
    crate::key_vault::use_system_keyring(&mut store);
    Ok(store)
}

pub fn candidates(data_dir: &Path, as_json: bool) -> Outcome {
    let store = open_reading(data_dir)?;
    let statuses = debrief::candidate_statuses(&store).map_err(|e| e.to_string())?;
    if as_json {
        return Ok(serde_json::to_string_pretty(&statuses).expect("statuses serialize"));
    }
    if statuses.is_empty() {
        return Ok("no candidates yet".to_owned());
    }
    let mut out = String::new();
    for status in statuses {
        let _ = writeln!(out, "{:>4}  {}  [{}]  {}", status.id, status.name, status.target_role_key, status.status);
    }
    Ok(out.trim_end().to_owned())
}

pub fn calibration(data_dir: &Path, who: Who<'_>, as_json: bool) -> Outcome {
    let mut store = open_reading(data_dir)?;
    let actor = who.actor(&mut store)?;
    let rows = debrief::calibration(&store, actor).map_err(|e| e.to_string())?;
    if as_json {
        return Ok(serde_json::to_string_pretty(&rows).expect("calibration serializes"));
    }
    if rows.is_empty() {
        return Ok("no submitted scorecards yet".to_owned());
    }
    let mut out = format!(
        "{:<28} {:>7} {:>11} {:>11} {:>14}  reading\n",
        "interviewer", "ratings", "vs panel", "unassessed", "vs decision"
    );
    for row in rows {
        let c = &row.calibration;
        let difference = c.mean_difference.map_or_else(|| "—".to_owned(), |d| format!("{d:+.2}"));
        let unassessed = format!("{} of {}", c.focus_unassessed, c.focus_planned);
        let against = format!("{} of {}", c.decisions_disagreed, c.decisions_compared);
        let _ = writeln!(
            out,
            "{:<28} {:>7} {:>11} {:>11} {:>14}  {}",
            truncate(&row.name, 28),
            c.ratings,
            difference,
            unassessed,
            against,
            c.reading
        );
    }
    Ok(out.trim_end().to_owned())
}

pub fn recommend(data_dir: &Path, who: Who<'_>, source: Source<'_>, as_json: bool) -> Outcome {
    let recommendation = match source {
        Source::Candidate(id) => {
            let mut store = open_reading(data_dir)?;
            let actor = who.actor(&mut store)?;
            debrief::candidate_recommendation(&store, actor, id).map_err(|e| e.to_string())?
        }
        Source::Csv { ladder, ratings, target } => {
            let ladder_value = crate::ladder::load(ladder).map_err(|e| e.to_string())?;
            if let Some(key) = target.filter(|key| ladder_value.role(key).is_none()) {
                return Err(format!("{}: the ladder has no role {key:?} (see `rung ladder show`).", ladder.display()));
            }
            let bytes = rung_core::input::read_bounded(ratings, rung_core::input::InputKind::RatingsCsv)
                .map_err(|e| e.to_string())?;
            let parsed = level::ratings_csv::parse_file(&bytes, &ladder_value)
                .map_err(|e| format!("{}:{}: {}.", ratings.display(), e.line, e.reason))?;
            match parsed {
                level::ratings_csv::RatingsFile::Panel(parsed) => level::recommend(&ladder_value, &parsed, target),
                level::ratings_csv::RatingsFile::Candidates(candidates) => {
                    return Ok(recommend_many(&ladder_value, &candidates, target, as_json))
                }
            }
        }
    };
    Ok(if as_json { to_json(&recommendation) } else { to_text(&recommendation) })
}

/// Every candidate of a file with a `candidate` column: the whole file is the
/// interviewers' history the measurement model is fitted on; each candidate's own
/// `target` (or `--target`) only breaks ties between tracks.
fn recommend_many(
    ladder: &crate::ladder::Ladder,
    candidates: &[level::ratings_csv::CsvCandidate],
    target: Option<&str>,
    as_json: bool,
) -> String {
    use level::model::{recommend_probable, CandidateRatings, MeasurementModel};
    let history: Vec<CandidateRatings> = candidates
        .iter()
        .map(|c| CandidateRatings { candidate: c.candidate.clone(), ratings: c.ratings.clone() })
        .collect();
    let model = MeasurementModel::fit(ladder, &history);
    let results: Vec<(&level::ratings_csv::CsvCandidate, level::model::ProbableRecommendation)> = candidates
        .iter()
        .map(|c| (c, recommend_probable(ladder, &model, &c.ratings, c.target.as_deref().or(target))))
        .collect();
    if as_json {
        let list: Vec<serde_json::Value> = results
            .iter()
            .map(|(c, r)| {
                json!({
                    "candidate": c.candidate,
                    "role": r.role,
                    "band": r.band,
                    "role_probability": r.role_probability,
                    "band_probability": r.band_probability,
                    "between": r.between.as_ref().map(|b| json!({"lower": b.lower, "upper": b.upper})),
                    "headline": r.headline,
                })
            })
            .collect();
        return serde_json::to_string_pretty(&list).expect("recommendations serialize");
    }
    let mut out = String::new();
    for (c, r) in results {
        let _ = writeln!(out, "{}: {}", c.candidate, r.headline);
    }
    out.trim_end().to_owned()
}

fn to_json(r: &Recommendation) -> String {
    let value = json!({
        "role": r.role,
        "title": r.title,
        "band": r.band,
        "level": r.level,
        "track": r.track,
        "confidence": r.confidence.level,
        "confidence_reason": r.confidence.reason,
        "alpha": r.agreement.alpha,
        "alpha_interval": r.agreement.alpha_interval,
        "pairs": r.agreement.pairs,
        "agreement": r.agreement.reading,
        "roles": r.roles.iter().map(|role| json!({
            "key": role.key,
            "title": role.title,
            "level": role.level,
            "met": role.met,
            "coverage": role.coverage,
            "band": role.band,
        })).collect::<Vec<_>>(),
        "disagreements": r.agreement.spreads.iter().filter(|s| s.flagged).map(|s| json!({
            "role": s.characteristic.role_key,
            "characteristic": s.characteristic.characteristic_key,
            "lowest": s.lowest,
            "highest": s.highest,
        })).collect::<Vec<_>>(),
        "decided_by": r.decided_by,
        "against": r.against,
        "missing": r.missing,
        "rationale": r.rationale,
    });
    serde_json::to_string_pretty(&value).expect("a recommendation serializes")
}

fn to_text(r: &Recommendation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", r.rationale.first().map_or("", String::as_str));
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<52} {:>5} {:>9}  band", "role", "met", "coverage");
    for role in &r.roles {
        let band = role.band.map_or("—", |band| band.label());
        let name = crate::ladder::role_label(role.level, &role.title);
        let _ = writeln!(
            out,
            "{:<52} {:>5} {:>9}  {band}",
            truncate(&name, 52),
            percent(role.met),
            percent(Some(role.coverage))
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Why:");
    for sentence in r.rationale.iter().skip(1) {
        let _ = writeln!(out, "  - {sentence}");
    }
    out.trim_end().to_owned()
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}
