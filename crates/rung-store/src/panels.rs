//! Panel plans: interviews with their focus characteristics, per candidate.

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use crate::error::StoreError;
use crate::Store;
use rung_core::scorecard::panel::{PanelPlan, PlannedInterview};
use rung_core::scorecard::template::CharacteristicRef;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StoredInterview {
    pub id: i64,
    pub position: u32,
    pub name: String,
    pub interviewer_id: Option<i64>,
    pub focus: Vec<CharacteristicRef>,
    /// Why this interview keeps its name and place in the plan: it has a sealed
    /// scorecard, which must go on saying which interview it was for. `None`: editable.
    pub frozen_because: Option<String>,
}

impl Store {
    /// Replaces the candidate's plan (interviews that already have scorecards are kept by
    /// position, so edits never orphan a scorecard). An interview with a sealed scorecard
    /// keeps its name and position: a plan that removes, renames or moves one is refused
    /// with the reason, since the sealed scorecard would then read as another interview's.
    pub fn save_panel_plan(&mut self, candidate_id: i64, plan: &PanelPlan) -> Result<Vec<StoredInterview>, StoreError> {
        plan.check().map_err(StoreError::Invalid)?;
        let tx = self.write()?;
        for sealed in self.panel(candidate_id)?.iter().filter(|i| i.frozen_because.is_some()) {
            refuse_moving_sealed(sealed, plan)?;
        }
        tx.execute(
            "INSERT INTO panel_plans (candidate_id, created_at) VALUES (?1, ?2) ON CONFLICT(candidate_id) DO NOTHING",
            params![candidate_id, crate::now()],
        )?;
        let plan_id: i64 =
            tx.query_row("SELECT id FROM panel_plans WHERE candidate_id = ?1", [candidate_id], |row| row.get(0))?;
        for (position, interview) in plan.interviews.iter().enumerate() {
            save_interview(&tx, plan_id, position as u32 + 1, interview)?;
        }
        // Interviews beyond the new plan's length go, unless a scorecard refers to them.
        tx.execute(
            "DELETE FROM interviews WHERE plan_id = ?1 AND position > ?2
             AND NOT EXISTS (SELECT 1 FROM scorecards WHERE interview_id = interviews.id)",
            params![plan_id, plan.interviews.len() as i64],
        )?;
        crate::audit::append(
            &tx,
            "rung",
            "panel.save",
            "candidate",
            candidate_id,
            &serde_json::json!({ "interviews": plan.interviews.len() }),
        )?;
        tx.commit()?;
        self.panel(candidate_id)
    }

    pub fn panel(&self, candidate_id: i64) -> Result<Vec<StoredInterview>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT i.id, i.position, i.name, i.interviewer_id,
                    EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = i.id AND s.status = 'submitted')
             FROM interviews i
             JOIN panel_plans p ON p.id = i.plan_id WHERE p.candidate_id = ?1 ORDER BY i.position",
        )?;
        let mut interviews: Vec<StoredInterview> = statement
            .query_map([candidate_id], |row| {
                let name: String = row.get(2)?;
                let sealed: bool = row.get(4)?;
                Ok(StoredInterview {
                    id: row.get(0)?,
                    position: row.get(1)?,
                    frozen_because: sealed.then(|| frozen_because(&name)),
                    name,
                    interviewer_id: row.get(3)?,
                    focus: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut focus = self.conn.prepare(
            "SELECT role_key, characteristic_key FROM interview_focus WHERE interview_id = ?1 ORDER BY rowid",
        )?;
        for interview in &mut interviews {
            interview.focus = focus
                .query_map([interview.id], |row| {
                    Ok(CharacteristicRef { role_key: row.get(0)?, characteristic_key: row.get(1)? })
                })?
                .collect::<Result<_, _>>()?;
        }
        Ok(interviews)
    }

    pub fn assign_interviewer(&mut self, interview_id: i64, interviewer_id: Option<i64>) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE interviews SET interviewer_id = ?2 WHERE id = ?1",
            params![interview_id, interviewer_id],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "interview", id: interview_id });
        }
        Ok(())
    }
}

fn frozen_because(name: &str) -> String {
    format!(
        "\u{201c}{name}\u{201d} has a sealed scorecard, so it keeps its name and place in the plan: removing, renaming or moving it would make that scorecard read as another interview's."
    )
}

/// A sealed interview stays at its position under its name in the new plan.
fn refuse_moving_sealed(sealed: &StoredInterview, plan: &PanelPlan) -> Result<(), StoreError> {
    let at = plan.interviews.get(sealed.position as usize - 1).map(|i| i.name.trim());
    if at == Some(sealed.name.as_str()) {
        return Ok(());
    }
    // Absent from the new plan: removed, or renamed in place (the same to the scorecard).
    let change = if plan.interviews.iter().any(|i| i.name.trim() == sealed.name) { "move" } else { "remove or rename" };
    Err(StoreError::SealedInterview { interview: sealed.name.clone(), change })
}

fn save_interview(
    tx: &rusqlite::Connection,
    plan_id: i64,
    position: u32,
    interview: &PlannedInterview,
) -> Result<(), StoreError> {
    // PanelPlan::check refused a blank name before anything was written.
    let name = interview.name.trim();
    tx.execute(
        "INSERT INTO interviews (plan_id, position, name) VALUES (?1, ?2, ?3)
         ON CONFLICT(plan_id, position) DO UPDATE SET name = excluded.name",
        params![plan_id, position, name],
    )?;
    let id: i64 = tx.query_row(
        "SELECT id FROM interviews WHERE plan_id = ?1 AND position = ?2",
        params![plan_id, position],
        |row| row.get(0),
    )?;
    tx.execute("DELETE FROM interview_focus WHERE interview_id = ?1", [id])?;
    for focus in &interview.focus {
        tx.execute(
            "INSERT OR IGNORE INTO interview_focus (interview_id, role_key, characteristic_key) VALUES (?1, ?2, ?3)",
            params![id, focus.role_key, focus.characteristic_key],
        )?;
    }
    Ok(())
}

impl Store {
    /// An interview and the candidate it belongs to.
    pub fn interview(&self, interview_id: i64) -> Result<(i64, StoredInterview), StoreError> {
        let candidate_id: i64 = self
            .conn
            .query_row(
                "SELECT p.candidate_id FROM interviews i JOIN panel_plans p ON p.id = i.plan_id WHERE i.id = ?1",
                [interview_id],
                |row| row.get(0),
            )
            .map_err(|_| StoreError::NotFound { what: "interview", id: interview_id })?;
        let interview = self
            .panel(candidate_id)?
            .into_iter()
            .find(|interview| interview.id == interview_id)
            .ok_or(StoreError::NotFound { what: "interview", id: interview_id })?;
        Ok((candidate_id, interview))
    }

    /// The viewer's latest scorecard for an interview (a draft, or the sealed one).
    pub fn own_scorecard_for_interview(&self, viewer: i64, interview_id: i64) -> Result<Option<i64>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM scorecards WHERE interviewer_id = ?1 AND interview_id = ?2 ORDER BY id DESC LIMIT 1",
                params![viewer, interview_id],
                |row| row.get(0),
            )
            .optional()?)
    }
}

impl Store {
    /// Per candidate: (interviews planned, planned interviews with a submitted scorecard).
    pub fn scorecard_progress(&self) -> Result<std::collections::HashMap<i64, (u32, u32)>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT p.candidate_id, count(DISTINCT i.id),
                    count(DISTINCT CASE WHEN s.status = 'submitted' THEN i.id END)
             FROM panel_plans p JOIN interviews i ON i.plan_id = p.id
             LEFT JOIN scorecards s ON s.interview_id = i.id AND s.candidate_id = p.candidate_id
             GROUP BY p.candidate_id",
        )?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One candidate's (planned interviews, those with a submitted scorecard).
    pub fn scorecard_progress_of(&self, candidate_id: i64) -> Result<(u32, u32), StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(DISTINCT i.id), count(DISTINCT CASE WHEN s.status = 'submitted' THEN i.id END)
             FROM panel_plans p JOIN interviews i ON i.plan_id = p.id
             LEFT JOIN scorecards s ON s.interview_id = i.id AND s.candidate_id = p.candidate_id
             WHERE p.candidate_id = ?1",
            [candidate_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?)
    }
}

/// Where one interview's scorecard stands (its latest, amendments included), without
/// any score: counts and dates only, so showing it to anyone reveals nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterviewProgress {
    pub interview_id: i64,
    pub scorecard_id: i64,
    pub interviewer_id: i64,
    pub submitted: bool,
    pub submitted_at: Option<String>,
    /// The latest scorecard is an amendment of a sealed one.
    pub amendment: bool,
    /// The interview's focus characteristics with a rating or an explicit "not assessed"
    /// (ratings of characteristics outside the focus do not count towards the focus).
    pub assessed_focus: u32,
}

impl Store {
    /// The latest scorecard of each of the candidate's planned interviews.
    pub fn interview_progress(&self, candidate_id: i64) -> Result<Vec<InterviewProgress>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT s.interview_id, s.interviewer_id, s.status = 'submitted', s.submitted_at,
                    s.amends_scorecard_id IS NOT NULL, s.id,
                    (SELECT count(*) FROM ratings r
                     JOIN interview_focus f ON f.interview_id = s.interview_id
                          AND f.role_key = r.role_key AND f.characteristic_key = r.characteristic_key
                     WHERE r.scorecard_id = s.id AND (r.score IS NOT NULL OR r.notes = ''))
             FROM scorecards s
             WHERE s.candidate_id = ?1 AND s.interview_id IS NOT NULL
               AND s.id = (SELECT max(id) FROM scorecards t WHERE t.interview_id = s.interview_id AND t.candidate_id = ?1)
             ORDER BY s.interview_id",
        )?;
        let rows = statement.query_map([candidate_id], |row| {
            Ok(InterviewProgress {
                interview_id: row.get(0)?,
                interviewer_id: row.get(1)?,
                submitted: row.get(2)?,
                submitted_at: row.get(3)?,
                amendment: row.get(4)?,
                assessed_focus: row.get(6)?,
                scorecard_id: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
