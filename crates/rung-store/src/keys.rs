//! Where this laptop keeps the secret halves of its signing keys (docs/signing.md). The
//! database holds only public keys; a secret lives in a `KeyVault`: by default a 0600
//! file per key in the data folder's `keys/` (0700), or whatever the app installs (the
//! system keyring, falling back to the folder).

use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

/// Keeps and finds the secret of a key by its public key (hex).
pub trait KeyVault: Send {
    /// Keeps `secret_hex` for `public_key`; an error says why it could not.
    fn keep(&self, public_key: &str, secret_hex: &str) -> Result<(), String>;
    /// The secret for `public_key`: `Ok(None)` when this vault does not have it, `Err`
    /// (why) when it cannot tell now (a keyring that is locked or not running).
    fn secret(&self, public_key: &str) -> Result<Option<String>, String>;
}

/// The folder the default vault keeps secrets in, inside the data folder.
pub const KEYS_DIR: &str = "keys";

/// One private file per key: `keys/<public key>.secret`, readable by its owner only.
pub struct FolderVault {
    dir: PathBuf,
}

impl FolderVault {
    pub fn new(data_dir: &Path) -> FolderVault {
        FolderVault { dir: data_dir.join(KEYS_DIR) }
    }

    fn file(&self, public_key: &str) -> Option<PathBuf> {
        // A public key is 64 hex digits; anything else never names a file.
        (public_key.len() == 64 && public_key.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| self.dir.join(format!("{public_key}.secret")))
    }
}

impl KeyVault for FolderVault {
    fn keep(&self, public_key: &str, secret_hex: &str) -> Result<(), String> {
        let path = self.file(public_key).ok_or("the public key is malformed")?;
        create_private_dir(&self.dir).map_err(|e| format!("{}: {e}", self.dir.display()))?;
        let mut file = crate::files::create_private(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        file.write_all(secret_hex.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    fn secret(&self, public_key: &str) -> Result<Option<String>, String> {
        let Some(path) = self.file(public_key) else { return Ok(None) };
        let metadata = match std::fs::symlink_metadata(&path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(format!("{}: {error}", path.display())),
        };
        // Only a small regular file of ours: never a link, a FIFO or a device.
        if !metadata.is_file() || metadata.len() > 256 {
            return Ok(None);
        }
        let mut text = String::new();
        std::fs::File::open(&path)
            .and_then(|file| file.take(256).read_to_string(&mut text))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Some(text))
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    match builder.create(dir) {
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Ok(()),
        other => other,
    }
}
