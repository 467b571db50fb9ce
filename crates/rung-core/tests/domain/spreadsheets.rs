//! Ladders kept in spreadsheets: the wide matrix (competencies down, levels across) and
//! the long form (a row per expectation), as CSV and as real XLSX workbooks.

use rung_core::ladder::{CharacteristicSource, LadderView, Track};
use rust_xlsxwriter::Workbook;

use crate::support::{fixture, load, role, titles};

fn characteristic_titles(ladder: &rung_core::ladder::Ladder, index: usize) -> Vec<&str> {
    ladder.roles[index].characteristics.iter().map(|c| c.title.as_str()).collect()
}

#[test]
fn a_wide_matrix_csv_is_a_role_per_level_column_and_a_characteristic_per_row() {
    let ladder = load(&fixture("spreadsheets/data-matrix.csv"));
    assert_eq!(ladder.name, "data matrix", "named by the file");
    assert_eq!(
        titles(&ladder),
        ["Data Analyst 1", "Data Analyst 2", "Senior Data Analyst"],
        "a title repeated across levels is told apart by the level"
    );
    assert_eq!(ladder.roles.iter().map(|r| r.level).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(characteristic_titles(&ladder, 0), ["Analysis", "Communication"], "an empty cell is not expected");
    assert_eq!(characteristic_titles(&ladder, 1), ["Analysis", "Communication", "Data quality"]);
    let analysis = &ladder.roles[1].characteristics[0];
    assert_eq!(analysis.examples, ["Frames the question before querying", "checks the data's gaps first"]);
    assert_eq!(ladder.roles[0].characteristics_from, CharacteristicSource::Headings);
    assert_eq!(ladder.roles[2].builds_on.as_deref(), Some(ladder.roles[1].key.as_str()));
}

#[test]
fn a_long_form_csv_reads_tracks_groups_levels_and_examples() {
    let ladder = load(&fixture("spreadsheets/support-long.csv"));
    assert_eq!(titles(&ladder), ["Support Associate", "Support Specialist", "Support Team Lead"]);
    assert_eq!(ladder.roles.iter().map(|r| r.level).collect::<Vec<_>>(), [1, 2, 3]);
    let specialist = role(&ladder, "Support Specialist");
    let accuracy = specialist.characteristics.iter().find(|c| c.title == "Accuracy").unwrap();
    assert_eq!(accuracy.group.as_deref(), Some("Customers"));
    assert_eq!(
        accuracy.examples,
        ["Finds the cause of a problem rather than a workaround", "Reproduced a sync bug from logs alone"]
    );
    let lead = role(&ladder, "Support Team Lead");
    assert_eq!(lead.track, Track::Management);
    assert_eq!(lead.track_name.as_deref(), Some("Support Management"));
    assert_eq!(lead.builds_on.as_deref(), Some("support-specialist"), "levels line up across tracks");
    let view = LadderView::of(ladder.clone());
    let labels: Vec<&str> = view.tracks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["Support", "Support Management"]);
}

/// A workbook as people keep them: a notes sheet first, the ladder on a named sheet,
/// levels as numbers, a cell with two lines.
fn write_workbook(path: &std::path::Path, long_form: bool) {
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet().set_name("Notes").unwrap();
    notes.write_string(0, 0, "How to read this ladder: ask your manager.").unwrap();
    let sheet = workbook.add_worksheet().set_name("Design Ladder").unwrap();
    if long_form {
        for (column, header) in ["Level", "Competency", "Expectation"].iter().enumerate() {
            sheet.write_string(0, column as u16, *header).unwrap();
        }
        let rows: [(f64, &str, &str); 4] = [
            (1.0, "Craft", "Produces clean layouts from a brief"),
            (1.0, "Research", "Takes notes in user interviews"),
            (2.0, "Craft", "Builds components for the design system\nDocuments how to use them"),
            (2.0, "Research", "Runs usability tests alone"),
        ];
        for (index, (level, competency, expectation)) in rows.iter().enumerate() {
            let row = index as u32 + 1;
            sheet.write_number(row, 0, *level).unwrap();
            sheet.write_string(row, 1, *competency).unwrap();
            sheet.write_string(row, 2, *expectation).unwrap();
        }
    } else {
        for (column, header) in ["Competency", "Designer I", "Designer II"].iter().enumerate() {
            sheet.write_string(0, column as u16, *header).unwrap();
        }
        sheet.write_string(1, 0, "Craft").unwrap();
        sheet.write_string(1, 1, "Produces clean layouts from a brief").unwrap();
        sheet.write_string(1, 2, "Builds components for the design system\nDocuments how to use them").unwrap();
        sheet.write_string(2, 0, "Research").unwrap();
        sheet.write_string(2, 1, "Takes notes in user interviews").unwrap();
        sheet.write_string(2, 2, "Runs usability tests alone").unwrap();
    }
    workbook.save(path).unwrap();
}

#[test]
fn xlsx_workbooks_in_either_shape_read_from_the_sheet_that_holds_the_ladder() {
    let dir = tempfile::tempdir().unwrap();
    for long_form in [false, true] {
        let path = dir.path().join(if long_form { "long.xlsx" } else { "wide.xlsx" });
        write_workbook(&path, long_form);
        let ladder = rung_core::ladder::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ladder.name, "Design Ladder", "the sheet's name, not the notes sheet");
        let expected_titles = if long_form { ["Level 1", "Level 2"] } else { ["Designer I", "Designer II"] };
        assert_eq!(titles(&ladder), expected_titles);
        assert_eq!(characteristic_titles(&ladder, 1), ["Craft", "Research"]);
        assert_eq!(
            ladder.roles[1].characteristics[0].examples,
            ["Builds components for the design system", "Documents how to use them"]
        );
        if long_form {
            assert_eq!(ladder.roles.iter().map(|r| r.level).collect::<Vec<_>>(), [1, 2], "numbers are levels");
        }
    }
}

#[test]
fn a_spreadsheet_that_is_not_a_ladder_is_refused_with_the_row_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 3] = [
        ("names.csv", b"Name\nAda\nGrace\n", "row 1"),
        ("empty.csv", b"\n,,\n", "empty"),
        ("levels-only.csv", b"Level,Competency,Description\n,Craft,Draws\n", "row 2"),
    ];
    for (name, bytes, says) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let error = rung_core::ladder::load(&path).unwrap_err();
        assert_eq!(error.code(), "ladder_invalid_spreadsheet", "{name}: {error}");
        let message = error.to_string();
        assert!(message.starts_with(&path.display().to_string()), "{message}");
        assert!(message.contains(says), "{name}: {message}");
        assert!(message.contains("header row of levels"), "says what a ladder spreadsheet looks like: {message}");
    }
}

#[test]
fn a_workbook_that_does_not_open_or_is_in_a_legacy_format_says_how_to_save_it() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str, &str); 3] = [
        ("broken.xlsx", b"PK\x03\x04 this is not really a workbook", "ladder_broken_workbook", "does not open"),
        ("broken.ods", b"PK\x03\x04 nor this", "ladder_broken_workbook", "does not open"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ladder_unsupported_workbook", "Excel 97"),
    ];
    for (name, bytes, code, says) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let error = rung_core::ladder::load(&path).unwrap_err();
        assert_eq!(error.code(), code, "{name}: {error}");
        let message = error.to_string();
        assert!(message.contains(says) && message.contains(".xlsx"), "{name}: {message}");
    }
}
