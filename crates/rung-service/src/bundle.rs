//! Moving sealed scorecards between machines, for the app and the CLI: an interviewer
//! exports theirs for a candidate; the coordinator imports them, all or nothing.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::access::{self, Action, Refusal};
use crate::actor::{candidate_facts, scorecard_facts, Actor};
use crate::bundle_format::{Bundle, BundledCandidate, BundledLadder, BundledScorecard, BUNDLE_FORMAT, BUNDLE_KIND};
use crate::store::{ImportTarget, Store, StoreError};

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
    let scorecards: Vec<BundledScorecard> = store
        .scorecards_of(candidate_id)?
        .iter()
        .filter(|card| access::may_export_scorecard(&actor, &facts, &scorecard_facts(card)))
        .filter(|card| card.ladder_snapshot_sha256 == ladder.snapshot_sha256)
        .filter_map(|card| {
            let name = names.get(&card.interviewer_id).map_or("", String::as_str);
            let interview = card.interview_id.and_then(|id| interviews.get(&id)).map(String::as_str);
            BundledScorecard::from_sealed(card, name, interview)
        })
        .collect();
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
    crate::store::files::write_file_atomically(path, bundle.to_json().as_bytes())?;
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

fn same_name(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let norm = |s: &str| s.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// Imports a bundle into this database, as one transaction: every scorecard or none.
/// The candidate is `candidate_id`, or the one candidate with the bundle's name and
/// target role; it must match the bundle either way. A ladder snapshot this database
/// lacks is imported from the bundle only when `import_ladder` says so.
pub fn import_bundle(
    store: &mut Store,
    bytes: &[u8],
    candidate_id: Option<i64>,
    import_ladder: bool,
) -> Result<BundleImport, StoreError> {
    let bundle = Bundle::read(bytes).map_err(|e| StoreError::Invalid(e.to_string()))?;
    store.atomically(|store| {
        let mut ladder_imported = false;
        let ladder_id = match store.find_ladder(&bundle.ladder.snapshot_sha256)? {
            Some(ladder) => ladder.id,
            None if import_ladder => {
                let ladder = crate::ladder::json::from_json(&bundle.ladder.snapshot_json, std::path::Path::new("bundle"))
                    .map_err(|e| StoreError::Invalid(format!("The bundle's ladder does not import: {e}")))?;
                let stored = store.save_ladder(&ladder, false)?;
                if stored.snapshot_sha256 != bundle.ladder.snapshot_sha256 {
                    return Err(StoreError::Invalid(
                        "The bundle's ladder imports as a different snapshot; nothing was imported.".into(),
                    ));
                }
                ladder_imported = true;
                stored.id
            }
            None => {
                return Err(StoreError::Invalid(format!(
                    "These scorecards were scored on the ladder \"{}\" (snapshot {}), which this database does not have. Import the ladder from the bundle (--import-ladder, or \"Import its ladder too\" in the app), then import again.",
                    bundle.ladder.name,
                    &bundle.ladder.snapshot_sha256[..12]
                )))
            }
        };
        let candidate = match candidate_id {
            Some(id) => store.candidate(id)?,
            None => {
                let matches: Vec<_> = store
                    .candidates()?
                    .into_iter()
                    .filter(|c| {
                        same_name(&c.name, &bundle.candidate.name) && c.target_role_key == bundle.candidate.target_role_key
                    })
                    .collect();
                match matches.len() {
                    1 => matches.into_iter().next().expect("one match"),
                    0 => {
                        return Err(StoreError::Invalid(format!(
                            "No candidate here is {} for {}. Add them first, or name the candidate to import into.",
                            bundle.candidate.name, bundle.candidate.target_role_key
                        )))
                    }
                    n => {
                        return Err(StoreError::Invalid(format!(
                            "{n} candidates here are {} for {}: name the one to import into.",
                            bundle.candidate.name, bundle.candidate.target_role_key
                        )))
                    }
                }
            }
        };
        if !same_name(&candidate.name, &bundle.candidate.name)
            || candidate.target_role_key != bundle.candidate.target_role_key
        {
            return Err(StoreError::Invalid(format!(
                "This bundle is for {} ({}), not for {} ({}); nothing was imported.",
                bundle.candidate.name, bundle.candidate.target_role_key, candidate.name, candidate.target_role_key
            )));
        }
        let panel = store.panel(candidate.id)?;
        let mut interviewers: HashMap<String, i64> =
            store.interviewers()?.into_iter().map(|i| (i.name.clone(), i.id)).collect();
        // Originals before their amendments, so an amendment finds what it amends.
        let mut cards: Vec<&BundledScorecard> = bundle.scorecards.iter().collect();
        cards.sort_by_key(|card| (card.source.amends_scorecard.is_some(), card.submitted_at.clone()));
        let by_source: HashMap<i64, &BundledScorecard> = cards.iter().map(|c| (c.source.scorecard, *c)).collect();
        let (mut added, mut already_here) = (0, 0);
        for card in cards {
            if store.scorecard_with_seal(&card.seal_sha256)?.is_some() {
                already_here += 1;
                continue;
            }
            let interviewer_id = match interviewers.get(&card.interviewer) {
                Some(id) => *id,
                None => {
                    let id = store.create_interviewer(&card.interviewer, None)?;
                    interviewers.insert(card.interviewer.clone(), id);
                    id
                }
            };
            let interview = card.interview.as_deref().and_then(|name| panel.iter().find(|i| i.name == name));
            if let Some(interview) = interview.filter(|i| i.interviewer_id.is_none()) {
                store.assign_interviewer(interview.id, Some(interviewer_id))?;
            }
            let amends_scorecard_id = match card.source.amends_scorecard {
                Some(source) => {
                    let original = by_source.get(&source).ok_or_else(|| {
                        StoreError::Invalid(format!(
                            "{}'s amended scorecard came without the scorecard it amends; export both.",
                            card.interviewer
                        ))
                    })?;
                    store.scorecard_with_seal(&original.seal_sha256)?
                }
                None => None,
            };
            store.import_sealed_scorecard(
                card,
                &ImportTarget {
                    candidate_id: candidate.id,
                    interviewer_id,
                    interview_id: interview.map(|i| i.id),
                    ladder_id,
                    amends_scorecard_id,
                },
            )?;
            added += 1;
        }
        Ok(BundleImport { candidate_id: candidate.id, candidate_name: candidate.name, added, already_here, ladder_imported })
    })
}
