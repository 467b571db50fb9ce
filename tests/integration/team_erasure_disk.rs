//! Erasure down to the server's disk (issue 28): a unique token planted in a candidate's
//! name, email and notes and in a shared scorecard's notes (pushed from the interviewer's
//! own connection) is, after the erasure, its sync and `rung team maintain`, in no file
//! under the server's `base/` (tables, indexes, TOAST) nor its `pg_wal` (wal_recycle off,
//! as the README says), and in no laptop's data folder. On the way: the erase output says
//! what still holds a copy (the other laptop, the server's files, the write-ahead log, base
//! backups); `rung team status` shows the erasure waiting for maintenance and the laptop
//! that has not received it; maintenance waits for a transaction that can still see the
//! rows, refuses a login that does not own the tables, a second run does nothing, and a
//! row of the erased candidate that comes back (a restore) is deleted and rewritten away.

use rung::store::NewCandidate;

use crate::store_support::text;
use crate::team_support::{
    files_containing, password, rung_team_cli, score_interview, Postgres, Team, ADMIN_PASSWORD, ONE_SERVER_AT_A_TIME,
};

const TOKEN: &str = "QZXERASETOKEN";

fn status_of(laptop: &crate::team_support::Laptop) -> String {
    let output = laptop.rung(&["team", "status"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout)
}

/// Which relations files under base/ are (for a message that says where the bytes are).
fn relations(pg: &Postgres, files: &[std::path::PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|file| {
            let node = file.file_name().unwrap().to_string_lossy().split(['.', '_']).next().unwrap().to_owned();
            pg.admin_sql(&format!(
                "SELECT coalesce((SELECT c.oid::regclass::text || coalesce(' of ' || t.oid::regclass::text, '')
                                    FROM pg_class c LEFT JOIN pg_class t ON t.reltoastrelid = c.oid
                                   WHERE c.relfilenode = {node}), 'file {node} of no relation')"
            ))
        })
        .collect()
}

#[test]
fn an_erased_candidate_leaves_no_byte_on_the_servers_disk_or_any_laptop_after_sync_and_maintenance() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start();
    pg.set("wal_recycle", "off");
    pg.set_up_team(&[("cora", true), ("ana", false)]);
    // A scorecard's body is large enough for PostgreSQL to compress it (pglz), and a
    // compressed token cannot be found by reading the files, present or not. Stored
    // uncompressed, every byte is where this test looks.
    pg.admin_sql(
        "ALTER TABLE rung.scorecards ALTER COLUMN body SET STORAGE EXTERNAL;
         ALTER TABLE rung.candidates ALTER COLUMN body SET STORAGE EXTERNAL",
    );
    // Another candidate stays: the erased rows share pages with rows that live on.
    let name = format!("Tess {TOKEN}name");
    let team = Team::with_panels(&pg, &["Kept Person", &name], &[("ana", "Ana Ruiz")]);
    let (cora, ana, erased) = (&team.coordinator, &team.interviewers[0], team.candidates[1]);
    {
        let mut store = cora.store();
        let candidate = store.candidate(erased).unwrap();
        let edit = NewCandidate {
            name: candidate.name.clone(),
            email: Some(format!("tess.{TOKEN}mail@example.com")),
            ladder_id: candidate.ladder_id,
            target_role_key: candidate.target_role_key.clone(),
            notes: format!("referred by {TOKEN}notes"),
        };
        store.update_candidate(erased, &edit).unwrap();
    }
    cora.sync();
    // Ana submits her scorecards for both, the token in the erased candidate's notes only,
    // from her own connection.
    {
        let mut store = ana.store();
        let me = store.team_binding().unwrap().unwrap().interviewer_id;
        for candidate in store.candidates().unwrap() {
            let note =
                if candidate.name == name { format!("evidence {TOKEN}card") } else { "kept evidence".to_owned() };
            for interview in store.panel(candidate.id).unwrap().iter().filter(|i| i.interviewer_id == Some(me)) {
                score_interview(&mut store, me, candidate.id, interview, (3, &note), true);
            }
        }
    }
    assert!(ana.sync()["pushed"]["scorecards"].as_u64().unwrap() >= 1);
    pg.admin_sql("CHECKPOINT");
    for planted in ["name", "mail", "notes", "card"] {
        assert!(
            !pg.files_containing("base", &format!("{TOKEN}{planted}")).is_empty(),
            "the planted {planted} is in the server's table files before the erasure (else the test proves nothing)"
        );
    }

    // A transaction that began before the erasure (a long report, a laptop mid-pull).
    let reader = pg.open_session("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM rung.candidates;");

    // The coordinator erases on their laptop: the output says what still holds a copy.
    let erase = cora.rung(&["erase", "--candidate", &erased.to_string(), "--yes"]);
    assert!(erase.status.success(), "{}", text(&erase.stderr));
    let said = text(&erase.stdout);
    for copy in [
        "team server's rows",
        "Ana Ruiz's laptop (ana",
        "rung team maintain",
        "write-ahead log (pg_wal)",
        "base backups",
    ] {
        assert!(said.contains(copy), "the erase output names {copy:?}:\n{said}");
    }
    assert!(!said.contains(TOKEN), "the output does not repeat the candidate's data:\n{said}");
    assert_eq!(cora.sync()["pushed"]["erasures"], 1);
    assert_eq!(pg.admin_sql("SELECT count(*) FROM rung.candidates"), "1", "only the kept candidate");

    // Status, as of that sync: one erasure waits for maintenance, Ana has not received it.
    let status = status_of(cora);
    assert!(status.contains("1 erasure waits for the server's maintenance"), "{status}");
    assert!(status.contains("Ana Ruiz's laptop (ana") && status.contains("has not received 1 erasure"), "{status}");
    let json: serde_json::Value = serde_json::from_slice(&cora.rung(&["team", "status", "--json"]).stdout).unwrap();
    assert_eq!(json["erasures"]["waiting_for_maintenance"], 1, "{json}");
    assert_eq!(json["erasures"]["laptops_behind"], 1, "{json}");

    // The deleted rows are still on the server's disk: this is what maintenance is for.
    pg.admin_sql("CHECKPOINT");
    assert!(!pg.files_containing("base", TOKEN).is_empty(), "a DELETE alone leaves the bytes in the table files");

    // Ana syncs: erased on her laptop, and the server knows she has it.
    assert_eq!(ana.sync()["pulled"]["erasures"], 1);
    cora.sync();
    let status = status_of(cora);
    assert!(!status.contains("has not received"), "{status}");
    assert!(status.contains("1 erasure waits"), "{status}");
    assert!(
        status.contains("is gone from the server's rows and from ")
            && status.contains("Cora Diaz's laptop (cora")
            && status.contains("Ana Ruiz's laptop (ana"),
        "each laptop is named as it confirms: {status}"
    );

    // Only the tables' owner may maintain.
    let not_owner = rung_team_cli(cora.path(), &password("cora"), &["team", "maintain", &pg.url("cora")]);
    assert!(!not_owner.status.success());
    assert!(text(&not_owner.stderr).contains("only the owner of the team's tables"), "{}", text(&not_owner.stderr));

    // The old transaction could still read the rows: a rewrite now would copy them.
    let admin_url = pg.admin_url();
    let maintain = |extra: &[&str]| {
        let mut args = vec!["team", "maintain", admin_url.as_str()];
        args.extend_from_slice(extra);
        rung_team_cli(cora.path(), ADMIN_PASSWORD, &args)
    };
    let held = maintain(&["--wait", "1"]);
    assert!(!held.status.success(), "an erasure still waits: exit 1");
    let why = text(&held.stderr);
    assert!(why.contains("still waiting") && why.contains("began before the erasure"), "{why}");
    drop(reader); // psql's stdin closes: the session ends
    while pg.admin_sql("SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'") != "0" {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    // A plain VACUUM marks the dead rows' space free but leaves their bytes in the pages
    // (where a later row may or may not overwrite them): not enough.
    pg.admin_sql("VACUUM rung.candidates, rung.panels, rung.scorecards, rung.decisions, rung.reports");
    pg.admin_sql("CHECKPOINT");
    assert!(
        !pg.files_containing("base", TOKEN).is_empty(),
        "a plain VACUUM left no byte behind here: maintenance's VACUUM FULL is no longer shown to be needed"
    );

    let done = maintain(&[]);
    let said = text(&done.stdout);
    assert!(done.status.success(), "{said}{}", text(&done.stderr));
    assert!(said.contains("rewrote the tables of 1 erasure(s)"), "{said}");
    assert!(said.contains("no row of an erased candidate is reachable"), "{said}");
    assert!(said.contains("pg_wal: no log segment written before the last rewrite"), "{said}");
    assert!(said.contains("base backups"), "{said}");

    pg.admin_sql("CHECKPOINT");
    let left = pg.files_containing("base", TOKEN);
    assert!(left.is_empty(), "the server's table files still hold the candidate: {:?}", relations(&pg, &left));
    assert_eq!(pg.files_containing("pg_wal", TOKEN), Vec::<std::path::PathBuf>::new(), "the server's WAL");
    for laptop in [cora, ana] {
        assert_eq!(
            files_containing(laptop.path(), TOKEN),
            Vec::<std::path::PathBuf>::new(),
            "{}'s data folder",
            laptop.login
        );
        laptop.assert_checks_pass();
    }
    assert!(
        pg.admin_sql("SELECT body::text FROM rung.candidates").contains("Kept Person"),
        "the other candidate is intact"
    );

    // Again: nothing waits, nothing is rewritten; status says the erasure is everywhere.
    let again = maintain(&[]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(text(&again.stdout).contains("no erasure waits for maintenance"), "{}", text(&again.stdout));
    // A row of the erased candidate comes back (a table restored from an old backup):
    // the next maintenance deletes it and rewrites the tables again.
    pg.admin_sql(&format!(
        "INSERT INTO rung.candidates (id, ladder_sha256, body, edited_at, laptop)
         SELECT e.candidate_id, l.snapshot_sha256, '{{\"name\": \"{TOKEN}restored\"}}', '2026-01-01', 'restore'
         FROM rung.erasures e, rung.ladders l LIMIT 1"
    ));
    let restored = maintain(&[]);
    let said = text(&restored.stdout);
    assert!(restored.status.success(), "{said}{}", text(&restored.stderr));
    assert!(
        said.contains("removed 1 row(s) of erased candidates") && said.contains("rewrote the tables of 1 erasure(s)"),
        "{said}"
    );
    pg.admin_sql("CHECKPOINT");
    assert!(pg.files_containing("base", TOKEN).is_empty(), "the restored row is gone from the files too");

    cora.sync();
    let status = status_of(cora);
    assert!(status.contains("The erasure has reached every laptop and the server's table files"), "{status}");
}
