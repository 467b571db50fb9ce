//! The writer half of the crash test (crates/rung-store/tests/store/crash.rs): saves ratings as fast
//! as it can and prints an acknowledgement after each commit returns. The test kills it
//! with SIGKILL at random moments and checks that every acknowledged save survived.
//!
//! Usage: crash_writer <data-dir> <seed>

use std::io::Write;
use std::path::PathBuf;

use rung_core::ladder::default_ladder;
use rung_store::{NewCandidate, RatingChange, Store};

const KEYS: [&str; 6] = [
    "i-am-trusted-to-delight-our-customers-with-every-interaction",
    "i-am-a-support-mentor",
    "i-am-focussed-on-the-success-of-my-team-and-my-customers-without-the-need-to-boost-my-ego",
    "i-ve-become-a-student-of-my-craft",
    "i-write-high-quality-responses-quickly-and-with-minimal-oversight",
    "i-am-an-egoless-team-oriented-support-engineer",
];
const SAVES_PER_SCORECARD: u64 = 20;

fn main() {
    let mut args = std::env::args().skip(1);
    let data_dir = PathBuf::from(args.next().expect("data dir"));
    let mut state: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1) | 1;
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };

    let mut store = Store::open_in(&data_dir).expect("open store");
    let ladder = store.save_ladder(&default_ladder(), true).expect("ladder");
    let interviewer = store.create_interviewer("Crash Tester", None).expect("interviewer");
    let candidate = store
        .create_candidate(&NewCandidate {
            name: "Crash Candidate".into(),
            email: None,
            ladder_id: ladder.id,
            target_role_key: "senior-application-support-engineer".into(),
            notes: String::new(),
        })
        .expect("candidate");
    let mut out = std::io::stdout().lock();
    let mut scorecard = store.start_scorecard(candidate, interviewer, None).expect("scorecard");
    let mut seq: u64 = 0;
    loop {
        seq += 1;
        let key = KEYS[(random() % KEYS.len() as u64) as usize];
        let score = match random() % 5 {
            0 => None,
            n => Some(n as u8),
        };
        let change = RatingChange {
            role_key: "senior-application-support-engineer".into(),
            characteristic_key: key.into(),
            score,
            notes: format!("seq {seq}"),
        };
        store.save_rating(interviewer, scorecard, &change).expect("save rating");
        writeln!(out, "ACK {scorecard} {key} {seq}").expect("stdout");
        out.flush().expect("stdout");
        if seq.is_multiple_of(SAVES_PER_SCORECARD) {
            store.submit_scorecard(interviewer, scorecard).expect("submit");
            writeln!(out, "SEALED {scorecard}").expect("stdout");
            out.flush().expect("stdout");
            scorecard = store.start_scorecard(candidate, interviewer, None).expect("scorecard");
        }
    }
}
