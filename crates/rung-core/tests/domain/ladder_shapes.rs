//! Shapes ladders are published in beyond Octopus's: a folder of track documents whose
//! levels line up by number, a folder of level files that share section names (the
//! sections group characteristics), and roles written as paragraphs.

use rung_core::ladder::{CharacteristicSource, LadderView, Track};

use crate::support::{fixture, load, role, titles};

#[test]
fn a_folder_of_track_documents_is_several_tracks_whose_levels_line_up() {
    let ladder = load(&fixture("track-documents"));
    assert_eq!(ladder.name, "Engineering Tracks");
    assert_eq!(
        titles(&ladder),
        [
            "Developer 1",
            "Developer 2",
            "Developer 3",
            "Senior Developer",
            "Tech Lead",
            "Senior Tech Lead",
            "Engineering Manager",
            "Senior Engineering Manager"
        ],
        "the README's order of files, each file's roles in its own order"
    );
    let view = LadderView::of(ladder.clone());
    let tracks: Vec<(&str, Vec<&str>)> = view
        .tracks
        .iter()
        .map(|group| {
            let roles = group.role_keys.iter().map(|key| ladder.role(key).unwrap().title.as_str()).collect();
            (group.label.as_str(), roles)
        })
        .collect();
    assert_eq!(tracks[0], ("Developer", vec!["Developer 1", "Developer 2", "Developer 3", "Senior Developer"]));
    assert_eq!(tracks[1], ("Tech Lead", vec!["Tech Lead", "Senior Tech Lead"]));
    assert_eq!(tracks[2], ("Engineering Management", vec!["Engineering Manager", "Senior Engineering Manager"]));
    let keys: std::collections::HashSet<&str> = view.tracks.iter().map(|group| group.key.as_str()).collect();
    assert_eq!(keys.len(), 3, "each track has its own key");

    // Levels come from the codes; a track that starts higher builds on the level below
    // it on the first track.
    let levels: Vec<u32> = ladder.roles.iter().map(|role| role.level).collect();
    assert_eq!(levels, [1, 2, 3, 4, 4, 5, 5, 6]);
    assert_eq!(role(&ladder, "Tech Lead").builds_on.as_deref(), Some("developer-3"));
    assert_eq!(role(&ladder, "Senior Tech Lead").builds_on.as_deref(), Some("tech-lead"));
    assert_eq!(role(&ladder, "Engineering Manager").builds_on.as_deref(), Some("senior-developer"));
    assert_eq!(role(&ladder, "Engineering Manager").track, Track::Management, "the track's name says management");
    assert_eq!(role(&ladder, "Tech Lead").track, Track::IndividualContributor);

    let adopts = &role(&ladder, "Developer 1").characteristics[0];
    assert_eq!(adopts.title, "Adopts");
    assert_eq!(adopts.examples, ["learns the team's tools and asks how things are done"]);
    assert!(ladder.roles.iter().all(|role| !role.title.contains("Other Pages") && !role.title.contains("FAQ")));
    assert!(rung_core::ladder::warnings::reading_warnings(&ladder).is_empty());
}

#[test]
fn level_files_sharing_section_names_are_one_role_each_with_grouped_characteristics() {
    let ladder = load(&fixture("sectioned-levels"));
    assert_eq!(ladder.name, "Operations Engineering Levels", "the index page's front matter names it");
    assert_eq!(
        titles(&ladder),
        ["Operations Engineer I", "Operations Engineer II", "Senior Operations Engineer"],
        "front-matter title, else first heading; never 'Core Competencies' as a role"
    );
    assert_eq!(ladder.roles.iter().map(|role| role.level).collect::<Vec<_>>(), [1, 2, 3]);
    let first = &ladder.roles[0];
    assert_eq!(first.characteristics_from, CharacteristicSource::Sections);
    assert_eq!(
        first.summary.as_deref(),
        Some("Learns the systems and handles routine operational work with guidance.")
    );
    let grouped: Vec<(&str, &str)> =
        first.characteristics.iter().map(|c| (c.group.as_deref().unwrap(), c.title.as_str())).collect();
    assert_eq!(
        grouped,
        [
            ("Core Competencies", "Follows runbooks accurately and notes where they are out of date"),
            ("Core Competencies", "Asks for help before an incident grows"),
            ("Functional Competencies › Monitoring", "Reads dashboards and recognises an unusual pattern"),
            ("Functional Competencies › Automation", "Changes existing scripts safely, with review"),
            ("Behavioral Competencies", "Ownership"),
            ("Behavioral Competencies", "Curiosity"),
        ]
    );
    assert_eq!(first.characteristics[4].examples, ["finishes what they pick up or hands it over clearly"]);
    assert_eq!(first.context.len(), 1, "Impact is context");
    let intro: Vec<&str> = ladder.intro.iter().map(|section| section.title.as_str()).collect();
    assert!(intro.contains(&"How often are levels reviewed?"), "the FAQ page is context: {intro:?}");
    assert!(rung_core::ladder::warnings::reading_warnings(&ladder).is_empty());

    // Groups survive Rung's own JSON (and older JSON without groups still reads).
    let json = rung_core::ladder::json::to_json(&ladder);
    assert!(json.contains("\"group\": \"Core Competencies\""));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ladder.json");
    std::fs::write(&path, &json).unwrap();
    assert_eq!(rung_core::ladder::load(&path).unwrap().roles, ladder.roles);
}

#[test]
fn roles_written_as_paragraphs_rate_each_paragraph_and_keep_facts_as_context() {
    let ladder = load(&fixture("paragraphs/support-prose.md"));
    assert_eq!(titles(&ladder), ["Support Specialist", "Senior Support Specialist"]);
    let specialist = &ladder.roles[0];
    assert_eq!(specialist.characteristics_from, CharacteristicSource::Paragraphs);
    let rated: Vec<&str> = specialist.characteristics.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        rated,
        [
            "Answers customer questions by email and chat within our response targets",
            "Looks up answers in the knowledge base and says when an article is wrong",
            "Escalates a problem to an engineer with the steps to reproduce it"
        ]
    );
    assert_eq!(specialist.context[0].title, "Experience");
    assert_eq!(specialist.context[0].paragraphs, ["one year in a customer-facing role."]);
    assert!(!specialist.incomplete);
    assert_eq!(ladder.roles[1].builds_on.as_deref(), Some("support-specialist"));
}

#[test]
fn one_paragraph_or_a_placeholder_is_not_a_list_of_expectations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ladder.md");
    std::fs::write(
        &path,
        "# Ladder\n\n## Engineer\n\nWrites code.\n\nReviews code.\n\n## Senior Engineer\n\nThis role builds on the Engineer role.\n\n<TBA>\n\n## Staff Engineer\n\nOne paragraph about the role.\n",
    )
    .unwrap();
    let ladder = rung_core::ladder::load(&path).unwrap();
    assert_eq!(ladder.roles[0].characteristics.len(), 2);
    assert!(ladder.roles[1].incomplete, "a placeholder role stays incomplete");
    assert!(ladder.roles[2].incomplete, "one paragraph is a description");
    assert_eq!(ladder.roles[2].description, ["One paragraph about the role."]);
}

#[test]
fn level_files_sharing_plain_section_names_read_each_section_as_a_characteristic() {
    // Before: every "## Communication" became a role and the folder failed with
    // "role appears twice".
    let dir = tempfile::tempdir().unwrap();
    for (file, title, verb) in [("a.md", "Engineer I", "Asks"), ("b.md", "Engineer II", "Explains")] {
        let text = format!("# {title}\n\n## Communication\n\n- {verb} clearly\n\n## Delivery\n\n- Ships\n");
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    let ladder = rung_core::ladder::load(dir.path()).unwrap();
    assert_eq!(titles(&ladder), ["Engineer I", "Engineer II"]);
    let second = &ladder.roles[1];
    let rated: Vec<(&str, &Vec<String>)> =
        second.characteristics.iter().map(|c| (c.title.as_str(), &c.examples)).collect();
    assert_eq!(
        rated,
        [("Communication", &vec!["Explains clearly".to_owned()]), ("Delivery", &vec!["Ships".to_owned()])]
    );
    assert!(second.characteristics.iter().all(|c| c.group.is_none()));
    assert_eq!(second.builds_on.as_deref(), Some("engineer-i"));
}

#[test]
fn job_family_tracks_come_from_level_names_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("family.yml");
    std::fs::write(
        &path,
        "levels:\n  - {id: IC1, name: Engineer}\n  - {id: IC2, name: Senior Engineer (Individual Contributor)}\n  \
         - {id: M3, name: Team Lead}\n  - {id: M4, name: Head of Engineering - People Manager}\n\
         themes:\n  - {id: d, name: Delivery}\n\
         competencies:\n  - {level: IC1, theme: d, summary: Ships}\n  - {level: IC2, theme: d, summary: Leads}\n  \
         - {level: M3, theme: d, summary: Plans}\n  - {level: M4, theme: d, summary: Sets direction}\n",
    )
    .unwrap();
    let ladder = rung_core::ladder::load(&path).unwrap();
    assert_eq!(titles(&ladder), ["Engineer", "Senior Engineer", "Team Lead", "Head of Engineering"]);
    let read: Vec<(u32, &Track)> = ladder.roles.iter().map(|role| (role.level, &role.track)).collect();
    assert_eq!(
        read,
        [
            (1, &Track::IndividualContributor),
            (2, &Track::IndividualContributor),
            (3, &Track::Management),
            (4, &Track::Management)
        ],
        "levels and tracks from the ids (IC…, M…) and the names"
    );
    assert_eq!(role(&ladder, "Senior Engineer").track_name, None, "a kind, not a separately named track");
    assert_eq!(role(&ladder, "Team Lead").builds_on.as_deref(), Some("senior-engineer"));
}
