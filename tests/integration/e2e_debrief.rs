//! The debrief in the real window: three interviewers score one candidate by keyboard
//! (one disagreeing sharply on two characteristics); each is refused the debrief until
//! they have submitted, then sees it; the flagged disagreements, the recommendation the
//! engine computes for the data, a what-if that moves it, and a decision that overrides
//! it with a reason, recorded and sealed. Screens (light and dark) go to target/e2e-screens/.

use fantoccini::{key::Key, Client};
use rung::debrief::{self, PanelOverride};
use rung::ladder::Band;
use rung::level::Recommendation;
use rung::store::Store;

use crate::e2e_scoring::{invoke, press, wait_row_state};
use crate::e2e_support::{click, open_app, screenshot, start_driver, start_driver_with, texts, wait_for};
use crate::store_support::{coordinator, seed_candidate};

const NAMES: [&str; 3] = ["Ana Ruiz", "Bo Lindqvist", "Chidi Okafor"];

pub(crate) fn headline(recommendation: &Recommendation) -> String {
    match (&recommendation.title, recommendation.band, recommendation.level) {
        (Some(title), Some(band), Some(level)) => format!("L{level} {title} — {}", band.label()),
        _ => "No level to recommend".to_owned(),
    }
}

/// Switches "Scoring as", and waits until the app has taken the change.
pub(crate) async fn choose_scorer(client: &Client, interviewer: i64) {
    click(client, "[data-testid=scorer-button]").await;
    click(client, &format!("[data-testid=scorer-option][data-interviewer-id='{interviewer}']")).await;
    for _ in 0..100 {
        let answer = invoke(client, "list_interviewers", serde_json::json!({})).await;
        if answer["ok"][1].as_i64() == Some(interviewer) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let answer = invoke(client, "list_interviewers", serde_json::json!({})).await;
    panic!("the app did not switch to interviewer {interviewer}: {answer}");
}

pub(crate) async fn open_candidate(client: &Client) {
    click(client, "[data-testid=nav-candidates]").await;
    click(client, "[data-testid=candidate-row]").await;
    wait_for(client, "[data-testid=candidate-heading]").await;
}

/// Scores every focus characteristic of interview `index` by keyboard: a strong
/// candidate (4s on the path, 2s on the next role), except that the sharp dissenter
/// gives 1 on their first two characteristics.
pub(crate) async fn score_interview(client: &Client, index: usize, dissent: bool) {
    // The interview's own button (an interview sealed by someone else has none).
    click(client, &format!("[data-testid=interview]:nth-of-type({}) [data-testid=score-interview]", index + 1)).await;
    wait_for(client, "[data-testid=score-row]").await;
    let rows = texts(client, "[data-testid=score-row]").await;
    for (row, text) in rows.iter().enumerate() {
        let next_role = text.to_uppercase().contains("L3 DEVOPS APPLICATION ENGINEER");
        let score = match (dissent && row < 2, next_role) {
            (true, _) => "1",
            (false, true) => "2",
            (false, false) => "4",
        };
        press(client, score).await;
        wait_row_state(client, row, "saved").await;
        press(client, "j").await;
    }
}

async fn debrief_is_closed(client: &Client) {
    open_candidate(client).await;
    click(client, "[data-testid=open-debrief]").await;
    let closed = wait_for(client, "[data-testid=debrief-closed]").await.text().await.unwrap();
    assert!(closed.contains("once you have submitted your own scorecard"), "{closed}");
}

pub(crate) async fn submit_interview(client: &Client, index: usize) {
    open_candidate(client).await;
    // The interview's own button (an interview sealed by someone else has none).
    click(client, &format!("[data-testid=interview]:nth-of-type({}) [data-testid=score-interview]", index + 1)).await;
    wait_for(client, "[data-testid=score-row]").await;
    press(client, &format!("{}{}", Key::Control, Key::Enter)).await;
    click(client, "[data-testid=confirm-submit]").await;
    wait_for(client, "[data-testid=sealed-banner]").await;
}

pub(crate) async fn open_debrief(client: &Client) {
    open_candidate(client).await;
    click(client, "[data-testid=open-debrief]").await;
    wait_for(client, "[data-testid=debrief-heading]").await;
}

fn band_named(value: &str) -> Band {
    serde_json::from_value(serde_json::Value::String(value.to_owned())).expect("a band")
}

pub(crate) async fn text_of(client: &Client, css: &str) -> String {
    texts(client, css).await.into_iter().next().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panel_debriefs_with_a_what_if_and_records_an_overriding_decision() {
    let driver = start_driver();
    let (candidate, people) = {
        let mut store = Store::open_in(driver.data_dir.path()).unwrap();
        let candidate = seed_candidate(&mut store, "Dana Debrief");
        let people: Vec<i64> = NAMES.iter().map(|name| store.create_interviewer(name, None).unwrap()).collect();
        (candidate, people)
    };
    let client = open_app(&driver, &[]).await;

    for (index, person) in people.iter().enumerate() {
        choose_scorer(&client, *person).await;
        open_candidate(&client).await;
        score_interview(&client, index, index == 2).await;
        if index == 0 {
            screenshot(&client, "debrief-0-scoring.png").await;
        }
        debrief_is_closed(&client).await;
        submit_interview(&client, index).await;
        open_debrief(&client).await;
    }

    let store = Store::open_in(driver.data_dir.path()).unwrap();
    let expected = debrief::candidate_recommendation(&store, coordinator(&store), candidate).unwrap();
    assert_eq!(text_of(&client, "[data-testid=recommended-role]").await, headline(&expected));
    let flagged = texts(&client, "[data-testid=matrix-row][data-flagged=true] [data-testid=disagreement]").await;
    assert_eq!(flagged.len(), 2, "the dissenter's two sharp disagreements: {flagged:?}");
    assert!(!text_of(&client, "[data-testid=agreement]").await.is_empty());
    screenshot(&client, "debrief-1-light.png").await;

    // What if the panel had scored the recommended role's first characteristic 1?
    let recommended = expected.role.clone().expect("the data supports a band");
    let target = debrief::debrief(&store, coordinator(&store), candidate).unwrap();
    let row = target.rows.iter().find(|row| row.characteristic.role_key == recommended).unwrap();
    let hypothetical = debrief::what_if(
        &store,
        coordinator(&store),
        candidate,
        &[PanelOverride { characteristic: row.characteristic.clone(), panel: Some(1.0) }],
    )
    .unwrap();
    assert_ne!(headline(&hypothetical), headline(&expected), "the what-if must move the recommendation");
    let selector = format!(
        "[data-testid=matrix-row][data-characteristic={}] [data-testid=what-if]",
        row.characteristic.characteristic_key
    );
    wait_for(&client, &selector).await.select_by_value("1").await.unwrap();
    wait_for(&client, "[data-testid=what-if-result]").await;
    let moved = text_of(&client, "[data-testid=what-if-result] [data-testid=recommended-role]").await;
    assert_eq!(moved, headline(&hypothetical));
    assert!(text_of(&client, "[data-testid=what-if-result]").await.to_lowercase().contains("not saved"));
    screenshot(&client, "debrief-2-what-if.png").await;
    click(&client, "[data-testid=reset-what-if]").await;

    // The panel decides on another band than recommended, and says why.
    let other = if expected.band == Some(Band::Maturing) { "performing" } else { "maturing" };
    // The decision is the coordinator's.
    choose_scorer(&client, coordinator(&store).person().unwrap()).await;
    open_debrief(&client).await;
    click(&client, "[data-testid=start-decision]").await;
    // Nothing is chosen for the panel: the outcome is theirs, and the button says so.
    let record = wait_for(&client, "[data-testid=record-decision]").await;
    assert!(!record.is_enabled().await.unwrap(), "no outcome chosen, nothing to seal");
    assert!(text_of(&client, "#decision-needs-outcome").await.contains("Choose an outcome"));
    click(&client, "[data-testid=decision-outcome-hire]").await;
    wait_for(&client, "[data-testid=decision-band]").await.select_by_value(other).await.unwrap();
    click(&client, "[data-testid=record-decision]").await;
    // Without a reason Rust refuses, and the window says why.
    let refusal = wait_for(&client, "[data-testid=decision-problem]").await.text().await.unwrap();
    assert!(refusal.contains("say why"), "{refusal}");
    wait_for(&client, "[data-testid=decision-reason]")
        .await
        .send_keys("Strong on mentoring evidence; we level conservatively this cycle.")
        .await
        .unwrap();
    click(&client, "[data-testid=record-decision]").await;
    // A confirmation with the sentence that will be sealed, focus on the safe button.
    let sentence = wait_for(&client, "[data-testid=decision-confirm-sentence]").await.text().await.unwrap();
    assert!(
        sentence.starts_with("Hire as L") && sentence.contains(&format!("in the {} band", band_named(other).label())),
        "{sentence}"
    );
    let confirm = text_of(&client, "[data-testid=decision-confirm]").await;
    assert!(
        confirm.contains("This seals the decision") && confirm.contains(crate::store_support::COORDINATOR),
        "{confirm}"
    );
    let focused = client.active_element().await.unwrap().attr("data-testid").await.unwrap();
    assert_eq!(focused.as_deref(), Some("decision-back"), "sealing cannot be undone: focus starts on going back");
    screenshot(&client, "debrief-3-confirm-decision.png").await;
    assert!(store.decision(candidate).unwrap().is_none(), "nothing is sealed before the confirmation");
    click(&client, "[data-testid=confirm-decision]").await;
    let summary = wait_for(&client, "[data-testid=decision-summary]").await.text().await.unwrap();
    assert!(summary.contains("Differs from Rung’s recommendation"), "{summary}");
    assert!(summary.contains(&sentence), "the sentence confirmed is the one shown: {summary}");
    let seal_line = text_of(&client, "[data-testid=decision-seal]").await;
    assert!(seal_line.starts_with(&format!("Recorded by {}", crate::store_support::COORDINATOR)), "{seal_line}");
    screenshot(&client, "debrief-3-decided.png").await;

    // Calibration now has three interviewers, each compared with the decision.
    click(&client, "[data-testid=nav-calibration]").await;
    wait_for(&client, "[data-testid=calibration]").await;
    let rows = texts(&client, "[data-testid=calibration] tbody tr").await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(NAMES.iter().all(|name| rows.iter().any(|row| row.contains(name))), "{rows:?}");
    client.close().await.unwrap();

    let decision = store.decision(candidate).unwrap().expect("a recorded decision");
    assert!(decision.overrides);
    assert_eq!(decision.recommended_band, expected.band);
    assert_eq!(rung::decision::seal(&decision), decision.seal_sha256, "sealed");
    assert_eq!(decision.decided_by, crate::store_support::COORDINATOR, "the coordinator decided");
    assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap().problems());

    // The same debrief in the dark theme, for people to look at (one window at a time).
    let copy = tempfile::tempdir().unwrap();
    store.backup_to(&copy.path().join(rung::store::DB_FILE)).unwrap();
    drop(store);
    drop(driver);
    let dark = start_driver_with(&[("GTK_THEME", "Adwaita:dark")]);
    std::fs::copy(copy.path().join(rung::store::DB_FILE), dark.data_dir.path().join(rung::store::DB_FILE)).unwrap();
    let client = open_app(&dark, &[]).await;
    open_debrief(&client).await;
    screenshot(&client, "debrief-4-dark.png").await;
    client.close().await.unwrap();
}
