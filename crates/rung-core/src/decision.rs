//! The panel's final decision: hire, no hire or hold, the role and band it hires at, and
//! why when that differs from the recommendation. Recorded once and sealed like a
//! scorecard; a change is an amendment with a reason.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::ladder::{Band, Ladder};

/// Where no decision is recorded yet: the archive's filter, the report's verdict.
pub const PENDING_LABEL: &str = "Decision pending";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Hire,
    NoHire,
    Hold,
}

impl Outcome {
    /// In the order a decision form offers them.
    pub const ALL: [Outcome; 3] = [Outcome::Hire, Outcome::NoHire, Outcome::Hold];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Hire => "hire",
            Outcome::NoHire => "no_hire",
            Outcome::Hold => "hold",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Hire => "Hire",
            Outcome::NoHire => "No hire",
            Outcome::Hold => "Hold",
        }
    }
}

/// What the panel decides, before it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewDecision {
    pub outcome: Outcome,
    /// The role hired at (required for a hire).
    pub role_key: Option<String>,
    pub band: Option<Band>,
    /// Required when role or band differ from the recommendation, and for an amendment.
    /// Who decided is not the caller's to say: it is the coordinator recording it.
    pub reason: Option<String>,
}

/// A recorded, sealed decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Decision {
    pub id: i64,
    pub candidate_id: i64,
    pub outcome: Outcome,
    pub role_key: Option<String>,
    pub band: Option<Band>,
    /// What Rung recommended when the decision was made.
    pub recommended_role_key: Option<String>,
    pub recommended_band: Option<Band>,
    /// True when role or band differ from the recommendation.
    pub overrides: bool,
    pub reason: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
    /// The decision this one amends (replaces), if any.
    pub amends: Option<i64>,
    pub seal_sha256: String,
    /// The random salt sealed with it (decisions sealed before salts have none); erased
    /// with the candidate, after which the seal confirms no guess of the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub seal_salt: Option<String>,
}

impl NewDecision {
    /// Checks the decision against the ladder and the recommendation; returns whether it
    /// overrides the recommendation, or a sentence saying what is missing.
    pub fn check(
        &self,
        ladder: &Ladder,
        recommended: (Option<&str>, Option<Band>),
        amending: bool,
    ) -> Result<bool, String> {
        if let Some(key) = &self.role_key {
            let role = ladder.role(key).ok_or_else(|| format!("The ladder has no role {key:?}."))?;
            if role.incomplete {
                return Err(format!("{} has nothing to rate yet, so nobody can be hired at it.", role.title));
            }
        }
        if self.outcome == Outcome::Hire && (self.role_key.is_none() || self.band.is_none()) {
            return Err("A hire needs the role and band it is at.".to_owned());
        }
        if self.role_key.is_some() != self.band.is_some() {
            return Err("Give both a role and a band, or neither.".to_owned());
        }
        let overrides =
            self.role_key.is_some() && (self.role_key.as_deref() != recommended.0 || self.band != recommended.1);
        let has_reason = self.reason.as_deref().is_some_and(|r| !r.trim().is_empty());
        if overrides && !has_reason {
            return Err("The role or band differs from Rung's recommendation: say why.".to_owned());
        }
        if amending && !has_reason {
            return Err("A change to a recorded decision needs a reason.".to_owned());
        }
        Ok(overrides)
    }
}

/// A decision as a recruiter would write it: "Hire as L3 Senior Support Engineer, in the
/// Performing band." The window shows it before sealing and in the debrief after.
pub fn in_words(ladder: &Ladder, outcome: Outcome, role_key: Option<&str>, band: Option<Band>) -> String {
    let role = role_key.map(|key| ladder.role(key).map_or_else(|| key.to_owned(), |role| role.label()));
    let level = match (role, band) {
        (Some(role), Some(band)) => Some(format!("{role}, in the {} band", band.label())),
        (Some(role), None) => Some(role),
        (None, _) => None,
    };
    match (outcome, level) {
        (Outcome::Hire, Some(level)) => format!("Hire as {level}."),
        (Outcome::Hire, None) => "Hire.".to_owned(),
        (Outcome::NoHire, Some(level)) => format!("Do not hire (considered as {level})."),
        (Outcome::NoHire, None) => "Do not hire.".to_owned(),
        (Outcome::Hold, Some(level)) => format!("On hold: not decided yet (considered as {level})."),
        (Outcome::Hold, None) => "On hold: not decided yet.".to_owned(),
    }
}

impl Decision {
    pub fn in_words(&self, ladder: &Ladder) -> String {
        in_words(ladder, self.outcome, self.role_key.as_deref(), self.band)
    }
}

impl NewDecision {
    pub fn in_words(&self, ladder: &Ladder) -> String {
        in_words(ladder, self.outcome, self.role_key.as_deref(), self.band)
    }
}

/// What the seal covers, in a fixed order.
#[derive(Serialize)]
struct SealedDecision<'a> {
    id: i64,
    candidate_id: i64,
    outcome: Outcome,
    role_key: Option<&'a str>,
    band: Option<Band>,
    recommended_role_key: Option<&'a str>,
    recommended_band: Option<Band>,
    overrides: bool,
    reason: Option<&'a str>,
    decided_by: &'a str,
    decided_at: &'a str,
    amends: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    salt: Option<&'a str>,
}

/// SHA-256 over a canonical form of everything recorded.
pub fn seal(decision: &Decision) -> String {
    let content = SealedDecision {
        id: decision.id,
        candidate_id: decision.candidate_id,
        outcome: decision.outcome,
        role_key: decision.role_key.as_deref(),
        band: decision.band,
        recommended_role_key: decision.recommended_role_key.as_deref(),
        recommended_band: decision.recommended_band,
        overrides: decision.overrides,
        reason: decision.reason.as_deref(),
        decided_by: &decision.decided_by,
        decided_at: &decision.decided_at,
        amends: decision.amends,
        salt: decision.seal_salt.as_deref(),
    };
    let canonical = serde_json::to_string(&content).expect("a decision serializes");
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// True when a candidate's decisions were recorded apart: more than one of them amends
/// nothing, so each was made without seeing the other (two laptops deciding at once).
pub fn decided_apart(history: &[Decision]) -> bool {
    history.iter().filter(|decision| decision.amends.is_none()).count() > 1
}
