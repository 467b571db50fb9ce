//! Erasure across the team: the coordinator erases a candidate on their laptop; the
//! server deletes every row about them and keeps a tombstone with no personal data; every
//! other laptop erases them at its next sync, including one that was offline with a
//! scorecard for them still waiting (which is dropped, not resurrected on the server).

use crate::store_support::text;
use crate::team_support::{Postgres, Team, ONE_SERVER_AT_A_TIME};

const NAME: &str = "Erin Vale";

#[test]
fn an_erasure_reaches_the_server_and_every_laptop_and_nothing_comes_back() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start();
    pg.set_up_team(&[("cora", true), ("ana", false)]);
    let team = Team::with_panels(&pg, &[NAME], &[("ana", "Ana Ruiz")]);
    let (cora, ana, candidate) = (&team.coordinator, &team.interviewers[0], team.candidates[0]);

    // Ana scores her interviews as drafts, submits one and shares it; a second one she
    // submits while offline, so it waits.
    ana.score_assigned(2, "ERIN-EVIDENCE", false);
    let store = ana.store();
    let me = store.team_binding().unwrap().unwrap().interviewer_id;
    let drafts: Vec<i64> =
        store.scorecards_of(store.candidates().unwrap()[0].id).unwrap().iter().map(|c| c.id).collect();
    drop(store);
    let submit_one = |n: usize| ana.store().submit_scorecard(me, drafts[n]).unwrap();
    submit_one(0);
    ana.sync();
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.scorecards"), "1");
    submit_one(1);

    // The coordinator erases them and syncs.
    let erased = cora.rung(&["erase", "--candidate", &candidate.to_string(), "--yes"]);
    assert!(erased.status.success(), "{}", text(&erased.stderr));
    assert_eq!(cora.sync()["pushed"]["erasures"], 1);
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.candidates"), "0");
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.scorecards"), "0");
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.panels"), "0");
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.erasures"), "1", "the tombstone");
    let dump = pg.dump();
    assert!(!dump.contains(NAME) && !dump.contains("ERIN-EVIDENCE"), "nothing about them is left on the server");

    // Ana's laptop: her waiting scorecard is refused by the server (the candidate is gone),
    // and the tombstone erases the candidate here.
    let output = ana.rung(&["team", "sync", "--json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["pulled"]["erasures"], 1, "{report}");
    assert!(ana.store().candidates().unwrap().is_empty(), "erased on Ana's laptop too");
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.scorecards"), "0", "nothing came back");
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.candidates"), "0");
    ana.assert_checks_pass();
    cora.assert_checks_pass();
    let bytes = std::fs::read(ana.path().join("rung.db")).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("ERIN-EVIDENCE"), "the local file holds none of it");
}
