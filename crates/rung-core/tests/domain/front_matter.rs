//! Front matter (Hugo, Jekyll, Docusaurus, Obsidian) is metadata, never ladder text: its
//! title names the ladder or the role, its weight orders a folder's files, its level
//! gives the role's level; and broken YAML is an error with the file and line.

use crate::support::{fixture, load, titles};

#[test]
fn a_hugo_folder_of_level_files_reads_one_role_per_file_in_weight_order() {
    let ladder = load(&fixture("front-matter/hugo-levels"));
    assert_eq!(ladder.name, "Platform Engineering Ladder", "the _index page's front matter names the ladder");
    // File names sort a, b, c, d; the weights say Engineer I, II, Senior, Staff.
    assert_eq!(titles(&ladder), ["Engineer I", "Engineer II", "Senior Engineer", "Staff Engineer"]);
    let levels: Vec<u32> = ladder.roles.iter().map(|role| role.level).collect();
    assert_eq!(levels, [1, 2, 3, 4]);
    for role in &ladder.roles {
        let characteristics: Vec<&str> = role.characteristics.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(characteristics, ["Delivery", "Collaboration"], "{}: sections are its characteristics", role.title);
        assert!(!role.title.contains("title:") && !role.title.contains("weight"));
    }
    let intro: String = ladder.intro.iter().flat_map(|section| section.paragraphs.iter().cloned()).collect();
    assert!(intro.contains("platform engineering track"), "{intro}");
    assert!(!intro.contains("description:"), "front matter never becomes text");
}

#[test]
fn front_matter_on_a_whole_ladder_document_names_it_and_is_not_a_role() {
    let ladder = load(&fixture("front-matter/one-document.md"));
    assert_eq!(ladder.name, "Data Team Ladder");
    assert_eq!(titles(&ladder), ["Analyst", "Senior Analyst"]);
    assert_eq!(ladder.roles[0].characteristics.len(), 2);
}

#[test]
fn broken_front_matter_is_an_error_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("level.md");
    std::fs::write(&path, "---\ntitle: Engineer\nweight: [10\n---\n## Delivery\n- Ships\n").unwrap();
    let error = rung_core::ladder::load(&path).unwrap_err();
    assert_eq!(error.code(), "ladder_front_matter");
    let message = error.to_string();
    assert!(message.starts_with(&format!("{}:", path.display())), "{message}");
    assert!(message.contains("front matter"), "{message}");
}

#[test]
fn a_progression_framework_file_becomes_one_role_per_level_with_its_topics() {
    let ladder = load(&fixture("progression/platform.md"));
    assert_eq!(ladder.name, "Platform");
    assert_eq!(titles(&ladder), ["Platform level 1", "Platform level 2", "Platform level 3"]);
    let topics =
        |index: usize| -> Vec<&str> { ladder.roles[index].characteristics.iter().map(|c| c.title.as_str()).collect() };
    assert_eq!(topics(0), ["Delivery"], "a topic appears at the levels where it has content");
    assert_eq!(topics(1), ["Delivery", "Reliability"]);
    assert_eq!(topics(2), ["Delivery", "Reliability", "Mentoring"]);
    let delivery = &ladder.roles[0].characteristics[0];
    assert_eq!(delivery.examples.len(), 3, "criteria and example criteria are the examples");
    assert!(delivery.examples[2].contains("Owns a small feature end to end (e.g. Added retries to the deploy tool)"));
    let intro: String = ladder.intro.iter().flat_map(|s| s.paragraphs.iter().cloned()).collect();
    assert!(intro.contains("Each level builds on the one before it"), "the body is context: {intro}");
}

#[test]
fn a_progression_framework_with_a_bad_shape_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("family.md");
    std::fs::write(&path, "---\nlevels: many\ntopics:\n  - title: Delivery\n---\n# Body\n").unwrap();
    let error = rung_core::ladder::load(&path).unwrap_err();
    assert_eq!(error.code(), "ladder_front_matter");
    assert!(error.to_string().contains("not a progression framework"), "{error}");
}

#[test]
fn a_job_family_yaml_becomes_one_role_per_level_with_a_characteristic_per_theme() {
    let ladder = load(&fixture("job-family/engineering.yml"));
    assert_eq!(ladder.name, "Product Engineering");
    assert_eq!(titles(&ladder), ["Engineer 1", "Engineer 2", "Senior Engineer 1", "Engineering Manager"]);
    let themes =
        |index: usize| -> Vec<&str> { ladder.roles[index].characteristics.iter().map(|c| c.title.as_str()).collect() };
    assert_eq!(themes(0), ["Delivery", "Technical"], "a theme appears where the level has competencies");
    assert_eq!(themes(2), ["Delivery", "Technical", "Leadership"]);
    assert_eq!(ladder.roles[0].characteristics[1].examples, ["Writes readable, tested code"]);
    assert_eq!(
        ladder.roles[3].track,
        rung_core::ladder::Track::Management,
        "a Manager level is on the management track"
    );
    let themes_context: Vec<&String> = ladder.intro.iter().flat_map(|s| s.items.iter()).collect();
    assert!(themes_context.iter().any(|item| item.starts_with("Delivery: Getting valuable work")));
}

#[test]
fn a_job_family_with_broken_references_or_yaml_is_refused_with_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let dangling = dir.path().join("dangling.yml");
    std::fs::write(
        &dangling,
        "levels:\n  - {id: 1, name: Engineer}\nthemes:\n  - {id: t, name: Tech}\ncompetencies:\n  - {level: 2, theme: t, summary: x}\n",
    )
    .unwrap();
    let error = rung_core::ladder::load(&dangling).unwrap_err();
    assert_eq!(error.code(), "ladder_invalid_yaml");
    assert!(error.to_string().contains("names level \"2\", which `levels` does not list"), "{error}");

    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "levels:\n  - id: 1\n    name: [unclosed\nthemes: []\n").unwrap();
    let error = rung_core::ladder::load(&broken).unwrap_err();
    assert_eq!(error.code(), "ladder_invalid_yaml");
    assert!(error.to_string().starts_with(&format!("{}:", broken.display())), "{error}");

    let other = dir.path().join("config.yml");
    std::fs::write(&other, "name: not a ladder\nport: 8080\n").unwrap();
    let error = rung_core::ladder::load(&other).unwrap_err();
    assert!(error.to_string().contains("It needs `levels`, `themes` and `competencies`"), "{error}");
}

#[test]
fn a_track_document_with_level_codes_and_named_bullets_reads_as_a_person_reads_it() {
    let ladder = load(&fixture("level-codes/developer-track.md"));
    assert_eq!(ladder.name, "Developer Track");
    assert_eq!(titles(&ladder), ["Developer 1", "Developer 2"], "navigation is not a role");
    let levels: Vec<u32> = ladder.roles.iter().map(|role| role.level).collect();
    assert_eq!(levels, [1, 2], "levels come from the D1/D2 codes");
    let first = &ladder.roles[0];
    let names: Vec<&str> = first.characteristics.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(names, ["Adopts", "Delivers", "Communicates"], "each bold name is a characteristic");
    assert_eq!(first.characteristics[0].examples, ["actively learns the team's tools and practices"]);
    let context: Vec<&str> = ladder.intro.iter().map(|section| section.title.as_str()).collect();
    assert!(context.contains(&"Other Pages"), "navigation is kept as context: {context:?}");
}
