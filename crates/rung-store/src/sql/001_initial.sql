-- Rung's schema for the whole product. Timestamps are RFC 3339 UTC text.

-- Ladders are immutable snapshots: the exact JSON a scorecard was built on.
CREATE TABLE ladders (
    id              INTEGER PRIMARY KEY,
    source_sha256   TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    source_name     TEXT NOT NULL,
    snapshot_json   TEXT NOT NULL,
    snapshot_sha256 TEXT NOT NULL,
    is_default      INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    imported_at     TEXT NOT NULL
) STRICT;

CREATE TRIGGER ladders_are_immutable BEFORE UPDATE OF source_sha256, snapshot_json, snapshot_sha256 ON ladders
BEGIN
    SELECT RAISE(ABORT, 'ladder snapshots are immutable');
END;

CREATE TABLE interviewers (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE candidates (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    email           TEXT,
    ladder_id       INTEGER NOT NULL REFERENCES ladders(id),
    target_role_key TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

-- A candidate being erased: while a row is here, their sealed records may be deleted.
CREATE TABLE erasures (
    candidate_id    INTEGER PRIMARY KEY,
    requested_at    TEXT NOT NULL
) STRICT;

CREATE TABLE panel_plans (
    id              INTEGER PRIMARY KEY,
    candidate_id    INTEGER NOT NULL UNIQUE REFERENCES candidates(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE interviews (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES panel_plans(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    interviewer_id  INTEGER REFERENCES interviewers(id),
    UNIQUE (plan_id, position)
) STRICT;

CREATE TABLE interview_focus (
    interview_id        INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    role_key            TEXT NOT NULL,
    characteristic_key  TEXT NOT NULL,
    PRIMARY KEY (interview_id, role_key, characteristic_key)
) STRICT;

CREATE TABLE questions (
    id                  INTEGER PRIMARY KEY,
    candidate_id        INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    role_key            TEXT NOT NULL,
    characteristic_key  TEXT NOT NULL,
    position            INTEGER NOT NULL,
    text                TEXT NOT NULL,
    edited              INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1))
) STRICT;

CREATE TABLE scorecards (
    id                      INTEGER PRIMARY KEY,
    candidate_id            INTEGER NOT NULL REFERENCES candidates(id),
    interviewer_id          INTEGER NOT NULL REFERENCES interviewers(id),
    interview_id            INTEGER REFERENCES interviews(id),
    ladder_id               INTEGER NOT NULL REFERENCES ladders(id),
    ladder_snapshot_sha256  TEXT NOT NULL,
    status                  TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    overall                 TEXT CHECK (overall IN ('strong_no', 'no', 'yes', 'strong_yes')),
    level_opinion           TEXT,
    summary                 TEXT NOT NULL DEFAULT '',
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    submitted_at            TEXT,
    seal_sha256             TEXT,
    amends_scorecard_id     INTEGER REFERENCES scorecards(id),
    amendment_reason        TEXT,
    CHECK ((status = 'submitted') = (seal_sha256 IS NOT NULL AND submitted_at IS NOT NULL)),
    CHECK ((amends_scorecard_id IS NULL) = (amendment_reason IS NULL))
) STRICT;

CREATE INDEX scorecards_by_candidate ON scorecards(candidate_id, interviewer_id);

CREATE TABLE ratings (
    scorecard_id        INTEGER NOT NULL REFERENCES scorecards(id),
    role_key            TEXT NOT NULL,
    characteristic_key  TEXT NOT NULL,
    score               INTEGER CHECK (score BETWEEN 1 AND 4),  -- NULL: not assessed
    notes               TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL,
    PRIMARY KEY (scorecard_id, role_key, characteristic_key)
) STRICT;

-- Sealing: a submitted scorecard and its ratings never change, unless the candidate is being erased.
CREATE TRIGGER sealed_scorecard_update BEFORE UPDATE ON scorecards
WHEN OLD.status = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'scorecard is sealed: submit an amendment instead');
END;

CREATE TRIGGER sealed_scorecard_delete BEFORE DELETE ON scorecards
WHEN OLD.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM erasures WHERE candidate_id = OLD.candidate_id)
BEGIN
    SELECT RAISE(ABORT, 'scorecard is sealed: submit an amendment instead');
END;

CREATE TRIGGER sealed_rating_insert BEFORE INSERT ON ratings
WHEN (SELECT status FROM scorecards WHERE id = NEW.scorecard_id) = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'scorecard is sealed: submit an amendment instead');
END;

CREATE TRIGGER sealed_rating_update BEFORE UPDATE ON ratings
WHEN (SELECT status FROM scorecards WHERE id = OLD.scorecard_id) = 'submitted'
  OR (SELECT status FROM scorecards WHERE id = NEW.scorecard_id) = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'scorecard is sealed: submit an amendment instead');
END;

CREATE TRIGGER sealed_rating_delete BEFORE DELETE ON ratings
WHEN (SELECT status FROM scorecards WHERE id = OLD.scorecard_id) = 'submitted'
  AND NOT EXISTS (SELECT 1 FROM erasures e JOIN scorecards s ON s.candidate_id = e.candidate_id WHERE s.id = OLD.scorecard_id)
BEGIN
    SELECT RAISE(ABORT, 'scorecard is sealed: submit an amendment instead');
END;

CREATE TABLE panel_decisions (
    id                  INTEGER PRIMARY KEY,
    candidate_id        INTEGER NOT NULL UNIQUE REFERENCES candidates(id),
    role_key            TEXT NOT NULL,
    band                TEXT NOT NULL CHECK (band IN ('maturing', 'performing', 'exceeding')),
    computed_json       TEXT NOT NULL,
    overrides_computed  INTEGER NOT NULL CHECK (overrides_computed IN (0, 1)),
    reason              TEXT,
    decided_by          TEXT NOT NULL,
    decided_at          TEXT NOT NULL,
    CHECK (overrides_computed = 0 OR reason IS NOT NULL)
) STRICT;

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    candidate_id    INTEGER REFERENCES candidates(id) ON DELETE SET NULL,
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;

-- Append-only, hash-chained. Payloads carry ids, scores and hashes: no personal data.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    payload     TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
