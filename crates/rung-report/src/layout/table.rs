//! Tables that break across pages: a row is never split, and the header row is
//! repeated at the top of every page the table continues on.

use super::page::{Align, Colour, Pages, Style, SMALL};
use super::text::{fit_line, printable, wrap};

pub struct Column {
    pub title: String,
    /// Share of the content width.
    pub share: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: impl Into<String>, share: f32, align: Align) -> Column {
        Column { title: title.into(), share, align }
    }
}

#[derive(Clone)]
pub struct Cell {
    pub text: String,
    pub style: Style,
    /// A tinted background, for cells that need the reader's eye (flags, gaps).
    pub tint: Option<Colour>,
}

impl Cell {
    pub fn new(text: impl Into<String>, style: Style) -> Cell {
        Cell { text: text.into(), style, tint: None }
    }

    pub fn tinted(mut self, tint: Colour) -> Cell {
        self.tint = Some(tint);
        self
    }
}

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.5;
const HEADER: Style = Style { face: super::fonts::Face::Bold, ..SMALL };

struct Geometry {
    xs: Vec<f32>,
    widths: Vec<f32>,
}

fn geometry(pages: &Pages, columns: &[Column]) -> Geometry {
    let total: f32 = columns.iter().map(|c| c.share).sum();
    let mut x = pages.left();
    let mut xs = Vec::new();
    let mut widths = Vec::new();
    for column in columns {
        let width = pages.content_width() * column.share / total;
        xs.push(x);
        widths.push(width);
        x += width;
    }
    Geometry { xs, widths }
}

/// A row wrapped to its columns once: its lines per cell and its height.
struct LaidRow {
    cells: Vec<Cell>,
    lines: Vec<Vec<String>>,
    height: f32,
}

fn lay_out(pages: &mut Pages, geometry: &Geometry, cells: Vec<Cell>) -> LaidRow {
    let lines: Vec<Vec<String>> = cells
        .iter()
        .zip(&geometry.widths)
        .map(|(cell, width)| {
            let drawn = printable(&cell.text, cell.style.face, &mut pages.missing);
            wrap(&drawn, cell.style.face, cell.style.size, width - 2.0 * PAD_X)
        })
        .collect();
    let height =
        cells.iter().zip(&lines).map(|(cell, lines)| lines.len() as f32 * cell.style.leading()).fold(0.0, f32::max)
            + 2.0 * PAD_Y;
    LaidRow { cells, lines, height }
}

fn draw_row(pages: &mut Pages, geometry: &Geometry, columns: &[Column], row: &LaidRow, shade: Option<Colour>) {
    let (top, height) = (pages.y, row.height);
    let full_width = pages.content_width();
    if let Some(shade) = shade {
        pages.fill(pages.left(), top, full_width, height, shade);
    }
    for (index, (cell, lines)) in row.cells.iter().zip(&row.lines).enumerate() {
        let (x, width) = (geometry.xs[index], geometry.widths[index]);
        if let Some(tint) = cell.tint {
            pages.fill(x, top, width, height, tint);
        }
        let anchor = match columns[index].align {
            Align::Left => x + PAD_X,
            Align::Right => x + width - PAD_X,
            Align::Centre => x + width / 2.0,
        };
        for (line_index, line) in lines.iter().enumerate() {
            let baseline = top + PAD_Y + (line_index as f32 + 1.0) * cell.style.leading() - cell.style.leading() * 0.25;
            pages.text_at(anchor, baseline, line, cell.style, columns[index].align, None);
        }
    }
    pages.y = top + height;
    let (left, right) = (pages.left(), pages.left() + full_width);
    pages.rule(left, right, pages.y, Colour::RULE, 0.4, None);
}

/// The column geometry and, unless every title is empty (a table of label/value pairs),
/// the header row. Header labels stay on one line: a wrapped "Søre/n" reads as two words.
fn frame(pages: &mut Pages, columns: &[Column]) -> (Geometry, Option<LaidRow>) {
    let geometry = geometry(pages, columns);
    let header = columns.iter().any(|c| !c.title.is_empty()).then(|| {
        let cells = columns
            .iter()
            .zip(&geometry.widths)
            .map(|(c, width)| Cell::new(fit_line(&c.title, HEADER.face, HEADER.size, width - 2.0 * PAD_X), HEADER))
            .collect();
        lay_out(pages, &geometry, cells)
    });
    (geometry, header)
}

/// The height `table` will take if it does not break (to keep a short table whole).
pub fn table_height(pages: &mut Pages, columns: &[Column], rows: &[Vec<Cell>]) -> f32 {
    let (geometry, header) = frame(pages, columns);
    let body: f32 = rows.iter().map(|row| lay_out(pages, &geometry, row.clone()).height).sum();
    header.map_or(0.0, |h| h.height) + body
}

/// Draws the table at the cursor. Keeps the header with at least the first row.
pub fn table(pages: &mut Pages, columns: &[Column], rows: Vec<Vec<Cell>>) {
    let (geometry, header) = frame(pages, columns);
    let mut header_on_this_page = false;
    for cells in rows {
        let row = lay_out(pages, &geometry, cells);
        let page_before = pages.page_count();
        let header_height = header.as_ref().filter(|_| !header_on_this_page).map_or(0.0, |h| h.height);
        pages.ensure(row.height + header_height);
        if pages.page_count() != page_before {
            header_on_this_page = false;
        }
        if let Some(header) = header.as_ref().filter(|_| !header_on_this_page) {
            draw_row(pages, &geometry, columns, header, Some(Colour::SHADE));
        }
        header_on_this_page = true;
        draw_row(pages, &geometry, columns, &row, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Paper;
    use crate::layout::page::BODY;

    #[test]
    fn a_long_table_breaks_across_pages_and_repeats_its_header() {
        let mut pages = Pages::new(Paper::Letter);
        let columns = [Column::new("Characteristic", 0.7, Align::Left), Column::new("Panel", 0.3, Align::Right)];
        let rows = (0..120).map(|n| vec![Cell::new(format!("Row {n}"), BODY), Cell::new("3.0", BODY)]).collect();
        table(&mut pages, &columns, rows);
        assert!(pages.page_count() >= 3, "{} pages", pages.page_count());
        let mut seen = Vec::new();
        for index in 0..pages.page_count() {
            let texts = pages.texts_on(index);
            assert_eq!(texts[..2], ["Characteristic", "Panel"], "page {} starts with the header", index + 1);
            seen.extend(texts.into_iter().filter(|t| t.starts_with("Row ")));
        }
        let expected: Vec<String> = (0..120).map(|n| format!("Row {n}")).collect();
        assert_eq!(seen, expected, "every row once, in order, none split");
    }
}
