//! The hiring workflows the app and CLI share: a candidate with a default panel, the
//! interview kit, and an interviewer's scoring session. Orchestrates `store` and the
//! pure domain modules; knows neither SQL nor Tauri.

use serde::Serialize;
use ts_rs::TS;

use crate::access;
use crate::actor::Actor;
use crate::ladder::{Ladder, RatingScale};
use crate::scorecard::panel::{default_interview_count, default_plan, Coverage, PanelPlan};
use crate::scorecard::questions::questions_for;
use crate::scorecard::template::{template_for, CharacteristicRef, ScorecardTemplate, SectionPurpose};
use crate::scorecard::Scorecard;
use crate::store::{CandidateSummary, Interviewer, NewCandidate, Store, StoreError, StoredInterview};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KitCharacteristic {
    pub reference: CharacteristicRef,
    pub role_title: String,
    pub level: u32,
    pub purpose: SectionPurpose,
    pub title: String,
    pub examples: Vec<String>,
    pub questions: Vec<String>,
    /// True when the questions were edited for this candidate.
    pub questions_edited: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CandidateKit {
    pub candidate: CandidateSummary,
    pub ladder_name: String,
    pub target_title: String,
    pub scale: RatingScale,
    pub characteristics: Vec<KitCharacteristic>,
    pub interviews: Vec<InterviewSlot>,
    pub coverage: Vec<Coverage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InterviewSlot {
    pub interview: StoredInterview,
    pub interviewer_name: Option<String>,
    pub state: InterviewState,
    /// "Not started", "Draft · 3 of 7 assessed", "Sealed by Ada Lovelace, 2026-11-29 10:02", …
    pub state_label: String,
    /// Who holds the interview's latest scorecard (a sealed one opens only for them).
    pub scored_by: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InterviewState {
    NotStarted,
    Draft,
    Submitted,
    /// A sealed scorecard is being corrected (the amendment is a draft).
    Amending,
    /// The latest scorecard is a sealed amendment.
    Amended,
}

/// Where an interview stands, in words; counts and dates only, never a score.
fn interview_state(
    interview: &StoredInterview,
    progress: Option<&crate::store::InterviewProgress>,
    interviewers: &[crate::store::Interviewer],
) -> (InterviewState, String) {
    let Some(progress) = progress else { return (InterviewState::NotStarted, "Not started".to_owned()) };
    let who =
        interviewers.iter().find(|i| i.id == progress.interviewer_id).map_or("an interviewer", |i| i.name.as_str());
    let when =
        progress.submitted_at.as_deref().map(|at| at.get(..16).unwrap_or(at).replace('T', " ")).unwrap_or_default();
    let of = interview.focus.len();
    match (progress.submitted, progress.amendment) {
        (false, false) => {
            (InterviewState::Draft, format!("Draft by {who} · {} of {of} focus assessed", progress.assessed_focus))
        }
        (false, true) => (InterviewState::Amending, format!("Being amended by {who}")),
        (true, false) => (InterviewState::Submitted, format!("Submitted and sealed by {who}, {when}")),
        (true, true) => (InterviewState::Amended, format!("Amended and sealed by {who}, {when}")),
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ScoringSession {
    pub candidate_name: String,
    pub target_title: String,
    pub interview_name: String,
    pub scale: RatingScale,
    pub scorecard: Scorecard,
    /// This interview's focus first, then the rest of the template.
    pub focus: Vec<KitCharacteristic>,
    pub others: Vec<KitCharacteristic>,
    /// Roles an interviewer may name as their level opinion: (key, "L2 Senior …").
    pub level_options: Vec<(String, String)>,
    /// The interview is planned for someone else: their name (the window says so).
    pub planned_for: Option<String>,
    /// Another interviewer's sealed scorecard, opened read-only: its owner.
    pub owner_name: Option<String>,
}

/// Adds a person on this laptop, as an interviewer or a coordinator. Without passphrases
/// the laptop trusts whoever sits at it; once people prove who they are there
/// (`crate::acting`), only a coordinator may add another (`access::may_grant_coordinator`).
/// The team server checks roles by its own login.
pub fn add_person(
    store: &mut Store,
    actor: Actor,
    name: &str,
    email: Option<&str>,
    coordinator: bool,
) -> Result<Interviewer, StoreError> {
    if coordinator {
        access::may_grant_coordinator(&actor, store.uses_passphrases()?)?;
    }
    store.atomically(|store| {
        let id = store.create_interviewer(name, email)?;
        if coordinator {
            store.set_coordinator(id, true)?;
        }
        store.interviewer(id)
    })
}

/// Adds every candidate of an ATS export (`rung_core::candidates_csv`) on `ladder_id`,
/// each with their default panel, in one transaction: a row that cannot be added (its
/// email is already a candidate's here) refuses the whole file, named by its line.
pub fn import_candidates(store: &mut Store, actor: Actor, ladder_id: i64, csv: &[u8]) -> Result<Vec<i64>, StoreError> {
    access::may_add_candidate(&actor)?;
    let ladder = store.load_ladder(ladder_id)?;
    let rows = crate::candidates_csv::parse(csv, &ladder)?;
    let known: std::collections::HashMap<String, i64> = store
        .candidates()?
        .into_iter()
        .filter_map(|candidate| Some((candidate.email?.to_lowercase(), candidate.id)))
        .collect();
    let problems: Vec<_> = rows
        .iter()
        .filter_map(|row| {
            let id = known.get(&row.email.as_deref()?.to_lowercase())?;
            let reason = format!("{} is already candidate {id} on this laptop", row.email.as_deref().unwrap_or(""));
            Some(crate::candidates_csv::RowProblem { line: row.line, reason })
        })
        .collect();
    if !problems.is_empty() {
        return Err(crate::candidates_csv::CandidatesCsvError { problems }.into());
    }
    store.atomically(|store| {
        rows.iter()
            .map(|row| {
                let candidate = NewCandidate {
                    name: row.name.clone(),
                    email: row.email.clone(),
                    ladder_id,
                    target_role_key: row.target_role_key.clone(),
                    notes: String::new(),
                };
                create_candidate(store, actor, &candidate)
            })
            .collect()
    })
}

/// Gives or takes the coordinator role, under the same rule as adding a coordinator.
pub fn set_coordinator(store: &mut Store, actor: Actor, person_id: i64, coordinator: bool) -> Result<(), StoreError> {
    access::may_grant_coordinator(&actor, store.uses_passphrases()?)?;
    store.set_coordinator(person_id, coordinator)
}

/// Creates the candidate and their default panel plan in one transaction: a candidate
/// never exists without a panel. A coordinator's work, as on the team server.
pub fn create_candidate(store: &mut Store, actor: Actor, candidate: &NewCandidate) -> Result<i64, StoreError> {
    access::may_add_candidate(&actor)?;
    store.atomically(|store| {
        let id = store.create_candidate(candidate)?;
        let ladder = store.load_ladder(candidate.ladder_id)?;
        let template = template(&ladder, &candidate.target_role_key)?;
        let minimum = ladder.policy.min_interviewers_per_characteristic as usize;
        let plan = default_plan(&template, default_interview_count(&template), minimum);
        store.save_panel_plan(id, &plan)?;
        Ok(id)
    })
}

pub fn update_candidate(store: &mut Store, actor: Actor, id: i64, candidate: &NewCandidate) -> Result<(), StoreError> {
    access::may_add_candidate(&actor)?;
    store.update_candidate(id, candidate)
}

/// Saves a panel plan for a candidate: the coordinator's, as on the team server.
pub fn save_panel_plan(store: &mut Store, actor: Actor, candidate_id: i64, plan: &PanelPlan) -> Result<(), StoreError> {
    access::may_plan_panel(&actor)?;
    store.save_panel_plan(candidate_id, plan).map(|_| ())
}

fn template(ladder: &Ladder, target: &str) -> Result<ScorecardTemplate, StoreError> {
    template_for(ladder, target)
        .ok_or_else(|| StoreError::Invalid(format!("The ladder has no scorable role {target:?}.")))
}

fn kit_characteristics(
    store: &Store,
    candidate_id: i64,
    template: &ScorecardTemplate,
) -> Result<Vec<KitCharacteristic>, StoreError> {
    let edited = store.edited_questions(candidate_id)?;
    Ok(template
        .sections
        .iter()
        .flat_map(|section| section.characteristics.iter().map(move |characteristic| (section, characteristic)))
        .map(|(section, characteristic)| {
            let reference = CharacteristicRef {
                role_key: section.role_key.clone(),
                characteristic_key: characteristic.key.clone(),
            };
            let stored = edited.iter().find(|(r, _)| *r == reference).map(|(_, texts)| texts.clone());
            KitCharacteristic {
                questions_edited: stored.is_some(),
                questions: stored.unwrap_or_else(|| questions_for(characteristic)),
                reference,
                role_title: section.role_title.clone(),
                level: section.level,
                purpose: section.purpose.clone(),
                title: characteristic.title.clone(),
                examples: characteristic.examples.clone(),
            }
        })
        .collect())
}

/// How many interviews cover each characteristic under `plan` (an edit not yet saved),
/// and how many should: the window asks instead of counting itself.
pub fn plan_coverage(store: &Store, candidate_id: i64, plan: &PanelPlan) -> Result<Vec<Coverage>, StoreError> {
    let candidate = store.candidate(candidate_id)?;
    let ladder = store.load_ladder(candidate.ladder_id)?;
    let template = template(&ladder, &candidate.target_role_key)?;
    Ok(plan.coverage(&template, ladder.policy.min_interviewers_per_characteristic))
}

pub fn candidate_kit(store: &Store, candidate_id: i64) -> Result<CandidateKit, StoreError> {
    let candidate = store.candidate(candidate_id)?;
    let ladder = store.load_ladder(candidate.ladder_id)?;
    let template = template(&ladder, &candidate.target_role_key)?;
    let interviewers = store.interviewers()?;
    let progress = store.interview_progress(candidate_id)?;
    let interviews: Vec<InterviewSlot> = store
        .panel(candidate_id)?
        .into_iter()
        .map(|interview| {
            let found = progress.iter().find(|p| p.interview_id == interview.id);
            let (state, state_label) = interview_state(&interview, found, &interviewers);
            InterviewSlot {
                interviewer_name: interview
                    .interviewer_id
                    .and_then(|id| interviewers.iter().find(|i| i.id == id))
                    .map(|i| i.name.clone()),
                interview,
                state,
                state_label,
                scored_by: found.map(|p| p.interviewer_id),
            }
        })
        .collect();
    let plan = PanelPlan {
        interviews: interviews
            .iter()
            .map(|slot| crate::scorecard::panel::PlannedInterview {
                name: slot.interview.name.clone(),
                focus: slot.interview.focus.clone(),
            })
            .collect(),
    };
    Ok(CandidateKit {
        target_title: ladder.role(&candidate.target_role_key).map(|r| r.title.clone()).unwrap_or_default(),
        ladder_name: ladder.name.clone(),
        scale: ladder.rating_scale.clone(),
        characteristics: kit_characteristics(store, candidate_id, &template)?,
        coverage: plan.coverage(&template, ladder.policy.min_interviewers_per_characteristic),
        interviews,
        candidate,
    })
}

/// The viewer's own scorecard for an interview, started on first open. Assigns the
/// interview to the viewer if nobody has it yet.
///
/// An interview someone else has already sealed is theirs: it is not opened (its scores
/// stay hidden by the independence rule) and no second scorecard is started for it.
pub fn open_scoring(store: &mut Store, viewer: i64, interview_id: i64) -> Result<ScoringSession, StoreError> {
    let (candidate_id, interview) = store.interview(interview_id)?;
    let interviewers = store.interviewers()?;
    let name_of = |id: i64| interviewers.iter().find(|i| i.id == id).map_or("another interviewer", |i| i.name.as_str());
    let own = store.own_scorecard_for_interview(viewer, interview_id)?;
    if own.is_none() {
        let latest = store.interview_progress(candidate_id)?.into_iter().find(|p| p.interview_id == interview_id);
        if let Some(sealed) = latest.filter(|p| p.submitted && p.interviewer_id != viewer) {
            let when = sealed.submitted_at.as_deref().and_then(|at| at.get(..10)).unwrap_or("earlier");
            let owner = name_of(sealed.interviewer_id);
            // Once the viewer has submitted their own, it opens read-only, under its owner's name.
            match store.scorecard_for(viewer, sealed.scorecard_id) {
                Ok(scorecard) => {
                    let mut session = scoring_session(store, candidate_id, &interview, scorecard)?;
                    session.owner_name = Some(owner.to_owned());
                    return Ok(session);
                }
                Err(StoreError::Hidden) => {}
                Err(other) => return Err(other),
            }
            return Err(StoreError::InterviewTaken(format!(
                "{owner} submitted and sealed this interview's scorecard on {when}. Its scores stay hidden from \
                 you until you submit your own scorecard for this candidate; then it opens here, read-only. You \
                 are scoring as {}: if that is not you, change it under Scoring as (top right).",
                name_of(viewer)
            )));
        }
    }
    if interview.interviewer_id.is_none() {
        store.assign_interviewer(interview_id, Some(viewer))?;
    }
    let planned_for = interview.interviewer_id.filter(|id| *id != viewer).map(|id| name_of(id).to_owned());
    let scorecard_id = match own {
        Some(id) => id,
        None => store.start_scorecard(candidate_id, viewer, Some(interview_id))?,
    };
    let scorecard = store.scorecard_for(viewer, scorecard_id)?;
    let mut session = scoring_session(store, candidate_id, &interview, scorecard)?;
    session.planned_for = planned_for;
    Ok(session)
}

/// The scoring screen's data for one scorecard the viewer may read.
fn scoring_session(
    store: &Store,
    candidate_id: i64,
    interview: &crate::store::StoredInterview,
    scorecard: crate::scorecard::Scorecard,
) -> Result<ScoringSession, StoreError> {
    let candidate = store.candidate(candidate_id)?;
    let ladder = store.load_ladder(candidate.ladder_id)?;
    let template = template(&ladder, &candidate.target_role_key)?;
    let (focus, others): (Vec<KitCharacteristic>, Vec<KitCharacteristic>) =
        kit_characteristics(store, candidate_id, &template)?
            .into_iter()
            .partition(|item| interview.focus.contains(&item.reference));
    let level_options = template
        .sections
        .iter()
        .map(|section| (section.role_key.clone(), crate::ladder::role_label(section.level, &section.role_title)))
        .collect();
    Ok(ScoringSession {
        candidate_name: candidate.name,
        target_title: ladder.role(&candidate.target_role_key).map(|r| r.title.clone()).unwrap_or_default(),
        interview_name: interview.name.clone(),
        scale: ladder.rating_scale,
        scorecard,
        focus,
        others,
        level_options,
        planned_for: None,
        owner_name: None,
    })
}
