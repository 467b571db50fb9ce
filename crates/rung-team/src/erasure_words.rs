//! What still holds an erased candidate, in words: for the erase output (right after the
//! laptop erased), for `rung team status` and the Team screen (erasures waiting for the
//! server's maintenance, laptops that have not received one), and for the maintenance
//! itself. Worded once, here, from what the last sync read (`ServerFacts`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rung_store::{Store, StoreError};
use serde::Serialize;
use ts_rs::TS;

use crate::erasure_progress::{cached_facts, KnownLaptop, ServerFacts, WalFacts};
use crate::maintain::short;

/// Where erasures stand across the team, as of the last sync.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ErasureBacklog {
    /// Erasures whose rows the server's table files still hold (maintenance has not run
    /// since they reached the server).
    pub waiting_for_maintenance: u32,
    /// Laptops that have not yet received every erasure.
    pub laptops_behind: u32,
    /// When the server said so (the last sync); None before the first sync that read it.
    pub as_of: Option<String>,
    /// The same as sentences, oldest first (the CLI and the Team screen show them).
    pub lines: Vec<String>,
}

/// "3 hours", "2 days": how long since `from`.
fn for_how_long(from: &str, now: DateTime<Utc>) -> String {
    let Ok(from) = DateTime::parse_from_rfc3339(from) else { return "an unknown time".to_owned() };
    let minutes = (now - from.with_timezone(&Utc)).num_minutes().max(0);
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match minutes {
        0 => "less than a minute".to_owned(),
        1..=119 => plural(minutes, "minute"),
        // Rounded: 2 h 59 min reads as 3 hours.
        120..=2879 => plural((minutes + 30) / 60, "hour"),
        _ => plural((minutes + 720) / 1440, "day"),
    }
}

fn erasures(n: usize) -> String {
    format!("{n} erasure{}", if n == 1 { "" } else { "s" })
}

fn last_maintenance(facts: &ServerFacts, now: DateTime<Utc>) -> String {
    match &facts.last_maintenance {
        Some(at) => format!("the last one ran {} ago", for_how_long(at, now)),
        None => "it has never run on this server".to_owned(),
    }
}

fn laptop_name(laptop: &KnownLaptop) -> String {
    format!("{}'s laptop ({}, {})", laptop.name, laptop.login, short(&laptop.laptop))
}

fn last_synced(laptop: &KnownLaptop, now: DateTime<Utc>) -> String {
    match &laptop.last_seen {
        Some(at) => format!("last synced {} ago", for_how_long(at, now)),
        None => "not synced since the server began keeping track of laptops".to_owned(),
    }
}

/// Where erasures stand, for `rung team status` and the Team screen.
pub fn erasure_backlog(store: &Store, this_laptop: &str, login: &str) -> Result<ErasureBacklog, StoreError> {
    Ok(backlog(cached_facts(store)?.as_ref(), &format!("{this_laptop} {login}"), Utc::now()))
}

/// `this_laptop`: this folder's `KnownLaptop::key`.
pub(crate) fn backlog(facts: Option<&ServerFacts>, this_laptop: &str, now: DateTime<Utc>) -> ErasureBacklog {
    let Some(facts) = facts else { return ErasureBacklog::default() };
    let mut lines = Vec::new();
    let waiting: Vec<_> = facts.erasures.iter().filter(|e| e.maintained_at.is_none()).collect();
    if let Some(oldest) = waiting.first() {
        lines.push(format!(
            "{} {} for the server's maintenance (`rung team maintain`, run by its administrator), the oldest for {} (erased by {}): until it runs, the server's table files still hold {}; {}.",
            erasures(waiting.len()),
            if waiting.len() == 1 { "waits" } else { "wait" },
            for_how_long(&oldest.erased_at, now),
            oldest.erased_by,
            if waiting.len() == 1 { "that candidate" } else { "those candidates" },
            last_maintenance(facts, now)
        ));
    }
    let behind = laptops_behind(facts, this_laptop, now);
    let laptops_behind = behind.len() as u32;
    lines.extend(behind);
    lines.extend(received(facts, now));
    if lines.is_empty() && facts.erasures_done > 0 {
        lines.push(match facts.erasures_done {
            1 => "The erasure has reached every laptop and the server's table files.".to_owned(),
            n => format!("All {n} erasures have reached every laptop and the server's table files."),
        });
    }
    ErasureBacklog {
        waiting_for_maintenance: waiting.len() as u32,
        laptops_behind,
        as_of: Some(facts.fetched_at.clone()),
        lines,
    }
}

/// How many erasures still in progress are told one by one (the newest).
const TOLD_ONE_BY_ONE: usize = 5;

/// Per erasure still in progress: which laptops are done with it, as they confirmed.
fn received(facts: &ServerFacts, now: DateTime<Utc>) -> Vec<String> {
    let names: BTreeMap<String, String> = facts.laptops.iter().map(|l| (l.key(), laptop_name(l))).collect();
    let skipped = facts.erasures.len().saturating_sub(TOLD_ONE_BY_ONE);
    facts
        .erasures
        .iter()
        .skip(skipped)
        .map(|erasure| {
            let done: Vec<String> = erasure
                .received
                .iter()
                .map(|(laptop, at)| {
                    let name =
                        names.get(laptop.as_str()).cloned().unwrap_or_else(|| format!("laptop {}", short(laptop)));
                    format!("{name} {} ago", for_how_long(at, now))
                })
                .collect();
            format!(
                "Erasure {} (by {}, {} ago) is gone from the server's rows{}{}.",
                short(&erasure.candidate_id),
                erasure.erased_by,
                for_how_long(&erasure.erased_at, now),
                if erasure.maintained_at.is_some() { " and table files" } else { "" },
                if done.is_empty() {
                    "; no laptop has confirmed it yet".to_owned()
                } else {
                    format!(" and from {}", done.join(", "))
                }
            )
        })
        .collect()
}

/// One sentence per laptop that has not received every erasure.
fn laptops_behind(facts: &ServerFacts, this_laptop: &str, now: DateTime<Utc>) -> Vec<String> {
    // Per laptop: how many erasures it lacks, and the oldest one's time.
    let mut lacking: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for erasure in &facts.erasures {
        for laptop in &erasure.behind {
            let entry = lacking.entry(laptop.as_str()).or_insert((0, erasure.erased_at.as_str()));
            entry.0 += 1;
            entry.1 = entry.1.min(erasure.erased_at.as_str());
        }
    }
    facts
        .laptops
        .iter()
        .filter_map(|laptop| {
            let (count, oldest) = lacking.get(laptop.key().as_str())?;
            Some(if laptop.key() == this_laptop {
                format!(
                    "This laptop has not received {}, for {}: the candidate is still here (a legal hold, or a problem the sync reported).",
                    erasures(*count),
                    for_how_long(oldest, now)
                )
            } else {
                format!(
                    "{} has not received {}, the oldest for {}; it {} and holds the candidate until it syncs again.",
                    laptop_name(laptop),
                    erasures(*count),
                    for_how_long(oldest, now),
                    last_synced(laptop, now)
                )
            })
        })
        .collect()
}

/// What the server's write-ahead log keeps of an erasure made now, and how long.
fn wal_sentence(wal: &WalFacts) -> String {
    let mut sentence = if !wal.recycle {
        "The server's write-ahead log (pg_wal) holds them until that maintenance, which removes the log segments from before it (wal_recycle is off)".to_owned()
    } else {
        format!(
            "The server's write-ahead log (pg_wal) holds them after that maintenance too: wal_recycle is on, so old segments are renamed for reuse and keep their bytes until overwritten, after about max_wal_size ({}) more of writes (months on a quiet server); set wal_recycle = off so maintenance removes them",
            wal.max_wal_size
        )
    };
    sentence.push_str(&wal_caveats(wal));
    sentence
}

/// What keeps WAL segments longer than maintenance can: kept segments, replication
/// slots, the archive. Starts with "; " or ". ", ends the sentence.
fn wal_caveats(wal: &WalFacts) -> String {
    let mut caveats = String::new();
    if !matches!(wal.wal_keep_size.as_str(), "0" | "0MB" | "0kB") {
        caveats.push_str(&format!("; wal_keep_size ({}) keeps that much more", wal.wal_keep_size));
    }
    if wal.replication_slots > 0 {
        caveats.push_str(&format!(
            "; {} replication slot(s) keep segments until their standbys have them (and each standby holds its own copy of the files until it replays the maintenance)",
            wal.replication_slots
        ));
    }
    caveats.push('.');
    if wal.archive_mode != "off" {
        caveats.push_str(&format!(
            " WAL archiving is on (archive_mode = {}): the archive keeps copies of those segments until its own retention removes them.",
            wal.archive_mode
        ));
    }
    caveats
}

const BASE_BACKUPS: &str = "The server's base backups (pg_basebackup, pgBackRest, Barman, disk snapshots) taken before that maintenance hold them until they expire under the backup's retention; restoring one brings the candidate back on the server (docs/erasure-on-the-server.md says what to do then).";

/// What still holds a candidate this laptop has just erased, in team mode: the server's
/// rows until this laptop syncs, the other laptops until each syncs after that, the
/// server's table files until maintenance, its write-ahead log and base backups.
pub fn copies_after_local_erasure(store: &Store, login: &str, this_laptop: &str) -> Result<Vec<String>, StoreError> {
    Ok(copies_after_erasure(cached_facts(store)?.as_ref(), login, this_laptop, Utc::now()))
}

pub(crate) fn copies_after_erasure(
    facts: Option<&ServerFacts>,
    login: &str,
    this_laptop: &str,
    now: DateTime<Utc>,
) -> Vec<String> {
    let mut lines = vec![
        "Still on the team server's rows until this laptop sends the erasure at its next sync (`rung team sync`; the app syncs within 15 s while it is open).".to_owned(),
    ];
    if facts.is_some_and(|f| !f.coordinator) {
        lines.push(format!(
            "This laptop syncs as {login}, who is not a coordinator: the server refuses erasures from interviewers, so ask a coordinator to erase the candidate on their laptop too."
        ));
    }
    let others: Vec<&KnownLaptop> =
        facts.map(|f| f.laptops.iter().filter(|l| l.laptop != this_laptop).collect()).unwrap_or_default();
    lines.push(match (facts, others.is_empty()) {
        (None, _) => "Still on every other laptop of the team until each syncs after the server has the erasure; `rung team status` shows each one as it confirms.".to_owned(),
        (Some(_), true) => "No other laptop has synced with the team server, so none holds the candidate.".to_owned(),
        (Some(_), false) => format!(
            "Still on {} other laptop(s) until each syncs after the server has the erasure: {}; `rung team status` shows each one as it confirms.",
            others.len(),
            others.iter().map(|l| format!("{}, {}", laptop_name(l), last_synced(l, now))).collect::<Vec<_>>().join("; ")
        ),
    });
    lines.push(format!(
        "Still in the server's table files (a deleted row stays in them) until its administrator's next `rung team maintain`{}.",
        facts.map(|f| format!("; {}", last_maintenance(f, now))).unwrap_or_default()
    ));
    lines.push(match facts {
        Some(facts) => wal_sentence(&facts.wal),
        None => "The server's write-ahead log (pg_wal) holds them until its segments are removed or overwritten, after that maintenance at the earliest (docs/erasure-on-the-server.md names the settings that bound it).".to_owned(),
    });
    lines.push(BASE_BACKUPS.to_owned());
    lines
}

impl ServerFacts {
    /// What still holds the erased candidates once a maintenance has run: the write-ahead
    /// log, base backups, and laptops that have not received an erasure.
    pub fn copies_after_maintenance(&self) -> Vec<String> {
        let now = DateTime::parse_from_rfc3339(&self.fetched_at)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|_| Utc::now());
        let wal = &self.wal;
        let mut lines = Vec::new();
        let waiting = self.erasures.iter().filter(|e| e.maintained_at.is_none()).count();
        if waiting > 0 {
            lines.push(format!(
                "Until a maintenance rewrites the tables after {}, the server's table files and write-ahead log hold {}.",
                if waiting == 1 { "the erasure still waiting" } else { "the erasures still waiting" },
                if waiting == 1 { "that candidate" } else { "those candidates" }
            ));
        }
        if self.last_maintenance.is_some() {
            let log = match wal.bytes_to_clear {
                Some(bytes) if bytes <= 0 => {
                    "pg_wal: no log segment written before the last rewrite is left on the server".to_owned()
                }
                Some(bytes) => format!(
                    "pg_wal: recycled segments (wal_recycle is on) hold rows from before the last rewrite until the server has written {} MB more of WAL; set wal_recycle = off so maintenance removes them at once",
                    (bytes + (1 << 20) - 1) / (1 << 20)
                ),
                None => format!(
                    "pg_wal: maintenance could not tell what is left of the log from before the last rewrite (it needs superuser, or pg_checkpoint, EXECUTE on pg_switch_wal and pg_monitor); old segments stay until a checkpoint removes them (wal_recycle off) or later writes overwrite them (wal_recycle on: after about max_wal_size, {})",
                    wal.max_wal_size
                ),
            };
            lines.push(format!("{log}{}", wal_caveats(wal)));
        }
        lines.push(BASE_BACKUPS.replace("taken before that maintenance", "taken before the last maintenance"));
        lines.extend(laptops_behind(self, "", now));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::erasure_progress::ErasureState;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn facts() -> ServerFacts {
        ServerFacts {
            fetched_at: "2026-03-02T12:00:00Z".into(),
            coordinator: true,
            laptops: vec![
                KnownLaptop {
                    laptop: "aaaaaaaaaaaaaaaa".into(),
                    login: "ana".into(),
                    name: "Ana Ruiz".into(),
                    last_seen: Some("2026-03-02T09:00:00Z".into()),
                },
                KnownLaptop {
                    laptop: "cccccccccccccccc".into(),
                    login: "cora".into(),
                    name: "Cora Diaz".into(),
                    last_seen: Some("2026-03-02T11:59:00Z".into()),
                },
            ],
            erasures: vec![ErasureState {
                candidate_id: "0123456789abcdef".into(),
                erased_at: "2026-03-02T10:00:00Z".into(),
                erased_by: "Cora Diaz (cora)".into(),
                maintained_at: None,
                received: vec![("cccccccccccccccc cora".into(), "2026-03-02T10:00:05Z".into())],
                behind: vec!["aaaaaaaaaaaaaaaa ana".into()],
            }],
            erasures_done: 0,
            last_maintenance: None,
            wal: WalFacts {
                recycle: true,
                max_wal_size: "1GB".into(),
                wal_keep_size: "0".into(),
                archive_mode: "off".into(),
                replication_slots: 0,
                bytes_to_clear: None,
            },
        }
    }

    #[test]
    fn the_backlog_names_the_erasure_waiting_for_maintenance_and_the_laptop_behind_with_how_long() {
        let backlog = backlog(Some(&facts()), "cccccccccccccccc cora", at("2026-03-02T13:00:00Z"));
        assert_eq!((backlog.waiting_for_maintenance, backlog.laptops_behind), (1, 1));
        assert!(backlog.lines[0].contains("1 erasure waits") && backlog.lines[0].contains("for 3 hours"));
        assert!(backlog.lines[0].contains("never run"), "{}", backlog.lines[0]);
        assert!(
            backlog.lines[1].starts_with("Ana Ruiz's laptop (ana, aaaaaaaa) has not received 1 erasure"),
            "{}",
            backlog.lines[1]
        );
        assert!(backlog.lines[1].contains("last synced 4 hours ago"), "{}", backlog.lines[1]);
        assert_eq!(
            backlog.lines[2],
            "Erasure 01234567 (by Cora Diaz (cora), 3 hours ago) is gone from the server's rows and from Cora Diaz's laptop (cora, cccccccc) 3 hours ago."
        );
    }

    #[test]
    fn a_backlog_that_is_done_says_so_and_one_never_read_says_nothing() {
        let mut done = facts();
        done.erasures.clear();
        done.erasures_done = 2;
        let backlog = backlog(Some(&done), "x", at("2026-03-02T13:00:00Z"));
        assert_eq!(backlog.lines, vec!["All 2 erasures have reached every laptop and the server's table files."]);
        assert_eq!(super::backlog(None, "x", Utc::now()), ErasureBacklog::default());
    }

    #[test]
    fn the_erase_output_names_the_other_laptops_the_tables_the_wal_and_base_backups() {
        let lines = copies_after_erasure(Some(&facts()), "cora", "cccccccccccccccc", at("2026-03-02T13:00:00Z"));
        let text = lines.join("\n");
        assert!(text.contains("Ana Ruiz's laptop (ana, aaaaaaaa), last synced 4 hours ago"), "{text}");
        assert!(!text.contains("Cora Diaz"), "this laptop is not another laptop: {text}");
        assert!(text.contains("write-ahead log") && text.contains("wal_recycle is on"), "{text}");
        assert!(text.contains("base backups"), "{text}");
        assert!(!text.contains("not a coordinator"), "{text}");
        let mut interviewer = facts();
        interviewer.coordinator = false;
        let text = copies_after_erasure(Some(&interviewer), "ana", "aaaaaaaaaaaaaaaa", Utc::now()).join("\n");
        assert!(text.contains("ana, who is not a coordinator"), "{text}");
    }

    #[test]
    fn after_maintenance_the_wal_is_described_as_the_last_rewrite_left_it() {
        let mut waiting = facts();
        let lines = waiting.copies_after_maintenance();
        assert!(lines[0].contains("the erasure still waiting"), "{lines:?}");
        assert!(!lines.iter().any(|l| l.starts_with("pg_wal")), "no rewrite yet, nothing to say of it: {lines:?}");
        waiting.erasures[0].maintained_at = Some("2026-03-02T11:00:00Z".into());
        waiting.last_maintenance = Some("2026-03-02T11:00:00Z".into());
        waiting.wal.bytes_to_clear = Some(5 << 20);
        waiting.wal.archive_mode = "on".into();
        let lines = waiting.copies_after_maintenance();
        assert!(
            lines[0].contains("written 5 MB more of WAL") && lines[0].contains("archive keeps copies"),
            "{lines:?}"
        );
        waiting.wal.bytes_to_clear = Some(-1);
        let lines = waiting.copies_after_maintenance();
        assert!(lines[0].starts_with("pg_wal: no log segment written before the last rewrite"), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("Ana Ruiz's laptop")), "a laptop behind is named: {lines:?}");
    }

    #[test]
    fn durations_read_as_minutes_hours_or_days() {
        let now = at("2026-03-10T12:00:00Z");
        assert_eq!(for_how_long("2026-03-10T11:59:30Z", now), "less than a minute");
        assert_eq!(for_how_long("2026-03-10T11:01:00Z", now), "59 minutes");
        assert_eq!(for_how_long("2026-03-10T09:00:00Z", now), "3 hours");
        assert_eq!(for_how_long("2026-03-08T12:00:00Z", now), "2 days");
    }
}
