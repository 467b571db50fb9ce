//! Ladders kept in a spreadsheet (CSV, or an Excel/OpenDocument workbook read with
//! calamine, see `workbook`), in either of the two shapes they come in:
//!
//! - the **wide matrix**: a header row of levels, the competencies down the first column
//!   (after an optional group column), each cell that level's expectation;
//! - the **long form**: one row per expectation, with columns for the level (or role),
//!   the competency and the description, and optionally examples, a group and a track.
//!
//! Either becomes one role per level with a characteristic per competency. Row numbers
//! in errors are the spreadsheet's own (1 = the first row).

use std::path::Path;

use super::error::LadderError;
use super::limits::{Bound, OverLimit};
use super::markdown::document::{ParsedCharacteristic, ParsedDocument, ParsedRole};
use super::text::{comparable, split_level_prefix};

/// One row: its 1-based number in the sheet and its cells as trimmed text.
pub(crate) type Row = (u32, Vec<String>);

fn refuse(path: &Path, row: u32, reason: impl Into<String>) -> LadderError {
    LadderError::InvalidSpreadsheet { path: path.to_owned(), row, reason: reason.into() }
}

pub fn is_spreadsheet(path: &Path) -> bool {
    spreadsheet_kind(path).is_some()
}

enum Kind {
    Csv,
    Workbook,
}

fn spreadsheet_kind(path: &Path) -> Option<Kind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "csv" | "tsv" => Some(Kind::Csv),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(Kind::Workbook),
        _ => None,
    }
}

/// Reads a spreadsheet's bytes; `file` names it in roles.
pub fn read(bytes: &[u8], path: &Path, file: &str) -> Result<ParsedDocument, LadderError> {
    let (title, rows) = match spreadsheet_kind(path) {
        Some(Kind::Csv) => (None, csv_rows(bytes, path)?),
        _ => super::workbook::ladder_sheet(bytes, path)?,
    };
    let mut document = read_rows(rows, path, file)?;
    document.title = title;
    Ok(document)
}

fn csv_rows(bytes: &[u8], path: &Path) -> Result<Vec<Row>, LadderError> {
    let text = super::source::decode_text(bytes, path)?;
    let tab_separated =
        path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tsv")) || first_line_has_more_tabs(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if tab_separated { b'\t' } else { b',' })
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells = 0;
    for record in reader.records() {
        let record = record.map_err(|error| {
            let row = error.position().map_or(1, |p| p.line() as u32);
            refuse(path, row, format!("the CSV does not parse: {error}"))
        })?;
        let row = record.position().map_or(rows.len() as u32 + 1, |p| p.line() as u32);
        cells += record.len() as u64;
        if cells > Bound::CsvCells.limit() {
            let over = OverLimit { bound: Bound::CsvCells, place: format!("row {row}") };
            return Err(LadderError::OverLimit { path: path.to_owned(), over });
        }
        rows.push((row, record.iter().map(|cell| cell.trim().to_owned()).collect()));
    }
    Ok(rows)
}

fn first_line_has_more_tabs(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    first.matches('\t').count() > first.matches(',').count()
}

/// Reads rows of cells (a sheet, or a table in a document) as a ladder: the long form
/// when its header names the columns so, else the wide matrix.
pub(crate) fn read_rows(rows: Vec<Row>, path: &Path, file: &str) -> Result<ParsedDocument, LadderError> {
    let mut rows = rows.into_iter().filter(|(_, cells)| cells.iter().any(|cell| !cell.is_empty()));
    let Some((header_row, header)) = rows.next() else {
        return Err(refuse(path, 1, "the spreadsheet is empty"));
    };
    let rows: Vec<Row> = rows.collect();
    let columns = Columns::of(&header);
    let mut roles = match columns.long_form() {
        Some(long) => long_form(&long, &rows, path, file)?,
        None => wide_matrix(&header, header_row, &columns, &rows, path, file)?,
    };
    distinct_titles(&mut roles);
    if roles.is_empty() {
        return Err(refuse(path, header_row, "no level has any expectation filled in"));
    }
    Ok(ParsedDocument { title: None, intro: Vec::new(), roles, untitled_headings: Vec::new() })
}

/// Which header cell names which kind of column.
#[derive(Debug, Default)]
struct Columns {
    level: Option<usize>,
    role: Option<usize>,
    competency: Option<usize>,
    description: Option<usize>,
    example: Option<usize>,
    group: Option<usize>,
    track: Option<usize>,
}

struct LongForm {
    level: Option<usize>,
    role: Option<usize>,
    competency: usize,
    description: usize,
    example: Option<usize>,
    group: Option<usize>,
    track: Option<usize>,
}

impl Columns {
    fn of(header: &[String]) -> Columns {
        let mut columns = Columns::default();
        for (index, cell) in header.iter().enumerate() {
            let slot = match comparable(cell).as_str() {
                "level" | "levels" | "grade" | "band" | "level id" | "level code" => &mut columns.level,
                "role" | "title" | "job title" | "position" | "role title" | "level name" => &mut columns.role,
                "competency" | "competencies" | "characteristic" | "skill" | "area" | "dimension" | "attribute"
                | "theme" | "topic" | "pillar" | "competency name" => &mut columns.competency,
                "description" | "expectation" | "expectations" | "criteria" | "behaviour" | "behavior"
                | "behaviours" | "behaviors" | "summary" | "details" | "detail" => &mut columns.description,
                "example" | "examples" | "evidence" | "example criteria" => &mut columns.example,
                "group" | "category" | "section" | "competency group" | "area group" => &mut columns.group,
                "track" | "path" | "ladder" | "job family" | "family" => &mut columns.track,
                _ => continue,
            };
            slot.get_or_insert(index);
        }
        columns
    }

    fn long_form(&self) -> Option<LongForm> {
        if self.level.is_none() && self.role.is_none() {
            return None;
        }
        Some(LongForm {
            level: self.level,
            role: self.role,
            competency: self.competency?,
            description: self.description?,
            example: self.example,
            group: self.group,
            track: self.track,
        })
    }
}

fn cell(cells: &[String], index: Option<usize>) -> &str {
    index.and_then(|index| cells.get(index)).map_or("", String::as_str)
}

/// "L2" or "2" or "Engineer II" → the role's title and level: a bare number is
/// "Level 2"; a prefixed title keeps its words.
fn role_of(level_cell: &str, role_cell: &str) -> (String, Option<u32>) {
    let bare = level_cell.parse::<u32>().ok().filter(|n| *n > 0);
    let (prefixed, level_words) = split_level_prefix(level_cell);
    let (role_level, role_words) = split_level_prefix(role_cell);
    let level = bare.or(prefixed).or(role_level);
    let title = if !role_words.is_empty() {
        role_words
    } else if bare.is_none() && !level_words.is_empty() {
        level_words
    } else {
        format!("Level {}", level.unwrap_or(1))
    };
    (title, level)
}

/// Spreadsheets often repeat a title across levels ("L1 Data Analyst", "L2 Data
/// Analyst"): those roles are told apart by their level ("Data Analyst 1").
fn distinct_titles(roles: &mut [ParsedRole]) {
    let mut counts = std::collections::HashMap::new();
    for role in roles.iter() {
        *counts.entry(comparable(&role.title)).or_insert(0) += 1;
    }
    for role in roles.iter_mut() {
        if let (Some(level), true) = (role.explicit_level, counts[&comparable(&role.title)] > 1) {
            role.title = format!("{} {level}", role.title);
        }
    }
}

/// A cell of several lines or bullets is several examples.
fn examples_in(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.trim().trim_start_matches(['-', '•', '*', '–']).trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

fn long_form(columns: &LongForm, rows: &[Row], path: &Path, file: &str) -> Result<Vec<ParsedRole>, LadderError> {
    let mut roles: Vec<(String, Option<String>, ParsedRole)> = Vec::new();
    for (row, cells) in rows {
        let (level_cell, role_cell) = (cell(cells, columns.level), cell(cells, columns.role));
        let competency = cell(cells, Some(columns.competency));
        let description = cell(cells, Some(columns.description));
        if level_cell.is_empty() && role_cell.is_empty() {
            return Err(refuse(path, *row, "the row names no level or role"));
        }
        if competency.is_empty() && description.is_empty() {
            continue;
        }
        let track = Some(cell(cells, columns.track)).filter(|t| !t.is_empty()).map(str::to_owned);
        let (title, level) = role_of(level_cell, role_cell);
        let key = format!("{level:?} {}", comparable(&title));
        let position = match roles.iter().position(|(k, t, _)| *k == key && *t == track) {
            Some(position) => position,
            None => {
                let mut role = ParsedRole::new(title, *row, file);
                role.explicit_level = level;
                role.track_name.clone_from(&track);
                role.characteristics_from = super::model::CharacteristicSource::Headings;
                roles.push((key, track, role));
                roles.len() - 1
            }
        };
        let role = &mut roles[position].2;
        let title = if competency.is_empty() { description } else { competency };
        let group = Some(cell(cells, columns.group)).filter(|g| !g.is_empty()).map(str::to_owned);
        let mut examples = if competency.is_empty() { Vec::new() } else { examples_in(description) };
        examples.extend(examples_in(cell(cells, columns.example)));
        match role.characteristics.iter_mut().find(|c| c.title == title && c.group == group) {
            Some(existing) => existing.examples.extend(examples),
            None => {
                let mut characteristic = ParsedCharacteristic::new(title.to_owned(), examples);
                characteristic.group = group;
                role.characteristics.push(characteristic);
            }
        }
    }
    Ok(roles.into_iter().map(|(_, _, role)| role).collect())
}

/// The wide matrix's leading columns: (group, competency, first level column). Usually
/// the competencies are the first column, after an optional group column; a sheet whose
/// level columns (named as levels) start later has several leading columns — a category,
/// the competency's name, a description — told apart by their headers.
fn leading_columns(header: &[String], columns: &Columns, rows: &[Row]) -> (Option<usize>, usize, usize) {
    use super::reading::level_words::{is_level_name, is_role_name};
    let first_level = (1..header.len()).find(|&index| is_level_name(&header[index])).filter(|&at| {
        let levels: Vec<&String> = header[at..].iter().filter(|cell| !cell.is_empty()).collect();
        (2..=4).contains(&at)
            && levels.len() >= 2
            && levels.iter().all(|cell| is_role_name(cell))
            && !is_level_name(&header[0])
    });
    if let Some(first_level) = first_level {
        // The competency is the leading column whose values differ most from row to row
        // (the one of shorter text on a tie: a name, not a description); a column of fewer, repeated values groups them; a
        // description column is neither.
        let description = columns.description.filter(|&index| index < first_level);
        let distinct = |index: usize| {
            let values: std::collections::HashSet<&str> =
                rows.iter().map(|(_, cells)| cell(cells, Some(index))).filter(|v| !v.is_empty()).collect();
            values.len()
        };
        let leading: Vec<usize> = (0..first_level).filter(|&index| Some(index) != description).collect();
        let length = |index: usize| rows.iter().map(|(_, cells)| cell(cells, Some(index)).len()).sum::<usize>();
        let named = leading.iter().max_by_key(|&&index| (distinct(index), std::cmp::Reverse(length(index))));
        if let Some(&competency) = named {
            let group = leading
                .iter()
                .copied()
                .filter(|&index| index != competency && distinct(index) < distinct(competency))
                .min_by_key(|&index| distinct(index));
            return (group, competency, first_level);
        }
    }
    // An optional group column before the competency column; levels after it.
    let group = columns.group.filter(|&g| g == 0 && columns.competency == Some(1));
    let competency = if group.is_some() { 1 } else { 0 };
    (group, competency, competency + 1)
}

fn wide_matrix(
    header: &[String],
    header_row: u32,
    columns: &Columns,
    rows: &[Row],
    path: &Path,
    file: &str,
) -> Result<Vec<ParsedRole>, LadderError> {
    let (group, competency, first_level) = leading_columns(header, columns, rows);
    let level_columns: Vec<usize> = (first_level..header.len()).filter(|&index| !header[index].is_empty()).collect();
    if level_columns.is_empty() {
        return Err(refuse(path, header_row, "the header row names no levels"));
    }
    let mut roles = Vec::new();
    for &column in &level_columns {
        let (title, level) = role_of(&header[column], "");
        let mut role = ParsedRole::new(title, header_row, file);
        role.explicit_level = level;
        role.characteristics_from = super::model::CharacteristicSource::Headings;
        let mut current_group = None;
        for (_, cells) in rows {
            let group_cell = cell(cells, group);
            if !group_cell.is_empty() {
                current_group = Some(group_cell.to_owned());
            }
            let name = cell(cells, Some(competency));
            let expectation = cell(cells, Some(column));
            if name.is_empty() || expectation.is_empty() {
                continue;
            }
            let mut characteristic = ParsedCharacteristic::new(name.to_owned(), examples_in(expectation));
            characteristic.group.clone_from(&current_group);
            role.characteristics.push(characteristic);
        }
        if !role.characteristics.is_empty() {
            roles.push(role);
        }
    }
    Ok(roles)
}
