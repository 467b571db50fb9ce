//! Independent scoring, enforced in the store: nobody reads another interviewer's
//! ratings or notes for a candidate before submitting their own.

use rung_store::{Store, StoreError};

use crate::support::*;

struct Panel {
    fixture: Fixture,
    alice: (i64, i64),
    bob: (i64, i64),
    candidate: i64,
}

/// Two interviewers with a draft each for the fixture's candidate.
fn panel() -> Panel {
    let mut fixture = Fixture::new();
    let candidate = fixture.store.scorecard(fixture.scorecard).unwrap().candidate_id;
    let alice_id = fixture.store.scorecard(fixture.scorecard).unwrap().interviewer_id;
    let bob_id = fixture.store.create_interviewer("Bob", None).unwrap();
    let bob_card = fixture.store.start_scorecard(candidate, bob_id, None).unwrap();
    fixture
        .store
        .save_rating(
            fixture.interviewer,
            fixture.scorecard,
            &change("i-am-a-support-mentor", Some(4), "alice's private note"),
        )
        .unwrap();
    fixture
        .store
        .save_rating(bob_id, bob_card, &change("i-am-a-support-mentor", Some(1), "bob's private note"))
        .unwrap();
    let alice = (alice_id, fixture.scorecard);
    Panel { fixture, alice, bob: (bob_id, bob_card), candidate }
}

fn notes_visible(store: &Store, viewer: i64, candidate: i64) -> Vec<String> {
    store
        .scorecards_visible_to(viewer, candidate)
        .unwrap()
        .into_iter()
        .flat_map(|s| s.ratings.into_iter().map(|r| r.notes))
        .collect()
}

#[test]
fn before_submitting_an_interviewer_sees_only_their_own_scorecard() {
    let panel = panel();
    let store = &panel.fixture.store;
    assert_eq!(notes_visible(store, panel.alice.0, panel.candidate), ["alice's private note"]);
    assert!(matches!(store.scorecard_for(panel.alice.0, panel.bob.1), Err(StoreError::Hidden)));
    assert!(!store.has_submitted(panel.alice.0, panel.candidate).unwrap());
}

#[test]
fn after_submitting_others_submitted_scorecards_become_visible_but_never_drafts() {
    let mut panel = panel();
    panel.fixture.store.submit_scorecard(panel.alice.0, panel.alice.1).unwrap();
    // Bob is still drafting: Alice cannot see his draft even after submitting.
    assert_eq!(notes_visible(&panel.fixture.store, panel.alice.0, panel.candidate), ["alice's private note"]);
    assert!(matches!(panel.fixture.store.scorecard_for(panel.alice.0, panel.bob.1), Err(StoreError::Hidden)));
    // And Bob, who has not submitted, cannot see Alice's submitted scorecard.
    assert_eq!(notes_visible(&panel.fixture.store, panel.bob.0, panel.candidate), ["bob's private note"]);
    assert!(matches!(panel.fixture.store.scorecard_for(panel.bob.0, panel.alice.1), Err(StoreError::Hidden)));

    panel.fixture.store.submit_scorecard(panel.bob.0, panel.bob.1).unwrap();
    let mut seen = notes_visible(&panel.fixture.store, panel.alice.0, panel.candidate);
    seen.sort();
    assert_eq!(seen, ["alice's private note", "bob's private note"]);
    assert_eq!(panel.fixture.store.scorecard_for(panel.alice.0, panel.bob.1).unwrap().ratings[0].score, Some(1));
}

#[test]
fn an_interviewer_cannot_write_into_someone_elses_scorecard() {
    let mut panel = panel();
    let (alice, bob_card) = (panel.alice.0, panel.bob.1);
    let store = &mut panel.fixture.store;
    let errors = [
        store.save_rating(alice, bob_card, &change("x", Some(4), "sneaky")).unwrap_err(),
        store.save_overall(alice, bob_card, None, None, "sneaky").unwrap_err(),
        store.submit_scorecard(alice, bob_card).unwrap_err(),
    ];
    for error in errors {
        assert!(matches!(error, StoreError::NotYours), "{error}");
        assert!(error.to_string().contains("you can only change your own"));
    }
    store.submit_scorecard(panel.bob.0, bob_card).unwrap();
    let error = store.amend_scorecard(alice, bob_card, "not mine to amend").unwrap_err();
    assert!(matches!(error, StoreError::NotYours), "{error}");
    assert_eq!(store.scorecard(bob_card).unwrap().ratings[0].notes, "bob's private note");
}

#[test]
fn a_plan_is_saved_and_edited_without_orphaning_scorecards() {
    use rung_core::scorecard::panel::{default_plan, PanelPlan, PlannedInterview};
    use rung_core::scorecard::template::template_for;
    let mut panel = panel();
    let ladder = rung_core::ladder::default_ladder();
    let template = template_for(&ladder, "senior-application-support-engineer").unwrap();
    let plan = default_plan(&template, 4, 2);
    let stored = panel.fixture.store.save_panel_plan(panel.candidate, &plan).unwrap();
    assert_eq!(stored.len(), 4);
    assert_eq!(stored[0].focus, plan.interviews[0].focus);
    panel.fixture.store.start_scorecard(panel.candidate, panel.alice.0, Some(stored[3].id)).unwrap();

    let shorter = PanelPlan {
        interviews: vec![PlannedInterview { name: "Only one".into(), focus: plan.interviews[0].focus.clone() }],
    };
    let edited = panel.fixture.store.save_panel_plan(panel.candidate, &shorter).unwrap();
    let names: Vec<&str> = edited.iter().map(|i| i.name.as_str()).collect();
    // Interview 4 has a scorecard, so it stays; 2 and 3 go.
    assert_eq!(names, ["Only one", plan.interviews[3].name.as_str()]);
    assert!(panel.fixture.store.check().unwrap().is_ok());
}
