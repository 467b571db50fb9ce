//! Where the data folder is: `--data-dir`, else `RUNG_DATA_DIR`, else the OS app-data
//! folder (the same one Tauri uses for this app's identifier).

use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "RUNG_DATA_DIR";
const APP_IDENTIFIER: &str = "app.rung.desktop";

pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(|| dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_IDENTIFIER))
}

pub fn backups_dir(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("backups")
}
