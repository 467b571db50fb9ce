//! The reading engine on arbitrary markdown: the outline, both table readings and the
//! transposed reading never panic, and any ladder they make exports and imports back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rung_core::ladder::mapping::TableRoles;
use rung_core::ladder::{json, reading, ReadingMapping};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let blocks = rung_core::ladder::markdown::outline::outline(text);
    for how in [TableRoles::Rows, TableRoles::Columns] {
        let _ = reading::tables::read(&blocks, how, std::path::Path::new("fuzz.md"), "fuzz.md");
    }
    let folder = std::env::temp_dir().join(format!("rung-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&folder);
    let path = folder.join("fuzz.md");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    for mapping in [ReadingMapping::default(), ReadingMapping { transposed: Some(true), ..ReadingMapping::default() }] {
        if let Ok(read) = reading::read(&path, &mapping) {
            assert!(!read.ladder.roles.is_empty());
            let again = json::from_json(&json::to_json(&read.ladder), std::path::Path::new("fuzz.json"));
            assert_eq!(again.expect("own JSON imports"), read.ladder);
        }
    }
});
