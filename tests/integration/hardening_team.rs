//! Team mode against a server whose administrator edits rows: a scorecard re-sealed
//! after a change, a scorecard forged under a member's login and signed with a key that
//! member never registered, and a forged decision are all refused on pull, by name; the
//! rest arrives, and the laptop's `db check` stays clean.

use rung_core::signing::KeyPair;

use crate::store_support::text;
use crate::team_support::{Laptop, Postgres, Team};

const CANDIDATE: &str = "Robin Vale";

#[test]
fn rows_resealed_or_forged_on_the_server_are_refused_by_their_signatures() {
    let pg = Postgres::start();
    pg.set_up_team(&[("cora", true), ("ben", false), ("ana", false)]);
    let team = Team::with_panels(&pg, &[CANDIDATE], &[("ben", "Ben Okoro"), ("ana", "Ana Silva")]);
    for laptop in &team.interviewers {
        laptop.score_assigned(3, "Solid.", true);
        laptop.sync();
    }
    assert_eq!(pg.admin_sql("SELECT count(DISTINCT login) FROM rung.member_keys"), "3", "every member registered keys");

    // Re-sealed: a score changed and the seal recomputed, as anyone can; the seal column
    // follows. The signature, over the old seal, no longer holds.
    let seal = pg.admin_sql("SELECT seal FROM rung.scorecards WHERE interviewer = 'ben' ORDER BY seal LIMIT 1");
    let body: serde_json::Value =
        serde_json::from_str(&pg.admin_sql(&format!("SELECT body::text FROM rung.scorecards WHERE seal = '{seal}'")))
            .unwrap();
    let mut card: rung::bundle_format::BundledScorecard = serde_json::from_value(body).unwrap();
    card.ratings[0].score = Some(1);
    card.seal_sha256 = rung::scorecard::seal(&card.as_source_scorecard(), &card.submitted_at);
    let resealed = serde_json::to_string(&card).unwrap().replace('\'', "''");
    pg.admin_sql(&format!(
        "UPDATE rung.scorecards SET seal = '{}', body = '{resealed}'::jsonb WHERE seal = '{seal}'",
        card.seal_sha256
    ));
    // Forged: a copy "by ana" for the same candidate, signed with the administrator's key.
    let ana_seal = pg.admin_sql("SELECT seal FROM rung.scorecards WHERE interviewer = 'ana' ORDER BY seal LIMIT 1");
    let body: serde_json::Value = serde_json::from_str(
        &pg.admin_sql(&format!("SELECT body::text FROM rung.scorecards WHERE seal = '{ana_seal}'")),
    )
    .unwrap();
    let mut forged: rung::bundle_format::BundledScorecard = serde_json::from_value(body).unwrap();
    forged.summary = "Would not hire.".into();
    forged.seal_sha256 = rung::scorecard::seal(&forged.as_source_scorecard(), &forged.submitted_at);
    let signature = KeyPair::generate().unwrap().sign(&forged.statement().unwrap());
    let signed = forged.signature.as_mut().unwrap();
    (signed.public_key, signed.signature) = (signature.public_key, signature.signature);
    pg.admin_sql(&format!(
        "INSERT INTO rung.scorecards (seal, candidate_id, interviewer, interview_position, body)
         SELECT '{}', candidate_id, 'ana', interview_position, '{}'::jsonb FROM rung.scorecards WHERE seal = '{ana_seal}';
         DELETE FROM rung.scorecards WHERE seal = '{ana_seal}';",
        forged.seal_sha256,
        serde_json::to_string(&forged).unwrap().replace('\'', "''")
    ));

    let fresh = Laptop::new("cora");
    fresh.connect(&pg, "Cora Diaz");
    let refused = fresh.rung(&["team", "sync"]);
    assert!(!refused.status.success(), "forged rows fail the sync");
    let message = text(&refused.stderr);
    assert!(
        message.contains("Ben Okoro's scorecard") && message.contains("that is not signed by a key ben registered"),
        "{message}"
    );
    assert!(
        message.contains("Ana Silva's scorecard") && message.contains("that is not signed by a key ana registered"),
        "{message}"
    );
    fresh.assert_checks_pass();
}
