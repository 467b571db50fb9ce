//! Schema versions. Append a migration; never edit one that has shipped.

use rusqlite::Connection;
pub use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("sql/001_initial.sql")).foreign_key_check(),
    M::up(include_str!("sql/002_ladders_by_content.sql")).foreign_key_check(),
    M::up(include_str!("sql/003_decisions_and_policies.sql")).foreign_key_check(),
    M::up(include_str!("sql/004_reports_and_retention.sql")).foreign_key_check(),
    M::up(include_str!("sql/005_team_sync.sql")).foreign_key_check(),
    M::up(include_str!("sql/006_coordinators.sql")).foreign_key_check(),
    M::up(include_str!("sql/007_bundle_exports.sql")).foreign_key_check(),
    M::up(include_str!("sql/008_signatures_and_salts.sql")).foreign_key_check(),
    M::up(include_str!("sql/009_pending_scrubs.sql")).foreign_key_check(),
    M::up(include_str!("sql/010_passphrases.sql")).foreign_key_check(),
    M::up(include_str!("sql/011_archive_finds_what_recruiters_remember.sql")).foreign_key_check(),
];

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// Each migration, in order (tests add a failing one after them).
pub fn steps() -> Vec<M<'static>> {
    MIGRATIONS.to_vec()
}

/// The schema version this build writes (`PRAGMA user_version`).
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings `conn` to the latest version. Foreign keys are off while tables are rebuilt
/// (SQLite's documented procedure) and each migration checks them before it commits.
pub fn run(conn: &mut Connection, migrations: &Migrations<'_>) -> Result<(), rusqlite_migration::Error> {
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = migrations.to_latest(conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
