//! IPC commands: each one runs the library off the UI thread and maps errors. No logic
//! here. Who is scoring comes from the app's state, never from the window's arguments.

pub mod archive;
pub mod debrief;
pub mod hiring;
pub mod ladders;
pub mod team;
