//! What the app holds while it runs: the store (or why it could not be opened) and
//! which ladder to show first.

use std::path::PathBuf;
use std::sync::Mutex;

use serde::Serialize;
use tauri::{AppHandle, Manager};
use ts_rs::TS;

use super::IpcError;
use crate::ladder::{self, Ladder};
use crate::store::{self, Store, StoreError};

pub struct AppState {
    pub data_dir: PathBuf,
    pub store: Mutex<Option<Store>>,
    pub startup_error: Mutex<Option<StoreError>>,
    pub first_ladder: Mutex<Option<i64>>,
    /// Who is scoring on this laptop (kept in settings across restarts).
    current_interviewer: Mutex<Option<i64>>,
    /// The ladder file or folder picked for import and shown in the preview; the window
    /// refers to it without ever naming a path.
    pending_import: Mutex<Option<PathBuf>>,
}

/// What the window needs to know before anything else.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StartupStatus {
    pub data_dir: String,
    /// Why the database could not be opened; the window shows it instead of the app.
    pub error: Option<IpcError>,
    /// True when the database is damaged and can be moved aside.
    pub can_move_aside: bool,
    /// The ladder to open first (the last one named with --ladder, else the default).
    pub first_ladder_id: Option<i64>,
}

impl AppState {
    /// Opens the store and records the ladders the app starts with. A database that
    /// cannot be opened is reported in the window, never replaced.
    pub fn start(data_dir: PathBuf, extra: &[Ladder]) -> AppState {
        let state = AppState {
            data_dir,
            store: Mutex::new(None),
            startup_error: Mutex::new(None),
            first_ladder: Mutex::new(None),
            current_interviewer: Mutex::new(None),
            pending_import: Mutex::new(None),
        };
        match state.open_store(extra) {
            Ok(()) => {}
            Err(error) => *state.startup_error.lock().expect("fresh mutex") = Some(error),
        }
        state
    }

    fn open_store(&self, extra: &[Ladder]) -> Result<(), StoreError> {
        let mut store = Store::open_in(&self.data_dir)?;
        let mut first = store.save_ladder(&ladder::default_ladder(), true)?.id;
        for ladder in extra {
            first = store.save_ladder(ladder, false)?.id;
        }
        *self.first_ladder.lock().expect("fresh mutex") = Some(first);
        let current = store.setting("profile.current_interviewer")?.and_then(|id| id.parse().ok());
        self.set_current_interviewer(current);
        *self.store.lock().expect("fresh mutex") = Some(store);
        Ok(())
    }

    /// Takes the daily backup if one is due. Runs after the window is up, off the UI thread.
    pub fn rotate_backups(&self) {
        let Ok(guard) = self.store.lock() else { return };
        if let Some(store) = guard.as_ref() {
            if let Err(error) = store.rotate_backups(&store::location::backups_dir(&self.data_dir), chrono::Utc::now())
            {
                eprintln!("warning: the automatic backup failed: {error}");
            }
        }
    }

    pub fn pending_import(&self) -> Option<PathBuf> {
        self.pending_import.lock().ok().and_then(|path| path.clone())
    }

    pub fn set_pending_import(&self, path: Option<PathBuf>) {
        if let Ok(mut pending) = self.pending_import.lock() {
            *pending = path;
        }
    }

    pub fn current_interviewer(&self) -> Option<i64> {
        self.current_interviewer.lock().ok().and_then(|id| *id)
    }

    pub fn set_current_interviewer(&self, id: Option<i64>) {
        if let Ok(mut current) = self.current_interviewer.lock() {
            *current = id;
        }
    }

    pub fn status(&self) -> StartupStatus {
        let error = self.startup_error.lock().ok().and_then(|e| e.as_ref().map(IpcError::from));
        StartupStatus {
            data_dir: self.data_dir.display().to_string(),
            can_move_aside: error.as_ref().is_some_and(|e| e.code == "db_corrupt" || e.code == "db_not_sqlite"),
            error,
            first_ladder_id: self.first_ladder.lock().ok().and_then(|id| *id),
        }
    }

    /// The user agreed: keep the damaged file under another name and start afresh.
    pub fn move_aside_and_restart(&self) -> Result<StartupStatus, IpcError> {
        let path = self.data_dir.join(store::DB_FILE);
        store::move_aside(&path).map_err(|e| IpcError::from(&e))?;
        *self.startup_error.lock().map_err(|_| IpcError::internal("restarting"))? = None;
        self.open_store(&[]).map_err(|e| IpcError::from(&e))?;
        Ok(self.status())
    }
}

/// Runs database work off the UI thread, with the store locked for the duration.
pub async fn with_store<T, F>(app: AppHandle, work: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce(&mut Store) -> Result<T, IpcError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let mut guard = state.store.lock().map_err(|_| IpcError::internal("using the database"))?;
        match guard.as_mut() {
            Some(store) => work(store),
            None => Err(state.status().error.unwrap_or_else(|| IpcError::internal("opening the database"))),
        }
    })
    .await
    .map_err(|_| IpcError::internal("using the database"))?
}
