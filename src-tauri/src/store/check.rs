use serde::Serialize;

use super::audit::{self, AuditReport};
use super::error::StoreError;
use super::open::integrity_problems;
use super::Store;

/// What `rung db check` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<String>,
    pub audit: AuditReport,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty() && self.audit.first_broken.is_none()
    }
}

impl Store {
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let integrity = integrity_problems(&self.conn, "integrity_check")?;
        let mut statement = self.conn.prepare("PRAGMA foreign_key_check")?;
        let foreign_keys = statement
            .query_map([], |row| {
                let table: String = row.get(0)?;
                let rowid: Option<i64> = row.get(1)?;
                let parent: String = row.get(2)?;
                Ok(format!("{table} row {} refers to a missing {parent}", rowid.unwrap_or_default()))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CheckReport { integrity, foreign_keys, audit: self.verify_audit()? })
    }

    pub fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        audit::verify(&self.conn)
    }
}

/// The connection's durability settings, as SQLite reports them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Durability {
    pub journal_mode: String,
    /// 2 = FULL: every commit is synced before it returns.
    pub synchronous: i64,
    pub foreign_keys: bool,
    pub busy_timeout_ms: i64,
}

impl Store {
    pub fn durability(&self) -> Result<Durability, StoreError> {
        let pragma = |name: &str| -> rusqlite::Result<rusqlite::types::Value> {
            self.conn.query_row(&format!("PRAGMA {name}"), [], |row| row.get(0))
        };
        let text = |value: rusqlite::types::Value| match value {
            rusqlite::types::Value::Text(text) => text,
            other => format!("{other:?}"),
        };
        let int = |value: rusqlite::types::Value| match value {
            rusqlite::types::Value::Integer(number) => number,
            _ => -1,
        };
        Ok(Durability {
            journal_mode: text(pragma("journal_mode")?),
            synchronous: int(pragma("synchronous")?),
            foreign_keys: int(pragma("foreign_keys")?) == 1,
            busy_timeout_ms: int(pragma("busy_timeout")?),
        })
    }
}
