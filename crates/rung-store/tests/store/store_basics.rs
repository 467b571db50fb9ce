//! The store on a real SQLite file: durable settings, autosave, sealing, amendments.

use rung_core::scorecard::{seal_holds, ScorecardStatus};
use rung_store::{Store, StoreError};

use crate::support::*;

#[test]
fn a_new_database_is_durable_by_configuration() {
    let fixture = Fixture::new();
    let durability = fixture.store.durability().unwrap();
    assert_eq!(durability.journal_mode, "wal");
    assert_eq!(durability.synchronous, 2, "synchronous=FULL");
    assert!(durability.foreign_keys);
    assert!(durability.busy_timeout_ms >= 1000);
    assert!(fixture.store.check().unwrap().is_ok());
}

#[test]
fn a_saved_rating_is_there_when_the_database_is_reopened() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(
            fixture.interviewer,
            fixture.scorecard,
            &change("i-am-a-support-mentor", Some(3), "Ran brown-bags"),
        )
        .unwrap();
    fixture
        .store
        .save_rating(
            fixture.interviewer,
            fixture.scorecard,
            &change("i-am-a-support-mentor", Some(4), "Ran brown-bags; coached two"),
        )
        .unwrap();
    fixture
        .store
        .save_rating(
            fixture.interviewer,
            fixture.scorecard,
            &change("i-ve-become-a-student-of-my-craft", None, "No evidence"),
        )
        .unwrap();
    let path = fixture.db_path();
    drop(fixture.store);
    let reopened = Store::open(&path).unwrap();
    let scorecard = reopened.scorecard(fixture.scorecard).unwrap();
    let ratings: Vec<(&str, Option<u8>, &str)> =
        scorecard.ratings.iter().map(|r| (r.characteristic_key.as_str(), r.score, r.notes.as_str())).collect();
    assert_eq!(
        ratings,
        [
            ("i-am-a-support-mentor", Some(4), "Ran brown-bags; coached two"),
            ("i-ve-become-a-student-of-my-craft", None, "No evidence")
        ]
    );
}

#[test]
fn out_of_range_scores_are_refused() {
    let mut fixture = Fixture::new();
    let error =
        fixture.store.save_rating(fixture.interviewer, fixture.scorecard, &change("x", Some(5), "")).unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert!(error.to_string().contains("1 to 4"));
}

#[test]
fn a_submitted_scorecard_is_sealed_against_the_app_and_against_raw_sql() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), "ok"))
        .unwrap();
    let submitted = fixture.store.submit_scorecard(fixture.interviewer, fixture.scorecard).unwrap();
    assert_eq!(submitted.status, ScorecardStatus::Submitted);
    let sealed = fixture.store.scorecard(fixture.scorecard).unwrap();
    assert!(seal_holds(&sealed));

    let refused = fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(4), "changed"))
        .unwrap_err();
    assert!(matches!(refused, StoreError::Sealed), "{refused}");
    assert!(matches!(
        fixture.store.submit_scorecard(fixture.interviewer, fixture.scorecard).unwrap_err(),
        StoreError::Sealed
    ));

    let conn = raw(&fixture.db_path());
    for sql in [
        "UPDATE ratings SET score = 1",
        "DELETE FROM ratings",
        "INSERT INTO ratings (scorecard_id, role_key, characteristic_key, score, notes, updated_at) VALUES (1, 'r', 'c', 1, '', 'now')",
        "UPDATE scorecards SET summary = 'rewritten'",
        "UPDATE scorecards SET status = 'draft', seal_sha256 = NULL, submitted_at = NULL",
        "DELETE FROM scorecards",
    ] {
        let error = conn.execute(sql, []).expect_err(sql);
        assert!(error.to_string().contains("sealed"), "{sql}: {error}");
    }
    assert_eq!(fixture.store.scorecard(fixture.scorecard).unwrap(), sealed);
}

#[test]
fn a_seal_detects_a_change_made_behind_the_triggers() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), "ok"))
        .unwrap();
    fixture.store.submit_scorecard(fixture.interviewer, fixture.scorecard).unwrap();
    let conn = raw(&fixture.db_path());
    conn.execute_batch("DROP TRIGGER sealed_rating_update; UPDATE ratings SET score = 4;").unwrap();
    assert!(!seal_holds(&fixture.store.scorecard(fixture.scorecard).unwrap()));
}

#[test]
fn an_amendment_references_the_original_and_carries_a_reason() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(2), "first view"))
        .unwrap();
    fixture.store.submit_scorecard(fixture.interviewer, fixture.scorecard).unwrap();
    assert_eq!(
        fixture.store.amend_scorecard(fixture.interviewer, fixture.scorecard, "  ").unwrap_err().code(),
        "invalid_input"
    );

    let amendment =
        fixture.store.amend_scorecard(fixture.interviewer, fixture.scorecard, "Misread my notes on mentoring").unwrap();
    fixture
        .store
        .save_rating(fixture.interviewer, amendment, &change("i-am-a-support-mentor", Some(3), "corrected"))
        .unwrap();
    let amended = fixture.store.scorecard(amendment).unwrap();
    assert_eq!(amended.amends_scorecard_id, Some(fixture.scorecard));
    assert_eq!(amended.amendment_reason.as_deref(), Some("Misread my notes on mentoring"));
    assert_eq!(amended.status, ScorecardStatus::Draft);
    let original = fixture.store.scorecard(fixture.scorecard).unwrap();
    assert_eq!(original.ratings[0].score, Some(2), "the original is untouched");
    assert!(seal_holds(&original));
}

#[test]
fn every_change_is_in_the_audit_log_and_the_chain_verifies() {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), "secret note"))
        .unwrap();
    fixture.store.submit_scorecard(fixture.interviewer, fixture.scorecard).unwrap();
    let report = fixture.store.verify_audit().unwrap();
    // ladder import, interviewer, candidate, scorecard start, rating, submit, and the
    // interviewer's signing key made at the first seal
    assert_eq!(report.entries, 7);
    assert!(report.first_broken.is_none());
    let conn = raw(&fixture.db_path());
    let payloads: String =
        conn.query_row("SELECT group_concat(payload, ' ') FROM audit_log", [], |r| r.get(0)).unwrap();
    assert!(!payloads.contains("secret note"), "notes are hashed, not copied");
    assert!(!payloads.contains("Zoë"), "no personal data in the audit log");
    let error = conn.execute("DELETE FROM audit_log", []).unwrap_err();
    assert!(error.to_string().contains("append-only"));
}

#[test]
fn ladder_snapshots_are_immutable_and_identified_by_source_hash() {
    let mut fixture = Fixture::new();
    let again = fixture.store.save_ladder(&rung_core::ladder::default_ladder(), true).unwrap();
    let listed = fixture.store.list_ladders().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].role_count, listed[0].is_default), (6, true));
    assert_eq!(fixture.store.load_ladder(again.id).unwrap(), rung_core::ladder::default_ladder());
    let error = raw(&fixture.db_path()).execute("UPDATE ladders SET snapshot_json = '{}'", []).unwrap_err();
    assert!(error.to_string().contains("immutable"));
}
