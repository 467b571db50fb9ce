//! What the app serves to its window carries no test seam: every script and style sheet
//! the page loaded is read back through the window itself (the assets are embedded in
//! the binary, compressed, so reading the file would find nothing either way). Run on the
//! debug build by the suite and on the installed release by tests/package/deb.sh
//! (`RUNG_E2E_APP=/usr/bin/rung`).

use crate::e2e_support::{open_app, start_driver, wait_for};
use crate::security_posture::TEST_SEAMS;

#[tokio::test(flavor = "multi_thread")]
async fn the_front_end_the_app_serves_carries_no_test_seam() {
    let driver = start_driver();
    let client = open_app(&driver, &[]).await;
    wait_for(&client, "[data-testid=role-option]").await;
    let loaded = client
        .execute(
            "return [...document.querySelectorAll('script[src], link[rel=stylesheet][href]')]
               .map((e) => new URL(e.getAttribute('src') ?? e.getAttribute('href'), document.baseURI).href)",
            vec![],
        )
        .await
        .unwrap();
    let assets: Vec<String> = serde_json::from_value(loaded).unwrap();
    assert!(assets.iter().any(|url| url.ends_with(".js")), "the page loaded no script: {assets:?}");
    for asset in &assets {
        // Opened as a page of its own: the window shows a script or a style sheet as text.
        client.goto(asset).await.unwrap();
        let text = client.execute("return document.documentElement.textContent", vec![]).await.unwrap();
        let text = text.as_str().unwrap_or_default().to_owned();
        assert!(text.len() > 1_000, "{asset} read back as {} bytes: {:.200}", text.len(), text);
        for seam in TEST_SEAMS {
            assert!(!text.contains(seam), "{asset} carries the test seam {seam}");
        }
    }
    client.close().await.unwrap();
}
