//! The TypeScript types of everything that crosses IPC, generated from the Rust types.
//! `ui/src/lib/ipc-types.ts` is this output checked in; a test fails when it is stale.

use ts_rs::{Config, TS};

use super::commands::archive::{ExportedReport, RetentionOverview};
use super::{IpcError, StartupStatus};
use crate::bundle::BundleImport;
use crate::debrief::{
    CalibrationRow, CandidateStatus, CandidateStatusPage, Debrief, DebriefInterviewer, DebriefRow, DecisionPreview,
    PanelOverride, PanelProgress,
};
use crate::decision::{Decision, NewDecision, Outcome};
use crate::hiring::{CandidateKit, InterviewSlot, InterviewState, KitCharacteristic, ScoringSession};
use crate::ladder::mapping::{ReadingMapping, RoleCorrection, TableRoles};
use crate::ladder::reading::{AlternativeReading, ReadingConfidence};
use crate::ladder::warnings::ReadingWarning;
use crate::ladder::{
    Band, Characteristic, CharacteristicSource, ContextSection, Ladder, LadderSource, LevelPolicy, RatingLevel,
    RatingScale, Role, Track,
};
use crate::ladder::{LadderView, TrackGroup};
use crate::ladder_import::LadderPreview;
use crate::level::calibration::InterviewerCalibration;
use crate::level::{Agreement, Confidence, ConfidenceLevel, Missing, Recommendation, RoleAssessment, Spread};
use crate::privacy::ErasureOutcome;
use crate::report::Verification;
use crate::scorecard::panel::{Coverage, PanelPlan, PlannedInterview};
use crate::scorecard::template::{CharacteristicRef, SectionPurpose};
use crate::scorecard::{Overall, Rating, Scorecard, ScorecardStatus};
use crate::store::{
    ArchivePage, ArchiveQuery, ArchiveSort, ArchivedReport, ErasureReceipt, RetentionEntry, ScrubReport,
};
use crate::store::{
    CandidateQuery, CandidateSummary, Interviewer, NewCandidate, RatingChange, StoredInterview, StoredLadder,
};
use rung_report::Paper;
use rung_team::{ErasureBacklog, Moved, SyncReport, SyncState, TeamStatus};

/// Where the generated file lives, relative to the repository root.
#[cfg(test)]
const BINDINGS_PATH: &str = "ui/src/lib/ipc-types.ts";

pub fn typescript_bindings() -> String {
    // Database ids are i64 but small; JSON carries them as plain numbers.
    let cfg = Config::new().with_large_int("number");
    let declarations = [
        Ladder::decl(&cfg),
        LadderSource::decl(&cfg),
        Role::decl(&cfg),
        Track::decl(&cfg),
        CharacteristicSource::decl(&cfg),
        Characteristic::decl(&cfg),
        ContextSection::decl(&cfg),
        RatingScale::decl(&cfg),
        RatingLevel::decl(&cfg),
        LevelPolicy::decl(&cfg),
        Band::decl(&cfg),
        StoredLadder::decl(&cfg),
        StartupStatus::decl(&cfg),
        IpcError::decl(&cfg),
        rung_core::error_code::ErrorCode::decl(&cfg),
        Interviewer::decl(&cfg),
        CandidateSummary::decl(&cfg),
        NewCandidate::decl(&cfg),
        CharacteristicRef::decl(&cfg),
        SectionPurpose::decl(&cfg),
        KitCharacteristic::decl(&cfg),
        CandidateKit::decl(&cfg),
        InterviewSlot::decl(&cfg),
        InterviewState::decl(&cfg),
        StoredInterview::decl(&cfg),
        Coverage::decl(&cfg),
        PanelPlan::decl(&cfg),
        PlannedInterview::decl(&cfg),
        ScoringSession::decl(&cfg),
        Scorecard::decl(&cfg),
        ScorecardStatus::decl(&cfg),
        Overall::decl(&cfg),
        Rating::decl(&cfg),
        RatingChange::decl(&cfg),
        LadderView::decl(&cfg),
        TrackGroup::decl(&cfg),
        ReadingMapping::decl(&cfg),
        RoleCorrection::decl(&cfg),
        TableRoles::decl(&cfg),
        ReadingConfidence::decl(&cfg),
        AlternativeReading::decl(&cfg),
        ReadingWarning::decl(&cfg),
        LadderPreview::decl(&cfg),
        CandidateStatus::decl(&cfg),
        CandidateStatusPage::decl(&cfg),
        CandidateQuery::decl(&cfg),
        Debrief::decl(&cfg),
        DebriefInterviewer::decl(&cfg),
        DebriefRow::decl(&cfg),
        PanelProgress::decl(&cfg),
        PanelOverride::decl(&cfg),
        Recommendation::decl(&cfg),
        RoleAssessment::decl(&cfg),
        Confidence::decl(&cfg),
        ConfidenceLevel::decl(&cfg),
        Missing::decl(&cfg),
        Agreement::decl(&cfg),
        Spread::decl(&cfg),
        Decision::decl(&cfg),
        NewDecision::decl(&cfg),
        DecisionPreview::decl(&cfg),
        Outcome::decl(&cfg),
        CalibrationRow::decl(&cfg),
        InterviewerCalibration::decl(&cfg),
        Paper::decl(&cfg),
        ArchivedReport::decl(&cfg),
        ArchiveQuery::decl(&cfg),
        ArchiveSort::decl(&cfg),
        ArchivePage::decl(&cfg),
        ExportedReport::decl(&cfg),
        Verification::decl(&cfg),
        RetentionEntry::decl(&cfg),
        RetentionOverview::decl(&cfg),
        ScrubReport::decl(&cfg),
        ErasureReceipt::decl(&cfg),
        ErasureOutcome::decl(&cfg),
        BundleImport::decl(&cfg),
        TeamStatus::decl(&cfg),
        ErasureBacklog::decl(&cfg),
        SyncState::decl(&cfg),
        SyncReport::decl(&cfg),
        Moved::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test --lib bindings`. Do not edit.\n",
    );
    for declaration in declarations {
        out.push_str("\nexport ");
        out.push_str(&declaration);
        out.push('\n');
    }
    out.push_str(&command_type());
    out.push_str(&words_and_limits());
    // The events Rust sends the window unasked.
    out.push_str(&format!("\nexport const DATABASE_DAMAGED_EVENT = '{}';\n", super::state::DATABASE_DAMAGED_EVENT));
    out.push_str(&format!("\nexport const TEAM_STATUS_EVENT = '{}';\n", super::TEAM_STATUS_EVENT));
    out
}

/// The words and limits Rust holds, so the window never writes them again: each enum's
/// label by its serialized value, in the order forms offer them, and the panel's cap.
fn words_and_limits() -> String {
    use crate::ladder::Track;
    use crate::level::ConfidenceLevel;
    let mut out = String::new();
    out.push_str(&labels("OUTCOME_LABELS", "Outcome", &Outcome::ALL, |o| o.label()));
    out.push_str(&labels("OVERALL_LABELS", "Overall", &Overall::ALL, |o| o.label()));
    out.push_str(&labels("BAND_LABELS", "Band", &Band::ALL, |b| b.label()));
    // A subset: typed by its own values, so a form offering it cannot offer another.
    let ancestors: Vec<String> = LevelPolicy::ANCESTOR_BANDS.iter().map(json).collect();
    out.push_str(&labels("ANCESTOR_BAND_LABELS", &ancestors.join(" | "), &LevelPolicy::ANCESTOR_BANDS, |b| b.label()));
    out.push_str(&labels("CONFIDENCE_LABELS", "ConfidenceLevel", &ConfidenceLevel::ALL, |c| c.label()));
    out.push_str(&labels("TRACK_LABELS", "Track", &Track::ALL, |t| t.label()));
    out.push_str(&labels("SECTION_PURPOSE_LABELS", "SectionPurpose", &SectionPurpose::ALL, |p| p.label()));
    out.push_str(&format!("\nexport const DECISION_PENDING_LABEL = {};\n", json(&crate::decision::PENDING_LABEL)));
    out.push_str(&format!("\nexport const MAX_INTERVIEWS = {};\n", crate::scorecard::panel::MAX_INTERVIEWS));
    out.push_str(&role_names());
    out
}

/// `levelCode` and `roleLabel` in TypeScript, written by calling Rust's own functions with
/// markers in place of the level and the title, so the window names roles as Rust does.
fn role_names() -> String {
    const LEVEL: u32 = 987_654_321;
    const TITLE: &str = "\u{1}";
    let template = |text: String| {
        let text = text.replace('\\', "\\\\").replace('`', "\\`").replace("${", "\\${");
        text.replace(&LEVEL.to_string(), "${level}").replace(TITLE, "${title}")
    };
    let level = template(crate::ladder::level_code(LEVEL));
    let role = template(crate::ladder::role_label(LEVEL, TITLE));
    format!(
        "\n/** \"L2\", as Rust's `level_code` names a level. */\nexport function levelCode(level: number): string {{\n  return `{level}`;\n}}\n\n/** \"L2 Senior Support Engineer\", as Rust's `role_label` names a role. */\nexport function roleLabel(level: number, title: string): string {{\n  return `{role}`;\n}}\n"
    )
}

/// `export const NAME: Record<Type, string> = { "value": "Label", … };`
fn labels<T: serde::Serialize>(name: &str, type_name: &str, all: &[T], label: fn(&T) -> &'static str) -> String {
    let entries: Vec<String> = all.iter().map(|value| format!("  {}: {},", json(value), json(&label(value)))).collect();
    format!("\nexport const {name}: Record<{type_name}, string> = {{\n{}\n}};\n", entries.join("\n"))
}

/// A value as TypeScript source: its JSON (enums serialize as their string value).
fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("labels and enums serialize")
}

/// The names the window may `invoke`, from the one command list: `api.ts` calls only these,
/// so a removed or misspelt command fails the front-end type check.
fn command_type() -> String {
    let names: Vec<String> = super::COMMAND_NAMES.iter().map(|name| format!("  | '{name}'")).collect();
    format!("\nexport type Command =\n{};\n", names.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_are_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
        let generated = typescript_bindings();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{BINDINGS_PATH} is stale: run `UPDATE_BINDINGS=1 cargo test --lib bindings` and commit the result"
        );
    }
}
