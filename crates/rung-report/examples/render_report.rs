//! Renders a report from a JSON file of `ReportData`: `cargo run -p rung-report
//! --example render_report -- data.json out.pdf`. For looking at layout changes.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (input, output) = (&args[1], &args[2]);
    let data: rung_report::ReportData = serde_json::from_slice(&std::fs::read(input).unwrap()).unwrap();
    let rendered = rung_report::render(&data).unwrap();
    std::fs::write(output, &rendered.bytes).unwrap();
    eprintln!(
        "{} pages, {} bytes, id {}, missing {:?}",
        rendered.pages,
        rendered.bytes.len(),
        rendered.report_id,
        rendered.missing_glyphs
    );
}
