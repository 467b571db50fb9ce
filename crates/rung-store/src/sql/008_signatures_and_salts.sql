-- Who sealed it (docs/signing.md): every scorecard and decision sealed from now on is
-- signed with an Ed25519 key; seals carry a random salt that erasure destroys.

-- The keys this laptop trusts. A key made here belongs to one person on this laptop
-- (interviewer_id), or is the laptop's own for decisions (NULL). A key that arrived (a
-- bundle, the team server) is pinned to the interviewer it first signed for.
CREATE TABLE signing_keys (
    public_key      TEXT PRIMARY KEY CHECK (length(public_key) = 64),
    interviewer_id  INTEGER REFERENCES interviewers(id),
    origin          TEXT NOT NULL CHECK (origin IN ('this_laptop', 'bundle', 'team', 'trusted')),
    first_seen_at   TEXT NOT NULL
) STRICT;

CREATE INDEX signing_keys_by_interviewer ON signing_keys (interviewer_id);

CREATE TRIGGER signing_keys_are_kept BEFORE DELETE ON signing_keys
BEGIN
    SELECT RAISE(ABORT, 'a signing key is never forgotten');
END;

CREATE TRIGGER signing_keys_keep_their_owner BEFORE UPDATE ON signing_keys
BEGIN
    SELECT RAISE(ABORT, 'a signing key is never forgotten');
END;

-- A scorecard's signature with what it is over: the seal it was submitted with (here,
-- the scorecard's own; imported, the seal from where it was made, over `source_ids`)
-- and the names signed with it.
CREATE TABLE scorecard_signatures (
    scorecard_id    INTEGER PRIMARY KEY REFERENCES scorecards(id) ON DELETE CASCADE,
    signed_seal     TEXT NOT NULL,
    candidate       TEXT NOT NULL,
    target_role_key TEXT NOT NULL,
    interviewer     TEXT NOT NULL,
    interview       TEXT,
    public_key      TEXT NOT NULL REFERENCES signing_keys(public_key),
    signature       TEXT NOT NULL,
    -- JSON {scorecard, candidate, interviewer, interview, amends_scorecard} where it was made.
    source_ids      TEXT
) STRICT;

CREATE TABLE decision_signatures (
    decision_id     INTEGER PRIMARY KEY REFERENCES decisions(id) ON DELETE CASCADE,
    signed_seal     TEXT NOT NULL,
    public_key      TEXT NOT NULL REFERENCES signing_keys(public_key),
    signature       TEXT NOT NULL,
    -- JSON {id, candidate_id, amends} where it was made, for a decision from the server.
    source_ids      TEXT
) STRICT;

CREATE TRIGGER scorecard_signature_update BEFORE UPDATE ON scorecard_signatures
BEGIN
    SELECT RAISE(ABORT, 'scorecard is sealed: its signature never changes');
END;

-- A signature goes only with its scorecard (the cascade of an erasure, when the row is
-- already gone) or while its candidate is being erased.
CREATE TRIGGER scorecard_signature_delete BEFORE DELETE ON scorecard_signatures
WHEN EXISTS (SELECT 1 FROM scorecards s WHERE s.id = OLD.scorecard_id
             AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.candidate_id = s.candidate_id))
BEGIN
    SELECT RAISE(ABORT, 'scorecard is sealed: its signature never changes');
END;

CREATE TRIGGER decision_signature_update BEFORE UPDATE ON decision_signatures
BEGIN
    SELECT RAISE(ABORT, 'decision is sealed: its signature never changes');
END;

CREATE TRIGGER decision_signature_delete BEFORE DELETE ON decision_signatures
WHEN EXISTS (SELECT 1 FROM decisions d WHERE d.id = OLD.decision_id
             AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.candidate_id = d.candidate_id))
BEGIN
    SELECT RAISE(ABORT, 'decision is sealed: its signature never changes');
END;

-- What was sealed before this version signed anything: kept as it was, listed once here
-- (and gone with its row when erased). Nothing can be added later (the triggers below),
-- so a forged unsigned row cannot hide among them: `db check` reports any sealed row
-- that is neither signed nor listed.
CREATE TABLE scorecards_sealed_unsigned (
    scorecard_id    INTEGER PRIMARY KEY REFERENCES scorecards(id) ON DELETE CASCADE
) STRICT;

CREATE TABLE decisions_sealed_unsigned (
    decision_id     INTEGER PRIMARY KEY REFERENCES decisions(id) ON DELETE CASCADE
) STRICT;

INSERT INTO scorecards_sealed_unsigned (scorecard_id) SELECT id FROM scorecards WHERE status = 'submitted';
INSERT INTO decisions_sealed_unsigned (decision_id) SELECT id FROM decisions;

CREATE TRIGGER scorecards_sealed_unsigned_closed BEFORE INSERT ON scorecards_sealed_unsigned
BEGIN
    SELECT RAISE(ABORT, 'only what was sealed before signatures is listed, once');
END;

CREATE TRIGGER decisions_sealed_unsigned_closed BEFORE INSERT ON decisions_sealed_unsigned
BEGIN
    SELECT RAISE(ABORT, 'only what was sealed before signatures is listed, once');
END;

CREATE TRIGGER scorecards_sealed_unsigned_kept BEFORE UPDATE ON scorecards_sealed_unsigned
BEGIN
    SELECT RAISE(ABORT, 'only what was sealed before signatures is listed, once');
END;

CREATE TRIGGER decisions_sealed_unsigned_kept BEFORE UPDATE ON decisions_sealed_unsigned
BEGIN
    SELECT RAISE(ABORT, 'only what was sealed before signatures is listed, once');
END;

ALTER TABLE scorecards ADD COLUMN seal_salt TEXT;
ALTER TABLE decisions ADD COLUMN seal_salt TEXT;
