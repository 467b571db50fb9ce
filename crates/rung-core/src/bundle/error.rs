//! Why a bundle is refused: one sentence that names the scorecard (whose, which
//! interview, when) and what is wrong, and what to do. A refused bundle imports nothing.

use super::BUNDLE_FORMAT;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    #[error("This is not a Rung scorecard bundle ({0}).")]
    NotABundle(String),
    #[error("The bundle repeats the key \"{0}\" inside one object, so it could say two things at once; it was altered. Ask for it again.")]
    DuplicateKey(String),
    #[error("The bundle says it is format {0}, which no Rung ever wrote. Ask for it again.")]
    UnknownFormat(u64),
    #[error("This bundle is format {0}, from an older Rung that did not sign scorecards, so nothing in it proves who sealed them. Ask the interviewer to update Rung and export again.")]
    OlderFormat(u64),
    #[error("This bundle is format {0}; this version of Rung reads format {BUNDLE_FORMAT}. Update Rung to import it.")]
    NewerFormat(u64),
    #[error("The bundle's ladder snapshot does not match its hash: the bundle was altered. Ask for it again.")]
    LadderAltered,
    #[error("The bundle's ladder snapshot does not read as a ladder ({0}). Ask for the bundle again.")]
    LadderUnreadable(String),
    #[error("The bundle holds no submitted scorecards.")]
    Empty,
    #[error("The bundle holds {count} scorecards; a candidate's panel has at most {limit}. It was altered or is not one candidate's.")]
    TooMany { count: usize, limit: usize },
    #[error("{card} no longer matches its seal: it was changed after it was submitted. Ask {interviewer} to export it again.")]
    BrokenSeal { card: String, interviewer: String },
    #[error("{card} is not signed, so nothing proves who sealed it. Ask the interviewer to export it again with this version of Rung.")]
    Unsigned { card: String },
    #[error("{card} carries a signature that does not hold for it: its seal or names were changed after it was signed. Ask the interviewer to export it again.")]
    BadSignature { card: String },
    #[error("{0} was scored on another ladder than the one the bundle carries.")]
    MixedLadders(String),
    #[error("{card} was sealed for {signed_for}, not for {bundle_for} as the bundle says: the bundle was altered.")]
    OtherCandidate { card: String, signed_for: String, bundle_for: String },
    #[error("{card} is for another candidate than the rest of the bundle: a bundle holds one candidate's scorecards.")]
    MixedCandidates { card: String },
    #[error("{card} names no interviewer.")]
    NoInterviewer { card: String },
    #[error("{card} names no interview, so it cannot be placed in the panel.")]
    NoInterview { card: String },
    #[error("{card} rates {role_key} / {characteristic_key}, which the ladder it was scored on does not have.")]
    UnknownRating { card: String, role_key: String, characteristic_key: String },
    #[error("{card} rates {characteristic_key} {score}, outside the ladder's scale of 1 to {top}.")]
    OffScale { card: String, characteristic_key: String, score: u8, top: usize },
    #[error("{card} rates {characteristic_key} twice.")]
    RatedTwice { card: String, characteristic_key: String },
    #[error("{card} came without the scorecard it amends; export both together.")]
    AmendsMissing { card: String },
    #[error("{card} says it amends {original}, which is not the same interviewer's scorecard for the same interview. Only an interviewer's own scorecard can be amended.")]
    AmendsAnother { card: String, original: String },
    #[error("{card} and {other} are both for the same interview; an interview has one interviewer's scorecard (and its amendments).")]
    SameInterviewTwice { card: String, other: String },
    #[error("No candidate here is {name} for {role}. Add them first, or name the candidate to import into.")]
    NoSuchCandidate { name: String, role: String },
    #[error("{count} candidates here are {name} for {role}: name the one to import into.")]
    ManyCandidates { count: usize, name: String, role: String },
    #[error("This bundle is for {bundle_name} ({bundle_role}), not for {name} ({role}).")]
    WrongCandidate { bundle_name: String, bundle_role: String, name: String, role: String },
    #[error("{card} is for the interview \u{201c}{interview}\u{201d}, which {candidate}'s panel here does not have. Add it to the panel plan (same name), then import again.")]
    NoSuchInterview { card: String, interview: String, candidate: String },
    #[error("{card} is for \u{201c}{interview}\u{201d}, which is {owner}'s interview here.")]
    AnotherInterviewersInterview { card: String, interview: String, owner: String },
    #[error("{card} would be a second sealed scorecard by the same interviewer for \u{201c}{interview}\u{201d}: one is already here. A change to a sealed scorecard is an amendment of it.")]
    AlreadySealed { card: String, interview: String },
    #[error("{card} is signed with the key this laptop knows as {owner}'s, not its interviewer's.")]
    KeyOfAnother { card: String, owner: String },
    #[error("{0}")]
    UnknownKey(Box<UnknownKey>),
    #[error("{card} is signed with another key than {interviewer}'s other scorecards in this bundle: one person's scorecards from one laptop carry one key. The bundle was altered.")]
    TwoKeys { card: String, interviewer: String },
    #[error("{count} interviewers here are called {name}, so {card} cannot tell which one it is. Rename one of them, then import again.")]
    AmbiguousInterviewer { card: String, name: String, count: usize },
}

/// A scorecard signed by a key this laptop does not know for its (known) interviewer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{card} is signed with a key this laptop does not know for {interviewer} (fingerprint {fingerprint}); it knows {interviewer} by {known}. If {interviewer} now scores on another laptop, compare the fingerprint with them and trust it: rung keys trust --interviewer {interviewer_id} --key {public_key}")]
pub struct UnknownKey {
    pub card: String,
    pub interviewer: String,
    pub interviewer_id: i64,
    pub fingerprint: String,
    pub known: String,
    pub public_key: String,
}

impl BundleError {
    /// A short stable name of the kind of refusal (for scripts and tests).
    pub fn code(&self) -> &'static str {
        match self {
            BundleError::NotABundle(_) => "not_a_bundle",
            BundleError::DuplicateKey(_) => "duplicate_key",
            BundleError::UnknownFormat(_) => "unknown_format",
            BundleError::OlderFormat(_) => "older_format",
            BundleError::NewerFormat(_) => "newer_format",
            BundleError::LadderAltered => "ladder_altered",
            BundleError::LadderUnreadable(_) => "ladder_unreadable",
            BundleError::Empty => "empty",
            BundleError::TooMany { .. } => "too_many_scorecards",
            BundleError::BrokenSeal { .. } => "broken_seal",
            BundleError::Unsigned { .. } => "unsigned",
            BundleError::BadSignature { .. } => "bad_signature",
            BundleError::MixedLadders(_) => "mixed_ladders",
            BundleError::OtherCandidate { .. } => "other_candidate",
            BundleError::MixedCandidates { .. } => "mixed_candidates",
            BundleError::NoInterviewer { .. } => "no_interviewer",
            BundleError::NoInterview { .. } => "no_interview",
            BundleError::UnknownRating { .. } => "unknown_rating",
            BundleError::OffScale { .. } => "off_scale",
            BundleError::RatedTwice { .. } => "rated_twice",
            BundleError::AmendsMissing { .. } => "amends_missing",
            BundleError::AmendsAnother { .. } => "amends_another",
            BundleError::SameInterviewTwice { .. } => "same_interview_twice",
            BundleError::NoSuchCandidate { .. } => "no_such_candidate",
            BundleError::ManyCandidates { .. } => "many_candidates",
            BundleError::WrongCandidate { .. } => "wrong_candidate",
            BundleError::NoSuchInterview { .. } => "no_such_interview",
            BundleError::AnotherInterviewersInterview { .. } => "another_interviewers_interview",
            BundleError::AlreadySealed { .. } => "already_sealed",
            BundleError::KeyOfAnother { .. } => "key_of_another",
            BundleError::UnknownKey(_) => "unknown_key",
            BundleError::TwoKeys { .. } => "two_keys",
            BundleError::AmbiguousInterviewer { .. } => "ambiguous_interviewer",
        }
    }
}
