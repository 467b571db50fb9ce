//! The debrief, the what-if, the panel's decision and calibration. The gate (who may see
//! the panel's scores) is `debrief::require_debrief_access`, the same for the CLI.

use tauri::{AppHandle, Manager};

use crate::app::state::{with_store, AppState};
use crate::app::IpcError;
use crate::debrief::{self, CalibrationRow, CandidateStatusPage, Debrief, PanelOverride};
use crate::decision::{Decision, NewDecision};
use crate::level::Recommendation;
use crate::scorecard::panel::{Coverage, PanelPlan};
use crate::store::CandidateQuery;

fn current(app: &AppHandle) -> Option<i64> {
    app.state::<AppState>().current_interviewer()
}

#[tauri::command]
pub async fn open_debrief(app: AppHandle, candidate_id: i64) -> Result<Debrief, IpcError> {
    let me = current(&app);
    with_store(app, move |store| {
        let viewer = debrief::viewer_for(store, me, candidate_id)?;
        Ok(debrief::debrief(store, viewer, candidate_id)?)
    })
    .await
}

/// The recommendation under hypothetical panel scores; nothing is saved.
#[tauri::command]
pub async fn what_if(
    app: AppHandle,
    candidate_id: i64,
    overrides: Vec<PanelOverride>,
) -> Result<Recommendation, IpcError> {
    let me = current(&app);
    with_store(app, move |store| {
        let viewer = debrief::viewer_for(store, me, candidate_id)?;
        Ok(debrief::what_if(store, viewer, candidate_id, &overrides)?)
    })
    .await
}

#[tauri::command]
pub async fn record_decision(app: AppHandle, candidate_id: i64, decision: NewDecision) -> Result<Decision, IpcError> {
    let me = current(&app);
    let recorded = with_store(app.clone(), move |store| {
        let viewer = debrief::viewer_for(store, me, candidate_id)?;
        Ok(debrief::record_decision(store, viewer, candidate_id, &decision)?)
    })
    .await?;
    app.state::<AppState>().team_wake.notify_one();
    Ok(recorded)
}

#[tauri::command]
pub async fn calibration(app: AppHandle) -> Result<Vec<CalibrationRow>, IpcError> {
    with_store(app, |store| Ok(debrief::calibration(store)?)).await
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
