//! A reading mapping applied from a file by `rung ladder show|check --mapping FILE`, and
//! a file that is not one refused. (The mapping itself: rung-core's tests, domain/reading_mapping.rs.)

use crate::store_support::text;
use crate::support::fixture;

fn rung(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rung")).args(args).output().unwrap()
}

#[test]
fn the_cli_applies_a_mapping_file_and_refuses_one_that_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corrections.json");
    std::fs::write(&file, r#"{"format": "rung-ladder-mapping", "role_heading_level": 3}"#).unwrap();
    let ladder = fixture("mapping/tracks-as-sections.md");
    let (ladder, file) = (ladder.to_str().unwrap(), file.to_str().unwrap());

    // The engine finds the roles under the track headings itself, so its guess is clean.
    assert_eq!(rung(&["ladder", "check", ladder]).status.code(), Some(0), "the engine's own reading");
    let checked = rung(&["ladder", "check", ladder, "--mapping", file]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    let shown = rung(&["ladder", "show", ladder, "--mapping", file, "--explain"]);
    assert!(shown.status.success());
    let shown = text(&shown.stdout);
    assert!(shown.contains("1. L1 Engineer  [engineer]") && shown.contains("track: Management"), "{shown}");

    for (bad, says) in [
        (r#"{"format": "something-else"}"#, "not \"rung-ladder-mapping\""),
        (r#"{"format": "rung-ladder-mapping", "role_heading_level": 9}"#, "from 1 to 6"),
        (r#"{"format": "rung-ladder-mapping", "colour": "red"}"#, "unknown field"),
    ] {
        std::fs::write(file, bad).unwrap();
        let refused = rung(&["ladder", "show", ladder, "--mapping", file]);
        assert_eq!(refused.status.code(), Some(1));
        let error = text(&refused.stderr);
        assert!(error.contains("not a Rung reading mapping") && error.contains(says), "{error}");
    }
}
