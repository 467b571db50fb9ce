//! `rung candidates` and `rung recommend`, run as the real binary: on the demo candidate
//! (a golden result), on a hand-written CSV, and on every kind of bad CSV.

use std::path::Path;

use crate::store_support::*;
use crate::support::{data, fixture};

fn json(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{}{}", text(&output.stdout), text(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn the_demo_candidate_gets_its_recommendation_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    assert!(rung_in(dir.path(), &["demo"]).status.success());
    let listed = json(&rung_in(dir.path(), &["candidates", "--json"]));
    assert_eq!(listed[0]["name"], "Alex Rivera (demo)");
    assert_eq!(listed[0]["status"], "all 3 scorecards in");

    let id = listed[0]["id"].to_string();
    let result = json(&rung_in(dir.path(), &["recommend", "--candidate", &id, "--json"]));
    assert_eq!(result["role"], "senior-application-support-engineer");
    assert_eq!(result["band"], "exceeding");
    assert_eq!(result["level"], 2);
    assert_eq!(result["track"], "individual_contributor");
    // Deliberately not "high" since issue 26: the demo's alpha (0.07 from a handful of
    // pairs) has a 90% interval too wide to say anything, so it cannot lift the confidence.
    assert_eq!(result["confidence"], "medium");
    assert!(result["confidence_reason"].as_str().unwrap().contains("says little"), "{result}");
    assert!(result["alpha"].is_number());
    let interval = result["alpha_interval"].as_array().expect("an interval");
    assert!(interval[1].as_f64().unwrap() - interval[0].as_f64().unwrap() > 0.6, "{interval:?}");
    assert!(result["pairs"].as_u64().unwrap() > 0);
    assert_eq!(result["roles"].as_array().unwrap().len(), 6);
    assert_eq!(result["roles"][2]["met"], 0.5, "the next role's evidence");
    assert!(result["roles"][4]["met"].is_null(), "a role nobody assessed");
    assert!(result["missing"].as_array().unwrap().is_empty());
    assert!(result["rationale"].as_array().unwrap().len() >= 3);

    let output = rung_in(dir.path(), &["recommend", "--candidate", &id]);
    let printed = text(&output.stdout);
    assert!(printed.starts_with("Recommended: L2 Senior Application Support Engineer — Exceeding."), "{printed}");
    assert!(printed.contains("L3 DevOps Application Engineer above it: 50% met"), "{printed}");
}

#[test]
fn a_candidate_whose_panel_is_not_complete_has_no_debrief_yet() {
    let mut fixture = Fixture::new();
    let candidate = seed_candidate(&mut fixture.store, "Half Way");
    drop(fixture.store);
    let output = rung_in(fixture.dir.path(), &["recommend", "--candidate", &candidate.to_string()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("every planned interview is in (0 of 3 so far)"), "{}", text(&output.stderr));
}

fn recommend_csv(ratings: &Path, extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let ladder = data("support-roles.md");
    let mut args = vec!["recommend", "--ladder", ladder.to_str().unwrap(), "--ratings", ratings.to_str().unwrap()];
    args.extend(extra);
    rung_in(dir.path(), &args)
}

#[test]
fn ratings_kept_in_a_csv_file_get_the_same_engine() {
    let result = json(&recommend_csv(
        &fixture("ratings/panel.csv"),
        &["--target", "senior-application-support-engineer", "--json"],
    ));
    assert_eq!(result["role"], "senior-application-support-engineer");
    assert_eq!(result["band"], "maturing");
    assert_eq!(result["roles"][1]["met"], 0.75);
    let decided: Vec<String> =
        result["decided_by"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect();
    assert!(decided.iter().any(|s| s.contains("I am a support mentor") && s.contains("1.5")), "{decided:?}");
    assert_eq!(result["missing"].as_array().unwrap().len(), 3);
}

#[test]
fn bad_csv_files_get_an_error_naming_the_line() {
    let good = std::fs::read_to_string(fixture("ratings/panel.csv")).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    let with_line_3 = |replacement: &str| {
        let mut edited = lines.clone();
        edited[2] = replacement;
        edited.join("\n").into_bytes()
    };
    let senior = "senior-application-support-engineer";
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (with_line_3("Priya,no-such-role,x,3"), ":3: the ladder has no role \"no-such-role\""),
        (with_line_3(&format!("Priya,{senior},no-such-characteristic,3")), ":3: role \"senior-application-support-engineer\" has no characteristic"),
        (with_line_3(&format!("Priya,{senior},i-am-a-support-mentor,5")), ":3: rating \"5\" is not on the scale: 1 to 4"),
        (with_line_3(&format!("Priya,{senior},i-am-a-support-mentor,high")), ":3: rating \"high\" is not on the scale"),
        (with_line_3(lines[1]), ":3: Priya rates junior-application-support-engineer-application-support-engineer/i-write-high-quality-responses-quickly-and-with-minimal-oversight a second time"),
        (with_line_3("Priya,only,three"), ":3: 3 fields where the header has 4"),
        ([&lines[..2].join("\n").into_bytes()[..], b"\nPriya,\xff\xfe,x,3\n"].concat(), ":3: the text is not UTF-8"),
        (lines[1..].join("\n").into_bytes(), ":1: the first line must be the header"),
        (Vec::new(), ":1: the file is empty"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (n, (bytes, expected)) in cases.into_iter().enumerate() {
        let file = dir.path().join(format!("case-{n}.csv"));
        std::fs::write(&file, bytes).unwrap();
        let output = recommend_csv(&file, &[]);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "case {n}: {stderr}");
        assert!(stderr.contains(&format!("case-{n}.csv{expected}")), "case {n}: expected {expected:?} in {stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

/// The hand-written panel as three candidates in one file: as written, everything a 4,
/// everything a 2; the first with a target.
fn many_candidates_csv(dir: &Path) -> std::path::PathBuf {
    let panel = std::fs::read_to_string(fixture("ratings/panel.csv")).unwrap();
    let mut out = String::from("candidate,target,interviewer,role,characteristic,rating\n");
    for (candidate, target, rating) in
        [("Ada", "senior-application-support-engineer", None), ("Bo", "", Some("4")), ("Cy", "", Some("2"))]
    {
        for line in panel.lines().skip(1) {
            let mut fields: Vec<&str> = line.split(',').collect();
            if let Some(rating) = rating {
                fields[3] = rating;
            }
            out.push_str(&format!("{candidate},{target},{}\n", fields.join(",")));
        }
    }
    let path = dir.join("many.csv");
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn a_file_of_many_candidates_gives_each_a_role_with_its_probability() {
    let dir = tempfile::tempdir().unwrap();
    let ratings = many_candidates_csv(dir.path());
    let output = recommend_csv(&ratings, &["--json"]);
    let list = json(&output);
    let list = list.as_array().unwrap();
    let names: Vec<&str> = list.iter().map(|r| r["candidate"].as_str().unwrap()).collect();
    assert_eq!(names, ["Ada", "Bo", "Cy"]);
    for result in list {
        let p = result["role_probability"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p), "{result}");
    }
    let ladder = rung_core::ladder::load(&data("support-roles.md")).unwrap();
    let level = |r: &serde_json::Value| r["role"].as_str().and_then(|k| ladder.role(k)).map_or(0, |role| role.level);
    assert!(level(&list[1]) > level(&list[2]), "all 4s outrank all 2s: {list:?}");
    assert!(list[1]["band"].is_string(), "{list:?}");
    // Deterministic: the same file gives the same answer.
    assert_eq!(text(&recommend_csv(&ratings, &["--json"]).stdout), text(&output.stdout));
    let printed = text(&recommend_csv(&ratings, &[]).stdout);
    assert!(printed.starts_with("Ada: "), "{printed}");
}
