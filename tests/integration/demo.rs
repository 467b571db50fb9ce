//! `rung demo`: a demo candidate with a full panel of submitted, sealed scorecards.

use std::process::Command;

use rung::scorecard::panel::PanelPlan;
use rung::scorecard::template::template_for;
use rung::scorecard::{seal_holds, ScorecardStatus};
use rung::store::Store;

#[test]
fn rung_demo_creates_a_full_panel_once() {
    let dir = tempfile::tempdir().unwrap();
    let run =
        || Command::new(env!("CARGO_BIN_EXE_rung")).arg("demo").arg("--data-dir").arg(dir.path()).output().unwrap();
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).starts_with("created Alex Rivera (demo)"));
    let second = run();
    assert!(String::from_utf8_lossy(&second.stdout).starts_with("already there:"));

    let store = Store::open_in(dir.path()).unwrap();
    let candidates = store.candidates().unwrap();
    assert_eq!(candidates.len(), 1);
    let scorecards = store.scorecards_of(candidates[0].id).unwrap();
    assert_eq!(scorecards.len(), 3);
    assert!(scorecards.iter().all(|s| s.status == ScorecardStatus::Submitted && seal_holds(s)));
    assert!(scorecards.iter().any(|s| s.ratings.iter().any(|r| r.score.is_none())), "one gap to discuss");

    // Every characteristic of the target path was assessed by at least two interviews.
    let ladder = rung::ladder::default_ladder();
    let template = template_for(&ladder, &candidates[0].target_role_key).unwrap();
    let panel = store.panel(candidates[0].id).unwrap();
    let plan = PanelPlan {
        interviews: panel
            .iter()
            .map(|i| rung::scorecard::panel::PlannedInterview { name: i.name.clone(), focus: i.focus.clone() })
            .collect(),
    };
    assert!(plan.gaps(&template, 2).is_empty());
    assert!(store.check().unwrap().is_ok());
}
