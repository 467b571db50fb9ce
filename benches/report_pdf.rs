//! The level-recommendation PDF for a six-interviewer panel: Rung's renderer against the
//! route a user would otherwise take, printing the same content as HTML through
//! headless Chromium. Prints time and size side by side. Goal: at least 20× faster and
//! under 150 KB. Needs Debian's `chromium` (scripts/bench.sh installs it).
//! Run: `bash scripts/bench.sh` (or `cargo bench --no-default-features --bench report_pdf`).

#[path = "support/table.rs"]
mod table;

use std::fmt::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rung_report::ReportData;

const RUNG_RUNS: usize = 50;
const CHROMIUM_RUNS: usize = 5;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The same content as the PDF, as a page a browser prints: the debrief printed to PDF.
fn html(data: &ReportData, fonts: &Path) -> String {
    let mut out = String::new();
    let regular = fonts.join("DejaVuSans.ttf");
    let bold = fonts.join("DejaVuSans-Bold.ttf");
    let _ = write!(
        out,
        "<!doctype html><html><head><meta charset=utf-8><title>Level recommendation: {name}</title><style>
@font-face {{ font-family: DejaVu; src: url('file://{regular}'); }}
@font-face {{ font-family: DejaVu; font-weight: bold; src: url('file://{bold}'); }}
@page {{ size: A4; margin: 18mm; }}
body {{ font-family: DejaVu; font-size: 9.5pt; color: #1c2129; }}
h1 {{ font-size: 18pt; margin: 0; }} h2 {{ font-size: 12.5pt; border-bottom: 1px solid #ccd; }}
.verdict {{ display: flex; background: #f2f4f7; border-left: 3px solid #1a5499; padding: 8pt; }}
.verdict div {{ flex: 1; }} table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 0.4pt solid #ccd; padding: 3pt 4pt; text-align: left; }}
.bar {{ height: 7pt; background: #f2f4f7; }} .bar span {{ display: block; height: 100%; background: #1a5499; }}
</style></head><body>",
        name = escape(&data.candidate.name),
        regular = regular.display(),
        bold = bold.display()
    );
    let _ = write!(
        out,
        "<p>LEVEL RECOMMENDATION</p><h1>{}</h1><p>Interviewed for {} · {}</p><p>Issued {}</p>",
        escape(&data.candidate.name),
        escape(&data.candidate.target),
        escape(&data.ladder.name),
        escape(&data.issued_at)
    );
    let recommendation = &data.recommendation;
    let decision =
        data.decision.as_ref().map_or("Decision pending".to_owned(), |d| format!("{} by {}", d.outcome, d.decided_by));
    let _ = write!(
        out,
        "<div class=verdict><div><small>RECOMMENDED</small><h2>{} {}</h2><p>{}</p></div><div><small>PANEL DECISION</small><h2>{}</h2></div></div>",
        escape(recommendation.role.as_deref().unwrap_or("No level")),
        escape(recommendation.band.as_deref().unwrap_or("")),
        escape(&recommendation.confidence_reason),
        escape(&decision)
    );
    out.push_str("<h2>Why</h2><ul>");
    for line in &recommendation.rationale {
        let _ = write!(out, "<li>{}</li>", escape(line));
    }
    out.push_str("</ul><h2>Roles at a glance</h2><table>");
    for role in &data.roles {
        let met = role.met.unwrap_or(0.0) * 100.0;
        let _ = write!(
            out,
            "<tr><td>{}</td><td><div class=bar><span style='width:{met}%'></span></div><div class=bar><span style='width:{}%'></span></div></td></tr>",
            escape(&role.title),
            role.coverage * 100.0
        );
    }
    out.push_str("</table><h2>Panel</h2><table><tr><th>Interviewer</th><th>Interview</th><th>Overall</th><th>Their level</th></tr>");
    for member in &data.panel {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&member.name),
            escape(member.interview.as_deref().unwrap_or("")),
            escape(member.overall.as_deref().unwrap_or("")),
            escape(member.level_opinion.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</table><h2>Scores by characteristic</h2><table><tr><th>Characteristic</th>");
    for member in &data.panel {
        let _ = write!(out, "<th>{}</th>", escape(member.name.split(' ').next().unwrap_or("")));
    }
    out.push_str("<th>Panel</th></tr>");
    for row in &data.characteristics {
        let _ = write!(out, "<tr><td>{}</td>", escape(&row.title));
        for score in &row.scores {
            let _ = write!(out, "<td>{}</td>", score.map_or("–".to_owned(), |s| s.to_string()));
        }
        let _ = write!(out, "<td>{}</td></tr>", row.panel.map_or("–".to_owned(), |p| format!("{p:.1}")));
    }
    out.push_str("</table><h2>Evidence</h2>");
    for group in &data.evidence {
        let _ = write!(out, "<h3>{}</h3>", escape(&group.characteristic));
        for excerpt in &group.excerpts {
            let _ = write!(out, "<p>{}: {}</p>", escape(&excerpt.interviewer), escape(&excerpt.note));
        }
    }
    let _ = write!(
        out,
        "<h2>Record</h2><p>Ladder snapshot {}</p><p>Audit head {}: {}</p></body></html>",
        data.ladder.snapshot_sha256, data.audit_head.entries, data.audit_head.hash
    );
    out
}

fn mean(times: &[Duration]) -> Duration {
    times.iter().sum::<Duration>() / times.len() as u32
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = root.join("crates/rung-report/tests/fixtures/six_interviewers.json");
    let data: ReportData = serde_json::from_slice(&std::fs::read(fixture).unwrap()).unwrap();

    // `cargo test --benches` runs this once as a smoke test: render once, no Chromium.
    let measuring = std::env::args().any(|arg| arg == "--bench");
    let mut rung_times = Vec::new();
    let mut rung_size = 0;
    for _ in 0..if measuring { RUNG_RUNS } else { 1 } {
        let started = Instant::now();
        let rendered = rung_report::render(&data).unwrap();
        rung_times.push(started.elapsed());
        rung_size = rendered.bytes.len();
    }

    if !measuring {
        println!("rung: {:.1} ms, {} KB (smoke run)", mean(&rung_times).as_secs_f64() * 1e3, rung_size / 1024);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, html(&data, &root.join("data/fonts"))).unwrap();
    let mut chromium_times = Vec::new();
    let mut chromium_size = 0;
    for run in 0..CHROMIUM_RUNS {
        let out = dir.path().join(format!("chromium-{run}.pdf"));
        let profile = dir.path().join(format!("profile-{run}"));
        let started = Instant::now();
        let status = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                &format!("--user-data-dir={}", profile.display()),
                &format!("--print-to-pdf={}", out.display()),
                &format!("file://{}", page.display()),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        match status {
            Ok(status) if status.success() => {}
            _ => {
                println!("chromium is not available (apt-get install chromium); Rung alone:");
                println!("rung: {:.1} ms, {} KB", mean(&rung_times).as_secs_f64() * 1e3, rung_size / 1024);
                return;
            }
        }
        chromium_times.push(started.elapsed());
        chromium_size = std::fs::metadata(&out).unwrap().len() as usize;
    }

    let (rung, chromium) = (mean(&rung_times), mean(&chromium_times));
    println!("level-recommendation PDF, six interviewers, {} characteristics", data.characteristics.len());
    println!("{:<36} {:>6} {:>12} {:>10}", "route", "runs", "mean time", "size");
    println!(
        "{:<36} {RUNG_RUNS:>6} {:>10.1}ms {:>8} KB",
        "rung-report (printpdf, subset fonts)",
        rung.as_secs_f64() * 1e3,
        rung_size / 1024
    );
    println!(
        "{:<36} {CHROMIUM_RUNS:>6} {:>10.1}ms {:>8} KB",
        "headless Chromium --print-to-pdf",
        chromium.as_secs_f64() * 1e3,
        chromium_size / 1024
    );
    table::record(
        "Level-recommendation PDF, six interviewers (time; size)",
        &format!("{:.1} ms; {} KB", rung.as_secs_f64() * 1e3, rung_size / 1024),
        &format!("{:.0} ms; {} KB (headless Chromium)", chromium.as_secs_f64() * 1e3, chromium_size / 1024),
        &format!("{:.0}× faster", chromium.as_secs_f64() / rung.as_secs_f64()),
    );
    println!(
        "rung is {:.0}x faster; its file is {:.0}% of Chromium's (goal: 20x, under 150 KB)",
        chromium.as_secs_f64() / rung.as_secs_f64(),
        100.0 * rung_size as f64 / chromium_size as f64
    );
}
