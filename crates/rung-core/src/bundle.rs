//! Scorecards that travel between machines: an interviewer's sealed scorecards for a
//! candidate, with each seal and the ladder snapshot, as versioned JSON. Reading a
//! bundle checks everything that can be checked without a database: the format, and
//! that every scorecard still matches the seal it was submitted with.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::scorecard::{seal, Overall, Rating, Scorecard, ScorecardStatus};

/// The bundle format this build writes and reads.
pub const BUNDLE_FORMAT: u32 = 1;
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
    /// The bundled scorecard from a submitted one.
    pub fn from_sealed(scorecard: &Scorecard, interviewer: &str, interview: Option<&str>) -> Option<BundledScorecard> {
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
        }
    }

    pub fn seal_holds(&self) -> bool {
        seal(&self.as_source_scorecard(), &self.submitted_at) == self.seal_sha256
    }
}

/// Why a bundle cannot be read, as a sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    #[error("This is not a Rung scorecard bundle ({0}).")]
    NotABundle(String),
    #[error("This bundle is format {0}; this version of Rung reads format {BUNDLE_FORMAT}. Update Rung to import it.")]
    NewerFormat(u32),
    #[error("The scorecard by {interviewer} submitted {submitted_at} no longer matches its seal: it was changed after it was submitted. Ask {interviewer} to export it again.")]
    BrokenSeal { interviewer: String, submitted_at: String },
    #[error("The bundle's ladder snapshot does not match its hash: the bundle was altered. Ask for it again.")]
    LadderAltered,
    #[error("The scorecard by {0} was scored on another ladder than the one the bundle carries.")]
    MixedLadders(String),
    #[error("The bundle holds no submitted scorecards.")]
    Empty,
}

impl Bundle {
    /// Reads and checks a bundle: format, seals, and the ladder snapshot's hash.
    pub fn read(bytes: &[u8]) -> Result<Bundle, BundleError> {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| BundleError::NotABundle(format!("not JSON: {e}")))?;
        if value.get("kind").and_then(|k| k.as_str()) != Some(BUNDLE_KIND) {
            return Err(BundleError::NotABundle("it does not say it is one".into()));
        }
        match value.get("format").and_then(serde_json::Value::as_u64) {
            Some(format) if format as u32 > BUNDLE_FORMAT => return Err(BundleError::NewerFormat(format as u32)),
            Some(_) => {}
            None => return Err(BundleError::NotABundle("it has no format number".into())),
        }
        let bundle: Bundle = serde_json::from_value(value).map_err(|e| BundleError::NotABundle(e.to_string()))?;
        if crate::ladder::source::sha256_hex(bundle.ladder.snapshot_json.as_bytes()) != bundle.ladder.snapshot_sha256 {
            return Err(BundleError::LadderAltered);
        }
        if bundle.scorecards.is_empty() {
            return Err(BundleError::Empty);
        }
        for card in &bundle.scorecards {
            if !card.seal_holds() {
                return Err(BundleError::BrokenSeal {
                    interviewer: card.interviewer.clone(),
                    submitted_at: card.submitted_at.clone(),
                });
            }
            if card.ladder_snapshot_sha256 != bundle.ladder.snapshot_sha256 {
                return Err(BundleError::MixedLadders(card.interviewer.clone()));
            }
        }
        Ok(bundle)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a bundle serializes")
    }
}
