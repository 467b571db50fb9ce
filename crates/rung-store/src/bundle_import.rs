//! Importing a bundle, all or nothing: the facts of this laptop are gathered, the pure
//! rules of `rung_core::bundle::against_laptop` make the plan (or refuse with the reason),
//! and the plan is carried out in one transaction. Every check runs before anything is
//! written, so a refusal is a sentence about the bundle, never a database message.

use std::collections::HashMap;

use rung_core::bundle::against_laptop::{
    pick_candidate, plan_import, CardInterviewer, KnownKey, LaptopFacts, LocalCandidate, LocalInterview,
    LocalInterviewer, SealedHere,
};
use rung_core::bundle::ReadBundle;
use rung_core::identity::matching_key;

use crate::error::StoreError;
use crate::imports::ImportTarget;
use crate::signatures::KeyOrigin;
use crate::Store;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleImported {
    pub candidate_id: i64,
    pub candidate_name: String,
    pub added: u32,
    pub already_here: u32,
    pub ladder_imported: bool,
}

impl Store {
    /// Imports a checked bundle into `candidate_id` (or the one candidate with the
    /// bundle's name and role), with its ladder snapshot when this database lacks it and
    /// `import_ladder` says so. One transaction: every scorecard, or none.
    pub fn import_bundle(
        &mut self,
        read: &ReadBundle,
        candidate_id: Option<i64>,
        import_ladder: bool,
    ) -> Result<BundleImported, StoreError> {
        self.atomically(|store| {
            let (ladder_id, ladder_imported) = store.ladder_for_bundle(read, import_ladder)?;
            let candidates: Vec<LocalCandidate> = store
                .candidates()?
                .into_iter()
                .map(|c| LocalCandidate { id: c.id, name: c.name, target_role_key: c.target_role_key })
                .collect();
            let candidate = pick_candidate(read, &candidates, candidate_id)?;
            let facts = store.laptop_facts(&candidate)?;
            let steps = plan_import(read, &facts)?;
            let cards = &read.bundle.scorecards;
            let mut created: HashMap<String, i64> = HashMap::new();
            let (mut added, mut already_here) = (0, 0);
            for step in &steps {
                if step.already_here {
                    already_here += 1;
                    continue;
                }
                let card = &cards[step.card];
                let interviewer_id = match &step.interviewer {
                    CardInterviewer::Existing(id) => *id,
                    CardInterviewer::New(name) => match created.get(&matching_key(name)) {
                        Some(id) => *id,
                        None => {
                            let id = store.create_interviewer(name, None)?;
                            created.insert(matching_key(name), id);
                            id
                        }
                    },
                };
                if step.pin_key {
                    let key = card.signature.as_ref().map(|s| s.public_key.as_str()).unwrap_or_default();
                    store.pin_key(&store.conn, key, Some(interviewer_id), KeyOrigin::Bundle)?;
                }
                if step.assign_interview {
                    store.assign_interviewer(step.interview_id, Some(interviewer_id))?;
                }
                let amends_scorecard_id = match step.amends_card {
                    Some(original) => store.scorecard_with_seal(&cards[original].seal_sha256)?,
                    None => None,
                };
                store.import_sealed_scorecard(
                    card,
                    &ImportTarget {
                        candidate_id: candidate.id,
                        interviewer_id,
                        interview_id: Some(step.interview_id),
                        ladder_id,
                        amends_scorecard_id,
                    },
                )?;
                added += 1;
            }
            Ok(BundleImported {
                candidate_id: candidate.id,
                candidate_name: candidate.name,
                added,
                already_here,
                ladder_imported,
            })
        })
    }

    fn ladder_for_bundle(&mut self, read: &ReadBundle, import_ladder: bool) -> Result<(i64, bool), StoreError> {
        let wanted = &read.bundle.ladder;
        if let Some(ladder) = self.find_ladder(&wanted.snapshot_sha256)? {
            return Ok((ladder.id, false));
        }
        if !import_ladder {
            return Err(StoreError::BundleLadderMissing {
                name: wanted.name.clone(),
                snapshot: wanted.snapshot_sha256[..12].to_owned(),
            });
        }
        let stored = self.save_ladder(&read.ladder, false)?;
        if stored.snapshot_sha256 != wanted.snapshot_sha256 {
            return Err(StoreError::Integrity(
                "The bundle's ladder imports as a different snapshot; nothing was imported.".into(),
            ));
        }
        Ok((stored.id, true))
    }

    /// What this laptop holds that a bundle for `candidate` must agree with.
    fn laptop_facts(&self, candidate: &LocalCandidate) -> Result<LaptopFacts, StoreError> {
        let mut interviews: Vec<LocalInterview> = self
            .panel(candidate.id)?
            .into_iter()
            .map(|i| LocalInterview { id: i.id, name: i.name, interviewer_id: i.interviewer_id, sealed: Vec::new() })
            .collect();
        let mut statement = self.conn.prepare(
            "SELECT s.interview_id, s.interviewer_id, coalesce(i.source_seal_sha256, s.seal_sha256)
             FROM scorecards s LEFT JOIN imported_scorecards i ON i.scorecard_id = s.id
             WHERE s.candidate_id = ?1 AND s.status = 'submitted' AND s.interview_id IS NOT NULL",
        )?;
        let rows = statement.query_map([candidate.id], |row| Ok((row.get::<_, i64>(0)?, row.get(1)?, row.get(2)?)))?;
        for row in rows {
            let (interview_id, interviewer_id, global_seal) = row?;
            if let Some(interview) = interviews.iter_mut().find(|i| i.id == interview_id) {
                interview.sealed.push(SealedHere { interviewer_id, global_seal });
            }
        }
        let mut keys = self.conn.prepare("SELECT public_key, interviewer_id FROM signing_keys")?;
        let keys = keys
            .query_map([], |row| Ok(KnownKey { public_key: row.get(0)?, interviewer_id: row.get(1)? }))?
            .collect::<Result<_, _>>()?;
        Ok(LaptopFacts {
            candidate: Some(candidate.clone()),
            interviews,
            interviewers: self
                .interviewers()?
                .into_iter()
                .map(|i| LocalInterviewer { id: i.id, name: i.name })
                .collect(),
            keys,
            seals_here: self.global_seals()?.into_iter().collect(),
        })
    }
}
