//! Ladders in the store: a snapshot is kept by its content (the same ladder once, an
//! edited export as a new one), with the reading's corrections it was imported with.

use std::path::Path;

use rung_core::ladder::{self, json, ReadingMapping};
use rung_store::Store;

use crate::ladder_support::data;

#[test]
fn an_edited_export_imports_as_a_new_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let original = store.save_ladder(&ladder::default_ladder(), true).unwrap();
    let again = store.save_ladder(&ladder::default_ladder(), true).unwrap();
    assert_eq!(original.id, again.id, "the same ladder is stored once");
    let edited_text = json::to_json(&ladder::default_ladder()).replacen("Support Roles", "Support Roles (edited)", 1);
    let edited = json::from_json(&edited_text, Path::new("edited.json")).unwrap();
    let stored = store.save_ladder(&edited, false).unwrap();
    assert_ne!(stored.id, original.id, "the edit is kept, not silently replaced by the old ladder");
    assert_eq!(store.load_ladder(stored.id).unwrap().name, "Support Roles (edited)");
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_folder_file_can_be_left_out_and_the_mapping_survives_json_and_the_database() {
    let corrections =
        ReadingMapping { excluded_files: vec!["L5-Senior-Support-Manager.md".into()], ..ReadingMapping::default() };
    let ladder = ladder::load_with(&data("octopus-support-2025"), &corrections).unwrap();
    assert_eq!(ladder.roles.len(), 6);
    assert!(ladder.roles.iter().all(|role| role.source_file != "L5-Senior-Support-Manager.md"));

    let json = json::to_json(&ladder);
    let dir = tempfile::tempdir().unwrap();
    let json_path = dir.path().join("ladder.json");
    std::fs::write(&json_path, &json).unwrap();
    assert_eq!(ladder::load(&json_path).unwrap(), ladder, "Rung JSON keeps the reading");

    let mut store = Store::open_in(dir.path()).unwrap();
    let stored = store.save_ladder(&ladder, false).unwrap();
    assert_eq!(store.load_ladder(stored.id).unwrap().reading, Some(corrections));
}
