//! The debrief, the what-if, the panel's decision and calibration. Who may see or do each
//! is `rung_core::access`, asked by the service with the actor chosen on this laptop.

use tauri::{AppHandle, Manager};

use super::acting;
use crate::actor::actor_of;
use crate::app::state::{with_store, AppState};
use crate::app::IpcError;
use crate::debrief::{self, CalibrationRow, CandidateStatusPage, Debrief, DecisionPreview, PanelOverride};
use crate::decision::{Decision, NewDecision};
use crate::level::Recommendation;
use crate::scorecard::panel::{Coverage, PanelPlan};
use crate::store::CandidateQuery;

#[tauri::command]
pub async fn open_debrief(app: AppHandle, candidate_id: i64) -> Result<Debrief, IpcError> {
    let me = acting(&app);
    with_store(app, move |store| Ok(debrief::debrief(store, actor_of(store, me)?, candidate_id)?)).await
}

/// The recommendation under hypothetical panel scores; nothing is saved.
#[tauri::command]
pub async fn what_if(
    app: AppHandle,
    candidate_id: i64,
    overrides: Vec<PanelOverride>,
) -> Result<Recommendation, IpcError> {
    let me = acting(&app);
    with_store(app, move |store| Ok(debrief::what_if(store, actor_of(store, me)?, candidate_id, &overrides)?)).await
}

/// The decision as it would be sealed (or why it cannot be), for the confirmation step.
#[tauri::command]
pub async fn preview_decision(
    app: AppHandle,
    candidate_id: i64,
    decision: NewDecision,
) -> Result<DecisionPreview, IpcError> {
    let me = acting(&app);
    with_store(app, move |store| Ok(debrief::preview_decision(store, actor_of(store, me)?, candidate_id, &decision)?))
        .await
}

#[tauri::command]
pub async fn record_decision(app: AppHandle, candidate_id: i64, decision: NewDecision) -> Result<Decision, IpcError> {
    let me = acting(&app);
    let recorded = with_store(app.clone(), move |store| {
        Ok(debrief::record_decision(store, actor_of(store, me)?, candidate_id, &decision)?)
    })
    .await?;
    app.state::<AppState>().team_wake.notify_one();
    Ok(recorded)
}

#[tauri::command]
pub async fn calibration(app: AppHandle) -> Result<Vec<CalibrationRow>, IpcError> {
    let me = acting(&app);
    with_store(app, move |store| Ok(debrief::calibration(store, actor_of(store, me)?)?)).await
}

/// One page of the candidate list, searched in SQL.
#[tauri::command]
pub async fn candidate_page(app: AppHandle, query: CandidateQuery) -> Result<CandidateStatusPage, IpcError> {
    with_store(app, move |store| Ok(debrief::candidate_status_page(store, &query)?)).await
}

/// Coverage of a plan being edited, so the window never counts it itself.
#[tauri::command]
pub async fn plan_coverage(app: AppHandle, candidate_id: i64, plan: PanelPlan) -> Result<Vec<Coverage>, IpcError> {
    with_store(app, move |store| Ok(crate::hiring::plan_coverage(store, candidate_id, &plan)?)).await
}
