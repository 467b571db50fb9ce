//! What the laptop used to hand out to whoever sat at it is now decided by the access
//! rules (`rung_core::access`) in every workflow: nobody chosen gets nothing private, an
//! interviewer only what they have earned by sealing their own, and the coordinator's
//! work (decisions, reports, erasure) needs a coordinator, in the service and the CLI.

use rung::access::{Action, Refusal};
use rung::actor::{actor_of, Actor};
use rung::decision::{NewDecision, Outcome};
use rung::store::{ArchiveQuery, Store, StoreError};

use crate::store_support::{rung_in, seed_candidate, text};

fn refusal(error: StoreError) -> Refusal {
    match error {
        StoreError::Refused(refusal) => refusal,
        other => panic!("not a refusal: {other}"),
    }
}

fn hold() -> NewDecision {
    NewDecision { outcome: Outcome::Hold, role_key: None, band: None, reason: None }
}

#[test]
fn nobody_and_a_bystander_get_nothing_private_and_only_a_coordinator_decides_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let demo = rung::demo::create_demo(&mut store).unwrap();
    let candidate = demo.candidate_id;
    let coordinator = Actor::coordinator(demo.coordinator_id);
    let panelist = store.scorecards_of(candidate).unwrap()[0].interviewer_id;
    let panelist = actor_of(&store, Some(panelist)).unwrap();
    let bystander = Actor::interviewer(store.create_interviewer("Bystander", None).unwrap());

    // Bundles: nobody chosen exports nothing; a bystander has nothing they may read.
    let nobody = rung::bundle::export_bundle(&store, Actor::NOBODY, candidate).unwrap_err();
    assert_eq!(refusal(nobody), Refusal::NoActor(Action::ExportScorecards));
    assert!(rung::bundle::export_bundle(&store, bystander, candidate).is_err());
    let own = rung::bundle::export_bundle(&store, panelist, candidate).unwrap();
    assert_eq!(own.scorecards.len(), 3, "a panelist who sealed their own may read, so export, the panel's");

    // Decisions and reports are the coordinator's.
    let by_panelist = rung::debrief::record_decision(&mut store, panelist, candidate, &hold()).unwrap_err();
    assert_eq!(refusal(by_panelist), Refusal::NotCoordinator(Action::Decide));
    let paper = rung_report::Paper::A4;
    let report = rung::report::issue_report(&mut store, panelist, candidate, paper).unwrap_err();
    assert_eq!(refusal(report), Refusal::NotCoordinator(Action::IssueReport));
    rung::debrief::record_decision(&mut store, coordinator, candidate, &hold()).unwrap();
    let issued = rung::report::issue_report(&mut store, coordinator, candidate, paper).unwrap();

    // The archive: the coordinator and the panel read the report; a bystander does not.
    let everything = ArchiveQuery::default();
    assert_eq!(rung::archive::search_archive(&store, coordinator, &everything).unwrap().total, 1);
    assert_eq!(rung::archive::search_archive(&store, panelist, &everything).unwrap().total, 1);
    assert_eq!(rung::archive::search_archive(&store, bystander, &everything).unwrap().total, 0);
    let hidden = rung::archive::archived_report(&store, bystander, issued.report.id).unwrap_err();
    assert_eq!(refusal(hidden), Refusal::NotSealed(Action::ReadReport));
    let nobody = rung::archive::search_archive(&store, Actor::NOBODY, &everything).unwrap_err();
    assert_eq!(refusal(nobody), Refusal::NoActor(Action::ReadReport));

    // Calibration: the coordinator sees every interviewer, an interviewer their own row.
    assert_eq!(rung::debrief::calibration(&store, coordinator).unwrap().len(), 3);
    let mine = rung::debrief::calibration(&store, panelist).unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(Some(mine[0].calibration.interviewer_id), panelist.person());

    // Erasure, legal hold and new candidates need a coordinator.
    let erase = rung::privacy::erase_candidate(&mut store, panelist, candidate, false, false).unwrap_err();
    assert_eq!(refusal(erase), Refusal::NotCoordinator(Action::Erase));
    let hold = rung::privacy::set_legal_hold(&mut store, bystander, candidate, true).unwrap_err();
    assert_eq!(refusal(hold), Refusal::NotCoordinator(Action::Erase));
    let new = crate::store_support::new_seed_candidate(&mut store, "Not Yours To Add");
    let add = rung::hiring::create_candidate(&mut store, bystander, &new).unwrap_err();
    assert_eq!(refusal(add), Refusal::NotCoordinator(Action::AddCandidate));
}

#[test]
fn the_cli_acts_as_the_person_named_and_says_who_may_do_what() {
    let dir = tempfile::tempdir().unwrap();
    let added = rung_in(dir.path(), &["person", "add", "Rae Recruiter", "--coordinator"]);
    assert!(added.status.success(), "a write command creates the data folder: {}", text(&added.stderr));
    assert!(text(&added.stdout).contains("as coordinator"), "{}", text(&added.stdout));
    let added = rung_in(dir.path(), &["person", "add", "Ian Interviewer"]);
    assert!(added.status.success(), "{}", text(&added.stderr));
    {
        let mut store = Store::open_in(dir.path()).unwrap();
        seed_candidate(&mut store, "Pat Candidate");
    }
    let people = rung_in(dir.path(), &["people"]);
    let listed = text(&people.stdout);
    assert!(
        listed.contains("Rae Recruiter  coordinator") && listed.contains("Ian Interviewer  interviewer"),
        "{listed}"
    );

    let out = dir.path().join("r.pdf");
    let by_interviewer =
        rung_in(dir.path(), &["report", "--candidate", "1", "--out", out.to_str().unwrap(), "--as", "ian interviewer"]);
    assert_eq!(by_interviewer.status.code(), Some(1));
    assert!(text(&by_interviewer.stderr).contains("Only a coordinator may issue"), "{}", text(&by_interviewer.stderr));
    let unknown = rung_in(dir.path(), &["calibration", "--as", "Nobody Here"]);
    assert!(text(&unknown.stderr).contains("rung person add"), "{}", text(&unknown.stderr));
    let by_coordinator =
        rung_in(dir.path(), &["report", "--candidate", "1", "--out", out.to_str().unwrap(), "--as", "Rae Recruiter"]);
    assert!(
        text(&by_coordinator.stderr).contains("once every planned interview is in (0 of 3 so far)"),
        "the coordinator passes the role check and meets the panel's gate: {}",
        text(&by_coordinator.stderr)
    );
}
