//! Ladders kept as structured data (JSON, YAML, a TypeScript module, folders of JSON that
//! reference each other by id) read through the reading engine: the fixtures read as a
//! person reads them, an unsure reading says so, the depth of nesting is bounded, and a
//! ladder generated in the standard shape reads back the same from several data layouts.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rung_core::ladder::reading::{self, ReadLadder};
use rung_core::ladder::{LadderError, ReadingMapping, Track};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

fn read(path: &Path) -> Result<ReadLadder, LadderError> {
    reading::read(path, &ReadingMapping::default())
}

/// Each scorable role's title and characteristic names, in order.
fn outline(read: &ReadLadder) -> Vec<(String, Vec<String>)> {
    read.ladder
        .roles
        .iter()
        .filter(|role| !role.incomplete)
        .map(|role| (role.title.clone(), role.characteristics.iter().map(|c| c.title.clone()).collect()))
        .collect()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|name| (*name).to_owned()).collect()
}

#[test]
fn a_folder_of_competency_files_reads_as_levels_of_those_competencies() {
    let read = read(&fixture("data-competency-files")).unwrap();
    assert!(read.confidence.certain, "{:?}", read.confidence);
    let roles = outline(&read);
    let titles: Vec<&str> = roles.iter().map(|(title, _)| title.as_str()).collect();
    assert_eq!(titles, ["L1", "L2", "L3", "L4"]);
    // Unnamed files are named by their file name; the blank template is no competency;
    // an empty cell is not expected at that level.
    assert_eq!(roles[0].1.len(), 4, "{roles:?}");
    assert!(roles[0].1.contains(&"incident review".to_owned()), "{roles:?}");
    assert!(!roles[3].1.contains(&"Hiring".to_owned()), "{roles:?}");
    assert!(roles.iter().all(|(_, names)| !names.iter().any(|n| n.to_lowercase().contains("template"))));
    // The README says the matrix is for managers.
    assert!(read.ladder.roles.iter().all(|role| role.track == Track::Management));
}

#[test]
fn roles_that_reference_competency_levels_by_id_rate_those_competencies() {
    let read = read(&fixture("data-referenced")).unwrap();
    assert!(read.confidence.certain, "{:?}", read.confidence);
    assert_eq!(
        outline(&read),
        [
            ("Junior Support Specialist".to_owned(), names(&["Writing", "Triage", "Feature knowledge"])),
            ("Senior Support Specialist".to_owned(), names(&["Writing", "Triage", "Feature knowledge"])),
            ("Support Team Lead".to_owned(), names(&["Writing", "Triage"])),
        ]
    );
    // The referenced level's criteria are the expectation.
    let junior = &read.ladder.roles[0];
    assert_eq!(junior.characteristics[0].examples, ["Writes clear ticket replies"]);
    assert_eq!(junior.track_name.as_deref(), Some("Support Specialist"));
    // The competency definitions are the runner-up readings, well behind.
    assert!(read.tried.len() >= 2 && read.tried[0].score - read.tried[1].score >= 1.25, "{:?}", read.tried);
}

#[test]
fn a_typescript_module_reads_its_exported_literals_and_skips_code() {
    let read = read(&fixture("data-files/growth-areas.ts")).unwrap();
    assert!(read.confidence.certain, "{:?}", read.confidence);
    let expected = names(&["Delivery", "Craft", "People"]);
    let want: Vec<(String, Vec<String>)> =
        ["Stage 1", "Stage 2", "Stage 3"].iter().map(|title| ((*title).to_owned(), expected.clone())).collect();
    assert_eq!(outline(&read), want);
    assert_eq!(
        read.ladder.roles[0].characteristics[0].examples,
        ["Ships small changes with help", "Breaks work into tickets"]
    );
}

#[test]
fn a_yaml_list_of_levels_with_competencies_reads_in_file_order() {
    let read = read(&fixture("data-files/data-ladder.yaml")).unwrap();
    assert!(read.confidence.certain, "{:?}", read.confidence);
    assert_eq!(read.ladder.name, "Data Team Ladder");
    let titles: Vec<String> = outline(&read).into_iter().map(|(title, _)| title).collect();
    assert_eq!(titles, ["Analyst I", "Analyst II", "Senior Analyst"]);
    assert_eq!(read.ladder.roles[2].summary.as_deref(), Some("Owns an area's data end to end."));
}

#[test]
fn data_with_little_evidence_of_a_ladder_is_read_but_called_unsure() {
    let read = read(&fixture("data-files/teams.json")).unwrap();
    assert!(!read.confidence.certain, "{:?}", read.confidence);
}

#[test]
fn nesting_deeper_than_the_bound_is_refused_with_the_file() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("deep.yaml");
    let deep = (0..200).fold(String::from("x"), |inner, _| format!("[{inner}]"));
    std::fs::write(&file, format!("levels: {deep}\n")).unwrap();
    let error = read(&file).unwrap_err();
    assert!(error.to_string().contains("deep.yaml"), "{error}");
    let script = temp.path().join("deep.js");
    std::fs::write(&script, format!("export const levels = {}\n", deep.replace('x', "1"))).unwrap();
    let error = read(&script).unwrap_err();
    assert_eq!(error.code(), "ladder_no_data", "{error}");
}

#[test]
fn json_that_is_no_ladder_keeps_the_error_about_rungs_format() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("settings.json");
    std::fs::write(&file, r#"{"theme": "dark", "recent": ["a", "b"]}"#).unwrap();
    assert_eq!(read(&file).unwrap_err().code(), "ladder_invalid_json");
}

/// Other common ways of writing the same ladder as data, each read the same.
#[test]
fn levels_keyed_by_name_with_maps_or_fields_of_expectations_read_alike() {
    let temp = tempfile::tempdir().unwrap();
    let shapes = [
        // Roles keyed by title, competencies as a map of text lists.
        ("keyed.yaml", "Engineer I:\n  track: Individual Contributor\n  competencies:\n    Delivery: [Ships small fixes]\n    Craft: [Writes tests]\n    Teamwork: [Asks for help early]\nEngineer II:\n  track: Individual Contributor\n  competencies:\n    Delivery: [Ships features]\n    Craft: [Reviews code]\n    Teamwork: [Helps others unblock]\n"),
        // Levels keyed by title, each competency a described record.
        ("described.yaml", "levels:\n  Engineer I:\n    Delivery: {description: Ships small fixes}\n    Craft: {description: Writes tests}\n    Teamwork: {description: Asks for help early}\n  Engineer II:\n    Delivery: {description: Ships features}\n    Craft: {description: Reviews code}\n    Teamwork: {description: Helps others unblock}\n"),
        // A table written as records: one per level, a field per competency.
        ("rows.json", r#"[{"title": "Engineer I", "level": "1", "Delivery": "Ships small fixes", "Craft": "Writes tests", "Teamwork": "Asks for help early"},
                          {"title": "Engineer II", "level": "2", "Delivery": "Ships features", "Craft": "Reviews code", "Teamwork": "Helps others unblock"}]"#),
        // The long form: a record per level and competency.
        ("long.json", r#"[{"level": "Engineer I", "competency": "Delivery", "description": "Ships small fixes"},
                          {"level": "Engineer I", "competency": "Craft", "description": "Writes tests"},
                          {"level": "Engineer I", "competency": "Teamwork", "description": "Asks for help early"},
                          {"level": "Engineer II", "competency": "Delivery", "description": "Ships features"},
                          {"level": "Engineer II", "competency": "Craft", "description": "Reviews code"},
                          {"level": "Engineer II", "competency": "Teamwork", "description": "Helps others unblock"}]"#),
        // Transposed, the levels a map keyed by level name.
        ("matrix.json", r#"{"areas": [{"name": "Delivery", "levels": {"Engineer I": "Ships small fixes", "Engineer II": "Ships features"}},
                                     {"name": "Craft", "levels": {"Engineer I": "Writes tests", "Engineer II": "Reviews code"}},
                                     {"name": "Teamwork", "levels": {"Engineer I": "Asks for help early", "Engineer II": "Helps others unblock"}}]}"#),
    ];
    let want = names(&["Delivery", "Craft", "Teamwork"]);
    for (name, text) in shapes {
        let file = temp.path().join(name);
        std::fs::write(&file, text).unwrap();
        let read = read(&file).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(
            outline(&read),
            [("Engineer I".to_owned(), want.clone()), ("Engineer II".to_owned(), want.clone())],
            "{name}: {:?}",
            read.tried
        );
        assert_eq!(read.ladder.roles[1].characteristics[0].examples, ["Ships features"], "{name}");
        assert!(read.ladder.roles.iter().all(|role| role.track == Track::IndividualContributor), "{name}");
    }
}

/// A ladder in the standard shape: levels in order, each rating the same competencies.
#[derive(Debug, Clone)]
struct Generated {
    levels: usize,
    competencies: Vec<&'static str>,
    expectation: Vec<Vec<String>>,
}

const COMPETENCIES: &[&str] =
    &["Delivery", "Craft", "Collaboration", "Ownership", "Communication", "Mentoring", "Planning", "Quality"];

fn generated() -> impl Strategy<Value = Generated> {
    (2usize..=6, proptest::sample::subsequence(COMPETENCIES, 3..=6)).prop_flat_map(|(levels, competencies)| {
        let cells = proptest::collection::vec(
            proptest::collection::vec("[a-z]{3,8}( [a-z]{3,8}){2,5}", competencies.len()),
            levels,
        );
        (Just(levels), Just(competencies), cells).prop_map(|(levels, competencies, expectation)| Generated {
            levels,
            competencies,
            expectation,
        })
    })
}

impl Generated {
    fn title(level: usize) -> String {
        format!("L{}", level + 1)
    }

    fn expected(&self) -> Vec<(String, Vec<String>)> {
        let names: Vec<String> = self.competencies.iter().map(|c| (*c).to_owned()).collect();
        (0..self.levels).map(|level| (Self::title(level), names.clone())).collect()
    }

    /// `{ "levels": [ { "title": "L1", "competencies": [ { "name", "expectations" } ] } ] }`
    fn as_roles(&self) -> serde_json::Value {
        let levels: Vec<serde_json::Value> = (0..self.levels)
            .map(|level| {
                let competencies: Vec<serde_json::Value> = self
                    .competencies
                    .iter()
                    .enumerate()
                    .map(
                        |(at, name)| serde_json::json!({ "name": name, "expectations": [self.expectation[level][at]] }),
                    )
                    .collect();
                serde_json::json!({ "title": Self::title(level), "competencies": competencies })
            })
            .collect();
        serde_json::json!({ "title": "Generated", "levels": levels })
    }

    /// One competency record with its levels under level-coded keys.
    fn competency(&self, at: usize) -> serde_json::Value {
        let mut record = serde_json::Map::new();
        record.insert("name".into(), self.competencies[at].into());
        for level in 0..self.levels {
            record.insert(Self::title(level), serde_json::json!({ "summary": self.expectation[level][at] }));
        }
        serde_json::Value::Object(record)
    }
}

/// serde_json without `preserve_order` sorts keys; the renderings write them in order.
fn ordered(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by_key(|key| {
                let rank = ["name", "title"].iter().position(|k| k == key).unwrap_or(2);
                (rank, key.trim_start_matches('L').parse::<usize>().unwrap_or(0), (*key).clone())
            });
            let fields: Vec<String> = keys
                .into_iter()
                .map(|key| format!("{}: {}", serde_json::to_string(key).unwrap(), ordered(&map[key])))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
        serde_json::Value::Array(items) => format!("[{}]", items.iter().map(ordered).collect::<Vec<_>>().join(", ")),
        other => other.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_generated_ladder_reads_back_from_every_data_layout(ladder in generated()) {
        let temp = tempfile::tempdir().unwrap();
        let roles = ordered(&ladder.as_roles());
        let json = temp.path().join("ladder.json");
        std::fs::write(&json, &roles).unwrap();
        // JSON is valid YAML (flow style): the same data as a .yaml file.
        let yaml = temp.path().join("ladder.yaml");
        std::fs::write(&yaml, &roles).unwrap();
        // Transposed: a list of competencies, each holding its levels.
        let competencies: Vec<String> = (0..ladder.competencies.len()).map(|at| ordered(&ladder.competency(at))).collect();
        let transposed = temp.path().join("matrix.json");
        std::fs::write(&transposed, format!("{{\"competencies\": [{}]}}", competencies.join(", "))).unwrap();
        // A module exporting the transposed data as an object literal.
        let module = temp.path().join("matrix.ts");
        std::fs::write(&module, format!("export const matrix = [{}] as const\n", competencies.join(",\n"))).unwrap();
        // A folder with a file per competency.
        let folder = temp.path().join("per-competency");
        std::fs::create_dir(&folder).unwrap();
        for (at, text) in competencies.iter().enumerate() {
            std::fs::write(folder.join(format!("{at:02}.json")), text).unwrap();
        }
        for path in [&json, &yaml, &transposed, &module, &folder] {
            let read = read(path).unwrap();
            prop_assert_eq!(outline(&read), ladder.expected(), "{}", path.display());
            prop_assert!(read.confidence.certain, "{}: {:?}", path.display(), read.confidence);
        }
    }
}
