//! Setting up a server for a team (an administrator's job): the schema, the group roles
//! and the row-level security policies, as versioned migrations (refinery) kept in the
//! schema itself; and adding the people, each as their own login role.

use serde::Serialize;
use tokio_postgres::Client;

use crate::error::TeamError;

mod embedded {
    refinery::embed_migrations!("src/server_sql");
}

/// A lock only `init-server` takes, so two administrators running it at once take turns.
const INIT_LOCK: i64 = 0x52554e47; // "RUNG"

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerInit {
    /// Migrations applied now (empty when the server was up to date).
    pub applied: Vec<String>,
    /// The schema version the server is at.
    pub version: u32,
}

/// Creates or updates the team schema. Running it again applies nothing.
pub async fn init_server(client: &mut Client, server: &str) -> Result<ServerInit, TeamError> {
    let query_error = |e| TeamError::from_query(e, server);
    client.execute("SELECT pg_advisory_lock($1)", &[&INIT_LOCK]).await.map_err(query_error)?;
    let result = migrate(client).await;
    client.execute("SELECT pg_advisory_unlock($1)", &[&INIT_LOCK]).await.map_err(query_error)?;
    result
}

async fn migrate(client: &mut Client) -> Result<ServerInit, TeamError> {
    client
        .batch_execute("CREATE SCHEMA IF NOT EXISTS rung")
        .await
        .map_err(|e| TeamError::Server(format!("the schema `rung` cannot be created: {e}")))?;
    let mut runner = embedded::migrations::runner();
    runner.set_migration_table_name("rung.schema_history");
    let report = runner
        .set_grouped(true)
        .run_async(client)
        .await
        .map_err(|e| TeamError::Server(format!("the team schema could not be set up: {e}")))?;
    let applied = report.applied_migrations().iter().map(|m| m.to_string()).collect();
    let version = embedded::migrations::runner().get_migrations().iter().map(|m| m.version() as u32).max().unwrap_or(0);
    Ok(ServerInit { applied, version })
}

/// Adds a person to the team: their own login role, an interviewer, or a coordinator too.
/// An existing login gets the team role (and the password, when one is given).
pub async fn add_member(
    client: &Client,
    server: &str,
    login: &str,
    password: Option<&str>,
    coordinator: bool,
) -> Result<(), TeamError> {
    let query_error = |e| TeamError::from_query(e, server);
    if login.trim().is_empty() || login.starts_with("pg_") || login.starts_with("rung_") {
        return Err(TeamError::BadUrl(format!("{login:?} cannot be a member's login; choose a plain name like ana")));
    }
    let exists: bool = client
        .query_one("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)", &[&login])
        .await
        .map_err(query_error)?
        .get(0);
    let team_role = if coordinator { "rung_coordinator" } else { "rung_interviewer" };
    // The server quotes the name and password itself (format's %I and %L).
    let statement: String = match (exists, password) {
        (false, Some(password)) => client
            .query_one(
                "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', $1::text, $2::text, $3::text)",
                &[&login, &password, &team_role],
            )
            .await
            .map_err(query_error)?
            .get(0),
        (false, None) => {
            return Err(TeamError::BadUrl(format!(
                "{login} is new to this server: give them a password (set RUNG_MEMBER_PASSWORD)"
            )))
        }
        (true, Some(password)) => client
            .query_one("SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)", &[&login, &password])
            .await
            .map_err(query_error)?
            .get(0),
        (true, None) => String::new(),
    };
    if !statement.is_empty() {
        client.batch_execute(&statement).await.map_err(query_error)?;
    }
    let grant: String = client
        .query_one("SELECT format('GRANT %I TO %I', $1::text, $2::text)", &[&team_role, &login])
        .await
        .map_err(query_error)?
        .get(0);
    client.batch_execute(&grant).await.map_err(query_error)?;
    Ok(())
}
