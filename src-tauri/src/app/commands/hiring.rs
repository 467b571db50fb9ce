//! People, candidates, panels and scoring.

use tauri::{AppHandle, Manager};

use super::acting;
use crate::actor::actor_of;
use crate::app::state::{with_store, AppState};
use crate::app::IpcError;
use crate::hiring::{self, CandidateKit, ScoringSession};
use crate::scorecard::panel::PanelPlan;
use crate::scorecard::template::CharacteristicRef;
use crate::scorecard::{Overall, Rating, Scorecard};
use crate::store::{Interviewer, NewCandidate, RatingChange};

/// The interviewer using this laptop right now, or an error that says to choose one.
fn viewer(app: &AppHandle) -> Result<i64, IpcError> {
    app.state::<AppState>().current_interviewer().ok_or_else(|| IpcError {
        code: rung_core::error_code::ErrorCode::NoInterviewer,
        message: "Choose who is scoring (top right) before opening a scorecard.".into(),
    })
}

#[tauri::command]
pub async fn list_interviewers(app: AppHandle) -> Result<(Vec<Interviewer>, Option<i64>), IpcError> {
    let current = app.state::<AppState>().current_interviewer();
    with_store(app, move |store| Ok((store.interviewers()?, current))).await
}

/// Adds a person (an interviewer, or a coordinator) and makes them the one acting on
/// this laptop; `passphrase`, when given, becomes theirs (a new coordinator on a laptop
/// where people prove who they are must give one).
#[tauri::command]
pub async fn create_interviewer(
    app: AppHandle,
    name: String,
    coordinator: bool,
    passphrase: Option<String>,
) -> Result<Interviewer, IpcError> {
    let me = acting(&app);
    let handle = app.clone();
    handle.state::<AppState>().set_current_interviewer(None);
    let created = with_store(app, move |store| {
        let actor = actor_of(store, me)?;
        Ok(crate::acting::add_and_become(store, actor, &name, coordinator, passphrase.as_deref())?)
    })
    .await;
    handle.state::<AppState>().set_current_interviewer(match &created {
        Ok(person) => Some(person.id),
        Err(_) => me,
    });
    created
}

/// Switches who is acting. Whoever acted before stops at once (their screens are
/// closed before this is called), and the next person acts only once they proved it.
#[tauri::command]
pub async fn set_current_interviewer(app: AppHandle, id: i64, passphrase: Option<String>) -> Result<(), IpcError> {
    let handle = app.clone();
    handle.state::<AppState>().set_current_interviewer(None);
    with_store(app, move |store| Ok(crate::acting::become_person(store, id, passphrase.as_deref())?)).await?;
    handle.state::<AppState>().set_current_interviewer(Some(id));
    Ok(())
}

/// Sets or changes the acting person's own passphrase.
#[tauri::command]
pub async fn set_own_passphrase(app: AppHandle, current: Option<String>, new: String) -> Result<Interviewer, IpcError> {
    let me = acting(&app);
    with_store(app, move |store| {
        let actor = actor_of(store, me)?;
        let person = actor.person().ok_or(crate::store::StoreError::from(crate::access::Refusal::NoActor(
            crate::access::Action::SetPassphrase,
        )))?;
        Ok(crate::acting::set_own_passphrase(store, actor, person, current.as_deref(), &new)?)
    })
    .await
}

#[tauri::command]
pub async fn create_candidate(app: AppHandle, candidate: NewCandidate) -> Result<i64, IpcError> {
    let me = acting(&app);
    with_store(app, move |store| Ok(hiring::create_candidate(store, actor_of(store, me)?, &candidate)?)).await
}

#[tauri::command]
pub async fn update_candidate(app: AppHandle, id: i64, candidate: NewCandidate) -> Result<(), IpcError> {
    let me = acting(&app);
    with_store(app, move |store| Ok(hiring::update_candidate(store, actor_of(store, me)?, id, &candidate)?)).await
}

#[tauri::command]
pub async fn candidate_kit(app: AppHandle, id: i64) -> Result<CandidateKit, IpcError> {
    with_store(app, move |store| Ok(hiring::candidate_kit(store, id)?)).await
}

#[tauri::command]
pub async fn save_panel_plan(app: AppHandle, candidate_id: i64, plan: PanelPlan) -> Result<(), IpcError> {
    let me = acting(&app);
    with_store(app, move |store| Ok(hiring::save_panel_plan(store, actor_of(store, me)?, candidate_id, &plan)?)).await
}

#[tauri::command]
pub async fn save_questions(
    app: AppHandle,
    candidate_id: i64,
    characteristic: CharacteristicRef,
    questions: Vec<String>,
) -> Result<(), IpcError> {
    with_store(app, move |store| Ok(store.save_questions(candidate_id, &characteristic, &questions)?)).await
}

#[tauri::command]
pub async fn open_scoring(app: AppHandle, interview_id: i64) -> Result<ScoringSession, IpcError> {
    let viewer = viewer(&app)?;
    with_store(app, move |store| Ok(hiring::open_scoring(store, viewer, interview_id)?)).await
}

/// Resolves only after the change is committed: the window shows "saved" on this.
#[tauri::command]
pub async fn save_rating(app: AppHandle, scorecard_id: i64, change: RatingChange) -> Result<Rating, IpcError> {
    let viewer = viewer(&app)?;
    with_store(app, move |store| Ok(store.save_rating(viewer, scorecard_id, &change)?)).await
}

#[tauri::command]
pub async fn save_overall(
    app: AppHandle,
    scorecard_id: i64,
    overall: Option<Overall>,
    level_opinion: Option<String>,
    summary: String,
) -> Result<(), IpcError> {
    let viewer = viewer(&app)?;
    with_store(app, move |store| {
        Ok(store.save_overall(viewer, scorecard_id, overall, level_opinion.as_deref(), &summary)?)
    })
    .await
}

#[tauri::command]
pub async fn submit_scorecard(app: AppHandle, scorecard_id: i64) -> Result<Scorecard, IpcError> {
    let viewer = viewer(&app)?;
    let sealed = with_store(app.clone(), move |store| Ok(store.submit_scorecard(viewer, scorecard_id)?)).await?;
    // A sealed scorecard is what the team waits for: send it now, not at the next round.
    app.state::<AppState>().team_wake.notify_one();
    Ok(sealed)
}

/// Creates the demo (whose coordinator acts when nobody did yet: `demo::create_demo`).
#[tauri::command]
pub async fn create_demo(app: AppHandle) -> Result<i64, IpcError> {
    let handle = app.clone();
    let (demo, acting) =
        with_store(app, |store| Ok((crate::demo::create_demo(store)?, store.acting_person()?))).await?;
    handle.state::<AppState>().set_current_interviewer(acting);
    Ok(demo.candidate_id)
}

/// Starts a correction of the viewer's own sealed scorecard; returns the new draft's id.
#[tauri::command]
pub async fn amend_scorecard(app: AppHandle, scorecard_id: i64, reason: String) -> Result<i64, IpcError> {
    let viewer = viewer(&app)?;
    with_store(app, move |store| Ok(store.amend_scorecard(viewer, scorecard_id, &reason)?)).await
}
