//! What one autosaved rating costs: latency (p50/p99) and throughput of `save_rating`
//! with synchronous=FULL and NORMAL, on a database that already holds 100k ratings,
//! against the floor — the same single-row upsert + commit in the `sqlite3` shell.
//! Run: `bash scripts/bench.sh` (or `cargo bench --no-default-features --bench rating_save`).

#[path = "support/table.rs"]
mod table;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rung::ladder::default_ladder;
use rung::store::{NewCandidate, RatingChange, Store, DB_FILE};

const EXISTING_RATINGS: i64 = 100_000;
const SAVES: usize = 1_000;
const ROLE: &str = "senior-application-support-engineer";

/// The store, the interviewer and their draft scorecard.
fn prepare(dir: &Path) -> (Store, i64, i64) {
    let mut store = Store::open_in(dir).unwrap();
    let ladder = store.save_ladder(&default_ladder(), true).unwrap();
    let interviewer = store.create_interviewer("Bench", None).unwrap();
    let candidate = store
        .create_candidate(&NewCandidate {
            name: "Bench Candidate".into(),
            email: None,
            ladder_id: ladder.id,
            target_role_key: ROLE.into(),
            notes: String::new(),
        })
        .unwrap();
    let scorecard = store.start_scorecard(candidate, interviewer, None).unwrap();
    drop(store);
    // Bulk-load 100k ratings over 5k scorecards in one transaction (setup, not measured).
    let mut conn = rusqlite::Connection::open(dir.join(DB_FILE)).unwrap();
    let tx = conn.transaction().unwrap();
    for card in 0..EXISTING_RATINGS / 20 {
        tx.execute(
            "INSERT INTO scorecards (candidate_id, interviewer_id, ladder_id, ladder_snapshot_sha256, created_at, updated_at)
             SELECT candidate_id, interviewer_id, ladder_id, ladder_snapshot_sha256, created_at, updated_at FROM scorecards WHERE id = ?1",
            [scorecard],
        )
        .unwrap();
        let id = tx.last_insert_rowid();
        for n in 0..20 {
            tx.execute(
                "INSERT INTO ratings (scorecard_id, role_key, characteristic_key, score, notes, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'bulk', '2026-01-01T00:00:00Z')",
                rusqlite::params![id, ROLE, format!("c{n}"), (card + n) % 4 + 1],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
    drop(conn);
    (Store::open_in(dir).unwrap(), interviewer, scorecard)
}

struct Row {
    what: String,
    p50: Duration,
    p99: Duration,
    per_second: f64,
}

fn summarize(what: &str, mut samples: Vec<Duration>) -> Row {
    samples.sort();
    let total: Duration = samples.iter().sum();
    Row {
        what: what.to_owned(),
        p50: samples[samples.len() / 2],
        p99: samples[samples.len() * 99 / 100],
        per_second: samples.len() as f64 / total.as_secs_f64(),
    }
}

fn measure_store(mode: &str) -> Row {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, interviewer, scorecard) = prepare(dir.path());
    store.set_synchronous_for_benchmarks(mode).unwrap();
    let mut samples = Vec::with_capacity(SAVES);
    for n in 0..SAVES {
        let change = RatingChange {
            role_key: ROLE.into(),
            characteristic_key: format!("k{}", n % 12),
            score: Some((n % 4 + 1) as u8),
            notes: format!("note {n}"),
        };
        let started = Instant::now();
        store.save_rating(interviewer, scorecard, &change).unwrap();
        samples.push(started.elapsed());
    }
    summarize(&format!("Rung save_rating, synchronous={mode}"), samples)
}

/// The same upsert, one autocommit statement per save, in the `sqlite3` shell. Its
/// `.timer` only has millisecond resolution, so the floor is the whole run's wall time
/// minus that of a run without the inserts: a mean, not percentiles.
fn measure_sqlite3_shell(mode: &str) -> Option<(String, Duration, f64)> {
    let dir = tempfile::tempdir().unwrap();
    let (store, _, scorecard) = prepare(dir.path());
    drop(store);
    let preamble = format!("PRAGMA journal_mode=WAL;\nPRAGMA synchronous={mode};\n");
    let mut inserts = String::new();
    for n in 0..SAVES {
        inserts.push_str(&format!(
            "INSERT INTO ratings (scorecard_id, role_key, characteristic_key, score, notes, updated_at) \
             VALUES ({scorecard}, '{ROLE}', 'k{}', {}, 'note {n}', '2026-01-01T00:00:00Z') \
             ON CONFLICT (scorecard_id, role_key, characteristic_key) DO UPDATE SET score = excluded.score, notes = excluded.notes, updated_at = excluded.updated_at;\n",
            n % 12,
            n % 4 + 1
        ));
    }
    let run = |script: &str| -> Option<Duration> {
        let started = Instant::now();
        let mut child = Command::new("sqlite3")
            .arg(dir.path().join(DB_FILE))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .ok()?;
        {
            use std::io::Write;
            child.stdin.take()?.write_all(script.as_bytes()).ok()?;
        }
        child.wait().ok()?.success().then(|| started.elapsed())
    };
    let baseline = run(&preamble)?;
    let with_inserts = run(&format!("{preamble}{inserts}"))?;
    let per_save = with_inserts.saturating_sub(baseline) / SAVES as u32;
    Some((format!("sqlite3 shell upsert, synchronous={mode}"), per_save, 1.0 / per_save.as_secs_f64()))
}

fn main() {
    // `cargo test --benches` runs this once as a smoke test: keep that quick.
    if !std::env::args().any(|arg| arg == "--bench") {
        println!("rating_save: run with `cargo bench` to measure");
        return;
    }
    let mut lines = Vec::new();
    for mode in ["FULL", "NORMAL"] {
        let row = measure_store(mode);
        if mode == "FULL" {
            let shell =
                measure_sqlite3_shell(mode).map(|(_, mean, _)| format!("mean {:.3} ms", mean.as_secs_f64() * 1e3));
            table::record(
                "Rating save, store only, synchronous=FULL: p50 / p99 (sqlite3 shell: mean)",
                &format!("{:.3} / {:.3} ms", row.p50.as_secs_f64() * 1e3, row.p99.as_secs_f64() * 1e3),
                &shell.unwrap_or_else(|| "sqlite3 not installed".into()),
                "same upsert, one fsync'd commit each",
            );
        }
        lines.push(format!(
            "| {} | {:.3} ms | {:.3} ms | {:.0} |",
            row.what,
            row.p50.as_secs_f64() * 1e3,
            row.p99.as_secs_f64() * 1e3,
            row.per_second
        ));
        match measure_sqlite3_shell(mode) {
            Some((what, mean, per_second)) => {
                lines.push(format!("| {what} | mean {:.3} ms | — | {per_second:.0} |", mean.as_secs_f64() * 1e3))
            }
            None => lines.push("| sqlite3 shell not found: install the sqlite3 package | | | |".to_owned()),
        }
    }
    println!("\n{SAVES} saves each, on a database already holding {EXISTING_RATINGS} ratings\n");
    println!("| what | p50 | p99 | saves/s |");
    println!("| --- | ---: | ---: | ---: |");
    for line in lines {
        println!("{line}");
    }
}
