//! Team mode in the real window: connecting from the Team screen (a keyring that cannot
//! take the password is said plainly and leaves the folder unconnected), the sync state in
//! the top bar, what the coordinator shared arriving, an erasure waiting for the server's
//! maintenance, and an unreachable server shown as offline with the reason.

use fantoccini::Locator;

use crate::e2e_archive::type_into;
use crate::e2e_support::{capture_screen, click, open_app, start_driver, texts, wait_for, wait_for_text_where};
use crate::store_support::seed_candidate;
use crate::team_support::{password, Laptop, Postgres, ONE_SERVER_AT_A_TIME};

// The guard is a turn among the tests that start servers, not data shared with the awaits.
#[allow(clippy::await_holding_lock)]
#[tokio::test(flavor = "multi_thread")]
async fn connecting_in_the_window_shows_the_sync_state_and_an_offline_server() {
    let _turn = ONE_SERVER_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let pg = Postgres::start();
    pg.set_up_team(&[("cora", true), ("ana", false)]);
    let cora = Laptop::new("cora");
    // Added first, so it is listed after Noor.
    let erased = seed_candidate(&mut cora.store(), "Erin Gone");
    seed_candidate(&mut cora.store(), "Noor Haddad");
    cora.connect(&pg, "Cora Diaz");
    cora.sync();

    let driver = start_driver();
    let client = open_app(&driver, &[]).await;
    assert_eq!(texts(&client, "[data-testid=team-indicator]").await, ["Team"], "not connected yet");
    click(&client, "[data-testid=team-indicator]").await;
    wait_for(&client, "[data-testid=team-connect-form]").await;
    type_into(&client, "[data-testid=team-url]", &pg.url("ana")).await;
    type_into(&client, "[data-testid=team-name]", "Ana Ruiz").await;
    type_into(&client, "[data-testid=team-password]", &password("ana")).await;

    // No keyring on this machine: remembering the password fails, and says what to do.
    click(&client, "[data-testid=team-connect]").await;
    let problem = wait_for(&client, "[data-testid=team-problem]").await.text().await.unwrap();
    assert!(problem.contains("system keyring") && problem.contains("without remembering"), "{problem}");
    assert!(client.find(Locator::Css("[data-testid=team-connect-form]")).await.is_ok(), "still not connected");

    client.find(Locator::Css("input[type=checkbox]")).await.unwrap().click().await.unwrap();
    type_into(&client, "[data-testid=team-password]", &password("ana")).await;
    click(&client, "[data-testid=team-connect]").await;
    wait_for_text_where(&client, "[data-testid=team-summary]", |t| t == "Synced").await;
    wait_for_text_where(&client, "[data-testid=team-indicator]", |t| t == "Synced").await;
    assert_eq!(texts(&client, "[data-testid=team-server]").await, [pg.url("ana")]);
    let scorer = texts(&client, "[data-testid=scorer-button]").await.join(" ");
    assert!(scorer.contains("Ana Ruiz"), "connecting made Ana the one scoring here: {scorer}");
    capture_screen("team-synced.png");
    let mut found = Vec::new();
    crate::e2e_accessibility::check(&client, "team-connected", &mut found).await;
    assert!(found.is_empty(), "accessibility, the Team screen when connected: {found:#?}");

    // What the coordinator shared is here.
    click(&client, "[data-testid=nav-candidates]").await;
    wait_for_text_where(&client, "[data-testid=candidate-row]", |t| t.contains("Noor Haddad")).await;

    // The coordinator erases a candidate: after a sync, the Team screen says the erasure
    // waits for the server's maintenance (and which laptop has not received it).
    let erase = cora.rung(&["erase", "--candidate", &erased.to_string(), "--yes"]);
    assert!(erase.status.success(), "{}", crate::store_support::text(&erase.stderr));
    cora.sync();
    click(&client, "[data-testid=team-indicator]").await;
    click(&client, "[data-testid=team-sync-now]").await;
    wait_for_text_where(&client, "[data-testid=team-erasures]", |t| {
        t.contains("1 erasure waits for the server's maintenance")
    })
    .await;
    capture_screen("team-erasure-waiting.png");

    // The server goes away: "Sync now" says why, and the top bar says offline.
    pg.stop();
    click(&client, "[data-testid=team-indicator]").await;
    click(&client, "[data-testid=team-sync-now]").await;
    let offline = wait_for(&client, "[data-testid=team-problem]").await.text().await.unwrap();
    assert!(offline.contains("cannot be reached") && offline.contains("working offline"), "{offline}");
    wait_for_text_where(&client, "[data-testid=team-indicator]", |t| t.starts_with("Offline")).await;
    capture_screen("team-offline.png");

    // Disconnecting returns the folder to itself; what was pulled stays.
    click(&client, "[data-testid=team-disconnect]").await;
    wait_for(&client, "[data-testid=team-connect-form]").await;
    wait_for_text_where(&client, "[data-testid=team-indicator]", |t| t == "Team").await;
    let store = rung::store::Store::open_in(driver.data_dir.path()).unwrap();
    assert!(store.team_binding().unwrap().is_none());
    assert!(store.candidates().unwrap().iter().any(|c| c.name == "Noor Haddad"));
}
