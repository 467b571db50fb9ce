//! The cells a workbook reader will allocate: the box spanned by each sheet's filled
//! cells (calamine stores a sheet as that whole box), summed over the sheets.

use std::ops::Range;

use crate::ladder::limits::{Bound, Budget};

/// Rows and columns, 0-based, half-open.
#[derive(Debug, Clone, Copy)]
struct Span {
    rows: (u64, u64),
    columns: (u64, u64),
}

impl Span {
    fn area(&self) -> u64 {
        (self.rows.1 - self.rows.0).saturating_mul(self.columns.1 - self.columns.0)
    }
}

#[derive(Debug)]
pub(super) struct Grid {
    finished: Budget,
    sheet: Option<Span>,
}

impl Grid {
    pub(super) fn new() -> Grid {
        Grid { finished: Budget::new(Bound::Cells), sheet: None }
    }

    /// The next cells belong to another sheet.
    pub(super) fn next_sheet(&mut self) -> Result<(), Bound> {
        if let Some(sheet) = self.sheet.take() {
            self.finished.spend(sheet.area())?;
        }
        Ok(())
    }

    /// Cells with something in them (a repeated cell fills several); refused as soon as
    /// the boxes would pass the limit, before anything that size exists.
    pub(super) fn fill(&mut self, rows: Range<u64>, columns: Range<u64>) -> Result<(), Bound> {
        if rows.is_empty() || columns.is_empty() {
            return Ok(());
        }
        let span = match self.sheet {
            None => Span { rows: (rows.start, rows.end), columns: (columns.start, columns.end) },
            Some(span) => Span {
                rows: (span.rows.0.min(rows.start), span.rows.1.max(rows.end)),
                columns: (span.columns.0.min(columns.start), span.columns.1.max(columns.end)),
            },
        };
        self.finished.check(span.area())?;
        self.sheet = Some(span);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_far_cells_span_the_box_between_them() {
        let mut grid = Grid::new();
        assert_eq!(grid.fill(0..1, 0..1), Ok(()));
        assert_eq!(grid.fill(1_048_575..1_048_576, 16_383..16_384), Err(Bound::Cells));
    }

    #[test]
    fn the_limit_counts_every_sheet() {
        let mut grid = Grid::new();
        for _ in 0..3 {
            grid.next_sheet().unwrap();
            grid.fill(0..300, 0..400).unwrap();
        }
        grid.next_sheet().unwrap();
        assert_eq!(grid.fill(0..300, 0..400), Err(Bound::Cells));
    }
}
