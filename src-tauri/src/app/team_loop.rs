//! The sync loop: while the folder is connected to a team server, push and pull in the
//! background — every little while when all is well, backing off 1 s → 5 min (with
//! jitter) while the server is away — and tell the window where things stand after each
//! round (`team-status`). Saves never wait for it: it takes the store only for short
//! pieces of work between network calls.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};

use super::state::AppState;
use crate::store::{Store, StoreError};

/// The event the window hears after every sync round, with a `TeamStatus`.
pub const TEAM_STATUS_EVENT: &str = "team-status";

const SYNC_EVERY: Duration = Duration::from_secs(15);
const BACKOFF_FIRST: Duration = Duration::from_secs(1);
const BACKOFF_MOST: Duration = Duration::from_secs(300);

/// The app's store as team mode reaches it: locked for one piece of work at a time.
pub struct AppStore<'a>(pub &'a AppState);

impl rung_team::LocalStore for AppStore<'_> {
    fn with<T>(&self, work: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut guard = self.0.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match guard.as_mut() {
            Some(store) => work(store),
            None => Err(StoreError::Closed),
        }
    }
}

/// Starts the loop (once the database is open); it runs as long as the app.
pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        // Like the checks after start-up, the first round waits for the window to paint.
        tokio::time::sleep(super::state::AFTER_START_DELAY).await;
        let mut backoff = BACKOFF_FIRST;
        loop {
            let state = app.state::<AppState>();
            let wait = match sync_round(&app, &state).await {
                Round::NotConnected => SYNC_EVERY,
                Round::Synced => {
                    backoff = BACKOFF_FIRST;
                    SYNC_EVERY
                }
                Round::Failed => {
                    let wait = backoff + jitter(backoff);
                    backoff = (backoff * 2).min(BACKOFF_MOST);
                    wait
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = state.team_wake.notified() => backoff = BACKOFF_FIRST,
            }
        }
    });
}

enum Round {
    NotConnected,
    Synced,
    Failed,
}

async fn sync_round(app: &AppHandle, state: &AppState) -> Round {
    use rung_team::LocalStore;
    let local = AppStore(state);
    let Ok(Some(binding)) = local.with(|store| store.team_binding()) else { return Round::NotConnected };
    let password = state.team_password(&binding.server);
    let round = match rung_team::sync_once(&local, password.as_deref()).await {
        Ok(_) => Round::Synced,
        Err(error) => {
            eprintln!("team sync: {error}");
            Round::Failed
        }
    };
    tell_the_window(app, state);
    round
}

/// Sends the window the current status (after a round, a connect or a disconnect).
pub fn tell_the_window(app: &AppHandle, state: &AppState) {
    use rung_team::LocalStore;
    if let Ok(status) = AppStore(state).with(|store| rung_team::status(store)) {
        let _ = app.emit(TEAM_STATUS_EVENT, status);
    }
}

/// Up to a quarter of the wait, so laptops that lost the server together do not all
/// come back in the same second.
fn jitter(wait: Duration) -> Duration {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().subsec_nanos();
    wait.mul_f64(f64::from(nanos % 1000) / 4000.0)
}
