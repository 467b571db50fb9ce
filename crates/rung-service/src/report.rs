//! Issuing, archiving and verifying level-recommendation reports, for the app and the
//! CLI alike: the debrief (behind its gate) becomes `ReportData`, `rung-report` draws
//! it, the store archives the bytes, and `verify` checks a file against the archive.

use std::collections::HashMap;

use rung_report::{
    AgreementInfo, Amendment, AuditHeadRef, CandidateInfo, CharacteristicRow, DecisionInfo, EvidenceGroup, Excerpt,
    LadderRef, PanelMember, Paper, RecommendationInfo, ReportData, RoleBar, Thresholds, REPORT_FORMAT,
};
use serde::Serialize;
use ts_rs::TS;

use crate::access;
use crate::actor::{candidate_facts, Actor};
use crate::debrief::{debrief_of, Evidence};
use crate::decision::{Decision, Outcome};
use crate::ladder::source::sha256_hex;
use crate::ladder::Ladder;
use crate::level;
use crate::store::{ArchivedReport, NewReport, Store, StoreError};

/// How long an evidence excerpt may be, in characters.
const EXCERPT_CHARS: usize = 280;

fn role_label(ladder: &Ladder, key: &str) -> String {
    ladder.role(key).map(crate::ladder::Role::label).unwrap_or_else(|| key.to_owned())
}

fn decision_info(ladder: &Ladder, decision: &Decision) -> DecisionInfo {
    DecisionInfo {
        outcome: decision.outcome.label().to_owned(),
        role: decision.role_key.as_deref().map(|key| role_label(ladder, key)),
        band: decision.band.map(|band| band.label().to_owned()),
        decided_by: decision.decided_by.clone(),
        decided_at: decision.decided_at.clone(),
        overrides_recommendation: decision.overrides,
        reason: decision.reason.clone(),
    }
}

/// The paper when none is asked for: the `RUNG_PAPER` setting, else the locale's.
pub fn default_paper() -> Paper {
    if let Some(paper) = std::env::var("RUNG_PAPER").ok().as_deref().and_then(Paper::parse) {
        return paper;
    }
    let locale =
        ["LC_ALL", "LC_PAPER", "LANG"].iter().find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
    Paper::for_locale(locale.as_deref().unwrap_or_default())
}

/// "2026-11-29T06:15:07Z": reports are dated to the second. `SOURCE_DATE_EPOCH` (the
/// reproducible-builds convention) fixes the time, for reproducing a report exactly.
pub fn issue_time() -> String {
    let fixed = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    let time = fixed.and_then(|secs| chrono::DateTime::from_timestamp(secs, 0)).unwrap_or_else(chrono::Utc::now);
    time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// What a report issued at `issued_at` says about a candidate, behind the debrief gate.
pub fn report_data(
    store: &Store,
    actor: Actor,
    candidate_id: i64,
    paper: Paper,
    issued_at: &str,
) -> Result<ReportData, StoreError> {
    access::may_issue_report(&actor, &candidate_facts(store, &actor, candidate_id)?)?;
    let evidence = Evidence::read(store, actor, candidate_id)?;
    let debrief = debrief_of(store, &evidence)?;
    let Evidence { candidate, ladder, scorecards: all, .. } = &evidence;
    let snapshot_sha256 = store.stored_ladder(candidate.ladder_id)?.snapshot_sha256;
    let counted = level::counted_scorecards(all);
    let recommendation = &debrief.recommendation;
    let met_rating = f64::from(debrief.policy.met_rating);
    let names: Vec<String> = debrief.interviewers.iter().map(|i| i.name.clone()).collect();

    let panel = debrief
        .interviewers
        .iter()
        .zip(&counted)
        .map(|(interviewer, card)| PanelMember {
            name: interviewer.name.clone(),
            interview: interviewer.interview_name.clone(),
            overall: interviewer.overall.map(|o| o.label().to_owned()),
            level_opinion: interviewer.level_opinion.clone(),
            submitted_at: card.submitted_at.clone(),
            amended: interviewer.amended,
        })
        .collect();
    let characteristics = debrief
        .rows
        .iter()
        .map(|row| CharacteristicRow {
            role: crate::ladder::role_label(row.level, &row.role_title),
            title: row.title.clone(),
            scores: row.scores.clone(),
            panel: row.panel,
            flagged: row.flagged,
            gap: row.panel.is_some_and(|p| p < met_rating),
        })
        .collect();
    let evidence = debrief
        .rows
        .iter()
        .filter_map(|row| {
            let excerpts: Vec<Excerpt> = counted
                .iter()
                .zip(&names)
                .filter_map(|(card, name)| {
                    let rating = card.ratings.iter().find(|r| {
                        r.role_key == row.characteristic.role_key
                            && r.characteristic_key == row.characteristic.characteristic_key
                    })?;
                    let note = rung_report::layout::text::excerpt(&rating.notes, EXCERPT_CHARS);
                    (!note.is_empty()).then(|| Excerpt { interviewer: name.clone(), score: rating.score, note })
                })
                .collect();
            (!excerpts.is_empty()).then(|| EvidenceGroup {
                characteristic: format!("{} · {}", crate::ladder::role_label(row.level, &row.role_title), row.title),
                excerpts,
            })
        })
        .collect();

    let mut amendments: Vec<Amendment> = Vec::new();
    let by_id: HashMap<i64, &crate::scorecard::Scorecard> = all.iter().map(|card| (card.id, card)).collect();
    for (card, name) in counted.iter().zip(&names) {
        if card.amends_scorecard_id.is_some_and(|id| by_id.contains_key(&id)) {
            let reason = card.amendment_reason.as_deref().unwrap_or("no reason given");
            amendments.push(Amendment {
                when: card.submitted_at.clone().unwrap_or_default(),
                what: format!("{name} amended their scorecard. Reason: {reason}"),
            });
        }
    }
    for decision in debrief.decision_history.iter().filter(|d| d.amends.is_some()) {
        let info = decision_info(ladder, decision);
        let level = [info.role.clone(), info.band.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
        amendments.push(Amendment {
            when: decision.decided_at.clone(),
            what: format!(
                "{} changed the decision to {}{}. Reason: {}",
                decision.decided_by,
                info.outcome,
                if level.is_empty() { String::new() } else { format!(" ({level})") },
                decision.reason.as_deref().unwrap_or("none given")
            ),
        });
    }
    amendments.sort_by(|a, b| a.when.cmp(&b.when));

    let head = store.audit_head()?;
    let data = ReportData {
        format: REPORT_FORMAT,
        issued_at: issued_at.to_owned(),
        paper,
        candidate: CandidateInfo {
            id: candidate.id,
            name: candidate.name.clone(),
            target: role_label(ladder, &candidate.target_role_key),
        },
        ladder: LadderRef { name: debrief.ladder_name.clone(), snapshot_sha256 },
        panel,
        recommendation: RecommendationInfo {
            role: recommendation.role.as_deref().map(|key| role_label(ladder, key)),
            band: recommendation.band.map(|band| band.label().to_owned()),
            confidence: recommendation.confidence.level.label().to_owned(),
            confidence_reason: recommendation.confidence.reason.clone(),
            rationale: recommendation.rationale.clone(),
            missing: recommendation.missing.iter().map(|m| m.description.clone()).collect(),
        },
        roles: recommendation
            .roles
            .iter()
            .map(|role| RoleBar {
                title: crate::ladder::role_label(role.level, &role.title),
                met: role.met,
                coverage: role.coverage,
                holds: role.holds,
                recommended: recommendation.role.as_deref() == Some(role.key.as_str()),
            })
            .collect(),
        thresholds: Thresholds {
            performing_min_met: debrief.policy.performing_min_met,
            maturing_min_met: debrief.policy.maturing_min_met,
        },
        scale: debrief.scale.levels.iter().map(|level| format!("{} {}", level.value, level.label)).collect(),
        characteristics,
        agreement: AgreementInfo {
            alpha: recommendation.agreement.alpha,
            reading: recommendation.agreement.reading.clone(),
        },
        evidence,
        decision: debrief.decision.as_ref().map(|d| decision_info(ladder, d)),
        amendments,
        audit_head: AuditHeadRef { entries: head.entries, hash: head.hash },
    };
    Ok(data.normalized())
}

/// An issued report: archived, with its bytes for the file the user asked for.
#[derive(Debug, Clone)]
pub struct IssuedReport {
    pub report: ArchivedReport,
    pub bytes: Vec<u8>,
    /// Characters the report's fonts could not draw (spelled out as U+XXXX in it).
    pub missing_glyphs: Vec<String>,
    /// True when nothing had changed since an earlier issue, which is returned as it
    /// was archived (so exporting twice gives the same file).
    pub reused: bool,
}

/// Issues a report now: draws it, archives it, and returns it. When the candidate's
/// newest report already says exactly this, that archived report is returned instead.
pub fn issue_report(
    store: &mut Store,
    actor: Actor,
    candidate_id: i64,
    paper: Paper,
) -> Result<IssuedReport, StoreError> {
    let data = report_data(store, actor, candidate_id, paper, &issue_time())?;
    let evidence_sha256 = data.evidence_sha256();
    if let Some(report) = store.report_with_evidence(candidate_id, &evidence_sha256)? {
        let bytes = store.report_pdf(report.id)?;
        return Ok(IssuedReport { report, bytes, missing_glyphs: Vec::new(), reused: true });
    }
    let rendered = rung_report::render(&data).map_err(|e| StoreError::ReportRender(e.to_string()))?;
    let file_sha256 = sha256_hex(&rendered.bytes);
    let decision = store.decision(candidate_id)?;
    let hired_level = match (&decision, &data.decision) {
        (Some(decided), Some(DecisionInfo { role: Some(role), band, .. })) if decided.outcome == Outcome::Hire => {
            band.as_ref().map_or_else(|| role.clone(), |band| format!("{role}, {band}"))
        }
        _ => String::new(),
    };
    let report = store
        .archive_report(&NewReport {
            report_id: &rendered.report_id,
            data_sha256: &rendered.data_sha256,
            file_sha256: &file_sha256,
            evidence_sha256: &evidence_sha256,
            candidate_id,
            decision_id: decision.as_ref().map(|d| d.id),
            issued_at: &data.issued_at,
            paper: match paper {
                Paper::A4 => "a4",
                Paper::Letter => "letter",
            },
            candidate_name: &data.candidate.name,
            role_title: &data.recommendation.role.clone().unwrap_or_else(|| data.candidate.target.clone()),
            hired_level: &hired_level,
            outcome: decision.as_ref().map_or("pending", |d| d.outcome.as_str()),
            decided_by: decision.as_ref().map_or("", |d| d.decided_by.as_str()),
            pages: rendered.pages as u32,
            pdf: &rendered.bytes,
        })
        // An erasure in another window or command took the candidate while this was drawn.
        .map_err(|error| match error {
            StoreError::RemovedMeanwhile { .. } => {
                StoreError::RemovedMeanwhile { what: format!("candidate {candidate_id}") }
            }
            other => other,
        })?;
    Ok(IssuedReport {
        report,
        bytes: rendered.bytes,
        missing_glyphs: rendered.missing_glyphs.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect(),
        reused: false,
    })
}

/// What `rung verify` found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Verification {
    /// Byte for byte a report this archive issued.
    Genuine { report: ArchivedReport },
    /// It names a report of this archive, but its bytes differ from what was issued.
    Altered { report: ArchivedReport },
    /// It claims to be a Rung report, but this archive never issued it.
    Unknown { data_sha256: String },
    /// It is not a Rung report at all.
    NotAReport,
}

impl Verification {
    pub fn sentence(&self) -> String {
        match self {
            Verification::Genuine { report } => format!(
                "Genuine: report {} for {}, issued {} ({}), byte for byte as archived.",
                report.report_id,
                report.candidate_name,
                rung_report::human_date(&report.issued_at),
                if report.outcome == "pending" { "decision pending".to_owned() } else { report.outcome.replace('_', " ") }
            ),
            Verification::Altered { report } => format!(
                "Altered: this file claims to be report {} for {}, but its bytes differ from the copy archived on {}. Use the archived copy (rung report --reexport {}).",
                report.report_id,
                report.candidate_name,
                rung_report::human_date(&report.issued_at),
                report.report_id
            ),
            Verification::Unknown { data_sha256 } => format!(
                "Unknown: this file claims to be a Rung report (data hash {data_sha256}), but this archive never issued it, or it has been altered. Check it against the archive it came from."
            ),
            Verification::NotAReport => "Not a Rung report: the file carries no Rung report hash.".to_owned(),
        }
    }

    pub fn is_genuine(&self) -> bool {
        matches!(self, Verification::Genuine { .. })
    }
}

/// Checks a file's bytes against the archive: the hash it carries must name an issued
/// report, and its bytes must be exactly the bytes archived for it.
pub fn verify_report(store: &Store, bytes: &[u8]) -> Result<Verification, StoreError> {
    if let Some(report) = store.report_by_file_hash(&sha256_hex(bytes))? {
        return Ok(Verification::Genuine { report });
    }
    let Some(claimed) = rung_report::embedded_data_hash(bytes) else {
        return Ok(Verification::NotAReport);
    };
    Ok(match store.report_by_data_hash(&claimed)? {
        Some(report) => Verification::Altered { report },
        None => Verification::Unknown { data_sha256: claimed },
    })
}
