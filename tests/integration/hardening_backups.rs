//! Backups, restores and safety copies under the mistakes and attacks that used to lose
//! data: two operations in one second, restores that fail half-way, files that are not
//! Rung databases, odd destinations, a full disk, world-readable copies.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rung::store::backup::restore;
use rung::store::{Store, DB_FILE};

use crate::store_support::*;

/// A data folder whose database holds one rating with `notes`, closed and checkpointed;
/// with the scorecard's (owner, id).
fn folder_with_rating(notes: &str) -> (tempfile::TempDir, PathBuf, (i64, i64)) {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), notes))
        .unwrap();
    let path = fixture.db_path();
    let scorecard = (fixture.interviewer, fixture.scorecard);
    drop(fixture.store);
    checkpointed_bytes(&path);
    (fixture.dir, path, scorecard)
}

fn notes_in(path: &Path, (_, scorecard): (i64, i64)) -> String {
    Store::open(path).unwrap().scorecard(scorecard).unwrap().ratings[0].notes.clone()
}

fn backup_of(path: &Path, dest: &Path) {
    Store::open(path).unwrap().backup_to(dest).unwrap();
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn two_restores_in_the_same_second_keep_both_previous_databases() {
    let (dir, path, scorecard) = folder_with_rating("original");
    let backup = dir.path().join("backup.db");
    backup_of(&path, &backup);
    {
        let mut store = Store::open(&path).unwrap();
        store
            .save_rating(scorecard.0, scorecard.1, &change("i-am-a-support-mentor", Some(2), "the original, edited"))
            .unwrap();
    }
    let first = restore(&path, &backup).unwrap().unwrap();
    let second = restore(&path, &backup).unwrap().unwrap();
    assert_ne!(first, second, "each restore keeps the previous database under its own name");
    assert_eq!(notes_in(&first, scorecard), "the original, edited", "the first safety copy was not overwritten");
    assert_eq!(notes_in(&second, scorecard), "original");
    assert_eq!(mode(&first), 0o600);
}

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

#[test]
fn backups_refuse_devices_folders_and_the_databases_own_files() {
    let (dir, path, _) = folder_with_rating("x");
    Store::open(&path).unwrap(); // leaves rung.db-wal beside it while open
    let store = Store::open(&path).unwrap();
    let wal = dir.path().join("rung.db-wal");
    assert!(wal.exists());
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    for (dest, what) in [
        (Path::new("/dev/null").to_owned(), "a device"),
        (folder.clone(), "a folder"),
        (wal.clone(), "the database's own files"),
        (path.clone(), "the database's own files"),
    ] {
        let error = store.backup_to(&dest).unwrap_err();
        assert_eq!(error.code(), "db_bad_destination", "{}: {error}", dest.display());
        assert!(error.to_string().contains(what.split(' ').next_back().unwrap()), "{error}");
    }
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device(), "/dev/null is still a device");
    assert!(wal.exists(), "the WAL was not replaced");
    assert!(!dir.path().join("a-folder.partial").exists(), "no partial copy with candidates' data is left");
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_backup_that_runs_out_of_space_says_the_backup_failed_and_leaves_nothing() {
    let (_dir, path, _) = folder_with_rating("x");
    let small = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(small.path())
        .status()
        .is_ok_and(|status| status.success());
    assert!(mounted, "this test needs to mount a small tmpfs (CI runs as root)");
    let dest = small.path().join("backup.db");
    let error = Store::open(&path).unwrap().backup_to(&dest).unwrap_err();
    let listing = names_in(small.path());
    let _ = std::process::Command::new("umount").arg(small.path()).status();
    assert_eq!(error.code(), "db_backup_failed", "{error}");
    let message = error.to_string();
    assert!(message.contains("backup") && message.contains("disk is full"), "{message}");
    assert!(message.contains("database itself is unchanged"), "{message}");
    assert!(!message.contains("not saved"), "{message}");
    assert!(listing.is_empty(), "the partial copy was removed: {listing:?}");
}

#[test]
fn backups_safety_copies_and_new_databases_are_private() {
    let (dir, path, _) = folder_with_rating("private");
    assert_eq!(mode(&path), 0o600, "a new database");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let backup = dir.path().join("copy.db");
    backup_of(&path, &backup);
    assert_eq!(mode(&backup), 0o600, "rung backup");
    let rotated = Store::open(&path).unwrap().rotate_backups(&dir.path().join("backups"), chrono::Utc::now()).unwrap();
    assert_eq!(mode(&rotated.unwrap()), 0o600, "automatic backup");
    let kept = restore(&path, &backup).unwrap().unwrap();
    assert_eq!(mode(&kept), 0o600, "safety copy before a restore");
}

#[test]
fn a_damaged_database_is_replaced_by_a_restore_and_kept_aside() {
    let (dir, path, scorecard) = folder_with_rating("from the backup");
    let backup = dir.path().join("good.db");
    backup_of(&path, &backup);
    let mut damaged = std::fs::read(&path).unwrap();
    let middle = damaged.len() / 2;
    damaged[middle..middle + 4096].fill(0xAB);
    std::fs::write(&path, &damaged).unwrap();
    assert_eq!(Store::open(&path).err().unwrap().code(), "db_corrupt");

    let kept = restore(&path, &backup).unwrap().expect("the damaged file is kept");
    assert_eq!(std::fs::read(&kept).unwrap(), damaged, "kept whole, as it was");
    assert_eq!(notes_in(&path, scorecard), "from the backup");
    assert!(Store::open(&path).unwrap().check().unwrap().is_ok());
}
