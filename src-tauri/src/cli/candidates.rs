//! The recruiter's half of the journey from a terminal: store a ladder, add a candidate,
//! import an ATS export. Each write creates the data folder the way the app does, and acts
//! as `--as` (adding candidates is a coordinator's work, as on the team server).

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{Outcome, Who};
use crate::setup::open_or_create;
use crate::store::{NewCandidate, Store};

#[derive(Debug, Subcommand)]
pub enum CandidateCommand {
    /// Add a candidate with the default panel plan for their target role.
    Add {
        name: String,
        /// The target role: its title or key (`rung ladder show`).
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: Option<String>,
        /// The stored ladder's id (`rung ladder list`); default: the only one, or the default ladder.
        #[arg(long)]
        ladder: Option<i64>,
        #[arg(long, default_value = "")]
        notes: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CandidatesCommand {
    /// Add every candidate in a CSV file (an ATS export): name (or first and last name),
    /// email and target role. Bad rows are named by line, and then nothing is imported.
    Import {
        file: PathBuf,
        /// The stored ladder's id (`rung ladder list`); default: the only one, or the default ladder.
        #[arg(long)]
        ladder: Option<i64>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run_candidate(data_dir: &Path, who: Who<'_>, command: &CandidateCommand) -> Outcome {
    let CandidateCommand::Add { name, role, email, ladder, notes, json } = command;
    let mut store = open_or_create(data_dir).map_err(|e| e.to_string())?;
    let actor = who.actor(&mut store)?;
    let ladder_id = ladder_of(&store, *ladder)?;
    // The same role names the CSV import accepts: a title or a key.
    let line = format!("name,target role\n{},{}\n", csv_field(name), csv_field(role));
    let stored = store.load_ladder(ladder_id).map_err(|e| e.to_string())?;
    let row = rung_core::candidates_csv::parse(line.as_bytes(), &stored)
        .map_err(|e| e.problems.iter().map(|p| p.reason.clone()).collect::<Vec<_>>().join("; "))?
        .remove(0);
    let candidate = NewCandidate {
        name: row.name,
        email: email.clone(),
        ladder_id,
        target_role_key: row.target_role_key,
        notes: notes.clone(),
    };
    let id = crate::hiring::create_candidate(&mut store, actor, &candidate).map_err(|e| e.to_string())?;
    if *json {
        return Ok(serde_json::json!({ "candidate": id }).to_string());
    }
    Ok(format!("added {} as candidate {id}, with the default panel plan", candidate.name))
}

pub fn run_candidates_import(data_dir: &Path, who: Who<'_>, command: &CandidatesCommand) -> Outcome {
    let CandidatesCommand::Import { file, ladder, json } = command;
    let bytes =
        rung_core::input::read_bounded(file, rung_core::input::InputKind::CandidatesCsv).map_err(|e| e.to_string())?;
    let mut store = open_or_create(data_dir).map_err(|e| e.to_string())?;
    let actor = who.actor(&mut store)?;
    let ladder_id = ladder_of(&store, *ladder)?;
    let ids = crate::hiring::import_candidates(&mut store, actor, ladder_id, &bytes)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    if *json {
        return Ok(serde_json::json!({ "candidates": ids }).to_string());
    }
    Ok(format!("imported {} candidates, each with the default panel plan", ids.len()))
}

/// The ladder a new candidate is hired against when none is named: the only one stored,
/// else the default.
fn ladder_of(store: &Store, named: Option<i64>) -> Result<i64, String> {
    if let Some(id) = named {
        return store.load_ladder(id).map(|_| id).map_err(|e| e.to_string());
    }
    let ladders = store.list_ladders().map_err(|e| e.to_string())?;
    match ladders.as_slice() {
        [only] => Ok(only.id),
        many => many
            .iter()
            .find(|stored| stored.is_default)
            .map(|stored| stored.id)
            .ok_or_else(|| "Say which ladder with --ladder ID (`rung ladder list` lists them).".to_owned()),
    }
}

fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}
