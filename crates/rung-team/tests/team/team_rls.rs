//! Independence enforced by the server itself: raw SQL through psql as each person's own
//! role, not through Rung. Another interviewer's scorecard is unreadable until you have
//! submitted your own; the coordinator reads them once every planned interview is in;
//! nobody can change or delete a sealed row, write as someone else, or erase, nor speak
//! for another's laptop about erasures or write the maintenance record; a draft
//! never reaches the server at all (not even in a dump of the whole database).

use crate::laptops::Team;
use crate::postgres::{password, Postgres, ONE_SERVER_AT_A_TIME};
use crate::store_support::text;

const DRAFT_NOTE: &str = "BEN-DRAFT-NOT-FOR-THE-SERVER";

/// Raw SQL as `login`; the rows, or the error psql printed.
fn sql_as(pg: &Postgres, login: &str, sql: &str) -> Result<String, String> {
    let output = pg.psql(login, &password(login), "rung", sql);
    if output.status.success() {
        Ok(text(&output.stdout).trim().to_owned())
    } else {
        Err(text(&output.stderr))
    }
}

fn refused(result: Result<String, String>, what: &str) {
    let error = result.expect_err(what);
    assert!(
        error.contains("permission denied") || error.contains("row-level security"),
        "{what}: refused for the wrong reason: {error}"
    );
}

#[test]
fn row_level_security_keeps_scorecards_unreadable_until_the_rules_allow_in_raw_sql() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start();
    pg.set_up_team(&[("cora", true), ("ana", false), ("ben", false)]);
    let team = Team::with_panels(&pg, &["Ola Berg"], &[("ana", "Ana Ruiz"), ("ben", "Ben Okoro")]);
    let (ana, ben) = (&team.interviewers[0], &team.interviewers[1]);

    // Ana submits; Ben only drafts. Both sync.
    ana.score_assigned(3, "ANA-SUBMITTED-EVIDENCE", true);
    ben.score_assigned(3, DRAFT_NOTE, false);
    let ana_pushed = ana.sync()["pushed"]["scorecards"].as_u64().unwrap();
    assert!(ana_pushed >= 1);
    assert_eq!(ben.sync()["pushed"]["scorecards"], 0, "a draft is never pushed");

    // Reading, as each role.
    assert_eq!(sql_as(&pg, "ana", "SELECT count(*) FROM rung.scorecards").unwrap(), ana_pushed.to_string());
    assert_eq!(sql_as(&pg, "ben", "SELECT count(*) FROM rung.scorecards").unwrap(), "0", "Ben has not submitted");
    assert_eq!(
        sql_as(&pg, "ben", "SELECT count(*) FROM rung.scorecards WHERE interviewer = 'ana'").unwrap(),
        "0",
        "asking for Ana's by name changes nothing"
    );
    assert_eq!(sql_as(&pg, "cora", "SELECT count(*) FROM rung.scorecards").unwrap(), "0", "not every interview is in");
    assert_eq!(
        pg.admin_sql("SELECT count(*) FROM rung.scorecards"),
        ana_pushed.to_string(),
        "they are there all the same"
    );

    // Writing, as each role: no changes, no deletions, no writing as someone else, no erasing.
    refused(sql_as(&pg, "ana", "UPDATE rung.scorecards SET body = '{}'"), "ana changes her sealed scorecard");
    refused(sql_as(&pg, "ana", "DELETE FROM rung.scorecards"), "ana deletes scorecards");
    refused(
        sql_as(
            &pg,
            "ana",
            "INSERT INTO rung.scorecards (seal, candidate_id, interviewer, body)
             SELECT 'forged', id, 'ben', '{}' FROM rung.candidates",
        ),
        "ana writes a scorecard as ben",
    );
    refused(
        sql_as(
            &pg,
            "ben",
            "INSERT INTO rung.decisions (seal, candidate_id, body) SELECT 'x', id, '{}' FROM rung.candidates",
        ),
        "an interviewer records a decision",
    );
    refused(sql_as(&pg, "ana", "DELETE FROM rung.candidates"), "ana deletes a candidate");
    refused(sql_as(&pg, "ana", "SELECT rung.erase_candidate(id) FROM rung.candidates"), "ana erases a candidate");
    refused(sql_as(&pg, "cora", "UPDATE rung.scorecards SET body = '{}'"), "the coordinator changes a scorecard");
    refused(sql_as(&pg, "cora", "DELETE FROM rung.decisions"), "the coordinator deletes a decision");

    // Each laptop's audit log is there for its owner and coordinators only.
    assert_eq!(sql_as(&pg, "ana", "SELECT count(*) FROM rung.audit_entries WHERE pushed_by <> 'ana'").unwrap(), "0");
    assert_ne!(sql_as(&pg, "cora", "SELECT count(*) FROM rung.audit_entries").unwrap(), "0");
    refused(sql_as(&pg, "ana", "UPDATE rung.audit_entries SET payload = ''"), "ana rewrites an audit entry");

    // The rules' helpers answer only about the person asking.
    assert_eq!(sql_as(&pg, "ben", "SELECT count(*) FROM rung.readable_candidates('ana')").unwrap(), "0");
    assert_eq!(
        sql_as(&pg, "ben", "SELECT count(*) FROM rung.candidates WHERE rung.has_submitted(id, 'ana')").unwrap(),
        "0"
    );

    // Erasure tracking: nobody confirms an erasure for another's laptop, or writes what
    // the administrator's maintenance records.
    let cora_laptop = pg.admin_sql("SELECT laptop FROM rung.laptops WHERE login = 'cora'");
    assert!(!cora_laptop.is_empty(), "cora's laptop said it synced");
    refused(
        sql_as(&pg, "ana", &format!("SELECT rung.erasures_received('{cora_laptop}', ARRAY['x'])")),
        "ana confirms an erasure for cora's laptop",
    );
    refused(
        sql_as(
            &pg,
            "ana",
            "INSERT INTO rung.erasure_receipts (candidate_id, laptop) SELECT candidate_id, 'x' FROM rung.erasures",
        ),
        "ana writes a receipt directly",
    );
    refused(sql_as(&pg, "cora", "UPDATE rung.erasures SET maintained_at = now()"), "cora marks erasures maintained");
    refused(
        sql_as(&pg, "cora", "INSERT INTO rung.maintenance_runs (erasures, rewritten, wal_lsn, wal_recycle) VALUES (0, '{}', '0/0', true)"),
        "cora records a maintenance",
    );
    refused(sql_as(&pg, "ana", "UPDATE rung.laptops SET last_seen = now()"), "ana changes the laptops' record");
    refused(sql_as(&pg, "ana", "DELETE FROM rung.laptops"), "ana deletes laptops");

    // Someone with a login but not in the team reaches nothing.
    pg.admin_sql("CREATE ROLE eve LOGIN PASSWORD 'eve-pw'");
    refused(sql_as(&pg, "eve", "SELECT count(*) FROM rung.scorecards"), "a login outside the team reads scorecards");
    refused(sql_as(&pg, "eve", "SELECT count(*) FROM rung.candidates"), "a login outside the team reads candidates");

    // The draft is nowhere on the server; the submitted evidence is.
    let dump = pg.dump();
    assert!(dump.contains("ANA-SUBMITTED-EVIDENCE"), "the dump shows scorecards' content");
    assert!(!dump.contains(DRAFT_NOTE), "a draft reached the server");

    // Ben submits: now he reads Ana's, and the coordinator reads them all.
    {
        let mut store = ben.store();
        let me = store.team_binding().unwrap().unwrap().interviewer_id;
        let candidate = store.candidates().unwrap()[0].id;
        for card in store.scorecards_of(candidate).unwrap().into_iter().filter(|c| c.interviewer_id == me) {
            store.submit_scorecard(me, card.id).unwrap();
        }
    }
    let ben_pulled = ben.sync();
    assert_eq!(ben_pulled["pulled"]["scorecards"].as_u64(), Some(ana_pushed), "{ben_pulled}");
    let all = pg.admin_sql("SELECT count(*) FROM rung.scorecards");
    assert_eq!(sql_as(&pg, "ben", "SELECT count(*) FROM rung.scorecards").unwrap(), all);
    assert_eq!(sql_as(&pg, "cora", "SELECT count(*) FROM rung.scorecards").unwrap(), all, "every interview is in");
    assert!(pg.dump().contains(DRAFT_NOTE), "once submitted, Ben's notes are shared");

    // Setting the server up again changes nothing.
    let again = pg.init_server();
    assert!(again.applied.is_empty(), "{again:?}");
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.scorecards"), all);
}
