//! Moving sealed scorecards between machines, for the app and the CLI: an interviewer
//! exports theirs for a candidate; the coordinator imports them, all or nothing.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::access::{self, Action, Refusal};
use crate::actor::{candidate_facts, scorecard_facts, Actor};
use crate::bundle_format::{Bundle, BundledCandidate, BundledLadder, BundledScorecard, BUNDLE_FORMAT, BUNDLE_KIND};
use crate::store::{Store, StoreError};

/// A candidate's sealed scorecards as a bundle: those the actor may export
/// (`access::may_export_scorecard`) — an interviewer's own, or every one they may read.
pub fn export_bundle(store: &Store, actor: Actor, candidate_id: i64) -> Result<Bundle, StoreError> {
    let candidate = store.candidate(candidate_id)?;
    if actor.person().is_none() {
        return Err(Refusal::NoActor(Action::ExportScorecards).into());
    }
    let facts = candidate_facts(store, &actor, candidate_id)?;
    let ladder = store.stored_ladder(candidate.ladder_id)?;
    let snapshot_json = store.ladder_snapshot_json(ladder.id)?;
    let names: HashMap<i64, String> = store.interviewers()?.into_iter().map(|i| (i.id, i.name)).collect();
    let interviews: HashMap<i64, String> = store.panel(candidate_id)?.into_iter().map(|i| (i.id, i.name)).collect();
    let mut scorecards: Vec<BundledScorecard> = Vec::new();
    for card in store.scorecards_of(candidate_id)?.iter() {
        if !access::may_export_scorecard(&actor, &facts, &scorecard_facts(card))
            || card.ladder_snapshot_sha256 != ladder.snapshot_sha256
        {
            continue;
        }
        // Only what carries its signature travels: unsigned, nothing proves who sealed it.
        let Some(signature) = store.scorecard_signature(card)? else { continue };
        let name = names.get(&card.interviewer_id).map_or("", String::as_str);
        let interview = card.interview_id.and_then(|id| interviews.get(&id)).map(String::as_str);
        scorecards.extend(BundledScorecard::from_sealed(card, name, interview, Some(signature)));
    }
    if scorecards.is_empty() {
        return Err(StoreError::Invalid(
            "There are no submitted scorecards to export for this candidate: submit a scorecard first.".into(),
        ));
    }
    Ok(Bundle {
        kind: BUNDLE_KIND.to_owned(),
        format: BUNDLE_FORMAT,
        exported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        candidate: BundledCandidate { name: candidate.name, target_role_key: candidate.target_role_key },
        ladder: BundledLadder { name: ladder.name, snapshot_sha256: ladder.snapshot_sha256, snapshot_json },
        scorecards,
        audit_head: store.audit_head()?.to_string(),
    })
}

/// Writes the bundle to `path` (never half a file) and records the export, so an erasure
/// of the candidate can name the file that still holds them.
pub fn save_bundle(
    store: &Store,
    candidate_id: i64,
    bundle: &Bundle,
    path: &std::path::Path,
) -> Result<(), StoreError> {
    crate::store::output_guard::write_output(store.data_dir(), path, bundle.to_json().as_bytes())?;
    let ids: Vec<i64> = bundle.scorecards.iter().map(|card| card.source.scorecard).collect();
    store.record_bundle_export(candidate_id, &path.display().to_string(), &ids)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BundleImport {
    pub candidate_id: i64,
    pub candidate_name: String,
    /// Scorecards added now.
    pub added: u32,
    /// Scorecards this database already had from an earlier import.
    pub already_here: u32,
    /// True when the bundle's ladder was imported along with it.
    pub ladder_imported: bool,
}

/// Imports a bundle into this database, as one transaction: every scorecard or none.
/// The candidate is `candidate_id`, or the one candidate with the bundle's name and
/// target role; it must match the bundle either way. A ladder snapshot this database
/// lacks is imported from the bundle only when `import_ladder` says so. The bundle is
/// checked in itself (`Bundle::read`) and against this laptop (`Store::import_bundle`).
pub fn import_bundle(
    store: &mut Store,
    bytes: &[u8],
    candidate_id: Option<i64>,
    import_ladder: bool,
) -> Result<BundleImport, StoreError> {
    let read = Bundle::read(bytes)?;
    let imported = store.import_bundle(&read, candidate_id, import_ladder)?;
    Ok(BundleImport {
        candidate_id: imported.candidate_id,
        candidate_name: imported.candidate_name,
        added: imported.added,
        already_here: imported.already_here,
        ladder_imported: imported.ladder_imported,
    })
}
