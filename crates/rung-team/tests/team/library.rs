//! How rung-team's own tests reach team mode: through this crate's functions (set up the
//! server, connect, sync), each run to completion on a small runtime of its own; the
//! candidates straight through the store. (The app's tests drive the same harness
//! through the `rung` CLI: tests/integration/team_support.rs.)

use std::future::Future;
use std::sync::Mutex;

use rung_store::TeamBinding;
use rung_team::schema::{self, ServerInit};
use rung_team::{ServerAddress, TeamError};

use crate::laptops::Laptop;
use crate::postgres::{password, Postgres, ADMIN_PASSWORD};

fn block_on<T>(work: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime starts").block_on(work)
}

impl Postgres {
    /// Creates or updates the team schema as the administrator.
    pub fn init_server(&self) -> ServerInit {
        block_on(async {
            let address = ServerAddress::parse(&self.admin_url()).unwrap();
            let mut client = address.connect(Some(ADMIN_PASSWORD)).await.unwrap_or_else(|e| panic!("{e}"));
            schema::init_server(&mut client, &address.describe()).await.unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// The team schema, then the members: `(login, coordinator)`, each with `password(login)`.
    pub fn set_up_team(&self, members: &[(&str, bool)]) {
        self.init_server();
        block_on(async {
            let address = ServerAddress::parse(&self.admin_url()).unwrap();
            let client = address.connect(Some(ADMIN_PASSWORD)).await.unwrap_or_else(|e| panic!("{e}"));
            for (login, coordinator) in members {
                schema::add_member(&client, &address.describe(), login, Some(&password(login)), *coordinator)
                    .await
                    .unwrap_or_else(|e| panic!("{login} joins: {e}"));
            }
        });
    }
}

impl Laptop {
    /// Binds this laptop's folder to the server at `url` as this member, scoring as `name`.
    pub fn connect_to(&self, url: &str, name: &str) -> Result<TeamBinding, TeamError> {
        let local = Mutex::new(self.store());
        block_on(rung_team::connect(&local, url, Some(&password(&self.login)), name))
    }

    pub fn connect(&self, pg: &Postgres, name: &str) {
        self.connect_to(&pg.url(&self.login), name).unwrap_or_else(|e| panic!("{} connects: {e}", self.login));
    }

    /// One sync, which must succeed: what moved, as `rung team sync --json` prints it.
    pub fn sync(&self) -> serde_json::Value {
        let local = Mutex::new(self.store());
        let report = block_on(rung_team::sync_once(&local, Some(&password(&self.login))))
            .unwrap_or_else(|e| panic!("{} syncs: {e}", self.login));
        serde_json::to_value(&report).unwrap()
    }

    /// A candidate for the seed ladder's senior role with the default panel.
    pub fn add_candidate(&self, name: &str) -> i64 {
        crate::store_support::candidate_with_panel(&mut self.store(), name)
    }
}
