//! The window may call exactly the commands of the one list (`app/command_list.rs`) and
//! nothing else. build.rs generates the capability from that list and the app registers its
//! handler from it; these tests check the committed capability says so, that the list has
//! no duplicates, and that the front end can only name listed commands.

use std::collections::BTreeSet;

use rung::app::COMMAND_NAMES;

use crate::support::{files_under, repo};

/// The window's capability: our `allow-<command>` permissions, and anything else granted.
fn granted() -> (BTreeSet<String>, Vec<String>) {
    let text = std::fs::read_to_string(repo().join("src-tauri/capabilities/main.json")).unwrap();
    let capability: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(capability["windows"], serde_json::json!(["main"]), "one window, named");
    assert_eq!(capability["local"], true, "granted to the app's own pages only, no remote origin");
    assert!(capability.get("remote").is_none(), "no remote URL may call commands");
    let permissions = capability["permissions"].as_array().expect("a permissions list");
    let mut ours = BTreeSet::new();
    let mut others = Vec::new();
    for permission in permissions {
        let name = permission.as_str().expect("plain permission names").to_owned();
        match name.strip_prefix("allow-") {
            Some(command) => {
                assert!(ours.insert(command.replace('-', "_")), "{name} is granted twice");
            }
            None => others.push(name),
        }
    }
    (ours, others)
}

#[test]
fn every_listed_command_is_granted_and_nothing_else_is() {
    let listed: BTreeSet<String> = COMMAND_NAMES.iter().map(|name| name.to_string()).collect();
    assert_eq!(listed.len(), COMMAND_NAMES.len(), "a command is listed twice");
    assert!(listed.len() >= 40, "found {} commands", listed.len());
    let (granted, others) = granted();
    assert_eq!(granted, listed, "the capability must grant exactly the listed commands (build.rs writes it)");
    // Beyond our commands, the window may only hear its own events and close itself.
    assert_eq!(
        others,
        ["core:event:default", "core:window:allow-destroy"],
        "no fs, shell, http or other plugin grants"
    );
}

#[test]
fn the_front_end_names_only_listed_commands() {
    let bindings = std::fs::read_to_string(repo().join("ui/src/lib/ipc-types.ts")).unwrap();
    let start = bindings.find("export type Command =").expect("the Command type is generated");
    let end = start + bindings[start..].find(';').unwrap();
    let typed: BTreeSet<&str> = bindings[start..end].split('\'').skip(1).step_by(2).collect();
    let listed: BTreeSet<&str> = COMMAND_NAMES.iter().copied().collect();
    assert_eq!(typed, listed, "ipc-types.ts is generated from the same list");
    // Every call goes through the typed wrapper, so svelte-check refuses an unlisted name.
    for entry in files_under(&repo().join("ui/src")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let calls_tauri = text.contains("tauriInvoke") || text.contains("{ invoke }");
        let is_api = entry.ends_with("lib/api.ts");
        assert!(!calls_tauri || is_api, "{} calls invoke directly: use api.ts", entry.display());
    }
}
