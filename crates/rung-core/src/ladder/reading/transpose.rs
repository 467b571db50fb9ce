//! The transposed reading: a ladder written competency by competency, each listing what
//! it looks like at every level ("## Communication" with "- Beginner: …", "- Expert: …",
//! or one file per competency with a section per level). Read straight, its competencies
//! look like roles and its level names like characteristics; transposed, each level name
//! is a role rating every competency, with that level's text as the example.

use crate::ladder::markdown::document::{ParsedCharacteristic, ParsedRole};
use crate::ladder::model::{CharacteristicSource, ContextSection};
use crate::ladder::text::{comparable, split_level_prefix};

/// Roles as read → roles named by their characteristics, rating the roles as read. The
/// prose of the roles as read is kept as context of the ladder, under their titles.
/// `None` when there is nothing to turn round: fewer than two roles as read, or no
/// characteristic name that two of them share.
pub fn transpose(roles: Vec<ParsedRole>) -> Option<(Vec<ParsedRole>, Vec<ContextSection>)> {
    let shared = roles.iter().enumerate().any(|(at, role)| {
        role.characteristics.iter().any(|c| {
            let name = comparable(&c.title);
            roles[at + 1..].iter().any(|other| other.characteristics.iter().any(|o| comparable(&o.title) == name))
        })
    });
    if roles.len() < 2 || !shared {
        return None;
    }
    let mut order: Vec<String> = Vec::new();
    let mut widest: Vec<&ParsedRole> = roles.iter().collect();
    widest.sort_by_key(|role| std::cmp::Reverse(role.characteristics.len()));
    for role in widest {
        for characteristic in &role.characteristics {
            let name = comparable(&characteristic.title);
            if !order.contains(&name) {
                order.push(name);
            }
        }
    }
    let mut levels: Vec<Option<ParsedRole>> = vec![None; order.len()];
    let mut intro = Vec::new();
    for competency in roles {
        let mut paragraphs: Vec<String> = competency.summary.iter().cloned().collect();
        paragraphs.extend(competency.description.iter().cloned());
        if !paragraphs.is_empty() {
            intro.push(ContextSection { title: competency.title.clone(), paragraphs, items: Vec::new() });
        }
        for characteristic in competency.characteristics {
            let Some(at) = order.iter().position(|name| *name == comparable(&characteristic.title)) else { continue };
            let level = levels[at].get_or_insert_with(|| {
                let mut role = ParsedRole::new(characteristic.title.clone(), competency.line, &competency.file);
                role.explicit_level = split_level_prefix(&characteristic.title).0;
                role.characteristics_from = CharacteristicSource::Headings;
                role
            });
            let mut rated = ParsedCharacteristic::new(competency.title.clone(), characteristic.examples);
            rated.group = characteristic.group.or_else(|| competency.track_name.clone());
            if !level.characteristics.iter().any(|c| comparable(&c.title) == comparable(&rated.title)) {
                level.characteristics.push(rated);
            }
        }
    }
    let mut levels: Vec<ParsedRole> = levels.into_iter().flatten().collect();
    // Coded levels ("L1" … "L6") go in their order, whatever order the competencies list them in.
    if levels.iter().all(|role| role.explicit_level.is_some()) {
        levels.sort_by_key(|role| role.explicit_level);
    }
    Some((levels, intro))
}
