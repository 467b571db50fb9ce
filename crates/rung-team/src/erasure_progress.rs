//! Where each erasure stands on the server, for everyone to see: which laptops have
//! received it, whether the server's maintenance has rewritten its tables since, and what
//! the server's write-ahead log still holds. Each sync says this laptop synced, confirms
//! the erasures it holds nothing of, and keeps what it read in the settings, so
//! `rung team status` and the erase output work offline (as of the last sync).

use rung_store::{Store, StoreError, TeamBinding};
use serde::{Deserialize, Serialize};
use tokio_postgres::Client;

use crate::error::TeamError;
use crate::local::LocalStore;

/// The settings key of what the last sync read (JSON of `ServerFacts`).
pub(crate) const FACTS: &str = "team.server_facts";

/// How many erasures still in progress are read (the oldest first).
const OUTSTANDING_LIMIT: i64 = 500;

pub(crate) const OLD_SCHEMA: &str = "The team server's schema is older than this Rung, so it cannot say which laptops have received an erasure: ask the administrator to run `rung team init-server` again";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownLaptop {
    pub laptop: String,
    pub login: String,
    /// The member's display name (the login when they have none).
    pub name: String,
    /// None for a laptop known only from the audit entries it shared before the server
    /// kept track of laptops.
    pub last_seen: Option<String>,
}

impl KnownLaptop {
    /// A laptop row on the server: the folder's laptop id as one login.
    pub fn key(&self) -> String {
        format!("{} {}", self.laptop, self.login)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureState {
    pub candidate_id: String,
    pub erased_at: String,
    pub erased_by: String,
    /// When maintenance rewrote the tables after it; None while it waits.
    pub maintained_at: Option<String>,
    /// Laptops (`KnownLaptop::key`) that hold none of it, with when they said so.
    pub received: Vec<(String, String)>,
    /// Laptops (`KnownLaptop::key`) that have not said so yet.
    pub behind: Vec<String>,
}

/// The server's write-ahead log, as far as copies of erased rows go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalFacts {
    /// wal_recycle: on means old segments are renamed for reuse and keep their bytes.
    pub recycle: bool,
    pub max_wal_size: String,
    pub wal_keep_size: String,
    pub archive_mode: String,
    pub replication_slots: u32,
    /// Bytes the server must still write before pg_wal holds nothing from before the last
    /// maintenance (≤ 0: nothing); None when the maintenance could not tell.
    pub bytes_to_clear: Option<i64>,
}

/// What a sync (or a maintenance) read about erasures on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerFacts {
    /// The server's time when read.
    pub fetched_at: String,
    /// Whether the login that read this may erase on the server.
    pub coordinator: bool,
    pub laptops: Vec<KnownLaptop>,
    /// Erasures not yet everywhere: waiting for maintenance, or for a laptop.
    pub erasures: Vec<ErasureState>,
    /// Erasures the server's tables and every laptop are done with.
    pub erasures_done: u32,
    pub last_maintenance: Option<String>,
    pub wal: WalFacts,
}

/// Who made an erasure (`e`), as "Name (login)", in SQL.
pub(crate) const ERASED_BY: &str = "coalesce((SELECT m.display_name || ' (' || e.erased_by || ')' FROM rung.members m WHERE m.login = e.erased_by), e.erased_by::text)";

/// A timestamp column as ISO 8601 in UTC, in SQL.
pub(crate) fn iso(column: &str) -> String {
    format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
}

/// This laptop synced: it says so, confirms every erasure it holds nothing of, and keeps
/// what the server says about erasures. `Ok(Some(problem))` on a server without erasure
/// tracking (an older schema).
pub(crate) async fn exchange(
    local: &impl LocalStore,
    client: &Client,
    binding: &TeamBinding,
) -> Result<Option<String>, TeamError> {
    let server = binding.server.as_str();
    let err = |e| TeamError::from_query(e, server);
    if !has_tracking(client, server).await? {
        return Ok(Some(OLD_SCHEMA.to_owned()));
    }
    client.execute("SELECT rung.laptop_synced($1)", &[&binding.laptop]).await.map_err(err)?;
    let unconfirmed: Vec<String> = client
        .query(
            "SELECT e.candidate_id FROM rung.erasures e WHERE NOT EXISTS (
                 SELECT 1 FROM rung.erasure_receipts r
                 WHERE r.candidate_id = e.candidate_id AND r.laptop = $1 AND r.login = current_user)",
            &[&binding.laptop],
        )
        .await
        .map_err(err)?
        .iter()
        .map(|row| row.get(0))
        .collect();
    // Only what this laptop holds nothing of: a candidate kept here (a legal hold) is not.
    let gone: Vec<String> = local.with(|store| {
        let mut gone = Vec::new();
        for id in unconfirmed {
            if store.candidate_with_global_id(&id)?.is_none() {
                gone.push(id);
            }
        }
        Ok(gone)
    })?;
    if !gone.is_empty() {
        client.execute("SELECT rung.erasures_received($1, $2)", &[&binding.laptop, &gone]).await.map_err(err)?;
    }
    let facts = read_facts(client, server).await?;
    local.with(|store| store.set_setting(FACTS, &serde_json::to_string(&facts).expect("facts serialize")))?;
    Ok(None)
}

async fn has_tracking(client: &Client, server: &str) -> Result<bool, TeamError> {
    Ok(client
        .query_one("SELECT to_regclass('rung.erasure_receipts') IS NOT NULL", &[])
        .await
        .map_err(|e| TeamError::from_query(e, server))?
        .get(0))
}

/// What the last sync read, if it read anything.
pub fn cached_facts(store: &Store) -> Result<Option<ServerFacts>, StoreError> {
    Ok(store.setting(FACTS)?.filter(|json| !json.is_empty()).and_then(|json| serde_json::from_str(&json).ok()))
}

/// Reads where every erasure stands (as a member or as the administrator).
pub(crate) async fn read_facts(client: &Client, server: &str) -> Result<ServerFacts, TeamError> {
    let err = |e| TeamError::from_query(e, server);
    let head = client
        .query_one(
            &format!(
                "SELECT {}, rung.is_coordinator(current_user),
                        (SELECT {} FROM rung.maintenance_runs ORDER BY id DESC LIMIT 1)",
                iso("now()"),
                iso("ran_at")
            ),
            &[],
        )
        .await
        .map_err(err)?;
    let laptops = client
        .query(
            &format!(
                "SELECT l.laptop, l.login::text, coalesce(m.display_name, l.login::text), {}
                 FROM rung.laptops l LEFT JOIN rung.members m ON m.login = l.login ORDER BY 3, 1",
                iso("l.last_seen")
            ),
            &[],
        )
        .await
        .map_err(err)?
        .iter()
        .map(|row| KnownLaptop { laptop: row.get(0), login: row.get(1), name: row.get(2), last_seen: row.get(3) })
        .collect();
    let behind = "SELECT l.laptop || ' ' || l.login FROM rung.laptops l WHERE NOT EXISTS (
                      SELECT 1 FROM rung.erasure_receipts r
                      WHERE r.candidate_id = e.candidate_id AND r.laptop = l.laptop AND r.login = l.login)";
    let erasures = client
        .query(
            &format!(
                "SELECT e.candidate_id, {}, {ERASED_BY}, {},
                        ARRAY(SELECT r.laptop || ' ' || r.login FROM rung.erasure_receipts r WHERE r.candidate_id = e.candidate_id ORDER BY r.received_at, r.laptop),
                        ARRAY(SELECT {} FROM rung.erasure_receipts r WHERE r.candidate_id = e.candidate_id ORDER BY r.received_at, r.laptop),
                        ARRAY({behind} ORDER BY 1)
                 FROM rung.erasures e
                 WHERE e.maintained_at IS NULL OR EXISTS ({behind})
                 ORDER BY e.erased_at LIMIT $1",
                iso("e.erased_at"),
                iso("e.maintained_at"),
                iso("r.received_at"),
            ),
            &[&OUTSTANDING_LIMIT],
        )
        .await
        .map_err(err)?
        .iter()
        .map(|row| {
            let laptops: Vec<String> = row.get(4);
            let times: Vec<String> = row.get(5);
            ErasureState {
                candidate_id: row.get(0),
                erased_at: row.get(1),
                erased_by: row.get(2),
                maintained_at: row.get(3),
                received: laptops.into_iter().zip(times).collect(),
                behind: row.get(6),
            }
        })
        .collect::<Vec<_>>();
    let total: i64 = client.query_one("SELECT count(*) FROM rung.erasures", &[]).await.map_err(err)?.get(0);
    let wal = read_wal(client, server).await?;
    Ok(ServerFacts {
        fetched_at: head.get(0),
        coordinator: head.get(1),
        laptops,
        erasures_done: (total as u32).saturating_sub(erasures.len() as u32),
        erasures,
        last_maintenance: head.get(2),
        wal,
    })
}

async fn read_wal(client: &Client, server: &str) -> Result<WalFacts, TeamError> {
    let row = client
        .query_one(
            "SELECT current_setting('wal_recycle') = 'on', current_setting('max_wal_size'),
                    current_setting('wal_keep_size'), current_setting('archive_mode'),
                    (SELECT count(*)::int FROM pg_replication_slots),
                    (SELECT pg_wal_lsn_diff(wal_clear_lsn, pg_current_wal_lsn())::bigint
                       FROM rung.maintenance_runs ORDER BY id DESC LIMIT 1)",
            &[],
        )
        .await
        .map_err(|e| TeamError::from_query(e, server))?;
    Ok(WalFacts {
        recycle: row.get(0),
        max_wal_size: row.get(1),
        wal_keep_size: row.get(2),
        archive_mode: row.get(3),
        replication_slots: row.get::<_, i32>(4) as u32,
        bytes_to_clear: row.get(5),
    })
}

/// The write-ahead log after a rewrite at `rewrite_lsn`.
pub(crate) struct WalAfterRewrite {
    pub recycle: bool,
    /// From this WAL position on, pg_wal holds nothing written before the rewrite.
    pub clear_lsn: Option<String>,
}

/// Works out from which WAL position pg_wal holds nothing from before the rewrite: with
/// wal_recycle off, the checkpoint removed every older segment (now, unless one is kept);
/// with it on, the old segments were renamed ahead, and are overwritten once the log has
/// passed the last of them. Unknown without the checkpoint or the right to list pg_wal.
pub(crate) async fn wal_after_rewrite(
    client: &Client,
    server: &str,
    rewrite_lsn: &str,
    checkpointed: bool,
) -> Result<WalAfterRewrite, TeamError> {
    let err = |e| TeamError::from_query(e, server);
    let row = client
        .query_one(
            "SELECT current_setting('wal_recycle') = 'on', pg_walfile_name(pg_current_wal_lsn()),
                    (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size')",
            &[],
        )
        .await
        .map_err(err)?;
    let (recycle, current, segment_size): (bool, String, i64) = (row.get(0), row.get(1), row.get(2));
    if !checkpointed {
        return Ok(WalAfterRewrite { recycle, clear_lsn: None });
    }
    // pg_ls_waldir needs superuser or pg_monitor; without it the answer is unknown.
    let Ok(rows) = client.query("SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$'", &[]).await else {
        return Ok(WalAfterRewrite { recycle, clear_lsn: None });
    };
    let segments: Vec<String> = rows.iter().map(|row| row.get(0)).collect();
    // A segment older than the current one is kept (wal_keep_size, a slot, the archiver):
    // it is recycled later, to a name nobody can predict now.
    let position = |name: &str| name.get(8..).unwrap_or_default().to_owned();
    if segments.iter().any(|name| position(name) < position(&current)) {
        return Ok(WalAfterRewrite { recycle, clear_lsn: None });
    }
    let clear_lsn = if recycle {
        let highest = segments.iter().map(|name| position(name)).max().unwrap_or_else(|| position(&current));
        segment_end(&highest, segment_size)
    } else {
        Some(rewrite_lsn.to_owned())
    };
    Ok(WalAfterRewrite { recycle, clear_lsn })
}

/// The WAL position where segment `XXXXXXXXYYYYYYYY` (log, segment) ends, as `X/Y`.
fn segment_end(position: &str, segment_size: i64) -> Option<String> {
    let log = u64::from_str_radix(position.get(..8)?, 16).ok()?;
    let segment = u64::from_str_radix(position.get(8..16)?, 16).ok()?;
    let end = (log << 32) + (segment + 1) * u64::try_from(segment_size).ok()?;
    Some(format!("{:X}/{:X}", end >> 32, end & 0xffff_ffff))
}

#[cfg(test)]
mod tests {
    use super::segment_end;

    #[test]
    fn a_segment_ends_where_the_next_begins() {
        assert_eq!(segment_end("0000000000000003", 16 << 20).as_deref(), Some("0/4000000"));
        assert_eq!(segment_end("00000001000000FF", 16 << 20).as_deref(), Some("2/0"));
        assert_eq!(segment_end("nonsense", 16 << 20), None);
    }
}
