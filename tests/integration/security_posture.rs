//! The window's security posture, read from the config and the built front end: a strict
//! content security policy, nothing loaded from the network, no development hooks, no
//! test seams. (What the app serves is checked for them in its window by
//! e2e_release_assets.rs, on the installed release by tests/package/deb.sh.)

use std::collections::BTreeMap;

use crate::support::{files_under, repo};

/// Hooks only a test or benchmark build of the front end has (src/lib/saveTimings.ts: the
/// in-window benchmark's save timings, built with `vite build --mode bench`).
pub const TEST_SEAMS: [&str; 1] = ["__rungSaveTimings"];

fn config() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(repo().join("tauri.conf.json")).unwrap()).unwrap()
}

fn csp() -> BTreeMap<String, String> {
    let config = config();
    let csp = config["app"]["security"]["csp"].as_object().expect("a content security policy is set");
    csp.iter().map(|(directive, sources)| (directive.clone(), sources.as_str().unwrap().to_owned())).collect()
}

#[test]
fn the_content_security_policy_is_strict() {
    let csp = csp();
    let directive = |name: &str| csp.get(name).map(String::as_str).unwrap_or_else(|| panic!("no {name}"));
    assert_eq!(directive("default-src"), "'self'");
    assert_eq!(directive("script-src"), "'self'", "no inline or evaluated script");
    assert_eq!(directive("object-src"), "'none'");
    assert_eq!(directive("base-uri"), "'none'");
    assert_eq!(directive("form-action"), "'none'");
    assert_eq!(directive("frame-ancestors"), "'none'");
    assert_eq!(directive("connect-src"), "ipc: http://ipc.localhost", "only Tauri's IPC");
    for (name, sources) in &csp {
        for source in sources.split_whitespace() {
            assert!(
                !["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", "*", "https:", "http:", "blob:"]
                    .contains(&source),
                "{name} allows {source}"
            );
            let is_ipc = name == "connect-src" && source == "http://ipc.localhost";
            assert!(is_ipc || !source.contains("://"), "{name} allows a host: {source}");
        }
    }
    let security = &config()["app"]["security"];
    assert_eq!(security["freezePrototype"], true);
    assert!(security.get("dangerousDisableAssetCspModification").is_none(), "Tauri adds its nonces");
    assert!(security.get("devCsp").is_none(), "one policy, in development too");
}

#[test]
fn no_development_hooks_in_the_config() {
    let config = config();
    assert!(config["build"].get("devUrl").is_none(), "the window loads ui/dist, never a dev server");
    assert!(config["build"].get("beforeDevCommand").is_none());
    assert_eq!(config["app"]["withGlobalTauri"], false, "no window.__TAURI__ for injected scripts");
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("devtools"), "the web inspector is never compiled in");
}

/// The only absolute URLs the built front end may contain, none of them fetched: XML
/// namespaces, and the documentation links inside Svelte's own error messages.
const INERT_URLS: [&str; 2] = ["http://www.w3.org/", "https://svelte.dev/e/"];

fn urls_in(text: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for scheme in ["http://", "https://", "ws://", "wss://", "//cdn", "//fonts."] {
        for (at, _) in text.match_indices(scheme) {
            let rest = &text[at..];
            let end = rest.find(|c: char| c.is_whitespace() || "\"'`)<>".contains(c)).unwrap_or(rest.len());
            urls.push(rest[..end].to_owned());
        }
    }
    urls
}

#[test]
fn nothing_remote_in_the_config_or_the_built_front_end() {
    let mut config = config();
    config.as_object_mut().unwrap().remove("$schema"); // read by editors, never by the app
    let config_urls: Vec<String> =
        urls_in(&config.to_string()).into_iter().filter(|url| url != "http://ipc.localhost").collect();
    assert!(config_urls.is_empty(), "remote URLs in tauri.conf.json: {config_urls:?}");

    let dist = repo().join("ui/dist");
    let files = files_under(&dist);
    assert!(files.iter().any(|f| f.ends_with("index.html")), "build the front end first (ui/dist)");
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else { continue }; // fonts, images
        let remote: Vec<String> =
            urls_in(&text).into_iter().filter(|url| !INERT_URLS.iter().any(|inert| url.starts_with(inert))).collect();
        assert!(remote.is_empty(), "{} names remote URLs: {remote:?}", file.display());
        for loader in ["@import url(", "importScripts("] {
            assert!(!text.contains(loader), "{} loads code at run time ({loader})", file.display());
        }
    }
}

#[test]
fn the_built_front_end_carries_no_test_seam() {
    let dist = repo().join("ui/dist");
    let files = files_under(&dist);
    assert!(files.iter().any(|f| f.ends_with("index.html")), "build the front end first (ui/dist)");
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else { continue }; // fonts, images
        for seam in TEST_SEAMS {
            assert!(!text.contains(seam), "{} carries the test seam {seam}", file.display());
        }
    }
    let source = std::fs::read_to_string(repo().join("ui/src/lib/saveTimings.ts")).unwrap();
    assert!(source.contains(TEST_SEAMS[0]), "the seam's name is still the one this test looks for");
}
