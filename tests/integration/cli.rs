//! The `rung ladder` commands, run as a user would: the real binary, real files.

use std::process::{Command, Output};

use crate::support::*;

fn rung(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rung")).args(args).output().expect("run rung")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn ladder_show_prints_the_roles_in_order_with_relations() {
    let path = data("support-roles.md");
    let output = rung(&["ladder", "show", path.to_str().unwrap()]);
    assert!(output.status.success());
    let text = stdout(&output);
    let positions: Vec<usize> = [
        "1. L1 Junior Application Support Engineer / Application Support Engineer",
        "2. L2 Senior Application Support Engineer",
        "3. L3 DevOps Application Engineer",
        "4. L4 Senior DevOps Application Engineer",
        "5. L4 Application Support Manager",
        "6. L5 Senior Application Support Manager",
    ]
    .iter()
    .map(|line| text.find(line).unwrap_or_else(|| panic!("missing {line:?} in\n{text}")))
    .collect();
    assert!(positions.windows(2).all(|pair| pair[0] < pair[1]));
    assert!(text.contains("builds on: DevOps Application Engineer"));
    assert!(text.contains("INCOMPLETE"));
    assert!(text.contains("track: Management"));
}

#[test]
fn ladder_show_json_has_the_documented_shape() {
    let path = data("octopus-support-2025");
    let output = rung(&["ladder", "show", "--json", path.to_str().unwrap()]);
    assert!(output.status.success());
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let roles = value["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 7);
    for role in roles {
        for field in ["key", "title", "level", "track", "builds_on", "incomplete", "characteristics"] {
            assert!(role.get(field).is_some(), "role lacks {field}: {role}");
        }
    }
    assert_eq!(roles[0]["builds_on"], serde_json::Value::Null);
    assert_eq!(roles[5]["title"], "Support Manager");
    assert_eq!(roles[5]["builds_on"], "senior-devops-support-engineer");
    let tracks: std::collections::BTreeSet<&str> = roles.iter().map(|r| r["track"].as_str().unwrap()).collect();
    assert_eq!(tracks.len(), 2);
}

#[test]
fn json_from_show_imports_back_unchanged() {
    let path = data("support-roles.md");
    let json = stdout(&rung(&["ladder", "show", "--json", path.to_str().unwrap()]));
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("support.json");
    std::fs::write(&file, &json).unwrap();
    let again = stdout(&rung(&["ladder", "show", "--json", file.to_str().unwrap()]));
    assert_eq!(again, json);
}

#[test]
fn ladder_check_exits_zero_on_a_good_ladder_and_non_zero_with_the_reason_otherwise() {
    let good = rung(&["ladder", "check", data("octopus-support-2025").to_str().unwrap()]);
    assert!(good.status.success());
    assert!(stdout(&good).starts_with("ok: \"DevOps Support Roles\" — 7 roles"));

    let bad_path = repo().join("tests/malformed/ladder_not_utf8--latin1.md");
    let bad = rung(&["ladder", "check", bad_path.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8(bad.stderr).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("latin1.md:3: the text is not valid UTF-8"), "{stderr}");
    assert!(bad.stdout.is_empty());
}

#[test]
fn without_a_path_ladder_check_and_show_read_the_embedded_default_ladder() {
    let embedded = rung(&["ladder", "show", "--json"]);
    let seed = rung(&["ladder", "show", "--json", data("support-roles.md").to_str().unwrap()]);
    assert!(embedded.status.success());
    assert_eq!(stdout(&embedded), stdout(&seed), "the binary carries data/ladders/support-roles.md");
    let check = rung(&["ladder", "check"]);
    assert!(stdout(&check).contains("\"Support Roles\""), "{}", stdout(&check));
    assert_ne!(check.status.code(), Some(1), "the embedded ladder imports");
    // A mapping corrects a file's reading; the embedded ladder has none to correct.
    assert_eq!(rung(&["ladder", "check", "--mapping", "m.json"]).status.code(), Some(2));
}

#[test]
fn a_wrong_command_line_explains_itself() {
    let output = rung(&["ladder", "frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("Usage"));
}

#[test]
fn opening_the_app_with_a_broken_ladder_reports_it_without_opening_a_window() {
    let missing = repo().join("tests/malformed/ladder_no_roles--prose-only.md");
    let output = rung(&["--ladder", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("prose-only.md: no roles found"), "{stderr}");
}
