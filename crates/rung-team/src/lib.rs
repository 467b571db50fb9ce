//! Team mode: a panel on several laptops sharing one PostgreSQL server. The only crate
//! that speaks PostgreSQL. Local-first: everything lands in the laptop's SQLite store
//! first; this crate pushes its outbox and pulls what the server's row-level security
//! lets this person read. See ARCHITECTURE.md, "Team mode".

mod audit_share;
pub mod connection;
pub mod erasure_progress;
pub mod erasure_words;
pub mod error;
mod local;
pub mod maintain;
mod pull;
mod push;
pub mod schema;
mod sync;

pub use connection::ServerAddress;
pub use erasure_words::{copies_after_local_erasure, ErasureBacklog};
pub use error::TeamError;
pub use local::LocalStore;
pub use push::Moved;
pub use sync::{connect, disconnect, push_once, status, sync_once, SyncReport, SyncState, TeamStatus};
/// An open connection to the team server (what `ServerAddress::connect` gives).
pub use tokio_postgres::Client;
