//! How often the level policy recommends the true role (and band) for simulated
//! candidates, against the plain mean of all ratings. Rerun whenever the policy changes:
//! `cargo run --release -p rung-core --example level_simulation [candidates]`.

mod model;

fn main() {
    let candidates: u32 = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(3_000);
    println!("{candidates} candidates per row, seed ladder, default panel plan, 2 ratings per path characteristic");
    println!();
    println!("| rule | noise sd | right role | right role + band | too low | too high | wrong track |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for noise in [0.4, 0.6, 0.8] {
        let results = model::simulate(candidates, noise, 2026);
        for (name, tally, band) in [
            ("level policy (default)", results.policy, true),
            ("plain mean ≥ 3 (the met rating)", results.mean_at_met, false),
            ("plain mean ≥ 2.5", results.mean_at_half, false),
        ] {
            let band_text =
                if band { format!("{:.1}%", 100.0 * tally.share(tally.band_right)) } else { "—".to_owned() };
            println!(
                "| {name} | {noise} | {:.1}% | {band_text} | {:.1}% | {:.1}% | {:.1}% |",
                100.0 * tally.share(tally.role_right),
                100.0 * tally.share(tally.too_low),
                100.0 * tally.share(tally.too_high),
                100.0 * tally.share(tally.other)
            );
        }
    }
}
