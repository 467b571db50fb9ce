//! Proving who is acting on a shared laptop. Anyone may pick any name under "Acting as";
//! a person who sets a passphrase makes that name theirs: acting as them then needs it.
//! Once anyone on a laptop has one, the laptop is one where people prove who they are, and
//! a coordinator (who decides, issues reports and erases) must then have one too before
//! acting. Only an Argon2id hash (PHC string, random salt) is ever stored.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Shorter passphrases are refused: the hash is on the laptop, so a short one can be
/// guessed offline by anyone who copies the database.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// What acting as a person needs, given what the laptop knows about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// Nobody on this laptop uses passphrases, or this interviewer has none.
    None,
    /// They have a passphrase: it must be given.
    Passphrase,
    /// A coordinator without one on a laptop where people prove who they are: they must
    /// choose one as they start acting.
    SetPassphraseFirst,
}

/// The rule, once: what proof acting as this person needs.
pub fn proof_to_act_as(has_passphrase: bool, coordinator: bool, laptop_uses_passphrases: bool) -> Proof {
    match (has_passphrase, coordinator && laptop_uses_passphrases) {
        (true, _) => Proof::Passphrase,
        (false, true) => Proof::SetPassphraseFirst,
        (false, false) => Proof::None,
    }
}

/// Why acting as a person, or setting their passphrase, was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassphraseError {
    #[error("{name} protects their name with a passphrase on this laptop: type it to act as them.")]
    Needed { name: String },
    #[error("That is not {name}'s passphrase. Try again, or choose yourself under \"Acting as\".")]
    Wrong { name: String },
    #[error("{name} is a coordinator on a laptop where people prove who they are: choose a passphrase for {name} (at least {MIN_PASSPHRASE_CHARS} characters) to act as them.")]
    SetFirst { name: String },
    #[error("A passphrase needs at least {MIN_PASSPHRASE_CHARS} characters; choose a longer one.")]
    TooShort,
    #[error("Only {name} may change their own passphrase: act as them first.")]
    NotYours { name: String },
    #[error("The passphrase could not be hashed ({0}); nothing was saved. Try again.")]
    Hashing(String),
}

impl PassphraseError {
    pub fn code(&self) -> crate::error_code::ErrorCode {
        use crate::error_code::ErrorCode;
        match self {
            PassphraseError::Needed { .. } => ErrorCode::PassphraseNeeded,
            PassphraseError::Wrong { .. } => ErrorCode::PassphraseWrong,
            PassphraseError::SetFirst { .. } => ErrorCode::PassphraseToSet,
            PassphraseError::TooShort => ErrorCode::PassphraseTooShort,
            PassphraseError::NotYours { .. } => ErrorCode::PassphraseNotYours,
            PassphraseError::Hashing(_) => ErrorCode::PassphraseHashing,
        }
    }
}

/// The stored form of a new passphrase: an Argon2id PHC string with a fresh random salt.
pub fn hash(passphrase: &str) -> Result<String, PassphraseError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseError::TooShort);
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|error| PassphraseError::Hashing(error.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|error| PassphraseError::Hashing(error.to_string()))?;
    Argon2::default()
        .hash_password(passphrase.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| PassphraseError::Hashing(error.to_string()))
}

/// Whether `attempt` is the passphrase `stored` was made from. A stored value that is not
/// a PHC string (a damaged row) matches nothing.
pub fn matches(stored: &str, attempt: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| Argon2::default().verify_password(attempt.as_bytes(), &hash).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_passphrase_only_and_never_contains_it() {
        let stored = hash("correct horse battery").unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(!stored.contains("correct horse"), "{stored}");
        assert!(matches(&stored, "correct horse battery"));
        assert!(!matches(&stored, "correct horse batterY"));
        assert!(!matches("not a hash", "correct horse battery"));
        assert_ne!(stored, hash("correct horse battery").unwrap(), "each hash has its own salt");
    }

    #[test]
    fn short_passphrases_are_refused() {
        assert_eq!(hash("seven77"), Err(PassphraseError::TooShort));
        assert!(hash("eight888").is_ok());
    }

    #[test]
    fn coordinators_must_prove_once_the_laptop_uses_passphrases() {
        assert_eq!(proof_to_act_as(false, true, false), Proof::None);
        assert_eq!(proof_to_act_as(false, false, true), Proof::None, "an interviewer's passphrase stays optional");
        assert_eq!(proof_to_act_as(false, true, true), Proof::SetPassphraseFirst);
        assert_eq!(proof_to_act_as(true, false, true), Proof::Passphrase);
        assert_eq!(proof_to_act_as(true, true, true), Proof::Passphrase);
    }
}
