//! The archive of issued reports, read by whoever the rules let read them
//! (`access::may_read_report`): a coordinator reads every report; an interviewer those of
//! candidates they sealed a scorecard for. A report kept anonymously after an erasure
//! belongs to no candidate, so only a coordinator reads it.

use crate::access::{self, Action, Refusal};
use crate::actor::{candidate_facts, Actor};
use crate::store::{ArchivePage, ArchiveQuery, ArchivedReport, Store, StoreError};

/// One page of the archive search, among the reports the actor may read.
pub fn search_archive(store: &Store, actor: Actor, query: &ArchiveQuery) -> Result<ArchivePage, StoreError> {
    if actor.is_coordinator() && actor.person().is_some() {
        return store.search_reports(query);
    }
    if actor.person().is_none() {
        return Err(Refusal::NoActor(Action::ReadReport).into());
    }
    let mut readable = Vec::new();
    for candidate in store.candidates()? {
        if access::may_read_report(&actor, &candidate_facts(store, &actor, candidate.id)?).is_ok() {
            readable.push(candidate.id);
        }
    }
    store.search_reports_among(query, &readable)
}

/// An archived report and its PDF, byte for byte, if the actor may read it.
pub fn archived_report(store: &Store, actor: Actor, id: i64) -> Result<(ArchivedReport, Vec<u8>), StoreError> {
    let report = store.report(id)?;
    match report.candidate_id {
        Some(candidate) => access::may_read_report(&actor, &candidate_facts(store, &actor, candidate)?)?,
        None if actor.is_coordinator() && actor.person().is_some() => {}
        None => access::may_read_report(&actor, &Default::default())?,
    }
    let bytes = store.report_pdf(id)?;
    Ok((report, bytes))
}
