//! The report, the archive, retention and erasure, and scorecard bundles. Files are
//! chosen in native dialogs opened from Rust; the window never names a path.

use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

use super::acting;
use crate::actor::actor_of;
use crate::app::dialogs::{pick, Dialog};
use crate::app::state::with_store;
use crate::app::IpcError;
use crate::archive;
use crate::bundle::BundleImport;
use crate::privacy::{self, ErasureOutcome};
use crate::report::{self, Verification};
use crate::store::erasure::OPENED_DIR;
use crate::store::files::write_file_atomically;
use crate::store::output_guard::{check_output_path, write_output};
use crate::store::{ArchivePage, ArchiveQuery, ArchivedReport, RetentionEntry};
use rung_core::input::{read_bounded, InputKind};
use rung_report::Paper;

/// A file name without characters file systems refuse.
fn file_name(stem: &str, extension: &str) -> String {
    let clean: String =
        stem.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { ' ' }).collect();
    format!("{}.{extension}", clean.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportedReport {
    pub report: ArchivedReport,
    pub path: String,
    /// Nothing had changed, so the archived report was written again, byte for byte.
    pub reused: bool,
    pub missing_glyphs: Vec<String>,
}

#[tauri::command]
pub async fn default_paper() -> Paper {
    report::default_paper()
}

/// Issues (or, when nothing changed, re-exports) the candidate's report and saves it
/// where the user chooses. `None` when the dialog was cancelled: nothing is issued.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    candidate_id: i64,
    paper: Paper,
) -> Result<Option<ExportedReport>, IpcError> {
    let me = acting(&app);
    // Asked before the dialog, so nobody picks a file for a report they may not issue.
    let name = with_store(app.clone(), move |store| {
        let actor = actor_of(store, me)?;
        let facts = crate::actor::candidate_facts(store, &actor, candidate_id)?;
        crate::access::may_issue_report(&actor, &facts).map_err(crate::store::StoreError::from)?;
        Ok(store.candidate(candidate_id)?.name)
    })
    .await?;
    let suggested = file_name(&format!("Level recommendation - {name}"), "pdf");
    let dialog = Dialog::Save { title: "Export the level recommendation", suggested, filter: ("PDF", &["pdf"]) };
    let Some(path) = pick(&app, dialog).await? else { return Ok(None) };
    with_store(app, move |store| {
        check_output_path(store.data_dir(), &path)?;
        let issued = report::issue_report(store, actor_of(store, me)?, candidate_id, paper)?;
        write_output(store.data_dir(), &path, &issued.bytes)?;
        Ok(Some(ExportedReport {
            report: issued.report,
            path: path.display().to_string(),
            reused: issued.reused,
            missing_glyphs: issued.missing_glyphs,
        }))
    })
    .await
}

#[tauri::command]
pub async fn search_archive(app: AppHandle, query: ArchiveQuery) -> Result<ArchivePage, IpcError> {
    let me = acting(&app);
    with_store(app, move |store| Ok(archive::search_archive(store, actor_of(store, me)?, &query)?)).await
}

/// Writes an archived report again, byte for byte.
#[tauri::command]
pub async fn reexport_report(app: AppHandle, id: i64) -> Result<Option<String>, IpcError> {
    let me = acting(&app);
    let (report, bytes) =
        with_store(app.clone(), move |store| Ok(archive::archived_report(store, actor_of(store, me)?, id)?)).await?;
    let suggested = file_name(&format!("{} {}", report.report_id, report.candidate_name), "pdf");
    let dialog = Dialog::Save { title: "Save the archived report", suggested, filter: ("PDF", &["pdf"]) };
    let Some(path) = pick(&app, dialog).await? else { return Ok(None) };
    with_store(app, move |store| {
        write_output(store.data_dir(), &path, &bytes)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Opens an archived report in the system's PDF viewer: the archived copy is written to
/// the data folder's `opened/` (private, cleared by every erasure) and handed to it.
#[tauri::command]
pub async fn open_report(app: AppHandle, id: i64) -> Result<(), IpcError> {
    let me = acting(&app);
    let path = with_store(app, move |store| {
        let (report, bytes) = archive::archived_report(store, actor_of(store, me)?, id)?;
        let folder = store.path().parent().unwrap_or(std::path::Path::new(".")).join(OPENED_DIR);
        crate::store::files::create_private_dir(&folder)?;
        let path = folder.join(format!("{}.pdf", report.report_id));
        write_file_atomically(&path, &bytes)?;
        Ok(path)
    })
    .await?;
    tauri_plugin_opener::open_path(&path, None::<&str>)
        .map_err(|_| IpcError::internal("opening the report in your PDF viewer"))
}

/// Checks a PDF the user picks against the archive.
#[tauri::command]
pub async fn verify_report_file(app: AppHandle) -> Result<Option<(Verification, String)>, IpcError> {
    let dialog = Dialog::Open { title: "Verify a report", filter: ("PDF", &["pdf"]) };
    let Some(path) = pick(&app, dialog).await? else { return Ok(None) };
    with_store(app, move |store| {
        let bytes = read_bounded(&path, InputKind::ReportPdf).map_err(crate::store::StoreError::from)?;
        let verification = report::verify_report(store, &bytes)?;
        let sentence = verification.sentence();
        Ok(Some((verification, sentence)))
    })
    .await
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct RetentionOverview {
    pub months: u32,
    pub entries: Vec<RetentionEntry>,
}

#[tauri::command]
pub async fn retention(app: AppHandle) -> Result<RetentionOverview, IpcError> {
    with_store(app, |store| Ok(RetentionOverview { months: store.retention_months()?, entries: store.retention()? }))
        .await
}

#[tauri::command]
pub async fn set_retention_months(app: AppHandle, months: u32) -> Result<(), IpcError> {
    let me = acting(&app);
    with_store(app, move |store| Ok(privacy::set_retention_months(store, actor_of(store, me)?, months)?)).await
}

#[tauri::command]
pub async fn set_legal_hold(app: AppHandle, candidate_id: i64, hold: bool) -> Result<(), IpcError> {
    let me = acting(&app);
    with_store(app, move |store| Ok(privacy::set_legal_hold(store, actor_of(store, me)?, candidate_id, hold)?)).await
}

#[tauri::command]
pub async fn erase_candidate(
    app: AppHandle,
    candidate_id: i64,
    keep_anonymous: bool,
    purge_copies: bool,
) -> Result<ErasureOutcome, IpcError> {
    let me = acting(&app);
    with_store(app, move |store| {
        Ok(privacy::erase_candidate(store, actor_of(store, me)?, candidate_id, keep_anonymous, purge_copies)?)
    })
    .await
}

/// Saves the sealed scorecards the person acting may export (their own; a coordinator's
/// every one they may read) as a bundle.
#[tauri::command]
pub async fn export_bundle(app: AppHandle, candidate_id: i64) -> Result<Option<String>, IpcError> {
    let me = acting(&app);
    let bundle = with_store(app.clone(), move |store| {
        Ok(crate::bundle::export_bundle(store, actor_of(store, me)?, candidate_id)?)
    })
    .await?;
    let suggested = file_name(&format!("Scorecards - {}", bundle.candidate.name), "rung-bundle.json");
    let dialog = Dialog::Save { title: "Export sealed scorecards", suggested, filter: ("Rung bundle", &["json"]) };
    let Some(path) = pick(&app, dialog).await? else { return Ok(None) };
    with_store(app, move |store| {
        crate::bundle::save_bundle(store, candidate_id, &bundle, &path)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

#[tauri::command]
pub async fn import_bundle(app: AppHandle, import_ladder: bool) -> Result<Option<BundleImport>, IpcError> {
    let dialog = Dialog::Open { title: "Import sealed scorecards", filter: ("Rung bundle", &["json"]) };
    let Some(path) = pick(&app, dialog).await? else { return Ok(None) };
    with_store(app, move |store| {
        let bytes = read_bounded(&path, InputKind::Bundle).map_err(crate::store::StoreError::from)?;
        Ok(Some(crate::bundle::import_bundle(store, &bytes, None, import_ladder)?))
    })
    .await
}
