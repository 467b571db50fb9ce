use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::StoreError;
use crate::Store;
use rung_core::ladder::{json, source::sha256_hex, Ladder, LevelPolicy};

/// A ladder snapshot as stored: immutable, identified by its source hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StoredLadder {
    pub id: i64,
    pub name: String,
    pub source_name: String,
    pub source_sha256: String,
    pub snapshot_sha256: String,
    pub role_count: u32,
    pub is_default: bool,
    pub imported_at: String,
}

impl Store {
    /// Saves a ladder snapshot, identified by its content: saving the same ladder again
    /// returns the stored one; any change (an edited export, too) is a new snapshot.
    pub fn save_ladder(&mut self, ladder: &Ladder, is_default: bool) -> Result<StoredLadder, StoreError> {
        let snapshot = json::to_json(ladder);
        let snapshot_sha256 = sha256_hex(snapshot.as_bytes());
        let tx = self.write()?;
        let inserted = tx.execute(
            "INSERT INTO ladders (source_sha256, name, source_name, snapshot_json, snapshot_sha256, is_default, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(snapshot_sha256) DO NOTHING",
            params![ladder.source.sha256, ladder.name, ladder.source.name, snapshot, snapshot_sha256, is_default, crate::now()],
        )?;
        if inserted == 1 {
            let id = tx.last_insert_rowid();
            crate::audit::append(
                &tx,
                "rung",
                "ladder.import",
                "ladder",
                id,
                &serde_json::json!({ "source_sha256": ladder.source.sha256, "snapshot_sha256": snapshot_sha256 }),
            )?;
        }
        tx.commit()?;
        self.find_ladder(&snapshot_sha256)?.ok_or(StoreError::NotFound { what: "ladder", id: 0 })
    }

    /// The stored snapshot of a ladder, as JSON (what bundles carry).
    pub fn ladder_snapshot_json(&self, id: i64) -> Result<String, StoreError> {
        self.conn
            .query_row("SELECT snapshot_json FROM ladders WHERE id = ?1", [id], |row| row.get(0))
            .optional()?
            .ok_or(StoreError::NotFound { what: "ladder", id })
    }

    pub fn stored_ladder(&self, id: i64) -> Result<StoredLadder, StoreError> {
        self.conn
            .query_row(&format!("{LADDER_COLUMNS} WHERE id = ?1"), [id], stored_ladder)
            .optional()?
            .ok_or(StoreError::NotFound { what: "ladder", id })
    }

    pub fn list_ladders(&self) -> Result<Vec<StoredLadder>, StoreError> {
        let mut statement = self.conn.prepare(&format!("{LADDER_COLUMNS} ORDER BY is_default DESC, id"))?;
        let rows = statement.query_map([], stored_ladder)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn find_ladder(&self, snapshot_sha256: &str) -> Result<Option<StoredLadder>, StoreError> {
        Ok(self
            .conn
            .query_row(&format!("{LADDER_COLUMNS} WHERE snapshot_sha256 = ?1"), [snapshot_sha256], stored_ladder)
            .optional()?)
    }

    /// The exact ladder a scorecard was made from; refuses a snapshot that no longer matches its hash.
    pub fn load_ladder(&self, id: i64) -> Result<Ladder, StoreError> {
        let (snapshot, expected): (String, String) = self
            .conn
            .query_row("SELECT snapshot_json, snapshot_sha256 FROM ladders WHERE id = ?1", [id], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?
            .ok_or(StoreError::NotFound { what: "ladder", id })?;
        if sha256_hex(snapshot.as_bytes()) != expected {
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: format!("ladder {id} no longer matches its hash"),
            });
        }
        let mut ladder = json::from_json(&snapshot, std::path::Path::new("stored ladder"))
            .map_err(|error| StoreError::Corrupt { path: self.path.clone(), detail: error.to_string() })?;
        if let Some(policy) = self.stored_policy(id)? {
            ladder.policy = policy;
        }
        Ok(ladder)
    }

    fn stored_policy(&self, ladder_id: i64) -> Result<Option<LevelPolicy>, StoreError> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT policy_json FROM ladder_policies WHERE ladder_id = ?1", [ladder_id], |row| row.get(0))
            .optional()?;
        text.map(|text| {
            serde_json::from_str(&text).map_err(|error| StoreError::Corrupt {
                path: self.path.clone(),
                detail: format!("the level policy of ladder {ladder_id} cannot be read ({error})"),
            })
        })
        .transpose()
    }

    /// Sets the level policy in force for a ladder (validated against its scale). The
    /// snapshot itself never changes; decisions keep what was recommended when made.
    pub fn save_level_policy(&mut self, ladder_id: i64, policy: &LevelPolicy) -> Result<(), StoreError> {
        let ladder = self.load_ladder(ladder_id)?;
        policy
            .check(&ladder.rating_scale)
            .map_err(|reason| StoreError::Invalid(format!("The level policy is not valid: {reason}.")))?;
        let text = serde_json::to_string(policy).expect("a policy serializes");
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO ladder_policies (ladder_id, policy_json, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(ladder_id) DO UPDATE SET policy_json = excluded.policy_json, updated_at = excluded.updated_at",
            params![ladder_id, text, crate::now()],
        )?;
        crate::audit::append(
            &tx,
            "rung",
            "ladder.policy",
            "ladder",
            ladder_id,
            &serde_json::to_value(policy).unwrap_or_default(),
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// SQLite counts the roles in the snapshot, so listing ladders never moves whole snapshots.
const LADDER_COLUMNS: &str = "SELECT id, name, source_name, source_sha256, snapshot_sha256,
    json_array_length(snapshot_json, '$.roles'), is_default, imported_at FROM ladders";

fn stored_ladder(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredLadder> {
    let role_count: i64 = row.get(5)?;
    Ok(StoredLadder {
        id: row.get(0)?,
        name: row.get(1)?,
        source_name: row.get(2)?,
        source_sha256: row.get(3)?,
        snapshot_sha256: row.get(4)?,
        role_count: u32::try_from(role_count).unwrap_or(0),
        is_default: row.get(6)?,
        imported_at: row.get(7)?,
    })
}
