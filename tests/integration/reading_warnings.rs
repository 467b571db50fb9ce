//! Never silently wrong: a reading that looks off is a warning the user sees. `rung
//! ladder check` exits 0 when clean, 2 when the ladder imported with warnings (printed
//! with file and line), 1 when it does not import; `ladder show --explain` prints them.

use crate::store_support::text;
use crate::support::{data, fixture};

fn rung(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rung")).args(args).output().unwrap()
}

#[test]
fn a_reading_that_looks_off_is_reported_with_exit_code_2() {
    let path = fixture("warnings/looks-off.md");
    let output = rung(&["ladder", "check", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let printed = text(&output.stdout);
    assert!(printed.starts_with("imported with warnings: \"Operations Ladder\" — 5 roles (4 scorable)"), "{printed}");
    for expected in [
        "looks-off.md:13: \"How does it work?\" reads as a question, not a role",
        "[role_is_navigation]",
        "looks-off.md:18: \"Operations Lead\" holds what look like several levels as characteristics (Level 1, Level 2)",
        "looks-off.md:26: \"Operations Manager\" has nothing to score",
        "\"Junior Operations Engineer\" (L1) comes after \"Operations Engineer\" (L2)",
        // So much looks off that the reading itself is in doubt.
        "[reading_uncertain]",
    ] {
        assert!(printed.contains(expected), "{expected:?} missing from:\n{printed}");
    }
    let explained = rung(&["ladder", "show", path.to_str().unwrap(), "--explain"]);
    assert!(explained.status.success());
    let explained = text(&explained.stdout);
    assert!(explained.contains("6 warning(s)"), "{explained}");
    assert!(explained.contains("reading: UNSURE") && explained.contains("runner-up: "), "{explained}");
}

#[test]
fn clean_ladders_exit_0_and_the_seed_names_its_placeholder_role() {
    for clean in [data("octopus-support-2025"), fixture("front-matter/hugo-levels"), fixture("progression/platform.md")]
    {
        let output = rung(&["ladder", "check", clean.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{}: {}", clean.display(), text(&output.stdout));
        let explained = rung(&["ladder", "show", clean.to_str().unwrap(), "--explain"]);
        assert!(text(&explained.stdout).contains("no warnings"));
    }
    // The seed's "<TBA>" manager role is real and has nothing to score: said, not hidden.
    let seed = rung(&["ladder", "check", data("support-roles.md").to_str().unwrap()]);
    assert_eq!(seed.status.code(), Some(2));
    assert!(text(&seed.stdout).contains("\"Senior Application Support Manager\" has nothing to score"));
}
