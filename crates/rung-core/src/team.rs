//! What laptops share through a team server, as plain data: the shape of each row the
//! server keeps, and the checks a laptop makes on what it pulls. Sealed things travel
//! with the ids they were sealed over where they were made (like bundles), so their seal
//! is checked on every laptop; the few mutable things carry the time of their last edit
//! and the laptop that made it, and the latest edit wins.

use serde::{Deserialize, Serialize};

use crate::bundle::BundledScorecard;
use crate::decision::{seal as decision_seal, Decision};
use crate::scorecard::template::CharacteristicRef;

/// A candidate as every laptop knows them. The ladder travels by its snapshot hash (and
/// the snapshot itself on the server, once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedCandidate {
    pub global_id: String,
    pub name: String,
    pub email: Option<String>,
    pub ladder_snapshot_sha256: String,
    pub target_role_key: String,
    pub notes: String,
}

/// A candidate's panel plan: interviews by position (positions are stable on every
/// laptop), each assigned to a member by their login, if to anyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedPanel {
    pub interviews: Vec<SharedInterview>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedInterview {
    pub position: u32,
    pub name: String,
    pub interviewer_login: Option<String>,
    pub focus: Vec<CharacteristicRef>,
}

/// An issued report's archive record; the PDF itself travels beside it, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedReport {
    pub report_id: String,
    pub data_sha256: String,
    pub file_sha256: String,
    pub evidence_sha256: String,
    /// The seal of the decision it reports, as recorded where it was made.
    pub decision_seal: Option<String>,
    pub issued_at: String,
    pub paper: String,
    pub candidate_name: String,
    pub role_title: String,
    /// The level hired at; absent from laptops older than the column (then empty).
    #[serde(default)]
    pub hired_level: String,
    pub outcome: String,
    pub decided_by: String,
    pub pages: u32,
}

/// Who wins between two edits of a mutable thing: the later edit, then the laptop id
/// (so every laptop and the server pick the same one).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EditStamp {
    pub edited_at: String,
    pub laptop: String,
}

/// Why something pulled from the server is refused, as a sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PulledRowError {
    #[error("The server holds a scorecard by {interviewer} for {candidate} that no longer matches its seal: it was changed on the server after it was submitted. Nothing of it was stored here; ask your server's administrator to restore it from a backup.")]
    ScorecardSeal { interviewer: String, candidate: String },
    #[error("The server holds a decision for {candidate} that no longer matches its seal: it was changed on the server after it was recorded. Nothing of it was stored here; ask your server's administrator to restore it from a backup.")]
    DecisionSeal { candidate: String },
    #[error("The server's copy of report {report_id} for {candidate} is not the file that was issued (its hash differs): it was changed on the server. It was not stored here; ask your server's administrator to restore it from a backup.")]
    ReportAltered { report_id: String, candidate: String },
    #[error("The server's ladder snapshot {0} does not match its hash: it was changed on the server. Ask your server's administrator to restore it.")]
    LadderAltered(String),
}

/// Checks a scorecard pulled from the server against the seal the server files it under.
pub fn check_pulled_scorecard(
    card: &BundledScorecard,
    filed_seal: &str,
    candidate: &str,
) -> Result<(), PulledRowError> {
    if card.seal_sha256 != filed_seal || !card.seal_holds() {
        return Err(PulledRowError::ScorecardSeal {
            interviewer: card.interviewer.clone(),
            candidate: candidate.to_owned(),
        });
    }
    Ok(())
}

/// Checks a decision pulled from the server (with the ids it was sealed over) the same way.
pub fn check_pulled_decision(decision: &Decision, filed_seal: &str, candidate: &str) -> Result<(), PulledRowError> {
    if decision.seal_sha256 != filed_seal || decision_seal(decision) != decision.seal_sha256 {
        return Err(PulledRowError::DecisionSeal { candidate: candidate.to_owned() });
    }
    Ok(())
}

/// Checks a ladder snapshot pulled from the server against its content hash.
pub fn check_pulled_ladder(snapshot_json: &str, snapshot_sha256: &str) -> Result<(), PulledRowError> {
    if crate::ladder::source::sha256_hex(snapshot_json.as_bytes()) != snapshot_sha256 {
        return Err(PulledRowError::LadderAltered(snapshot_sha256.chars().take(12).collect()));
    }
    Ok(())
}

/// Checks a report pulled from the server: the PDF is the file that was issued.
pub fn check_pulled_report(report: &SharedReport, pdf: &[u8], filed_data_sha256: &str) -> Result<(), PulledRowError> {
    if report.data_sha256 != filed_data_sha256 || crate::ladder::source::sha256_hex(pdf) != report.file_sha256 {
        return Err(PulledRowError::ReportAltered {
            report_id: report.report_id.clone(),
            candidate: report.candidate_name.clone(),
        });
    }
    Ok(())
}
