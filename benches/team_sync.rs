//! Team mode at scale, against a real PostgreSQL server on loopback (a throwaway cluster):
//! 1. 50 clients (50 data folders, 50 logins, 50 threads each with its own runtime) push 1,000 candidates with
//!    4 sealed scorecards each at the same time;
//! 2. a fresh laptop pulls an archive of 10,000 candidates (40,000 sealed scorecards),
//!    every seal checked before it is stored;
//! 3. one of them is erased and `rung team maintain` rewrites the tables (VACUUM FULL):
//!    how long it takes, and how long it holds each table's lock.
//!
//! Prints throughput and time, and a raw read of the same rows for comparison (what the
//! server alone costs). Run: `bash scripts/bench.sh`, or
//! `cargo bench --bench team_sync` (needs Debian's postgresql; run as root or not).

#[path = "../tests/integration/store_support.rs"]
#[allow(dead_code)]
mod store_support;
#[path = "support/table.rs"]
mod table;
#[path = "../tests/integration/team_support.rs"]
#[allow(dead_code)]
mod team_support;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use rung::bundle_format::{BundledScorecard, ScorecardSignature, SourceIds};
use rung::ladder::default_ladder;
use rung::scorecard::panel::default_plan;
use rung::scorecard::template::template_for;
use rung::scorecard::{seal, Overall, Rating, Scorecard, ScorecardStatus};
use rung::store::{NewCandidate, Store};
use rung_team::ServerAddress;

use store_support::text as text_of;
use team_support::{password, score_interview, Postgres, ADMIN_PASSWORD};

const TARGET: &str = "senior-application-support-engineer";
const INTERVIEWS: usize = 4;

struct Size {
    clients: usize,
    candidates_per_client: usize,
    archive: usize,
}

/// One client's laptop, with its candidates scored and submitted, connected as `login`.
fn laptop_with_scored_candidates(dir: &std::path::Path, login: &str, candidates: usize) -> Store {
    let mut store = Store::open_in(dir).unwrap();
    let ladder_id = store.save_ladder(&default_ladder(), true).unwrap().id;
    let ladder = store.load_ladder(ladder_id).unwrap();
    let template = template_for(&ladder, TARGET).unwrap();
    let plan = default_plan(&template, INTERVIEWS, 1);
    let me = store.create_interviewer(login, None).unwrap();
    for n in 0..candidates {
        let candidate = store
            .create_candidate(&NewCandidate {
                name: format!("{login} candidate {n}"),
                email: None,
                ladder_id,
                target_role_key: TARGET.into(),
                notes: String::new(),
            })
            .unwrap();
        for interview in store.save_panel_plan(candidate, &plan).unwrap() {
            store.assign_interviewer(interview.id, Some(me)).unwrap();
            score_interview(&mut store, me, candidate, &interview, (3, "Handled the escalation end to end."), true);
        }
    }
    store
}

/// Writes an archive of `candidates` straight into the server as its administrator, each
/// with a 4-interview panel and 4 scorecards sealed exactly as a laptop seals them.
async fn fill_server(pg: &Postgres, candidates: usize, author: &str) {
    let address = ServerAddress::parse(&pg.admin_url()).unwrap();
    let client = address.connect(Some(ADMIN_PASSWORD)).await.unwrap();
    let ladder = default_ladder();
    let snapshot = rung::ladder::json::to_json(&ladder);
    let sha = rung_core_sha(&snapshot);
    let template = template_for(&ladder, TARGET).unwrap();
    let plan = default_plan(&template, INTERVIEWS, 1);
    client
        .execute(
            "INSERT INTO rung.ladders (snapshot_sha256, name, snapshot_json, pushed_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            &[&sha, &ladder.name, &snapshot, &author],
        )
        .await
        .unwrap();
    // The author's laptop key, registered as theirs (the administrator writes it here).
    let key = rung_core::signing::KeyPair::generate().unwrap();
    client
        .batch_execute(&format!(
            "INSERT INTO rung.members (login, display_name) VALUES ('{author}', '{author}') ON CONFLICT DO NOTHING;
             INSERT INTO rung.member_keys (public_key, login) VALUES ('{}', '{author}') ON CONFLICT DO NOTHING;",
            key.public_key()
        ))
        .await
        .unwrap();
    for chunk_start in (0..candidates).step_by(500) {
        let tx_rows = (chunk_start..(chunk_start + 500).min(candidates)).collect::<Vec<_>>();
        let (mut ids, mut bodies, mut panels) = (Vec::new(), Vec::new(), Vec::new());
        let (mut seals, mut card_candidates, mut positions, mut cards) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for n in tx_rows {
            let id = format!("{:032x}", 0xA000_0000_0000u64 + n as u64);
            let body = serde_json::json!({
                "global_id": id, "name": format!("Archived candidate {n}"), "email": null,
                "ladder_snapshot_sha256": sha, "target_role_key": TARGET, "notes": "",
            });
            let interviews: Vec<serde_json::Value> = plan
                .interviews
                .iter()
                .enumerate()
                .map(|(i, interview)| {
                    serde_json::json!({ "position": i + 1, "name": interview.name, "interviewer_login": author, "focus": interview.focus })
                })
                .collect();
            for (i, interview) in plan.interviews.iter().enumerate() {
                let ratings: Vec<Rating> = interview
                    .focus
                    .iter()
                    .map(|focus| Rating {
                        role_key: focus.role_key.clone(),
                        characteristic_key: focus.characteristic_key.clone(),
                        score: Some(3),
                        notes: "Handled the escalation end to end.".into(),
                        updated_at: "2026-11-01T10:00:00.000000Z".into(),
                    })
                    .collect();
                let source = SourceIds {
                    scorecard: (n * INTERVIEWS + i + 1) as i64,
                    candidate: n as i64 + 1,
                    interviewer: 1,
                    interview: Some((n * INTERVIEWS + i + 1) as i64),
                    amends_scorecard: None,
                };
                let mut card = BundledScorecard {
                    interviewer: author.to_owned(),
                    interview: Some(interview.name.clone()),
                    source,
                    ladder_snapshot_sha256: sha.clone(),
                    overall: Some(Overall::Yes),
                    level_opinion: None,
                    summary: "Solid.".into(),
                    submitted_at: "2026-11-01T11:00:00.000000Z".into(),
                    amendment_reason: None,
                    ratings,
                    seal_sha256: String::new(),
                    seal_salt: None,
                    signature: Some(ScorecardSignature {
                        candidate: format!("Archived candidate {n}"),
                        target_role_key: TARGET.to_owned(),
                        public_key: key.public_key(),
                        signature: String::new(),
                    }),
                };
                let as_sealed: Scorecard =
                    Scorecard { status: ScorecardStatus::Submitted, ..card.as_source_scorecard() };
                card.seal_sha256 = seal(&as_sealed, &card.submitted_at);
                // Signed as the author's laptop would, with the key registered below.
                let signed = key.sign(&card.statement().expect("the card names its candidate"));
                card.signature.as_mut().expect("set above").signature = signed.signature;
                seals.push(card.seal_sha256.clone());
                card_candidates.push(id.clone());
                positions.push(i as i32 + 1);
                cards.push(serde_json::to_value(&card).unwrap());
            }
            ids.push(id);
            bodies.push(body);
            panels.push(serde_json::Value::Array(interviews));
        }
        client
            .execute(
                "INSERT INTO rung.candidates (id, ladder_sha256, body, edited_at, laptop, edited_by)
                 SELECT id, $2, body, '2026-11-01T09:00:00Z', 'bench', $4 FROM unnest($1::text[], $3::jsonb[]) AS t(id, body)
                 ON CONFLICT DO NOTHING",
                &[&ids, &sha, &bodies, &author],
            )
            .await
            .unwrap();
        client
            .execute(
                "INSERT INTO rung.panels (candidate_id, interviews, edited_at, laptop, edited_by)
                 SELECT id, interviews, '2026-11-01T09:00:00Z', 'bench', $3 FROM unnest($1::text[], $2::jsonb[]) AS t(id, interviews)",
                &[&ids, &panels, &author],
            )
            .await
            .unwrap();
        client
            .execute(
                "INSERT INTO rung.scorecards (seal, candidate_id, interviewer, interview_position, body)
                 SELECT seal, candidate_id, $5, position, body
                 FROM unnest($1::text[], $2::text[], $3::int[], $4::jsonb[]) AS t(seal, candidate_id, position, body)",
                &[&seals, &card_candidates, &positions, &cards, &author],
            )
            .await
            .unwrap();
    }
}

fn rung_core_sha(text: &str) -> String {
    rung::ladder::source::sha256_hex(text.as_bytes())
}

fn main() {
    let measuring = std::env::args().any(|arg| arg == "--bench");
    let size = if measuring {
        Size { clients: 50, candidates_per_client: 20, archive: 10_000 }
    } else {
        // `cargo test --benches`: the same path, small.
        Size { clients: 3, candidates_per_client: 2, archive: 30 }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let pg = Postgres::start();
    let mut members: Vec<(String, bool)> = (0..size.clients).map(|n| (format!("c{n:02}"), true)).collect();
    members.push(("archivist".into(), true));
    members.push(("reader".into(), true));
    let as_refs: Vec<(&str, bool)> =
        members.iter().map(|(login, coordinator)| (login.as_str(), *coordinator)).collect();
    pg.set_up_team(&as_refs);

    // 1. Many clients pushing at once.
    let folders: Vec<tempfile::TempDir> = (0..size.clients).map(|_| tempfile::tempdir().unwrap()).collect();
    let generated = Instant::now();
    let stores: Vec<Mutex<Store>> = folders
        .iter()
        .enumerate()
        .map(|(n, dir)| {
            Mutex::new(laptop_with_scored_candidates(dir.path(), &format!("c{n:02}"), size.candidates_per_client))
        })
        .collect();
    eprintln!("generated {} laptops in {:.1} s", size.clients, generated.elapsed().as_secs_f64());
    runtime.block_on(async {
        for (n, store) in stores.iter().enumerate() {
            let login = format!("c{n:02}");
            rung_team::connect(store, &pg.url(&login), Some(&password(&login)), &login).await.unwrap();
        }
    });
    let started = Instant::now();
    // One thread with its own runtime per client: 50 laptops syncing at the same moment.
    let pushed: Vec<(rung_team::SyncReport, Duration)> = std::thread::scope(|scope| {
        let handles: Vec<_> = stores
            .iter()
            .enumerate()
            .map(|(n, store)| {
                scope.spawn(move || {
                    let login = format!("c{n:02}");
                    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                    let began = Instant::now();
                    let report = runtime.block_on(rung_team::push_once(store, Some(&password(&login)))).unwrap();
                    (report, began.elapsed())
                })
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap()).collect()
    });
    let push_time = started.elapsed();
    let scorecards: u32 = pushed.iter().map(|(r, _)| r.pushed.scorecards).sum();
    let things: u32 = pushed.iter().map(|(r, _)| r.pushed.total()).sum();
    let slowest = pushed.iter().map(|(_, d)| *d).max().unwrap_or_default();
    assert_eq!(scorecards as usize, size.clients * size.candidates_per_client * INTERVIEWS);
    println!(
        "{} clients pushed {} candidates, {scorecards} sealed scorecards ({things} rows with panels) in {:.2} s: {:.0} scorecards/s, {:.0} rows/s; slowest client {:.2} s",
        size.clients,
        size.clients * size.candidates_per_client,
        push_time.as_secs_f64(),
        f64::from(scorecards) / push_time.as_secs_f64(),
        f64::from(things) / push_time.as_secs_f64(),
        slowest.as_secs_f64()
    );

    // 2. A fresh laptop pulling a large archive.
    runtime.block_on(fill_server(&pg, size.archive, "archivist"));
    let raw = Instant::now();
    let rows = pg.admin_sql("SELECT count(*) FROM (SELECT body FROM rung.scorecards) s");
    let raw_read = raw.elapsed();
    // The same read as the pulling coordinator, through row-level security.
    let secured = Instant::now();
    let read =
        pg.psql("reader", &password("reader"), "rung", "SELECT count(*) FROM (SELECT body FROM rung.scorecards) s");
    let secured_read = secured.elapsed();
    assert_eq!(text_of(&read.stdout).trim(), rows, "the coordinator reads every scorecard");
    let fresh = tempfile::tempdir().unwrap();
    let store = Mutex::new(Store::open_in(fresh.path()).unwrap());
    runtime.block_on(rung_team::connect(&store, &pg.url("reader"), Some(&password("reader")), "Reader")).unwrap();
    let pulling = Instant::now();
    let pulled = runtime.block_on(rung_team::sync_once(&store, Some(&password("reader")))).unwrap();
    let pull_time = pulling.elapsed();
    assert!(pulled.problems.is_empty(), "{:?}", pulled.problems);
    let candidates = pulled.pulled.candidates;
    println!(
        "a fresh laptop pulled {candidates} candidates and {} sealed scorecards (each seal checked) in {:.1} s: {:.0} scorecards/s (the server reads all {rows} scorecards through psql in {:.2} s, {:.2} s through row-level security)",
        pulled.pulled.scorecards,
        pull_time.as_secs_f64(),
        f64::from(pulled.pulled.scorecards) / pull_time.as_secs_f64(),
        raw_read.as_secs_f64(),
        secured_read.as_secs_f64()
    );
    // 3. One erasure, then the administrator's maintenance over the whole server.
    let erased = pg.admin_sql("SELECT id FROM rung.candidates ORDER BY id LIMIT 1");
    let erase = pg.psql("reader", &password("reader"), "rung", &format!("SELECT rung.erase_candidate('{erased}')"));
    assert!(erase.status.success(), "{}", text_of(&erase.stderr));
    let maintaining = Instant::now();
    let maintenance = runtime.block_on(async {
        let address = ServerAddress::parse(&pg.admin_url()).unwrap();
        let client = address.connect(Some(ADMIN_PASSWORD)).await.unwrap();
        rung_team::maintain::maintain(&client, &address.describe(), Default::default()).await.unwrap()
    });
    let maintain_time = maintaining.elapsed();
    assert_eq!(maintenance.completed.len(), 1, "{:?}", maintenance.lines());
    let longest = maintenance.rewritten.iter().max_by_key(|t| t.millis).unwrap();
    let bytes: i64 = maintenance.rewritten.iter().map(|t| t.bytes_before).sum();
    println!(
        "maintenance after one erasure among {} candidates rewrote {} MB of tables in {:.2} s; the longest lock: rung.{} for {} ms",
        candidates,
        bytes >> 20,
        maintain_time.as_secs_f64(),
        longest.table,
        longest.millis
    );
    if measuring {
        table::record(
            &format!("Team maintain: one erasure among {candidates} candidates ({} MB of tables)", bytes >> 20),
            &format!("{:.2} s", maintain_time.as_secs_f64()),
            "",
            &format!("longest lock: rung.{} {} ms", longest.table, longest.millis),
        );
        table::record(
            &format!(
                "Team push: {} clients at once, {} candidates × 4 sealed scorecards",
                size.clients,
                size.clients * size.candidates_per_client
            ),
            &format!(
                "{:.1} s; {:.0} scorecards/s",
                push_time.as_secs_f64(),
                f64::from(scorecards) / push_time.as_secs_f64()
            ),
            "",
            "loopback, one machine",
        );
        table::record(
            &format!("Team pull: a fresh laptop, {candidates} candidates / {} scorecards", pulled.pulled.scorecards),
            &format!(
                "{:.1} s; {:.0} scorecards/s",
                pull_time.as_secs_f64(),
                f64::from(pulled.pulled.scorecards) / pull_time.as_secs_f64()
            ),
            &format!(
                "{:.2} s (psql reading the rows; {:.2} s under row-level security)",
                raw_read.as_secs_f64(),
                secured_read.as_secs_f64()
            ),
            "every seal checked",
        );
    }
}
