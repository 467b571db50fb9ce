//! The report's two faces, DejaVu Sans and Sans Bold (data/fonts, Bitstream Vera
//! licence), and their metrics: text is measured with the same advance widths the PDF
//! viewer will use, so wrapping and table columns fit on paper.

use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};

static REGULAR_TTF: &[u8] = include_bytes!("../../../../data/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../../data/fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    /// Resource names are fixed (printpdf would draw them from a counter), and they
    /// double as the six-letter subset tag, so the same report gives the same bytes.
    pub fn id(self) -> FontId {
        FontId(
            match self {
                Face::Regular => "RUNGAA",
                Face::Bold => "RUNGAB",
            }
            .to_owned(),
        )
    }

    fn parsed(self) -> &'static ParsedFont {
        static REGULAR: OnceLock<ParsedFont> = OnceLock::new();
        static BOLD: OnceLock<ParsedFont> = OnceLock::new();
        let (cell, bytes) = match self {
            Face::Regular => (&REGULAR, REGULAR_TTF),
            Face::Bold => (&BOLD, BOLD_TTF),
        };
        cell.get_or_init(|| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the bundled DejaVu fonts parse"))
    }

    /// Whether the face has a glyph for `c` (so it will not draw an empty box).
    pub fn covers(self, c: char) -> bool {
        self.parsed().lookup_glyph_index(c as u32).is_some_and(|gid| gid != 0)
    }

    /// Width of `text` at `size` points. Characters without a glyph are measured as
    /// the replacement the renderer draws for them (see `text::printable`).
    pub fn width(self, text: &str, size: f32) -> f32 {
        let font = self.parsed();
        let units_per_em = f32::from(font.font_metrics.units_per_em.max(1));
        let advance = |c: char| {
            let gid = font.lookup_glyph_index(c as u32).unwrap_or(0);
            f32::from(font.get_horizontal_advance(gid))
        };
        text.chars().map(advance).sum::<f32>() * size / units_per_em
    }
}

/// Registers both faces under their fixed ids.
pub fn register(doc: &mut PdfDocument) {
    for face in [Face::Regular, Face::Bold] {
        doc.resources.fonts.map.insert(face.id(), PdfFont::new(face.parsed().clone()));
    }
}
