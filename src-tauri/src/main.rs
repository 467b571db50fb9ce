use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = rung::cli::Cli::parse();
    match &cli.command {
        Some(command) => rung::cli::run(&cli, command),
        None => match rung::cli::ladders_to_open(&cli.ladders) {
            Ok(ladders) => rung::app::run(cli.data_dir(), ladders),
            Err(code) => code,
        },
    }
}
