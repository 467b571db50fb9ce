//! The level recommendation: a ladder snapshot, the panel's submitted ratings and the
//! ladder's `LevelPolicy` in, a role and band (or none, with why) out, with every role's
//! evidence and the reasons in sentences. Pure and deterministic: no Tauri, no SQL; the
//! rules are those of docs/level-rules.md, exactly.

pub mod agreement;
pub mod calibration;
pub mod model;
pub mod panel;
pub mod ratings_csv;
mod rationale;

use serde::Serialize;
use ts_rs::TS;

use crate::ladder::{Band, Ladder, LevelPolicy, Role, Track};
use crate::scorecard::template::CharacteristicRef;
pub use agreement::{krippendorff_alpha, Agreement, Metric, Spread};
pub use panel::{counted_scorecards, ratings_from_scorecards, PanelRating, PanelScores};
pub use rationale::provisional;

/// What the evidence says about one role.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RoleAssessment {
    pub key: String,
    pub title: String,
    pub level: u32,
    pub track: Track,
    pub incomplete: bool,
    /// Its own characteristics (not inherited ones).
    pub own: u32,
    /// Those with a panel score.
    pub assessed: u32,
    /// assessed / own (0 for a role with nothing to rate).
    pub coverage: f64,
    /// Mean credit of the assessed characteristics; `None` when nothing was assessed.
    pub met: Option<f64>,
    /// Sum of "improvement needed" credit over the assessed characteristics.
    pub improvement: f64,
    pub performing_ready: bool,
    pub maturing_ready: bool,
    /// Whether it holds as ground for the roles above it.
    pub holds: bool,
    pub band: Option<Band>,
    /// Why there is no band here, when there is none.
    pub no_band_because: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConfidenceLevel {
    Low,
    Medium,
    High,
}

impl ConfidenceLevel {
    pub const ALL: [ConfidenceLevel; 3] = [ConfidenceLevel::Low, ConfidenceLevel::Medium, ConfidenceLevel::High];

    pub fn label(self) -> &'static str {
        match self {
            ConfidenceLevel::Low => "Low",
            ConfidenceLevel::Medium => "Medium",
            ConfidenceLevel::High => "High",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Confidence {
    pub level: ConfidenceLevel,
    pub reason: String,
}

/// Evidence nobody gave: a whole role, or one characteristic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Missing {
    pub role_key: String,
    pub characteristic_key: Option<String>,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Recommendation {
    /// The recommended role's key, or `None` when no role has a band.
    pub role: Option<String>,
    pub title: Option<String>,
    pub level: Option<u32>,
    pub track: Option<Track>,
    pub band: Option<Band>,
    /// Every role in ladder order.
    pub roles: Vec<RoleAssessment>,
    /// The characteristics that decided the result, in sentences.
    pub decided_by: Vec<String>,
    /// Weak characteristics of roles below that did not block, named as evidence against.
    pub against: Vec<String>,
    pub missing: Vec<Missing>,
    pub confidence: Confidence,
    pub agreement: Agreement,
    /// The whole reasoning in plain sentences, most important first.
    pub rationale: Vec<String>,
}

/// The recommendation for a panel's ratings. `target` is the role applied for: it breaks
/// ties between tracks and scopes the missing evidence.
pub fn recommend(ladder: &Ladder, ratings: &[PanelRating], target: Option<&str>) -> Recommendation {
    let panel = PanelScores::from_ratings(ratings);
    let agreement = Agreement::of(ratings, ladder.policy.disagreement_spread);
    recommend_from_panel(ladder, &panel, agreement, target)
}

/// The same rules on given panel scores (a what-if changes them and calls this).
pub fn recommend_from_panel(
    ladder: &Ladder,
    panel: &PanelScores,
    agreement: Agreement,
    target: Option<&str>,
) -> Recommendation {
    let (roles, chosen) = evaluate(
        ladder,
        &|role, c| panel.get(&ladder.roles[role].key, &ladder.roles[role].characteristics[c].key),
        target,
    );
    rationale::explain(ladder, panel, roles, chosen, agreement, target)
}

/// The policy itself, on any source of panel scores: `score(role, characteristic)` by
/// position in the ladder (`None` is not assessed). Every role's assessment and band, and
/// the position of the recommended role. The measurement model calls this on each draw
/// of what the panel most likely saw, so the rules live here once.
pub fn evaluate(
    ladder: &Ladder,
    score: &dyn Fn(usize, usize) -> Option<f64>,
    target: Option<&str>,
) -> (Vec<RoleAssessment>, Option<usize>) {
    let policy = &ladder.policy;
    let mut roles: Vec<RoleAssessment> =
        ladder.roles.iter().enumerate().map(|(position, role)| assess(role, &|c| score(position, c), policy)).collect();
    let index = |key: &str| ladder.roles.iter().position(|role| role.key == key);
    for position in 0..roles.len() {
        let (band, why) = band_at(ladder, &roles, position, &index);
        roles[position].band = band;
        roles[position].no_band_because = why;
    }
    let target_track = target.and_then(|key| ladder.role(key)).map(|role| role.track.clone());
    let chosen = roles
        .iter()
        .enumerate()
        .filter_map(|(position, role)| role.band.map(|band| (position, role, band)))
        .max_by(|(pa, a, band_a), (pb, b, band_b)| {
            let on_track = |role: &RoleAssessment| Some(&role.track) == target_track.as_ref();
            (a.level, band_a, on_track(a), std::cmp::Reverse(pa)).cmp(&(
                b.level,
                band_b,
                on_track(b),
                std::cmp::Reverse(pb),
            ))
        })
        .map(|(position, _, _)| position);
    (roles, chosen)
}

/// Credit of one characteristic toward "met": 1, ½ when exactly half a point short, else 0.
pub fn met_credit(panel_score: f64, policy: &LevelPolicy) -> f64 {
    let met = f64::from(policy.met_rating);
    if panel_score >= met {
        1.0
    } else if panel_score == met - 0.5 {
        0.5
    } else {
        0.0
    }
}

/// Credit toward "improvement needed": 1, ½ when exactly half a point above, else 0.
pub fn improvement_credit(panel_score: f64, policy: &LevelPolicy) -> f64 {
    let improvement = f64::from(policy.improvement_rating);
    if panel_score <= improvement {
        1.0
    } else if panel_score == improvement + 0.5 {
        0.5
    } else {
        0.0
    }
}

fn assess(role: &Role, score: &dyn Fn(usize) -> Option<f64>, policy: &LevelPolicy) -> RoleAssessment {
    let scores: Vec<f64> = (0..role.characteristics.len()).filter_map(score).collect();
    let own = role.characteristics.len();
    let assessed = scores.len();
    let met = (assessed > 0).then(|| scores.iter().map(|&s| met_credit(s, policy)).sum::<f64>() / assessed as f64);
    let improvement: f64 = scores.iter().map(|&s| improvement_credit(s, policy)).sum();
    let performing_ready = met.is_some_and(|met| met >= policy.performing_min_met) && improvement == 0.0;
    let maturing_ready = met.is_some_and(|met| met >= policy.maturing_min_met)
        && improvement <= f64::from(policy.maturing_max_improvement);
    let ready = match policy.ancestors_must_be {
        Band::Maturing => maturing_ready,
        Band::Performing | Band::Exceeding => performing_ready,
    };
    RoleAssessment {
        key: role.key.clone(),
        title: role.title.clone(),
        level: role.level,
        track: role.track.clone(),
        incomplete: role.incomplete,
        own: own as u32,
        assessed: assessed as u32,
        coverage: if own == 0 { 0.0 } else { assessed as f64 / own as f64 },
        met,
        improvement,
        performing_ready,
        maturing_ready,
        // No evidence does not block: it lowers the confidence and is named as missing.
        holds: role.incomplete || assessed == 0 || ready,
        band: None,
        no_band_because: None,
    }
}

/// The band at `roles[position]`, or why there is none.
fn band_at(
    ladder: &Ladder,
    roles: &[RoleAssessment],
    position: usize,
    index: &dyn Fn(&str) -> Option<usize>,
) -> (Option<Band>, Option<String>) {
    let role = &roles[position];
    let none = |why: String| (None, Some(why));
    if role.incomplete {
        return none("it has nothing to rate yet".to_owned());
    }
    if role.track == Track::Foundation {
        return none("it is a foundation every role builds on, not a level".to_owned());
    }
    if role.assessed == 0 {
        return none("nobody assessed it".to_owned());
    }
    let path = ladder.path_to(&role.key);
    if let Some(blocking) = path.iter().rev().skip(1).filter_map(|r| index(&r.key)).find(|&i| !roles[i].holds) {
        let ground = &roles[blocking];
        return none(format!(
            "{} below it is not {} (met {})",
            ground.title,
            ladder.policy.ancestors_must_be.label(),
            percent(ground.met)
        ));
    }
    if role.performing_ready {
        let policy = &ladder.policy;
        let shows_next_level = ladder.roles.iter().filter_map(|r| index(&r.key)).any(|i| {
            let above = &roles[i];
            ladder.roles[i].builds_on.as_deref() == Some(role.key.as_str())
                && !above.incomplete
                && above.assessed > 0
                && above.met.is_some_and(|met| met >= policy.exceeding_next_min_met)
        });
        return (Some(if shows_next_level { Band::Exceeding } else { Band::Performing }), None);
    }
    if role.maturing_ready {
        return (Some(Band::Maturing), None);
    }
    none(format!(
        "its evidence falls short of Maturing (met {}, {} improvement needed)",
        percent(role.met),
        credits(role.improvement)
    ))
}

/// "83%" or "—".
pub fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |share| format!("{:.0}%", share * 100.0))
}

/// "1", "1½", "½".
pub fn credits(value: f64) -> String {
    let whole = value.trunc() as u32;
    match (whole, value.fract() > 0.0) {
        (0, true) => "½".to_owned(),
        (n, true) => format!("{n}½"),
        (n, false) => n.to_string(),
    }
}

/// A characteristic's display name: "Role › characteristic".
pub fn characteristic_title(ladder: &Ladder, reference: &CharacteristicRef) -> String {
    let role = ladder.role(&reference.role_key);
    let title = role
        .and_then(|role| role.characteristics.iter().find(|c| c.key == reference.characteristic_key))
        .map_or_else(|| reference.characteristic_key.clone(), |c| c.title.clone());
    format!("“{title}” ({})", role.map_or(reference.role_key.as_str(), |r| r.title.as_str()))
}
