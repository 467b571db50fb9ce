//! A small layout layer on printpdf's operations: measured text, flowing pages,
//! tables that break across pages, and the bar chart.

pub mod chart;
pub mod fonts;
pub mod page;
pub mod table;
pub mod text;
