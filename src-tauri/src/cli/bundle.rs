//! `rung bundle export` and `rung bundle import`: sealed scorecards between machines.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::debrief::open_existing;
use super::{Outcome, Who};
use crate::bundle::{export_bundle, import_bundle, save_bundle};
use crate::store::output_guard::check_output_path;
use rung_core::input::{read_bounded, InputKind};

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Write a candidate's sealed scorecards (all, or one interviewer's) to FILE.
    Export {
        #[arg(long)]
        candidate: i64,
        /// Only this interviewer's scorecards (an id; see the app's interviewer list).
        #[arg(long)]
        interviewer: Option<i64>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Add the scorecards in FILE to this database: all of them or, if anything is
    /// wrong with the bundle, none.
    Import {
        file: PathBuf,
        /// The candidate to import into (default: the one with the bundle's name and role).
        #[arg(long)]
        candidate: Option<i64>,
        /// Import the bundle's ladder snapshot if this database does not have it.
        #[arg(long)]
        import_ladder: bool,
    },
}

pub fn run_bundle(data_dir: &Path, who: Who<'_>, command: &BundleCommand) -> Outcome {
    match command {
        BundleCommand::Export { candidate, interviewer, out } => {
            let mut store = open_existing(data_dir)?;
            check_output_path(store.data_dir(), out).map_err(|e| e.to_string())?;
            // `--interviewer ID` names who is exporting, as `--as` does.
            let actor = match interviewer {
                Some(id) => crate::actor::actor_of(&store, Some(*id)).map_err(|e| e.to_string())?,
                None => who.actor(&mut store)?,
            };
            let bundle = export_bundle(&store, actor, *candidate).map_err(|e| e.to_string())?;
            save_bundle(&store, *candidate, &bundle, out).map_err(|e| e.to_string())?;
            Ok(format!(
                "wrote {} — {} sealed scorecard(s) for {}",
                out.display(),
                bundle.scorecards.len(),
                bundle.candidate.name
            ))
        }
        BundleCommand::Import { file, candidate, import_ladder } => {
            let mut store = open_existing(data_dir)?;
            let bytes = read_bounded(file, InputKind::Bundle).map_err(|e| e.to_string())?;
            let imported = import_bundle(&mut store, &bytes, *candidate, *import_ladder).map_err(|e| e.to_string())?;
            Ok(format!(
                "imported {} scorecard(s) for {} (candidate {}){}{}",
                imported.added,
                imported.candidate_name,
                imported.candidate_id,
                if imported.already_here > 0 {
                    format!("; {} were already here", imported.already_here)
                } else {
                    String::new()
                },
                if imported.ladder_imported { "; the bundle's ladder was imported too" } else { "" }
            ))
        }
    }
}
