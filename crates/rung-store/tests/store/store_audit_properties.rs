//! Tampering with any past audit entry is caught: the property test flips a byte in a
//! random column of a random row (behind the append-only triggers, as a hex editor would).

use proptest::prelude::*;
use rung_store::Store;

use crate::support::*;

const COLUMNS: [&str; 8] = ["at", "actor", "action", "entity", "entity_id", "payload", "prev_hash", "hash"];

/// A database with a few dozen audit entries, built once and copied per case.
fn template() -> &'static (tempfile::TempDir, std::path::PathBuf) {
    static TEMPLATE: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> = std::sync::OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let mut fixture = Fixture::new();
        for round in 0..10u8 {
            let score = Some(round % 4 + 1);
            fixture
                .store
                .save_rating(
                    fixture.interviewer,
                    fixture.scorecard,
                    &change(&format!("c{round}"), score, &format!("note {round}")),
                )
                .unwrap();
        }
        let path = fixture.db_path();
        drop(fixture.store);
        checkpointed_bytes(&path);
        (fixture.dir, path)
    })
}

fn tamper(path: &std::path::Path, row: i64, column: &str, byte: usize, bit: u8) {
    let conn = raw(path);
    conn.execute_batch("DROP TRIGGER audit_log_append_only_update;").unwrap();
    if column == "entity_id" {
        conn.execute(
            "UPDATE audit_log SET entity_id = (entity_id | (1 << ?2)) - (entity_id & (1 << ?2)) WHERE id = ?1",
            rusqlite::params![row, bit],
        )
        .unwrap();
        return;
    }
    let value: Vec<u8> = conn
        .query_row(&format!("SELECT CAST({column} AS BLOB) FROM audit_log WHERE id = ?1"), [row], |r| r.get(0))
        .unwrap();
    let mut value = value;
    let at = byte % value.len();
    value[at] ^= 1 << bit;
    conn.execute(
        &format!("UPDATE audit_log SET {column} = CAST(?2 AS TEXT) WHERE id = ?1"),
        rusqlite::params![row, value],
    )
    .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_flipped_byte_in_a_past_entry_is_caught(row_pick in 0usize..1000, column in 0usize..COLUMNS.len(), byte in 0usize..64, bit in 0u8..8) {
        let (_, template_path) = template();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rung.db");
        std::fs::copy(template_path, &path).unwrap();
        let entries = Store::open(&path).unwrap().verify_audit().unwrap().entries as i64;
        prop_assume!(entries > 1);
        // "Past" rows: any but the newest.
        let row = 1 + (row_pick as i64 % (entries - 1));
        tamper(&path, row, COLUMNS[column], byte, bit);
        let report = Store::open(&path).unwrap().verify_audit().unwrap();
        let broken = report.first_broken.expect("tampering must be detected");
        prop_assert!(broken.id <= row + 1, "reported at {} for a change in row {row}", broken.id);
    }
}

#[test]
fn removing_the_newest_entries_is_caught() {
    let (_, template_path) = template();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rung.db");
    std::fs::copy(template_path, &path).unwrap();
    let conn = raw(&path);
    conn.execute_batch(
        "DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);",
    )
    .unwrap();
    let report = Store::open(&path).unwrap().verify_audit().unwrap();
    assert!(report.first_broken.unwrap().reason.contains("removed"));
}
