//! Replays the fuzzer's kept corpus (fuzz/corpus/markdown_import) through the importer,
//! so inputs the fuzzer found interesting stay covered without running the fuzzer.

use std::path::Path;

use rung::ladder::{self, json};

use crate::support::repo;

#[test]
fn the_fuzz_corpus_imports_or_fails_with_a_typed_error() {
    let corpus = repo().join("fuzz/corpus/markdown_import");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        match ladder::from_markdown(&bytes, Path::new("corpus.md")) {
            Ok(imported) => {
                let again = json::from_json(&json::to_json(&imported), Path::new("corpus.json")).unwrap();
                assert_eq!(again, imported);
            }
            Err(error) => assert!(error.to_string().contains("corpus.md"), "{error}"),
        }
        replayed += 1;
    }
    assert!(replayed >= 20, "only {replayed} corpus files");
}
