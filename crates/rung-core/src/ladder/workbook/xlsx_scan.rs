//! What an Excel workbook's XML claims, read as a stream before calamine reads it:
//! how many shared strings it declares and holds (calamine reserves room for the
//! declared count when it opens the file), and where every filled cell of every part
//! sits, with the text it brings (a shared string referenced from every cell is
//! copied into every cell).
//!
//! Cells are placed as calamine places them: a cell's `r` if it has one, else the
//! column after the previous cell in the row given by the last `<row r>`.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::archive::Refusal;
use super::grid::Grid;
use crate::ladder::limits::{Bound, Budget};

fn xml<R: BufRead>(reader: R) -> Reader<R> {
    let mut xml = Reader::from_reader(reader);
    xml.config_mut().check_end_names = false;
    xml
}

fn broken(error: quick_xml::Error) -> Refusal {
    Refusal::Broken(error.to_string())
}

fn attribute(element: &BytesStart<'_>, local_name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == local_name)
        .map(|attribute| attribute.value.into_owned())
}

fn number(text: &str) -> Option<u64> {
    text.trim().parse().ok()
}

/// The length in bytes of each shared string, in order.
pub(super) fn shared_string_lengths(reader: &mut dyn BufRead) -> Result<Vec<u64>, Refusal> {
    let mut xml = xml(reader);
    let mut buffer = Vec::new();
    let mut lengths = Vec::new();
    let mut current: Option<u64> = None;
    loop {
        match xml.read_event_into(&mut buffer).map_err(broken)? {
            Event::Start(element) if element.local_name().as_ref() == "sst" => {
                for declared in ["uniqueCount", "count"] {
                    if attribute(&element, declared).and_then(|value| number(&value)).unwrap_or(0)
                        > Bound::SharedStrings.limit()
                    {
                        return Err(Bound::SharedStrings.into());
                    }
                }
            }
            Event::Start(element) if element.local_name().as_ref() == "si" => current = Some(0),
            Event::Empty(element) if element.local_name().as_ref() == "si" => lengths.push(0),
            Event::End(element) if element.local_name().as_ref() == "si" => {
                lengths.push(current.take().unwrap_or(0));
                if lengths.len() as u64 > Bound::SharedStrings.limit() {
                    return Err(Bound::SharedStrings.into());
                }
            }
            Event::Text(text) => add(&mut current, text.len()),
            Event::CData(text) => add(&mut current, text.len()),
            Event::GeneralRef(_) => add(&mut current, 1),
            Event::Eof => return Ok(lengths),
            _ => {}
        }
        buffer.clear();
    }
}

fn add(current: &mut Option<u64>, length: usize) {
    if let Some(total) = current {
        *total = total.saturating_add(length as u64);
    }
}

/// The cells of every part scanned so far.
pub(super) struct Cells<'a> {
    shared_strings: &'a [u64],
    grid: Grid,
    text: Budget,
}

/// The cell being read: where it is, whether anything is in it, what text it brings.
struct OpenCell {
    row: u64,
    column: u64,
    shared: bool,
    filled: bool,
    in_value: bool,
    value: String,
    text: u64,
}

impl<'a> Cells<'a> {
    pub(super) fn new(shared_strings: &'a [u64]) -> Cells<'a> {
        Cells { shared_strings, grid: Grid::new(), text: Budget::new(Bound::CellText) }
    }

    /// One XML part (a worksheet, or any other part: one without cells costs nothing).
    pub(super) fn scan(&mut self, reader: &mut dyn BufRead) -> Result<(), Refusal> {
        self.grid.next_sheet()?;
        let mut xml = xml(reader);
        let mut buffer = Vec::new();
        let (mut row, mut column) = (0u64, 0u64);
        let mut cell: Option<OpenCell> = None;
        loop {
            match xml.read_event_into(&mut buffer).map_err(broken)? {
                Event::Start(element) => match element.local_name().as_ref() {
                    "row" => {
                        if let Some(number) = attribute(&element, "r").and_then(|value| number(&value)) {
                            row = number.saturating_sub(1);
                        }
                    }
                    "c" => {
                        let place = attribute(&element, "r").and_then(|value| cell_reference(&value));
                        if let Some((at_row, at_column)) = place {
                            (row, column) = (at_row, at_column);
                        }
                        let shared = attribute(&element, "t").is_some_and(|kind| kind == "s");
                        cell = Some(OpenCell {
                            row,
                            column,
                            shared,
                            filled: false,
                            in_value: false,
                            value: String::new(),
                            text: 0,
                        });
                    }
                    "v" | "is" | "f" => {
                        if let Some(open) = &mut cell {
                            open.filled = true;
                            open.in_value |= element.local_name().as_ref() == "v";
                        }
                    }
                    _ => {}
                },
                Event::End(element) => match element.local_name().as_ref() {
                    "row" => (row, column) = (row.saturating_add(1), 0),
                    "v" => {
                        if let Some(open) = &mut cell {
                            open.in_value = false;
                        }
                    }
                    "c" => {
                        if let Some(open) = cell.take() {
                            self.close(open)?;
                            column = column.saturating_add(1);
                        }
                    }
                    _ => {}
                },
                Event::Text(text) => {
                    if let Some(open) = &mut cell {
                        open.text = open.text.saturating_add(text.len() as u64);
                        if open.in_value && open.value.len() < 24 {
                            open.value.push_str(&text);
                        }
                    }
                }
                Event::CData(text) => {
                    if let Some(open) = &mut cell {
                        open.text = open.text.saturating_add(text.len() as u64);
                    }
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
            buffer.clear();
        }
    }

    fn close(&mut self, cell: OpenCell) -> Result<(), Refusal> {
        if !cell.filled {
            return Ok(());
        }
        self.grid.fill(cell.row..cell.row + 1, cell.column..cell.column + 1)?;
        let text = if cell.shared {
            number(&cell.value).and_then(|index| self.shared_strings.get(index as usize).copied()).unwrap_or(0)
        } else {
            cell.text
        };
        self.text.spend(text)?;
        Ok(())
    }
}

/// "AB12" as (row 11, column 27), 0-based; `None` when it is not a cell reference.
fn cell_reference(reference: &str) -> Option<(u64, u64)> {
    let reference = reference.as_bytes();
    let letters = reference.iter().take_while(|byte| byte.is_ascii_alphabetic()).count();
    let (column_letters, row_digits) = reference.split_at(letters);
    if letters == 0 || letters > 3 || row_digits.is_empty() {
        return None;
    }
    let column = column_letters
        .iter()
        .fold(0u64, |column, letter| column * 26 + u64::from(letter.to_ascii_uppercase() - b'A' + 1));
    let row = number(std::str::from_utf8(row_digits).ok()?)?;
    Some((row.checked_sub(1)?, column - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_read_as_calamine_reads_them() {
        assert_eq!(cell_reference("A1"), Some((0, 0)));
        assert_eq!(cell_reference("AB12"), Some((11, 27)));
        assert_eq!(cell_reference("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_reference("12"), None);
    }

    fn scan(sheet: &str, shared: &[u64]) -> Result<(), Refusal> {
        Cells::new(shared).scan(&mut sheet.as_bytes())
    }

    #[test]
    fn a_shared_string_in_every_cell_counts_in_every_cell() {
        let row: String = (0..100).map(|_| r#"<c t="s"><v>0</v></c>"#).collect();
        let sheet = format!("<sheetData>{}</sheetData>", format!("<row>{row}</row>").repeat(400));
        assert!(scan(&sheet, &[100]).is_ok());
        assert!(matches!(scan(&sheet, &[1_000_000]), Err(Refusal::Over(over)) if over.bound == Bound::CellText));
    }

    #[test]
    fn empty_styled_cells_cost_nothing() {
        let sheet = r#"<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576" s="3"/></row></sheetData>"#;
        assert!(scan(sheet, &[]).is_ok());
    }
}
