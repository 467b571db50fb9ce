//! Retention: how long candidates' data is kept after their last activity, and which
//! candidates are past it. A legal hold keeps a candidate however old.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::error::StoreError;
use crate::Store;

const RETENTION_KEY: &str = "retention_months";
/// Until the company sets its own period.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RetentionEntry {
    pub candidate_id: i64,
    pub name: String,
    /// The newest of: created, a scorecard saved, a decision recorded (RFC 3339).
    pub last_activity: String,
    /// `YYYY-MM-DD` from which the candidate's data is due for erasure.
    pub due_on: String,
    pub due: bool,
    pub legal_hold: bool,
}

impl Store {
    pub fn retention_months(&self) -> Result<u32, StoreError> {
        Ok(self.setting_u64(RETENTION_KEY, u64::from(DEFAULT_RETENTION_MONTHS))?.clamp(1, 1200) as u32)
    }

    pub fn set_retention_months(&mut self, months: u32) -> Result<(), StoreError> {
        if !(1..=1200).contains(&months) {
            return Err(StoreError::Invalid("The retention period is 1 to 1200 months.".into()));
        }
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![RETENTION_KEY, months.to_string()],
        )?;
        crate::audit::append(
            &tx,
            "recruiter",
            "retention.set",
            "settings",
            0,
            &serde_json::json!({ "months": months }),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every candidate with the day their data is due, oldest activity first.
    pub fn retention(&self) -> Result<Vec<RetentionEntry>, StoreError> {
        let months = self.retention_months()?;
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        let mut statement = self.conn.prepare(
            "SELECT c.id, c.name, c.legal_hold,
                    max(c.created_at,
                        coalesce((SELECT max(updated_at) FROM scorecards WHERE candidate_id = c.id), ''),
                        coalesce((SELECT max(decided_at) FROM decisions WHERE candidate_id = c.id), '')) AS last
             FROM candidates c ORDER BY last, c.id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, bool>(2)?, row.get::<_, String>(3)?))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (candidate_id, name, legal_hold, last_activity) = row?;
            let due_on = add_months(&last_activity, months);
            entries.push(RetentionEntry {
                due: !legal_hold && due_on <= today,
                candidate_id,
                name,
                last_activity,
                due_on,
                legal_hold,
            });
        }
        Ok(entries)
    }
}

/// `YYYY-MM-DD`, `months` after the date at the start of an RFC 3339 time (the day is
/// clamped to the month's length).
fn add_months(rfc3339: &str, months: u32) -> String {
    use chrono::{Datelike, Months, NaiveDate};
    let date = NaiveDate::parse_from_str(rfc3339.get(..10).unwrap_or_default(), "%Y-%m-%d")
        .unwrap_or_else(|_| chrono::Utc::now().date_naive());
    let due = date.checked_add_months(Months::new(months)).unwrap_or(date);
    format!("{:04}-{:02}-{:02}", due.year(), due.month(), due.day())
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_are_added_on_the_calendar() {
        assert_eq!(super::add_months("2024-01-31T10:00:00Z", 1), "2024-02-29");
        assert_eq!(super::add_months("2024-11-29T10:00:00Z", 24), "2026-11-29");
    }
}
