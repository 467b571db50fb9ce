//! Bad databases get a clear error and are left byte-for-byte as they were.

use std::path::Path;

use rung_store::migrations::{Migrations, M};
use rung_store::{self as store, migrations, Store, StoreError, DB_FILE};

use crate::support::*;

fn assert_untouched(path: &Path, before: &[u8], error: &StoreError) {
    assert_eq!(std::fs::read(path).unwrap(), before, "{} changed after: {error}", path.display());
    assert!(!error.to_string().is_empty());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    std::fs::write(&path, "these are my meeting notes, not a database\n".repeat(50)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path).err().unwrap();
    assert_eq!(error.code(), "db_not_sqlite", "{error}");
    assert_untouched(&path, &before, &error);
    assert!(!dir.path().join("rung.db-wal").exists());
}

#[test]
fn a_corrupt_database_is_refused_untouched_and_can_be_moved_aside() {
    let fixture = Fixture::new();
    let path = fixture.db_path();
    drop(fixture.store);
    let mut bytes = checkpointed_bytes(&path);
    // Scribble over the second page onwards (the schema and tables), keeping the header.
    for byte in bytes.iter_mut().skip(4096).take(8192) {
        *byte ^= 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let error = Store::open(&path).err().unwrap();
    assert_eq!(error.code(), "db_corrupt", "{error}");
    assert!(error.to_string().contains("move it aside"), "{error}");
    assert_untouched(&path, &bytes, &error);

    let moved = store::move_aside(&path).unwrap();
    assert!(moved.file_name().unwrap().to_string_lossy().starts_with("rung.db.corrupt-"));
    assert_eq!(std::fs::read(&moved).unwrap(), bytes, "the damaged file is kept as it was");
    assert!(!path.exists(), "no empty database is created in its place");
    assert!(Store::open(&path).is_ok(), "a new database starts after moving aside");
}

/// The app opens without reading every page (start-up must not grow with the archive),
/// then reads them all on a connection of its own: damage far from the schema is found
/// there, with the same error, and the file is still untouched.
#[test]
fn damage_deep_in_the_file_is_found_by_the_page_check_after_opening() {
    let fixture = Fixture::new();
    let path = fixture.db_path();
    let dir = fixture.dir;
    let mut store = fixture.store;
    for n in 0..400 {
        candidate_with_panel(&mut store, &format!("Candidate {n} with a long enough name to fill pages"));
    }
    drop(store);
    let mut bytes = checkpointed_bytes(&path);
    let pages = bytes.len() / 4096;
    assert!(pages > 20, "{pages} pages");
    // Scribble over one page near the end: a table's leaf, not the schema.
    for byte in bytes.iter_mut().skip((pages - 3) * 4096 + 100).take(3000) {
        *byte ^= 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();

    assert_eq!(Store::open(&path).err().unwrap().code(), "db_corrupt", "the CLI still checks first");
    let opened = Store::open_in_checking_later(dir.path());
    assert!(opened.is_ok(), "opening for the app reads only what it needs: {:?}", opened.err());
    drop(opened);
    let error = store::open::check_pages(&path).expect_err("the page check finds the damage");
    assert_eq!(error.code(), "db_corrupt", "{error}");
    assert_eq!(checkpointed_bytes(&path), bytes, "nothing written");
}

#[test]
fn a_database_from_a_newer_rung_is_refused_untouched() {
    let fixture = Fixture::new();
    let path = fixture.db_path();
    drop(fixture.store);
    raw(&path).pragma_update(None, "user_version", 99).unwrap();
    let before = checkpointed_bytes(&path);
    let error = Store::open(&path).err().unwrap();
    assert_eq!(error.code(), "db_newer_schema", "{error}");
    assert!(error.to_string().contains("schema 99"), "{error}");
    assert_untouched(&path, &before, &error);
}

#[test]
fn a_full_disk_is_reported_and_loses_nothing_already_saved() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), "saved before"))
        .unwrap();
    let path = fixture.db_path();
    let before = checkpointed_bytes(&path);
    let pages = (before.len() / 4096) as u32;
    fixture.store.limit_pages_for_tests(pages).unwrap();
    let big = "x".repeat(64 * 1024);
    let error = fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(4), &big))
        .unwrap_err();
    assert_eq!(error.code(), "db_disk_full", "{error}");
    assert!(error.to_string().contains("Free some space"), "{error}");
    drop(fixture.store);
    assert_untouched(&path, &before, &error);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.scorecard(fixture.scorecard).unwrap().ratings[0].notes, "saved before");
}

/// Makes `dir` read-only for real, even for root: a read-only tmpfs where that is allowed.
struct ReadOnlyDir {
    path: std::path::PathBuf,
    mounted: bool,
}

impl ReadOnlyDir {
    fn with_database() -> ReadOnlyDir {
        let base = tempfile::tempdir().unwrap().keep();
        let path = base.join("ro");
        std::fs::create_dir(&path).unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "tmpfs"])
            .arg(&path)
            .status()
            .is_ok_and(|status| status.success());
        let fixture_store = Store::open_in(&path).unwrap();
        drop(fixture_store);
        // Fold the WAL in so the database is one file, as after a clean shutdown.
        checkpointed_bytes(&path.join(DB_FILE));
        let _ = std::fs::remove_file(path.join("rung.db-wal"));
        let _ = std::fs::remove_file(path.join("rung.db-shm"));
        if mounted {
            let ok = std::process::Command::new("mount").args(["-o", "remount,ro"]).arg(&path).status().unwrap();
            assert!(ok.success());
        } else {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
        ReadOnlyDir { path, mounted }
    }
}

impl Drop for ReadOnlyDir {
    fn drop(&mut self) {
        if self.mounted {
            let _ = std::process::Command::new("umount").arg(&self.path).status();
        }
    }
}

#[test]
fn a_read_only_folder_is_reported_and_the_file_is_untouched() {
    let dir = ReadOnlyDir::with_database();
    assert!(std::fs::write(dir.path.join("probe"), "x").is_err(), "the test needs a folder it cannot write to");
    let path = dir.path.join(DB_FILE);
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path).err().unwrap();
    assert_eq!(error.code(), "db_read_only", "{error}");
    assert!(error.to_string().contains("may write to it"), "{error}");
    assert_untouched(&path, &before, &error);
}

#[test]
fn a_failed_migration_leaves_the_old_file_intact_and_usable() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(
            fixture.interviewer,
            fixture.scorecard,
            &change("i-am-a-support-mentor", Some(3), "before the upgrade"),
        )
        .unwrap();
    let path = fixture.db_path();
    drop(fixture.store);
    let before = checkpointed_bytes(&path);

    let current = migrations::latest_version();
    let mut steps = migrations::steps();
    steps.push(M::up("ALTER TABLE ratings ADD COLUMN confidence INTEGER; SELECT * FROM no_such_table;"));
    let broken = Migrations::new(steps);
    let error = rung_store::open::open_with(&path, &broken, current + 1).err().unwrap();
    let StoreError::MigrationFailed { backup, .. } = &error else { panic!("{error}") };
    assert!(error.to_string().contains("left as it was"), "{error}");

    // The backup taken before migrating is a complete, intact copy.
    let copy = Store::open(backup).unwrap();
    assert!(copy.check().unwrap().is_ok());
    drop(copy);

    assert_eq!(checkpointed_bytes(&path), before, "the database file is byte-for-byte as before");
    let store = Store::open(&path).unwrap();
    let scorecard = store.scorecard(fixture.scorecard).unwrap();
    assert_eq!(scorecard.ratings[0].notes, "before the upgrade");
    assert!(store.check().unwrap().is_ok());
}
