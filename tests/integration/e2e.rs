//! End to end, in the real window: the ladder browser, importing, the security posture.

use std::time::{Duration, Instant};

use fantoccini::{key::Key, Client, Locator};

use crate::e2e_support::{click, open_app, start_driver, texts, wait_for};

const SEED_ROLES: [&str; 6] = [
    "Junior Application Support Engineer / Application Support Engineer",
    "Senior Application Support Engineer",
    "DevOps Application Engineer",
    "Senior DevOps Application Engineer",
    "Application Support Manager",
    "Senior Application Support Manager",
];

/// Waits until the role detail shows `title` (rendering is asynchronous).
async fn wait_for_heading(client: &Client, title: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let heading = texts(client, "[data-testid=role-heading]").await;
        if heading.first().map(String::as_str) == Some(title) {
            return;
        }
        assert!(Instant::now() < deadline, "heading stayed {heading:?}, expected {title:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ladder_browser_lists_the_seed_roles_and_shows_characteristics() {
    let driver = start_driver();
    let client = open_app(&driver, &[]).await;

    wait_for(&client, "[data-testid=role-option]").await;
    assert_eq!(texts(&client, "[data-testid=role-title]").await, SEED_ROLES);

    // Choosing a role by mouse shows its characteristics.
    click(&client, "[data-testid=role-option][data-role-key=senior-application-support-engineer]").await;
    wait_for_heading(&client, SEED_ROLES[1]).await;
    assert_eq!(
        texts(&client, "[data-testid=characteristic-title]").await,
        [
            "I am trusted to delight our customers with every interaction",
            "I am a support mentor",
            "I am focussed on the success of my team and my customers, without the need to boost my ego",
            "I've become a student of my craft",
        ]
    );

    // The keyboard moves through the list: ↓ selects the next role.
    let list = client.find(Locator::Css("[data-testid=role-list]")).await.unwrap();
    list.send_keys(&Key::Down.to_string()).await.unwrap();
    wait_for_heading(&client, SEED_ROLES[2]).await;
    assert_eq!(texts(&client, "[data-testid=characteristic-title]").await.len(), 4);
    list.send_keys(&Key::End.to_string()).await.unwrap();
    wait_for_heading(&client, SEED_ROLES[5]).await;
    wait_for(&client, "[data-testid=incomplete-notice]").await;

    // A role without characteristic headings is scored bullet by bullet.
    list.send_keys(&Key::Up.to_string()).await.unwrap();
    wait_for_heading(&client, SEED_ROLES[4]).await;
    assert_eq!(texts(&client, "[data-testid=characteristic-title]").await.len(), 9);

    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_refuses_remote_content_and_commands_it_was_not_granted() {
    let driver = start_driver();
    let client = open_app(&driver, &[]).await;
    wait_for(&client, "[data-testid=role-option]").await;

    // The CSP reports (and blocks) an image from a remote origin.
    let violation = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               document.addEventListener('securitypolicyviolation', (e) => done(e.violatedDirective), { once: true });
               const img = new Image(); img.src = 'https://example.com/tracker.png';
               setTimeout(() => done('no violation'), 3000);"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(violation.as_str(), Some("img-src"));

    // A plugin command the capability does not grant is refused, though the plugin is loaded.
    let refused = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               window.__TAURI_INTERNALS__.invoke('plugin:dialog|open', { options: {} })
                 .then(() => done('allowed'), (e) => done(String(e)));"#,
            vec![],
        )
        .await
        .unwrap();
    let refused = refused.as_str().unwrap_or_default().to_owned();
    assert!(refused.contains("not allowed"), "{refused}");

    // Our own commands work and return typed errors in words.
    let unknown = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               window.__TAURI_INTERNALS__.invoke('get_ladder', { id: 4242 })
                 .then(() => done(null), (e) => done(e));"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(unknown["code"], "not_found");
    assert_eq!(unknown["message"], "Ladder 4242 does not exist.");

    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_imported_folder_ladder_shows_two_tracks_and_the_user_can_switch_ladders() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/data/ladders/octopus-support-2025");
    let driver = start_driver();
    let client = open_app(&driver, &["--ladder", folder]).await;

    wait_for(&client, "[data-testid=role-option]").await;
    let options = texts(&client, "[data-testid=ladder-select] option").await;
    assert_eq!(options.len(), 2, "{options:?}");
    assert!(options[0].starts_with("Support Roles (default)"), "{options:?}");
    assert!(options[1].starts_with("DevOps Support Roles"), "{options:?}");

    // The imported ladder is shown, its roles grouped by track.
    assert_eq!(texts(&client, "[data-testid=role-title]").await.len(), 7);
    assert_eq!(texts(&client, "[data-testid=track-name]").await, ["INDIVIDUAL CONTRIBUTOR", "MANAGEMENT"]);
    click(&client, "[data-testid=role-option][data-role-key=support-manager]").await;
    wait_for_heading(&client, "Support Manager").await;
    assert!(texts(&client, "[data-testid=role-detail]").await[0].contains("Builds on Senior DevOps Support Engineer"));

    // Switching back to the default ladder.
    let select = client.find(Locator::Css("[data-testid=ladder-select]")).await.unwrap();
    select.select_by_index(0).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while texts(&client, "[data-testid=role-title]").await != SEED_ROLES {
        assert!(Instant::now() < deadline, "the default ladder did not come back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_is_explained_and_moved_aside_only_when_the_user_agrees() {
    let driver = start_driver();
    let db = driver.data_dir.path().join(rung::store::DB_FILE);
    drop(rung::store::Store::open(&db).unwrap());
    let mut bytes = std::fs::read(&db).unwrap();
    for byte in bytes.iter_mut().skip(4096).take(8192) {
        *byte ^= 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    for side in ["rung.db-wal", "rung.db-shm"] {
        let _ = std::fs::remove_file(driver.data_dir.path().join(side));
    }

    let client = open_app(&driver, &[]).await;
    let problem = wait_for(&client, "[data-testid=startup-problem]").await;
    let message = problem.text().await.unwrap();
    assert!(message.contains("is damaged"), "{message}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing is changed before the user agrees");

    click(&client, "[data-testid=move-aside]").await;
    wait_for(&client, "[data-testid=role-option]").await;
    assert_eq!(texts(&client, "[data-testid=role-title]").await, SEED_ROLES);
    let kept: Vec<String> = std::fs::read_dir(driver.data_dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("rung.db.corrupt-") && !name.ends_with("-wal") && !name.ends_with("-shm"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read(driver.data_dir.path().join(&kept[0])).unwrap(),
        bytes,
        "the damaged file is kept as it was"
    );
    client.close().await.unwrap();
}

/// Damage the open does not read (a table's leaf deep in the file): the app opens at once,
/// reads every page once the window is up, closes the database and shows the same choice.
#[tokio::test(flavor = "multi_thread")]
async fn damage_found_after_start_up_closes_the_database_and_explains_it() {
    let driver = start_driver();
    let db = driver.data_dir.path().join(rung::store::DB_FILE);
    let mut store = rung::store::Store::open(&db).unwrap();
    for n in 0..400 {
        crate::store_support::seed_candidate(
            &mut store,
            &format!("Candidate {n} with a long enough name to fill pages"),
        );
    }
    drop(store);
    let mut bytes = crate::store_support::checkpointed_bytes(&db);
    let pages = bytes.len() / 4096;
    for byte in bytes.iter_mut().skip((pages - 3) * 4096 + 100).take(3000) {
        *byte ^= 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();

    let client = open_app(&driver, &[]).await;
    let problem = wait_for(&client, "[data-testid=startup-problem]").await;
    let message = problem.text().await.unwrap();
    assert!(message.contains("is damaged"), "{message}");
    let refused = crate::e2e_scoring::invoke(
        &client,
        "candidate_page",
        serde_json::json!({"query": {"text": "", "offset": 0, "limit": 5}}),
    )
    .await;
    assert_eq!(refused["err"]["code"], "db_corrupt", "the damaged database is closed: {refused}");
    client.close().await.unwrap();
}
