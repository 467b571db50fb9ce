//! A data folder made ready the way the app makes it: the database created (or opened
//! and migrated) and the embedded default ladder stored, so any write command on a new
//! machine starts where the app's first run does.

use std::path::Path;

use crate::ladder::default_ladder;
use crate::store::{Store, StoreError};

/// Stores the embedded default ladder (once: ladders are stored by content); its id.
pub fn seed_default_ladder(store: &mut Store) -> Result<i64, StoreError> {
    Ok(store.save_ladder(&default_ladder(), true)?.id)
}

/// Opens the data folder's database, creating it and its default ladder when new.
pub fn open_or_create(data_dir: &Path) -> Result<Store, StoreError> {
    let mut store = Store::open_in(data_dir)?;
    seed_default_ladder(&mut store)?;
    Ok(store)
}
