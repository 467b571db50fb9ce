//! Each laptop's audit log, shared as it is: pushed after the outbox, readable by
//! coordinators, whose laptops check every laptop's chain link by link (content against
//! hash, each link against the entry before) from where they last stopped. A broken or
//! cut chain is reported by laptop and entry; nothing of it is stored here.

use std::collections::HashMap;

use rung_store::audit::AuditEntry;
use rung_store::TeamBinding;
use tokio_postgres::Client;

use crate::error::TeamError;
use crate::local::LocalStore;

/// Entries per server transaction.
const AUDIT_BATCH: u32 = 500;
/// The last entry of this laptop's log the server has (a cursor, reset for a new server).
const PUSHED: &str = "audit_pushed";

/// Pushes this laptop's log entries the server lacks; how many.
pub(crate) async fn push_audit(
    local: &impl LocalStore,
    client: &mut Client,
    binding: &TeamBinding,
) -> Result<u32, TeamError> {
    let err = |e| TeamError::from_query(e, &binding.server);
    let mut after: i64 = local.with(|store| store.team_cursor(PUSHED))?.and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut pushed = 0;
    loop {
        let entries = local.with(|store| store.audit_entries_after(after, AUDIT_BATCH))?;
        let Some(last) = entries.last().map(|entry| entry.id) else { break };
        let column = |field: fn(&AuditEntry) -> String| entries.iter().map(field).collect::<Vec<String>>();
        let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
        let entity_ids: Vec<i64> = entries.iter().map(|e| e.entity_id).collect();
        client
            .execute(
                "INSERT INTO rung.audit_entries (laptop, id, at, actor, action, entity, entity_id, payload, prev_hash, hash)
                 SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
                                          $8::text[], $9::text[], $10::text[])
                 ON CONFLICT (laptop, id) DO NOTHING",
                &[
                    &binding.laptop,
                    &ids,
                    &column(|e| e.at.clone()),
                    &column(|e| e.actor.clone()),
                    &column(|e| e.action.clone()),
                    &column(|e| e.entity.clone()),
                    &entity_ids,
                    &column(|e| e.payload.clone()),
                    &column(|e| e.prev_hash.clone()),
                    &column(|e| e.hash.clone()),
                ],
            )
            .await
            .map_err(err)?;
        local.with(|store| store.set_team_cursor(PUSHED, &last.to_string()))?;
        pushed += entries.len() as u32;
        after = last;
    }
    Ok(pushed)
}

/// Checks the entries other laptops shared since the last check (a coordinator reads them
/// all; others read none); returns how many were checked and what was broken.
pub(crate) async fn check_shared_audit(
    local: &impl LocalStore,
    client: &mut Client,
    server: &str,
) -> Result<(u32, Vec<String>), TeamError> {
    let err = |e| TeamError::from_query(e, server);
    let positions = local.with(|store| store.team_audit_positions())?;
    let laptops: Vec<&str> = positions.iter().map(|(laptop, _, _)| laptop.as_str()).collect();
    let lasts: Vec<i64> = positions.iter().map(|(_, id, _)| *id).collect();
    let mut checked_to: HashMap<String, (i64, String)> =
        positions.iter().map(|(laptop, id, hash)| (laptop.clone(), (*id, hash.clone()))).collect();
    let rows = client
        .query(
            "SELECT a.laptop, a.pushed_by::text, a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.payload,
                    a.prev_hash, a.hash
             FROM rung.audit_entries a LEFT JOIN unnest($1::text[], $2::bigint[]) AS v(laptop, last) ON v.laptop = a.laptop
             WHERE a.id > coalesce(v.last, 0) ORDER BY a.laptop, a.id",
            &[&laptops, &lasts],
        )
        .await
        .map_err(err)?;
    let (mut checked, mut problems) = (0, Vec::new());
    let mut broken: Option<String> = None;
    for row in rows {
        let laptop: String = row.get(0);
        if broken.as_deref() == Some(laptop.as_str()) {
            continue;
        }
        let entry = AuditEntry {
            id: row.get(2),
            at: row.get(3),
            actor: row.get(4),
            action: row.get(5),
            entity: row.get(6),
            entity_id: row.get(7),
            payload: row.get(8),
            prev_hash: row.get(9),
            hash: row.get(10),
        };
        let previous = checked_to.get(&laptop).map(|(id, hash)| (*id, hash.as_str()));
        match entry.check_follows(previous) {
            Ok(()) => {
                checked_to.insert(laptop, (entry.id, entry.hash));
                checked += 1;
            }
            Err(reason) => {
                let pushed_by: String = row.get(1);
                problems.push(format!(
                    "The audit log {pushed_by}'s laptop ({laptop}) shared on the server is broken at entry {}: {reason}. It was changed on the server, or entries were removed; ask your server's administrator to restore it from a backup.",
                    entry.id
                ));
                broken = Some(laptop);
            }
        }
    }
    local.with(|store| {
        store.atomically(|store| {
            checked_to.iter().try_for_each(|(laptop, (id, hash))| store.set_team_audit_position(laptop, *id, hash))
        })
    })?;
    Ok((checked, problems))
}
