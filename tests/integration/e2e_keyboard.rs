//! A whole interview without the mouse: from the app's first screen to a sealed
//! scorecard with Tab, Shift+Tab, Enter, Space, Esc, 1–4, 0, j/k and Ctrl+Enter, never
//! clicking; the database then holds exactly what the keys said.

use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::Client;
use rung::store::Store;

use crate::e2e_support::{open_app, start_driver_with, wait_for};

async fn press(client: &Client, keys: &str) {
    client.active_element().await.unwrap().send_keys(keys).await.unwrap();
    tokio::time::sleep(Duration::from_millis(60)).await;
}

async fn focused_matches(client: &Client, css: &str) -> bool {
    let script = "return document.activeElement.matches(arguments[0]);";
    client.execute(script, vec![css.into()]).await.unwrap() == serde_json::Value::Bool(true)
}

/// Presses Tab (or Shift+Tab) until the focused element matches `css`, as a keyboard
/// user would; fails if it is never reached.
async fn tab_to(client: &Client, css: &str, backwards: bool) {
    for _ in 0..60 {
        if focused_matches(client, css).await {
            return;
        }
        let key = if backwards { format!("{}{}", Key::Shift, Key::Tab) } else { Key::Tab.to_string() };
        press(client, &key).await;
    }
    panic!("Tab never reached {css}");
}

async fn wait_focus(client: &Client, css: &str) {
    for _ in 0..100 {
        if focused_matches(client, css).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let now = client.execute("return document.activeElement.outerHTML.slice(0, 200)", vec![]).await.unwrap();
    panic!("focus never reached {css}; it is on {now}");
}

async fn row_scores(client: &Client) -> Vec<String> {
    let found = client
        .execute("return [...document.querySelectorAll('[data-testid=score-row]')].map(r => r.dataset.score + '/' + r.dataset.state);", vec![])
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_whole_interview_by_keyboard_alone() {
    let driver = start_driver_with(&[]);
    let mut store = Store::open_in(driver.data_dir.path()).unwrap();
    crate::store_support::seed_candidate(&mut store, "Kim Keyboard");
    let me = store.create_interviewer("Ada Lovelace", None).unwrap();
    store.set_setting("profile.current_interviewer", &me.to_string()).unwrap();
    drop(store);
    let client = open_app(&driver, &[]).await;

    // The app opens on Candidates with focus on its heading.
    wait_focus(&client, "main h1").await;
    tab_to(&client, "[data-testid=candidate-row]", false).await;
    press(&client, &Key::Enter.to_string()).await;
    wait_focus(&client, "[data-testid=candidate-heading]").await;

    // To the first interview's button, past it and back with Shift+Tab, then Space.
    tab_to(&client, "[data-testid=score-interview]", false).await;
    press(&client, &Key::Tab.to_string()).await;
    tab_to(&client, "[data-testid=score-interview]", true).await;
    press(&client, " ").await;
    wait_focus(&client, "#scoring-heading").await;
    wait_for(&client, "[data-testid=score-row]").await;

    // Rate: 3, next, 4, next, not assessed, back up and write a note, Esc.
    press(&client, "3").await;
    let said = client
        .execute("return document.querySelector('[data-testid=scoring-announcement]').textContent", vec![])
        .await
        .unwrap();
    assert!(said.as_str().unwrap().starts_with("1 of ") && said.as_str().unwrap().contains(". 3, "), "{said}");
    press(&client, "j").await;
    let active = client
        .execute("return document.querySelector('[role=grid]').getAttribute('aria-activedescendant')", vec![])
        .await
        .unwrap();
    assert_eq!(active, "score-cell-1", "the grid's active row follows j/k");
    press(&client, "4").await;
    press(&client, "j").await;
    press(&client, "0").await;
    press(&client, "k").await;
    press(&client, &Key::Enter.to_string()).await;
    wait_focus(&client, "#score-row-1 textarea").await;
    press(&client, "Walked through a failover calmly").await;
    press(&client, &Key::Escape.to_string()).await;
    wait_focus(&client, "[data-testid=scoring-list]").await;
    for _ in 0..100 {
        if row_scores(&client).await[..3] == ["3/saved", "4/saved", "/saved"] {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(row_scores(&client).await[..3], ["3/saved", "4/saved", "/saved"]);

    // Enter on a button does what the button says, never opens a note.
    tab_to(&client, "[data-testid=toggle-others]", false).await;
    press(&client, &Key::Enter.to_string()).await;
    assert!(focused_matches(&client, "[data-testid=toggle-others]").await, "Enter stayed on the button");

    // Ctrl+Enter asks to submit; the dialog starts on "Keep scoring": Space keeps scoring.
    press(&client, &format!("{}{}", Key::Control, Key::Enter)).await;
    wait_focus(&client, "[data-testid=keep-scoring]").await;
    press(&client, " ").await;
    wait_focus(&client, "[data-testid=submit-scorecard]").await;
    // Again, and this time Tab to "Submit and seal" and Enter.
    press(&client, &format!("{}{}", Key::Control, Key::Enter)).await;
    wait_focus(&client, "[data-testid=keep-scoring]").await;
    press(&client, &Key::Tab.to_string()).await;
    wait_focus(&client, "[data-testid=confirm-submit]").await;
    press(&client, &Key::Enter.to_string()).await;
    wait_for(&client, "[data-testid=sealed-banner]").await;
    wait_focus(&client, "#scoring-heading").await;
    // A sealed scorecard is read-only, and a rating key says why it does nothing.
    press(&client, "2").await;
    let hint = wait_for(&client, "[data-testid=read-only-hint]").await.text().await.unwrap();
    assert!(hint.contains("sealed") && hint.contains("amendment"), "{hint}");
    let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;

    // The database holds what the keys said, sealed.
    let db = crate::store_support::raw(&driver.data_dir.path().join(rung::store::DB_FILE));
    let sealed: (String, Option<String>) =
        db.query_row("SELECT status, seal_sha256 FROM scorecards", [], |row| Ok((row.get(0)?, row.get(1)?))).unwrap();
    assert_eq!(sealed.0, "submitted");
    assert!(sealed.1.is_some());
    let mut statement = db.prepare("SELECT score, notes FROM ratings ORDER BY rowid").unwrap();
    let ratings: Vec<(Option<i64>, String)> =
        statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert_eq!(
        ratings,
        [(Some(3), String::new()), (Some(4), "Walked through a failover calmly".to_owned()), (None, String::new())]
    );
}
