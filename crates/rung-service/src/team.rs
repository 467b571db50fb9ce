//! Team mode for the app and the CLI alike: the password (PGPASSWORD, else the system
//! keyring — never the settings), and a runtime for the CLI's one-off calls. The work
//! itself is `rung_team`'s.

use rung_team::{ServerAddress, TeamError};

/// The keyring entry's service name; the user is the server URL (which names the login).
const KEYRING_SERVICE: &str = "rung-team";

/// The password for a server: PGPASSWORD when set, else the one saved in the keyring.
pub fn password_for(url: &str) -> Option<String> {
    if let Some(password) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
        return Some(password);
    }
    keyring::Entry::new(KEYRING_SERVICE, url).and_then(|entry| entry.get_password()).ok()
}

/// Saves the password in the system keyring for this server URL.
pub fn save_password(url: &str, password: &str) -> Result<(), TeamError> {
    keyring::Entry::new(KEYRING_SERVICE, url).and_then(|entry| entry.set_password(password)).map_err(|e| {
        let why = match e {
            keyring::Error::NoDefaultStore => "no system keyring is running on this desktop".to_owned(),
            other => other.to_string(),
        };
        TeamError::BadUrl(format!(
            "The password could not be saved in the system keyring ({why}). Connect without remembering it, or set PGPASSWORD"
        ))
    })
}

/// Forgets a saved password (on disconnect); nothing saved is not an error.
pub fn forget_password(url: &str) {
    if let Ok(entry) = keyring::Entry::new(KEYRING_SERVICE, url) {
        let _ = entry.delete_credential();
    }
}

/// Connects the folder behind `local`, saving `password` in the keyring when asked. The
/// password is saved first, so a keyring that cannot take it leaves nothing half done;
/// it is forgotten again if the connection fails.
pub async fn connect(
    local: &impl rung_team::LocalStore,
    url: &str,
    display_name: &str,
    password: Option<String>,
    remember: bool,
) -> Result<rung_store::TeamBinding, TeamError> {
    let address = ServerAddress::parse(url)?;
    let kept = address.url_without_password()?.to_owned();
    let typed = password.filter(|p| !p.is_empty());
    let saving = remember && typed.is_some();
    if let (true, Some(password)) = (saving, &typed) {
        save_password(&kept, password)?;
    }
    let password = typed.or_else(|| password_for(&kept));
    let connected = rung_team::connect(local, &kept, password.as_deref(), display_name).await;
    if connected.is_err() && saving {
        forget_password(&kept);
    }
    connected
}

/// Runs one team call to completion on a small runtime of its own (the CLI's way).
pub fn block_on<T>(work: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime starts").block_on(work)
}
