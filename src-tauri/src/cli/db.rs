//! `rung db …`, `rung audit verify`, `rung backup`, `rung restore`.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::Outcome;
use crate::store::audit::AuditReport;
use crate::store::{self, Store, DB_FILE};

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Check integrity, foreign keys, the schema and its sealing triggers, every seal, the audit
    /// chain and that the log agrees with the data; exit 1 on any problem.
    Check,
    /// Move a damaged database aside (as rung.db.corrupt-<time>) so a new one can be created.
    MoveAside,
    /// Print where the data folder and database are.
    Path,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain; report the first broken entry and exit 1 if there is one.
    Verify {
        /// Also check that the log extends the one FILE witnessed: a backup (or any Rung
        /// database), or a text file with a `rung-audit-head: N:HASH` line.
        #[arg(long, value_name = "FILE")]
        against: Option<PathBuf>,
    },
}

fn database(data_dir: &Path) -> PathBuf {
    data_dir.join(DB_FILE)
}

pub fn run_db(data_dir: &Path, command: &DbCommand) -> Outcome {
    match command {
        DbCommand::Check => {
            let store = super::debrief::open_reading(data_dir)?;
            let report = store.check().map_err(|e| e.to_string())?;
            let durability = store.durability().map_err(|e| e.to_string())?;
            let mut lines = vec![
                format!(
                    "durability: journal_mode={}, synchronous={}, foreign_keys={}",
                    durability.journal_mode,
                    if durability.synchronous == 2 { "FULL" } else { "not FULL" },
                    if durability.foreign_keys { "on" } else { "off" }
                ),
                summary("integrity", &report.integrity),
                summary("foreign keys", &report.foreign_keys),
                summary("schema and sealing triggers", &report.schema),
                summary("seals", &report.seals),
                summary("signatures", &report.signatures),
                audit_line(&report.audit),
                summary("audit log against the data", &report.consistency),
                summary("erasures finished", &report.pending_scrubs),
            ];
            if let Some(scrub) = store.scrub_at_open() {
                lines.push(format!("an interrupted erasure was finished on opening: {}", scrub.sentences().join(" ")));
            }
            if report.is_ok() {
                Ok(lines.join("\n"))
            } else {
                lines.insert(0, format!("problems found in {}:", database(data_dir).display()));
                Err(lines.join("\n"))
            }
        }
        DbCommand::MoveAside => {
            let path = database(data_dir);
            if !path.exists() {
                return Err(format!("there is no database at {}", path.display()));
            }
            let moved = store::move_aside(&path).map_err(|e| e.to_string())?;
            Ok(format!("moved {} to {}; the next start creates a new database", path.display(), moved.display()))
        }
        DbCommand::Path => {
            Ok(format!("data folder: {}\ndatabase: {}", data_dir.display(), database(data_dir).display()))
        }
    }
}

fn summary(what: &str, problems: &[String]) -> String {
    if problems.is_empty() {
        format!("{what}: ok")
    } else {
        format!("{what}: {} problem(s)\n  {}", problems.len(), problems.join("\n  "))
    }
}

fn audit_line(report: &AuditReport) -> String {
    match (&report.first_broken, &report.head) {
        (Some(broken), _) => format!("audit log: broken at entry {}: {}", broken.id, broken.reason),
        (None, Some(head)) => format!("audit log: ok, {} entries, hash chain intact ({head})", report.entries),
        (None, None) => "audit log: ok, empty".to_owned(),
    }
}

pub fn run_audit(data_dir: &Path, command: &AuditCommand) -> Outcome {
    match command {
        AuditCommand::Verify { against } => {
            let store = super::debrief::open_reading(data_dir)?;
            let report = match against {
                None => store.verify_audit(),
                Some(file) => {
                    let witness = store::audit::witnessed_head(file).map_err(|e| e.to_string())?;
                    store.verify_audit_against(&witness)
                }
            }
            .map_err(|e| e.to_string())?;
            let line = audit_line(&report);
            if report.first_broken.is_none() {
                Ok(line)
            } else {
                Err(line)
            }
        }
    }
}

pub fn backup(data_dir: &Path, file: &Path) -> Outcome {
    let store = super::debrief::open_reading(data_dir)?;
    store.backup_to(file).map_err(|e| e.to_string())?;
    let head = store.verify_audit().map_err(|e| e.to_string())?.head;
    let witness = head.map_or_else(String::new, |head| {
        format!("\nit witnesses the audit log as {head}; later, `rung audit verify --against {}` proves the log was only appended to", file.display())
    });
    Ok(format!("backed up {} to {} (verified){witness}", store.path().display(), file.display()))
}

pub fn restore(data_dir: &Path, file: &Path) -> Outcome {
    let path = database(data_dir);
    let kept = store::backup::restore(&path, file).map_err(|e| e.to_string())?;
    Ok(match kept {
        Some(kept) => format!(
            "restored {} from {}; the previous database is kept at {}",
            path.display(),
            file.display(),
            kept.display()
        ),
        None => format!("restored {} from {} (there was no database before)", path.display(), file.display()),
    })
}

pub fn demo(data_dir: &Path) -> Outcome {
    let mut store = Store::open_in(data_dir).map_err(|e| e.to_string())?;
    crate::key_vault::use_system_keyring(&mut store);
    let demo = crate::demo::create_demo(&mut store).map_err(|e| e.to_string())?;
    let verb = if demo.created { "created" } else { "already there:" };
    Ok(format!(
        "{verb} {} (candidate {}) with {} submitted scorecards, in {}",
        crate::demo::DEMO_CANDIDATE,
        demo.candidate_id,
        demo.scorecards,
        store.path().display()
    ))
}
