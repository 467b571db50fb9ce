//! Ladders kept in an Excel (.xlsx, .xlsm) or OpenDocument (.ods) workbook: checked
//! under the limits of `ladder::limits` as the zip unpacks (`archive`), then read with
//! calamine, the reader for the file's own format (so a broken .ods is not reported
//! as "Cannot detect file format"). The legacy binary formats (.xls, .xlsb) are not
//! read: they cannot be checked before calamine allocates what they claim.

mod archive;
mod grid;
mod ods_scan;
mod xlsx_scan;

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

use super::error::LadderError;
use super::spreadsheet::{read_rows, Row};
use super::text::comparable;
use archive::Refusal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Ods,
}

fn refuse(path: &Path, reason: impl Into<String>) -> LadderError {
    LadderError::InvalidSpreadsheet { path: path.to_owned(), row: 1, reason: reason.into() }
}

fn broken(path: &Path, reason: String) -> LadderError {
    LadderError::BrokenWorkbook { path: path.to_owned(), reason }
}

/// The first sheet that holds a ladder (a workbook often starts with a notes sheet);
/// the sheet's name titles the ladder unless it is a default name ("Sheet1").
pub(super) fn ladder_sheet(bytes: &[u8], path: &Path) -> Result<(Option<String>, Vec<Row>), LadderError> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let format = match extension.as_str() {
        "xlsx" | "xlsm" => Format::Xlsx,
        "ods" => Format::Ods,
        _ => return Err(LadderError::UnsupportedWorkbook { path: path.to_owned() }),
    };
    archive::check(bytes, format).map_err(|refusal| match refusal {
        Refusal::Over(over) => LadderError::OverLimit { path: path.to_owned(), over },
        Refusal::Broken(reason) => broken(path, reason),
    })?;
    let cursor = Cursor::new(bytes);
    match format {
        Format::Xlsx => first_ladder_sheet(calamine::Xlsx::new(cursor), path),
        Format::Ods => first_ladder_sheet(calamine::Ods::new(cursor), path),
    }
}

fn first_ladder_sheet<'a, W, E>(workbook: Result<W, E>, path: &Path) -> Result<(Option<String>, Vec<Row>), LadderError>
where
    W: Reader<Cursor<&'a [u8]>, Error = E>,
    E: std::fmt::Display,
{
    let mut workbook = workbook.map_err(|error| broken(path, error.to_string()))?;
    let mut first_error = None;
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|error| refuse(path, format!("sheet \"{name}\" does not read: {error}")))?;
        let first_row = range.start().map_or(0, |(row, _)| row);
        let rows: Vec<Row> = range
            .rows()
            .enumerate()
            .map(|(index, cells)| (first_row + index as u32 + 1, cells.iter().map(cell_text).collect()))
            .collect();
        match read_rows(rows.clone(), path, "") {
            Ok(_) => {
                let is_default = comparable(&name).starts_with("sheet");
                return Ok(((!is_default).then_some(name), rows));
            }
            Err(error) => first_error = first_error.or(Some(error)),
        }
    }
    Err(first_error.unwrap_or_else(|| refuse(path, "the workbook has no sheets")))
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => format!("{}", *number as i64),
        Data::Empty | Data::Error(_) => String::new(),
        other => other.to_string().trim().to_owned(),
    }
}
