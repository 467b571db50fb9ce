//! The headless face of Rung. Each subcommand calls the same library functions as the
//! app's IPC commands; this module only parses arguments and prints.

mod bundle;
mod candidates;
mod db;
mod debrief;
mod keys;
mod ladder_store;
mod ladder_text;
mod people;
mod privacy;
mod report;
mod team;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::ladder;
use crate::store::location::{self, DATA_DIR_ENV};

#[derive(Debug, Parser)]
#[command(name = "rung", version, about = "Hiring against a career ladder. Without a subcommand, opens the app.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Open the app with this ladder (file or folder) imported and shown; repeatable.
    #[arg(long = "ladder", value_name = "PATH")]
    pub ladders: Vec<PathBuf>,
    /// The data folder (database and backups). Default: the OS app-data folder.
    #[arg(long, global = true, value_name = "DIR", env = DATA_DIR_ENV)]
    pub data_dir: Option<PathBuf>,
    /// Who is acting: a person's name or id on this laptop (`rung people`). Decisions,
    /// reports, erasure and new candidates need a coordinator. Default: the person chosen
    /// under "Acting as" in the app.
    #[arg(long = "as", global = true, value_name = "NAME", env = "RUNG_AS")]
    pub acting_as: Option<String>,
}

impl Cli {
    pub fn data_dir(&self) -> PathBuf {
        location::data_dir(self.data_dir.clone())
    }

    fn who(&self) -> Who<'_> {
        Who(self.acting_as.as_deref())
    }
}

/// The `--as` of a command, turned into the actor once the store is open.
#[derive(Debug, Clone, Copy)]
pub struct Who<'a>(Option<&'a str>);

impl Who<'_> {
    /// The actor, once they proved who they are where the passphrase rule asks it
    /// (the passphrase comes from `RUNG_PASSPHRASE`: a command line has no dialog).
    pub fn actor(self, store: &mut crate::store::Store) -> Result<crate::actor::Actor, String> {
        let actor = match self.0 {
            Some(name) => crate::actor::actor_named(store, name),
            None => store.acting_person().and_then(|person| crate::actor::actor_of(store, person)),
        }
        .map_err(|e| e.to_string())?;
        if let Some(person) = actor.person() {
            let person = store.interviewer(person).map_err(|e| e.to_string())?;
            let typed = std::env::var(PASSPHRASE_ENV).ok();
            crate::acting::prove(store, &person, typed.as_deref()).map_err(|e| match e.code() {
                rung_core::error_code::ErrorCode::PassphraseNeeded
                | rung_core::error_code::ErrorCode::PassphraseToSet => {
                    format!("{e} On the command line, give it in {PASSPHRASE_ENV}.")
                }
                _ => e.to_string(),
            })?;
        }
        Ok(actor)
    }
}

/// Where the command line takes the acting person's passphrase from.
pub const PASSPHRASE_ENV: &str = "RUNG_PASSPHRASE";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import and inspect career ladders.
    #[command(subcommand)]
    Ladder(LadderCommand),
    /// Check or repair the database.
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Check the audit log's hash chain.
    #[command(subcommand)]
    Audit(db::AuditCommand),
    /// Copy the database to FILE with SQLite's online backup, then verify the copy.
    Backup { file: PathBuf },
    /// Replace the database with the backup in FILE (the current one is kept beside it).
    Restore { file: PathBuf },
    /// The signing keys this laptop trusts for sealed scorecards and decisions.
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// Share this data folder with a team through a PostgreSQL server.
    #[command(subcommand)]
    Team(team::TeamCommand),
    /// Add a demo candidate with a full panel of submitted scorecards on the default ladder.
    Demo,
    /// The people on this laptop (interviewers and coordinators).
    #[command(subcommand)]
    Person(people::PersonCommand),
    /// List the people on this laptop: id, name and role.
    People {
        #[arg(long)]
        json: bool,
    },
    /// Per interviewer across all candidates: scores against the panel (lenient or severe),
    /// focus characteristics left unassessed, overall recommendation against the decision.
    Calibration {
        #[arg(long)]
        json: bool,
    },
    /// List candidates: id, name, target role and how many scorecards are in; or import
    /// them from a CSV file (`rung candidates import FILE`).
    Candidates {
        #[command(subcommand)]
        command: Option<candidates::CandidatesCommand>,
        #[arg(long)]
        json: bool,
    },
    /// Add a candidate (a coordinator's work).
    #[command(subcommand)]
    Candidate(candidates::CandidateCommand),
    /// Issue the level-recommendation PDF for a candidate (archived), or write out an
    /// archived one again.
    #[command(group(clap::ArgGroup::new("which").required(true).args(["candidate", "reexport"])))]
    Report {
        /// A candidate id (see `rung candidates`); every planned interview must be submitted.
        #[arg(long)]
        candidate: Option<i64>,
        /// A report id from the archive (`R-…`): writes the archived copy, byte for byte.
        #[arg(long, value_name = "REPORT_ID", conflicts_with = "paper")]
        reexport: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// a4 or letter. Default: RUNG_PAPER, else the locale's paper.
        #[arg(long, value_parser = report::parse_paper)]
        paper: Option<rung_report::Paper>,
    },
    /// Exit 0 if FILE is byte for byte a report this archive issued; otherwise say what
    /// is wrong with it and exit 1.
    Verify { file: PathBuf },
    /// List issued reports, newest first; TEXT searches names, roles and who decided.
    Archive {
        text: Option<String>,
        /// hire, no_hire, hold or pending.
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Move sealed scorecards between machines.
    #[command(subcommand)]
    Bundle(bundle::BundleCommand),
    /// Erase a candidate's personal data for good (asks to confirm unless --yes).
    Erase {
        #[arg(long, required_unless_present = "resume")]
        candidate: Option<i64>,
        /// Finish an erasure that was interrupted (killed, or stopped by a full disk).
        #[arg(long, conflicts_with = "candidate")]
        resume: bool,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
        /// Keep the outcome, level and scores (no name, no notes) for hiring statistics.
        #[arg(long)]
        keep_anonymous: bool,
        /// Also delete the older database copies in the data folder (safety copies).
        #[arg(long)]
        purge_backups: bool,
    },
    /// Show which candidates are due for erasure; --months sets the retention period.
    Retention {
        #[arg(long)]
        months: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Put a candidate on legal hold (kept past retention, never erased), or --release it.
    Hold {
        #[arg(long)]
        candidate: i64,
        #[arg(long)]
        release: bool,
    },
    /// Recommend a level and band: for a candidate in the database, or for ratings in a CSV
    /// file (header interviewer,role,characteristic,rating) against a ladder.
    #[command(group(clap::ArgGroup::new("source").required(true).args(["candidate", "ratings"])))]
    Recommend {
        /// A candidate id (see `rung candidates`); every planned interview must be submitted.
        #[arg(long, conflicts_with_all = ["ladder", "ratings", "target"])]
        candidate: Option<i64>,
        /// The ladder the CSV ratings refer to (file or folder).
        #[arg(long, requires = "ratings")]
        ladder: Option<PathBuf>,
        /// Ratings as CSV: interviewer,role,characteristic,rating (1..n, or empty or 0 for not assessed).
        #[arg(long, requires = "ladder")]
        ratings: Option<PathBuf>,
        /// The role applied for (its key); breaks ties between tracks and scopes missing evidence.
        #[arg(long)]
        target: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum LadderCommand {
    /// Print a ladder's roles in order, with level, track, what each builds on and its characteristics.
    Show {
        /// A markdown or JSON ladder file, or a folder with one markdown file per level.
        /// Without it, the ladder embedded in Rung (the default on first run).
        path: Option<PathBuf>,
        /// Print Rung's structured JSON instead of text (it imports back unchanged).
        #[arg(long, conflicts_with = "explain")]
        json: bool,
        /// Also print what looks off in the reading (the warnings `ladder check` gives).
        #[arg(long)]
        explain: bool,
        /// Apply a saved reading mapping (corrections from the import preview, JSON).
        #[arg(long, value_name = "FILE", requires = "path")]
        mapping: Option<PathBuf>,
    },
    /// Exit 0 if the ladder imports cleanly, 2 if it imports with warnings (printed), 1 if
    /// it does not import (and why).
    Check {
        /// A markdown or JSON ladder file, or a folder with one markdown file per level.
        /// Without it, the ladder embedded in Rung (the default on first run).
        path: Option<PathBuf>,
        /// Apply a saved reading mapping (corrections from the import preview, JSON).
        #[arg(long, value_name = "FILE", requires = "path")]
        mapping: Option<PathBuf>,
    },
    /// Store a ladder in the data folder, read as `ladder show` reads it (corrections saved
    /// with an earlier import of the same source are applied again).
    Import {
        path: PathBuf,
        /// Read it with this reading mapping (corrections, JSON).
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// You looked at an uncertain reading (`ladder show --explain`) and it is right.
        #[arg(long)]
        confirm: bool,
        #[arg(long)]
        json: bool,
    },
    /// The ladders stored in the data folder: id, name, roles, source.
    List {
        #[arg(long)]
        json: bool,
    },
}

/// What a command prints on success, or the failure to report (exit 1).
pub type Outcome = Result<String, String>;

/// Runs a subcommand and returns the process exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    if let Command::Ladder(LadderCommand::Check { path, mapping }) = command {
        return check_ladder(path.as_deref(), mapping.as_deref());
    }
    let outcome = match command {
        Command::Ladder(LadderCommand::Import { path, mapping, confirm, json }) => {
            ladder_store::import(&cli.data_dir(), path, mapping.as_deref(), *confirm, *json)
        }
        Command::Ladder(LadderCommand::List { json }) => ladder_store::list(&cli.data_dir(), *json),
        Command::Ladder(command) => run_ladder(command),
        Command::Db(command) => db::run_db(&cli.data_dir(), command),
        Command::Audit(command) => db::run_audit(&cli.data_dir(), command),
        Command::Backup { file } => db::backup(&cli.data_dir(), file),
        Command::Restore { file } => db::restore(&cli.data_dir(), file),
        Command::Demo => db::demo(&cli.data_dir()),
        Command::Person(command) => people::run_person(&cli.data_dir(), cli.who(), command),
        Command::People { json } => people::people(&cli.data_dir(), *json),
        Command::Candidates { command: None, json } => debrief::candidates(&cli.data_dir(), *json),
        Command::Candidates { command: Some(command), .. } => {
            candidates::run_candidates_import(&cli.data_dir(), cli.who(), command)
        }
        Command::Candidate(command) => candidates::run_candidate(&cli.data_dir(), cli.who(), command),
        Command::Calibration { json } => debrief::calibration(&cli.data_dir(), cli.who(), *json),
        Command::Report { candidate, reexport, out, paper } => match (candidate, reexport) {
            (Some(id), _) => {
                report::report(&cli.data_dir(), cli.who(), *id, out, paper.unwrap_or_else(report::default_paper))
            }
            (None, Some(report_id)) => report::reexport(&cli.data_dir(), cli.who(), report_id, out),
            _ => return usage("give --candidate ID or --reexport REPORT_ID"),
        },
        Command::Bundle(command) => bundle::run_bundle(&cli.data_dir(), cli.who(), command),
        Command::Keys(command) => keys::run_keys(&cli.data_dir(), command),
        Command::Team(command) => team::run_team(&cli.data_dir(), command),
        Command::Erase { resume: true, .. } => privacy::resume_erasure(&cli.data_dir()),
        Command::Erase { candidate, yes, keep_anonymous, purge_backups, .. } => privacy::erase(
            &cli.data_dir(),
            cli.who(),
            &privacy::EraseOptions {
                candidate: candidate.unwrap_or_default(),
                yes: *yes,
                keep_anonymous: *keep_anonymous,
                purge_backups: *purge_backups,
            },
        ),
        Command::Retention { months, json } => privacy::retention(&cli.data_dir(), cli.who(), *months, *json),
        Command::Hold { candidate, release } => privacy::hold(&cli.data_dir(), cli.who(), *candidate, *release),
        Command::Verify { file } => report::verify(&cli.data_dir(), file),
        Command::Archive { text, outcome, json } => {
            report::archive(&cli.data_dir(), cli.who(), text.as_deref().unwrap_or_default(), outcome.as_deref(), *json)
        }
        Command::Recommend { candidate, ladder, ratings, target, json } => {
            let source = match (candidate, ladder, ratings) {
                (Some(id), _, _) => debrief::Source::Candidate(*id),
                (None, Some(ladder), Some(ratings)) => {
                    debrief::Source::Csv { ladder, ratings, target: target.as_deref() }
                }
                _ => return usage("give --candidate ID, or --ladder PATH with --ratings FILE.csv"),
            };
            debrief::recommend(&cli.data_dir(), cli.who(), source, *json)
        }
    };
    match outcome {
        Ok(output) => {
            // A closed pipe (e.g. `| head`) is not an error worth reporting.
            let _ = writeln!(std::io::stdout().lock(), "{}", terminal_safe(&output));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {}", terminal_safe(&message));
            ExitCode::FAILURE
        }
    }
}

fn run_ladder(command: &LadderCommand) -> Outcome {
    match command {
        LadderCommand::Show { path, json, explain, mapping } => {
            let read = read_mapped(path.as_deref(), mapping.as_deref())?;
            if *json {
                return Ok(ladder::json::to_json(&read.ladder));
            }
            let mut text = ladder_text::render(&read.ladder);
            if *explain {
                text.push_str(&readings_text(&read));
                text.push_str(&warnings_text(&ladder::warnings::warnings_of(&read)));
            }
            Ok(text)
        }
        LadderCommand::Check { path, mapping } => {
            check_summary(path.as_deref(), mapping.as_deref()).map(|(text, _)| text)
        }
        LadderCommand::Import { .. } | LadderCommand::List { .. } => unreachable!("run with the data folder"),
    }
}

fn read_mapping(mapping: Option<&std::path::Path>) -> Result<ladder::ReadingMapping, String> {
    match mapping {
        Some(file) => ladder::mapping::from_file(file).map_err(|e| e.to_string()),
        None => Ok(ladder::ReadingMapping::default()),
    }
}

/// The ladder at `path` as the reading engine reads it (with the corrections of a
/// mapping file when one is given) and how sure it is; without a path, the embedded
/// default ladder.
fn read_mapped(
    path: Option<&std::path::Path>,
    mapping: Option<&std::path::Path>,
) -> Result<ladder::reading::ReadLadder, String> {
    let Some(path) = path else { return Ok(ladder::reading::ReadLadder::exact(ladder::default_ladder())) };
    ladder::reading::read(path, &read_mapping(mapping)?).map_err(|e| e.to_string())
}

/// `--explain`: the reading chosen, how sure, and every other reading tried.
fn readings_text(read: &ladder::reading::ReadLadder) -> String {
    let confidence = &read.confidence;
    let sureness = if confidence.confirmed {
        "confirmed by a person".to_owned()
    } else if confidence.certain {
        format!("confident ({:.0}%)", confidence.score * 100.0)
    } else {
        format!("UNSURE ({:.0}%)", confidence.score * 100.0)
    };
    let mut text = format!("\nreading: {sureness}: {}", confidence.reading);
    for sign in &confidence.signs {
        text.push_str(&format!("\n    {sign}"));
    }
    if let Some(other) = &confidence.runner_up {
        text.push_str(&format!("\nrunner-up: {}", other.reading));
        for sign in &other.signs {
            text.push_str(&format!("\n    {sign}"));
        }
        let mapping = ladder::mapping::to_json(&other.mapping).replace('\n', " ");
        text.push_str(&format!("\n  to read it that way: --mapping FILE with {mapping}"));
    }
    text.push_str(&format!("\n{} readings tried, best first:", read.tried.len()));
    for tried in &read.tried {
        text.push_str(&format!("\n  {:+.1}  {}", tried.score, tried.reading));
    }
    text.push('\n');
    text
}

fn warnings_text(warnings: &[ladder::warnings::ReadingWarning]) -> String {
    if warnings.is_empty() {
        return "\nno warnings: the reading looks like a ladder".to_owned();
    }
    let mut text = format!("\n{} warning(s) — check these before hiring against the ladder:", warnings.len());
    for warning in warnings {
        text.push_str(&format!(
            "\n  warning: {}:{}: {} [{}]",
            warning.file, warning.line, warning.message, warning.code
        ));
    }
    text
}

fn check_summary(path: Option<&std::path::Path>, mapping: Option<&std::path::Path>) -> Result<(String, usize), String> {
    let read = read_mapped(path, mapping)?;
    let ladder = &read.ladder;
    let scorable = ladder.roles.iter().filter(|role| !role.incomplete).count();
    let warnings = ladder::warnings::warnings_of(&read);
    let mut text = format!(
        "{}: \"{}\" — {} roles ({} scorable), sha256 {}",
        if warnings.is_empty() { "ok" } else { "imported with warnings" },
        ladder.name,
        ladder.roles.len(),
        scorable,
        ladder.source.sha256
    );
    if !warnings.is_empty() {
        text.push_str(&warnings_text(&warnings));
    }
    Ok((text, warnings.len()))
}

/// `ladder check`: 0 clean, 2 imported with warnings, 1 refused.
fn check_ladder(path: Option<&std::path::Path>, mapping: Option<&std::path::Path>) -> ExitCode {
    match check_summary(path, mapping) {
        Ok((text, warnings)) => {
            let _ = writeln!(std::io::stdout().lock(), "{}", terminal_safe(&text));
            if warnings == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            }
        }
        Err(message) => {
            eprintln!("error: {}", terminal_safe(&message));
            ExitCode::FAILURE
        }
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// Output carries text from ladder files and the database: control characters in it
/// (terminal escape sequences, bidirectional overrides) are shown escaped, never obeyed.
/// The escape is JSON's (`\u202E`), so `--json` output stays JSON: every such character
/// is in the Basic Multilingual Plane, and inside a JSON string the escape reads back as it.
pub fn terminal_safe(text: &str) -> String {
    let is_unsafe = |c: char| {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(is_unsafe) {
        return text.to_owned();
    }
    text.chars().map(|c| if is_unsafe(c) { format!("\\u{:04X}", c as u32) } else { c.to_string() }).collect()
}

/// Imports the ladders named on the command line for the app, all or nothing, so a
/// typo is reported in the terminal instead of opening a window without the ladder.
pub fn ladders_to_open(paths: &[PathBuf]) -> Result<Vec<ladder::Ladder>, ExitCode> {
    paths.iter().map(|path| ladder::load(path)).collect::<Result<_, _>>().map_err(|error| {
        eprintln!("error: {}", terminal_safe(&error.to_string()));
        ExitCode::FAILURE
    })
}
