//! `rung db check`, `rung audit verify`, `rung backup`, `rung restore` and the data folder
//! options, run as the real binary against real database files.

use std::process::Command;

use rung::store::Store;

use crate::store_support::*;

#[test]
fn db_check_passes_on_a_healthy_database_and_reports_durability() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), "n"))
        .unwrap();
    let output = rung_in(fixture.dir.path(), &["db", "check"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert!(stdout.contains("journal_mode=wal, synchronous=FULL, foreign_keys=on"), "{stdout}");
    assert!(stdout.contains("integrity: ok"), "{stdout}");
    assert!(stdout.contains("foreign keys: ok"), "{stdout}");
    assert!(stdout.contains("audit log: ok, 5 entries, hash chain intact"), "{stdout}");
}

#[test]
fn commands_that_inspect_data_never_create_a_database() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["db", "check"][..], &["audit", "verify"], &["backup", "x.db"]] {
        let output = rung_in(dir.path(), args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(text(&output.stderr).contains("there is no Rung database"), "{args:?}");
    }
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing was created");
}

#[test]
fn audit_verify_and_db_check_fail_on_a_tampered_log() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), "n"))
        .unwrap();
    let conn = raw(&fixture.db_path());
    conn.execute_batch(
        "DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET actor = 'someone else' WHERE id = 3;",
    )
    .unwrap();
    let verify = rung_in(fixture.dir.path(), &["audit", "verify"]);
    assert_eq!(verify.status.code(), Some(1));
    assert!(
        text(&verify.stderr).contains("audit log: broken at entry 3: its content does not match its hash"),
        "{}",
        text(&verify.stderr)
    );
    let check = rung_in(fixture.dir.path(), &["db", "check"]);
    assert_eq!(check.status.code(), Some(1));
}

#[test]
fn db_check_reports_foreign_key_problems() {
    let fixture = Fixture::new();
    let conn = raw(&fixture.db_path());
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO interviews (plan_id, position, name) VALUES (999, 1, 'orphan');",
    )
    .unwrap();
    let check = rung_in(fixture.dir.path(), &["db", "check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        text(&check.stderr).contains("interviews row 1 refers to a missing panel_plans"),
        "{}",
        text(&check.stderr)
    );
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), "kept"))
        .unwrap();
    let backup = fixture.dir.path().join("copy.db");
    let output = rung_in(fixture.dir.path(), &["backup", backup.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("(verified)"));

    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(1), "later"))
        .unwrap();
    let db_path = fixture.db_path();
    drop(fixture.store);
    let output = rung_in(fixture.dir.path(), &["restore", backup.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("the previous database is kept at"));
    let store = Store::open(&db_path).unwrap();
    assert_eq!(store.scorecard(fixture.scorecard).unwrap().ratings[0].notes, "kept");
}

#[test]
fn the_data_folder_comes_from_the_flag_then_the_environment() {
    let from_env = Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(["db", "path"])
        .env("RUNG_DATA_DIR", "/tmp/rung-env-dir")
        .output()
        .unwrap();
    assert!(text(&from_env.stdout).contains("data folder: /tmp/rung-env-dir"), "{}", text(&from_env.stdout));
    let flag_wins = Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(["db", "path", "--data-dir", "/tmp/rung-flag-dir"])
        .env("RUNG_DATA_DIR", "/tmp/rung-env-dir")
        .output()
        .unwrap();
    assert!(text(&flag_wins.stdout).contains("database: /tmp/rung-flag-dir/rung.db"), "{}", text(&flag_wins.stdout));
    let default = Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(["db", "path"])
        .env_remove("RUNG_DATA_DIR")
        .env("HOME", "/home/someone")
        .env_remove("XDG_DATA_HOME")
        .output()
        .unwrap();
    assert!(
        text(&default.stdout).contains("data folder: /home/someone/.local/share/app.rung.desktop"),
        "{}",
        text(&default.stdout)
    );
}
