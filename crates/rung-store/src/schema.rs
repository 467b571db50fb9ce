//! The schema a Rung database must have: exactly the tables, indexes and triggers the
//! migrations create, with the same SQL. A dropped or rewritten sealing trigger, an
//! extra table or another program's database all show up here.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rusqlite::Connection;

use crate::migrations::migrations;

/// (type, name) → SQL, for every object the migrations create.
type Schema = BTreeMap<(String, String), Option<String>>;

fn read_schema(conn: &Connection) -> rusqlite::Result<Schema> {
    let mut statement = conn.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'")?;
    let rows = statement.query_map([], |row| Ok(((row.get(0)?, row.get(1)?), row.get(2)?)))?;
    rows.collect()
}

/// What this build's migrations produce on an empty database.
fn expected() -> &'static Schema {
    static EXPECTED: OnceLock<Schema> = OnceLock::new();
    EXPECTED.get_or_init(|| {
        let mut conn = Connection::open_in_memory().expect("an in-memory database opens");
        crate::migrations::run(&mut conn, &migrations()).expect("the migrations apply to an empty database");
        read_schema(&conn).expect("the schema of an in-memory database reads")
    })
}

/// Differences from the expected schema, as sentences; empty when it matches.
pub fn schema_problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let found = read_schema(conn)?;
    let expected = expected();
    let mut problems = Vec::new();
    for ((kind, name), sql) in expected {
        match found.get(&(kind.clone(), name.clone())) {
            None => problems.push(format!("{kind} {name} is missing")),
            Some(actual) if actual != sql => problems.push(format!("{kind} {name} has been changed")),
            Some(_) => {}
        }
    }
    for (kind, name) in found.keys() {
        if !expected.contains_key(&(kind.clone(), name.clone())) {
            problems.push(format!("{kind} {name} is not part of Rung's schema"));
        }
    }
    Ok(problems)
}
