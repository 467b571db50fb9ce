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
