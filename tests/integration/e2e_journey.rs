//! The whole journey in the real window, as a hiring team lives it: the first run on the
//! default ladder, a new candidate and their panel plan, three interviewers each scoring
//! their interview by keyboard (switching "Scoring as") and submitting, the debrief, a
//! decision that overrides the recommendation with a reason, the PDF, the archive finding
//! it, the PDF verified, the candidate erased. Every screen is saved under
//! target/e2e-screens/journey-*.png (the whole X screen, as a person sees it).

use std::time::Duration;

use fantoccini::Client;
use rung::ladder::Band;
use rung::store::Store;

use crate::e2e_archive::{type_into, wait_until_count};
use crate::e2e_debrief::{open_candidate, open_debrief, score_interview, submit_interview, text_of};
use crate::e2e_support::{capture_screen, click, open_app, start_driver_with, texts, wait_for};
use crate::store_support::{coordinator, rung_in, text};

const CANDIDATE: &str = "Jordan Lee";
const PANEL: [&str; 3] = ["Ana Ruiz", "Bo Lindqvist", "Chidi Okafor"];

/// The recruiter who coordinates the panel (adds the candidate, decides, issues the report).
const COORDINATOR: &str = "Rae Recruiter";

/// Adds a person from "Acting as" (which also makes them the one acting).
async fn add_person(client: &Client, name: &str, coordinator: bool) {
    click(client, "[data-testid=scorer-button]").await;
    wait_for(client, "[data-testid=new-interviewer-name]").await.send_keys(name).await.unwrap();
    if coordinator {
        click(client, "[data-testid=new-is-coordinator]").await;
    }
    click(client, "[data-testid=add-interviewer]").await;
    for _ in 0..100 {
        if text_of(client, "[data-testid=scorer-name]").await == name {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the app did not switch to {name}");
}

async fn settle() {
    // Lets the last re-render paint before the screen is captured.
    tokio::time::sleep(Duration::from_millis(400)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_whole_journey_from_first_run_to_erasure() {
    let answers = tempfile::tempdir().unwrap();
    let driver = start_driver_with(&[("RUNG_TEST_DIALOG_ANSWER", answers.path().to_str().unwrap())]);
    let client = open_app(&driver, &[]).await;

    // First run: an empty data folder opens on the embedded default ladder.
    wait_for(&client, "[data-testid=role-detail]").await;
    let ladder = wait_for(&client, "[data-testid=ladder-select]").await.text().await.unwrap();
    assert!(ladder.contains("Support Roles"), "{ladder}");
    settle().await;
    capture_screen("journey-01-first-run-ladder.png");

    // The recruiter says who they are (a coordinator), then adds a candidate from the
    // empty Candidates screen.
    add_person(&client, COORDINATOR, true).await;
    click(&client, "[data-testid=nav-candidates]").await;
    wait_for(&client, "[data-testid=candidates-empty]").await;
    settle().await;
    capture_screen("journey-02-no-candidates.png");
    click(&client, "[data-testid=new-candidate]").await;
    wait_for(&client, "[data-testid=candidate-name]").await.send_keys(CANDIDATE).await.unwrap();
    wait_for(&client, "[data-testid=candidate-role]")
        .await
        .select_by_value("senior-application-support-engineer")
        .await
        .unwrap();
    settle().await;
    capture_screen("journey-03-new-candidate.png");
    click(&client, "[data-testid=candidate-submit]").await;
    let heading = wait_for(&client, "[data-testid=candidate-heading]").await.text().await.unwrap();
    assert_eq!(heading, CANDIDATE);

    // The default panel plan: three or four interviews, every characteristic covered.
    wait_for(&client, "[data-testid=interview]").await;
    let interviews = texts(&client, "[data-testid=interview]").await;
    assert!((3..=4).contains(&interviews.len()), "{interviews:?}");
    let coverage = texts(&client, "[data-testid=coverage]").await;
    assert!(!coverage.is_empty() && coverage.iter().all(|c| !c.contains(" of ")), "gaps: {coverage:?}");
    settle().await;
    capture_screen("journey-04-panel-plan.png");

    // Three interviewers, each switching "Scoring as", score by keyboard and submit.
    for (index, name) in PANEL.iter().enumerate() {
        add_person(&client, name, false).await;
        open_candidate(&client).await;
        score_interview(&client, index, index == 2).await;
        if index == 0 {
            settle().await;
            capture_screen("journey-05-scoring.png");
        }
        submit_interview(&client, index).await;
        if index == 0 {
            settle().await;
            capture_screen("journey-06-sealed.png");
        }
    }
    open_candidate(&client).await;
    let states = texts(&client, "[data-testid=interview-state]").await;
    assert!(states[..3].iter().all(|s| s.starts_with("Submitted and sealed by")), "{states:?}");
    settle().await;
    capture_screen("journey-07-all-submitted.png");

    // The coordinator takes over: the debrief, and a decision that overrides the
    // recommendation with a reason.
    let store = Store::open_in(driver.data_dir.path()).unwrap();
    crate::e2e_debrief::choose_scorer(&client, coordinator(&store).person().unwrap()).await;
    drop(store);
    open_debrief(&client).await;
    let recommended = text_of(&client, "[data-testid=recommended-role]").await;
    assert!(!recommended.is_empty());
    settle().await;
    capture_screen("journey-08-debrief.png");
    let store = Store::open_in(driver.data_dir.path()).unwrap();
    let everyone = rung::store::CandidateQuery { text: String::new(), offset: 0, limit: 10 };
    let candidate = store.candidate_page(&everyone).unwrap().0[0].id;
    let expected = rung::debrief::candidate_recommendation(&store, coordinator(&store), candidate).unwrap();
    assert_eq!(recommended, crate::e2e_debrief::headline(&expected));
    let other = if expected.band == Some(Band::Maturing) { "performing" } else { "maturing" };
    click(&client, "[data-testid=start-decision]").await;
    click(&client, "[data-testid=decision-outcome-hire]").await;
    wait_for(&client, "[data-testid=decision-band]").await.select_by_value(other).await.unwrap();
    wait_for(&client, "[data-testid=decision-reason]")
        .await
        .send_keys("Strong incident leadership; we level conservatively this cycle.")
        .await
        .unwrap();
    settle().await;
    capture_screen("journey-09-decision.png");
    click(&client, "[data-testid=record-decision]").await;
    wait_for(&client, "[data-testid=decision-confirm-sentence]").await;
    settle().await;
    capture_screen("journey-09b-seal-decision.png");
    click(&client, "[data-testid=confirm-decision]").await;
    let summary = wait_for(&client, "[data-testid=decision-summary]").await.text().await.unwrap();
    assert!(summary.contains("Differs from Rung’s recommendation"), "{summary}");

    // The PDF: issued, archived, saved where the dialog said, and it reads as the decision.
    click(&client, "[data-testid=export-report]").await;
    let done = wait_for(&client, "[data-testid=export-report-done]").await.text().await.unwrap();
    assert!(done.starts_with("Issued and archived report R-"), "{done}");
    settle().await;
    capture_screen("journey-10-report-exported.png");
    let pdf = answers.path().join(format!("Level recommendation - {CANDIDATE}.pdf"));
    assert!(pdf.exists(), "{done}");
    let report = crate::pdf_tools::text_flow(&pdf);
    assert!(report.contains(CANDIDATE) && report.contains("conservatively"), "{report}");
    render_first_page(&pdf, "journey-11-report");

    // The archive finds it; "Verify a PDF…" says the file is genuine.
    click(&client, "[data-testid=nav-archive]").await;
    type_into(&client, "[data-testid=archive-search]", "jordan").await;
    wait_until_count(&client, "[data-testid=archive-row]", 1).await;
    let row = texts(&client, "[data-testid=archive-row]").await.remove(0);
    assert!(row.contains(CANDIDATE), "{row}");
    click(&client, "[data-testid=verify-report]").await;
    let verdict = wait_for(&client, "[data-testid=archive-message]").await.text().await.unwrap();
    assert!(verdict.to_lowercase().contains("genuine"), "{verdict}");
    settle().await;
    capture_screen("journey-12-archive-verified.png");

    // Erase: the typed name, then nothing of the candidate is left to verify against.
    click(&client, "[data-testid=erase-candidate]").await;
    type_into(&client, "[data-testid=erase-name]", CANDIDATE).await;
    settle().await;
    capture_screen("journey-13-erase.png");
    click(&client, "[data-testid=erase-confirm-button]").await;
    let erased = wait_for(&client, "[data-testid=erasure-done]").await.text().await.unwrap();
    assert!(erased.contains("3 scorecard(s), 1 decision(s), 1 report(s)"), "{erased}");
    settle().await;
    capture_screen("journey-14-erased.png");
    let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;

    let after = rung_in(driver.data_dir.path(), &["verify", pdf.to_str().unwrap()]);
    assert_eq!(after.status.code(), Some(1), "an erased candidate's report no longer verifies");
    let names = rung_in(driver.data_dir.path(), &["candidates"]);
    assert!(!text(&names.stdout).contains(CANDIDATE), "{}", text(&names.stdout));
}

/// The first minute: a fresh start shows the default ladder and offers the demo; one click
/// opens the demo candidate's debrief, one more issues its PDF. The debrief screenshot is
/// the one in README (docs/debrief.png).
#[tokio::test(flavor = "multi_thread")]
async fn the_first_minute_the_demo_debrief_and_its_pdf() {
    let answers = tempfile::tempdir().unwrap();
    let driver = start_driver_with(&[("RUNG_TEST_DIALOG_ANSWER", answers.path().to_str().unwrap())]);
    let client = open_app(&driver, &[]).await;
    wait_for(&client, "[data-testid=role-detail]").await;
    wait_for(&client, "[data-testid=first-run]").await;
    // The welcome is a screen too: axe in both themes, as every other screen.
    let mut found = Vec::new();
    crate::e2e_accessibility::check(&client, "first-run", &mut found).await;
    assert!(found.is_empty(), "{found:#?}");
    crate::e2e_support::set_theme(&client, "light").await;
    click(&client, "[data-testid=first-run-demo]").await;
    let heading = wait_for(&client, "[data-testid=debrief-heading]").await.text().await.unwrap();
    assert!(heading.contains("Alex Rivera (demo)"), "{heading}");
    assert!(!text_of(&client, "[data-testid=recommended-role]").await.is_empty());
    settle().await;
    capture_screen("first-minute-debrief.png");
    click(&client, "[data-testid=export-report]").await;
    let done = wait_for(&client, "[data-testid=export-report-done]").await.text().await.unwrap();
    assert!(done.starts_with("Issued and archived report R-"), "{done}");
    assert!(answers.path().join("Level recommendation - Alex Rivera demo.pdf").exists(), "{done}");
    // Back on the ladder the welcome is gone: there is a candidate now.
    click(&client, "[data-testid=nav-ladders]").await;
    wait_for(&client, "[data-testid=role-detail]").await;
    assert!(client.find(fantoccini::Locator::Css("[data-testid=first-run]")).await.is_err());
    let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;
}

/// The report's first page as a PNG beside the screens, for people to look at.
fn render_first_page(pdf: &std::path::Path, name: &str) {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screens").join(name);
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-singlefile", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}
