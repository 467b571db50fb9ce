//! IPC commands: each one locks state, calls the library, and maps errors. No logic here.

use std::path::PathBuf;
use std::sync::Mutex;

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{IpcError, LadderLibrary, LadderSummary};
use crate::ladder::{self, Ladder};

type Library<'a> = State<'a, Mutex<LadderLibrary>>;

#[tauri::command]
pub fn list_ladders(library: Library<'_>) -> Result<Vec<LadderSummary>, IpcError> {
    let library = library.lock().map_err(|_| IpcError::internal("listing ladders"))?;
    Ok(library.summaries())
}

#[tauri::command]
pub fn get_ladder(id: String, library: Library<'_>) -> Result<Ladder, IpcError> {
    let library = library.lock().map_err(|_| IpcError::internal("opening a ladder"))?;
    library.get(&id).cloned().ok_or_else(|| IpcError::unknown_ladder(&id))
}

/// Opens the native file dialog from Rust, so the window never handles arbitrary paths.
#[tauri::command]
pub async fn import_ladder_file(app: AppHandle, library: Library<'_>) -> Result<Option<LadderSummary>, IpcError> {
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Import a ladder file")
            .add_filter("Ladder (markdown or Rung JSON)", &["md", "markdown", "json"])
            .blocking_pick_file()
    })
    .await
    .map_err(|_| IpcError::internal("opening the file dialog"))?;
    let Some(path) = picked.and_then(|picked| picked.into_path().ok()) else { return Ok(None) };
    import(path, &library).await.map(Some)
}

#[tauri::command]
pub async fn import_ladder_folder(app: AppHandle, library: Library<'_>) -> Result<Option<LadderSummary>, IpcError> {
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog().file().set_title("Import a ladder folder (one file per level)").blocking_pick_folder()
    })
    .await
    .map_err(|_| IpcError::internal("opening the folder dialog"))?;
    let Some(path) = picked.and_then(|picked| picked.into_path().ok()) else { return Ok(None) };
    import(path, &library).await.map(Some)
}

async fn import(path: PathBuf, library: &Library<'_>) -> Result<LadderSummary, IpcError> {
    let ladder = tauri::async_runtime::spawn_blocking(move || ladder::load(&path))
        .await
        .map_err(|_| IpcError::internal("importing the ladder"))??;
    let mut library = library.lock().map_err(|_| IpcError::internal("importing the ladder"))?;
    Ok(library.add(ladder))
}
