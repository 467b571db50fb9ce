//! Backups: online copies that verify, restore that keeps the current database, rotation.

use chrono::{Duration, TimeZone, Utc};
use rung_store::backup::{restore, rotated_backups};
use rung_store::Store;

use crate::support::*;

#[test]
fn a_backup_is_a_verified_copy_and_restore_brings_it_back() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), "in the backup"))
        .unwrap();
    let backup = fixture.dir.path().join("before.db");
    fixture.store.backup_to(&backup).unwrap();
    assert!(Store::open(&backup).unwrap().check().unwrap().is_ok());

    fixture
        .store
        .save_rating(
            fixture.interviewer,
            fixture.scorecard,
            &change("i-am-a-support-mentor", Some(1), "after the backup"),
        )
        .unwrap();
    let kept = restore(&fixture.db_path(), &backup).unwrap().expect("a database was there to keep");
    assert_eq!(fixture.store.scorecard(fixture.scorecard).unwrap().ratings[0].notes, "in the backup");
    assert!(fixture.store.check().unwrap().is_ok());
    // The database that was replaced is kept.
    let previous = Store::open(&kept).unwrap();
    assert_eq!(previous.scorecard(fixture.scorecard).unwrap().ratings[0].notes, "after the backup");
}

#[test]
fn restoring_something_that_is_not_a_backup_changes_nothing() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), "keep me"))
        .unwrap();
    let bogus = fixture.dir.path().join("bogus.db");
    std::fs::write(&bogus, b"not a database at all").unwrap();
    let error = restore(&fixture.db_path(), &bogus).unwrap_err();
    assert_eq!(error.code(), "db_bad_backup", "{error}");
    assert!(error.to_string().contains("Nothing was restored"));
    assert_eq!(fixture.store.scorecard(fixture.scorecard).unwrap().ratings[0].notes, "keep me");
}

#[test]
fn automatic_backups_are_taken_daily_and_only_the_newest_are_kept() {
    let fixture = Fixture::new();
    fixture.store.set_setting("backup.keep", "3").unwrap();
    let dir = fixture.dir.path().join("backups");
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    assert!(fixture.store.rotate_backups(&dir, start).unwrap().is_some());
    assert!(fixture.store.rotate_backups(&dir, start + Duration::hours(5)).unwrap().is_none(), "not due yet");
    for day in 1..=4 {
        assert!(fixture.store.rotate_backups(&dir, start + Duration::days(day)).unwrap().is_some());
    }
    let kept: Vec<_> = rotated_backups(&dir).unwrap().into_iter().map(|(at, _)| at).collect();
    assert_eq!(kept, [start + Duration::days(2), start + Duration::days(3), start + Duration::days(4)]);
    let files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(files.len(), 3, "each backup is a single file: {files:?}");
    for (_, path) in rotated_backups(&dir).unwrap() {
        assert!(Store::open(&path).unwrap().check().unwrap().is_ok());
    }
}
