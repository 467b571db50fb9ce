//! What can go wrong in team mode, each as a sentence that says what to do.

use rung_store::StoreError;

use crate::connection::ServerAddress;

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("{0}.")]
    BadUrl(String),
    #[error("Leave the password out of the server URL: Rung keeps the URL in its settings. Set PGPASSWORD (or save the password in the system keyring) instead.")]
    PasswordInUrl,
    #[error("The team server {server} cannot be reached ({detail}). Rung keeps working offline; everything waits and is sent once the server answers.")]
    Offline { server: String, detail: String },
    #[error("The team server {server} refused the login ({detail}). Check the user name and the password (PGPASSWORD, or the one saved in the system keyring).")]
    Login { server: String, detail: String },
    #[error(
        "The server {server} has no Rung team schema yet. Ask your administrator to run `rung team init-server` on it."
    )]
    NotInitialized { server: String },
    #[error("The team server {server} presented a certificate this laptop does not trust ({detail}). If your team runs its own certificate authority, add its certificate to the URL: ?sslmode=require&sslrootcert=/path/to/ca.pem")]
    Certificate { server: String, detail: String },
    #[error("The server refused this ({0}).")]
    Refused(String),
    #[error("This data folder is not connected to a team server. Connect it with `rung team connect URL` (or in the app's Team settings).")]
    NotConnected,
    #[error("The server answered with an error: {0}.")]
    Server(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl TeamError {
    /// An error from connecting, told apart as offline or login refused.
    pub(crate) fn from_connect(error: tokio_postgres::Error, address: &ServerAddress) -> TeamError {
        let server = address.describe();
        match error.code().map(|c| c.code()) {
            Some("28P01" | "28000") => TeamError::Login { server, detail: first_line(&error) },
            Some("3D000") => TeamError::Login { server, detail: first_line(&error) },
            Some(_) => TeamError::Server(first_line(&error)),
            // The driver's own words when the server asked for a password and there was none.
            None if first_line(&error).contains("password missing") => {
                TeamError::Login { server, detail: "no password was given".to_owned() }
            }
            None if first_line(&error).contains("certificate") => {
                TeamError::Certificate { server, detail: first_line(&error) }
            }
            None => TeamError::Offline { server, detail: first_line(&error) },
        }
    }

    /// An error from a statement on an open connection.
    pub(crate) fn from_query(error: tokio_postgres::Error, server: &str) -> TeamError {
        match error.code().map(|c| c.code()) {
            Some("3F000" | "42P01") => TeamError::NotInitialized { server: server.to_owned() },
            // No right to write this row (row-level security, a missing grant), or it
            // names a candidate the server no longer (or never) had.
            Some("42501" | "23503") => TeamError::Refused(first_line(&error)),
            Some(_) => TeamError::Server(first_line(&error)),
            None => TeamError::Offline { server: server.to_owned(), detail: first_line(&error) },
        }
    }

    /// True when trying again later may work (the server was away).
    pub fn is_offline(&self) -> bool {
        matches!(self, TeamError::Offline { .. })
    }
}

fn first_line(error: &tokio_postgres::Error) -> String {
    let text = match error.as_db_error() {
        Some(db) => db.message().to_owned(),
        None => {
            let mut text = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                text = format!("{text}: {cause}");
                source = cause.source();
            }
            text
        }
    };
    text.lines().next().unwrap_or_default().trim_end_matches('.').to_owned()
}
