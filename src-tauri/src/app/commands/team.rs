//! Team mode from the window: where sync stands, connecting, syncing now, disconnecting.
//! The password is typed into the window only to be used (and, if asked, saved in the
//! system keyring); it is never stored by Rung.

use tauri::{AppHandle, Manager};

use crate::app::state::{with_store, AppState};
use crate::app::team_loop::{tell_the_window, AppStore};
use crate::app::IpcError;
use rung_core::error_code::ErrorCode;
use rung_team::{SyncReport, TeamError, TeamStatus};

fn team_error(error: TeamError) -> IpcError {
    match error {
        TeamError::Store(error) => IpcError::from(&error),
        other => IpcError {
            code: if other.is_offline() { ErrorCode::TeamOffline } else { ErrorCode::Team },
            message: other.to_string(),
        },
    }
}

#[tauri::command]
pub async fn team_status(app: AppHandle) -> Result<TeamStatus, IpcError> {
    with_store(app, |store| Ok(rung_team::status(store)?)).await
}

/// Connects this data folder to a server as the person scoring here, then syncs at once.
#[tauri::command]
pub async fn team_connect(
    app: AppHandle,
    url: String,
    name: String,
    password: Option<String>,
    remember: bool,
) -> Result<TeamStatus, IpcError> {
    let state = app.state::<AppState>();
    state.wait_until_opened();
    let binding =
        crate::team::connect(&AppStore(&state), &url, &name, password.clone(), remember).await.map_err(team_error)?;
    // This laptop now scores as the person who connected it: the server's login proved
    // who they are, so no laptop passphrase is asked for as well.
    let member = binding.interviewer_id;
    crate::app::state::with_store(app.clone(), move |store| Ok(store.set_acting_person(member)?)).await?;
    state.set_current_interviewer(Some(member));
    if let Ok(mut kept) = state.team_password.lock() {
        *kept = password.filter(|p| !p.is_empty());
    }
    state.team_wake.notify_one();
    tell_the_window(&app, &state);
    team_status(app.clone()).await
}

#[tauri::command]
pub async fn team_sync_now(app: AppHandle) -> Result<SyncReport, IpcError> {
    let state = app.state::<AppState>();
    state.wait_until_opened();
    let local = AppStore(&state);
    let server = {
        use rung_team::LocalStore;
        local.with(|store| store.team_binding())?.ok_or_else(|| team_error(TeamError::NotConnected))?.server
    };
    let report = rung_team::sync_once(&local, state.team_password(&server).as_deref()).await;
    tell_the_window(&app, &state);
    report.map_err(team_error)
}

#[tauri::command]
pub async fn team_disconnect(app: AppHandle) -> Result<TeamStatus, IpcError> {
    let server = with_store(app.clone(), |store| Ok(rung_team::disconnect(store)?)).await?;
    if let Some(server) = server {
        crate::team::forget_password(&server);
    }
    let state = app.state::<AppState>();
    if let Ok(mut kept) = state.team_password.lock() {
        *kept = None;
    }
    tell_the_window(&app, &state);
    team_status(app.clone()).await
}
