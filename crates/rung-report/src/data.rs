//! What a report says, as plain data: the workflow fills it from the debrief, the
//! renderer draws it, and its canonical JSON is what the report's hash covers. Every
//! label is already worded (the domain words it, once); nothing here is computed again.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// Bumped when the meaning of a field changes, so an old report's hash stays checkable.
pub const REPORT_FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points (1/72 in).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    pub fn parse(text: &str) -> Option<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" | "us-letter" | "usletter" => Some(Paper::Letter),
            _ => None,
        }
    }

    /// The paper a locale prints on: Letter in the US, Canada, Mexico, the Philippines
    /// and a few others; A4 everywhere else. `locale` is a POSIX or BCP 47 tag.
    pub fn for_locale(locale: &str) -> Paper {
        let region = locale
            .split(['.', '@'])
            .next()
            .unwrap_or_default()
            .split(['_', '-'])
            .skip(1)
            .find(|part| part.len() == 2)
            .unwrap_or_default()
            .to_ascii_uppercase();
        match region.as_str() {
            "US" | "CA" | "MX" | "PH" | "CL" | "CO" | "VE" | "GT" | "PR" | "CR" | "SV" | "PA" | "DO" | "NI" => {
                Paper::Letter
            }
            _ => Paper::A4,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    pub format: u32,
    /// RFC 3339, UTC: when this report was issued.
    pub issued_at: String,
    pub paper: Paper,
    pub candidate: CandidateInfo,
    pub ladder: LadderRef,
    pub panel: Vec<PanelMember>,
    pub recommendation: RecommendationInfo,
    /// One bar pair per role on the chart, in ladder order.
    pub roles: Vec<RoleBar>,
    /// The policy's bars for `met`, drawn on the chart.
    pub thresholds: Thresholds,
    /// The rating scale's labels, lowest first ("1 Not yet" …).
    pub scale: Vec<String>,
    pub characteristics: Vec<CharacteristicRow>,
    pub agreement: AgreementInfo,
    pub evidence: Vec<EvidenceGroup>,
    /// The decision in force; `None` is "decision pending".
    pub decision: Option<DecisionInfo>,
    /// Earlier versions of the decision and amended scorecards, oldest first.
    pub amendments: Vec<Amendment>,
    pub audit_head: AuditHeadRef,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateInfo {
    pub id: i64,
    pub name: String,
    /// "L2 Senior Support Engineer".
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LadderRef {
    pub name: String,
    pub snapshot_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelMember {
    pub name: String,
    pub interview: Option<String>,
    /// "Hire", "Strong no hire" … as the scorecard says.
    pub overall: Option<String>,
    pub level_opinion: Option<String>,
    pub submitted_at: Option<String>,
    pub amended: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecommendationInfo {
    /// "L2 Senior Support Engineer", or `None` when no role holds.
    pub role: Option<String>,
    pub band: Option<String>,
    pub confidence: String,
    pub confidence_reason: String,
    pub rationale: Vec<String>,
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleBar {
    pub title: String,
    /// Share of the role's assessed characteristics met, 0..=1; `None` when none assessed.
    pub met: Option<f64>,
    /// Share of the role's characteristics assessed, 0..=1.
    pub coverage: f64,
    pub holds: bool,
    /// The role the recommendation names (drawn in bold).
    pub recommended: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub performing_min_met: f64,
    pub maturing_min_met: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CharacteristicRow {
    /// "L2 Senior Support Engineer".
    pub role: String,
    pub title: String,
    /// In the order of `ReportData::panel`; `None` is not assessed.
    pub scores: Vec<Option<u8>>,
    pub panel: Option<f64>,
    /// Interviewers far apart on it.
    pub flagged: bool,
    /// True when it is below the level's bar (a gap the rationale may name).
    pub gap: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementInfo {
    pub alpha: Option<f64>,
    pub reading: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceGroup {
    pub characteristic: String,
    pub excerpts: Vec<Excerpt>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Excerpt {
    pub interviewer: String,
    pub score: Option<u8>,
    /// Already trimmed to the report's length (see `text::excerpt`).
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionInfo {
    /// "Hire", "No hire", "Hold".
    pub outcome: String,
    pub role: Option<String>,
    pub band: Option<String>,
    pub decided_by: String,
    pub decided_at: String,
    pub overrides_recommendation: bool,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amendment {
    pub when: String,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHeadRef {
    pub entries: u64,
    pub hash: String,
}

impl ReportData {
    /// Every string in NFC, so what is hashed, drawn, searched and put in the metadata
    /// is the same text however it was typed (macOS and some keyboards decompose).
    /// JSON escapes are ASCII, so normalising the JSON text touches only string values.
    pub fn normalized(self) -> ReportData {
        use unicode_normalization::UnicodeNormalization;
        let json = serde_json::to_string(&self).expect("report data is plain JSON");
        let composed: String = json.nfc().collect();
        serde_json::from_str(&composed).expect("NFC keeps JSON valid")
    }

    /// The bytes the report's hash covers: compact JSON in field order. Field order is
    /// fixed by the struct, and no map type appears, so the encoding is canonical.
    pub fn canonical_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("report data is plain JSON")
    }

    /// SHA-256 of the canonical data, lowercase hex.
    pub fn sha256(&self) -> String {
        hex::encode(Sha256::digest(self.canonical_json()))
    }

    /// SHA-256 of what the report says, leaving out when it was issued and the audit
    /// head at that moment: two issues with the same evidence hash say the same thing.
    pub fn evidence_sha256(&self) -> String {
        let mut timeless = self.clone();
        timeless.issued_at = String::new();
        timeless.audit_head = AuditHeadRef { entries: 0, hash: String::new() };
        timeless.sha256()
    }

    /// The short id printed on the report and used to find it: `R-` and the first 12
    /// hex digits of the data hash, uppercase, in groups of four for reading aloud.
    pub fn report_id(&self) -> String {
        report_id_of(&self.sha256())
    }
}

pub fn report_id_of(data_sha256: &str) -> String {
    let upper = data_sha256.get(..12).unwrap_or(data_sha256).to_ascii_uppercase();
    let groups: Vec<&str> = upper.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or_default()).collect();
    format!("R-{}", groups.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_follows_the_locale() {
        assert_eq!(Paper::for_locale("en_US.UTF-8"), Paper::Letter);
        assert_eq!(Paper::for_locale("fr-CA"), Paper::Letter);
        assert_eq!(Paper::for_locale("en_GB.UTF-8"), Paper::A4);
        assert_eq!(Paper::for_locale("de_DE@euro"), Paper::A4);
        assert_eq!(Paper::for_locale("C"), Paper::A4);
        assert_eq!(Paper::for_locale(""), Paper::A4);
    }

    #[test]
    fn report_id_is_grouped() {
        assert_eq!(report_id_of("0123456789abcdef"), "R-0123-4567-89AB");
    }
}
