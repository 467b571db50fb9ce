//! `rung keys`: the signing keys this laptop trusts (docs/signing.md), and trusting
//! another key of a person who now scores on a second laptop.

use std::fmt::Write;
use std::path::Path;

use clap::Subcommand;

use super::debrief::open_existing;
use super::Outcome;

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List the keys this laptop trusts: whose, where each came from, its fingerprint.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Trust another key for an interviewer (compare its fingerprint with them first).
    Trust {
        /// The interviewer's id (`rung keys list` shows it).
        #[arg(long)]
        interviewer: i64,
        /// The public key: the 64 hex digits the refusal printed.
        #[arg(long)]
        key: String,
    },
}

pub fn run_keys(data_dir: &Path, command: &KeysCommand) -> Outcome {
    let mut store = open_existing(data_dir)?;
    match command {
        KeysCommand::List { json } => {
            let keys = store.trusted_keys().map_err(|e| e.to_string())?;
            if *json {
                return Ok(serde_json::to_string_pretty(&keys).expect("keys serialize"));
            }
            let mut out = format!("{} key(s) trusted on this laptop", keys.len());
            for key in &keys {
                let whose = match (&key.interviewer, key.interviewer_id) {
                    (Some(name), Some(id)) => format!("{name} (interviewer {id})"),
                    _ => "this laptop's decisions".to_owned(),
                };
                let _ = write!(
                    out,
                    "\n{}  {whose}  from {}  since {}",
                    key.fingerprint,
                    key.origin.replace('_', " "),
                    &key.first_seen_at[..key.first_seen_at.len().min(10)]
                );
            }
            Ok(out)
        }
        KeysCommand::Trust { interviewer, key } => {
            store.trust_key(*interviewer, key.trim()).map_err(|e| e.to_string())?;
            Ok(format!(
                "trusted key {} for interviewer {interviewer}: their scorecards signed with it are accepted from now on",
                rung_core::signing::fingerprint(key.trim())
            ))
        }
    }
}
