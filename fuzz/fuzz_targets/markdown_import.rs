#![no_main]
//! Any bytes given to the markdown importer: it must return a ladder or a typed error,
//! never panic, and what it returns must survive the JSON round trip unchanged.

use libfuzzer_sys::fuzz_target;
use rung_core::ladder::{self, json};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.md");
    if let Ok(imported) = ladder::from_markdown(data, path) {
        assert!(!imported.roles.is_empty());
        for role in &imported.roles {
            assert_eq!(role.incomplete, role.characteristics.is_empty());
            assert!(imported.path_to(&role.key).len() <= imported.roles.len());
        }
        let text = json::to_json(&imported);
        let again = json::from_json(&text, Path::new("fuzz.json")).expect("own JSON imports");
        assert_eq!(again, imported);
    }
});
