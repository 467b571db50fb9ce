//! How often the level policy recommends the true role (and band) for simulated
//! candidates, against the plain mean of all ratings, and the policy on the measurement
//! model's posterior. Rerun whenever the policy or the model changes:
//! `cargo run --release -p rung-core --example level_simulation [candidates]`.

mod model;
mod pools;

use pools::{simulate_pools, Mix};

fn main() {
    let candidates: u32 = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1_800);
    println!("{candidates} candidates per row, seed ladder, default panel plan, 2 ratings per path characteristic");
    println!(
        "Pools of 12 interviewers per 60 candidates (leniency sd 0.3, noise sd 0.6); the model is fitted on the batch."
    );
    println!();
    println!("| candidates | rule | right role | right role + band | too low | too high | wrong among p ≥ 0.8 (High) | flagged | wrong among flagged | wrong among not flagged | wrong that were flagged | target up one changes |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let pct = |x: f64| format!("{:.1}%", 100.0 * x);
    for (mix, name) in [(Mix::AtTarget, "at their target"), (Mix::MostlyAway, "mostly away from it")] {
        let r = simulate_pools(candidates, 0.6, mix, 2026);
        let row = |rule: &str, tally: &model::Tally, band: bool, flags: Option<&pools::Flags>, moved: Option<u32>| {
            let band_text = if band { pct(tally.share(tally.band_right)) } else { "—".to_owned() };
            let (sure, flagged, among, among_not, caught) = flags.map_or_else(
                || ("—".to_owned(), "—".to_owned(), "—".to_owned(), "—".to_owned(), "—".to_owned()),
                |f| {
                    (
                        pct(f.wrong_among_sure()),
                        pct(f.share_flagged()),
                        pct(f.wrong_among_flagged()),
                        pct(f.wrong_among_unflagged()),
                        pct(f.wrong_flagged()),
                    )
                },
            );
            let moved = moved.map_or_else(|| "—".to_owned(), |m| pct(tally.share(m)));
            println!(
                "| {name} | {rule} | {} | {band_text} | {} | {} | {sure} | {flagged} | {among} | {among_not} | {caught} | {moved} |",
                pct(tally.share(tally.role_right)),
                pct(tally.share(tally.too_low)),
                pct(tally.share(tally.too_high)),
            );
        };
        row("today's policy (flag: Low confidence)", &r.policy, true, Some(&r.policy_flags), None);
        row("plain mean ≥ 2.5", &r.mean, false, None, None);
        row("(ceiling) policy on the true scores", &r.oracle, true, None, None);
        row(
            "policy on the model (flag: between two levels)",
            &r.model,
            true,
            Some(&r.model_flags),
            Some(r.moved_by_target),
        );
        for (what, bins) in
            [("the true role", &r.calibration), ("the policy on the true scores", &r.ceiling_calibration)]
        {
            let text: Vec<String> = bins
                .iter()
                .enumerate()
                .filter(|(_, b)| b.0 > 0)
                .map(|(i, b)| {
                    format!(
                        "{}–{}%: {} said {:.0}%, right {:.0}%",
                        i * 10,
                        i * 10 + 10,
                        b.0,
                        100.0 * b.2 / f64::from(b.0),
                        100.0 * f64::from(b.1) / f64::from(b.0)
                    )
                })
                .collect();
            println!("|  | model calibration against {what} ({name}) | {} |", text.join("; "));
        }
        println!(
            "|  | the model's role is the policy's on the true scores ({name}) | {} |",
            pct(r.model.share(r.agrees_with_ceiling))
        );
    }
    println!();
    println!("Today's policy alone, interviewers drawn afresh per panel (leniency sd 0.25):");
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
