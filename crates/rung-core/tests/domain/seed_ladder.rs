//! The embedded default ladder (Octopus Deploy's Support roles, one document).

use rung_core::ladder::{default_ladder, CharacteristicSource, Track};

use crate::support::*;

const ASE: &str = "Junior Application Support Engineer / Application Support Engineer";
const SENIOR_ASE: &str = "Senior Application Support Engineer";
const DAE: &str = "DevOps Application Engineer";
const SENIOR_DAE: &str = "Senior DevOps Application Engineer";
const ASM: &str = "Application Support Manager";
const SENIOR_ASM: &str = "Senior Application Support Manager";

#[test]
fn has_the_six_roles_in_document_order() {
    let ladder = default_ladder();
    assert_eq!(ladder.name, "Support Roles");
    assert_eq!(titles(&ladder), [ASE, SENIOR_ASE, DAE, SENIOR_DAE, ASM, SENIOR_ASM]);
}

#[test]
fn builds_on_relations_come_from_the_text() {
    let ladder = default_ladder();
    assert_eq!(parent_title(&ladder, ASE), None);
    // "builds upon the foundation of the Appliction Support Engineer role" (sic)
    assert_eq!(parent_title(&ladder, SENIOR_ASE), Some(ASE));
    // names two roles: the more senior one is the parent
    assert_eq!(parent_title(&ladder, DAE), Some(SENIOR_ASE));
    assert_eq!(parent_title(&ladder, SENIOR_DAE), Some(DAE));
    assert_eq!(parent_title(&ladder, ASM), Some(DAE));
    assert_eq!(parent_title(&ladder, SENIOR_ASM), Some(ASM));
}

#[test]
fn levels_and_tracks_follow_the_chain() {
    let ladder = default_ladder();
    let levels: Vec<u32> = ladder.roles.iter().map(|role| role.level).collect();
    assert_eq!(levels, [1, 2, 3, 4, 4, 5]);
    assert_eq!(role(&ladder, SENIOR_DAE).track, Track::IndividualContributor);
    assert_eq!(role(&ladder, ASM).track, Track::Management);
    assert_eq!(role(&ladder, SENIOR_ASM).track, Track::Management);
}

#[test]
fn the_tba_role_is_imported_but_incomplete() {
    let ladder = default_ladder();
    let placeholder = role(&ladder, SENIOR_ASM);
    assert!(placeholder.incomplete);
    assert!(placeholder.characteristics.is_empty());
    assert!(placeholder.description.iter().any(|text| text.contains("<TBA>")));
    assert_eq!(ladder.roles.iter().filter(|role| role.incomplete).count(), 1);
}

#[test]
fn characteristics_are_the_h3_headings_with_bullets_as_examples() {
    let ladder = default_ladder();
    let senior = role(&ladder, SENIOR_ASE);
    assert_eq!(
        characteristic_titles(senior),
        [
            "I am trusted to delight our customers with every interaction",
            "I am a support mentor",
            "I am focussed on the success of my team and my customers, without the need to boost my ego",
            "I've become a student of my craft",
        ]
    );
    let examples: Vec<usize> = senior.characteristics.iter().map(|c| c.examples.len()).collect();
    assert_eq!(examples, [8, 5, 8, 3]);
    assert_eq!(senior.characteristics[1].examples[0], "People tend to ask me for my opinion when making support decisions because I have a proven track record of making wise choices.");
}

#[test]
fn a_role_with_bullets_but_no_headings_is_scorable_bullet_by_bullet() {
    let ladder = default_ladder();
    let manager = role(&ladder, ASM);
    assert!(!manager.incomplete);
    assert_eq!(manager.characteristics_from, CharacteristicSource::Bullets);
    assert_eq!(manager.characteristics.len(), 9);
    assert_eq!(
        manager.characteristics[1].title,
        "I empower my team to get things done and I drive results collaboratively"
    );
    // The prose around the bullets is kept, not scored.
    assert!(manager.description.iter().any(|text| text.starts_with("I take responsibility for 6-10 people")));
}

#[test]
fn summaries_and_intro_prose_are_kept() {
    let ladder = default_ladder();
    let first = role(&ladder, ASE);
    assert!(first.summary.as_deref().unwrap().starts_with("We avoid distinguishing too much"));
    assert!(first.description.iter().any(|text| text.starts_with("I am a valuable and enthusiastic member")));
    assert_eq!(role(&ladder, SENIOR_ASE).summary.as_deref(), Some("I am a confident, secure member of the Octopus support team with a proven record of excellent customer support."));
}

#[test]
fn keys_are_unique_and_source_is_pinned() {
    let ladder = default_ladder();
    let mut keys: Vec<&str> = ladder.roles.iter().map(|role| role.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), 6);
    let bytes = std::fs::read(data("support-roles.md")).unwrap();
    assert_eq!(ladder.source.sha256, rung_core::ladder::source::sha256_hex(&bytes));
    assert_eq!(ladder.source.name, "support-roles.md");
}

#[test]
fn the_embedded_ladder_equals_the_file_in_data() {
    assert_eq!(default_ladder(), load(&data("support-roles.md")));
}

#[test]
fn the_path_of_a_role_is_cumulative() {
    let ladder = default_ladder();
    let key = &role(&ladder, ASM).key;
    let path: Vec<&str> = ladder.path_to(key).iter().map(|role| role.title.as_str()).collect();
    assert_eq!(path, [ASE, SENIOR_ASE, DAE, ASM]);
}
