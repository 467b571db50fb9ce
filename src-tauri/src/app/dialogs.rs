//! Native file dialogs, opened from Rust so the window never names a path.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use super::IpcError;

/// End-to-end tests cannot reach a native dialog: when this is set, a save dialog is
/// answered with this folder (plus the suggested name) and an open dialog with this file.
/// Debug builds only: an installed Rung never reads or writes a file the person did not pick
/// (tests/package/deb.sh checks the release binary does not know this name).
#[cfg(debug_assertions)]
const DIALOG_ANSWER_ENV: &str = "RUNG_TEST_DIALOG_ANSWER";

pub enum Dialog<'a> {
    Save { title: &'a str, suggested: String, filter: (&'a str, &'a [&'a str]) },
    Open { title: &'a str, filter: (&'a str, &'a [&'a str]) },
    Folder { title: &'a str },
}

pub async fn pick(app: &AppHandle, dialog: Dialog<'_>) -> Result<Option<PathBuf>, IpcError> {
    #[cfg(debug_assertions)]
    if let Some(answer) = std::env::var_os(DIALOG_ANSWER_ENV).map(PathBuf::from) {
        return Ok(Some(match dialog {
            Dialog::Save { suggested, .. } if answer.is_dir() => answer.join(suggested),
            // A folder answers an open dialog with its newest matching file: the one the
            // journey just saved there.
            Dialog::Open { filter, .. } if answer.is_dir() => newest_file(&answer, filter.1).unwrap_or(answer),
            _ => answer,
        }));
    }
    let builder = app.dialog().file();
    let picked = match dialog {
        Dialog::Save { title, suggested, filter } => {
            let builder = builder.set_title(title).set_file_name(suggested).add_filter(filter.0, filter.1);
            tauri::async_runtime::spawn_blocking(move || builder.blocking_save_file()).await
        }
        Dialog::Open { title, filter } => {
            let builder = builder.set_title(title).add_filter(filter.0, filter.1);
            tauri::async_runtime::spawn_blocking(move || builder.blocking_pick_file()).await
        }
        Dialog::Folder { title } => {
            let builder = builder.set_title(title);
            tauri::async_runtime::spawn_blocking(move || builder.blocking_pick_folder()).await
        }
    }
    .map_err(|_| IpcError::internal("opening the file dialog"))?;
    Ok(picked.and_then(|path| path.into_path().ok()))
}

#[cfg(debug_assertions)]
fn newest_file(folder: &std::path::Path, extensions: &[&str]) -> Option<PathBuf> {
    std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .filter(|entry| {
            let extension = entry.path().extension().map(|e| e.to_string_lossy().to_lowercase());
            extension.is_some_and(|extension| extensions.contains(&extension.as_str()))
        })
        .max_by_key(|entry| entry.metadata().and_then(|m| m.modified()).ok())
        .map(|entry| entry.path())
}
