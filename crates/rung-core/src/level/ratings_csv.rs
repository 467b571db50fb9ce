//! Ratings kept elsewhere (a spreadsheet, another tool) as CSV, checked against a ladder:
//! a header `interviewer,role,characteristic,rating`; role and characteristic are the
//! keys `rung ladder show --json` prints; rating 1..n on the ladder's scale, or empty or
//! `0` for not assessed. Any problem names its line.
//!
//! With a `candidate` column (and optionally `target`, the role applied for) the file
//! holds many candidates' panels: `parse_file` gives each candidate's ratings, in the
//! order they first appear.

use std::collections::{HashMap, HashSet};

use super::panel::PanelRating;
use crate::ladder::Ladder;
use crate::scorecard::template::CharacteristicRef;

const COLUMNS: [&str; 4] = ["interviewer", "role", "characteristic", "rating"];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct RatingsCsvError {
    pub line: u64,
    pub reason: String,
}

fn at(line: u64, reason: impl Into<String>) -> RatingsCsvError {
    RatingsCsvError { line, reason: reason.into() }
}

/// One candidate's panel from a file with a `candidate` column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvCandidate {
    pub candidate: String,
    /// The role applied for, when the file has a `target` column and it is filled in.
    pub target: Option<String>,
    pub ratings: Vec<PanelRating>,
}

/// What a ratings file holds: one panel, or many candidates' panels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatingsFile {
    Panel(Vec<PanelRating>),
    Candidates(Vec<CsvCandidate>),
}

/// One panel's ratings (a file without a `candidate` column).
pub fn parse(bytes: &[u8], ladder: &Ladder) -> Result<Vec<PanelRating>, RatingsCsvError> {
    match parse_file(bytes, ladder)? {
        RatingsFile::Panel(ratings) => Ok(ratings),
        RatingsFile::Candidates(_) => {
            Err(at(1, "the file has a candidate column: it holds many candidates, not one panel"))
        }
    }
}

/// A ratings file with or without `candidate` and `target` columns.
pub fn parse_file(bytes: &[u8], ladder: &Ladder) -> Result<RatingsFile, RatingsCsvError> {
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = bytes[..error.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        at(line, "the text is not UTF-8; save the file as UTF-8 (CSV UTF-8 in a spreadsheet)")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(at(1, "the file is empty; it needs the header interviewer,role,characteristic,rating")),
        Some(record) => record.map_err(|e| csv_error(&e))?,
    };
    let names: Vec<String> = header.iter().map(|h| h.to_ascii_lowercase()).collect();
    let column = |name: &str| names.iter().position(|h| h == name);
    let positions: Vec<usize> = match COLUMNS.iter().map(|name| column(name)).collect::<Option<Vec<_>>>() {
        Some(positions) => positions,
        None => {
            return Err(at(
                1,
                format!(
                    "the first line must be the header interviewer,role,characteristic,rating (found {:?})",
                    header.iter().collect::<Vec<_>>().join(",")
                ),
            ))
        }
    };
    let candidate_column = column("candidate");
    let target_column = column("target");
    let top = ladder.rating_scale.levels.len();
    let mut candidates: Vec<CsvCandidate> = Vec::new();
    let mut seen = HashSet::new();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut ratings = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_error(&e))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let field = |index: usize| record.get(positions[index]).unwrap_or("");
        let (rater, role_key, characteristic_key, rating) = (field(0), field(1), field(2), field(3));
        if rater.is_empty() {
            return Err(at(line, "the interviewer is empty"));
        }
        let candidate = candidate_column.map(|c| record.get(c).unwrap_or("").to_owned());
        if candidate.as_deref() == Some("") {
            return Err(at(line, "the candidate is empty"));
        }
        let target = target_column.map(|c| record.get(c).unwrap_or("")).filter(|t| !t.is_empty());
        if let Some(key) = target.filter(|key| ladder.role(key).is_none()) {
            return Err(at(line, format!("the target {key:?} is not a role of the ladder")));
        }
        let role = ladder.role(role_key).ok_or_else(|| at(line, format!("the ladder has no role {role_key:?}")))?;
        if !role.characteristics.iter().any(|c| c.key == characteristic_key) {
            return Err(at(line, format!("role {role_key:?} has no characteristic {characteristic_key:?}")));
        }
        let score = match rating {
            "" | "0" => None,
            text => match text.parse::<u8>() {
                Ok(value) if (1..=top).contains(&usize::from(value)) => Some(value),
                _ => {
                    return Err(at(
                        line,
                        format!("rating {text:?} is not on the scale: 1 to {top}, or empty or 0 for not assessed"),
                    ))
                }
            },
        };
        // One identity rule: "priya", " Priya " and "Priya" are one interviewer, named as
        // first written.
        let key = crate::identity::matching_key(rater);
        let rater = names.entry(key.clone()).or_insert_with(|| crate::identity::display_name(rater)).clone();
        if !seen.insert((candidate.clone(), key, role_key.to_owned(), characteristic_key.to_owned())) {
            let whom = candidate.as_deref().map_or_else(String::new, |c| format!(" for {c}"));
            return Err(at(line, format!("{rater} rates {role_key}/{characteristic_key} a second time{whom}")));
        }
        let rating = PanelRating {
            rater,
            characteristic: CharacteristicRef {
                role_key: role_key.to_owned(),
                characteristic_key: characteristic_key.to_owned(),
            },
            score,
        };
        let Some(candidate) = candidate else {
            ratings.push(rating);
            continue;
        };
        let position = match candidates.iter().position(|c| c.candidate == candidate) {
            Some(position) => position,
            None => {
                candidates.push(CsvCandidate { candidate, target: None, ratings: Vec::new() });
                candidates.len() - 1
            }
        };
        let entry = &mut candidates[position];
        match (&entry.target, target) {
            (Some(known), Some(given)) if known != given => {
                return Err(at(line, format!("{} applied for {known:?}, not {given:?}", entry.candidate)))
            }
            (None, Some(given)) => entry.target = Some(given.to_owned()),
            _ => {}
        }
        entry.ratings.push(rating);
    }
    Ok(if candidate_column.is_some() { RatingsFile::Candidates(candidates) } else { RatingsFile::Panel(ratings) })
}

fn csv_error(error: &csv::Error) -> RatingsCsvError {
    let line = error.position().map_or(0, |p| p.line());
    match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            at(line, format!("{len} fields where the header has {expected_len}"))
        }
        _ => at(line, error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_interviewer_however_their_name_is_cased_or_spaced() {
        let ladder = crate::ladder::default_ladder();
        let role = ladder.roles.iter().find(|r| !r.incomplete).unwrap();
        let (a, b) = (&role.characteristics[0].key, &role.characteristics[1].key);
        let csv = format!(
            "interviewer,role,characteristic,rating\nPriya Natarajan,{r},{a},3\n priya  natarajan ,{r},{b},2\n",
            r = role.key
        );
        let ratings = super::parse(csv.as_bytes(), &ladder).unwrap();
        assert!(ratings.iter().all(|r| r.rater == "Priya Natarajan"), "{ratings:?}");
        let twice = format!("{csv}PRIYA NATARAJAN,{r},{a},4\n", r = role.key);
        let error = super::parse(twice.as_bytes(), &ladder).unwrap_err().to_string();
        assert!(error.contains("line 4: Priya Natarajan rates") && error.contains("a second time"), "{error}");
    }

    #[test]
    fn a_candidate_column_splits_the_file_into_panels_with_their_targets() {
        let ladder = crate::ladder::default_ladder();
        let role = ladder.roles.iter().find(|r| !r.incomplete).unwrap();
        let a = &role.characteristics[0].key;
        let r = &role.key;
        let csv = format!(
            "candidate,target,interviewer,role,characteristic,rating\nAda,{r},Priya,{r},{a},3\nBo,,Priya,{r},{a},2\nAda,,Sam,{r},{a},4\n"
        );
        let super::RatingsFile::Candidates(candidates) = super::parse_file(csv.as_bytes(), &ladder).unwrap() else {
            panic!("a candidate column gives candidates")
        };
        let names: Vec<(&str, Option<&str>, usize)> =
            candidates.iter().map(|c| (c.candidate.as_str(), c.target.as_deref(), c.ratings.len())).collect();
        assert_eq!(names, [("Ada", Some(r.as_str()), 2), ("Bo", None, 1)]);
        let error = super::parse(csv.as_bytes(), &ladder).unwrap_err().to_string();
        assert!(error.contains("candidate column"), "{error}");
        let bad = format!("{csv}Bo,nobody,Sam,{r},{a},2\n");
        let error = super::parse_file(bad.as_bytes(), &ladder).unwrap_err().to_string();
        assert!(error.starts_with("line 5: the target \"nobody\""), "{error}");
    }
}
