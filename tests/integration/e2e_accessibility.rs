//! Accessibility in the real window: axe-core (pinned) runs on every screen, in the light
//! and the dark theme, and finds no serious or critical violation.

use std::time::Duration;

use fantoccini::Client;
use rung::store::Store;

use crate::e2e_support::{axe_violations, capture_screen, click, open_app, set_theme, start_driver_with, wait_for};

/// Runs axe in both themes on the current screen; returns what it found, named by screen.
pub(crate) async fn check(client: &Client, screen: &str, found: &mut Vec<String>) {
    eprintln!("axe: {screen}");
    for theme in ["light", "dark"] {
        set_theme(client, theme).await;
        tokio::time::sleep(Duration::from_millis(150)).await;
        let Ok(violations) = tokio::time::timeout(Duration::from_secs(30), axe_violations(client)).await else {
            found.push(format!("{screen} ({theme}): axe did not finish in 30 s"));
            eprintln!("axe timed out on {screen} {theme}");
            continue;
        };
        for violation in violations {
            found.push(format!("{screen} ({theme}): {violation}"));
        }
        // For people to look at.
        if std::env::var_os("RUNG_A11Y_SCREENSHOTS").is_some() {
            capture_screen(&format!("a11y-{screen}-{theme}.png"));
        }
    }
}

async fn open_candidate_named(client: &Client, name: &str) {
    wait_for(client, "[data-testid=candidate-row]").await;
    let rows = client.find_all(fantoccini::Locator::Css("[data-testid=candidate-row]")).await.unwrap();
    for row in rows {
        if row.text().await.unwrap().contains(name) {
            row.click().await.unwrap();
            wait_for(client, "[data-testid=candidate-heading]").await;
            return;
        }
    }
    panic!("no candidate named {name}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_passes_axe_in_light_and_dark() {
    let answers = tempfile::tempdir().unwrap();
    let ladder = crate::support::fixture("mapping/tracks-as-sections.md");
    let driver = start_driver_with(&[("RUNG_TEST_DIALOG_ANSWER", ladder.to_str().unwrap())]);
    let mut store = Store::open_in(driver.data_dir.path()).unwrap();
    rung::demo::create_demo(&mut store).unwrap();
    // Ada coordinates (the demo's debrief and decision) and scores Sam's interview.
    let ada = rung::hiring::add_person(&mut store, rung::actor::Actor::NOBODY, "Ada Lovelace", None, true).unwrap().id;
    store.set_acting_person(ada).unwrap();
    crate::store_support::seed_candidate(&mut store, "Sam Okafor");
    drop(store);
    drop(answers);
    let client = open_app(&driver, &[]).await;
    let mut found = Vec::new();

    click(&client, "[data-testid=nav-ladders]").await;
    wait_for(&client, "[data-testid=role-detail]").await;
    check(&client, "ladders", &mut found).await;
    click(&client, "[data-testid=import-file]").await;
    wait_for(&client, "[data-testid=import-preview]").await;
    check(&client, "import-preview", &mut found).await;
    click(&client, "[data-testid=cancel-import]").await;

    click(&client, "[data-testid=nav-candidates]").await;
    wait_for(&client, "[data-testid=candidate-row]").await;
    check(&client, "candidates", &mut found).await;
    click(&client, "[data-testid=new-candidate]").await;
    wait_for(&client, "[data-testid=candidate-submit]").await;
    check(&client, "new-candidate", &mut found).await;
    click(&client, "[data-testid=nav-candidates]").await;

    // The demo candidate: sealed scorecards, the debrief.
    open_candidate_named(&client, "Alex Rivera (demo)").await;
    wait_for(&client, "[data-testid=candidate-heading]").await;
    check(&client, "candidate", &mut found).await;
    click(&client, "[data-testid=open-debrief]").await;
    wait_for(&client, "[data-testid=debrief-heading]").await;
    check(&client, "debrief", &mut found).await;
    click(&client, "[data-testid=start-decision]").await;
    wait_for(&client, "[data-testid=record-decision]").await;
    check(&client, "decision-form", &mut found).await;
    // The confirmation before sealing (the recommendation as it stands needs no reason).
    click(&client, "[data-testid=decision-outcome-hold]").await;
    click(&client, "[data-testid=record-decision]").await;
    wait_for(&client, "[data-testid=decision-confirm]").await;
    check(&client, "decision-confirm", &mut found).await;
    click(&client, "[data-testid=decision-back]").await;

    click(&client, "[data-testid=nav-calibration]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    check(&client, "calibration", &mut found).await;
    click(&client, "[data-testid=nav-archive]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    check(&client, "archive", &mut found).await;
    click(&client, "[data-testid=team-indicator]").await;
    wait_for(&client, "[data-testid=team-connect-form]").await;
    check(&client, "team", &mut found).await;

    // Sam's first interview: scoring, the shortcuts, the submit dialog.
    click(&client, "[data-testid=nav-candidates]").await;
    open_candidate_named(&client, "Sam Okafor").await;
    click(&client, "[data-testid=score-interview]").await;
    wait_for(&client, "[data-testid=scoring-list]").await;
    check(&client, "scoring", &mut found).await;
    // The smallest window the app allows: the Submit button is still in reach.
    client.set_window_size(880, 560).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    check(&client, "scoring-smallest-window", &mut found).await;
    let reachable = client
        .execute(
            "const b = document.querySelector('[data-testid=submit-scorecard]').getBoundingClientRect();
             return b.bottom <= window.innerHeight && b.top >= 0;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(reachable, serde_json::Value::Bool(true), "Submit is visible at the smallest window");
    client.set_window_size(1280, 820).await.unwrap();
    client.execute("document.querySelector('[data-testid=scoring-list]').focus()", vec![]).await.unwrap();
    wait_for(&client, "[data-testid=scoring-list]").await.send_keys("?").await.unwrap();
    wait_for(&client, "[data-testid=shortcut-help]").await;
    check(&client, "shortcuts", &mut found).await;
    wait_for(&client, "[data-testid=scoring-list]").await.send_keys("?").await.unwrap();
    click(&client, "[data-testid=submit-scorecard]").await;
    wait_for(&client, "[data-testid=submit-dialog]").await;
    check(&client, "submit-dialog", &mut found).await;

    let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;
    assert!(found.is_empty(), "{} violations:\n{}", found.len(), found.join("\n"));
}
