use rusqlite::OptionalExtension;

use crate::error::StoreError;
use crate::Store;

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| row.get(0)).optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    pub fn setting_u64(&self, key: &str, default: u64) -> Result<u64, StoreError> {
        match self.setting(key)? {
            Some(value) => value
                .parse()
                .map_err(|_| StoreError::Invalid(format!("setting {key} is {value:?}; it must be a whole number"))),
            None => Ok(default),
        }
    }
}
