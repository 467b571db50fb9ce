//! Who may open the debrief, decided in Rust for the app and the CLI alike: an
//! interviewer once they have submitted, anyone once every planned interview is in.

use rung::debrief::{self, Viewer};
use rung::store::{RatingChange, Store, StoreError};

use crate::store_support::seed_candidate;

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
fn the_debrief_opens_to_an_interviewer_after_they_submit_and_to_everyone_when_all_are_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = seed_candidate(&mut store, "Gate Candidate");
    let interviews: Vec<i64> = store.panel(candidate).unwrap().iter().map(|i| i.id).collect();
    let people: Vec<i64> = ["A", "B", "C"].iter().map(|n| store.create_interviewer(n, None).unwrap()).collect();

    let refused = |store: &Store, who: Option<i64>| {
        let viewer = debrief::viewer_for(store, who, candidate).unwrap();
        debrief::debrief(store, viewer, candidate).unwrap_err()
    };
    assert!(matches!(refused(&store, Some(people[0])), StoreError::DebriefClosed { submitted: 0, planned: 3 }));
    rate_and_submit(&mut store, people[0], interviews[0], candidate);
    let viewer = debrief::viewer_for(&store, Some(people[0]), candidate).unwrap();
    assert_eq!(viewer, Viewer::Interviewer(people[0]));
    assert_eq!(debrief::debrief(&store, viewer, candidate).unwrap().interviewers.len(), 1);
    let error = refused(&store, Some(people[1]));
    assert!(matches!(error, StoreError::DebriefClosed { submitted: 1, planned: 3 }), "{error}");
    assert!(matches!(refused(&store, None), StoreError::DebriefClosed { .. }));
    assert!(debrief::what_if(&store, Viewer::Coordinator, candidate, &[]).is_err());

    rate_and_submit(&mut store, people[1], interviews[1], candidate);
    rate_and_submit(&mut store, people[2], interviews[2], candidate);
    let viewer = debrief::viewer_for(&store, None, candidate).unwrap();
    assert_eq!(debrief::debrief(&store, viewer, candidate).unwrap().interviewers.len(), 3);
}
