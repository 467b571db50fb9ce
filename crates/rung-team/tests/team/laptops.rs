//! Laptops in a team: data folders, each bound to the team server as one member, and a
//! coordinator with interviewers whose panels are shared. Shared (`#[path]`) like
//! postgres.rs; how a laptop connects and syncs (and adds a candidate) is each includer's
//! own: the library in rung-team's tests, the `rung` CLI in the app's.

use std::path::Path;

use rung_core::scorecard::Overall;
use rung_store::{RatingChange, Store, StoredInterview};

use super::postgres::Postgres;

/// A laptop: a data folder connected to the team server as one member.
pub struct Laptop {
    pub dir: tempfile::TempDir,
    pub login: String,
}

impl Laptop {
    pub fn new(login: &str) -> Laptop {
        Laptop { dir: tempfile::tempdir().unwrap(), login: login.to_owned() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn store(&self) -> Store {
        Store::open_in(self.path()).unwrap()
    }

    /// The seals (as made where each thing was sealed) of every submitted scorecard and
    /// decision here.
    pub fn seals(&self) -> Vec<String> {
        self.store().global_seals().unwrap()
    }
}

/// Scores an interview as `me` (every focus characteristic at `score`, with `note`) and,
/// when `submit`, submits it; returns the scorecard's id and, once submitted, its seal.
pub fn score_interview(
    store: &mut Store,
    me: i64,
    candidate: i64,
    interview: &StoredInterview,
    (score, note): (u8, &str),
    submit: bool,
) -> (i64, Option<String>) {
    let card = store.start_scorecard(candidate, me, Some(interview.id)).unwrap();
    for focus in &interview.focus {
        let change = RatingChange {
            role_key: focus.role_key.clone(),
            characteristic_key: focus.characteristic_key.clone(),
            score: Some(score),
            notes: note.to_owned(),
        };
        store.save_rating(me, card, &change).unwrap();
    }
    store.save_overall(me, card, Some(Overall::Yes), None, note).unwrap();
    let seal = submit.then(|| store.submit_scorecard(me, card).unwrap().seal_sha256.unwrap());
    (card, seal)
}

/// A coordinator (`cora`) and interviewers on their own laptops, all connected, with the
/// coordinator's `candidates` (default panel plans) shared and every interview assigned
/// round robin to the interviewers, then pulled by everyone.
pub struct Team {
    pub coordinator: Laptop,
    pub interviewers: Vec<Laptop>,
    /// The candidates' ids on the coordinator's laptop.
    pub candidates: Vec<i64>,
}

impl Team {
    /// `interviewers`: (login, display name); the server must have them as members.
    pub fn with_panels(pg: &Postgres, candidates: &[&str], interviewers: &[(&str, &str)]) -> Team {
        let coordinator = Laptop::new("cora");
        let ids = candidates.iter().map(|name| coordinator.add_candidate(name)).collect();
        coordinator.connect(pg, "Cora Diaz");
        let laptops: Vec<Laptop> = interviewers
            .iter()
            .map(|(login, name)| {
                let laptop = Laptop::new(login);
                laptop.connect(pg, name);
                laptop
            })
            .collect();
        coordinator.sync();
        let team = Team { coordinator, interviewers: laptops, candidates: ids };
        {
            let mut store = team.coordinator.store();
            for candidate in &team.candidates {
                for (index, interview) in store.panel(*candidate).unwrap().iter().enumerate() {
                    let login = interviewers[index % interviewers.len()].0;
                    let member = store.interviewer_with_login(login).unwrap().unwrap();
                    store.assign_interviewer(interview.id, Some(member)).unwrap();
                }
            }
        }
        team.coordinator.sync();
        for laptop in &team.interviewers {
            laptop.sync();
        }
        team
    }
}

impl Laptop {
    /// Scores (and submits, unless `draft`) every interview assigned to this laptop's member
    /// that has no scorecard yet, for every candidate here; returns the new seals.
    pub fn score_assigned(&self, score: u8, note: &str, submit: bool) -> Vec<String> {
        let mut store = self.store();
        let me = store.team_binding().unwrap().expect("the laptop is connected").interviewer_id;
        let mut seals = Vec::new();
        for candidate in store.candidates().unwrap() {
            let started: Vec<Option<i64>> =
                store.scorecards_of(candidate.id).unwrap().iter().map(|card| card.interview_id).collect();
            for interview in store.panel(candidate.id).unwrap() {
                if interview.interviewer_id == Some(me) && !started.contains(&Some(interview.id)) {
                    seals.extend(score_interview(&mut store, me, candidate.id, &interview, (score, note), submit).1);
                }
            }
        }
        seals
    }
}
