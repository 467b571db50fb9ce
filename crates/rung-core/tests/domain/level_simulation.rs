//! The decision-quality simulation (examples/level_simulation) as a check: it runs, and
//! the level policy over-levels less often than the plain mean of the ratings.

#[path = "../../examples/level_simulation/model.rs"]
mod model;

#[test]
fn the_policy_over_levels_less_often_than_the_plain_mean() {
    let results = model::simulate(300, 0.6, 7);
    let (policy, mean) = (results.policy, results.mean_at_half);
    assert_eq!(policy.candidates, 300);
    assert!(policy.share(policy.too_high) < mean.share(mean.too_high), "policy {policy:?}, plain mean {mean:?}");
    assert!(policy.band_right <= policy.role_right);
    assert!(results.mean_at_met.role_right < policy.role_right, "at the met rating the plain mean under-levels");
}

#[allow(dead_code)]
#[path = "../../examples/level_simulation/pools.rs"]
mod pools;

#[test]
fn the_role_applied_for_is_not_evidence_moving_it_up_changes_almost_nothing() {
    let results = pools::simulate_pools(60, 0.6, pools::Mix::MostlyAway, 5);
    assert_eq!(results.model.candidates, 60);
    let moved = results.model.share(results.moved_by_target);
    assert!(moved <= 0.05, "moving every target up one role changed {:.1}% of recommendations", moved * 100.0);
    assert!(results.model_flags.share_flagged() <= 0.4, "{:?}", results.model_flags);
}
