//! Two coordinators decide at once, each on their own laptop, neither seeing the other's
//! decision. After syncing, both laptops keep both decisions, agree on which one stands (the
//! one decided last, whatever order they arrived in), and the debrief says they were
//! recorded apart so the panel can confirm or change it.

use rung::debrief;
use rung::decision::{NewDecision, Outcome};

use crate::store_support::add_coordinator;
use crate::team_support::{Laptop, Postgres, Team, ONE_SERVER_AT_A_TIME};

fn decide(laptop: &Laptop, outcome: Outcome, by: &str) {
    let mut store = laptop.store();
    let candidate = store.candidates().unwrap()[0].id;
    let decision = NewDecision { outcome, role_key: None, band: None, reason: None };
    // The decider is whoever records it: a coordinator of that name on this laptop.
    let actor = rung::actor::Actor::coordinator(
        rung::hiring::add_person(&mut store, rung::actor::Actor::NOBODY, by, None, true).unwrap().id,
    );
    debrief::record_decision(&mut store, actor, candidate, &decision).unwrap();
}

/// The decision in force and whether the debrief says they were recorded apart.
fn standing(laptop: &Laptop) -> (Outcome, String, bool) {
    let mut store = laptop.store();
    let candidate = store.candidates().unwrap()[0].id;
    let actor = add_coordinator(&mut store);
    let seen = debrief::debrief(&store, actor, candidate).unwrap();
    let decision = seen.decision.expect("a decision stands");
    (decision.outcome, decision.decided_by, seen.decided_apart)
}

#[test]
fn decisions_recorded_apart_are_both_kept_and_every_laptop_agrees_which_stands() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start();
    pg.set_up_team(&[("cora", true), ("dee", true), ("ana", false)]);
    let team = Team::with_panels(&pg, &["Rae Lund"], &[("ana", "Ana Ruiz")]);
    let (cora, ana) = (&team.coordinator, &team.interviewers[0]);
    let dee = Laptop::new("dee");
    dee.connect(&pg, "Dee Park");
    ana.score_assigned(3, "evidence", true);
    ana.sync();
    assert!(cora.sync()["pulled"]["scorecards"].as_u64().unwrap() > 0);
    assert!(dee.sync()["pulled"]["scorecards"].as_u64().unwrap() > 0, "the second coordinator has the panel too");

    // Each decides without seeing the other: Cora first, Dee a moment later.
    decide(cora, Outcome::NoHire, "Cora's panel");
    decide(&dee, Outcome::Hold, "Dee's panel");
    assert!(!standing(cora).2 && !standing(&dee).2, "alone, a decision is not 'apart'");

    // Cora's arrives at Dee's laptop after Dee's own; Dee's at Cora's after hers.
    cora.sync();
    dee.sync();
    cora.sync();
    let expected = (Outcome::Hold, "Dee's panel".to_owned(), true);
    assert_eq!(standing(cora), expected, "the one decided last stands, and the debrief says they were apart");
    assert_eq!(standing(&dee), expected, "the same on the other laptop");
    assert_eq!(cora.seals(), dee.seals(), "both keep both decisions (and every scorecard)");
    cora.assert_checks_pass();
    dee.assert_checks_pass();

    // Changing it is an amendment of the one that stands, and clears nothing else.
    {
        let mut store = cora.store();
        let candidate = store.candidates().unwrap()[0].id;
        let decision = NewDecision {
            outcome: Outcome::NoHire,
            role_key: None,
            band: None,
            reason: Some("The panel met: no hire.".into()),
        };
        let actor = add_coordinator(&mut store);
        let amended = debrief::record_decision(&mut store, actor, candidate, &decision).unwrap();
        assert!(amended.amends.is_some());
    }
    cora.sync();
    dee.sync();
    assert_eq!(standing(&dee).0, Outcome::NoHire, "the panel's amendment stands everywhere");
    assert_eq!(standing(cora).0, Outcome::NoHire);
}
