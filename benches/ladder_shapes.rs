//! Import time per ladder shape, on the fixtures of each shape: markdown document, level
//! folder, front-matter folder, progression framework, job-family YAML, level-code track,
//! Rung JSON. Prints a table (mean of many runs). Run: `bash scripts/bench.sh` (or
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
    let shapes = [
        ("markdown document (seed)", root.join("data/ladders/support-roles.md")),
        ("folder of level files (2025)", root.join("data/ladders/octopus-support-2025")),
        ("front-matter folder (Hugo)", root.join("tests/fixtures/front-matter/hugo-levels")),
        ("progression framework (front matter)", root.join("tests/fixtures/progression/platform.md")),
        ("job-family YAML", root.join("tests/fixtures/job-family/engineering.yml")),
        ("level-code track document", root.join("tests/fixtures/level-codes/developer-track.md")),
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
