//! `rung person` and `rung people`: who is on this laptop, and who coordinates.

use std::fmt::Write;
use std::path::Path;

use clap::Subcommand;

use super::{Outcome, Who};
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
    /// Set or change your own passphrase on this laptop (act as yourself with --as): the
    /// new one is read from the first line of standard input, the current one from
    /// RUNG_PASSPHRASE. Acting as you then needs it, in the app and here.
    Passphrase,
}

pub fn run_person(data_dir: &Path, who: Who<'_>, command: &PersonCommand) -> Outcome {
    let mut store = open_or_create(data_dir).map_err(|e| e.to_string())?;
    match command {
        PersonCommand::Add { name, email, coordinator } => {
            let actor = acting_for_roles(&mut store, who, *coordinator)?;
            let person = crate::hiring::add_person(&mut store, actor, name, email.as_deref(), *coordinator)
                .map_err(|e| e.to_string())?;
            Ok(format!("added {} (person {}) as {}", person.name, person.id, role(person.coordinator)))
        }
        PersonCommand::Coordinator { person, remove } => {
            let actor = acting_for_roles(&mut store, who, true)?;
            let named = crate::actor::actor_named(&store, person).map_err(|e| e.to_string())?;
            let id = named.person().expect("a named actor is a person");
            crate::hiring::set_coordinator(&mut store, actor, id, !remove).map_err(|e| e.to_string())?;
            Ok(format!("person {id} is now {}", role(!remove)))
        }
        PersonCommand::Passphrase => {
            let actor = who.actor(&mut store)?;
            let Some(id) = actor.person() else {
                return Err("Say whose passphrase this is: pass --as YOUR NAME.".to_owned());
            };
            let mut new = String::new();
            std::io::stdin().read_line(&mut new).map_err(|e| format!("could not read the new passphrase: {e}"))?;
            let current = std::env::var(super::PASSPHRASE_ENV).ok();
            let new = new.trim_end_matches(['\r', '\n']);
            let person = crate::acting::set_own_passphrase(&mut store, actor, id, current.as_deref(), new)
                .map_err(|e| e.to_string())?;
            Ok(format!("{} now proves who they are with a passphrase on this laptop", person.name))
        }
    }
}

/// The actor for a role change: asked for only when the rule needs one (a laptop
/// without passphrases lets anyone make the first coordinators, as before).
fn acting_for_roles(
    store: &mut crate::store::Store,
    who: Who<'_>,
    grants_role: bool,
) -> Result<crate::actor::Actor, String> {
    let needs_actor = grants_role && store.uses_passphrases().map_err(|e| e.to_string())?;
    if needs_actor {
        who.actor(store)
    } else {
        Ok(crate::actor::Actor::NOBODY)
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
        let proof = if person.has_passphrase { "  (passphrase)" } else { "" };
        let _ = writeln!(out, "{:>4}  {}  {}{proof}", person.id, person.name, role(person.coordinator));
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
