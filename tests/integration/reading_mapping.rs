//! A person's corrections to how Rung read a ladder, kept as a declarative mapping:
//! applied to the reading, kept with the ladder (its JSON and the database), and applied
//! from a file by `rung ladder show|check --mapping FILE`.

use rung::ladder::mapping::{self, RoleCorrection};
use rung::ladder::{ReadingMapping, Track};

use crate::store_support::text;
use crate::support::{data, fixture, titles};

fn rung(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rung")).args(args).output().unwrap()
}

fn mapping(json: &str) -> ReadingMapping {
    mapping::from_json(json, std::path::Path::new("mapping.json")).unwrap()
}

#[test]
fn roles_at_a_chosen_heading_depth_take_their_track_from_the_heading_above() {
    let path = fixture("mapping/tracks-as-sections.md");
    let guessed = rung::ladder::load(&path).unwrap();
    // The reading engine tries every heading depth: it finds the roles at `###` itself
    // (it once read the track headings as roles); the mapping pins the same choice.
    assert_eq!(titles(&guessed), ["Engineer", "Senior Engineer", "Engineering Manager"], "the engine's own reading");

    let corrected =
        rung::ladder::load_with(&path, &mapping(r#"{"format": "rung-ladder-mapping", "role_heading_level": 3}"#))
            .unwrap();
    assert_eq!(titles(&corrected), ["Engineer", "Senior Engineer", "Engineering Manager"]);
    let tracks: Vec<(Option<&str>, &Track)> =
        corrected.roles.iter().map(|role| (role.track_name.as_deref(), &role.track)).collect();
    assert_eq!(
        tracks,
        [
            (Some("Engineering"), &Track::IndividualContributor),
            (Some("Engineering"), &Track::IndividualContributor),
            (Some("Management"), &Track::Management)
        ]
    );
    let intro: Vec<&str> = corrected.intro.iter().map(|section| section.title.as_str()).collect();
    assert!(intro.contains(&"How does it work?"), "sections between roles are context, not lost: {intro:?}");
    assert!(rung::ladder::warnings::reading_warnings(&corrected).is_empty());
    assert_eq!(corrected.reading.as_ref().unwrap().role_heading_level, Some(3), "kept with the ladder");
    assert_eq!(corrected.source, guessed.source, "the same source bytes");
}

#[test]
fn group_headings_context_headings_and_role_corrections_apply() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ladder.md");
    std::fs::write(
        &path,
        "# Ladder\n\n## Analyst\n\n### Craft\n\n#### SQL\n\n- Writes joins\n\n#### Charts\n\n- Picks the right chart\n\n\
         ### People\n\n#### Feedback\n\n- Asks for it\n\n### Salary\n\nBand A.\n\n\
         ## Lead Analyst\n\n### Craft\n\n#### SQL\n\n- Tunes queries\n\n## Archive\n\n### Old\n\n- Gone\n",
    )
    .unwrap();
    let corrections = ReadingMapping {
        group_heading_level: Some(3),
        context_headings: vec!["salary".into()],
        roles: vec![
            RoleCorrection {
                title: "Lead Analyst".into(),
                level: Some(4),
                track: Some(Track::Management),
                track_name: Some("Analytics leadership".into()),
                exclude: false,
            },
            RoleCorrection { title: "Archive".into(), level: None, track: None, track_name: None, exclude: true },
        ],
        ..ReadingMapping::default()
    };
    let ladder = rung::ladder::load_with(&path, &corrections).unwrap();
    assert_eq!(titles(&ladder), ["Analyst", "Lead Analyst"], "Archive is left out");
    let analyst = &ladder.roles[0];
    let grouped: Vec<(Option<&str>, &str)> =
        analyst.characteristics.iter().map(|c| (c.group.as_deref(), c.title.as_str())).collect();
    assert_eq!(grouped, [(Some("Craft"), "SQL"), (Some("Craft"), "Charts"), (Some("People"), "Feedback")]);
    assert_eq!(analyst.context[0].title, "Salary", "a heading marked as context is not rated");
    let lead = &ladder.roles[1];
    assert_eq!(
        (lead.level, &lead.track, lead.track_name.as_deref()),
        (4, &Track::Management, Some("Analytics leadership"))
    );

    // A correction for a role the reading does not have is a warning, not silence.
    let mut stale = corrections.clone();
    stale.roles.push(RoleCorrection {
        title: "Principal Analyst".into(),
        level: Some(5),
        track: None,
        track_name: None,
        exclude: false,
    });
    let ladder = rung::ladder::load_with(&path, &stale).unwrap();
    let warnings = rung::ladder::warnings::reading_warnings(&ladder);
    assert!(warnings.iter().any(|w| w.code == "correction_matches_no_role" && w.message.contains("Principal Analyst")));
}

#[test]
fn a_folder_file_can_be_left_out_and_the_mapping_survives_json_and_the_database() {
    let corrections =
        ReadingMapping { excluded_files: vec!["L5-Senior-Support-Manager.md".into()], ..ReadingMapping::default() };
    let ladder = rung::ladder::load_with(&data("octopus-support-2025"), &corrections).unwrap();
    assert_eq!(ladder.roles.len(), 6);
    assert!(ladder.roles.iter().all(|role| role.source_file != "L5-Senior-Support-Manager.md"));

    let json = rung::ladder::json::to_json(&ladder);
    let dir = tempfile::tempdir().unwrap();
    let json_path = dir.path().join("ladder.json");
    std::fs::write(&json_path, &json).unwrap();
    assert_eq!(rung::ladder::load(&json_path).unwrap(), ladder, "Rung JSON keeps the reading");

    let mut store = rung::store::Store::open_in(dir.path()).unwrap();
    let stored = store.save_ladder(&ladder, false).unwrap();
    assert_eq!(store.load_ladder(stored.id).unwrap().reading, Some(corrections));
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
