//! `rung db check`: everything that can be verified about a database without trusting
//! it — SQLite's own checks, the exact schema (sealing triggers included), every seal
//! recomputed, the audit chain, and whether the log and the data still agree.

use rusqlite::Connection;
use serde::Serialize;

use crate::audit::{self, AuditReport};
use crate::consistency::{consistency_problems, seal_problems};
use crate::error::StoreError;
use crate::open::integrity_problems;
use crate::schema::schema_problems;
use crate::Store;

/// What `rung db check` reports; each list holds one sentence per problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<String>,
    pub schema: Vec<String>,
    pub seals: Vec<String>,
    /// Sealed rows not signed, signatures that do not hold or by keys not trusted.
    pub signatures: Vec<String>,
    pub audit: AuditReport,
    /// Where the audit log and the data it describes disagree.
    pub consistency: Vec<String>,
    /// Erasures whose scrub is not finished (scrub.rs): their data may still be on disk.
    pub pending_scrubs: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems().is_empty()
    }

    /// Every problem found, as sentences.
    pub fn problems(&self) -> Vec<String> {
        let broken =
            self.audit.first_broken.iter().map(|b| format!("audit log broken at entry {}: {}", b.id, b.reason));
        self.integrity
            .iter()
            .chain(&self.foreign_keys)
            .chain(&self.schema)
            .chain(&self.seals)
            .chain(&self.signatures)
            .cloned()
            .chain(broken)
            .chain(self.consistency.iter().cloned())
            .chain(self.pending_scrubs.iter().cloned())
            .collect()
    }
}

impl Store {
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        check_connection(&self.conn)
    }

    pub fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        audit::verify(&self.conn)
    }

    /// `rung audit verify --against FILE`.
    pub fn verify_audit_against(&self, witness: &audit::AuditHead) -> Result<AuditReport, StoreError> {
        audit::verify_against(&self.conn, witness)
    }
}

pub(super) fn check_connection(conn: &Connection) -> Result<CheckReport, StoreError> {
    let mut report = CheckReport {
        integrity: integrity_problems(conn, "integrity_check")?,
        foreign_keys: Vec::new(),
        schema: Vec::new(),
        seals: Vec::new(),
        signatures: Vec::new(),
        audit: AuditReport::default(),
        consistency: Vec::new(),
        pending_scrubs: Vec::new(),
    };
    // Nothing else can be trusted on a damaged file.
    if !report.integrity.is_empty() {
        return Ok(report);
    }
    report.foreign_keys = foreign_key_problems(conn)?;
    report.pending_scrubs = pending_scrub_problems(conn)?;
    report.schema = schema_problems(conn)?;
    // The other checks read tables that may not be what they expect.
    if !report.schema.is_empty() {
        return Ok(report);
    }
    report.seals = seal_problems(conn)?;
    report.signatures = crate::signature_check::signature_problems(conn)?;
    report.audit = audit::verify(conn)?;
    report.consistency = consistency_problems(conn)?;
    Ok(report)
}

fn foreign_key_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut statement = conn.prepare("PRAGMA foreign_key_check")?;
    let problems = statement
        .query_map([], |row| {
            let table: String = row.get(0)?;
            let rowid: Option<i64> = row.get(1)?;
            let parent: String = row.get(2)?;
            Ok(format!("{table} row {} refers to a missing {parent}", rowid.unwrap_or_default()))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(problems)
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

fn pending_scrub_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut statement = conn.prepare("SELECT candidate_id, erased_at FROM pending_scrubs ORDER BY candidate_id")?;
    let rows = statement.query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)))?;
    let mut problems = Vec::new();
    for row in rows {
        let (candidate, erased_at) = row?;
        problems.push(format!(
            "the erasure of candidate {candidate} ({erased_at}) is not finished: their data may still be in the database file, its journal or the backups. Run `rung erase --resume`."
        ));
    }
    Ok(problems)
}
