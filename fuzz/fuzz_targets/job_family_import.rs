#![no_main]
//! Any bytes as job-family YAML: a ladder or a typed error naming the file, never a
//! panic; a ladder survives the JSON round trip.

use libfuzzer_sys::fuzz_target;
use rung_core::ladder::{self, json};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.yml");
    match ladder::from_job_family_yaml(data, path) {
        Ok(imported) => {
            assert!(!imported.roles.is_empty());
            let again = json::from_json(&json::to_json(&imported), Path::new("fuzz.json")).expect("own JSON imports");
            assert_eq!(again, imported);
        }
        Err(error) => assert!(error.to_string().starts_with("fuzz.yml")),
    }
});
