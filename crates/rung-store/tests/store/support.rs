//! Helpers for tests on real SQLite files in temporary folders. The app's integration
//! tests and rung-team's tests include this file too (`#[path]`): nothing here needs more
//! than the store and the domain.

use std::path::{Path, PathBuf};

use rung_core::ladder::default_ladder;
use rung_core::scorecard::panel::{default_interview_count, default_plan};
use rung_core::scorecard::template::template_for;
use rung_store::{NewCandidate, RatingChange, Store, DB_FILE};

/// The seed ladder's Senior Application Support Engineer, every fixture's target role.
pub const TARGET_ROLE: &str = "senior-application-support-engineer";

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
        let interviewer = store.create_interviewer("Ada Interviewer", None).unwrap();
        let new = new_seed_candidate(&mut store, "Zoë Łukasiewicz-Nguyễn");
        let candidate = store.create_candidate(&new).unwrap();
        let scorecard = store.start_scorecard(candidate, interviewer, None).unwrap();
        Fixture { dir, store, interviewer, scorecard }
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join(DB_FILE)
    }
}

pub fn change(characteristic: &str, score: Option<u8>, notes: &str) -> RatingChange {
    RatingChange { role_key: TARGET_ROLE.into(), characteristic_key: characteristic.into(), score, notes: notes.into() }
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

/// A new candidate for the seed ladder's Senior Application Support Engineer (the
/// ladder saved, as the app saves it before anyone is added).
pub fn new_seed_candidate(store: &mut Store, name: &str) -> NewCandidate {
    let ladder = store.save_ladder(&default_ladder(), true).unwrap();
    NewCandidate {
        name: name.into(),
        email: None,
        ladder_id: ladder.id,
        target_role_key: TARGET_ROLE.into(),
        notes: String::new(),
    }
}

/// That candidate stored with the default panel plan, straight through the store (the
/// app's hiring workflow does the same in one transaction; its tests use it).
pub fn candidate_with_panel(store: &mut Store, name: &str) -> i64 {
    let new = new_seed_candidate(store, name);
    let candidate = store.create_candidate(&new).unwrap();
    let ladder = default_ladder();
    let template = template_for(&ladder, TARGET_ROLE).unwrap();
    let minimum = ladder.policy.min_interviewers_per_characteristic as usize;
    store.save_panel_plan(candidate, &default_plan(&template, default_interview_count(&template), minimum)).unwrap();
    candidate
}

/// A process's output as text (the tests that run `rung` or psql and include this file).
#[allow(dead_code)]
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

/// A data folder whose database holds one rating with `notes`, closed and checkpointed;
/// with the scorecard's (owner, id).
pub fn folder_with_rating(notes: &str) -> (tempfile::TempDir, PathBuf, (i64, i64)) {
    let mut fixture = Fixture::new();
    fixture
        .store
        .save_rating(fixture.interviewer, fixture.scorecard, &change("i-am-a-support-mentor", Some(3), notes))
        .unwrap();
    let path = fixture.db_path();
    let scorecard = (fixture.interviewer, fixture.scorecard);
    drop(fixture.store);
    checkpointed_bytes(&path);
    (fixture.dir, path, scorecard)
}

/// The notes of that rating, read from the database at `path`.
pub fn notes_in(path: &Path, (_, scorecard): (i64, i64)) -> String {
    Store::open(path).unwrap().scorecard(scorecard).unwrap().ratings[0].notes.clone()
}

pub fn backup_of(path: &Path, dest: &Path) {
    Store::open(path).unwrap().backup_to(dest).unwrap();
}
