//! The level engine's speed: a recommendation with agreement for a large panel (8
//! interviewers × 80 characteristics; goal under 1 ms), and calibration over 10,000
//! generated candidates (goal under 1 s); the measurement model's recommendation with
//! probabilities on the same panel (goal ≤ 5 ms: the debrief's what-if) and its fit over
//! 10,000 scorecards (goal ≤ 200 ms). Run: `cargo bench --no-default-features --bench level_engine`.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use rung::ladder::{default_ladder, Characteristic, Ladder};
use rung::level::calibration::{calibrate, CandidateEvidence};
use rung::level::model::{recommend_probable, CandidateRatings, MeasurementModel};
use rung::level::{recommend, PanelRating};
use rung::scorecard::template::CharacteristicRef;
use rung::scorecard::{Overall, Rating, Scorecard, ScorecardStatus};

/// A deterministic score from a few numbers (no RNG needed for a benchmark's data).
fn score(a: usize, b: usize, c: usize) -> u8 {
    ((a * 7 + b * 13 + c * 29) % 4 + 1) as u8
}

/// 8 roles of 10 characteristics, each building on the one before: 80 characteristics.
fn big_ladder() -> Ladder {
    let mut ladder = default_ladder();
    let template = ladder.roles[1].clone();
    ladder.roles = (0..8)
        .map(|r| {
            let mut role = template.clone();
            role.key = format!("role-{r}");
            role.title = format!("Role {r}");
            role.level = r as u32 + 1;
            role.builds_on = (r > 0).then(|| format!("role-{}", r - 1));
            role.characteristics = (0..10)
                .map(|c| Characteristic {
                    key: format!("c{c}"),
                    title: format!("Characteristic {c}"),
                    group: None,
                    examples: vec![],
                })
                .collect();
            role
        })
        .collect();
    ladder
}

fn big_panel(ladder: &Ladder) -> Vec<PanelRating> {
    let mut ratings = Vec::new();
    for rater in 0..8 {
        for (r, role) in ladder.roles.iter().enumerate() {
            for (c, characteristic) in role.characteristics.iter().enumerate() {
                ratings.push(PanelRating {
                    rater: format!("interviewer {rater}"),
                    characteristic: CharacteristicRef {
                        role_key: role.key.clone(),
                        characteristic_key: characteristic.key.clone(),
                    },
                    score: Some(score(rater, r, c)),
                });
            }
        }
    }
    ratings
}

/// A candidate's scorecards and panel plan (interview id → focus).
type Generated = (Vec<Scorecard>, HashMap<i64, Vec<CharacteristicRef>>);

/// 10,000 candidates, each with 3 submitted scorecards of 10 ratings and a plan.
fn many_candidates() -> Vec<Generated> {
    (0..10_000)
        .map(|candidate| {
            let focus: Vec<CharacteristicRef> = (0..10)
                .map(|c| CharacteristicRef { role_key: "role".into(), characteristic_key: format!("c{c}") })
                .collect();
            let cards = (0..3)
                .map(|i| Scorecard {
                    id: (candidate * 3 + i) as i64,
                    candidate_id: candidate as i64,
                    interviewer_id: ((candidate + i) % 40) as i64,
                    interview_id: Some(i as i64),
                    ladder_snapshot_sha256: String::new(),
                    status: ScorecardStatus::Submitted,
                    overall: Some(if candidate % 3 == i { Overall::No } else { Overall::Yes }),
                    level_opinion: None,
                    summary: String::new(),
                    submitted_at: Some(String::new()),
                    seal_sha256: Some(String::new()),
                    amends_scorecard_id: None,
                    amendment_reason: None,
                    seal_salt: None,
                    ratings: focus
                        .iter()
                        .enumerate()
                        .map(|(c, reference)| Rating {
                            role_key: reference.role_key.clone(),
                            characteristic_key: reference.characteristic_key.clone(),
                            score: Some(score(candidate, i, c)),
                            notes: String::new(),
                            updated_at: String::new(),
                        })
                        .collect(),
                })
                .collect();
            let plan = (0..3).map(|i| (i as i64, focus.clone())).collect();
            (cards, plan)
        })
        .collect()
}

fn engine(c: &mut Criterion) {
    let ladder = big_ladder();
    let ratings = big_panel(&ladder);
    c.bench_function("recommendation + agreement, 8 interviewers × 80 characteristics", |b| {
        b.iter(|| recommend(black_box(&ladder), black_box(&ratings), Some("role-4")))
    });

    let candidates = many_candidates();
    let evidence: Vec<CandidateEvidence<'_>> = candidates
        .iter()
        .map(|(cards, focus)| CandidateEvidence {
            scorecards: cards,
            focus: focus.clone(),
            decision: Some(rung::decision::Outcome::Hire),
        })
        .collect();
    let mut group = c.benchmark_group("calibration");
    group.sample_size(10);
    group.bench_function("10,000 candidates × 3 scorecards × 10 ratings", |b| {
        b.iter(|| calibrate(black_box(&evidence)))
    });
    group.finish();

    let model = MeasurementModel::unfitted(&ladder);
    let mut group = c.benchmark_group("measurement model");
    group.sample_size(10);
    group.bench_function("recommendation with probabilities, 8 interviewers × 80 characteristics", |b| {
        b.iter(|| recommend_probable(black_box(&ladder), black_box(&model), black_box(&ratings), Some("role-4")))
    });
    // 10,000 scorecards: 2,500 candidates, 4 interviewers of 40 each rating one role's 10.
    let history: Vec<CandidateRatings> = (0..2_500)
        .map(|candidate| {
            let role = &ladder.roles[candidate % 8];
            let ratings = (0..4)
                .flat_map(|i| {
                    role.characteristics.iter().enumerate().map(move |(c, characteristic)| PanelRating {
                        rater: format!("interviewer {}", (candidate + i * 7) % 40),
                        characteristic: CharacteristicRef {
                            role_key: role.key.clone(),
                            characteristic_key: characteristic.key.clone(),
                        },
                        score: Some(score(candidate, i, c)),
                    })
                })
                .collect();
            CandidateRatings { candidate: candidate.to_string(), ratings }
        })
        .collect();
    group.bench_function("fit over 10,000 scorecards (100,000 ratings)", |b| {
        b.iter(|| MeasurementModel::fit(black_box(&ladder), black_box(&history)))
    });
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
