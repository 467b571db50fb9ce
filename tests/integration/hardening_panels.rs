//! A sealed panel is frozen where it matters: an interview with a sealed scorecard keeps
//! its name and place, so editing the plan (× then Save plan) can never make Priya's
//! sealed "Customer scenario" scorecard read as another interview's. Refused in Rust with
//! the reason; the rest of the plan stays editable.

use rung::scorecard::panel::{PanelPlan, PlannedInterview};
use rung::store::{Store, StoreError};

use crate::store_support::{checkpointed_bytes, rung_in, text};

fn plan_of(store: &Store, candidate: i64) -> PanelPlan {
    PanelPlan {
        interviews: store
            .panel(candidate)
            .unwrap()
            .into_iter()
            .map(|i| PlannedInterview { name: i.name, focus: i.focus })
            .collect(),
    }
}

/// Which interview each of the candidate's scorecards says it is for.
fn scorecard_labels(store: &Store, candidate: i64) -> Vec<String> {
    let panel = store.panel(candidate).unwrap();
    let mut labels: Vec<String> = store
        .scorecards_of(candidate)
        .unwrap()
        .iter()
        .map(|card| panel.iter().find(|i| Some(i.id) == card.interview_id).unwrap().name.clone())
        .collect();
    labels.sort();
    labels
}

#[test]
fn removing_renaming_or_moving_a_sealed_interview_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    assert!(rung_in(dir.path(), &["demo"]).status.success());
    let store = Store::open_in(dir.path()).unwrap();
    let candidate = store.candidates().unwrap()[0].id;
    let panel = store.panel(candidate).unwrap();
    assert!(panel
        .iter()
        .all(|i| i.frozen_because.as_deref().is_some_and(|why| why.contains("has a sealed scorecard"))));
    let labels = scorecard_labels(&store, candidate);
    let first = panel[0].name.clone();
    drop(store);
    let before = checkpointed_bytes(&dir.path().join("rung.db"));

    let mut store = Store::open_in(dir.path()).unwrap();
    let original = plan_of(&store, candidate);
    let mut removed = original.clone();
    removed.interviews.remove(0);
    let mut renamed = original.clone();
    renamed.interviews[0].name = "Technical deep-dive (new)".into();
    let mut moved = original.clone();
    moved.interviews.swap(0, 1);
    let mut shortened = original.clone();
    shortened.interviews.pop();
    for (plan, change) in [
        (&removed, "remove or rename"),
        (&renamed, "remove or rename"),
        (&moved, "move"),
        (&shortened, "remove or rename"),
    ] {
        let error = store.save_panel_plan(candidate, plan).unwrap_err();
        assert!(matches!(error, StoreError::SealedInterview { .. }), "{error}");
        let said = error.to_string();
        assert!(
            said.contains(&format!("it would {change} \u{201c}")) && said.contains("has a sealed scorecard"),
            "{said}"
        );
        assert_eq!(error.code(), "interview_sealed");
    }
    assert!(error_names(&mut store, candidate, &removed).contains(&first));
    drop(store);
    assert!(checkpointed_bytes(&dir.path().join("rung.db")) == before, "a refused plan changed nothing");

    // What may change still does: a new interview after the sealed ones, focus included.
    let mut store = Store::open_in(dir.path()).unwrap();
    let mut added = original.clone();
    added.interviews.push(PlannedInterview { name: "Pairing".into(), focus: original.interviews[0].focus.clone() });
    store.save_panel_plan(candidate, &added).unwrap();
    assert_eq!(scorecard_labels(&store, candidate), labels, "every sealed scorecard still names its interview");
    drop(store);
    let check = rung_in(dir.path(), &["db", "check"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}

fn error_names(store: &mut Store, candidate: i64, plan: &PanelPlan) -> String {
    store.save_panel_plan(candidate, plan).unwrap_err().to_string()
}
