//! Erasing a candidate: a unique token planted in their name, email, notes, rating
//! notes, summary, an edited question, the decision's reason and an archived report is
//! found nowhere afterwards — not in the database file, its WAL, or anywhere in the data
//! folder — while the audit log records the erasure without the name.

use std::path::Path;

use rung::debrief;
use rung::decision::{NewDecision, Outcome};
use rung::ladder::Band;
use rung::scorecard::template::CharacteristicRef;
use rung::store::{NewCandidate, Store};

use crate::report_support::scored_candidate;
use crate::store_support::{coordinator, raw, rung_in, text};

pub(crate) const TOKEN: &str = "QZXTOKEN7731";

/// Every file under `dir` whose bytes contain `needle` (as UTF-8 or UTF-16).
pub(crate) fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    let utf16be: Vec<u8> = needle.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let utf16le: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    crate::support::files_under(dir)
        .into_iter()
        .filter(|path| {
            let bytes = std::fs::read(path).unwrap();
            let has = |pattern: &[u8]| bytes.windows(pattern.len()).any(|w| w == pattern);
            has(needle.as_bytes()) || has(&utf16be) || has(&utf16le)
        })
        .map(|path| path.display().to_string())
        .collect()
}

/// A candidate carrying the token everywhere personal data can be, with a report.
pub(crate) fn planted(dir: &Path) -> i64 {
    let mut store = Store::open_in(dir).unwrap();
    let candidate = scored_candidate(
        &mut store,
        &format!("Robin {TOKEN}"),
        &["Dana Okafor", "Lee Park"],
        &format!("Said {TOKEN} twice in the example."),
        &format!("Summary mentioning {TOKEN}."),
    );
    let current = store.candidate(candidate).unwrap();
    store
        .update_candidate(
            candidate,
            &NewCandidate {
                name: current.name.clone(),
                email: Some(format!("{TOKEN}@example.com")),
                ladder_id: current.ladder_id,
                target_role_key: current.target_role_key.clone(),
                notes: format!("Recruiter notes about {TOKEN}."),
            },
        )
        .unwrap();
    let characteristic = store.panel(candidate).unwrap()[0].focus[0].clone();
    store
        .save_questions(
            candidate,
            &CharacteristicRef {
                role_key: characteristic.role_key,
                characteristic_key: characteristic.characteristic_key,
            },
            &[format!("Tell us about {TOKEN}'s last incident.")],
        )
        .unwrap();
    let decision = NewDecision {
        outcome: Outcome::Hire,
        role_key: Some("senior-application-support-engineer".into()),
        band: Some(Band::Maturing),
        reason: Some(format!("{TOKEN} impressed the panel.")),
    };
    let actor = coordinator(&store);
    debrief::record_decision(&mut store, actor, candidate, &decision).unwrap();
    drop(store);
    let output = rung_in(
        dir,
        &["report", "--candidate", &candidate.to_string(), "--out", dir.join("outside.pdf").to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    // A copy opened in a PDF viewer lives in the data folder's opened/ until an erasure.
    std::fs::create_dir_all(dir.join("opened")).unwrap();
    std::fs::rename(dir.join("outside.pdf"), dir.join("opened/R-TEST.pdf")).unwrap();
    assert!(!files_containing(dir, TOKEN).is_empty(), "the token was planted");
    candidate
}

#[test]
fn erasure_leaves_no_trace_of_the_candidate_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let candidate = planted(dir.path());
    // Another candidate, to show erasure takes only what it should.
    let mut store = Store::open_in(dir.path()).unwrap();
    let other = scored_candidate(&mut store, "Kept Person", &["Dana Okafor"], "Other notes.", "Other summary.");
    drop(store);

    let output = rung_in(dir.path(), &["erase", "--candidate", &candidate.to_string(), "--yes"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let said = text(&output.stdout);
    assert!(
        said.contains(&format!("Erased candidate {candidate}: 3 scorecard(s), 1 decision(s), 1 report(s)")),
        "{said}"
    );

    let found = files_containing(dir.path(), TOKEN);
    assert!(found.is_empty(), "the token survives in {found:?}");
    let found = files_containing(dir.path(), "Robin");
    assert!(found.is_empty(), "the first name survives in {found:?}");

    let store = Store::open_in(dir.path()).unwrap();
    assert!(store.candidate(candidate).is_err());
    assert_eq!(store.candidate(other).unwrap().name, "Kept Person");
    assert_eq!(store.scorecards_of(other).unwrap().len(), 3, "the other candidate is untouched");
    assert!(store.check().unwrap().problems().is_empty(), "{:?}", store.check().unwrap().problems());
    let conn = raw(store.path());
    let (action, payload): (String, String) = conn
        .query_row("SELECT action, payload FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(action, "candidate.erase");
    assert!(payload.contains("\"scorecards\":3") && !payload.contains("Robin"), "{payload}");
    let anonymous: i64 = conn.query_row("SELECT count(*) FROM anonymous_outcomes", [], |r| r.get(0)).unwrap();
    assert_eq!(anonymous, 0, "nothing kept unless asked");
    let verified = rung_in(dir.path(), &["audit", "verify"]);
    assert!(verified.status.success(), "{}", text(&verified.stderr));
}

#[test]
fn erasure_can_keep_the_outcome_anonymously_and_purge_older_copies() {
    let dir = tempfile::tempdir().unwrap();
    let candidate = planted(dir.path());
    // A safety copy in the data folder, as a restore leaves one.
    let backup = dir.path().join("backup.db");
    assert!(rung_in(dir.path(), &["backup", backup.to_str().unwrap()]).status.success());
    let restored = rung_in(dir.path(), &["restore", backup.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    std::fs::remove_file(&backup).unwrap();

    let output = rung_in(dir.path(), &["erase", "--candidate", &candidate.to_string(), "--yes", "--keep-anonymous"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let said = text(&output.stdout);
    assert!(said.contains("older copy(ies) in the data folder"), "{said}");
    assert!(said.contains("still holds the candidate: "), "{said}");
    let left = files_containing(dir.path(), TOKEN);
    assert!(!left.is_empty() && left.iter().all(|f| f.contains("rung.db.pre-restore")), "{left:?}");

    // Erasing again is refused (the candidate is gone); purging needs a candidate to
    // erase, so a second candidate's erasure purges the copies.
    let mut store = Store::open_in(dir.path()).unwrap();
    let second = scored_candidate(&mut store, "Second Person", &["Lee Park"], "n", "s");
    drop(store);
    let output = rung_in(dir.path(), &["erase", "--candidate", &second.to_string(), "--yes", "--purge-backups"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("deleted "), "{}", text(&output.stdout));
    assert!(files_containing(dir.path(), TOKEN).is_empty());

    let conn = raw(&dir.path().join("rung.db"));
    let (outcome, band, scores): (String, String, String) = conn
        .query_row("SELECT outcome, band, scores_json FROM anonymous_outcomes ORDER BY id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((outcome.as_str(), band.as_str()), ("hire", "maturing"));
    assert!(scores.contains("\"score\":3") && !scores.contains("notes"), "{scores}");
}

#[test]
fn erasure_asks_for_confirmation_and_respects_a_legal_hold() {
    let dir = tempfile::tempdir().unwrap();
    let candidate = planted(dir.path());
    let id = candidate.to_string();
    // Outside an erasure, sealed records and issued reports cannot be deleted.
    let conn = raw(&dir.path().join("rung.db"));
    for sql in ["DELETE FROM ratings", "DELETE FROM scorecards", "DELETE FROM decisions", "DELETE FROM reports"] {
        let error = conn.execute(sql, []).unwrap_err().to_string();
        assert!(error.contains("sealed") || error.contains("kept until its candidate is erased"), "{sql}: {error}");
    }
    drop(conn);

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rung"))
        .args(["--data-dir", dir.path().to_str().unwrap(), "erase", "--candidate", &id])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(b"no\n").unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("Type the candidate id"), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("not confirmed: nothing was erased"), "{}", text(&output.stderr));

    assert!(rung_in(dir.path(), &["hold", "--candidate", &id]).status.success());
    let output = rung_in(dir.path(), &["erase", "--candidate", &id, "--yes"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("on legal hold"), "{}", text(&output.stderr));
    let listed = rung_in(dir.path(), &["retention", "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(entries[0]["legal_hold"], true);
    assert_eq!(entries[0]["due"], false);

    assert!(rung_in(dir.path(), &["hold", "--candidate", &id, "--release"]).status.success());
    // A one-month period does not make a fresh candidate due.
    let listed = rung_in(dir.path(), &["retention", "--months", "1", "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(entries[0]["due"], false);
    let output = rung_in(dir.path(), &["erase", "--candidate", &id, "--yes"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}
