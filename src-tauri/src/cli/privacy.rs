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
    let candidate = store.candidate(options.candidate).map_err(|e| e.to_string())?;
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
