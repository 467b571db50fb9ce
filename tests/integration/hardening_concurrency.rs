//! Several real processes on one data folder at once: first-open migration and the demo
//! must come out exactly once and complete, with no "database is locked".

use std::path::Path;
use std::process::{Command, Stdio};

use rung::store::Store;

use crate::store_support::*;

/// Starts `count` `rung demo` processes together and waits for all of them.
fn demos_at_once(data_dir: &Path, count: usize) -> Vec<std::process::Output> {
    let children: Vec<_> = (0..count)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_rung"))
                .arg("--data-dir")
                .arg(data_dir)
                .arg("demo")
                .env_remove("RUNG_DATA_DIR")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children.into_iter().map(|child| child.wait_with_output().unwrap()).collect()
}

fn assert_one_complete_demo(data_dir: &Path) {
    let store = Store::open_in(data_dir).unwrap();
    let demos: Vec<_> =
        store.candidates().unwrap().into_iter().filter(|c| c.name == rung::demo::DEMO_CANDIDATE).collect();
    assert_eq!(demos.len(), 1, "exactly one demo candidate");
    let planned = store.panel(demos[0].id).unwrap().len();
    let scorecards = store.scorecards_of(demos[0].id).unwrap();
    assert_eq!(scorecards.len(), planned, "every planned interview has its scorecard");
    assert!(scorecards.iter().all(|s| s.status == rung::scorecard::ScorecardStatus::Submitted));
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems());
}

#[test]
fn several_processes_opening_a_new_folder_and_making_the_demo_make_one_complete_demo() {
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("new-folder");
        std::fs::create_dir(&data_dir).unwrap();
        let outputs = demos_at_once(&data_dir, 4);
        for output in &outputs {
            assert!(output.status.success(), "round {round}: {}{}", text(&output.stdout), text(&output.stderr));
        }
        let created = outputs.iter().filter(|o| text(&o.stdout).starts_with("created")).count();
        assert_eq!(created, 1, "round {round}: one process created it, the others found it");
        assert_one_complete_demo(&data_dir);
    }
}

#[test]
fn several_processes_making_the_demo_on_an_existing_database_make_one() {
    let fixture = Fixture::new();
    let data_dir = fixture.dir.path().to_owned();
    drop(fixture.store);
    let outputs = demos_at_once(&data_dir, 4);
    for output in &outputs {
        assert!(output.status.success(), "{}{}", text(&output.stdout), text(&output.stderr));
        assert!(!text(&output.stderr).contains("locked"));
    }
    assert_one_complete_demo(&data_dir);
}

#[test]
fn a_candidate_is_never_left_without_a_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let ladder = store.save_ladder(&rung::ladder::default_ladder(), true).unwrap();
    // The panel plan cannot be written: creating the candidate must fail as a whole.
    raw(&dir.path().join(rung::store::DB_FILE))
        .execute_batch(
            "CREATE TRIGGER no_plans BEFORE INSERT ON panel_plans BEGIN SELECT RAISE(ABORT, 'no plans today'); END;",
        )
        .unwrap();
    let candidate = rung::store::NewCandidate {
        name: "Half Made".into(),
        email: None,
        ladder_id: ladder.id,
        target_role_key: "senior-application-support-engineer".into(),
        notes: String::new(),
    };
    let actor = crate::store_support::add_coordinator(&mut store);
    let error = rung::hiring::create_candidate(&mut store, actor, &candidate).unwrap_err();
    assert!(error.to_string().contains("no plans today"), "{error}");
    assert!(store.candidates().unwrap().is_empty(), "no candidate without a panel");
}
