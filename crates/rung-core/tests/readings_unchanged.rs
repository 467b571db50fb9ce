//! "Keep what works": every ladder Rung could read before the reading engine — the seed,
//! the 2025 folder, every fixture shape, the malformed corpus and the fuzz corpora — must
//! read exactly as it did. Each input's reading (the ladder's JSON, or the error) is hashed
//! and compared with `tests/golden/`. A change is a failure that names the input; when a
//! change is intended, `RUNG_BLESS=1 cargo test -p rung-core --test readings_unchanged`
//! rewrites the golden files and the diff shows which inputs read differently.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rung_core::ladder::{self, json};
use sha2::{Digest, Sha256};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What a person would compare: the whole ladder as JSON, or the error as the user reads it.
fn reading_of(result: Result<ladder::Ladder, ladder::LadderError>) -> String {
    match result {
        Ok(ladder) => json::to_json(&ladder),
        Err(error) => format!("error: {}", error.to_string().replace(&repo().display().to_string(), "")),
    }
}

fn short_hash(text: &str) -> String {
    hex::encode(&Sha256::digest(text.as_bytes())[..6])
}

/// Fixture ladders (files and folders) named relative to the repository.
fn fixture_inputs() -> Vec<PathBuf> {
    let root = repo();
    let mut inputs = vec![root.join("data/ladders/support-roles.md"), root.join("data/ladders/octopus-support-2025")];
    for dir in ["tests/fixtures", "tests/malformed"] {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(root.join(dir)).unwrap().map(|entry| entry.unwrap().path()).collect();
        entries.sort();
        for entry in entries {
            if entry.file_name().is_some_and(|name| name == "ratings" || name == "mapping") {
                continue;
            }
            inputs.push(entry.clone());
            if entry.is_dir() {
                let mut files: Vec<PathBuf> =
                    std::fs::read_dir(&entry).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
                files.sort();
                inputs.extend(files);
            }
        }
    }
    inputs
}

fn compare(golden_name: &str, actual: &str) {
    let golden = repo().join("crates/rung-core/tests/golden").join(golden_name);
    if std::env::var_os("RUNG_BLESS").is_some() {
        std::fs::write(&golden, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    let pinned: std::collections::HashMap<&str, &str> =
        expected.lines().filter_map(|line| line.rsplit_once(' ')).collect();
    let mut changed = Vec::new();
    for (name, hash) in actual.lines().filter_map(|line| line.rsplit_once(' ')) {
        match pinned.get(name) {
            Some(was) if *was == hash => {}
            Some(was) => changed.push(format!("  {name}: was {was}, now {hash}")),
            // A new input has no reading to keep yet; blessing pins it.
            None => {}
        }
    }
    assert!(
        changed.is_empty(),
        "{} reading(s) in {golden_name} changed (RUNG_BLESS=1 to accept):\n{}",
        changed.len(),
        changed.join("\n")
    );
}

#[test]
fn fixture_ladders_read_as_before() {
    let mut table = String::new();
    for input in fixture_inputs() {
        let name = input.strip_prefix(repo()).unwrap().display().to_string();
        writeln!(table, "{name} {}", short_hash(&reading_of(ladder::load(&input)))).unwrap();
    }
    compare("fixtures.txt", &table);
}

/// The fuzz corpora are read through the functions their targets call.
fn corpus_table(corpus: &str, read: impl Fn(&[u8]) -> String) -> String {
    let dir = repo().join("fuzz/corpus").join(corpus);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut table = String::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy();
        let bytes = std::fs::read(&file).unwrap();
        writeln!(table, "{} {}", &name[..name.len().min(12)], short_hash(&read(&bytes))).unwrap();
    }
    table
}

#[test]
fn markdown_fuzz_corpus_reads_as_before() {
    let table = corpus_table("markdown_import", |bytes| reading_of(ladder::from_markdown(bytes, Path::new("fuzz.md"))));
    compare("fuzz-markdown.txt", &table);
}

#[test]
fn job_family_fuzz_corpus_reads_as_before() {
    let table = corpus_table("job_family_import", |bytes| {
        reading_of(ladder::from_job_family_yaml(bytes, Path::new("fuzz.yml")))
    });
    compare("fuzz-job-family.txt", &table);
}

#[test]
fn spreadsheet_fuzz_corpus_reads_as_before() {
    let table = corpus_table("spreadsheet_import", |data| {
        let Some((&pick, bytes)) = data.split_first() else { return String::new() };
        let path = Path::new(if pick % 2 == 0 { "fuzz.csv" } else { "fuzz.xlsx" });
        reading_of(ladder::from_spreadsheet(bytes, path))
    });
    compare("fuzz-spreadsheet.txt", &table);
}
