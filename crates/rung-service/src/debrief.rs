//! The panel debrief, shared by the app and the CLI: its gate (`access::may_open_debrief`),
//! the candidate's recommendation from the scorecards that count, and where each
//! candidate stands. Orchestrates `store` and `level`; knows neither SQL nor Tauri.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access;
use crate::actor::{candidate_facts, readable_scorecards, Actor, CandidateFacts};
use crate::decision::{Decision, NewDecision};
use crate::ladder::{LevelPolicy, RatingScale};
use crate::level::calibration::{calibrate, CandidateEvidence, InterviewerCalibration};
use crate::level::{self, Agreement, PanelRating, PanelScores, Recommendation};
use crate::scorecard::template::{template_for, CharacteristicRef, SectionPurpose};
use crate::scorecard::{Overall, Scorecard};
use crate::store::{CandidateProgress, CandidateQuery, CandidateSummary, Store, StoreError};

/// Where a candidate stands, for lists and `rung candidates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CandidateStatus {
    pub id: i64,
    pub name: String,
    pub target_role_key: String,
    pub created_at: String,
    /// Interviews in the panel plan.
    pub planned: u32,
    /// Planned interviews with a submitted scorecard.
    pub submitted: u32,
    /// "no scorecards in", "2 of 3 scorecards in", "all 3 scorecards in".
    pub status: String,
    /// "No panel yet", "Interviewing", "Ready for debrief", "Decided: hire", …
    pub stage: String,
}

/// A page of the candidate list, and how many candidates match in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CandidateStatusPage {
    pub rows: Vec<CandidateStatus>,
    pub total: u32,
}

pub fn candidate_status_page(store: &Store, query: &CandidateQuery) -> Result<CandidateStatusPage, StoreError> {
    let (rows, total) = store.candidate_page(query)?;
    Ok(CandidateStatusPage { rows: rows.into_iter().map(status_of).collect(), total })
}

/// Every candidate, newest first.
pub fn candidate_statuses(store: &Store) -> Result<Vec<CandidateStatus>, StoreError> {
    let everyone = CandidateQuery { text: String::new(), offset: 0, limit: u32::MAX };
    Ok(candidate_status_page(store, &everyone)?.rows)
}

fn status_of(candidate: CandidateProgress) -> CandidateStatus {
    let (planned, submitted) = (candidate.planned, candidate.submitted);
    let status = match submitted {
        0 => "no scorecards in".to_owned(),
        n if n >= planned => format!("all {planned} scorecards in"),
        n => format!("{n} of {planned} scorecards in"),
    };
    let stage = match (candidate.outcome.as_deref(), planned, submitted) {
        (Some("hire"), _, _) => "Decided: hire",
        (Some("no_hire"), _, _) => "Decided: no hire",
        (Some(_), _, _) => "On hold",
        (None, 0, _) => "No panel yet",
        (None, _, 0) => "Panel planned",
        (None, planned, submitted) if submitted < planned => "Interviewing",
        (None, _, _) => "Ready for debrief",
    };
    CandidateStatus {
        id: candidate.id,
        name: candidate.name,
        target_role_key: candidate.target_role_key,
        created_at: candidate.created_at,
        planned,
        submitted,
        status,
        stage: stage.to_owned(),
    }
}

/// The debrief gate (`access::may_open_debrief`): the actor sealed their own scorecard
/// for the candidate, or coordinates and every planned interview is in.
pub fn require_debrief_access(store: &Store, actor: Actor, candidate_id: i64) -> Result<CandidateFacts, StoreError> {
    let facts = candidate_facts(store, &actor, candidate_id)?;
    access::may_open_debrief(&actor, &facts)?;
    Ok(facts)
}

/// What every debrief view starts from, read once behind the gate: the candidate, their
/// ladder (with the policy in force) and all their scorecards. The report reads the
/// debrief from the same evidence instead of reading it again.
pub struct Evidence {
    pub candidate: CandidateSummary,
    pub ladder: crate::ladder::Ladder,
    pub scorecards: Vec<Scorecard>,
    pub progress: PanelProgress,
}

impl Evidence {
    pub fn read(store: &Store, actor: Actor, candidate_id: i64) -> Result<Evidence, StoreError> {
        require_debrief_access(store, actor, candidate_id)?;
        let candidate = store.candidate(candidate_id)?;
        let ladder = store.load_ladder(candidate.ladder_id)?;
        Ok(Evidence {
            ladder,
            scorecards: readable_scorecards(store, &actor, candidate_id)?,
            progress: panel_progress(store, candidate_id)?,
            candidate,
        })
    }

    fn ratings(&self) -> Vec<PanelRating> {
        level::ratings_from_scorecards(&self.scorecards)
    }

    /// The policy on the scorecards in, provisional while planned interviews are out.
    fn recommend(&self) -> Recommendation {
        let recommendation = level::recommend(&self.ladder, &self.ratings(), Some(&self.candidate.target_role_key));
        level::provisional(recommendation, self.progress.submitted, self.progress.planned)
    }
}

/// How far the panel is. The debrief is provisional until every planned interview is in,
/// and says whom it waits on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PanelProgress {
    pub planned: u32,
    /// Planned interviews with a sealed scorecard.
    pub submitted: u32,
    /// Each interview not in yet and whom it waits on: "Tomás García (Technical
    /// deep-dive)" — the person drafting it, else the one it is planned for.
    pub waiting_on: Vec<String>,
    /// "All 3 scorecards in", or "Provisional: 1 of 3 scorecards in — waiting on …".
    pub headline: String,
    /// Every planned interview is in: the result is final and the PDF can be issued.
    pub complete: bool,
}

pub fn panel_progress(store: &Store, candidate_id: i64) -> Result<PanelProgress, StoreError> {
    let interviewers = store.interviewers()?;
    let name_of = |id: i64| interviewers.iter().find(|person| person.id == id).map(|person| person.name.clone());
    let progress = store.interview_progress(candidate_id)?;
    let panel = store.panel(candidate_id)?;
    let mut waiting_on = Vec::new();
    for interview in &panel {
        let latest = progress.iter().find(|p| p.interview_id == interview.id);
        // An amendment being drafted still has its sealed scorecard in.
        if latest.is_some_and(|p| p.submitted || p.amendment) {
            continue;
        }
        let who = latest.map(|p| p.interviewer_id).or(interview.interviewer_id).and_then(name_of);
        waiting_on.push(match who {
            Some(name) => format!("{name} ({})", interview.name),
            None => format!("{} (nobody assigned)", interview.name),
        });
    }
    let planned = panel.len() as u32;
    let submitted = planned - waiting_on.len() as u32;
    let headline = if waiting_on.is_empty() {
        format!("All {} in", crate::words::count(planned, "scorecard", "scorecards"))
    } else {
        format!("Provisional: {submitted} of {planned} scorecards in — waiting on {}", waiting_on.join(", "))
    };
    Ok(PanelProgress { planned, submitted, complete: waiting_on.is_empty(), waiting_on, headline })
}

/// The recommendation for a candidate from the scorecards that count, behind the gate.
pub fn candidate_recommendation(store: &Store, actor: Actor, candidate_id: i64) -> Result<Recommendation, StoreError> {
    Ok(Evidence::read(store, actor, candidate_id)?.recommend())
}

/// One interviewer's column in the debrief, and what they concluded (shown after the
/// mechanical result, so the discussion starts from the evidence).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DebriefInterviewer {
    pub interviewer_id: i64,
    pub name: String,
    pub interview_name: Option<String>,
    pub overall: Option<Overall>,
    /// "L2 Senior …", when they gave one.
    pub level_opinion: Option<String>,
    pub summary: String,
    /// True for an amendment that replaced their first submission.
    pub amended: bool,
}

/// One characteristic across the panel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DebriefRow {
    pub characteristic: CharacteristicRef,
    pub title: String,
    pub role_title: String,
    pub level: u32,
    pub purpose: SectionPurpose,
    /// In the order of `Debrief::interviewers`; `None` is not assessed (or not asked).
    pub scores: Vec<Option<u8>>,
    pub panel: Option<f64>,
    pub spread: Option<u8>,
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Debrief {
    pub candidate: CandidateSummary,
    pub ladder_name: String,
    pub target_title: String,
    pub scale: RatingScale,
    /// The thresholds the recommendation used (shown on the chart).
    pub policy: LevelPolicy,
    pub interviewers: Vec<DebriefInterviewer>,
    /// The target's path and the next role, in ladder order.
    pub rows: Vec<DebriefRow>,
    pub recommendation: Recommendation,
    /// The decision in force, then its earlier versions.
    pub decision: Option<Decision>,
    pub decision_history: Vec<Decision>,
    /// True when decisions were recorded apart (two laptops at once): the one decided last
    /// stands, and the panel should confirm or change it.
    pub decided_apart: bool,
    /// Each decision of the history in words, by its id: "Hire as L2 Senior …, in the
    /// Performing band."
    pub decision_words: HashMap<i64, String>,
    /// Roles a decision may name: (key, "L2 Senior …").
    pub role_options: Vec<(String, String)>,
    pub progress: PanelProgress,
}

/// Everything the debrief screen shows, behind the gate.
pub fn debrief(store: &Store, actor: Actor, candidate_id: i64) -> Result<Debrief, StoreError> {
    debrief_of(store, &Evidence::read(store, actor, candidate_id)?)
}

/// The debrief from evidence already read behind the gate.
pub fn debrief_of(store: &Store, evidence: &Evidence) -> Result<Debrief, StoreError> {
    let recommendation = evidence.recommend();
    let ratings = evidence.ratings();
    let Evidence { candidate, ladder, scorecards: all, progress } = evidence;
    let candidate_id = candidate.id;
    let counted: Vec<&Scorecard> = level::counted_scorecards(all);
    let names: HashMap<i64, String> = store.interviewers()?.into_iter().map(|i| (i.id, i.name)).collect();
    let interview_names: HashMap<i64, String> =
        store.panel(candidate_id)?.into_iter().map(|interview| (interview.id, interview.name)).collect();
    let title_of = |key: &str| ladder.role(key).map(crate::ladder::Role::label);
    let interviewers: Vec<DebriefInterviewer> = counted
        .iter()
        .map(|card| DebriefInterviewer {
            interviewer_id: card.interviewer_id,
            name: names
                .get(&card.interviewer_id)
                .cloned()
                .unwrap_or_else(|| format!("Interviewer {}", card.interviewer_id)),
            interview_name: card.interview_id.and_then(|id| interview_names.get(&id).cloned()),
            overall: card.overall,
            level_opinion: card.level_opinion.as_deref().and_then(title_of),
            summary: card.summary.clone(),
            amended: card.amends_scorecard_id.is_some(),
        })
        .collect();
    let panel = PanelScores::from_ratings(&ratings);
    let spreads: HashMap<&CharacteristicRef, &level::Spread> =
        recommendation.agreement.spreads.iter().map(|spread| (&spread.characteristic, spread)).collect();
    let template = template_for(ladder, &candidate.target_role_key).ok_or_else(|| {
        StoreError::Invalid(format!("The ladder has no scorable role {:?}.", candidate.target_role_key))
    })?;
    let rows = template
        .sections
        .iter()
        .flat_map(|section| section.characteristics.iter().map(move |c| (section, c)))
        .map(|(section, characteristic)| {
            let reference = CharacteristicRef {
                role_key: section.role_key.clone(),
                characteristic_key: characteristic.key.clone(),
            };
            let scores = counted
                .iter()
                .map(|card| {
                    card.ratings
                        .iter()
                        .find(|r| {
                            r.role_key == reference.role_key && r.characteristic_key == reference.characteristic_key
                        })
                        .and_then(|r| r.score)
                })
                .collect();
            let spread = spreads.get(&reference);
            DebriefRow {
                panel: panel.get(&reference.role_key, &reference.characteristic_key),
                spread: spread.map(|s| s.spread),
                flagged: spread.is_some_and(|s| s.flagged),
                title: characteristic.title.clone(),
                role_title: section.role_title.clone(),
                level: section.level,
                purpose: section.purpose.clone(),
                scores,
                characteristic: reference,
            }
        })
        .collect();
    let role_options = ladder
        .roles
        .iter()
        .filter(|role| !role.incomplete && role.track != crate::ladder::Track::Foundation)
        .map(|role| (role.key.clone(), role.label()))
        .collect();
    let history = store.decision_history(candidate_id)?;
    Ok(Debrief {
        target_title: ladder.role(&candidate.target_role_key).map(|r| r.title.clone()).unwrap_or_default(),
        ladder_name: ladder.name.clone(),
        scale: ladder.rating_scale.clone(),
        policy: ladder.policy.clone(),
        decision: store.decision(candidate_id)?,
        decided_apart: crate::decision::decided_apart(&history),
        decision_words: history.iter().map(|decision| (decision.id, decision.in_words(ladder))).collect(),
        decision_history: history,
        interviewers,
        rows,
        recommendation,
        role_options,
        progress: progress.clone(),
        candidate: candidate.clone(),
    })
}

/// A hypothetical panel score for the what-if: `None` makes it unassessed.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct PanelOverride {
    pub characteristic: CharacteristicRef,
    pub panel: Option<f64>,
}

/// The recommendation if the panel scores were as `overrides` say. Never saved.
pub fn what_if(
    store: &Store,
    actor: Actor,
    candidate_id: i64,
    overrides: &[PanelOverride],
) -> Result<Recommendation, StoreError> {
    let evidence = Evidence::read(store, actor, candidate_id)?;
    let (ladder, ratings) = (&evidence.ladder, evidence.ratings());
    let top = ladder.rating_scale.levels.len() as f64;
    let mut panel = PanelScores::from_ratings(&ratings);
    for change in overrides {
        if change.panel.is_some_and(|score| !(1.0..=top).contains(&score) || (score * 2.0).fract() != 0.0) {
            return Err(StoreError::Invalid(format!("A panel score is 1 to {top} in half points, or not assessed.")));
        }
        panel.set(change.characteristic.clone(), change.panel);
    }
    let agreement = Agreement::of(&ratings, ladder.policy.disagreement_spread);
    Ok(level::recommend_from_panel(ladder, &panel, agreement, Some(&evidence.candidate.target_role_key)))
}

/// Records the panel's decision (or amends the one in force), checked against the
/// current recommendation: a different role or band needs a reason, as does any change.
/// The decider is the coordinator recording it, never a name typed in.
pub fn record_decision(
    store: &mut Store,
    actor: Actor,
    candidate_id: i64,
    decision: &NewDecision,
) -> Result<Decision, StoreError> {
    let checked = check_decision(store, actor, candidate_id, decision)?;
    let recommended = (checked.recommended.0.as_deref(), checked.recommended.1);
    store.record_decision(candidate_id, decision, &checked.preview.decided_by, recommended, checked.preview.overrides)
}

/// What a decision would record, checked exactly as recording it checks, so the window
/// can ask "this seals the decision" with the sentence that will be sealed.
pub fn preview_decision(
    store: &Store,
    actor: Actor,
    candidate_id: i64,
    decision: &NewDecision,
) -> Result<DecisionPreview, StoreError> {
    Ok(check_decision(store, actor, candidate_id, decision)?.preview)
}

/// A decision about to be sealed, in the words the debrief will show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DecisionPreview {
    /// "Hire as L3 Senior Support Engineer, in the Performing band."
    pub sentence: String,
    /// Differs from Rung's recommendation (the reason then goes on record with it).
    pub overrides: bool,
    /// Who it will be recorded as decided by: the coordinator acting.
    pub decided_by: String,
    /// It replaces a decision already recorded (which stays on record).
    pub amends: bool,
}

struct CheckedDecision {
    preview: DecisionPreview,
    recommended: (Option<String>, Option<crate::ladder::Band>),
}

fn check_decision(
    store: &Store,
    actor: Actor,
    candidate_id: i64,
    decision: &NewDecision,
) -> Result<CheckedDecision, StoreError> {
    let facts = candidate_facts(store, &actor, candidate_id)?;
    access::may_decide(&actor, &facts)?;
    let person = actor.person().ok_or(access::Refusal::NoActor(access::Action::Decide))?;
    let decided_by = store.interviewer(person)?.name;
    let evidence = Evidence::read(store, actor, candidate_id)?;
    let recommendation = evidence.recommend();
    let recommended = (recommendation.role.as_deref(), recommendation.band);
    let amends = store.decision(candidate_id)?.is_some();
    let overrides = decision.check(&evidence.ladder, recommended, amends).map_err(StoreError::Invalid)?;
    let sentence = decision.in_words(&evidence.ladder);
    Ok(CheckedDecision {
        preview: DecisionPreview { sentence, overrides, decided_by, amends },
        recommended: (recommendation.role.clone(), recommendation.band),
    })
}

/// Calibration across every candidate from the submitted scorecards that count: every
/// interviewer's row for a coordinator, their own for an interviewer.
pub fn calibration(store: &Store, actor: Actor) -> Result<Vec<CalibrationRow>, StoreError> {
    access::may_see_calibration(&actor)?;
    let candidates = store.candidates()?;
    let decisions: HashMap<i64, Decision> =
        store.current_decisions()?.into_iter().map(|decision| (decision.candidate_id, decision)).collect();
    let mut scorecards = Vec::with_capacity(candidates.len());
    let mut focus = Vec::with_capacity(candidates.len());
    for candidate in &candidates {
        scorecards.push(store.scorecards_of(candidate.id)?);
        focus.push(store.panel(candidate.id)?.into_iter().map(|i| (i.id, i.focus)).collect::<HashMap<_, _>>());
    }
    let evidence: Vec<CandidateEvidence<'_>> = candidates
        .iter()
        .zip(&scorecards)
        .zip(focus)
        .map(|((candidate, scorecards), focus)| CandidateEvidence {
            scorecards,
            focus,
            decision: decisions.get(&candidate.id).map(|d| d.outcome),
        })
        .collect();
    let names: HashMap<i64, String> = store.interviewers()?.into_iter().map(|i| (i.id, i.name)).collect();
    Ok(calibrate(&evidence)
        .into_iter()
        .filter(|row| access::may_see_calibration_of(&actor, row.interviewer_id))
        .map(|row| CalibrationRow {
            name: names.get(&row.interviewer_id).cloned().unwrap_or_default(),
            calibration: row,
        })
        .collect())
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CalibrationRow {
    pub name: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub calibration: InterviewerCalibration,
}
