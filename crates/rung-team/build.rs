//! `refinery::embed_migrations!` (src/schema.rs) reads src/server_sql when it expands and
//! tracks only the files it found then: a new migration (V4__….sql) would not rebuild
//! this crate, and a build kept from before would set servers up without it. Watching the
//! folder rebuilds the crate whenever a migration is added, changed or removed.
fn main() {
    println!("cargo:rerun-if-changed=src/server_sql");
}
