//! Property tests of the markdown importer.

use std::path::Path;

use proptest::prelude::*;
use rung_core::ladder::{self, json, Ladder, Track};

/// What holds for every ladder the importer returns.
fn assert_well_formed(imported: &Ladder) {
    assert!(!imported.roles.is_empty());
    let mut keys: Vec<&str> = imported.roles.iter().map(|role| role.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), imported.roles.len(), "role keys are unique");
    for role in &imported.roles {
        assert_eq!(role.incomplete, role.characteristics.is_empty());
        if let Some(parent) = &role.builds_on {
            assert!(imported.role(parent).is_some(), "builds_on resolves");
        }
        assert!(imported.path_to(&role.key).len() <= imported.roles.len(), "no cycles");
        assert!(role.characteristics.iter().all(|c| !c.title.trim().is_empty()));
    }
    let again = json::from_json(&json::to_json(imported), Path::new("p.json")).unwrap();
    assert_eq!(&again, imported);
}

const WORDS: &[&str] = &[
    "support",
    "engineer",
    "platform",
    "data",
    "senior",
    "lead",
    "staff",
    "analyst",
    "designer",
    "writer",
    "quality",
    "release",
    "product",
    "security",
    "cloud",
    "mobile",
    "web",
    "systems",
    "field",
    "solutions",
];

fn phrase(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), min..=max).prop_map(|words| {
        let mut text = words.join(" ");
        text[..1].make_ascii_uppercase();
        text
    })
}

#[derive(Debug, Clone)]
struct GeneratedRole {
    title: String,
    characteristics: Vec<(String, Vec<String>)>,
}

fn generated_ladder() -> impl Strategy<Value = Vec<GeneratedRole>> {
    let characteristic =
        (phrase(2, 5).prop_map(|p| format!("I {}", p.to_lowercase())), prop::collection::vec(phrase(3, 8), 0..4));
    let role = (phrase(1, 4), prop::collection::vec(characteristic, 1..5))
        .prop_map(|(title, characteristics)| GeneratedRole { title, characteristics });
    prop::collection::vec(role, 1..7).prop_filter("role titles differ", |roles| {
        let mut titles: Vec<&str> = roles.iter().map(|role| role.title.as_str()).collect();
        titles.sort_unstable();
        titles.dedup();
        titles.len() == roles.len()
    })
}

fn render(roles: &[GeneratedRole], crlf: bool, bom: bool, trailing: &str) -> Vec<u8> {
    let mut text = String::from("# Generated Ladder\n\n");
    for role in roles {
        text.push_str(&format!("## {}{trailing}\n\n", role.title));
        for (title, examples) in &role.characteristics {
            text.push_str(&format!("### {title}{trailing}\n\n"));
            for example in examples {
                text.push_str(&format!("- {example}{trailing}\n"));
            }
            text.push('\n');
        }
    }
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    let mut bytes = if bom { "\u{feff}".as_bytes().to_vec() } else { Vec::new() };
    bytes.extend(text.into_bytes());
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// What a ladder author writes is what Rung imports, whatever the line endings.
    #[test]
    fn what_is_written_is_what_is_imported(
        roles in generated_ladder(), crlf: bool, bom: bool, trailing in prop::sample::select(vec!["", "  ", "\t"])
    ) {
        let imported = ladder::from_markdown(&render(&roles, crlf, bom, trailing), Path::new("generated.md")).unwrap();
        prop_assert_eq!(imported.roles.len(), roles.len());
        for (index, (role, written)) in imported.roles.iter().zip(&roles).enumerate() {
            prop_assert_eq!(&role.title, &written.title);
            prop_assert_eq!(role.track.clone(), Track::IndividualContributor);
            let parent = index.checked_sub(1).map(|p| imported.roles[p].key.clone());
            prop_assert_eq!(&role.builds_on, &parent);
            prop_assert_eq!(role.level as usize, index + 1);
            let characteristics: Vec<(String, Vec<String>)> =
                role.characteristics.iter().map(|c| (c.title.clone(), c.examples.clone())).collect();
            prop_assert_eq!(&characteristics, &written.characteristics);
        }
        assert_well_formed(&imported);
    }

    /// Arbitrary markdown-like text never panics; whatever imports is well formed.
    #[test]
    fn arbitrary_markdown_imports_or_fails_cleanly(text in "(#{1,5} [A-Za-z I]{0,12}\n|- [a-z ]{0,10}\n|  - [a-z]{0,6}\n|> [a-z ]{0,10}\n|\\| a \\| b \\|\n|<!-- [a-z]* -->\n|[A-Za-z ]{0,20}\n|\r\n|\n){0,40}") {
        if let Ok(imported) = ladder::from_markdown(text.as_bytes(), Path::new("arbitrary.md")) {
            assert_well_formed(&imported);
        }
    }

    /// Arbitrary bytes never panic.
    #[test]
    fn arbitrary_bytes_import_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(imported) = ladder::from_markdown(&bytes, Path::new("bytes.md")) {
            assert_well_formed(&imported);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever YAML sits in front matter (progression-framework shapes included), the
    /// import answers with a ladder or a typed error naming the file, and never panics.
    #[test]
    fn any_front_matter_is_read_or_refused_never_a_panic(
        yaml in "[ -~\n]{0,200}",
        topics in prop::option::of("(levels: [0-9]{1,2}\ntopics:\n  - title: [A-Za-z ]{1,12}\n    content:\n      - level: [0-9]\n        criteria: \\[[a-z ]{0,10}\\]\n)"),
    ) {
        let text = format!("---\n{}{yaml}\n---\n# Ladder\n\n## Engineer\n\n### I ship\n- things\n", topics.unwrap_or_default());
        match rung_core::ladder::from_markdown(text.as_bytes(), std::path::Path::new("fm.md")) {
            Ok(ladder) => prop_assert!(!ladder.roles.is_empty()),
            Err(error) => prop_assert!(error.to_string().starts_with("fm.md"), "{error}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any text as a job-family YAML file is read or refused with the file named.
    #[test]
    fn any_job_family_yaml_is_read_or_refused_never_a_panic(
        text in "[ -~\n]{0,300}",
        shaped in prop::option::of("levels:\n  - \\{id: [0-9], name: [A-Za-z ]{1,10}\\}\nthemes:\n  - \\{id: [a-z]{1,3}, name: [A-Za-z]{1,8}\\}\ncompetencies:\n  - \\{level: [0-9], theme: [a-z]{1,3}, summary: [a-z ]{0,12}\\}\n"),
    ) {
        let input = shaped.unwrap_or(text);
        match rung_core::ladder::from_job_family_yaml(input.as_bytes(), std::path::Path::new("family.yml")) {
            Ok(ladder) => prop_assert!(!ladder.roles.is_empty()),
            Err(error) => prop_assert!(error.to_string().starts_with("family.yml"), "{error}"),
        }
    }

    /// Any text as a CSV ladder, and any cells in the two shapes, is read or refused with
    /// the file named; a reading always has roles with something to score.
    #[test]
    fn any_csv_is_read_or_refused_never_a_panic(
        text in "[ -~\n\t\"]{0,300}",
        wide in prop::option::of(prop::collection::vec(prop::collection::vec("[A-Za-z0-9 ,\"\n-]{0,12}", 0..5), 0..6)),
        long in any::<bool>(),
    ) {
        let input = match wide {
            Some(rows) => {
                let header = if long { "Level,Competency,Description\n" } else { "Competency,L1 A,L2 B\n" };
                let body: Vec<String> = rows
                    .iter()
                    .map(|cells| cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(","))
                    .collect();
                format!("{header}{}", body.join("\n"))
            }
            None => text,
        };
        match rung_core::ladder::from_spreadsheet(input.as_bytes(), std::path::Path::new("ladder.csv")) {
            Ok(ladder) => prop_assert!(ladder.roles.iter().all(|role| !role.characteristics.is_empty())),
            Err(error) => prop_assert!(error.to_string().starts_with("ladder.csv"), "{error}"),
        }
    }
}
