//! What reading one ladder file may cost, in one table. Every reader checks its bound
//! while it reads, before it allocates what the input claims, so that no file under
//! `MAX_FILE_BYTES` costs more than a few tens of MiB however it is crafted: a workbook
//! is a zip of XML that can unpack a thousandfold, claim a million rows, repeat a cell
//! sixteen thousand times or reference one long shared string from every cell.
//!
//! A real ladder is far inside every bound (the largest seen: 14 sheets, 3,000 cells,
//! 400 KiB unpacked), so reaching one means the file is not a ladder.

use std::fmt;

/// One thing a reader counts, with its limit and the words that explain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// Files packed inside a workbook (a zip).
    ArchiveEntries,
    /// Bytes a workbook unpacks to, counted as they are unpacked (a zip's own sizes can lie).
    UnpackedBytes,
    /// Cells spanned by the filled cells of every sheet, repeats expanded: what the
    /// workbook reader allocates for the sheets' grids.
    Cells,
    /// Shared strings a workbook declares or holds.
    SharedStrings,
    /// Text in the cells once shared strings and repeats are expanded.
    CellText,
    /// Cells in a CSV or TSV file.
    CsvCells,
    /// Lists and maps inside one another in JSON, YAML or a JavaScript literal.
    Nesting,
}

impl Bound {
    /// The limit. Cells of every sheet together, so a workbook of many sheets cannot
    /// multiply the cost.
    pub const fn limit(self) -> u64 {
        match self {
            Bound::ArchiveEntries => 1_000,
            Bound::UnpackedBytes => 32 * 1024 * 1024,
            Bound::Cells => 400_000,
            Bound::SharedStrings => 200_000,
            Bound::CellText => 16 * 1024 * 1024,
            Bound::CsvCells => 200_000,
            Bound::Nesting => 32,
        }
    }

    /// What is over the limit, as the middle of a sentence.
    fn what(self) -> String {
        let limit = self.limit();
        match self {
            Bound::ArchiveEntries => format!("the workbook packs more than {} files", thousands(limit)),
            Bound::UnpackedBytes => format!("the workbook unpacks to more than {} MiB", limit / (1024 * 1024)),
            Bound::Cells => format!("its sheets span more than {} cells", thousands(limit)),
            Bound::SharedStrings => format!("the workbook has more than {} shared strings", thousands(limit)),
            Bound::CellText => format!("its cells hold more than {} MiB of text", limit / (1024 * 1024)),
            Bound::CsvCells => format!("the file has more than {} cells", thousands(limit)),
            Bound::Nesting => format!("the data nests lists and maps more than {limit} deep"),
        }
    }

    /// What to do when the file is the ladder after all.
    pub fn advice(self) -> &'static str {
        match self {
            Bound::ArchiveEntries | Bound::UnpackedBytes | Bound::Cells | Bound::SharedStrings | Bound::CellText => {
                "If it is the ladder, copy the sheet of levels and competencies into a new workbook (or save that sheet as CSV) and import that."
            }
            Bound::CsvCells => "If it is the ladder, delete the rows and columns that are not part of it and import it again.",
            Bound::Nesting => "If it is the ladder, export it as markdown, a spreadsheet or Rung's ladder JSON and import that.",
        }
    }

    /// A short stable name for scripts and tests.
    pub fn name(self) -> &'static str {
        match self {
            Bound::ArchiveEntries => "archive_entries",
            Bound::UnpackedBytes => "unpacked_bytes",
            Bound::Cells => "cells",
            Bound::SharedStrings => "shared_strings",
            Bound::CellText => "cell_text",
            Bound::CsvCells => "csv_cells",
            Bound::Nesting => "nesting",
        }
    }
}

/// The sentence after the file's name: what is too much, and where, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverLimit {
    pub bound: Bound,
    /// "sheet \"Ladder\"", "row 1200", or empty.
    pub place: String,
}

impl fmt::Display for OverLimit {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = self.bound.what();
        if self.place.is_empty() {
            write!(formatter, "{what}")
        } else {
            write!(formatter, "{what} ({})", self.place)
        }
    }
}

/// A running count against one bound.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    bound: Bound,
    used: u64,
}

impl Budget {
    pub fn new(bound: Bound) -> Budget {
        Budget { bound, used: 0 }
    }

    /// Counts `amount` more; `Err` with the bound once the total passes its limit.
    pub fn spend(&mut self, amount: u64) -> Result<(), Bound> {
        self.used = self.used.saturating_add(amount);
        self.check(0)
    }

    /// Whether `extra` on top of what is spent would still be within the limit.
    pub fn check(&self, extra: u64) -> Result<(), Bound> {
        if self.used.saturating_add(extra) > self.bound.limit() {
            Err(self.bound)
        } else {
            Ok(())
        }
    }

    pub fn used(&self) -> u64 {
        self.used
    }
}

fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_refuses_only_past_its_limit() {
        let mut budget = Budget::new(Bound::Nesting);
        assert_eq!(budget.spend(32), Ok(()));
        assert_eq!(budget.spend(1), Err(Bound::Nesting));
        assert_eq!(Budget::new(Bound::Cells).check(u64::MAX), Err(Bound::Cells));
    }

    #[test]
    fn each_bound_says_what_is_too_much() {
        let over = OverLimit { bound: Bound::Cells, place: "sheet \"Ladder\"".into() };
        assert_eq!(over.to_string(), "its sheets span more than 400,000 cells (sheet \"Ladder\")");
        assert_eq!(Bound::UnpackedBytes.what(), "the workbook unpacks to more than 32 MiB");
    }
}
