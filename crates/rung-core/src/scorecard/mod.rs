//! Scorecards as the domain sees them: ratings against a ladder snapshot, and the seal
//! that makes a submitted scorecard verifiable. Plain Rust — no Tauri, no SQL.

pub mod panel;
pub mod questions;
pub mod template;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScorecardStatus {
    Draft,
    Submitted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Overall {
    StrongNo,
    No,
    Yes,
    StrongYes,
}

impl Overall {
    /// From "strong no" to "strong yes", as the scorecard offers them.
    pub const ALL: [Overall; 4] = [Overall::StrongNo, Overall::No, Overall::Yes, Overall::StrongYes];

    pub fn as_str(self) -> &'static str {
        match self {
            Overall::StrongNo => "strong_no",
            Overall::No => "no",
            Overall::Yes => "yes",
            Overall::StrongYes => "strong_yes",
        }
    }

    /// As interviewers see it on the scorecard.
    pub fn label(self) -> &'static str {
        match self {
            Overall::StrongNo => "Strong no",
            Overall::No => "No",
            Overall::Yes => "Yes",
            Overall::StrongYes => "Strong yes",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Overall::ALL.into_iter().find(|o| o.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rating {
    pub role_key: String,
    pub characteristic_key: String,
    /// 1–4 on the ladder's scale; `None` is "not assessed", never a low score.
    pub score: Option<u8>,
    pub notes: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Scorecard {
    pub id: i64,
    pub candidate_id: i64,
    pub interviewer_id: i64,
    pub interview_id: Option<i64>,
    pub ladder_snapshot_sha256: String,
    pub status: ScorecardStatus,
    pub overall: Option<Overall>,
    pub level_opinion: Option<String>,
    pub summary: String,
    pub submitted_at: Option<String>,
    pub seal_sha256: Option<String>,
    pub amends_scorecard_id: Option<i64>,
    pub amendment_reason: Option<String>,
    /// Sorted by role, then characteristic.
    pub ratings: Vec<Rating>,
    /// The random salt sealed with the content (scorecards sealed before salts have none).
    /// Never shown; erased with the scorecard, after which no seal of it confirms a guess.
    #[serde(skip)]
    #[ts(skip)]
    pub seal_salt: Option<String>,
}

/// What the seal covers: everything an interviewer submitted, in a fixed order.
#[derive(Serialize)]
struct SealedContent<'a> {
    id: i64,
    candidate_id: i64,
    interviewer_id: i64,
    interview_id: Option<i64>,
    ladder_snapshot_sha256: &'a str,
    overall: Option<Overall>,
    level_opinion: Option<&'a str>,
    summary: &'a str,
    submitted_at: &'a str,
    amends_scorecard_id: Option<i64>,
    amendment_reason: Option<&'a str>,
    ratings: Vec<(&'a str, &'a str, Option<u8>, &'a str)>,
    /// Absent for scorecards sealed before salts, so their seals still hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    salt: Option<&'a str>,
}

/// SHA-256 over a canonical serialization of the scorecard as submitted at `submitted_at`
/// (its salt included).
pub fn seal(scorecard: &Scorecard, submitted_at: &str) -> String {
    let mut ratings: Vec<(&str, &str, Option<u8>, &str)> = scorecard
        .ratings
        .iter()
        .map(|r| (r.role_key.as_str(), r.characteristic_key.as_str(), r.score, r.notes.as_str()))
        .collect();
    ratings.sort();
    let content = SealedContent {
        id: scorecard.id,
        candidate_id: scorecard.candidate_id,
        interviewer_id: scorecard.interviewer_id,
        interview_id: scorecard.interview_id,
        ladder_snapshot_sha256: &scorecard.ladder_snapshot_sha256,
        overall: scorecard.overall,
        level_opinion: scorecard.level_opinion.as_deref(),
        summary: &scorecard.summary,
        submitted_at,
        amends_scorecard_id: scorecard.amends_scorecard_id,
        amendment_reason: scorecard.amendment_reason.as_deref(),
        ratings,
        salt: scorecard.seal_salt.as_deref(),
    };
    let canonical = serde_json::to_string(&content).expect("sealed content serializes");
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// True when a submitted scorecard still matches its seal.
pub fn seal_holds(scorecard: &Scorecard) -> bool {
    match (&scorecard.seal_sha256, &scorecard.submitted_at) {
        (Some(stored), Some(at)) => seal(scorecard, at) == *stored,
        _ => false,
    }
}
