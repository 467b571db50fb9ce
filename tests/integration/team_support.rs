//! The team-mode harness (a throwaway PostgreSQL cluster, laptops, a team with shared
//! panels; shared with rung-team's tests), driven here the way people drive it: the real
//! `rung` CLI sets the server up, connects each laptop and syncs, and candidates are added
//! through the hiring workflow. Shared with benches/team_sync.rs too.

use std::path::Path;
use std::process::{Command, Output};

use crate::store_support::text;

#[path = "../../crates/rung-team/tests/team/laptops.rs"]
mod laptops;
#[path = "../../crates/rung-team/tests/team/postgres.rs"]
#[allow(dead_code)] // the TLS-only server is rung-team's test
mod postgres;
pub use laptops::*;
pub use postgres::*;

impl Postgres {
    /// `rung team init-server`, then the members: `(login, coordinator)`.
    pub fn set_up_team(&self, members: &[(&str, bool)]) {
        let init = rung_team_cli(self.folder(), ADMIN_PASSWORD, &["team", "init-server", &self.admin_url()]);
        assert!(init.status.success(), "{}", text(&init.stderr));
        let admin_url = self.admin_url();
        for (login, coordinator) in members {
            let mut args = vec!["team", "add-member", &admin_url, "--login", login];
            if *coordinator {
                args.push("--coordinator");
            }
            let added = Command::new(env!("CARGO_BIN_EXE_rung"))
                .args(&args)
                .env("PGPASSWORD", ADMIN_PASSWORD)
                .env("RUNG_MEMBER_PASSWORD", password(login))
                .output()
                .unwrap();
            assert!(added.status.success(), "{}", text(&added.stderr));
        }
    }
}

/// The real `rung` binary with a password in PGPASSWORD (and no data folder from outside).
pub fn rung_team_cli(data_dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rung"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("RUNG_DATA_DIR")
        .env("PGPASSWORD", password)
        // Signing keys in the data folder: a test run never fills a desktop's keyring.
        .env("RUNG_KEY_STORE", "folder")
        .output()
        .unwrap()
}

impl Laptop {
    /// `rung <args>` on this laptop, with this member's password.
    pub fn rung(&self, args: &[&str]) -> Output {
        rung_team_cli(self.path(), &password(&self.login), args)
    }

    pub fn connect(&self, pg: &Postgres, name: &str) {
        let output = self.rung(&["team", "connect", &pg.url(&self.login), "--name", name]);
        assert!(output.status.success(), "{} connects: {}", self.login, text(&output.stderr));
    }

    /// `rung team sync --json`, which must succeed.
    pub fn sync(&self) -> serde_json::Value {
        let output = self.rung(&["team", "sync", "--json"]);
        assert!(output.status.success(), "{} syncs: {}{}", self.login, text(&output.stdout), text(&output.stderr));
        serde_json::from_slice(&output.stdout).unwrap()
    }

    /// A candidate for the seed ladder's senior role with the default panel, through the
    /// hiring workflow.
    pub fn add_candidate(&self, name: &str) -> i64 {
        crate::store_support::seed_candidate(&mut self.store(), name)
    }

    /// `rung db check` and `rung audit verify` both pass.
    pub fn assert_checks_pass(&self) {
        for args in [&["db", "check"][..], &["audit", "verify"][..]] {
            let output = self.rung(args);
            assert!(
                output.status.success(),
                "{} {args:?}: {}{}",
                self.login,
                text(&output.stdout),
                text(&output.stderr)
            );
        }
    }
}
