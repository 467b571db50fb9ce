//! Rung's JSON format: markdown → JSON → ladder gives back exactly the same ladder.

use rung_core::ladder::{self, json};

use crate::support::*;

fn round_trip(path: &std::path::Path) {
    let original = load(path);
    let text = json::to_json(&original);
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("ladder.json");
    std::fs::write(&file, &text).unwrap();
    let reimported = ladder::load(&file).unwrap();
    assert_eq!(reimported, original, "{}", path.display());
    assert_eq!(json::to_json(&reimported), text);
}

#[test]
fn the_seed_ladder_round_trips_exactly() {
    round_trip(&data("support-roles.md"));
}

#[test]
fn the_folder_ladder_round_trips_exactly() {
    round_trip(&data("octopus-support-2025"));
}

#[test]
fn the_robustness_fixture_round_trips_exactly() {
    round_trip(&fixture("robust-everything.md"));
}

/// Hand-edited JSON that breaks the ladder's rules is refused with the reason.
#[test]
fn inconsistent_json_is_refused_with_a_reason() {
    let seed = serde_json::to_value(ladder::default_ladder()).unwrap();
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Edit)> = vec![
        ("which is not in the ladder", Box::new(|v| v["roles"][1]["builds_on"] = "nobody".into())),
        ("is used twice", Box::new(|v| v["roles"][1]["key"] = v["roles"][0]["key"].clone())),
        ("newer than this Rung understands", Box::new(|v| v["format_version"] = 99.into())),
        ("expected \"rung-ladder\"", Box::new(|v| v["format"] = "something-else".into())),
        ("builds on itself", Box::new(|v| v["roles"][0]["builds_on"] = v["roles"][1]["key"].clone())),
        ("marked incomplete", Box::new(|v| v["roles"][0]["incomplete"] = true.into())),
        ("has no roles", Box::new(|v| v["roles"] = serde_json::json!([]))),
    ];
    let temp = tempfile::tempdir().unwrap();
    for (expected, edit) in cases {
        let mut value = seed.clone();
        edit(&mut value);
        let file = temp.path().join("edited.json");
        std::fs::write(&file, serde_json::to_string_pretty(&value).unwrap()).unwrap();
        let error = ladder::load(&file).expect_err(expected);
        assert_eq!(error.code(), "ladder_inconsistent_json", "{error}");
        assert!(error.to_string().contains(expected), "{error}");
        assert!(error.to_string().contains("edited.json"), "{error}");
    }
}
