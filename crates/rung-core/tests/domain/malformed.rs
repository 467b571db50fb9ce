//! Every malformed input gets a typed error that names the file — never a panic, never
//! a partial ladder. Files in tests/malformed are named `<expected error code>--<what>.ext`.

use std::path::Path;

use rung_core::ladder::{
    self,
    source::{MAX_FILE_BYTES, MAX_FOLDER_FILES},
    LadderError,
};

use crate::support::repo;

fn expect_error(path: &Path, code: &str) -> LadderError {
    let error = ladder::load(path).expect_err(&format!("{} should be refused", path.display()));
    assert_eq!(error.code(), code, "{}: {error}", path.display());
    let name = path.file_name().unwrap().to_string_lossy();
    assert!(error.to_string().contains(name.as_ref()), "the error names the file: {error}");
    error
}

#[test]
fn every_file_in_the_malformed_corpus_gets_its_typed_error() {
    let mut replayed = 0;
    for entry in std::fs::read_dir(repo().join("tests/malformed")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (code, _) = name.split_once("--").unwrap_or_else(|| panic!("{name} is not named <code>--<what>"));
        expect_error(&path, code);
        replayed += 1;
    }
    assert!(replayed >= 16, "only {replayed} malformed files replayed");
}

#[test]
fn errors_name_the_line_where_one_applies() {
    let malformed = repo().join("tests/malformed");
    let latin1 = expect_error(&malformed.join("ladder_not_utf8--latin1.md"), "ladder_not_utf8");
    assert!(latin1.to_string().contains("latin1.md:3:"), "{latin1}");
    let duplicate =
        expect_error(&malformed.join("ladder_duplicate_role--same-title-twice.md"), "ladder_duplicate_role");
    assert!(duplicate.to_string().contains("same-title-twice.md:13:"), "{duplicate}");
    assert!(duplicate.to_string().contains("first at line 3"), "{duplicate}");
    let cycle = expect_error(&malformed.join("ladder_builds_on_cycle--two-roles.md"), "ladder_builds_on_cycle");
    assert!(cycle.to_string().contains("two-roles.md:3:"), "{cycle}");
    let json = expect_error(&malformed.join("ladder_invalid_json--truncated.json"), "ladder_invalid_json");
    assert!(json.to_string().contains("truncated.json:1:"), "{json}");
}

#[test]
fn a_missing_path_is_not_found() {
    let temp = tempfile::tempdir().unwrap();
    expect_error(&temp.path().join("no-such-ladder.md"), "ladder_not_found");
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("huge.md");
    let line = "- I am a line of a very large ladder file\n";
    let text =
        format!("# Huge\n\n## Role\n\n### I repeat\n{}", line.repeat((MAX_FILE_BYTES as usize / line.len()) + 10));
    std::fs::write(&path, text).unwrap();
    expect_error(&path, "ladder_too_large");
}

#[test]
fn a_folder_without_markdown_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let folder = temp.path().join("empty-ladder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), "not markdown").unwrap();
    expect_error(&folder, "ladder_empty_folder");
    std::fs::write(folder.join("README.md"), "# Only a readme\n").unwrap();
    expect_error(&folder, "ladder_empty_folder");
}

#[test]
fn one_broken_file_fails_the_whole_folder_and_is_named() {
    let temp = tempfile::tempdir().unwrap();
    let folder = temp.path().join("ladder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("L1-Engineer.md"), "# L1: Engineer\n\n## I code\n\n- I test\n").unwrap();
    std::fs::write(folder.join("L2-Senior.md"), b"# L2: Senior\n\n## I lead\n\n- caf\xe9\n").unwrap();
    let error = ladder::load(&folder).unwrap_err();
    assert_eq!(error.code(), "ladder_not_utf8");
    assert!(error.to_string().contains("L2-Senior.md:5:"), "{error}");
}

#[test]
fn a_folder_with_too_many_files_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    for n in 0..=MAX_FOLDER_FILES {
        std::fs::write(temp.path().join(format!("L{n}-Role-{n}.md")), format!("# L{n}: Role {n}\n\n## I do {n}\n"))
            .unwrap();
    }
    let error = ladder::load(temp.path()).unwrap_err();
    assert_eq!(error.code(), "ladder_too_many_files");
}

#[test]
fn errors_read_as_sentences_that_say_what_to_do() {
    let temp = tempfile::tempdir().unwrap();
    let error = ladder::load(&temp.path().join("gone.md")).unwrap_err().to_string();
    assert!(error.ends_with("Check the path and try again."), "{error}");
}
