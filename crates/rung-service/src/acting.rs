//! Becoming the person who acts on this laptop ("Acting as" in the app, `--as` on the
//! command line), with the proof the passphrase rule asks for (`rung_core::passphrase`),
//! and setting one's own passphrase. Every way of acting as someone goes through `prove`.

use crate::access::Actor;
use crate::passphrase::{self, PassphraseError, Proof};
use crate::store::{Interviewer, Store, StoreError};

/// What acting as this person needs on this laptop now.
pub fn proof_needed(store: &Store, person: &Interviewer) -> Result<Proof, StoreError> {
    Ok(passphrase::proof_to_act_as(person.has_passphrase, person.coordinator, store.uses_passphrases()?))
}

/// Checks that whoever is at the laptop may act as `person`, given what they typed.
/// A coordinator who must choose a passphrase first has it stored here, so the next
/// time it is asked for.
pub fn prove(store: &mut Store, person: &Interviewer, typed: Option<&str>) -> Result<(), StoreError> {
    let name = || person.name.clone();
    match (proof_needed(store, person)?, typed) {
        (Proof::None, _) => Ok(()),
        (Proof::Passphrase, None) => Err(PassphraseError::Needed { name: name() }.into()),
        (Proof::Passphrase, Some(typed)) => {
            let stored = store.passphrase_hash(person.id)?.unwrap_or_default();
            if passphrase::matches(&stored, typed) {
                Ok(())
            } else {
                Err(PassphraseError::Wrong { name: name() }.into())
            }
        }
        (Proof::SetPassphraseFirst, None) => Err(PassphraseError::SetFirst { name: name() }.into()),
        (Proof::SetPassphraseFirst, Some(chosen)) => store.set_passphrase_hash(person.id, &passphrase::hash(chosen)?),
    }
}

/// Makes `person_id` the one acting on this laptop once they proved it. Whoever acted
/// before stops first, so a failed proof leaves nobody acting rather than the last person.
pub fn become_person(store: &mut Store, person_id: i64, typed: Option<&str>) -> Result<Interviewer, StoreError> {
    let person = store.interviewer(person_id)?;
    store.clear_acting_person()?;
    prove(store, &person, typed)?;
    store.set_acting_person(person.id)?;
    store.interviewer(person.id)
}

/// Whether the app may go on acting as the person it acted as last time without asking:
/// a person who must prove who they are is asked again after a restart.
pub fn may_resume_as(store: &Store, person_id: i64) -> Result<bool, StoreError> {
    let person = store.interviewer(person_id)?;
    Ok(proof_needed(store, &person)? == Proof::None)
}

/// Sets or changes the acting person's own passphrase (the current one, when they have
/// one, must be given: someone who walked up to an unlocked laptop cannot take the name).
pub fn set_own_passphrase(
    store: &mut Store,
    actor: Actor,
    person_id: i64,
    current: Option<&str>,
    new: &str,
) -> Result<Interviewer, StoreError> {
    let person = store.interviewer(person_id)?;
    if actor.person() != Some(person.id) {
        return Err(PassphraseError::NotYours { name: person.name }.into());
    }
    if person.has_passphrase {
        let stored = store.passphrase_hash(person.id)?.unwrap_or_default();
        match current {
            None => return Err(PassphraseError::Needed { name: person.name }.into()),
            Some(typed) if !passphrase::matches(&stored, typed) => {
                return Err(PassphraseError::Wrong { name: person.name }.into())
            }
            Some(_) => {}
        }
    }
    store.set_passphrase_hash(person.id, &passphrase::hash(new)?)?;
    store.interviewer(person.id)
}

/// Adds a person and makes them the one acting, in one transaction: a new coordinator who
/// must give a passphrase and did not is not added at all. A passphrase given for a new
/// interviewer becomes theirs.
pub fn add_and_become(
    store: &mut Store,
    actor: Actor,
    name: &str,
    coordinator: bool,
    passphrase: Option<&str>,
) -> Result<Interviewer, StoreError> {
    store.atomically(|store| {
        let person = crate::hiring::add_person(store, actor, name, None, coordinator)?;
        // A new interviewer's optional passphrase becomes theirs; a coordinator who must
        // choose one has it stored by `prove` below.
        if let (Some(chosen), Proof::None) = (passphrase, proof_needed(store, &person)?) {
            store.set_passphrase_hash(person.id, &passphrase::hash(chosen)?)?;
        }
        let person = store.interviewer(person.id)?;
        prove(store, &person, passphrase)?;
        store.set_acting_person(person.id)?;
        store.interviewer(person.id)
    })
}
