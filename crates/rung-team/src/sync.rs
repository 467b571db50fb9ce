//! Team mode as the app and the CLI use it: connect a data folder, sync once (push, then
//! pull), say where things stand, disconnect. The sync loop (the app's) calls `sync_once`.

use rung_store::{Store, StoreError};
use serde::Serialize;
use ts_rs::TS;

use crate::connection::ServerAddress;
use crate::erasure_words::ErasureBacklog;
use crate::error::TeamError;
use crate::local::LocalStore;
use crate::push::Moved;

const LAST_SYNC: &str = "team.last_sync_at";
const LAST_ERROR: &str = "team.last_error";
const OFFLINE: &str = "team.offline";

/// What one sync moved, for "what moved" in the CLI and the window.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct SyncReport {
    pub pushed: Moved,
    pub pulled: Moved,
    /// Team members this laptop learnt of (or whose names changed).
    pub members: u32,
    pub ladders: u32,
    /// This laptop's audit log entries sent to the server.
    pub audit_entries_sent: u32,
    /// Other laptops' shared audit entries checked link by link (coordinators only).
    pub audit_entries_checked: u32,
    /// What the server refused for good, and rows refused on pull (they fail their seal).
    pub refused: Vec<String>,
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    NotConnected,
    Synced,
    Waiting,
    Offline,
}

/// Where team mode stands, from the local database alone (no network).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamStatus {
    pub state: SyncState,
    /// "Synced", "3 waiting", "Offline — …", "Not connected".
    pub summary: String,
    pub server: Option<String>,
    pub login: Option<String>,
    pub waiting: u32,
    pub refused: u32,
    pub last_sync_at: Option<String>,
    pub last_error: Option<String>,
    /// Erasures waiting for the server's maintenance and laptops that have not received
    /// one (as of the last sync).
    pub erasures: ErasureBacklog,
}

/// Binds the data folder to a server: checks the login works and the schema is there,
/// joins the team as `display_name`, and queues everything here that the team shares.
pub async fn connect(
    local: &impl LocalStore,
    url: &str,
    password: Option<&str>,
    display_name: &str,
) -> Result<rung_store::TeamBinding, TeamError> {
    let address = ServerAddress::parse(url)?;
    let kept_url = address.url_without_password()?.to_owned();
    let display_name = display_name.trim();
    if display_name.is_empty() {
        return Err(TeamError::BadUrl("Say whose name to score as on this laptop".into()));
    }
    let client = address.connect(password).await?;
    let server = address.describe();
    client
        .execute(
            "INSERT INTO rung.members (display_name) VALUES ($1)
             ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name
             WHERE rung.members.display_name IS DISTINCT FROM excluded.display_name",
            &[&display_name],
        )
        .await
        .map_err(|e| match TeamError::from_query(e, &server) {
            TeamError::Refused(_) => TeamError::Refused(format!(
                "{} is not a member of the team on {server}: ask the administrator to run `rung team add-member`",
                address.login()
            )),
            other => other,
        })?;
    let login = address.login().to_owned();
    let binding = local.with(|store| {
        let interviewer = store.interviewer_for_member(&login, display_name)?;
        store.bind_team(&kept_url, &login, interviewer)
    })?;
    Ok(binding)
}

/// Pushes what waits, then pulls what changed, once. The outcome is remembered for
/// `status` (synced, or offline and why).
pub async fn sync_once(local: &impl LocalStore, password: Option<&str>) -> Result<SyncReport, TeamError> {
    run(local, password, true).await
}

/// Pushes what waits and pulls nothing (what a benchmark of many senders measures).
pub async fn push_once(local: &impl LocalStore, password: Option<&str>) -> Result<SyncReport, TeamError> {
    run(local, password, false).await
}

async fn run(local: &impl LocalStore, password: Option<&str>, pull: bool) -> Result<SyncReport, TeamError> {
    let binding = local.with(|store| store.team_binding())?.ok_or(TeamError::NotConnected)?;
    let outcome = async {
        let address = ServerAddress::parse(&binding.server)?;
        let mut client = address.connect(password).await?;
        register_keys(local, &client, &binding).await?;
        let pushed = crate::push::push(local, &mut client, &binding).await?;
        let audit_entries_sent = crate::audit_share::push_audit(local, &mut client, &binding).await?;
        let mut report =
            SyncReport { pushed: pushed.moved, refused: pushed.refused, audit_entries_sent, ..SyncReport::default() };
        if pull {
            let pulled = crate::pull::pull(local, &mut client, &binding, &pushed.superseded).await?;
            (report.pulled, report.members, report.ladders, report.problems) =
                (pulled.moved, pulled.members, pulled.ladders, pulled.problems);
            let (checked, broken) = crate::audit_share::check_shared_audit(local, &mut client, &binding.server).await?;
            report.audit_entries_checked = checked;
            report.problems.extend(broken);
            // After the pull applied the tombstones: this laptop says which erasures it
            // holds nothing of, and learns where every erasure stands.
            report.problems.extend(crate::erasure_progress::exchange(local, &client, &binding).await?);
        }
        Ok::<_, TeamError>(report)
    }
    .await;
    local.with(|store| {
        match &outcome {
            Ok(report) => {
                store.set_setting(LAST_SYNC, &chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))?;
                store.set_setting(LAST_ERROR, &report.problems.first().cloned().unwrap_or_default())?;
                store.set_setting(OFFLINE, "")?;
            }
            Err(error) => {
                store.set_setting(LAST_ERROR, &error.to_string())?;
                store.set_setting(OFFLINE, if error.is_offline() { "1" } else { "" })?;
            }
        }
        Ok(())
    })?;
    outcome
}

pub fn status(store: &Store) -> Result<TeamStatus, StoreError> {
    let Some(binding) = store.team_binding()? else {
        return Ok(TeamStatus {
            state: SyncState::NotConnected,
            summary: "Not connected to a team server".to_owned(),
            server: None,
            login: None,
            waiting: 0,
            refused: 0,
            last_sync_at: None,
            last_error: None,
            erasures: ErasureBacklog::default(),
        });
    };
    let counts = store.outbox_counts()?;
    let nonempty = |value: Option<String>| value.filter(|v| !v.is_empty());
    let last_error = nonempty(store.setting(LAST_ERROR)?);
    let offline = nonempty(store.setting(OFFLINE)?).is_some();
    let last_sync_at = nonempty(store.setting(LAST_SYNC)?);
    let (state, summary) = if offline {
        (SyncState::Offline, format!("Offline — {} waiting", counts.waiting))
    } else if counts.waiting > 0 {
        (SyncState::Waiting, format!("{} waiting", counts.waiting))
    } else if last_sync_at.is_none() {
        (SyncState::Waiting, "Not synced yet".to_owned())
    } else {
        (SyncState::Synced, "Synced".to_owned())
    };
    let erasures = crate::erasure_words::erasure_backlog(store, &binding.laptop, &binding.login)?;
    Ok(TeamStatus {
        state,
        summary,
        server: Some(binding.server),
        login: Some(binding.login),
        waiting: counts.waiting,
        refused: counts.refused,
        last_sync_at,
        last_error: last_error.or(counts.last_error),
        erasures,
    })
}

/// Unbinds the folder; what was pulled stays, what waited is dropped (see
/// `Store::unbind_team`). Returns the server it was bound to.
pub fn disconnect(store: &mut Store) -> Result<Option<String>, StoreError> {
    let server = store.team_binding()?.map(|binding| binding.server);
    store.unbind_team()?;
    // What the server said about erasures means nothing once unbound.
    store.set_setting(crate::erasure_progress::FACTS, "")?;
    Ok(server)
}

/// Registers this laptop's public keys under the member's login: the key their
/// scorecards are signed with here, and the laptop's key for decisions. Inserting one
/// already there changes nothing, so this runs every round.
async fn register_keys(
    local: &impl LocalStore,
    client: &tokio_postgres::Client,
    binding: &rung_store::TeamBinding,
) -> Result<(), TeamError> {
    let keys = local.with(|store| {
        Ok::<_, rung_store::StoreError>([
            store.own_public_key(Some(binding.interviewer_id))?,
            store.own_public_key(None)?,
        ])
    })?;
    for key in &keys {
        client
            .execute(
                "INSERT INTO rung.member_keys (public_key) VALUES ($1) ON CONFLICT (public_key) DO NOTHING",
                &[key],
            )
            .await
            .map_err(|e| TeamError::from_query(e, &binding.server))?;
    }
    Ok(())
}
