//! Where each interview and each candidate stands, as the window says it — and that an
//! interview someone else has sealed is not opened (nor scored a second time) by another.

use rung::hiring::{candidate_kit, open_scoring, InterviewState};
use rung::store::{CandidateQuery, RatingChange, Store};

use crate::store_support::seed_candidate;

#[test]
fn interviews_and_candidates_say_where_they_stand_and_a_sealed_interview_stays_its_owners() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = seed_candidate(&mut store, "Priya 100%_Raman");
    seed_candidate(&mut store, "Someone Else");
    let ann = store.create_interviewer("Ann Example", None).unwrap();
    let ben = store.create_interviewer("Ben Example", None).unwrap();
    let interviews: Vec<i64> = store.panel(candidate).unwrap().iter().map(|i| i.id).collect();
    assert!(interviews.len() >= 3);

    // Planned for Ann, opened by Ben: Ben scores, and is told whose interview it is.
    store.assign_interviewer(interviews[0], Some(ann)).unwrap();
    let session = open_scoring(&mut store, ben, interviews[0]).unwrap();
    assert_eq!(session.planned_for.as_deref(), Some("Ann Example"));
    let first = &session.focus[0].reference;
    let change = |score| RatingChange {
        role_key: first.role_key.clone(),
        characteristic_key: first.characteristic_key.clone(),
        score,
        notes: String::new(),
    };
    store.save_rating(ben, session.scorecard.id, &change(Some(3))).unwrap();
    let draft = candidate_kit(&store, candidate).unwrap().interviews.remove(0);
    assert_eq!(draft.state, InterviewState::Draft);
    assert!(draft.state_label.starts_with("Draft by Ben Example · 1 of "), "{}", draft.state_label);
    // A characteristic outside the interview's focus is rated too: the focus count stays.
    let outside = &session.others.first().expect("characteristics outside the focus").reference;
    let off_focus = RatingChange {
        role_key: outside.role_key.clone(),
        characteristic_key: outside.characteristic_key.clone(),
        score: Some(2),
        notes: String::new(),
    };
    store.save_rating(ben, session.scorecard.id, &off_focus).unwrap();
    let draft = candidate_kit(&store, candidate).unwrap().interviews.remove(0);
    let of = session.focus.len();
    assert_eq!(draft.state_label, format!("Draft by Ben Example · 1 of {of} focus assessed"), "only the focus counts");

    // Ann scores and seals the second interview; Ben cannot open it, and nothing is started for him.
    let anns = open_scoring(&mut store, ann, interviews[1]).unwrap();
    assert_eq!(anns.planned_for, None);
    store.save_rating(ann, anns.scorecard.id, &change(Some(4))).unwrap();
    store.submit_scorecard(ann, anns.scorecard.id).unwrap();
    let refused = open_scoring(&mut store, ben, interviews[1]).unwrap_err().to_string();
    assert!(refused.contains("Ann Example submitted and sealed this interview's scorecard"), "{refused}");
    assert!(refused.contains("You are scoring as Ben Example"), "{refused}");
    let scorecards: i64 = crate::store_support::raw(&dir.path().join(rung::store::DB_FILE))
        .query_row("SELECT count(*) FROM scorecards WHERE interview_id = ?1", [interviews[1]], |row| row.get(0))
        .unwrap();
    assert_eq!(scorecards, 1, "no second scorecard for a sealed interview");

    // Once Ben has submitted his own, Ann's sealed scorecard opens for him read-only, as hers.
    store.submit_scorecard(ben, session.scorecard.id).unwrap();
    let hers = open_scoring(&mut store, ben, interviews[1]).unwrap();
    assert_eq!(hers.owner_name.as_deref(), Some("Ann Example"));
    assert_eq!(hers.scorecard.id, anns.scorecard.id);
    assert_eq!(hers.scorecard.ratings[0].score, Some(4));

    let kit = candidate_kit(&store, candidate).unwrap();
    let states: Vec<(&InterviewState, &str)> =
        kit.interviews.iter().map(|s| (&s.state, s.state_label.as_str())).collect();
    assert_eq!(states[0].0, &InterviewState::Submitted);
    assert!(states[0].1.starts_with("Submitted and sealed by Ben Example, "), "{}", states[0].1);
    assert_eq!(states[1].0, &InterviewState::Submitted);
    assert!(states[1].1.starts_with("Submitted and sealed by Ann Example, "), "{}", states[1].1);
    assert_eq!(states[2], (&InterviewState::NotStarted, "Not started"));

    // The list: newest first, stage and progress, search that treats % and _ as text.
    let page = |text: &str| {
        rung::debrief::candidate_status_page(&store, &CandidateQuery { text: text.into(), offset: 0, limit: 50 })
            .unwrap()
    };
    let all = page("");
    assert_eq!(all.total, 2);
    assert_eq!(all.rows[0].name, "Someone Else", "newest first");
    let priya = &all.rows[1];
    assert_eq!((priya.stage.as_str(), priya.submitted), ("Interviewing", 2));
    assert_eq!(priya.status, format!("2 of {} scorecards in", priya.planned));
    assert_eq!(page("100%_r").total, 1);
    assert_eq!(page("%").total, 1, "a typed % matches only names that contain one");
    assert_eq!(page("zzz").total, 0);
}
