//! Backups, restores and safety copies under the mistakes and attacks that used to lose
//! data: two operations in one second, odd destinations, a full disk, world-readable
//! copies, a damaged database. (Restores that fail half-way and files that are not Rung
//! databases, through the real CLI: tests/integration/hardening_backups.rs.)

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;

use rung_store::backup::restore;
use rung_store::Store;

use crate::support::*;

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
fn backups_refuse_devices_folders_and_the_databases_own_files() {
    let (dir, path, _) = folder_with_rating("x");
    Store::open(&path).unwrap(); // leaves rung.db-wal beside it while open
    let store = Store::open(&path).unwrap();
    let wal = dir.path().join("rung.db-wal");
    assert!(wal.exists());
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    // A device or a folder is a bad destination; the database's own files are protected
    // by the same guard as every other output (output_guard), with its wording.
    for (dest, code, what) in [
        (Path::new("/dev/null").to_owned(), "db_bad_destination", "device"),
        (folder.clone(), "db_bad_destination", "folder"),
        (wal.clone(), "protected_path", "would destroy it"),
        (path.clone(), "protected_path", "would destroy it"),
    ] {
        let error = store.backup_to(&dest).unwrap_err();
        assert_eq!(error.code(), code, "{}: {error}", dest.display());
        assert!(error.to_string().contains(what), "{error}");
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
