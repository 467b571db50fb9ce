//! The first minute and the recruiter's list in the real window: with candidates present
//! the app opens on Candidates with focus on its heading; the list pages and searches in
//! SQL and shows each candidate's stage and progress; a candidate page says where each
//! interview stands; the demo can be erased from its page.

use std::time::Duration;

use fantoccini::{Client, Locator};
use rung::store::Store;

use crate::e2e_support::{click, open_app, start_driver_with, texts, wait_for, wait_for_text_where};

async fn wait_for_text(client: &Client, css: &str, expected: &str) -> String {
    wait_for_text_where(client, css, |text| text.contains(expected)).await
}

async fn count(client: &Client, css: &str) -> usize {
    client.find_all(Locator::Css(css)).await.unwrap().len()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_candidate_list_opens_first_pages_searches_and_says_where_everyone_stands() {
    let driver = start_driver_with(&[]);
    let mut store = Store::open_in(driver.data_dir.path()).unwrap();
    for n in 1..=60 {
        crate::store_support::seed_candidate(&mut store, &format!("Candidate {n:02}"));
    }
    rung::demo::create_demo(&mut store).unwrap();
    drop(store);
    let client = open_app(&driver, &[]).await;

    // Opens on Candidates, focus on the heading, newest first.
    wait_for_text(&client, "[data-testid=candidate-count]", "61 candidates").await;
    let focused = client.execute("return document.activeElement.textContent", vec![]).await.unwrap();
    assert_eq!(focused, "Candidates");
    assert_eq!(count(&client, "[data-testid=candidate-row]").await, 50, "one page");
    let first = texts(&client, "[data-testid=candidate-row]").await.remove(0);
    assert!(first.contains("Alex Rivera (demo)") && first.contains("Ready for debrief"), "{first}");
    assert!(first.contains("all 3 scorecards in"), "{first}");
    let planned = texts(&client, "[data-testid=candidate-row]").await.remove(1);
    assert!(planned.contains("Panel planned") && planned.contains("no scorecards in"), "{planned}");
    click(&client, "[data-testid=more-candidates]").await;
    for _ in 0..50 {
        if count(&client, "[data-testid=candidate-row]").await == 61 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count(&client, "[data-testid=candidate-row]").await, 61);

    // Search runs in SQL; typed text is never a pattern.
    wait_for(&client, "[data-testid=candidate-search]").await.send_keys("candidate 4").await.unwrap();
    wait_for_text(&client, "[data-testid=candidate-count]", "10 of 61 match").await;
    wait_for(&client, "[data-testid=candidate-search]").await.send_keys("%").await.unwrap();
    wait_for_text(&client, "[data-testid=candidate-count]", "0 of 61 match").await;
    wait_for(&client, "[data-testid=candidate-search]").await.send_keys("\u{E00C}").await.unwrap();
    wait_for_text(&client, "[data-testid=candidate-count]", "61 candidates").await;

    // The demo's page says where each interview stands; then the demo is erased.
    click(&client, "[data-testid=candidate-row]").await;
    wait_for(&client, "[data-testid=candidate-heading]").await;
    let states = texts(&client, "[data-testid=interview-state]").await;
    assert_eq!(states.len(), 3);
    assert!(states.iter().all(|s| s.starts_with("Submitted and sealed by ")), "{states:?}");
    click(&client, "[data-testid=erase-this-candidate]").await;
    let confirm = wait_for(&client, "[data-testid=erase-this-confirm]").await;
    assert!(!confirm.is_enabled().await.unwrap(), "erasing needs the typed name");
    wait_for(&client, "[data-testid=erase-this-name]").await.send_keys("Alex Rivera (demo)").await.unwrap();
    click(&client, "[data-testid=erase-this-confirm]").await;
    wait_for_text(&client, "[data-testid=candidate-count]", "60 candidates").await;
    let said = wait_for(&client, "[data-testid=erased-notes]").await.text().await.unwrap();
    assert!(said.contains("Erased candidate") && said.contains("Backups you made elsewhere"), "{said}");
    let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;
}
