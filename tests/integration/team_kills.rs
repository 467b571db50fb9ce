//! Team sync under fire: while an interviewer keeps submitting scorecards, `rung team
//! sync` runs on their laptop and on the coordinator's, and at random moments the sync
//! process (SIGKILL) or the server (an immediate shutdown, as a crash) is killed — at
//! least 100 times. Afterwards nothing acknowledged is lost, nothing is duplicated, and
//! every seal and audit chain still verifies.

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::team_support::{password, score_interview, Laptop, Postgres, Team, ONE_SERVER_AT_A_TIME};

const KILLS: usize = 100;
const CANDIDATES: usize = 10;

/// A small deterministic generator (the seed is printed, so a failure can be replayed).
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn spawn_sync(laptop: &Laptop) -> Child {
    Command::new(env!("CARGO_BIN_EXE_rung"))
        .arg("--data-dir")
        .arg(laptop.path())
        .args(["team", "sync"])
        .env("PGPASSWORD", password(&laptop.login))
        .env_remove("RUNG_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Submits the next interview assigned to Ana that has no scorecard yet; its seal once
/// the store acknowledged it.
fn submit_next(ana: &Laptop) -> Option<String> {
    let mut store = ana.store();
    let me = store.team_binding().unwrap().unwrap().interviewer_id;
    for candidate in store.candidates().unwrap() {
        let started: BTreeSet<Option<i64>> =
            store.scorecards_of(candidate.id).unwrap().into_iter().map(|card| card.interview_id).collect();
        if let Some(interview) = store.panel(candidate.id).unwrap().into_iter().find(|i| !started.contains(&Some(i.id)))
        {
            return score_interview(&mut store, me, candidate.id, &interview, (3, "evidence"), true).1;
        }
    }
    None
}

#[test]
fn killing_the_server_and_the_clients_during_sync_loses_and_duplicates_nothing() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start();
    pg.set_up_team(&[("cora", true), ("ana", false)]);
    let names: Vec<String> = (0..CANDIDATES).map(|n| format!("Candidate {n}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let team = Team::with_panels(&pg, &names, &[("ana", "Ana Ruiz")]);
    let (cora, ana) = (&team.coordinator, &team.interviewers[0]);

    let seed = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    eprintln!("team kill test seed: {seed}");
    let mut random = Random(seed);
    let mut acknowledged: BTreeSet<String> = BTreeSet::new();
    let (mut client_kills, mut server_kills, mut rounds) = (0, 0, 0);
    let started = Instant::now();
    while client_kills + server_kills < KILLS {
        rounds += 1;
        assert!(rounds < 1000, "only {} kills landed during a sync in {rounds} rounds", client_kills + server_kills);
        let laptop = if random.below(3) == 0 { cora } else { ana };
        let mut sync = spawn_sync(laptop);
        // Ana keeps scoring while the sync runs (the app's saves never wait for it).
        if let Some(seal) = submit_next(ana) {
            acknowledged.insert(seal);
        }
        std::thread::sleep(Duration::from_millis(random.below(150)));
        let running = sync.try_wait().unwrap().is_none();
        if random.below(2) == 0 {
            let _ = sync.kill();
            let _ = sync.wait();
            client_kills += running as usize;
        } else {
            pg.crash();
            let _ = sync.wait();
            pg.start_server();
            server_kills += running as usize;
        }
    }
    eprintln!(
        "{client_kills} sync processes and {server_kills} servers killed mid-sync in {rounds} rounds, {:.0} s",
        started.elapsed().as_secs_f64()
    );
    while let Some(seal) = submit_next(ana) {
        acknowledged.insert(seal);
    }
    ana.sync();
    cora.sync();

    // The server holds every acknowledged scorecard exactly once, and nothing else.
    let on_server: Vec<String> =
        pg.admin_sql("SELECT seal FROM rung.scorecards ORDER BY seal").lines().map(str::to_owned).collect();
    assert_eq!(on_server.len(), acknowledged.len(), "one row per acknowledged scorecard");
    assert_eq!(on_server.into_iter().collect::<BTreeSet<_>>(), acknowledged);
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.candidates"), CANDIDATES.to_string());

    // Both laptops hold the same, once each, and every check passes.
    let mut cora_seals = cora.seals();
    let ana_seals = ana.seals();
    assert_eq!(cora_seals.len(), acknowledged.len(), "no scorecard pulled twice");
    cora_seals.dedup();
    assert_eq!(cora_seals.into_iter().collect::<BTreeSet<_>>(), acknowledged);
    assert_eq!(ana_seals.into_iter().collect::<BTreeSet<_>>(), acknowledged);
    assert_eq!(cora.store().candidates().unwrap().len(), CANDIDATES, "no candidate duplicated");
    // Ana's audit log reached the server whole, and the coordinator's laptop checked it link
    // by link to its last entry there.
    let ana_laptop = ana.store().team_laptop().unwrap().unwrap();
    let on_server = pg.admin_sql(&format!("SELECT max(id) FROM rung.audit_entries WHERE laptop = '{ana_laptop}'"));
    let checked = cora.store().team_audit_positions().unwrap();
    let ana_checked = checked.iter().find(|(laptop, _, _)| *laptop == ana_laptop).map(|(_, id, _)| id.to_string());
    assert_eq!(ana_checked, Some(on_server), "the coordinator checked Ana's whole chain");
    for laptop in [ana, cora] {
        laptop.assert_checks_pass();
        assert_eq!(laptop.store().outbox_counts().unwrap().waiting, 0, "{} has nothing left to send", laptop.login);
    }
}
