//! Attacks on bundle import, each replayed through the real CLI: a person edits a bundle
//! file (and recomputes its seals, and signs it again with a key of their own) to change
//! scores, hand scorecards to another candidate or interview, double a panel, or slip in
//! what the ladder does not have. Every one is refused with a sentence that names the
//! scorecard, and the coordinator's database is byte for byte what it was.

use std::path::{Path, PathBuf};

use rung::bundle_format::BundledScorecard;
use rung::store::Store;
use rung_core::signing::KeyPair;

use crate::report_support::scored_candidate;
use crate::store_support::{checkpointed_bytes, raw, rung_in, seed_candidate, text, COORDINATOR};

const NAME: &str = "Jo Müller";
const INTERVIEWERS: [&str; 2] = ["Dana Okafor", "Lee Park"];

fn count(dir: &Path, table: &str) -> i64 {
    raw(&dir.join("rung.db")).query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// The bundle the laptop's acting person (its coordinator) may export.
fn export(dir: &Path, candidate: i64, name: &str) -> PathBuf {
    export_as(dir, candidate, name, &[])
}

/// The bundle exported by whoever `who` names (`--as NAME`), or the acting person.
fn export_as(dir: &Path, candidate: i64, name: &str, who: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let candidate = candidate.to_string();
    let mut args = who.to_vec();
    args.extend(["bundle", "export", "--candidate", &candidate, "--out", out.to_str().unwrap()]);
    let output = rung_in(dir, &args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    out
}

/// An interviewer's laptop with Jo scored by Dana and Lee, and its bundle.
fn laptop() -> (tempfile::TempDir, PathBuf) {
    let laptop = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(laptop.path()).unwrap();
    let candidate = scored_candidate(&mut store, NAME, &INTERVIEWERS, "Clear example.", "Would hire.");
    drop(store);
    let bundle = export(laptop.path(), candidate, "bundle.json");
    (laptop, bundle)
}

fn coordinator() -> (tempfile::TempDir, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = seed_candidate(&mut store, NAME);
    (dir, candidate)
}

fn json(bundle: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(bundle).unwrap()).unwrap()
}

fn write(bundle: &Path, name: &str, value: &serde_json::Value) -> PathBuf {
    let out = bundle.with_file_name(name);
    std::fs::write(&out, serde_json::to_vec_pretty(value).unwrap()).unwrap();
    out
}

/// Recomputes every card's seal, as anyone can: a seal is a content hash.
fn reseal(value: &mut serde_json::Value) {
    for card in value["scorecards"].as_array_mut().unwrap() {
        let parsed: BundledScorecard = serde_json::from_value(card.clone()).unwrap();
        let seal = rung::scorecard::seal(&parsed.as_source_scorecard(), &parsed.submitted_at);
        card["seal_sha256"] = serde_json::json!(seal);
    }
}

/// Re-seals, then signs every card again with `key`, so each signature holds.
fn resign(value: &mut serde_json::Value, key: &KeyPair) {
    reseal(value);
    for card in value["scorecards"].as_array_mut().unwrap() {
        let parsed: BundledScorecard = serde_json::from_value(card.clone()).unwrap();
        let signature = key.sign(&parsed.statement().unwrap());
        card["signature"]["public_key"] = serde_json::json!(signature.public_key);
        card["signature"]["signature"] = serde_json::json!(signature.signature);
    }
}

fn import(dir: &Path, bundle: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["bundle", "import", bundle.to_str().unwrap()];
    args.extend(extra);
    rung_in(dir, &args)
}

/// The import is refused with `reason` and the database is byte for byte as it was.
fn refused(dir: &Path, bundle: &Path, extra: &[&str], reason: &str) {
    let before = checkpointed_bytes(&dir.join("rung.db"));
    let output = import(dir, bundle, extra);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{}{stderr}", text(&output.stdout));
    assert!(stderr.contains(reason), "expected {reason:?} in {stderr}");
    assert!(stderr.contains("Nothing was imported"), "{stderr}");
    assert!(!stderr.contains("constraint") && !stderr.contains("database reported"), "a database message: {stderr}");
    assert!(checkpointed_bytes(&dir.join("rung.db")) == before, "a refused bundle changed the database");
}

fn first_interview(dir: &Path) -> String {
    raw(&dir.join("rung.db")).query_row("SELECT name FROM interviews ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_resealed_tampered_scorecard_is_refused_by_its_signature() {
    let (_laptop, bundle) = laptop();
    let (coordinator, _) = coordinator();
    let dir = coordinator.path();
    type Edit = fn(&mut serde_json::Value);
    let edits: [(&str, Edit); 5] = [
        ("score", |b| b["scorecards"][1]["ratings"][0]["score"] = serde_json::json!(1)),
        ("notes", |b| b["scorecards"][1]["ratings"][0]["notes"] = serde_json::json!("Weak.")),
        ("summary", |b| b["scorecards"][0]["summary"] = serde_json::json!("Would not hire.")),
        ("overall", |b| b["scorecards"][0]["overall"] = serde_json::json!("strong_no")),
        ("level opinion", |b| b["scorecards"][0]["level_opinion"] = serde_json::json!("application-support-engineer")),
    ];
    for (what, edit) in edits {
        let mut value = json(&bundle);
        edit(&mut value);
        reseal(&mut value);
        let tampered = write(&bundle, &format!("tampered-{}.json", what.replace(' ', "-")), &value);
        refused(dir, &tampered, &[], "carries a signature that does not hold for it");
    }
    // Signed again with another key under a name this laptop already knows: refused.
    let genuine = import(dir, &bundle, &[]);
    assert!(genuine.status.success(), "{}", text(&genuine.stderr));
    // Dana's and Lee's keys are known here now; a forger writes scorecards "by Dana" for
    // another candidate and signs them with a key of their own.
    let mut store = Store::open_in(dir).unwrap();
    seed_candidate(&mut store, "Sam Ortiz");
    drop(store);
    let mut value = json(&bundle);
    value["candidate"]["name"] = serde_json::json!("Sam Ortiz");
    for card in value["scorecards"].as_array_mut().unwrap() {
        card["signature"]["candidate"] = serde_json::json!("Sam Ortiz");
        card["summary"] = serde_json::json!("Would not hire.");
    }
    resign(&mut value, &KeyPair::generate().unwrap());
    let forged = write(&bundle, "forged.json", &value);
    refused(dir, &forged, &[], "is signed with a key this laptop does not know for Dana Okafor");
    let check = rung_in(dir, &["db", "check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}

#[test]
fn scorecards_cannot_be_moved_to_another_candidate() {
    let (_laptop, bundle) = laptop();
    let (coordinator, _) = coordinator();
    let dir = coordinator.path();
    let mut store = Store::open_in(dir).unwrap();
    seed_candidate(&mut store, "Someone Else");
    drop(store);
    let mut value = json(&bundle);
    value["candidate"]["name"] = serde_json::json!("Someone Else");
    let moved = write(&bundle, "moved.json", &value);
    refused(dir, &moved, &[], "was sealed for Jo Müller");
    // The signed name changed too: the signature no longer holds.
    for card in value["scorecards"].as_array_mut().unwrap() {
        card["signature"]["candidate"] = serde_json::json!("Someone Else");
    }
    let moved = write(&bundle, "moved-signed.json", &value);
    refused(dir, &moved, &[], "carries a signature that does not hold");
}

#[test]
fn a_bundle_cannot_add_scorecards_to_a_panel_or_claim_interviews_that_are_not_its_own() {
    let (_laptop, bundle) = laptop();
    let (coordinator, candidate) = coordinator();
    let dir = coordinator.path();
    // Six scorecards for a panel of three: each card twice.
    let mut value = json(&bundle);
    let cards = value["scorecards"].as_array().unwrap().clone();
    value["scorecards"].as_array_mut().unwrap().extend(cards);
    let doubled = write(&bundle, "doubled.json", &value);
    refused(dir, &doubled, &[], "are both for the same interview");

    // An interview this panel does not have.
    let interview = first_interview(dir);
    let conn = raw(&dir.join("rung.db"));
    conn.execute("UPDATE interviews SET name = 'Take-home' WHERE name = ?1", [&interview]).unwrap();
    drop(conn);
    refused(
        dir,
        &bundle,
        &[],
        &format!("is for the interview \u{201c}{interview}\u{201d}, which Jo Müller's panel here does not have"),
    );
    let conn = raw(&dir.join("rung.db"));
    conn.execute("UPDATE interviews SET name = ?1 WHERE name = 'Take-home'", [&interview]).unwrap();
    drop(conn);

    // Another interviewer's interview: here, the first interview is Lee's.
    let mut store = Store::open_in(dir).unwrap();
    let lee = store.create_interviewer("Lee Park", None).unwrap();
    let first = store.panel(candidate).unwrap()[0].id;
    store.assign_interviewer(first, Some(lee)).unwrap();
    drop(store);
    refused(dir, &bundle, &[], "which is Lee Park's interview here");
}

#[test]
fn a_scorecard_without_an_interview_is_refused() {
    let other_laptop = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(other_laptop.path()).unwrap();
    let candidate = seed_candidate(&mut store, NAME);
    let dana = store.create_interviewer("Dana Okafor", None).unwrap();
    let card = store.start_scorecard(candidate, dana, None).unwrap();
    store.submit_scorecard(dana, card).unwrap();
    drop(store);
    // Outside the plan, only Dana may export it: her own.
    let bundle = export_as(other_laptop.path(), candidate, "bundle.json", &["--as", "Dana Okafor"]);
    let (coordinator, _) = coordinator();
    refused(coordinator.path(), &bundle, &[], "names no interview");
    // Nulled in a bundle that had one: the signature covers the interview.
    let (_laptop, bundle) = laptop();
    let mut value = json(&bundle);
    value["scorecards"][0]["interview"] = serde_json::Value::Null;
    reseal(&mut value);
    refused(coordinator.path(), &write(&bundle, "null.json", &value), &[], "does not hold");
}

#[test]
fn an_amendment_only_amends_its_own_interviewers_scorecard() {
    let laptop = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(laptop.path()).unwrap();
    let candidate = scored_candidate(&mut store, NAME, &INTERVIEWERS, "Clear example.", "Would hire.");
    let cards = store.scorecards_of(candidate).unwrap();
    let dana = cards[0].interviewer_id;
    let amendment = store.amend_scorecard(dana, cards[0].id, "Misread my notes").unwrap();
    store.submit_scorecard(dana, amendment).unwrap();
    drop(store);
    let bundle = export(laptop.path(), candidate, "bundle.json");
    let (coordinator, _) = coordinator();
    let dir = coordinator.path();
    // Pointed at Lee's scorecard instead, re-sealed and signed by the attacker's own key.
    let mut value = json(&bundle);
    let lee_source = value["scorecards"][1]["source"]["scorecard"].clone();
    let amendment = value["scorecards"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| !c["source"]["amends_scorecard"].is_null())
        .unwrap();
    amendment["source"]["amends_scorecard"] = lee_source;
    resign(&mut value, &KeyPair::generate().unwrap());
    refused(dir, &write(&bundle, "amends-lee.json", &value), &[], "which is not the same interviewer's scorecard");
    // The genuine bundle, amendment included, imports.
    let output = import(dir, &bundle, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("imported 4 scorecard(s)"), "{}", text(&output.stdout));
}

#[test]
fn ratings_outside_the_snapshot_and_unknown_formats_are_refused() {
    let (_laptop, bundle) = laptop();
    let (coordinator, _) = coordinator();
    let dir = coordinator.path();
    let key = KeyPair::generate().unwrap();

    let mut value = json(&bundle);
    value["scorecards"][0]["ratings"][0]["role_key"] = serde_json::json!("chief-technology-officer");
    resign(&mut value, &key);
    refused(dir, &write(&bundle, "role.json", &value), &[], "which the ladder it was scored on does not have");

    let mut value = json(&bundle);
    value["scorecards"][0]["ratings"][0]["score"] = serde_json::json!(9);
    resign(&mut value, &key);
    refused(dir, &write(&bundle, "scale.json", &value), &[], "outside the ladder's scale of 1 to 4");

    let mut value = json(&bundle);
    let rating = value["scorecards"][0]["ratings"][0].clone();
    value["scorecards"][0]["ratings"] = serde_json::Value::Array(vec![rating; 20_000]);
    resign(&mut value, &key);
    refused(dir, &write(&bundle, "many.json", &value), &[], "twice");

    for (format, reason) in
        [(0, "format 0, which no Rung ever wrote"), (1, "did not sign scorecards"), (3, "Update Rung")]
    {
        let mut value = json(&bundle);
        value["format"] = serde_json::json!(format);
        refused(dir, &write(&bundle, "format.json", &value), &[], reason);
    }

    // A key twice: a reader sees one score, serde would keep the other.
    let original = std::fs::read_to_string(&bundle).unwrap();
    let twice = original.replacen("\"score\": 3,", "\"score\": 3, \"score\": 1,", 1);
    assert_ne!(twice, original);
    let path = bundle.with_file_name("twice.json");
    std::fs::write(&path, twice).unwrap();
    refused(dir, &path, &[], "repeats the key \"score\"");
}

#[test]
fn a_name_padded_with_spaces_is_the_same_person() {
    let (_laptop, bundle) = laptop();
    let (coordinator, _) = coordinator();
    let dir = coordinator.path();
    let mut store = Store::open_in(dir).unwrap();
    store.create_interviewer("Dana Okafor", None).unwrap();
    drop(store);
    let mut value = json(&bundle);
    for card in value["scorecards"].as_array_mut().unwrap() {
        let padded = format!("  {}  ", card["interviewer"].as_str().unwrap().replace(' ', "  ").to_lowercase());
        card["interviewer"] = serde_json::json!(padded);
    }
    value["candidate"]["name"] = serde_json::json!(" jo  müller ");
    let padded = write(&bundle, "padded.json", &value);
    let output = import(dir, &padded, &[]);
    // Whitespace is not part of a signed name, but case is: the signature no longer holds.
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("does not hold"), "{}", text(&output.stderr));
    // Padding alone keeps the signature and finds the Dana already here.
    let mut value = json(&bundle);
    for card in value["scorecards"].as_array_mut().unwrap() {
        let padded = format!(" {} ", card["interviewer"].as_str().unwrap().replace(' ', "\u{a0} "));
        card["interviewer"] = serde_json::json!(padded);
    }
    let padded = write(&bundle, "padded-only.json", &value);
    let output = import(dir, &padded, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let names: Vec<String> = {
        let conn = raw(&dir.join("rung.db"));
        let mut statement = conn.prepare("SELECT name FROM interviewers ORDER BY name").unwrap();
        statement.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    // The coordinator importing, then Dana once and Lee.
    assert_eq!(names, [COORDINATOR, "Dana Okafor", "Lee Park"], "no second Dana, names kept in their plain form");
}

#[test]
fn the_demo_candidates_panel_is_not_doubled_and_the_same_seal_is_already_here() {
    let demo = |dir: &Path| {
        let output = rung_in(dir, &["demo"]);
        assert!(output.status.success(), "{}", text(&output.stderr));
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    demo(a.path());
    demo(b.path());
    let bundle = export(a.path(), 1, "demo.json");
    let recommend = |dir: &Path| text(&rung_in(dir, &["recommend", "--candidate", "1", "--json"]).stdout);
    let before = (recommend(b.path()), count(b.path(), "scorecards"));
    assert!(before.0.contains("\"role\""), "{}", before.0);
    refused(b.path(), &bundle, &[], "would be a second sealed scorecard by the same interviewer");
    assert_eq!((recommend(b.path()), count(b.path(), "scorecards")), before, "the panel is not doubled");

    // Brought back to where it was made, it is already here: not an error, nothing added.
    let home = import(a.path(), &bundle, &[]);
    assert!(home.status.success(), "{}", text(&home.stderr));
    assert!(
        text(&home.stdout).contains("imported 0 scorecard(s)") && text(&home.stdout).contains("3 were already here")
    );
}

#[test]
fn a_second_laptop_of_a_known_interviewer_is_trusted_by_hand() {
    let (_laptop, bundle) = laptop();
    let (coordinator, _) = coordinator();
    let dir = coordinator.path();
    assert!(import(dir, &bundle, &[]).status.success());
    let mut store = Store::open_in(dir).unwrap();
    seed_candidate(&mut store, "Sam Ortiz");
    drop(store);
    // Dana scores Sam on another laptop: a key of her own there, unknown here.
    let second = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(second.path()).unwrap();
    let sam = scored_candidate(&mut store, "Sam Ortiz", &["Dana Okafor"], "Fine.", "Would hire.");
    drop(store);
    let bundle = export(second.path(), sam, "sam.json");
    let output = import(dir, &bundle, &[]);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("a key this laptop does not know for Dana Okafor"), "{stderr}");
    let command = stderr.split("trust it: ").nth(1).unwrap().split(" Nothing was imported").next().unwrap();
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    assert_eq!(args[..2], ["keys", "trust"]);
    let trusted = rung_in(dir, &args);
    assert!(trusted.status.success(), "{}", text(&trusted.stderr));
    let listed = text(&rung_in(dir, &["keys", "list"]).stdout);
    assert!(
        listed.contains("Dana Okafor") && listed.contains("from trusted") && listed.contains("from bundle"),
        "{listed}"
    );
    let output = import(dir, &bundle, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let check = rung_in(dir, &["db", "check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}
