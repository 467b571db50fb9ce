//! Importing the two sample ladders: the seed document (from memory, and from disk) and
//! the 2025 folder (from disk, with its README). Run: `cargo bench --bench ladder_import`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use rung::ladder;

fn imports(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ladders");
    let seed_path = root.join("support-roles.md");
    let seed_bytes = std::fs::read(&seed_path).expect("seed ladder");
    let folder = root.join("octopus-support-2025");

    c.bench_function("seed document, parse from memory", |b| {
        b.iter(|| ladder::from_markdown(black_box(&seed_bytes), Path::new("support-roles.md")).unwrap())
    });
    c.bench_function("seed document, load from disk", |b| b.iter(|| ladder::load(black_box(&seed_path)).unwrap()));
    c.bench_function("2025 folder (8 files), load from disk", |b| b.iter(|| ladder::load(black_box(&folder)).unwrap()));
    let seed = ladder::default_ladder();
    let json = ladder::json::to_json(&seed);
    c.bench_function("seed ladder, JSON export + import", |b| {
        b.iter(|| ladder::json::from_json(&ladder::json::to_json(black_box(&seed)), Path::new("seed.json")).unwrap())
    });
    c.bench_function("seed ladder, JSON import only", |b| {
        b.iter(|| ladder::json::from_json(black_box(&json), Path::new("seed.json")).unwrap())
    });
}

criterion_group!(benches, imports);
criterion_main!(benches);
