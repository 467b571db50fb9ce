//! Scorecards between machines: an interviewer's laptop exports a candidate's sealed
//! scorecards, the coordinator's database imports them and can debrief; importing twice
//! adds nothing; an altered score, a broken seal, a missing ladder or the wrong
//! candidate is refused with a reason and nothing is written.

use std::path::Path;

use rung::store::Store;

use crate::report_support::scored_candidate;
use crate::store_support::{raw, rung_in, seed_candidate, text};

const NAME: &str = "Jo Müller";

fn count(dir: &Path, table: &str) -> i64 {
    raw(&dir.join("rung.db")).query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// The laptop's bundle for the candidate, written to `laptop/bundle.json`.
fn laptop_bundle(laptop: &Path) -> std::path::PathBuf {
    let mut store = Store::open_in(laptop).unwrap();
    let candidate = scored_candidate(&mut store, NAME, &["Dana Okafor", "Lee Park"], "Clear example.", "Would hire.");
    drop(store);
    let out = laptop.join("bundle.json");
    let output =
        rung_in(laptop, &["bundle", "export", "--candidate", &candidate.to_string(), "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("3 sealed scorecard(s) for Jo Müller"), "{}", text(&output.stdout));
    out
}

fn coordinator_with_candidate(dir: &Path) -> i64 {
    let mut store = Store::open_in(dir).unwrap();
    seed_candidate(&mut store, NAME)
}

fn import(dir: &Path, bundle: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["bundle", "import", bundle.to_str().unwrap()];
    args.extend(extra);
    rung_in(dir, &args)
}

#[test]
fn a_bundle_moves_a_panels_scorecards_to_the_coordinator_once() {
    let laptop = tempfile::tempdir().unwrap();
    let coordinator = tempfile::tempdir().unwrap();
    let bundle = laptop_bundle(laptop.path());
    let candidate = coordinator_with_candidate(coordinator.path());
    let closed = rung_in(coordinator.path(), &["recommend", "--candidate", &candidate.to_string()]);
    assert_eq!(closed.status.code(), Some(1), "no debrief before the scorecards arrive");

    let output = import(coordinator.path(), &bundle, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("imported 3 scorecard(s) for Jo Müller"), "{}", text(&output.stdout));

    // The coordinator's debrief opens and says what the laptop's says.
    let here = rung_in(coordinator.path(), &["recommend", "--candidate", &candidate.to_string(), "--json"]);
    let there = rung_in(laptop.path(), &["recommend", "--candidate", "1", "--json"]);
    assert!(here.status.success(), "{}", text(&here.stderr));
    let (here, there): (serde_json::Value, serde_json::Value) =
        (serde_json::from_slice(&here.stdout).unwrap(), serde_json::from_slice(&there.stdout).unwrap());
    assert_eq!(here["role"], there["role"]);
    assert_eq!(here["band"], there["band"]);
    assert_eq!(here["roles"], there["roles"]);
    let checked = rung_in(coordinator.path(), &["db", "check"]);
    assert!(checked.status.success(), "{}{}", text(&checked.stdout), text(&checked.stderr));

    // Brought back to the laptop it came from, the bundle adds nothing there either.
    let home = import(laptop.path(), &bundle, &[]);
    assert!(home.status.success(), "{}", text(&home.stderr));
    assert!(
        text(&home.stdout).contains("imported 0 scorecard(s)") && text(&home.stdout).contains("3 were already here")
    );

    let before = (count(coordinator.path(), "scorecards"), count(coordinator.path(), "audit_log"));
    let again = import(coordinator.path(), &bundle, &[]);
    assert!(again.status.success());
    assert!(
        text(&again.stdout).contains("imported 0 scorecard(s)") && text(&again.stdout).contains("3 were already here")
    );
    assert_eq!((count(coordinator.path(), "scorecards"), count(coordinator.path(), "audit_log")), before);
}

fn tampered(bundle: &Path, change: impl Fn(&mut serde_json::Value)) -> std::path::PathBuf {
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(bundle).unwrap()).unwrap();
    change(&mut value);
    let out = bundle.with_file_name("tampered.json");
    std::fs::write(&out, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    out
}

fn refused(dir: &Path, bundle: &Path, extra: &[&str], reason: &str) {
    let before = (count(dir, "scorecards"), count(dir, "ladders"), count(dir, "audit_log"), count(dir, "interviewers"));
    let output = import(dir, bundle, extra);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    assert!(text(&output.stderr).contains(reason), "expected {reason:?} in {}", text(&output.stderr));
    let after = (count(dir, "scorecards"), count(dir, "ladders"), count(dir, "audit_log"), count(dir, "interviewers"));
    assert_eq!(before, after, "a refused bundle wrote something");
}

#[test]
fn an_altered_or_foreign_bundle_is_refused_and_nothing_is_written() {
    let laptop = tempfile::tempdir().unwrap();
    let coordinator = tempfile::tempdir().unwrap();
    let bundle = laptop_bundle(laptop.path());
    let candidate = coordinator_with_candidate(coordinator.path());
    let dir = coordinator.path();

    let score_changed = tampered(&bundle, |b| {
        let rating = &mut b["scorecards"][1]["ratings"][0];
        rating["score"] = serde_json::json!(4);
    });
    refused(dir, &score_changed, &[], "no longer matches its seal");
    let seal_broken = tampered(&bundle, |b| b["scorecards"][0]["seal_sha256"] = serde_json::json!("0".repeat(64)));
    refused(dir, &seal_broken, &[], "no longer matches its seal");
    let ladder_changed = tampered(&bundle, |b| {
        let json = b["ladder"]["snapshot_json"].as_str().unwrap().replacen("Support", "Sup port", 1);
        b["ladder"]["snapshot_json"] = serde_json::json!(json);
    });
    refused(dir, &ladder_changed, &[], "the bundle was altered");
    let not_a_bundle = bundle.with_file_name("other.json");
    std::fs::write(&not_a_bundle, b"{\"hello\": 1}").unwrap();
    refused(dir, &not_a_bundle, &[], "not a Rung scorecard bundle");

    // Another candidate, named explicitly: not the one the bundle is for.
    let mut store = Store::open_in(dir).unwrap();
    let someone_else = seed_candidate(&mut store, "Someone Else");
    drop(store);
    refused(dir, &bundle, &["--candidate", &someone_else.to_string()], "This bundle is for Jo Müller");
    // The right one, named explicitly, works.
    let output = import(dir, &bundle, &["--candidate", &candidate.to_string()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn a_ladder_the_coordinator_lacks_can_come_with_the_bundle() {
    let laptop = tempfile::tempdir().unwrap();
    let bundle = laptop_bundle(laptop.path());
    let coordinator = tempfile::tempdir().unwrap();
    drop(Store::open_in(coordinator.path()).unwrap());
    let dir = coordinator.path();
    assert_eq!(count(dir, "ladders"), 0);

    refused(dir, &bundle, &[], "which this database does not have");
    // With the ladder, but no such candidate here: still all or nothing (no ladder left behind).
    refused(dir, &bundle, &["--import-ladder"], "No candidate here is Jo Müller");
}
