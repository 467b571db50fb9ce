//! Whether sealed scorecards still match their seals, and whether the audit log and the
//! data it describes agree. The hash chain alone proves only that the log was not
//! edited; these checks catch data changed behind the log's back (a trigger dropped
//! and recreated, a forged scorecard, a log truncated together with its head).

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use crate::error::StoreError;
use crate::scorecards::read_scorecard;
use rung_core::scorecard::seal_holds;

/// One sentence per submitted scorecard whose content no longer matches its seal.
pub fn seal_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    for id in ids(conn, "SELECT id FROM scorecards WHERE status = 'submitted' ORDER BY id")? {
        if !seal_holds(&read_scorecard(conn, id)?) {
            problems.push(format!("scorecard {id} was changed after it was sealed (its seal no longer matches)"));
        }
    }
    for decision in crate::decisions::all_decisions(conn)? {
        if rung_core::decision::seal(&decision) != decision.seal_sha256 {
            problems
                .push(format!("decision {} was changed after it was sealed (its seal no longer matches)", decision.id));
        }
    }
    Ok(problems)
}

/// What the log says happened, reduced to what the data must still show.
#[derive(Default)]
struct Logged {
    /// (entity, id) of everything the log says was created.
    created: HashSet<(String, i64)>,
    /// Scorecard id → the seal its submission recorded.
    submitted: HashMap<i64, String>,
    /// Decision id → the seal it was recorded with.
    decided: HashMap<i64, String>,
    /// (scorecard, role, characteristic) → the last score saved.
    last_score: HashMap<(i64, String, String), Option<i64>>,
    /// Public keys the log says were trusted.
    keys: HashSet<String>,
}

fn read_log(conn: &Connection) -> Result<Logged, StoreError> {
    let mut logged = Logged::default();
    let mut statement = conn.prepare("SELECT action, entity_id, payload FROM audit_log ORDER BY id")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let action: String = row.get(0)?;
        let id: i64 = row.get(1)?;
        let payload: serde_json::Value = serde_json::from_str(&row.get::<_, String>(2)?).unwrap_or_default();
        let text = |key: &str| payload.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        match action.as_str() {
            "ladder.import" => _ = logged.created.insert(("ladder".into(), id)),
            "candidate.create" => _ = logged.created.insert(("candidate".into(), id)),
            "interviewer.create" => _ = logged.created.insert(("interviewer".into(), id)),
            "scorecard.start" | "scorecard.amend" => _ = logged.created.insert(("scorecard".into(), id)),
            "scorecard.submit" => _ = logged.submitted.insert(id, text("seal_sha256")),
            "scorecard.import" => {
                logged.created.insert(("scorecard".into(), id));
                logged.submitted.insert(id, text("seal_sha256"));
            }
            "decision.record" | "decision.amend" => _ = logged.decided.insert(id, text("seal_sha256")),
            "candidate.erase" => {
                // What an erasure took is accounted for: it is not missing.
                logged.created.remove(&("candidate".to_owned(), id));
                let listed = |key: &str| -> Vec<i64> {
                    payload
                        .get(key)
                        .and_then(|v| v.as_array())
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.as_i64())
                        .collect()
                };
                for scorecard in listed("scorecard_ids") {
                    logged.created.remove(&("scorecard".to_owned(), scorecard));
                    logged.submitted.remove(&scorecard);
                    logged.last_score.retain(|(card, _, _), _| *card != scorecard);
                }
                for decision in listed("decision_ids") {
                    logged.decided.remove(&decision);
                }
            }
            "key.add" => _ = logged.keys.insert(text("public_key")),
            "rating.save" => {
                let key = (id, text("role_key"), text("characteristic_key"));
                logged.last_score.insert(key, payload.get("score").and_then(|v| v.as_i64()));
            }
            _ => {}
        }
    }
    Ok(logged)
}

pub fn consistency_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let logged = read_log(conn)?;
    let mut problems = Vec::new();
    for (entity, table) in [
        ("ladder", "ladders"),
        ("candidate", "candidates"),
        ("interviewer", "interviewers"),
        ("scorecard", "scorecards"),
    ] {
        for id in ids(conn, &format!("SELECT id FROM {table} ORDER BY id"))? {
            if !logged.created.contains(&(entity.to_owned(), id)) {
                problems.push(format!("{entity} {id} has no entry in the audit log"));
            }
        }
    }
    problems.extend(submission_problems(conn, &logged)?);
    problems.extend(decision_problems(conn, &logged)?);
    problems.extend(draft_rating_problems(conn, &logged)?);
    let mut statement = conn.prepare("SELECT public_key FROM signing_keys ORDER BY rowid")?;
    for key in statement.query_map([], |row| row.get::<_, String>(0))? {
        let key = key?;
        if !logged.keys.contains(&key) {
            let short = rung_core::signing::fingerprint(&key);
            problems
                .push(format!("signing key {short} has no entry in the audit log: it was not trusted through Rung"));
        }
    }
    Ok(problems)
}

/// Every sealed scorecard was submitted through Rung with that seal, and every logged
/// submission is still there, sealed as logged.
fn submission_problems(conn: &Connection, logged: &Logged) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    let mut sealed: HashMap<i64, String> = HashMap::new();
    let mut statement = conn.prepare("SELECT id, seal_sha256 FROM scorecards WHERE status = 'submitted'")?;
    for row in statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))? {
        let (id, seal) = row?;
        sealed.insert(id, seal);
    }
    for (id, seal) in &sealed {
        match logged.submitted.get(id) {
            None => problems.push(format!("scorecard {id} is sealed, but the audit log has no submission of it")),
            Some(logged_seal) if logged_seal != seal => {
                problems.push(format!("scorecard {id} carries a different seal from the one its submission logged"))
            }
            Some(_) => {}
        }
    }
    for id in logged.submitted.keys() {
        if !sealed.contains_key(id) {
            problems.push(format!("scorecard {id} was submitted (audit log) but is no longer a sealed scorecard"));
        }
    }
    problems.sort();
    Ok(problems)
}

/// Every decision was recorded through Rung with its seal, and every logged one is there.
fn decision_problems(conn: &Connection, logged: &Logged) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    let decisions = crate::decisions::all_decisions(conn)?;
    for decision in &decisions {
        match logged.decided.get(&decision.id) {
            None => problems.push(format!("decision {} has no entry in the audit log", decision.id)),
            Some(seal) if *seal != decision.seal_sha256 => {
                problems.push(format!("decision {} carries a different seal from the one logged", decision.id))
            }
            Some(_) => {}
        }
    }
    let mut logged_ids: Vec<&i64> =
        logged.decided.keys().filter(|id| !decisions.iter().any(|d| d.id == **id)).collect();
    logged_ids.sort();
    for id in logged_ids {
        problems.push(format!("decision {id} was recorded (audit log) but is gone"));
    }
    Ok(problems)
}

/// A draft's ratings are exactly what was last saved (an amendment starts from its
/// original's ratings, which the log does not repeat).
fn draft_rating_problems(conn: &Connection, logged: &Logged) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    let mut statement = conn.prepare(
        "SELECT r.scorecard_id, r.role_key, r.characteristic_key, r.score, o.score, o.scorecard_id IS NOT NULL
         FROM ratings r JOIN scorecards s ON s.id = r.scorecard_id
         LEFT JOIN ratings o ON o.scorecard_id = s.amends_scorecard_id
              AND o.role_key = r.role_key AND o.characteristic_key = r.characteristic_key
         WHERE s.status = 'draft' ORDER BY r.scorecard_id, r.role_key, r.characteristic_key",
    )?;
    let mut present = HashSet::new();
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let key: (i64, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let score: Option<i64> = row.get(3)?;
        let (original, copied): (Option<i64>, bool) = (row.get(4)?, row.get(5)?);
        let agrees = match logged.last_score.get(&key) {
            Some(last) => *last == score,
            None => copied && original == score,
        };
        if !agrees {
            problems.push(format!("scorecard {} has a rating for {} that the audit log never saw saved", key.0, key.2));
        }
        present.insert(key);
    }
    let mut drafts = HashSet::new();
    for id in ids(conn, "SELECT id FROM scorecards WHERE status = 'draft'")? {
        drafts.insert(id);
    }
    let mut missing: Vec<&(i64, String, String)> =
        logged.last_score.keys().filter(|key| drafts.contains(&key.0) && !present.contains(*key)).collect();
    missing.sort();
    for key in missing {
        problems.push(format!("scorecard {} lost its saved rating for {}", key.0, key.2));
    }
    Ok(problems)
}

fn ids(conn: &Connection, sql: &str) -> Result<Vec<i64>, StoreError> {
    let mut statement = conn.prepare(sql)?;
    let ids = statement.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}
