//! `rung person` and `rung people`: who is on this laptop, and who coordinates.

use std::fmt::Write;
use std::path::Path;

use clap::Subcommand;

use super::Outcome;
use crate::setup::open_or_create;

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person who interviews (and, with --coordinator, coordinates panels).
    Add {
        name: String,
        #[arg(long)]
        email: Option<String>,
        /// May add candidates, plan panels, decide, issue reports and erase.
        #[arg(long)]
        coordinator: bool,
    },
    /// Give a person the coordinator role, or take it away with --remove.
    Coordinator {
        /// Their name or id (`rung people`).
        person: String,
        #[arg(long)]
        remove: bool,
    },
}

pub fn run_person(data_dir: &Path, command: &PersonCommand) -> Outcome {
    let mut store = open_or_create(data_dir).map_err(|e| e.to_string())?;
    match command {
        PersonCommand::Add { name, email, coordinator } => {
            let person = crate::hiring::add_person(&mut store, name, email.as_deref(), *coordinator)
                .map_err(|e| e.to_string())?;
            Ok(format!("added {} (person {}) as {}", person.name, person.id, role(person.coordinator)))
        }
        PersonCommand::Coordinator { person, remove } => {
            let actor = crate::actor::actor_named(&store, person).map_err(|e| e.to_string())?;
            let id = actor.person().expect("a named actor is a person");
            store.set_coordinator(id, !remove).map_err(|e| e.to_string())?;
            Ok(format!("person {id} is now {}", role(!remove)))
        }
    }
}

pub fn people(data_dir: &Path, as_json: bool) -> Outcome {
    let store = open_or_create(data_dir).map_err(|e| e.to_string())?;
    let people = store.interviewers().map_err(|e| e.to_string())?;
    if as_json {
        return Ok(serde_json::to_string_pretty(&people).expect("people serialize"));
    }
    if people.is_empty() {
        return Ok("nobody yet: add someone with `rung person add NAME` (--coordinator to run panels)".to_owned());
    }
    let mut out = String::new();
    for person in &people {
        let _ = writeln!(out, "{:>4}  {}  {}", person.id, person.name, role(person.coordinator));
    }
    Ok(out.trim_end().to_owned())
}

fn role(coordinator: bool) -> &'static str {
    if coordinator {
        "coordinator"
    } else {
        "interviewer"
    }
}
