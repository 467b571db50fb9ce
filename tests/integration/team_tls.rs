//! Team mode over TLS (`sslmode=require`, rustls): a server that accepts TLS connections
//! only, with a certificate from the team's own CA. Trusting that CA (`sslrootcert=`)
//! connects and syncs; without it the certificate is refused with a sentence that says
//! what to do, and nothing is bound.

use crate::store_support::{seed_candidate, text};
use crate::team_support::{Laptop, Postgres, ONE_SERVER_AT_A_TIME};

#[test]
fn a_tls_only_server_is_reached_with_its_ca_and_refused_without_it() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start_tls_only();
    pg.set_up_team(&[("cora", true)]);
    let trusted = format!("{}?sslmode=require&sslrootcert={}", pg.url("cora"), pg.ca_file());
    let untrusted = format!("{}?sslmode=require", pg.url("cora"));

    let laptop = Laptop::new("cora");
    seed_candidate(&mut laptop.store(), "Ida Strand");
    let refused = laptop.rung(&["team", "connect", &untrusted, "--name", "Cora Diaz"]);
    assert!(!refused.status.success());
    let message = text(&refused.stderr);
    assert!(message.contains("certificate") && message.contains("sslrootcert"), "{message}");
    assert!(laptop.store().team_binding().unwrap().is_none(), "nothing is bound after a refused certificate");

    let connected = laptop.rung(&["team", "connect", &trusted, "--name", "Cora Diaz"]);
    assert!(connected.status.success(), "{}", text(&connected.stderr));
    let report = laptop.sync();
    assert_eq!(report["pushed"]["candidates"], 1, "{report}");
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.candidates"), "1");
}
