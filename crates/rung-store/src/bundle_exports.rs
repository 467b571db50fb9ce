//! The record of bundles exported from this laptop, so an erasure can name the files that
//! still hold the candidate. Removed with the candidate (`ON DELETE CASCADE`).

use rusqlite::params;
use serde::Serialize;

use crate::error::StoreError;
use crate::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleExport {
    pub exported_at: String,
    pub file_name: String,
    /// The scorecards' ids here.
    pub scorecard_ids: Vec<i64>,
}

impl Store {
    /// Records that the bundle with `scorecard_ids` of `candidate_id` was written to
    /// `file_name`.
    pub fn record_bundle_export(
        &self,
        candidate_id: i64,
        file_name: &str,
        scorecard_ids: &[i64],
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO bundle_exports (candidate_id, exported_at, file_name, scorecard_ids) VALUES (?1, ?2, ?3, ?4)",
            params![
                candidate_id,
                crate::now(),
                file_name,
                serde_json::to_string(scorecard_ids).expect("ids serialize")
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every bundle exported for a candidate from here, oldest first.
    pub fn bundle_exports(&self, candidate_id: i64) -> Result<Vec<BundleExport>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT exported_at, file_name, scorecard_ids FROM bundle_exports WHERE candidate_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([candidate_id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
        })?;
        rows.map(|row| {
            let (exported_at, file_name, ids) = row?;
            let scorecard_ids = serde_json::from_str(&ids)
                .map_err(|e| StoreError::Integrity(format!("a bundle export record does not read ({e})")))?;
            Ok(BundleExport { exported_at, file_name, scorecard_ids })
        })
        .collect()
    }
}
