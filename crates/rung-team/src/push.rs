//! Pushing the outbox: each entry read as it is now, sent as an idempotent insert (sealed
//! things) or a latest-edit-wins upsert (candidates, panels), then settled locally.

use rung_core::bundle::BundledScorecard;
use rung_core::decision::Decision;
use rung_core::scorecard::ScorecardStatus;
use rung_core::signing::SealSignature;
use rung_core::team::{SharedCandidate, SharedInterview, SharedReport};
use rung_store::{OutboxEntry, OutboxKind, StoreError, TeamBinding};
use serde::Serialize;
use tokio_postgres::{Client, Transaction};
use ts_rs::TS;

use crate::error::TeamError;
use crate::local::LocalStore;

/// How many things are pushed in one server transaction (and settled in one local one).
const PUSH_BATCH: usize = 200;

/// What one push sent, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Moved {
    pub candidates: u32,
    pub panels: u32,
    pub scorecards: u32,
    pub decisions: u32,
    pub reports: u32,
    pub erasures: u32,
}

impl Moved {
    pub fn total(&self) -> u32 {
        self.candidates + self.panels + self.scorecards + self.decisions + self.reports + self.erasures
    }

    fn count(&mut self, kind: OutboxKind) {
        match kind {
            OutboxKind::Candidate => self.candidates += 1,
            OutboxKind::Panel => self.panels += 1,
            OutboxKind::Scorecard => self.scorecards += 1,
            OutboxKind::Decision => self.decisions += 1,
            OutboxKind::Report => self.reports += 1,
            OutboxKind::Erasure => self.erasures += 1,
        }
    }
}

pub(crate) struct Pushed {
    pub moved: Moved,
    /// Things refused for good now, as sentences.
    pub refused: Vec<String>,
    /// Candidates whose server copy won over ours: pulled again right away.
    pub superseded: Vec<String>,
}

enum Outgoing {
    Candidate {
        shared: SharedCandidate,
        ladder_name: String,
        ladder_json: String,
    },
    Panel {
        candidate: String,
        interviews: Vec<SharedInterview>,
    },
    Scorecard {
        candidate: String,
        card: BundledScorecard,
        position: Option<u32>,
        amends_seal: Option<String>,
    },
    Decision {
        candidate: String,
        decision: Decision,
        signature: Option<SealSignature>,
    },
    Report {
        candidate: String,
        report: SharedReport,
        pdf: Vec<u8>,
    },
    Erasure {
        candidate: String,
    },
    /// Nothing to send (it came from elsewhere, or is gone).
    Nothing,
    /// Not this login's to share.
    NotOurs(String),
}

pub(crate) async fn push(
    local: &impl LocalStore,
    client: &mut Client,
    binding: &TeamBinding,
) -> Result<Pushed, TeamError> {
    let entries = local.with(|store| store.outbox())?;
    let mut pushed = Pushed { moved: Moved::default(), refused: Vec::new(), superseded: Vec::new() };
    let err = |e| TeamError::from_query(e, &binding.server);
    // One server transaction per batch (one commit, one WAL flush, instead of one per
    // thing), each thing in a savepoint of its own so a refused one does not sink the
    // rest. Settled here only after the server committed; a kill in between pushes the
    // batch again, which adds nothing.
    for batch in entries.chunks(PUSH_BATCH) {
        let outgoing: Vec<Outgoing> =
            local.with(|store| batch.iter().map(|entry| outgoing(store, entry, binding)).collect())?;
        let mut tx = client.transaction().await.map_err(err)?;
        let mut sent_ok = Vec::new();
        for (entry, out) in batch.iter().zip(&outgoing) {
            if let Outgoing::NotOurs(why) = out {
                local.with(|store| store.outbox_failed(entry, why, true))?;
                pushed.refused.push(why.clone());
                continue;
            }
            if matches!(out, Outgoing::Nothing) {
                sent_ok.push(entry.clone());
                continue;
            }
            let savepoint = tx.savepoint("entry").await.map_err(err)?;
            match send(&savepoint, out, binding, &entry.queued_at).await {
                Ok(superseded) => {
                    savepoint.commit().await.map_err(err)?;
                    if superseded {
                        pushed.superseded.extend(out.candidate_of_mutable());
                    }
                    pushed.moved.count(entry.kind);
                    sent_ok.push(entry.clone());
                }
                Err(TeamError::Refused(why)) => {
                    savepoint.rollback().await.map_err(err)?;
                    let why = format!("The server did not accept a {} ({why}).", entry.kind.as_str());
                    local.with(|store| store.outbox_failed(entry, &why, true))?;
                    pushed.refused.push(why);
                }
                Err(error) if error.is_offline() => return Err(error),
                Err(error) => {
                    savepoint.rollback().await.map_err(err)?;
                    local.with(|store| store.outbox_failed(entry, &error.to_string(), false))?;
                }
            }
        }
        tx.commit().await.map_err(err)?;
        local
            .with(|store| store.atomically(|store| sent_ok.iter().try_for_each(|entry| store.settle_outbox(entry))))?;
    }
    Ok(pushed)
}

impl Outgoing {
    /// The candidate whose record this is, for the mutable kinds (pulled again when the
    /// server kept a later edit).
    fn candidate_of_mutable(&self) -> Option<String> {
        match self {
            Outgoing::Candidate { shared, .. } => Some(shared.global_id.clone()),
            Outgoing::Panel { candidate, .. } => Some(candidate.clone()),
            _ => None,
        }
    }
}

/// The entry as it is now in the store.
fn outgoing(store: &mut rung_store::Store, entry: &OutboxEntry, binding: &TeamBinding) -> Result<Outgoing, StoreError> {
    let gone = |result: Result<Outgoing, StoreError>| match result {
        Err(StoreError::NotFound { .. }) => Ok(Outgoing::Nothing),
        other => other,
    };
    match entry.kind {
        OutboxKind::Candidate => gone((|| {
            let shared = store.shared_candidate(entry.local_id)?;
            let ladder = store
                .find_ladder(&shared.ladder_snapshot_sha256)?
                .ok_or(StoreError::NotFound { what: "ladder", id: 0 })?;
            let ladder_json = store.ladder_snapshot_json(ladder.id)?;
            Ok(Outgoing::Candidate { shared, ladder_name: ladder.name, ladder_json })
        })()),
        OutboxKind::Panel => gone((|| {
            let candidate = store.candidate_global_id(entry.local_id)?;
            Ok(Outgoing::Panel { candidate, interviews: store.shared_panel(entry.local_id)? })
        })()),
        OutboxKind::Scorecard => gone((|| {
            let card = store.scorecard(entry.local_id)?;
            if card.status != ScorecardStatus::Submitted || store.scorecard_is_imported(card.id)? {
                return Ok(Outgoing::Nothing);
            }
            let name = store
                .interviewers()?
                .into_iter()
                .find(|i| i.id == card.interviewer_id)
                .map(|i| i.name)
                .unwrap_or_default();
            if card.interviewer_id != binding.interviewer_id {
                return Ok(Outgoing::NotOurs(format!(
                    "{name}'s scorecard was submitted on this laptop, which is connected as {}: only {name}'s own connection may share it (or send it as a bundle).",
                    binding.login
                )));
            }
            let interview = match card.interview_id {
                Some(id) => Some(store.interview(id)?.1),
                None => None,
            };
            let amends_seal = match card.amends_scorecard_id {
                Some(id) => store.global_seal_of_scorecard(id)?,
                None => None,
            };
            let candidate = store.candidate_global_id(card.candidate_id)?;
            let signature = store.scorecard_signature(&card)?;
            let bundled =
                BundledScorecard::from_sealed(&card, &name, interview.as_ref().map(|i| i.name.as_str()), signature)
                    .ok_or(StoreError::NotFound { what: "scorecard", id: card.id })?;
            Ok(Outgoing::Scorecard { candidate, card: bundled, position: interview.map(|i| i.position), amends_seal })
        })()),
        OutboxKind::Decision => gone((|| {
            let Some(decision) = store.decision_by_id(entry.local_id)? else { return Ok(Outgoing::Nothing) };
            if store.decision_is_imported(decision.id)? {
                return Ok(Outgoing::Nothing);
            }
            let candidate = store.candidate_global_id(decision.candidate_id)?;
            let signature = store.decision_signature(&decision)?;
            Ok(Outgoing::Decision { candidate, decision, signature })
        })()),
        OutboxKind::Report => gone((|| {
            let candidate = store.candidate_global_id(entry.candidate_id)?;
            let (report, pdf) = store.shared_report(entry.local_id)?;
            if store.report_is_imported(entry.local_id)? {
                return Ok(Outgoing::Nothing);
            }
            Ok(Outgoing::Report { candidate, report, pdf })
        })()),
        OutboxKind::Erasure => Ok(match &entry.global_id {
            Some(candidate) => Outgoing::Erasure { candidate: candidate.clone() },
            None => Outgoing::Nothing,
        }),
    }
}

/// Sends one thing; `Ok(true)` when the server kept a newer edit instead of ours.
async fn send(
    client: &Transaction<'_>,
    outgoing: &Outgoing,
    binding: &TeamBinding,
    edited_at: &str,
) -> Result<bool, TeamError> {
    let server = binding.server.as_str();
    let err = |e| TeamError::from_query(e, server);
    // Latest edit wins: the time of the local edit, then the laptop.
    let stamp = (edited_at.to_owned(), binding.laptop.clone());
    match outgoing {
        Outgoing::Candidate { shared, ladder_name, ladder_json } => {
            client
                .execute(
                "INSERT INTO rung.ladders (snapshot_sha256, name, snapshot_json) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[&shared.ladder_snapshot_sha256, ladder_name, ladder_json],
            )
            .await
            .map_err(err)?;
            let body = serde_json::to_value(shared).expect("a candidate serializes");
            let changed = client
                .execute(
                    "INSERT INTO rung.candidates (id, ladder_sha256, body, edited_at, laptop) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (id) DO UPDATE SET ladder_sha256 = excluded.ladder_sha256, body = excluded.body,
                         edited_at = excluded.edited_at, laptop = excluded.laptop, edited_by = current_user
                     WHERE (rung.candidates.edited_at, rung.candidates.laptop) < (excluded.edited_at, excluded.laptop)
                       AND rung.candidates.body IS DISTINCT FROM excluded.body",
                    &[&shared.global_id, &shared.ladder_snapshot_sha256, &body, &stamp.0, &stamp.1],
                )
                .await
                .map_err(err)?;
            Ok(changed == 0)
        }
        Outgoing::Panel { candidate, interviews } => {
            let body = serde_json::to_value(interviews).expect("a panel serializes");
            let changed = client
                .execute(
                    "INSERT INTO rung.panels (candidate_id, interviews, edited_at, laptop) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (candidate_id) DO UPDATE SET interviews = excluded.interviews,
                         edited_at = excluded.edited_at, laptop = excluded.laptop, edited_by = current_user
                     WHERE (rung.panels.edited_at, rung.panels.laptop) < (excluded.edited_at, excluded.laptop)
                       AND rung.panels.interviews IS DISTINCT FROM excluded.interviews",
                    &[candidate, &body, &stamp.0, &stamp.1],
                )
                .await
                .map_err(err)?;
            Ok(changed == 0)
        }
        Outgoing::Scorecard { candidate, card, position, amends_seal } => {
            let body = serde_json::to_value(card).expect("a scorecard serializes");
            let position = position.map(|p| p as i32);
            client
                .execute(
                    "INSERT INTO rung.scorecards (seal, candidate_id, interview_position, amends_seal, body)
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (seal) DO NOTHING",
                    &[&card.seal_sha256, candidate, &position, amends_seal, &body],
                )
                .await
                .map_err(err)?;
            Ok(false)
        }
        Outgoing::Decision { candidate, decision, signature } => {
            // The signature travels beside the decision in its body (laptops that
            // predate signatures read the decision and ignore it).
            let mut body = serde_json::to_value(decision).expect("a decision serializes");
            body["signature"] = serde_json::to_value(signature).expect("a signature serializes");
            client
                .execute(
                    "INSERT INTO rung.decisions (seal, candidate_id, body) VALUES ($1, $2, $3) ON CONFLICT (seal) DO NOTHING",
                    &[&decision.seal_sha256, candidate, &body],
                )
                .await
                .map_err(err)?;
            Ok(false)
        }
        Outgoing::Report { candidate, report, pdf } => {
            let body = serde_json::to_value(report).expect("a report serializes");
            client
                .execute(
                    "INSERT INTO rung.reports (data_sha256, candidate_id, body, pdf) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (data_sha256) DO NOTHING",
                    &[&report.data_sha256, candidate, &body, pdf],
                )
                .await
                .map_err(err)?;
            Ok(false)
        }
        Outgoing::Erasure { candidate } => {
            client.execute("SELECT rung.erase_candidate($1)", &[candidate]).await.map_err(err)?;
            Ok(false)
        }
        Outgoing::Nothing | Outgoing::NotOurs(_) => Ok(false),
    }
}
