//! Importing a ladder in the real window opens a preview of how Rung read it; the
//! person corrects the reading (where the roles are, a role's level), imports, and the
//! next import of the same file starts from those corrections.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::e2e_support::{click, open_app, screenshot, select_option, start_driver_with, texts, wait_for};
use crate::support::fixture;

async fn role_titles(client: &Client) -> Vec<String> {
    let titles = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=preview-role] h3')].map(h => h.textContent.trim());",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(titles).unwrap()
}

/// The name of the ladder the picker shows.
async fn selected_ladder(client: &Client) -> String {
    let script =
        "const s = document.querySelector('[data-testid=ladder-select]'); return s.options[s.selectedIndex].text;";
    client.execute(script, vec![]).await.unwrap().as_str().unwrap_or_default().to_owned()
}

async fn wait_for_titles(client: &Client, expected: &[&str]) {
    for _ in 0..100 {
        if role_titles(client).await == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("expected roles {expected:?}, the preview shows {:?}", role_titles(client).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn import_preview_corrects_the_reading_and_remembers_it_for_the_next_import() {
    let ladder = fixture("mapping/tracks-as-sections.md");
    let driver = start_driver_with(&[("RUNG_TEST_DIALOG_ANSWER", ladder.to_str().unwrap())]);
    let client = open_app(&driver, &[]).await;

    click(&client, "[data-testid=nav-ladders]").await;
    click(&client, "[data-testid=import-file]").await;
    wait_for(&client, "[data-testid=import-preview]").await;
    // The reading engine finds the roles under the track headings by itself.
    wait_for_titles(&client, &["L1 Engineer", "L2 Senior Engineer", "L3 Engineering Manager"]).await;
    let focused = client.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, "preview-heading", "focus moves to the preview's heading");

    // A person who reads the ## headings as roles sees what looks off in that reading.
    select_option(&client, "[data-testid=role-depth]", "2").await;
    wait_for_titles(&client, &["L1 Engineering", "L2 Management", "L3 How does it work?"]).await;
    let warnings = texts(&client, "[data-testid=preview-warnings] li").await;
    assert!(warnings.iter().any(|w| w.contains("looks like navigation or an FAQ")), "{warnings:?}");
    screenshot(&client, "import-preview-guess.png").await;

    // Roles are the ### headings: the ## headings above them become their tracks.
    select_option(&client, "[data-testid=role-depth]", "3").await;
    wait_for_titles(&client, &["L1 Engineer", "L2 Senior Engineer", "L3 Engineering Manager"]).await;
    let tracks = texts(&client, ".track > h2").await;
    assert!(tracks[0].starts_with("Engineering") && tracks[1].starts_with("Management"), "{tracks:?}");
    assert!(client.find_all(Locator::Css("[data-testid=preview-warnings]")).await.unwrap().is_empty());

    // The manager is at level 5 in this company.
    let level = wait_for(&client, "[data-role-title='Engineering Manager'] [data-testid=role-level]").await;
    level.clear().await.unwrap();
    level.send_keys("5\t").await.unwrap();
    wait_for_titles(&client, &["L1 Engineer", "L2 Senior Engineer", "L5 Engineering Manager"]).await;
    screenshot(&client, "import-preview-corrected.png").await;

    click(&client, "[data-testid=confirm-import]").await;
    wait_for(&client, "[data-testid=role-detail]").await;
    let chosen = selected_ladder(&client).await;
    assert!(chosen.starts_with("Product Ladder"), "{chosen}");

    // The next import of the same file starts from the corrections.
    click(&client, "[data-testid=import-file]").await;
    let reapplied = wait_for(&client, "[data-testid=reapplied]").await.text().await.unwrap();
    assert!(reapplied.contains("Product Ladder"), "{reapplied}");
    wait_for_titles(&client, &["L1 Engineer", "L2 Senior Engineer", "L5 Engineering Manager"]).await;
    // Esc cancels without saving; focus returns to the import button.
    client.active_element().await.unwrap().send_keys("\u{E00C}").await.unwrap();
    for _ in 0..50 {
        if client.find_all(Locator::Css("[data-testid=import-preview]")).await.unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let focused = client.execute("return document.activeElement.dataset.testid ?? ''", vec![]).await.unwrap();
    assert_eq!(focused, "import-file");
    let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;
}

async fn confirm_disabled(client: &Client) -> bool {
    let disabled = client
        .execute("return document.querySelector('[data-testid=confirm-import]').disabled;", vec![])
        .await
        .unwrap();
    disabled == serde_json::Value::Bool(true)
}

async fn is_shown(client: &Client, css: &str) -> bool {
    !client.find_all(Locator::Css(css)).await.unwrap().is_empty()
}

/// A ladder that reads two ways, close in evidence: three roles not titled like levels,
/// each with the same "Name: …" bullets. Rung says it is not sure, offers the other reading,
/// and saves only once the person has confirmed a reading.
#[tokio::test(flavor = "multi_thread")]
async fn an_uncertain_reading_is_offered_the_other_way_and_saved_only_once_confirmed() {
    let ladder = fixture("transposed/support-roles.md");
    let driver = start_driver_with(&[("RUNG_TEST_DIALOG_ANSWER", ladder.to_str().unwrap())]);
    let client = open_app(&driver, &[]).await;

    click(&client, "[data-testid=nav-ladders]").await;
    click(&client, "[data-testid=import-file]").await;
    wait_for(&client, "[data-testid=import-preview]").await;
    wait_for_titles(&client, &["L1 Harbour", "L2 Lighthouse", "L3 Summit"]).await;
    let warning = wait_for(&client, "[data-testid=reading-uncertain]").await.text().await.unwrap();
    assert!(warning.contains("Rung is not sure how it read this ladder"), "{warning}");
    let summary = texts(&client, "[data-testid=reading-summary]").await.join("\n");
    assert!(summary.contains("Harbour"), "the reading in words: {summary}");
    let live = wait_for(&client, "[data-testid=reading-summary]").await.attr("aria-live").await.unwrap();
    assert_eq!(live.as_deref(), Some("polite"), "the reading summary is announced");
    let runner_up = wait_for(&client, "[data-testid=runner-up]").await.text().await.unwrap();
    assert!(runner_up.contains("Tickets"), "the other reading in words: {runner_up}");
    // Save is disabled, and says why next to it.
    assert!(confirm_disabled(&client).await, "an uncertain reading cannot be imported");
    let reason = wait_for(&client, "[data-testid=import-blocked]").await.text().await.unwrap();
    assert_eq!(reason, "Confirm the reading or read it the other way first");
    let described = wait_for(&client, "[data-testid=confirm-import]").await.attr("aria-describedby").await.unwrap();
    assert_eq!(described.as_deref(), Some("import-blocked"));
    // For people to look at, and for the README: at the smallest common and a large window.
    for (width, height) in [(1024, 700), (1440, 900)] {
        client.set_window_size(width, height).await.unwrap();
        tokio::time::sleep(Duration::from_millis(400)).await;
        screenshot(&client, &format!("import-uncertain-{width}x{height}.png")).await;
    }
    client.set_window_size(1280, 820).await.unwrap();
    let mut violations = Vec::new();
    crate::e2e_accessibility::check(&client, "import-preview-uncertain", &mut violations).await;
    crate::e2e_support::set_theme(&client, "light").await;
    assert!(violations.is_empty(), "{}", violations.join("\n"));

    // The other way round: the bullets' names are the roles; focus moves to the new reading.
    click(&client, "[data-testid=read-other-way]").await;
    wait_for_titles(&client, &["L1 Tickets", "L2 Product", "L3 Writing"]).await;
    let focused = client.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, "reading-summary", "focus moves to the reading summary");
    screenshot(&client, "import-uncertain-other-way.png").await;

    // Back to Rung's reading: still not sure; the person confirms it explicitly.
    click(&client, "[data-testid=reset-reading]").await;
    wait_for_titles(&client, &["L1 Harbour", "L2 Lighthouse", "L3 Summit"]).await;
    wait_for(&client, "[data-testid=reading-uncertain]").await;
    assert!(confirm_disabled(&client).await, "Rung's reading again: not confirmed");
    click(&client, "[data-testid=confirm-reading]").await;
    let sure = wait_for(&client, "[data-testid=reading-certain]").await.text().await.unwrap();
    assert!(sure.contains("You confirmed this reading"), "{sure}");
    assert!(!is_shown(&client, "[data-testid=reading-uncertain]").await);
    assert!(!is_shown(&client, "[data-testid=import-blocked]").await);
    assert!(!confirm_disabled(&client).await, "a confirmed reading can be imported");
    let focused = client.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, "reading-summary");

    click(&client, "[data-testid=confirm-import]").await;
    wait_for(&client, "[data-testid=role-detail]").await;
    let chosen = selected_ladder(&client).await;
    assert!(chosen.starts_with("Support Crew"), "{chosen}");
    let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;
}
