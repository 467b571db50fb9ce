//! Tauri glue, and the only module that knows Tauri: state, thin IPC commands, the window.

mod bindings;
mod commands;
mod ipc_error;
mod library;

pub use bindings::typescript_bindings;
pub use ipc_error::IpcError;
pub use library::{LadderLibrary, LadderSummary};

use std::process::ExitCode;
use std::sync::Mutex;

/// Opens the window with the default ladder and `extra` ladders (the last one is shown).
pub fn run(extra: Vec<crate::ladder::Ladder>) -> ExitCode {
    let mut library = LadderLibrary::with_default();
    for ladder in extra {
        library.add(ladder);
    }
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Mutex::new(library))
        .invoke_handler(tauri::generate_handler![
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
