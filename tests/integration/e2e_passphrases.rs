//! Proving who is acting, in the real window: switching "Acting as" to a person with a
//! passphrase hides the previous person's screen at once, asks for the passphrase, keeps
//! nobody acting after a wrong one, and opens the next person's screens only once they
//! proved who they are.

use fantoccini::{Client, Locator};
use rung::actor::Actor;
use rung::store::Store;

use crate::e2e_archive::{type_into, wait_until_count};
use crate::e2e_support::{click, open_app, screenshot, start_driver_with, wait_for, wait_for_text_where};

const DANA_SECRET: &str = "blue heron at dawn";

async fn shown(client: &Client, css: &str) -> usize {
    client.find_all(Locator::Css(css)).await.unwrap().len()
}

#[tokio::test(flavor = "multi_thread")]
async fn e2e_switching_to_a_person_with_a_passphrase_hides_the_screen_until_they_prove_it() {
    let driver = start_driver_with(&[]);
    let mut store = Store::open_in(driver.data_dir.path()).unwrap();
    crate::store_support::seed_candidate(&mut store, "Sam Okafor");
    let dana = rung::hiring::add_person(&mut store, Actor::NOBODY, "Dana Okafor", None, true).unwrap().id;
    let ravi = rung::hiring::add_person(&mut store, Actor::NOBODY, "Ravi Shah", None, false).unwrap().id;
    rung::acting::set_own_passphrase(&mut store, Actor::coordinator(dana), dana, None, DANA_SECRET).unwrap();
    store.set_acting_person(dana).unwrap();
    drop(store);
    let client = open_app(&driver, &[]).await;

    // Dana acted last, but she must prove it again after a restart: nobody acts.
    wait_for_text_where(&client, "[data-testid=scorer-name]", |name| name.contains("nobody")).await;
    wait_for(&client, "[data-testid=candidate-row]").await;

    // Ravi needs no passphrase; then he walks away and someone picks Dana.
    click(&client, "[data-testid=scorer-button]").await;
    click(&client, &format!("[data-testid=scorer-option][data-interviewer-id='{ravi}']")).await;
    wait_for_text_where(&client, "[data-testid=scorer-name]", |name| name == "Ravi Shah").await;
    click(&client, "[data-testid=scorer-button]").await;
    click(&client, &format!("[data-testid=scorer-option][data-interviewer-id='{dana}']")).await;
    wait_for(&client, "[data-testid=passphrase-form]").await;
    wait_for(&client, "[data-testid=switching]").await;
    assert_eq!(shown(&client, "[data-testid=candidate-row]").await, 0, "Ravi's screen is gone while Dana is asked");
    wait_for_text_where(&client, "[data-testid=scorer-name]", |name| name.contains("nobody")).await;
    let asked = wait_for_text_where(&client, "[data-testid=passphrase-asked]", |text| !text.is_empty()).await;
    assert!(asked.contains("Dana Okafor protects their name with a passphrase"), "{asked}");
    screenshot(&client, "passphrase-asked.png").await;

    // A wrong guess: still nobody, still nothing on screen.
    type_into(&client, "[data-testid=passphrase-input]", "blue heron at dusk").await;
    click(&client, "[data-testid=passphrase-submit]").await;
    wait_for_text_where(&client, "[data-testid=passphrase-asked]", |text| {
        text.contains("not Dana Okafor's passphrase")
    })
    .await;
    assert_eq!(shown(&client, "[data-testid=candidate-row]").await, 0);
    let acting = crate::e2e_scoring::invoke(&client, "list_interviewers", serde_json::json!({})).await;
    assert!(acting["ok"][1].is_null(), "nobody acts after a wrong passphrase: {acting}");

    // The right one: Dana's screens open afresh.
    type_into(&client, "[data-testid=passphrase-input]", DANA_SECRET).await;
    click(&client, "[data-testid=passphrase-submit]").await;
    wait_for_text_where(&client, "[data-testid=scorer-name]", |name| name == "Dana Okafor").await;
    wait_until_count(&client, "[data-testid=switching]", 0).await;
    wait_for(&client, "[data-testid=candidate-row]").await;
    let acting = crate::e2e_scoring::invoke(&client, "list_interviewers", serde_json::json!({})).await;
    assert_eq!(acting["ok"][1].as_i64(), Some(dana), "{acting}");
    client.close().await.unwrap();
}
