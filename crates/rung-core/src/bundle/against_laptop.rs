//! A bundle checked against this laptop, not only against itself: the candidate, the
//! interviews, the interviewers and their keys must fit what is here. The store gathers
//! the facts; the rules are here, pure, and the answer is a plan the store carries out in
//! one transaction, or the one refusal that names the scorecard and what is wrong.

use std::collections::{HashMap, HashSet};

use super::error::UnknownKey;
use super::{BundleError, BundledScorecard, ReadBundle};
use crate::identity::{display_name, matching_key, same_person};
use crate::signing::fingerprint;

/// A candidate here that a bundle may be for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalCandidate {
    pub id: i64,
    pub name: String,
    pub target_role_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalInterviewer {
    pub id: i64,
    pub name: String,
}

/// A sealed scorecard here for one of the candidate's interviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedHere {
    pub interviewer_id: i64,
    /// The seal it is known by on every laptop (the one it was submitted with).
    pub global_seal: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalInterview {
    pub id: i64,
    pub name: String,
    pub interviewer_id: Option<i64>,
    pub sealed: Vec<SealedHere>,
}

/// A public key this laptop trusts, and for whom (`None`: the laptop's own decision key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownKey {
    pub public_key: String,
    pub interviewer_id: Option<i64>,
}

/// What this laptop holds that a bundle for `candidate` must agree with.
#[derive(Debug, Clone, Default)]
pub struct LaptopFacts {
    pub candidate: Option<LocalCandidate>,
    pub interviews: Vec<LocalInterview>,
    pub interviewers: Vec<LocalInterviewer>,
    pub keys: Vec<KnownKey>,
    /// The global seal of every scorecard here, so a scorecard already here adds nothing.
    pub seals_here: HashSet<String>,
}

/// Who a bundled scorecard is by, here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardInterviewer {
    Existing(i64),
    /// Not known here yet: created under this display name.
    New(String),
}

/// One scorecard of the bundle and what importing it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportStep {
    /// Index into the bundle's scorecards.
    pub card: usize,
    /// Already here under the same seal: nothing to do.
    pub already_here: bool,
    pub interviewer: CardInterviewer,
    pub interview_id: i64,
    /// The interview has no interviewer yet: it becomes this one's.
    pub assign_interview: bool,
    /// The card (index) it amends, imported before it or already here.
    pub amends_card: Option<usize>,
    /// The card's key is seen here for the first time: pin it to its interviewer.
    pub pin_key: bool,
}

/// Which candidate a bundle goes to: the one named (it must be the bundle's), or the one
/// candidate here with the bundle's name and target role.
pub fn pick_candidate(
    read: &ReadBundle,
    candidates: &[LocalCandidate],
    chosen: Option<i64>,
) -> Result<LocalCandidate, BundleError> {
    let wanted = &read.bundle.candidate;
    let fits = |c: &LocalCandidate| same_person(&c.name, &wanted.name) && c.target_role_key == wanted.target_role_key;
    let bundle_name = display_name(&wanted.name);
    match chosen {
        Some(id) => {
            let candidate = candidates.iter().find(|c| c.id == id).ok_or_else(|| BundleError::NoSuchCandidate {
                name: bundle_name.clone(),
                role: wanted.target_role_key.clone(),
            })?;
            if !fits(candidate) {
                return Err(BundleError::WrongCandidate {
                    bundle_name,
                    bundle_role: wanted.target_role_key.clone(),
                    name: candidate.name.clone(),
                    role: candidate.target_role_key.clone(),
                });
            }
            Ok(candidate.clone())
        }
        None => {
            let matches: Vec<&LocalCandidate> = candidates.iter().filter(|c| fits(c)).collect();
            match matches.as_slice() {
                [one] => Ok((*one).clone()),
                [] => Err(BundleError::NoSuchCandidate { name: bundle_name, role: wanted.target_role_key.clone() }),
                many => Err(BundleError::ManyCandidates {
                    count: many.len(),
                    name: bundle_name,
                    role: wanted.target_role_key.clone(),
                }),
            }
        }
    }
}

/// The plan for importing `read` into the candidate of `facts`, originals before their
/// amendments; or why not.
pub fn plan_import(read: &ReadBundle, facts: &LaptopFacts) -> Result<Vec<ImportStep>, BundleError> {
    let candidate_name = facts.candidate.as_ref().map_or_else(String::new, |c| c.name.clone());
    let cards = &read.bundle.scorecards;
    let mut order: Vec<usize> = (0..cards.len()).collect();
    order.sort_by_key(|&i| (cards[i].source.amends_scorecard.is_some(), cards[i].submitted_at.clone()));
    let index_of_source: HashMap<i64, usize> = cards.iter().enumerate().map(|(i, c)| (c.source.scorecard, i)).collect();
    let mut keys = KeyBook::new(facts);
    let mut interview_owner: HashMap<i64, String> = HashMap::new();
    let mut steps = Vec::with_capacity(cards.len());
    for index in order {
        let card = &cards[index];
        let name = card.describe();
        let interviewer = who(card, facts)?;
        let interview_name = card.interview.as_deref().unwrap_or_default();
        let interview = facts.interviews.iter().find(|i| same_person(&i.name, interview_name)).ok_or_else(|| {
            BundleError::NoSuchInterview {
                card: name.clone(),
                interview: display_name(interview_name),
                candidate: candidate_name.clone(),
            }
        })?;
        // A scorecard already here adds nothing, so only what it would add is checked.
        let already_here = facts.seals_here.contains(&card.seal_sha256);
        if !already_here {
            check_interview(card, &interviewer, interview, facts, &mut interview_owner)?;
        }
        let pin_key = !already_here && keys.check(card, &interviewer, facts)?;
        let amends_card = card.source.amends_scorecard.and_then(|source| index_of_source.get(&source).copied());
        steps.push(ImportStep {
            card: index,
            already_here,
            assign_interview: !already_here && interview.interviewer_id.is_none(),
            interviewer,
            interview_id: interview.id,
            amends_card,
            pin_key,
        });
    }
    Ok(steps)
}

/// The interviewer here with the card's name, or a new one.
fn who(card: &BundledScorecard, facts: &LaptopFacts) -> Result<CardInterviewer, BundleError> {
    let named: Vec<&LocalInterviewer> =
        facts.interviewers.iter().filter(|i| same_person(&i.name, &card.interviewer)).collect();
    match named.as_slice() {
        [] => Ok(CardInterviewer::New(display_name(&card.interviewer))),
        [one] => Ok(CardInterviewer::Existing(one.id)),
        many => Err(BundleError::AmbiguousInterviewer {
            card: card.describe(),
            name: display_name(&card.interviewer),
            count: many.len(),
        }),
    }
}

fn interviewer_name(facts: &LaptopFacts, id: i64) -> String {
    facts.interviewers.iter().find(|i| i.id == id).map_or_else(|| format!("interviewer {id}"), |i| i.name.clone())
}

/// An interview is one interviewer's: a scorecard for it by anyone else is refused, and
/// so is a second original scorecard by the same one (a change is an amendment).
fn check_interview(
    card: &BundledScorecard,
    interviewer: &CardInterviewer,
    interview: &LocalInterview,
    facts: &LaptopFacts,
    owners: &mut HashMap<i64, String>,
) -> Result<(), BundleError> {
    let card_key = matching_key(&card.interviewer);
    let other_owner = match (interview.interviewer_id, interviewer) {
        (Some(owner), CardInterviewer::Existing(id)) if owner != *id => Some(interviewer_name(facts, owner)),
        (Some(owner), CardInterviewer::New(_)) => Some(interviewer_name(facts, owner)),
        _ => interview
            .sealed
            .iter()
            .find(|s| !matches!(interviewer, CardInterviewer::Existing(id) if *id == s.interviewer_id))
            .map(|s| interviewer_name(facts, s.interviewer_id)),
    };
    let other_owner = other_owner.or_else(|| owners.get(&interview.id).filter(|o| **o != card_key).cloned());
    if let Some(owner) = other_owner {
        return Err(BundleError::AnotherInterviewersInterview {
            card: card.describe(),
            interview: interview.name.clone(),
            owner: display_name(&owner),
        });
    }
    owners.insert(interview.id, card_key);
    let own_sealed_here = match interviewer {
        CardInterviewer::Existing(id) => interview.sealed.iter().any(|s| s.interviewer_id == *id),
        CardInterviewer::New(_) => false,
    };
    if card.source.amends_scorecard.is_none() && own_sealed_here {
        return Err(BundleError::AlreadySealed { card: card.describe(), interview: interview.name.clone() });
    }
    Ok(())
}

/// The keys this laptop trusts, per interviewer, as the plan pins new ones.
struct KeyBook {
    owner_of: HashMap<String, Option<i64>>,
    /// Keys per existing interviewer id.
    of_interviewer: HashMap<i64, Vec<String>>,
    /// Keys pinned by this plan for interviewers new here, by matching name, and back.
    of_new: HashMap<String, String>,
    new_owner_of: HashMap<String, String>,
}

impl KeyBook {
    fn new(facts: &LaptopFacts) -> KeyBook {
        let mut book = KeyBook {
            owner_of: HashMap::new(),
            of_interviewer: HashMap::new(),
            of_new: HashMap::new(),
            new_owner_of: HashMap::new(),
        };
        for key in &facts.keys {
            book.owner_of.insert(key.public_key.clone(), key.interviewer_id);
            if let Some(id) = key.interviewer_id {
                book.of_interviewer.entry(id).or_default().push(key.public_key.clone());
            }
        }
        book
    }

    /// Whether the card's key may sign for its interviewer; `Ok(true)` when it is seen
    /// for the first time and is to be pinned.
    fn check(
        &mut self,
        card: &BundledScorecard,
        interviewer: &CardInterviewer,
        facts: &LaptopFacts,
    ) -> Result<bool, BundleError> {
        let key = card.signature.as_ref().map(|s| s.public_key.clone()).unwrap_or_default();
        let refuse_owner = |owner: Option<i64>| BundleError::KeyOfAnother {
            card: card.describe(),
            owner: owner.map_or_else(|| "this laptop's own".to_owned(), |id| interviewer_name(facts, id)),
        };
        match interviewer {
            CardInterviewer::Existing(id) => match self.owner_of.get(&key) {
                Some(Some(owner)) if owner == id => Ok(false),
                Some(owner) => Err(refuse_owner(*owner)),
                None => {
                    let known = self.of_interviewer.get(id).cloned().unwrap_or_default();
                    if known.is_empty() {
                        self.owner_of.insert(key.clone(), Some(*id));
                        self.of_interviewer.insert(*id, vec![key]);
                        return Ok(true);
                    }
                    Err(BundleError::UnknownKey(Box::new(UnknownKey {
                        card: card.describe(),
                        interviewer: interviewer_name(facts, *id),
                        interviewer_id: *id,
                        fingerprint: fingerprint(&key),
                        known: known.iter().map(|k| fingerprint(k)).collect::<Vec<_>>().join(", "),
                        public_key: key,
                    })))
                }
            },
            CardInterviewer::New(name) => {
                let name_key = matching_key(name);
                if let Some(owner) = self.owner_of.get(&key) {
                    return Err(refuse_owner(*owner));
                }
                if let Some(other) = self.new_owner_of.get(&key).filter(|other| **other != name_key) {
                    return Err(BundleError::KeyOfAnother { card: card.describe(), owner: other.clone() });
                }
                match self.of_new.get(&name_key) {
                    None => {
                        self.new_owner_of.insert(key.clone(), name_key.clone());
                        self.of_new.insert(name_key, key);
                        Ok(true)
                    }
                    Some(pinned) if *pinned == key => Ok(false),
                    Some(_) => Err(BundleError::TwoKeys { card: card.describe(), interviewer: name.clone() }),
                }
            }
        }
    }
}
