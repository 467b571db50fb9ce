//! How import time grows with the size of the input: roles that each build on the one
//! before (a "builds upon" sentence per role), identical bullets in one role, and a JSON
//! ladder whose roles form one long chain. Linear or n·log n work doubles when the input
//! doubles; the last column says how close each step is to that.
//! Run: `cargo bench --no-default-features --bench ladder_scaling`. Under `cargo test
//! --benches` it runs the small sizes once, as a smoke test.

use std::path::Path;
use std::time::{Duration, Instant};

use rung::ladder::{self, json};

#[path = "../crates/rung-core/tests/domain/generated_ladders.rs"]
mod generated_ladders;

fn roles_document(roles: usize) -> Vec<u8> {
    let mut text = String::from("# Big ladder\n\n");
    for n in 0..roles {
        text.push_str(&format!("## Role number {n}\n\n"));
        if n > 0 {
            text.push_str(&format!("This role builds upon the Role number {} role.\n\n", n - 1));
        }
        text.push_str("### I do the same thing\n\n- the same example\n");
    }
    text.into_bytes()
}

fn bullets_document(bullets: usize) -> Vec<u8> {
    let mut text = String::from("# Ladder\n\n## Engineer\n\n");
    for _ in 0..bullets {
        text.push_str("- The same bullet\n");
    }
    text.into_bytes()
}

fn chain_json(roles: usize) -> String {
    json::to_json(&generated_ladders::chain_ladder(roles))
}

/// The fastest of a few runs, so a busy machine does not inflate one size only.
fn best_of(runs: usize, work: &dyn Fn()) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let measuring = std::env::args().any(|arg| arg == "--bench");
    let sizes: &[usize] = if measuring { &[1_000, 2_000, 4_000, 8_000] } else { &[250, 500] };
    let runs = if measuring { 5 } else { 1 };
    println!("| input | size | time | × previous size |");
    println!("| --- | ---: | ---: | ---: |");
    type Case = (&'static str, fn(usize) -> Box<dyn Fn()>);
    let cases: [Case; 3] = [
        ("roles, each building on the previous", |n| {
            let bytes = roles_document(n);
            Box::new(move || {
                ladder::from_markdown(&bytes, Path::new("roles.md")).unwrap();
            })
        }),
        ("identical bullets in one role", |n| {
            let bytes = bullets_document(n);
            Box::new(move || {
                ladder::from_markdown(&bytes, Path::new("bullets.md")).unwrap();
            })
        }),
        ("JSON roles in one builds-on chain", |n| {
            let text = chain_json(n);
            Box::new(move || {
                json::from_json(&text, Path::new("chain.json")).unwrap();
            })
        }),
    ];
    for (name, make) in cases {
        let mut previous: Option<Duration> = None;
        for &size in sizes {
            let import = make(size);
            let time = best_of(runs, &import);
            let ratio =
                previous.map_or_else(|| "—".to_owned(), |p| format!("{:.2}", time.as_secs_f64() / p.as_secs_f64()));
            println!("| {name} | {size} | {:.2} ms | {ratio} |", time.as_secs_f64() * 1e3);
            previous = Some(time);
        }
    }
}
