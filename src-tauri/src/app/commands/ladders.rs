//! Ladder and start-up commands.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::app::state::{with_store, AppState, StartupStatus};
use crate::app::IpcError;
use crate::ladder::{self, LadderView, LevelPolicy};
use crate::store::StoredLadder;

#[tauri::command]
pub fn startup_status(app: AppHandle) -> StartupStatus {
    app.state::<AppState>().status()
}

#[tauri::command]
pub async fn move_database_aside(app: AppHandle) -> Result<StartupStatus, IpcError> {
    tauri::async_runtime::spawn_blocking(move || app.state::<AppState>().move_aside_and_restart())
        .await
        .map_err(|_| IpcError::internal("moving the database aside"))?
}

#[tauri::command]
pub async fn list_ladders(app: AppHandle) -> Result<Vec<StoredLadder>, IpcError> {
    with_store(app, |store| Ok(store.list_ladders()?)).await
}

#[tauri::command]
pub async fn get_ladder(app: AppHandle, id: i64) -> Result<LadderView, IpcError> {
    with_store(app, move |store| Ok(LadderView::of(store.load_ladder(id)?))).await
}

/// Changes the thresholds of the ladder's level policy; Rust validates them.
#[tauri::command]
pub async fn save_level_policy(app: AppHandle, ladder_id: i64, policy: LevelPolicy) -> Result<(), IpcError> {
    with_store(app, move |store| Ok(store.save_level_policy(ladder_id, &policy)?)).await
}

/// Opens the native file dialog from Rust, so the window never handles arbitrary paths.
#[tauri::command]
pub async fn import_ladder_file(app: AppHandle) -> Result<Option<StoredLadder>, IpcError> {
    let dialog = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        dialog
            .dialog()
            .file()
            .set_title("Import a ladder file")
            .add_filter(
                "Ladder (markdown, job-family YAML, spreadsheet or Rung JSON)",
                &["md", "markdown", "yml", "yaml", "csv", "tsv", "xlsx", "xlsm", "xls", "ods", "json"],
            )
            .blocking_pick_file()
    })
    .await
    .map_err(|_| IpcError::internal("opening the file dialog"))?;
    match picked.and_then(|picked| picked.into_path().ok()) {
        Some(path) => import(app, path).await.map(Some),
        None => Ok(None),
    }
}

#[tauri::command]
pub async fn import_ladder_folder(app: AppHandle) -> Result<Option<StoredLadder>, IpcError> {
    let dialog = app.clone();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        dialog.dialog().file().set_title("Import a ladder folder (one file per level)").blocking_pick_folder()
    })
    .await
    .map_err(|_| IpcError::internal("opening the folder dialog"))?;
    match picked.and_then(|picked| picked.into_path().ok()) {
        Some(path) => import(app, path).await.map(Some),
        None => Ok(None),
    }
}

/// All or nothing: a ladder that fails to import leaves the store untouched.
async fn import(app: AppHandle, path: PathBuf) -> Result<StoredLadder, IpcError> {
    with_store(app, move |store| {
        let ladder = ladder::load(&path)?;
        Ok(store.save_ladder(&ladder, false)?)
    })
    .await
}
