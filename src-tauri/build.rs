// Tauri's config lives at the top level, but our capabilities live in src-tauri/.
// Listing the commands makes tauri-build generate `allow-<command>` permissions, so a
// command is callable from the window only if a capability grants it.
fn main() {
    #[cfg(feature = "app")]
    build_app();
}

#[cfg(feature = "app")]
fn build_app() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    // The window embeds ui/dist: a rebuilt front end must rebuild the binary.
    println!("cargo:rerun-if-changed=ui/dist");
    let ui_dist = std::path::Path::new("ui/dist/index.html");
    if !ui_dist.exists() {
        println!(
            "cargo:warning=ui/dist is missing: build the front end first (npm --prefix ui ci && npm --prefix ui run build)"
        );
        std::fs::create_dir_all("ui/dist").expect("create ui/dist");
    }
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "startup_status",
            "move_database_aside",
            "list_ladders",
            "get_ladder",
            "save_level_policy",
            "preview_ladder_file",
            "preview_ladder_folder",
            "repreview_ladder",
            "confirm_ladder_import",
            "cancel_ladder_import",
            "list_interviewers",
            "create_interviewer",
            "set_current_interviewer",
            "create_candidate",
            "update_candidate",
            "candidate_kit",
            "save_panel_plan",
            "save_questions",
            "open_scoring",
            "save_rating",
            "save_overall",
            "submit_scorecard",
            "amend_scorecard",
            "create_demo",
            "open_debrief",
            "what_if",
            "record_decision",
            "calibration",
            "candidate_page",
            "plan_coverage",
            "default_paper",
            "export_report",
            "search_archive",
            "reexport_report",
            "open_report",
            "verify_report_file",
            "retention",
            "set_retention_months",
            "set_legal_hold",
            "erase_candidate",
            "export_bundle",
            "import_bundle",
        ]));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
