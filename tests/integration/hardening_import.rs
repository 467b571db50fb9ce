//! Ladder import under hostile input through the real CLI: pipes and devices, a forged
//! hash, terminal escapes. (The importers' own hardening: rung-core's tests, domain/hardening_import.rs.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rung::ladder::{self, json};

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

#[test]
fn a_short_hash_never_panics_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.json");
    std::fs::write(
        &file,
        json::to_json(&ladder::default_ladder()).replace(&ladder::default_ladder().source.sha256, "abc"),
    )
    .unwrap();
    let output = rung_bounded(&["ladder".as_ref(), "show".as_ref(), file.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("sha256"), "{}", stderr(&output));
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
    assert!(printed.contains("\\u001B[2Jname\\u202E"), "{printed:?}");
}

#[test]
fn entities_that_decode_to_control_or_direction_characters_are_removed_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("entities.md");
    let ladder_text = "# Ladder\n\n## L1 Engineer&#x1b;[2J&#7;\n\n### Ships &#x202e;sgub\n\n- Fixes bugs\n\n### Writes tests\n\n- Unit tests\n\n\
                       ## L2 Senior Engineer\n\n### Leads &#x2066;projects&#x2069;\n\n- Plans\n\n### Mentors\n\n- Pairs\n";
    std::fs::write(&file, ladder_text).unwrap();

    let shown = rung_bounded(&["ladder".as_ref(), "show".as_ref(), file.as_os_str(), "--json".as_ref()]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    let text = String::from_utf8(shown.stdout).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).expect("strict JSON");
    let titles: Vec<String> = value["roles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|role| {
            let mut all = vec![role["title"].as_str().unwrap().to_owned()];
            all.extend(
                role["characteristics"].as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap().to_owned()),
            );
            all
        })
        .collect();
    assert!(
        titles.iter().all(|title| !title.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{2069}').contains(&c))),
        "{titles:?}"
    );
    assert!(titles.contains(&"Engineer[2J".to_owned()), "{titles:?}");
    assert!(titles.contains(&"Ships sgub".to_owned()) && titles.contains(&"Leads projects".to_owned()), "{titles:?}");

    let checked = rung_bounded(&["ladder".as_ref(), "check".as_ref(), file.as_os_str()]);
    let said = format!("{}{}", String::from_utf8_lossy(&checked.stdout), stderr(&checked));
    assert_eq!(checked.status.code(), Some(2), "imported with warnings: {said}");
    // (Some format characters are already dropped where titles are tidied; the count is what was left.)
    assert!(said.contains("control or direction-override characters were removed from \"Engineer[2J\""), "{said}");
    assert!(said.contains("control or direction-override character was removed from \"Senior Engineer\""), "{said}");
    assert!(!said.contains("reading_uncertain"), "{said}");
}
