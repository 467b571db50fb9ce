//! A JavaScript or TypeScript module that keeps a ladder as data: its top-level
//! `export const name = { … }` / `[ … ]` (also `const`, `let`, `var`, `export default`,
//! `module.exports =`, with a type annotation before the `=`) object and array literals,
//! parsed as JSON5. No code runs: functions, types and expressions are skipped, and a
//! literal that holds code (a call, a variable) is left out rather than guessed at.

use super::tree::Data;

/// The module's literals by the name they are exported under, in file order.
pub fn literals(text: &str) -> Vec<(String, Data, u32)> {
    let mut found = Vec::new();
    let mut offset = 0;
    let mut line_number = 1u32;
    while offset < text.len() {
        let line_end = text[offset..].find('\n').map_or(text.len(), |at| offset + at);
        let line = &text[offset..line_end];
        let mut next = line_end + 1;
        if let Some((name, start)) = declaration(line) {
            let start = offset + start;
            if let Some(end) = literal_end(text.as_bytes(), start) {
                if let Ok(value) = json5::from_str::<Data>(&text[start..end]) {
                    found.push((name, value, line_number));
                }
                next = text[end..].find('\n').map_or(text.len(), |at| end + at + 1);
            }
        }
        line_number += count_lines(&text[offset..next.min(text.len())]).max(1);
        offset = next;
    }
    found
}

fn count_lines(text: &str) -> u32 {
    u32::try_from(text.bytes().filter(|&b| b == b'\n').count()).unwrap_or(u32::MAX)
}

/// A top-level (unindented) declaration whose value opens a literal on this line: the
/// name and where the literal starts.
fn declaration(line: &str) -> Option<(String, usize)> {
    let rest = line.strip_prefix("export ").unwrap_or(line);
    let (name, after) = if let Some(value) = rest.strip_prefix("default ") {
        ("default".to_owned(), value)
    } else if let Some(value) = rest.strip_prefix("module.exports") {
        ("default".to_owned(), value.trim_start().strip_prefix('=')?)
    } else {
        let rest = ["const ", "let ", "var "].iter().find_map(|word| rest.strip_prefix(word))?.trim_start();
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').collect();
        if name.is_empty() {
            return None;
        }
        let typed = &rest[name.len()..];
        let equals = typed.char_indices().find(|&(at, c)| c == '=' && !typed[at + 1..].starts_with(['=', '>']))?.0;
        (name, &typed[equals + 1..])
    };
    let value = after.trim_start();
    value.starts_with(['{', '[']).then(|| (name, line.len() - value.len()))
}

/// Where the bracketed literal starting at `start` closes (one past it), skipping strings
/// and comments; `None` when it never closes or nests deeper than a ladder's data.
fn literal_end(bytes: &[u8], start: usize) -> Option<usize> {
    match literal_extent(bytes, start) {
        Extent::Ends(end) => Some(end),
        Extent::TooDeep | Extent::Unclosed => None,
    }
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Extent {
    /// One past the closing bracket.
    Ends(usize),
    /// Nested deeper than the tree keeps: never handed to the parser (JSON5's parser
    /// recurses once per level, so a deep enough literal would exhaust the stack).
    TooDeep,
    Unclosed,
}

/// How far the bracketed literal starting at `start` reaches.
pub(super) fn literal_extent(bytes: &[u8], start: usize) -> Extent {
    let mut depth = 0usize;
    let mut at = start;
    while at < bytes.len() {
        match bytes[at] {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > super::tree::MAX_DEPTH + 1 {
                    return Extent::TooDeep;
                }
            }
            b'}' | b']' | b')' => {
                let Some(outer) = depth.checked_sub(1) else { return Extent::Unclosed };
                depth = outer;
                if depth == 0 {
                    return Extent::Ends(at + 1);
                }
            }
            quote @ (b'"' | b'\'' | b'`') => {
                at += 1;
                while at < bytes.len() && bytes[at] != quote {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at += 2;
                while at + 1 < bytes.len() && !(bytes[at] == b'*' && bytes[at + 1] == b'/') {
                    at += 1;
                }
                at += 1;
            }
            _ => {}
        }
        at += 1;
    }
    Extent::Unclosed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exported_literals_and_skips_code() {
        let module = "// @flow\nimport x from 'y'\nexport type T = { a: string }\n\
            export const steps = [0, 1]\n\
            export const toPoints = (n: number): number => {\n  return n\n}\n\
            export const areas: Areas = {\n  \"ONE\": { name: 'One', notes: [\"a } b\", ], },\n}\n\
            const computed = build({ a: 1 })\n\
            export default [{label: 'First'}]\n";
        let names: Vec<String> = literals(module).into_iter().map(|(name, _, _)| name).collect();
        assert_eq!(names, ["steps", "areas", "default"]);
        let (_, areas, line) = &literals(module)[1];
        assert_eq!(*line, 8);
        let Data::Map(entries) = areas else { panic!("a map") };
        assert_eq!(entries[0].0, "ONE");
    }

    #[test]
    fn an_unclosed_literal_is_no_literal() {
        assert!(literals("export const a = {\n  b: [1, 2\n").is_empty());
    }

    #[test]
    fn a_literal_deeper_than_the_tree_is_never_parsed() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(literal_extent(deep.as_bytes(), 0), Extent::TooDeep);
        assert_eq!(literal_extent(b"[[1], {a: ']'}]", 0), Extent::Ends(15));
    }
}
