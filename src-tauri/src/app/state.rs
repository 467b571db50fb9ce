//! What the app holds while it runs: the store (or why it could not be opened) and
//! which ladder to show first.

use std::path::PathBuf;
use std::sync::{Condvar, Mutex};

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};
use ts_rs::TS;

use super::IpcError;
use crate::ladder::Ladder;
use crate::store::{self, Store, StoreError};

pub struct AppState {
    pub data_dir: PathBuf,
    pub store: Mutex<Option<Store>>,
    pub startup_error: Mutex<Option<StoreError>>,
    pub first_ladder: Mutex<Option<i64>>,
    /// What opening finished of an interrupted erasure, said once in the window.
    erasure_finished_at_open: Mutex<Vec<String>>,
    /// Who is scoring on this laptop (kept in settings across restarts).
    current_interviewer: Mutex<Option<i64>>,
    /// The ladder file or folder picked for import and shown in the preview; the window
    /// refers to it without ever naming a path.
    pending_import: Mutex<Option<PathBuf>>,
    /// False until the database is open (or failed to open): it opens beside the window's
    /// creation, and every command waits for it.
    opened: (Mutex<bool>, Condvar),
    /// Wakes the team sync loop (after a connect, or a change the team should see soon).
    pub team_wake: tokio::sync::Notify,
    /// A team password typed in the window and not saved in the keyring: kept in memory
    /// for this session only, never written anywhere.
    pub team_password: Mutex<Option<String>>,
}

/// Tells the commands waiting for the database that the opening has ended.
struct OpenedWhenDropped<'a>(&'a AppState);

impl Drop for OpenedWhenDropped<'_> {
    fn drop(&mut self) {
        self.0.mark_opened();
    }
}

/// How long after the database opened the page check and the daily backup start.
pub(super) const AFTER_START_DELAY: std::time::Duration = std::time::Duration::from_secs(2);

/// The event the window hears when the check after start-up found the database damaged.
pub const DATABASE_DAMAGED_EVENT: &str = "database-damaged";

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
    /// What opening the database did to finish an erasure that was interrupted (killed,
    /// or stopped by a full disk) when Rung last ran, as sentences; empty when none was.
    pub finished_erasure: Vec<String>,
}

impl AppState {
    /// The state before the database is open: `open_beside_the_window` opens it.
    pub fn new(data_dir: PathBuf) -> AppState {
        AppState {
            data_dir,
            store: Mutex::new(None),
            startup_error: Mutex::new(None),
            first_ladder: Mutex::new(None),
            erasure_finished_at_open: Mutex::new(Vec::new()),
            current_interviewer: Mutex::new(None),
            pending_import: Mutex::new(None),
            opened: (Mutex::new(false), Condvar::new()),
            team_wake: tokio::sync::Notify::new(),
            team_password: Mutex::new(None),
        }
    }

    /// Opens the store and records the ladders the app starts with, on a thread of its own
    /// while the window is being created, so the first frame does not wait for the disk. A
    /// database that cannot be opened is reported in the window, never replaced. Then every
    /// page is read for damage on a connection of its own (start-up must not grow with the
    /// archive); damage closes the store and the window is told.
    pub fn open_beside_the_window(app: &AppHandle, extra: Vec<Ladder>) {
        let app = app.clone();
        std::thread::spawn(move || {
            let state = app.state::<AppState>();
            // Commands wait for this, so it is signalled however the opening ends.
            let signal = OpenedWhenDropped(&state);
            let opened = state.open_store(&extra, store::open::PageCheck::Later);
            let ok = opened.is_ok();
            if let Err(error) = opened {
                // The pages were not read before opening: if damage is why it failed, say
                // so, so the window offers to move the file aside.
                let path = state.data_dir.join(store::DB_FILE);
                let damaged = path.exists().then(|| store::open::check_pages(&path).err()).flatten();
                *state.startup_error.lock().expect("not poisoned") = Some(damaged.unwrap_or(error));
            }
            drop(signal);
            if ok {
                super::team_loop::start(app.clone());
                super::background::spawn_idle("rung-after-start", move || {
                    // Even at the lowest priority, reading a large archive slowed the
                    // first frame (benches/startup.rs): let the window paint first.
                    std::thread::sleep(AFTER_START_DELAY);
                    let state = app.state::<AppState>();
                    state.check_pages_after_start(&app);
                    state.rotate_backups();
                });
            }
        });
    }

    fn mark_opened(&self) {
        let (opened, changed) = &self.opened;
        *opened.lock().expect("not poisoned") = true;
        changed.notify_all();
    }

    /// Blocks until the database has been opened or has failed to open.
    pub fn wait_until_opened(&self) {
        let (opened, changed) = &self.opened;
        let guard = opened.lock().expect("not poisoned");
        let _open = changed.wait_while(guard, |opened| !*opened).expect("not poisoned");
    }

    fn check_pages_after_start(&self, app: &AppHandle) {
        let Err(error) = store::open::check_pages(&self.data_dir.join(store::DB_FILE)) else { return };
        eprintln!("error: {error}");
        if let Ok(mut store) = self.store.lock() {
            *store = None;
        }
        if let Ok(mut startup_error) = self.startup_error.lock() {
            *startup_error = Some(error);
        }
        let _ = app.emit(DATABASE_DAMAGED_EVENT, ());
    }

    fn open_store(&self, extra: &[Ladder], pages: store::open::PageCheck) -> Result<(), StoreError> {
        let mut store = match pages {
            store::open::PageCheck::Now => Store::open_in(&self.data_dir)?,
            store::open::PageCheck::Later => Store::open_in_checking_later(&self.data_dir)?,
        };
        crate::key_vault::use_system_keyring(&mut store);
        let mut first = crate::setup::seed_default_ladder(&mut store)?;
        for ladder in extra {
            first = store.save_ladder(ladder, false)?.id;
        }
        *self.first_ladder.lock().expect("fresh mutex") = Some(first);
        // Whoever must prove who they are is asked again after a restart.
        let current = match store.acting_person()? {
            Some(person) if crate::acting::may_resume_as(&store, person)? => Some(person),
            _ => None,
        };
        self.set_current_interviewer(current);
        *self.erasure_finished_at_open.lock().expect("fresh mutex") = Self::erasure_finished_at_open(&store);
        *self.store.lock().expect("fresh mutex") = Some(store);
        Ok(())
    }

    /// Takes the daily backup if one is due, on a connection of its own so the window's
    /// commands do not wait for the copy.
    fn rotate_backups(&self) {
        let backed_up = Store::open_in_checking_later(&self.data_dir)
            .and_then(|store| store.rotate_backups(&store::location::backups_dir(&self.data_dir), chrono::Utc::now()));
        if let Err(error) = backed_up {
            eprintln!("warning: the automatic backup failed: {error}");
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
        self.wait_until_opened(); // it is read from the database's settings
        self.current_interviewer.lock().ok().and_then(|id| *id)
    }

    pub fn set_current_interviewer(&self, id: Option<i64>) {
        if let Ok(mut current) = self.current_interviewer.lock() {
            *current = id;
        }
    }

    /// The team password: typed this session, else PGPASSWORD, else the keyring's.
    pub fn team_password(&self, server: &str) -> Option<String> {
        let typed = self.team_password.lock().ok().and_then(|password| password.clone());
        typed.or_else(|| crate::team::password_for(server))
    }

    pub fn status(&self) -> StartupStatus {
        self.wait_until_opened();
        let error = self.startup_error.lock().ok().and_then(|e| e.as_ref().map(IpcError::from));
        StartupStatus {
            data_dir: self.data_dir.display().to_string(),
            can_move_aside: error.as_ref().is_some_and(|e| e.code == "db_corrupt" || e.code == "db_not_sqlite"),
            error,
            first_ladder_id: self.first_ladder.lock().ok().and_then(|id| *id),
            finished_erasure: self.erasure_finished_at_open.lock().map(|said| said.clone()).unwrap_or_default(),
        }
    }

    /// Kept apart from the store: `status` is also asked while the store is locked.
    fn erasure_finished_at_open(store: &Store) -> Vec<String> {
        let Some(scrub) = store.scrub_at_open() else { return Vec::new() };
        let lead = match scrub.candidate_ids.len() {
            1 => "An erasure was interrupted when Rung last ran; it was finished now.".to_owned(),
            n => format!("{n} erasures were interrupted when Rung last ran; they were finished now."),
        };
        std::iter::once(lead).chain(scrub.sentences()).collect()
    }

    /// The user agreed: keep the damaged file under another name and start afresh.
    pub fn move_aside_and_restart(&self) -> Result<StartupStatus, IpcError> {
        let path = self.data_dir.join(store::DB_FILE);
        store::move_aside(&path).map_err(|e| IpcError::from(&e))?;
        *self.startup_error.lock().map_err(|_| IpcError::internal("restarting"))? = None;
        self.open_store(&[], store::open::PageCheck::Now).map_err(|e| IpcError::from(&e))?;
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
        state.wait_until_opened();
        let mut guard = state.store.lock().map_err(|_| IpcError::internal("using the database"))?;
        match guard.as_mut() {
            Some(store) => work(store),
            None => Err(state.status().error.unwrap_or_else(|| IpcError::internal("opening the database"))),
        }
    })
    .await
    .map_err(|_| IpcError::internal("using the database"))?
}
