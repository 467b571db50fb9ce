//! Write transactions that nest. Every write starts with `BEGIN IMMEDIATE`, so the
//! write lock is taken (waiting out the busy timeout) before anything is read: a read
//! followed by a write can never fail half-way with "database is locked" because another
//! process wrote in between. Inside `Store::atomically`, a method's own transaction
//! becomes a savepoint of the enclosing one, so a workflow of several store calls
//! commits as one.

use std::ops::Deref;

use rusqlite::Connection;

use crate::error::StoreError;
use crate::Store;

pub(crate) struct Tx<'a> {
    conn: &'a Connection,
    outermost: bool,
    finished: bool,
}

impl<'a> Tx<'a> {
    pub(crate) fn begin(conn: &'a Connection) -> Result<Tx<'a>, StoreError> {
        let outermost = conn.is_autocommit();
        conn.execute_batch(if outermost { "BEGIN IMMEDIATE" } else { "SAVEPOINT rung_nested" })?;
        Ok(Tx { conn, outermost, finished: false })
    }

    /// On failure (a full disk at COMMIT, say) the guard still rolls back when dropped, so
    /// the connection is never left inside a transaction.
    pub(crate) fn commit(mut self) -> Result<(), StoreError> {
        self.conn.execute_batch(if self.outermost { "COMMIT" } else { "RELEASE rung_nested" })?;
        self.finished = true;
        Ok(())
    }
}

impl Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let undo = if self.outermost { "ROLLBACK" } else { "ROLLBACK TO rung_nested; RELEASE rung_nested" };
            let _ = self.conn.execute_batch(undo);
        }
    }
}

impl Store {
    /// Starts a write: a transaction, or a savepoint inside `atomically`.
    pub(crate) fn write(&self) -> Result<Tx<'_>, StoreError> {
        Tx::begin(&self.conn)
    }

    /// Runs `work` as one transaction holding the write lock from the start: the checks it
    /// makes still hold when it writes, and either all of it is committed or none of it.
    pub fn atomically<T>(&mut self, work: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Result<T, StoreError> {
        if !self.conn.is_autocommit() {
            return work(self);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match work(self) {
            Ok(value) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => Ok(value),
                Err(error) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    Err(error.into())
                }
            },
            Err(error) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(error)
            }
        }
    }
}
