//! IPC commands: each one runs the library off the UI thread and maps errors. No logic
//! here. Who is acting comes from the app's state, never from the window's arguments.

pub mod archive;
pub mod debrief;
pub mod hiring;
pub mod ladders;
pub mod team;

use tauri::{AppHandle, Manager};

/// The person chosen under "Acting as" on this laptop (the service turns it into the
/// actor the access rules ask about).
fn acting(app: &AppHandle) -> Option<i64> {
    app.state::<crate::app::state::AppState>().current_interviewer()
}
