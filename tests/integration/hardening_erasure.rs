//! Erasure that leaves nothing: the backups the app rotates into `backups/` are
//! rewritten without the candidate (with or without keeping the outcome anonymously,
//! with or without purging older copies), and after erasure no seal left in the audit
//! log can confirm a guess of what was written: the salt sealed with it is gone from
//! every file of the data folder.

use std::path::Path;

use rung::store::Store;

use crate::erasure::{files_containing, planted, TOKEN};
use crate::report_support::scored_candidate;
use crate::store_support::{raw, rung_in, text};

/// Two rotated backups a day apart, both holding the planted candidate and another.
fn with_backups(dir: &Path) -> (i64, i64) {
    let candidate = planted(dir);
    let mut store = Store::open_in(dir).unwrap();
    let other = scored_candidate(&mut store, "Kept Person", &["Dana Okafor"], "Other notes.", "Other summary.");
    let now = chrono::Utc::now();
    for at in [now - chrono::Duration::hours(25), now] {
        store.rotate_backups(&dir.join("backups"), at).unwrap().expect("a backup is due");
    }
    drop(store);
    assert_eq!(files_containing(&dir.join("backups"), TOKEN).len(), 2, "both backups hold the candidate");
    (candidate, other)
}

#[test]
fn erasure_rewrites_the_apps_own_backups_without_the_candidate() {
    for (keep_anonymous, purge) in [(false, false), (true, false), (false, true), (true, true)] {
        let dir = tempfile::tempdir().unwrap();
        let (candidate, other) = with_backups(dir.path());
        let id = candidate.to_string();
        let mut args = vec!["erase", "--candidate", &id, "--yes"];
        if keep_anonymous {
            args.push("--keep-anonymous");
        }
        if purge {
            args.push("--purge-backups");
        }
        let output = rung_in(dir.path(), &args);
        assert!(output.status.success(), "{args:?}: {}", text(&output.stderr));
        let said = text(&output.stdout);
        assert!(said.contains("2 of the app's backups held this candidate and were rewritten without them"), "{said}");
        let left = files_containing(dir.path(), TOKEN);
        assert!(left.is_empty(), "{args:?}: the token survives in {left:?}");
        for backup in std::fs::read_dir(dir.path().join("backups")).unwrap() {
            let conn = raw(&backup.unwrap().path());
            let names: Vec<String> = {
                let mut statement = conn.prepare("SELECT name FROM candidates").unwrap();
                statement.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
            };
            assert_eq!(names, ["Kept Person"], "the backup keeps everyone else");
            let kept: i64 = conn
                .query_row("SELECT count(*) FROM scorecards WHERE candidate_id = ?1", [other], |r| r.get(0))
                .unwrap();
            assert_eq!(kept, 3);
            let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
            assert_eq!(ok, "ok");
            let anonymous: i64 = conn.query_row("SELECT count(*) FROM anonymous_outcomes", [], |r| r.get(0)).unwrap();
            assert_eq!(anonymous, i64::from(keep_anonymous), "the backup keeps what the erasure kept");
        }
        let check = rung_in(dir.path(), &["db", "check"]);
        assert!(check.status.success(), "{}", text(&check.stderr));
    }
}

/// Every seal the audit log holds.
fn logged_seals(dir: &Path) -> Vec<String> {
    let conn = raw(&dir.join("rung.db"));
    let mut statement = conn.prepare("SELECT payload FROM audit_log").unwrap();
    let payloads: Vec<String> = statement.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    payloads
        .iter()
        .filter_map(|p| serde_json::from_str::<serde_json::Value>(p).ok())
        .filter_map(|p| p.get("seal_sha256").and_then(|s| s.as_str()).map(str::to_owned))
        .collect()
}

#[test]
fn after_erasure_no_logged_seal_confirms_a_guess_of_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let (candidate, _) = with_backups(dir.path());
    let store = Store::open_in(dir.path()).unwrap();
    // The attacker's best guess: every word and score exactly right (they wrote the
    // notes themselves, say), every id and time read from the log.
    let mut guesses: Vec<rung::scorecard::Scorecard> = store.scorecards_of(candidate).unwrap();
    guesses.sort_by_key(|card| card.id);
    let decision = store.decision(candidate).unwrap().unwrap();
    drop(store);
    let salts: Vec<String> = {
        let conn = raw(&dir.path().join("rung.db"));
        let mut statement = conn
            .prepare(
                "SELECT seal_salt FROM (SELECT id, seal_salt FROM scorecards WHERE candidate_id = ?1 ORDER BY id)
                 UNION ALL SELECT seal_salt FROM decisions WHERE candidate_id = ?1",
            )
            .unwrap();
        statement.query_map([candidate], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(salts.len(), 4, "three scorecards and a decision, each salted");

    let seal_of = |card: &rung::scorecard::Scorecard, salt: Option<String>| {
        let card = rung::scorecard::Scorecard { seal_salt: salt, ..card.clone() };
        rung::scorecard::seal(&card, card.submitted_at.as_deref().unwrap())
    };
    let logged = logged_seals(dir.path());
    // With the salt the guess is confirmed (so the method is right); without it, never.
    for (card, salt) in guesses.iter().zip(&salts) {
        assert!(logged.contains(&seal_of(card, Some(salt.clone()))));
        assert!(!logged.contains(&seal_of(card, None)));
    }
    let decision_guess =
        |salt: Option<String>| rung::decision::seal(&rung::decision::Decision { seal_salt: salt, ..decision.clone() });
    assert!(logged.contains(&decision_guess(Some(salts[3].clone()))));
    assert!(!logged.contains(&decision_guess(None)));
    for salt in &salts {
        assert!(!files_containing(dir.path(), salt).is_empty(), "the salt is in the data folder before erasure");
    }

    let output = rung_in(dir.path(), &["erase", "--candidate", &candidate.to_string(), "--yes"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    // The seals are still logged (the log is append-only), but the salts are gone from
    // the database, its WAL and every backup, so no guess can be confirmed any more.
    let logged_after = logged_seals(dir.path());
    for card in &guesses {
        assert!(logged_after.contains(card.seal_sha256.as_ref().unwrap()), "the log keeps its entries");
    }
    for salt in &salts {
        let left = files_containing(dir.path(), salt);
        assert!(left.is_empty(), "a salt survives in {left:?}");
    }
}
