//! Demo data: a candidate on the default ladder with a full panel of submitted
//! scorecards, so a new user can see a debrief within a minute. Used by `rung demo` and
//! offered by the app on first run.

use crate::actor::Actor;
use crate::ladder::{default_ladder, Ladder};
use crate::scorecard::template::{template_for, SectionPurpose};
use crate::scorecard::Overall;
use crate::store::{NewCandidate, RatingChange, Store, StoreError};

pub const DEMO_CANDIDATE: &str = "Alex Rivera (demo)";
const DEMO_NOTES: &str = "Demo data created by Rung. Delete it whenever you like.";
const DEMO_TARGET: &str = "senior-application-support-engineer";
const INTERVIEWERS: [&str; 3] = ["Priya Natarajan", "Tomás García", "Mei Chen"];
/// The demo panel's coordinator: the person a new user acts as to see its debrief.
pub const DEMO_COORDINATOR: &str = "Jordan Blake (demo coordinator)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub candidate_id: i64,
    /// The demo's coordinator (who may open its debrief, decide and report).
    pub coordinator_id: i64,
    pub scorecards: usize,
    pub created: bool,
}

/// Creates the demo once; later calls return the existing one. The check and the whole
/// demo are one transaction, so processes running this at once make exactly one demo,
/// complete. With nobody acting on this laptop yet, the person at it acts as the demo's
/// coordinator, who may open its debrief (unless acting as them needs a passphrase).
pub fn create_demo(store: &mut Store) -> Result<DemoSummary, StoreError> {
    store.atomically(|store| {
        let demo = create_demo_once(store)?;
        if store.acting_person()?.is_none() && crate::acting::may_resume_as(store, demo.coordinator_id)? {
            store.set_acting_person(demo.coordinator_id)?;
        }
        Ok(demo)
    })
}

fn create_demo_once(store: &mut Store) -> Result<DemoSummary, StoreError> {
    if let Some(existing) = store.candidates()?.into_iter().find(|c| c.name == DEMO_CANDIDATE && c.notes == DEMO_NOTES)
    {
        let scorecards = store.scorecards_of(existing.id)?.len();
        let coordinator_id = demo_coordinator(store)?;
        return Ok(DemoSummary { candidate_id: existing.id, coordinator_id, scorecards, created: false });
    }
    let coordinator_id = demo_coordinator(store)?;
    let ladder: Ladder = default_ladder();
    let stored = store.save_ladder(&ladder, true)?;
    let template = template_for(&ladder, DEMO_TARGET).expect("the default ladder has the demo's target role");
    let candidate_id = crate::hiring::create_candidate(
        store,
        Actor::coordinator(coordinator_id),
        &NewCandidate {
            name: DEMO_CANDIDATE.into(),
            email: Some("alex.rivera@example.com".into()),
            ladder_id: stored.id,
            target_role_key: DEMO_TARGET.into(),
            notes: DEMO_NOTES.into(),
        },
    )?;
    let interviews = store.panel(candidate_id)?;
    let mut scorecards = 0;
    for (index, interview) in interviews.iter().enumerate() {
        let interviewer = store.create_interviewer(INTERVIEWERS[index % INTERVIEWERS.len()], None)?;
        store.assign_interviewer(interview.id, Some(interviewer))?;
        let scorecard = store.start_scorecard(candidate_id, interviewer, Some(interview.id))?;
        for (n, focus) in interview.focus.iter().enumerate() {
            let purpose = template.sections.iter().find(|s| s.role_key == focus.role_key).map(|s| s.purpose.clone());
            let position = template
                .sections
                .iter()
                .flat_map(|s| s.characteristics.iter().map(move |c| (&s.role_key, &c.key)))
                .position(|(role, key)| *role == focus.role_key && *key == focus.characteristic_key)
                .unwrap_or(0);
            let score = demo_score(purpose.as_ref(), position, index, n);
            let notes = match score {
                Some(4) => "Strong, specific example with measurable results.",
                Some(3) => "Clear example; handled it independently.",
                Some(2) => "Example needed prompting; partly there.",
                Some(_) => "Could not give an example.",
                None => "Ran out of time before this one.",
            };
            let change = RatingChange {
                role_key: focus.role_key.clone(),
                characteristic_key: focus.characteristic_key.clone(),
                score,
                notes: notes.into(),
            };
            store.save_rating(interviewer, scorecard, &change)?;
        }
        let summary = "Solid across the Senior Application Support Engineer path; some evidence of the next level.";
        store.save_overall(
            interviewer,
            scorecard,
            Some(Overall::Yes),
            Some("senior-application-support-engineer"),
            summary,
        )?;
        store.submit_scorecard(interviewer, scorecard)?;
        scorecards += 1;
    }
    Ok(DemoSummary { candidate_id, coordinator_id, scorecards, created: true })
}

/// A candidate who is solidly Performing on the path with some evidence of the next
/// level; interviewers mostly agree (scores follow the characteristic), with one gap and
/// one sharp disagreement for the debrief to discuss.
fn demo_score(
    purpose: Option<&SectionPurpose>,
    characteristic: usize,
    interview: usize,
    position: usize,
) -> Option<u8> {
    match purpose {
        Some(SectionPurpose::NextRole) => Some(if characteristic.is_multiple_of(2) { 3 } else { 2 }),
        _ if interview == 2 && position == 1 => None,
        _ if interview == 1 && position == 0 => Some(2),
        _ if characteristic.is_multiple_of(4) => Some(4),
        _ => Some(3),
    }
}

/// The demo's coordinator, added the first time (an erased demo leaves them in place).
fn demo_coordinator(store: &mut Store) -> Result<i64, StoreError> {
    match store.interviewers()?.into_iter().find(|person| person.name == DEMO_COORDINATOR && person.coordinator) {
        Some(person) => Ok(person.id),
        None => {
            let acting = crate::actor::actor_of(store, store.acting_person()?)?;
            Ok(crate::hiring::add_person(store, acting, DEMO_COORDINATOR, None, true)?.id)
        }
    }
}
