// The one list of the commands the window may call, by module of `app::commands`.
// Everything else is generated from it: build.rs turns it into tauri-build's `allow-*`
// permissions and the window's capability (src-tauri/capabilities/main.json), the app into
// its invoke handler, and the bindings into the TypeScript `Command` type that `api.ts`
// must use. So a command is registered, granted and typed together, or not at all.
//
// This file is `include!`d by build.rs too, so it holds macros only.

/// Calls `$then!` with the commands, as `module: command, …;` groups.
macro_rules! with_ipc_commands {
    ($then:ident) => {
        $then! {
            ladders: startup_status, move_database_aside, list_ladders, get_ladder, save_level_policy,
                preview_ladder_file, preview_ladder_folder, repreview_ladder, confirm_ladder_import,
                cancel_ladder_import;
            hiring: list_interviewers, create_interviewer, set_current_interviewer, set_own_passphrase, create_candidate,
                update_candidate, candidate_kit, save_panel_plan, save_questions, open_scoring, save_rating,
                save_overall, submit_scorecard, amend_scorecard, create_demo;
            debrief: open_debrief, what_if, preview_decision, record_decision, calibration, candidate_page, plan_coverage;
            archive: default_paper, export_report, search_archive, reexport_report, open_report,
                verify_report_file, retention, set_retention_months, set_legal_hold, erase_candidate,
                export_bundle, import_bundle;
            team: team_status, team_connect, team_sync_now, team_disconnect;
        }
    };
}

/// The commands' names, as `&[&str]`.
macro_rules! command_names {
    ($($module:ident: $($command:ident),+;)+) => {
        &[$($(stringify!($command)),+),+]
    };
}
