//! `db check` on signatures: every sealed scorecard and decision is signed (or was sealed
//! before signatures and listed then), every signature holds for the seal it is over,
//! that seal is the row's (recomputed, for what arrived from elsewhere), and the key
//! is one this laptop trusts for whoever sealed it. A row forged into the file with a
//! recomputed seal has no signature a trusted key made, so it shows up here.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use crate::error::StoreError;
use crate::scorecards::read_scorecard;
use crate::signatures::{all_decision_signatures, all_scorecard_signatures};
use rung_core::scorecard::seal;
use rung_core::signing::Statement;

pub fn signature_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let keys = trusted_keys(conn)?;
    let mut problems = scorecard_problems(conn, &keys)?;
    problems.extend(decision_problems(conn, &keys)?);
    Ok(problems)
}

/// Public key → whom it is trusted for (`None`: a laptop's decision key).
fn trusted_keys(conn: &Connection) -> Result<HashMap<String, Option<i64>>, StoreError> {
    let mut statement = conn.prepare("SELECT public_key, interviewer_id FROM signing_keys")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn id_set(conn: &Connection, sql: &str) -> Result<HashSet<i64>, StoreError> {
    let mut statement = conn.prepare(sql)?;
    let ids = statement.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}

fn scorecard_problems(conn: &Connection, keys: &HashMap<String, Option<i64>>) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    let unsigned_before = id_set(conn, "SELECT scorecard_id FROM scorecards_sealed_unsigned")?;
    let signatures = all_scorecard_signatures(conn)?;
    let signed: HashSet<i64> = signatures.iter().map(|s| s.scorecard_id).collect();
    for id in id_set(conn, "SELECT id FROM scorecards WHERE status = 'submitted'")? {
        if !signed.contains(&id) && !unsigned_before.contains(&id) {
            problems.push(format!("scorecard {id} is sealed but not signed: it was not sealed through Rung"));
        }
    }
    let imported: HashMap<i64, String> = {
        let mut statement = conn.prepare("SELECT scorecard_id, source_seal_sha256 FROM imported_scorecards")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for stored in &signatures {
        let id = stored.scorecard_id;
        let local = read_scorecard(conn, id)?;
        if !stored.holds() {
            problems
                .push(format!("scorecard {id}'s signature does not hold: it or its names were changed after signing"));
            continue;
        }
        let sealed_there = stored.as_sealed_there(&local);
        let recomputed = sealed_there.as_ref().zip(local.submitted_at.as_deref()).map(|(card, at)| seal(card, at));
        let expected_seal = match &stored.source_ids {
            None => local.seal_sha256.clone(),
            Some(_) => imported.get(&id).cloned(),
        };
        if recomputed.as_deref() != Some(stored.signed_seal.as_str())
            || expected_seal.as_deref() != Some(&stored.signed_seal)
        {
            problems.push(format!("scorecard {id} no longer matches the seal its signature is over"));
        }
        match keys.get(&stored.signature.public_key) {
            Some(Some(owner)) if *owner == local.interviewer_id => {}
            Some(_) => problems.push(format!("scorecard {id} is signed with another person's key")),
            None => problems.push(format!("scorecard {id} is signed with a key this laptop does not trust")),
        }
    }
    Ok(problems)
}

fn decision_problems(conn: &Connection, keys: &HashMap<String, Option<i64>>) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    let unsigned_before = id_set(conn, "SELECT decision_id FROM decisions_sealed_unsigned")?;
    let decisions = crate::decisions::all_decisions(conn)?;
    let signatures: HashMap<i64, _> = all_decision_signatures(conn)?.into_iter().map(|s| (s.decision_id, s)).collect();
    for decision in &decisions {
        let id = decision.id;
        let Some(stored) = signatures.get(&id) else {
            if !unsigned_before.contains(&id) {
                problems.push(format!("decision {id} is sealed but not signed: it was not recorded through Rung"));
            }
            continue;
        };
        let (signed_seal, signature) = (&stored.signed_seal, &stored.signature);
        if !signature.verifies(&Statement::Decision { seal: signed_seal }) {
            problems.push(format!("decision {id}'s signature does not hold"));
            continue;
        }
        let recomputed = match &stored.source_ids {
            None => rung_core::decision::seal(decision),
            Some(json) => source_decision_seal(decision, json).unwrap_or_default(),
        };
        if recomputed != *signed_seal {
            problems.push(format!("decision {id} no longer matches the seal its signature is over"));
        }
        if !matches!(keys.get(&signature.public_key), Some(None)) {
            problems.push(format!("decision {id} is signed with a key this laptop does not trust for decisions"));
        }
    }
    Ok(problems)
}

/// The seal of a decision as it was recorded where it was made (its ids there).
fn source_decision_seal(decision: &rung_core::decision::Decision, json: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Ids {
        id: i64,
        candidate_id: i64,
        amends: Option<i64>,
    }
    let ids: Ids = serde_json::from_str(json).ok()?;
    let there = rung_core::decision::Decision {
        id: ids.id,
        candidate_id: ids.candidate_id,
        amends: ids.amends,
        ..decision.clone()
    };
    Some(rung_core::decision::seal(&there))
}
