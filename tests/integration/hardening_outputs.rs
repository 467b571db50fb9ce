//! What Rung writes and reads where a person points it, through the real CLI: no `--out`
//! (report, re-export, bundle, backup) may replace the database, its WAL, a backup or a
//! key, however the path is spelt (`..`, a symlink, a hard link); and every file Rung
//! reads is bounded: a FIFO or `/dev/zero` (or a symlink to it) is refused at once, an
//! oversized ratings CSV is refused in words about ratings.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rung::store::Store;

use crate::report_support::scored_candidate;
use crate::store_support::{checkpointed_bytes, rung_in, text};

/// A data folder with a fully scored candidate, an issued report and a rotated backup.
fn data_folder() -> (tempfile::TempDir, i64, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = scored_candidate(&mut store, "Jo Müller", &["Dana Okafor", "Lee Park"], "Clear.", "Would hire.");
    store.rotate_backups(&dir.path().join("backups"), chrono::Utc::now()).unwrap();
    drop(store);
    let outside = dir.path().join("first.pdf");
    let issued =
        rung_in(dir.path(), &["report", "--candidate", &candidate.to_string(), "--out", outside.to_str().unwrap()]);
    assert!(issued.status.success(), "{}", text(&issued.stderr));
    let report_id = text(&issued.stdout).split_whitespace().find(|w| w.starts_with("R-")).unwrap().to_owned();
    (dir, candidate, report_id)
}

fn backup_in(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir.join("backups")).unwrap().next().unwrap().unwrap().path()
}

/// Every file of the data folder with its bytes (the database checkpointed first).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let db = checkpointed_bytes(&dir.join("rung.db"));
    let mut files: Vec<(PathBuf, Vec<u8>)> = crate::support::files_under(dir)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "rung.db-wal" && n != "rung.db-shm" && n != "rung.db"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.push((dir.join("rung.db"), db));
    files.sort();
    files
}

#[test]
fn no_output_path_replaces_what_rung_keeps() {
    let (dir, candidate, report_id) = data_folder();
    let d = dir.path();
    let backup = backup_in(d);
    let linked_outside = tempfile::tempdir().unwrap();
    let symlink = linked_outside.path().join("innocent.pdf");
    std::os::unix::fs::symlink(d.join("rung.db"), &symlink).unwrap();
    let hard_link = linked_outside.path().join("hard.pdf");
    let hard_linked = std::fs::hard_link(&backup, &hard_link).is_ok();
    let dotted = d.join("backups").join("..").join(".").join("rung.db");
    let mut targets: Vec<(PathBuf, &str)> = vec![
        (d.join("rung.db"), "is the database, which Rung keeps"),
        (d.join("rung.db-wal"), "is the database's wal file"),
        (d.join("rung.db-shm"), "is the database's shm file"),
        (backup.clone(), "is one of the app's backups"),
        (dotted, "is the database"),
        (symlink, "is the database"),
        (d.join("keys").join("any.secret"), "is a signing key"),
    ];
    if hard_linked {
        targets.push((hard_link, "another name for one of the app's backups"));
    }
    let before = snapshot(d);
    for (target, reason) in &targets {
        let out = target.to_str().unwrap();
        let candidate = candidate.to_string();
        let commands: [Vec<&str>; 4] = [
            vec!["report", "--candidate", &candidate, "--out", out],
            vec!["report", "--reexport", &report_id, "--out", out],
            vec!["bundle", "export", "--candidate", &candidate, "--out", out],
            vec!["backup", out],
        ];
        for args in commands {
            let output = rung_in(d, &args);
            let stderr = text(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{args:?} was not refused: {}", text(&output.stdout));
            assert!(stderr.contains(reason) && stderr.contains("Nothing was written"), "{args:?}: {stderr}");
        }
    }
    // Nothing in the data folder changed but the report archive's own bookkeeping: the
    // second `report --candidate` reuses the issued report, so even that is the same.
    assert!(snapshot(d) == before, "a refused output changed the data folder");
    let check = rung_in(d, &["db", "check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    // A file in the data folder that Rung does not keep is the user's to replace.
    let own = d.join("notes.pdf");
    let written = rung_in(d, &["report", "--reexport", &report_id, "--out", own.to_str().unwrap()]);
    assert!(written.status.success(), "{}", text(&written.stderr));
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// Runs the command, failing the test if it has not finished within a generous bound
/// (a hang on a FIFO never finishes at all).
fn finishes(dir: &Path, args: &[&str]) -> std::process::Output {
    let started = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rung"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("{args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn fifos_devices_and_oversized_files_are_refused_at_once() {
    let (dir, _, _) = data_folder();
    let d = dir.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let fifo = elsewhere.path().join("bundle.json");
    mkfifo(&fifo);
    let to_zero = elsewhere.path().join("zero.pdf");
    std::os::unix::fs::symlink("/dev/zero", &to_zero).unwrap();
    let before = snapshot(d);
    for path in [fifo.as_path(), Path::new("/dev/zero"), to_zero.as_path()] {
        let p = path.to_str().unwrap();
        for (args, expected) in
            [(vec!["bundle", "import", p], "not a scorecard bundle"), (vec!["verify", p], "not a report PDF")]
        {
            let output = finishes(d, &args);
            let stderr = text(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{args:?}");
            let what = if path == fifo { "is a named pipe" } else { "is a device" };
            assert!(stderr.contains(what) && stderr.contains(expected), "{args:?}: {stderr}");
        }
    }
    assert!(snapshot(d) == before);

    // A ratings CSV over the ladder limit is a ratings CSV, and says so.
    let big = elsewhere.path().join("ratings.csv");
    let mut csv = String::from("interviewer,role,characteristic,rating\n");
    while csv.len() < 17 * 1024 * 1024 {
        csv.push_str("Dana Okafor,senior-application-support-engineer,i-am-a-support-mentor,3\n");
    }
    std::fs::write(&big, csv).unwrap();
    let ladder = crate::support::data("support-roles.md");
    let output = finishes(d, &["recommend", "--ladder", ladder.to_str().unwrap(), "--ratings", big.to_str().unwrap()]);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("a ratings CSV is at most 16.0 MiB") && !stderr.contains("ladder files"), "{stderr}");
    let fifo_csv = elsewhere.path().join("ratings-fifo.csv");
    mkfifo(&fifo_csv);
    let output =
        finishes(d, &["recommend", "--ladder", ladder.to_str().unwrap(), "--ratings", fifo_csv.to_str().unwrap()]);
    assert!(text(&output.stderr).contains("is a named pipe, not a ratings CSV"), "{}", text(&output.stderr));
}
