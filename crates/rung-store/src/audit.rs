//! The append-only audit log. Each row's hash covers its content and the previous
//! row's hash, and the newest hash is also kept in `settings`, so editing, removing or
//! reordering any past row — or cutting rows off the end — is detected.

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::StoreError;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const HEAD_KEY: &str = "audit.head";

/// Appends one entry inside the caller's transaction.
pub fn append(
    conn: &Connection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: i64,
    payload: &serde_json::Value,
) -> Result<(), StoreError> {
    let (prev_id, prev_hash) = head(conn)?;
    let id = prev_id + 1;
    let at = crate::now();
    let payload = payload.to_string();
    let hash = row_hash(id, &at, actor, action, entity, entity_id, &payload, &prev_hash);
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, payload, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![id, at, actor, action, entity, entity_id, payload, prev_hash, hash],
    )?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![HEAD_KEY, format!("{id}:{hash}")],
    )?;
    Ok(())
}

/// The head as a report or bundle carries it.
pub fn current_head(conn: &Connection) -> Result<AuditHead, StoreError> {
    let (entries, hash) = head(conn)?;
    Ok(AuditHead { entries: entries as u64, hash })
}

fn head(conn: &Connection) -> Result<(i64, String), StoreError> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [HEAD_KEY], |row| row.get(0)).optional()?;
    Ok(match value.as_deref().and_then(|v| v.split_once(':')) {
        Some((id, hash)) => (id.parse().unwrap_or(0), hash.to_owned()),
        None => (0, GENESIS.to_owned()),
    })
}

#[allow(clippy::too_many_arguments)]
fn row_hash(
    id: i64,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: i64,
    payload: &str,
    prev: &str,
) -> String {
    // A JSON array is an unambiguous encoding of the fields.
    let canonical = serde_json::json!([id, at, actor, action, entity, entity_id, payload, prev]).to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// One entry of the log as it is stored (team mode shares them as they are).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// Checks that this entry follows `previous` (`None`: it must be the first) and that
    /// its content matches its hash; the reason otherwise.
    pub fn check_follows(&self, previous: Option<(i64, &str)>) -> Result<(), &'static str> {
        let (prev_id, prev_hash) = previous.unwrap_or((0, GENESIS));
        if self.id != prev_id + 1 {
            return Err("an entry is missing or out of order");
        }
        if self.prev_hash != prev_hash {
            return Err("its link to the previous entry does not match");
        }
        let hash = row_hash(
            self.id,
            &self.at,
            &self.actor,
            &self.action,
            &self.entity,
            self.entity_id,
            &self.payload,
            &self.prev_hash,
        );
        if hash != self.hash {
            return Err("its content does not match its hash");
        }
        Ok(())
    }
}

/// Up to `limit` entries after entry `after`, in order.
pub fn entries_after(conn: &Connection, after: i64, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT id, at, actor, action, entity, entity_id, payload, prev_hash, hash FROM audit_log
         WHERE id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![after, limit], |row| {
        Ok(AuditEntry {
            id: row.get(0)?,
            at: row.get(1)?,
            actor: row.get(2)?,
            action: row.get(3)?,
            entity: row.get(4)?,
            entity_id: row.get(5)?,
            payload: row.get(6)?,
            prev_hash: row.get(7)?,
            hash: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub entries: u64,
    /// The newest entry, when the chain checks out: what a backup, bundle or report witnesses.
    pub head: Option<AuditHead>,
    /// The first entry that does not check out, and why.
    pub first_broken: Option<BrokenLink>,
}

/// The end of the chain at some moment: how many entries, and the hash of the last one.
/// Kept outside the database (in backups, bundles, reports), it lets a later check prove
/// the log was only appended to since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditHead {
    pub entries: u64,
    pub hash: String,
}

/// How a head is written in text that carries it (reports, bundles, notes).
pub const HEAD_MARKER: &str = "rung-audit-head:";

impl std::fmt::Display for AuditHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{HEAD_MARKER} {}:{}", self.entries, self.hash)
    }
}

impl AuditHead {
    /// Finds `rung-audit-head: <entries>:<hash>` in text.
    pub fn find_in(text: &str) -> Option<AuditHead> {
        let after = &text[text.find(HEAD_MARKER)? + HEAD_MARKER.len()..];
        let token = after.split_whitespace().next()?;
        let (entries, hash) = token.split_once(':')?;
        let hash = hash.get(..64)?;
        if !hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
            return None;
        }
        Some(AuditHead { entries: entries.parse().ok()?, hash: hash.to_owned() })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenLink {
    pub id: i64,
    pub reason: String,
}

fn broken(id: i64, reason: &str) -> Result<AuditReport, StoreError> {
    Ok(AuditReport { entries: 0, head: None, first_broken: Some(BrokenLink { id, reason: reason.to_owned() }) })
}

fn lossy_text(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        ValueRef::Integer(number) => number.to_string(),
        ValueRef::Real(number) => number.to_string(),
        ValueRef::Null => String::new(),
    }
}

pub fn verify(conn: &Connection) -> Result<AuditReport, StoreError> {
    let mut statement = conn.prepare(
        "SELECT id, at, actor, action, entity, entity_id, payload, prev_hash, hash FROM audit_log ORDER BY id",
    )?;
    let mut rows = statement.query([])?;
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_id = 1;
    let mut entries = 0;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        // Text columns are read as bytes: a flipped byte may leave invalid UTF-8.
        let text = |index: usize| -> rusqlite::Result<String> { Ok(lossy_text(row.get_ref(index)?)) };
        let (at, actor, action, entity, payload, prev, hash) =
            (text(1)?, text(2)?, text(3)?, text(4)?, text(6)?, text(7)?, text(8)?);
        let entity_id: i64 = row.get(5).unwrap_or(i64::MIN);
        if id != expected_id {
            return broken(expected_id, "an entry is missing or out of order");
        }
        if prev != expected_prev {
            return broken(id, "its link to the previous entry does not match");
        }
        if row_hash(id, &at, &actor, &action, &entity, entity_id, &payload, &prev) != hash {
            return broken(id, "its content does not match its hash");
        }
        expected_prev = hash;
        expected_id += 1;
        entries += 1;
    }
    let (head_id, head_hash) = head(conn)?;
    if head_id != expected_id - 1 || (head_id > 0 && head_hash != expected_prev) {
        return broken(expected_id, "entries at the end of the log were removed");
    }
    let head = (entries > 0).then_some(AuditHead { entries, hash: expected_prev });
    Ok(AuditReport { entries, head, first_broken: None })
}

/// Checks that the log verifies and extends the one `witness` saw: the entry the witness
/// names as last is still there, with the same hash.
pub fn verify_against(conn: &Connection, witness: &AuditHead) -> Result<AuditReport, StoreError> {
    let report = verify(conn)?;
    if report.first_broken.is_some() {
        return Ok(report);
    }
    let cut = |reason: String| broken(witness.entries as i64, &reason);
    if report.entries < witness.entries {
        return cut(format!(
            "the witness saw {} entries, the log now has {}: entries were removed",
            witness.entries, report.entries
        ));
    }
    if witness.entries == 0 {
        return Ok(report);
    }
    let hash: Option<String> = conn
        .query_row("SELECT hash FROM audit_log WHERE id = ?1", [witness.entries as i64], |row| row.get(0))
        .optional()?;
    if hash.as_deref() != Some(witness.hash.as_str()) {
        return cut("the log was rewritten since the witness saw it (its hash at that entry differs)".to_owned());
    }
    Ok(report)
}

/// The audit head a file witnessed: a Rung database or backup (its own log), or text
/// that carries a `rung-audit-head:` line (reports and bundles).
pub fn witnessed_head(file: &std::path::Path) -> Result<AuditHead, StoreError> {
    let refuse =
        |detail: String| StoreError::Invalid(format!("{} cannot serve as a witness: {detail}.", file.display()));
    match crate::files::kind_of(file)? {
        crate::files::Kind::Regular => {}
        crate::files::Kind::Missing => return Err(refuse("there is no such file".into())),
        crate::files::Kind::Other(what) => return Err(refuse(format!("it is {what}"))),
    }
    let mut bytes = Vec::new();
    {
        use std::io::Read;
        let handle = std::fs::File::open(file).map_err(|e| StoreError::io(file, &e))?;
        handle.take(WITNESS_MAX_BYTES).read_to_end(&mut bytes).map_err(|e| StoreError::io(file, &e))?;
    }
    if bytes.starts_with(b"SQLite format 3\0") {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(file, flags)?;
        let report = verify(&conn).map_err(|e| refuse(e.to_string()))?;
        if let Some(broken) = report.first_broken {
            return Err(refuse(format!("its own audit log is broken at entry {}: {}", broken.id, broken.reason)));
        }
        return Ok(report.head.unwrap_or(AuditHead { entries: 0, hash: GENESIS.to_owned() }));
    }
    AuditHead::find_in(&String::from_utf8_lossy(&bytes))
        .ok_or_else(|| refuse(format!("it holds no Rung audit log and no \"{HEAD_MARKER}\" line")))
}

/// A witness is a backup or a report; anything larger is read only this far for a head line.
const WITNESS_MAX_BYTES: u64 = 64 * 1024 * 1024;
