//! Team mode over TLS (`sslmode=require`, rustls): a server that accepts TLS connections
//! only, with a certificate from the team's own CA. Trusting that CA (`sslrootcert=`)
//! connects and syncs; without it the certificate is refused with a sentence that says
//! what to do, and nothing is bound.

use crate::laptops::Laptop;
use crate::postgres::{Postgres, ONE_SERVER_AT_A_TIME};

#[test]
fn a_tls_only_server_is_reached_with_its_ca_and_refused_without_it() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start_tls_only();
    pg.set_up_team(&[("cora", true)]);
    let trusted = format!("{}?sslmode=require&sslrootcert={}", pg.url("cora"), pg.ca_file());
    let untrusted = format!("{}?sslmode=require", pg.url("cora"));

    let laptop = Laptop::new("cora");
    laptop.add_candidate("Ida Strand");
    let refused = laptop.connect_to(&untrusted, "Cora Diaz").expect_err("an untrusted certificate is refused");
    let message = refused.to_string();
    assert!(message.contains("certificate") && message.contains("sslrootcert"), "{message}");
    assert!(laptop.store().team_binding().unwrap().is_none(), "nothing is bound after a refused certificate");

    laptop.connect_to(&trusted, "Cora Diaz").unwrap_or_else(|e| panic!("{e}"));
    let report = laptop.sync();
    assert_eq!(report["pushed"]["candidates"], 1, "{report}");
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.candidates"), "1");
}
