//! Bundles exported before an erasure: the laptop records each export (when, which
//! scorecards, to which file), the erase output names every file that still holds the
//! candidate, and the records leave with the candidate (a file name may carry their name).

use rung::store::Store;

use crate::report_support::scored_candidate;
use crate::store_support::{raw, rung_in, text};

#[test]
fn the_erase_output_names_each_bundle_exported_before_with_when_and_how_many_scorecards() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let candidate = {
        let mut store = Store::open_in(dir.path()).unwrap();
        scored_candidate(&mut store, "Vera Lind", &["Dana Okafor", "Lee Park"], "Clear example.", "Would hire.")
    };
    let id = candidate.to_string();
    let files = [outside.path().join("for-cora.json"), outside.path().join("again.json")];
    for file in &files {
        let output = rung_in(dir.path(), &["bundle", "export", "--candidate", &id, "--out", file.to_str().unwrap()]);
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
    let count = || -> i64 {
        raw(&dir.path().join("rung.db")).query_row("SELECT count(*) FROM bundle_exports", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(count(), 2, "each export is recorded");

    let output = rung_in(dir.path(), &["erase", "--candidate", &id, "--yes"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let said = text(&output.stdout);
    for file in &files {
        let line = said.lines().find(|line| line.contains(file.to_str().unwrap())).unwrap_or_else(|| {
            panic!("the erase output names {}:\n{said}", file.display());
        });
        assert!(
            line.contains("Still in the bundle exported on 20") && line.contains("(3 sealed scorecard(s))"),
            "{line}"
        );
    }
    assert_eq!(count(), 0, "the records went with the candidate");
    assert!(files.iter().all(|file| file.exists()), "Rung does not touch files it cannot own");
}
