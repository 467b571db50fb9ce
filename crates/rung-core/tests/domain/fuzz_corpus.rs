//! Replays the fuzzers' kept corpora (fuzz/corpus/*) through the importers, so inputs
//! the fuzzers found interesting stay covered without running the fuzzers: each imports
//! (and survives the JSON round trip) or fails with a typed error naming the file.

use std::path::Path;

use rung_core::ladder::{self, json, Ladder, LadderError};

use crate::support::repo;

fn replay(target: &str, read: impl Fn(&[u8]) -> (Result<Ladder, LadderError>, &'static str)) {
    let corpus = repo().join("fuzz/corpus").join(target);
    let mut replayed = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let (result, name) = read(&bytes);
        match result {
            Ok(imported) => {
                let again = json::from_json(&json::to_json(&imported), Path::new("corpus.json")).unwrap();
                assert_eq!(again, imported);
            }
            Err(error) => assert!(error.to_string().contains(name), "{error}"),
        }
        replayed += 1;
    }
    assert!(replayed >= 20, "only {replayed} corpus files in {target}");
}

#[test]
fn the_fuzz_corpus_imports_or_fails_with_a_typed_error() {
    replay("markdown_import", |bytes| (ladder::from_markdown(bytes, Path::new("corpus.md")), "corpus.md"));
}

#[test]
fn the_data_fuzz_corpus_imports_or_fails_with_a_typed_error() {
    // As the fuzz target reads it: the first byte picks JSON, YAML or a TypeScript module.
    replay("data_import", |bytes| {
        let (pick, rest) = bytes.split_first().map_or((0, bytes), |(pick, rest)| (*pick, rest));
        let name = ["corpus.json", "corpus.yaml", "corpus.ts"][usize::from(pick % 3)];
        (ladder::from_data(rest, Path::new(name)), name)
    });
}

#[test]
fn the_spreadsheet_fuzz_corpus_imports_or_fails_with_a_typed_error() {
    // As the fuzz target reads it: the first byte picks CSV or XLSX.
    replay("spreadsheet_import", |bytes| match bytes.split_first() {
        Some((pick, rest)) if pick % 2 == 1 => {
            (ladder::from_spreadsheet(rest, Path::new("corpus.xlsx")), "corpus.xlsx")
        }
        Some((_, rest)) => (ladder::from_spreadsheet(rest, Path::new("corpus.csv")), "corpus.csv"),
        None => (ladder::from_spreadsheet(bytes, Path::new("corpus.csv")), "corpus.csv"),
    });
}

#[test]
fn the_job_family_fuzz_corpus_imports_or_fails_with_a_typed_error() {
    replay("job_family_import", |bytes| (ladder::from_job_family_yaml(bytes, Path::new("corpus.yml")), "corpus.yml"));
}
