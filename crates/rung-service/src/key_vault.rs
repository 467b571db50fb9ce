//! Where the app and the CLI keep signing keys' secrets (docs/signing.md): the system
//! keyring (Secret Service on Linux) when there is one, else a 0600 file per key in the
//! data folder's `keys/`. `RUNG_KEY_STORE=folder` keeps them in the folder only (tests
//! and headless machines, so no test run fills a desktop's keyring).

use crate::store::keys::{FolderVault, KeyVault};
use crate::store::Store;

/// The keyring entries' service name; the user is the public key (hex).
const SERVICE: &str = "rung-signing-key";
pub const KEY_STORE_ENV: &str = "RUNG_KEY_STORE";

struct KeyringVault {
    folder: FolderVault,
}

impl KeyVault for KeyringVault {
    fn keep(&self, public_key: &str, secret_hex: &str) -> Result<(), String> {
        match keyring::Entry::new(SERVICE, public_key).and_then(|entry| entry.set_password(secret_hex)) {
            Ok(()) => Ok(()),
            // No keyring on this desktop (or it refused): the private file instead.
            Err(_) => self.folder.keep(public_key, secret_hex),
        }
    }

    fn secret(&self, public_key: &str) -> Result<Option<String>, String> {
        let from_keyring = keyring::Entry::new(SERVICE, public_key).and_then(|entry| entry.get_password());
        match from_keyring {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => self.folder.secret(public_key),
            // The keyring cannot answer: the folder may still have it (kept there when no
            // keyring ran); if not, say so rather than pretend the key is gone.
            Err(error) => match self.folder.secret(public_key)? {
                Some(secret) => Ok(Some(secret)),
                None if matches!(error, keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_)) => {
                    Err(error.to_string())
                }
                None => Ok(None),
            },
        }
    }
}

/// Keeps `store`'s signing secrets in the system keyring from now on (unless
/// `RUNG_KEY_STORE=folder`).
pub fn use_system_keyring(store: &mut Store) {
    if std::env::var(KEY_STORE_ENV).is_ok_and(|v| v == "folder") {
        return;
    }
    let folder = FolderVault::new(store.data_dir());
    store.use_key_vault(Box::new(KeyringVault { folder }));
}
