//! Ladder import under hostile or careless input: pipes and devices, huge and
//! pathological files, symlinked folders, titles with no words, forged JSON, terminal
//! escapes, and errors that name every file involved.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rung::ladder::{self, json};
use rung::store::Store;

use crate::generated_ladders::chain_ladder;
use crate::support::*;

/// Runs the real binary; a process still running after a minute is a hang and fails.
fn rung_bounded(args: &[&std::ffi::OsStr]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(args)
        .env_remove("RUNG_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("rung {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn pipes_and_devices_are_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ladder.md");
    mkfifo(&fifo);
    for path in [fifo.as_path(), Path::new("/dev/zero"), Path::new("/dev/urandom")] {
        let output = rung_bounded(&["ladder".as_ref(), "check".as_ref(), path.as_os_str()]);
        assert_eq!(output.status.code(), Some(1), "{}", path.display());
        assert!(stderr(&output).contains("not a regular file"), "{}", stderr(&output));
    }
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("L1-Engineer.md"), "# L1: Engineer\n\n## I ship\n\n- things\n").unwrap();
    mkfifo(&folder.join("L2-Senior.md"));
    let error = ladder::load(&folder).unwrap_err();
    assert_eq!(error.code(), "ladder_not_a_file", "{error}");
    assert!(error.to_string().contains("L2-Senior.md"), "{error}");

    let data_dir = dir.path().join("data");
    let output = rung_bounded(&["--data-dir".as_ref(), data_dir.as_os_str(), "restore".as_ref(), fifo.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("not a backup file"), "{}", stderr(&output));
}

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
fn a_short_hash_never_panics_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.json");
    std::fs::write(&file, seed_json().replace(&ladder::default_ladder().source.sha256, "abc")).unwrap();
    let output = rung_bounded(&["ladder".as_ref(), "show".as_ref(), file.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("sha256"), "{}", stderr(&output));
}

#[test]
fn an_edited_export_imports_as_a_new_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let original = store.save_ladder(&ladder::default_ladder(), true).unwrap();
    let again = store.save_ladder(&ladder::default_ladder(), true).unwrap();
    assert_eq!(original.id, again.id, "the same ladder is stored once");
    let edited_text = seed_json().replacen("Support Roles", "Support Roles (edited)", 1);
    let edited = json::from_json(&edited_text, Path::new("edited.json")).unwrap();
    let stored = store.save_ladder(&edited, false).unwrap();
    assert_ne!(stored.id, original.id, "the edit is kept, not silently replaced by the old ladder");
    assert_eq!(store.load_ladder(stored.id).unwrap().name, "Support Roles (edited)");
    assert!(store.check().unwrap().is_ok());
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

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("escape.md");
    std::fs::write(&file, "# Ladder\n\n## Engineer \u{1b}]0;pwned\u{7}\u{1b}[2J\n\n### I ship\n\n- x\n").unwrap();
    let output = rung_bounded(&["ladder".as_ref(), "show".as_ref(), file.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("control character U+001B"), "{}", stderr(&output));

    let weird: PathBuf = dir.path().join("evil\u{1b}[2Jname\u{202e}.md");
    let output = rung_bounded(&["ladder".as_ref(), "check".as_ref(), weird.as_os_str()]);
    let printed = stderr(&output);
    assert!(!printed.contains('\u{1b}') && !printed.contains('\u{202e}'), "{printed:?}");
    assert!(printed.contains("\\u{1b}[2Jname\\u{202e}"), "{printed:?}");
}
