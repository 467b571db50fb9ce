//! Ladder and start-up commands.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};

use crate::app::dialogs::{pick, Dialog};
use crate::app::state::{with_store, AppState, StartupStatus};
use crate::app::IpcError;
use crate::ladder::{LadderView, LevelPolicy, ReadingMapping};
use crate::ladder_import::{self, LadderPreview};
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

/// Picks a ladder file in the native dialog (opened from Rust, so the window never
/// names a path) and shows how Rung reads it, with the corrections saved with an earlier
/// import of the same file applied. Nothing is saved yet.
#[tauri::command]
pub async fn preview_ladder_file(app: AppHandle) -> Result<Option<LadderPreview>, IpcError> {
    let filter: (&str, &[&str]) = (
        "Ladder (markdown, spreadsheet, JSON, YAML, a JavaScript/TypeScript module or Rung JSON)",
        &[
            "md", "markdown", "yml", "yaml", "csv", "tsv", "xlsx", "xlsm", "ods", "json", "json5", "js", "mjs", "cjs",
            "ts", "mts",
        ],
    );
    let picked = pick(&app, Dialog::Open { title: "Import a ladder file", filter }).await?;
    first_preview(app, picked).await
}

#[tauri::command]
pub async fn preview_ladder_folder(app: AppHandle) -> Result<Option<LadderPreview>, IpcError> {
    let picked = pick(&app, Dialog::Folder { title: "Import a ladder folder (one file per level)" }).await?;
    first_preview(app, picked).await
}

async fn first_preview(app: AppHandle, picked: Option<PathBuf>) -> Result<Option<LadderPreview>, IpcError> {
    let Some(path) = picked else { return Ok(None) };
    app.state::<AppState>().set_pending_import(Some(path.clone()));
    with_store(app, move |store| {
        let saved = ladder_import::saved_mapping(store, &ladder_import::source_name(&path))?;
        let (mapping, from) = saved.map_or((ReadingMapping::default(), None), |(mapping, name)| (mapping, Some(name)));
        Ok(Some(ladder_import::preview(&path, mapping, from)?))
    })
    .await
}

/// The pending import read again with the person's corrections.
#[tauri::command]
pub async fn repreview_ladder(app: AppHandle, mapping: ReadingMapping) -> Result<LadderPreview, IpcError> {
    let path = pending_import(&app)?;
    tauri::async_runtime::spawn_blocking(move || Ok(ladder_import::preview(&path, mapping, None)?))
        .await
        .map_err(|_| IpcError::internal("reading the ladder"))?
}

/// Saves the pending import as read with the corrections, which are kept with it. All or
/// nothing: a ladder that fails to import leaves the store untouched.
#[tauri::command]
pub async fn confirm_ladder_import(app: AppHandle, mapping: ReadingMapping) -> Result<StoredLadder, IpcError> {
    let path = pending_import(&app)?;
    let state = app.clone();
    let stored = with_store(app, move |store| {
        let ladder = ladder_import::ladder_to_save(&path, &mapping)?;
        Ok(store.save_ladder(&ladder, false)?)
    })
    .await?;
    state.state::<AppState>().set_pending_import(None);
    Ok(stored)
}

#[tauri::command]
pub fn cancel_ladder_import(app: AppHandle) {
    app.state::<AppState>().set_pending_import(None);
}

fn pending_import(app: &AppHandle) -> Result<PathBuf, IpcError> {
    app.state::<AppState>().pending_import().ok_or_else(|| IpcError::internal("no ladder import is open"))
}
