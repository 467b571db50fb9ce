//! Erasing a candidate and retention, for the app and the CLI: the store erases, and
//! this says what else still holds the data (older copies in the data folder, backups
//! made elsewhere) and purges the former when asked.

use serde::Serialize;
use ts_rs::TS;

use crate::access::{self, Actor};
use crate::store::erasure::{older_copies, purge_older_copies};
use crate::store::{ErasureReceipt, Store, StoreError};

#[derive(Debug, Clone, Serialize, TS)]
pub struct ErasureOutcome {
    pub receipt: ErasureReceipt,
    /// Copies in the data folder that still hold the candidate (left as they were).
    pub older_copies: Vec<String>,
    /// Copies deleted because the user asked.
    pub purged: Vec<String>,
    /// The app's own backups that held the candidate: rewritten without them, or deleted.
    pub backups_rewritten: u32,
    pub backups_removed: u32,
    /// What the user should know, as sentences.
    pub notes: Vec<String>,
}

pub fn erase_candidate(
    store: &mut Store,
    actor: Actor,
    candidate_id: i64,
    keep_anonymous: bool,
    purge_copies: bool,
) -> Result<ErasureOutcome, StoreError> {
    access::may_erase(&actor)?;
    // Read before the erasure removes the records with the candidate.
    let exports = store.bundle_exports(candidate_id)?;
    // The store erases and scrubs: the database file, its WAL, `opened/`, half-written
    // outputs and the app's backups (a scrub a full disk stops is finished later).
    let receipt = store.erase_candidate(candidate_id, keep_anonymous)?;
    let data_dir = store.path().parent().map(std::path::Path::to_path_buf).unwrap_or_default();
    let display = |paths: Vec<std::path::PathBuf>| paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>();
    let (older, purged) = if purge_copies {
        (Vec::new(), display(purge_older_copies(&data_dir)?))
    } else {
        (display(older_copies(&data_dir)?), Vec::new())
    };
    let mut notes = vec![format!(
        "Erased candidate {candidate_id}: {} scorecard(s), {} decision(s), {} report(s){}.",
        receipt.scorecards,
        receipt.decisions,
        receipt.reports,
        if receipt.kept_anonymous { "; the outcome, level and scores were kept without name or notes" } else { "" }
    )];
    notes.extend(receipt.scrub.sentences());
    if !older.is_empty() {
        notes.push(format!(
            "{} older copy(ies) in the data folder (safety copies from restores or upgrades) still hold this candidate; erase again with the purge option to delete them.",
            older.len()
        ));
    }
    // In team mode: the server, the other laptops, the server's WAL and base backups.
    if let Some(binding) = store.team_binding()? {
        notes.extend(rung_team::copies_after_local_erasure(store, &binding.login, &binding.laptop)?);
    }
    notes.extend(exports.iter().map(|export| {
        format!(
            "Still in the bundle exported on {} to {} ({} sealed scorecard(s)): Rung cannot reach it; delete it, and ask whoever received a copy to delete theirs.",
            export.exported_at,
            export.file_name,
            export.scorecard_ids.len()
        )
    }));
    notes.push(
        "Backups you made elsewhere with `rung backup` still hold this candidate until you delete them; a restored backup needs this erasure again.".into(),
    );
    Ok(ErasureOutcome {
        receipt: receipt.clone(),
        older_copies: older,
        purged,
        backups_rewritten: receipt.scrub.backups_rewritten,
        backups_removed: receipt.scrub.backups_removed,
        notes,
    })
}

/// Puts a candidate on legal hold (nothing may erase them) or lifts it: the erasure's
/// own rule, so only a coordinator.
pub fn set_legal_hold(store: &mut Store, actor: Actor, candidate_id: i64, hold: bool) -> Result<(), StoreError> {
    access::may_erase(&actor)?;
    store.set_legal_hold(candidate_id, hold)
}

/// How many months after a decision candidates become due for erasure.
pub fn set_retention_months(store: &mut Store, actor: Actor, months: u32) -> Result<(), StoreError> {
    access::may_erase(&actor)?;
    store.set_retention_months(months)
}
