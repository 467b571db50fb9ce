//! How team mode reaches the laptop's store: briefly, one piece of work at a time, so
//! the window's own saves never wait for the network.

use std::sync::Mutex;

use rung_store::{Store, StoreError};

pub trait LocalStore: Sync {
    fn with<T>(&self, work: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Result<T, StoreError>;
}

impl LocalStore for Mutex<Store> {
    fn with<T>(&self, work: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut store = self.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        work(&mut store)
    }
}
