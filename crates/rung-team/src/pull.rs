//! Pulling what changed on the server since this laptop's last horizon, checking every
//! sealed thing against its seal before anything is stored, and storing it in small
//! local transactions (so the window's saves interleave with a long pull).

use std::collections::{HashMap, HashSet};

use rung_core::bundle::BundledScorecard;
use rung_core::decision::Decision;
use rung_core::signing::{SealSignature, Statement};
use rung_core::team::{
    check_pulled_decision, check_pulled_ladder, check_pulled_report, check_pulled_scorecard, SharedCandidate,
    SharedInterview, SharedReport,
};
use rung_store::{ImportTarget, OutboxKind, Store, StoreError, TeamBinding};
use tokio_postgres::Client;

use crate::error::TeamError;
use crate::local::LocalStore;
use crate::push::Moved;

/// How many pulled things are stored per local transaction.
const APPLY_BATCH: usize = 250;

pub(crate) struct Pulled {
    pub moved: Moved,
    pub members: u32,
    pub ladders: u32,
    /// Rows refused because they fail their checks (a tampered server), as sentences.
    pub problems: Vec<String>,
}

struct ServerScorecard {
    seal: String,
    candidate: String,
    login: String,
    position: Option<i32>,
    amends_seal: Option<String>,
    body: serde_json::Value,
}

/// Everything read from the server in one snapshot.
struct Incoming {
    horizon: String,
    members: Vec<(String, String)>,
    /// Login → the public keys that login registered (every key, every pull: they are few).
    member_keys: HashMap<String, HashSet<String>>,
    ladders: Vec<(String, String, String)>,
    candidates: Vec<SharedCandidate>,
    panels: Vec<(String, Vec<SharedInterview>)>,
    scorecards: Vec<ServerScorecard>,
    /// (seal, candidate, recorded by, body)
    decisions: Vec<(String, String, String, serde_json::Value)>,
    /// (data hash, candidate, record, PDF)
    reports: Vec<(String, String, serde_json::Value, Vec<u8>)>,
    erasures: Vec<String>,
}

pub(crate) async fn pull(
    local: &impl LocalStore,
    client: &mut Client,
    binding: &TeamBinding,
    superseded: &[String],
) -> Result<Pulled, TeamError> {
    let cursor = local.with(|store| store.team_cursor("horizon"))?.unwrap_or_else(|| "0".to_owned());
    let local_counts = local.with(|store| store.submitted_counts_by_global_id())?;
    let incoming = read_server(client, &binding.server, &cursor, superseded, &local_counts).await?;
    let mut pulled = Pulled { moved: Moved::default(), members: 0, ladders: 0, problems: Vec::new() };
    apply(local, incoming, &mut pulled)?;
    Ok(pulled)
}

async fn read_server(
    client: &mut Client,
    server: &str,
    cursor: &str,
    superseded: &[String],
    local_counts: &HashMap<String, i64>,
) -> Result<Incoming, TeamError> {
    let err = |e| TeamError::from_query(e, server);
    let tx = client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await
        .map_err(err)?;
    // Every transaction below this id had ended when the snapshot was taken: next time,
    // rows from here on are read again (idempotently), so none committed late is missed.
    let horizon: String =
        tx.query_one("SELECT pg_snapshot_xmin(pg_current_snapshot())::text", &[]).await.map_err(err)?.get(0);
    let since = "tx >= $1::text::xid8";
    let members = tx
        .query(&format!("SELECT login::text, display_name FROM rung.members WHERE {since}"), &[&cursor])
        .await
        .map_err(err)?
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let mut member_keys: HashMap<String, HashSet<String>> = HashMap::new();
    for row in tx.query("SELECT login::text, public_key FROM rung.member_keys", &[]).await.map_err(err)? {
        member_keys.entry(row.get(0)).or_default().insert(row.get(1));
    }
    let ladders = tx
        .query(&format!("SELECT snapshot_sha256, name, snapshot_json FROM rung.ladders WHERE {since}"), &[&cursor])
        .await
        .map_err(err)?
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2)))
        .collect();
    let mut candidates = Vec::new();
    for row in tx
        .query(
            &format!("SELECT body FROM rung.candidates WHERE {since} OR id = ANY($2) ORDER BY tx"),
            &[&cursor, &superseded],
        )
        .await
        .map_err(err)?
    {
        candidates.push(
            serde_json::from_value(row.get(0))
                .map_err(|e| TeamError::Server(format!("a candidate on the server does not read: {e}")))?,
        );
    }
    let mut panels = Vec::new();
    for row in tx
        .query(
            &format!(
                "SELECT candidate_id, interviews FROM rung.panels WHERE {since} OR candidate_id = ANY($2) ORDER BY tx"
            ),
            &[&cursor, &superseded],
        )
        .await
        .map_err(err)?
    {
        let interviews = serde_json::from_value(row.get(1))
            .map_err(|e| TeamError::Server(format!("a panel plan on the server does not read: {e}")))?;
        panels.push((row.get(0), interviews));
    }
    // Scorecards become readable when the rules allow (after one's own submission; for a
    // coordinator, once all are in), not when they are written: compare counts instead.
    let server_counts =
        tx.query("SELECT candidate_id, count(*) FROM rung.scorecards GROUP BY candidate_id", &[]).await.map_err(err)?;
    let changed: Vec<String> = server_counts
        .iter()
        .filter(|row| local_counts.get(row.get::<_, &str>(0)) != Some(&row.get::<_, i64>(1)))
        .map(|row| row.get(0))
        .collect();
    let scorecards = tx
        .query(
            "SELECT seal, candidate_id, interviewer::text, interview_position, amends_seal, body FROM rung.scorecards
             WHERE candidate_id = ANY($1) ORDER BY amends_seal IS NOT NULL, tx",
            &[&changed],
        )
        .await
        .map_err(err)?
        .iter()
        .map(|row| ServerScorecard {
            seal: row.get(0),
            candidate: row.get(1),
            login: row.get(2),
            position: row.get(3),
            amends_seal: row.get(4),
            body: row.get(5),
        })
        .collect();
    let decisions = tx
        .query(
            &format!(
                "SELECT seal, candidate_id, recorded_by::text, body FROM rung.decisions WHERE {since} ORDER BY tx"
            ),
            &[&cursor],
        )
        .await
        .map_err(err)?
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
        .collect();
    let reports = tx
        .query(
            &format!("SELECT data_sha256, candidate_id, body, pdf FROM rung.reports WHERE {since} ORDER BY tx"),
            &[&cursor],
        )
        .await
        .map_err(err)?
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
        .collect();
    let erasures = tx
        .query(&format!("SELECT candidate_id FROM rung.erasures WHERE {since}"), &[&cursor])
        .await
        .map_err(err)?
        .iter()
        .map(|row| row.get(0))
        .collect();
    tx.commit().await.map_err(err)?;
    Ok(Incoming {
        horizon,
        members,
        member_keys,
        ladders,
        candidates,
        panels,
        scorecards,
        decisions,
        reports,
        erasures,
    })
}

fn apply(local: &impl LocalStore, incoming: Incoming, pulled: &mut Pulled) -> Result<(), TeamError> {
    local.with(|store| {
        store.atomically(|store| {
            for (login, name) in &incoming.members {
                store.interviewer_for_member(login, name)?;
            }
            Ok(())
        })
    })?;
    pulled.members = incoming.members.len() as u32;
    for (sha, _name, json) in &incoming.ladders {
        if let Err(problem) = check_pulled_ladder(json, sha) {
            pulled.problems.push(problem.to_string());
            continue;
        }
        if local.with(|store| apply_ladder(store, sha, json))? {
            pulled.ladders += 1;
        }
    }
    // Ladder ids by snapshot hash, looked up once: reading a stored ladder's summary is
    // not free, and every candidate and scorecard names one.
    let ladders: HashMap<String, i64> =
        local.with(|store| store.list_ladders())?.into_iter().map(|l| (l.snapshot_sha256, l.id)).collect();
    for chunk in incoming.candidates.chunks(APPLY_BATCH) {
        local.with(|store| {
            store.atomically(|store| chunk.iter().try_for_each(|c| apply_candidate(store, c, &ladders, pulled)))
        })?;
    }
    for chunk in incoming.panels.chunks(APPLY_BATCH) {
        local.with(|store| {
            store.atomically(|store| {
                chunk.iter().try_for_each(|(candidate, interviews)| apply_panel(store, candidate, interviews, pulled))
            })
        })?;
    }
    for chunk in incoming.scorecards.chunks(APPLY_BATCH) {
        local.with(|store| {
            store.atomically(|store| {
                chunk.iter().try_for_each(|card| apply_scorecard(store, card, &ladders, &incoming.member_keys, pulled))
            })
        })?;
    }
    for chunk in incoming.decisions.chunks(APPLY_BATCH) {
        local.with(|store| {
            store.atomically(|store| {
                chunk.iter().try_for_each(|(seal, candidate, by, body)| {
                    let keys = incoming.member_keys.get(by);
                    apply_decision(store, seal, candidate, body, keys, pulled)
                })
            })
        })?;
    }
    for (data_sha256, candidate, body, pdf) in &incoming.reports {
        local.with(|store| apply_report(store, data_sha256, candidate, body, pdf, pulled))?;
    }
    for candidate in &incoming.erasures {
        if let Some(id) = local.with(|store| store.candidate_with_global_id(candidate))? {
            match local.with(|store| store.apply_shared_erasure(id)) {
                Ok(_) => pulled.moved.erasures += 1,
                Err(StoreError::LegalHold) => pulled.problems.push(
                    "A candidate erased on the server is on legal hold here, so they were kept on this laptop: lift the hold and sync again to erase them."
                        .to_owned(),
                ),
                Err(error) => return Err(error.into()),
            }
        }
    }
    // A refused row keeps the horizon where it was, so it is checked (and reported) again.
    if pulled.problems.is_empty() {
        local.with(|store| store.set_team_cursor("horizon", &incoming.horizon))?;
    }
    Ok(())
}

/// Stores a snapshot this laptop lacks; true when it was new here.
fn apply_ladder(store: &mut Store, sha: &str, json: &str) -> Result<bool, StoreError> {
    if store.find_ladder(sha)?.is_some() {
        return Ok(false);
    }
    let ladder = rung_core::ladder::json::from_json(json, std::path::Path::new("team server"))
        .map_err(|e| StoreError::Integrity(format!("A ladder on the team server does not import: {e}")))?;
    let stored = store.save_ladder(&ladder, false)?;
    if stored.snapshot_sha256 != sha {
        return Err(StoreError::Integrity(
            "A ladder on the team server imports as a different snapshot; it was not used.".into(),
        ));
    }
    Ok(true)
}

fn apply_candidate(
    store: &mut Store,
    shared: &SharedCandidate,
    ladders: &HashMap<String, i64>,
    pulled: &mut Pulled,
) -> Result<(), StoreError> {
    let existing = store.candidate_with_global_id(&shared.global_id)?;
    if let Some(id) = existing {
        if store.has_pending_change(OutboxKind::Candidate, id)? || store.shared_candidate(id)? == *shared {
            return Ok(());
        }
    }
    let Some(&ladder_id) = ladders.get(&shared.ladder_snapshot_sha256) else {
        pulled.problems.push(format!(
            "{} was added on another laptop with a ladder this server does not hold; ask them to sync again.",
            shared.name
        ));
        return Ok(());
    };
    store.apply_shared_candidate(shared, ladder_id)?;
    pulled.moved.candidates += 1;
    Ok(())
}

fn apply_panel(
    store: &mut Store,
    candidate: &str,
    interviews: &[SharedInterview],
    pulled: &mut Pulled,
) -> Result<(), StoreError> {
    let Some(id) = store.candidate_with_global_id(candidate)? else { return Ok(()) };
    if store.has_pending_change(OutboxKind::Panel, id)? {
        return Ok(());
    }
    let here = store.shared_panel(id)?;
    if here == interviews || interviews.is_empty() {
        return Ok(());
    }
    store.apply_shared_panel(id, interviews)?;
    pulled.moved.panels += 1;
    Ok(())
}

fn apply_scorecard(
    store: &mut Store,
    row: &ServerScorecard,
    ladders: &HashMap<String, i64>,
    member_keys: &HashMap<String, HashSet<String>>,
    pulled: &mut Pulled,
) -> Result<(), StoreError> {
    if store.scorecard_with_seal(&row.seal)?.is_some() {
        return Ok(());
    }
    let Some(candidate_id) = store.candidate_with_global_id(&row.candidate)? else { return Ok(()) };
    let candidate = store.candidate(candidate_id)?;
    let card: BundledScorecard = match serde_json::from_value(row.body.clone()) {
        Ok(card) => card,
        Err(_) => {
            pulled.problems.push(format!(
                "A scorecard for {} on the server does not read as one; it was not stored.",
                candidate.name
            ));
            return Ok(());
        }
    };
    if let Err(problem) = check_pulled_scorecard(&card, &row.seal, &candidate.name) {
        pulled.problems.push(problem.to_string());
        return Ok(());
    }
    let Some(&ladder_id) = ladders.get(&card.ladder_snapshot_sha256) else {
        pulled.problems.push(format!(
            "{}'s scorecard for {} is on a ladder this laptop does not have yet; sync again.",
            card.interviewer, candidate.name
        ));
        return Ok(());
    };
    // Signed, and by a key the login that submitted it registered on the server.
    let key = card.signature.as_ref().map(|s| s.public_key.clone()).unwrap_or_default();
    let registered = member_keys.get(&row.login).is_some_and(|keys| keys.contains(&key));
    if !card.signature_holds() || !registered {
        pulled.problems.push(format!(
            "The server holds {} for {} that is not signed by a key {} registered: it was changed or forged on the server. Nothing of it was stored here; ask your server's administrator.",
            card.describe(),
            candidate.name,
            row.login
        ));
        return Ok(());
    }
    let interviewer_id = store.interviewer_for_member(&row.login, &card.interviewer)?;
    if let Err(why) = store.trust_team_key(&key, Some(interviewer_id))? {
        pulled.problems.push(format!("{} for {} was not stored: {why}.", card.describe(), candidate.name));
        return Ok(());
    }
    let interview_id = match row.position.and_then(|p| u32::try_from(p).ok()) {
        Some(position) => store.interview_at_position(candidate_id, position)?,
        None => None,
    };
    let amends_scorecard_id = match &row.amends_seal {
        Some(seal) => store.scorecard_with_seal(seal)?,
        None => None,
    };
    let id = store.import_sealed_scorecard(
        &card,
        &ImportTarget { candidate_id, interviewer_id, interview_id, ladder_id, amends_scorecard_id },
    )?;
    store.forget_pulled_scorecard(id)?;
    pulled.moved.scorecards += 1;
    Ok(())
}

fn apply_decision(
    store: &mut Store,
    seal: &str,
    candidate: &str,
    body: &serde_json::Value,
    registered_keys: Option<&HashSet<String>>,
    pulled: &mut Pulled,
) -> Result<(), StoreError> {
    if store.decision_with_seal(seal)?.is_some() {
        return Ok(());
    }
    let Some(candidate_id) = store.candidate_with_global_id(candidate)? else { return Ok(()) };
    let name = store.candidate(candidate_id)?.name;
    let decision: Decision = match serde_json::from_value(body.clone()) {
        Ok(decision) => decision,
        Err(_) => {
            pulled
                .problems
                .push(format!("A decision for {name} on the server does not read as one; it was not stored."));
            return Ok(());
        }
    };
    if let Err(problem) = check_pulled_decision(&decision, seal, &name) {
        pulled.problems.push(problem.to_string());
        return Ok(());
    }
    let signature: Option<SealSignature> = body.get("signature").and_then(|s| serde_json::from_value(s.clone()).ok());
    let signed = signature.filter(|s| {
        s.verifies(&Statement::Decision { seal: &decision.seal_sha256 })
            && registered_keys.is_some_and(|keys| keys.contains(&s.public_key))
    });
    let Some(signature) = signed else {
        pulled.problems.push(format!(
            "The server holds a decision for {name} that is not signed by a key of the coordinator who recorded it: it was changed or forged on the server. It was not stored here; ask your server's administrator."
        ));
        return Ok(());
    };
    if let Err(why) = store.trust_team_key(&signature.public_key, None)? {
        pulled.problems.push(format!("A decision for {name} was not stored: {why}."));
        return Ok(());
    }
    let id = store.import_decision(&decision, candidate_id)?;
    store.keep_arrived_decision_signature(id, &decision, &signature)?;
    pulled.moved.decisions += 1;
    Ok(())
}

fn apply_report(
    store: &mut Store,
    data_sha256: &str,
    candidate: &str,
    body: &serde_json::Value,
    pdf: &[u8],
    pulled: &mut Pulled,
) -> Result<(), StoreError> {
    if store.report_by_data_hash(data_sha256)?.is_some() {
        return Ok(());
    }
    let Some(candidate_id) = store.candidate_with_global_id(candidate)? else { return Ok(()) };
    let report: SharedReport = match serde_json::from_value(body.clone()) {
        Ok(report) => report,
        Err(_) => {
            let name = store.candidate(candidate_id)?.name;
            pulled.problems.push(format!("A report for {name} on the server does not read as one; it was not stored."));
            return Ok(());
        }
    };
    if let Err(problem) = check_pulled_report(&report, pdf, data_sha256) {
        pulled.problems.push(problem.to_string());
        return Ok(());
    }
    store.apply_shared_report(&report, pdf, candidate_id)?;
    pulled.moved.reports += 1;
    Ok(())
}
