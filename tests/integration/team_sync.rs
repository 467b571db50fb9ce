//! Team mode end to end on a real PostgreSQL server: a coordinator and three interviewers,
//! each on their own laptop (data folder), each connected as their own login. The
//! interviewers score offline, sync when the server is back, the coordinator sees the
//! scorecards only as the rules allow, debriefs, decides and exports the PDF, and every
//! laptop ends with the same sealed scorecards and decision. A row changed on the server
//! is refused on pull.

use rung::debrief;
use rung::decision::{NewDecision, Outcome};
use rung::store::Store;

use crate::store_support::{coordinator, text};
use crate::team_support::{rung_team_cli, Laptop, Postgres, Team, ADMIN_PASSWORD, ONE_SERVER_AT_A_TIME};

const CANDIDATE: &str = "Noor Haddad";

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

    // The coordinator adds the candidate (default panel plan), assigns the interviews round
    // robin to three interviewers, each connected from their own laptop; all have synced.
    let team = Team::with_panels(&pg, &[CANDIDATE], &[("ana", "Ana Ruiz"), ("ben", "Ben Okoro"), ("cai", "Cai Lin")]);
    let (cora, candidate) = (&team.coordinator, team.candidates[0]);
    let [ana, ben, cai] = [&team.interviewers[0], &team.interviewers[1], &team.interviewers[2]];
    let interviews = cora.store().panel(candidate).unwrap().len();
    assert!(interviews >= 3, "the default plan has {interviews} interviews");
    assert_eq!(cora.store().team_binding().unwrap().unwrap().login, "cora");
    for laptop in [ana, ben, cai] {
        let here = laptop.store();
        let candidate = candidate_id(&here);
        assert_eq!(here.panel(candidate).unwrap().len(), interviews, "{} pulled the panel plan", laptop.login);
    }

    // The server goes away; everyone scores anyway.
    pg.stop();
    let mut submitted = 0;
    for (laptop, score) in [(ana, 3), (ben, 4), (cai, 3)] {
        submitted += laptop.score_assigned(score, &format!("{}'s evidence", laptop.login), true).len();
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
    assert_eq!(scorecards_here(cora), 0);
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
        };
        let actor = coordinator(&store);
        debrief::record_decision(&mut store, actor, candidate, &decision).unwrap();
    }
    let pdf = cora.path().join("report.pdf");
    let report = cora.rung(&["report", "--candidate", &candidate.to_string(), "--out", pdf.to_str().unwrap()]);
    assert!(report.status.success(), "{}", text(&report.stderr));
    let shared = cora.sync();
    assert_eq!((shared["pushed"]["decisions"].as_u64(), shared["pushed"]["reports"].as_u64()), (Some(1), Some(1)));

    // Everyone converges: the same sealed scorecards and decision, by seal, everywhere.
    for laptop in [ana, ben, cai] {
        laptop.sync();
    }
    let reference = cora.seals();
    assert_eq!(reference.len(), interviews + 1, "every scorecard and the decision");
    for laptop in [ana, ben, cai] {
        assert_eq!(laptop.seals(), reference, "{} has converged", laptop.login);
        laptop.assert_checks_pass();
        let status = laptop.rung(&["team", "status"]);
        assert_eq!(text(&status.stdout).lines().next(), Some("Synced"), "{}", text(&status.stdout));
    }
    cora.assert_checks_pass();
    // An interviewer's debrief on their laptop now says what the coordinator's says.
    // The report is in every panel member's archive: their Rung says the PDF is genuine.
    for laptop in [ana, ben, cai] {
        let verified = laptop.rung(&["verify", pdf.to_str().unwrap()]);
        assert!(verified.status.success(), "{}: {}{}", laptop.login, text(&verified.stdout), text(&verified.stderr));
    }
    let theirs = ana.rung(&["recommend", "--candidate", &candidate_id(&ana.store()).to_string(), "--json"]);
    let theirs: serde_json::Value = serde_json::from_slice(&theirs.stdout).unwrap();
    assert_eq!(theirs["role"], recommendation["role"]);
    assert_eq!(theirs["band"], recommendation["band"]);
    // Every laptop's audit log is on the server, and the coordinator's laptop checked them
    // link by link.
    assert_eq!(pg.admin_sql("SELECT count(DISTINCT laptop) FROM rung.audit_entries"), "4");
    let checked = cora.sync();
    assert!(
        checked["audit_entries_checked"].as_u64().unwrap() > 0
            || cora.store().team_audit_positions().unwrap().len() == 4,
        "{checked}"
    );
    assert_eq!(cora.store().team_audit_positions().unwrap().len(), 4, "four laptops' logs checked");
    // Syncing again moves nothing: pushes and pulls are idempotent.
    let quiet = ben.sync();
    assert_eq!((quiet["pushed"]["scorecards"].as_u64(), quiet["pulled"]["scorecards"].as_u64()), (Some(0), Some(0)));
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.scorecards"), interviews.to_string());
    // `rung team init-server` again says the schema is up to date and changes nothing.
    let again = rung_team_cli(pg.folder(), ADMIN_PASSWORD, &["team", "init-server", &pg.admin_url()]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(text(&again.stdout).contains("up to date"), "{}", text(&again.stdout));
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.scorecards"), interviews.to_string());

    // A score changed on the server under an intact seal, and a report's PDF changed, are
    // refused on pull, by name.
    pg.admin_sql(
        "UPDATE rung.scorecards SET body = jsonb_set(body, '{ratings,0,score}', '1')
         WHERE seal = (SELECT seal FROM rung.scorecards WHERE interviewer = 'ben' LIMIT 1)",
    );
    pg.admin_sql("UPDATE rung.reports SET pdf = pdf || '\\x0a'::bytea");
    pg.admin_sql(
        "UPDATE rung.audit_entries SET payload = replace(payload, '\"', '\" ')
         WHERE (laptop, id) = (SELECT laptop, max(id) FROM rung.audit_entries WHERE pushed_by = 'ana' GROUP BY laptop)",
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
    assert!(message.contains("is not the file that was issued"), "{message}");
    assert!(message.contains("The audit log ana's laptop") && message.contains("does not match its hash"), "{message}");
    assert_eq!(scorecards_here(&fresh), interviews - 1, "everything but the tampered scorecard arrived");
    assert!(
        fresh.store().reports_of(candidate_id(&fresh.store())).unwrap().is_empty(),
        "the altered PDF was not archived"
    );
    fresh.assert_checks_pass();
}
