//! Backups and restores through the real CLI under the mistakes that used to lose data:
//! moving a database aside twice in one second, restores that fail half-way, files that
//! are not Rung databases. (The store's own: rung-store's tests, store/hardening_backups.rs.)

use rung::store::backup::restore;
use rung::store::{Store, DB_FILE};

use crate::store_support::*;

#[test]
fn moving_a_database_aside_twice_in_the_same_second_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..2 {
        let mut store = Store::open_in(dir.path()).unwrap();
        store.create_interviewer(&format!("round {round}"), None).unwrap();
        drop(store);
        let output = rung_in(dir.path(), &["db", "move-aside"]);
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
    let side_file = |name: &str| ["-wal", "-shm", "-journal"].iter().any(|suffix| name.ends_with(suffix));
    let aside: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|name| name.starts_with("rung.db.corrupt-") && !side_file(name))
        .collect();
    assert_eq!(aside.len(), 2, "both moved databases are there: {aside:?}");
    let names: Vec<String> = aside
        .iter()
        .map(|name| Store::open(&dir.path().join(name)).unwrap().interviewers().unwrap()[0].name.clone())
        .collect();
    assert!(names.contains(&"round 0".to_owned()) && names.contains(&"round 1".to_owned()), "{names:?}");
}

#[test]
fn a_restore_that_fails_leaves_the_live_database_byte_for_byte_unchanged() {
    let (dir, path, scorecard) = folder_with_rating("live");
    // A real backup whose schema version was reset, and a file with a clashing table.
    let reset = dir.path().join("reset.db");
    backup_of(&path, &reset);
    raw(&reset).execute_batch("PRAGMA user_version = 0;").unwrap();
    let clashing = dir.path().join("clashing.db");
    raw(&clashing).execute_batch("CREATE TABLE ladders (whatever TEXT); PRAGMA user_version = 1;").unwrap();

    let before = std::fs::read(&path).unwrap();
    let files_before = names_in(dir.path());
    for bad in [&reset, &clashing] {
        let error = restore(&path, bad).unwrap_err();
        assert_eq!(error.code(), "db_bad_backup", "{error}");
        assert!(error.to_string().contains("Nothing was restored"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "{}: the live file changed", bad.display());
        assert_eq!(names_in(dir.path()), files_before, "no copies or leftovers");
    }
    let check = rung_in(dir.path(), &["db", "check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert_eq!(names_in(dir.path()), files_before, "db check found nothing to migrate");
    assert_eq!(notes_in(&path, scorecard), "live");
}

#[test]
fn files_that_are_not_rung_databases_are_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let sources = tempfile::tempdir().unwrap();
    let other_app = sources.path().join("other-app.sqlite");
    raw(&other_app).execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');").unwrap();
    let empty = sources.path().join("empty.sqlite");
    raw(&empty).execute_batch("CREATE TABLE t (x); DROP TABLE t;").unwrap();
    let skeleton = sources.path().join("skeleton.sqlite");
    raw(&skeleton)
        .execute_batch(
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT; PRAGMA user_version = 2;",
        )
        .unwrap();
    for bad in [&other_app, &empty, &skeleton] {
        let output = rung_in(dir.path(), &["restore", bad.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{}", bad.display());
        let stderr = text(&output.stderr);
        assert!(stderr.contains("Nothing was restored"), "{stderr}");
        assert!(names_in(dir.path()).is_empty(), "{}: created {:?}", bad.display(), names_in(dir.path()));
    }

    // A real backup into an empty folder is restored.
    let (_source_dir, source_db, scorecard) = folder_with_rating("from elsewhere");
    let backup = sources.path().join("good.db");
    backup_of(&source_db, &backup);
    let output = rung_in(dir.path(), &["restore", backup.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(notes_in(&dir.path().join(DB_FILE), scorecard), "from elsewhere");
}
