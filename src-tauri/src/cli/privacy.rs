//! `rung erase`, `rung retention` and `rung hold`.

use std::fmt::Write;
use std::io::BufRead;
use std::path::Path;

use super::debrief::open_existing;
use super::{Outcome, Who};

pub struct EraseOptions {
    pub candidate: i64,
    pub yes: bool,
    pub keep_anonymous: bool,
    pub purge_backups: bool,
}

pub fn erase(data_dir: &Path, who: Who<'_>, options: &EraseOptions) -> Outcome {
    let mut store = open_existing(data_dir)?;
    let actor = who.actor(&mut store)?;
    crate::access::may_erase(&actor).map_err(|refusal| refusal.to_string())?;
    let candidate = store.candidate(options.candidate).map_err(|error| match store.scrub_at_open() {
        // An erasure of this candidate was interrupted; opening has just finished it.
        Some(scrub) if scrub.candidate_ids.contains(&options.candidate) => {
            format!("candidate {} was already erased. {}", options.candidate, scrub.sentences().join(" "))
        }
        _ => error.to_string(),
    })?;
    if !options.yes {
        eprint!(
            "This erases every piece of personal data about {} (candidate {}): name, email, notes, scorecards, decisions and archived reports{}. It cannot be undone.\nType the candidate id ({}) to confirm: ",
            candidate.name,
            candidate.id,
            if options.keep_anonymous { ", keeping the outcome, level and scores anonymously" } else { "" },
            candidate.id
        );
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer).map_err(|e| e.to_string())?;
        if answer.trim() != candidate.id.to_string() {
            return Err("not confirmed: nothing was erased.".into());
        }
    }
    let outcome = crate::privacy::erase_candidate(
        &mut store,
        actor,
        options.candidate,
        options.keep_anonymous,
        options.purge_backups,
    )
    .map_err(|e| e.to_string())?;
    let mut out = outcome.notes.join("\n");
    for purged in &outcome.purged {
        let _ = write!(out, "\ndeleted {purged}");
    }
    for older in &outcome.older_copies {
        let _ = write!(out, "\nstill holds the candidate: {older}");
    }
    Ok(out)
}

/// `rung erase --resume`: finishes an erasure whose scrub was interrupted, saying what
/// was done and what is still pending.
pub fn resume_erasure(data_dir: &Path) -> Outcome {
    let mut store = open_existing(data_dir)?;
    // Opening already tried; a second try is for a scrub that stopped again.
    let report = match store.scrub_at_open().cloned() {
        Some(report) if report.finished() => Some(report),
        _ => store.finish_pending_scrubs(),
    };
    let Some(report) = report else {
        return Ok("no erasure is pending: every erasure has finished.".into());
    };
    let ids = report.candidate_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let text = format!("erasure of candidate(s) {ids}: {}", report.sentences().join(" "));
    if report.finished() {
        let older = crate::store::erasure::older_copies(data_dir).map_err(|e| e.to_string())?;
        let copies = match older.len() {
            0 => String::new(),
            n => format!(" {n} older copy(ies) of the database in the data folder (safety copies from restores or upgrades) are not rewritten by an erasure; delete them if they may hold this candidate."),
        };
        Ok(format!("{text}\nThe erasure is finished.{copies}"))
    } else {
        Err(text)
    }
}

pub fn retention(data_dir: &Path, who: Who<'_>, months: Option<u32>, as_json: bool) -> Outcome {
    let mut store = open_existing(data_dir)?;
    if let Some(months) = months {
        let actor = who.actor(&mut store)?;
        crate::privacy::set_retention_months(&mut store, actor, months).map_err(|e| e.to_string())?;
    }
    let entries = store.retention().map_err(|e| e.to_string())?;
    if as_json {
        return Ok(serde_json::to_string_pretty(&entries).expect("retention serializes"));
    }
    let period = store.retention_months().map_err(|e| e.to_string())?;
    let due: Vec<_> = entries.iter().filter(|e| e.due).collect();
    let mut out = format!("retention: {period} months after a candidate's last activity; {} due", due.len());
    for entry in &entries {
        let state = if entry.legal_hold {
            "legal hold".to_owned()
        } else if entry.due {
            format!("DUE since {}", entry.due_on)
        } else {
            format!("due {}", entry.due_on)
        };
        let _ = write!(out, "\n{:>4}  {}  {}", entry.candidate_id, entry.name, state);
    }
    Ok(out)
}

pub fn hold(data_dir: &Path, who: Who<'_>, candidate: i64, release: bool) -> Outcome {
    let mut store = open_existing(data_dir)?;
    let actor = who.actor(&mut store)?;
    crate::privacy::set_legal_hold(&mut store, actor, candidate, !release).map_err(|e| e.to_string())?;
    Ok(if release {
        format!("lifted the legal hold on candidate {candidate}")
    } else {
        format!("candidate {candidate} is on legal hold: kept past retention and never erased until it is lifted")
    })
}
