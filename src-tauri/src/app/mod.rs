//! Tauri glue, and the only module that knows Tauri: state, thin IPC commands, the window.

mod bindings;
mod commands;
mod dialogs;
mod ipc_error;
mod state;

pub use bindings::typescript_bindings;
pub use ipc_error::IpcError;
pub use state::StartupStatus;

use std::path::PathBuf;

use std::process::ExitCode;
use tauri::Manager;

use crate::ladder::Ladder;

/// Opens the window on the database in `data_dir`, with `extra` ladders imported (the
/// last one is shown first).
pub fn run(data_dir: PathBuf, extra: Vec<Ladder>) -> ExitCode {
    let state = state::AppState::start(data_dir, &extra);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            let handle = app.handle().clone();
            tauri::async_runtime::spawn_blocking(move || handle.state::<state::AppState>().rotate_backups());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::ladders::startup_status,
            commands::ladders::move_database_aside,
            commands::ladders::list_ladders,
            commands::ladders::get_ladder,
            commands::ladders::save_level_policy,
            commands::ladders::preview_ladder_file,
            commands::ladders::preview_ladder_folder,
            commands::ladders::repreview_ladder,
            commands::ladders::confirm_ladder_import,
            commands::ladders::cancel_ladder_import,
            commands::hiring::list_interviewers,
            commands::hiring::create_interviewer,
            commands::hiring::set_current_interviewer,
            commands::hiring::create_candidate,
            commands::hiring::update_candidate,
            commands::hiring::candidate_kit,
            commands::hiring::save_panel_plan,
            commands::hiring::save_questions,
            commands::hiring::open_scoring,
            commands::hiring::save_rating,
            commands::hiring::save_overall,
            commands::hiring::submit_scorecard,
            commands::hiring::amend_scorecard,
            commands::hiring::create_demo,
            commands::debrief::open_debrief,
            commands::debrief::what_if,
            commands::debrief::record_decision,
            commands::debrief::calibration,
            commands::debrief::candidate_page,
            commands::debrief::plan_coverage,
            commands::archive::default_paper,
            commands::archive::export_report,
            commands::archive::search_archive,
            commands::archive::reexport_report,
            commands::archive::open_report,
            commands::archive::verify_report_file,
            commands::archive::retention,
            commands::archive::set_retention_months,
            commands::archive::set_legal_hold,
            commands::archive::erase_candidate,
            commands::archive::export_bundle,
            commands::archive::import_bundle,
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
