use rusqlite::params;
use serde::Deserialize;
use ts_rs::TS;

use crate::error::StoreError;
use crate::Store;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewCandidate {
    pub name: String,
    pub email: Option<String>,
    pub ladder_id: i64,
    pub target_role_key: String,
    pub notes: String,
}

impl Store {
    pub fn create_interviewer(&mut self, name: &str, email: Option<&str>) -> Result<i64, StoreError> {
        let name = required(name, "An interviewer needs a name.")?;
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO interviewers (name, email, created_at) VALUES (?1, ?2, ?3)",
            params![name, email, crate::now()],
        )?;
        let id = tx.last_insert_rowid();
        crate::audit::append(&tx, "rung", "interviewer.create", "interviewer", id, &serde_json::json!({}))?;
        tx.commit()?;
        Ok(id)
    }

    /// Gives or takes the coordinator role (who may add candidates, decide, report, erase).
    pub fn set_coordinator(&mut self, id: i64, coordinator: bool) -> Result<(), StoreError> {
        let tx = self.write()?;
        let changed = tx.execute("UPDATE interviewers SET coordinator = ?2 WHERE id = ?1", params![id, coordinator])?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "interviewer", id });
        }
        let payload = serde_json::json!({ "coordinator": coordinator });
        crate::audit::append(&tx, "rung", "interviewer.role", "interviewer", id, &payload)?;
        tx.commit()?;
        Ok(())
    }

    pub fn create_candidate(&mut self, candidate: &NewCandidate) -> Result<i64, StoreError> {
        let name = required(&candidate.name, "A candidate needs a name.")?;
        let ladder = self.load_ladder(candidate.ladder_id)?;
        let role = ladder.role(&candidate.target_role_key).ok_or_else(|| {
            StoreError::Invalid(format!(
                "The ladder has no role {:?}; choose a target role from it.",
                candidate.target_role_key
            ))
        })?;
        if role.incomplete {
            return Err(StoreError::Invalid(format!(
                "{} has no characteristics yet, so it cannot be a target role.",
                role.title
            )));
        }
        let now = crate::now();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO candidates (name, email, ladder_id, target_role_key, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![name, candidate.email, candidate.ladder_id, candidate.target_role_key, candidate.notes, now],
        )?;
        let id = tx.last_insert_rowid();
        crate::audit::append(
            &tx,
            "rung",
            "candidate.create",
            "candidate",
            id,
            &serde_json::json!({ "ladder_id": candidate.ladder_id }),
        )?;
        tx.commit()?;
        Ok(id)
    }
}

/// A person's name as kept: one identity rule (`rung_core::identity`), so a name padded
/// with spaces or written decomposed is the same name.
fn required(value: &str, message: &str) -> Result<String, StoreError> {
    let name = rung_core::identity::display_name(value);
    if name.is_empty() {
        Err(StoreError::Invalid(message.to_owned()))
    } else {
        Ok(name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
pub struct CandidateSummary {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub ladder_id: i64,
    pub target_role_key: String,
    pub notes: String,
    pub created_at: String,
}

impl Store {
    pub fn candidates(&self) -> Result<Vec<CandidateSummary>, StoreError> {
        let mut statement = self.conn.prepare(&format!("{CANDIDATE_COLUMNS} ORDER BY id"))?;
        let rows = statement.query_map([], candidate_summary)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
pub struct Interviewer {
    pub id: i64,
    pub name: String,
    /// Holds the coordinator role on this laptop.
    pub coordinator: bool,
    /// Has a passphrase on this laptop: acting as them needs it (`rung_core::passphrase`).
    pub has_passphrase: bool,
}

impl Store {
    pub fn candidate(&self, id: i64) -> Result<CandidateSummary, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(&format!("{CANDIDATE_COLUMNS} WHERE id = ?1"), [id], candidate_summary)
            .optional()?
            .ok_or(StoreError::NotFound { what: "candidate", id })
    }

    pub fn update_candidate(&mut self, id: i64, candidate: &NewCandidate) -> Result<(), StoreError> {
        let name = required(&candidate.name, "A candidate needs a name.")?;
        let current = self.candidate(id)?;
        if current.ladder_id != candidate.ladder_id || current.target_role_key != candidate.target_role_key {
            let ladder = self.load_ladder(candidate.ladder_id)?;
            if ladder.role(&candidate.target_role_key).is_none_or(|role| role.incomplete) {
                return Err(StoreError::Invalid("Choose a target role that has characteristics.".into()));
            }
        }
        let tx = self.write()?;
        tx.execute(
            "UPDATE candidates SET name = ?2, email = ?3, ladder_id = ?4, target_role_key = ?5, notes = ?6, updated_at = ?7 WHERE id = ?1",
            params![id, name, candidate.email, candidate.ladder_id, candidate.target_role_key, candidate.notes, crate::now()],
        )?;
        crate::audit::append(&tx, "rung", "candidate.update", "candidate", id, &serde_json::json!({}))?;
        tx.commit()?;
        Ok(())
    }

    pub fn interviewers(&self) -> Result<Vec<Interviewer>, StoreError> {
        let mut statement = self.conn.prepare(&format!("{INTERVIEWER_COLUMNS} ORDER BY name, id"))?;
        let rows = statement.query_map([], interviewer)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn interviewer(&self, id: i64) -> Result<Interviewer, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(&format!("{INTERVIEWER_COLUMNS} WHERE id = ?1"), [id], interviewer)
            .optional()?
            .ok_or(StoreError::NotFound { what: "interviewer", id })
    }
}

const INTERVIEWER_COLUMNS: &str = "SELECT id, name, coordinator, \
     EXISTS (SELECT 1 FROM passphrases WHERE interviewer_id = interviewers.id) FROM interviewers";

fn interviewer(row: &rusqlite::Row<'_>) -> rusqlite::Result<Interviewer> {
    Ok(Interviewer { id: row.get(0)?, name: row.get(1)?, coordinator: row.get(2)?, has_passphrase: row.get(3)? })
}

const CANDIDATE_COLUMNS: &str = "SELECT id, name, email, ladder_id, target_role_key, notes, created_at FROM candidates";

fn candidate_summary(row: &rusqlite::Row<'_>) -> rusqlite::Result<CandidateSummary> {
    Ok(CandidateSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        ladder_id: row.get(3)?,
        target_role_key: row.get(4)?,
        notes: row.get(5)?,
        created_at: row.get(6)?,
    })
}
