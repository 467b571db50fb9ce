//! Rung's level-recommendation report: `ReportData` in, archival PDF bytes out.
//! Pure: no Tauri, no SQL, no clock (the issue time is part of the data), so the same
//! data always gives the same bytes.

pub mod archival;
mod compose;
pub mod data;
pub mod layout;

use printpdf::{CustomPdfConformance, PdfConformance, PdfDocument, PdfPage, PdfSaveOptions, Pt};

pub use compose::human_date;
pub use data::*;

/// How a report names its own data hash and the audit head it witnesses, in the XMP
/// and the document keywords (both stored uncompressed, so a plain byte search finds
/// them).
pub const HASH_MARKER: &str = "rung-report-sha256:";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub data_sha256: String,
    pub report_id: String,
    pub pages: usize,
    /// Characters no bundled font could draw (shown as `[U+XXXX]` in the report).
    pub missing_glyphs: Vec<char>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("The PDF could not be written: {0}.")]
    Write(String),
}

pub fn render(data: &ReportData) -> Result<Rendered, ReportError> {
    let data_sha256 = data.sha256();
    let report_id = report_id_of(&data_sha256);
    let pages = compose::compose(data, &data_sha256, &report_id);
    let page_count = pages.page_count();
    let (page_ops, missing, width, height) =
        pages.finish(|pages, index, total| compose::decorate(pages, index, total, data, &data_sha256, &report_id));

    let title = format!("Level recommendation: {}", data.candidate.name);
    let mut doc = PdfDocument::new(&title);
    doc.metadata.info.conformance = PdfConformance::Custom(CustomPdfConformance {
        requires_icc_profile: false,
        requires_xmp_metadata: false,
        ..Default::default()
    });
    layout::fonts::register(&mut doc);
    doc.pages = page_ops.into_iter().map(|ops| PdfPage::new(Pt(width).into(), Pt(height).into(), ops)).collect();

    let options = PdfSaveOptions { optimize: false, subset_fonts: true, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut lopdf = printpdf::to_lopdf_doc(&doc, &options, &mut warnings);
    let subject = format!("Rung level recommendation for {}, {}", data.candidate.name, data.candidate.target);
    let keywords = format!(
        "Rung level recommendation; report {report_id}; {HASH_MARKER}{data_sha256}; rung-audit-head: {}:{}",
        data.audit_head.entries, data.audit_head.hash
    );
    archival::make_archival(
        &mut lopdf,
        &archival::Metadata {
            title: &title,
            author: "Rung",
            subject: &subject,
            keywords: &keywords,
            issued_at: &data.issued_at,
            data_sha256: &data_sha256,
        },
    );
    lopdf.compress();
    let mut bytes = Vec::new();
    lopdf.save_to(&mut bytes).map_err(|e| ReportError::Write(e.to_string()))?;
    Ok(Rendered { bytes, data_sha256, report_id, pages: page_count, missing_glyphs: missing.0.into_iter().collect() })
}

/// The data hash a report file says it carries, if it is one of ours.
pub fn embedded_data_hash(pdf: &[u8]) -> Option<String> {
    let marker = HASH_MARKER.as_bytes();
    let at = pdf.windows(marker.len()).position(|w| w == marker)? + marker.len();
    let hash = std::str::from_utf8(pdf.get(at..at + 64)?).ok()?;
    hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()).then(|| hash.to_owned())
}
