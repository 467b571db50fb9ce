//! Team mode end to end on a real PostgreSQL server: a coordinator and three interviewers,
//! each on their own laptop (data folder), each connected as their own login. The
//! interviewers score offline, sync when the server is back, the coordinator sees the
//! scorecards only as the rules allow, debriefs, decides and exports the PDF, and every
//! laptop ends with the same sealed scorecards and decision. A row changed on the server
//! is refused on pull.

use rung::debrief::{self, Viewer};
use rung::decision::{NewDecision, Outcome};
use rung::scorecard::Overall;
use rung::store::{RatingChange, Store};

use crate::store_support::{seed_candidate, text};
use crate::team_support::{Laptop, Postgres, ONE_SERVER_AT_A_TIME};

const CANDIDATE: &str = "Noor Haddad";

/// Scores and submits every interview assigned to this laptop's member, offline.
fn score_my_interviews(laptop: &Laptop, score: u8, note: &str) -> usize {
    let mut store = laptop.store();
    let me = store.team_binding().unwrap().expect("the laptop is connected").interviewer_id;
    let candidate =
        store.candidates().unwrap().into_iter().find(|c| c.name == CANDIDATE).expect("the candidate was pulled").id;
    let mine: Vec<_> = store.panel(candidate).unwrap().into_iter().filter(|i| i.interviewer_id == Some(me)).collect();
    for interview in &mine {
        let card = store.start_scorecard(candidate, me, Some(interview.id)).unwrap();
        for focus in &interview.focus {
            let change = RatingChange {
                role_key: focus.role_key.clone(),
                characteristic_key: focus.characteristic_key.clone(),
                score: Some(score),
                notes: note.to_owned(),
            };
            store.save_rating(me, card, &change).unwrap();
        }
        store.save_overall(me, card, Some(Overall::Yes), None, "Solid.").unwrap();
        store.submit_scorecard(me, card).unwrap();
    }
    mine.len()
}

fn candidate_id(store: &Store) -> i64 {
    store.candidates().unwrap().into_iter().find(|c| c.name == CANDIDATE).unwrap().id
}

fn scorecards_here(laptop: &Laptop) -> usize {
    let store = laptop.store();
    let candidate = candidate_id(&store);
    store.scorecards_of(candidate).unwrap().len()
}

#[test]
fn a_panel_on_four_laptops_scores_offline_and_converges_through_the_server() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start();
    pg.set_up_team(&[("cora", true), ("ana", false), ("ben", false), ("cai", false)]);

    // The coordinator adds the candidate (default panel plan) and connects; the three
    // interviewers connect from their own laptops.
    let cora = Laptop::new("cora");
    let candidate = seed_candidate(&mut cora.store(), CANDIDATE);
    cora.connect(&pg, "Cora Diaz");
    let ana = Laptop::new("ana");
    let ben = Laptop::new("ben");
    let cai = Laptop::new("cai");
    for (laptop, name) in [(&ana, "Ana Ruiz"), (&ben, "Ben Okoro"), (&cai, "Cai Lin")] {
        laptop.connect(&pg, name);
    }
    let first = cora.sync();
    assert_eq!(first["pushed"]["candidates"], 1, "{first}");
    assert_eq!(first["pushed"]["panels"], 1, "{first}");
    assert_eq!(first["members"], 4, "every member is known to the coordinator's laptop now: {first}");

    // The coordinator assigns the interviews to the members, round robin, and syncs.
    let interviews = {
        let mut store = cora.store();
        let panel = store.panel(candidate).unwrap();
        let logins = ["ana", "ben", "cai"];
        for (index, interview) in panel.iter().enumerate() {
            let member = store.interviewer_with_login(logins[index % 3]).unwrap().unwrap();
            store.assign_interviewer(interview.id, Some(member)).unwrap();
        }
        panel.len()
    };
    assert!(interviews >= 3, "the default plan has {interviews} interviews");
    assert_eq!(cora.sync()["pushed"]["panels"], 1);
    for laptop in [&ana, &ben, &cai] {
        let pulled = laptop.sync();
        assert_eq!(pulled["pulled"]["candidates"], 1, "{pulled}");
        assert_eq!(pulled["pulled"]["panels"], 1, "{pulled}");
    }

    // The server goes away; everyone scores anyway.
    pg.stop();
    let mut submitted = 0;
    for (laptop, score) in [(&ana, 3), (&ben, 4), (&cai, 3)] {
        submitted += score_my_interviews(laptop, score, &format!("{}'s evidence", laptop.login));
        let offline = laptop.rung(&["team", "sync"]);
        assert!(!offline.status.success());
        assert!(text(&offline.stderr).contains("cannot be reached"), "{}", text(&offline.stderr));
        let status = laptop.rung(&["team", "status", "--json"]);
        let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
        assert_eq!(status["state"], "offline", "{status}");
        assert!(status["waiting"].as_u64().unwrap() >= 1, "{status}");
    }
    assert_eq!(submitted, interviews);

    // Back online. Ana pushes first: she reads only her own; the coordinator nothing yet.
    pg.start_server();
    let ana_first = ana.sync();
    assert!(ana_first["pushed"]["scorecards"].as_u64().unwrap() >= 1, "{ana_first}");
    assert_eq!(ana_first["pulled"]["scorecards"], 0, "nobody else has submitted: {ana_first}");
    assert_eq!(cora.sync()["pulled"]["scorecards"], 0, "the coordinator waits until every interview is in");
    ben.sync();
    assert_eq!(cora.sync()["pulled"]["scorecards"], 0, "still one interview out");
    cai.sync();
    assert_eq!(scorecards_here(&cora), 0);
    let all_in = cora.sync();
    assert_eq!(all_in["pulled"]["scorecards"], interviews as u64, "{all_in}");

    // The coordinator debriefs, decides and exports the PDF, on their own laptop.
    let recommend = cora.rung(&["recommend", "--candidate", &candidate.to_string(), "--json"]);
    assert!(recommend.status.success(), "{}", text(&recommend.stderr));
    let recommendation: serde_json::Value = serde_json::from_slice(&recommend.stdout).unwrap();
    {
        let mut store = cora.store();
        let decision = NewDecision {
            outcome: Outcome::Hire,
            role_key: recommendation["role"].as_str().map(str::to_owned),
            band: serde_json::from_value(recommendation["band"].clone()).unwrap(),
            reason: None,
            decided_by: "Hiring panel".into(),
        };
        debrief::record_decision(&mut store, Viewer::Coordinator, candidate, &decision).unwrap();
    }
    let pdf = cora.path().join("report.pdf");
    let report = cora.rung(&["report", "--candidate", &candidate.to_string(), "--out", pdf.to_str().unwrap()]);
    assert!(report.status.success(), "{}", text(&report.stderr));
    assert_eq!(cora.sync()["pushed"]["decisions"], 1);

    // Everyone converges: the same sealed scorecards and decision, by seal, everywhere.
    for laptop in [&ana, &ben, &cai] {
        laptop.sync();
    }
    let reference = cora.seals();
    assert_eq!(reference.len(), interviews + 1, "every scorecard and the decision");
    for laptop in [&ana, &ben, &cai] {
        assert_eq!(laptop.seals(), reference, "{} has converged", laptop.login);
        laptop.assert_checks_pass();
        let status = laptop.rung(&["team", "status"]);
        assert_eq!(text(&status.stdout).lines().next(), Some("Synced"), "{}", text(&status.stdout));
    }
    cora.assert_checks_pass();
    // An interviewer's debrief on their laptop now says what the coordinator's says.
    let theirs = ana.rung(&["recommend", "--candidate", &candidate_id(&ana.store()).to_string(), "--json"]);
    let theirs: serde_json::Value = serde_json::from_slice(&theirs.stdout).unwrap();
    assert_eq!(theirs["role"], recommendation["role"]);
    assert_eq!(theirs["band"], recommendation["band"]);
    // Syncing again moves nothing: pushes and pulls are idempotent.
    let quiet = ben.sync();
    assert_eq!((quiet["pushed"]["scorecards"].as_u64(), quiet["pulled"]["scorecards"].as_u64()), (Some(0), Some(0)));
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.scorecards"), interviews.to_string());

    // A score changed on the server under an intact seal is refused on pull, by name.
    pg.admin_sql(
        "UPDATE rung.scorecards SET body = jsonb_set(body, '{ratings,0,score}', '1')
         WHERE seal = (SELECT seal FROM rung.scorecards WHERE interviewer = 'ben' LIMIT 1)",
    );
    let fresh = Laptop::new("cora");
    fresh.connect(&pg, "Cora Diaz");
    let refused = fresh.rung(&["team", "sync"]);
    assert!(!refused.status.success(), "a tampered row fails the sync");
    let message = text(&refused.stderr);
    assert!(
        message.contains("no longer matches its seal") && message.contains(CANDIDATE) && message.contains("Ben Okoro"),
        "{message}"
    );
    assert_eq!(scorecards_here(&fresh), interviews - 1, "everything but the tampered scorecard arrived");
    fresh.assert_checks_pass();
}
