//! `rung team …`: a data folder shared with a team through a PostgreSQL server.

use std::path::Path;
use std::sync::Mutex;

use clap::Subcommand;

use super::Outcome;
use crate::store::Store;
use crate::team::{block_on, password_for};

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// As the server's administrator: create (or update) the team schema, roles and
    /// row-level security policies. Running it again changes nothing.
    InitServer { url: String },
    /// As the server's administrator: add a person as their own login (password from
    /// RUNG_MEMBER_PASSWORD), an interviewer, or with --coordinator a coordinator too.
    AddMember {
        url: String,
        #[arg(long)]
        login: String,
        #[arg(long)]
        coordinator: bool,
    },
    /// As the server's administrator (the tables' owner): make erasures reach the server's
    /// disk. Rewrites the tables erasures touched (VACUUM FULL), checks no erased
    /// candidate's row is reachable, checkpoints and says what the write-ahead log, base
    /// backups and laptops still hold. Does nothing when nothing waits: safe to run from
    /// cron or a systemd timer. Exits 1 while an erasure still waits.
    Maintain {
        url: String,
        /// How long to wait for transactions that began before an erasure.
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        wait: u64,
        #[arg(long)]
        json: bool,
    },
    /// Bind this data folder to the server, scoring as NAME. The password comes from
    /// PGPASSWORD or the system keyring; it is never kept in Rung's settings.
    Connect {
        url: String,
        #[arg(long, value_name = "NAME")]
        name: String,
        /// Save PGPASSWORD in the system keyring, so later syncs need no environment.
        #[arg(long)]
        save_password: bool,
    },
    /// Push what waits and pull what changed, once; says what moved.
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// Connected or not, synced or how much waits, and the last problem.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Unbind this folder from the server (what was pulled stays here).
    Disconnect,
}

/// The server as its administrator: the password in the URL, else PGPASSWORD or the keyring.
async fn administrator(url: &str) -> Result<(rung_team::ServerAddress, rung_team::Client), String> {
    let address = rung_team::ServerAddress::parse(url).map_err(|e| e.to_string())?;
    let password = if address.has_password() { None } else { password_for(url) };
    let client = address.connect(password.as_deref()).await.map_err(|e| e.to_string())?;
    Ok((address, client))
}

pub fn run_team(data_dir: &Path, command: &TeamCommand) -> Outcome {
    match command {
        TeamCommand::InitServer { url } => block_on(async {
            let (address, mut client) = administrator(url).await?;
            let init =
                rung_team::schema::init_server(&mut client, &address.describe()).await.map_err(|e| e.to_string())?;
            Ok(match init.applied.len() {
                0 => format!("the team schema on {} is up to date (version {})", address.describe(), init.version),
                _ => format!("set up the team schema on {}: {}", address.describe(), init.applied.join(", ")),
            })
        }),
        TeamCommand::AddMember { url, login, coordinator } => block_on(async {
            let (address, client) = administrator(url).await?;
            let member_password = std::env::var("RUNG_MEMBER_PASSWORD").ok().filter(|p| !p.is_empty());
            rung_team::schema::add_member(
                &client,
                &address.describe(),
                login,
                member_password.as_deref(),
                *coordinator,
            )
            .await
            .map_err(|e| e.to_string())?;
            Ok(format!(
                "{login} is a{} of the team on {}",
                if *coordinator { " coordinator" } else { "n interviewer" },
                address.describe()
            ))
        }),
        TeamCommand::Maintain { url, wait, json } => block_on(async {
            let (address, client) = administrator(url).await?;
            let options = rung_team::maintain::MaintainOptions { wait: std::time::Duration::from_secs(*wait) };
            let done = rung_team::maintain::maintain(&client, &address.describe(), options)
                .await
                .map_err(|e| e.to_string())?;
            let output = match json {
                true => serde_json::to_string_pretty(&done).expect("a maintenance serializes"),
                false => done.lines().join("\n"),
            };
            // Still waiting is worth a cron mail or a failed timer: exit 1, saying why.
            if done.waiting.is_empty() {
                Ok(output)
            } else {
                Err(output)
            }
        }),
        TeamCommand::Connect { url, name, save_password } => {
            let mut store = Store::open_in(data_dir).map_err(|e| e.to_string())?;
            crate::key_vault::use_system_keyring(&mut store);
            let local = Mutex::new(store);
            let password = std::env::var("PGPASSWORD").ok();
            let binding = block_on(crate::team::connect(&local, url, name, password, *save_password))
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "this folder is connected to {} as {} (scoring as {name}); run `rung team sync` to send and fetch",
                binding.server, binding.login
            ))
        }
        TeamCommand::Sync { json } => {
            let local = Mutex::new(super::debrief::open_existing(data_dir)?);
            let binding = local.lock().expect("not poisoned").team_binding().map_err(|e| e.to_string())?;
            let url = binding.ok_or(rung_team::TeamError::NotConnected.to_string())?.server;
            let report =
                block_on(rung_team::sync_once(&local, password_for(&url).as_deref())).map_err(|e| e.to_string())?;
            if *json {
                return Ok(serde_json::to_string_pretty(&report).expect("a report serializes"));
            }
            let mut lines = vec![format!(
                "sent {} ({}); received {} ({})",
                report.pushed.total(),
                moved(&report.pushed),
                report.pulled.total(),
                moved(&report.pulled),
            )];
            lines.extend(report.refused.iter().map(|r| format!("not shared: {r}")));
            if report.problems.is_empty() {
                Ok(lines.join("\n"))
            } else {
                lines.extend(report.problems.iter().map(|p| format!("refused: {p}")));
                Err(lines.join("\n"))
            }
        }
        TeamCommand::Status { json } => {
            let store = super::debrief::open_existing(data_dir)?;
            let status = rung_team::status(&store).map_err(|e| e.to_string())?;
            if *json {
                return Ok(serde_json::to_string_pretty(&status).expect("a status serializes"));
            }
            let mut lines = vec![status.summary.clone()];
            if let (Some(server), Some(login)) = (&status.server, &status.login) {
                lines.push(format!("server: {server} as {login}"));
                lines.push(format!("last sync: {}", status.last_sync_at.as_deref().unwrap_or("never")));
            }
            if status.refused > 0 {
                lines.push(format!("{} not shared (refused by the server)", status.refused));
            }
            if let Some(error) = &status.last_error {
                lines.push(format!("last problem: {error}"));
            }
            if let Some(as_of) = &status.erasures.as_of {
                if !status.erasures.lines.is_empty() {
                    lines.push(format!("erasures (as of {as_of}):"));
                    lines.extend(status.erasures.lines.iter().map(|line| format!("  {line}")));
                }
            }
            Ok(lines.join("\n"))
        }
        TeamCommand::Disconnect => {
            let mut store = super::debrief::open_existing(data_dir)?;
            let server = rung_team::disconnect(&mut store).map_err(|e| e.to_string())?;
            if let Some(server) = &server {
                crate::team::forget_password(server);
            }
            Ok(match server {
                Some(server) => format!("this folder is no longer connected to {server}; what it pulled stays here"),
                None => "this folder was not connected to a team server".to_owned(),
            })
        }
    }
}

/// "candidates 1, panels 1, scorecards 4, …" for one direction of a sync.
fn moved(moved: &rung_team::Moved) -> String {
    format!(
        "candidates {}, panels {}, scorecards {}, decisions {}, reports {}, erasures {}",
        moved.candidates, moved.panels, moved.scorecards, moved.decisions, moved.reports, moved.erasures
    )
}
