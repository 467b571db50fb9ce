//! Crash safety: a writer process saves ratings and acknowledges each commit; we SIGKILL
//! it at random moments, many times over one database, and after every kill check that
//! the database is intact and every acknowledged save is there.
//! `RUNG_CRASH_KILLS=1000` runs the long mode (default 200).

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rung_core::scorecard::{seal_holds, ScorecardStatus};
use rung_store::Store;

fn writer_path() -> PathBuf {
    // Integration tests live in target/<profile>/deps; examples beside them.
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap();
    let path = profile_dir.join("examples/crash_writer");
    assert!(path.exists(), "{} is missing: plain `cargo test` builds it (with --all-targets or --tests, run `cargo build --examples` first)", path.display());
    path
}

struct Acknowledged {
    /// (scorecard, characteristic) → the last acknowledged sequence number.
    ratings: HashMap<(i64, String), u64>,
    sealed: Vec<i64>,
}

fn parse_ack(line: &str, acked: &mut Acknowledged) {
    let parts: Vec<&str> = line.split_whitespace().collect();
    match parts.as_slice() {
        ["ACK", scorecard, key, seq] => {
            let entry = acked.ratings.entry((scorecard.parse().unwrap(), (*key).to_owned())).or_default();
            *entry = (*entry).max(seq.parse().unwrap());
        }
        ["SEALED", scorecard] => acked.sealed.push(scorecard.parse().unwrap()),
        _ => panic!("unexpected writer output: {line}"),
    }
}

#[test]
fn every_acknowledged_save_survives_sigkill() {
    let kills: u64 = std::env::var("RUNG_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let writer = writer_path();
    let dir = tempfile::tempdir().unwrap();
    let mut rng: u64 = 0x9e3779b97f4a7c15;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut total_acks = 0usize;
    let mut acked = Acknowledged { ratings: HashMap::new(), sealed: Vec::new() };

    for round in 0..kills {
        let mut child = Command::new(&writer)
            .arg(dir.path())
            .arg((round + 1).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, lines) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        // Kill after a random number of acknowledgements (0 = during start-up), with jitter.
        let wanted = next() % 40;
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = 0;
        while seen < wanted && Instant::now() < deadline {
            if let Ok(line) = lines.recv_timeout(Duration::from_millis(50)) {
                parse_ack(&line, &mut acked);
                seen += 1;
            }
        }
        std::thread::sleep(Duration::from_micros(next() % 3000));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        // Lines written before the kill were acknowledged too.
        for line in lines.try_iter() {
            parse_ack(&line, &mut acked);
            seen += 1;
        }
        total_acks += seen as usize;

        let store = Store::open_in(dir.path()).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let report = store.check().unwrap();
        assert!(report.integrity.is_empty(), "round {round}: integrity {:?}", report.integrity);
        assert!(report.foreign_keys.is_empty(), "round {round}: foreign keys {:?}", report.foreign_keys);
        assert!(report.audit.first_broken.is_none(), "round {round}: audit {:?}", report.audit);
        for ((scorecard, key), seq) in &acked.ratings {
            let stored = store.scorecard(*scorecard).unwrap();
            let rating = stored.ratings.iter().find(|r| &r.characteristic_key == key);
            let saved_seq: u64 =
                rating.and_then(|r| r.notes.strip_prefix("seq ")).and_then(|n| n.parse().ok()).unwrap_or_else(|| {
                    panic!("round {round}: acknowledged rating {key} of scorecard {scorecard} is missing")
                });
            assert!(saved_seq >= *seq, "round {round}: {key} went back from seq {seq} to {saved_seq}");
        }
        for id in store.scorecard_ids().unwrap() {
            let scorecard = store.scorecard(id).unwrap();
            match scorecard.status {
                ScorecardStatus::Submitted => {
                    assert!(seal_holds(&scorecard), "round {round}: scorecard {id} is half-submitted")
                }
                ScorecardStatus::Draft => assert!(scorecard.seal_sha256.is_none() && scorecard.submitted_at.is_none()),
            }
        }
        for id in &acked.sealed {
            assert_eq!(store.scorecard(*id).unwrap().status, ScorecardStatus::Submitted, "round {round}");
        }
    }
    assert!(total_acks as u64 > kills * 5, "the writer acknowledged only {total_acks} saves in {kills} runs");
    eprintln!("crash test: {kills} SIGKILLs, {total_acks} acknowledged saves, all present");
}
