//! Who sealed it: an Ed25519 signature over a seal. A seal is a content hash anyone can
//! recompute, so on its own it proves only that nothing changed since someone sealed it;
//! the signature says whose key sealed it. Each person scoring on a laptop has a key pair
//! made there (see docs/signing.md for where keys live and whom a laptop trusts).
//!
//! What is signed is a statement, not the bare seal: for a scorecard it also names the
//! candidate, the target role, the interviewer and the interview as they were written
//! when it was sealed, so a bundle edited to hand sealed scorecards to another candidate
//! or interview no longer matches the signature its seals carry.

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::identity::display_name;

/// What a signature is over: the seal, and for a scorecard who and what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Statement<'a> {
    Scorecard {
        seal: &'a str,
        candidate: &'a str,
        target_role_key: &'a str,
        interviewer: &'a str,
        interview: Option<&'a str>,
    },
    Decision {
        seal: &'a str,
    },
}

/// The canonical bytes signed: versioned, names in their display form.
#[derive(Serialize)]
struct SignedBytes<'a> {
    rung: &'static str,
    kind: &'static str,
    seal: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    candidate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_role_key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interviewer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interview: Option<String>,
}

impl Statement<'_> {
    fn message(&self) -> Vec<u8> {
        let bytes = match self {
            Statement::Scorecard { seal, candidate, target_role_key, interviewer, interview } => SignedBytes {
                rung: "seal-signature/1",
                kind: "scorecard",
                seal,
                candidate: Some(display_name(candidate)),
                target_role_key: Some(target_role_key),
                interviewer: Some(display_name(interviewer)),
                interview: interview.map(display_name),
            },
            Statement::Decision { seal } => SignedBytes {
                rung: "seal-signature/1",
                kind: "decision",
                seal,
                candidate: None,
                target_role_key: None,
                interviewer: None,
                interview: None,
            },
        };
        serde_json::to_vec(&bytes).expect("a statement serializes")
    }
}

/// A signature and the public key it verifies with, both hex.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SealSignature {
    pub public_key: String,
    pub signature: String,
}

impl SealSignature {
    /// True when this is a valid signature of `statement` by `public_key`.
    pub fn verifies(&self, statement: &Statement<'_>) -> bool {
        let Some(key) = verifying_key(&self.public_key) else { return false };
        let Some(signature) = decode::<64>(&self.signature) else { return false };
        key.verify_strict(&statement.message(), &ed25519_dalek::Signature::from_bytes(&signature)).is_ok()
    }
}

fn decode<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = hex::decode(text).ok()?;
    bytes.try_into().ok()
}

fn verifying_key(public_key: &str) -> Option<VerifyingKey> {
    // Lower-case hex only, so one key has one spelling (keys are compared as text).
    if public_key.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    VerifyingKey::from_bytes(&decode::<32>(public_key)?).ok()
}

/// True when `public_key` is a well-formed Ed25519 public key in Rung's spelling.
pub fn is_public_key(public_key: &str) -> bool {
    verifying_key(public_key).is_some()
}

/// A short, readable form of a public key for people to compare: the first 16 hex digits
/// of its SHA-256, in groups of four.
pub fn fingerprint(public_key: &str) -> String {
    let digest = hex::encode(Sha256::digest(public_key.as_bytes()));
    digest.as_bytes()[..16].chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

#[derive(Debug, thiserror::Error)]
pub enum SigningError {
    #[error("the system's random number source failed ({0}), so no key could be made")]
    NoRandomness(String),
    #[error("the stored signing key is damaged (it is not a 32-byte Ed25519 secret)")]
    BadSecret,
}

/// A person's key pair on this laptop. The secret never leaves the key store except to sign.
pub struct KeyPair {
    key: SigningKey,
}

impl KeyPair {
    pub fn generate() -> Result<KeyPair, SigningError> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| SigningError::NoRandomness(e.to_string()))?;
        let pair = KeyPair { key: SigningKey::from_bytes(&secret) };
        secret.fill(0);
        Ok(pair)
    }

    /// The key pair from its stored secret (hex).
    pub fn from_secret_hex(secret: &str) -> Result<KeyPair, SigningError> {
        let mut bytes = decode::<32>(secret.trim()).ok_or(SigningError::BadSecret)?;
        let pair = KeyPair { key: SigningKey::from_bytes(&bytes) };
        bytes.fill(0);
        Ok(pair)
    }

    /// The secret as stored (hex). Handle with care: whoever has it signs as this person.
    pub fn secret_hex(&self) -> String {
        hex::encode(self.key.to_bytes())
    }

    pub fn public_key(&self) -> String {
        hex::encode(self.key.verifying_key().to_bytes())
    }

    pub fn sign(&self, statement: &Statement<'_>) -> SealSignature {
        SealSignature {
            public_key: self.public_key(),
            signature: hex::encode(self.key.sign(&statement.message()).to_bytes()),
        }
    }
}

/// A fresh random salt for a seal (128 bits, hex). Sealed with the content and erased
/// with it, so after an erasure no seal left anywhere (the audit log, a signature) can
/// confirm a guess of what was written.
pub fn new_seal_salt() -> Result<String, SigningError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| SigningError::NoRandomness(e.to_string()))?;
    Ok(hex::encode(salt))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card<'a>(seal: &'a str, candidate: &'a str) -> Statement<'a> {
        Statement::Scorecard {
            seal,
            candidate,
            target_role_key: "support-2",
            interviewer: "Dana Okafor",
            interview: Some("Customer scenario"),
        }
    }

    #[test]
    fn a_signature_holds_for_its_statement_only() {
        let pair = KeyPair::generate().unwrap();
        let signature = pair.sign(&card("abc", "Jo Müller"));
        assert!(signature.verifies(&card("abc", "Jo Müller")));
        assert!(!signature.verifies(&card("abc", " jo  Müller ")), "case is part of the display name");
        assert!(signature.verifies(&card("abc", "Jo  Müller")), "whitespace is not");
        assert!(!signature.verifies(&card("abd", "Jo Müller")), "another seal");
        assert!(!signature.verifies(&card("abc", "Someone Else")), "another candidate");
        assert!(!signature.verifies(&Statement::Decision { seal: "abc" }), "another kind");
        let other = KeyPair::generate().unwrap();
        let forged = SealSignature { public_key: other.public_key(), ..signature.clone() };
        assert!(!forged.verifies(&card("abc", "Jo Müller")), "another key");
        let upper = SealSignature { public_key: signature.public_key.to_uppercase(), ..signature.clone() };
        assert!(!upper.verifies(&card("abc", "Jo Müller")), "one spelling per key");
        let garbage = SealSignature { signature: "zz".into(), ..signature };
        assert!(!garbage.verifies(&card("abc", "Jo Müller")));
    }

    #[test]
    fn a_stored_secret_signs_as_the_same_key() {
        let pair = KeyPair::generate().unwrap();
        let again = KeyPair::from_secret_hex(&pair.secret_hex()).unwrap();
        assert_eq!(pair.public_key(), again.public_key());
        assert!(is_public_key(&pair.public_key()));
        assert!(KeyPair::from_secret_hex("00").is_err());
        assert_eq!(fingerprint(&pair.public_key()).len(), 19);
        assert_ne!(new_seal_salt().unwrap(), new_seal_salt().unwrap());
    }
}
