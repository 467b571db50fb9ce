//! Markdown importers: `outline` reads the syntax, `document` reads the ladder's shape.
pub mod document;
pub mod outline;
