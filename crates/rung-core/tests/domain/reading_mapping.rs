//! A person's corrections to how Rung read a ladder, kept as a declarative mapping and
//! applied to the reading. (Kept in the database: rung-store's tests; applied from a file
//! by `rung ladder show|check --mapping FILE`: tests/integration/reading_mapping.rs.)

use rung_core::ladder::mapping::{self, RoleCorrection};
use rung_core::ladder::{ReadingMapping, Track};

use crate::support::{fixture, titles};

fn mapping(json: &str) -> ReadingMapping {
    mapping::from_json(json, std::path::Path::new("mapping.json")).unwrap()
}

#[test]
fn roles_at_a_chosen_heading_depth_take_their_track_from_the_heading_above() {
    let path = fixture("mapping/tracks-as-sections.md");
    let guessed = rung_core::ladder::load(&path).unwrap();
    // The reading engine tries every heading depth: it finds the roles at `###` itself
    // (it once read the track headings as roles); the mapping pins the same choice.
    assert_eq!(titles(&guessed), ["Engineer", "Senior Engineer", "Engineering Manager"], "the engine's own reading");

    let corrected =
        rung_core::ladder::load_with(&path, &mapping(r#"{"format": "rung-ladder-mapping", "role_heading_level": 3}"#))
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
    assert!(rung_core::ladder::warnings::reading_warnings(&corrected).is_empty());
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
    let ladder = rung_core::ladder::load_with(&path, &corrections).unwrap();
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
    let ladder = rung_core::ladder::load_with(&path, &stale).unwrap();
    let warnings = rung_core::ladder::warnings::reading_warnings(&ladder);
    assert!(warnings.iter().any(|w| w.code == "correction_matches_no_role" && w.message.contains("Principal Analyst")));
}
