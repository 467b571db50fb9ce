//! Markdown → a flat list of blocks (headings, paragraphs, quotes, list items, table rows),
//! each with plain text and its line. pulldown-cmark does the parsing; this only decides
//! which text belongs to which block, so the ladder interpreter never sees markdown syntax.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
        line: u32,
    },
    Paragraph {
        text: String,
        line: u32,
    },
    Quote {
        text: String,
        line: u32,
    },
    /// `depth` is 1 for a top-level bullet, 2 for a bullet nested in it, …
    ListItem {
        text: String,
        depth: u32,
        line: u32,
        links: Vec<String>,
    },
    TableRow {
        cells: Vec<String>,
        header: bool,
        line: u32,
    },
}

impl Block {
    pub fn line(&self) -> u32 {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::Quote { line, .. }
            | Block::ListItem { line, .. }
            | Block::TableRow { line, .. } => *line,
        }
    }
}

/// Parses normalized markdown (LF line endings, no BOM) into blocks.
pub fn outline(text: &str) -> Vec<Block> {
    let lines = LineIndex::new(text);
    let mut builder = OutlineBuilder::default();
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        builder.event(event, lines.line_of(range.start));
    }
    builder.blocks
}

struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).collect();
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> u32 {
        let index = self.starts.partition_point(|&start| start <= offset);
        u32::try_from(index).unwrap_or(u32::MAX)
    }
}

struct OpenItem {
    text: String,
    depth: u32,
    line: u32,
    links: Vec<String>,
}

#[derive(Default)]
struct OutlineBuilder {
    blocks: Vec<Block>,
    /// Inline text not yet given to a block.
    inline: String,
    inline_line: Option<u32>,
    heading: Option<(u8, u32)>,
    quote_depth: u32,
    quote: Vec<String>,
    quote_line: u32,
    list_depth: u32,
    items: Vec<OpenItem>,
    links: Vec<String>,
    row: Option<(Vec<String>, bool, u32)>,
    in_table_head: bool,
    html: Option<String>,
}

impl OutlineBuilder {
    fn event(&mut self, event: Event<'_>, line: u32) {
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => {
                if let Some(html) = self.html.as_mut() {
                    html.push_str(&text);
                } else {
                    self.push_inline(&text, line);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.push_inline(" ", line),
            Event::Html(html) => match self.html.as_mut() {
                Some(buffer) => buffer.push_str(&html),
                None => self.push_inline(&visible_html(&html), line),
            },
            Event::InlineHtml(html) => self.push_inline(&visible_html(&html), line),
            Event::FootnoteReference(_)
            | Event::Rule
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: u32) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush(line);
                self.heading = Some((heading_depth(level), line));
            }
            Tag::BlockQuote(_) => {
                self.flush(line);
                if self.quote_depth == 0 {
                    self.quote.clear();
                    self.quote_line = line;
                }
                self.quote_depth += 1;
            }
            Tag::List(_) => {
                self.flush(line);
                // A nested list ends its parent's text: emit the parent first so order is kept.
                if let Some(parent) = self.items.last_mut() {
                    let text = std::mem::take(&mut parent.text);
                    let links = std::mem::take(&mut parent.links);
                    let (depth, line) = (parent.depth, parent.line);
                    self.push_item(OpenItem { text, depth, line, links });
                }
                self.list_depth += 1;
            }
            Tag::Item => {
                self.flush(line);
                self.items.push(OpenItem { text: String::new(), depth: self.list_depth, line, links: Vec::new() });
            }
            Tag::TableHead => self.in_table_head = true,
            Tag::TableRow => self.row = Some((Vec::new(), false, line)),
            Tag::HtmlBlock => self.html = Some(String::new()),
            Tag::Link { dest_url, .. } => self.links.push(dest_url.into_string()),
            Tag::Paragraph | Tag::CodeBlock(_) => self.inline_line = Some(line),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let line = self.inline_line.unwrap_or(0);
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, line)) = self.heading.take() {
                    let text = take_clean(&mut self.inline);
                    self.inline_line = None;
                    self.links.clear();
                    self.blocks.push(Block::Heading { level, text, line });
                }
            }
            TagEnd::Paragraph | TagEnd::CodeBlock => self.flush(line),
            TagEnd::BlockQuote(_) => {
                self.flush(line);
                self.quote_depth = self.quote_depth.saturating_sub(1);
                if self.quote_depth == 0 && !self.quote.is_empty() {
                    let text = std::mem::take(&mut self.quote).join("\n\n");
                    self.blocks.push(Block::Quote { text, line: self.quote_line });
                }
            }
            TagEnd::List(_) => self.list_depth = self.list_depth.saturating_sub(1),
            TagEnd::Item => {
                self.flush(line);
                if let Some(item) = self.items.pop() {
                    self.push_item(item);
                }
            }
            TagEnd::TableCell => {
                let text = take_clean(&mut self.inline);
                self.inline_line = None;
                if let Some((cells, _, _)) = self.row.as_mut() {
                    cells.push(text);
                }
            }
            TagEnd::TableHead => {
                // A header row arrives without a TableRow wrapper.
                self.in_table_head = false;
                self.finish_row(true);
            }
            TagEnd::TableRow => self.finish_row(false),
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    let visible = visible_html(&html);
                    self.push_inline(&visible, line);
                    self.flush(line);
                }
            }
            _ => {}
        }
    }

    fn finish_row(&mut self, header: bool) {
        let (cells, _, line) = self.row.take().unwrap_or((Vec::new(), header, 0));
        if cells.iter().any(|cell| !cell.is_empty()) {
            self.blocks.push(Block::TableRow { cells, header, line });
        }
    }

    fn push_inline(&mut self, text: &str, line: u32) {
        if self.in_table_head && self.row.is_none() {
            self.row = Some((Vec::new(), true, line));
        }
        if self.inline.is_empty() {
            self.inline_line.get_or_insert(line);
        }
        self.inline.push_str(text);
    }

    /// Gives pending inline text to the innermost open container.
    fn flush(&mut self, fallback_line: u32) {
        let line = self.inline_line.take().unwrap_or(fallback_line);
        let text = take_clean(&mut self.inline);
        if text.is_empty() || self.heading.is_some() || self.row.is_some() {
            if !text.is_empty() {
                self.inline = text;
            }
            return;
        }
        let links = std::mem::take(&mut self.links);
        if let Some(item) = self.items.last_mut() {
            if !item.text.is_empty() {
                item.text.push(' ');
            }
            item.text.push_str(&text);
            item.links.extend(links);
        } else if self.quote_depth > 0 {
            self.quote.push(text);
        } else {
            self.blocks.push(Block::Paragraph { text, line });
        }
    }

    fn push_item(&mut self, item: OpenItem) {
        if !item.text.is_empty() {
            self.blocks.push(Block::ListItem {
                text: item.text,
                depth: item.depth,
                line: item.line,
                links: item.links,
            });
        }
    }
}

fn heading_depth(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Collapses runs of white space (soft breaks, trailing spaces) into single spaces.
fn take_clean(buffer: &mut String) -> String {
    let text = std::mem::take(buffer);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a reader sees of raw HTML: comments and ordinary tags vanish, but a
/// placeholder such as `<TBA>` is text the author meant to show.
fn visible_html(html: &str) -> String {
    let mut visible = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        visible.push_str(&rest[..start]);
        let tail = &rest[start..];
        if let Some(comment) = tail.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(end) = tail.find('>') else {
            visible.push_str(tail);
            rest = "";
            break;
        };
        let tag = &tail[..=end];
        if !is_html_element(tag) {
            visible.push_str(tag);
        }
        rest = &tail[end + 1..];
    }
    visible.push_str(rest);
    visible
}

fn is_html_element(tag: &str) -> bool {
    const ELEMENTS: &[&str] = &[
        "a", "abbr", "b", "br", "code", "del", "details", "div", "em", "hr", "i", "img", "ins", "kbd", "li", "mark",
        "ol", "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "th",
        "thead", "tr", "u", "ul",
    ];
    let name: String =
        tag.trim_start_matches('<').trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let lower = name.to_ascii_lowercase();
    // Lowercase tags are HTML; an all-caps word like <TBA> is a placeholder.
    ELEMENTS.contains(&lower.as_str()) && name == lower
}
