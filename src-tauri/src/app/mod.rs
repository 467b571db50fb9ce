//! Tauri glue, and the only module that knows Tauri: state, thin IPC commands, the window.

#[macro_use]
mod command_list;

mod background;
mod bindings;
mod commands;
mod dialogs;
mod ipc_error;
mod state;
mod team_loop;

pub use bindings::typescript_bindings;
pub use ipc_error::IpcError;
pub use state::StartupStatus;
pub use team_loop::TEAM_STATUS_EVENT;

use std::path::PathBuf;

use std::process::ExitCode;

use crate::ladder::Ladder;

/// The names of the commands the window may call (from `command_list.rs`).
pub const COMMAND_NAMES: &[&str] = with_ipc_commands!(command_names);

/// Registers every listed command, each by its path in `commands`.
macro_rules! invoke_handler {
    ($($module:ident: $($command:ident),+;)+) => {
        tauri::generate_handler![$($(commands::$module::$command),+),+]
    };
}

/// Opens the window on the database in `data_dir`, with `extra` ladders imported (the
/// last one is shown first).
pub fn run(data_dir: PathBuf, extra: Vec<Ladder>) -> ExitCode {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::new(data_dir))
        .setup(move |app| {
            state::AppState::open_beside_the_window(app.handle(), extra);
            Ok(())
        })
        .invoke_handler(with_ipc_commands!(invoke_handler))
        .run(tauri::generate_context!("tauri.conf.json"));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: Rung could not start its window: {error}");
            ExitCode::FAILURE
        }
    }
}
