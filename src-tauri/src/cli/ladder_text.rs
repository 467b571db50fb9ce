//! The plain-text view of a ladder printed by `rung ladder show`.

use std::fmt::Write;

use crate::ladder::Ladder;

pub fn render(ladder: &Ladder) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}, sha256 {})",
        ladder.name,
        ladder.source.name,
        ladder.source.sha256.chars().take(12).collect::<String>()
    );
    let _ = writeln!(out, "{} roles", ladder.roles.len());
    for (position, role) in ladder.roles.iter().enumerate() {
        let builds_on = role
            .builds_on
            .as_deref()
            .and_then(|key| ladder.role(key))
            .map_or_else(|| "—".to_owned(), |parent| parent.title.clone());
        let _ = writeln!(out);
        let _ = writeln!(out, "{}. L{} {}  [{}]", position + 1, role.level, role.title, role.key);
        let _ = writeln!(out, "   track: {}", role.track_label());
        let _ = writeln!(out, "   builds on: {builds_on}");
        if role.incomplete {
            let _ = writeln!(out, "   INCOMPLETE: no characteristics to score");
        }
        if let Some(explanation) = role.characteristics_from.explanation() {
            let _ = writeln!(out, "   ({explanation})");
        }
        let mut group = None;
        for characteristic in &role.characteristics {
            if characteristic.group.is_some() && characteristic.group != group {
                group.clone_from(&characteristic.group);
                let _ = writeln!(out, "   {}:", characteristic.group.as_deref().unwrap_or_default());
            }
            let indent = if group.is_some() { "     " } else { "   " };
            let _ = writeln!(out, "{indent}- {} ({} examples)", characteristic.title, characteristic.examples.len());
        }
    }
    out
}
