//! The reasons behind a recommendation, in sentences a panel can read out: what decided
//! it, what speaks against it, what nobody assessed, and how sure it is.

use super::{
    characteristic_title, credits, improvement_credit, met_credit, percent, Agreement, Confidence, ConfidenceLevel,
    Missing, PanelScores, Recommendation, RoleAssessment,
};
use crate::ladder::{Band, Ladder, Role};
use crate::scorecard::template::{next_role, CharacteristicRef};

pub(super) fn explain(
    ladder: &Ladder,
    panel: &PanelScores,
    roles: Vec<RoleAssessment>,
    chosen: Option<usize>,
    agreement: Agreement,
    target: Option<&str>,
) -> Recommendation {
    let target_role = target.and_then(|key| ladder.role(key));
    // Whose evidence is examined: the role applied for, else the recommended one.
    let focus = target_role.or_else(|| chosen.map(|position| &ladder.roles[position]));
    let scope = focus.map(|role| scope_of(ladder, role)).unwrap_or_default();
    let missing = missing_evidence(ladder, panel, &roles, &scope);
    let confidence = confidence(&roles, &scope, &agreement);

    let (decided_by, against) = match chosen {
        Some(position) => (decided_by(ladder, panel, &roles, position), evidence_against(ladder, panel, position)),
        None => (no_band_reasons(&roles, &scope), Vec::new()),
    };
    let mut rationale = Vec::new();
    match chosen {
        Some(position) => {
            let role = &roles[position];
            let band = role.band.expect("a chosen role has a band");
            rationale.push(format!("Recommended: L{} {} — {}.", role.level, role.title, band.label()));
            rationale.push(summary_sentence(role, ladder));
            if let Some(applied) = target_role.filter(|applied| applied.key != role.key) {
                let relation = if applied.level > role.level {
                    "below"
                } else if applied.level == role.level {
                    "beside"
                } else {
                    "above"
                };
                rationale
                    .push(format!("This is {relation} the role applied for, L{} {}.", applied.level, applied.title));
            }
        }
        None => {
            rationale.push("No level to recommend: no role has the evidence for a band (reasons below).".to_owned())
        }
    }
    rationale.extend(decided_by.iter().cloned());
    if !against.is_empty() {
        rationale.push(format!("Evidence against, which did not block it: {}.", against.join("; ")));
    }
    if !missing.is_empty() {
        let listed: Vec<&str> = missing.iter().take(6).map(|m| m.description.as_str()).collect();
        let more = missing.len().saturating_sub(listed.len());
        let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
        rationale.push(format!("Missing evidence: {}{tail}.", listed.join("; ")));
    }
    rationale.push(agreement.reading.clone());
    rationale.push(format!("Confidence {}: {}", confidence_word(confidence.level), confidence.reason));

    let chosen_role = chosen.map(|position| &roles[position]);
    Recommendation {
        role: chosen_role.map(|role| role.key.clone()),
        title: chosen_role.map(|role| role.title.clone()),
        level: chosen_role.map(|role| role.level),
        track: chosen_role.map(|role| role.track.clone()),
        band: chosen_role.and_then(|role| role.band),
        roles,
        decided_by,
        against,
        missing,
        confidence,
        agreement,
        rationale,
    }
}

/// The roles whose evidence matters for `role`: its path (foundations included) and the
/// role above it.
fn scope_of<'a>(ladder: &'a Ladder, role: &'a Role) -> Vec<&'a Role> {
    let mut scope = ladder.path_to(&role.key);
    scope.extend(next_role(ladder, role));
    scope
}

fn summary_sentence(role: &RoleAssessment, ladder: &Ladder) -> String {
    let policy = &ladder.policy;
    let improvement = if role.improvement == 0.0 {
        "no Improvement needed".to_owned()
    } else {
        format!("{} Improvement needed", credits(role.improvement))
    };
    format!(
        "{}: {} of {} assessed characteristics met, {improvement} (Performing needs {} met and none; Maturing {} and at most {}).",
        role.title,
        percent(role.met),
        role.assessed,
        percent(Some(policy.performing_min_met)),
        percent(Some(policy.maturing_min_met)),
        policy.maturing_max_improvement
    )
}

fn own_scores<'a>(
    ladder: &'a Ladder,
    panel: &'a PanelScores,
    role_key: &'a str,
) -> impl Iterator<Item = (CharacteristicRef, f64)> + 'a {
    ladder.role(role_key).into_iter().flat_map(move |role| {
        role.characteristics.iter().filter_map(move |c| {
            panel.get(&role.key, &c.key).map(|score| {
                (CharacteristicRef { role_key: role.key.clone(), characteristic_key: c.key.clone() }, score)
            })
        })
    })
}

fn score_text(score: f64) -> String {
    if score.fract() == 0.0 {
        format!("{score:.0}")
    } else {
        format!("{score:.1}")
    }
}

/// What put the result where it is: the shortfalls that kept it from a better band,
/// and why the roles above it got none.
fn decided_by(ladder: &Ladder, panel: &PanelScores, roles: &[RoleAssessment], position: usize) -> Vec<String> {
    let role = &roles[position];
    let policy = &ladder.policy;
    let mut reasons = Vec::new();
    if role.band != Some(Band::Exceeding) {
        for (reference, score) in own_scores(ladder, panel, &role.key) {
            let name = characteristic_title(ladder, &reference);
            if improvement_credit(score, policy) > 0.0 {
                reasons.push(format!(
                    "{name} scored {} — Improvement needed; it keeps the band below Performing.",
                    score_text(score)
                ));
            } else if met_credit(score, policy) < 1.0 && role.band == Some(Band::Maturing) {
                reasons.push(format!("{name} scored {} — not yet met.", score_text(score)));
            }
        }
    }
    let above: Vec<&RoleAssessment> = ladder
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| r.builds_on.as_deref() == Some(role.key.as_str()) && !r.incomplete)
        .map(|(i, _)| &roles[i])
        .collect();
    for next in above {
        match (role.band, next.met) {
            (Some(Band::Exceeding), Some(met)) => reasons.push(format!(
                "L{} {} above it: {} met (Exceeding needs {}).",
                next.level,
                next.title,
                percent(Some(met)),
                percent(Some(policy.exceeding_next_min_met))
            )),
            (_, None) => reasons.push(format!("Nobody assessed L{} {} above it.", next.level, next.title)),
            (_, Some(met)) => {
                let why =
                    next.no_band_because.as_deref().map_or(String::new(), |why| format!("; no band there: {why}"));
                reasons.push(format!(
                    "L{} {} above it: {} met (Exceeding here needs {}){why}.",
                    next.level,
                    next.title,
                    percent(Some(met)),
                    percent(Some(policy.exceeding_next_min_met))
                ));
            }
        }
    }
    reasons
}

/// Characteristics below the chosen role that were not met but did not block it.
fn evidence_against(ladder: &Ladder, panel: &PanelScores, position: usize) -> Vec<String> {
    let role = &ladder.roles[position];
    let path = ladder.path_to(&role.key);
    path.iter()
        .take(path.len().saturating_sub(1))
        .flat_map(|ancestor| own_scores(ladder, panel, &ancestor.key).collect::<Vec<_>>())
        .filter(|(_, score)| met_credit(*score, &ladder.policy) < 1.0)
        .map(|(reference, score)| format!("{} scored {}", characteristic_title(ladder, &reference), score_text(score)))
        .collect()
}

fn no_band_reasons(roles: &[RoleAssessment], scope: &[&Role]) -> Vec<String> {
    let in_scope = |role: &&RoleAssessment| scope.is_empty() || scope.iter().any(|r| r.key == role.key);
    roles
        .iter()
        .filter(in_scope)
        .filter_map(|role| role.no_band_because.as_ref().map(|why| format!("L{} {}: {why}.", role.level, role.title)))
        .collect()
}

fn missing_evidence(ladder: &Ladder, panel: &PanelScores, roles: &[RoleAssessment], scope: &[&Role]) -> Vec<Missing> {
    let mut missing = Vec::new();
    for role in scope.iter().filter(|role| !role.incomplete) {
        let assessed = roles.iter().find(|r| r.key == role.key).map_or(0, |r| r.assessed);
        if assessed == 0 {
            missing.push(Missing {
                role_key: role.key.clone(),
                characteristic_key: None,
                description: format!("nobody assessed L{} {}", role.level, role.title),
            });
            continue;
        }
        for characteristic in role.characteristics.iter().filter(|c| panel.get(&role.key, &c.key).is_none()) {
            let reference =
                CharacteristicRef { role_key: role.key.clone(), characteristic_key: characteristic.key.clone() };
            missing.push(Missing {
                role_key: role.key.clone(),
                characteristic_key: Some(characteristic.key.clone()),
                description: format!("nobody assessed {}", characteristic_title(ladder, &reference)),
            });
        }
    }
    missing
}

fn confidence(roles: &[RoleAssessment], scope: &[&Role], agreement: &Agreement) -> Confidence {
    let path: Vec<&RoleAssessment> = roles.iter().filter(|r| scope.iter().any(|s| s.key == r.key)).collect();
    let (own, assessed) = path.iter().fold((0, 0), |(own, assessed), r| (own + r.own, assessed + r.assessed));
    let coverage = if own == 0 { 0.0 } else { f64::from(assessed) / f64::from(own) };
    let agrees = super::agreement::agrees(agreement.alpha, agreement.same_score);
    let disagrees = agreement.alpha_is_meaningful() && agreement.alpha.is_some_and(|a| a < 0.4) && !agrees;
    // High only on agreement that rests on something: an alpha whose interval is narrow,
    // or the same score over enough pairs; never beside an alpha that means nothing.
    let level = if coverage < 0.6 || disagrees {
        ConfidenceLevel::Low
    } else if coverage >= 0.9 && agreement.agrees_meaningfully() {
        ConfidenceLevel::High
    } else {
        ConfidenceLevel::Medium
    };
    let agreement = match (agreement.alpha, agreement.same_score, agreement.alpha_interval) {
        (Some(a), Some(same), Some([low, high])) if !agreement.alpha_is_meaningful() => format!(
            "{:.0}% of {} paired ratings were the same; alpha ({a:.2}) says little with so few (90% interval {low:.2} to {high:.2})",
            same * 100.0,
            agreement.pairs
        ),
        (Some(a), Some(same), _) => {
            format!("interviewers' agreement is alpha {a:.2} ({:.0}% of paired ratings the same)", same * 100.0)
        }
        _ => "agreement could not be measured".to_owned(),
    };
    Confidence {
        level,
        reason: format!(
            "{} of the {} characteristics that matter here were assessed, and {agreement}.",
            percent(Some(coverage)),
            own
        ),
    }
}

/// The recommendation while planned interviews are still out: the same result, but its
/// confidence is never high (what is missing could change it), and says why first.
pub fn provisional(mut recommendation: Recommendation, submitted: u32, planned: u32) -> Recommendation {
    if submitted >= planned {
        return recommendation;
    }
    let confidence = &mut recommendation.confidence;
    if confidence.level == ConfidenceLevel::High {
        confidence.level = ConfidenceLevel::Medium;
    }
    confidence.reason = format!(
        "Provisional: {submitted} of {} are in, so it cannot be high until the rest are. {}",
        crate::words::count(planned, "planned scorecard", "planned scorecards"),
        confidence.reason
    );
    let line = format!("Confidence {}: {}", confidence_word(confidence.level), confidence.reason);
    match recommendation.rationale.iter_mut().find(|sentence| sentence.starts_with("Confidence ")) {
        Some(sentence) => *sentence = line,
        None => recommendation.rationale.push(line),
    }
    recommendation
}

fn confidence_word(level: ConfidenceLevel) -> &'static str {
    match level {
        ConfidenceLevel::High => "high",
        ConfidenceLevel::Medium => "medium",
        ConfidenceLevel::Low => "low",
    }
}
