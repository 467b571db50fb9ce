//! The reading engine on the shapes it must read in both directions of doubt: a ladder
//! generated in the standard shape, then written transposed (competencies holding their
//! levels), as a table of roles by rows, and as a table of levels by columns with several
//! leading columns, reads back to the same roles and characteristics.

use std::path::Path;

use proptest::prelude::*;
use rung_core::ladder::reading::{self, ReadLadder};
use rung_core::ladder::ReadingMapping;

const LEVELS: &[&str] = &["Beginner", "Intermediate", "Advanced", "Expert", "Leading Expert", "Master"];
const COMPETENCIES: &[&str] = &[
    "Incident response",
    "Service design",
    "Code review",
    "Estimation",
    "Stakeholder updates",
    "Testing",
    "Mentoring",
];

/// A ladder as (level, [(competency, expectation)]).
type Generated = Vec<(String, Vec<(String, String)>)>;

fn generated(levels: usize, competencies: usize) -> Generated {
    LEVELS[..levels]
        .iter()
        .enumerate()
        .map(|(l, level)| {
            let rated = COMPETENCIES[..competencies]
                .iter()
                .enumerate()
                .map(|(c, name)| (name.to_string(), format!("Expectation {} for {} at step {}", c + 1, name, l + 1)))
                .collect();
            (level.to_string(), rated)
        })
        .collect()
}

fn standard(ladder: &Generated) -> String {
    let mut text = String::from("# Platform Ladder\n\n");
    for (level, rated) in ladder {
        text.push_str(&format!("## {level}\n\n"));
        for (name, expectation) in rated {
            text.push_str(&format!("### {name}\n\n- {expectation}\n\n"));
        }
    }
    text
}

fn transposed(ladder: &Generated) -> String {
    let mut text = String::from("# Platform Competencies\n\n");
    for (c, (name, _)) in ladder[0].1.iter().enumerate() {
        text.push_str(&format!("## {name}\n\n"));
        for (level, rated) in ladder {
            text.push_str(&format!("- {level}: {}\n", rated[c].1));
        }
        text.push('\n');
    }
    text
}

fn rows_table(ladder: &Generated) -> String {
    let names: Vec<&str> = ladder[0].1.iter().map(|(name, _)| name.as_str()).collect();
    let mut text =
        format!("# Platform Ladder\n\n| Level | {} |\n|{}\n", names.join(" | "), "---|".repeat(names.len() + 1));
    for (level, rated) in ladder {
        let cells: Vec<&str> = rated.iter().map(|(_, e)| e.as_str()).collect();
        text.push_str(&format!("| {level} | {} |\n", cells.join(" | ")));
    }
    text
}

fn columns_table(ladder: &Generated) -> String {
    let levels: Vec<&str> = ladder.iter().map(|(level, _)| level.as_str()).collect();
    let mut text = format!(
        "# Platform Ladder\n\n| Category | Competency | Description | {} |\n|{}\n",
        levels.join(" | "),
        "---|".repeat(levels.len() + 3)
    );
    for (c, (name, _)) in ladder[0].1.iter().enumerate() {
        let cells: Vec<&str> = ladder.iter().map(|(_, rated)| rated[c].1.as_str()).collect();
        text.push_str(&format!("| Delivery | {name} | What {name} covers | {} |\n", cells.join(" | ")));
    }
    text
}

fn read(text: &str, name: &str) -> ReadLadder {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join(name);
    std::fs::write(&path, text).unwrap();
    reading::read(&path, &ReadingMapping::default()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn shape(read: &ReadLadder) -> Vec<(String, Vec<String>)> {
    read.ladder
        .roles
        .iter()
        .map(|role| (role.title.clone(), role.characteristics.iter().map(|c| c.title.clone()).collect()))
        .collect()
}

fn expected(ladder: &Generated) -> Vec<(String, Vec<String>)> {
    ladder.iter().map(|(level, rated)| (level.clone(), rated.iter().map(|(n, _)| n.clone()).collect())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn one_ladder_written_four_ways_reads_as_the_same_roles(levels in 3usize..=6, competencies in 3usize..=7) {
        let ladder = generated(levels, competencies);
        let want = expected(&ladder);
        for (how, text) in [
            ("standard", standard(&ladder)),
            ("transposed", transposed(&ladder)),
            ("rows", rows_table(&ladder)),
            ("columns", columns_table(&ladder)),
        ] {
            let read = read(&text, "ladder.md");
            prop_assert_eq!(shape(&read), want.clone(), "{} reading: {}", how, read.confidence.reading);
        }
    }
}

#[test]
fn a_transposed_ladder_keeps_each_levels_text_as_the_example() {
    let ladder = generated(4, 3);
    let read = read(&transposed(&ladder), "competencies.md");
    let expert = read.ladder.roles.iter().find(|role| role.title == "Expert").unwrap();
    assert_eq!(expert.characteristics[0].examples, ["Expectation 1 for Incident response at step 4"]);
}

#[test]
fn the_same_ladder_as_a_spreadsheet_with_leading_columns_reads_the_same() {
    let ladder = generated(4, 5);
    let mut csv = format!("Category,Competency,Description,{}\n", LEVELS[..4].join(","));
    for (c, (name, _)) in ladder[0].1.iter().enumerate() {
        let cells: Vec<&str> = ladder.iter().map(|(_, rated)| rated[c].1.as_str()).collect();
        csv.push_str(&format!("Delivery,{name},What {name} covers,{}\n", cells.join(",")));
    }
    let read = read(&csv, "ladder.csv");
    assert_eq!(shape(&read), expected(&ladder));
    assert_eq!(read.ladder.roles[0].characteristics[0].group.as_deref(), Some("Delivery"));
}

#[test]
fn an_uncertain_reading_names_the_other_reading_and_its_mapping_reads_it_so() {
    // Roles not titled like levels, each with the same short named bullets: competencies
    // holding levels, or roles holding competencies? Either could be meant.
    let text = "# Guild\n\n## Backend\n- Design: owns a service\n- Delivery: ships weekly\n\n## Frontend\n- Design: owns a page\n- Delivery: ships daily\n";
    let read = read(text, "guild.md");
    assert!(!read.confidence.certain, "{:?}", read.confidence);
    let other = read.confidence.runner_up.clone().expect("a runner-up");
    assert_ne!(other.reading, read.confidence.reading);
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("guild.md");
    std::fs::write(&path, text).unwrap();
    let again = reading::read(&path, &other.mapping).unwrap();
    assert_eq!(again.confidence.reading, other.reading, "the runner-up's mapping reads it that way");
    let confirmed = reading::read(&path, &ReadingMapping { confirmed: true, ..ReadingMapping::default() }).unwrap();
    assert!(confirmed.confidence.certain && confirmed.confidence.confirmed);
}

#[test]
fn the_seed_and_the_2025_folder_are_read_with_confidence() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ladders");
    for source in ["support-roles.md", "octopus-support-2025"] {
        let read = reading::read(&repo.join(source), &ReadingMapping::default()).unwrap();
        assert!(read.confidence.certain, "{source}: {:?}", read.confidence);
    }
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

fn titles(read: &ReadLadder) -> Vec<(String, Vec<String>)> {
    shape(read)
}

#[test]
fn a_markdown_table_of_levels_after_area_name_and_description_columns_reads_a_role_per_level() {
    let read = reading::read(&fixture("tables/levels-as-columns.md"), &ReadingMapping::default()).unwrap();
    let roles: Vec<String> = titles(&read).into_iter().map(|(title, _)| title).collect();
    assert_eq!(roles, ["Associate", "Engineer", "Senior", "Staff"]);
    let senior = &read.ladder.roles[2];
    let names: Vec<(&str, Option<&str>)> =
        senior.characteristics.iter().map(|c| (c.title.as_str(), c.group.as_deref())).collect();
    assert_eq!(
        names,
        [
            ("Pipelines", Some("Craft")),
            ("Data quality", Some("Craft")),
            ("Mentoring", Some("People")),
            ("Communication", Some("People"))
        ]
    );
    assert_eq!(senior.characteristics[0].examples, ["Designs pipelines other teams reuse"]);
}

#[test]
fn a_markdown_table_of_roles_by_row_reads_a_role_per_row() {
    let read = reading::read(&fixture("tables/roles-as-rows.md"), &ReadingMapping::default()).unwrap();
    let want = ["Customers", "Product knowledge", "Team"].map(String::from).to_vec();
    assert_eq!(
        titles(&read),
        [
            ("Support Associate".to_owned(), want.clone()),
            ("Support Engineer".to_owned(), want.clone()),
            ("Senior Support Engineer".to_owned(), want)
        ]
    );
}

#[test]
fn a_folder_of_track_folders_reads_each_track_in_its_index_order_with_named_characteristics() {
    let read = reading::read(&fixture("track-folders"), &ReadingMapping::default()).unwrap();
    let roles: Vec<(&str, Option<&str>)> =
        read.ladder.roles.iter().map(|role| (role.title.as_str(), role.track_name.as_deref())).collect();
    assert_eq!(
        roles,
        [
            ("Engineer I", Some("Engineer")),
            ("Engineer II", Some("Engineer")),
            ("Senior Engineer", Some("Engineer")),
            ("Engineering Manager", Some("Manager")),
            ("Director of Engineering", Some("Manager")),
        ]
    );
    let first: Vec<&str> = read.ladder.roles[0].characteristics.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(first, ["Delivery", "Quality", "Collaboration"]);
}
