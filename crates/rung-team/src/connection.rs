//! Reaching the team server: the URL (libpq's `postgresql://` form), TLS with rustls,
//! the password (never in the URL that is kept), and a connection with a short timeout so
//! an unreachable server reads as "offline" quickly.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;
use tokio_postgres::config::SslMode;
use tokio_postgres::{Client, Config};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::error::TeamError;

/// How long to wait for the server before calling it offline.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A parsed server URL. `sslrootcert=FILE` (a CA to trust besides the system's) is read
/// here, since the driver does not know it; everything else is the driver's.
#[derive(Clone)]
pub struct ServerAddress {
    config: Config,
    root_cert: Option<PathBuf>,
    url: String,
}

impl std::fmt::Debug for ServerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.url)
    }
}

impl ServerAddress {
    /// Parses a `postgresql://user@host:port/database?sslmode=require` URL.
    pub fn parse(url: &str) -> Result<ServerAddress, TeamError> {
        let url = url.trim();
        if !(url.starts_with("postgresql://") || url.starts_with("postgres://")) {
            return Err(TeamError::BadUrl(format!(
                "{url:?} is not a PostgreSQL URL; write it as postgresql://you@server:5432/database"
            )));
        }
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut root_cert = None;
        let mut kept = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("sslrootcert", file)) => root_cert = Some(PathBuf::from(file)),
                _ => kept.push(pair),
            }
        }
        let driver_url = if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) };
        let mut config: Config = driver_url
            .parse()
            .map_err(|e| TeamError::BadUrl(format!("{url:?} does not read as a PostgreSQL URL ({e})")))?;
        if config.get_user().is_none() {
            return Err(TeamError::BadUrl(format!("{url:?} names no user: write postgresql://you@server/database")));
        }
        config.connect_timeout(CONNECT_TIMEOUT);
        config.application_name("rung");
        Ok(ServerAddress { config, root_cert, url: url.to_owned() })
    }

    /// The URL as given, for settings and messages; it must carry no password.
    pub fn url_without_password(&self) -> Result<&str, TeamError> {
        if self.config.get_password().is_some() {
            return Err(TeamError::PasswordInUrl);
        }
        Ok(&self.url)
    }

    pub fn login(&self) -> &str {
        self.config.get_user().unwrap_or_default()
    }

    pub fn has_password(&self) -> bool {
        self.config.get_password().is_some()
    }

    pub fn requires_tls(&self) -> bool {
        matches!(self.config.get_ssl_mode(), SslMode::Require)
    }

    /// A short description for messages: login, host and database.
    pub fn describe(&self) -> String {
        let host = match self.config.get_hosts().first() {
            Some(tokio_postgres::config::Host::Tcp(host)) => host.clone(),
            #[cfg(unix)]
            Some(tokio_postgres::config::Host::Unix(path)) => path.display().to_string(),
            None => "localhost".to_owned(),
        };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        format!("{}@{host}:{port}/{}", self.login(), self.config.get_dbname().unwrap_or(self.login()))
    }

    /// Connects, with `password` when the URL has none. The connection's own task runs on
    /// the current tokio runtime and ends when the client is dropped.
    pub async fn connect(&self, password: Option<&str>) -> Result<Client, TeamError> {
        let mut config = self.config.clone();
        if config.get_password().is_none() {
            if let Some(password) = password {
                config.password(password);
            }
        }
        let tls = self.tls()?;
        let (client, connection) = config.connect(tls).await.map_err(|e| TeamError::from_connect(e, self))?;
        tokio::spawn(async move {
            // The error, if any, reaches the caller through the client's next call.
            let _ = connection.await;
        });
        Ok(client)
    }

    fn tls(&self) -> Result<MakeRustlsConnect, TeamError> {
        let mut roots = rustls::RootCertStore::empty();
        roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        if let Some(file) = &self.root_cert {
            let certs: Vec<CertificateDer<'static>> =
                CertificateDer::pem_file_iter(file).and_then(|certs| certs.collect::<Result<_, _>>()).map_err(|e| {
                    TeamError::BadUrl(format!("sslrootcert {} cannot be read as PEM certificates: {e}", file.display()))
                })?;
            for cert in certs {
                roots.add(cert).map_err(|e| {
                    TeamError::BadUrl(format!("sslrootcert {} holds a certificate rustls refuses: {e}", file.display()))
                })?;
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| TeamError::BadUrl(format!("TLS cannot be set up: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(MakeRustlsConnect::new(config))
    }
}
