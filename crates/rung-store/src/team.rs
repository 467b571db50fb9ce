//! Team mode's side of the local database: the folder's binding to a server (settings),
//! global identities, the outbox the triggers of migration 005 fill, and storing what
//! was pulled from the server. The server itself is `rung-team`'s.

use rung_core::decision::{seal as decision_seal, Decision};
use rung_core::team::{SharedCandidate, SharedInterview, SharedReport};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::StoreError;
use crate::Store;

const SERVER: &str = "team.server";
const LOGIN: &str = "team.login";
const LAPTOP: &str = "team.laptop";

/// This folder's binding to a team server. The password is never here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamBinding {
    /// The server's URL without any password.
    pub server: String,
    pub login: String,
    /// This laptop's id among the team's (breaks ties between edits made at one time).
    pub laptop: String,
    /// The local interviewer the login scores as.
    pub interviewer_id: i64,
}

/// Something waiting to be pushed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub kind: OutboxKind,
    pub local_id: i64,
    pub candidate_id: i64,
    /// The erased candidate's global id (erasures only).
    pub global_id: Option<String>,
    pub version: i64,
    pub queued_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OutboxKind {
    Candidate,
    Panel,
    Scorecard,
    Decision,
    Report,
    Erasure,
}

impl OutboxKind {
    fn parse(text: &str) -> Option<OutboxKind> {
        Some(match text {
            "candidate" => OutboxKind::Candidate,
            "panel" => OutboxKind::Panel,
            "scorecard" => OutboxKind::Scorecard,
            "decision" => OutboxKind::Decision,
            "report" => OutboxKind::Report,
            "erasure" => OutboxKind::Erasure,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxKind::Candidate => "candidate",
            OutboxKind::Panel => "panel",
            OutboxKind::Scorecard => "scorecard",
            OutboxKind::Decision => "decision",
            OutboxKind::Report => "report",
            OutboxKind::Erasure => "erasure",
        }
    }
}

/// How much is waiting, for "synced / n waiting".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct OutboxCounts {
    pub waiting: u32,
    /// Refused by the server for good (this login may not share them).
    pub refused: u32,
    /// The last error of something still waiting, if any.
    pub last_error: Option<String>,
}

impl Store {
    /// Binds the folder to a server as `login`, scoring as `interviewer_id`, and queues
    /// everything already here that the team shares — in one transaction.
    pub fn bind_team(&mut self, server: &str, login: &str, interviewer_id: i64) -> Result<TeamBinding, StoreError> {
        self.atomically(|store| {
            let laptop = match store.setting(LAPTOP)? {
                Some(laptop) => laptop,
                None => store.conn.query_row("SELECT lower(hex(randomblob(8)))", [], |row| row.get(0))?,
            };
            store.set_setting(LAPTOP, &laptop)?;
            if store.setting(SERVER)?.as_deref() != Some(server) {
                // Another server's horizon means nothing here: pull everything.
                store
                    .conn
                    .execute("DELETE FROM settings WHERE key LIKE 'team.cursor.%' OR key LIKE 'team.audit.%'", [])?;
            }
            store.set_setting(SERVER, server)?;
            store.set_setting(LOGIN, login)?;
            store.bind_member(interviewer_id, login)?;
            store.conn.execute_batch(
                "INSERT OR IGNORE INTO sync_outbox (kind, local_id, candidate_id, queued_at)
                     SELECT 'candidate', id, id, updated_at FROM candidates;
                 INSERT OR IGNORE INTO sync_outbox (kind, local_id, candidate_id, queued_at)
                     SELECT 'panel', candidate_id, candidate_id, created_at FROM panel_plans;
                 INSERT OR IGNORE INTO sync_outbox (kind, local_id, candidate_id, queued_at)
                     SELECT 'scorecard', id, candidate_id, submitted_at FROM scorecards
                     WHERE status = 'submitted' AND id NOT IN (SELECT scorecard_id FROM imported_scorecards);
                 INSERT OR IGNORE INTO sync_outbox (kind, local_id, candidate_id, queued_at)
                     SELECT 'decision', id, candidate_id, decided_at FROM decisions
                     WHERE id NOT IN (SELECT decision_id FROM imported_decisions);
                 INSERT OR IGNORE INTO sync_outbox (kind, local_id, candidate_id, queued_at)
                     SELECT 'report', id, candidate_id, issued_at FROM reports
                     WHERE candidate_id IS NOT NULL AND id NOT IN (SELECT report_id FROM imported_reports);",
            )?;
            crate::audit::append(
                &store.conn,
                "rung",
                "team.connect",
                "interviewer",
                interviewer_id,
                &serde_json::json!({ "login": login }),
            )?;
            Ok(TeamBinding { server: server.to_owned(), login: login.to_owned(), laptop, interviewer_id })
        })
    }

    /// The folder's binding, when it is connected to a server.
    pub fn team_binding(&self) -> Result<Option<TeamBinding>, StoreError> {
        let (Some(server), Some(login), Some(laptop)) =
            (self.setting(SERVER)?, self.setting(LOGIN)?, self.setting(LAPTOP)?)
        else {
            return Ok(None);
        };
        let interviewer_id = self.interviewer_with_login(&login)?.ok_or_else(|| {
            StoreError::Invalid(format!(
                "This folder is connected as {login}, but no interviewer here is {login}: connect again."
            ))
        })?;
        Ok(Some(TeamBinding { server, login, laptop, interviewer_id }))
    }

    /// Ends the binding: nothing more is queued, and what waited is dropped (a later
    /// connect queues everything again; pushing is idempotent). Pulled data stays.
    pub fn unbind_team(&mut self) -> Result<(), StoreError> {
        self.atomically(|store| {
            store.conn.execute(
                "DELETE FROM settings WHERE key IN (?1, ?2) OR key LIKE 'team.cursor.%' OR key LIKE 'team.audit.%'",
                [SERVER, LOGIN],
            )?;
            store.conn.execute("DELETE FROM sync_outbox", [])?;
            crate::audit::append(&store.conn, "rung", "team.disconnect", "settings", 0, &serde_json::json!({}))?;
            Ok(())
        })
    }

    /// Where the last pull of `table` stopped (the server's transaction horizon).
    pub fn team_cursor(&self, table: &str) -> Result<Option<String>, StoreError> {
        self.setting(&format!("team.cursor.{table}"))
    }

    pub fn set_team_cursor(&self, table: &str, cursor: &str) -> Result<(), StoreError> {
        self.set_setting(&format!("team.cursor.{table}"), cursor)
    }

    /// Everything waiting, in the order the server needs it: candidates before their
    /// panels and scorecards, originals before their amendments, erasures last.
    pub fn outbox(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT kind, local_id, candidate_id, global_id, version, queued_at FROM sync_outbox
             WHERE refused IS NULL ORDER BY local_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (kind, local_id, candidate_id, global_id, version, queued_at) = row?;
            let kind = OutboxKind::parse(&kind)
                .ok_or_else(|| StoreError::Integrity(format!("The outbox holds an unknown kind {kind:?}.")))?;
            entries.push(OutboxEntry { kind, local_id, candidate_id, global_id, version, queued_at });
        }
        entries.sort_by_key(|entry| entry.kind);
        Ok(entries)
    }

    /// The entry was pushed: it goes, unless it changed again since it was read.
    pub fn settle_outbox(&self, entry: &OutboxEntry) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM sync_outbox WHERE kind = ?1 AND local_id = ?2 AND version = ?3",
            params![entry.kind.as_str(), entry.local_id, entry.version],
        )?;
        Ok(())
    }

    /// The push failed: counted and explained; `refused` when retrying cannot help.
    pub fn outbox_failed(&self, entry: &OutboxEntry, error: &str, refused: bool) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE sync_outbox SET attempts = attempts + 1, last_error = ?3, refused = CASE WHEN ?4 THEN ?3 END
             WHERE kind = ?1 AND local_id = ?2",
            params![entry.kind.as_str(), entry.local_id, error, refused],
        )?;
        Ok(())
    }

    pub fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FILTER (WHERE refused IS NULL), count(*) FILTER (WHERE refused IS NOT NULL),
                    (SELECT last_error FROM sync_outbox WHERE refused IS NULL AND last_error IS NOT NULL LIMIT 1)
             FROM sync_outbox",
            [],
            |row| Ok(OutboxCounts { waiting: row.get(0)?, refused: row.get(1)?, last_error: row.get(2)? }),
        )?)
    }

    /// Drops what the triggers queued while applying pulled data (pulled things are on the
    /// server already). Only called in the transaction that applied them.
    fn forget_queued(&self, kind: OutboxKind, local_id: i64) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM sync_outbox WHERE kind = ?1 AND local_id = ?2", params![kind.as_str(), local_id])?;
        Ok(())
    }

    /// True while a local change of this thing waits to be pushed (it is not overwritten
    /// by a pull; the server decides once it is pushed).
    pub fn has_pending_change(&self, kind: OutboxKind, local_id: i64) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE kind = ?1 AND local_id = ?2 AND refused IS NULL)",
            params![kind.as_str(), local_id],
            |row| row.get(0),
        )?)
    }

    pub fn candidate_global_id(&self, candidate_id: i64) -> Result<String, StoreError> {
        self.conn
            .query_row("SELECT global_id FROM team_candidates WHERE candidate_id = ?1", [candidate_id], |row| {
                row.get(0)
            })
            .optional()?
            .ok_or(StoreError::NotFound { what: "candidate", id: candidate_id })
    }

    pub fn candidate_with_global_id(&self, global_id: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT candidate_id FROM team_candidates WHERE global_id = ?1", [global_id], |row| row.get(0))
            .optional()?)
    }

    pub fn member_login(&self, interviewer_id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT login FROM team_members WHERE interviewer_id = ?1", [interviewer_id], |row| row.get(0))
            .optional()?)
    }

    pub fn interviewer_with_login(&self, login: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT interviewer_id FROM team_members WHERE login = ?1", [login], |row| row.get(0))
            .optional()?)
    }

    /// Records that `interviewer_id` is the member `login` (replacing any other mapping of either).
    pub fn bind_member(&self, interviewer_id: i64, login: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM team_members WHERE interviewer_id = ?1 OR login = ?2",
            params![interviewer_id, login],
        )?;
        self.conn.execute(
            "INSERT INTO team_members (interviewer_id, login) VALUES (?1, ?2)",
            params![interviewer_id, login],
        )?;
        Ok(())
    }

    /// The local interviewer for a member: mapped already, or the one unmapped interviewer
    /// with their name, or a new one.
    pub fn interviewer_for_member(&mut self, login: &str, name: &str) -> Result<i64, StoreError> {
        if let Some(id) = self.interviewer_with_login(login)? {
            return Ok(id);
        }
        // One identity rule: the same person however their name was spaced or cased.
        let unmapped: Option<i64> = self
            .interviewers()?
            .into_iter()
            .filter(|i| rung_core::identity::same_person(&i.name, name))
            .map(|i| i.id)
            .filter(|id| self.member_login(*id).ok().flatten().is_none())
            .min();
        let id = match unmapped {
            Some(id) => id,
            None => self.create_interviewer(name, None)?,
        };
        self.bind_member(id, login)?;
        Ok(id)
    }

    /// A candidate as the team shares them.
    pub fn shared_candidate(&self, candidate_id: i64) -> Result<SharedCandidate, StoreError> {
        let candidate = self.candidate(candidate_id)?;
        let ladder = self.stored_ladder(candidate.ladder_id)?;
        Ok(SharedCandidate {
            global_id: self.candidate_global_id(candidate_id)?,
            name: candidate.name,
            email: candidate.email,
            ladder_snapshot_sha256: ladder.snapshot_sha256,
            target_role_key: candidate.target_role_key,
            notes: candidate.notes,
        })
    }

    /// Stores a pulled candidate (new here, or their details replaced) under their global
    /// id; returns the local id. The ladder must be here already.
    pub fn apply_shared_candidate(&mut self, shared: &SharedCandidate, ladder_id: i64) -> Result<i64, StoreError> {
        self.atomically(|store| {
            let id = match store.candidate_with_global_id(&shared.global_id)? {
                Some(id) => {
                    store.conn.execute(
                        "UPDATE candidates SET name = ?2, email = ?3, ladder_id = ?4, target_role_key = ?5, notes = ?6, updated_at = ?7
                         WHERE id = ?1",
                        params![id, shared.name, shared.email, ladder_id, shared.target_role_key, shared.notes, crate::now()],
                    )?;
                    crate::audit::append(&store.conn, "team", "candidate.update", "candidate", id, &serde_json::json!({}))?;
                    id
                }
                None => {
                    let now = crate::now();
                    store.conn.execute(
                        "INSERT INTO candidates (name, email, ladder_id, target_role_key, notes, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                        params![shared.name, shared.email, ladder_id, shared.target_role_key, shared.notes, now],
                    )?;
                    let id = store.conn.last_insert_rowid();
                    store.conn.execute(
                        "UPDATE team_candidates SET global_id = ?2 WHERE candidate_id = ?1",
                        params![id, shared.global_id],
                    )?;
                    crate::audit::append(
                        &store.conn,
                        "team",
                        "candidate.create",
                        "candidate",
                        id,
                        &serde_json::json!({ "ladder_id": ladder_id }),
                    )?;
                    id
                }
            };
            store.forget_queued(OutboxKind::Candidate, id)?;
            Ok(id)
        })
    }

    /// Stores a pulled panel plan for a candidate here, interviewers by login.
    pub fn apply_shared_panel(&mut self, candidate_id: i64, interviews: &[SharedInterview]) -> Result<(), StoreError> {
        use rung_core::scorecard::panel::{PanelPlan, PlannedInterview};
        self.atomically(|store| {
            let mut ordered: Vec<&SharedInterview> = interviews.iter().collect();
            ordered.sort_by_key(|interview| interview.position);
            let plan = PanelPlan {
                interviews: ordered
                    .iter()
                    .map(|i| PlannedInterview { name: i.name.clone(), focus: i.focus.clone() })
                    .collect(),
            };
            let stored = store.save_panel_plan(candidate_id, &plan)?;
            for (interview, shared) in stored.iter().zip(&ordered) {
                let assignee = match shared.interviewer_login.as_deref() {
                    Some(login) => store.interviewer_with_login(login)?,
                    None => None,
                };
                if interview.interviewer_id != assignee {
                    store.assign_interviewer(interview.id, assignee)?;
                }
            }
            store.forget_queued(OutboxKind::Panel, candidate_id)?;
            Ok(())
        })
    }

    /// The local decision that was recorded elsewhere with `source_seal`, or here with it.
    pub fn decision_with_seal(&self, source_seal: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT decision_id FROM imported_decisions WHERE source_seal_sha256 = ?1
                 UNION ALL SELECT id FROM decisions WHERE seal_sha256 = ?1 LIMIT 1",
                [source_seal],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// True when the decision was recorded on another laptop and pulled here.
    pub fn decision_is_imported(&self, decision_id: i64) -> Result<bool, StoreError> {
        self.came_from_elsewhere("imported_decisions", "decision_id", decision_id)
    }

    /// True when the scorecard came from elsewhere (a bundle or the server).
    pub fn scorecard_is_imported(&self, scorecard_id: i64) -> Result<bool, StoreError> {
        self.came_from_elsewhere("imported_scorecards", "scorecard_id", scorecard_id)
    }

    /// True when `table` (one of the `imported_*` tables) lists the row `id` under `column`.
    fn came_from_elsewhere(&self, table: &str, column: &str, id: i64) -> Result<bool, StoreError> {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE {column} = ?1)");
        Ok(self.conn.query_row(&sql, [id], |row| row.get(0))?)
    }

    /// A candidate's panel plan as the team shares it: interviews by position, each
    /// interviewer by their login (none when not a member).
    pub fn shared_panel(&self, candidate_id: i64) -> Result<Vec<SharedInterview>, StoreError> {
        self.panel(candidate_id)?
            .into_iter()
            .map(|interview| {
                Ok(SharedInterview {
                    interviewer_login: match interview.interviewer_id {
                        Some(id) => self.member_login(id)?,
                        None => None,
                    },
                    position: interview.position,
                    name: interview.name,
                    focus: interview.focus,
                })
            })
            .collect()
    }

    /// The local id of a candidate's interview at `position`, if the plan has one.
    pub fn interview_at_position(&self, candidate_id: i64, position: u32) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT i.id FROM interviews i JOIN panel_plans p ON p.id = i.plan_id
                 WHERE p.candidate_id = ?1 AND i.position = ?2",
                rusqlite::params![candidate_id, position],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Stores a decision recorded on another laptop (already checked against its seal),
    /// sealed again over its ids here. An amendment amends the local copy of what it
    /// amended there; if that one was amended here already (two decisions made at once),
    /// both are kept and the newer stands.
    pub fn import_decision(&mut self, source: &Decision, candidate_id: i64) -> Result<i64, StoreError> {
        self.atomically(|store| {
            let amends = match &source.amends {
                Some(_) => store.current_decision_id(candidate_id)?,
                None => None,
            };
            let id: i64 = store.conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM decisions", [], |row| row.get(0))?;
            let mut local = Decision { id, candidate_id, amends, ..source.clone() };
            if local.amends.is_some() && local.reason.is_none() {
                local.amends = None;
            }
            local.seal_sha256 = decision_seal(&local);
            store.insert_decision(&local)?;
            store.conn.execute(
                "INSERT INTO imported_decisions (source_seal_sha256, decision_id) VALUES (?1, ?2)",
                params![source.seal_sha256, id],
            )?;
            let action = if local.amends.is_some() { "decision.amend" } else { "decision.record" };
            let payload = serde_json::json!({
                "candidate_id": candidate_id, "seal_sha256": local.seal_sha256, "source_seal_sha256": source.seal_sha256,
            });
            crate::audit::append(&store.conn, "team", action, "decision", id, &payload)?;
            store.forget_queued(OutboxKind::Decision, id)?;
            Ok(id)
        })
    }

    /// Erases a candidate because their erasure came from the server; the tombstone is
    /// not pushed back.
    pub fn apply_shared_erasure(&mut self, candidate_id: i64) -> Result<crate::ErasureReceipt, StoreError> {
        let receipt = self.erase_candidate(candidate_id, false)?;
        self.forget_queued(OutboxKind::Erasure, candidate_id)?;
        Ok(receipt)
    }

    /// The seal a scorecard is known by on every laptop: the one it was submitted with
    /// where it was made.
    pub fn global_seal_of_scorecard(&self, scorecard_id: i64) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row(
            "SELECT coalesce((SELECT source_seal_sha256 FROM imported_scorecards WHERE scorecard_id = ?1),
                             (SELECT seal_sha256 FROM scorecards WHERE id = ?1))",
            [scorecard_id],
            |row| row.get(0),
        )?)
    }

    /// Submitted scorecards per candidate (by global id): what a pull compares with the
    /// server's counts to find candidates with scorecards this laptop may now read.
    pub fn submitted_counts_by_global_id(&self) -> Result<std::collections::HashMap<String, i64>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT t.global_id, count(*) FROM scorecards s JOIN team_candidates t ON t.candidate_id = s.candidate_id
             WHERE s.status = 'submitted' GROUP BY t.global_id",
        )?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every seal of this laptop's submitted scorecards and decisions, as every laptop
    /// knows them (the seal where each was made): two laptops that converged list the same.
    pub fn global_seals(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT coalesce(i.source_seal_sha256, s.seal_sha256) FROM scorecards s
             LEFT JOIN imported_scorecards i ON i.scorecard_id = s.id WHERE s.status = 'submitted'
             UNION ALL
             SELECT coalesce(i.source_seal_sha256, d.seal_sha256) FROM decisions d
             LEFT JOIN imported_decisions i ON i.decision_id = d.id
             ORDER BY 1",
        )?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A report as the team shares it (the PDF travels beside it).
    pub fn shared_report(&self, id: i64) -> Result<(SharedReport, Vec<u8>), StoreError> {
        let (report, evidence_sha256): (crate::ArchivedReport, String) = (
            self.report(id)?,
            self.conn.query_row("SELECT evidence_sha256 FROM reports WHERE id = ?1", [id], |row| row.get(0))?,
        );
        let decision_seal = match report.decision_id {
            Some(decision) => Some(self.conn.query_row(
                "SELECT coalesce((SELECT source_seal_sha256 FROM imported_decisions WHERE decision_id = ?1),
                                 (SELECT seal_sha256 FROM decisions WHERE id = ?1))",
                [decision],
                |row| row.get(0),
            )?),
            None => None,
        };
        let shared = SharedReport {
            report_id: report.report_id,
            data_sha256: report.data_sha256,
            file_sha256: report.file_sha256,
            evidence_sha256,
            decision_seal,
            issued_at: report.issued_at,
            paper: report.paper,
            candidate_name: report.candidate_name,
            role_title: report.role_title,
            hired_level: report.hired_level,
            outcome: report.outcome,
            decided_by: report.decided_by,
            pages: report.pages,
        };
        Ok((shared, self.report_pdf(id)?))
    }

    /// Archives a report issued on another laptop (already checked against its hashes).
    pub fn apply_shared_report(
        &mut self,
        shared: &SharedReport,
        pdf: &[u8],
        candidate_id: i64,
    ) -> Result<(), StoreError> {
        self.atomically(|store| {
            let decision_id = match &shared.decision_seal {
                Some(seal) => store.decision_with_seal(seal)?,
                None => None,
            };
            let archived = store.archive_report(&crate::NewReport {
                report_id: &shared.report_id,
                data_sha256: &shared.data_sha256,
                file_sha256: &shared.file_sha256,
                evidence_sha256: &shared.evidence_sha256,
                candidate_id,
                decision_id,
                issued_at: &shared.issued_at,
                paper: &shared.paper,
                candidate_name: &shared.candidate_name,
                role_title: &shared.role_title,
                hired_level: &shared.hired_level,
                outcome: &shared.outcome,
                decided_by: &shared.decided_by,
                pages: shared.pages,
                pdf,
            })?;
            store.conn.execute("INSERT OR IGNORE INTO imported_reports (report_id) VALUES (?1)", [archived.id])?;
            store.forget_queued(OutboxKind::Report, archived.id)
        })
    }

    /// True when the report was issued on another laptop and pulled here.
    pub fn report_is_imported(&self, report_id: i64) -> Result<bool, StoreError> {
        self.came_from_elsewhere("imported_reports", "report_id", report_id)
    }

    /// This laptop's audit entries after `after` (team mode shares the log as it is).
    pub fn audit_entries_after(&self, after: i64, limit: u32) -> Result<Vec<crate::audit::AuditEntry>, StoreError> {
        crate::audit::entries_after(&self.conn, after, limit)
    }

    /// How far each laptop's shared audit log has been checked here: (laptop, last entry
    /// checked, its hash).
    pub fn team_audit_positions(&self) -> Result<Vec<(String, i64, String)>, StoreError> {
        let mut statement =
            self.conn.prepare("SELECT substr(key, 12), value FROM settings WHERE key LIKE 'team.audit.%'")?;
        let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))?;
        let mut positions = Vec::new();
        for row in rows {
            let (laptop, value) = row?;
            if let Some((id, hash)) = value.split_once(':').and_then(|(id, hash)| Some((id.parse().ok()?, hash))) {
                positions.push((laptop, id, hash.to_owned()));
            }
        }
        Ok(positions)
    }

    pub fn set_team_audit_position(&self, laptop: &str, id: i64, hash: &str) -> Result<(), StoreError> {
        self.set_setting(&format!("team.audit.{laptop}"), &format!("{id}:{hash}"))
    }

    /// This laptop's id among the team's, once it has been connected.
    pub fn team_laptop(&self) -> Result<Option<String>, StoreError> {
        self.setting(LAPTOP)
    }

    /// Drops a scorecard's queue entry after storing it from the server.
    pub fn forget_pulled_scorecard(&self, scorecard_id: i64) -> Result<(), StoreError> {
        self.forget_queued(OutboxKind::Scorecard, scorecard_id)
    }
}
