//! Markdown importers: `outline` reads the syntax, `document` reads the ladder's shape,
//! `sections` a level file whose sections group its characteristics.
pub mod document;
pub mod outline;
pub mod sections;
