//! Who may open the debrief, decided in Rust for the app and the CLI alike: an
//! interviewer once they have submitted, anyone once every planned interview is in.

use rung::access::{Action, Refusal};
use rung::actor::actor_of;
use rung::debrief;
use rung::store::{RatingChange, Store, StoreError};

use crate::store_support::{coordinator, seed_candidate};

fn rate_and_submit(store: &mut Store, interviewer: i64, interview: i64, candidate: i64) {
    let card = store.start_scorecard(candidate, interviewer, Some(interview)).unwrap();
    let focus = store.panel(candidate).unwrap().into_iter().find(|i| i.id == interview).unwrap().focus;
    for reference in focus {
        let change = RatingChange {
            role_key: reference.role_key,
            characteristic_key: reference.characteristic_key,
            score: Some(3),
            notes: String::new(),
        };
        store.save_rating(interviewer, card, &change).unwrap();
    }
    store.submit_scorecard(interviewer, card).unwrap();
}

#[test]
fn the_debrief_opens_to_an_interviewer_after_they_submit_and_to_the_coordinator_when_all_are_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = seed_candidate(&mut store, "Gate Candidate");
    let interviews: Vec<i64> = store.panel(candidate).unwrap().iter().map(|i| i.id).collect();
    let people: Vec<i64> = ["A", "B", "C"].iter().map(|n| store.create_interviewer(n, None).unwrap()).collect();
    let as_person = |store: &Store, who: Option<i64>| actor_of(store, who).unwrap();
    let refused = |store: &Store, who: Option<i64>| match debrief::debrief(store, as_person(store, who), candidate)
        .unwrap_err()
    {
        StoreError::Refused(refusal) => refusal,
        other => panic!("not a refusal: {other}"),
    };
    let open_debrief = Action::OpenDebrief;
    assert_eq!(refused(&store, Some(people[0])), Refusal::NotSealed(open_debrief));
    rate_and_submit(&mut store, people[0], interviews[0], candidate);
    let first = as_person(&store, Some(people[0]));
    assert_eq!(debrief::debrief(&store, first, candidate).unwrap().interviewers.len(), 1);
    assert_eq!(refused(&store, Some(people[1])), Refusal::NotSealed(open_debrief));
    assert_eq!(refused(&store, None), Refusal::NoActor(open_debrief), "nobody chosen sees nothing");
    let coordinating = coordinator(&store);
    let closed = debrief::what_if(&store, coordinating, candidate, &[]).unwrap_err();
    assert!(matches!(closed, StoreError::Refused(Refusal::PanelIncomplete { sealed: 1, planned: 3, .. })), "{closed}");

    rate_and_submit(&mut store, people[1], interviews[1], candidate);
    rate_and_submit(&mut store, people[2], interviews[2], candidate);
    assert_eq!(debrief::debrief(&store, coordinating, candidate).unwrap().interviewers.len(), 3);
    assert_eq!(refused(&store, None), Refusal::NoActor(open_debrief), "still nothing for nobody");
}

#[test]
fn a_tuned_level_policy_is_validated_and_changes_the_recommendation() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let demo = rung::demo::create_demo(&mut store).unwrap();
    let ladder_id = store.candidate(demo.candidate_id).unwrap().ladder_id;
    let before = debrief::candidate_recommendation(&store, coordinator(&store), demo.candidate_id).unwrap();
    assert_eq!(before.band, Some(rung::ladder::Band::Exceeding));

    let mut policy = store.load_ladder(ladder_id).unwrap().policy;
    for (edit, expected) in [
        ((|p: &mut rung::ladder::LevelPolicy| p.performing_min_met = 1.5) as fn(&mut _), "a share from 0 to 1"),
        (|p: &mut rung::ladder::LevelPolicy| p.met_rating = 9, "outside the rating scale"),
        (|p: &mut rung::ladder::LevelPolicy| p.maturing_min_met = 0.95, "cannot be above"),
    ] {
        let mut wrong = policy.clone();
        edit(&mut wrong);
        let error = store.save_level_policy(ladder_id, &wrong).unwrap_err();
        assert!(error.to_string().contains(expected), "{error}");
    }

    policy.exceeding_next_min_met = 0.9;
    store.save_level_policy(ladder_id, &policy).unwrap();
    let after = debrief::candidate_recommendation(&store, coordinator(&store), demo.candidate_id).unwrap();
    assert_eq!(after.band, Some(rung::ladder::Band::Performing), "the stricter Exceeding threshold applies");
    assert_eq!(store.load_ladder(ladder_id).unwrap().policy, policy, "kept across reads");
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap().problems());
}

#[test]
fn a_debrief_with_interviews_out_says_it_is_provisional_whom_it_waits_on_and_issues_no_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = seed_candidate(&mut store, "Provisional Candidate");
    let panel = store.panel(candidate).unwrap();
    let coordinating = coordinator(&store);
    let tomas = store.create_interviewer("Tomás García", None).unwrap();
    let jun = store.create_interviewer("Jun Park", None).unwrap();
    // The coordinator sat the first interview; the second is planned for Tomás; Jun has
    // a draft of the third.
    rate_and_submit(&mut store, coordinating.person().unwrap(), panel[0].id, candidate);
    store.assign_interviewer(panel[1].id, Some(tomas)).unwrap();
    store.start_scorecard(candidate, jun, Some(panel[2].id)).unwrap();

    let early = debrief::debrief(&store, coordinating, candidate).unwrap();
    assert!(!early.progress.complete);
    assert_eq!(
        early.progress.headline,
        format!(
            "Provisional: 1 of 3 scorecards in — waiting on Tomás García ({}), Jun Park ({})",
            panel[1].name, panel[2].name
        )
    );
    let confidence = &early.recommendation.confidence;
    assert_ne!(confidence.level, rung::level::ConfidenceLevel::High, "{confidence:?}");
    assert!(confidence.reason.starts_with("Provisional: 1 of 3 planned scorecards are in"), "{}", confidence.reason);
    assert!(early.recommendation.rationale.iter().any(|line| line.contains("Provisional: 1 of 3")));
    let issued =
        rung::report::report_data(&store, coordinating, candidate, rung_report::Paper::A4, "2026-12-04T10:00:00Z");
    assert!(
        matches!(
            issued,
            Err(StoreError::Refused(Refusal::PanelIncomplete { action: Action::IssueReport, sealed: 1, planned: 3 }))
        ),
        "no PDF of a provisional result"
    );

    rate_and_submit(&mut store, tomas, panel[1].id, candidate);
    let jun_card = store.scorecards_of(candidate).unwrap().into_iter().find(|card| card.interviewer_id == jun).unwrap();
    store.submit_scorecard(jun, jun_card.id).unwrap();
    let done = debrief::debrief(&store, coordinating, candidate).unwrap();
    assert!(done.progress.complete);
    assert_eq!(done.progress.headline, "All 3 scorecards in");
    assert!(!done.recommendation.confidence.reason.contains("Provisional"));
}
