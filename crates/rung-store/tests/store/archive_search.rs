//! The archive's search on a real database: words match names, roles and who decided
//! (accents and punctuation do not get in the way), filters and date ranges combine,
//! sorting and paging are stable, and an issued report can never be edited or deleted.

use rung_store::{ArchiveQuery, ArchiveSort, NewReport, Store};

use crate::support::{candidate_with_panel, new_seed_candidate, raw};

struct Row<'a> {
    name: &'a str,
    role: &'a str,
    hired_level: &'a str,
    outcome: &'a str,
    decided_by: &'a str,
    issued_at: &'a str,
}

fn archive(store: &mut Store, candidate: i64, n: usize, row: &Row<'_>) {
    let hash = format!("{n:064x}");
    store
        .archive_report(&NewReport {
            report_id: &format!("R-{n:04}-0000-0000"),
            data_sha256: &hash,
            file_sha256: &format!("f{}", &hash[1..]),
            evidence_sha256: &hash,
            candidate_id: candidate,
            decision_id: None,
            issued_at: row.issued_at,
            paper: "a4",
            candidate_name: row.name,
            role_title: row.role,
            hired_level: row.hired_level,
            outcome: row.outcome,
            decided_by: row.decided_by,
            pages: 4,
            pdf: b"%PDF-1.4 placeholder",
        })
        .unwrap();
}

fn names(store: &Store, query: ArchiveQuery) -> Vec<String> {
    store.search_reports(&query).unwrap().reports.into_iter().map(|r| r.candidate_name).collect()
}

#[test]
fn the_archive_searches_filters_sorts_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let candidate = candidate_with_panel(&mut store, "Archive Owner");
    let rows = [
        Row {
            name: "Zoë Łukasiewicz-Nguyễn",
            role: "L2 Senior Support Engineer",
            hired_level: "L2 Senior Support Engineer, Performing",
            outcome: "hire",
            decided_by: "Søren O'Brien",
            issued_at: "2026-01-10T09:00:00Z",
        },
        Row {
            name: "Søren O'Brien",
            role: "L1 Support Engineer",
            hired_level: "",
            outcome: "no_hire",
            decided_by: "Priya Raman",
            issued_at: "2026-02-11T09:00:00Z",
        },
        Row {
            name: "Ana Souza",
            role: "L2 Senior Support Engineer",
            hired_level: "",
            outcome: "pending",
            decided_by: "",
            issued_at: "2026-03-12T09:00:00Z",
        },
        Row {
            name: "Marcus Bell",
            role: "L3 Staff Support Engineer",
            hired_level: "",
            outcome: "hold",
            decided_by: "Priya Raman",
            issued_at: "2026-03-31T23:59:59Z",
        },
    ];
    for (n, row) in rows.iter().enumerate() {
        archive(&mut store, candidate, n + 1, row);
    }
    let query = |text: &str| ArchiveQuery { text: text.into(), ..ArchiveQuery::default() };

    assert_eq!(names(&store, query("zoe")), ["Zoë Łukasiewicz-Nguyễn"], "accents do not matter");
    assert_eq!(names(&store, query("nguy")), ["Zoë Łukasiewicz-Nguyễn"], "words match by prefix");
    // "O'Brien" is a candidate and a decider: both reports.
    assert_eq!(names(&store, query("o'brien")).len(), 2);
    assert_eq!(names(&store, query("staff")), ["Marcus Bell"], "roles are searched");
    assert!(names(&store, query("\"unbalanced AND (")).is_empty(), "typed text is never query syntax");

    let filtered = ArchiveQuery { outcome: Some("hire".into()), ..ArchiveQuery::default() };
    assert_eq!(names(&store, filtered), ["Zoë Łukasiewicz-Nguyễn"]);
    let by = ArchiveQuery { decided_by: Some("Priya Raman".into()), ..ArchiveQuery::default() };
    assert_eq!(names(&store, by), ["Marcus Bell", "Søren O'Brien"], "newest first");
    let march =
        ArchiveQuery { from: Some("2026-03-01".into()), to: Some("2026-03-31".into()), ..ArchiveQuery::default() };
    assert_eq!(names(&store, march), ["Marcus Bell", "Ana Souza"], "the last day is inclusive");
    let combined = ArchiveQuery { text: "support".into(), outcome: Some("pending".into()), ..ArchiveQuery::default() };
    assert_eq!(names(&store, combined), ["Ana Souza"]);

    let by_name = ArchiveQuery { sort: ArchiveSort::Candidate, ..ArchiveQuery::default() };
    assert_eq!(names(&store, by_name), ["Ana Souza", "Marcus Bell", "Søren O'Brien", "Zoë Łukasiewicz-Nguyễn"]);
    let page = store
        .search_reports(&ArchiveQuery {
            sort: ArchiveSort::OldestFirst,
            page: 1,
            page_size: 3,
            ..ArchiveQuery::default()
        })
        .unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.reports.len(), 1);
    assert_eq!(page.reports[0].candidate_name, "Marcus Bell");

    // Issued reports are immutable and stay until their candidate is erased.
    let conn = raw(store.path());
    let edit = conn.execute("UPDATE reports SET outcome = 'hire' WHERE id = 2", []).unwrap_err().to_string();
    assert!(edit.contains("never changes"), "{edit}");
    let swap = conn.execute("UPDATE report_files SET pdf = x'00' WHERE report_id = 2", []).unwrap_err().to_string();
    assert!(swap.contains("never changes"), "{swap}");
    let delete = conn.execute("DELETE FROM reports WHERE id = 2", []).unwrap_err().to_string();
    assert!(delete.contains("kept until its candidate is erased"), "{delete}");
}

#[test]
fn the_archive_finds_a_name_however_it_is_punctuated_a_report_id_a_hired_level_and_an_email() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let mut candidate = |name: &str, email: &str| {
        let new = rung_store::NewCandidate { email: Some(email.into()), ..new_seed_candidate(&mut store, name) };
        store.create_candidate(&new).unwrap()
    };
    let siobhan = candidate("Siobhán O'Neil", "siobhan.oneil@example.org");
    let ana = candidate("Ana O’Neil-Park", "ana.park@example.com");
    let jun = candidate("Jun St. James", "jun@example.org");
    let hire = |name, level| Row {
        name,
        role: "L2 Senior Support Engineer",
        hired_level: level,
        outcome: "hire",
        decided_by: "Casey Coordinator",
        issued_at: "2026-04-01T09:00:00Z",
    };
    archive(&mut store, siobhan, 1, &hire("Siobhán O'Neil", "L3 Staff Support Engineer, Maturing"));
    archive(&mut store, ana, 2, &hire("Ana O’Neil-Park", "L2 Senior Support Engineer, Exceeding"));
    archive(&mut store, jun, 3, &Row { outcome: "no_hire", hired_level: "", ..hire("Jun St. James", "") });
    let found = |text: &str| {
        let mut names = names(&store, ArchiveQuery { text: text.into(), ..ArchiveQuery::default() });
        names.sort();
        names
    };
    let both = ["Ana O’Neil-Park", "Siobhán O'Neil"];
    for typed in ["O'Neil", "O’Neil", "ONeil", "oneil", "o neil"] {
        assert_eq!(found(typed), both, "{typed:?} finds both O'Neils");
    }
    assert_eq!(found("oneilpark"), ["Ana O’Neil-Park"], "a hyphenated name as one word");
    assert_eq!(found("st james"), ["Jun St. James"], "a full stop is no word of its own");
    assert_eq!(found("siobhan oneil"), ["Siobhán O'Neil"], "every word must match");
    assert_eq!(found("R-0002-0000-0000"), ["Ana O’Neil-Park"], "the id printed on the report");
    assert_eq!(found("r-0003"), ["Jun St. James"], "any case, by prefix");
    assert_eq!(found("staff"), ["Siobhán O'Neil"], "the level hired at, not the role applied for");
    assert_eq!(found("exceeding"), ["Ana O’Neil-Park"], "the band hired at");
    assert_eq!(found("ana.park@example.com"), ["Ana O’Neil-Park"], "an email");
    assert_eq!(found("JUN@"), ["Jun St. James"], "the start of an email, any case");
    assert_eq!(found("siobhan %@"), Vec::<String>::new(), "% in an email is a character, not a wildcard");
    let listed = store.search_reports(&ArchiveQuery::default()).unwrap().reports;
    let levels: Vec<&str> = listed.iter().map(|r| r.hired_level.as_str()).collect();
    assert_eq!(
        levels,
        ["", "L2 Senior Support Engineer, Exceeding", "L3 Staff Support Engineer, Maturing"],
        "newest first"
    );
}
