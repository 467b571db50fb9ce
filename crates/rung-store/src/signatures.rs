//! Signing what is sealed here, keeping the signatures of what arrives, and the keys this
//! laptop trusts (docs/signing.md). A scorecard is signed by its interviewer's key on
//! this laptop (made the first time they seal one here); a decision by the laptop's own
//! key. The secrets are in the store's `KeyVault`, never in the database.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use rung_core::bundle::{BundledScorecard, ScorecardSignature, SourceIds};
use rung_core::decision::Decision;
use rung_core::identity::display_name;
use rung_core::scorecard::Scorecard;
use rung_core::signing::{KeyPair, SealSignature, Statement};

use crate::error::StoreError;
use crate::Store;

/// Where a trusted key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOrigin {
    /// Made on this laptop (its secret is in the vault).
    ThisLaptop,
    /// First seen on a bundled scorecard, and pinned to its interviewer.
    Bundle,
    /// Registered on the team server by the member's own login.
    Team,
    /// Trusted by hand (`rung keys trust`).
    Trusted,
}

impl KeyOrigin {
    fn as_str(self) -> &'static str {
        match self {
            KeyOrigin::ThisLaptop => "this_laptop",
            KeyOrigin::Bundle => "bundle",
            KeyOrigin::Team => "team",
            KeyOrigin::Trusted => "trusted",
        }
    }
}

/// A key this laptop trusts, as `rung keys` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustedKey {
    pub public_key: String,
    pub fingerprint: String,
    pub interviewer_id: Option<i64>,
    pub interviewer: Option<String>,
    pub origin: String,
    pub first_seen_at: String,
}

/// The ids an imported scorecard was sealed over where it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredSourceIds {
    scorecard: i64,
    candidate: i64,
    interviewer: i64,
    interview: Option<i64>,
    amends_scorecard: Option<i64>,
}

impl From<SourceIds> for StoredSourceIds {
    fn from(ids: SourceIds) -> Self {
        StoredSourceIds {
            scorecard: ids.scorecard,
            candidate: ids.candidate,
            interviewer: ids.interviewer,
            interview: ids.interview,
            amends_scorecard: ids.amends_scorecard,
        }
    }
}

fn no_key(detail: impl std::fmt::Display) -> StoreError {
    StoreError::SigningKey(format!(
        "Nothing was sealed: the signing key could not be kept ({detail}). Check that the data folder can be written to, then try again."
    ))
}

impl Store {
    /// The key pair `interviewer` (or, with `None`, the laptop itself) signs with here,
    /// made and kept the first time it is needed.
    pub(crate) fn own_key(&self, conn: &Connection, interviewer: Option<i64>) -> Result<KeyPair, StoreError> {
        let mut statement = conn.prepare(
            "SELECT public_key FROM signing_keys WHERE origin = 'this_laptop' AND interviewer_id IS ?1 ORDER BY rowid DESC",
        )?;
        let keys: Vec<String> = statement.query_map([interviewer], |row| row.get(0))?.collect::<Result<_, _>>()?;
        let mut unreachable = None;
        for public_key in keys {
            match self.vault.secret(&public_key) {
                Ok(Some(secret)) => {
                    if let Some(pair) = KeyPair::from_secret_hex(&secret).ok().filter(|p| p.public_key() == public_key)
                    {
                        return Ok(pair);
                    }
                }
                Ok(None) => {}
                Err(why) => unreachable = Some(why),
            }
        }
        // A key whose secret cannot be reached now is not replaced: a new key would not
        // be the one other laptops know this person by.
        if let Some(why) = unreachable {
            return Err(StoreError::SigningKey(format!(
                "Nothing was sealed: the signing key is kept in the system keyring, which cannot be reached now ({why}). Unlock the keyring (log in to the desktop) and try again."
            )));
        }
        // None here, or its secret is gone (a data folder restored elsewhere): a new one.
        let pair = KeyPair::generate().map_err(no_key)?;
        self.vault.keep(&pair.public_key(), &pair.secret_hex()).map_err(no_key)?;
        add_key(conn, &pair.public_key(), interviewer, KeyOrigin::ThisLaptop)?;
        Ok(pair)
    }

    /// Signs a scorecard sealed here, with the names it is about as they are now.
    pub(crate) fn sign_scorecard(&self, conn: &Connection, scorecard: &Scorecard) -> Result<(), StoreError> {
        let seal = scorecard.seal_sha256.as_deref().unwrap_or_default();
        let names = names_of(conn, scorecard)?;
        let pair = self.own_key(conn, Some(scorecard.interviewer_id))?;
        let signature = pair.sign(&names.statement(seal));
        conn.execute(
            "INSERT INTO scorecard_signatures (scorecard_id, signed_seal, candidate, target_role_key, interviewer, interview, public_key, signature)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                scorecard.id,
                seal,
                names.candidate,
                names.target_role_key,
                names.interviewer,
                names.interview,
                signature.public_key,
                signature.signature
            ],
        )?;
        Ok(())
    }

    /// Signs a decision recorded here with the laptop's own key.
    pub(crate) fn sign_decision(&self, conn: &Connection, decision: &Decision) -> Result<(), StoreError> {
        let pair = self.own_key(conn, None)?;
        let signature = pair.sign(&Statement::Decision { seal: &decision.seal_sha256 });
        conn.execute(
            "INSERT INTO decision_signatures (decision_id, signed_seal, public_key, signature) VALUES (?1, ?2, ?3, ?4)",
            params![decision.id, decision.seal_sha256, signature.public_key, signature.signature],
        )?;
        Ok(())
    }

    /// The signature a scorecard travels with: the one it was sealed with (here or where
    /// it was made). A scorecard sealed here before signatures is signed now, by its
    /// interviewer's key here, once its seal is checked; one that arrived unsigned has none.
    pub fn scorecard_signature(&self, scorecard: &Scorecard) -> Result<Option<ScorecardSignature>, StoreError> {
        if let Some(signature) = stored_scorecard_signature(&self.conn, scorecard.id)? {
            return Ok(Some(signature));
        }
        let imported: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM imported_scorecards WHERE scorecard_id = ?1)",
            [scorecard.id],
            |row| row.get(0),
        )?;
        if imported || !rung_core::scorecard::seal_holds(scorecard) {
            return Ok(None);
        }
        let tx = self.write()?;
        self.sign_scorecard(&tx, scorecard)?;
        tx.commit()?;
        stored_scorecard_signature(&self.conn, scorecard.id)
    }

    /// Keeps the signature an arriving scorecard carries (checked by the caller), with
    /// the ids its seal was made over there.
    pub(crate) fn keep_arrived_signature(
        &self,
        conn: &Connection,
        local_id: i64,
        card: &BundledScorecard,
    ) -> Result<(), StoreError> {
        let Some(signature) = &card.signature else { return Ok(()) };
        let source = serde_json::to_string(&StoredSourceIds::from(card.source)).expect("ids serialize");
        conn.execute(
            "INSERT INTO scorecard_signatures (scorecard_id, signed_seal, candidate, target_role_key, interviewer, interview, public_key, signature, source_ids)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                local_id,
                card.seal_sha256,
                signature.candidate,
                signature.target_role_key,
                card.interviewer,
                card.interview,
                signature.public_key,
                signature.signature,
                source
            ],
        )?;
        Ok(())
    }

    /// Trusts `public_key` for `interviewer` from now on (first seen, or by hand).
    pub(crate) fn pin_key(
        &self,
        conn: &Connection,
        public_key: &str,
        interviewer: Option<i64>,
        origin: KeyOrigin,
    ) -> Result<(), StoreError> {
        add_key(conn, public_key, interviewer, origin)
    }

    /// Trusts a key the team server says `interviewer`'s login registered (`None`: a
    /// laptop's decision key). `Ok(Err(why))` when this laptop knows it as someone else's.
    pub fn trust_team_key(
        &mut self,
        public_key: &str,
        interviewer: Option<i64>,
    ) -> Result<Result<(), String>, StoreError> {
        let owner: Option<Option<i64>> = self
            .conn
            .query_row("SELECT interviewer_id FROM signing_keys WHERE public_key = ?1", [public_key], |row| row.get(0))
            .optional()?;
        match owner {
            Some(known) if known == interviewer => return Ok(Ok(())),
            Some(_) => return Ok(Err("it is signed with a key this laptop knows as someone else's".to_owned())),
            None => {}
        }
        // The key first seen for a person stays theirs: another one (a second laptop) is
        // trusted by hand, after comparing fingerprints.
        if let Some(id) = interviewer {
            let known: Vec<String> = {
                let mut statement = self
                    .conn
                    .prepare("SELECT public_key FROM signing_keys WHERE interviewer_id = ?1 ORDER BY rowid")?;
                let rows = statement.query_map([id], |row| row.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            if !known.is_empty() {
                let fingerprints: Vec<String> = known.iter().map(|k| rung_core::signing::fingerprint(k)).collect();
                return Ok(Err(format!(
                    "it is signed with a key this laptop does not know for them (fingerprint {}; it knows {}). If they now score on another laptop, compare the fingerprint with them and trust it: rung keys trust --interviewer {id} --key {public_key}",
                    rung_core::signing::fingerprint(public_key),
                    fingerprints.join(", ")
                )));
            }
        }
        let tx = self.write()?;
        add_key(&tx, public_key, interviewer, KeyOrigin::Team)?;
        tx.commit()?;
        Ok(Ok(()))
    }

    /// The signature a decision travels with: the one it was recorded with. One recorded
    /// here before signatures is signed now by this laptop's key, once its seal is checked.
    pub fn decision_signature(&self, decision: &Decision) -> Result<Option<SealSignature>, StoreError> {
        let stored = |conn: &Connection| -> Result<Option<SealSignature>, StoreError> {
            Ok(conn
                .query_row(
                    "SELECT public_key, signature FROM decision_signatures WHERE decision_id = ?1",
                    [decision.id],
                    |row| Ok(SealSignature { public_key: row.get(0)?, signature: row.get(1)? }),
                )
                .optional()?)
        };
        if let Some(signature) = stored(&self.conn)? {
            return Ok(Some(signature));
        }
        let imported: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM imported_decisions WHERE decision_id = ?1)",
            [decision.id],
            |row| row.get(0),
        )?;
        if imported || rung_core::decision::seal(decision) != decision.seal_sha256 {
            return Ok(None);
        }
        let tx = self.write()?;
        self.sign_decision(&tx, decision)?;
        tx.commit()?;
        stored(&self.conn)
    }

    /// Keeps the signature a decision from the team carried (checked by the caller),
    /// with the ids it was sealed over where it was made.
    pub fn keep_arrived_decision_signature(
        &mut self,
        local_id: i64,
        source: &Decision,
        signature: &SealSignature,
    ) -> Result<(), StoreError> {
        let ids = serde_json::json!({ "id": source.id, "candidate_id": source.candidate_id, "amends": source.amends });
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO decision_signatures (decision_id, signed_seal, public_key, signature, source_ids)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![local_id, source.seal_sha256, signature.public_key, signature.signature, ids.to_string()],
        )?;
        tx.commit()
    }

    /// `rung keys trust`: trusts another key of an interviewer (they score on another laptop).
    pub fn trust_key(&mut self, interviewer_id: i64, public_key: &str) -> Result<(), StoreError> {
        if !rung_core::signing::is_public_key(public_key) {
            return Err(StoreError::Invalid(
                "That is not a public key: give the 64 hex digits the refusal or `rung keys` printed.".into(),
            ));
        }
        let tx = self.write()?;
        let exists: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM interviewers WHERE id = ?1)", [interviewer_id], |row| {
                row.get(0)
            })?;
        if !exists {
            return Err(StoreError::NotFound { what: "interviewer", id: interviewer_id });
        }
        let owner: Option<Option<i64>> = tx
            .query_row("SELECT interviewer_id FROM signing_keys WHERE public_key = ?1", [public_key], |row| row.get(0))
            .optional()?;
        match owner {
            Some(Some(id)) if id == interviewer_id => return Ok(()),
            Some(_) => {
                return Err(StoreError::Invalid(
                    "This laptop already knows that key as someone else's; a key signs for one person.".into(),
                ))
            }
            None => add_key(&tx, public_key, Some(interviewer_id), KeyOrigin::Trusted)?,
        }
        tx.commit()
    }

    /// The keys this laptop trusts, oldest first.
    pub fn trusted_keys(&self) -> Result<Vec<TrustedKey>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT k.public_key, k.interviewer_id, i.name, k.origin, k.first_seen_at
             FROM signing_keys k LEFT JOIN interviewers i ON i.id = k.interviewer_id ORDER BY k.rowid",
        )?;
        let rows = statement.query_map([], |row| {
            let public_key: String = row.get(0)?;
            Ok(TrustedKey {
                fingerprint: rung_core::signing::fingerprint(&public_key),
                public_key,
                interviewer_id: row.get(1)?,
                interviewer: row.get(2)?,
                origin: row.get(3)?,
                first_seen_at: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The laptop's own public key for an interviewer (made if needed), to register on the
    /// team server.
    pub fn own_public_key(&self, interviewer: Option<i64>) -> Result<String, StoreError> {
        let known: Option<String> = self
            .conn
            .query_row(
                "SELECT public_key FROM signing_keys WHERE origin = 'this_laptop' AND interviewer_id IS ?1
                 ORDER BY rowid DESC LIMIT 1",
                [interviewer],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(public_key) = known {
            return Ok(public_key);
        }
        let tx = self.write()?;
        let pair = self.own_key(&tx, interviewer)?;
        tx.commit()?;
        Ok(pair.public_key())
    }
}

fn add_key(conn: &Connection, public_key: &str, interviewer: Option<i64>, origin: KeyOrigin) -> Result<(), StoreError> {
    let inserted = conn.execute(
        "INSERT INTO signing_keys (public_key, interviewer_id, origin, first_seen_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (public_key) DO NOTHING",
        params![public_key, interviewer, origin.as_str(), crate::now()],
    )?;
    if inserted > 0 {
        // The key itself is no personal data; the log lets `db check` tell a key added
        // through Rung from one slipped into the file.
        let payload =
            serde_json::json!({ "public_key": public_key, "origin": origin.as_str(), "interviewer_id": interviewer });
        crate::audit::append(conn, "rung", "key.add", "interviewer", interviewer.unwrap_or(0), &payload)?;
    }
    Ok(())
}

/// The names a scorecard is signed with, as they are here now.
struct SignedNames {
    candidate: String,
    target_role_key: String,
    interviewer: String,
    interview: Option<String>,
}

impl SignedNames {
    fn statement<'a>(&'a self, seal: &'a str) -> Statement<'a> {
        Statement::Scorecard {
            seal,
            candidate: &self.candidate,
            target_role_key: &self.target_role_key,
            interviewer: &self.interviewer,
            interview: self.interview.as_deref(),
        }
    }
}

fn names_of(conn: &Connection, scorecard: &Scorecard) -> Result<SignedNames, StoreError> {
    let (candidate, target_role_key): (String, String) = conn.query_row(
        "SELECT name, target_role_key FROM candidates WHERE id = ?1",
        [scorecard.candidate_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let interviewer: String =
        conn.query_row("SELECT name FROM interviewers WHERE id = ?1", [scorecard.interviewer_id], |row| row.get(0))?;
    let interview: Option<String> = match scorecard.interview_id {
        Some(id) => conn.query_row("SELECT name FROM interviews WHERE id = ?1", [id], |row| row.get(0)).optional()?,
        None => None,
    };
    Ok(SignedNames {
        candidate: display_name(&candidate),
        target_role_key,
        interviewer: display_name(&interviewer),
        interview: interview.map(|i| display_name(&i)),
    })
}

fn stored_scorecard_signature(conn: &Connection, scorecard_id: i64) -> Result<Option<ScorecardSignature>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT candidate, target_role_key, public_key, signature FROM scorecard_signatures WHERE scorecard_id = ?1",
            [scorecard_id],
            |row| {
                Ok(ScorecardSignature {
                    candidate: row.get(0)?,
                    target_role_key: row.get(1)?,
                    public_key: row.get(2)?,
                    signature: row.get(3)?,
                })
            },
        )
        .optional()?)
}

/// A stored scorecard signature and what `db check` needs to verify it.
pub(crate) struct StoredScorecardSignature {
    pub scorecard_id: i64,
    pub signed_seal: String,
    pub interviewer: String,
    pub interview: Option<String>,
    pub signature: ScorecardSignature,
    pub source_ids: Option<String>,
}

pub(crate) fn all_scorecard_signatures(conn: &Connection) -> Result<Vec<StoredScorecardSignature>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT scorecard_id, signed_seal, candidate, target_role_key, interviewer, interview, public_key, signature, source_ids
         FROM scorecard_signatures ORDER BY scorecard_id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(StoredScorecardSignature {
            scorecard_id: row.get(0)?,
            signed_seal: row.get(1)?,
            interviewer: row.get(4)?,
            interview: row.get(5)?,
            signature: ScorecardSignature {
                candidate: row.get(2)?,
                target_role_key: row.get(3)?,
                public_key: row.get(6)?,
                signature: row.get(7)?,
            },
            source_ids: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl StoredScorecardSignature {
    pub fn holds(&self) -> bool {
        self.signature.seal_signature().verifies(&Statement::Scorecard {
            seal: &self.signed_seal,
            candidate: &self.signature.candidate,
            target_role_key: &self.signature.target_role_key,
            interviewer: &self.interviewer,
            interview: self.interview.as_deref(),
        })
    }

    /// The scorecard as it was sealed where it was made: local content, source ids.
    pub fn as_sealed_there(&self, local: &Scorecard) -> Option<Scorecard> {
        let Some(json) = &self.source_ids else { return Some(local.clone()) };
        let ids: StoredSourceIds = serde_json::from_str(json).ok()?;
        Some(Scorecard {
            id: ids.scorecard,
            candidate_id: ids.candidate,
            interviewer_id: ids.interviewer,
            interview_id: ids.interview,
            amends_scorecard_id: ids.amends_scorecard,
            ..local.clone()
        })
    }
}

/// A decision's stored signature and what `db check` needs to verify it.
pub(crate) struct StoredDecisionSignature {
    pub decision_id: i64,
    pub signed_seal: String,
    pub signature: SealSignature,
    /// JSON of the ids it was sealed over where it was made (from the team), if elsewhere.
    pub source_ids: Option<String>,
}

pub(crate) fn all_decision_signatures(conn: &Connection) -> Result<Vec<StoredDecisionSignature>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT decision_id, signed_seal, public_key, signature, source_ids FROM decision_signatures ORDER BY decision_id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(StoredDecisionSignature {
            decision_id: row.get(0)?,
            signed_seal: row.get(1)?,
            signature: SealSignature { public_key: row.get(2)?, signature: row.get(3)? },
            source_ids: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
