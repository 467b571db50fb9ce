//! The level-recommendation PDF, issued by the real `rung` binary and read back with
//! real tools: content in reading order, every Unicode name intact, fonts embedded and
//! subset, structure (qpdf), metadata (pdfinfo), PDF/A-1b (PDFBox Preflight), the same
//! bytes for the same data, and `rung verify` catching a one-byte change.

use std::path::{Path, PathBuf};

use rung::debrief;
use rung::decision::{NewDecision, Outcome};
use rung::ladder::Band;
use rung::store::Store;

use crate::pdf_tools;
use crate::report_support::scored_candidate;
use crate::store_support::{coordinator, rung_in, text};

fn issue(dir: &Path, candidate: i64, out: &Path, paper: &str) -> String {
    let output = rung_in(
        dir,
        &["report", "--candidate", &candidate.to_string(), "--out", out.to_str().unwrap(), "--paper", paper],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout)
}

fn demo(dir: &Path) -> i64 {
    let mut store = Store::open_in(dir).unwrap();
    rung::demo::create_demo(&mut store).unwrap().candidate_id
}

fn in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let at = haystack[from..].find(needle).unwrap_or_else(|| panic!("{needle:?} missing after byte {from}"));
        from += at + needle.len();
    }
}

#[test]
fn the_demo_report_passes_every_real_tool_check() {
    let dir = tempfile::tempdir().unwrap();
    let candidate = demo(dir.path());
    let pdf = dir.path().join("demo.pdf");
    issue(dir.path(), candidate, &pdf, "a4");

    pdf_tools::qpdf_check(&pdf).unwrap();
    pdf_tools::preflight(&pdf).unwrap();
    let fonts = pdf_tools::fonts(&pdf);
    assert_eq!(fonts.len(), 2, "regular and bold");
    for font in &fonts {
        assert!(font.embedded && font.subset && font.unicode, "{} must be embedded, subset, mapped", font.name);
        assert!(font.name.contains("+DejaVuSans"), "{}", font.name);
    }
    let info = pdf_tools::info(&pdf);
    assert_eq!(info["PDF version"], "1.4");
    assert!(info["Page size"].starts_with("595.28 x 841.89"), "A4: {}", info["Page size"]);
    assert_eq!(info["Title"], "Level recommendation: Alex Rivera (demo)");
    assert_eq!(info["Author"], "Rung");
    assert!(info["Keywords"].contains("rung-report-sha256:"), "{}", info["Keywords"]);
    assert!(info["Keywords"].contains("rung-audit-head: "), "{}", info["Keywords"]);
    let pages: usize = info["Pages"].parse().unwrap();
    assert!(pages >= 2);

    let layout = pdf_tools::text_layout(&pdf);
    in_order(
        &layout,
        &[
            "LEVEL RECOMMENDATION",
            "Alex Rivera (demo)",
            "RECOMMENDED",
            "L2 Senior Application Support",
            "Decision pending",
            "Why",
            "Roles at a glance",
            "Panel",
            "Priya Natarajan",
            "Scores by characteristic",
            "I am a support mentor",
            "Agreement (Krippendorff's alpha, ordinal)",
            "Evidence",
            "Strong, specific example with measurable results.",
            "Record",
            "Ladder snapshot SHA-256",
            "Audit log head",
        ],
    );
    // Every sheet can be traced to its report: id, hash and "page x of y" in each footer.
    let report_id = layout.split("Rung report ").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
    let sheets: Vec<&str> = layout.split('\u{c}').filter(|s| !s.trim().is_empty()).collect();
    assert_eq!(sheets.len(), pages);
    for (index, sheet) in sheets.iter().enumerate() {
        assert!(sheet.contains(&format!("Rung report {report_id}")), "page {}", index + 1);
        assert!(sheet.contains(&format!("Page {} of {pages}", index + 1)), "page {}", index + 1);
        assert!(sheet.contains("SHA-256 "), "page {}", index + 1);
    }
    // The footer's hash is the data hash the keywords carry.
    let hash = info["Keywords"].split("rung-report-sha256:").nth(1).unwrap()[..64].to_owned();
    assert!(layout.contains(&format!("SHA-256 {hash}")));
}

#[test]
fn names_in_many_scripts_render_intact_on_letter_paper() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    // The candidate's name arrives decomposed (as macOS file names do): it is drawn composed.
    let decomposed = "Zoe\u{0308} \u{141}ukasiewicz-Nguye\u{0302}\u{0303}n";
    let candidate = scored_candidate(
        &mut store,
        decomposed,
        &["Søren O'Brien", "Ærøskøbing Lund"],
        "Walked through the Ærøskøbing outage calmly.",
        "Would hire.",
    );
    drop(store);
    let pdf = dir.path().join("unicode.pdf");
    let said = issue(dir.path(), candidate, &pdf, "letter");
    assert!(!said.contains("warning"), "{said}");

    let flow = pdf_tools::text_flow(&pdf);
    for name in ["Zoë Łukasiewicz-Nguyễn", "Søren O'Brien", "Ærøskøbing Lund", "Walked through the Ærøskøbing outage"]
    {
        assert!(flow.contains(name), "{name:?} missing from:\n{flow}");
    }
    assert!(!flow.contains("[U+"), "every character had a glyph");
    let info = pdf_tools::info(&pdf);
    assert!(info["Page size"].starts_with("612 x 792"), "Letter: {}", info["Page size"]);
    assert_eq!(info["Title"], "Level recommendation: Zoë Łukasiewicz-Nguyễn");
    pdf_tools::preflight(&pdf).unwrap();
}

#[test]
fn a_character_the_font_lacks_is_spelled_out_and_reported_never_an_empty_box() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = scored_candidate(&mut store, "李 Wei", &["Ana Souza"], "Fine.", "Fine.");
    drop(store);
    let pdf = dir.path().join("cjk.pdf");
    let said = issue(dir.path(), candidate, &pdf, "a4");
    assert!(said.contains("warning: the report's font has no glyph for 李 (U+674E)"), "{said}");
    let flow = pdf_tools::text_flow(&pdf);
    assert!(flow.contains("[U+674E] Wei"), "{flow}");
    pdf_tools::preflight(&pdf).unwrap();
}

fn fixture_data() -> rung_report::ReportData {
    let path = crate::support::repo().join("crates/rung-report/tests/fixtures/six_interviewers.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Run by `the_same_data_gives_the_same_bytes_in_and_across_processes` in a child process.
#[test]
#[ignore = "a child process of another test"]
fn render_fixture_in_a_child_process() {
    if let Ok(out) = std::env::var("RUNG_TEST_RENDER_TO") {
        std::fs::write(out, rung_report::render(&fixture_data()).unwrap().bytes).unwrap();
    }
}

#[test]
fn the_same_data_gives_the_same_bytes_in_and_across_processes() {
    let data = fixture_data();
    let first = rung_report::render(&data).unwrap();
    let second = rung_report::render(&data).unwrap();
    assert!(first.bytes == second.bytes, "two renders in one process differ");

    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("child.pdf");
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "report_pdf::render_fixture_in_a_child_process", "--ignored", "--quiet"])
        .env("RUNG_TEST_RENDER_TO", &out)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::read(&out).unwrap() == first.bytes, "a render in another process differs");

    // Any change to the data changes the hash, the /ID and the bytes.
    let mut changed = data.clone();
    changed.candidate.name.push('.');
    let third = rung_report::render(&changed).unwrap();
    assert_ne!(third.data_sha256, first.data_sha256);
    assert!(third.bytes != first.bytes);
    // The six-interviewer report stays small (fonts are subset).
    assert!(first.bytes.len() < 150_000, "{} bytes", first.bytes.len());
}

fn verify(dir: &Path, file: &Path) -> (Option<i32>, String) {
    let output = rung_in(dir, &["verify", file.to_str().unwrap()]);
    (output.status.code(), format!("{}{}", text(&output.stdout), text(&output.stderr)))
}

#[test]
fn verify_knows_an_issued_report_and_catches_a_one_byte_change() {
    let dir = tempfile::tempdir().unwrap();
    let candidate = demo(dir.path());
    let pdf = dir.path().join("demo.pdf");
    issue(dir.path(), candidate, &pdf, "a4");
    let (code, said) = verify(dir.path(), &pdf);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.starts_with("Genuine: report R-"), "{said}");

    let original = std::fs::read(&pdf).unwrap();
    // One byte, in several places: the header, a content stream, the metadata, the trailer.
    for at in [5, original.len() / 3, original.len() / 2, original.len() - 20] {
        let mut altered = original.clone();
        altered[at] ^= 0x01;
        let file = dir.path().join(format!("altered-{at}.pdf"));
        std::fs::write(&file, &altered).unwrap();
        let (code, said) = verify(dir.path(), &file);
        assert_eq!(code, Some(1), "a change at byte {at} went unnoticed: {said}");
        assert!(said.contains("Altered") || said.contains("Unknown") || said.contains("Not a Rung report"), "{said}");
    }
    // A change outside the hash marker is named for what it is: this report, altered.
    let mut altered = original.clone();
    let middle = original.len() / 2;
    altered[middle] ^= 0x01;
    std::fs::write(dir.path().join("one.pdf"), &altered).unwrap();
    let (_, said) = verify(dir.path(), &dir.path().join("one.pdf"));
    assert!(said.contains("Altered: this file claims to be report R-"), "{said}");

    // A report from another archive is unknown here; a file that is no report says so.
    let other = tempfile::tempdir().unwrap();
    let other_candidate = demo(other.path());
    let foreign = other.path().join("foreign.pdf");
    issue(other.path(), other_candidate, &foreign, "a4");
    let (code, said) = verify(dir.path(), &foreign);
    assert_eq!(code, Some(1));
    assert!(said.contains("Unknown: this file claims to be a Rung report"), "{said}");
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    let (code, said) = verify(dir.path(), &dir.path().join("notes.txt"));
    assert_eq!(code, Some(1));
    assert!(said.contains("Not a Rung report"), "{said}");
}

#[test]
fn reports_before_and_after_the_decision_are_both_archived_and_exporting_twice_gives_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let candidate = demo(dir.path());
    let before = dir.path().join("before.pdf");
    issue(dir.path(), candidate, &before, "a4");
    let again = dir.path().join("again.pdf");
    let said = issue(dir.path(), candidate, &again, "a4");
    assert!(said.contains("nothing changed since it was issued"), "{said}");
    assert!(std::fs::read(&before).unwrap() == std::fs::read(&again).unwrap(), "exported twice, two files");

    let mut store = Store::open_in(dir.path()).unwrap();
    let decision = NewDecision {
        outcome: Outcome::Hire,
        role_key: Some("senior-application-support-engineer".into()),
        band: Some(Band::Exceeding),
        reason: None,
    };
    // The decision is recorded as decided by the coordinator recording it.
    let granting = coordinator(&store);
    let actor = rung::actor::Actor::coordinator(
        rung::hiring::add_person(&mut store, granting, "Søren O'Brien", None, true).unwrap().id,
    );
    debrief::record_decision(&mut store, actor, candidate, &decision).unwrap();
    drop(store);
    let after = dir.path().join("after.pdf");
    issue(dir.path(), candidate, &after, "a4");

    let before_text = pdf_tools::text_flow(&before);
    let after_text = pdf_tools::text_flow(&after);
    assert!(before_text.contains("Decision pending"));
    assert!(after_text.contains("Hire as L2 Senior Application Support Engineer, Exceeding"), "{after_text}");
    assert!(after_text.contains("Decided by Søren O'Brien"), "{after_text}");
    assert!(!after_text.contains("Decision pending"));

    let listed = rung_in(dir.path(), &["archive", "--json"]);
    let archive: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(archive["total"], 2);
    assert_eq!(archive["reports"][0]["outcome"], "hire");
    assert_eq!(archive["reports"][0]["decided_by"], "Søren O'Brien");
    assert_eq!(archive["reports"][1]["outcome"], "pending");
    for file in [&before, &after] {
        assert_eq!(verify(dir.path(), file).0, Some(0));
    }
    // The archived copy comes back byte for byte.
    let report_id = archive["reports"][1]["report_id"].as_str().unwrap();
    let copy = dir.path().join("copy.pdf");
    let output = rung_in(dir.path(), &["report", "--reexport", report_id, "--out", copy.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(std::fs::read(&copy).unwrap() == std::fs::read(&before).unwrap());
}
