//! The stored passphrase hashes (PHC strings; `rung_core::passphrase` makes and checks
//! them). Setting one is audited without its value.

use rusqlite::{params, OptionalExtension};

use crate::error::StoreError;
use crate::Store;

impl Store {
    /// The person's stored passphrase hash, if they set one.
    pub fn passphrase_hash(&self, interviewer_id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT phc FROM passphrases WHERE interviewer_id = ?1", [interviewer_id], |row| row.get(0))
            .optional()?)
    }

    /// Whether anyone on this laptop has a passphrase (the laptop is then one where
    /// coordinators must prove who they are).
    pub fn uses_passphrases(&self) -> Result<bool, StoreError> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM passphrases)", [], |row| row.get(0))?)
    }

    /// Stores (or replaces) the person's passphrase hash.
    pub fn set_passphrase_hash(&mut self, interviewer_id: i64, phc: &str) -> Result<(), StoreError> {
        self.interviewer(interviewer_id)?;
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO passphrases (interviewer_id, phc, set_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (interviewer_id) DO UPDATE SET phc = excluded.phc, set_at = excluded.set_at",
            params![interviewer_id, phc, crate::now()],
        )?;
        crate::audit::append(
            &tx,
            "rung",
            "interviewer.passphrase",
            "interviewer",
            interviewer_id,
            &serde_json::json!({}),
        )?;
        tx.commit()?;
        Ok(())
    }
}
