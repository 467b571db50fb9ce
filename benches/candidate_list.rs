//! How fast the Candidates screen gets its first rows at a recruiter's scale: 10,000
//! candidates, each with a panel of 3 interviews, 30,000 submitted scorecards and a
//! decision for half of them. Each query the screen makes (first page, a search, the
//! next page, a deep page) through the same function the window calls, 200 runs each;
//! prints p50 and p99. Goal: first rows in under 100 ms.
//! Run: `bash scripts/bench.sh` (or `cargo bench --no-default-features --bench candidate_list`).

#[path = "support/latency.rs"]
mod latency;

use std::time::Duration;

use rung::ladder::default_ladder;
use rung::store::{CandidateQuery, Store, DB_FILE};

const CANDIDATES: usize = 10_000;
const RUNS: usize = 200;
const SMOKE_CANDIDATES: usize = 200;
const NAMES: [&str; 10] = ["Zoë", "Søren", "Priya", "Mateus", "Chloé", "Kwame", "Ana", "Marcus", "Li", "Fatima"];

/// Setup, not measured: plain inserts in one transaction.
fn populate(dir: &std::path::Path, candidates: usize) {
    let mut store = Store::open_in(dir).unwrap();
    let ladder = store.save_ladder(&default_ladder(), true).unwrap();
    let interviewer = store.create_interviewer("Ada Lovelace", None).unwrap();
    let snapshot = store.list_ladders().unwrap()[0].snapshot_sha256.clone();
    drop(store);
    let mut conn = rusqlite::Connection::open(dir.join(DB_FILE)).unwrap();
    let tx = conn.transaction().unwrap();
    let now = "2026-11-29T10:00:00Z";
    for n in 0..candidates {
        tx.execute(
            "INSERT INTO candidates (name, email, ladder_id, target_role_key, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'senior-application-support-engineer', '', ?4, ?4)",
            rusqlite::params![format!("{} {n}", NAMES[n % 10]), format!("c{n}@example.com"), ladder.id, now],
        )
        .unwrap();
        let candidate = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO panel_plans (candidate_id, created_at) VALUES (?1, ?2)",
            rusqlite::params![candidate, now],
        )
        .unwrap();
        let plan = tx.last_insert_rowid();
        for position in 0..3 {
            tx.execute(
                "INSERT INTO interviews (plan_id, position, name, interviewer_id) VALUES (?1, ?2, 'Interview', ?3)",
                rusqlite::params![plan, position, interviewer],
            )
            .unwrap();
            let interview = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO scorecards (candidate_id, interviewer_id, interview_id, ladder_id, ladder_snapshot_sha256,
                                         status, created_at, updated_at, submitted_at, seal_sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'submitted', ?6, ?6, ?6, ?7)",
                rusqlite::params![
                    candidate,
                    interviewer,
                    interview,
                    ladder.id,
                    snapshot,
                    now,
                    format!("{n:060x}{position:04x}")
                ],
            )
            .unwrap();
        }
        if n % 2 == 0 {
            tx.execute(
                "INSERT INTO decisions (candidate_id, outcome, overrides, decided_by, decided_at, seal_sha256)
                 VALUES (?1, 'hire', 0, 'Ada Lovelace', ?2, ?3)",
                rusqlite::params![candidate, now, format!("d{n:063x}")],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn main() {
    let measuring = std::env::args().any(|arg| arg == "--bench");
    let (candidates, runs) = if measuring { (CANDIDATES, RUNS) } else { (SMOKE_CANDIDATES, 1) };
    let dir = tempfile::tempdir().unwrap();
    populate(dir.path(), candidates);
    let store = Store::open_in(dir.path()).unwrap();
    let page = |text: &str, offset: u32| CandidateQuery { text: text.into(), offset, limit: 50 };
    let queries = [
        ("first page (newest 50)", page("", 0)),
        ("next page", page("", 50)),
        ("deep page (offset 9,000)", page("", (candidates as u32).saturating_sub(1000))),
        ("search \"søren\"", page("søren", 0)),
        ("search \"c9999@\" (email)", page("c9999@", 0)),
        ("search with no match", page("nobody by this name", 0)),
    ];
    println!("candidate list at {candidates} candidates ({} scorecards), {runs} runs each", candidates * 3);
    println!("{:<30} {:>8} {:>10} {:>10}", "query", "matches", "p50", "p99");
    let mut worst = Duration::ZERO;
    for (label, query) in &queries {
        let total = rung::debrief::candidate_status_page(&store, query).unwrap().total;
        let (p50, p99) = latency::p50_p99(runs, || {
            std::hint::black_box(rung::debrief::candidate_status_page(&store, query).unwrap());
        });
        worst = worst.max(p99);
        println!("{label:<30} {total:>8} {:>8.2}ms {:>8.2}ms", latency::ms(p50), latency::ms(p99));
    }
    println!("slowest p99: {:.2} ms (goal: first rows under 100 ms)", worst.as_secs_f64() * 1e3);
}
