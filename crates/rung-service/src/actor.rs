//! Who is asking, read from the store, and the facts the access rules look at. Every
//! workflow takes an `Actor`; the rules themselves are `rung_core::access`.

pub use crate::access::{Actor, CandidateFacts, ScorecardFacts};
use crate::scorecard::{Scorecard, ScorecardStatus};
use crate::store::{Store, StoreError};

/// The actor for a person chosen on this laptop (the app's "Acting as", the CLI's
/// `--as`): an interviewer, or a coordinator when they hold the role; nobody when none.
pub fn actor_of(store: &Store, person: Option<i64>) -> Result<Actor, StoreError> {
    let Some(id) = person else { return Ok(Actor::NOBODY) };
    let person = store.interviewer(id)?;
    Ok(if person.coordinator { Actor::coordinator(person.id) } else { Actor::interviewer(person.id) })
}

/// The actor for a person named on the command line: by id, or by name (case and
/// surrounding spaces ignored).
pub fn actor_named(store: &Store, name_or_id: &str) -> Result<Actor, StoreError> {
    let wanted = name_or_id.trim();
    let people = store.interviewers()?;
    let found = people
        .iter()
        .find(|person| wanted.parse::<i64>().is_ok_and(|id| id == person.id))
        .or_else(|| people.iter().find(|person| person.name.trim().eq_ignore_ascii_case(wanted)));
    match found {
        Some(person) => actor_of(store, Some(person.id)),
        None => Err(StoreError::PersonUnknown { name: wanted.to_owned() }),
    }
}

/// Where the candidate's panel stands, as the rules need it for this actor.
pub fn candidate_facts(store: &Store, actor: &Actor, candidate_id: i64) -> Result<CandidateFacts, StoreError> {
    store.candidate(candidate_id)?;
    let (planned, sealed) = store.scorecard_progress_of(candidate_id)?;
    let actor_sealed = match actor.person() {
        Some(person) => store.has_submitted(person, candidate_id)?,
        None => false,
    };
    Ok(CandidateFacts { planned, sealed, actor_sealed })
}

pub fn scorecard_facts(scorecard: &Scorecard) -> ScorecardFacts {
    ScorecardFacts { owner: scorecard.interviewer_id, sealed: scorecard.status == ScorecardStatus::Submitted }
}

/// The candidate's scorecards the actor may read, and nothing else.
pub fn readable_scorecards(store: &Store, actor: &Actor, candidate_id: i64) -> Result<Vec<Scorecard>, StoreError> {
    let facts = candidate_facts(store, actor, candidate_id)?;
    Ok(store
        .scorecards_of(candidate_id)?
        .into_iter()
        .filter(|card| crate::access::may_read_scorecard(actor, &facts, &scorecard_facts(card)))
        .collect())
}
