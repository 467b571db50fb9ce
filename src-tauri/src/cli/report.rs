//! `rung report`, `rung verify` and `rung archive`: issuing level-recommendation PDFs,
//! checking a file against the archive, and searching the archive.

use std::fmt::Write;
use std::path::Path;

use rung_report::Paper;

use super::debrief::{open_existing, open_reading};
use super::{Outcome, Who};
use crate::archive::{archived_report, search_archive};
pub use crate::report::default_paper;
use crate::report::{issue_report, verify_report};
use crate::store::output_guard::{check_output_path, write_output};
use crate::store::{ArchiveQuery, ArchiveSort};
use rung_core::input::{read_bounded, InputKind};

pub fn parse_paper(text: &str) -> Result<Paper, String> {
    Paper::parse(text).ok_or_else(|| format!("paper {text:?} is not known: use a4 or letter"))
}

pub fn report(data_dir: &Path, who: Who<'_>, candidate: i64, out: &Path, paper: Paper) -> Outcome {
    let mut store = open_existing(data_dir)?;
    // Refused before anything is issued, so a refused path leaves the archive as it was.
    check_output_path(store.data_dir(), out).map_err(|e| e.to_string())?;
    let actor = who.actor(&mut store)?;
    let issued = issue_report(&mut store, actor, candidate, paper).map_err(|e| e.to_string())?;
    write_output(store.data_dir(), out, &issued.bytes).map_err(|e| e.to_string())?;
    let report = &issued.report;
    let mut text = format!(
        "wrote {} — {}report {} for {}, {} page{}, {} bytes, {}\nsha256 of the report data: {}",
        out.display(),
        if issued.reused { "nothing changed since it was issued: the archived " } else { "" },
        report.report_id,
        report.candidate_name,
        report.pages,
        if report.pages == 1 { "" } else { "s" },
        report.size_bytes,
        if report.outcome == "pending" { "decision pending" } else { "with the panel's decision" },
        report.data_sha256,
    );
    if !issued.missing_glyphs.is_empty() {
        let _ = write!(
            text,
            "\nwarning: the report's font has no glyph for {}; they are written as U+ codes in the PDF.",
            issued.missing_glyphs.join(", ")
        );
    }
    Ok(text)
}

pub fn reexport(data_dir: &Path, who: Who<'_>, report_id: &str, out: &Path) -> Outcome {
    let mut store = open_existing(data_dir)?;
    let Some(report) = store.report_by_report_id(report_id).map_err(|e| e.to_string())? else {
        return Err(format!("there is no report {report_id} in this archive. `rung archive` lists them."));
    };
    let actor = who.actor(&mut store)?;
    let (report, bytes) = archived_report(&store, actor, report.id).map_err(|e| e.to_string())?;
    write_output(store.data_dir(), out, &bytes).map_err(|e| e.to_string())?;
    Ok(format!("wrote {} — the archived copy of report {}", out.display(), report.report_id))
}

/// Exit 0 only for a file that is byte for byte a report this archive issued.
pub fn verify(data_dir: &Path, file: &Path) -> Outcome {
    let store = open_reading(data_dir)?;
    let bytes = read_bounded(file, InputKind::ReportPdf).map_err(|e| e.to_string())?;
    let verification = verify_report(&store, &bytes).map_err(|e| e.to_string())?;
    if verification.is_genuine() {
        Ok(verification.sentence())
    } else {
        Err(verification.sentence())
    }
}

pub fn archive(data_dir: &Path, who: Who<'_>, text: &str, outcome: Option<&str>, as_json: bool) -> Outcome {
    let mut store = open_reading(data_dir)?;
    let actor = who.actor(&mut store)?;
    let query = ArchiveQuery {
        text: text.to_owned(),
        outcome: outcome.map(str::to_owned),
        sort: ArchiveSort::NewestFirst,
        page_size: 500,
        ..ArchiveQuery::default()
    };
    let page = search_archive(&store, actor, &query).map_err(|e| e.to_string())?;
    if as_json {
        return Ok(serde_json::to_string_pretty(&page).expect("the archive serializes"));
    }
    if page.reports.is_empty() {
        return Ok("no reports match".to_owned());
    }
    let mut out = String::new();
    for report in &page.reports {
        let _ = writeln!(
            out,
            "{}  {}  {}  {}  {}",
            report.report_id,
            &report.issued_at[..report.issued_at.len().min(16)],
            report.candidate_name,
            report.role_title,
            report.outcome.replace('_', " ")
        );
    }
    let _ = write!(out, "{} of {} reports", page.reports.len(), page.total);
    Ok(out)
}
