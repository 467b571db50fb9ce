//! How fast the Candidates screen gets its first rows at a recruiter's scale: 10,000
//! candidates, each with a panel of 3 interviews, 30,000 submitted scorecards and a
//! decision for half of them. Each query the screen makes (first page, a search, the
//! next page, a deep page) through the same function the window calls, 200 runs each;
//! prints p50 and p99. Goal: first rows in under 100 ms.
//! Run: `bash scripts/bench.sh` (or `cargo bench --no-default-features --bench candidate_list`).

#[path = "support/archive.rs"]
mod archive;
#[path = "support/latency.rs"]
mod latency;
#[path = "support/table.rs"]
mod table;

use std::time::Duration;

use rung::store::{CandidateQuery, Store};

const CANDIDATES: usize = 10_000;
const RUNS: usize = 200;
const SMOKE_CANDIDATES: usize = 200;

fn main() {
    let measuring = std::env::args().any(|arg| arg == "--bench");
    let (candidates, runs) = if measuring { (CANDIDATES, RUNS) } else { (SMOKE_CANDIDATES, 1) };
    let dir = tempfile::tempdir().unwrap();
    archive::populate(dir.path(), candidates, 0);
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
    table::record(
        &format!("Candidates screen, first rows, slowest query p99 ({candidates} candidates)"),
        &format!("{:.2} ms", latency::ms(worst)),
        "",
        "goal < 100 ms",
    );
}
