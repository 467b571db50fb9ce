#![no_main]
//! Any bytes as a spreadsheet ladder (the first byte picks CSV or XLSX): a ladder or a
//! typed error naming the file, never a panic; a ladder survives the JSON round trip.

use libfuzzer_sys::fuzz_target;
use rung_core::ladder::{self, json};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let path = Path::new(if pick % 2 == 0 { "fuzz.csv" } else { "fuzz.xlsx" });
    match ladder::from_spreadsheet(bytes, path) {
        Ok(imported) => {
            assert!(imported.roles.iter().all(|role| !role.characteristics.is_empty()));
            let again = json::from_json(&json::to_json(&imported), Path::new("fuzz.json")).expect("own JSON imports");
            assert_eq!(again, imported);
        }
        Err(error) => assert!(error.to_string().starts_with(&path.display().to_string())),
    }
});
