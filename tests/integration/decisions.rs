//! The panel's decision and calibration on a real database: recorded once and sealed, an
//! override needs a reason, a change is an amendment with a reason, raw edits are refused,
//! and calibration reads only submitted scorecards.

use rung::debrief;
use rung::decision::{NewDecision, Outcome};
use rung::ladder::Band;
use rung::store::Store;

use crate::store_support::{coordinator, raw};

fn decide(outcome: Outcome, role: Option<&str>, band: Option<Band>, reason: Option<&str>) -> NewDecision {
    NewDecision { outcome, role_key: role.map(str::to_owned), band, reason: reason.map(str::to_owned) }
}

#[test]
fn a_decision_is_sealed_overrides_need_a_reason_and_changes_are_amendments() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = rung::demo::create_demo(&mut store).unwrap().candidate_id;
    let senior = Some("senior-application-support-engineer");

    let actor = coordinator(&store);
    let error = debrief::record_decision(
        &mut store,
        actor,
        candidate,
        &decide(Outcome::Hire, senior, Some(Band::Performing), None),
    )
    .unwrap_err();
    assert!(error.to_string().contains("differs from Rung's recommendation: say why"), "{error}");
    let actor = coordinator(&store);
    let error =
        debrief::record_decision(&mut store, actor, candidate, &decide(Outcome::Hire, None, None, None)).unwrap_err();
    assert!(error.to_string().contains("A hire needs the role and band"), "{error}");

    let actor = coordinator(&store);
    let first = debrief::record_decision(
        &mut store,
        actor,
        candidate,
        &decide(Outcome::Hire, senior, Some(Band::Exceeding), None),
    )
    .unwrap();
    assert!(!first.overrides, "as recommended");
    assert_eq!(rung::decision::seal(&first), first.seal_sha256);

    let actor = coordinator(&store);
    let error =
        debrief::record_decision(&mut store, actor, candidate, &decide(Outcome::Hold, None, None, None)).unwrap_err();
    assert!(error.to_string().contains("needs a reason"), "{error}");
    let actor = coordinator(&store);
    let second = debrief::record_decision(
        &mut store,
        actor,
        candidate,
        &decide(Outcome::Hold, None, None, Some("Budget frozen until the new quarter")),
    )
    .unwrap();
    assert_eq!(second.amends, Some(first.id));
    assert_eq!(store.decision(candidate).unwrap().unwrap(), second);
    assert_eq!(store.decision_history(candidate).unwrap(), vec![first.clone(), second]);
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap().problems());

    let conn = raw(&dir.path().join(rung::store::DB_FILE));
    let refused = conn.execute("UPDATE decisions SET band = 'performing' WHERE id = ?1", [first.id]).unwrap_err();
    assert!(refused.to_string().contains("decision is sealed"), "{refused}");
    assert!(conn.execute("DELETE FROM decisions WHERE id = ?1", [first.id]).is_err());
    // Behind a dropped and recreated trigger, `db check` still sees the change.
    let trigger: String = conn
        .query_row("SELECT sql FROM sqlite_schema WHERE name = 'sealed_decision_update'", [], |row| row.get(0))
        .unwrap();
    conn.execute_batch("DROP TRIGGER sealed_decision_update; UPDATE decisions SET reason = 'rewritten' WHERE amends_decision_id IS NOT NULL;")
        .unwrap();
    conn.execute_batch(&trigger).unwrap();
    let problems = store.check().unwrap().problems();
    assert!(problems.iter().any(|p| p.contains("was changed after it was sealed")), "{problems:?}");
}

#[test]
fn a_decision_is_previewed_in_words_checked_as_recording_checks_and_recorded_as_the_coordinator_acting() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = rung::demo::create_demo(&mut store).unwrap().candidate_id;
    let senior = Some("senior-application-support-engineer");
    let actor = coordinator(&store);
    let coordinator_name = store.interviewer(actor.person().unwrap()).unwrap().name;

    // The preview refuses what recording refuses, with the same sentence, and seals nothing.
    let override_without_reason = decide(Outcome::Hire, senior, Some(Band::Performing), None);
    let previewed = debrief::preview_decision(&store, actor, candidate, &override_without_reason).unwrap_err();
    let recorded = debrief::record_decision(&mut store, actor, candidate, &override_without_reason).unwrap_err();
    assert_eq!(previewed.to_string(), recorded.to_string());
    let panelist = rung::actor::actor_named(&store, "Priya Natarajan").unwrap();
    let by_panelist = debrief::preview_decision(&store, panelist, candidate, &decide(Outcome::Hold, None, None, None));
    assert!(by_panelist.unwrap_err().to_string().contains("Only a coordinator"));

    // What it says is what the debrief shows once sealed, and who decided is the actor.
    let hire = decide(Outcome::Hire, senior, Some(Band::Exceeding), None);
    let preview = debrief::preview_decision(&store, actor, candidate, &hire).unwrap();
    assert_eq!(preview.sentence, "Hire as L2 Senior Application Support Engineer, in the Exceeding band.");
    assert!(!preview.overrides && !preview.amends);
    assert_eq!(preview.decided_by, coordinator_name);
    assert!(store.decision(candidate).unwrap().is_none(), "a preview seals nothing");
    let sealed = debrief::record_decision(&mut store, actor, candidate, &hire).unwrap();
    assert_eq!(sealed.decided_by, coordinator_name, "the coordinator recording it, never a typed name");
    let shown = debrief::debrief(&store, actor, candidate).unwrap();
    assert_eq!(shown.decision_words[&sealed.id], preview.sentence);

    let hold = decide(Outcome::Hold, None, None, Some("Budget frozen"));
    let amending = debrief::preview_decision(&store, actor, candidate, &hold).unwrap();
    assert!(amending.amends);
    assert_eq!(amending.sentence, "On hold: not decided yet.");
    let no_hire = decide(Outcome::NoHire, senior, Some(Band::Maturing), Some("Not this cycle"));
    assert_eq!(
        debrief::preview_decision(&store, actor, candidate, &no_hire).unwrap().sentence,
        "Do not hire (considered as L2 Senior Application Support Engineer, in the Maturing band)."
    );
}

#[test]
fn calibration_compares_each_interviewer_with_the_panel_and_the_decision() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = rung::demo::create_demo(&mut store).unwrap().candidate_id;
    let actor = coordinator(&store);
    debrief::record_decision(&mut store, actor, candidate, &decide(Outcome::NoHire, None, None, None)).unwrap();
    let rows = debrief::calibration(&store, coordinator(&store)).unwrap();
    assert_eq!(rows.len(), 3, "one row per interviewer with submitted scorecards");
    let total_ratings: u32 = rows.iter().map(|r| r.calibration.ratings).sum();
    assert_eq!(total_ratings, 17, "every assessed rating of the demo (one was left unassessed)");
    assert_eq!(rows.iter().map(|r| r.calibration.focus_unassessed).sum::<u32>(), 1);
    // Every demo interviewer said yes; the decision was no hire.
    assert!(rows.iter().all(|r| r.calibration.decisions_compared == 1 && r.calibration.decisions_disagreed == 1));
    // The demo's characteristics are rated by two interviewers each, so the panel score is
    // their mean and differences cancel; a few ratings are too few to call anyone lenient.
    let sum: f64 =
        rows.iter().filter_map(|r| r.calibration.mean_difference.map(|d| d * f64::from(r.calibration.ratings))).sum();
    assert!(sum.abs() < 1e-9, "{sum}");
    assert!(rows.iter().all(|r| r.calibration.reading == "too few ratings to tell"));
}
