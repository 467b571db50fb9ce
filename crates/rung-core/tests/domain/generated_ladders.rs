//! Ladders made up for size: shared by the tests and the import-scaling benchmark
//! (included there with `#[path]`).

use rung_core::ladder::{self, Ladder};

/// The seed ladder with its roles replaced by `n` copies of one role, each building on
/// the one before: one long builds-on chain.
pub fn chain_ladder(n: usize) -> Ladder {
    let mut ladder = ladder::default_ladder();
    let template = ladder.roles[1].clone();
    ladder.roles = (0..n)
        .map(|i| {
            let mut role = template.clone();
            role.key = format!("role-{i}");
            role.title = format!("Role {i}");
            role.level = i as u32 + 1;
            role.builds_on = (i > 0).then(|| format!("role-{}", i - 1));
            role
        })
        .collect();
    ladder
}
