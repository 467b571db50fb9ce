-- The panel's decision, sealed like a scorecard; a change is a new row that amends the
-- one before it. (Replaces the first schema's panel_decisions, which nothing wrote.)
DROP TABLE panel_decisions;

CREATE TABLE decisions (
    id                      INTEGER PRIMARY KEY,
    candidate_id            INTEGER NOT NULL REFERENCES candidates(id),
    outcome                 TEXT NOT NULL CHECK (outcome IN ('hire', 'no_hire', 'hold')),
    role_key                TEXT,
    band                    TEXT CHECK (band IN ('maturing', 'performing', 'exceeding')),
    recommended_role_key    TEXT,
    recommended_band        TEXT CHECK (recommended_band IN ('maturing', 'performing', 'exceeding')),
    overrides               INTEGER NOT NULL CHECK (overrides IN (0, 1)),
    reason                  TEXT,
    decided_by              TEXT NOT NULL,
    decided_at              TEXT NOT NULL,
    amends_decision_id      INTEGER UNIQUE REFERENCES decisions(id),
    seal_sha256             TEXT NOT NULL,
    CHECK ((role_key IS NULL) = (band IS NULL)),
    CHECK (overrides = 0 OR reason IS NOT NULL),
    CHECK (amends_decision_id IS NULL OR reason IS NOT NULL)
) STRICT;

CREATE INDEX decisions_by_candidate ON decisions(candidate_id);

CREATE TRIGGER sealed_decision_update BEFORE UPDATE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'decision is sealed: record an amendment instead');
END;

CREATE TRIGGER sealed_decision_delete BEFORE DELETE ON decisions
WHEN NOT EXISTS (SELECT 1 FROM erasures WHERE candidate_id = OLD.candidate_id)
BEGIN
    SELECT RAISE(ABORT, 'decision is sealed: record an amendment instead');
END;

-- A ladder's level policy as the company tuned it in the app. The snapshot stays as
-- imported (it is immutable); this row, when present, is the policy in force.
CREATE TABLE ladder_policies (
    ladder_id   INTEGER PRIMARY KEY REFERENCES ladders(id),
    policy_json TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
