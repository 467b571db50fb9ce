//! What an OpenDocument spreadsheet's `content.xml` claims, read as a stream before
//! calamine reads it. OpenDocument compresses a run of equal rows or cells into one
//! element with a repeat count, which calamine expands: a filled cell repeated 16,000
//! times in a row repeated a million times is a few bytes. Trailing empty repeats are
//! how every spreadsheet program ends a sheet and cost nothing; filled ones count as
//! the cells they become, and so does their text (`<text:s text:c="N"/>` is N spaces).

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::archive::Refusal;
use super::grid::Grid;
use crate::ladder::limits::{Bound, Budget};

fn repeats(element: &BytesStart<'_>, local_name: &str) -> u64 {
    element
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == local_name)
        .and_then(|attribute| attribute.value.trim().parse().ok())
        .unwrap_or(1)
}

fn has_attribute(element: &BytesStart<'_>, local_name: &str) -> bool {
    element.attributes().flatten().any(|attribute| attribute.key.local_name().as_ref() == local_name)
}

fn is_cell(local_name: &str) -> bool {
    matches!(local_name, "table-cell" | "covered-table-cell")
}

struct OpenCell {
    repeats: u64,
    filled: bool,
    text: u64,
}

/// Rows and cells of every table, in the order written.
struct Tables {
    grid: Grid,
    text: Budget,
    row: u64,
    row_repeats: u64,
    column: u64,
}

impl Tables {
    fn close(&mut self, cell: OpenCell) -> Result<(), Refusal> {
        if cell.filled {
            let rows = self.row..self.row.saturating_add(self.row_repeats);
            let columns = self.column..self.column.saturating_add(cell.repeats);
            self.grid.fill(rows, columns)?;
            self.text.spend(cell.text.saturating_mul(cell.repeats).saturating_mul(self.row_repeats))?;
        }
        self.column = self.column.saturating_add(cell.repeats);
        Ok(())
    }
}

pub(super) fn scan(reader: &mut dyn BufRead) -> Result<(), Refusal> {
    let mut xml = Reader::from_reader(reader);
    xml.config_mut().check_end_names = false;
    let mut tables =
        Tables { grid: Grid::new(), text: Budget::new(Bound::CellText), row: 0, row_repeats: 1, column: 0 };
    let mut cell: Option<OpenCell> = None;
    let mut buffer = Vec::new();
    loop {
        match xml.read_event_into(&mut buffer).map_err(|error| Refusal::Broken(error.to_string()))? {
            Event::Start(element) | Event::Empty(element) if element.local_name().as_ref() == "table" => {
                tables.grid.next_sheet()?;
                tables.row = 0;
            }
            Event::Start(element) if element.local_name().as_ref() == "table-row" => {
                tables.row_repeats = repeats(&element, "number-rows-repeated");
                tables.column = 0;
            }
            Event::Empty(element) if element.local_name().as_ref() == "table-row" => {
                tables.row = tables.row.saturating_add(repeats(&element, "number-rows-repeated"));
            }
            Event::End(element) if element.local_name().as_ref() == "table-row" => {
                tables.row = tables.row.saturating_add(tables.row_repeats);
                tables.row_repeats = 1;
            }
            Event::Start(element) if is_cell(element.local_name().as_ref()) => {
                let repeats = repeats(&element, "number-columns-repeated");
                cell = Some(OpenCell { repeats, filled: has_attribute(&element, "value-type"), text: 0 });
            }
            Event::Empty(element) if is_cell(element.local_name().as_ref()) => {
                let repeats = repeats(&element, "number-columns-repeated");
                tables.close(OpenCell { repeats, filled: has_attribute(&element, "value-type"), text: 0 })?;
            }
            Event::End(element) if is_cell(element.local_name().as_ref()) => {
                if let Some(open) = cell.take() {
                    tables.close(open)?;
                }
            }
            Event::Start(element) | Event::Empty(element) if element.local_name().as_ref() == "s" => {
                if let Some(open) = &mut cell {
                    open.filled = true;
                    open.text = open.text.saturating_add(repeats(&element, "c"));
                }
            }
            Event::Text(text) => {
                if let Some(open) = &mut cell {
                    open.filled |= !text.trim().is_empty();
                    open.text = open.text.saturating_add(text.len() as u64);
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buffer.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &str) -> String {
        format!("<office:document-content><table:table>{rows}</table:table></office:document-content>")
    }

    fn bound(content: &str) -> Option<Bound> {
        match scan(&mut content.as_bytes()) {
            Ok(()) => None,
            Err(Refusal::Over(over)) => Some(over.bound),
            Err(Refusal::Broken(reason)) => panic!("{reason}"),
        }
    }

    const CELL: &str = r#"<table:table-cell office:value-type="string"><text:p>Owns it</text:p></table:table-cell>"#;

    #[test]
    fn trailing_empty_repeats_cost_nothing() {
        let rows = format!(
            r#"<table:table-row>{CELL}{CELL}</table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
        );
        assert_eq!(bound(&table(&rows)), None);
    }

    #[test]
    fn a_filled_cell_repeated_a_million_times_is_refused() {
        let rows = r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
        assert_eq!(bound(&table(rows)), Some(Bound::Cells));
    }

    #[test]
    fn spaces_written_as_a_count_are_counted() {
        let rows = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="999999999999"/></text:p></table:table-cell></table:table-row>"#;
        assert_eq!(bound(&table(rows)), Some(Bound::CellText));
    }
}
