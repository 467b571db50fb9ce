//! Ladders written as markdown tables: the roles are a table's rows (each column an
//! expectation) or its level columns (each row a competency, after one or more leading
//! name, category or description columns — the same reading as a spreadsheet's). The
//! heading above a table names it: the group of its competencies, or the track of its roles.

use std::path::Path;

use crate::ladder::error::LadderError;
use crate::ladder::mapping::TableRoles;
use crate::ladder::markdown::document::{context_sections, ParsedCharacteristic, ParsedDocument, ParsedRole};
use crate::ladder::markdown::outline::Block;
use crate::ladder::model::CharacteristicSource;
use crate::ladder::spreadsheet::{read_rows, Row};
use crate::ladder::text::{comparable, split_role_title, tidy_title};

/// A table of the document: the heading above it and its rows, header first.
struct Table {
    heading: Option<String>,
    rows: Vec<Row>,
}

fn tables_of(blocks: &[Block]) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut heading = None;
    let mut in_table = false;
    for block in blocks {
        match block {
            Block::TableRow { cells, header, line } => {
                if *header || !in_table {
                    tables.push(Table { heading: heading.clone(), rows: Vec::new() });
                }
                in_table = true;
                tables.last_mut().expect("pushed").rows.push((*line, cells.clone()));
            }
            Block::Heading { text, .. } => {
                heading = Some(tidy_title(text)).filter(|t| !t.is_empty());
                in_table = false;
            }
            _ => in_table = false,
        }
    }
    tables.retain(|table| table.rows.len() >= 2 && table.rows[0].1.len() >= 2);
    tables
}

/// True when the document has a table a ladder could be read from.
pub fn has_tables(blocks: &[Block]) -> bool {
    !tables_of(blocks).is_empty()
}

/// The document's tables read as roles (`how`: rows or columns); the rest of the
/// document is the ladder's introduction.
pub fn read(blocks: &[Block], how: TableRoles, path: &Path, file: &str) -> Result<ParsedDocument, LadderError> {
    let title = blocks.iter().find_map(|block| match block {
        Block::Heading { level: 1, text, .. } => Some(tidy_title(text)),
        _ => None,
    });
    let tables = tables_of(blocks);
    let mut roles: Vec<ParsedRole> = Vec::new();
    for table in &tables {
        let read = match how {
            TableRoles::Rows => roles_of_rows(table, file),
            _ => roles_of_columns(table, path, file)?,
        };
        for role in read {
            match roles.iter_mut().find(|known| comparable(&known.title) == comparable(&role.title)) {
                Some(known) if how == TableRoles::Columns => known.characteristics.extend(role.characteristics),
                _ => roles.push(role),
            }
        }
    }
    let prose: Vec<Block> = blocks.iter().filter(|block| !matches!(block, Block::TableRow { .. })).cloned().collect();
    let intro = context_sections(&prose, "Introduction");
    Ok(ParsedDocument { title, intro, roles, untitled_headings: Vec::new() })
}

/// One role per row, titled by its first cell; every other column an expectation named
/// by its header. Several tables are several tracks, named by their headings.
fn roles_of_rows(table: &Table, file: &str) -> Vec<ParsedRole> {
    let (_, header) = &table.rows[0];
    let mut roles = Vec::new();
    for (line, cells) in &table.rows[1..] {
        let Some(first) = cells.first().map(|cell| tidy_title(cell)).filter(|cell| !cell.is_empty()) else { continue };
        let (level, title) = split_role_title(&first);
        let mut role = ParsedRole::new(title, *line, file);
        role.explicit_level = level;
        role.track_name.clone_from(&table.heading);
        role.characteristics_from = CharacteristicSource::Headings;
        for (column, cell) in cells.iter().enumerate().skip(1) {
            let name = header.get(column).map(|name| tidy_title(name)).filter(|name| !name.is_empty());
            if let (Some(name), false) = (name, cell.trim().is_empty()) {
                role.characteristics.push(ParsedCharacteristic::new(name, vec![cell.trim().to_owned()]));
            }
        }
        roles.push(role);
    }
    roles
}

/// One role per level column, as a spreadsheet's wide matrix; the table's heading groups
/// its competencies.
fn roles_of_columns(table: &Table, path: &Path, file: &str) -> Result<Vec<ParsedRole>, LadderError> {
    let mut roles = read_rows(table.rows.clone(), path, file)?.roles;
    for role in &mut roles {
        for characteristic in &mut role.characteristics {
            if characteristic.group.is_none() {
                characteristic.group.clone_from(&table.heading);
            }
        }
    }
    Ok(roles)
}
