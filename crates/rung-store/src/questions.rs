//! Interview questions as edited for a candidate; characteristics without stored
//! questions use the generated ones.

use rusqlite::params;

use crate::error::StoreError;
use crate::Store;
use rung_core::scorecard::template::CharacteristicRef;

impl Store {
    /// Stored questions of a candidate, by characteristic, in order.
    pub fn edited_questions(&self, candidate_id: i64) -> Result<Vec<(CharacteristicRef, Vec<String>)>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT role_key, characteristic_key, text FROM questions WHERE candidate_id = ?1
             ORDER BY role_key, characteristic_key, position",
        )?;
        let mut grouped: Vec<(CharacteristicRef, Vec<String>)> = Vec::new();
        let rows = statement.query_map([candidate_id], |row| {
            Ok((CharacteristicRef { role_key: row.get(0)?, characteristic_key: row.get(1)? }, row.get::<_, String>(2)?))
        })?;
        for row in rows {
            let (reference, text) = row?;
            match grouped.last_mut() {
                Some((last, texts)) if *last == reference => texts.push(text),
                _ => grouped.push((reference, vec![text])),
            }
        }
        Ok(grouped)
    }

    /// Replaces a characteristic's questions for a candidate (blank lines are dropped).
    pub fn save_questions(
        &mut self,
        candidate_id: i64,
        characteristic: &CharacteristicRef,
        texts: &[String],
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "DELETE FROM questions WHERE candidate_id = ?1 AND role_key = ?2 AND characteristic_key = ?3",
            params![candidate_id, characteristic.role_key, characteristic.characteristic_key],
        )?;
        for (position, text) in texts.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).enumerate() {
            tx.execute(
                "INSERT INTO questions (candidate_id, role_key, characteristic_key, position, text, edited) VALUES (?1, ?2, ?3, ?4, ?5, 1)",
                params![candidate_id, characteristic.role_key, characteristic.characteristic_key, position as i64, text],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
