//! Helpers for tests on real SQLite files in temporary folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rung::ladder::default_ladder;
use rung::store::{NewCandidate, RatingChange, Store, DB_FILE};

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub store: Store,
    /// The interviewer who owns `scorecard`.
    pub interviewer: i64,
    pub scorecard: i64,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in(dir.path()).unwrap();
        let ladder = store.save_ladder(&default_ladder(), true).unwrap();
        let interviewer = store.create_interviewer("Ada Interviewer", None).unwrap();
        let candidate = store
            .create_candidate(&NewCandidate {
                name: "Zoë Łukasiewicz-Nguyễn".into(),
                email: None,
                ladder_id: ladder.id,
                target_role_key: "senior-application-support-engineer".into(),
                notes: String::new(),
            })
            .unwrap();
        let scorecard = store.start_scorecard(candidate, interviewer, None).unwrap();
        Fixture { dir, store, interviewer, scorecard }
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join(DB_FILE)
    }
}

pub fn change(characteristic: &str, score: Option<u8>, notes: &str) -> RatingChange {
    RatingChange {
        role_key: "senior-application-support-engineer".into(),
        characteristic_key: characteristic.into(),
        score,
        notes: notes.into(),
    }
}

/// A second, raw connection: what another program (or an attacker) could do to the file.
pub fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// The main file's bytes after folding the WAL in, to compare "untouched" exactly.
pub fn checkpointed_bytes(path: &Path) -> Vec<u8> {
    let conn = raw(path);
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    drop(conn);
    std::fs::read(path).unwrap()
}

/// A candidate for the seed ladder's Senior Application Support Engineer, with the default panel.
pub fn seed_candidate(store: &mut Store, name: &str) -> i64 {
    let ladder = store.save_ladder(&default_ladder(), true).unwrap();
    rung::hiring::create_candidate(
        store,
        &NewCandidate {
            name: name.into(),
            email: None,
            ladder_id: ladder.id,
            target_role_key: "senior-application-support-engineer".into(),
            notes: String::new(),
        },
    )
    .unwrap()
}

/// The real `rung` binary on a data folder.
pub fn rung_in(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rung"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("RUNG_DATA_DIR")
        .output()
        .unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The names in a folder, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}
