//! Team mode's tests in one binary, on real PostgreSQL clusters (throwaway, on loopback;
//! postgres.rs starts them): the server's row-level security in raw SQL per role, and a
//! TLS-only server reached with its CA and refused without it. Driven through this
//! crate's functions (library.rs); the app's tests run the same harness through the CLI
//! (sync between four laptops, kills mid-sync, erasure, decisions, the keyring).

#[path = "../../../rung-store/tests/store/support.rs"]
#[allow(dead_code)] // not every helper of the store's tests is used here
mod store_support;

// The harness is shared with the app's tests (`#[path]`), which use all of it.
#[allow(dead_code)]
mod laptops;
mod library;
#[allow(dead_code)]
mod postgres;

mod access_matrix;
mod team_rls;
mod team_tls;
