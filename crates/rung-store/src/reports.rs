//! The archive of issued reports: each report's searchable facts, its hashes and the
//! PDF itself, byte for byte. Reports are never changed; they go only with an erasure.

use rusqlite::{params, params_from_iter, types::Value, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::AuditHead;
use crate::error::StoreError;
use crate::Store;

/// A report about to be archived.
pub struct NewReport<'a> {
    pub report_id: &'a str,
    pub data_sha256: &'a str,
    pub file_sha256: &'a str,
    pub evidence_sha256: &'a str,
    pub candidate_id: i64,
    pub decision_id: Option<i64>,
    pub issued_at: &'a str,
    pub paper: &'a str,
    pub candidate_name: &'a str,
    pub role_title: &'a str,
    /// "L2 Senior …, Exceeding" when the decision is a hire; empty otherwise.
    pub hired_level: &'a str,
    /// `hire`, `no_hire`, `hold` or `pending`.
    pub outcome: &'a str,
    pub decided_by: &'a str,
    pub pages: u32,
    pub pdf: &'a [u8],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArchivedReport {
    pub id: i64,
    pub report_id: String,
    pub data_sha256: String,
    pub file_sha256: String,
    pub candidate_id: Option<i64>,
    pub decision_id: Option<i64>,
    pub issued_at: String,
    pub paper: String,
    pub candidate_name: String,
    pub role_title: String,
    /// The level hired at ("L2 Senior …, Exceeding"); empty unless the decision is a hire
    /// (and for reports archived before Rung kept it).
    pub hired_level: String,
    pub outcome: String,
    pub decided_by: String,
    pub pages: u32,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ArchiveSort {
    #[default]
    NewestFirst,
    OldestFirst,
    Candidate,
    Role,
}

/// What the archive screen asks for. Every filter is optional; dates are `YYYY-MM-DD`
/// and inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct ArchiveQuery {
    /// Words to find (each a prefix) in the candidate's name however it is punctuated,
    /// the role, the level hired at, who decided or the report id; a word with an `@` is
    /// the start of the candidate's email.
    pub text: String,
    pub outcome: Option<String>,
    pub decided_by: Option<String>,
    pub role: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: ArchiveSort,
    /// 0-based.
    pub page: u32,
    /// Rows per page; 0 means 50.
    pub page_size: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArchivePage {
    pub reports: Vec<ArchivedReport>,
    /// Matches across all pages.
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
}

const COLUMNS: &str =
    "SELECT r.id, r.report_id, r.data_sha256, r.file_sha256, r.candidate_id, r.decision_id, r.issued_at,
    r.paper, r.candidate_name, r.role_title, r.outcome, r.decided_by, r.pages, r.size_bytes, r.hired_level
    FROM reports r";

fn report_row(row: &Row<'_>) -> rusqlite::Result<ArchivedReport> {
    Ok(ArchivedReport {
        id: row.get(0)?,
        report_id: row.get(1)?,
        data_sha256: row.get(2)?,
        file_sha256: row.get(3)?,
        candidate_id: row.get(4)?,
        decision_id: row.get(5)?,
        issued_at: row.get(6)?,
        paper: row.get(7)?,
        candidate_name: row.get(8)?,
        role_title: row.get(9)?,
        outcome: row.get(10)?,
        decided_by: row.get(11)?,
        pages: row.get(12)?,
        size_bytes: row.get(13)?,
        hired_level: row.get(14)?,
    })
}

/// FTS5 query text from what a user typed: each word a quoted prefix term, so
/// punctuation in names ("O'Brien") is text, never query syntax. Email words are not
/// in the index (see [`email_prefixes`]).
fn match_expression(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .filter(|word| !word.contains('@'))
        .flat_map(|word| word.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The words typed that are (the start of) an email address, as LIKE patterns.
fn email_prefixes(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|word| word.contains('@'))
        .map(|word| format!("{}%", word.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
        .collect()
}

impl Store {
    /// Archives an issued report and notes it in the audit log. Issuing the same data
    /// twice is refused: the archive already holds that report.
    pub fn archive_report(&mut self, report: &NewReport<'_>) -> Result<ArchivedReport, StoreError> {
        let tx = self.write()?;
        if let Some(existing) = report_where(&tx, "r.data_sha256 = ?1", report.data_sha256)? {
            return Ok(existing);
        }
        tx.execute(
            "INSERT INTO reports (report_id, data_sha256, file_sha256, evidence_sha256, candidate_id, decision_id,
                                  issued_at, paper, candidate_name, role_title, outcome, decided_by, pages, size_bytes,
                                  hired_level)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                report.report_id,
                report.data_sha256,
                report.file_sha256,
                report.evidence_sha256,
                report.candidate_id,
                report.decision_id,
                report.issued_at,
                report.paper,
                report.candidate_name,
                report.role_title,
                report.outcome,
                report.decided_by,
                report.pages,
                report.pdf.len() as i64,
                report.hired_level,
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute("INSERT INTO report_files (report_id, pdf) VALUES (?1, ?2)", params![id, report.pdf])?;
        let payload = serde_json::json!({
            "candidate_id": report.candidate_id,
            "report_id": report.report_id,
            "data_sha256": report.data_sha256,
            "file_sha256": report.file_sha256,
        });
        crate::audit::append(&tx, "recruiter", "report.issue", "report", id, &payload)?;
        let archived = report_where(&tx, "r.id = ?1", id)?.ok_or(StoreError::NotFound { what: "report", id })?;
        tx.commit()?;
        Ok(archived)
    }

    pub fn report_by_file_hash(&self, file_sha256: &str) -> Result<Option<ArchivedReport>, StoreError> {
        report_where(&self.conn, "r.file_sha256 = ?1", file_sha256)
    }

    pub fn report_by_data_hash(&self, data_sha256: &str) -> Result<Option<ArchivedReport>, StoreError> {
        report_where(&self.conn, "r.data_sha256 = ?1", data_sha256)
    }

    /// By the id printed on the report (`R-1A2B-3C4D-5E6F`, any case).
    pub fn report_by_report_id(&self, report_id: &str) -> Result<Option<ArchivedReport>, StoreError> {
        report_where(&self.conn, "r.report_id = ?1", report_id.trim().to_ascii_uppercase())
    }

    pub fn report(&self, id: i64) -> Result<ArchivedReport, StoreError> {
        report_where(&self.conn, "r.id = ?1", id)?.ok_or(StoreError::NotFound { what: "report", id })
    }

    /// The archived PDF, byte for byte.
    pub fn report_pdf(&self, id: i64) -> Result<Vec<u8>, StoreError> {
        self.conn
            .query_row("SELECT pdf FROM report_files WHERE report_id = ?1", [id], |row| row.get(0))
            .optional()?
            .ok_or(StoreError::NotFound { what: "report", id })
    }

    /// The newest report of a candidate that says exactly this (same evidence hash).
    pub fn report_with_evidence(
        &self,
        candidate_id: i64,
        evidence_sha256: &str,
    ) -> Result<Option<ArchivedReport>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("{COLUMNS} WHERE r.candidate_id = ?1 AND r.evidence_sha256 = ?2 ORDER BY r.id DESC LIMIT 1"),
                params![candidate_id, evidence_sha256],
                report_row,
            )
            .optional()?)
    }

    /// Every report issued for a candidate, newest first.
    pub fn reports_of(&self, candidate_id: i64) -> Result<Vec<ArchivedReport>, StoreError> {
        let mut statement = self.conn.prepare(&format!("{COLUMNS} WHERE r.candidate_id = ?1 ORDER BY r.id DESC"))?;
        let rows = statement.query_map([candidate_id], report_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One page of the archive, filtered and sorted as asked.
    pub fn search_reports(&self, query: &ArchiveQuery) -> Result<ArchivePage, StoreError> {
        self.search_reports_where(query, None)
    }

    /// The search, among the reports of these candidates only (those a person may read).
    pub fn search_reports_among(&self, query: &ArchiveQuery, candidates: &[i64]) -> Result<ArchivePage, StoreError> {
        self.search_reports_where(query, Some(candidates))
    }

    fn search_reports_where(&self, query: &ArchiveQuery, among: Option<&[i64]>) -> Result<ArchivePage, StoreError> {
        let mut clauses: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(candidates) = among {
            values.push(Value::Text(serde_json::to_string(candidates).expect("ids serialise")));
            clauses.push(format!("r.candidate_id IN (SELECT value FROM json_each(?{}))", values.len()));
        }
        if let Some(expression) = match_expression(&query.text) {
            values.push(Value::Text(expression));
            clauses.push(format!(
                "r.id IN (SELECT rowid FROM reports_search WHERE reports_search MATCH ?{})",
                values.len()
            ));
        }
        for pattern in email_prefixes(&query.text) {
            values.push(Value::Text(pattern));
            clauses.push(format!(
                "r.candidate_id IN (SELECT id FROM candidates WHERE lower(email) LIKE ?{} ESCAPE '\\')",
                values.len()
            ));
        }
        let mut exact = |column: &str, value: &Option<String>| {
            if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                values.push(Value::Text(value.to_owned()));
                clauses.push(format!("{column} = ?{}", values.len()));
            }
        };
        exact("r.outcome", &query.outcome);
        exact("r.decided_by", &query.decided_by);
        exact("r.role_title", &query.role);
        if let Some(from) = query.from.as_deref().filter(|d| !d.is_empty()) {
            values.push(Value::Text(from.to_owned()));
            clauses.push(format!("r.issued_at >= ?{}", values.len()));
        }
        if let Some(to) = query.to.as_deref().filter(|d| !d.is_empty()) {
            // Inclusive of the whole day: every timestamp of that day sorts before "<day>U".
            values.push(Value::Text(format!("{to}U")));
            clauses.push(format!("r.issued_at < ?{}", values.len()));
        }
        let filter = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
        let order = match query.sort {
            ArchiveSort::NewestFirst => "r.issued_at DESC, r.id DESC",
            ArchiveSort::OldestFirst => "r.issued_at, r.id",
            ArchiveSort::Candidate => "r.candidate_name COLLATE NOCASE, r.issued_at DESC",
            ArchiveSort::Role => "r.role_title COLLATE NOCASE, r.issued_at DESC",
        };
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM reports r{filter}"),
            params_from_iter(values.iter()),
            |row| row.get(0),
        )?;
        let page_size = if query.page_size == 0 { 50 } else { query.page_size.min(500) };
        let mut statement = self.conn.prepare(&format!(
            "{COLUMNS}{filter} ORDER BY {order} LIMIT {page_size} OFFSET {}",
            u64::from(query.page) * u64::from(page_size)
        ))?;
        let rows = statement.query_map(params_from_iter(values.iter()), report_row)?;
        Ok(ArchivePage { reports: rows.collect::<Result<_, _>>()?, total: total as u64, page: query.page, page_size })
    }

    /// The audit log's head now: what a report issued now witnesses.
    pub fn audit_head(&self) -> Result<AuditHead, StoreError> {
        crate::audit::current_head(&self.conn)
    }
}

fn report_where(
    conn: &Connection,
    condition: &str,
    value: impl rusqlite::ToSql,
) -> Result<Option<ArchivedReport>, StoreError> {
    Ok(conn.query_row(&format!("{COLUMNS} WHERE {condition}"), [value], report_row).optional()?)
}

#[cfg(test)]
mod tests {
    use super::match_expression;

    #[test]
    fn typed_text_is_never_query_syntax() {
        assert_eq!(match_expression("O'Brien"), Some("\"O\"* \"Brien\"*".into()));
        assert_eq!(match_expression("  "), None);
        assert_eq!(match_expression("zoë AND"), Some("\"zoë\"* \"AND\"*".into()));
    }
}
