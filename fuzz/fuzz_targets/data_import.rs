#![no_main]
//! Any bytes as structured data (the first byte picks JSON, YAML or a TypeScript module):
//! a ladder or a typed error naming the file, never a panic; a ladder survives the JSON
//! round trip.

use libfuzzer_sys::fuzz_target;
use rung_core::ladder::{self, json};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = ["fuzz.json", "fuzz.yaml", "fuzz.ts"][usize::from(pick % 3)];
    match ladder::from_data(bytes, Path::new(name)) {
        Ok(imported) => {
            assert!(!imported.roles.is_empty());
            let again = json::from_json(&json::to_json(&imported), Path::new("fuzz.json")).expect("own JSON imports");
            assert_eq!(again, imported);
        }
        Err(error) => assert!(error.to_string().starts_with(name), "{error}"),
    }
});
