//! Tampering with the database file directly, as anyone who can write it could: every
//! case must be caught by `rung db check` (and the audit witness), through the real CLI.

use std::path::Path;

use rung::scorecard::Overall;
use rung::store::Store;
use sha2::{Digest, Sha256};

use crate::store_support::*;

/// A database with one sealed scorecard and one draft with a rating, closed.
fn sealed_and_draft() -> (tempfile::TempDir, i64, i64) {
    let mut fixture = Fixture::new();
    let store = &mut fixture.store;
    store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), "sealed note"))
        .unwrap();
    store.save_overall(fixture.interviewer, fixture.scorecard, Some(Overall::Yes), None, "a summary").unwrap();
    store.submit_scorecard(fixture.interviewer, fixture.scorecard).unwrap();
    let candidate = store.scorecard(fixture.scorecard).unwrap().candidate_id;
    let other = store.create_interviewer("Other Interviewer", None).unwrap();
    let draft = store.start_scorecard(candidate, other, None).unwrap();
    store.save_rating(other, draft, &change("i-am-a-support-mentor", Some(2), "draft note")).unwrap();
    drop(fixture.store);
    (fixture.dir, fixture.scorecard, draft)
}

fn check_fails_with(dir: &Path, expected: &str) {
    let output = rung_in(dir, &["db", "check"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "db check must fail; it printed:\n{}{stderr}", text(&output.stdout));
    assert!(stderr.contains(expected), "expected {expected:?} in:\n{stderr}");
}

fn check_passes(dir: &Path) {
    let output = rung_in(dir, &["db", "check"]);
    assert!(output.status.success(), "{}{}", text(&output.stdout), text(&output.stderr));
}

/// The SQL of a trigger as the schema holds it, to put it back exactly after tampering.
fn trigger_sql(conn: &rusqlite::Connection, name: &str) -> String {
    conn.query_row("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1", [name], |row| row.get(0))
        .unwrap()
}

/// Runs `tampering` with `trigger` dropped, then recreates it exactly as it was.
fn without_trigger(conn: &rusqlite::Connection, trigger: &str, tampering: &str) {
    let sql = trigger_sql(conn, trigger);
    conn.execute_batch(&format!("DROP TRIGGER {trigger}; {tampering}")).unwrap();
    conn.execute_batch(&sql).unwrap();
}

#[test]
fn a_sealed_rating_changed_behind_a_dropped_and_recreated_trigger_is_caught() {
    let (dir, sealed, _) = sealed_and_draft();
    check_passes(dir.path());
    let conn = raw(&dir.path().join("rung.db"));
    without_trigger(
        &conn,
        "sealed_rating_update",
        &format!("UPDATE ratings SET score = 4 WHERE scorecard_id = {sealed}"),
    );
    drop(conn);
    check_fails_with(dir.path(), &format!("scorecard {sealed} was changed after it was sealed"));
}

#[test]
fn a_scorecard_inserted_as_submitted_with_a_made_up_seal_is_caught() {
    let (dir, sealed, _) = sealed_and_draft();
    let conn = raw(&dir.path().join("rung.db"));
    conn.execute_batch(&format!(
        "INSERT INTO scorecards (candidate_id, interviewer_id, ladder_id, ladder_snapshot_sha256, status, created_at,
                                 updated_at, submitted_at, seal_sha256)
         SELECT candidate_id, interviewer_id, ladder_id, ladder_snapshot_sha256, 'submitted', created_at, updated_at,
                submitted_at, '{}' FROM scorecards WHERE id = {sealed}",
        "ab".repeat(32)
    ))
    .unwrap();
    drop(conn);
    check_fails_with(dir.path(), "the audit log has no submission of it");
}

#[test]
fn a_sealed_scorecard_deleted_under_a_fake_erasure_and_forged_is_caught() {
    let (dir, sealed, _) = sealed_and_draft();
    let conn = raw(&dir.path().join("rung.db"));
    let seal: String =
        conn.query_row("SELECT seal_sha256 FROM scorecards WHERE id = ?1", [sealed], |row| row.get(0)).unwrap();
    let sealed_update = trigger_sql(&conn, "sealed_scorecard_update");
    conn.execute_batch(&format!(
        "INSERT INTO erasures (candidate_id, requested_at) SELECT candidate_id, 'now' FROM scorecards WHERE id = {sealed};
         CREATE TEMP TABLE keep AS SELECT * FROM scorecards WHERE id = {sealed};
         DELETE FROM ratings WHERE scorecard_id = {sealed};
         DELETE FROM scorecards WHERE id = {sealed};
         DELETE FROM erasures;
         INSERT INTO scorecards (id, candidate_id, interviewer_id, ladder_id, ladder_snapshot_sha256, created_at, updated_at)
              SELECT id, candidate_id, interviewer_id, ladder_id, ladder_snapshot_sha256, created_at, updated_at FROM keep;
         INSERT INTO ratings (scorecard_id, role_key, characteristic_key, score, notes, updated_at)
              VALUES ({sealed}, 'senior-application-support-engineer', 'i-am-a-support-mentor', 1, 'forged', 'now');
         DROP TRIGGER sealed_scorecard_update;
         UPDATE scorecards SET status = 'submitted', submitted_at = (SELECT submitted_at FROM keep), seal_sha256 = '{seal}'
              WHERE id = {sealed};"
    ))
    .unwrap();
    conn.execute_batch(&sealed_update).unwrap();
    drop(conn);
    check_fails_with(dir.path(), &format!("scorecard {sealed} was changed after it was sealed"));
}

fn last_entries_removed(dir: &Path, count: i64) {
    let conn = raw(&dir.join("rung.db"));
    let last: i64 = conn.query_row("SELECT max(id) FROM audit_log", [], |row| row.get(0)).unwrap();
    without_trigger(
        &conn,
        "audit_log_append_only_delete",
        &format!(
            "DELETE FROM audit_log WHERE id > {keep};
             UPDATE settings SET value = (SELECT id || ':' || hash FROM audit_log WHERE id = {keep}) WHERE key = 'audit.head';",
            keep = last - count
        ),
    );
}

#[test]
fn the_last_audit_entries_removed_with_the_head_moved_to_match_are_caught() {
    let (dir, _, draft) = sealed_and_draft();
    last_entries_removed(dir.path(), 1);
    let verify = rung_in(dir.path(), &["audit", "verify"]);
    assert!(verify.status.success(), "the chain alone still verifies: {}", text(&verify.stderr));
    check_fails_with(
        dir.path(),
        &format!("scorecard {draft} has a rating for i-am-a-support-mentor that the audit log never saw saved"),
    );
}

#[test]
fn the_whole_audit_log_and_its_head_deleted_is_caught() {
    let (dir, sealed, _) = sealed_and_draft();
    let conn = raw(&dir.path().join("rung.db"));
    without_trigger(
        &conn,
        "audit_log_append_only_delete",
        "DELETE FROM audit_log; DELETE FROM settings WHERE key = 'audit.head';",
    );
    drop(conn);
    check_fails_with(dir.path(), &format!("scorecard {sealed} is sealed, but the audit log has no submission of it"));
    check_fails_with(dir.path(), "ladder 1 has no entry in the audit log");
}

#[test]
fn a_missing_or_rewritten_sealing_trigger_is_caught() {
    let (dir, _, _) = sealed_and_draft();
    let conn = raw(&dir.path().join("rung.db"));
    conn.execute_batch("DROP TRIGGER sealed_rating_delete;").unwrap();
    check_fails_with(dir.path(), "trigger sealed_rating_delete is missing");
    conn.execute_batch(
        "CREATE TRIGGER sealed_rating_delete BEFORE DELETE ON ratings WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END;",
    )
    .unwrap();
    check_fails_with(dir.path(), "trigger sealed_rating_delete has been changed");
    conn.execute_batch("CREATE TABLE shadow (x);").unwrap();
    check_fails_with(dir.path(), "table shadow is not part of Rung's schema");
}

/// The chain's hash function, as anyone could recompute it (it is not keyed).
fn row_hash(row: &[rusqlite::types::Value]) -> String {
    use rusqlite::types::Value::{Integer, Text};
    let field = |v: &rusqlite::types::Value| match v {
        Integer(n) => serde_json::json!(n),
        Text(t) => serde_json::json!(t),
        other => panic!("unexpected {other:?}"),
    };
    let canonical = serde_json::Value::Array(row.iter().map(field).collect()).to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// Edits entry `id`'s payload and recomputes every hash after it, and the head: the
/// chain verifies again, as it would after a careful attacker.
fn rewrite_chain_from(db: &Path, id: i64) {
    let conn = raw(db);
    let update = trigger_sql(&conn, "audit_log_append_only_update");
    conn.execute_batch("DROP TRIGGER audit_log_append_only_update;").unwrap();
    conn.execute("UPDATE audit_log SET payload = '{\"forged\":true}' WHERE id = ?1", [id]).unwrap();
    let mut prev: String =
        conn.query_row("SELECT prev_hash FROM audit_log WHERE id = ?1", [id], |row| row.get(0)).unwrap();
    let last: i64 = conn.query_row("SELECT max(id) FROM audit_log", [], |row| row.get(0)).unwrap();
    for n in id..=last {
        let mut row: Vec<rusqlite::types::Value> = conn
            .query_row(
                "SELECT id, at, actor, action, entity, entity_id, payload FROM audit_log WHERE id = ?1",
                [n],
                |r| (0..7).map(|i| r.get(i)).collect(),
            )
            .unwrap();
        row.push(rusqlite::types::Value::Text(prev.clone()));
        let hash = row_hash(&row);
        conn.execute("UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1", rusqlite::params![n, prev, hash])
            .unwrap();
        prev = hash;
    }
    conn.execute("UPDATE settings SET value = ?1 WHERE key = 'audit.head'", [format!("{last}:{prev}")]).unwrap();
    conn.execute_batch(&update).unwrap();
}

#[test]
fn a_backup_witnesses_the_log_so_a_recomputed_or_cut_chain_is_caught() {
    let (dir, _, _) = sealed_and_draft();
    let backup = dir.path().join("witness.db");
    let output = rung_in(dir.path(), &["backup", backup.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let head_line = stdout.split_whitespace().skip_while(|w| *w != "rung-audit-head:").nth(1).unwrap().to_owned();
    let note = dir.path().join("head.txt");
    std::fs::write(&note, format!("kept in the recruiter's records: rung-audit-head: {head_line}\n")).unwrap();

    let against = |file: &Path| rung_in(dir.path(), &["audit", "verify", "--against", file.to_str().unwrap()]);
    assert!(against(&backup).status.success());
    assert!(against(&note).status.success());

    rewrite_chain_from(&dir.path().join("rung.db"), 1);
    assert!(rung_in(dir.path(), &["audit", "verify"]).status.success(), "a recomputed chain verifies on its own");
    for witness in [&backup, &note] {
        let output = against(witness);
        assert_eq!(output.status.code(), Some(1));
        assert!(text(&output.stderr).contains("rewritten since the witness saw it"), "{}", text(&output.stderr));
    }

    let (dir, _, _) = sealed_and_draft();
    let backup = dir.path().join("witness.db");
    assert!(rung_in(dir.path(), &["backup", backup.to_str().unwrap()]).status.success());
    last_entries_removed(dir.path(), 2);
    let output = rung_in(dir.path(), &["audit", "verify", "--against", backup.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("entries were removed"), "{}", text(&output.stderr));
}

#[test]
fn the_audit_log_keeps_no_digest_of_notes_or_summaries() {
    let (dir, _, _) = sealed_and_draft();
    let conn = raw(&dir.path().join("rung.db"));
    let payloads: Vec<String> = conn
        .prepare("SELECT payload FROM audit_log")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for free_text in ["sealed note", "draft note", "a summary"] {
        let digest = hex::encode(Sha256::digest(free_text.as_bytes()));
        assert!(payloads.iter().all(|p| !p.contains(&digest) && !p.contains(free_text)), "{free_text}");
    }
    assert!(payloads.iter().all(|p| !p.contains("notes") && !p.contains("summary")), "{payloads:?}");
}

/// A scorecard forged into the file the way Rung itself would write one: its seal
/// recomputed from its content and its start and submission appended to the audit chain
/// with Rung's own code. Only the signature it lacks gives it away.
#[test]
fn a_forged_scorecard_with_a_recomputed_seal_and_logged_submission_is_caught_by_its_missing_signature() {
    let (dir, sealed, _) = sealed_and_draft();
    check_passes(dir.path());
    let conn = raw(&dir.path().join("rung.db"));
    conn.execute_batch(&format!(
        "INSERT INTO scorecards (candidate_id, interviewer_id, ladder_id, ladder_snapshot_sha256, summary, created_at, updated_at)
         SELECT candidate_id, interviewer_id, ladder_id, ladder_snapshot_sha256, 'Forged: would not hire.', created_at, updated_at
         FROM scorecards WHERE id = {sealed};
         INSERT INTO ratings (scorecard_id, role_key, characteristic_key, score, notes, updated_at)
         VALUES (last_insert_rowid(), 'senior-application-support-engineer', 'i-am-a-support-mentor', 1, 'forged', 'now');"
    ))
    .unwrap();
    let forged: i64 = conn.query_row("SELECT max(id) FROM scorecards", [], |row| row.get(0)).unwrap();
    let mut card = Store::open(&dir.path().join("rung.db")).unwrap().scorecard(forged).unwrap();
    let at = "2026-01-01T00:00:00.000000Z";
    card.seal_salt = Some("00".repeat(16));
    let seal = rung::scorecard::seal(&card, at);
    conn.execute(
        "UPDATE scorecards SET status = 'submitted', submitted_at = ?2, seal_sha256 = ?3, seal_salt = ?4 WHERE id = ?1",
        rusqlite::params![forged, at, seal, card.seal_salt],
    )
    .unwrap();
    let who = format!("interviewer:{}", card.interviewer_id);
    let start = serde_json::json!({ "candidate_id": card.candidate_id });
    rung::store::audit::append(&conn, &who, "scorecard.start", "scorecard", forged, &start).unwrap();
    let submit = serde_json::json!({ "seal_sha256": seal });
    rung::store::audit::append(&conn, &who, "scorecard.submit", "scorecard", forged, &submit).unwrap();
    drop(conn);
    assert!(rung_in(dir.path(), &["audit", "verify"]).status.success(), "the chain holds");
    check_fails_with(dir.path(), &format!("scorecard {forged} is sealed but not signed"));
}

/// The same for a decision, and for a signed scorecard whose content was changed with
/// its seal recomputed (the signature is over the seal it was submitted with).
#[test]
fn a_forged_decision_and_a_resealed_scorecard_are_caught_by_their_signatures() {
    let (dir, sealed, _) = sealed_and_draft();
    let conn = raw(&dir.path().join("rung.db"));
    let candidate: i64 =
        conn.query_row("SELECT candidate_id FROM scorecards WHERE id = ?1", [sealed], |row| row.get(0)).unwrap();
    let mut decision = rung::decision::Decision {
        id: 1,
        candidate_id: candidate,
        outcome: rung::decision::Outcome::NoHire,
        role_key: None,
        band: None,
        recommended_role_key: None,
        recommended_band: None,
        overrides: false,
        reason: Some("forged".into()),
        decided_by: "Hiring panel".into(),
        decided_at: "2026-01-01T00:00:00.000000Z".into(),
        amends: None,
        seal_sha256: String::new(),
        seal_salt: None,
    };
    decision.seal_sha256 = rung::decision::seal(&decision);
    conn.execute(
        "INSERT INTO decisions (id, candidate_id, outcome, overrides, reason, decided_by, decided_at, seal_sha256)
         VALUES (1, ?1, 'no_hire', 0, 'forged', 'Hiring panel', ?2, ?3)",
        rusqlite::params![candidate, decision.decided_at, decision.seal_sha256],
    )
    .unwrap();
    let payload = serde_json::json!({ "candidate_id": candidate, "seal_sha256": decision.seal_sha256 });
    rung::store::audit::append(&conn, "panel", "decision.record", "decision", 1, &payload).unwrap();

    // The sealed scorecard: a score changed, its seal recomputed, and the submission's
    // logged seal made to match by rewriting the chain from there.
    let mut card = Store::open(&dir.path().join("rung.db")).unwrap().scorecard(sealed).unwrap();
    card.ratings[0].score = Some(1);
    let seal = rung::scorecard::seal(&card, card.submitted_at.as_deref().unwrap());
    without_trigger(
        &conn,
        "sealed_rating_update",
        &format!("UPDATE ratings SET score = 1 WHERE scorecard_id = {sealed}"),
    );
    without_trigger(
        &conn,
        "sealed_scorecard_update",
        &format!("UPDATE scorecards SET seal_sha256 = '{seal}' WHERE id = {sealed}"),
    );
    drop(conn);
    check_fails_with(dir.path(), "decision 1 is sealed but not signed");
    check_fails_with(dir.path(), &format!("scorecard {sealed} no longer matches the seal its signature is over"));
}
