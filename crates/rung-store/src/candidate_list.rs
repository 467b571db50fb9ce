//! The candidate list as a recruiter pages and searches it: one page of rows with each
//! candidate's progress (planned and submitted interviews) and latest decision, counted
//! in SQL for that page only, so the first rows come back as fast at 10,000 candidates as
//! at ten.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::StoreError;
use crate::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CandidateQuery {
    /// Words of the name or email, as typed (matched anywhere, case-insensitively for
    /// ASCII); empty lists everyone.
    pub text: String,
    pub offset: u32,
    pub limit: u32,
}

/// One candidate in the list: who, for what, and how far the panel has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateProgress {
    pub id: i64,
    pub name: String,
    pub target_role_key: String,
    pub created_at: String,
    /// Interviews in the panel plan.
    pub planned: u32,
    /// Planned interviews with a submitted scorecard.
    pub submitted: u32,
    /// The latest decision's outcome ("hire", "no_hire", "hold"), if decided.
    pub outcome: Option<String>,
}

/// Newest first (the candidates a recruiter is working on), then by id.
const PAGE: &str = "
    SELECT c.id, c.name, c.target_role_key, c.created_at,
           (SELECT count(*) FROM panel_plans p JOIN interviews i ON i.plan_id = p.id WHERE p.candidate_id = c.id),
           (SELECT count(DISTINCT i.id) FROM panel_plans p JOIN interviews i ON i.plan_id = p.id
              JOIN scorecards s ON s.interview_id = i.id AND s.candidate_id = c.id AND s.status = 'submitted'
             WHERE p.candidate_id = c.id),
           (SELECT d.outcome FROM decisions d WHERE d.candidate_id = c.id ORDER BY d.id DESC LIMIT 1)
    FROM candidates c
    WHERE ?1 = '' OR c.name LIKE ?1 ESCAPE '\\' OR coalesce(c.email, '') LIKE ?1 ESCAPE '\\'
    ORDER BY c.id DESC
    LIMIT ?2 OFFSET ?3";

const COUNT: &str = "
    SELECT count(*) FROM candidates c
    WHERE ?1 = '' OR c.name LIKE ?1 ESCAPE '\\' OR coalesce(c.email, '') LIKE ?1 ESCAPE '\\'";

/// "50%_off" typed in the search box is text, never a LIKE pattern.
fn contains_pattern(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            _ => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

impl Store {
    /// A page of the candidate list and how many candidates match in all.
    pub fn candidate_page(&self, query: &CandidateQuery) -> Result<(Vec<CandidateProgress>, u32), StoreError> {
        let pattern = contains_pattern(&query.text);
        let mut statement = self.conn.prepare_cached(PAGE)?;
        let rows = statement.query_map(params![pattern, query.limit, query.offset], |row| {
            Ok(CandidateProgress {
                id: row.get(0)?,
                name: row.get(1)?,
                target_role_key: row.get(2)?,
                created_at: row.get(3)?,
                planned: row.get(4)?,
                submitted: row.get(5)?,
                outcome: row.get(6)?,
            })
        })?;
        let rows = rows.collect::<Result<Vec<_>, _>>()?;
        let total = self.conn.prepare_cached(COUNT)?.query_row([pattern], |row| row.get(0))?;
        Ok((rows, total))
    }
}
