//! Parser bombs (issue 27): small files that claim, repeat or unpack to far more than
//! they hold. Each is built here, under 2 MiB, and given to the real `rung ladder check`;
//! the process must refuse it with the bound it passed, in words, and its peak memory
//! (the child's own `ru_maxrss`, from wait4) must stay under 256 MiB. Before the limits,
//! these aborted the process (an allocation of 512 GiB) or took 1.2 to 23 GiB.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use zip::write::SimpleFileOptions;

const MEMORY_LIMIT_MIB: i64 = 256;
const FILE_LIMIT: u64 = 2 * 1024 * 1024;

const CONTENT_TYPES: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ladder" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHEET_START: &str =
    r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
const SHEET_END: &str = "</sheetData></worksheet>";

/// Writes one zip entry's bytes.
type Part<'a> = &'a dyn Fn(&mut dyn Write);

/// A zip whose entries are written by `parts` (each gets the writer after its entry starts).
fn zip_file(path: &Path, parts: &[(&str, Part)]) {
    let mut zip = zip::ZipWriter::new(File::create(path).unwrap());
    for (name, write) in parts {
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9))
            .large_file(true);
        zip.start_file(*name, options).unwrap();
        write(&mut zip);
    }
    zip.finish().unwrap();
}

fn text(part: &'static str) -> impl Fn(&mut dyn Write) {
    move |out: &mut dyn Write| out.write_all(part.as_bytes()).unwrap()
}

/// An Excel workbook with one sheet, whose `<sheetData>` is written by `cells`.
fn xlsx(path: &Path, cells: Part, shared_strings: Option<Part>) {
    let sheet = |out: &mut dyn Write| {
        out.write_all(SHEET_START.as_bytes()).unwrap();
        cells(out);
        out.write_all(SHEET_END.as_bytes()).unwrap();
    };
    let (types, rels, workbook, workbook_rels) =
        (text(CONTENT_TYPES), text(ROOT_RELS), text(WORKBOOK), text(WORKBOOK_RELS));
    let mut parts: Vec<(&str, Part)> = vec![
        ("[Content_Types].xml", &types),
        ("_rels/.rels", &rels),
        ("xl/workbook.xml", &workbook),
        ("xl/_rels/workbook.xml.rels", &workbook_rels),
        ("xl/worksheets/sheet1.xml", &sheet),
    ];
    if let Some(strings) = shared_strings {
        parts.push(("xl/sharedStrings.xml", strings));
    }
    zip_file(path, &parts);
}

/// An OpenDocument spreadsheet whose one table's rows are `rows`.
fn ods(path: &Path, rows: &str) {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Ladder">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(MANIFEST.as_bytes()).unwrap();
    zip.start_file("content.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

fn ods_cell(text: &str, repeated: u32) -> String {
    format!(
        r#"<table:table-cell table:number-columns-repeated="{repeated}" office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

fn repeat(out: &mut dyn Write, times: usize, chunk: &str) {
    for _ in 0..times {
        out.write_all(chunk.as_bytes()).unwrap();
    }
}

/// What `rung ladder check FILE` said, how it exited and its peak resident memory in MiB.
struct Checked {
    code: Option<i32>,
    said: String,
    peak_mib: i64,
}

fn check_ladder(file: &Path) -> Checked {
    let dir = file.parent().unwrap();
    let said_path = dir.join("said.txt");
    let said = File::create(&said_path).unwrap();
    // Reaped by wait4 below, which reports the child's own peak memory.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_rung"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .args(["ladder", "check"])
        .arg(file)
        .env_remove("RUNG_DATA_DIR")
        .env("RUNG_KEY_STORE", "folder")
        .stdout(Stdio::from(said.try_clone().unwrap()))
        .stderr(Stdio::from(said))
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, which nothing else reaps.
    let waited = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(waited, child.id() as libc::pid_t, "wait4");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Checked { code, said: std::fs::read_to_string(&said_path).unwrap(), peak_mib: usage.ru_maxrss / 1024 }
}

/// Refused by the bound that says `says`, under the memory limit, without a crash.
fn assert_refused_cheaply(file: &Path, says: &str) {
    let size = std::fs::metadata(file).unwrap().len();
    assert!(size < FILE_LIMIT, "{} is {size} bytes: a bomb must be under 2 MiB", file.display());
    let checked = check_ladder(file);
    assert_eq!(checked.code, Some(1), "{}: refused, not crashed: {}", file.display(), checked.said);
    assert!(checked.said.contains(says), "{}: says {says:?}: {}", file.display(), checked.said);
    assert!(checked.said.contains("no ladder does"), "{}", checked.said);
    assert!(
        checked.peak_mib < MEMORY_LIMIT_MIB,
        "{}: took {} MiB (limit {MEMORY_LIMIT_MIB})",
        file.display(),
        checked.peak_mib
    );
}

struct Bombs {
    dir: tempfile::TempDir,
}

impl Bombs {
    fn new() -> Bombs {
        Bombs { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

#[test]
fn two_cells_a_sheet_apart_are_refused_before_the_grid_between_them_exists() {
    let bombs = Bombs::new();
    let file = bombs.path("far.xlsx");
    let cells = |out: &mut dyn Write| {
        text(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Level</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#,
        )(out)
    };
    xlsx(&file, &cells, None);
    assert_refused_cheaply(&file, "its sheets span more than 400,000 cells");
}

#[test]
fn a_sheet_of_a_million_small_cells_is_refused_as_it_is_read() {
    let bombs = Bombs::new();
    let file = bombs.path("many.xlsx");
    let row: String = "<c><v>1</v></c>".repeat(1000);
    let cells = |out: &mut dyn Write| repeat(out, 1000, &format!("<row>{row}</row>"));
    xlsx(&file, &cells, None);
    assert_refused_cheaply(&file, "its sheets span more than 400,000 cells");
}

#[test]
fn a_workbook_that_unpacks_a_thousandfold_is_refused_at_the_limit() {
    let bombs = Bombs::new();
    let file = bombs.path("unpacks.xlsx");
    let megabyte = "y".repeat(1024 * 1024);
    let cells = |out: &mut dyn Write| {
        out.write_all(br#"<row r="1"><c r="A1" t="inlineStr"><is><t>"#).unwrap();
        repeat(out, 400, &megabyte);
        out.write_all(b"</t></is></c></row>").unwrap();
    };
    xlsx(&file, &cells, None);
    assert_refused_cheaply(&file, "the workbook unpacks to more than 32 MiB");
}

#[test]
fn a_claimed_count_of_shared_strings_is_refused_before_room_is_made_for_them() {
    let bombs = Bombs::new();
    let file = bombs.path("claims.xlsx");
    let strings = text(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="999999999999"><si><t>Level</t></si></sst>"#,
    );
    xlsx(&file, &text(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#), Some(&strings));
    assert_refused_cheaply(&file, "more than 200,000 shared strings");
}

#[test]
fn one_long_shared_string_in_every_cell_is_counted_in_every_cell() {
    let bombs = Bombs::new();
    let file = bombs.path("shared.xlsx");
    let long = "x".repeat(100_000);
    let strings = |out: &mut dyn Write| {
        write!(out, r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{long}</t></si></sst>"#).unwrap()
    };
    let row: String = r#"<c t="s"><v>0</v></c>"#.repeat(100);
    let cells = |out: &mut dyn Write| repeat(out, 1500, &format!("<row>{row}</row>"));
    xlsx(&file, &cells, Some(&strings));
    assert_refused_cheaply(&file, "its cells hold more than 16 MiB of text");
}

#[test]
fn a_filled_cell_repeated_across_a_million_rows_is_refused_before_it_is_expanded() {
    let bombs = Bombs::new();
    let file = bombs.path("repeats.ods");
    let rows = format!(
        r#"<table:table-row>{}{}</table:table-row><table:table-row table:number-rows-repeated="1000000">{}</table:table-row>"#,
        ods_cell("Competency", 1),
        ods_cell("L1", 1),
        ods_cell("x", 16_000)
    );
    ods(&file, &rows);
    assert_refused_cheaply(&file, "its sheets span more than 400,000 cells");
}

#[test]
fn spaces_written_as_a_count_are_counted_before_they_are_written_out() {
    let bombs = Bombs::new();
    let file = bombs.path("spaces.ods");
    let rows = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="99999999999"/></text:p></table:table-cell></table:table-row>"#;
    ods(&file, rows);
    assert_refused_cheaply(&file, "its cells hold more than 16 MiB of text");
}

#[test]
fn json5_nested_half_a_million_deep_is_refused_before_it_is_parsed() {
    let bombs = Bombs::new();
    let file = bombs.path("deep.json5");
    std::fs::write(&file, "[".repeat(500_000) + &"]".repeat(500_000)).unwrap();
    assert_refused_cheaply(&file, "nests lists and maps more than 32 deep");
}

#[test]
fn yaml_aliases_that_expand_to_a_billion_nodes_stop_at_the_yaml_budget() {
    let bombs = Bombs::new();
    let file = bombs.path("laughs.yaml");
    let mut yaml =
        String::from("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for level in 1..10 {
        let aliases = vec![format!("*a{}", level - 1); 10].join(",");
        yaml.push_str(&format!("a{level}: &a{level} [{aliases}]\n"));
    }
    std::fs::write(&file, yaml).unwrap();
    let checked = check_ladder(&file);
    assert_eq!(checked.code, Some(1), "{}", checked.said);
    assert!(checked.said.contains("more YAML, aliases or nesting than any ladder"), "{}", checked.said);
    assert!(checked.peak_mib < MEMORY_LIMIT_MIB, "took {} MiB", checked.peak_mib);
}

#[test]
fn the_trailing_empty_repeats_every_spreadsheet_program_writes_still_read() {
    let bombs = Bombs::new();
    let file = bombs.path("ladder.ods");
    let row = |cells: &[&str]| {
        format!("<table:table-row>{}</table:table-row>", cells.iter().map(|c| ods_cell(c, 1)).collect::<String>())
    };
    let rows = [
        row(&["Competency", "L1", "L2"]),
        row(&["Craft", "Builds components", "Designs systems"]),
        row(&["Research", "Runs interviews", "Plans studies"]),
        r#"<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#.to_owned(),
    ]
    .concat();
    ods(&file, &rows);
    let checked = check_ladder(&file);
    assert_eq!(checked.code, Some(0), "{}", checked.said);
    assert!(checked.said.contains("2 roles"), "{}", checked.said);
    assert!(checked.peak_mib < MEMORY_LIMIT_MIB, "took {} MiB", checked.peak_mib);
}
