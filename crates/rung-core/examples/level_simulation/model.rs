//! The decision-quality simulation: candidates drawn at a known role and band on the
//! seed ladder, scored through the default panel plan by interviewers with a leniency
//! of their own and noise, then recommended by the level policy and, for comparison, by
//! the plain mean of the ratings. Shared by `examples/level_simulation` (prints the
//! table) and a test (the default policy must beat the plain mean).

use rung_core::ladder::{default_ladder, Band, Ladder, Track};
pub use rung_core::level::model::random::Random;
use rung_core::level::{recommend, PanelRating};
use rung_core::scorecard::panel::{default_interview_count, default_plan};
use rung_core::scorecard::template::{next_role, template_for};

/// How a decision rule did over the simulated candidates.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub candidates: u32,
    pub role_right: u32,
    pub band_right: u32,
    pub too_low: u32,
    pub too_high: u32,
    /// The right level on the wrong track.
    pub other: u32,
}

impl Tally {
    pub fn share(&self, count: u32) -> f64 {
        f64::from(count) / f64::from(self.candidates.max(1))
    }

    pub fn count(&mut self, ladder: &Ladder, truth: (&str, Band), result: (Option<&str>, Option<Band>)) {
        self.candidates += 1;
        let true_level = ladder.role(truth.0).map_or(0, |r| r.level);
        match result.0.and_then(|key| ladder.role(key)) {
            None => self.too_low += 1,
            Some(role) if role.key == truth.0 => {
                self.role_right += 1;
                self.band_right += u32::from(result.1 == Some(truth.1));
            }
            Some(role) if role.level < true_level => self.too_low += 1,
            Some(role) if role.level > true_level => self.too_high += 1,
            Some(_) => self.other += 1,
        }
    }
}

/// The candidate's true standing on one characteristic, on the 1–4 scale. Octopus's
/// bands describe a share of the level's characteristics met (Performing ~90%, Maturing
/// most but not all; Exceeding also shows the next level's behaviours: half way between
/// the rules' 50% for Exceeding and 60% for Maturing there), so each
/// characteristic is met (around 3.2) or not (around 2.1) with the band's probability.
pub fn true_score(ladder: &Ladder, truth: (&str, Band), role_key: &str, random: &mut Random) -> f64 {
    let true_role = ladder.role(truth.0).expect("true role");
    let role = ladder.role(role_key).expect("rated role");
    let on_path = ladder.path_to(truth.0).iter().any(|r| r.key == role_key);
    let next = next_role(ladder, true_role).is_some_and(|n| n.key == role_key);
    let met_probability = if role_key == truth.0 {
        match truth.1 {
            Band::Maturing => 0.72,
            Band::Performing => 0.93,
            Band::Exceeding => 0.97,
        }
    } else if on_path && role.level < true_role.level {
        0.95
    } else if next {
        match truth.1 {
            Band::Maturing => 0.15,
            Band::Performing => 0.3,
            Band::Exceeding => 0.55,
        }
    } else {
        0.05
    };
    let mean = if random.unit() < met_probability { 3.2 } else { 2.1 };
    mean + random.normal(0.2)
}

/// One simulated panel: the default plan for the true role, each interview scored by its
/// own interviewer (leniency ~ N(0, 0.25), noise ~ N(0, `noise`)), 5% left unassessed.
fn panel(ladder: &Ladder, truth: (&str, Band), noise: f64, random: &mut Random) -> Vec<PanelRating> {
    let template = template_for(ladder, truth.0).expect("a scorable role");
    let plan = default_plan(&template, default_interview_count(&template), 2);
    let mut latent = std::collections::HashMap::new();
    let mut ratings = Vec::new();
    for (index, interview) in plan.interviews.iter().enumerate() {
        let leniency = random.normal(0.25);
        for reference in &interview.focus {
            let theta = *latent
                .entry(reference.clone())
                .or_insert_with(|| true_score(ladder, truth, &reference.role_key, random));
            let score = reading(theta + leniency, noise, random);
            ratings.push(PanelRating {
                rater: format!("interviewer {index}"),
                characteristic: reference.clone(),
                score,
            });
        }
    }
    ratings
}

/// One interviewer's rating of a true score `centre` (leniency included): noise, rounded
/// to the 1–4 scale; 5% left unassessed.
pub fn reading(centre: f64, noise: f64, random: &mut Random) -> Option<u8> {
    if random.unit() < 0.05 {
        None
    } else {
        Some((centre + random.normal(noise)).round().clamp(1.0, 4.0) as u8)
    }
}

/// The plain mean of all ratings: the highest complete role whose ratings average at
/// least `threshold`, every role below it too.
pub fn plain_mean(ladder: &Ladder, ratings: &[PanelRating], target: &str, threshold: f64) -> Option<String> {
    let mean_of = |key: &str| {
        let scores: Vec<f64> = ratings
            .iter()
            .filter(|r| r.characteristic.role_key == key)
            .filter_map(|r| r.score.map(f64::from))
            .collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
    };
    let passes = |key: &str| mean_of(key).is_some_and(|mean| mean >= threshold);
    let target_track = ladder.role(target).map(|r| r.track.clone());
    ladder
        .roles
        .iter()
        .filter(|role| !role.incomplete && role.track != Track::Foundation && passes(&role.key))
        .filter(|role| ladder.path_to(&role.key).iter().all(|r| mean_of(&r.key).is_none() || passes(&r.key)))
        .max_by_key(|role| (role.level, Some(&role.track) == target_track.as_ref()))
        .map(|role| role.key.clone())
}

/// How the rules did on the same simulated candidates.
pub struct Results {
    pub policy: Tally,
    /// The plain mean at the met rating (3): "on average Performing".
    pub mean_at_met: Tally,
    /// The plain mean at 2.5, half way between Maturing and Performing.
    pub mean_at_half: Tally,
}

/// Runs `candidates` simulated candidates at noise `noise`.
pub fn simulate(candidates: u32, noise: f64, seed: u64) -> Results {
    let ladder = default_ladder();
    let truths: Vec<(String, Vec<Band>)> = ladder
        .roles
        .iter()
        .filter(|role| !role.incomplete && role.track != Track::Foundation)
        .map(|role| {
            let bands = if next_role(&ladder, role).is_some() {
                vec![Band::Maturing, Band::Performing, Band::Exceeding]
            } else {
                vec![Band::Maturing, Band::Performing]
            };
            (role.key.clone(), bands)
        })
        .collect();
    let mut random = Random::new(seed);
    let (mut policy, mut mean_at_met, mut mean_at_half) = (Tally::default(), Tally::default(), Tally::default());
    for _ in 0..candidates {
        let (role, bands) = &truths[random.below(truths.len())];
        let truth = (role.as_str(), bands[random.below(bands.len())]);
        let ratings = panel(&ladder, truth, noise, &mut random);
        let result = recommend(&ladder, &ratings, Some(role));
        policy.count(&ladder, truth, (result.role.as_deref(), result.band));
        mean_at_met.count(&ladder, truth, (plain_mean(&ladder, &ratings, role, 3.0).as_deref(), None));
        mean_at_half.count(&ladder, truth, (plain_mean(&ladder, &ratings, role, 2.5).as_deref(), None));
    }
    Results { policy, mean_at_met, mean_at_half }
}
