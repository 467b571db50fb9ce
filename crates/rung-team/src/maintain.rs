//! `rung team maintain`: the server's administrator makes erasures reach the server's
//! disk. A DELETE leaves the row's bytes in the table's files; a plain VACUUM only marks
//! the space free, and the bytes stay in the page until something overwrites them (shown
//! on PostgreSQL 15 in docs/erasure-on-the-server.md). So this rewrites every table an
//! erasure touches (VACUUM FULL: new files holding only live rows, the old ones unlinked),
//! once no open transaction can still see the erased rows, checks that no erased
//! candidate's row is reachable, checkpoints and says what the write-ahead log and base
//! backups still hold. Idempotent and quiet when nothing waits, so it can run from cron or
//! a systemd timer as often as wanted.

use std::time::{Duration, Instant};

use serde::Serialize;
use tokio_postgres::Client;

use crate::erasure_progress::{self, ServerFacts};
use crate::error::TeamError;

/// A lock only maintenance takes, so two runs (a timer and a person) take turns.
const MAINTAIN_LOCK: i64 = 0x52554e47_4d41494e; // "RUNGMAIN"

/// Every table an erasure deletes from (the erase function and its cascades). Each holds
/// a candidate's personal data: name and email, panel, scorecards' notes, decisions' reasons,
/// reports.
pub const ERASED_TABLES: [&str; 5] = ["candidates", "panels", "scorecards", "decisions", "reports"];

/// How long a table's rewrite waits for its lock before giving up for this run (a sync
/// holds its locks for moments; a rewrite that waits blocks every sync behind it).
const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy)]
pub struct MaintainOptions {
    /// How long to wait for transactions that began before an erasure (they keep its rows
    /// alive, so a rewrite would copy them).
    pub wait: Duration,
}

impl Default for MaintainOptions {
    fn default() -> Self {
        MaintainOptions { wait: Duration::from_secs(30) }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasureRef {
    pub candidate_id: String,
    pub erased_at: String,
    pub erased_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitingErasure {
    pub erasure: ErasureRef,
    /// Why it is still waiting, as a sentence.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RewrittenTable {
    pub table: String,
    pub bytes_before: i64,
    pub bytes_after: i64,
    /// How long the rewrite took, which is how long it held the table's lock (syncs wait).
    pub millis: u64,
}

/// What one maintenance did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Maintenance {
    pub server: String,
    /// Another maintenance held the lock: this one did nothing.
    pub skipped_busy: bool,
    /// Erasures whose rows left the tables' files in this run.
    pub completed: Vec<ErasureRef>,
    /// Erasures still waiting after this run.
    pub waiting: Vec<WaitingErasure>,
    /// Rows of erased candidates that were still reachable (restored by hand, say) and
    /// were deleted now.
    pub leftovers_removed: u64,
    /// Erasures already maintained by earlier runs.
    pub earlier: u32,
    pub rewritten: Vec<RewrittenTable>,
    /// The checkpoint ran, so the old table files are gone now (else at the next one).
    pub checkpointed: bool,
    /// The write-ahead log, base backups and laptops, as sentences.
    pub copies: Vec<String>,
    /// The server as laptops see it after this run (laptops behind, WAL).
    #[serde(skip)]
    pub facts: Option<ServerFacts>,
}

impl Maintenance {
    /// What it did, line by line (the CLI's output).
    pub fn lines(&self) -> Vec<String> {
        if self.skipped_busy {
            return vec![format!("another `rung team maintain` is running on {}; this one did nothing", self.server)];
        }
        let mut lines = Vec::new();
        if self.leftovers_removed > 0 {
            lines.push(format!(
                "removed {} row(s) of erased candidates that were still in the tables",
                self.leftovers_removed
            ));
        }
        if self.completed.is_empty() && self.waiting.is_empty() {
            lines.push(format!(
                "no erasure waits for maintenance on {} ({} done by earlier runs); no table was rewritten",
                self.server, self.earlier
            ));
        }
        if !self.completed.is_empty() {
            lines.push(format!(
                "rewrote the tables of {} erasure(s) on {}: no file of the tables, their indexes or TOAST holds those candidates' rows now{}",
                self.completed.len(),
                self.server,
                if self.checkpointed { "" } else { " (the old files are unlinked at the server's next checkpoint)" }
            ));
            for erasure in &self.completed {
                lines.push(format!(
                    "  erasure {} of {} by {}: done",
                    short(&erasure.candidate_id),
                    erasure.erased_at,
                    erasure.erased_by
                ));
            }
            for table in &self.rewritten {
                lines.push(format!(
                    "  rung.{}: {} → {} bytes, locked for {} ms",
                    table.table, table.bytes_before, table.bytes_after, table.millis
                ));
            }
            lines.push("checked: no row of an erased candidate is reachable in any table".to_owned());
        }
        for waiting in &self.waiting {
            lines.push(format!(
                "still waiting: erasure {} of {} by {}: {}",
                short(&waiting.erasure.candidate_id),
                waiting.erasure.erased_at,
                waiting.erasure.erased_by,
                waiting.reason
            ));
        }
        lines.extend(self.copies.iter().cloned());
        lines
    }
}

/// The first characters of a candidate's global id: enough to tell erasures apart.
pub fn short(global_id: &str) -> &str {
    global_id.get(..8).unwrap_or(global_id)
}

/// Runs the maintenance as the tables' owner.
pub async fn maintain(client: &Client, server: &str, options: MaintainOptions) -> Result<Maintenance, TeamError> {
    let err = |e| TeamError::from_query(e, server);
    check_owner(client, server).await?;
    let locked: bool =
        client.query_one("SELECT pg_try_advisory_lock($1)", &[&MAINTAIN_LOCK]).await.map_err(err)?.get(0);
    let mut report = Maintenance {
        server: server.to_owned(),
        skipped_busy: !locked,
        completed: Vec::new(),
        waiting: Vec::new(),
        leftovers_removed: 0,
        earlier: 0,
        rewritten: Vec::new(),
        checkpointed: false,
        copies: Vec::new(),
        facts: None,
    };
    if !locked {
        return Ok(report);
    }
    let outcome = run_locked(client, server, options, &mut report).await;
    // Unlocking on a connection that broke is moot: the lock went with the session.
    let _ = client.execute("SELECT pg_advisory_unlock($1)", &[&MAINTAIN_LOCK]).await;
    outcome.map(|()| report)
}

async fn run_locked(
    client: &Client,
    server: &str,
    options: MaintainOptions,
    report: &mut Maintenance,
) -> Result<(), TeamError> {
    let err = |e| TeamError::from_query(e, server);
    report.leftovers_removed = remove_leftovers(client, server).await?;
    let pending = pending_erasures(client, server).await?;
    report.earlier = client
        .query_one("SELECT count(*)::int FROM rung.erasures WHERE maintained_at IS NOT NULL", &[])
        .await
        .map_err(err)?
        .get::<_, i32>(0) as u32;
    let (ready, held) = wait_for_older_transactions(client, server, &pending, options.wait).await?;
    report.waiting = held;
    if !ready.is_empty() {
        client.batch_execute(&format!("SET lock_timeout = '{}s'", LOCK_TIMEOUT.as_secs())).await.map_err(err)?;
        match rewrite_tables(client, server).await? {
            Ok(rewritten) => {
                report.rewritten = rewritten;
                let reachable = reachable_rows(client, server).await?;
                if reachable > 0 {
                    return Err(TeamError::Server(format!(
                        "{reachable} row(s) of erased candidates are still in the tables after the rewrite; nothing was marked done, run `rung team maintain` again"
                    )));
                }
                let wal_lsn: String =
                    client.query_one("SELECT pg_current_wal_lsn()::text", &[]).await.map_err(err)?.get(0);
                let (switched, checkpointed) = switch_and_checkpoint(client).await;
                report.checkpointed = checkpointed;
                let wal =
                    erasure_progress::wal_after_rewrite(client, server, &wal_lsn, switched && checkpointed).await?;
                let ids: Vec<&str> = ready.iter().map(|e| e.candidate_id.as_str()).collect();
                let tables: Vec<String> = report.rewritten.iter().map(|t| format!("rung.{}", t.table)).collect();
                client
                    .execute("UPDATE rung.erasures SET maintained_at = now() WHERE candidate_id = ANY($1)", &[&ids])
                    .await
                    .map_err(err)?;
                client
                    .execute(
                        "INSERT INTO rung.maintenance_runs (erasures, rewritten, wal_lsn, wal_clear_lsn, wal_recycle)
                         VALUES ($1, $2, $3::text::pg_lsn, $4::text::pg_lsn, $5)",
                        &[&(ids.len() as i32), &tables, &wal_lsn, &wal.clear_lsn, &wal.recycle],
                    )
                    .await
                    .map_err(err)?;
                report.completed = ready;
            }
            Err(busy_table) => {
                let reason = format!(
                    "rung.{busy_table} stayed locked for {} s (a sync in progress): run `rung team maintain` again",
                    LOCK_TIMEOUT.as_secs()
                );
                report
                    .waiting
                    .extend(ready.into_iter().map(|erasure| WaitingErasure { erasure, reason: reason.clone() }));
            }
        }
    }
    let facts = erasure_progress::read_facts(client, server).await?;
    report.copies = facts.copies_after_maintenance();
    report.facts = Some(facts);
    Ok(())
}

async fn check_owner(client: &Client, server: &str) -> Result<(), TeamError> {
    let err = |e| TeamError::from_query(e, server);
    let ready: bool =
        client.query_one("SELECT to_regclass('rung.maintenance_runs') IS NOT NULL", &[]).await.map_err(err)?.get(0);
    if !ready {
        return Err(TeamError::Server(format!(
            "the team schema on {server} is older than this Rung; run `rung team init-server` on it first"
        )));
    }
    let tables: Vec<&str> = ERASED_TABLES.to_vec();
    let row = client
        .query_one(
            "SELECT current_user::text,
                    (SELECT string_agg(DISTINCT pg_get_userbyid(c.relowner)::text, ', ') FROM pg_class c
                      WHERE c.relnamespace = 'rung'::regnamespace AND c.relname = ANY($1)),
                    bool_and(pg_has_role(current_user, c.relowner, 'USAGE'))
             FROM pg_class c WHERE c.relnamespace = 'rung'::regnamespace AND c.relname = ANY($1)",
            &[&tables],
        )
        .await
        .map_err(err)?;
    let (me, owner, owns): (String, Option<String>, Option<bool>) = (row.get(0), row.get(1), row.get(2));
    if owns != Some(true) {
        return Err(TeamError::Refused(format!(
            "only the owner of the team's tables may rewrite them: connect as {} (the role that ran `rung team init-server`), not {me}",
            owner.unwrap_or_else(|| "the administrator".to_owned())
        )));
    }
    Ok(())
}

/// Deletes what an erasure should have removed and is still there (a row restored by
/// hand, a backup restored over the tables); those erasures are rewritten again.
async fn remove_leftovers(client: &Client, server: &str) -> Result<u64, TeamError> {
    let err = |e| TeamError::from_query(e, server);
    let mut removed = 0;
    // Children first: scorecards amend scorecards, and everything names a candidate.
    for (table, column) in [
        ("scorecards", "candidate_id"),
        ("reports", "candidate_id"),
        ("decisions", "candidate_id"),
        ("panels", "candidate_id"),
        ("candidates", "id"),
    ] {
        let sql = format!(
            "WITH gone AS (DELETE FROM rung.{table} WHERE {column} IN (SELECT candidate_id FROM rung.erasures) RETURNING {column})
             UPDATE rung.erasures SET maintained_at = NULL WHERE candidate_id IN (SELECT {column} FROM gone)"
        );
        let count_sql =
            format!("SELECT count(*) FROM rung.{table} WHERE {column} IN (SELECT candidate_id FROM rung.erasures)");
        let found: i64 = client.query_one(&count_sql, &[]).await.map_err(err)?.get(0);
        if found > 0 {
            client.execute(&sql, &[]).await.map_err(err)?;
            removed += found as u64;
        }
    }
    Ok(removed)
}

/// Rows of erased candidates any table still returns (the check after the rewrite).
async fn reachable_rows(client: &Client, server: &str) -> Result<i64, TeamError> {
    let err = |e| TeamError::from_query(e, server);
    let sql = ERASED_TABLES
        .iter()
        .map(|table| {
            let column = if *table == "candidates" { "id" } else { "candidate_id" };
            format!("(SELECT count(*) FROM rung.{table} WHERE {column} IN (SELECT candidate_id FROM rung.erasures))")
        })
        .collect::<Vec<_>>()
        .join(" + ");
    Ok(client.query_one(&format!("SELECT {sql}"), &[]).await.map_err(err)?.get(0))
}

async fn pending_erasures(client: &Client, server: &str) -> Result<Vec<(ErasureRef, String)>, TeamError> {
    let err = |e| TeamError::from_query(e, server);
    let rows = client
        .query(
            &format!(
                "SELECT e.candidate_id, {}, {}, e.tx::text FROM rung.erasures e
                 WHERE e.maintained_at IS NULL ORDER BY e.erased_at",
                erasure_progress::iso("e.erased_at"),
                erasure_progress::ERASED_BY
            ),
            &[],
        )
        .await
        .map_err(err)?;
    Ok(rows
        .iter()
        .map(|row| (ErasureRef { candidate_id: row.get(0), erased_at: row.get(1), erased_by: row.get(2) }, row.get(3)))
        .collect())
}

/// Splits the pending erasures into those no open transaction can still see (a rewrite
/// drops their rows) and those it would copy, waiting up to `wait` for the latter.
async fn wait_for_older_transactions(
    client: &Client,
    server: &str,
    pending: &[(ErasureRef, String)],
    wait: Duration,
) -> Result<(Vec<ErasureRef>, Vec<WaitingErasure>), TeamError> {
    let err = |e| TeamError::from_query(e, server);
    let deadline = Instant::now() + wait;
    loop {
        let mut ready = Vec::new();
        let mut held = Vec::new();
        for (erasure, tx) in pending {
            // The erasure's transaction id as a 32-bit xid, to compare with the snapshots
            // of open sessions, prepared transactions and replication slots by age.
            let holders = client
                .query(
                    "WITH e AS (SELECT age((($1::text::bigint) % 4294967296)::text::xid) AS age)
                     SELECT format('session %s (%s, %s, open since %s)', a.pid, a.usename, coalesce(nullif(a.application_name, ''), 'no application name'),
                                   to_char(a.xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS UTC'))
                       FROM pg_stat_activity a, e
                      WHERE a.pid <> pg_backend_pid()
                        AND (a.datname = current_database() OR a.datname IS NULL)
                        AND (age(a.backend_xmin) >= e.age OR age(a.backend_xid) >= e.age)
                     UNION ALL
                     SELECT format('prepared transaction %s', p.gid) FROM pg_prepared_xacts p, e WHERE age(p.transaction) >= e.age
                     UNION ALL
                     SELECT format('replication slot %s', s.slot_name) FROM pg_replication_slots s, e WHERE age(s.xmin) >= e.age",
                    &[tx],
                )
                .await
                .map_err(err)?;
            if holders.is_empty() {
                ready.push(erasure.clone());
            } else {
                let names: Vec<String> = holders.iter().map(|row| row.get(0)).collect();
                held.push(WaitingErasure {
                    erasure: erasure.clone(),
                    reason: format!(
                        "{} began before the erasure and can still see its rows, so a rewrite would copy them; it is done at the next maintenance after that ends",
                        names.join(", ")
                    ),
                });
            }
        }
        if held.is_empty() || Instant::now() >= deadline {
            return Ok((ready, held));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Rewrites every table an erasure touches; `Err(table)` when one stayed locked.
async fn rewrite_tables(client: &Client, server: &str) -> Result<Result<Vec<RewrittenTable>, String>, TeamError> {
    let err = |e| TeamError::from_query(e, server);
    let mut rewritten = Vec::new();
    for table in ERASED_TABLES {
        let size_sql = format!("SELECT pg_total_relation_size('rung.{table}')");
        let bytes_before: i64 = client.query_one(&size_sql, &[]).await.map_err(err)?.get(0);
        let started = Instant::now();
        // FULL: a new file with the live rows only (and new indexes and TOAST); a plain
        // VACUUM would leave the erased bytes in the pages' free space.
        match client.batch_execute(&format!("VACUUM (FULL) rung.{table}")).await {
            Ok(()) => {}
            Err(e) if e.code().is_some_and(|c| c.code() == "55P03") => return Ok(Err(table.to_owned())),
            Err(e) => return Err(err(e)),
        }
        let millis = started.elapsed().as_millis() as u64;
        let bytes_after: i64 = client.query_one(&size_sql, &[]).await.map_err(err)?.get(0);
        rewritten.push(RewrittenTable { table: table.to_owned(), bytes_before, bytes_after, millis });
    }
    Ok(Ok(rewritten))
}

/// Closes the current WAL segment and checkpoints, so the old table files are unlinked
/// now and (with wal_recycle off) the segments from before the rewrite are removed. Needs
/// superuser or pg_checkpoint and EXECUTE on pg_switch_wal: (switched, checkpointed).
async fn switch_and_checkpoint(client: &Client) -> (bool, bool) {
    let switched = client.batch_execute("SELECT pg_switch_wal()").await.is_ok();
    (switched, client.batch_execute("CHECKPOINT").await.is_ok())
}
