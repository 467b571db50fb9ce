//! Pages with a flowing cursor: the report is written top to bottom and a new page
//! starts whenever the next block would not fit. Coordinates here run down from the top
//! edge, as a reader sees the page; `Ops` turns them into PDF's bottom-up points.

use printpdf::{Color, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem, WindingOrder};

use super::fonts::Face;
use super::text::{printable, wrap, MissingGlyphs};
use crate::data::Paper;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colour(pub f32, pub f32, pub f32);

impl Colour {
    pub const INK: Colour = Colour(0.11, 0.13, 0.17);
    pub const MUTED: Colour = Colour(0.38, 0.42, 0.48);
    pub const RULE: Colour = Colour(0.80, 0.83, 0.87);
    pub const SHADE: Colour = Colour(0.95, 0.96, 0.97);
    pub const ACCENT: Colour = Colour(0.10, 0.33, 0.60);
    pub const ACCENT_LIGHT: Colour = Colour(0.62, 0.76, 0.90);
    pub const WARN: Colour = Colour(0.66, 0.29, 0.02);

    fn pdf(self) -> Color {
        Color::Rgb(Rgb { r: self.0, g: self.1, b: self.2, icc_profile: None })
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub colour: Colour,
}

impl Style {
    pub const fn new(face: Face, size: f32, colour: Colour) -> Style {
        Style { face, size, colour }
    }

    pub fn leading(self) -> f32 {
        self.size * 1.35
    }
}

pub const BODY: Style = Style::new(Face::Regular, 9.5, Colour::INK);
pub const SMALL: Style = Style::new(Face::Regular, 8.0, Colour::MUTED);
pub const STRONG: Style = Style::new(Face::Bold, 9.5, Colour::INK);
pub const HEADING: Style = Style::new(Face::Bold, 12.5, Colour::INK);
pub const TITLE: Style = Style::new(Face::Bold, 18.0, Colour::INK);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Centre,
}

/// The pages written so far and where the next block goes.
pub struct Pages {
    pub paper: Paper,
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    /// Space kept free at the top and bottom for the running header and footer.
    pub header_space: f32,
    pub footer_space: f32,
    pages: Vec<Vec<Op>>,
    /// Distance of the cursor from the top edge of the current page.
    pub y: f32,
    pub missing: MissingGlyphs,
}

impl Pages {
    pub fn new(paper: Paper) -> Pages {
        let (width, height) = paper.size_pt();
        let mut pages = Pages {
            paper,
            width,
            height,
            margin: 50.0,
            header_space: 34.0,
            footer_space: 40.0,
            pages: Vec::new(),
            y: 0.0,
            missing: MissingGlyphs::default(),
        };
        pages.new_page();
        pages
    }

    pub fn left(&self) -> f32 {
        self.margin
    }

    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    fn bottom(&self) -> f32 {
        self.height - self.margin - self.footer_space
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.margin + self.header_space;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom() {
            self.new_page();
        }
    }

    /// Whether the cursor is at the top of a page (nothing written below the header).
    pub fn at_top(&self) -> bool {
        self.y <= self.margin + self.header_space + 0.5
    }

    pub fn gap(&mut self, points: f32) {
        if !self.at_top() {
            self.y += points;
        }
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("there is always a page")
    }

    /// Draws one line of text with its baseline `baseline` points below the top edge.
    pub fn text_at(&mut self, x: f32, baseline: f32, text: &str, style: Style, align: Align, page: Option<usize>) {
        let drawn = printable(text, style.face, &mut self.missing);
        let width = style.face.width(&drawn, style.size);
        let x = match align {
            Align::Left => x,
            Align::Right => x - width,
            Align::Centre => x - width / 2.0,
        };
        let y = self.height - baseline;
        let ops = match page {
            Some(index) => &mut self.pages[index],
            None => self.ops(),
        };
        ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(style.face.id()), size: Pt(style.size) },
            Op::SetFillColor { col: style.colour.pdf() },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(y) } },
            Op::ShowText { items: vec![TextItem::Text(drawn)] },
            Op::EndTextSection,
        ]);
    }

    /// A paragraph wrapped to `width` from `x`, flowing onto new pages as needed.
    pub fn paragraph(&mut self, x: f32, width: f32, text: &str, style: Style) {
        let drawn = printable(text, style.face, &mut self.missing);
        for line in wrap(&drawn, style.face, style.size, width) {
            self.ensure(style.leading());
            self.y += style.leading();
            self.text_at(x, self.y - style.leading() * 0.25, &line, style, Align::Left, None);
        }
    }

    /// A full-width paragraph at the left margin.
    pub fn para(&mut self, text: &str, style: Style) {
        let (x, width) = (self.left(), self.content_width());
        self.paragraph(x, width, text, style);
    }

    /// Height `paragraph` would take.
    pub fn paragraph_height(&mut self, width: f32, text: &str, style: Style) -> f32 {
        let drawn = printable(text, style.face, &mut self.missing);
        wrap(&drawn, style.face, style.size, width).len() as f32 * style.leading()
    }

    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, colour: Colour, thickness: f32, page: Option<usize>) {
        let y = self.height - y;
        let point = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        let ops = match page {
            Some(index) => &mut self.pages[index],
            None => self.ops(),
        };
        ops.extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: colour.pdf() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine { line: Line { points: vec![point(x1), point(x2)], is_closed: false } },
            Op::RestoreGraphicsState,
        ]);
    }

    /// A vertical line from `top` to `bottom` (points below the top edge).
    pub fn vertical(&mut self, x: f32, top: f32, bottom: f32, colour: Colour, thickness: f32) {
        let (top, bottom) = (self.height - top, self.height - bottom);
        let point = |y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: colour.pdf() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine { line: Line { points: vec![point(top), point(bottom)], is_closed: false } },
            Op::RestoreGraphicsState,
        ]);
    }

    /// A filled rectangle whose top-left corner is `top` points below the top edge.
    pub fn fill(&mut self, x: f32, top: f32, width: f32, height: f32, colour: Colour) {
        let y = self.height - top - height;
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetFillColor { col: colour.pdf() },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(y),
                    width: Pt(width),
                    height: Pt(height),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// A section heading, kept with at least `keep_with` points of what follows.
    pub fn heading(&mut self, text: &str, keep_with: f32) {
        self.gap(14.0);
        self.ensure(HEADING.leading() + 6.0 + keep_with);
        self.y += HEADING.leading();
        let (left, right) = (self.left(), self.left() + self.content_width());
        self.text_at(left, self.y - 3.0, text, HEADING, Align::Left, None);
        self.y += 3.0;
        self.rule(left, right, self.y, Colour::RULE, 0.6, None);
        self.y += 6.0;
    }

    /// The texts drawn on page `index`, in order (for tests of the layout).
    #[cfg(test)]
    pub fn texts_on(&self, index: usize) -> Vec<String> {
        self.pages[index]
            .iter()
            .filter_map(|op| match op {
                Op::ShowText { items } => Some(
                    items
                        .iter()
                        .filter_map(|item| match item {
                            TextItem::Text(text) => Some(text.as_str()),
                            _ => None,
                        })
                        .collect::<String>(),
                ),
                _ => None,
            })
            .collect()
    }

    /// Every page's ops, once the running header and footer have been added by `decorate`
    /// (called with the page index and the page count, for "page x of y").
    pub fn finish(mut self, decorate: impl Fn(&mut Pages, usize, usize)) -> (Vec<Vec<Op>>, MissingGlyphs, f32, f32) {
        let total = self.pages.len();
        for index in 0..total {
            decorate(&mut self, index, total);
        }
        (self.pages, self.missing, self.width, self.height)
    }
}
