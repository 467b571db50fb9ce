//! The transposed reading: a ladder written competency by competency, each listing what
//! it looks like at every level ("## Communication" with "- Beginner: …", "- Expert: …",
//! or one file per competency with a section per level). Read straight, its competencies
//! look like roles and its level names like characteristics; transposed, each level name
//! is a role rating every competency, with that level's text as the example.

use std::collections::{HashMap, HashSet};

use crate::ladder::markdown::document::{ParsedCharacteristic, ParsedRole};
use crate::ladder::model::{CharacteristicSource, ContextSection};
use crate::ladder::text::{comparable, split_level_prefix};

/// Roles as read → roles named by their characteristics, rating the roles as read. The
/// prose of the roles as read is kept as context of the ladder, under their titles.
/// `None` when there is nothing to turn round: fewer than two roles as read, or fewer
/// than half of their characteristics named as in another role (a ladder written
/// competency by competency repeats its level names under every one).
pub fn transpose(roles: Vec<ParsedRole>) -> Option<(Vec<ParsedRole>, Vec<ContextSection>)> {
    let mut roles_using: HashMap<String, usize> = HashMap::new();
    for role in &roles {
        let names: HashSet<String> = role.characteristics.iter().map(|c| comparable(&c.title)).collect();
        for name in names {
            *roles_using.entry(name).or_default() += 1;
        }
    }
    let all = roles.iter().flat_map(|role| role.characteristics.iter());
    let (total, shared) = all
        .fold((0, 0), |(total, shared), c| (total + 1, shared + usize::from(roles_using[&comparable(&c.title)] >= 2)));
    if roles.len() < 2 || shared == 0 || shared * 2 < total {
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
