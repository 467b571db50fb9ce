//! Who may see or do what: one rule set, pure functions of the actor and the facts about
//! a candidate. The laptop's service asks these functions before every read or write for
//! a person; the team server's row-level security (rung-team's `server_sql`) states the
//! same rules in SQL, and one test runs the same cases against both.
//!
//! | may …                              | interviewer                      | coordinator                                  |
//! |------------------------------------|----------------------------------|----------------------------------------------|
//! | read a scorecard                   | their own; others' sealed ones once they sealed their own | as an interviewer, and every sealed one once all planned interviews are in |
//! | open the debrief                   | once they sealed their own       | once they sealed their own, or all are in    |
//! | decide, issue a report             | never                            | when they may open the debrief               |
//! | read an archived report            | once they sealed their own       | always                                       |
//! | export scorecards in a bundle      | the sealed ones they may read    | the sealed ones they may read                |
//! | see calibration                    | their own row                    | every row                                    |
//! | add candidates, plan panels, erase | never                            | always                                       |
//! | give or take the coordinator role  | while nobody has a passphrase    | always                                       |
//!
//! Nobody chosen (a laptop where no one said who they are) may do none of it.

use std::fmt;

/// A person on this laptop or on the team server (the local interviewer id).
pub type PersonId = i64;

/// Who is asking: the person chosen on this laptop (or logged in to the server) and
/// whether they hold the coordinator role. A coordinator is an interviewer too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Actor {
    person: Option<PersonId>,
    coordinator: bool,
}

impl Actor {
    /// No one has said who they are.
    pub const NOBODY: Actor = Actor { person: None, coordinator: false };

    pub fn interviewer(person: PersonId) -> Actor {
        Actor { person: Some(person), coordinator: false }
    }

    pub fn coordinator(person: PersonId) -> Actor {
        Actor { person: Some(person), coordinator: true }
    }

    pub fn person(&self) -> Option<PersonId> {
        self.person
    }

    pub fn is_coordinator(&self) -> bool {
        self.coordinator
    }

    fn is(&self, person: PersonId) -> bool {
        self.person == Some(person)
    }
}

/// What the rules need to know about one candidate, as seen by the actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CandidateFacts {
    /// Interviews in the panel plan.
    pub planned: u32,
    /// Planned interviews with a sealed scorecard.
    pub sealed: u32,
    /// The actor has sealed a scorecard of their own for this candidate.
    pub actor_sealed: bool,
}

impl CandidateFacts {
    /// Every planned interview is in (by then nobody can be anchored any more).
    pub fn all_in(&self) -> bool {
        self.planned > 0 && self.sealed >= self.planned
    }
}

/// One scorecard, as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScorecardFacts {
    pub owner: PersonId,
    /// Submitted (sealed); a draft is only ever its owner's.
    pub sealed: bool,
}

/// What a person asked to do, for the sentence that refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    OpenDebrief,
    Decide,
    IssueReport,
    ReadReport,
    ExportScorecards,
    SeeCalibration,
    AddCandidate,
    PlanPanel,
    Erase,
    GrantCoordinator,
    SetPassphrase,
}

impl Action {
    fn words(self) -> &'static str {
        match self {
            Action::OpenDebrief => "open the debrief",
            Action::Decide => "record the panel's decision",
            Action::IssueReport => "issue the level-recommendation report",
            Action::ReadReport => "read an archived report",
            Action::ExportScorecards => "export scorecards",
            Action::SeeCalibration => "see calibration",
            Action::AddCandidate => "add or edit candidates",
            Action::PlanPanel => "change a panel plan",
            Action::Erase => "erase a candidate",
            Action::GrantCoordinator => "make someone a coordinator on a laptop where people prove who they are",
            Action::SetPassphrase => "set your passphrase",
        }
    }
}

/// Why the rules said no; each reads as a sentence that says what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Nobody is chosen on this laptop.
    NoActor(Action),
    /// The action needs the coordinator role.
    NotCoordinator(Action),
    /// Others' scores stay hidden until the actor sealed their own.
    NotSealed(Action),
    /// The coordinator's gate: every planned interview must be in.
    PanelIncomplete { action: Action, sealed: u32, planned: u32 },
}

impl Refusal {
    pub fn action(&self) -> Action {
        match *self {
            Refusal::NoActor(action)
            | Refusal::NotCoordinator(action)
            | Refusal::NotSealed(action)
            | Refusal::PanelIncomplete { action, .. } => action,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let action = self.action().words();
        match *self {
            Refusal::NoActor(_) => {
                write!(f, "Say who you are before you {action}: choose yourself under \"Acting as\" (or pass --as NAME).")
            }
            Refusal::NotCoordinator(_) => {
                write!(f, "Only a coordinator may {action}. Ask the panel's coordinator, or act as one.")
            }
            Refusal::NotSealed(_) => write!(
                f,
                "You may {action} once you have submitted your own scorecard for this candidate, so nobody is anchored by the others."
            ),
            Refusal::PanelIncomplete { sealed, planned, .. } => write!(
                f,
                "The panel can {action} once every planned interview is in ({sealed} of {planned} so far). Wait for the remaining scorecards."
            ),
        }
    }
}

impl std::error::Error for Refusal {}

fn coordinator(actor: &Actor, action: Action) -> Result<(), Refusal> {
    match (actor.person, actor.coordinator) {
        (None, _) => Err(Refusal::NoActor(action)),
        (Some(_), false) => Err(Refusal::NotCoordinator(action)),
        (Some(_), true) => Ok(()),
    }
}

/// Own scorecards always; others' sealed ones once the actor sealed their own, or, for a
/// coordinator, once every planned interview is in. Drafts are only ever their owner's.
pub fn may_read_scorecard(actor: &Actor, facts: &CandidateFacts, card: &ScorecardFacts) -> bool {
    if actor.is(card.owner) {
        return true;
    }
    card.sealed && actor.person.is_some() && (facts.actor_sealed || (actor.coordinator && facts.all_in()))
}

/// The sealed scorecards a bundle may carry: those the actor may read.
pub fn may_export_scorecard(actor: &Actor, facts: &CandidateFacts, card: &ScorecardFacts) -> bool {
    card.sealed && may_read_scorecard(actor, facts, card)
}

/// The debrief shows every scorecard that counts, so it opens when the actor may read
/// them all: they sealed their own, or they coordinate and every interview is in.
pub fn may_open_debrief(actor: &Actor, facts: &CandidateFacts) -> Result<(), Refusal> {
    let action = Action::OpenDebrief;
    match actor.person {
        None => Err(Refusal::NoActor(action)),
        Some(_) if facts.actor_sealed => Ok(()),
        Some(_) if actor.coordinator && facts.all_in() => Ok(()),
        Some(_) if actor.coordinator => {
            Err(Refusal::PanelIncomplete { action, sealed: facts.sealed, planned: facts.planned })
        }
        Some(_) => Err(Refusal::NotSealed(action)),
    }
}

/// A decision is the coordinator's, taken from the debrief they may open.
pub fn may_decide(actor: &Actor, facts: &CandidateFacts) -> Result<(), Refusal> {
    coordinator_with_debrief(actor, facts, Action::Decide)
}

/// A report is issued by a coordinator from the debrief they may open, once every planned
/// interview is in: the PDF is kept for years and must not record a provisional result.
pub fn may_issue_report(actor: &Actor, facts: &CandidateFacts) -> Result<(), Refusal> {
    let action = Action::IssueReport;
    coordinator_with_debrief(actor, facts, action)?;
    if facts.all_in() {
        Ok(())
    } else {
        Err(Refusal::PanelIncomplete { action, sealed: facts.sealed, planned: facts.planned })
    }
}

fn coordinator_with_debrief(actor: &Actor, facts: &CandidateFacts, action: Action) -> Result<(), Refusal> {
    coordinator(actor, action)?;
    may_open_debrief(actor, facts).map_err(|refusal| match refusal {
        Refusal::PanelIncomplete { sealed, planned, .. } => Refusal::PanelIncomplete { action, sealed, planned },
        other => other,
    })
}

/// An archived report holds the whole panel's evidence: coordinators read any; an
/// interviewer those of candidates they sealed a scorecard for.
pub fn may_read_report(actor: &Actor, facts: &CandidateFacts) -> Result<(), Refusal> {
    let action = Action::ReadReport;
    match actor.person {
        None => Err(Refusal::NoActor(action)),
        Some(_) if actor.coordinator || facts.actor_sealed => Ok(()),
        Some(_) => Err(Refusal::NotSealed(action)),
    }
}

/// Calibration compares an interviewer with the panels they sat on: a coordinator sees
/// everyone's, an interviewer their own.
pub fn may_see_calibration_of(actor: &Actor, interviewer: PersonId) -> bool {
    (actor.coordinator && actor.person.is_some()) || actor.is(interviewer)
}

/// Whether the actor may see any calibration at all (their own row counts).
pub fn may_see_calibration(actor: &Actor) -> Result<(), Refusal> {
    match actor.person {
        None => Err(Refusal::NoActor(Action::SeeCalibration)),
        Some(_) => Ok(()),
    }
}

pub fn may_add_candidate(actor: &Actor) -> Result<(), Refusal> {
    coordinator(actor, Action::AddCandidate)
}

pub fn may_plan_panel(actor: &Actor) -> Result<(), Refusal> {
    coordinator(actor, Action::PlanPanel)
}

/// Anyone may make the first coordinators on a laptop; once people prove who they are
/// there (someone set a passphrase), only a coordinator may give or take the role, or the
/// passphrases would protect names and not what the names may do.
pub fn may_grant_coordinator(actor: &Actor, laptop_uses_passphrases: bool) -> Result<(), Refusal> {
    if laptop_uses_passphrases {
        coordinator(actor, Action::GrantCoordinator)
    } else {
        Ok(())
    }
}

pub fn may_erase(actor: &Actor) -> Result<(), Refusal> {
    coordinator(actor, Action::Erase)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: PersonId = 1;
    const OTHER: PersonId = 2;

    fn facts(planned: u32, sealed: u32, actor_sealed: bool) -> CandidateFacts {
        CandidateFacts { planned, sealed, actor_sealed }
    }

    #[test]
    fn a_draft_is_only_ever_its_owners() {
        let draft = ScorecardFacts { owner: OTHER, sealed: false };
        for actor in [Actor::interviewer(ME), Actor::coordinator(ME)] {
            assert!(!may_read_scorecard(&actor, &facts(3, 3, true), &draft));
        }
        assert!(may_read_scorecard(&Actor::interviewer(OTHER), &facts(3, 0, false), &draft));
    }

    #[test]
    fn others_sealed_scorecards_open_after_your_own_or_for_a_coordinator_when_all_are_in() {
        let sealed = ScorecardFacts { owner: OTHER, sealed: true };
        assert!(!may_read_scorecard(&Actor::interviewer(ME), &facts(3, 3, false), &sealed));
        assert!(may_read_scorecard(&Actor::interviewer(ME), &facts(3, 1, true), &sealed));
        assert!(!may_read_scorecard(&Actor::coordinator(ME), &facts(3, 2, false), &sealed));
        assert!(may_read_scorecard(&Actor::coordinator(ME), &facts(3, 3, false), &sealed));
        assert!(!may_read_scorecard(&Actor::NOBODY, &facts(3, 3, false), &sealed));
    }

    #[test]
    fn only_a_coordinator_decides_and_only_from_a_debrief_they_may_open() {
        assert_eq!(
            may_decide(&Actor::interviewer(ME), &facts(3, 3, true)),
            Err(Refusal::NotCoordinator(Action::Decide))
        );
        assert_eq!(
            may_decide(&Actor::coordinator(ME), &facts(3, 2, false)),
            Err(Refusal::PanelIncomplete { action: Action::Decide, sealed: 2, planned: 3 })
        );
        assert_eq!(may_decide(&Actor::coordinator(ME), &facts(3, 3, false)), Ok(()));
        assert_eq!(may_decide(&Actor::NOBODY, &facts(3, 3, false)), Err(Refusal::NoActor(Action::Decide)));
    }

    #[test]
    fn an_empty_plan_never_counts_as_all_in() {
        assert_eq!(
            may_open_debrief(&Actor::coordinator(ME), &facts(0, 0, false)),
            Err(Refusal::PanelIncomplete { action: Action::OpenDebrief, sealed: 0, planned: 0 })
        );
    }

    #[test]
    fn refusals_read_as_sentences_that_say_what_to_do() {
        let sentence = Refusal::NotCoordinator(Action::Erase).to_string();
        assert!(sentence.starts_with("Only a coordinator may erase a candidate."), "{sentence}");
        assert!(Refusal::NoActor(Action::ReadReport).to_string().contains("--as NAME"));
    }
}
