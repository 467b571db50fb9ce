//! One rule set, two places (issue 21): the laptop asks `rung_core::access`, the team
//! server asks its row-level security. One table of (actor, candidate state, action) cases
//! runs against both — the laptop's answer from the access function with the facts as the
//! actor's own laptop sees them after a sync, the server's in raw SQL through psql as the
//! actor's own login — and every case must agree. Writes are tried inside a transaction
//! that is rolled back, so every case sees the same state.
//!
//! Left out, because the server cannot state them:
//! - `Actor::NOBODY`: the server has no login for "nobody chosen" (every connection is a
//!   member; a login outside the team reaches nothing, team_rls.rs).
//! - drafts: a draft never reaches the server, so "read a draft" has no row to ask about.
//! - the debrief, exports and calibration: views a laptop builds from the scorecards it
//!   may read (the scorecard cases cover what they show); the server has no such action.
//! - giving or taking the coordinator role: on the server only the administrator does it
//!   (`rung team add-member`), which no member's login can.

use std::process::Command;

use rung_core::access::{self, Actor, CandidateFacts, ScorecardFacts};

use crate::laptops::{score_interview, Laptop, Team};
use crate::postgres::{password, Postgres, ONE_SERVER_AT_A_TIME};
use crate::store_support::text;

/// The members: (login, display name, coordinator). Cora coordinates and sits on no
/// panel; Cody coordinates and interviews; Ana and Ben interview.
const INTERVIEWERS: [(&str, &str); 3] = [("ana", "Ana Ruiz"), ("ben", "Ben Okoro"), ("cody", "Cody Park")];

/// The candidates, each left in one state: who submitted their scorecards for them.
const STATES: [(&str, &str, &[&str]); 3] = [
    ("Nils None", "nobody sealed", &[]),
    ("Sara Some", "ana+cody sealed", &["ana", "cody"]),
    ("Alma All", "all sealed", &["ana", "ben", "cody"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    /// Read a sealed scorecard of this other member's.
    ReadOthersSealed(&'static str),
    ReadOwnSealed,
    ReadReport,
    Decide,
    IssueReport,
    AddCandidate,
    PlanPanel,
    Erase,
}

impl Act {
    fn words(self) -> String {
        match self {
            Act::ReadOthersSealed(owner) => format!("read {owner}'s sealed scorecard"),
            Act::ReadOwnSealed => "read own sealed scorecard".into(),
            Act::ReadReport => "read the archived report".into(),
            Act::Decide => "record a decision".into(),
            Act::IssueReport => "issue a report".into(),
            Act::AddCandidate => "add a candidate".into(),
            Act::PlanPanel => "change the panel plan".into(),
            Act::Erase => "erase the candidate".into(),
        }
    }
}

/// The server's question: how many rows the login sees (allowed when any), or a write
/// that returns a row when it took effect (allowed when it did, refused when the server
/// says permission denied or row-level security).
enum Probe {
    Sees(String),
    Does(String),
}

struct Case {
    login: &'static str,
    coordinator: bool,
    state: &'static str,
    act: Act,
    facts: CandidateFacts,
    laptop: bool,
    server: bool,
}

/// The actor as the actor's own laptop knows them.
fn actor_on(laptop: &Laptop, coordinator: bool) -> Actor {
    let me = laptop.store().team_binding().unwrap().expect("the laptop is connected").interviewer_id;
    if coordinator {
        Actor::coordinator(me)
    } else {
        Actor::interviewer(me)
    }
}

/// The facts the laptop's service gives the rules (rung-service's `candidate_facts`,
/// which this crate cannot depend on): from the actor's own store.
fn facts_on(laptop: &Laptop, actor: &Actor, global_id: &str) -> CandidateFacts {
    let store = laptop.store();
    let candidate = store.candidate_with_global_id(global_id).unwrap().expect("the laptop pulled the candidate");
    let (planned, sealed) = store.scorecard_progress_of(candidate).unwrap();
    let actor_sealed = store.has_submitted(actor.person().unwrap(), candidate).unwrap();
    CandidateFacts { planned, sealed, actor_sealed }
}

fn laptop_allows(laptop: &Laptop, actor: &Actor, facts: &CandidateFacts, act: Act) -> bool {
    let me = actor.person().unwrap();
    match act {
        Act::ReadOthersSealed(owner) => {
            let owner = laptop.store().interviewer_with_login(owner).unwrap().expect("the laptop knows the member");
            assert_ne!(owner, me);
            access::may_read_scorecard(actor, facts, &ScorecardFacts { owner, sealed: true })
        }
        Act::ReadOwnSealed => access::may_read_scorecard(actor, facts, &ScorecardFacts { owner: me, sealed: true }),
        Act::ReadReport => access::may_read_report(actor, facts).is_ok(),
        Act::Decide => access::may_decide(actor, facts).is_ok(),
        Act::IssueReport => access::may_issue_report(actor, facts).is_ok(),
        Act::AddCandidate => access::may_add_candidate(actor).is_ok(),
        Act::PlanPanel => access::may_plan_panel(actor).is_ok(),
        Act::Erase => access::may_erase(actor).is_ok(),
    }
}

fn probe(act: Act, candidate: &str) -> Probe {
    match act {
        Act::ReadOthersSealed(owner) => Probe::Sees(format!(
            "SELECT count(*) FROM rung.scorecards WHERE candidate_id = '{candidate}' AND interviewer = '{owner}'"
        )),
        Act::ReadOwnSealed => Probe::Sees(format!(
            "SELECT count(*) FROM rung.scorecards WHERE candidate_id = '{candidate}' AND interviewer = current_user"
        )),
        Act::ReadReport => {
            Probe::Sees(format!("SELECT count(*) FROM rung.reports WHERE candidate_id = '{candidate}'"))
        }
        Act::Decide => Probe::Does(format!(
            "INSERT INTO rung.decisions (seal, candidate_id, body) VALUES ('matrix-decision', '{candidate}', '{{}}') RETURNING 1"
        )),
        Act::IssueReport => Probe::Does(format!(
            "INSERT INTO rung.reports (data_sha256, candidate_id, body, pdf)
             VALUES ('matrix-issued', '{candidate}', '{{}}', '\\x00'::bytea) RETURNING 1"
        )),
        Act::AddCandidate => Probe::Does(format!(
            "INSERT INTO rung.candidates (id, ladder_sha256, body, edited_at, laptop)
             SELECT 'matrix-new', ladder_sha256, '{{}}', '9999', 'matrix' FROM rung.candidates WHERE id = '{candidate}'
             RETURNING 1"
        )),
        Act::PlanPanel => Probe::Does(format!(
            "UPDATE rung.panels SET interviews = interviews, edited_at = '9999', laptop = 'matrix',
                 edited_by = current_user
             WHERE candidate_id = '{candidate}' RETURNING 1"
        )),
        Act::Erase => Probe::Does(format!("SELECT 1 FROM rung.erase_candidate('{candidate}')")),
    }
}

/// psql as `login`: each statement in the same session, stopping at the first error.
fn psql_as(pg: &Postgres, login: &str, statements: &[&str]) -> Result<String, String> {
    let mut command = Command::new("psql");
    command
        .arg(format!("host=127.0.0.1 port={} dbname=rung user={login}", pg.port))
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
        .env("PGPASSWORD", password(login))
        .env_remove("PGSERVICEFILE");
    for statement in statements {
        command.args(["-c", statement]);
    }
    let output = command.output().unwrap();
    match output.status.success() {
        true => Ok(text(&output.stdout).trim().to_owned()),
        false => Err(text(&output.stderr)),
    }
}

fn server_allows(pg: &Postgres, login: &str, probe: &Probe) -> bool {
    match probe {
        Probe::Sees(count) => {
            let seen = psql_as(pg, login, &[count]).unwrap_or_else(|e| panic!("{login}: {count}: {e}"));
            seen.parse::<u64>().unwrap_or_else(|_| panic!("{login}: {count}: {seen:?}")) > 0
        }
        // Rolled back when it worked; when refused, psql stops and the session's
        // transaction ends with it.
        Probe::Does(write) => match psql_as(pg, login, &["BEGIN", write, "ROLLBACK"]) {
            Ok(rows) => !rows.is_empty(),
            Err(error) if error.contains("permission denied") || error.contains("row-level security") => false,
            Err(error) => panic!("{login}: {write}: refused for another reason: {error}"),
        },
    }
}

/// What every table holds, as the administrator counts it (the cases must change nothing).
fn server_state(pg: &Postgres) -> String {
    pg.admin_sql(
        "SELECT (SELECT count(*) FROM rung.candidates) || ' ' || (SELECT count(*) FROM rung.panels) || ' '
             || (SELECT count(*) FROM rung.scorecards) || ' ' || (SELECT count(*) FROM rung.decisions) || ' '
             || (SELECT count(*) FROM rung.reports) || ' ' || (SELECT count(*) FROM rung.erasures) || ' '
             || (SELECT string_agg(md5(interviews::text || edited_by), ',' ORDER BY candidate_id) FROM rung.panels)",
    )
}

fn yes(allowed: bool) -> &'static str {
    if allowed {
        "yes"
    } else {
        "no"
    }
}

#[test]
fn the_laptops_access_rules_and_the_servers_row_level_security_agree_case_by_case() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start();
    pg.set_up_team(&[("cora", true), ("ana", false), ("ben", false), ("cody", true)]);
    let names: Vec<&str> = STATES.iter().map(|(name, ..)| *name).collect();
    let team = Team::with_panels(&pg, &names, &INTERVIEWERS);
    let laptop_of = |login: &str| -> &Laptop {
        match login {
            "cora" => &team.coordinator,
            _ => team.interviewers.iter().find(|laptop| laptop.login == login).unwrap(),
        }
    };
    let global_ids: Vec<String> = {
        let store = team.coordinator.store();
        team.candidates.iter().map(|id| store.candidate_global_id(*id).unwrap()).collect()
    };

    // Each state: the members named submit their scorecards for that candidate (every
    // interview of theirs); then everyone syncs twice, so every laptop has pulled all it
    // may read.
    for ((_, _, sealers), global_id) in STATES.iter().zip(&global_ids) {
        for login in *sealers {
            let mut store = laptop_of(login).store();
            let me = store.team_binding().unwrap().unwrap().interviewer_id;
            let candidate = store.candidate_with_global_id(global_id).unwrap().unwrap();
            for interview in store.panel(candidate).unwrap() {
                if interview.interviewer_id == Some(me) {
                    score_interview(&mut store, me, candidate, &interview, (3, "matrix"), true);
                }
            }
        }
    }
    for _ in 0..2 {
        for login in ["ana", "ben", "cody", "cora"] {
            laptop_of(login).sync();
        }
    }
    // An archived report for every candidate, put there by the administrator: reading one
    // is its own rule (how it came to be issued is the "issue a report" cases).
    for global_id in &global_ids {
        pg.admin_sql(&format!(
            "INSERT INTO rung.reports (data_sha256, candidate_id, body, pdf, issued_by)
             VALUES ('archived-{global_id}', '{global_id}', '{{}}', '\\x00'::bytea, 'cora')"
        ));
    }
    let planned = pg.admin_sql(&format!(
        "SELECT jsonb_array_length(interviews) FROM rung.panels WHERE candidate_id = '{}'",
        global_ids[0]
    ));
    assert!(planned.parse::<u32>().unwrap() >= INTERVIEWERS.len() as u32, "everyone sits on each panel");
    let before = server_state(&pg);

    let actors = [("ana", false), ("ben", false), ("cody", true), ("cora", true)];
    let mut cases = Vec::new();
    for ((_, state, sealers), global_id) in STATES.iter().zip(&global_ids) {
        for (login, coordinator) in actors {
            let mut acts = Vec::new();
            // Another's sealed scorecard: the first other member who sealed one (none
            // sealed, no such row to ask about).
            if let Some(owner) = sealers.iter().find(|owner| **owner != login) {
                acts.push(Act::ReadOthersSealed(owner));
            }
            if sealers.contains(&login) {
                acts.push(Act::ReadOwnSealed);
            }
            acts.extend([Act::ReadReport, Act::Decide, Act::IssueReport, Act::PlanPanel, Act::Erase]);
            // Adding a candidate depends on nobody's panel: asked once per actor.
            if global_id == &global_ids[0] {
                acts.push(Act::AddCandidate);
            }
            let laptop = laptop_of(login);
            let actor = actor_on(laptop, coordinator);
            let facts = facts_on(laptop, &actor, global_id);
            for act in acts {
                cases.push(Case {
                    login,
                    coordinator,
                    state,
                    act,
                    facts,
                    laptop: laptop_allows(laptop, &actor, &facts, act),
                    server: server_allows(&pg, login, &probe(act, global_id)),
                });
            }
        }
    }

    let mut table =
        format!("{:<30} {:<16} {:<9} {:<28} {:<6} {:<6}\n", "actor", "state", "facts", "action", "laptop", "server");
    for case in &cases {
        let role = if case.coordinator { "coordinator" } else { "interviewer" };
        let own = if case.facts.actor_sealed { "sealed own" } else { "not sealed" };
        let facts = format!("{}/{} in", case.facts.sealed, case.facts.planned);
        let mark = if case.laptop == case.server { "" } else { "  <-- disagree" };
        table.push_str(&format!(
            "{:<30} {:<16} {:<9} {:<28} {:<6} {:<6}{mark}\n",
            format!("{role} {} ({own})", case.login),
            case.state,
            facts,
            case.act.words(),
            yes(case.laptop),
            yes(case.server),
        ));
    }
    println!("{} cases\n{table}", cases.len());

    assert_eq!(server_state(&pg), before, "a case changed the server's state");
    let disagreements: Vec<String> = cases
        .iter()
        .filter(|case| case.laptop != case.server)
        .map(|case| {
            format!(
                "{} in state {:?} ({:?}): {} — laptop {}, server {}",
                case.login,
                case.state,
                case.facts,
                case.act.words(),
                yes(case.laptop),
                yes(case.server)
            )
        })
        .collect();
    assert!(
        disagreements.is_empty(),
        "{} of {} cases disagree:\n{}\n\n{table}",
        disagreements.len(),
        cases.len(),
        disagreements.join("\n")
    );
}
