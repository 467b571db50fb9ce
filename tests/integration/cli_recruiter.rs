//! The recruiter's journey from a terminal on a new machine, through the real binary:
//! store a ladder (an uncertain reading only once confirmed), add a candidate by role
//! title, import an ATS export (every bad row named by line, nothing half-imported).

use std::path::Path;
use std::process::Output;

use rung::store::Store;

use crate::store_support::rung_in;

fn said(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn candidate_names(data: &Path) -> Vec<String> {
    Store::open_in(data).unwrap().candidates().unwrap().into_iter().map(|candidate| candidate.name).collect()
}

#[test]
fn a_new_machine_stores_a_ladder_adds_a_candidate_and_imports_an_ats_export() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new-folder");
    let data = data.as_path();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));

    let stored = rung_in(data, &["ladder", "import", repo.join("data/ladders/octopus-support-2025").to_str().unwrap()]);
    assert!(stored.status.success(), "{}", said(&stored));
    assert!(
        said(&stored).contains("stored ladder 2 \u{201c}DevOps Support Roles\u{201d}: 7 roles"),
        "{}",
        said(&stored)
    );
    let list = said(&rung_in(data, &["ladder", "list"]));
    assert!(list.contains("Support Roles  6 roles  from support-roles.md  (default)"), "{list}");

    // Adding candidates is a coordinator's work.
    let nobody =
        rung_in(data, &["candidate", "add", "Priya Natarajan", "--role", "Senior Application Support Engineer"]);
    assert_eq!(nobody.status.code(), Some(1), "{}", said(&nobody));
    assert!(rung_in(data, &["person", "add", "Casey Lin", "--coordinator"]).status.success());
    let added = rung_in(
        data,
        &[
            "--as",
            "Casey Lin",
            "candidate",
            "add",
            "Priya Natarajan",
            "--role",
            "senior application support engineer",
            "--email",
            "priya@example.com",
            "--ladder",
            "1",
        ],
    );
    assert!(added.status.success(), "{}", said(&added));
    let priya = &Store::open_in(data).unwrap().candidates().unwrap()[0];
    assert_eq!(priya.target_role_key, "senior-application-support-engineer");
    assert!(!Store::open_in(data).unwrap().panel(priya.id).unwrap().is_empty(), "with the default panel");

    // An export with bad rows: each named, nothing imported.
    let csv = dir.path().join("export.csv");
    std::fs::write(
        &csv,
        "First Name,Last Name,Email,Job\nSam,Okafor,sam@example.com,Application Support Engineer\nLee,Wu,PRIYA@example.com,Senior Application Support Engineer\nAl,Baker,al@nowhere,Astronaut\n",
    )
    .unwrap();
    let refused = rung_in(data, &["--as", "Casey Lin", "candidates", "import", csv.to_str().unwrap(), "--ladder", "1"]);
    assert_eq!(refused.status.code(), Some(1), "{}", said(&refused));
    let message = said(&refused);
    assert!(message.contains("2 lines cannot be imported"), "{message}");
    assert!(message.contains("line 4: \"al@nowhere\" is not an email address"), "{message}");
    assert!(!message.contains("line 3"), "line 3 reads: its email is checked against this laptop next: {message}");
    assert_eq!(candidate_names(data), ["Priya Natarajan"], "nothing was imported");

    // Line 4 fixed; line 3's email is Priya's, already here.
    std::fs::write(
        &csv,
        "First Name,Last Name,Email,Job\nSam,Okafor,sam@example.com,Junior Application Support Engineer / Application Support Engineer\nLee,Wu,PRIYA@example.com,Senior Application Support Engineer\n",
    )
    .unwrap();
    let refused = rung_in(data, &["--as", "Casey Lin", "candidates", "import", csv.to_str().unwrap(), "--ladder", "1"]);
    assert!(said(&refused).contains("line 3: PRIYA@example.com is already candidate"), "{}", said(&refused));
    assert_eq!(candidate_names(data), ["Priya Natarajan"]);

    std::fs::write(
        &csv,
        "First Name,Last Name,Email,Job\nSam,Okafor,sam@example.com,Junior Application Support Engineer / Application Support Engineer\nLee,Wu,lee@example.com,Senior Application Support Engineer\n",
    )
    .unwrap();
    let imported =
        rung_in(data, &["--as", "Casey Lin", "candidates", "import", csv.to_str().unwrap(), "--ladder", "1", "--json"]);
    assert!(imported.status.success(), "{}", said(&imported));
    let ids: serde_json::Value = serde_json::from_slice(&imported.stdout).unwrap();
    assert_eq!(ids["candidates"].as_array().unwrap().len(), 2);
    assert_eq!(candidate_names(data), ["Priya Natarajan", "Sam Okafor", "Lee Wu"]);
}

#[test]
fn an_uncertain_ladder_is_stored_only_once_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let ladder = dir.path().join("guild.md");
    std::fs::write(&ladder, "# Guild\n\n## Backend\n- Design: owns a service\n- Delivery: ships weekly\n\n## Frontend\n- Design: owns a page\n- Delivery: ships daily\n").unwrap();
    let data = dir.path().join("data");
    let refused = rung_in(&data, &["ladder", "import", ladder.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "{}", said(&refused));
    assert!(said(&refused).contains("--confirm"), "{}", said(&refused));
    assert_eq!(Store::open_in(&data).unwrap().list_ladders().unwrap().len(), 1, "only the default ladder");
    let confirmed = rung_in(&data, &["ladder", "import", ladder.to_str().unwrap(), "--confirm", "--json"]);
    assert!(confirmed.status.success(), "{}", said(&confirmed));
    assert_eq!(Store::open_in(&data).unwrap().list_ladders().unwrap().len(), 2);
}
