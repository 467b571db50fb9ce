//! The 2025 ladder: one file per level, two tracks sharing level numbers, a README.

use rung_core::ladder::{CharacteristicSource, Track};

use crate::support::*;

fn octopus_2025() -> rung_core::ladder::Ladder {
    load(&data("octopus-support-2025"))
}

#[test]
fn has_seven_roles_in_readme_order() {
    let ladder = octopus_2025();
    assert_eq!(ladder.name, "DevOps Support Roles");
    assert_eq!(
        titles(&ladder),
        [
            "Junior DevOps Support Engineer",
            "DevOps Support Engineer",
            "Senior DevOps Support Engineer",
            "Lead DevOps Support Engineer",
            "Principal DevOps Support Engineer",
            "Support Manager",
            "Senior Support Manager",
        ]
    );
}

#[test]
fn two_tracks_share_level_numbers_but_stay_apart() {
    let ladder = octopus_2025();
    let tracks = ladder.tracks();
    assert_eq!(tracks.len(), 2);
    let levels = |track: &Track| -> Vec<u32> {
        tracks.iter().find(|roles| roles[0].track == *track).unwrap().iter().map(|role| role.level).collect()
    };
    assert_eq!(levels(&Track::IndividualContributor), [1, 2, 3, 4, 5]);
    assert_eq!(levels(&Track::Management), [4, 5]);
}

#[test]
fn builds_on_follows_levels_and_the_manager_track_branches_from_the_ic_level_below() {
    let ladder = octopus_2025();
    assert_eq!(parent_title(&ladder, "Junior DevOps Support Engineer"), None);
    assert_eq!(parent_title(&ladder, "DevOps Support Engineer"), Some("Junior DevOps Support Engineer"));
    assert_eq!(parent_title(&ladder, "Lead DevOps Support Engineer"), Some("Senior DevOps Support Engineer"));
    assert_eq!(parent_title(&ladder, "Principal DevOps Support Engineer"), Some("Lead DevOps Support Engineer"));
    assert_eq!(parent_title(&ladder, "Support Manager"), Some("Senior DevOps Support Engineer"));
    assert_eq!(parent_title(&ladder, "Senior Support Manager"), Some("Support Manager"));
}

#[test]
fn impact_and_success_sections_are_context_not_characteristics() {
    let ladder = octopus_2025();
    for role in &ladder.roles {
        let context: Vec<&str> = role.context.iter().map(|section| section.title.as_str()).collect();
        assert_eq!(context, ["Impact", "What success looks like"], "{}", role.title);
        assert!(role.characteristics.iter().all(|c| c.title.starts_with("I ")), "{}", role.title);
        assert_eq!(role.characteristics_from, CharacteristicSource::Headings);
    }
    let manager = role(&ladder, "Support Manager");
    assert_eq!(manager.characteristics.len(), 4);
    assert_eq!(manager.context[0].items.len(), 5);
}

#[test]
fn readme_prose_becomes_the_ladder_intro() {
    let ladder = octopus_2025();
    let sections: Vec<&str> = ladder.intro.iter().map(|section| section.title.as_str()).collect();
    assert!(sections.contains(&"How We Work in Support"), "{sections:?}");
    assert!(sections.contains(&"Your Career Journey in Support"), "{sections:?}");
}

#[test]
fn one_level_file_on_its_own_is_a_one_role_ladder() {
    let ladder = load(&data("octopus-support-2025/L4-Support-Manager.md"));
    assert_eq!(titles(&ladder), ["Support Manager"]);
    let only = &ladder.roles[0];
    assert_eq!((only.level, only.track.clone(), only.builds_on.clone()), (4, Track::Management, None));
    assert_eq!(only.characteristics.len(), 4);
}

#[test]
fn a_foundation_document_is_one_role_named_from_its_title() {
    let ladder = load(&fixture("everyone.md"));
    assert_eq!(titles(&ladder), ["Everyone"]);
    let everyone = &ladder.roles[0];
    assert_eq!(everyone.track, Track::Foundation);
    assert_eq!(characteristic_titles(everyone), ["I act with integrity", "I learn continuously"]);
    assert_eq!(everyone.context[0].title, "Impact");
}

#[test]
fn a_foundation_file_in_a_folder_is_what_level_one_builds_on() {
    let ladder = load(&fixture("foundation-folder"));
    assert_eq!(titles(&ladder), ["Everyone", "Engineer", "Senior Engineer", "Engineering Manager"]);
    assert_eq!(parent_title(&ladder, "Engineer"), Some("Everyone"));
    assert_eq!(parent_title(&ladder, "Senior Engineer"), Some("Engineer"));
    assert_eq!(parent_title(&ladder, "Engineering Manager"), Some("Senior Engineer"));
    let path: Vec<&str> = ladder.path_to("engineering-manager").iter().map(|r| r.title.as_str()).collect();
    assert_eq!(path, ["Everyone", "Engineer", "Senior Engineer", "Engineering Manager"]);
}

#[test]
fn the_folder_hash_changes_when_any_file_changes() {
    let temp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(data("octopus-support-2025")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), temp.path().join(entry.file_name())).unwrap();
    }
    let before = load(temp.path()).source.sha256;
    assert_eq!(before, octopus_2025().source.sha256);
    let file = temp.path().join("L2-DevOps-Support-Engineer.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("reliable", "dependable")).unwrap();
    assert_ne!(load(temp.path()).source.sha256, before);
}
