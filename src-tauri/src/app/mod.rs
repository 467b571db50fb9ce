//! Tauri glue, and the only module that knows Tauri: state, thin IPC commands, the window.

mod bindings;
mod commands;
mod ipc_error;
mod state;

pub use bindings::typescript_bindings;
pub use ipc_error::IpcError;
pub use state::StartupStatus;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::ladder::Ladder;

/// Opens the window on the database in `data_dir`, with `extra` ladders imported (the
/// last one is shown first).
pub fn run(data_dir: PathBuf, extra: Vec<Ladder>) -> ExitCode {
    let state = state::AppState::start(data_dir, &extra);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::startup_status,
            commands::move_database_aside,
            commands::list_ladders,
            commands::get_ladder,
            commands::import_ladder_file,
            commands::import_ladder_folder,
        ])
        .run(tauri::generate_context!("tauri.conf.json"));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: Rung could not start its window: {error}");
            ExitCode::FAILURE
        }
    }
}
