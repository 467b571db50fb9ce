//! Scorecards that travel between machines: an interviewer's sealed scorecards for a
//! candidate, with each seal, its signature and the ladder snapshot, as versioned JSON.
//! Reading a bundle checks everything that can be checked without a database (`read`):
//! the format, every key once, that every scorecard still matches its seal and its
//! signature, and that its ratings are the snapshot's. `against_laptop` then checks it
//! against what this laptop already holds.

pub mod against_laptop;
mod error;
pub mod strict_json;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use error::BundleError;

use crate::identity::{display_name, same_person};
use crate::ladder::Ladder;
use crate::scorecard::{seal, Overall, Rating, Scorecard, ScorecardStatus};
use crate::signing::{SealSignature, Statement};

/// The bundle format this build writes and reads. Format 1 carried no signatures.
pub const BUNDLE_FORMAT: u32 = 2;
/// What a bundle file says it is, so any other JSON is refused by name.
pub const BUNDLE_KIND: &str = "rung-scorecard-bundle";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub kind: String,
    pub format: u32,
    pub exported_at: String,
    pub candidate: BundledCandidate,
    pub ladder: BundledLadder,
    pub scorecards: Vec<BundledScorecard>,
    /// `rung-audit-head: N:hash` of the exporting database, as a witness.
    pub audit_head: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BundledCandidate {
    pub name: String,
    pub target_role_key: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BundledLadder {
    pub name: String,
    pub snapshot_sha256: String,
    /// The snapshot itself, so a coordinator without it can import it.
    pub snapshot_json: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BundledScorecard {
    pub interviewer: String,
    pub interview: Option<String>,
    /// The ids the scorecard had where it was submitted: its seal covers them.
    pub source: SourceIds,
    pub ladder_snapshot_sha256: String,
    pub overall: Option<Overall>,
    pub level_opinion: Option<String>,
    pub summary: String,
    pub submitted_at: String,
    pub amendment_reason: Option<String>,
    pub ratings: Vec<Rating>,
    pub seal_sha256: String,
    /// The salt sealed with it (none for scorecards sealed before salts).
    #[serde(default)]
    pub seal_salt: Option<String>,
    /// Who sealed it: required on import (`None` only to read what older Rungs wrote).
    #[serde(default)]
    pub signature: Option<ScorecardSignature>,
}

/// A scorecard's signature, with the candidate it was sealed for as written there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScorecardSignature {
    pub candidate: String,
    pub target_role_key: String,
    pub public_key: String,
    pub signature: String,
}

impl ScorecardSignature {
    pub fn seal_signature(&self) -> SealSignature {
        SealSignature { public_key: self.public_key.clone(), signature: self.signature.clone() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SourceIds {
    pub scorecard: i64,
    pub candidate: i64,
    pub interviewer: i64,
    pub interview: Option<i64>,
    pub amends_scorecard: Option<i64>,
}

impl BundledScorecard {
    /// The bundled scorecard from a submitted one, with the signature it was sealed with.
    pub fn from_sealed(
        scorecard: &Scorecard,
        interviewer: &str,
        interview: Option<&str>,
        signature: Option<ScorecardSignature>,
    ) -> Option<BundledScorecard> {
        (scorecard.status == ScorecardStatus::Submitted).then(|| BundledScorecard {
            interviewer: interviewer.to_owned(),
            interview: interview.map(str::to_owned),
            source: SourceIds {
                scorecard: scorecard.id,
                candidate: scorecard.candidate_id,
                interviewer: scorecard.interviewer_id,
                interview: scorecard.interview_id,
                amends_scorecard: scorecard.amends_scorecard_id,
            },
            ladder_snapshot_sha256: scorecard.ladder_snapshot_sha256.clone(),
            overall: scorecard.overall,
            level_opinion: scorecard.level_opinion.clone(),
            summary: scorecard.summary.clone(),
            submitted_at: scorecard.submitted_at.clone().unwrap_or_default(),
            amendment_reason: scorecard.amendment_reason.clone(),
            ratings: scorecard.ratings.clone(),
            seal_sha256: scorecard.seal_sha256.clone().unwrap_or_default(),
            seal_salt: scorecard.seal_salt.clone(),
            signature,
        })
    }

    /// The scorecard as it was where it was submitted (source ids), to check its seal.
    pub fn as_source_scorecard(&self) -> Scorecard {
        Scorecard {
            id: self.source.scorecard,
            candidate_id: self.source.candidate,
            interviewer_id: self.source.interviewer,
            interview_id: self.source.interview,
            ladder_snapshot_sha256: self.ladder_snapshot_sha256.clone(),
            status: ScorecardStatus::Submitted,
            overall: self.overall,
            level_opinion: self.level_opinion.clone(),
            summary: self.summary.clone(),
            submitted_at: Some(self.submitted_at.clone()),
            seal_sha256: Some(self.seal_sha256.clone()),
            amends_scorecard_id: self.source.amends_scorecard,
            amendment_reason: self.amendment_reason.clone(),
            ratings: self.ratings.clone(),
            seal_salt: self.seal_salt.clone(),
        }
    }

    pub fn seal_holds(&self) -> bool {
        seal(&self.as_source_scorecard(), &self.submitted_at) == self.seal_sha256
    }

    /// What its signature is over, when it has one.
    pub fn statement(&self) -> Option<Statement<'_>> {
        let signature = self.signature.as_ref()?;
        Some(Statement::Scorecard {
            seal: &self.seal_sha256,
            candidate: &signature.candidate,
            target_role_key: &signature.target_role_key,
            interviewer: &self.interviewer,
            interview: self.interview.as_deref(),
        })
    }

    /// True when it is signed and the signature holds for its seal and names.
    pub fn signature_holds(&self) -> bool {
        match (&self.signature, self.statement()) {
            (Some(signature), Some(statement)) => signature.seal_signature().verifies(&statement),
            _ => false,
        }
    }

    /// How a person knows this scorecard: whose, for which interview, submitted when.
    pub fn describe(&self) -> String {
        let who = display_name(&self.interviewer);
        let who = if who.is_empty() { "An unnamed interviewer".to_owned() } else { who };
        let interview = match self.interview.as_deref().map(display_name) {
            Some(name) if !name.is_empty() => format!(" for \u{201c}{name}\u{201d}"),
            _ => String::new(),
        };
        let kind = if self.source.amends_scorecard.is_some() { "amended scorecard" } else { "scorecard" };
        let at: String = self.submitted_at.chars().take(16).collect();
        format!("{who}'s {kind}{interview} (submitted {})", at.replace('T', " "))
    }
}

/// More scorecards than any panel holds (eight interviews, each amended a few times) is
/// not a bundle Rung wrote.
pub const MAX_SCORECARDS: usize = 64;

/// A bundle read and checked in itself, with its ladder snapshot parsed.
#[derive(Debug, Clone)]
pub struct ReadBundle {
    pub bundle: Bundle,
    pub ladder: Ladder,
}

impl Bundle {
    /// Reads and checks a bundle in itself: format, every key once, the ladder snapshot's
    /// hash, and for every scorecard its seal, its signature, its candidate, its interview
    /// and interviewer, its ratings against the snapshot, and what it amends.
    pub fn read(bytes: &[u8]) -> Result<ReadBundle, BundleError> {
        match strict_json::first_duplicate_key(bytes) {
            Ok(Some(key)) => return Err(BundleError::DuplicateKey(key)),
            Ok(None) => {}
            Err(e) => return Err(BundleError::NotABundle(format!("not JSON: {e}"))),
        }
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| BundleError::NotABundle(format!("not JSON: {e}")))?;
        if value.get("kind").and_then(|k| k.as_str()) != Some(BUNDLE_KIND) {
            return Err(BundleError::NotABundle("it does not say it is one".into()));
        }
        match value.get("format").and_then(serde_json::Value::as_u64) {
            Some(format) if format == u64::from(BUNDLE_FORMAT) => {}
            Some(0) => return Err(BundleError::UnknownFormat(0)),
            Some(format) if format < u64::from(BUNDLE_FORMAT) => return Err(BundleError::OlderFormat(format)),
            Some(format) => return Err(BundleError::NewerFormat(format)),
            None => return Err(BundleError::NotABundle("it has no format number".into())),
        }
        let bundle: Bundle = serde_json::from_value(value).map_err(|e| BundleError::NotABundle(e.to_string()))?;
        if crate::ladder::source::sha256_hex(bundle.ladder.snapshot_json.as_bytes()) != bundle.ladder.snapshot_sha256 {
            return Err(BundleError::LadderAltered);
        }
        let ladder = crate::ladder::json::from_json(&bundle.ladder.snapshot_json, std::path::Path::new("bundle"))
            .map_err(|e| BundleError::LadderUnreadable(e.to_string()))?;
        bundle.check_scorecards(&ladder)?;
        Ok(ReadBundle { bundle, ladder })
    }

    fn check_scorecards(&self, ladder: &Ladder) -> Result<(), BundleError> {
        if self.scorecards.is_empty() {
            return Err(BundleError::Empty);
        }
        if self.scorecards.len() > MAX_SCORECARDS {
            return Err(BundleError::TooMany { count: self.scorecards.len(), limit: MAX_SCORECARDS });
        }
        let first_candidate = self.scorecards[0].source.candidate;
        for card in &self.scorecards {
            let name = card.describe();
            if card.ladder_snapshot_sha256 != self.ladder.snapshot_sha256 {
                return Err(BundleError::MixedLadders(name));
            }
            if !card.seal_holds() {
                return Err(BundleError::BrokenSeal { card: name, interviewer: display_name(&card.interviewer) });
            }
            let Some(signature) = &card.signature else { return Err(BundleError::Unsigned { card: name }) };
            if !card.signature_holds() {
                return Err(BundleError::BadSignature { card: name });
            }
            if !same_person(&signature.candidate, &self.candidate.name)
                || signature.target_role_key != self.candidate.target_role_key
            {
                return Err(BundleError::OtherCandidate {
                    card: name,
                    signed_for: format!("{} ({})", display_name(&signature.candidate), signature.target_role_key),
                    bundle_for: format!("{} ({})", display_name(&self.candidate.name), self.candidate.target_role_key),
                });
            }
            if card.source.candidate != first_candidate {
                return Err(BundleError::MixedCandidates { card: name });
            }
            if display_name(&card.interviewer).is_empty() {
                return Err(BundleError::NoInterviewer { card: name });
            }
            if card.interview.as_deref().map(display_name).is_none_or(|i| i.is_empty()) {
                return Err(BundleError::NoInterview { card: name });
            }
            check_ratings(card, ladder)?;
        }
        self.check_amendments_and_interviews()
    }

    /// An amendment amends its own interviewer's scorecard for the same interview, which
    /// travels with it; an interview has one interviewer's original scorecard.
    fn check_amendments_and_interviews(&self) -> Result<(), BundleError> {
        let by_source: HashMap<i64, &BundledScorecard> =
            self.scorecards.iter().map(|card| (card.source.scorecard, card)).collect();
        let mut originals: HashMap<String, &BundledScorecard> = HashMap::new();
        for card in &self.scorecards {
            let interview = crate::identity::matching_key(card.interview.as_deref().unwrap_or_default());
            match card.source.amends_scorecard {
                Some(source) => {
                    let original =
                        by_source.get(&source).ok_or_else(|| BundleError::AmendsMissing { card: card.describe() })?;
                    let same_interview =
                        original.interview.as_deref().map(crate::identity::matching_key) == Some(interview.clone());
                    if original.source.interviewer != card.source.interviewer
                        || !same_person(&original.interviewer, &card.interviewer)
                        || original.source.interview != card.source.interview
                        || !same_interview
                        || original.submitted_at > card.submitted_at
                    {
                        return Err(BundleError::AmendsAnother {
                            card: card.describe(),
                            original: original.describe(),
                        });
                    }
                }
                None => {
                    if let Some(other) = originals.insert(interview, card) {
                        return Err(BundleError::SameInterviewTwice { card: card.describe(), other: other.describe() });
                    }
                }
            }
        }
        Ok(())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a bundle serializes")
    }
}

/// Ratings only for characteristics of the snapshot, each once, on its scale.
fn check_ratings(card: &BundledScorecard, ladder: &Ladder) -> Result<(), BundleError> {
    let top = ladder.rating_scale.levels.len();
    let mut seen = HashSet::new();
    for rating in &card.ratings {
        let known = ladder
            .role(&rating.role_key)
            .is_some_and(|role| role.characteristics.iter().any(|c| c.key == rating.characteristic_key));
        if !known {
            return Err(BundleError::UnknownRating {
                card: card.describe(),
                role_key: rating.role_key.clone(),
                characteristic_key: rating.characteristic_key.clone(),
            });
        }
        if let Some(score) = rating.score.filter(|s| !(1..=top).contains(&usize::from(*s))) {
            return Err(BundleError::OffScale {
                card: card.describe(),
                characteristic_key: rating.characteristic_key.clone(),
                score,
                top,
            });
        }
        if !seen.insert((rating.role_key.as_str(), rating.characteristic_key.as_str())) {
            return Err(BundleError::RatedTwice {
                card: card.describe(),
                characteristic_key: rating.characteristic_key.clone(),
            });
        }
    }
    Ok(())
}
