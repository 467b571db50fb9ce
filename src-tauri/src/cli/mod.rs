//! The headless face of Rung. Each subcommand calls the same library functions as the
//! app's IPC commands; this module only parses arguments and prints.

mod ladder_text;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::ladder;

#[derive(Debug, Parser)]
#[command(name = "rung", version, about = "Hiring against a career ladder. Without a subcommand, opens the app.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Open the app with this ladder (file or folder) imported and shown; repeatable.
    #[arg(long = "ladder", value_name = "PATH")]
    pub ladders: Vec<PathBuf>,
}

/// Imports the ladders named on the command line for the app, all or nothing, so a
/// typo is reported in the terminal instead of opening a window without the ladder.
pub fn ladders_to_open(paths: &[PathBuf]) -> Result<Vec<ladder::Ladder>, ExitCode> {
    paths
        .iter()
        .map(|path| ladder::load(path))
        .collect::<Result<_, _>>()
        .map_err(|error| {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import and inspect career ladders.
    #[command(subcommand)]
    Ladder(LadderCommand),
}

#[derive(Debug, Subcommand)]
pub enum LadderCommand {
    /// Print a ladder's roles in order, with level, track, what each builds on and its characteristics.
    Show {
        /// A markdown or JSON ladder file, or a folder with one markdown file per level.
        path: PathBuf,
        /// Print Rung's structured JSON instead of text (it imports back unchanged).
        #[arg(long)]
        json: bool,
    },
    /// Exit 0 if the ladder imports; otherwise print why and exit 1.
    Check {
        /// A markdown or JSON ladder file, or a folder with one markdown file per level.
        path: PathBuf,
    },
}

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    let result = match command {
        Command::Ladder(LadderCommand::Show { path, json }) => ladder::load(&path).map(|ladder| {
            if json {
                ladder::json::to_json(&ladder)
            } else {
                ladder_text::render(&ladder)
            }
        }),
        Command::Ladder(LadderCommand::Check { path }) => ladder::load(&path).map(|ladder| {
            let scorable = ladder.roles.iter().filter(|role| !role.incomplete).count();
            format!(
                "ok: \"{}\" — {} roles ({} scorable), sha256 {}",
                ladder.name,
                ladder.roles.len(),
                scorable,
                ladder.source.sha256
            )
        }),
    };
    match result {
        Ok(output) => {
            // A closed pipe (e.g. `| head`) is not an error worth reporting.
            let _ = writeln!(stdout, "{output}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
