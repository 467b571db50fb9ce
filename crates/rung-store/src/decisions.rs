//! The panel's decisions: recorded once, sealed, changed only by amendment.

use rung_core::decision::{seal, Decision, NewDecision, Outcome};
use rung_core::ladder::Band;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::StoreError;
use crate::Store;

impl Store {
    /// Records the decision (or, with `amends`, an amendment of the current one) with
    /// what was recommended when it was made. `overrides` was worked out by the caller
    /// against that recommendation.
    pub fn record_decision(
        &mut self,
        candidate_id: i64,
        decision: &NewDecision,
        decided_by: &str,
        recommended: (Option<&str>, Option<Band>),
        overrides: bool,
    ) -> Result<Decision, StoreError> {
        let tx = self.write()?;
        let current = current_decision(&tx, candidate_id)?;
        let decided_at = crate::now();
        let id: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM decisions", [], |row| row.get(0))?;
        let mut recorded = Decision {
            id,
            candidate_id,
            outcome: decision.outcome,
            role_key: decision.role_key.clone(),
            band: decision.band,
            recommended_role_key: recommended.0.map(str::to_owned),
            recommended_band: recommended.1,
            overrides,
            reason: decision.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned),
            decided_by: decided_by.trim().to_owned(),
            decided_at,
            amends: current.as_ref().map(|d| d.id),
            seal_sha256: String::new(),
            seal_salt: Some(crate::scorecards::new_salt()?),
        };
        if recorded.amends.is_some() && recorded.reason.is_none() {
            return Err(StoreError::Invalid("A change to a recorded decision needs a reason.".into()));
        }
        recorded.seal_sha256 = seal(&recorded);
        insert_decision(&tx, &recorded)?;
        let action = if recorded.amends.is_some() { "decision.amend" } else { "decision.record" };
        let payload = serde_json::json!({ "candidate_id": candidate_id, "seal_sha256": recorded.seal_sha256 });
        crate::audit::append(&tx, "panel", action, "decision", recorded.id, &payload)?;
        self.sign_decision(&tx, &recorded)?;
        tx.commit()?;
        Ok(recorded)
    }

    /// The decision in force for a candidate: the newest, which amends all before it. With
    /// team mode two laptops may each record one without seeing the other; then the one
    /// decided last stands (by time, then by the seal it was made with), the same on every
    /// laptop whatever order they arrived in.
    pub fn decision(&self, candidate_id: i64) -> Result<Option<Decision>, StoreError> {
        current_decision(&self.conn, candidate_id)
    }

    /// Every decision of a candidate, oldest first (the amendment history); the last is the
    /// one in force.
    pub fn decision_history(&self, candidate_id: i64) -> Result<Vec<Decision>, StoreError> {
        let mut statement = self
            .conn
            .prepare(&format!("{DECISION_COLUMNS} WHERE candidate_id = ?1 ORDER BY decided_at, {GLOBAL_SEAL}"))?;
        let rows = statement.query_map([candidate_id], decision_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn decision_by_id(&self, id: i64) -> Result<Option<Decision>, StoreError> {
        Ok(self.conn.query_row(&format!("{DECISION_COLUMNS} WHERE id = ?1"), [id], decision_row).optional()?)
    }

    /// The decision in force for every candidate that has one.
    pub fn current_decisions(&self) -> Result<Vec<Decision>, StoreError> {
        let mut statement = self.conn.prepare(&format!(
            "{DECISION_COLUMNS} WHERE id IN (SELECT ({IN_FORCE}) FROM (SELECT DISTINCT candidate_id FROM decisions) c)
             ORDER BY candidate_id"
        ))?;
        let rows = statement.query_map([], decision_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    pub(crate) fn insert_decision(&self, decision: &Decision) -> Result<(), StoreError> {
        insert_decision(&self.conn, decision)
    }

    pub(crate) fn current_decision_id(&self, candidate_id: i64) -> Result<Option<i64>, StoreError> {
        Ok(current_decision(&self.conn, candidate_id)?.map(|d| d.id))
    }
}

fn insert_decision(conn: &Connection, recorded: &Decision) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO decisions (id, candidate_id, outcome, role_key, band, recommended_role_key, recommended_band,
                                overrides, reason, decided_by, decided_at, amends_decision_id, seal_sha256, seal_salt)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            recorded.id,
            recorded.candidate_id,
            recorded.outcome.as_str(),
            recorded.role_key,
            recorded.band.map(band_text),
            recorded.recommended_role_key,
            recorded.recommended_band.map(band_text),
            recorded.overrides,
            recorded.reason,
            recorded.decided_by,
            recorded.decided_at,
            recorded.amends,
            recorded.seal_sha256,
            recorded.seal_salt
        ],
    )?;
    Ok(())
}

fn current_decision(conn: &Connection, candidate_id: i64) -> Result<Option<Decision>, StoreError> {
    Ok(conn
        .query_row(
            &format!("{DECISION_COLUMNS} WHERE id = (SELECT ({IN_FORCE}) FROM (SELECT ?1 AS candidate_id) c)"),
            [candidate_id],
            decision_row,
        )
        .optional()?)
}

/// Every decision, for `db check`.
pub(crate) fn all_decisions(conn: &Connection) -> Result<Vec<Decision>, StoreError> {
    let mut statement = conn.prepare(&format!("{DECISION_COLUMNS} ORDER BY id"))?;
    let rows = statement.query_map([], decision_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The seal a decision was made with, where it was made (the same on every laptop).
const GLOBAL_SEAL: &str =
    "coalesce((SELECT source_seal_sha256 FROM imported_decisions WHERE decision_id = decisions.id), seal_sha256)";
/// The decision in force for candidate `c.candidate_id`: decided last, then by global seal.
const IN_FORCE: &str = "SELECT d.id FROM decisions d LEFT JOIN imported_decisions i ON i.decision_id = d.id
     WHERE d.candidate_id = c.candidate_id ORDER BY d.decided_at DESC, coalesce(i.source_seal_sha256, d.seal_sha256) DESC LIMIT 1";

const DECISION_COLUMNS: &str =
    "SELECT id, candidate_id, outcome, role_key, band, recommended_role_key, recommended_band,
    overrides, reason, decided_by, decided_at, amends_decision_id, seal_sha256, seal_salt FROM decisions";

pub(crate) fn band_text(band: Band) -> &'static str {
    match band {
        Band::Maturing => "maturing",
        Band::Performing => "performing",
        Band::Exceeding => "exceeding",
    }
}

fn band_from(text: Option<String>) -> Option<Band> {
    match text.as_deref() {
        Some("maturing") => Some(Band::Maturing),
        Some("performing") => Some(Band::Performing),
        Some("exceeding") => Some(Band::Exceeding),
        _ => None,
    }
}

fn decision_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Decision> {
    let outcome: String = row.get(2)?;
    Ok(Decision {
        id: row.get(0)?,
        candidate_id: row.get(1)?,
        outcome: Outcome::parse(&outcome).unwrap_or(Outcome::Hold),
        role_key: row.get(3)?,
        band: band_from(row.get(4)?),
        recommended_role_key: row.get(5)?,
        recommended_band: band_from(row.get(6)?),
        overrides: row.get(7)?,
        reason: row.get(8)?,
        decided_by: row.get(9)?,
        decided_at: row.get(10)?,
        amends: row.get(11)?,
        seal_sha256: row.get(12)?,
        seal_salt: row.get(13)?,
    })
}
