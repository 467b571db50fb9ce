//! Import time per ladder shape, on the fixtures of each shape: markdown document, level
//! folder, front-matter folder, progression framework, job-family YAML, level-code track,
//! a folder of track documents, level files sharing sections, paragraph roles, CSV (wide
//! and long), XLSX, markdown tables (levels as columns, roles as rows), a folder of track
//! folders, structured data (JSON per competency, cross-referenced JSON, a TypeScript
//! module, YAML levels) and Rung JSON. Every import runs the reading engine (all its candidate readings). Prints a table (mean of many runs). Run: `bash scripts/bench.sh` (or
//! `cargo bench --no-default-features --bench ladder_shapes`).

use std::path::Path;
use std::time::Instant;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let measuring = std::env::args().any(|arg| arg == "--bench");
    let runs = if measuring { 500 } else { 1 };
    let json_dir = tempfile::tempdir().unwrap();
    let json = json_dir.path().join("support-roles.json");
    let seed = rung::ladder::load(&root.join("data/ladders/support-roles.md")).unwrap();
    std::fs::write(&json, rung::ladder::json::to_json(&seed)).unwrap();
    let xlsx = json_dir.path().join("data-matrix.xlsx");
    write_workbook(&root.join("tests/fixtures/spreadsheets/data-matrix.csv"), &xlsx);
    let shapes = [
        ("markdown document (seed)", root.join("data/ladders/support-roles.md")),
        ("folder of level files (2025)", root.join("data/ladders/octopus-support-2025")),
        ("front-matter folder (Hugo)", root.join("tests/fixtures/front-matter/hugo-levels")),
        ("progression framework (front matter)", root.join("tests/fixtures/progression/platform.md")),
        ("job-family YAML", root.join("tests/fixtures/job-family/engineering.yml")),
        ("level-code track document", root.join("tests/fixtures/level-codes/developer-track.md")),
        ("folder of track documents", root.join("tests/fixtures/track-documents")),
        ("level files sharing sections", root.join("tests/fixtures/sectioned-levels")),
        ("roles written as paragraphs", root.join("tests/fixtures/paragraphs/support-prose.md")),
        ("CSV, wide matrix", root.join("tests/fixtures/spreadsheets/data-matrix.csv")),
        ("CSV, long form", root.join("tests/fixtures/spreadsheets/support-long.csv")),
        ("XLSX, wide matrix", xlsx),
        ("markdown table, levels as columns", root.join("tests/fixtures/tables/levels-as-columns.md")),
        ("markdown table, roles as rows", root.join("tests/fixtures/tables/roles-as-rows.md")),
        ("folder of track folders", root.join("tests/fixtures/track-folders")),
        ("data: a JSON file per competency", root.join("tests/fixtures/data-competency-files")),
        ("data: JSON cross-referenced by id", root.join("tests/fixtures/data-referenced")),
        ("data: TypeScript module literals", root.join("tests/fixtures/data-files/growth-areas.ts")),
        ("data: YAML levels with competencies", root.join("tests/fixtures/data-files/data-ladder.yaml")),
        ("Rung JSON (seed exported)", json),
    ];
    println!("{:<38} {:>6} {:>12}", "shape", "roles", "mean import");
    for (label, path) in shapes {
        let roles = rung::ladder::load(&path).unwrap().roles.len();
        let started = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(rung::ladder::load(&path).unwrap());
        }
        let mean = started.elapsed() / runs;
        println!("{label:<38} {roles:>6} {:>10.1}µs", mean.as_secs_f64() * 1e6);
    }
}

/// The CSV matrix as a real workbook, one cell per CSV cell.
fn write_workbook(csv_path: &Path, out: &Path) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Data Ladder").unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(csv_path).unwrap();
    for (row, record) in reader.records().enumerate() {
        for (column, cell) in record.unwrap().iter().enumerate() {
            sheet.write_string(row as u32, column as u16, cell).unwrap();
        }
    }
    workbook.save(out).unwrap();
}
