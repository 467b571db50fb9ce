//! Ladder import under hostile or careless input: huge and pathological files, symlinked
//! folders, titles with no words, forged JSON, and errors that name every file involved.
//! (Pipes, devices and terminal escapes through the real CLI: tests/integration/hardening_import.rs.)

use std::os::unix::fs::symlink;
use std::path::Path;

use rung_core::ladder::{self, json};

use crate::generated_ladders::chain_ladder;
use crate::support::*;

fn role_document(roles: usize, bullets_each: usize, builds_on_prose: bool) -> String {
    let mut text = String::from("# Big ladder\n\n");
    for n in 0..roles {
        text.push_str(&format!("## Role number {n}\n\n"));
        if builds_on_prose && n > 0 {
            text.push_str(&format!("This role builds upon the Role number {} role.\n\n", n - 1));
        }
        text.push_str("### I do the same thing\n\n");
        for _ in 0..bullets_each {
            text.push_str("- the same example\n");
        }
    }
    text
}

/// Inputs that took a minute or more when keys and chains were found by scanning; each
/// now imports (the benchmark `ladder_scaling` prints how time grows with size).
#[test]
fn pathological_sizes_import_completely() {
    let ladder = ladder::from_markdown(role_document(8_000, 1, true).as_bytes(), Path::new("roles.md")).unwrap();
    assert_eq!(ladder.roles.len(), 8_000);
    assert_eq!(ladder.roles[7_999].level, 8_000, "each role builds on the one before");

    let mut bullets = String::from("# Ladder\n\n## Engineer\n\n");
    for _ in 0..4_000 {
        bullets.push_str("- The same bullet\n");
    }
    let ladder = ladder::from_markdown(bullets.as_bytes(), Path::new("bullets.md")).unwrap();
    let keys = &ladder.roles[0].characteristics;
    assert_eq!(keys.len(), 4_000);
    assert_eq!(keys[3_999].key, "the-same-bullet-4000");

    let chain = json::to_json(&chain_ladder(4_000));
    let imported = json::from_json(&chain, Path::new("chain.json")).unwrap();
    assert_eq!(imported.path_to(&imported.roles[3_999].key).len(), 4_000);
}

#[test]
fn a_folder_of_symlinked_level_files_imports_every_level() {
    let real = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    for (n, title) in [(1, "Engineer"), (2, "Senior Engineer"), (3, "Staff Engineer")] {
        let file = real.path().join(format!("level-{n}.md"));
        std::fs::write(&file, format!("# L{n}: {title}\n\n## I deliver at level {n}\n\n- an example\n")).unwrap();
        symlink(&file, folder.path().join(format!("L{n}-{}.md", title.replace(' ', "-")))).unwrap();
    }
    let other_folder = real.path().join("drafts");
    std::fs::create_dir(&other_folder).unwrap();
    symlink(&other_folder, folder.path().join("drafts.md")).unwrap();
    let ladder = load(folder.path());
    assert_eq!(titles(&ladder), ["Engineer", "Senior Engineer", "Staff Engineer"]);

    symlink(folder.path().join("L4-Missing.md"), folder.path().join("L4-Missing.md")).unwrap();
    let error = ladder::load(folder.path()).unwrap_err();
    assert!(error.to_string().contains("L4-Missing.md"), "a link loop is an error, not a missing level: {error}");
    std::fs::remove_file(folder.path().join("L4-Missing.md")).unwrap();
    symlink(real.path().join("gone.md"), folder.path().join("L4-Gone.md")).unwrap();
    let error = ladder::load(folder.path()).unwrap_err();
    assert!(error.to_string().contains("L4-Gone.md"), "a broken link is an error: {error}");
}

#[test]
fn headings_with_no_words_are_refused_not_dropped() {
    for heading in ["## 🎉", "## \u{200b}", "### ✨✨"] {
        let text = format!(
            "# Ladder\n\n## Engineer\n\n### I ship\n\n- shipping\n\n## Senior Engineer\n\n### I lead\n\n- leading\n\n{heading}\n\n### I mentor\n\n- mentoring\n\n- more\n"
        );
        let error = ladder::from_markdown(text.as_bytes(), Path::new("emoji.md")).unwrap_err();
        assert_eq!(error.code(), "ladder_untitled_heading", "{heading}: {error}");
        assert!(error.to_string().starts_with("emoji.md:"), "{error}");
    }
}

fn seed_json() -> String {
    json::to_json(&ladder::default_ladder())
}

fn json_error(text: &str) -> ladder::LadderError {
    json::from_json(text, Path::new("edited.json")).unwrap_err()
}

#[test]
fn forged_json_fields_are_refused_with_the_line() {
    let seed = ladder::default_ladder();
    let first_key = seed.roles[0].key.clone();
    let second_title = seed.roles[1].title.clone();
    let sha = seed.source.sha256.clone();
    let cases: Vec<(String, &str)> = vec![
        (seed_json().replacen(&format!("\"key\": \"{first_key}\""), "\"key\": \"\"", 1), "empty key"),
        (
            seed_json().replacen(
                &format!("\"title\": \"{second_title}\""),
                "\"title\": \"Junior Application Support Engineer / Application Support Engineer\"",
                1,
            ),
            "same title",
        ),
        (seed_json().replace(&sha, "abc"), "64 lowercase hexadecimal"),
        (seed_json().replace(&sha, &"zz".repeat(32)), "64 lowercase hexadecimal"),
        (seed_json().replacen("\"level\": 1", "\"level\": 0", 1), "level 0"),
        (seed_json().replacen("\"value\": 4", "\"value\": 99", 1), "found 99"),
        (
            seed_json().replacen("\"name\": \"Support Roles\"", "\"name\": \"Support\\u0000Roles\"", 1),
            "control character U+0000",
        ),
        (seed_json().replacen("\"met_rating\": 3", "\"met_rating\": 9", 1), "outside the rating scale"),
    ];
    for (text, expected) in cases {
        assert_ne!(text, seed_json(), "the case {expected:?} edits the JSON");
        let error = json_error(&text);
        assert_eq!(error.code(), "ladder_inconsistent_json", "{expected}: {error}");
        let message = error.to_string();
        assert!(message.contains(expected), "{expected:?} not in {message}");
        let line: u32 = message.split(':').nth(1).unwrap().parse().unwrap_or_else(|_| panic!("no line: {message}"));
        assert!(line > 1 || expected == "control character U+0000", "{message}");
    }
}

#[test]
fn json_errors_name_both_places() {
    let seed = ladder::default_ladder();
    let (first, second) = (&seed.roles[0].key, &seed.roles[1].key);
    let error =
        json_error(&seed_json().replacen(&format!("\"key\": \"{second}\""), &format!("\"key\": \"{first}\""), 1));
    let message = error.to_string();
    assert!(message.contains("is used twice (lines "), "{message}");

    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("L1-Engineer.md"), "# L1: Engineer\n\n## I ship\n\n- x\n").unwrap();
    std::fs::write(folder.path().join("L2-Engineer-again.md"), "# L2: Engineer\n\n## I ship more\n\n- y\n").unwrap();
    let message = ladder::load(folder.path()).unwrap_err().to_string();
    assert!(message.contains("L2-Engineer-again.md:1") && message.contains("first in"), "{message}");
    assert!(message.contains("L1-Engineer.md at line 1"), "{message}");
}
