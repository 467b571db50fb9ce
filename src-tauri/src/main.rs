use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = rung::cli::Cli::parse();
    match cli.command {
        Some(command) => rung::cli::run(command),
        None => rung::app::run(),
    }
}
