//! The level engine at every rule boundary of docs/level-rules.md, Krippendorff's
//! alpha against the published worked example, and properties the panel relies on.

use proptest::prelude::*;
use rung_core::ladder::{self, Band, Characteristic, Ladder, Track};
use rung_core::level::{krippendorff_alpha, recommend, Metric, PanelRating, Recommendation};
use rung_core::scorecard::template::CharacteristicRef;

/// A ladder of `(key, level, track, builds_on, characteristics)` with the default policy.
fn ladder_of(roles: &[(&str, u32, Track, Option<&str>, usize)]) -> Ladder {
    let mut ladder = ladder::default_ladder();
    ladder.roles = roles
        .iter()
        .map(|&(key, level, ref track, builds_on, count)| {
            let mut role = ladder::default_ladder().roles[1].clone();
            role.key = key.to_owned();
            role.title = format!("Role {key}");
            role.level = level;
            role.track = track.clone();
            role.builds_on = builds_on.map(str::to_owned);
            role.incomplete = count == 0;
            role.characteristics = (1..=count)
                .map(|n| Characteristic {
                    key: format!("c{n}"),
                    title: format!("{key} characteristic {n}"),
                    group: None,
                    examples: vec![],
                })
                .collect();
            role
        })
        .collect();
    ladder
}

/// A, then B on A, then C on B: individual contributors.
fn abc(a: usize, b: usize, c: usize) -> Ladder {
    use Track::IndividualContributor as Ic;
    ladder_of(&[("a", 1, Ic, None, a), ("b", 2, Ic, Some("a"), b), ("c", 3, Ic, Some("b"), c)])
}

fn rating(rater: &str, role: &str, characteristic: usize, score: Option<u8>) -> PanelRating {
    PanelRating {
        rater: rater.to_owned(),
        characteristic: CharacteristicRef {
            role_key: role.to_owned(),
            characteristic_key: format!("c{characteristic}"),
        },
        score,
    }
}

/// One interviewer scoring `role`'s characteristics 1..=n with `scores`.
fn scores(rater: &str, role: &str, scores: &[u8]) -> Vec<PanelRating> {
    scores.iter().enumerate().map(|(i, &s)| rating(rater, role, i + 1, Some(s))).collect()
}

fn result(recommendation: &Recommendation) -> (Option<&str>, Option<Band>) {
    (recommendation.role.as_deref(), recommendation.band)
}

fn role<'a>(recommendation: &'a Recommendation, key: &str) -> &'a rung_core::level::RoleAssessment {
    recommendation.roles.iter().find(|r| r.key == key).unwrap()
}

#[test]
fn met_exactly_at_the_threshold_is_performing_and_just_under_is_maturing() {
    let ladder = abc(2, 10, 2);
    let exactly = scores("x", "b", &[3, 3, 3, 3, 3, 3, 3, 3, 3, 2]);
    let r = recommend(&ladder, &exactly, Some("b"));
    assert_eq!(role(&r, "b").met, Some(0.9));
    assert_eq!(result(&r), (Some("b"), Some(Band::Performing)), "{:#?}", r.rationale);

    // 8 met, one 2, one split 2/3 (half credit): 8.5 / 10.
    let mut under = scores("x", "b", &[3, 3, 3, 3, 3, 3, 3, 3, 2, 2]);
    under.push(rating("y", "b", 10, Some(3)));
    let r = recommend(&ladder, &under, Some("b"));
    assert_eq!(role(&r, "b").met, Some(0.85));
    assert_eq!(result(&r), (Some("b"), Some(Band::Maturing)));
}

#[test]
fn one_improvement_needed_is_maturing_two_is_no_band() {
    let ladder = abc(2, 10, 2);
    let one = scores("x", "b", &[3, 3, 3, 3, 3, 3, 3, 3, 3, 1]);
    let r = recommend(&ladder, &one, Some("b"));
    assert_eq!(result(&r), (Some("b"), Some(Band::Maturing)));
    assert!(
        r.decided_by.iter().any(|s| s.contains("b characteristic 10") && s.contains("Improvement needed")),
        "{:?}",
        r.decided_by
    );

    let two = scores("x", "b", &[3, 3, 3, 3, 3, 3, 3, 3, 1, 1]);
    let r = recommend(&ladder, &two, Some("b"));
    assert_eq!(result(&r), (None, None));
    assert!(r.rationale[0].starts_with("No level to recommend"), "{:?}", r.rationale);
}

#[test]
fn an_ancestor_with_no_evidence_does_not_block_but_is_named_missing() {
    let ladder = abc(3, 4, 2);
    let r = recommend(&ladder, &scores("x", "b", &[3, 3, 4, 3]), Some("b"));
    assert_eq!(result(&r), (Some("b"), Some(Band::Performing)));
    assert!(r.missing.iter().any(|m| m.role_key == "a" && m.characteristic_key.is_none()), "{:?}", r.missing);
    assert!(r.missing.iter().any(|m| m.role_key == "c" && m.characteristic_key.is_none()));
}

#[test]
fn an_ancestor_that_fails_blocks_the_roles_above_it() {
    let ladder = abc(3, 4, 2);
    let mut ratings = scores("x", "a", &[1, 2, 1]);
    ratings.extend(scores("x", "b", &[3, 3, 3, 3]));
    let r = recommend(&ladder, &ratings, Some("b"));
    assert_eq!(result(&r), (None, None));
    assert!(role(&r, "b").no_band_because.as_deref().unwrap().contains("Role a below it is not Maturing"));
}

#[test]
fn weak_ancestor_characteristics_that_do_not_block_are_evidence_against() {
    let ladder = abc(3, 4, 2);
    let mut ratings = scores("x", "a", &[3, 2, 3]);
    ratings.extend(scores("x", "b", &[3, 3, 3, 3]));
    let r = recommend(&ladder, &ratings, Some("b"));
    assert_eq!(result(&r), (Some("b"), Some(Band::Performing)));
    assert!(r.against.iter().any(|s| s.contains("a characteristic 2") && s.contains("scored 2")), "{:?}", r.against);
}

#[test]
fn nothing_assessed_means_no_level_and_says_why() {
    let ladder = abc(3, 4, 2);
    let ratings = vec![rating("x", "b", 1, None), rating("y", "b", 2, None)];
    let r = recommend(&ladder, &ratings, Some("b"));
    assert_eq!(result(&r), (None, None));
    assert!(r.decided_by.iter().any(|s| s.contains("nobody assessed it")), "{:?}", r.decided_by);
    assert_eq!(r.agreement.alpha, None);
}

#[test]
fn one_interviewer_is_enough_for_a_band_but_not_for_agreement() {
    let ladder = abc(2, 3, 2);
    let r = recommend(&ladder, &scores("solo", "b", &[3, 4, 3]), Some("b"));
    assert_eq!(result(&r), (Some("b"), Some(Band::Performing)));
    assert_eq!(r.agreement.alpha, None);
}

#[test]
fn even_counts_give_half_credit_for_met_and_for_improvement() {
    let ladder = abc(2, 2, 2);
    // A 2 and a 3 give 2.5: half met.
    let split_met = vec![rating("x", "b", 1, Some(2)), rating("y", "b", 1, Some(3)), rating("x", "b", 2, Some(3))];
    let r = recommend(&ladder, &split_met, Some("b"));
    assert_eq!(role(&r, "b").met, Some(0.75));
    // A 1 and a 2 give 1.5: half an improvement needed, so not Performing, but Maturing.
    let split_low = vec![
        rating("x", "b", 1, Some(1)),
        rating("y", "b", 1, Some(2)),
        rating("x", "b", 2, Some(4)),
        rating("y", "b", 2, Some(4)),
    ];
    let r = recommend(&ladder, &split_low, Some("b"));
    assert_eq!(role(&r, "b").improvement, 0.5);
    assert_eq!(role(&r, "b").met, Some(0.5));
    assert_eq!(result(&r), (None, None), "met 50% is below Maturing's 60%");
    let ladder = abc(2, 4, 2);
    let mut ratings = split_low.clone();
    ratings.extend([rating("x", "b", 3, Some(3)), rating("x", "b", 4, Some(3))]);
    let r = recommend(&ladder, &ratings, Some("b"));
    assert_eq!(role(&r, "b").met, Some(0.75));
    assert_eq!(result(&r), (Some("b"), Some(Band::Maturing)));
}

#[test]
fn an_incomplete_role_is_never_scored_and_never_blocks() {
    let ladder = abc(2, 3, 0);
    let r = recommend(&ladder, &scores("x", "b", &[3, 3, 3]), Some("b"));
    assert_eq!(result(&r), (Some("b"), Some(Band::Performing)));
    assert!(role(&r, "c").incomplete && role(&r, "c").band.is_none());
}

#[test]
fn two_roles_on_one_level_in_two_tracks_tie_break_on_the_target_track() {
    use Track::{IndividualContributor as Ic, Management as Mg};
    let ladder = ladder_of(&[("a", 1, Ic, None, 2), ("b", 2, Ic, Some("a"), 2), ("m", 2, Mg, Some("a"), 2)]);
    let mut ratings = scores("x", "b", &[3, 3]);
    ratings.extend(scores("x", "m", &[3, 3]));
    assert_eq!(result(&recommend(&ladder, &ratings, Some("m"))), (Some("m"), Some(Band::Performing)));
    assert_eq!(result(&recommend(&ladder, &ratings, Some("b"))), (Some("b"), Some(Band::Performing)));
    assert_eq!(result(&recommend(&ladder, &ratings, None)), (Some("b"), Some(Band::Performing)), "ladder order");
    // The better band wins before the track: b is Maturing (3 and a 2/3 split), m Performing.
    let mut ratings = scores("x", "b", &[3, 2]);
    ratings.push(rating("y", "b", 2, Some(3)));
    ratings.extend(scores("x", "m", &[3, 3]));
    let r = recommend(&ladder, &ratings, Some("b"));
    assert_eq!(result(&r), (Some("m"), Some(Band::Performing)), "Performing on a sibling track beats Maturing");
}

#[test]
fn exceeding_needs_evidence_from_the_next_role() {
    let ladder = abc(2, 3, 4);
    let base = scores("x", "b", &[3, 3, 3]);
    let r = recommend(&ladder, &base, Some("b"));
    assert_eq!(result(&r), (Some("b"), Some(Band::Performing)));
    assert!(r.decided_by.iter().any(|s| s.contains("Nobody assessed L3 Role c")), "{:?}", r.decided_by);

    let mut half = base.clone();
    half.extend(scores("x", "c", &[3, 3, 2, 2]));
    let r = recommend(&ladder, &half, Some("b"));
    assert_eq!(role(&r, "c").met, Some(0.5));
    assert_eq!(result(&r), (Some("b"), Some(Band::Exceeding)));

    let mut under = base.clone();
    under.extend(scores("x", "c", &[3, 2, 2, 2]));
    assert_eq!(result(&recommend(&ladder, &under, Some("b"))), (Some("b"), Some(Band::Performing)));

    let mut above = base;
    above.extend(scores("x", "c", &[3, 3, 3, 2]));
    assert_eq!(
        result(&recommend(&ladder, &above, Some("b"))),
        (Some("c"), Some(Band::Maturing)),
        "a band higher up wins"
    );
}

#[test]
fn ancestors_must_be_performing_is_a_stricter_policy() {
    let mut ladder = abc(3, 2, 2);
    let mut ratings = scores("x", "a", &[3, 3, 2]);
    ratings.extend(scores("x", "b", &[3, 3]));
    assert_eq!(result(&recommend(&ladder, &ratings, Some("b"))), (Some("b"), Some(Band::Performing)));
    ladder.policy.ancestors_must_be = Band::Performing;
    let r = recommend(&ladder, &ratings, Some("b"));
    assert_eq!(result(&r), (Some("a"), Some(Band::Maturing)));
}

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
/// observers, twelve units, values 1–5, `.` missing.
#[test]
fn alpha_matches_krippendorffs_worked_example() {
    let observers =
        ["1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3", ". 3 3 3 2 3 4 2 2 5 1 .", "1 2 3 3 2 4 4 1 2 5 1 ."];
    let rows: Vec<Vec<Option<u8>>> =
        observers.iter().map(|row| row.split(' ').map(|v| v.parse().ok()).collect()).collect();
    let units: Vec<Vec<u8>> = (0..12).map(|u| rows.iter().filter_map(|row| row[u]).collect()).collect();
    let alpha = |metric| krippendorff_alpha(&units, metric).unwrap();
    assert!((alpha(Metric::Nominal) - 0.743).abs() < 0.0005, "nominal {}", alpha(Metric::Nominal));
    assert!((alpha(Metric::Ordinal) - 0.815).abs() < 0.0005, "ordinal {}", alpha(Metric::Ordinal));
    assert!((alpha(Metric::Interval) - 0.849).abs() < 0.0005, "interval {}", alpha(Metric::Interval));
}

#[test]
fn alpha_on_small_hand_computed_cases() {
    // Two raters, units (1,1) and (2,3): n = 4, ranks 1,1 | 2 | 3.
    let alpha = krippendorff_alpha(&[vec![1, 1], vec![2, 3]], Metric::Ordinal).unwrap();
    assert!((alpha - 0.8333).abs() < 0.0005, "{alpha}");
    assert_eq!(krippendorff_alpha(&[vec![2, 2], vec![3, 3]], Metric::Nominal), Some(1.0));
    assert_eq!(krippendorff_alpha(&[vec![3, 3], vec![3, 3]], Metric::Ordinal), None, "no variation");
    assert_eq!(krippendorff_alpha(&[vec![3], vec![1]], Metric::Ordinal), None, "nothing pairable");
}

#[test]
fn spreads_at_the_policy_threshold_are_flagged() {
    let ladder = abc(2, 3, 2);
    let ratings = vec![
        rating("x", "b", 1, Some(1)),
        rating("y", "b", 1, Some(3)),
        rating("x", "b", 2, Some(3)),
        rating("y", "b", 2, Some(4)),
    ];
    let r = recommend(&ladder, &ratings, Some("b"));
    let flagged: Vec<&str> = r
        .agreement
        .spreads
        .iter()
        .filter(|s| s.flagged)
        .map(|s| s.characteristic.characteristic_key.as_str())
        .collect();
    assert_eq!(flagged, ["c1"]);
}

/// (level, band) as an order: what "the result" means for monotonicity.
fn rank(r: &Recommendation) -> (u32, Option<Band>) {
    (r.level.unwrap_or(0), r.band)
}

fn seed_ratings() -> impl Strategy<Value = Vec<PanelRating>> {
    let ladder = ladder::default_ladder();
    let references: Vec<CharacteristicRef> = ladder
        .roles
        .iter()
        .flat_map(|role| {
            role.characteristics
                .iter()
                .map(|c| CharacteristicRef { role_key: role.key.clone(), characteristic_key: c.key.clone() })
        })
        .collect();
    let count = references.len();
    proptest::collection::vec((0..4usize, 0..count, proptest::option::weighted(0.85, 1u8..=4)), 1..120).prop_map(
        move |picks| {
            let mut seen = std::collections::HashSet::new();
            picks
                .into_iter()
                .filter(|(rater, c, _)| seen.insert((*rater, *c)))
                .map(|(rater, c, score)| PanelRating {
                    rater: format!("interviewer {rater}"),
                    characteristic: references[c].clone(),
                    score,
                })
                .collect()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn raising_an_assessed_score_never_lowers_the_result(ratings in seed_ratings(), pick in any::<prop::sample::Index>()) {
        let ladder = ladder::default_ladder();
        let target = Some("senior-application-support-engineer");
        let assessed: Vec<usize> = ratings.iter().enumerate().filter(|(_, r)| r.score.is_some_and(|s| s < 4)).map(|(i, _)| i).collect();
        prop_assume!(!assessed.is_empty());
        let before = recommend(&ladder, &ratings, target);
        let mut raised = ratings.clone();
        let at = assessed[pick.index(assessed.len())];
        raised[at].score = raised[at].score.map(|s| s + 1);
        let after = recommend(&ladder, &raised, target);
        prop_assert!(rank(&after) >= rank(&before), "{:?} → {:?}", rank(&before), rank(&after));
    }

    #[test]
    fn the_order_of_interviewers_and_rows_never_matters(ratings in seed_ratings(), seed in any::<u64>()) {
        let ladder = ladder::default_ladder();
        let target = Some("senior-application-support-engineer");
        let before = recommend(&ladder, &ratings, target);
        let mut shuffled = ratings.clone();
        // A deterministic shuffle, and interviewers renamed in another order.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        for rating in &mut shuffled {
            rating.rater = format!("renamed {}", 9 - rating.rater.len() % 10 + rating.rater.chars().last().unwrap() as usize);
        }
        let after = recommend(&ladder, &shuffled, target);
        prop_assert_eq!(&before, &after);
        prop_assert_eq!(before, recommend(&ladder, &ratings, target), "same input, same output");
    }
}
