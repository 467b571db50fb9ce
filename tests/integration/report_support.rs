//! Candidates with a complete, submitted panel and chosen names and notes, for the
//! report, erasure and bundle tests.

use rung::scorecard::Overall;
use rung::store::{RatingChange, Store};

use crate::store_support::seed_candidate;

/// A candidate for the senior role whose every planned interview is submitted by
/// `interviewers` (in turn), each rating every focus characteristic 3 with `notes`.
pub fn scored_candidate(store: &mut Store, name: &str, interviewers: &[&str], notes: &str, summary: &str) -> i64 {
    let candidate = seed_candidate(store, name);
    let interviews = store.panel(candidate).unwrap();
    for (index, interview) in interviews.iter().enumerate() {
        let who = interviewers[index % interviewers.len()];
        let interviewer = match store.interviewers().unwrap().into_iter().find(|i| i.name == who) {
            Some(existing) => existing.id,
            None => store.create_interviewer(who, None).unwrap(),
        };
        store.assign_interviewer(interview.id, Some(interviewer)).unwrap();
        let scorecard = store.start_scorecard(candidate, interviewer, Some(interview.id)).unwrap();
        for focus in &interview.focus {
            let change = RatingChange {
                role_key: focus.role_key.clone(),
                characteristic_key: focus.characteristic_key.clone(),
                score: Some(3),
                notes: notes.to_owned(),
            };
            store.save_rating(interviewer, scorecard, &change).unwrap();
        }
        store
            .save_overall(
                interviewer,
                scorecard,
                Some(Overall::Yes),
                Some("senior-application-support-engineer"),
                summary,
            )
            .unwrap();
        store.submit_scorecard(interviewer, scorecard).unwrap();
    }
    candidate
}
