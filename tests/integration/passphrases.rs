//! Proving who is acting on a shared laptop (`rung_core::passphrase`, `rung::acting`):
//! the attacks a person at someone else's laptop would try — picking a colleague's name,
//! guessing, claiming the coordinator role, reading the database for the passphrase — each
//! replayed on a real data folder, in the service and through the real CLI.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use rung::access::{Action, Refusal};
use rung::actor::Actor;
use rung::store::{Store, StoreError};

use crate::store_support::rung_in;

const DANA: &str = "Dana Okafor";
const DANA_SECRET: &str = "blue heron at dawn";

/// The real CLI with a passphrase in RUNG_PASSPHRASE and, optionally, a line on stdin.
fn rung_with(data_dir: &Path, args: &[&str], passphrase: Option<&str>, stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rung"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("RUNG_DATA_DIR")
        .env_remove("RUNG_PASSPHRASE")
        .env("RUNG_KEY_STORE", "folder")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(passphrase) = passphrase {
        command.env("RUNG_PASSPHRASE", passphrase);
    }
    let mut child = command.spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// What the command printed, on both streams.
fn said(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn code(error: StoreError) -> &'static str {
    error.code().as_str()
}

/// Dana (a coordinator) and Ravi (an interviewer) on a laptop; Dana set a passphrase.
fn laptop() -> (tempfile::TempDir, Store, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let dana = rung::hiring::add_person(&mut store, Actor::NOBODY, DANA, None, true).unwrap().id;
    let ravi = rung::hiring::add_person(&mut store, Actor::NOBODY, "Ravi Shah", None, false).unwrap().id;
    rung::acting::become_person(&mut store, dana, None).unwrap();
    rung::acting::set_own_passphrase(&mut store, Actor::coordinator(dana), dana, None, DANA_SECRET).unwrap();
    (dir, store, dana, ravi)
}

#[test]
fn acting_as_a_person_with_a_passphrase_needs_it_and_a_wrong_guess_leaves_nobody_acting() {
    let (_dir, mut store, dana, ravi) = laptop();
    rung::acting::become_person(&mut store, ravi, None).unwrap();
    assert_eq!(store.acting_person().unwrap(), Some(ravi), "an interviewer without one needs none");

    let missing = rung::acting::become_person(&mut store, dana, None).unwrap_err();
    assert_eq!(code(missing), "passphrase_needed");
    assert_eq!(store.acting_person().unwrap(), None, "Ravi stopped acting the moment the switch began");

    rung::acting::become_person(&mut store, ravi, None).unwrap();
    let wrong = rung::acting::become_person(&mut store, dana, Some("blue heron at dusk")).unwrap_err();
    assert_eq!(code(wrong), "passphrase_wrong");
    assert!(wrong_message(&mut store, dana).contains("not Dana Okafor's passphrase"));
    assert_eq!(store.acting_person().unwrap(), None, "a wrong guess leaves nobody acting, not Ravi and not Dana");

    let dana_now = rung::acting::become_person(&mut store, dana, Some(DANA_SECRET)).unwrap();
    assert!(dana_now.coordinator && dana_now.has_passphrase);
    assert_eq!(store.acting_person().unwrap(), Some(dana));
    assert!(!rung::acting::may_resume_as(&store, dana).unwrap(), "after a restart Dana is asked again");
    assert!(rung::acting::may_resume_as(&store, ravi).unwrap());
}

fn wrong_message(store: &mut Store, dana: i64) -> String {
    rung::acting::become_person(store, dana, Some("not it at all")).unwrap_err().to_string()
}

#[test]
fn once_anyone_has_a_passphrase_a_coordinator_must_choose_one_and_only_a_coordinator_makes_coordinators() {
    let (_dir, mut store, dana, ravi) = laptop();
    let casey = rung::hiring::add_person(&mut store, Actor::coordinator(dana), "Casey Lin", None, true).unwrap().id;

    // Casey has none yet: acting as them asks them to choose one, and then needs it.
    let first = rung::acting::become_person(&mut store, casey, None).unwrap_err();
    assert_eq!(code(first), "passphrase_to_set");
    let short = rung::acting::become_person(&mut store, casey, Some("short")).unwrap_err();
    assert_eq!(code(short), "passphrase_too_short");
    rung::acting::become_person(&mut store, casey, Some("casey's own words")).unwrap();
    let again = rung::acting::become_person(&mut store, casey, Some("anything else")).unwrap_err();
    assert_eq!(code(again), "passphrase_wrong", "the first passphrase chosen is now Casey's");

    // Ravi cannot hand himself (or a new name) the coordinator role any more.
    let ravi_actor = Actor::interviewer(ravi);
    let grant = rung::hiring::set_coordinator(&mut store, ravi_actor, ravi, true).unwrap_err();
    assert!(matches!(grant, StoreError::Refused(Refusal::NotCoordinator(Action::GrantCoordinator))), "{grant}");
    let new = rung::hiring::add_person(&mut store, ravi_actor, "Mallory", None, true).unwrap_err();
    assert_eq!(code(new), "coordinator_only");
    assert!(store.interviewers().unwrap().iter().all(|person| person.name != "Mallory"), "nothing was added");
    rung::hiring::add_person(&mut store, ravi_actor, "Mallory", None, false).expect("interviewers may still be added");

    // Only Dana changes Dana's passphrase, and only with the current one.
    let not_yours = rung::acting::set_own_passphrase(&mut store, ravi_actor, dana, None, "ravi's choice").unwrap_err();
    assert_eq!(code(not_yours), "passphrase_not_yours");
    let dana_actor = Actor::coordinator(dana);
    let without = rung::acting::set_own_passphrase(&mut store, dana_actor, dana, None, "a new one here").unwrap_err();
    assert_eq!(code(without), "passphrase_needed");
    rung::acting::set_own_passphrase(&mut store, dana_actor, dana, Some(DANA_SECRET), "a new one here").unwrap();
    assert_eq!(code(rung::acting::become_person(&mut store, dana, Some(DANA_SECRET)).unwrap_err()), "passphrase_wrong");
    rung::acting::become_person(&mut store, dana, Some("a new one here")).unwrap();
}

#[test]
fn the_passphrase_is_nowhere_in_the_data_folder_only_its_argon2_hash() {
    let (dir, store, dana, _) = laptop();
    let stored = store.passphrase_hash(dana).unwrap().unwrap();
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    drop(store);
    for file in crate::support::files_under(dir.path()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes.windows(DANA_SECRET.len()).any(|window| window == DANA_SECRET.as_bytes()),
            "{} holds the passphrase in clear",
            file.display()
        );
    }
}

#[test]
fn the_command_line_asks_for_the_passphrase_too() {
    let (dir, store, _, _) = laptop();
    drop(store);
    let data = dir.path();

    let without = rung_with(data, &["--as", DANA, "calibration"], None, None);
    assert_eq!(without.status.code(), Some(1), "{}", said(&without));
    assert!(said(&without).contains("protects their name with a passphrase"), "{}", said(&without));
    let wrong = rung_with(data, &["--as", DANA, "calibration"], Some("guess guess"), None);
    assert!(said(&wrong).contains("not Dana Okafor's passphrase"), "{}", said(&wrong));
    let right = rung_with(data, &["--as", DANA, "calibration"], Some(DANA_SECRET), None);
    assert!(right.status.success(), "{}", said(&right));

    // Ravi sets his own from standard input; then his name needs it as well.
    let set = rung_with(data, &["--as", "Ravi Shah", "person", "passphrase"], None, Some("ravi's long secret\n"));
    assert!(set.status.success(), "{}", said(&set));
    let people = rung_in(data, &["people"]);
    assert!(said(&people).contains("Ravi Shah  interviewer  (passphrase)"), "{}", said(&people));
    let as_ravi = rung_with(data, &["--as", "Ravi Shah", "calibration"], None, None);
    assert_eq!(as_ravi.status.code(), Some(1), "{}", said(&as_ravi));

    // Giving oneself the coordinator role from the command line is refused too.
    let grant =
        rung_with(data, &["--as", "Ravi Shah", "person", "coordinator", "Ravi Shah"], Some("ravi's long secret"), None);
    assert_eq!(grant.status.code(), Some(1), "{}", said(&grant));
    assert!(said(&grant).contains("Only a coordinator may make someone a coordinator"), "{}", said(&grant));
}
