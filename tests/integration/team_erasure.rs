//! Erasure across the team: the coordinator erases a candidate on their laptop; the
//! server deletes every row about them and keeps a tombstone with no personal data; every
//! other laptop erases them at its next sync, including one that was offline with a
//! scorecard for them still waiting (which is dropped, not resurrected on the server).

use rung::scorecard::Overall;
use rung::store::RatingChange;

use crate::store_support::{seed_candidate, text};
use crate::team_support::{Laptop, Postgres, ONE_SERVER_AT_A_TIME};

const NAME: &str = "Erin Vale";

#[test]
fn an_erasure_reaches_the_server_and_every_laptop_and_nothing_comes_back() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start();
    pg.set_up_team(&[("cora", true), ("ana", false)]);
    let cora = Laptop::new("cora");
    let candidate = seed_candidate(&mut cora.store(), NAME);
    cora.connect(&pg, "Cora Diaz");
    let ana = Laptop::new("ana");
    ana.connect(&pg, "Ana Ruiz");
    cora.sync();
    {
        let mut store = cora.store();
        let member = store.interviewer_with_login("ana").unwrap().unwrap();
        for interview in store.panel(candidate).unwrap() {
            store.assign_interviewer(interview.id, Some(member)).unwrap();
        }
    }
    cora.sync();
    ana.sync();

    // Ana submits one scorecard and shares it, then a second one waits (offline).
    let submit_one = |laptop: &Laptop| {
        let mut store = laptop.store();
        let me = store.team_binding().unwrap().unwrap().interviewer_id;
        let here = store.candidates().unwrap()[0].id;
        let started: Vec<Option<i64>> = store.scorecards_of(here).unwrap().iter().map(|c| c.interview_id).collect();
        let interview = store.panel(here).unwrap().into_iter().find(|i| !started.contains(&Some(i.id))).unwrap();
        let card = store.start_scorecard(here, me, Some(interview.id)).unwrap();
        let focus = &interview.focus[0];
        let change = RatingChange {
            role_key: focus.role_key.clone(),
            characteristic_key: focus.characteristic_key.clone(),
            score: Some(2),
            notes: "ERIN-EVIDENCE".into(),
        };
        store.save_rating(me, card, &change).unwrap();
        store.save_overall(me, card, Some(Overall::No), None, "").unwrap();
        store.submit_scorecard(me, card).unwrap();
    };
    submit_one(&ana);
    ana.sync();
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.scorecards"), "1");
    submit_one(&ana);

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
