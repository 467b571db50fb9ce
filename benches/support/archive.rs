//! A recruiter's archive for the benchmarks, written straight into a real database.

use rung::ladder::default_ladder;
use rung::store::{Store, DB_FILE};

const NAMES: [&str; 10] = ["Zoë", "Søren", "Priya", "Mateus", "Chloé", "Kwame", "Ana", "Marcus", "Li", "Fatima"];
/// A note of a typical length, so the file is the size a real archive would be.
const NOTE: &str = "Walked through the incident timeline, named the trade-offs and what they would do next time.";

/// `candidates` candidates, each with a panel of 3 interviews and 3 submitted scorecards
/// of `ratings` ratings each, and a decision for every other one. Setup, not measured:
/// plain inserts in one transaction.
pub fn populate(dir: &std::path::Path, candidates: usize, ratings: usize) {
    let mut store = Store::open_in(dir).unwrap();
    let ladder = store.save_ladder(&default_ladder(), true).unwrap();
    let interviewer = store.create_interviewer("Ada Lovelace", None).unwrap();
    let snapshot = store.list_ladders().unwrap()[0].snapshot_sha256.clone();
    let keys: Vec<(String, String)> = default_ladder()
        .roles
        .iter()
        .flat_map(|role| role.characteristics.iter().map(|c| (role.key.clone(), c.key.clone())))
        .collect();
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
                 VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?6, NULL, NULL)",
                rusqlite::params![candidate, interviewer, interview, ladder.id, snapshot, now],
            )
            .unwrap();
            let scorecard = tx.last_insert_rowid();
            for (index, (role, characteristic)) in keys.iter().cycle().take(ratings).enumerate() {
                tx.execute(
                    "INSERT INTO ratings (scorecard_id, role_key, characteristic_key, score, notes, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    rusqlite::params![scorecard, role, characteristic, (1 + (n + index) % 4) as i64, NOTE, now],
                )
                .unwrap();
            }
            tx.execute(
                "UPDATE scorecards SET status = 'submitted', submitted_at = ?2, seal_sha256 = ?3 WHERE id = ?1",
                rusqlite::params![scorecard, now, format!("{n:060x}{position:04x}")],
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
