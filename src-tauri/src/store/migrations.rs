//! Schema versions. Append a migration; never edit one that has shipped.

use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[M::up(include_str!("sql/001_initial.sql")).foreign_key_check()];

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// The schema version this build writes (`PRAGMA user_version`).
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
