//! Text before it is drawn: normalised to NFC, every character checked against the
//! face (a missing glyph is written out as `[U+XXXX]` and reported, never drawn as an
//! empty box), wrapped by measured width, and excerpts trimmed on a word boundary.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

use super::fonts::Face;

/// Characters the fonts could not draw, collected across a whole report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MissingGlyphs(pub BTreeSet<char>);

/// What is drawn for `text` in `face`: NFC, control characters as spaces, and each
/// character the face lacks either as its compatibility form (ﬁ → fi) when the face has
/// that, or spelled out as `[U+XXXX]`.
pub fn printable(text: &str, face: Face, missing: &mut MissingGlyphs) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        if c.is_control() {
            out.push(' ');
        } else if face.covers(c) {
            out.push(c);
        } else {
            let compatible: String = std::iter::once(c).nfkc().collect();
            if compatible.chars().all(|d| d != c && face.covers(d)) {
                out.push_str(&compatible);
            } else {
                missing.0.insert(c);
                out.push_str(&format!("[U+{:04X}]", c as u32));
            }
        }
    }
    out
}

/// Breaks `text` into lines no wider than `width` points, at spaces; a word wider than
/// a line is broken between characters. Newlines in `text` start new lines.
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if face.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A long word breaks after a hyphen where it can, else between characters.
            let mut pieces = word.split_inclusive('-').peekable();
            while let Some(piece) = pieces.peek() {
                let candidate = format!("{line}{piece}");
                if face.width(&candidate, size) > width {
                    break;
                }
                line = candidate;
                pieces.next();
            }
            if pieces.peek().is_some() && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let rest: String = pieces.collect();
            for c in rest.chars() {
                line.push(c);
                if face.width(&line, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// Cuts `text` to at most `max_chars` characters, on a word boundary where one is near,
/// with an ellipsis; never inside a character (or a combining sequence, as the text is
/// NFC first). Whitespace runs become single spaces.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let flat: String = text.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if cut[..space].chars().count() * 4 >= max_chars * 3 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', ';', ':', '.']))
}

/// The last line of `lines` cut (with an ellipsis) so it fits `width`: for cells that
/// must stay one line.
pub fn fit_line(text: &str, face: Face, size: f32, width: f32) -> String {
    if face.width(text, size) <= width {
        return text.to_owned();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
        if face.width(&candidate, size) <= width {
            return candidate;
        }
    }
    "…".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_many_scripts_are_drawn_as_written() {
        let mut missing = MissingGlyphs::default();
        for name in ["Zoë Łukasiewicz-Nguyễn", "Søren O'Brien", "Ærøskøbing"] {
            assert_eq!(printable(name, Face::Regular, &mut missing), name);
            assert_eq!(printable(name, Face::Bold, &mut missing), name);
        }
        assert!(missing.0.is_empty());
    }

    #[test]
    fn decomposed_text_is_composed_before_drawing() {
        let decomposed = "Zoe\u{0308} Nguye\u{0302}\u{0303}n";
        let mut missing = MissingGlyphs::default();
        assert_eq!(printable(decomposed, Face::Regular, &mut missing), "Zoë Nguyễn");
    }

    #[test]
    fn a_character_without_a_glyph_is_spelled_out_and_reported() {
        let mut missing = MissingGlyphs::default();
        // CJK is outside DejaVu Sans.
        let drawn = printable("Li 李", Face::Regular, &mut missing);
        assert_eq!(drawn, "Li [U+674E]");
        assert_eq!(missing.0.iter().copied().collect::<Vec<_>>(), vec!['李']);
    }

    #[test]
    fn ligatures_fall_back_to_their_letters() {
        let mut missing = MissingGlyphs::default();
        let drawn = printable("of\u{FB03}ce", Face::Regular, &mut missing);
        assert!(drawn == "of\u{FB03}ce" || drawn == "office", "{drawn}");
        assert!(missing.0.is_empty());
    }

    #[test]
    fn wrapping_respects_the_width() {
        let text = "The candidate walked through the incident timeline clearly and named the customer impact first.";
        let lines = wrap(text, Face::Regular, 10.0, 150.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| Face::Regular.width(l, 10.0) <= 150.0));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_long_hyphenated_name_breaks_after_the_hyphen() {
        let lines = wrap("Zoë Łukasiewicz-Nguyễn", Face::Regular, 9.5, 80.0);
        assert_eq!(lines, vec!["Zoë", "Łukasiewicz-", "Nguyễn"]);
    }

    #[test]
    fn an_excerpt_ends_on_a_word_with_an_ellipsis() {
        let note = "Explained the trade-offs between the two escalation paths and why the second one scales";
        let cut = excerpt(note, 40);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= 40);
        assert!(note.starts_with(cut.trim_end_matches('…')));
        assert_eq!(excerpt("short", 40), "short");
        // Never splits a character: every prefix is valid UTF-8 by construction; and
        // combining sequences are composed first.
        assert_eq!(excerpt("e\u{0301}e\u{0301}e\u{0301}", 2), "é…");
    }
}
